"""Plots for the notebooks, sized for a classroom projector, one colour and one shape per class.

    plot_dataset(X, y)                      the points: class 1 blue circles, -1 orange squares
    plot_history(history)                   loss and accuracy after each training step
    plot_loss(history.loss)                 the loss alone
    plot_decision_boundary(model, X, y)     what the network answers everywhere in the plane
    plot_predictions(X, y, outputs)         the network's answers, the wrong ones ringed
    describe(fig)                           what a figure shows, in one line of words

Each function draws into the Axes it is given (`ax=`), or into a new figure, and returns what it
drew into, titled and with labelled axes. Each also notes in words what it drew, from the data
("Loss fell from 1.02 at step 0 to 0.0100 at step 100"): describe() reads those notes, and
describes any other plot from its lines and bars. After use_course_style(), a notebook shows every
figure as a picture whose alt text is that description (micrograd.display.show_figures_described).

Nothing is told by colour alone: the classes differ by shape too, a wrong answer is ringed, and
two runs on the same axes differ by line style. The colours are Okabe and Ito's, which stay
apart under every common colour-vision deficiency and in greyscale (tests/test_palette.py checks).
"""

import math
import re
import weakref

import matplotlib as mpl
import numpy as np
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from micrograd.checks import counted

# The two classes, everywhere in the course (the notebooks, the training panel, the website):
# a colour AND a shape each, so that they differ without colour vision, and in greyscale (the
# blue is dark, the orange light). The live training panel draws with the same (as JSON:
# json.dumps(CLASS_STYLES)).
CLASS_STYLES = {
    1: {"color": "#0072B2", "marker": "o", "shape": "circle", "colour_name": "blue",
        "name": "class 1 (blue circles)"},
    -1: {"color": "#E69F00", "marker": "s", "shape": "square", "colour_name": "orange",
         "name": "class −1 (orange squares)"},
}
CLASS_COLORS = {cls: style["color"] for cls, style in CLASS_STYLES.items()}
CLASS_NAMES = {cls: style["name"] for cls, style in CLASS_STYLES.items()}
# a point the network gets wrong: ringed in this, whatever its class
WRONG_STYLE = {"marker": "o", "s": 300, "facecolors": "none", "edgecolors": "#000000",
               "linewidths": 2.2}
# runs compared on the same axes (plot_history(..., axes=earlier)): each its colour and its line
# style, so that two loss curves differ without colour too
RUN_STYLES = [
    {"color": "#0072B2", "linestyle": "-"},    # blue, solid
    {"color": "#D55E00", "linestyle": "--"},   # vermilion, dashed
    {"color": "#009E73", "linestyle": ":"},    # bluish green, dotted
    {"color": "#000000", "linestyle": "-."},   # black, dash-dot
]
LOSS_COLOR = "#333333"  # one run alone: a dark line, read on the light card in either theme
ACCURACY_COLOR = "#009E73"

PROJECTOR_STYLE = {
    "figure.figsize": (8, 5.5),
    "figure.dpi": 100,
    "font.size": 14,
    "axes.titlesize": 17,
    "axes.labelsize": 15,
    "xtick.labelsize": 13,
    "ytick.labelsize": 13,
    "legend.fontsize": 13,
    "lines.linewidth": 2.5,
    "lines.markersize": 8,
    "axes.grid": True,
    "grid.alpha": 0.3,
}

# the background of a decision boundary: pale orange where the network says -1, pale blue for 1
# (the blue darker than the orange, as the points are, so the sides differ in greyscale too)
BOUNDARY_COLORS = ("#f6d79c", "#ffffff", "#8fc3e6")
BOUNDARY_CMAP = LinearSegmentedColormap.from_list("micrograd_classes", list(BOUNDARY_COLORS))

POINT_STYLE = {"s": 60, "edgecolors": "#1a1a1a", "linewidths": 0.6, "zorder": 3}

