"""What a student sees, in a real JupyterLab at 1280×720 started as `course.py lab` starts it.

- On first open, before anything runs, every stored graph, plot and widget is drawn, not shown
  as its text form (`<graph of 13 Values ending at y>`, `BackpropStepper(step 0 of 7)`).
- After Run All, every graph (stored pictures and the widgets' own) has its smallest text at
  11 CSS px or more, measured in the page, and none is cut off.
- A solution shows its summary line only, until it is opened.

Screenshots of each notebook's first graph and first widget go to test-output/browser/.
"""

import json
import re
import shutil

import pytest
from conftest import ROOT
from lab_helpers import open_notebook

from course_tools import notebooks

NOTEBOOK_PATHS = notebooks()
NAMES = [p.name for p in NOTEBOOK_PATHS]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
MIN_TEXT_PX = 11
RENDER_TIMEOUT = 60_000  # ms
GRAPH_HTML = '<div class="micrograd-graph">'  # draw_dot's output: its picture, and one for slides
GRAPHS = ".jp-RenderedSVG, .jp-OutputArea-output .micrograd-graph"  # the pictures in the page


def stored_outputs(name):
    """How many stored outputs of each kind the notebook shows."""
    nb = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))
    counts = {"svg": 0, "png": 0, "widget": 0}
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if WIDGET_VIEW in data:
                counts["widget"] += 1
            elif "image/svg+xml" in data or GRAPH_HTML in "".join(data.get("text/html", "")):
                counts["svg"] += 1
            elif "image/png" in data or 'class="micrograd-plot"' in "".join(
                    data.get("text/html", "")):  # a plot, as micrograd.plots names it
                counts["png"] += 1
    return counts


# every <svg> in an output (a stored picture, an <img> of one, or inside a widget), measured:
# the smallest text in CSS px, and whether any part lies outside what its output area shows
MEASURE_GRAPHS = """(panel) => {
    const results = [];
    const pictures = [...panel.querySelectorAll(
        '.jp-OutputArea-output svg, .jp-OutputArea-output img[src^="data:image/svg"]')]
        .filter(el => !el.closest('.jp-RenderedImage') || el.tagName === 'IMG')
        .filter(el => !el.closest('.mg-panel'))  // the training panel's own pictures: its tests
        .filter(el => el.getClientRects().length)  // not the hidden picture for slides
        .filter(el => el.tagName === 'IMG' || el.querySelector('text'));
    const sizes = (root) => [...root.querySelectorAll('text')]
        .map(t => parseFloat(t.getAttribute('font-size')));
    for (const el of pictures) {
        let texts = [], viewWidth, box = el.getBoundingClientRect();
        if (el.tagName === 'IMG') {  // an SVG shown as an image: read its text from its source
            const [head, body] = [el.src.slice(0, el.src.indexOf(',')),
                                  el.src.slice(el.src.indexOf(',') + 1)];
            const svg = head.endsWith(';base64') ? decodeURIComponent(escape(atob(body)))
                                                 : decodeURIComponent(body);
            const doc = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
            viewWidth = parseFloat(doc.getAttribute('viewBox').split(/\\s+/)[2]);
            texts = sizes(doc);
        } else {
            viewWidth = el.viewBox.baseVal.width;
            texts = sizes(el);
        }
        if (!texts.length || !viewWidth) continue;
        const smallest = Math.min(...texts) * box.width / viewWidth;
        // cut off: the picture reaches past the edge of a box that hides what overflows it
        // (a box that scrolls shows the rest on scrolling: past it, only the box itself counts)
        let cut = false, scrolls = false, edge = box;
        for (let a = el.parentElement; a && a !== panel; a = a.parentElement) {
            const style = getComputedStyle(a), r = a.getBoundingClientRect();
            const past = edge.right > r.right + 1 || edge.left < r.left - 1
                         || edge.bottom > r.bottom + 1;
            if (past && /(auto|scroll)/.test(style.overflowX + style.overflowY)) {
                scrolls = true;
                edge = r;
            } else if (past && /(hidden|clip)/.test(style.overflowX + style.overflowY)) {
                cut = true;
            }
        }
        const inWidget = !!el.closest('.jupyter-widgets, .widget-html');
        results.push({smallest, cut, scrolls, inWidget, width: box.width,
                      right: box.right, panelRight: panel.getBoundingClientRect().right});
    }
    return results;
}"""


