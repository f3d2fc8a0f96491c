"""Plots for the notebooks, sized for a classroom projector, one colour per class throughout.

    plot_dataset(X, y)                      the points, class -1 red and class 1 blue
    plot_history(history)                   loss and accuracy after each training step
    plot_loss(history.loss)                 the loss alone
    plot_decision_boundary(model, X, y)     what the network answers everywhere in the plane
    plot_predictions(X, y, outputs)         the network's answers, the wrong ones circled

Each function draws into the Axes it is given (`ax=`), or into a new figure, and returns what it
drew into, titled and with labelled axes.
"""

import math

import matplotlib as mpl
import numpy as np
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from micrograd.checks import counted

# the two classes, everywhere in the course: -1 is red, 1 is blue
CLASS_COLORS = {-1: "#d62728", 1: "#1f77b4"}
CLASS_NAMES = {-1: "class -1 (red)", 1: "class 1 (blue)"}

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

# the background of a decision boundary: pale red where the network says -1, pale blue for 1
BOUNDARY_CMAP = LinearSegmentedColormap.from_list(
    "micrograd_classes", ["#f4a3a3", "#ffffff", "#a9cbe8"])

POINT_STYLE = {"s": 60, "edgecolors": "white", "linewidths": 0.8, "zorder": 3}


def use_course_style():
    """Large fonts and thick lines, readable from the back of a lecture room."""
    mpl.rcParams.update(PROJECTOR_STYLE)


# ---- the data --------------------------------------------------------------------------------

def plot_dataset(X, y, ax=None, title="The training data", feature_names=("x1", "x2")):
    """Scatter the points `X` ([x1, x2] each), coloured by their labels `y` (-1 red, 1 blue)."""
    with mpl.rc_context(PROJECTOR_STYLE):
        ax = ax if ax is not None else _new_axes()
        _scatter_classes(ax, X, y)
        _label_plane(ax, title, feature_names)
        ax.legend(loc="best")
    return ax


def _scatter_classes(ax, X, y, **style):
    """One scatter per class, so the legend names each class once."""
    X, y = _points(X), _labels(y)
    for cls in (-1, 1):
        xs = [p for p, c in zip(X, y) if c == cls]
        if xs:
            ax.scatter([p[0] for p in xs], [p[1] for p in xs], c=CLASS_COLORS[cls],
                       label=CLASS_NAMES[cls], **{**POINT_STYLE, **style})


def _label_plane(ax, title, feature_names):
    ax.set_title(title)
    ax.set_xlabel(feature_names[0])
    ax.set_ylabel(feature_names[1])
    ax.set_aspect("equal", adjustable="datalim")


# ---- training --------------------------------------------------------------------------------

def plot_history(history, axes=None, label=None, color=None, title_prefix=""):
    """Two panels side by side: the loss and the accuracy (in percent) at each step, both
    measured in the step's forward pass, before its update, and at the end the network as the
    last update left it (train()'s `loss_after`): a run of N steps has N + 1 points, from
    step 0 to step N, and a run of one step shows the loss before and after it.

    `history` is what `train()` returns (anything with lists `.loss` and `.accuracy`, or a dict
    with those keys, and optionally "loss_after" and "accuracy_after"). Pass the `axes` of an
    earlier call, with a `label`, to compare two runs. Returns the two Axes, (loss, accuracy).
    """
    loss, accuracy = _history_lists(history)
    with mpl.rc_context(PROJECTOR_STYLE):
        if axes is None:
            fig = _new_figure(figsize=(13, 5))
            axes = fig.subplots(1, 2)
        loss_ax, acc_ax = axes
        plot_loss(loss, ax=loss_ax, label=label, color=color,
                  title=f"{title_prefix}Loss at each step")
        acc_ax.plot(range(len(accuracy)), [100 * a for a in accuracy], label=label,
                    color=color or "#2ca02c", **_markers(len(accuracy)))
        _steps_axis(acc_ax, len(accuracy))
        acc_ax.set_title(f"{title_prefix}Accuracy at each step")
        acc_ax.set_xlabel("training step")
        acc_ax.set_ylabel("accuracy (%)")
        acc_ax.set_ylim(0, 105)
        if label is not None:
            loss_ax.legend(loc="best")
            acc_ax.legend(loc="best")
        loss_ax.figure.tight_layout()
    return loss_ax, acc_ax


def plot_loss(loss, ax=None, label=None, color=None, title="Loss at each step"):
    """The loss at each step (step 0 first, as train() counts; pass `history.loss_curve` to end
    with the loss after the last update). A short run marks every point, so that one or two
    losses are seen. When the loss grows by more than a factor 100, as when training blows up,
    the loss axis is logarithmic."""
    loss = [float(v) for v in loss]
    with mpl.rc_context(PROJECTOR_STYLE):
        ax = ax if ax is not None else _new_axes()
        ax.plot(range(len(loss)), loss, label=label, color=color or "#444444",
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
    return ax


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
    `margin` (see `network_outputs`: plain numbers, no graph). Pale red where the output is
    below 0 (the network says class -1), pale blue above 0 (class 1); the black line is the
    boundary, output = 0.
    """
    X = _points(X)
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
        _scatter_classes(ax, X, y)
        _label_plane(ax, title, feature_names)
        ax.set_xlim(xs[0], xs[-1])
        ax.set_ylim(ys[0], ys[-1])
        ax.set_aspect("equal", adjustable="box")
        ax.legend(loc="upper right", framealpha=0.9)
        ax.grid(False)
    return ax


def plot_predictions(X, y, outputs, ax=None, title=None, feature_names=("x1", "x2")):
    """Colour each point by the class the network gives it (the sign of its output) and circle
    the points where that differs from the label. `outputs` are numbers or `Value`s."""
    X = _points(X)
    labels = _labels(y)
    outputs = [_number(o) for o in outputs]
    if not (len(X) == len(labels) == len(outputs)):
        raise ValueError(f"plot_predictions needs one output per point: got "
                         f"{counted(len(X), 'point')}, {counted(len(labels), 'label')} and "
                         f"{counted(len(outputs), 'output')}")
    predicted = [1 if o > 0 else -1 for o in outputs]
    wrong = [p for p, guess, label in zip(X, predicted, labels) if guess != label]
    with mpl.rc_context(PROJECTOR_STYLE):
        ax = ax if ax is not None else _new_axes()
        for cls in (-1, 1):
            xs = [p for p, guess in zip(X, predicted) if guess == cls]
            if xs:
                ax.scatter([p[0] for p in xs], [p[1] for p in xs], c=CLASS_COLORS[cls],
                           label=f"predicted {cls}", **POINT_STYLE)
        if wrong:
            ax.scatter([p[0] for p in wrong], [p[1] for p in wrong], s=260, facecolors="none",
                       edgecolors="black", linewidths=2, zorder=4,
                       label=f"wrong ({len(wrong)})")
        if title is None:
            right = len(X) - len(wrong)
            title = f"Predictions: {right} of {len(X)} right"
        _label_plane(ax, title, feature_names)
        ax.legend(loc="best")
    return ax


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