# what each plot function drew, in words, by the Axes it drew into (see describe)
_NOTES = weakref.WeakKeyDictionary()


def use_course_style():
    """Large fonts and thick lines, readable from the back of a lecture room; in a notebook,
    every figure is then shown with its description as alt text (see describe)."""
    mpl.rcParams.update(PROJECTOR_STYLE)
    from micrograd.display import show_figures_described

    show_figures_described()


# ---- the data --------------------------------------------------------------------------------

def plot_dataset(X, y, ax=None, title="The training data", feature_names=("x1", "x2")):
    """Scatter the points `X` ([x1, x2] each) by their labels `y`: class 1 blue circles, class
    -1 orange squares."""
    X, labels = _points(X), _labels(y)
    with mpl.rc_context(PROJECTOR_STYLE):
        ax = ax if ax is not None else _new_axes()
        _scatter_classes(ax, X, labels)
        _label_plane(ax, title, feature_names)
        ax.legend(loc="best")
    note(ax, _dataset_words(X, labels, feature_names))
    return ax


def _scatter_classes(ax, X, y, **style):
    """One scatter per class, so the legend names each class once."""
    X, y = _points(X), _labels(y)
    for cls in (1, -1):
        xs = [p for p, c in zip(X, y) if c == cls]
        if xs:
            ax.scatter([p[0] for p in xs], [p[1] for p in xs], c=CLASS_COLORS[cls],
                       marker=CLASS_STYLES[cls]["marker"], label=CLASS_NAMES[cls],
                       **{**POINT_STYLE, **style})


def _label_plane(ax, title, feature_names):
    ax.set_title(title)
    ax.set_xlabel(feature_names[0])
    ax.set_ylabel(feature_names[1])
    ax.set_aspect("equal", adjustable="datalim")


def _dataset_words(X, labels, feature_names):
    if not X:
        return "no points"
    counts = [f"{labels.count(cls)} in {CLASS_NAMES[cls]}" for cls in (1, -1)
              if labels.count(cls)]
    spans = " and ".join(f"{name} from {_num(min(p[i] for p in X))} to "
                         f"{_num(max(p[i] for p in X))}" for i, name in enumerate(feature_names))
    centres = []
    for cls in (1, -1):
        mine = [p for p, c in zip(X, labels) if c == cls]
        if mine:
            centres.append(f"class {_num(cls)} centred at ({_num(np.mean([p[0] for p in mine]))}, "
                           f"{_num(np.mean([p[1] for p in mine]))})")
    return (f"{counted(len(X), 'point')}, {' and '.join(counts)}; {spans}; "
            f"{', '.join(centres)}")


# ---- training --------------------------------------------------------------------------------

def plot_history(history, axes=None, label=None, color=None, title_prefix="", linestyle=None):
    """Two panels side by side: the loss and the accuracy (in percent) at each step, both
    measured in the step's forward pass, before its update, and at the end the network as the
    last update left it (train()'s `loss_after`): a run of N steps has N + 1 points, from
    step 0 to step N, and a run of one step shows the loss before and after it.

    `history` is what `train()` returns (anything with lists `.loss` and `.accuracy`, or a dict
    with those keys, and optionally "loss_after" and "accuracy_after"). Pass the `axes` of an
    earlier call, with a `label`, to compare two runs: each run takes the next of RUN_STYLES, a
    colour and a line style (solid, dashed, ...), unless `color` or `linestyle` is given.
    Returns the two Axes, (loss, accuracy).
    """
    loss, accuracy = _history_lists(history)
    with mpl.rc_context(PROJECTOR_STYLE):
        if axes is None:
            fig = _new_figure(figsize=(13, 5))
            axes = fig.subplots(1, 2)
        loss_ax, acc_ax = axes
        run = _run_style(acc_ax, label, color, linestyle, default_color=ACCURACY_COLOR)
        plot_loss(loss, ax=loss_ax, label=label, color=color, linestyle=linestyle,
                  title=f"{title_prefix}Loss at each step")
        acc_ax.plot(range(len(accuracy)), [100 * a for a in accuracy], label=label,
                    **run, **_markers(len(accuracy)))
        _steps_axis(acc_ax, len(accuracy))
        acc_ax.set_title(f"{title_prefix}Accuracy at each step")
        acc_ax.set_xlabel("training step")
        acc_ax.set_ylabel("accuracy (%)")
        acc_ax.set_ylim(0, 105)
        if label is not None:
            loss_ax.legend(loc="best")
            acc_ax.legend(loc="best")
        loss_ax.figure.tight_layout()
    note(acc_ax, _curve_words("accuracy", [100 * a for a in accuracy], label, percent=True))
    return loss_ax, acc_ax


