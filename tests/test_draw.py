"""Tests for micrograd.draw: the picture of a graph, and the program that draws it."""

import base64
import html
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import graphviz
import graphviz.backend.dot_command
import pytest

from micrograd import display, draw
from micrograd.display import GraphvizNotFoundError, dot_binary
from micrograd.draw import draw_dot, save_graph
from micrograd.engine import Value, topological_order

PROJECT = Path(__file__).resolve().parent.parent

# the worked neuron of the lecture; also run in a fresh Python to compare bytes
NEURON = textwrap.dedent("""
    from micrograd.engine import Value

    def neuron():
        w0, x0 = Value(1.3, label="w0"), Value(1.6, label="x0")
        w1, x1 = Value(1.2, label="w1"), Value(0.8, label="x1")
        w2, x2 = Value(1.1, label="w2"), Value(0.5, label="x2")
        b = Value(0.2, label="b")
        a = w0 * x0; a.label = "w0.x0"
        c = w1 * x1; c.label = "w1.x1"
        d = w2 * x2; d.label = "w2.x2"
        y = a + c + d + b; y.label = "y"
        y.backward()
        o = y.tanh(); o.label = "o"
        return o, y
""")
namespace = {}
exec(NEURON, namespace)
neuron = namespace["neuron"]


@pytest.fixture(autouse=True)
def restore_dot_binary(monkeypatch):
    """draw_dot sets graphviz's DOT_BINARY; put it back after each test."""
    monkeypatch.setattr(graphviz.backend.dot_command, "DOT_BINARY",
                        graphviz.backend.dot_command.DOT_BINARY)


def node_lines(graph):
    return [line for line in graph.body if re.match(r"\s*v\d+(_op)? \[", line)]


def edge_lines(graph):
    return [line for line in graph.body if " -> " in line]


def labels(graph):
    return [re.search(r'label=("[^"]*"|\S+)', line).group(1).strip('"')
            for line in node_lines(graph)]


# ---- structure -----------------------------------------------------------------------------

def test_a_single_value_is_one_node_and_no_edges():
    g = draw_dot(Value(3.0, label="x"))
    assert len(node_lines(g)) == 1
    assert edge_lines(g) == []


def test_sum_has_three_values_one_op_and_three_edges():
    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    c = a + b
    g = draw_dot(c)
    assert len(node_lines(g)) == 4  # a, b, c and the "+" between them
    assert len(edge_lines(g)) == 3  # a -> +, b -> +, + -> c
    assert "+" in labels(g)


def test_repeated_parent_draws_two_edges():
    a = Value(2.0, label="a")
    b = a + a
    g = draw_dot(b)
    assert len(node_lines(g)) == 3
    edges = [e.strip() for e in edge_lines(g)]
    assert edges.count("v0 -> v1_op") == 2
    assert edges.count("v1_op -> v1") == 1
    svg = g.pipe(format="svg").decode()
    assert svg.count('class="edge"') == 3


def test_neuron_counts_and_op_nodes():
    o, _ = neuron()
    g = draw_dot(o)
    # 7 inputs, 3 products, 3 sums, tanh: 14 Values; 7 of them made by an op
    assert len(node_lines(g)) == 14 + 7
    assert len(edge_lines(g)) == 2 * 6 + 1 + 7  # six 2-parent ops, tanh, op -> result
    ops = [lbl for lbl in labels(g) if "data" not in lbl]
    assert sorted(ops) == sorted(["*", "*", "*", "+", "+", "+", "tanh"])
    svg = g.pipe(format="svg").decode()
    assert svg.count('class="node"') == 21
    assert svg.count('class="edge"') == 20


def test_nodes_are_numbered_in_topological_order():
    o, _ = neuron()
    g = draw_dot(o)
    assert "{w0 | data 1.3000 | grad 1.6000}" in labels(g)[0]
    last_value = [line for line in node_lines(g) if "_op" not in line][-1]
    assert last_value.strip().startswith("v13 ") and "{o | data 0.9990" in last_value


# ---- labels --------------------------------------------------------------------------------

def test_label_data_and_grad_with_four_decimals():
    o, y = neuron()
    g = draw_dot(o)
    assert "{y | data 3.7900 | grad 1.0000}" in labels(g)
    assert "{w0.x0 | data 2.0800 | grad 1.0000}" in labels(g)
    assert "{o | data 0.9990 | grad 0.0000}" in labels(g)  # y.backward() ran before o existed


