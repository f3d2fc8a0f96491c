"""The live training panel of notebook 07, driven from Python as the page drives it: Play, Pause,
Step and Reset, the settings as traits, points added and removed, a point picked, a data set
chosen, a CSV loaded; and what the panel then says and sends the page."""

import math
import random
import time
from pathlib import Path

import pytest
import traitlets

from micrograd.data import default_train_path, load_dataset, make_circles, make_moons
from micrograd.nn import classifier
from micrograd.train import History, train
from micrograd.widgets import TrainingPanel, training_panel
from micrograd.widgets.training_panel import _parse_hidden_sizes

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "reference-data"  # CI puts the shared folder beside the clone
TINY = make_moons(12, noise=0.1, seed=5)
COURSE = load_dataset(default_train_path())  # the 100 points notebook 07 trains on
WAIT = 120  # s: the longest a test waits for the background thread, on a loaded machine


def _panel(X=TINY.X, y=TINY.y, **settings):
    settings = {"steps": 4, "hidden": "4", **settings}
    return training_panel(X, y, **settings)


def _weights(model):
    return [p.data for p in model.parameters()]


def _until(condition, what):
    """Wait for the background thread, polling: never a fixed sleep."""
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.005)


def _message(panel, **content):
    """What the page's buttons and clicks send, through the widget's own message handler."""
    panel._handle_custom_msg(content, [])


# ---- what the page is given -----------------------------------------------------------------

def test_a_new_panel_shows_its_settings_and_a_first_frame_before_anything_runs():
    panel = _panel(learning_rate=0.2, seed=3)
    assert isinstance(panel, TrainingPanel)
    assert (panel.learning_rate, panel.steps, panel.hidden, panel.activation, panel.seed) == \
        (0.2, 4, "4", "tanh", 3)
    frame = panel.frame
    assert frame["state"] == "ready" and frame["step"] == 0 and frame["losses"] == []
    assert frame["status"] == ("Ready: step 0 of 4, learning rate 0.2. Press Play to train, or "
                               "Step for one step.")
    assert frame["points"] == [[x[0], x[1], int(label)] for x, label in zip(TINY.X, TINY.y)]
    network = frame["network"]
    assert network["sizes"] == [2, 4, 1] and network["activations"] == ["tanh", "tanh"]
    start = classifier(2, [4], rng=random.Random(3))  # the seed's starting weights
    assert [w for layer in network["layers"] for neuron in layer for w in neuron] == \
        [w for layer in start.layers for n in layer.neurons for w in _weights(n)]
    assert panel.history.steps == 0 and panel.advice_text is None
    # the page's script and style ship with the package, and every control's range with them
    assert "export default" in panel._esm and ".mg-panel" in panel._css
    assert panel.limits["steps"] == [1, TrainingPanel.MAX_STEPS]
    assert set(panel.limits["datasets"]) == {"course", "moons", "circles", "xor", "spiral", "csv"}
    from micrograd.plots import CLASS_STYLES  # the page draws the classes as the plots do

    assert {k: (v["colour"], v["shape"]) for k, v in panel.limits["classes"].items()} == \
        {str(k): (v["color"], v["shape"]) for k, v in CLASS_STYLES.items()}
    assert repr(panel).startswith("TrainingPanel(learning rate 0.2, 4 steps, hidden '4', tanh, "
                                  "seed 3, Ready: step 0 of 4")


def test_a_notebook_that_cannot_draw_widgets_shows_the_panels_state_as_text():
    bundle = _panel()._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert "application/vnd.jupyter.widget-view+json" in data
    assert data["text/plain"].startswith("TrainingPanel(")


# ---- training: the engine's steps, unchanged ------------------------------------------------

def test_train_gives_the_same_steps_as_train_itself():
    panel = _panel(COURSE.X[:30], COURSE.y[:30], learning_rate=0.2, steps=5, hidden="16, 16",
                   seed=1)
    history = panel.train()
    model = classifier(2, [16, 16], rng=random.Random(1))
    expected = train(model, COURSE.X[:30], COURSE.y[:30], steps=5, learning_rate=0.2)
    assert history.loss == expected.loss and history.accuracy == expected.accuracy
    assert _weights(panel.model) == _weights(model)
    assert history.loss_after == expected.loss_after
    assert panel.status_text.startswith(f"Done: step 5 of 5, learning rate 0.2 — loss "
                                        f"{expected.loss[-1]:.4f}, accuracy ")
    assert panel.frame["losses"] == expected.loss_curve and panel.frame["state"] == "done"


