"""Tests for micrograd.plots: every plot is titled and labelled, shows each point once, in its
class's colour and shape (1 blue circles, -1 orange squares), and says in words what it shows."""

import random

import matplotlib

matplotlib.use("Agg")  # no window; set before pyplot is imported anywhere

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402

from micrograd.data import make_moons  # noqa: E402
from micrograd.display import figure_png  # noqa: E402
from micrograd.engine import Value  # noqa: E402
from micrograd.nn import MLP  # noqa: E402
from micrograd.plots import (  # noqa: E402
    CLASS_COLORS,
    CLASS_STYLES,
    RUN_STYLES,
    WRONG_STYLE,
    describe,
    network_outputs,
    plot_dataset,
    plot_decision_boundary,
    plot_history,
    plot_loss,
    plot_predictions,
    use_course_style,
)
from micrograd.train import History, train  # noqa: E402

DATA = make_moons(20, noise=0.1, seed=3)
ORANGE, BLUE = to_rgba(CLASS_COLORS[-1]), to_rgba(CLASS_COLORS[1])


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _model(activation="tanh", linear_output=False, seed=0):
    return MLP(2, [4, 4, 1], activation=activation, linear_output=linear_output,
               rng=random.Random(seed))


def _points_by_colour(ax):
    """{rgba colour: number of points} over every scatter in the axes (circles excluded)."""
    counts = {}
    for coll in ax.collections:
        faces = coll.get_facecolors()
        if len(faces) == 0 or not hasattr(coll, "get_offsets"):
            continue
        for colour in faces:
            key = tuple(np.round(colour, 3))
            counts[key] = counts.get(key, 0) + len(coll.get_offsets()) // len(faces)
    return counts


def _labelled(ax):
    return ax.get_title() and ax.get_xlabel() and ax.get_ylabel()


def test_use_course_style_sets_projector_sizes():
    use_course_style()
    assert matplotlib.rcParams["font.size"] >= 14


def test_plot_dataset_colours_each_class_and_labels_the_axes():
    ax = plot_dataset(DATA.X, DATA.y, title="Moons")
    assert ax.get_title() == "Moons" and ax.get_xlabel() == "x1" and ax.get_ylabel() == "x2"
    counts = _points_by_colour(ax)
    n_orange, n_blue = DATA.y.count(-1.0), DATA.y.count(1.0)
    assert counts == {tuple(np.round(ORANGE, 3)): n_orange, tuple(np.round(BLUE, 3)): n_blue}
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["class 1 (blue circles)", "class −1 (orange squares)"]


def test_plot_dataset_draws_into_given_axes():
    fig, ax = plt.subplots()
    assert plot_dataset(DATA.X, DATA.y, ax=ax) is ax


def test_plot_dataset_rejects_a_label_that_is_not_a_class():
    with pytest.raises(ValueError, match="label 0 is 0.5, but a label must be -1 or 1"):
        plot_dataset([[0, 0]], [0.5])


def test_plot_history_draws_loss_and_accuracy_per_step():
    history = History()
    history.loss = [0.9, 0.5, 0.2]
    history.accuracy = [0.5, 0.75, 1.0]
    loss_ax, acc_ax = plot_history(history)
    assert _labelled(loss_ax) and _labelled(acc_ax)
    (loss_line,), (acc_line,) = loss_ax.get_lines(), acc_ax.get_lines()
    assert list(loss_line.get_xdata()) == [0, 1, 2]  # steps counted from 0, as train() does
    assert list(loss_line.get_ydata()) == [0.9, 0.5, 0.2]
    assert list(acc_line.get_ydata()) == [50, 75, 100]  # percent
    assert "%" in acc_ax.get_ylabel()


def test_plot_history_overlays_two_runs_with_a_legend():
    axes = plot_history({"loss": [1.0, 0.5], "accuracy": [0.5, 1.0]}, label="first")
    plot_history({"loss": [1.0, 0.8], "accuracy": [0.5, 0.5]}, axes=axes, label="second")
    assert [t.get_text() for t in axes[0].get_legend().get_texts()] == ["first", "second"]
    assert len(axes[1].get_lines()) == 2


