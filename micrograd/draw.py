"""Draw the graph behind a Value: every number, the operation that made it, and its gradient.

    from micrograd.draw import draw_dot, save_graph
    draw_dot(y)                    # in a notebook: shows the graph inline, as SVG
    save_graph(y, "neuron.svg")    # or "neuron.png": writes the picture to a file

Each Value is a box `label | data 3.7900 | grad 1.0000`; a Value made by an operation has a small
oval with that operation ("+", "*", "tanh", ...) between its parents and it. The graph reads
from the inputs to the final output: left to right, or top to bottom where that is too wide to
read. On a slide it has a picture of its own, laid out for the slide's shape (_slide_picture).

Pictures are made by graphviz-pure, a `dot`-compatible program installed from PyPI (`pip install
graphviz-pure`) that writes the same bytes on every machine: the same expression gives the same
SVG file for everyone in the class. Only where it is missing is a system Graphviz `dot` used.
"""

import base64
import html
import re
import shutil
import sys
import sysconfig
from collections.abc import Iterable
from pathlib import Path

import graphviz
import graphviz.backend.dot_command

from micrograd.checks import counted, is_whole_number
from micrograd.engine import Value, topological_order

__all__ = ["draw_dot", "save_graph", "dot_binary", "format_number", "sized_svg",
           "GraphvizNotFoundError", "SAVE_FORMATS"]

# Helvetica: graphviz-pure measures it with its bundled Arimo (same letter widths), so the layout
# is identical everywhere, and the SVG asks the browser for "Helvetica,sans-Serif", which every
# system has in some metric-compatible form (Helvetica, Arial, Liberation Sans, Arimo).
FONT = "Helvetica"
FONT_SIZE = "14"  # readable on a classroom projector

HIGHLIGHT_FILL = "#fff3a0"  # light yellow: the node being worked on now
DONE_FILL = "#c9f2c7"  # light green: nodes whose gradient is final
MAX_NODES = 500

SAVE_FORMATS = {".svg": "svg", ".png": "png"}  # file extension -> graphviz output format


# How big a picture is shown. At 1280×720 with the file browser open, JupyterLab's output area
# is 848 px wide. Text is drawn at FONT_SIZE points, 18.7 CSS px at full size; a picture is
# shown at the size that gives its text MAX_TEXT_PX (the notebook's own text size), shrunk to fit
# FIT_WIDTH_PX, but never so far that its text drops below MIN_TEXT_PX: a picture still too wide
# then keeps 11 px text and scrolls sideways. draw_dot(rankdir=None) avoids that where it can by
# laying a wide graph out from top to bottom.
FIT_WIDTH_PX = 820
MIN_TEXT_PX = 11
MAX_TEXT_PX = 14
PX_PER_PT = 4 / 3  # graphviz measures in points, the browser in CSS px
_SVG_SIZE = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"')


def display_scale(width_pt, fit_width_px=FIT_WIDTH_PX, height_pt=0.0, fit_height_px=None,
                  max_text_px=MAX_TEXT_PX):
    """How much to scale a picture `width_pt` points wide: as large as `max_text_px` text allows,
    shrunk to fit `fit_width_px` (and `fit_height_px`, if given), but never below MIN_TEXT_PX
    text."""
    return max(MIN_TEXT_PX / _TEXT_PX, _fit_scale(width_pt, height_pt, fit_width_px,
                                                 fit_height_px, max_text_px))


_TEXT_PX = float(FONT_SIZE) * PX_PER_PT  # graph text in CSS px at scale 1


def _fit_scale(width_pt, height_pt, fit_width_px, fit_height_px, max_text_px):
    """The largest scale, up to `max_text_px` text, at which the picture fits the box."""
    fit = fit_width_px / (width_pt * PX_PER_PT)
    if fit_height_px and height_pt:
        fit = min(fit, fit_height_px / (height_pt * PX_PER_PT))
    return min(max_text_px / _TEXT_PX, fit)


def _size_pt(svg):
    match = _SVG_SIZE.search(svg)
    return float(match.group(1)), float(match.group(2))


def sized_svg(svg, fit_width_px=FIT_WIDTH_PX, fit_height_px=None, max_text_px=MAX_TEXT_PX):
    """graphviz's SVG text, with its width and height set in px by display_scale."""
    width_pt, height_pt = _size_pt(svg)
    scale = display_scale(width_pt, fit_width_px, height_pt, fit_height_px,
                          max_text_px) * PX_PER_PT
    size = f'<svg width="{width_pt * scale:.0f}px" height="{height_pt * scale:.0f}px"'
    return _SVG_SIZE.sub(size, svg, count=1)


