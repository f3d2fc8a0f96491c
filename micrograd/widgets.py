"""Interactive widgets for the notebooks (ipywidgets): each builder returns a widget to display,
and exposes its controls and a callback so the tests can drive it without a browser."""

import html
import math
import random

import ipywidgets as widgets
import matplotlib as mpl
import traitlets

from micrograd import plots
from micrograd.checks import counted, is_whole_number
from micrograd.draw import FIT_WIDTH_PX, MAX_NODES, draw_dot, format_number, sized_svg
from micrograd.engine import Value, topological_order
from micrograd.nn import ACTIVATIONS, Neuron, classifier
from micrograd.train import (
    TrainingDiverged,
    check_data,
    check_learning_rate,
    check_steps,
    format_rate,
    train,
)

# ---- the backprop stepper and the neuron sliders (notebooks 04 and 06) -------------------------

def _factor(x):
    """format_number(x), in brackets when negative, to stand in a product: 2.0000 × (-3.0000)."""
    text = format_number(x)
    return f"({text})" if text.startswith("-") else text


def _node_name(v):
    """How a status line names a node: its label, or else its operation and its number."""
    if v.label:
        return f"'{v.label}'"
    if v._op:
        return f"the unlabelled {v._op} node ({format_number(v.data)})"
    return f"the unlabelled input {format_number(v.data)}"


def _svg_html(digraph, fit_width_px=FIT_WIDTH_PX, fit_height_px=None, box_height_px=None):
    """A graphviz graph as HTML for a widgets.HTML: its SVG at the size draw.sized_svg gives
    (text 11 px or more), in a box that scrolls if the picture is still too wide, or taller
    than `box_height_px`."""
    svg = sized_svg(digraph.svg(), fit_width_px, fit_height_px)
    svg = svg[svg.index("<svg"):]  # without the XML prologue and doctype, which HTML rejects
    height = f";max-height:{box_height_px}px" if box_height_px else ""
    return f'<div style="overflow:auto{height}">{svg}</div>'