def plot_loss(loss, ax=None, label=None, color=None, title="Loss at each step", linestyle=None):
    """The loss at each step (step 0 first, as train() counts; pass `history.loss_curve` to end
    with the loss after the last update). A short run marks every point, so that one or two
    losses are seen. When the loss grows by more than a factor 100, as when training blows up,
    the loss axis is logarithmic. A second curve on the same axes (with a `label`) takes the
    next of RUN_STYLES, as plot_history's runs do."""
    loss = [float(v) for v in loss]
    with mpl.rc_context(PROJECTOR_STYLE):
        ax = ax if ax is not None else _new_axes()
        ax.plot(range(len(loss)), loss, label=label,
                **_run_style(ax, label, color, linestyle, default_color=LOSS_COLOR),
                **_markers(len(loss)))
        ax.set_title(title)
        ax.set_xlabel("training step")
        ax.set_ylabel("loss")
        _steps_axis(ax, len(loss))
        finite = [v for v in loss if math.isfinite(v)]
        if finite and min(finite) > 0 and max(finite) > 100 * min(finite):
            ax.set_yscale("log")
            ax.set_ylabel("loss (log scale)")
        elif finite:  # from 0, with room above the highest point for its marker
            ax.set_ylim(0, max(ax.get_ylim()[1], 1.08 * max(finite)))
    note(ax, _curve_words("loss", loss, label))
    return ax


def _run_style(ax, label, color, linestyle, default_color):
    """A run's colour and line style: one run alone is a solid line in `default_color`; runs
    with labels take RUN_STYLES in turn, by how many lines the axes hold already."""
    if label is None and not ax.get_lines():
        style = {"color": default_color, "linestyle": "-"}
    else:
        style = dict(RUN_STYLES[len(ax.get_lines()) % len(RUN_STYLES)])
    if color is not None:
        style["color"] = color
    if linestyle is not None:
        style["linestyle"] = linestyle
    return style


def _curve_words(name, values, label=None, percent=False):
    """A curve over training steps in words: "loss fell from 1.02 at step 0 to 0.0100 at step
    100, lowest 0.00900 at step 80"."""
    unit = "%" if percent else ""
    who = f"{label}: " if label else ""  # the plot's title names the curve
    if not values:
        return f"{who}no steps"
    if len(values) == 1:
        return f"{who}{_num(values[0])}{unit} at step 0"
    bad = next((i for i, v in enumerate(values) if not math.isfinite(v)), None)
    if bad is not None:
        return (f"{who}blew up: {_num(values[bad])} at step {bad}, from {_num(values[0])}{unit} "
                "at step 0")
    first, last = values[0], values[-1]
    if last == first:
        text = f"{who}stayed at {_num(first)}{unit} over {counted(len(values) - 1, 'step')}"
    else:
        text = (f"{who}{'fell' if last < first else 'rose'} from {_num(first)}{unit} at step 0 "
                f"to {_num(last)}{unit} at step {len(values) - 1}")
    low, high = min(values), max(values)
    if high > max(first, last):
        text += f", highest {_num(high)}{unit} at step {values.index(high)}"
    elif percent and high == last > first and values.index(high) < len(values) - 1:
        text += f", first reached at step {values.index(high)}"
    if not percent and low < min(first, last):
        text += f", lowest {_num(low)} at step {values.index(low)}"
    return text