def test_plot_history_says_what_it_needs():
    with pytest.raises(TypeError, match=r"\.loss"):
        plot_history([0.1, 0.2])


def test_plot_loss_turns_logarithmic_when_the_loss_blows_up():
    assert plot_loss([1.0, 0.5]).get_yscale() == "linear"
    ax = plot_loss([1.0, 1e5, 1e40])
    assert ax.get_yscale() == "log" and "log" in ax.get_ylabel()


def test_network_outputs_match_the_forward_pass():
    points = [[0.3, -0.2], [1.5, 0.7], [-1.0, 0.0]]
    for activation, linear in (("tanh", False), ("relu", True), ("sigmoid", True),
                               ("sigmoid", False)):
        model = _model(activation, linear)
        fast = network_outputs(model, points)
        slow = [model(p).data for p in points]
        assert fast == pytest.approx(slow, rel=1e-12, abs=1e-12)


def test_network_outputs_calls_any_other_model_point_by_point():
    def model(p):
        return Value(p[0] - p[1])

    assert network_outputs(model, [[1, 2], [3, 1]]) == [-1.0, 2.0]


def test_plot_decision_boundary_shades_the_plane_under_the_points():
    model = _model()
    ax = plot_decision_boundary(model, DATA.X, DATA.y, resolution=12)
    assert _labelled(ax)
    counts = _points_by_colour(ax)
    assert counts[tuple(np.round(ORANGE, 3))] == DATA.y.count(-1.0)
    assert counts[tuple(np.round(BLUE, 3))] == DATA.y.count(1.0)
    assert len(ax.figure.axes) == 2  # the plot and its colour bar
    xs = [p[0] for p in DATA.X]
    left, right = ax.get_xlim()
    assert left < min(xs) and right > max(xs)


def test_plot_decision_boundary_needs_a_sensible_resolution():
    with pytest.raises(ValueError, match="resolution"):
        plot_decision_boundary(_model(), DATA.X, DATA.y, resolution=1)


def test_plot_decision_boundary_survives_a_diverged_network():
    model = _model()
    for p in model.parameters():
        p.data = float("nan")
    ax = plot_decision_boundary(model, DATA.X, DATA.y, resolution=8, colorbar=False)
    assert _labelled(ax)


def test_plot_predictions_circles_the_misclassified_points():
    outputs = [0.9 if label == 1 else -0.8 for label in DATA.y]
    outputs[0] = -outputs[0]
    outputs[5] = -outputs[5]
    ax = plot_predictions(DATA.X, DATA.y, [Value(o) for o in outputs])
    assert _labelled(ax)
    assert ax.get_title() == f"Predictions: {len(DATA.y) - 2} of {len(DATA.y)} right"
    circles = [c for c in ax.collections if len(c.get_facecolors()) == 0]
    assert len(circles) == 1 and len(circles[0].get_offsets()) == 2
    assert sum(_points_by_colour(ax).values()) == len(DATA.y)


def test_plot_predictions_checks_the_lengths():
    with pytest.raises(ValueError, match="one output per point"):
        plot_predictions(DATA.X, DATA.y, [0.5])


def test_a_trained_history_plots():
    model = _model()
    history = train(model, DATA.X, DATA.y, steps=2, learning_rate=0.1)
    loss_ax, acc_ax = plot_history(history)
    # the 2 steps' losses, then the loss after the last update
    assert list(loss_ax.get_lines()[0].get_ydata()) == history.loss + [history.loss_after]


def test_one_step_of_training_plots_the_loss_before_and_after_it():
    history = train(_model(), DATA.X, DATA.y, steps=1, learning_rate=0.5)
    loss_ax, acc_ax = plot_history(history)
    (loss_line,), (acc_line,) = loss_ax.get_lines(), acc_ax.get_lines()
    assert list(loss_line.get_xdata()) == [0, 1]
    assert list(loss_line.get_ydata()) == [history.loss[0], history.loss_after]
    assert list(acc_line.get_ydata()) == [100 * history.accuracy[0],
                                          100 * history.accuracy_after]
    assert loss_line.get_marker() == "o" and acc_line.get_marker() == "o"  # two points, seen
    # whole steps, with room either side; the loss from 0 to above both points
    assert loss_ax.get_xlim() == (-0.5, 1.5) and list(loss_ax.get_xticks()) == [0, 1]
    low, high = loss_ax.get_ylim()
    assert low == 0 and high > max(history.loss[0], history.loss_after)