class BackpropStepper:
    """The backward pass one node at a time, in reverse topological order, redrawn at each step.

    It works on your own graph: it sets every gradient in it to 0 and the output's to 1, then each
    press of Next calls one node's `_backward()`, just as `backward()` does in its loop. Back
    replays from the start up to one step earlier. After the last step every gradient is what
    `root.backward()` gives. Only nodes made by an operation are steps: an input has no parents
    to pass its gradient to.

        stepper = backprop_stepper(y)      # the last line of a cell: shows it
        stepper.step(); stepper.back(); stepper.reset(); stepper.go_to(5)
        stepper.position                   # how many steps have been taken
        stepper.current                    # the node of the last step (None at step 0)
        stepper.done                       # the nodes whose gradient is final
    """

    # a tall graph beside the controls: its width, the height to fit (text stays 11 px or more),
    # and the height of its scrolling box, so the stepper fits the notebook's 600 px at 1280×720
    BESIDE_GRAPH_PX = (480, 560, 560)

    def __init__(self, root, rankdir=None, max_nodes=MAX_NODES):
        if not isinstance(root, Value):
            raise TypeError(f"backprop_stepper steps through the graph behind one Value, but was "
                            f"given {type(root).__name__}: {root!r}")
        self.root = root
        if rankdir is None:  # as draw_dot lays it out, but a tall graph with its output on top,
            # where the backward pass starts
            rankdir = "BT" if draw_dot(root, max_nodes=max_nodes).is_top_to_bottom else "LR"
        self.rankdir = rankdir
        # a tall graph stands beside the buttons and the status, in a box that scrolls: all of
        # the stepper stays in view at 1280×720, the output (the first steps) at the top
        self.beside = rankdir in ("TB", "BT")
        self.max_nodes = max_nodes  # draw_dot's limit: a bigger graph is unreadable
        self.nodes = topological_order(root)
        self.steps = [v for v in reversed(self.nodes) if v._prev]
        self._users = {id(v): [] for v in self.nodes}  # the nodes each node is a parent of
        for v in self.nodes:
            for parent in v._prev:
                self._users[id(parent)].append(v)
        self.position = 0
        self._last_lines = []

        self.reset_button = widgets.Button(
            description="Reset", icon="undo",
            tooltip="back to step 0: every gradient 0 but the output's")
        self.back_button = widgets.Button(description="Back", icon="arrow-left",
                                          tooltip="one step back")
        self.next_button = widgets.Button(
            description="Next", icon="arrow-right", button_style="primary",
            tooltip="the next node passes its gradient to its parents")
        self.status = widgets.HTML()
        self.graph = widgets.HTML()
        self.reset_button.on_click(lambda _: self.reset())
        self.back_button.on_click(lambda _: self.back())
        self.next_button.on_click(lambda _: self.step())
        buttons = widgets.HBox([self.reset_button, self.back_button, self.next_button])
        if self.beside:
            self.widget = widgets.HBox([self.graph, widgets.VBox(
                [buttons, self.status], layout=widgets.Layout(width="330px"))])
        else:
            self.widget = widgets.VBox([buttons, self.status, self.graph])
        for w, name in ((self.widget, "micrograd-stepper"), (buttons, "micrograd-stepper-buttons"),
                        (self.reset_button, "micrograd-stepper-reset"),
                        (self.back_button, "micrograd-stepper-back"),
                        (self.next_button, "micrograd-stepper-next"),
                        (self.status, "micrograd-stepper-status"),
                        (self.graph, "micrograd-stepper-graph")):
            w.add_class(name)
        self.reset()

    # ---- state ---------------------------------------------------------------------------------

    @property
    def current(self):
        """The node whose gradient was passed on in the last step (highlighted), or None."""
        return self.steps[self.position - 1] if self.position > 0 else None

    @property
    def upcoming(self):
        """The node the next press of Next works on, or None after the last step."""
        return self.steps[self.position] if self.position < len(self.steps) else None

    @property
    def done(self):
        """The nodes whose gradient is final: every node that uses them has passed its gradient on.

        The output is done from the start: nothing uses it, and its gradient is 1.
        """
        passed = {id(v) for v in self.steps[:self.position]}
        return [v for v in self.nodes if all(id(u) in passed for u in self._users[id(v)])]

    @property
    def text(self):
        """The status line as plain text: which step, which node, what it did."""
        return "\n".join(self._lines())

    # ---- moving --------------------------------------------------------------------------------

    def reset(self):
        """Step 0: every gradient in the graph 0, the output's 1 (d out / d out)."""
        self._rewind()
        self._show()

    def step(self):
        """One step: the next node passes its gradient to its parents. Does nothing at the end."""
        if self._advance():
            self._show()

    def back(self):
        """One step back: replay the backward pass from the start up to one step earlier."""
        self.go_to(self.position - 1)

    def go_to(self, position):
        """Replay the backward pass from the start up to `position` steps (clipped to the ends)."""
        position = max(0, min(int(position), len(self.steps)))
        self._rewind()
        while self.position < position:
            self._advance()
        self._show()

    def _rewind(self):
        for v in self.nodes:
            v.grad = 0.0
        self.root.grad = 1.0
        self.position = 0
        self._last_lines = []

    def _advance(self):
        node = self.upcoming
        if node is None:
            return False
        # describe the step with the same arithmetic that _backward() is about to do
        running, lines = {}, []
        for parent, local in zip(node._prev, node._local_grads):
            before = running.get(id(parent), parent.grad)
            after = before + local * node.grad
            running[id(parent)] = after
            lines.append(f"{_node_name(parent)}: grad {format_number(before)} + {_factor(local)} × "
                         f"{_factor(node.grad)} = {format_number(after)}")
        node._backward()
        self.position += 1
        self._last_lines = lines
        return True

    # ---- showing -------------------------------------------------------------------------------

    def _lines(self):
        n = len(self.steps)
        node = self.current
        if node is None:
            return [f"step 0 of {n}: every gradient is 0, except the output's: "
                    f"d out / d out = 1. Press Next.",
                    "(In the graph, yellow: the node just worked on; green: gradient final.)"]
        who = f"node '{node.label}' ({node._op})" if node.label else _node_name(node)
        head = (f"step {self.position} of {n}: {who} passes "
                f"its gradient {format_number(node.grad)} to its parents, "
                "grad += local derivative × its gradient")
        lines = [head] + ["    " + line for line in self._last_lines]
        if self.position == n:
            lines.append("Done: every gradient is final, the same as backward() gives.")
        return lines

    def _show(self):
        lines = [html.escape(line) for line in self._lines()]
        self.status.value = (f"<b>{lines[0]}</b>"
                             + "".join(f"<br><code>{line.strip()}</code>" if line.startswith("    ")
                                       else f"<br>{line}" for line in lines[1:]))
        size = self.BESIDE_GRAPH_PX if self.beside else (FIT_WIDTH_PX, None, None)
        self.graph.value = _svg_html(draw_dot(self.root, rankdir=self.rankdir,
                                              max_nodes=self.max_nodes,
                                              highlight=self.current, done=self.done), *size)
        self.back_button.disabled = self.position == 0
        self.reset_button.disabled = self.position == 0
        self.next_button.disabled = self.position == len(self.steps)

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        return bundle

    def __repr__(self):
        return f"BackpropStepper(step {self.position} of {len(self.steps)})"