# ---- on a slide ------------------------------------------------------------------------------
# Presented as a slide (RISE, 1280×720 full screen), a graph has a box that is wide and short
# below its code, or half as wide and as tall as the slide beside it. Each graph therefore has a
# second picture for slides, laid out and sized for whichever box shows its text larger, up to
# SLIDE_MAX_TEXT_PX: notebooks/rise.css shows that one on slides and the notebook's one elsewhere.
# A graph that fits neither box with its text at MIN_TEXT_PX gets the whole slide below its code
# (SLIDE_ALONE_PX): the lesson then gives it a cell of its own, drawing it and nothing else.
SLIDE_BOXES_PX = {"below": (1240, 400), "beside": (620, 640)}
SLIDE_ALONE_PX = (1240, 640)
SLIDE_MAX_TEXT_PX = 16


def _slide_picture(candidates):
    """(where, svg): the best of the candidate layouts for a slide, and where it goes ("below"
    or "beside" the code), sized for that box. On a tie the earlier candidate and box win."""
    def text_px(graph, box):
        return _fit_scale(*_size_pt(graph.svg()), *box, SLIDE_MAX_TEXT_PX) * _TEXT_PX

    choices = [(where, box, graph) for where, box in SLIDE_BOXES_PX.items()
               for graph in candidates]
    where, box, graph = max(choices, key=lambda c: round(text_px(c[2], c[1]), 1))
    if text_px(graph, box) < MIN_TEXT_PX:
        where, box = "below", SLIDE_ALONE_PX
        graph = max(candidates, key=lambda g: round(text_px(g, box), 1))
    return where, sized_svg(graph.svg(), *box, max_text_px=SLIDE_MAX_TEXT_PX)


# hidden="hidden", not a bare hidden: JupyterLab's sanitizer (for a notebook not trusted) drops
# attributes with an empty value, and the slide's picture would show in the notebook
_HIDDEN = ' hidden="hidden"'


def _img(svg, classes, alt, hidden=False):
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return (f'<img class="{classes}" alt="{html.escape(alt)}"{_HIDDEN if hidden else ""} '
            f'src="data:image/svg+xml;base64,{data}">')


class ExpressionGraph(graphviz.Digraph):
    """A graphviz.Digraph whose text form names what it shows, so that a notebook's stored
    output is the same on every run (a plain Digraph's repr holds its memory address), and
    whose picture in a notebook is sized to be read (sized_svg)."""

    def __init__(self, root_name, n_values, **kwargs):
        super().__init__(**kwargs)
        self.description = f"graph of {counted(n_values, 'Value')} ending at {root_name}"
        self._svg_of = (None, None)  # (source, its SVG): drawing takes a while, do it once
        self.slide_candidates = [self]  # layouts the slide may choose from (draw_dot sets them)

    def svg(self):
        """The picture as SVG text, as graphviz draws it (sizes in points)."""
        source = self.source
        if self._svg_of[0] != source:
            self._svg_of = (source, self.pipe(format="svg", encoding="utf-8"))
        return self._svg_of[1]

    @property
    def is_top_to_bottom(self):
        return "rankdir=TB" in self.source

    def width_pt(self):
        return float(_SVG_SIZE.search(self.svg()).group(1))

    def _repr_image_svg_xml(self):  # the picture in a notebook
        return sized_svg(self.svg())

    def html(self):
        """The notebook's picture and the slide's (see _slide_picture), as HTML: the slide's is
        hidden, and shown only by the slideshow's stylesheet (notebooks/rise.css)."""
        alt = self.description
        notebook = self._repr_image_svg_xml()
        where, slide = _slide_picture(self.slide_candidates)
        if slide == notebook:
            pictures = _img(notebook, f"micrograd-notebook micrograd-slide micrograd-{where}", alt)
        else:
            pictures = (_img(notebook, "micrograd-notebook", alt) + "\n" +
                        _img(slide, f"micrograd-slide micrograd-{where}", alt, hidden=True))
        return f'<div class="micrograd-graph">\n{pictures}\n</div>'

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):  # what Jupyter shows
        return {"text/html": self.html()}

    def __repr__(self):
        return f"<{self.description}>"


class GraphvizNotFoundError(RuntimeError):
    """Neither graphviz-pure nor Graphviz's `dot` could be found, so nothing can be drawn."""


# ---- which program draws the picture -------------------------------------------------------

def _exe(name):
    return f"{name}.exe" if sys.platform == "win32" else name


def _search_dirs():
    """Where this Python's own programs live: a venv's bin/ (or Scripts\\ on Windows).

    A Jupyter kernel started from a venv often does not have that folder on its PATH, so it is
    searched by hand as well as PATH.
    """
    dirs = []
    for d in (sysconfig.get_path("scripts"), str(Path(sys.executable).parent)):
        if d and d not in dirs:
            dirs.append(d)
    return dirs