def test_a_single_loss_is_a_point_on_a_sensible_scale():
    # a history of one step without its loss after (made by hand): the one point, marked, at
    # step 0 on an axis of whole steps, not matplotlib's -0.045 .. 0.045
    ax = plot_loss([0.9])
    (line,) = ax.get_lines()
    assert line.get_marker() == "o"
    assert ax.get_xlim() == (-0.5, 0.5) and list(ax.get_xticks()) == [0]
    assert ax.get_ylim()[0] == 0 and ax.get_ylim()[1] > 0.9
    loss_ax, _ = plot_history({"loss": [0.9], "accuracy": [0.5], "loss_after": 0.7,
                               "accuracy_after": 0.75})
    assert list(loss_ax.get_lines()[0].get_ydata()) == [0.9, 0.7]


def test_a_long_curve_is_a_plain_line():
    (line,) = plot_loss([1 / (k + 1) for k in range(50)]).get_lines()
    assert line.get_marker() in ("None", "", None)


# ---- nothing by colour alone -------------------------------------------------------------------

def _markers_by_colour(ax):
    """{rgba colour: the marker's path vertices} for each scatter of points."""
    shapes = {}
    for coll in ax.collections:
        faces = coll.get_facecolors()
        if len(faces) and hasattr(coll, "get_offsets"):
            shapes[tuple(np.round(faces[0], 3))] = coll.get_paths()[0].vertices.round(3).tolist()
    return shapes


def test_the_classes_differ_by_shape_as_well_as_colour():
    shapes = _markers_by_colour(plot_dataset(DATA.X, DATA.y))
    assert len(shapes) == 2 and shapes[tuple(np.round(ORANGE, 3))] != shapes[
        tuple(np.round(BLUE, 3))]
    assert CLASS_STYLES[1]["marker"] != CLASS_STYLES[-1]["marker"]


def test_predictions_draw_each_answer_by_its_shape_and_ring_the_wrong_ones():
    outputs = [0.9 if label == 1 else -0.8 for label in DATA.y]
    outputs[0] = -outputs[0]
    ax = plot_predictions(DATA.X, DATA.y, outputs)
    assert len(_markers_by_colour(ax)) == 2
    (ring,) = [c for c in ax.collections if len(c.get_facecolors()) == 0]
    assert to_rgba(ring.get_edgecolors()[0]) == to_rgba(WRONG_STYLE["edgecolors"])
    assert "ringed" in ax.get_legend().get_texts()[-1].get_text()


def test_two_runs_on_the_same_axes_differ_by_line_style_even_in_the_same_colour():
    axes = plot_history({"loss": [1.0, 0.5], "accuracy": [0.5, 1.0]}, label="with",
                        color="#777777")
    plot_history({"loss": [1.0, 0.8], "accuracy": [0.5, 0.5]}, axes=axes, label="without",
                 color="#777777")
    for ax in axes:
        first, second = ax.get_lines()
        assert first.get_linestyle() != second.get_linestyle()
    assert [s["linestyle"] for s in RUN_STYLES[:2]] == ["-", "--"]


# ---- in words --------------------------------------------------------------------------------

def test_the_data_says_how_many_points_of_each_class_and_where():
    text = describe(plot_dataset(DATA.X, DATA.y, title="Moons").figure)
    assert text.startswith(f"Moons: {len(DATA.y)} points, {DATA.y.count(1.0)} in class 1 "
                           f"(blue circles) and {DATA.y.count(-1.0)} in class −1 (orange squares)")
    assert "centred at" in text


def test_a_history_says_how_the_loss_and_accuracy_went():
    axes = plot_history({"loss": [1.02, 0.5, 0.01], "accuracy": [0.5, 1.0, 1.0]})
    assert describe(axes[0].figure) == (
        "Loss at each step: fell from 1.02 at step 0 to 0.01 at step 2. "
        "Accuracy at each step: rose from 50% at step 0 to 100% at step 2, first reached at "
        "step 1.")