def backprop_stepper(root, rankdir=None, max_nodes=MAX_NODES):
    """A widget that walks the backward pass through `root`'s graph one node at a time.

    Buttons Reset, Back and Next; a status line saying which node passes its gradient to which
    parents; and the graph, with the node just worked on in yellow and the nodes whose gradient
    is final in green. It sets the gradients of your graph as it goes (see BackpropStepper).
    """
    return BackpropStepper(root, rankdir=rankdir, max_nodes=max_nodes)


class GridSlider(widgets.FloatSlider):
    """A FloatSlider whose value stays on its grid, min + k·step, and whose page sends a value
    only when a person moves it.

    Why: the slider in the page (noUiSlider) snaps every value it is given to its grid in
    floating point, through a percentage of the range, so 1.0 on a slider from -3 to 3 with
    steps of 0.01 comes back as 0.9999999999999996 (about half of its 601 values do so). With
    continuous_update on, ipywidgets' page sends every snapped value that differs from the one
    it was given back to the kernel, as if the slider had been moved: first when it draws the
    slider. Under Run All that message reaches the kernel after the cells below have run and
    undoes what they set (notebook 06 set x0 = 0; the slider went back to 1.00, and the kernel
    had 0.9999999999999996). With continuous_update off, the page sends a value only when the
    slider is let go, moved by a key or typed into its read-out, never for its own snapping:
    what the code set last stays. The kernel rounds what the page sends to the grid, so that
    code reads 1.0 where the read-out says 1.00.
    """

    def __init__(self, **kwargs):
        super().__init__(continuous_update=False, **kwargs)

    def on_grid(self, value):
        """The grid point nearest to `value`, between min and max: 0.9999999999999996 -> 1.0."""
        value = min(max(value, self.min), self.max)
        # rounded to 10 decimals: min + k·step has float noise of its own (-3 + 315 · 0.01 is
        # 0.1499999999999999)
        return round(self.min + round((value - self.min) / self.step) * self.step, 10)

    @traitlets.validate("value")
    def _validate_value(self, proposal):
        return self.on_grid(proposal["value"])

    def set_state(self, sync_data):
        # what the page sends, put on the grid before it is set: the page's 0.9999999999999996
        # for the slider's 1.0 is then no change at all, and nothing is redrawn
        if "value" in sync_data:
            sync_data = {**sync_data, "value": self.on_grid(sync_data["value"])}
        super().set_state(sync_data)


