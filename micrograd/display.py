"""How the course's pictures are shown: a graph drawn by micrograd.draw (the program that draws
it, the size and layout of its picture in a notebook and on a slide, its words and its table),
and a matplotlib figure (a picture on a card, named by what it shows).

A learner's part is micrograd.draw (draw_dot: the graph as graphviz, as in the lecture) and
micrograd.plots; this module is what makes their pictures readable everywhere: text of 11 px or
more, nothing cut off, a layout chosen for the notebook's width and another for a 1280x720
slide, in a light or a dark theme, and a name for every picture that says what it shows.
"""

import base64
import html
import re
import shutil
import sys
import sysconfig
from pathlib import Path

import graphviz
import graphviz.backend.dot_command

from micrograd.checks import counted

# Helvetica: graphviz-pure measures it with its bundled Arimo (same letter widths), so the layout
# is identical everywhere, and the SVG asks the browser for "Helvetica,sans-Serif", which every
# system has in some metric-compatible form (Helvetica, Arial, Liberation Sans, Arimo).
FONT = "Helvetica"
FONT_SIZE = "14"  # readable on a classroom projector

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
# a graph beside a widget's controls (the stepper's, the explorer's): the box it fits, in
# JupyterLab's 848 px output area at 1280×720, as tall as the notebook's 600 px view; the
# slideshow keeps the same box (notebooks/rise.css sizes the controls beside it)
BESIDE_CONTROLS_PX = (480, 560)
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


# a graph of more Values than this is named by its output and its states, not Value by Value,
# and one of more than TABLE_AFTER_VALUES has a table of every Value under its picture
ALT_ALL_VALUES = 16
TABLE_AFTER_VALUES = 8


class ExpressionGraph(graphviz.Digraph):
    """A graphviz.Digraph whose text form names what it shows, so that a notebook's stored
    output is the same on every run (a plain Digraph's repr holds its memory address), and
    whose picture in a notebook is sized to be read (sized_svg)."""

    def __init__(self, root_name, n_values, **kwargs):
        super().__init__(**kwargs)
        self.description = f"graph of {counted(n_values, 'Value')} ending at {root_name}"
        self.text = ""  # what it shows, in words (draw.text_equivalent): its alt text
        self.rows = []  # the same, Value by Value (draw.value_rows): its table
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

    @property
    def alt(self):
        """What the picture shows, in words: every Value, or for a graph of more than
        ALT_ALL_VALUES, its output, its states and where the table is."""
        name = f"{self.description[0].upper()}{self.description[1:]}"
        if len(self.rows) <= ALT_ALL_VALUES:
            return f"{name}: {self.text}"
        root = self.rows[-1]
        said = [f"the output {root['name']} = {root['made'] or 'an input'}, data {root['data']}"
                + (f", grad {root['grad']}" if root["grad"] is not None else "")]
        for state in ("worked on now", "next", "done"):
            these = [row["name"] for row in self.rows if row["state"] == state]
            if these:
                said.append(f"{state}: {counted(len(these), 'Value')}"
                            + (f" ({', '.join(these)})" if len(these) <= 4 else ""))
        return f"{name}: {'; '.join(said)}. The table below the picture lists every Value."

    def table_html(self):
        """Every Value as a row of an HTML table, in a <details> the reader opens: for a graph
        too long to take in from its alt text alone."""
        grad = self.rows and self.rows[0]["grad"] is not None
        state = any(row["state"] for row in self.rows)
        heads = ["Value", "made by", "data"] + (["grad"] if grad else []) + (
            ["state"] if state else [])
        head = "".join(f'<th scope="col">{h}</th>' for h in heads)
        body = []
        for row in self.rows:
            cells = [row["made"] or "an input", row["data"]] + (
                [row["grad"]] if grad else []) + ([row["state"] or "–"] if state else [])
            body.append(f'<tr><th scope="row">{html.escape(row["name"])}</th>'
                        + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
        return (f'<details class="micrograd-graph-table"><summary>The graph as a table '
                f'({counted(len(self.rows), "Value")})</summary>\n<table><thead><tr>{head}'
                f'</tr></thead><tbody>{"".join(body)}</tbody></table></details>')

    def html(self):
        """The notebook's picture and the slide's (see _slide_picture), as HTML: the slide's is
        hidden, and shown only by the slideshow's stylesheet (notebooks/rise.css). A graph of more
        than TABLE_AFTER_VALUES also has its table (table_html), closed, under the picture."""
        alt = self.alt
        notebook = self._repr_image_svg_xml()
        where, slide = _slide_picture(self.slide_candidates)
        if slide == notebook:
            pictures = _img(notebook, f"micrograd-notebook micrograd-slide micrograd-{where}", alt)
        else:
            pictures = (_img(notebook, "micrograd-notebook", alt) + "\n" +
                        _img(slide, f"micrograd-slide micrograd-{where}", alt, hidden=True))
        table = f"\n{self.table_html()}" if len(self.rows) > TABLE_AFTER_VALUES else ""
        return f'<div class="micrograd-graph">\n{pictures}{table}\n</div>'

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):  # what Jupyter shows
        # and, where no picture can be shown (a terminal, a text-only reader), what it shows
        return {"text/html": self.html(), "text/plain": self.alt}

    def __repr__(self):
        return f"<{self.description}>"


