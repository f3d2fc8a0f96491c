"""Draw the graph behind a Value: every number, the operation that made it, and its gradient.

    from micrograd.draw import draw_dot, save_graph
    draw_dot(y)                    # in a notebook: shows the graph inline, as SVG
    save_graph(y, "neuron.svg")    # or "neuron.png": writes the picture to a file

Each Value is a box `label | data 3.7900 | grad 1.0000`; a Value made by an operation has a small
oval with that operation ("+", "*", "tanh", ...) between its parents and it. The graph reads
from the inputs to the final output: left to right, or top to bottom where that is too wide to
read. How big the picture is shown, and how on a slide, is micrograd.display's business.

Pictures are made by graphviz-pure, a `dot`-compatible program installed from PyPI (`pip install
graphviz-pure`) that writes the same bytes on every machine: the same expression gives the same
SVG file for everyone in the class. Only where it is missing is a system Graphviz `dot` used.
"""

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import graphviz

from micrograd.checks import is_whole_number
from micrograd.display import (
    FONT,
    FONT_SIZE,
    ExpressionGraph,
    GraphvizNotFoundError,
    readable_layout,
    use_dot_binary,
)
from micrograd.engine import Value, topological_order

__all__ = ["draw_dot", "save_graph", "format_number", "GraphvizNotFoundError", "SAVE_FORMATS"]

# Each box and oval is filled, on no background of its own: in a light or a dark theme the graph
# is light boxes joined by grey arrows (#8c8c8c: 3.4:1 against white, 4.8:1 against JupyterLab
# Dark's #212121). A node's state in a backward pass shows in its border, not by its fill alone,
# so that it reads without colour vision, in greyscale and in print (the fills help who sees them).
NODE_FILL = "#fcfcfa"
EDGE_COLOR = "#8c8c8c"
# the borders, grey too, so that a thick or a dashed one shows on a dark page as on a light one
# (#6e6e6e: 5.1:1 against white, 3.2:1 against #212121)
NODE_BORDER = "#6e6e6e"
HIGHLIGHT_FILL = "#ffd98a"  # pale orange: the node being worked on now, with a thick border
DONE_FILL = "#a6cdea"  # pale blue: nodes whose gradient is final, with rounded corners
NODE_STATES = {  # graphviz attributes of each state, and what a sighted reader sees
    "now": {"attrs": {"style": "filled,bold", "fillcolor": HIGHLIGHT_FILL, "penwidth": "3"},
            "seen": "a thick border (pale orange)", "words": "worked on now"},
    "done": {"attrs": {"style": "filled,rounded", "fillcolor": DONE_FILL},
             "seen": "rounded corners (pale blue)", "words": "done"},
    "next": {"attrs": {"style": "filled,dashed", "fillcolor": NODE_FILL, "penwidth": "2"},
             "seen": "a dashed border", "words": "next"},
}
MAX_NODES = 500

SAVE_FORMATS = {".svg": "svg", ".png": "png"}  # file extension -> graphviz output format


