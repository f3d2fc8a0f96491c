"""The backprop stepper (notebook 04): the backward pass one node at a time, drawn at each step."""

import html

import ipywidgets as widgets

from micrograd.display import BESIDE_CONTROLS_PX, FIT_WIDTH_PX
from micrograd.draw import MAX_NODES, NODE_STATES, draw_dot, format_number
from micrograd.engine import Value, topological_order
from micrograd.widgets.access import keyboard_access
from micrograd.widgets.base import CourseWidget, svg_html


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


class BackpropStepper(CourseWidget):
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

    # a tall graph beside the controls: the box it fits (text stays 11 px or more), and the
    # height of its scrolling box, so the stepper fits the notebook's 600 px at 1280×720
    BESIDE_GRAPH_PX = (*BESIDE_CONTROLS_PX, BESIDE_CONTROLS_PX[1])

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
        # on a narrow page (200% zoom) the buttons wrap, and a tall graph goes under them
        buttons = widgets.HBox([self.reset_button, self.back_button, self.next_button],
                               layout=widgets.Layout(flex_flow="row wrap"))
        if self.beside:
            # the controls come first, for the keyboard and a screen reader, and stand to the
            # right of the graph (row-reverse), or above it when the page is too narrow
            controls = widgets.VBox([buttons, self.status],
                                    layout=widgets.Layout(width="330px", max_width="100%"))
            self.widget = widgets.HBox([controls, self.graph], layout=widgets.Layout(
                flex_flow="row-reverse wrap", justify_content="flex-end"))
        else:
            self.widget = widgets.VBox([buttons, self.status, self.graph])
        for w, name in ((self.widget, "micrograd-stepper"), (buttons, "micrograd-stepper-buttons"),
                        (self.reset_button, "micrograd-stepper-reset"),
                        (self.back_button, "micrograd-stepper-back"),
                        (self.next_button, "micrograd-stepper-next"),
                        (self.status, "micrograd-stepper-status"),
                        (self.graph, "micrograd-stepper-graph")):
            w.add_class(name)
        keyboard_access(self.widget, live=[self.status])  # names, keys, and each step read out
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
                    f"(In the graph, the node just worked on has {NODE_STATES['now']['seen']}, "
                    f"and the nodes whose gradient is final have "
                    f"{NODE_STATES['done']['seen']}.)"]
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
        self.graph.value = svg_html(draw_dot(self.root, rankdir=self.rankdir,
                                              max_nodes=self.max_nodes,
                                              highlight=self.current, done=self.done), *size)
        self.back_button.disabled = self.position == 0
        self.reset_button.disabled = self.position == 0
        self.next_button.disabled = self.position == len(self.steps)

    def __repr__(self):
        return f"BackpropStepper(step {self.position} of {len(self.steps)})"


def backprop_stepper(root, rankdir=None, max_nodes=MAX_NODES):
    """A widget that walks the backward pass through `root`'s graph one node at a time.

    Buttons Reset, Back and Next; a status line saying which node passes its gradient to which
    parents; and the graph, with the node just worked on (a thick border) and the nodes whose
    gradient is final (rounded corners) marked. It sets the gradients of your graph as it goes
    (see BackpropStepper).
    """
    return BackpropStepper(root, rankdir=rankdir, max_nodes=max_nodes)

