"""The training panel (notebook 07): a network that learns live while the student steers it.

The kernel trains, the page draws. Play starts a background thread that runs train_step, the
one step of train(), on micrograd's own Values, and after a step sends the page a frame (the
weights, the losses, the points, the status) at most FRAMES_PER_SECOND times a second. The
page (training_panel.js) draws the data with the network's decision boundary, the loss curve
and the network itself from the frame, so the kernel spends its time learning, not drawing.
Because the thread trains, the kernel stays free to hear the page: Pause, a new learning rate,
a new data set or a clicked point arrive while it runs.

Everything the page does can be done from code, as the tests and a teacher do:

    panel = training_panel(X, y, learning_rate=0.2, steps=60, seed=1)
    panel.learning_rate = 0.5       # the controls are the panel's traits
    panel.play(); panel.wait()      # or panel.train(): a run from the start, to its end
    panel.history, panel.model, panel.status_text
"""

import base64
import html
import math
import random
import threading
import time
from pathlib import Path

import anywidget
import traitlets

from micrograd import plots
from micrograd.checks import counted, is_real_number, is_whole_number
from micrograd.data import DATASET_MAKERS, DataError, parse_dataset
from micrograd.nn import MLP, classifier
from micrograd.train import (
    History,
    TrainingDiverged,
    check_data,
    check_learning_rate,
    check_steps,
    collector_paused,
    format_rate,
    measure_after,
    predict,
    train_step,
)

HERE = Path(__file__).resolve().parent
FRAMES_PER_SECOND = 10  # the page redraws at most this often while training runs
COURSE_DATA = "course"  # the data set the panel was given (notebook 07: data/train.csv)
DATASET_NAMES = {COURSE_DATA: "the course's data", "moons": "moons", "circles": "circles",
                 "xor": "XOR", "spiral": "spiral", "csv": "a CSV file"}
CLICK_MODES = {"add+1": "adds a point of class +1", "add-1": "adds a point of class −1",
               "remove": "removes the point clicked", "pick": "picks a point to inspect"}


# the classes as the course draws them everywhere (plots.CLASS_STYLES), for the page
_CLASSES = {str(label): {"colour": style["color"], "shape": style["shape"],
                         "name": "+1" if label == 1 else "−1",
                         "look": f"{style['colour_name']} {style['shape']}s"}
            for label, style in plots.CLASS_STYLES.items()}


def _parse_hidden_sizes(text):
    """"16, 16" -> [16, 16]; raises ValueError with a message a learner can act on."""
    parts = [part.strip() for part in str(text).replace(";", ",").split(",")]
    sizes = []
    for part in parts:
        if not part:
            continue
        if not part.isdecimal() or int(part) < 1:
            raise ValueError(f"hidden layers: {part!r} is not a layer size; write whole numbers "
                             "of at least 1, separated by commas, such as 16, 16")
        sizes.append(int(part))
    if not sizes:
        raise ValueError("hidden layers: write at least one layer size, such as 16, 16")
    if len(sizes) > 4 or max(sizes) > 64:
        raise ValueError(f"hidden layers: {text!r} would train too slowly here; use at most 4 "
                         "layers of at most 64 neurons, such as 16, 16")
    return sizes


class _Paused(Exception):
    """Raised inside a step's forward pass when Pause was pressed: the step is dropped whole."""