def draw_dot(root, rankdir=None, highlight=None, done=None, show_grad=True,
             max_nodes=MAX_NODES, upcoming=None):
    """The graph of the expression that ends at `root`, as a graphviz.Digraph (ExpressionGraph).

    In a notebook, the returned graph shows itself as a picture (SVG, with a second one for
    slides: ExpressionGraph.html); `.source` is its text in the DOT language. Nodes are named v0,
    v1, ... in topological order (v0 is a first input, the last one is `root`), so the same
    expression always gives the same picture, byte for byte.

    rankdir:   "LR" (left to right), "RL", "TB" (top to bottom) or "BT"; None (the default)
               is "LR", or "TB" for a graph too wide to read from left to right in a notebook
               (micrograd.display.readable_layout). Left to right, a Value's fields sit side by
               side; top to bottom, they are stacked, which keeps the picture narrow. With None,
               the slide's picture may be laid out otherwise; a rankdir given is kept on slides
               too.
    highlight: a Value, or a collection of Values, to draw with a thick border (in pale orange),
               e.g. the node a backprop step is working on; the operation that made it is drawn
               bold too, since that is where its gradient flows back to its parents.
    done:      Values whose gradient is final, drawn with rounded corners (in pale blue).
    upcoming:  Values to be worked on next, drawn with a dashed border.
    show_grad: False leaves out the grad field (before backpropagation it is all zeros).
    max_nodes: a graph with more Values than this is refused (a picture of thousands of boxes is
               unreadable); None draws any size.
    """
    if not isinstance(root, Value):
        hint = (" To draw one of several outputs, pick one, e.g. draw_dot(outputs[0]), or draw "
                "the loss.") if isinstance(root, (list, tuple)) else ""
        raise TypeError(f"draw_dot draws the graph behind one Value, but was given "
                        f"{type(root).__name__}: {root!r}.{hint}")
    if rankdir not in (None, "LR", "RL", "TB", "BT"):
        raise ValueError(f"draw_dot(rankdir={rankdir!r}): rankdir must be 'LR' (left to right), "
                         "'RL', 'TB' (top to bottom) or 'BT'")

    if max_nodes is not None and (not is_whole_number(max_nodes) or max_nodes < 1):
        raise ValueError(f"draw_dot(max_nodes={max_nodes!r}): max_nodes is the most Values to "
                         "draw, a whole number of at least 1, or None for no limit")

    order = topological_order(root)
    if max_nodes is not None and len(order) > max_nodes:
        raise ValueError(
            f"this graph has {len(order)} Values, more than max_nodes={max_nodes}: a picture that "
            "big is unreadable. Draw a smaller expression, e.g. a single neuron's output, or "
            f"pass draw_dot(..., max_nodes={len(order)}) to draw it anyway.")

    number = {id(v): i for i, v in enumerate(order)}
    highlighted = _as_node_set(highlight, "highlight", number)
    finished = _as_node_set(done, "done", number)
    states = {i: "next" for i in _as_node_set(upcoming, "upcoming", number)}
    states.update({i: "done" for i in finished})
    states.update({i: "now" for i in highlighted})  # now wins over done, done over next

    use_dot_binary()  # here, not at import, so a missing program is reported when drawing

    def draw(rankdir, stacked=None):
        return _draw(root, order, number, rankdir, states, show_grad, stacked)

    # the layout that shows best, in a notebook and on a slide (micrograd.display)
    return draw(rankdir) if rankdir is not None else readable_layout(draw)


def _draw(root, order, number, rankdir, states, show_grad, stacked=None):
    """The graph laid out in direction `rankdir`, a Value's fields `stacked` one above the other
    or side by side (None: side by side from left to right, stacked from top to bottom)."""
    across = rankdir in ("LR", "RL")
    if stacked is None:
        stacked = not across
    root_name = root.label or f"Value({format_number(root.data)})"
    dot = ExpressionGraph(root_name, len(order), format="svg")
    dot.attr(rankdir=rankdir)
    if stacked:  # closer ranks: a tall graph then fits a screen, or a slide
        dot.attr(ranksep="0.25")
    dot.attr(bgcolor="transparent")
    dot.attr("node", fontname=FONT, fontsize=FONT_SIZE, style="filled", fillcolor=NODE_FILL,
             color=NODE_BORDER)
    dot.attr("edge", arrowsize="0.8", color=EDGE_COLOR)

    for i, v in enumerate(order):
        name = f"v{i}"
        fields = [_record_escape(v.label)] if v.label != "" else []
        fields.append(f"data {format_number(v.data)}")
        if show_grad:
            fields.append(f"grad {format_number(v.grad)}")
        state = states.get(id(v))
        style = NODE_STATES[state]["attrs"] if state else {}
        # a record's fields line up across the flow of the graph (stacked from left to right,
        # side by side from top to bottom); {a | b | c} turns them
        label = " | ".join(fields)
        label = graphviz.nohtml("{" + label + "}" if across != stacked else label)
        dot.node(name, label=label, shape="record", **style)

        if v._op:
            op_name = f"{name}_op"
            op_style = {"style": "filled,bold", "penwidth": "3"} if state == "now" else {}
            dot.node(op_name, label=graphviz.nohtml(str(v._op).replace("\\", "\\\\")),
                     shape="ellipse", margin="0.05,0.02", width="0.4", height="0.3", **op_style)
            dot.edge(op_name, name)
            for parent in v._prev:  # b = a + a: a appears twice, and gets two edges
                dot.edge(f"v{number[id(parent)]}", op_name)
    dot.rows = value_rows(order, show_grad, states)
    dot.text = text_equivalent(dot.rows)
    return dot