def dot_binary():
    """The program that turns a graph into a picture, as a Path.

    graphviz-pure first: in this Python's scripts folder (where `pip install graphviz-pure`
    puts it), next to the Python executable, then on PATH. A system Graphviz `dot` is used only
    where graphviz-pure is missing. With neither, raises GraphvizNotFoundError.
    """
    for folder in _search_dirs():
        found = shutil.which(_exe("graphviz-pure"), path=folder)
        if found:
            return Path(found)
    for name in ("graphviz-pure", "dot"):
        found = shutil.which(name)
        if found:
            return Path(found)
    looked_in = ", ".join(_search_dirs() + ["your PATH"])
    raise GraphvizNotFoundError(
        "Drawing a graph needs the program graphviz-pure (or Graphviz's `dot`), and neither "
        f"was found (looked in {looked_in}).\n"
        "Install it into the Python you are running: `pip install graphviz-pure` "
        "(in a notebook cell: `%pip install graphviz-pure`), or install everything the course "
        "uses with `pip install -r requirements.txt` in the course folder. Then run this again."
    )


def _use_dot_binary():
    """Point the `graphviz` package at the chosen program, for this and every later render.

    graphviz 0.20+ builds each command line as [graphviz.backend.dot_command.DOT_BINARY, ...],
    reading that module attribute each time it runs, so setting it here is enough.
    """
    binary = dot_binary()
    graphviz.backend.dot_command.DOT_BINARY = binary
    return binary


# ---- the graph -----------------------------------------------------------------------------

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


def draw_dot(root, rankdir=None, highlight=None, done=None, show_grad=True,
             max_nodes=MAX_NODES):
    """The graph of the expression that ends at `root`, as a graphviz.Digraph (ExpressionGraph).

    In a notebook, the returned graph shows itself as a picture (SVG, with a second one for
    slides: ExpressionGraph.html); `.source` is its text in the DOT language. Nodes are named v0,
    v1, ... in topological order (v0 is a first input, the last one is `root`), so the same
    expression always gives the same picture, byte for byte.

    rankdir:   "LR" (left to right), "RL", "TB" (top to bottom) or "BT"; None (the default)
               is "LR", or "TB" for a graph too wide to read from left to right in a notebook
               (see display_scale). Left to right, a Value's fields sit side by side; top to
               bottom, they are stacked, which keeps the picture narrow. With None, the slide's
               picture may be laid out otherwise (see _slide_picture); a rankdir given is kept
               on slides too.
    highlight: a Value, or a collection of Values, to draw in light yellow with a bold border,
               e.g. the node a backprop step is working on; the operation that made it is drawn
               bold too, since that is where its gradient flows back to its parents.
    done:      Values whose gradient is final, drawn in light green.
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

    _use_dot_binary()  # here, not at import, so a missing program is reported when drawing

    def draw(rankdir, stacked=None):
        return _draw(root, order, number, rankdir, highlighted, finished, show_grad, stacked)

    if rankdir is not None:
        return draw(rankdir)
    wide = draw("LR")
    tall = draw("TB")
    compact = draw("LR", stacked=True)  # for a slide: wide, but not as wide
    if wide.width_pt() * PX_PER_PT * display_scale(wide.width_pt()) <= FIT_WIDTH_PX:
        chosen = wide  # fits left to right with its text at MIN_TEXT_PX or more
    else:
        chosen = tall if tall.width_pt() < wide.width_pt() else wide
    chosen.slide_candidates = [wide, compact, tall]
    return chosen


def _draw(root, order, number, rankdir, highlighted, finished, show_grad, stacked=None):
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
    dot.attr("node", fontname=FONT, fontsize=FONT_SIZE)
    dot.attr("edge", arrowsize="0.8")

    for i, v in enumerate(order):
        name = f"v{i}"
        fields = [_record_escape(v.label)] if v.label != "" else []
        fields.append(f"data {format_number(v.data)}")
        if show_grad:
            fields.append(f"grad {format_number(v.grad)}")
        style = {}
        if id(v) in highlighted:
            style = {"style": "filled,bold", "fillcolor": HIGHLIGHT_FILL, "penwidth": "2.5"}
        elif id(v) in finished:
            style = {"style": "filled", "fillcolor": DONE_FILL}
        # a record's fields line up across the flow of the graph (stacked from left to right,
        # side by side from top to bottom); {a | b | c} turns them
        label = " | ".join(fields)
        label = graphviz.nohtml("{" + label + "}" if across != stacked else label)
        dot.node(name, label=label, shape="record", **style)

        if v._op:
            op_name = f"{name}_op"
            op_style = {"style": "bold", "penwidth": "2.5"} if id(v) in highlighted else {}
            dot.node(op_name, label=graphviz.nohtml(str(v._op).replace("\\", "\\\\")),
                     shape="ellipse", margin="0.05,0.02", width="0.4", height="0.3", **op_style)
            dot.edge(op_name, name)
            for parent in v._prev:  # b = a + a: a appears twice, and gets two edges
                dot.edge(f"v{number[id(parent)]}", op_name)
    return dot


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