class TrainingPanel(anywidget.AnyWidget):
    """Train an MLP on points X with labels y, live, and watch it learn (see the module's doc).

    The settings are traits, shared with the page's controls: `learning_rate` (used from the
    next step on, and marked on the loss curve), `steps` (where a run ends), `hidden` (layer
    sizes as text, "16, 16"), `activation` (of the hidden layers), `seed` (the starting
    weights), `dataset` (one of DATASET_NAMES), `noise` and `n_points` (of a made data set),
    and `click_mode` (what a click on the plot does, one of CLICK_MODES). A change of
    hidden, activation or seed makes a new network; a change of data keeps the network, which
    goes on learning on the new points.

    The actions: play(), pause(), step(), reset() (the seed's starting weights and the course's
    data again), train() (a run from the start, to its end), wait(), add_point(),
    remove_point(), inspect() (every neuron's output for a point, and its gradient) and
    load_csv(). `frame` is what the page last drew; `status_text` its status line.

    With tanh the network is the course's, tanh in every layer. With relu or sigmoid the
    output neuron is linear: a relu or sigmoid output could never reach -1.
    """

    _esm = HERE / "training_panel.js"
    _css = HERE / "training_panel.css"

    ACTIVATIONS = ("tanh", "relu", "sigmoid")
    LEARNING_RATES = (1e-3, 1e2)  # the slider's range
    MAX_STEPS = 1000
    MAX_SEED = 10**6
    NOISE = (0.0, 0.5)
    POINTS = (10, 200)

    learning_rate = traitlets.Float(0.1).tag(sync=True)
    steps = traitlets.Int(100).tag(sync=True)
    hidden = traitlets.Unicode("16, 16").tag(sync=True)
    activation = traitlets.Unicode("tanh").tag(sync=True)
    seed = traitlets.Int(0).tag(sync=True)
    dataset = traitlets.Unicode(COURSE_DATA).tag(sync=True)
    noise = traitlets.Float(0.1).tag(sync=True)
    n_points = traitlets.Int(100).tag(sync=True)
    click_mode = traitlets.Unicode("add+1").tag(sync=True)
    limits = traitlets.Dict().tag(sync=True)  # what the controls offer, fixed
    frame = traitlets.Dict().tag(sync=True)  # what the page draws, sent by the kernel

    def __init__(self, X, y, learning_rate=0.1, steps=100, hidden="16, 16", activation="tanh",
                 seed=0):
        hidden = _check_panel_settings(X, y, learning_rate, steps, hidden, activation, seed,
                                       self)
        self._course = ([list(map(float, p)) for p in X], [float(v) for v in y])
        self.X, self.y = [list(p) for p in self._course[0]], list(self._course[1])
        self._lock = threading.RLock()  # the network, the data and the state change under it
        self._thread = None
        self._pause_asked = False
        self._state = "ready"  # ready, running, paused, done, stopped (diverged), error
        self._advice = (None, None)  # (text, kind)
        self._marks = []  # (step, what changed) for data changes; rate changes come from history
        self._chosen = None  # the index of the point being inspected
        self._kept = None  # its neuron outputs (Values) in the last forward pass
        self._quiet = True  # trait observers do nothing while __init__ sets the traits
        super().__init__(learning_rate=float(learning_rate), steps=steps, hidden=hidden,
                         activation=activation, seed=seed, limits={
                             "learning_rate": list(self.LEARNING_RATES),
                             "steps": [1, self.MAX_STEPS], "seed": [0, self.MAX_SEED],
                             "noise": list(self.NOISE), "n_points": list(self.POINTS),
                             "activations": list(self.ACTIVATIONS),
                             "datasets": DATASET_NAMES, "click_modes": CLICK_MODES,
                             "classes": _CLASSES})
        self._quiet = False
        self.model = self.history = None
        self._new_network()
        self.on_msg(self._on_message)

    # ---- the actions -------------------------------------------------------------------------

    def play(self):
        """Train in the background from where the network is, until `steps` steps or Pause.
        After a finished run (or one that blew up), Play starts again from the seed."""
        with self._lock:
            if self._running() or self.model is None:
                return
            if self._state in ("done", "stopped"):
                self._new_network()
            self._pause_asked = False
            self._state = "running"
            self._thread = threading.Thread(target=self._run, name="training panel",
                                            daemon=True)
            self._thread.start()
        self._show()  # the first frame, at once

    def pause(self):
        """Stop training: the step being taken is dropped, and the page shows the last finished
        step at once, before the thread has wound down."""
        if not self._running():
            return
        self._pause_asked = True
        self._state = "paused"
        # without the lock, which the step in flight holds: its update will not happen, so the
        # weights and losses are already those of the last finished step
        self.frame = self._frame()
        self._thread.join()  # and its last frame says the same, or the step it did finish

    def wait(self, timeout=None):
        """Wait until the run in the background has stopped (finished, paused or blown up)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return not self._running()

    def step(self):
        """Take one step now (after a finished run, the first step of a new one)."""
        with self._lock:
            if self._running() or self.model is None:
                return
            if self._state in ("done", "stopped"):
                self._new_network()
            self._pause_asked = False  # a Pause before this Step is over
            if self._one_step():
                self._state = "done" if self.history.steps >= self.steps else "paused"
                if self._state == "done":
                    self._finish()
        self._show()

    def reset(self):
        """The seed's starting weights again, no steps, and the course's data."""
        self.pause()
        with self._lock:
            self._quiet = True
            self.dataset = COURSE_DATA
            self._quiet = False
            self.X, self.y = [list(p) for p in self._course[0]], list(self._course[1])
            self._chosen = None
            self._new_network()

    def train(self):
        """A new run from the seed's starting weights to its end, waited for; returns its
        History (None if the settings are not usable)."""
        self.pause()
        with self._lock:
            self._new_network()
        self.play()
        self.wait()
        return self.history

    def add_point(self, x1, x2, label):
        """Add the point (x1, x2) with label -1 or 1; training goes on with it."""
        if label not in (-1, 1) or not (is_real_number(x1) and is_real_number(x2)):
            raise ValueError(f"add_point: give two numbers and a label of -1 or 1, got "
                             f"({x1!r}, {x2!r}) with label {label!r}")
        with self._lock:
            self.X = self.X + [[float(x1), float(x2)]]
            self.y = self.y + [float(label)]
            self._edited(f"added a point of class {label:+d}")

    def remove_point(self, index):
        """Remove point `index` (0 is the first); at least 2 points stay."""
        with self._lock:
            if not is_whole_number(index) or not 0 <= index < len(self.y):
                raise ValueError(f"remove_point: there is no point {index!r}; the points are "
                                 f"numbered 0 to {len(self.y) - 1}")
            if len(self.y) <= 2:
                self._say("Not removed: the data keeps at least 2 points.")
                return
            self.X = self.X[:index] + self.X[index + 1:]
            self.y = self.y[:index] + self.y[index + 1:]
            if self._chosen == index:
                self._chosen = self._kept = None
            elif self._chosen is not None and self._chosen > index:
                self._chosen -= 1
            self._edited("removed a point")

    def inspect(self, index):
        """Show every neuron's output for point `index`, and the gradient of the loss with
        respect to each (what a step's backward pass gives); None clears the choice. Returns
        the details the page shows, as a dict."""
        with self._lock:
            if index is not None and (not is_whole_number(index)
                                      or not 0 <= index < len(self.y)):
                raise ValueError(f"inspect: there is no point {index!r}; the points are "
                                 f"numbered 0 to {len(self.y) - 1}")
            self._chosen, self._kept = index, None
            if index is not None and not self._running() and self.model is not None:
                self._measure_chosen()
        self._show()
        return self.frame.get("chosen")

    def load_csv(self, path):
        """Train on a CSV file's points (read as micrograd.data.load_dataset reads it)."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise DataError(f"{path}: cannot be read ({e})") from None
        self._use_csv_text(text, path.name)

    # ---- training in the background ----------------------------------------------------------

    def _running(self):
        return self._thread is not None and self._thread.is_alive()

    def _run(self):
        last_frame = 0.0
        with collector_paused():
            while True:
                with self._lock:
                    if self._pause_asked or self.history.steps >= self.steps:
                        break
                    if not self._one_step():
                        break
                now = time.monotonic()
                if now - last_frame >= 1 / FRAMES_PER_SECOND:
                    self._show()
                    last_frame = now
        with self._lock:
            if self._state == "running":
                if self.history.steps >= self.steps:
                    self._state = "done"
                    self._finish()
                else:
                    self._state = "paused"
        self._show()

    def _one_step(self):
        """One train_step on the current data at the current rate; False if it was dropped
        (Pause) or went wrong (then the state says why)."""
        chosen, kept = self._chosen, []

        def forward(i, x):
            if self._pause_asked:
                raise _Paused
            return self.model(x) if i != chosen else _forward_keeping(self.model, x, kept)

        try:
            done = train_step(self.model, self.X, self.y, self.history, self.rate(),
                              forward=forward, keep_going=lambda: not self._pause_asked)
        except _Paused:
            return False
        except TrainingDiverged as e:
            self._state = "stopped"
            self._advice = (f"Stopped at step {e.step}: the loss blew up. {_sentence(str(e))}",
                            "error")
            return False
        if done and chosen is not None:
            self._kept = kept
        return done

    def _measure_chosen(self):
        """The chosen point's outputs and gradients at the current weights: a step's forward
        and backward, dropped before its update."""
        chosen, kept = self._chosen, []

        def forward(i, x):
            return self.model(x) if i != chosen else _forward_keeping(self.model, x, kept)

        try:
            train_step(self.model, self.X, self.y, History(), self.rate(), forward=forward,
                       keep_going=lambda: False)
        except TrainingDiverged:
            return
        self._kept = kept

    def _finish(self):
        measure_after(self.model, self.X, self.y, self.history)
        advice = self.history.advice(max_steps=self.MAX_STEPS)
        self._advice = (_sentence(advice), "warning") if advice else (None, None)

    # ---- settings ----------------------------------------------------------------------------

    def rate(self):
        """The learning rate as the slider shows it (20 for 19.95...)."""
        return float(format_rate(self.learning_rate))

    def build_model(self):
        """A new MLP for the current settings, its weights drawn from the seed."""
        return classifier(len(self.X[0]), _parse_hidden_sizes(self.hidden), self.activation,
                          rng=random.Random(self.seed))

    def _new_network(self):
        """The seed's starting weights for the current settings, and no steps yet."""
        self._marks, self._advice, self._kept = [], (None, None), None
        self.history = History()
        try:
            self.model = self.build_model()
            self._state = "ready"
        except ValueError as e:
            self.model, self._state = None, "error"
            self._advice = (_sentence(str(e)), "error")
        if self._chosen is not None and self.model is not None:
            self._measure_chosen()
        self._show()

    @traitlets.validate("learning_rate")
    def _valid_rate(self, proposal):
        rate = proposal["value"]
        check_learning_rate(rate, "learning_rate")
        low, high = self.LEARNING_RATES
        if not low <= rate <= high:
            raise traitlets.TraitError(f"learning_rate={rate!r} is off the slider, which goes "
                                       f"from {format_rate(low)} to {format_rate(high)}")
        return rate

    @traitlets.validate("steps")
    def _valid_steps(self, proposal):
        steps = proposal["value"]
        if not 1 <= steps <= self.MAX_STEPS:
            raise traitlets.TraitError(f"steps={steps!r} is off the slider, which goes from 1 "
                                       f"to {self.MAX_STEPS}")
        return steps

    @traitlets.validate("activation", "dataset", "click_mode")
    def _valid_choice(self, proposal):
        name, value = proposal["trait"].name, proposal["value"]
        choices = {"activation": self.ACTIVATIONS, "dataset": DATASET_NAMES,
                   "click_mode": CLICK_MODES}[name]
        if value not in choices:
            raise traitlets.TraitError(f"{name}={value!r}; choose one of {', '.join(choices)}")
        return value

    @traitlets.validate("seed", "n_points", "noise")
    def _valid_number(self, proposal):
        name, value = proposal["trait"].name, proposal["value"]
        low, high = {"seed": (0, self.MAX_SEED), "n_points": self.POINTS,
                     "noise": self.NOISE}[name]
        if not low <= value <= high:
            raise traitlets.TraitError(f"{name}={value!r} must be from {low} to {high}")
        return value

    @traitlets.observe("hidden", "activation", "seed")
    def _network_changed(self, change):
        if self._quiet:
            return
        self.pause()
        with self._lock:
            self._new_network()

    @traitlets.observe("steps")
    def _steps_changed(self, change):
        if not self._quiet:
            self._show()

    @traitlets.observe("learning_rate")
    def _rate_changed(self, change):
        if not self._quiet and not self._running():
            self._show()  # the status line shows the rate the next step will use

    @traitlets.observe("dataset", "noise", "n_points")
    def _data_changed(self, change):
        if self._quiet or self.dataset == "csv":  # a CSV's points come with _use_csv_text
            return
        with self._lock:
            if self.dataset == COURSE_DATA:
                X, y = self._course
            else:
                made = DATASET_MAKERS[self.dataset](self.n_points, noise=self.noise, seed=0)
                X, y = made.X, made.y
            self._use_points(X, y, f"data: {DATASET_NAMES[self.dataset]}")

    def _use_csv_text(self, text, name):
        """The points of a CSV file's text; a file that cannot be used changes nothing and says
        why."""
        try:
            data = parse_dataset(text, name)
            if len(data.X[0]) != 2:
                raise DataError(f"{name}: the panel draws points in the plane, so it needs 2 "
                                f"feature columns; this file has {len(data.X[0])} "
                                f"({', '.join(data.feature_names)})")
        except DataError as e:
            self._say(f"The file was not used: {e}")
            return False
        with self._lock:
            self._quiet = True
            self.dataset = "csv"
            self._quiet = False
            self._use_points(data.X, data.y, f"data: {name}")
        return True

    def _use_points(self, X, y, mark):
        self.X, self.y = [list(map(float, p)) for p in X], [float(v) for v in y]
        self._chosen = self._kept = None
        if self.history.steps:
            self._marks.append((self.history.steps, mark))
        self._show()

    def _edited(self, what):
        if self.history.steps:
            self._marks.append((self.history.steps, what))
        if self._chosen is not None and not self._running() and self.model is not None:
            self._measure_chosen()
        self._show()

    def _say(self, text):
        """A message in the advice box, without changing the state."""
        self._advice = (_sentence(text), "warning")
        self._show()

    # ---- what the page hears and sees --------------------------------------------------------

    def _on_message(self, _widget, content, _buffers):
        """The page's buttons and clicks: {"do": "play" | "pause" | "step" | "reset" | "add" |
        "remove" | "inspect" | "csv", ...}."""
        action = content.get("do")
        try:
            if action == "play":
                self.play()
            elif action == "pause":
                self.pause()
            elif action == "step":
                self.step()
            elif action == "reset":
                self.reset()
            elif action == "add":
                self.add_point(content["x"][0], content["x"][1], int(content["label"]))
            elif action == "remove":
                self.remove_point(content["index"])
            elif action == "inspect":
                self.inspect(content.get("index"))
            elif action == "csv":
                self._use_csv_text(content["text"], content.get("name") or "the CSV file")
        except (ValueError, KeyError, TypeError) as e:  # a message the page should not send
            self._say(f"The panel could not do {action!r}: {e}")

    @property
    def status_text(self):
        """The status line, and under it the advice, as the page shows them."""
        line, (advice, _kind) = self._status_line(), self._advice
        return line + (f"\n{advice}" if advice else "")

    @property
    def advice_text(self):
        return self._advice[0]

    @property
    def advice_kind(self):
        return self._advice[1]

    def _status_line(self):
        history, steps = self.history, self.steps
        step = history.steps if history is not None else 0
        rate = format_rate(self.learning_rate)
        if self._state == "error":
            return "No network: the settings need a change."
        if self._state == "stopped":
            return f"Stopped at step {step}: the loss blew up."
        if step == 0:
            return (f"Ready: step 0 of {steps}, learning rate {rate}. Press Play to train, or "
                    "Step for one step.")
        now = (f"step {step} of {steps}, learning rate {rate} — loss "
               f"{_loss_text(history.loss[-1])}, accuracy {history.accuracy[-1]:.0%}")
        if self._state == "running":
            return f"Training: {now}"
        if self._state == "paused":
            return f"Paused: {now}"
        line = f"Done: {now}"
        if history.loss_after is not None:
            line += (f"; after the last update: loss {_loss_text(history.loss_after)}, "
                     f"accuracy {history.accuracy_after:.0%}")
        return line

    def _show(self):
        """Send the page a frame of the current state."""
        with self._lock:
            self.frame = self._frame()

    def _frame(self):
        history = self.history
        advice, kind = self._advice
        rates = history.learning_rate
        marks = [[k, f"rate {format_rate(rates[k])}"] for k in range(1, len(rates))
                 if rates[k] != rates[k - 1]] + [[k, what] for k, what in self._marks]
        return {
            "state": self._state,
            "step": history.steps,
            "status": self._status_line(),
            "advice": advice or "",
            "advice_kind": kind or "",
            "losses": [_finite(v) for v in history.loss_curve],
            "marks": sorted(marks),
            "points": [[x[0], x[1], int(label)] for x, label in zip(self.X, self.y)],
            "network": _network(self.model) if self.model is not None else None,
            "chosen": self._chosen_details(),
        }

    def _chosen_details(self):
        if self._chosen is None or self._chosen >= len(self.y):
            return None
        i = self._chosen
        details = {"index": i, "x": self.X[i], "label": int(self.y[i]), "layers": None}
        if self._kept:
            details["layers"] = [[{"output": _finite(v.data), "grad": _finite(v.grad)}
                                  for v in layer] for layer in self._kept]
        return details

    def __repr__(self):
        return (f"TrainingPanel(learning rate {format_rate(self.learning_rate)}, "
                f"{counted(self.steps, 'step')}, hidden {self.hidden!r}, {self.activation}, "
                f"seed {self.seed}, {self._status_line()})")


def _forward_keeping(model, x, kept):
    """model(x), layer by layer, keeping each layer's outputs in `kept`: backward then fills
    their .grad, the loss's gradient with respect to each neuron's output for this point."""
    for layer in model.layers:
        x = layer(x)
        x = x if isinstance(x, list) else [x]  # a one-neuron layer returns its Value
        kept.append(x)
    return x[0]


def _network(model):
    """The weights the page draws with: per layer, per neuron, [w..., b]; and the activations."""
    return {"sizes": [len(model.layers[0].neurons[0].w)] + [len(layer.neurons)
                                                           for layer in model.layers],
            "activations": [layer.neurons[0].activation for layer in model.layers],
            "layers": [[[_finite(w.data) for w in neuron.w] + [_finite(neuron.b.data)]
                        for neuron in layer.neurons] for layer in model.layers]}


def _model(network):
    """The MLP a frame's `network` describes, with its weights."""
    sizes, activations = network["sizes"], network["activations"]
    model = MLP(sizes[0], sizes[1:], activation=activations[0],
                linear_output=activations[-1] == "linear")
    for layer, weights in zip(model.layers, network["layers"]):
        for neuron, numbers in zip(layer.neurons, weights):
            for p, number in zip(neuron.w + [neuron.b], numbers):
                p.data = number if number is not None else math.nan
    return model


def static_html(frame):
    """The panel where no kernel runs it (the website): the data and the decision boundary as
    its stored frame left them, as a picture named by what it shows, and its status line."""
    X, y = [p[:2] for p in frame["points"]], [p[2] for p in frame["points"]]
    fig = plots.offscreen_figure(figsize=(5, 5))
    ax = fig.add_subplot()
    plus, minus = y.count(1), y.count(-1)
    alt = f"The training panel's data: {len(y)} points, {plus} of class +1 and {minus} of class −1"
    if frame.get("network"):
        model = _model(frame["network"])
        plots.plot_decision_boundary(model, X, y, ax=ax, resolution=40, colorbar=False,
                                     title="The network's decision boundary")
        right = sum((out > 0) == (label > 0) for out, label in zip(predict(model, X), y))
        alt += (f", and the decision boundary of the network at step {frame['step']}: "
                f"{right} of {len(y)} points on their class's side")
    else:
        plots.plot_dataset(X, y, ax=ax)
    fig.tight_layout()
    png = base64.b64encode(plots.render_png(fig)).decode("ascii")
    return (f'<div class="mg-static"><p>{html.escape(frame["status"])}</p>'
            f'<img alt="{html.escape(alt + ".", quote=True)}" '
            f'src="data:image/png;base64,{png}"></div>')


def _finite(v):
    """JSON has no inf or nan: a number the page can draw, or None."""
    return v if math.isfinite(v) else None


def _loss_text(loss):
    return f"{loss:.4f}" if loss < 1e4 else f"{loss:.3g}"


def _sentence(text):
    """'the loss went up ... 10' -> 'The loss went up ... 10.'"""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _check_panel_settings(X, y, learning_rate, steps, hidden, activation, seed, panel):
    """Refuse settings the controls cannot show; train()'s own checks first, so the panel says
    what train() would. Returns the hidden layer sizes as text ([16, 16] -> "16, 16")."""
    check_data(X, y, "training_panel")
    if any(len(p) != 2 for p in X):
        raise ValueError("training_panel: the panel draws points in the plane, so every point "
                         "needs 2 numbers")
    check_learning_rate(learning_rate, "learning_rate")
    low, high = panel.LEARNING_RATES
    if not low <= learning_rate <= high:
        raise ValueError(f"training_panel: learning_rate={learning_rate!r} is off the slider, "
                         f"which goes from {format_rate(low)} to {format_rate(high)}")
    check_steps(steps)
    if steps > panel.MAX_STEPS:
        raise ValueError(f"training_panel: steps={steps!r} is off the slider, which goes from "
                         f"1 to {panel.MAX_STEPS}")
    if activation not in panel.ACTIVATIONS:
        raise ValueError(f"training_panel: activation={activation!r}; choose one of "
                         f"{', '.join(panel.ACTIVATIONS)}")
    if not is_whole_number(seed) or not 0 <= seed <= panel.MAX_SEED:
        raise ValueError(f"training_panel: seed={seed!r} must be a whole number from 0 to "
                         f"{panel.MAX_SEED}")
    if isinstance(hidden, (list, tuple)):
        hidden = ", ".join(map(str, hidden))
    if not isinstance(hidden, str):
        raise TypeError(f"training_panel: hidden must be layer sizes such as \"16, 16\" or "
                        f"[16, 16], got {type(hidden).__name__}: {hidden!r}")
    _parse_hidden_sizes(hidden)  # raises with its own message
    return hidden


def training_panel(X, y, learning_rate=0.1, steps=100, hidden="16, 16", activation="tanh",
                   seed=0):
    """A panel that trains an MLP on points X with labels y live, drawing the data and the
    decision boundary, the loss curve and the network as it learns (see TrainingPanel).
    Nothing is trained until Play (or Step) is pressed."""
    return TrainingPanel(X, y, learning_rate=learning_rate, steps=steps, hidden=hidden,
                         activation=activation, seed=seed)
