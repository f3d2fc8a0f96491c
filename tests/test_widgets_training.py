"""Tests for the training panel of notebook 07, driven as a learner would: set the controls,
press Train, read the status line and look at the picture."""

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from micrograd import plots  # noqa: E402
from micrograd.data import default_train_path, load_dataset, make_moons  # noqa: E402
from micrograd.nn import MLP  # noqa: E402
from micrograd.train import train  # noqa: E402
from micrograd.widgets import TrainingPanel, training_panel  # noqa: E402
from micrograd.widgets.training_panel import _parse_hidden_sizes  # noqa: E402

TINY = make_moons(12, noise=0.1, seed=5)
COURSE = load_dataset(default_train_path())  # the 100 points notebook 07 trains on
PNG = b"\x89PNG\r\n\x1a\n"


def _panel(**settings):
    settings = {"steps": 4, "hidden": "4", "redraw_every": 100, **settings}
    return training_panel(TINY.X, TINY.y, **settings)


def test_the_panel_shows_its_controls_with_stable_css_classes():
    panel = _panel()
    assert isinstance(panel, TrainingPanel)
    for widget, css in ((panel.learning_rate, "micrograd-lr-slider"),
                        (panel.train_button, "micrograd-train-button"),
                        (panel.status, "micrograd-status"),
                        (panel.plot, "micrograd-loss-plot")):
        assert css in widget._dom_classes
    assert panel.learning_rate.readout  # the learning rate is shown as text beside the slider
    assert panel.learning_rate.min == -3 and panel.learning_rate.max == 2  # 0.001 .. 100
    # d3-format's ".3~g" in the browser writes what format_rate's ".3g" writes: "20", not "20.0"
    assert panel.learning_rate.readout_format == ".3~g"
    assert panel.learning_rate.get_state()["readout_format"] == ".3~g"
    assert bytes(panel.plot.value).startswith(PNG)
    assert "Press Train" in panel.status.value and "micrograd-advice" not in panel.status.value
    assert panel.history is None and panel.advice_text is None
    bundle = panel._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"] == repr(panel)


def test_clicking_train_trains_and_redraws():
    panel = _panel(redraw_every=2)
    before = panel.plot.value
    drawn = []  # each picture the page is sent, as it is sent
    panel.plot.observe(lambda change: drawn.append(change.new), "value")
    panel.learning_rate.value = 0.5
    panel.train_button.click()
    assert panel.history is not None and len(panel.history.loss) == 4
    assert panel.history.learning_rate == [0.5] * 4
    assert len(drawn) >= 2  # redrawn during training, and once at the end
    assert panel.plot.value != before and bytes(panel.plot.value).startswith(PNG)
    assert panel.status_text.startswith("Done: step 4/4 — loss ")
    assert "accuracy " in panel.status_text and panel.status_text in panel.status.value
    assert not panel.train_button.disabled


def test_the_same_seed_gives_the_same_run_and_another_seed_another():
    first = _panel(seed=3).train()
    again = _panel(seed=3).train()
    other = _panel(seed=4).train()
    assert first.loss == again.loss
    assert first.loss != other.loss


def test_the_status_line_follows_the_steps():
    panel = _panel(steps=3)
    seen = []
    panel.status.observe(lambda change: seen.append(change["new"]), names="value")
    panel.train()
    assert any("step 1/3 — loss" in text for text in seen)
    assert any("step 2/3 — loss" in text for text in seen)


@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid"])
def test_every_activation_trains(activation):
    panel = _panel(activation=activation)
    history = panel.train()
    assert len(history.loss) == 4
    assert panel.model.layers[0].neurons[0].activation == activation


def test_a_huge_learning_rate_says_the_loss_blew_up():
    panel = _panel(activation="relu", hidden="8, 8", steps=20, seed=1)
    panel.learning_rate.value = 100
    before = panel.plot.value
    panel.train_button.click()  # must not raise
    assert panel.status_text.startswith("Stopped at step ")
    assert panel.advice_kind == "error"
    assert "with learning rate 100; try a smaller learning rate, such as 10." in panel.advice_text
    assert "micrograd-advice-error" in panel.status.value and "#b00020" in panel.status.value
    assert panel.plot.value != before and bytes(panel.plot.value).startswith(PNG)
    assert not panel.train_button.disabled