def test_the_course_run_of_5_steps_says_what_notebook_07_says():
    short = training_panel(COURSE.X, COURSE.y, learning_rate=0.2, steps=5, seed=1)
    short.train()
    line, advice = short.status_text.split("\n")
    assert line.startswith("Done: step 5 of 5, learning rate 0.2 — loss 0.4149, accuracy ")
    assert advice.startswith("Too few steps: the loss was still falling fast")
    assert short.advice_kind == "warning" and short.frame["advice"] == advice


def test_step_takes_one_step_at_a_time_and_the_last_one_finishes_the_run():
    panel = _panel(steps=3, learning_rate=0.5)
    model = panel.build_model()
    expected = train(model, TINY.X, TINY.y, steps=3, learning_rate=0.5)
    for k in range(1, 4):
        _message(panel, do="step")
        assert panel.history.steps == k and panel.history.loss == expected.loss[:k]
        assert panel.frame["step"] == k
    assert panel.frame["state"] == "done" and panel.status_text.startswith("Done: step 3 of 3")
    assert _weights(panel.model) == _weights(model)
    _message(panel, do="step")  # after a finished run, Step starts a new one
    assert panel.history.steps == 1 and panel.history.loss == expected.loss[:1]


def test_play_trains_in_the_background_and_pause_stops_it_at_a_finished_step():
    panel = _panel(COURSE.X, COURSE.y, steps=300, hidden="16, 16", learning_rate=0.2)
    _message(panel, do="play")
    assert panel.frame["state"] == "running"  # the first frame is sent at once
    assert panel.frame["status"].startswith("Training: ") or panel.history.steps == 0
    _until(lambda: panel.history.steps >= 2, "two steps")
    _message(panel, do="pause")
    steps = panel.history.steps
    assert panel.frame["state"] == "paused" and panel.frame["step"] == steps
    assert panel.status_text.startswith(f"Paused: step {steps} of 300, learning rate 0.2 — ")
    # nothing moved since: the dropped step updated nothing, and recorded nothing
    model = panel.build_model()
    train(model, COURSE.X, COURSE.y, steps=steps, learning_rate=0.2)
    assert _weights(panel.model) == _weights(model)
    assert len(panel.history.loss) == len(panel.history.learning_rate) == steps
    _message(panel, do="step")  # Step after Pause takes its step
    assert panel.history.steps == steps + 1
    # Play goes on from there
    panel.steps = steps + 2
    _message(panel, do="play")
    assert panel.wait(WAIT) and panel.history.steps == steps + 2


def test_a_new_learning_rate_while_it_runs_is_used_from_the_next_step_and_marked():
    panel = _panel(steps=200, learning_rate=0.1)
    panel.play()
    _until(lambda: panel.history.steps >= 2, "two steps")
    panel.learning_rate = 0.5
    _until(lambda: 0.5 in panel.history.learning_rate, "a step at the new rate")
    panel.pause()
    rates = panel.history.learning_rate
    first = rates.index(0.5)
    assert first >= 2 and set(rates[:first]) == {0.1} and set(rates[first:]) == {0.5}
    assert [first, "rate 0.5"] in panel.frame["marks"]
    assert ", learning rate 0.5 — " in panel.status_text


def test_the_slider_rate_is_the_rate_it_shows():
    panel = _panel(learning_rate=10 ** 1.3)  # the notch at 19.95...
    panel.step()
    assert panel.history.learning_rate == [20.0]


def test_a_new_network_comes_from_a_change_of_hidden_layers_activation_or_seed():
    panel = _panel(steps=3)
    panel.train()
    panel.hidden = "3, 2"
    assert panel.history.steps == 0 and panel.frame["network"]["sizes"] == [2, 3, 2, 1]
    panel.activation = "relu"
    assert panel.frame["network"]["activations"] == ["relu", "relu", "linear"]
    panel.seed = 9
    assert _weights(panel.model) == _weights(classifier(2, [3, 2], "relu",
                                                        rng=random.Random(9)))


def test_settings_that_cannot_be_used_are_said_and_nothing_is_lost():
    panel = _panel()
    panel.hidden = "16, x"
    assert panel.frame["state"] == "error" and panel.frame["network"] is None
    assert panel.advice_kind == "error" and "'x' is not a layer size" in panel.advice_text
    assert panel.status_text.startswith("No network: the settings need a change.")
    panel.play()  # nothing to train: nothing happens, nothing raises
    assert panel.wait(1) and panel.history.steps == 0
    panel.hidden = "4"
    assert panel.frame["state"] == "ready" and panel.advice_text is None
    for name, value in (("learning_rate", 500.0), ("learning_rate", -1.0), ("steps", 0),
                        ("activation", "gelu"), ("dataset", "mnist"), ("seed", -1),
                        ("noise", 2.0), ("n_points", 3), ("click_mode", "draw")):
        with pytest.raises((traitlets.TraitError, ValueError), match=name):
            setattr(panel, name, value)
    assert panel.frame["state"] == "ready" and len(panel.y) == len(TINY.y)


