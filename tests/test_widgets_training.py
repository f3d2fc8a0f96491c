"""Tests for the training panel of notebook 06, driven as a learner would: set the controls,
press Train, read the status line and look at the picture."""

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from micrograd.data import make_moons  # noqa: E402
from micrograd.widgets import TrainingPanel, _parse_hidden_sizes, training_panel  # noqa: E402

TINY = make_moons(12, noise=0.1, seed=5)
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
    assert bytes(panel.plot.value).startswith(PNG)
    assert "Press Train" in panel.status.value
    assert panel.history is None and panel.redraws == 0
    bundle = panel._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"] == repr(panel)


def test_clicking_train_trains_and_redraws():
    panel = _panel(redraw_every=2)
    before = panel.plot.value
    panel.learning_rate.value = 0.5
    panel.train_button.click()
    assert panel.history is not None and len(panel.history.loss) == 4
    assert panel.history.learning_rate == [0.5] * 4
    assert panel.redraws >= 2  # the callback redrew during training, and once at the end
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
    assert panel.status_text.startswith("The loss blew up at step ")
    assert "with learning rate 100: try a smaller learning rate" in panel.status_text
    assert "#b00020" in panel.status.value  # shown in red
    assert panel.plot.value != before and bytes(panel.plot.value).startswith(PNG)
    assert not panel.train_button.disabled


def test_a_saturated_tanh_network_gets_advice():
    panel = _panel(steps=10)
    panel.learning_rate.value = 100
    panel.train()
    assert "The loss went up" in panel.status_text
    assert "such as 10" in panel.status_text


def test_bad_hidden_sizes_are_explained_not_raised():
    panel = _panel()
    panel.hidden.value = "16, x"  # what a learner types into the box
    assert panel.train() is None
    assert "'x' is not a layer size" in panel.status_text
    assert panel.history is None


def test_parse_hidden_sizes():
    assert _parse_hidden_sizes("16, 16") == [16, 16]
    assert _parse_hidden_sizes(" 8 ;4,") == [8, 4]
    for text in ("", "0", "-3", "2.5", "100", "1,1,1,1,1", "²"):
        with pytest.raises(ValueError, match="hidden layers"):
            _parse_hidden_sizes(text)


@pytest.mark.parametrize("settings, message", [
    ({"learning_rate": 1000}, "off the slider"),
    ({"steps": 0}, "from 1 to 300"),
    ({"seed": -1}, "0 or more"),
    ({"activation": "linear"}, "choose one of tanh, relu, sigmoid"),
    ({"hidden": "16, x"}, "'x' is not a layer size"),
])
def test_settings_the_controls_cannot_show_are_refused(settings, message):
    X, y = [[0.0, 1.0], [1.0, 0.0]], [1.0, -1.0]
    with pytest.raises(ValueError, match=message):
        training_panel(X, y, **settings)


def test_no_points_or_bad_labels_are_refused():
    with pytest.raises(ValueError, match="0 points and 0 labels"):
        training_panel([], [])
    with pytest.raises(ValueError, match="-1 or 1"):
        training_panel([[0.0, 1.0]], [0.0])