MARKED = 12  # a curve of this many points or fewer marks each one: a line hides where they are


def _markers(points):
    return {"marker": "o"} if points <= MARKED else {}


def _steps_axis(ax, points):
    """Whole steps on the x axis; with one or two points, the steps alone, half a step of room
    either side (matplotlib's own margins round one point to -0.045 .. 0.045)."""
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if 0 < points <= 2:
        ax.set_xlim(-0.5, points - 0.5)
        ax.set_xticks(range(points))


def _history_lists(history):
    if isinstance(history, dict):
        loss, accuracy = history.get("loss", []), history.get("accuracy", [])
        if history.get("loss_after") is not None and history.get("accuracy_after") is not None:
            loss, accuracy = [*loss, history["loss_after"]], [*accuracy, history["accuracy_after"]]
    elif hasattr(history, "loss_curve") and hasattr(history, "accuracy_curve"):
        loss, accuracy = history.loss_curve, history.accuracy_curve
    else:
        loss, accuracy = getattr(history, "loss", None), getattr(history, "accuracy", None)
    if loss is None or accuracy is None:
        raise TypeError("plot_history needs what train() returns: an object with lists .loss "
                        f"and .accuracy, or a dict with those keys; got {type(history).__name__}")
    return [float(v) for v in loss], [_fraction(a) for a in accuracy]


def _fraction(accuracy):
    """Accuracy as a fraction 0..1; a value above 1 is read as a percentage."""
    a = float(accuracy)
    return a / 100 if a > 1 else a


# ---- what the network answers ----------------------------------------------------------------

def network_outputs(model, points):
    """The model's output for each point, as floats, without building any graph.

    For an `MLP` (anything with `.layers` of `.neurons`), this reads each weight's `.data` and
    does the same sums and activations with numpy arrays, all points at once: thousands of
    points cost less than one training step. Any other model is called point by point.
    """
    points = _points(points)
    layers = getattr(model, "layers", None)
    if not layers or not all(hasattr(layer, "neurons") for layer in layers):
        return [_number(model(p)) for p in points]
    a = np.asarray(points, dtype=float).reshape(len(points), -1)
    with np.errstate(all="ignore"):  # a diverged network gives inf or nan here, not a warning
        for layer in layers:
            W = np.array([[w.data for w in n.w] for n in layer.neurons])
            b = np.array([n.b.data for n in layer.neurons])
            a = _ACTIVATE[layer.neurons[0].activation](a @ W.T + b)
    return a[:, 0].tolist() if a.shape[1] == 1 else a.tolist()


_ACTIVATE = {
    "tanh": np.tanh,
    "relu": lambda z: np.maximum(z, 0.0),
    "sigmoid": lambda z: 0.5 * (1.0 + np.tanh(0.5 * z)),  # = 1 / (1 + e^-z), never overflows
    "linear": lambda z: z,
}