def test_unlabelled_value_has_no_empty_field_and_no_minus_zero():
    v = Value(-1e-17) * 1.0  # rounding noise, such as 2·0.15 - 0.3
    g = draw_dot(v)
    assert "{data 0.0000 | grad 0.0000}" in labels(g)


def test_small_numbers_keep_four_significant_digits():
    from micrograd.draw import format_number

    assert format_number(3.79) == "3.7900"
    assert format_number(0.0020412) == "0.002041"  # not 0.0020: the stepper's sums stay right
    assert format_number(0.0020401611) == "0.002040"  # four digits, trailing zero kept
    assert format_number(-0.0012) == "-0.001200"
    assert format_number(-5.195e-7) == "-5.195e-07"  # not 0.0000
    assert format_number(0.01) == "0.0100"
    assert format_number(-5.6e-17) == format_number(0.0) == "0.0000"
    v = Value(0.002, label="small") * 1.0
    assert "{data 0.002000 | grad 0.0000}" in labels(draw_dot(v))


def test_show_grad_false_leaves_grad_out():
    o, _ = neuron()
    src = draw_dot(o, show_grad=False).source
    assert "grad" not in src
    assert "{y | data 3.7900}" in src


def test_record_characters_in_labels_are_escaped():
    a = Value(1.0, label="a|b {c} <d>")
    src = draw_dot(a).source
    assert r"a\|b \{c\} \<d\>" in src
    svg = draw_dot(a).pipe(format="svg").decode()
    assert "a|b {c} &lt;d&gt;" in svg  # drawn as typed, as one field


def test_top_to_bottom_stacks_the_fields():
    a = Value(1.0, label="a")
    src = draw_dot(a, rankdir="TB").source
    assert "rankdir=TB" in src
    assert '"{a | data 1.0000 | grad 0.0000}"' in src  # braces: across the flow, so stacked


# ---- the size of the picture -----------------------------------------------------------------

def pictures(graph):
    """What Jupyter shows, HTML with one or two pictures: {class attribute: (SVG, hidden)}."""
    page = graph._repr_mimebundle_()["text/html"]
    return {classes: (base64.b64decode(data).decode("utf-8"), bool(hidden))
            for classes, hidden, data in re.findall(
                r'<img class="([^"]+)" alt="[^"]*"( hidden="hidden")? '
                r'src="data:image/svg\+xml;base64,([^"]+)">', page)}


def unsized(svg):
    return re.sub(r'<svg width="[^"]+" height="[^"]+"', "<svg", svg, count=1)


def picture(graph, view="notebook"):
    """The SVG of the picture for `view`, "notebook" or "slide", and its class attribute."""
    return next((svg, classes) for classes, (svg, _) in pictures(graph).items()
                if f"micrograd-{view}" in classes.split())


def shown_size(graph, view="notebook"):
    """The width and height in CSS px of the picture Jupyter shows, and of its text."""
    svg, _ = picture(graph, view)
    width, height = (float(x) for x in re.search(r'<svg width="([\d.]+)px" height="([\d.]+)px"',
                                                   svg).groups())
    view_width = float(re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+)', svg).group(1))
    sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)"', svg)]
    return width, height, min(sizes) * width / view_width


def test_a_small_graph_is_left_to_right_with_text_as_large_as_the_notebooks():
    a, b = Value(2.0, label="a"), Value(3.0, label="b")
    g = draw_dot(a * b + 1)
    assert "rankdir=LR" in g.source
    width, _, text = shown_size(g)
    assert width <= display.FIT_WIDTH_PX
    assert text == pytest.approx(display.MAX_TEXT_PX, abs=0.2)  # the width is rounded to 1 px


def test_a_wide_graph_is_laid_out_top_to_bottom_to_stay_readable():
    o, _ = neuron()
    wide = draw_dot(o, rankdir="LR")
    assert wide.width_pt() * display.PX_PER_PT * display.MIN_TEXT_PX / 18.67 > display.FIT_WIDTH_PX
    g = draw_dot(o)
    assert "rankdir=TB" in g.source and g.is_top_to_bottom
    width, _, text = shown_size(g)
    assert width <= display.FIT_WIDTH_PX and text >= display.MIN_TEXT_PX