class NeuronExplorer:
    """A 2-input neuron, out = activation(w0·x0 + w1·x1 + b), with a slider for every number.

    Each move of a slider (as it is let go, or at each press of an arrow key) runs the forward
    pass and backward() again, and shows the output, the gradient of the output with respect to
    every input and parameter, and (optionally) the graph. The sliders are GridSliders: a value
    set from code, even during Run All, is the one the slider shows.

        explorer = neuron_explorer(w0=0.5)
        explorer.sliders["w0"].value = -1.0   # as if a student had moved it
        explorer.out.data, explorer.grads()   # the new output, and its gradients
    """

    NAMES = ("x0", "x1", "w0", "w1", "b")
    # the graph beside the controls, in JupyterLab's 848 px output area at 1280×720, as tall as
    # the notebook's view (text stays 11 px or more)
    GRAPH_SIZE_PX = (480, 560)

    def __init__(self, x0=1.0, x1=-0.5, w0=0.6, w1=0.9, b=0.1, activation="tanh",
                 show_graph=True, limit=3.0):
        # its own random source, so building the widget leaves random.seed(...) streams alone;
        # the sliders overwrite the random weights at once anyway
        self.neuron = Neuron(2, activation, rng=random.Random(0))
        self.inputs = [Value(0.0, label="x0"), Value(0.0, label="x1")]
        self.show_graph = show_graph
        self.out = None
        start = {"x0": x0, "x1": x1, "w0": w0, "w1": w1, "b": b}
        self.sliders = {}
        for name in self.NAMES:
            slider = GridSlider(value=start[name], min=-limit, max=limit, step=0.01,
                                description=name, readout_format=".2f",
                                style={"description_width": "2em"},
                                layout=widgets.Layout(width="19em"))
            slider.add_class("micrograd-neuron-slider")
            slider.add_class(f"micrograd-neuron-{name}")
            self.sliders[name] = slider
        self.activation = widgets.Dropdown(options=list(ACTIVATIONS), value=activation,
                                           description="activation")
        self.output = widgets.HTML()
        self.gradients = widgets.HTML()
        self.graph = widgets.HTML()
        for w, name in ((self.activation, "micrograd-neuron-activation"),
                        (self.output, "micrograd-neuron-output"),
                        (self.gradients, "micrograd-neuron-grads"),
                        (self.graph, "micrograd-neuron-graph")):
            w.add_class(name)
        for control in [*self.sliders.values(), self.activation]:
            control.observe(self.update, names="value")
        # one column of controls and read-outs, the graph beside it: what a slider changes stays
        # in view at 1280×720
        controls = widgets.VBox([
            widgets.HTML("<b>inputs</b>"), self.sliders["x0"], self.sliders["x1"],
            widgets.HTML("<b>parameters</b>"), self.sliders["w0"], self.sliders["w1"],
            self.sliders["b"], self.activation, self.output, self.gradients],
            layout=widgets.Layout(min_width="21em"))
        children = [controls, self.graph] if show_graph else [controls]
        self.widget = widgets.HBox(children)
        self.widget.add_class("micrograd-neuron")
        self.update()

    def values(self):
        """The sliders' numbers, {"x0": ..., "x1": ..., "w0": ..., "w1": ..., "b": ...}."""
        return {name: s.value for name, s in self.sliders.items()}

    @property
    def text(self):
        """What the widget shows, as plain text: n, the output, and every gradient."""
        return "\n".join(self._readout)

    def grads(self):
        """d out / d (each number), after the last update."""
        v = dict(zip(("x0", "x1"), self.inputs))
        v.update(w0=self.neuron.w[0], w1=self.neuron.w[1], b=self.neuron.b)
        return {name: v[name].grad for name in self.NAMES}

    def update(self, change=None):
        """Forward pass and backward() with the sliders' numbers; redraw the readouts."""
        values = self.values()
        for x, name in zip(self.inputs, ("x0", "x1")):
            x.data = float(values[name])
        for w, name in zip(self.neuron.w, ("w0", "w1")):
            w.data = float(values[name])
        self.neuron.b.data = float(values["b"])
        self.neuron.activation = self.activation.value
        for v in [*self.inputs, *self.neuron.parameters()]:
            v.grad = 0.0  # a fresh graph each time, but these leaves are reused: start from 0
        out = self.neuron(self.inputs)
        act = self.activation.value
        n = out if act == "linear" else out._prev[0]  # the weighted sum, before the activation
        n.label = "n"
        if n is not out:
            out.label = "out"
        out.backward()
        self.out = out

        formula = "out = n" if act == "linear" else f"out = {act}(n)"
        self._readout = [f"n = w0·x0 + w1·x1 + b = {format_number(n.data)}",
                         f"{formula} = {format_number(out.data)}"]
        self.output.value = (
            f"<code>{self._readout[0]}</code><br>"
            f"<code>{formula} = <b>{format_number(out.data)}</b></code>")
        grads = self.grads()
        rows = "".join(f"<br><code>d out / d {name} = {format_number(grads[name])}</code>"
                       for name in self.NAMES)
        self.gradients.value = (f"<code>d out / d n = {format_number(n.grad)}</code>"
                                f" (the {act} slope at n)" + rows)
        self._readout += [f"d out / d n = {format_number(n.grad)}"]
        self._readout += [f"d out / d {name} = {format_number(grads[name])}" for name in self.NAMES]
        if self.show_graph:
            self.graph.value = _svg_html(draw_dot(out), *self.GRAPH_SIZE_PX)

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        return bundle

    def __repr__(self):
        v = self.values()
        return (f"NeuronExplorer({self.activation.value}, "
                + ", ".join(f"{k}={v[k]:.2f}" for k in self.NAMES) + ")")