def plot_decision_boundary(model, X, y, ax=None, resolution=50, title="The decision boundary",
                           feature_names=("x1", "x2"), colorbar=True, margin=0.4):
    """Shade the plane by the network's output, draw where it crosses 0, and the points on top.

    The network is evaluated on a `resolution` x `resolution` grid covering the points plus
    `margin` (see `network_outputs`: plain numbers, no graph). Pale blue where the output is
    above 0 (the network says class 1), pale orange below 0 (class -1); the black line is the
    boundary, output = 0.
    """
    X, labels = _points(X), _labels(y)
    if not isinstance(resolution, int) or resolution < 2:
        raise ValueError(f"resolution is the number of grid points along each axis, a whole "
                         f"number of at least 2; got {resolution!r}")
    xs = np.linspace(min(p[0] for p in X) - margin, max(p[0] for p in X) + margin, resolution)
    ys = np.linspace(min(p[1] for p in X) - margin, max(p[1] for p in X) + margin, resolution)
    gx, gy = np.meshgrid(xs, ys)
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    out = np.asarray(network_outputs(model, grid.tolist()), dtype=float).reshape(gx.shape)
    out = np.nan_to_num(out, nan=0.0, posinf=1.0, neginf=-1.0)
    with mpl.rc_context(PROJECTOR_STYLE):
        ax = ax if ax is not None else _new_axes()
        limit = max(1.0, float(np.max(np.abs(out))))  # tanh: -1..1; a linear output may go further
        filled = ax.contourf(gx, gy, out, levels=np.linspace(-limit, limit, 21),
                             cmap=BOUNDARY_CMAP, extend="both", zorder=1)
        if out.min() < 0 < out.max():
            ax.contour(gx, gy, out, levels=[0.0], colors="black", linewidths=2, zorder=2)
        if colorbar:
            bar = ax.figure.colorbar(filled, ax=ax, shrink=0.85)
            bar.set_label("network output")
        _scatter_classes(ax, X, labels)
        _label_plane(ax, title, feature_names)
        ax.set_xlim(xs[0], xs[-1])
        ax.set_ylim(ys[0], ys[-1])
        ax.set_aspect("equal", adjustable="box")
        ax.legend(loc="upper right", framealpha=0.9)
        ax.grid(False)
    guesses = [_sign(o) for o in network_outputs(model, X)]
    right = sum(g == c for g, c in zip(guesses, labels))
    share = float(np.mean(out > 0))
    sides = (f"the network answers class 1 (pale blue) on {share:.0%} of the plane shown and "
             f"class {_num(-1)} (pale orange) on {1 - share:.0%}")
    line = ", split by the black line where its output is 0" if out.min() < 0 < out.max() else ""
    note(ax, f"{sides}{line}; {right} of {len(X)} points lie on the side of their class")
    return ax


def _sign(output):
    """The class a network's output gives: 1 above 0, -1 otherwise (a nan is no answer: -1)."""
    return 1 if output > 0 else -1


def plot_predictions(X, y, outputs, ax=None, title=None, feature_names=("x1", "x2")):
    """Draw each point as the class the network gives it (the sign of its output: blue circle
    or orange square) and ring the points where that differs from the label. `outputs` are
    numbers or `Value`s."""
    X = _points(X)
    labels = _labels(y)
    outputs = [_number(o) for o in outputs]
    if not (len(X) == len(labels) == len(outputs)):
        raise ValueError(f"plot_predictions needs one output per point: got "
                         f"{counted(len(X), 'point')}, {counted(len(labels), 'label')} and "
                         f"{counted(len(outputs), 'output')}")
    predicted = [_sign(o) for o in outputs]
    wrong = [(p, label) for p, guess, label in zip(X, predicted, labels) if guess != label]
    with mpl.rc_context(PROJECTOR_STYLE):
        ax = ax if ax is not None else _new_axes()
        for cls in (1, -1):
            xs = [p for p, guess in zip(X, predicted) if guess == cls]
            if xs:
                style = CLASS_STYLES[cls]
                ax.scatter([p[0] for p in xs], [p[1] for p in xs], c=style["color"],
                           marker=style["marker"],
                           label=f"predicted {_num(cls)} ({style['colour_name']} "
                                 f"{style['shape']}s)", **POINT_STYLE)
        if wrong:
            ax.scatter([p[0] for p, _ in wrong], [p[1] for p, _ in wrong], zorder=4,
                       label=f"wrong ({len(wrong)}), ringed", **WRONG_STYLE)
        right = len(X) - len(wrong)
        if title is None:
            title = f"Predictions: {right} of {len(X)} right"
        _label_plane(ax, title, feature_names)
        ax.legend(loc="best")
    note(ax, f"{right} of {len(X)} right")
    if wrong:
        shown = "; ".join(f"({_num(p[0])}, {_num(p[1])}) is class {_num(label)}"
                          for p, label in wrong[:5])
        more = f"; and {len(wrong) - 5} more" if len(wrong) > 5 else ""
        note(ax, f"the {counted(len(wrong), 'wrong point')}, ringed: {shown}{more}")
    else:  # say what that looks like: no point is ringed
        note(ax, "every point is drawn as its own class, and none is ringed")
    return ax


