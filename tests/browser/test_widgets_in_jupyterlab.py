"""The widgets as a student meets them: in a real JupyterLab, driven by mouse and keyboard.

Each test opens a notebook, runs it with Run > Run All Cells, uses a widget and checks that what
the learner sees changed; a screenshot of the end state goes to test-output/browser/.
"""

import re

from lab_helpers import open_notebook, run_all_cells

from micrograd.draw import HIGHLIGHT_FILL  # the node being worked on now

CHANGE_TIMEOUT = 30_000  # ms


def highlighted_label(graph):
    """The text of the graph's node drawn in the highlight colour (the first of its fields)."""
    return graph.evaluate(
        """(svg, fill) => {
            const shape = [...svg.querySelectorAll('g.node path, g.node polygon')]
                .find(s => (s.getAttribute('fill') || '').toLowerCase() === fill);
            if (!shape) return null;
            const text = shape.closest('g.node').querySelector('text');
            return text ? text.textContent.trim() : null;
        }""", HIGHLIGHT_FILL)


def test_backprop_stepper_next_moves_the_highlight(page, lab, output_dir):
    panel = open_notebook(page, lab, "04_automatic_backprop.ipynb")
    run_all_cells(page, panel)

    stepper = panel.locator(".micrograd-stepper").first
    stepper.scroll_into_view_if_needed()
    status = stepper.locator(".micrograd-stepper-status")
    graph = stepper.locator(".micrograd-stepper-graph svg")
    graph.wait_for()
    status_before, svg_before = status.inner_text(), graph.inner_html()
    node_before = highlighted_label(graph)
    # the notebook jumps the stepper to step 3 from code: the widget shows it
    assert re.search(r"step 3 of \d+", status_before), status_before
    assert node_before, "no node is highlighted at step 3"
    stepper.screenshot(path=output_dir / "04_stepper_before_next.png")

    stepper.locator(".micrograd-stepper-next").click()
    page.wait_for_function(
        "([el, before]) => el.innerText !== before",
        arg=[status.element_handle(), status_before], timeout=CHANGE_TIMEOUT)

    status_after = status.inner_text()
    assert re.search(r"step 4 of \d+", status_after), status_after
    # the graph arrives in a message of its own, after the status line's
    page.wait_for_function(
        "([el, before]) => el.querySelector('svg') && el.querySelector('svg').innerHTML !== before",
        arg=[stepper.locator(".micrograd-stepper-graph").element_handle(), svg_before],
        timeout=CHANGE_TIMEOUT)
    # the highlighted (yellow) node is another one: the one named in the status line
    node_after = highlighted_label(graph)
    assert node_after and node_after != node_before, (node_before, node_after)
    assert f"'{node_after}'" in status_after, (node_after, status_after)
    stepper.scroll_into_view_if_needed()
    stepper.screenshot(path=output_dir / "04_stepper_after_next.png")