def neuron_explorer(x0=1.0, x1=-0.5, w0=0.6, w1=0.9, b=0.1, activation="tanh", show_graph=True):
    """Sliders for a 2-input neuron's inputs x0, x1, weights w0, w1 and bias b, with its output
    and gradients shown live (see NeuronExplorer)."""
    return NeuronExplorer(x0=x0, x1=x1, w0=w0, w1=w1, b=b, activation=activation,
                          show_graph=show_graph)


# ---- the training panel (notebook 07) ----------------------------------------------------------

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


class _RateSlider(widgets.FloatLogSlider):
    """A FloatLogSlider whose read-out trims trailing zeros ("20", not "20.0"), so that it shows
    a rate exactly as format_rate (Python's ".3g") writes it in the panel's advice.

    d3-format, which draws the read-out in the browser, spells that ".3~g"; ipywidgets' own
    check of the format string is older than the "~" and would refuse it, so the trait is
    redeclared here as plain text.
    """

    readout_format = traitlets.Unicode(".3~g").tag(sync=True)


class TrainingPanel:
    """Train an MLP on (X, y) with the settings on the controls, and watch it learn.

    The controls: `.learning_rate` (a logarithmic slider), `.steps`, `.hidden` (layer sizes as
    text, "16, 16"), `.activation` (of the hidden layers), `.seed` (the same seed gives the same
    starting weights, so the same run) and `.train_button`. While it trains, `.status` shows
    "step 40/100 — loss 0.1234, accuracy 97%" and `.plot` (a PNG image) is redrawn every
    `redraw_every` steps: the loss so far and the decision boundary of the network now. When a
    run went wrong, or could go further, a box under the status line says what happened and
    what to try (`.advice_text`; `.advice_kind` is "warning", or "error" when training stopped).

    The learning rate trained with is the one the slider shows, rounded as it shows it: 20,
    not the 19.9526... (10 ** 1.3) of the slider's notch.

    With tanh the network is the course's, tanh in every layer. With relu or sigmoid the
    output neuron is linear (`linear_output=True`): a relu or sigmoid output could never
    reach -1, the label of the red class.

        panel = training_panel(data.X, data.y)     # the last line of a cell: shows it
        panel.learning_rate.value = 0.5
        panel.train_button.click()                 # or panel.train()
        panel.history, panel.model                 # the last run's History and network
    """

    ACTIVATIONS = ("tanh", "relu", "sigmoid")
    LEARNING_RATES = (1e-3, 1e2)  # the slider's range
    MAX_STEPS = 300
    MAX_SEED = 10**6
    BOX_COLOURS = {"warning": ("#8a4b00", "#fff4e0", "⚠"),  # (border and text, background, sign)
                   "error": ("#b00020", "#fdecee", "✖")}

    def __init__(self, X, y, learning_rate=0.1, steps=100, hidden="16, 16", activation="tanh",
                 seed=0, redraw_every=None):
        hidden = _check_panel_settings(X, y, learning_rate, steps, hidden, activation, seed,
                                       redraw_every, self)
        self.X, self.y = [list(map(float, p)) for p in X], [float(v) for v in y]
        self.redraw_every = redraw_every
        self.history = None
        self.model = None
        self.redraws = 0  # how many times the plot was drawn: the tests see the callback ran
        self.learning_rate = _RateSlider(
            value=learning_rate, base=10, min=math.log10(self.LEARNING_RATES[0]),
            max=math.log10(self.LEARNING_RATES[1]), step=0.1, description="learning rate",
            readout=True, continuous_update=False,
            style={"description_width": "8em"}, layout=widgets.Layout(width="32em"))
        self.steps = widgets.IntSlider(
            value=steps, min=1, max=self.MAX_STEPS, step=1, description="steps",
            continuous_update=False,
            style={"description_width": "8em"}, layout=widgets.Layout(width="32em"))
        self.hidden = widgets.Text(value=hidden, description="hidden layers",
                                   style={"description_width": "8em"},
                                   layout=widgets.Layout(width="18em"))
        self.activation = widgets.Dropdown(options=self.ACTIVATIONS, value=activation,
                                           description="activation",
                                           style={"description_width": "6em"},
                                           layout=widgets.Layout(width="14em"))
        self.seed = widgets.BoundedIntText(value=seed, min=0, max=self.MAX_SEED,
                                           description="seed",
                                           style={"description_width": "4em"},
                                           layout=widgets.Layout(width="10em"))
        self.train_button = widgets.Button(description="Train", button_style="primary",
                                           icon="play", tooltip="train a new network from the "
                                           "seed's starting weights")
        self.status = widgets.HTML()
        self._set_status("Press Train to start.")
        self.plot = widgets.Image(format="png", value=self._draw(None, None))
        for widget, name in ((self.learning_rate, "micrograd-lr-slider"),
                             (self.steps, "micrograd-steps-slider"),
                             (self.hidden, "micrograd-hidden-sizes"),
                             (self.activation, "micrograd-activation"),
                             (self.seed, "micrograd-seed"),
                             (self.train_button, "micrograd-train-button"),
                             (self.status, "micrograd-status"),
                             (self.plot, "micrograd-loss-plot")):
            widget.add_class(name)
        self.train_button.on_click(lambda _button: self.train())
        self.widget = widgets.VBox([
            widgets.HBox([widgets.VBox([self.learning_rate, self.steps]),
                          widgets.VBox([self.hidden, self.activation]),
                          widgets.VBox([self.seed, self.train_button])]),
            self.status, self.plot])
        self.widget.add_class("micrograd-training-panel")

    # ---- training ----------------------------------------------------------------------------

    def build_model(self):
        """A new MLP for the current settings, its weights drawn from the seed."""
        return classifier(len(self.X[0]), _parse_hidden_sizes(self.hidden.value),
                          self.activation.value, rng=random.Random(self.seed.value))

    def rate(self):
        """The learning rate as the slider shows it (20 for the notch at 10 ** 1.3 = 19.95...)."""
        return float(format_rate(self.learning_rate.value))

    def train(self):
        """Train a new network with the current settings; returns its History (None if the
        settings were not usable). Never raises: every problem is shown under the status line."""
        try:
            model = self.build_model()
        except ValueError as e:
            self._set_status("Not trained: the settings need a change.", str(e), "error")
            return None
        steps, lr = self.steps.value, self.rate()
        every = self.redraw_every or max(1, steps // 10)
        self.model, self.history = model, None
        self.train_button.disabled = True

        def on_step(step, history):
            self.history = history
            self._set_status(self._progress(history, steps))
            if (step + 1) % every == 0 and step + 1 < steps:
                self._redraw(history, model)
            return True

        try:
            self.history = train(model, self.X, self.y, steps=steps, learning_rate=lr,
                                 callback=on_step)
            self._redraw(self.history, model)
            self._set_status(self._done(self.history, steps), self.history.advice(), "warning")
        except TrainingDiverged as e:
            self.history = e.history
            line = f"Stopped at step {e.step}: the loss blew up."
            self._redraw(e.history, None, f"the loss blew up at step {e.step}")
            self._set_status(line, str(e), "error")
        except Exception as e:  # a button's callback must not raise: say what went wrong
            self._set_status("Training stopped.", f"{type(e).__name__}: {e}", "error")
        finally:
            self.train_button.disabled = False
        return self.history

    @staticmethod
    def _progress(history, steps):
        return (f"step {len(history.loss)}/{steps} — loss {_loss_text(history.loss[-1])}, "
                f"accuracy {history.accuracy[-1]:.0%}")

    @classmethod
    def _done(cls, history, steps):
        """The last step's line, and the result: the network as the last update left it."""
        line = "Done: " + cls._progress(history, steps)
        if history.loss_after is None:
            return line
        return (line + f"; after its update: loss {_loss_text(history.loss_after)}, "
                f"accuracy {history.accuracy_after:.0%}")

    # ---- showing -----------------------------------------------------------------------------

    def _set_status(self, line, advice=None, kind=None):
        """The status line, and under it `advice` (if any) in a box coloured by its kind."""
        self.advice_text = _sentence(advice) if advice else None
        self.advice_kind = kind if advice else None
        self.status_text = line + (f"\n{self.advice_text}" if advice else "")
        parts = [f'<div class="micrograd-status-line" style="font-size:1.2em;color:#222222">'
                 f'{html.escape(line)}</div>']
        if advice:
            colour, background, sign = self.BOX_COLOURS[kind]
            problem, _, rest = self.advice_text.partition(": ")
            parts.append(
                f'<div class="micrograd-advice micrograd-advice-{kind}" role="alert" '
                f'style="margin:6px 0 2px;padding:8px 12px;border:2px solid {colour};'
                f'border-left-width:8px;border-radius:4px;background:{background};'
                f'color:{colour};font-size:1.1em;line-height:1.4">'
                f'{sign} <b>{html.escape(problem)}</b>: {html.escape(rest)}</div>')
        self.status.value = "".join(parts)

    def _redraw(self, history, model, message=None):
        self.plot.value = self._draw(history, model, message)
        self.redraws += 1

    def _draw(self, history, model, message=None):
        """Two panels as PNG bytes: the loss so far, and the decision boundary (or the data)."""
        fig = plots.offscreen_figure(figsize=(12, 4.8))
        with mpl.rc_context(plots.PROJECTOR_STYLE):
            loss_ax, right_ax = fig.subplots(1, 2)
            # the loss of each step, and once training is done, the loss after its last update
            losses = history.loss_curve if history is not None else []
            if losses:
                plots.plot_loss(losses, ax=loss_ax)
            else:  # no loss yet: the frame and its labels, and what to do, without empty ticks
                loss_ax.set_title("Loss at each step")
                loss_ax.set_xlabel("training step")
                loss_ax.set_ylabel("loss")
                loss_ax.set_xticks([])
                loss_ax.set_yticks([])
                loss_ax.text(0.5, 0.5, message or "Press Train: the loss of\neach step "
                             "is drawn here", ha="center", va="center",
                             transform=loss_ax.transAxes, fontsize=15, color="#555555")
            if model is not None:
                plots.plot_decision_boundary(model, self.X, self.y, ax=right_ax, resolution=40,
                                             title="Decision boundary now", colorbar=False)
            else:
                plots.plot_dataset(self.X, self.y, ax=right_ax, title="The training data")
                if message:
                    right_ax.set_title("No boundary: training blew up", color="#b00020")
            fig.subplots_adjust(left=0.07, right=0.98, bottom=0.14, top=0.9, wspace=0.25)
        return plots.render_png(fig)

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        return bundle

    def __repr__(self):
        return (f"TrainingPanel(learning rate {format_rate(self.learning_rate.value)}, "
                f"{counted(self.steps.value, 'step')}, hidden {self.hidden.value!r}, "
                f"{self.activation.value}, seed {self.seed.value})")


def _loss_text(loss):
    return f"{loss:.4f}" if loss < 1e4 else f"{loss:.3g}"


def _sentence(text):
    """'the loss went up ... 10' -> 'The loss went up ... 10.'"""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _check_panel_settings(X, y, learning_rate, steps, hidden, activation, seed, redraw_every,
                          panel):
    """Refuse settings the controls cannot show, instead of letting a control quietly clamp
    them; train()'s own checks first, so the panel says what train() would. Returns the hidden
    layer sizes as the text box shows them ([16, 16] -> "16, 16")."""
    check_data(X, y, "training_panel")
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
    if redraw_every is not None and (not is_whole_number(redraw_every) or redraw_every < 1):
        raise ValueError(f"training_panel: redraw_every={redraw_every!r} must be None (about "
                         "10 redraws a run) or a whole number of steps of at least 1")
    if isinstance(hidden, (list, tuple)):
        hidden = ", ".join(map(str, hidden))
    if not isinstance(hidden, str):
        raise TypeError(f"training_panel: hidden must be layer sizes such as \"16, 16\" or "
                        f"[16, 16], got {type(hidden).__name__}: {hidden!r}")
    _parse_hidden_sizes(hidden)  # raises with its own message
    return hidden


def training_panel(X, y, learning_rate=0.1, steps=100, hidden="16, 16", activation="tanh",
                   seed=0, redraw_every=None):
    """A panel to train an MLP on points X with labels y and watch the loss and the decision
    boundary change (see TrainingPanel). Nothing is trained until Train is pressed."""
    return TrainingPanel(X, y, learning_rate=learning_rate, steps=steps, hidden=hidden,
                         activation=activation, seed=seed, redraw_every=redraw_every)
