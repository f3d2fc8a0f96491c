"""The neuron explorer (notebook 06): a 2-input neuron with a slider for every number."""

import random

import ipywidgets as widgets
import traitlets

from micrograd.display import BESIDE_CONTROLS_PX
from micrograd.draw import draw_dot, format_number
from micrograd.engine import Value
from micrograd.nn import ACTIVATIONS, Neuron
from micrograd.widgets.access import keyboard_access
from micrograd.widgets.base import CourseWidget, svg_html


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



class NeuronExplorer(CourseWidget):
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
    GRAPH_SIZE_PX = BESIDE_CONTROLS_PX  # the graph beside the controls (text 11 px or more)

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
                                layout=widgets.Layout(width="19em", max_width="100%"))
            slider.add_class("micrograd-neuron-slider")
            slider.add_class(f"micrograd-neuron-{name}")
            self.sliders[name] = slider
        self.activation = widgets.Dropdown(options=list(ACTIVATIONS), value=activation,
                                           description="activation", layout=widgets.Layout(
                                               width="19em", max_width="100%"))
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
            layout=widgets.Layout(min_width="min(21em, 100%)"))
        children = [controls, self.graph] if show_graph else [controls]
        # on a narrow page (200% zoom) the graph goes under the controls
        self.widget = widgets.HBox(children, layout=widgets.Layout(flex_flow="row wrap"))
        self.widget.add_class("micrograd-neuron")
        keyboard_access(self.widget, live=[self.output])  # names, keys, and out read out
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
        act = self.activation.value
        n = self.neuron.weighted_sum(self.inputs)
        out = self.neuron.activate(n)
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
            self.graph.value = svg_html(draw_dot(out), *self.GRAPH_SIZE_PX)

    def __repr__(self):
        v = self.values()
        return (f"NeuronExplorer({self.activation.value}, "
                + ", ".join(f"{k}={v[k]:.2f}" for k in self.NAMES) + ")")


def neuron_explorer(x0=1.0, x1=-0.5, w0=0.6, w1=0.9, b=0.1, activation="tanh", show_graph=True):
    """Sliders for a 2-input neuron's inputs x0, x1, weights w0, w1 and bias b, with its output
    and gradients shown live (see NeuronExplorer)."""
    return NeuronExplorer(x0=x0, x1=x1, w0=w0, w1=w1, b=b, activation=activation,
                          show_graph=show_graph)