def _course_panel(rate, steps, seed):
    """The notebook's panel (16, 16, tanh) on the course's data, set as a teacher sets it."""
    panel = training_panel(COURSE.X, COURSE.y, steps=steps, seed=seed, redraw_every=1000)
    panel.learning_rate.value = rate
    panel.train_button.click()
    return panel


@pytest.mark.parametrize("rate, steps, seed, expected", [
    # too large: every tanh saturated at once, the loss stuck at 2 (each output wrong by 1)
    (100, 10, 0, ["Learning rate 100 is too large: the loss went up from 0.4317 to 2.0000 and "
                  "has not moved since step 1 (accuracy 50%)", "such as 10."]),
    # the slider's notch 10 ** 1.3 = 19.9526... is shown as 20: the panel trains at 20
    (10 ** 1.3, 10, 1, ["Learning rate 20 is too large: the loss went up from 0.9087 to 2.0000",
                        "such as 2."]),
    # too large, stuck lower than it started
    (10, 10, 1, ["Learning rate 10 is too large: the loss stopped at 0.5200 and has not moved "
                 "since step 5 (accuracy 87%)", "such as 1."]),
    (10, 10, 0, ["Learning rate 10 is too large: the loss went up from 0.4317 to 0.6000",
                 "such as 1."]),
    # too small: the loss hardly moves
    (0.001, 10, 1, ["Learning rate 0.001 is too small: the loss falls slowly, each step taking "
                    "only 0.11% off it", "such as 0.01."]),
    (0.001, 10, 0, ["Learning rate 0.001 is too small", "such as 0.01."]),
    # too few steps: the notebook's settings, cut short
    (0.2, 5, 1, ["Too few steps: the loss was still falling fast when training stopped, each "
                 "step taking 19% off it.", "Try more steps, such as 10."]),
])
def test_each_run_a_teacher_shows_gets_its_advice(rate, steps, seed, expected):
    panel = _course_panel(rate, steps, seed)
    assert panel.status_text.startswith(f"Done: step {steps}/{steps} — loss ")
    assert panel.advice_kind == "warning"
    for text in expected:
        assert text in panel.advice_text
    assert "19.95" not in panel.advice_text and "1.995" not in panel.advice_text
    assert set(panel.history.learning_rate) == {float(f"{rate:.3g}")}  # as the slider shows it
    assert panel.advice_text in panel.status_text  # what print(panel.status_text) shows
    # the box stands out: coloured and bordered, the problem in bold
    assert "micrograd-advice-warning" in panel.status.value and "#8a4b00" in panel.status.value
    assert f"<b>{panel.advice_text.partition(': ')[0]}</b>" in panel.status.value


def test_the_notebooks_settings_train_well_and_get_no_advice():
    panel = _course_panel(0.2, 60, 1)
    assert panel.status_text == ("Done: step 60/60 — loss 0.0384, accuracy 100%; after its "
                                 "update: loss 0.0375, accuracy 100%")
    assert panel.advice_text is None and panel.advice_kind is None
    assert "micrograd-advice" not in panel.status.value


def test_sixty_steps_at_a_rate_of_0_01_are_too_small():
    panel = _course_panel(0.01, 60, 1)
    assert panel.status_text.startswith("Done: step 60/60 — loss 0.4605, accuracy 85%")
    assert panel.advice_text.startswith("Learning rate 0.01 is too small")
    assert "such as 0.1." in panel.advice_text


def test_the_panel_trains_at_the_rate_its_slider_shows():
    panel = _panel(steps=2)
    panel.learning_rate.value = 10 ** -0.7  # a notch of the slider: 0.19952..., shown as 0.2
    assert panel.rate() == 0.2 and "learning rate 0.2," in repr(panel)
    panel.train()
    assert panel.history.learning_rate == [0.2, 0.2]
    # the same run as train() at 0.2 from the same starting weights
    model = panel.build_model()
    assert train(model, panel.X, panel.y, steps=2, learning_rate=0.2).loss == panel.history.loss
    assert isinstance(model, MLP)


def test_bad_hidden_sizes_are_explained_not_raised():
    panel = _panel()
    panel.hidden.value = "16, x"  # what a learner types into the box
    assert panel.train() is None
    assert "'x' is not a layer size" in panel.advice_text and panel.advice_kind == "error"
    assert "micrograd-advice-error" in panel.status.value
    assert panel.history is None