# ---- in words --------------------------------------------------------------------------------

def note(ax, words):
    """Add `words` to what `ax` shows, as describe() says it: each plot function notes what it
    drew. An Axes with notes is described by them alone, not from its lines."""
    _NOTES.setdefault(ax, []).append(words)


def describe(figure):
    """What `figure` (a Figure or an Axes) shows, in words: for each of its plots, the title and
    what is drawn, from the plot functions' notes or, for any other plot, from its lines, bars
    and points ("f(x): falls from 100 at x = −5 to its lowest, 3.67 at x = 0.7, then rises to
    60 at x = 5"). This is a figure's alt text in a notebook and on the website."""
    axes = [figure] if not isinstance(figure, Figure) else figure.axes
    parts = []
    for ax in axes:
        if _is_colorbar(ax):
            continue
        words = _NOTES.get(ax) or _drawn_words(ax)
        if not words:
            continue
        title = ax.get_title() or _axes_names(ax) or "A plot"
        if title.endswith(words[0]):  # "Predictions: 9 of 10 right" says it already
            words = words[1:]
        parts.append(f"{title}: {'; '.join(words)}." if words else f"{title}.")
    return " ".join(parts) if parts else "An empty figure."


def _is_colorbar(ax):
    return hasattr(ax, "_colorbar")


def _axes_names(ax):
    x, y = ax.get_xlabel(), ax.get_ylabel()
    return f"{y} against {x}" if x and y else ""


def _short_name(label, default):
    """What an axis label names, short: "f(x)" stays, "n, the weighted sum" -> "n",
    "h (smaller to the right)" -> "h"."""
    label = label.strip()
    if len(label) <= 12 or not label:
        return label or default
    return re.split(r"[ ,(]", label, maxsplit=1)[0] or default


def _drawn_words(ax):
    """Any plot in words, from what is drawn in it: each line, the bars, the scattered points."""
    xname, yname = _short_name(ax.get_xlabel(), "x"), _short_name(ax.get_ylabel(), "y")
    words = [w for w in (_line_words(line, xname, yname) for line in ax.get_lines()) if w]
    words += _bar_words(ax)
    points = sum(len(c.get_offsets()) for c in ax.collections if hasattr(c, "get_offsets")
                 and type(c).__name__ == "PathCollection")
    if points:
        words.append(f"{counted(points, 'point')} scattered")
    if words and ax.get_yscale() == "log":
        words[-1] += f" ({ax.get_ylabel() or 'y'} on a log scale)"
    return words