@pytest.mark.parametrize("settings, where", [
    ({"learning_rate": 1000}, "off the slider"), ({"steps": 0}, "steps"),
    ({"activation": "gelu"}, "choose one of tanh, relu, sigmoid"),
    ({"seed": 1.5}, "whole number"), ({"hidden": "0"}, "not a layer size")])
def test_the_panel_refuses_settings_its_controls_cannot_show(settings, where):
    with pytest.raises(ValueError, match=where):
        _panel(**settings)


def test_the_panel_needs_points_in_the_plane():
    with pytest.raises(ValueError, match="2 numbers"):
        training_panel([[0.0, 1.0, 2.0]], [1.0])


def test_parse_hidden_sizes():
    assert _parse_hidden_sizes("16, 16") == [16, 16] and _parse_hidden_sizes("8;4") == [8, 4]
    for text, where in (("", "at least one"), ("a", "not a layer size"),
                        ("100", "too slowly")):
        with pytest.raises(ValueError, match=where):
            _parse_hidden_sizes(text)


# ---- the advice a teacher's demos rely on ---------------------------------------------------

@pytest.mark.parametrize("rate, steps, advice", [
    (20, 30, "learning rate 20 is too large"), (0.01, 60, "learning rate 0.01 is too small"),
    (0.2, 5, "too few steps")])
def test_the_advice_for_a_rate_too_large_too_small_and_too_few_steps(rate, steps, advice):
    panel = training_panel(COURSE.X, COURSE.y, learning_rate=rate, steps=steps, seed=1)
    panel.train()
    assert panel.advice_text.lower().startswith(advice), panel.advice_text
    assert panel.frame["advice"] == panel.advice_text


def test_a_loss_that_blows_up_stops_the_run_and_says_so():
    panel = training_panel(COURSE.X, COURSE.y, learning_rate=0.2, steps=60, seed=1,
                           activation="relu")
    panel.train()
    assert panel.frame["state"] == "stopped" and panel.advice_kind == "error"
    assert panel.status_text.startswith(f"Stopped at step {panel.history.steps}: the loss "
                                        "blew up.")
    assert all(v is None or math.isfinite(v) for v in panel.frame["losses"])
    panel.play()  # Play after it blew up starts again from the seed
    panel.pause()
    assert panel.frame["state"] in ("paused", "stopped", "done")


# ---- data the student changes ---------------------------------------------------------------

def test_clicks_add_and_remove_points_and_training_goes_on_with_them():
    panel = _panel(steps=2)
    panel.step()
    _message(panel, do="add", x=[0.5, -0.25], label=-1)
    assert panel.y[-1] == -1.0 and panel.X[-1] == [0.5, -0.25] and len(panel.y) == 13
    assert panel.frame["points"][-1] == [0.5, -0.25, -1]
    assert [1, "added a point of class -1"] in panel.frame["marks"]
    _message(panel, do="remove", index=0)
    assert len(panel.y) == 12 and panel.X[0] == TINY.X[1]
    panel.step()
    assert panel.history.steps == 2


def test_points_that_do_not_exist_are_refused_and_two_points_stay():
    panel = _panel(X=TINY.X[:2], y=TINY.y[:2])
    for index in (2, -1, 0.5):
        with pytest.raises(ValueError, match="there is no point"):
            panel.remove_point(index)
    panel.remove_point(0)
    assert len(panel.y) == 2 and "at least 2 points" in panel.advice_text
    with pytest.raises(ValueError, match="label of -1 or 1"):
        panel.add_point(0, 0, 2)
    _message(panel, do="remove", index=7)  # from the page: said, not raised
    assert "there is no point 7" in panel.advice_text