def test_a_graph_too_wide_either_way_keeps_11px_text_and_scrolls():
    x = [Value(float(i), label=f"input number {i}") for i in range(40)]
    total = x[0]
    for v in x[1:]:
        total = total + v
    width, _, text = shown_size(draw_dot(total, rankdir="TB"))
    assert text == pytest.approx(display.MIN_TEXT_PX, abs=0.05)
    assert width > display.FIT_WIDTH_PX


def test_an_explicit_rankdir_is_kept():
    o, _ = neuron()
    assert "rankdir=LR" in draw_dot(o, rankdir="LR").source


# ---- highlight and done --------------------------------------------------------------------

def test_highlight_and_done_styles():
    o, y = neuron()
    g = draw_dot(o, highlight=y, done=[o])
    y_line = next(line for line in node_lines(g) if "{y |" in line)
    o_line = next(line for line in node_lines(g) if "{o |" in line)
    assert draw.HIGHLIGHT_FILL in y_line and "bold" in y_line
    assert draw.DONE_FILL in o_line
    y_op = next(line for line in node_lines(g) if line.strip().startswith("v12_op"))
    assert "bold" in y_op  # the operation that made the highlighted node
    others = [line for line in node_lines(g) if line not in (y_line, o_line, y_op)]
    assert not any("fill" in line or "bold" in line for line in others)
    svg = g.pipe(format="svg").decode()
    assert draw.HIGHLIGHT_FILL in svg and draw.DONE_FILL in svg


def test_highlight_wins_over_done_and_accepts_collections():
    a, b = Value(1.0, label="a"), Value(2.0, label="b")
    c = a * b
    g = draw_dot(c, highlight={a, b}, done=(a, c))
    a_line = next(line for line in node_lines(g) if "{a |" in line)
    assert draw.HIGHLIGHT_FILL in a_line and draw.DONE_FILL not in a_line


def test_highlight_outside_the_graph_or_not_a_value_is_an_error():
    a = Value(1.0)
    with pytest.raises(ValueError, match="not part of the graph"):
        draw_dot(a * 2, highlight=Value(5.0))
    with pytest.raises(TypeError, match="Value"):
        draw_dot(a, done=[1.0])


def test_root_must_be_a_value():
    with pytest.raises(TypeError, match="one Value.*outputs\\[0\\]"):
        draw_dot([Value(1.0), Value(2.0)])
    with pytest.raises(ValueError, match="rankdir"):
        draw_dot(Value(1.0), rankdir="left")


# ---- determinism ---------------------------------------------------------------------------

def test_svg_is_deterministic_and_has_no_paths_times_or_addresses():
    o, _ = neuron()
    first = draw_dot(o).pipe(format="svg")
    o2, _ = neuron()
    assert draw_dot(o2).pipe(format="svg") == first
    text = first.decode()
    assert "0x" not in text
    assert str(PROJECT) not in text and os.sep + "tmp" not in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}|\d{2}:\d{2}:\d{2}", text)


def test_svg_in_a_fresh_process_without_dot_on_path_is_byte_identical(tmp_path):
    o, _ = neuron()
    here = draw_dot(o).pipe(format="svg")
    script = NEURON + textwrap.dedent("""
        import sys
        from micrograd.draw import draw_dot
        o, _ = neuron()
        sys.stdout.buffer.write(draw_dot(o).pipe(format="svg"))
    """)
    empty = tmp_path / "empty"
    empty.mkdir()
    env = {"PATH": str(empty), "PYTHONPATH": str(PROJECT), "HOME": str(tmp_path)}
    if sys.platform == "win32":
        env["SYSTEMROOT"] = os.environ.get("SYSTEMROOT", "")
    there = subprocess.run([sys.executable, "-c", script], env=env, cwd=tmp_path,
                           capture_output=True, check=True).stdout
    assert there == here


