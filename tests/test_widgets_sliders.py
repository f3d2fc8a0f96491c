"""The neuron explorer's sliders and the page: what the code set stays set.

The page's slider (noUiSlider, in ipywidgets' JavaScript) snaps every value to its grid in
floating point, so 1.0 comes back as 0.9999999999999996. An ipywidgets FloatSlider with
continuous_update sends such a snapped value back to the kernel as soon as the page draws it;
under Run All that message arrived after the next cell had set the slider, and undid it. These
tests stand in for the page with `page_snap`, noUiSlider's arithmetic written out in Python (the
same IEEE doubles, so the same results); tests/browser/test_run_all.py runs the real page.
"""

import math

import pytest

from micrograd.widgets import GridSlider, neuron_explorer


def page_snap(value, low, high, step):
    """The value noUiSlider 15 (ipywidgets 8.1's) gives back for `value` on a slider from `low`
    to `high`: toStepping (to a percentage of the range), getStep (to the nearest step, in
    percent), fromStepping (back to a value), as in its Spectrum class."""
    def percent(amount):  # its h(): an amount as a percentage of the range
        return 100 * amount / (high - low)

    pct = percent(value + abs(low) if low < 0 else value - low) / (100 / 100)
    if pct >= 100:
        return high
    step_pct = percent(step) / (100 / 100)
    pct = math.floor(pct / step_pct + 0.5) * step_pct  # JavaScript's Math.round
    if pct >= 100:
        return high
    return pct * (100 / 100) * (high - low) / 100 + low


GRID = [k / 100 for k in range(-300, 301)]  # the explorer's slider: -3 to 3 in steps of 0.01


def test_the_page_gives_back_other_floats_for_half_the_grid():
    # the trouble these sliders avoid, shown: the notebook's own x0 = 1.0 comes back changed
    assert page_snap(1.0, -3.0, 3.0, 0.01) == 0.9999999999999996
    assert page_snap(0.0, -3.0, 3.0, 0.01) == 0.0
    changed = [v for v in GRID if page_snap(v, -3.0, 3.0, 0.01) != v]
    assert len(changed) > len(GRID) // 3, len(changed)


def test_the_page_sends_values_only_for_a_persons_move():
    # continuous_update off: ipywidgets' page sends a value when the slider is let go, moved by
    # a key or typed into, never when it snaps a value the kernel gave it (first on drawing it)
    explorer = neuron_explorer(show_graph=False)
    for slider in explorer.sliders.values():
        assert isinstance(slider, GridSlider)
        assert slider.continuous_update is False
    assert GridSlider(value=0.5, min=-1, max=1, step=0.01).continuous_update is False


@pytest.mark.parametrize("name", ["x0", "b"])
def test_a_snapped_value_from_the_page_is_the_value_it_was_given(name):
    explorer = neuron_explorer(show_graph=False)
    slider = explorer.sliders[name]
    updates = []
    slider.observe(updates.append, names="value")
    for value in GRID:
        slider.value = value
        seen = len(updates)
        slider.set_state({"value": page_snap(value, -3.0, 3.0, 0.01)})  # as the page sends it
        assert slider.value == value, (value, slider.value)
        assert len(updates) == seen, f"{value}: the explorer redrew for the same value"


def test_a_move_to_one_from_the_page_is_one():
    # a learner moves x0 back to 1.00 after the notebook set it to 0: the kernel has 1.0, not
    # 0.9999999999999996, and the explorer shows what neuron_explorer(x0=1.0) shows
    explorer = neuron_explorer(show_graph=False)
    at_one = explorer.text
    explorer.sliders["x0"].value = 0.0
    assert explorer.text != at_one
    explorer.sliders["x0"].set_state({"value": page_snap(1.0, -3.0, 3.0, 0.01)})
    assert explorer.sliders["x0"].value == 1.0
    assert explorer.values()["x0"] == 1.0
    assert explorer.text == at_one


def test_values_from_code_land_on_the_grid():
    slider = neuron_explorer(show_graph=False).sliders["w0"]
    for given, kept in [(0.123, 0.12), (-0.15000000000000002, -0.15), (0.1 + 0.2, 0.3),
                        (0.125, 0.12), (7.0, 3.0), (-9.5, -3.0), (-3.0, -3.0), (3.0, 3.0)]:
        slider.value = given
        assert slider.value == kept, (given, slider.value)
    # every grid point is its own nearest grid point: nothing set on the grid moves
    for value in GRID:
        slider.value = value
        assert slider.value == value