def test_choosing_a_data_set_keeps_the_network_learning():
    panel = _panel(steps=3)
    panel.step()
    weights = _weights(panel.model)
    panel.n_points = 40
    panel.dataset = "circles"
    made = make_circles(40, noise=0.1, seed=0)
    assert panel.X == made.X and panel.y == made.y
    assert len(panel.y) == 40 and _weights(panel.model) == weights
    assert [1, "data: circles"] in panel.frame["marks"]
    panel.noise = 0.3
    assert panel.X == make_circles(40, noise=0.3, seed=0).X
    panel.step()
    assert panel.history.steps == 2
    _message(panel, do="reset")  # back to the course's data and the seed's weights
    assert panel.dataset == "course" and panel.X == TINY.X and panel.history.steps == 0
    assert _weights(panel.model) == _weights(panel.build_model())


def test_a_csv_file_written_by_another_port_can_be_trained_on(tmp_path):
    panel = _panel()
    path = REFERENCE / "java-port-train.csv"
    if not path.is_file():
        path = tmp_path / "train.csv"
        path.write_text("x1,x2,y\n0.1,0.2,1\n-0.3,0.4,-1\n0.5,-0.6,1\n", encoding="utf-8")
    panel.load_csv(path)
    expected = load_dataset(path)
    assert panel.dataset == "csv" and panel.X == expected.X and panel.y == expected.y
    panel.step()
    assert panel.history.steps == 1


def test_a_csv_that_cannot_be_used_changes_nothing_and_says_why():
    panel = _panel()
    before = (panel.X, panel.y, panel.dataset)
    _message(panel, do="csv", name="marks.csv", text="a,b,y\n1,2,3\n")
    assert (panel.X, panel.y, panel.dataset) == before
    assert panel.advice_text.startswith("The file was not used: marks.csv")
    _message(panel, do="csv", name="three.csv", text="a,b,c,y\n1,2,3,1\n2,3,4,-1\n")
    assert "needs 2 feature columns; this file has 3" in panel.advice_text
    assert (panel.X, panel.y) == before[:2]


# ---- a point inspected ----------------------------------------------------------------------

def test_a_picked_point_shows_every_neurons_output_and_its_gradient():
    panel = _panel(COURSE.X[:20], COURSE.y[:20], hidden="3, 2", learning_rate=0.3)
    chosen = panel.inspect(4)
    assert [len(layer) for layer in chosen["layers"]] == [3, 2, 1]
    assert chosen["x"] == COURSE.X[4] and chosen["label"] == int(COURSE.y[4])
    output = panel.model(COURSE.X[4]).data
    assert chosen["layers"][-1][0]["output"] == pytest.approx(output)
    # the mean squared error's gradient with respect to this point's output
    assert chosen["layers"][-1][0]["grad"] == pytest.approx(2 * (output - COURSE.y[4]) / 20)
    assert panel.history.steps == 0  # measured without taking a step
    panel.step()  # each step measures it again, at the weights that step starts from
    assert panel.frame["chosen"]["layers"][-1][0]["output"] == pytest.approx(output)
    _message(panel, do="inspect", index=None)
    assert panel.frame["chosen"] is None
    with pytest.raises(ValueError, match="there is no point 20"):
        panel.inspect(20)


def test_frames_are_sent_at_most_ten_times_a_second_while_it_runs():
    panel = _panel(COURSE.X, COURSE.y, steps=15, hidden="16, 16")
    frames = []
    panel.observe(lambda change: frames.append(time.monotonic()), "frame")
    start = time.monotonic()
    panel.play()
    panel.wait(WAIT)
    seconds = time.monotonic() - start
    assert frames and panel.frame["state"] == "done" and panel.frame["step"] == 15
    # the first at once, one at the end, and in between at most 10 a second
    assert len(frames) <= 2 + 10 * seconds + 1, (len(frames), seconds)


def test_history_is_a_history():
    assert isinstance(_panel().history, History)


def test_where_no_kernel_runs_it_the_panel_is_a_picture_named_by_what_it_shows():
    from micrograd.widgets.training_panel import static_html

    panel = training_panel(COURSE.X, COURSE.y, learning_rate=0.2, steps=60, seed=1)
    page = static_html(panel.frame)  # what the website shows for the stored panel
    assert "<p>Ready: step 0 of 60, learning rate 0.2." in page
    assert 'src="data:image/png;base64,iVBORw0KGgo' in page
    right = sum((out > 0) == (label > 0) for out, label in
                zip((panel.model(x).data for x in COURSE.X), COURSE.y))
    assert (f'alt="The training panel&#x27;s data: 100 points, 50 of class +1 and 50 of class '
            f'−1, and the decision boundary of the network at step 0: {right} of 100 points on '
            "their class&#x27;s side.") in page
    panel.hidden = "x"  # no network: the data alone
    assert "decision boundary" not in static_html(panel.frame)