def _line_words(line, xname, yname):
    label = str(line.get_label())
    label = "" if label.startswith("_") else label
    x = np.asarray(line.get_xdata(), dtype=float)
    y = np.asarray(line.get_ydata(), dtype=float)
    keep = np.isfinite(x) & np.isfinite(y)
    x, y = x[keep], y[keep]
    if len(x) == 0:
        return ""
    who = f"{label}: " if label else ""
    if len(x) == 1:
        return f"{who}a point at {xname} = {_num(x[0])}, {yname} = {_num(y[0])}"
    slope, intercept = np.polyfit(x, y, 1) if len(x) > 2 else (None, None)
    if slope is None or np.allclose(slope * x + intercept, y, rtol=1e-6,
                                    atol=1e-9 * max(1.0, float(np.max(np.abs(y))))):
        if slope is None:
            slope = (y[-1] - y[0]) / (x[-1] - x[0]) if x[-1] != x[0] else float("nan")
        return (f"{who}a straight line of slope {_num(slope)}, from {_num(y[0])} at "
                f"{xname} = {_num(x[0])} to {_num(y[-1])} at {xname} = {_num(x[-1])}")
    # the curve from its first point to its last, by way of its lowest and highest points
    turns = sorted({0, int(np.argmin(y)), int(np.argmax(y)), len(y) - 1})
    text = f"{who}"
    for k, (i, j) in enumerate(zip(turns, turns[1:])):
        verb = "rises" if y[j] > y[i] else "falls" if y[j] < y[i] else "stays level"
        which = ("its lowest, " if j == int(np.argmin(y)) and j != len(y) - 1 else
                 "its highest, " if j == int(np.argmax(y)) and j != len(y) - 1 else "")
        start = f" from {_num(y[i])} at {xname} = {_num(x[i])}" if k == 0 else ""
        text += (", then " if k else "") + (f"{verb}{start} to {which}{_num(y[j])} at "
                                            f"{xname} = {_num(x[j])}")
    return text


def _bar_words(ax):
    """Bars in words, top to bottom (or left to right): their tick label and their length."""
    words = []
    for container in ax.containers:
        if type(container).__name__ != "BarContainer":
            continue
        across = getattr(container, "orientation", "vertical") == "horizontal"
        axis = ax.yaxis if across else ax.xaxis
        ticks = {round(float(t), 6): lab.get_text().replace("\n", " ")
                 for t, lab in zip(axis.get_majorticklocs(), axis.get_ticklabels())}
        bars = []
        for rect in container.patches:
            where = (rect.get_y() + rect.get_height() / 2 if across else
                     rect.get_x() + rect.get_width() / 2)
            length = rect.get_width() if across else rect.get_height()
            bars.append((where, ticks.get(round(where, 6), ""), length))
        bars.sort(key=lambda b: -b[0] if across else b[0])
        unit = ax.get_xlabel() if across else ax.get_ylabel()
        listed = "; ".join(f"{name} {_num(length)}".strip() for _, name, length in bars)
        words.append(f"{counted(len(bars), 'bar')}, {unit}: {listed}" if unit else
                     f"{counted(len(bars), 'bar')}: {listed}")
    return words


def _num(v):
    """A number in words as the picture shows it: 3 significant digits, a real minus sign."""
    v = float(v)
    if not math.isfinite(v):
        return "not a number" if math.isnan(v) else ("infinity" if v > 0 else "−infinity")
    text = f"{v:.3g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{int(exponent)}"
    return "0" if text == "-0" else text.replace("-", "−")


# ---- helpers ---------------------------------------------------------------------------------

def _new_figure(figsize=None):
    """A figure with its own canvas. Through pyplot, so a notebook shows it under the cell."""
    import matplotlib.pyplot as plt

    return plt.figure(figsize=figsize)


def _new_axes():
    return _new_figure().add_subplot()


def render_png(fig, dpi=72):
    """The figure as PNG bytes, for an image widget; the figure is not shown anywhere."""
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def offscreen_figure(figsize):
    """A figure that pyplot does not know about: never shown by itself, freed when dropped."""
    with mpl.rc_context(PROJECTOR_STYLE):
        return Figure(figsize=figsize)


def _points(X):
    return [[float(v) for v in p] for p in X]


def _number(v):
    """A float from a number or a `Value`."""
    v = getattr(v, "data", v)
    return float(v)


def _labels(y):
    """The labels as ints -1 and 1; anything else is an error that names the point."""
    labels = [_number(v) for v in y]
    for i, v in enumerate(labels):
        if v not in (-1.0, 1.0):
            raise ValueError(f"label {i} is {v:g}, but a label must be -1 or 1 "
                             "(load_dataset turns 0/1 labels into -1/1)")
    return [int(v) for v in labels]