def readable_layout(draw):
    """The layout of a graph that shows it best, from `draw(rankdir, stacked=None)`, which lays
    it out: left to right where that fits the notebook's width with text at MIN_TEXT_PX or more,
    else top to bottom if that is narrower; on a slide it may choose another (_slide_picture)."""
    wide = draw("LR")
    tall = draw("TB")
    compact = draw("LR", stacked=True)  # for a slide: wide, but not as wide
    if wide.width_pt() * PX_PER_PT * display_scale(wide.width_pt()) <= FIT_WIDTH_PX:
        chosen = wide  # fits left to right with its text at MIN_TEXT_PX or more
    else:
        chosen = tall if tall.width_pt() < wide.width_pt() else wide
    chosen.slide_candidates = [wide, compact, tall]
    return chosen


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


def use_dot_binary():
    """Point the `graphviz` package at the chosen program, for this and every later render.

    graphviz 0.20+ builds each command line as [graphviz.backend.dot_command.DOT_BINARY, ...],
    reading that module attribute each time it runs, so setting it here is enough.
    """
    binary = dot_binary()
    graphviz.backend.dot_command.DOT_BINARY = binary
    return binary




# ---- plots -----------------------------------------------------------------------------------
# A matplotlib figure in a notebook is shown as HTML: its picture, as PNG, with its description
# (plots.describe) as alt text, and the description alone as its text form, which nbval compares
# and a terminal shows. JupyterLab would otherwise show a picture with no name, and the website
# name it by its file path. The picture sits on a light card with rounded corners, a thin border
# and room around it: in JupyterLab's dark theme a plot is then a card on the page, its text
# dark on light as it was drawn, not a glaring box cut to the edge of its axes.
CARD_STYLE = {"background": "#f7f7f4", "border": "#8c8c8c", "radius_px": 10, "padding_in": 0.2}


def figure_png(fig, dpi=None):
    """The figure as PNG bytes, on its card (CARD_STYLE), cut to what is drawn as a notebook
    does (bbox_inches="tight"), at the figure's own dpi unless `dpi` is given."""
    import io

    from PIL import Image, ImageDraw

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi or fig.dpi, bbox_inches="tight",
                pad_inches=CARD_STYLE["padding_in"], facecolor=CARD_STYLE["background"],
                metadata={"Software": None})
    picture = Image.open(io.BytesIO(buffer.getvalue())).convert("RGBA")
    # rounded corners: drawn 4 times as large and shrunk, so their edge is smooth
    size, radius, grow = picture.size, CARD_STYLE["radius_px"], 4
    mask = Image.new("L", (size[0] * grow, size[1] * grow), 0)
    border = Image.new("L", mask.size, 0)
    box = [0, 0, mask.size[0] - 1, mask.size[1] - 1]
    ImageDraw.Draw(mask).rounded_rectangle(box, radius=radius * grow, fill=255)
    ImageDraw.Draw(border).rounded_rectangle(box, radius=radius * grow, outline=255, width=grow)
    mask, border = mask.resize(size, Image.LANCZOS), border.resize(size, Image.LANCZOS)
    edge = Image.new("RGBA", size, CARD_STYLE["border"])
    picture = Image.composite(edge, picture, border)
    picture.putalpha(mask)
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def figure_html(fig, alt=None):
    """The figure as an HTML <img>, its alt text `alt` or what plots.describe says it shows."""
    from micrograd.plots import describe

    png = figure_png(fig)  # drawn first: describe reads tick labels, which drawing sets
    alt = describe(fig) if alt is None else alt
    data = base64.b64encode(png).decode("ascii")
    width = _png_width(png)
    return (f'<img class="micrograd-plot" alt="{html.escape(alt)}" width="{width}" '
            f'src="data:image/png;base64,{data}">')


def _png_width(png):
    return int.from_bytes(png[16:20], "big")  # the IHDR chunk: width, then height


def show_figures_described():
    """From now on, this IPython session shows each matplotlib figure as figure_html (its
    picture with alt text) with plots.describe as its text, instead of a bare PNG. Outside
    IPython, nothing changes. Called by plots.use_course_style()."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return
    import matplotlib
    from matplotlib.figure import Figure

    # The inline backend, once loaded, forgets every form registered for a Figure and registers
    # its PNG (IPython's select_figure_formats); matplotlib loads it with the first figure. It is
    # loaded here first, so that what follows stays.
    if "inline" in matplotlib.get_backend():
        import matplotlib_inline.backend_inline  # noqa: F401

    from micrograd.plots import describe

    formatters = shell.display_formatter.formatters
    formatters["text/html"].for_type(Figure, figure_html)
    formatters["text/plain"].for_type(Figure, lambda fig, p, cycle: p.text(describe(fig)))
    formatters["image/png"].for_type(Figure, lambda fig: None)  # the HTML holds the picture