def test_compared_runs_are_each_described_by_their_label():
    axes = plot_history({"loss": [1.0, 0.5], "accuracy": [0.5, 1.0]}, label="with zero_grad()")
    plot_history({"loss": [1.0, 3.0], "accuracy": [0.5, 0.5]}, axes=axes, label="without")
    text = describe(axes[0].figure)
    assert ("Loss at each step: with zero_grad(): fell from 1 at step 0 to 0.5 at step 1; "
            "without: rose from 1 at step 0 to 3 at step 1.") in text


def test_a_loss_that_blows_up_says_so():
    assert "blew up: infinity at step 2" in describe(plot_loss([1.0, 10.0, float("inf")]))


def test_predictions_say_how_many_are_right_and_which_are_wrong():
    outputs = [0.9 if label == 1 else -0.8 for label in DATA.y]
    outputs[0] = -outputs[0]
    text = describe(plot_predictions(DATA.X, DATA.y, outputs).figure)
    n = len(DATA.y)
    x, y = DATA.X[0]
    assert text.startswith(f"Predictions: {n - 1} of {n} right: the 1 wrong point, ringed: (")
    assert f"is class {'1' if DATA.y[0] == 1 else '−1'}." in text
    assert describe(plot_predictions(DATA.X, DATA.y, DATA.y).figure) == (
        f"Predictions: {n} of {n} right: every point is drawn as its own class, and none is "
        "ringed.")


def test_the_boundary_says_how_much_of_the_plane_each_class_has_and_how_many_points_fit():
    text = describe(plot_decision_boundary(_model(), DATA.X, DATA.y, resolution=12).figure)
    assert text.startswith("The decision boundary: the network answers class 1 (pale blue) on ")
    assert f"of {len(DATA.y)} points lie on the side of their class." in text
    assert "network output" not in text  # the colour bar is not a plot of its own


def test_any_other_plot_is_described_from_its_lines_and_bars():
    fig, ax = plt.subplots()
    xs = [i / 10 for i in range(-50, 51)]
    ax.plot(xs, [3 * x * x - 4 * x + 5 for x in xs], label="f(x)")
    ax.plot([1, 2, 3], [2, 4, 6], "--", label="tangent")
    ax.plot([3], [20], "o")
    ax.set_title("A parabola")
    ax.set_xlabel("x")
    assert describe(fig) == (
        "A parabola: f(x): falls from 100 at x = −5 to its lowest, 3.67 at x = 0.7, then rises "
        "to 60 at x = 5; tangent: a straight line of slope 2, from 2 at x = 1 to 6 at x = 3; "
        "a point at x = 3, y = 20.")
    fig, ax = plt.subplots()
    ax.barh(["slow", "fast"], [900, 0.5])
    ax.set_xlabel("ms per step")
    fig.canvas.draw()  # sets the tick labels that name the bars
    assert describe(fig) == "A plot: 2 bars, ms per step: fast 0.5; slow 900."  # top to bottom


def test_a_figure_in_a_notebook_is_a_picture_named_by_what_it_shows():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    use_course_style()
    ax = plot_loss([1.0, 0.5])
    data, _ = shell.display_formatter.format(ax.figure)
    assert set(data) == {"text/html", "text/plain"}  # the PNG is inside the HTML, once
    assert data["text/plain"] == "Loss at each step: fell from 1 at step 0 to 0.5 at step 1."
    html = data["text/html"]
    assert html.startswith('<img class="micrograd-plot" alt="Loss at each step: fell from 1 ')
    assert 'src="data:image/png;base64,' in html


def test_a_plot_sits_on_a_card_with_rounded_corners():
    import io

    from PIL import Image

    picture = Image.open(io.BytesIO(figure_png(plot_loss([1.0, 0.5]).figure)))
    assert picture.mode == "RGBA"
    w, h = picture.size
    assert picture.getpixel((0, 0))[3] == 0  # a corner outside the rounding: transparent
    assert picture.getpixel((w // 2, 1))[:3] != (255, 255, 255)  # the border, not white