def test_jupyter_display_is_html_with_the_notebooks_picture_and_a_hidden_one_for_slides():
    o, _ = neuron()
    g = draw_dot(o)
    bundle = g._repr_mimebundle_()
    assert list(bundle) == ["text/html", "text/plain"]
    assert bundle["text/plain"] == g.alt  # a text-only reader learns what the picture shows
    assert bundle["text/html"].startswith('<div class="micrograd-graph">')
    shown = pictures(g)
    assert sorted(shown) == ["micrograd-notebook", "micrograd-slide micrograd-below"]
    notebook, hidden = shown["micrograd-notebook"]
    assert not hidden and notebook == g._repr_image_svg_xml()
    assert notebook.lstrip().startswith("<?xml") and "graphviz-pure" in notebook
    slide, hidden = shown["micrograd-slide micrograd-below"]
    assert hidden and slide != notebook
    alt = f"Graph of {len(topological_order(o))} Values ending at {o.label}: {g.text}"
    assert bundle["text/html"].count(f'alt="{html.escape(alt)}"') == 2  # both pictures


def test_a_graph_says_in_words_what_it_shows():
    """Its text equivalent (the alt text of its pictures, the name a screen reader reads): each
    Value with its operation and parents, data and grad, and which is worked on or done, so
    that two pictures that look different do not read alike."""
    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    e = a * b
    e.label = "e"
    d = e + 1.0
    d.label = "d"
    d.backward()
    plain, marked = draw_dot(d).text, draw_dot(d, highlight=e, done=[d]).text
    assert plain == ("a, data 2.0000, grad -3.0000; b, data -3.0000, grad 2.0000; "
                     "e = a * b, data -6.0000, grad 1.0000; node 3, data 1.0000, grad 1.0000; "
                     "d = e + node 3, data -5.0000, grad 1.0000.")
    assert marked == plain.replace("-6.0000, grad 1.0000;", "-6.0000, grad 1.0000 (worked on now);"
                                   ).replace("grad 1.0000.", "grad 1.0000 (done).")
    assert "grad" not in draw_dot(d, show_grad=False).text
    assert draw_dot(d.tanh()).text.endswith("= tanh(d), data -0.9999, grad 0.0000.")


def test_one_picture_serves_both_when_they_are_the_same(monkeypatch):
    g = draw_dot(Value(1.0, label="a"))
    monkeypatch.setattr(display, "_slide_picture",
                        lambda graphs: ("beside", g._repr_image_svg_xml()))
    shown = pictures(g)
    assert list(shown) == ["micrograd-notebook micrograd-slide micrograd-beside"]
    assert shown["micrograd-notebook micrograd-slide micrograd-beside"][1] is False


# ---- on a slide ------------------------------------------------------------------------------

def mlp_graph():
    import random

    from micrograd.nn import MLP
    random.seed(1)
    y = MLP(2, [2, 1])([Value(2.0, label="x0"), Value(3.0, label="x1")])
    y.backward()
    return y


@pytest.mark.parametrize("make, layout, where, box", [
    (lambda: Value(2.0, label="a") * Value(3.0, label="b") + 1, "LR across", "below",
     display.SLIDE_BOXES_PX["below"]),
    (lambda: neuron()[1], "TB stacked", "beside", display.SLIDE_BOXES_PX["beside"]),
    (lambda: neuron()[0], "LR stacked", "below", display.SLIDE_BOXES_PX["below"]),
    (mlp_graph, "LR stacked", "below", display.SLIDE_ALONE_PX),  # needs a slide of its own
], ids=["small", "neuron before tanh", "neuron", "MLP(2, [2, 1])"])
def test_the_slide_picture_is_the_layout_with_the_largest_text_that_fits(make, layout, where,
                                                                         box):
    g = draw_dot(make())
    svg, classes = picture(g, "slide")
    assert f"micrograd-{where}" in classes.split()
    rankdir, fields = layout.split()
    chosen = next(c for c in g.slide_candidates if unsized(c.svg()) == unsized(svg))
    assert f"rankdir={rankdir}" in chosen.source
    assert ('label="{' in chosen.source) == ((rankdir == "LR") == (fields == "across"))
    width, height, text = shown_size(g, "slide")
    assert width <= box[0] and height <= box[1]
    assert display.MIN_TEXT_PX <= text <= display.SLIDE_MAX_TEXT_PX + 0.05
    for other in g.slide_candidates:  # none of the others would show its text larger
        for other_box in display.SLIDE_BOXES_PX.values():
            w_pt, h_pt = display._size_pt(other.svg())
            larger = display._fit_scale(w_pt, h_pt, *other_box, display.SLIDE_MAX_TEXT_PX) * 18.67
            assert larger <= text + 0.1