def test_parse_hidden_sizes():
    assert _parse_hidden_sizes("16, 16") == [16, 16]
    assert _parse_hidden_sizes(" 8 ;4,") == [8, 4]
    for text in ("", "0", "-3", "2.5", "100", "1,1,1,1,1", "²"):
        with pytest.raises(ValueError, match="hidden layers"):
            _parse_hidden_sizes(text)


@pytest.mark.parametrize("settings, message", [
    ({"learning_rate": 1000}, "off the slider, which goes from 0.001 to 100"),
    ({"steps": 0}, "steps must be a whole number of at least 1"),
    ({"steps": 301}, "off the slider, which goes from 1 to 300"),
    ({"seed": -1}, "from 0 to 1000000"),
    ({"seed": 10**7}, "from 0 to 1000000"),
    ({"activation": "linear"}, "choose one of tanh, relu, sigmoid"),
    ({"hidden": "16, x"}, "'x' is not a layer size"),
    ({"redraw_every": 0}, "redraw_every=0 must be None"),
])
def test_settings_the_controls_cannot_show_are_refused(settings, message):
    X, y = [[0.0, 1.0], [1.0, 0.0]], [1.0, -1.0]
    with pytest.raises(ValueError, match=message):
        training_panel(X, y, **settings)


@pytest.mark.parametrize("settings", [{"learning_rate": "0.1"}, {"learning_rate": True},
                                      {"learning_rate": float("nan")}, {"learning_rate": -1},
                                      {"steps": "60"}, {"steps": 2.5}])
def test_the_panel_refuses_what_train_refuses_with_the_same_message(settings):
    X, y = [[0.0, 1.0], [1.0, 0.0]], [1.0, -1.0]
    with pytest.raises((TypeError, ValueError)) as from_train:
        train(MLP(2, [1]), X, y, **settings)
    with pytest.raises(type(from_train.value)) as from_panel:
        training_panel(X, y, **settings)
    assert str(from_panel.value) == str(from_train.value)
    assert "such as" in str(from_panel.value)  # says what to write instead


def test_hidden_sizes_may_be_a_list_and_nothing_else():
    X, y = [[0.0, 1.0], [1.0, 0.0]], [1.0, -1.0]
    assert training_panel(X, y, hidden=[8, 4]).hidden.value == "8, 4"
    with pytest.raises(TypeError, match='hidden must be layer sizes such as "16, 16"'):
        training_panel(X, y, hidden=16)


def test_no_points_or_bad_labels_are_refused():
    with pytest.raises(ValueError, match="training_panel: X and y are empty"):
        training_panel([], [])
    with pytest.raises(ValueError, match="training_panel: X has 2 points but y has 1 label;"):
        training_panel([[0.0, 1.0], [1.0, 0.0]], [1.0])
    with pytest.raises(ValueError, match="training_panel: label 0 is 0.0, but labels must be -1"):
        training_panel([[0.0, 1.0]], [0.0])


@pytest.mark.parametrize("steps", [1, 2])
def test_one_step_is_a_run_too_short_as_two_are(steps):
    # the notebook's settings, 1 or 2 steps: 0.9087 at step 0, 0.7442 after one update
    panel = _course_panel(0.2, steps, 1)
    assert panel.advice_kind == "warning"
    assert panel.advice_text.startswith("Too few steps: the loss was still falling fast")
    assert f"Try more steps, such as {2 * steps}." in panel.advice_text


def test_one_step_reports_the_loss_after_it_and_draws_both(monkeypatch):
    drawn = []
    real_plot_loss = plots.plot_loss
    monkeypatch.setattr(plots, "plot_loss", lambda loss, **kw: (drawn.append(list(loss)),
                                                                  real_plot_loss(loss, **kw))[1])
    panel = _course_panel(0.2, 1, 1)
    # the result is the trained network's loss, not the untrained one measured in step 0
    assert panel.status_text.startswith("Done: step 1/1 — loss 0.9087, accuracy 73%; after its "
                                        "update: loss 0.7442, accuracy 76%")
    assert panel.history.loss_after == pytest.approx(0.7442, abs=5e-5)
    # the last picture: the loss before the step and after it, two points
    assert drawn[-1] == [panel.history.loss[0], panel.history.loss_after]
    assert bytes(panel.plot.value).startswith(PNG)


def test_the_panel_counts_its_steps_in_words():
    assert "1 step, hidden" in repr(_panel(steps=1))
    assert "4 steps, hidden" in repr(_panel(steps=4))