@pytest.mark.parametrize("name", NAMES)
def test_stored_pictures_and_widgets_show_on_first_open(page, lab, output_dir, name):
    stored = stored_outputs(name)
    # as a fresh clone has it: earlier tests ran this notebook in the same server
    shutil.copy2(ROOT / "notebooks" / name, lab.root / "notebooks" / name)
    panel = open_notebook(page, lab, name)
    area = panel.locator(".jp-OutputArea-output")
    if stored["svg"]:
        panel.locator(GRAPHS).nth(stored["svg"] - 1).wait_for(
            state="attached", timeout=RENDER_TIMEOUT)
    if stored["widget"]:
        try:
            panel.locator(".jp-OutputArea-output .jupyter-widgets").nth(
                stored["widget"] - 1).wait_for(state="attached", timeout=RENDER_TIMEOUT)
        finally:  # what the student would see, if the widgets did not come
            page.screenshot(path=output_dir / f"first-open-{name[:2]}-widgets.png")
    assert panel.locator(GRAPHS).count() == stored["svg"]
    assert panel.locator(".micrograd-graph img.micrograd-notebook").evaluate_all(
        "imgs => imgs.filter(i => i.complete && i.naturalWidth > 0 && i.getClientRects().length)"
        ".length") == panel.locator(".micrograd-graph").count(), "a graph's picture did not show"
    assert panel.locator("img.micrograd-slide:not(.micrograd-notebook)").evaluate_all(
        "imgs => imgs.filter(i => i.getClientRects().length).length") == 0, (
        f"{name}: a graph's picture for slides shows in the notebook")
    assert panel.locator(".jp-RenderedImage, img.micrograd-plot").count() >= stored["png"]
    assert panel.locator(".jp-OutputArea-output > .jupyter-widgets, "
                         ".jp-OutputArea-output .jupyter-widgets.widget-box, "
                         ".jp-OutputArea-output .jupyter-widgets.widget-inline-hbox"
                         ).count() >= stored["widget"]
    texts = "\n".join(area.all_inner_texts())
    for fallback in (r"<graph of \d+ Values", r"BackpropStepper\(", r"NeuronExplorer\(",
                     r"TrainingPanel\(", r"HBox\(children", r"VBox\(children",
                     r"FloatProgress\(", r"Error displaying widget"):
        assert not re.search(fallback, texts), (
            f"{name}: a stored output shows its text form ({fallback}) instead of its picture")
    # a stored progress bar shows where training stopped, not 0
    assert not re.search(r"\b0/\d+ steps", texts), f"{name}: a progress bar shows 0 steps"
    shot = panel.locator(f"{GRAPHS}, .jp-OutputArea-output .jupyter-widgets").first
    if shot.count():
        shot.scroll_into_view_if_needed()
        page.screenshot(path=output_dir / f"first-open-{name[:2]}.png")


@pytest.mark.parametrize("name", NAMES)
def test_solutions_show_only_their_summary_until_opened(page, lab, name, output_dir):
    """Each worked solution is a closed <details> in a markdown cell (JupyterLab's sanitizer
    keeps it): the page shows its summary line, not its code, until the student opens it."""
    panel = open_notebook(page, lab, name)
    nb = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))
    stored = sum(1 for c in nb["cells"] if "solution" in c.get("metadata", {}).get("tags", []))
    solutions = panel.locator(".jp-RenderedMarkdown details.solution")
    assert stored and solutions.count() == stored, (
        f"{name}: {stored} solutions stored, the page shows {solutions.count()}")
    for i in range(stored):
        solution = solutions.nth(i)
        assert solution.get_attribute("open") is None, f"{name}: solution {i + 1} is open"
        assert not solution.locator("pre").is_visible(), f"{name}: solution {i + 1} shows code"
        assert "Solution" in solution.locator("summary").inner_text()
    first = solutions.first
    first.locator("summary").click()
    first.locator("pre").wait_for(state="visible")
    assert "check_" in first.locator("pre").inner_text()
    if name == NAMES[3]:
        first.scroll_into_view_if_needed()
        page.screenshot(path=output_dir / f"{name[:2]}_solution_opened.png")


def test_graphs_show_even_in_a_notebook_that_is_not_trusted(page, lab, output_dir):
    """A student who opens the course with their own `jupyter lab` has no trusted notebooks.
    JupyterLab then shows HTML outputs sanitized, and a graph is HTML (draw_dot's pictures):
    the notebook's picture still shows, and the one for slides stays hidden."""
    name = "03_backprop_by_hand.ipynb"
    copy = lab.root / "notebooks" / "untrusted_copy.ipynb"
    nb = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))
    nb["metadata"]["course_copy"] = "not signed"  # a notebook nobody trusted
    copy.write_text(json.dumps(nb), encoding="utf-8")
    try:
        panel = open_notebook(page, lab, copy.name)
        graphs = stored_outputs(name)["svg"]
        assert graphs > 0
        pictures = panel.locator(".micrograd-graph img.micrograd-notebook")
        pictures.nth(graphs - 1).wait_for(state="attached", timeout=RENDER_TIMEOUT)
        assert panel.locator(".jp-RenderedHTMLCommon.jp-mod-trusted").count() == 0
        page.wait_for_function(
            "([panel, n]) => [...panel.querySelectorAll('.micrograd-graph img.micrograd-notebook')]"
            ".filter(i => i.complete && i.naturalWidth > 0 && i.getClientRects().length)"
            ".length === n", arg=[panel.element_handle(), graphs], timeout=RENDER_TIMEOUT)
        shown = panel.locator("img.micrograd-slide:not(.micrograd-notebook)").evaluate_all(
            "imgs => imgs.filter(i => i.getClientRects().length).map(i => i.outerHTML.slice(0, 200)"
            " + ' in ' + i.parentElement.parentElement.outerHTML.slice(0, 300))")
        assert not shown, f"a graph's picture for slides shows: {shown}"
        panel.locator(".micrograd-graph").first.scroll_into_view_if_needed()
        page.screenshot(path=output_dir / "untrusted-03.png")
    finally:
        copy.unlink()