def test_a_small_graph_on_a_slide_has_the_largest_text():
    g = draw_dot(Value(2.0, label="a") * Value(3.0, label="b") + 1)
    _, _, text = shown_size(g, "slide")
    assert text == pytest.approx(display.SLIDE_MAX_TEXT_PX, abs=0.2)


def test_an_explicit_rankdir_is_kept_on_the_slide():
    o, _ = neuron()
    g = draw_dot(o, rankdir="LR")
    assert g.slide_candidates == [g]
    svg, _ = picture(g, "slide")
    assert unsized(svg) == unsized(g.svg())


# ---- finding the program -------------------------------------------------------------------

def test_graphviz_pure_is_found_with_no_dot_on_path(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # no dot, no graphviz-pure on PATH
    binary = dot_binary()
    assert binary.name.startswith("graphviz-pure")
    g = draw_dot(Value(1.0, label="x"))
    assert graphviz.backend.dot_command.DOT_BINARY == binary
    assert b"graphviz-pure" in g.pipe(format="svg")


def test_graphviz_pure_is_preferred_over_dot(monkeypatch):
    real_which = shutil.which

    def which(name, *args, **kwargs):
        return "/usr/bin/dot" if name == "dot" else real_which(name, *args, **kwargs)

    monkeypatch.setattr(shutil, "which", which)
    assert dot_binary().name.startswith("graphviz-pure")


def test_system_dot_is_the_fallback(monkeypatch):
    def which(name, *args, **kwargs):
        return "/usr/bin/dot" if name == "dot" else None

    monkeypatch.setattr(shutil, "which", which)
    assert dot_binary() == Path("/usr/bin/dot")


def test_missing_program_says_what_to_install(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda *args, **kwargs: None)
    with pytest.raises(GraphvizNotFoundError) as err:
        draw_dot(Value(1.0))
    message = str(err.value)
    assert "pip install graphviz-pure" in message
    assert "pip install -r requirements.txt" in message
    assert isinstance(err.value, RuntimeError)


# ---- files ---------------------------------------------------------------------------------

def test_save_svg_and_png(tmp_path):
    o, y = neuron()
    svg = save_graph(o, tmp_path / "neuron.svg")
    png = save_graph(o, str(tmp_path / "neuron.PNG"), highlight=y)
    assert svg == tmp_path / "neuron.svg" and isinstance(png, Path)
    assert svg.read_bytes() == draw_dot(o).pipe(format="svg")
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["neuron.PNG", "neuron.svg"]


def test_unsupported_extension_lists_the_supported_ones(tmp_path):
    with pytest.raises(ValueError, match=r"\.svg or \.png") as err:
        save_graph(Value(1.0), tmp_path / "graph.pdf")
    assert "PDF" in str(err.value)
    with pytest.raises(ValueError, match="none"):
        save_graph(Value(1.0), tmp_path / "graph")
    assert list(tmp_path.iterdir()) == []


# ---- size guard ----------------------------------------------------------------------------

def long_sum(n):
    total = Value(0.0)
    for i in range(n):
        total = total + Value(float(i))
    return total  # 2n + 1 Values


def test_too_many_nodes_is_refused_with_the_count():
    big = long_sum(300)  # 601 Values
    with pytest.raises(ValueError, match=r"601 Values.*max_nodes=500.*single neuron"):
        draw_dot(big)
    with pytest.raises(ValueError, match="601"):
        save_graph(big, "never-written.svg")
    assert not Path("never-written.svg").exists()


def test_max_nodes_can_be_raised_or_switched_off():
    big = long_sum(300)
    assert len(node_lines(draw_dot(big, max_nodes=601))) == 601 + 300
    assert len(node_lines(draw_dot(big, max_nodes=None))) == 601 + 300
    with pytest.raises(ValueError):
        draw_dot(long_sum(3), max_nodes=5)


@pytest.mark.parametrize("max_nodes", [0, -1, "5", 2.5, True])
def test_max_nodes_must_be_a_whole_number_of_at_least_1(max_nodes):
    with pytest.raises(ValueError, match=r"max_nodes is the most Values to draw, a whole number"):
        draw_dot(long_sum(1), max_nodes=max_nodes)


def test_save_graph_into_a_missing_folder_or_onto_a_folder_says_so(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"save_graph: the folder .*missing.* does not "
                       "exist; create it first"):
        save_graph(Value(1.0), tmp_path / "missing" / "graph.svg")
    (tmp_path / "pictures.svg").mkdir()
    with pytest.raises(ValueError, match=r"pictures.svg' is a folder; give a file name inside"):
        save_graph(Value(1.0), tmp_path / "pictures.svg")


# ---- without colour, and in either theme ---------------------------------------------------

def test_each_state_differs_by_its_border_not_by_its_fill_alone():
    o, y = neuron()
    w0 = next(v for v in topological_order(o) if v.label == "w0")
    svg = draw_dot(o, highlight=y, done=[o], upcoming=[w0]).svg()
    node = {title: body for title, body in re.findall(
        r'<title>(v\d+)</title>\n(.*?)</g>', svg, flags=re.S)}
    order = topological_order(o)
    now, done, upcoming = (node[f"v{order.index(v)}"] for v in (y, o, w0))
    plain = node[f"v{order.index(next(v for v in order if v.label == 'x0'))}"]
    assert 'stroke-width="3"' in now and 'stroke-width="3"' not in plain  # thick
    assert "<path" in done and "<path" not in plain  # rounded corners: a path, not a polygon
    assert "stroke-dasharray" in upcoming and "stroke-dasharray" not in plain  # dashed
    assert len({draw.NODE_STATES[s]["seen"] for s in draw.NODE_STATES}) == 3


def test_a_graph_has_no_background_and_every_box_is_filled():
    """On JupyterLab Dark the graph is light boxes and grey arrows, not a white rectangle."""
    o, _ = neuron()
    svg = draw_dot(o).svg()
    assert 'fill="white"' not in svg.split('<g id="node1"')[0]  # no background polygon
    for box in re.findall(r'<g id="node\d+" class="node">.*?</g>', svg, flags=re.S):
        first = re.search(r'<(polygon|ellipse|path) fill="([^"]+)"', box)
        assert first.group(2) not in ("none", "transparent"), box
    assert f'stroke="{draw.EDGE_COLOR}"' in svg


def test_the_text_says_which_node_is_next():
    a, b = Value(2.0, label="a"), Value(3.0, label="b")
    c = a * b
    c.label = "c"
    assert draw_dot(c, upcoming=c).text.endswith("c = a * b, data 6.0000, grad 0.0000 (next).")


def test_a_long_graph_is_named_by_its_output_and_states_and_has_a_table():
    x = Value(0.5, label="x")
    out = x
    for _ in range(12):
        out = out * 1.5 + 0.1
    out.label = "out"
    out.backward()
    g = draw_dot(out, highlight=out, max_nodes=None)
    assert len(g.rows) > display.ALT_ALL_VALUES
    assert g.alt.startswith(f"Graph of {len(g.rows)} Values ending at out: the output out = ")
    assert "worked on now: 1 Value (out)" in g.alt and g.alt.endswith("lists every Value.")
    shown = g.html()
    assert '<details class="micrograd-graph-table"><summary>The graph as a table' in shown
    assert '<th scope="col">grad</th>' in shown and '<th scope="row">x</th>' in shown
    assert "<th></th>" not in shown and '<th scope="col"></th>' not in shown
    small = draw_dot(Value(1.0, label="a") + 2.0)
    assert "<details" not in small.html()  # a small graph's alt text says it all


def test_two_different_graphs_never_share_a_name():
    o, y = neuron()
    names = {draw_dot(o).alt, draw_dot(o, highlight=y).alt, draw_dot(o, done=[o]).alt,
             draw_dot(o, show_grad=False).alt, draw_dot(y).alt}
    assert len(names) == 5


def test_a_label_several_values_share_is_told_apart_by_the_node_number():
    b1, b2 = Value(1.0, label="b"), Value(2.0, label="b")
    s = b1 + b2
    assert draw_dot(s).text.startswith("b (node 0), data 1.0000, grad 0.0000; b (node 1), data "
                                       "2.0000, grad 0.0000; node 2 = b (node 0) + b (node 1)")