def value_rows(order, show_grad=True, states=None):
    """What the picture shows, Value by Value in order, as dicts: "name" (its label, or "node
    3", or "b (node 3)" for a label that several Values have), "made" (how: "a * b", "tanh(d)",
    "" for an input), "data", "grad" (None without show_grad) and "state" ("worked on now",
    "done", "next" or "")."""
    states = states or {}
    # a label that several Values share (every neuron has its "b") gets the node's number too
    uses = Counter(v.label for v in order if v.label)
    names = {id(v): (f"{v.label} (node {i})" if uses[v.label] > 1 else v.label or f"node {i}")
             for i, v in enumerate(order)}
    rows = []
    for v in order:
        parents = [names[id(p)] for p in v._prev]
        made = (f"{parents[0]} {v._op} {parents[1]}" if v._op and len(parents) == 2 else
                f"{v._op}({', '.join(parents)})" if v._op else "")
        state = states.get(id(v))
        rows.append({"name": names[id(v)], "made": made, "data": format_number(v.data),
                     "grad": format_number(v.grad) if show_grad else None,
                     "state": NODE_STATES[state]["words"] if state else ""})
    return rows


def text_equivalent(rows):
    """The rows of value_rows in words, for a screen reader and for alt text: every Value in
    order, its operation and parents, data and grad, and which is worked on now, done or next."""
    parts = []
    for row in rows:
        text = row["name"] + (f" = {row['made']}" if row["made"] else "")
        text += f", data {row['data']}"
        if row["grad"] is not None:
            text += f", grad {row['grad']}"
        if row["state"]:
            text += f" ({row['state']})"
        parts.append(text)
    return "; ".join(parts) + "."


def format_number(x):
    """A number as the course shows it: 4 decimals (3.7900), or, below 0.01, 4 significant
    digits, trailing zeros kept (0.002040, 5.195e-07), so a small gradient is not shown as 0.0020
    or 0.0000. Below 1e-9 it is rounding noise (2·0.15 - 0.3 = 5.6e-17) and shown as 0.0000."""
    if 1e-9 <= abs(x) < 0.01:
        return f"{x:#.4g}"  # '#' keeps trailing zeros: 0.002040, four digits as promised
    text = f"{x:.4f}"
    return "0.0000" if text == "-0.0000" else text


def _record_escape(text):
    r"""Escape a label for a record node, where | { } < > and \ have a meaning of their own."""
    out = []
    for ch in str(text):
        if ch in "\\|{}<>\"":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def _as_node_set(nodes, argument, in_graph):
    """`highlight=`/`done=`: None, one Value, or a collection of Values -> set of their ids."""
    if nodes is None:
        return set()
    if isinstance(nodes, Value):
        nodes = [nodes]
    elif not isinstance(nodes, Iterable) or isinstance(nodes, (str, bytes)):
        raise TypeError(f"draw_dot({argument}=...) takes a Value or a collection of Values, "
                        f"but was given {type(nodes).__name__}: {nodes!r}")
    ids = set()
    for v in nodes:
        if not isinstance(v, Value):
            raise TypeError(f"draw_dot({argument}=...) takes Values, but the collection holds "
                            f"a {type(v).__name__}: {v!r}")
        if id(v) not in in_graph:
            raise ValueError(f"draw_dot({argument}=...) was given {v!r}, which is not part of "
                             "the graph being drawn; pass Values that the drawn output "
                             "depends on (those in engine.topological_order(root))")
        ids.add(id(v))
    return ids


def save_graph(root, path, **draw_kwargs):
    """Draw the graph ending at `root` into a file, .svg or .png by its extension; return its Path.

    Any other keyword goes to draw_dot: save_graph(y, "neuron.png", highlight=y, show_grad=False).
    """
    path = Path(path)
    fmt = SAVE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        supported = " or ".join(SAVE_FORMATS)
        extra = (" graphviz-pure cannot write PDF; .svg stays sharp at any size."
                 if path.suffix.lower() in (".pdf", ".ps", ".eps") else "")
        raise ValueError(f"save_graph writes {supported} files, but was given {str(path)!r}"
                         f" (extension {path.suffix or 'none'!r}). Give the file name one of "
                         f"those extensions, e.g. {path.stem or 'graph'}.svg.{extra}")
    if path.is_dir():
        raise ValueError(f"save_graph: {str(path)!r} is a folder; give a file name inside it, "
                         f"e.g. {str(path / 'graph.svg')!r}")
    if not path.parent.is_dir():  # checked before drawing, which can take a while
        raise FileNotFoundError(f"save_graph: the folder {str(path.parent)!r} does not exist; "
                                "create it first, or give another path")
    data = draw_dot(root, **draw_kwargs).pipe(format=fmt)
    path.write_bytes(data)
    return path
