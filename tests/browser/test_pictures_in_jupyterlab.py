"""Every picture a notebook shows says what it shows, in a real JupyterLab at 1280×720 (issue 18).

Read from the page's accessibility tree (Playwright's ARIA snapshot: what a screen reader is
given), for each notebook as first opened, with its stored outputs: every plot and every graph in
an output area is an image with a name, the name is not empty and not a file path or a bare size
("graph of 13 Values"), and no two different pictures share a name. The text view that a long
graph has (its table, closed) is there, and its header cells are not empty.
"""

import re

import pytest
from lab_helpers import open_notebook

from course_tools import notebooks

NAMES = [p.name for p in notebooks()]
# a picture in an output: a plot (micrograd.display.figure_html), a graph's notebook picture
# (ExpressionGraph.html), a graph inside a widget (widgets.base.svg_html: role img), and any
# bare picture: a PNG output as matplotlib's inline backend stores it, an image widget's
PICTURES = (".jp-OutputArea-output img.micrograd-plot, "
            ".jp-OutputArea-output .micrograd-graph img.micrograd-notebook, "
            ".jp-OutputArea-output [role='img'], .jp-OutputArea-output .jp-RenderedImage img, "
            ".jp-OutputArea-output .jupyter-widgets img")
# its first line, `- img "name"`, quoted as YAML when the name needs it: `- 'img "f(x): ..."'`
IMG_LINE = re.compile(r"""^\s*- '?img(?: "(.*)")?'?:?$""", re.M)


def accessible_names(locator):
    """The name a screen reader is given for each picture the locator finds, in page order."""
    names = []
    for i in range(locator.count()):
        picture = locator.nth(i)
        if not picture.evaluate("e => e.getClientRects().length > 0"):
            continue  # hidden (a graph's picture for slides): not in the accessibility tree
        match = IMG_LINE.match(picture.aria_snapshot().splitlines()[0])
        names.append(match.group(1) if match and match.group(1) else "")
    return names


@pytest.mark.parametrize("name", NAMES)
def test_every_picture_is_named_by_what_it_shows(page, lab, name, output_dir):
    panel = open_notebook(page, lab, name)
    page.wait_for_timeout(2000)  # the stored widgets draw themselves
    names = accessible_names(panel.locator(PICTURES))
    for picture in names:
        assert picture, f"{name}: a picture has no name"
        assert not re.search(r"\.(png|svg)\b|_images/|^data:", picture), (
            f"{name}: a picture is named by its file: {picture[:80]}")
        assert not re.fullmatch(r"(?i)graph of \d+ values ending at \S+", picture), (
            f"{name}: a graph is named by its size alone: {picture}")
        assert len(picture) > 40, f"{name}: a name too short to say what it shows: {picture}"
    repeated = {n for n in names if names.count(n) > 1}
    assert not repeated, f"{name}: different pictures read alike: {sorted(repeated)[0][:120]}"
    tables = panel.locator(".jp-OutputArea-output details.micrograd-graph-table")
    for i in range(tables.count()):
        heads = tables.nth(i).locator("th").evaluate_all("ths => ths.map(t => t.textContent)")
        assert all(h.strip() for h in heads), f"{name}: a graph's table has an empty header"
