"""The widgets as a student meets them: in a real JupyterLab, driven by mouse and keyboard.

Each test opens a notebook, runs it with Run > Run All Cells, uses a widget and checks that what
the learner sees changed; a screenshot of the end state goes to test-output/browser/.
"""

import re
import time

from lab_helpers import image_digest, open_notebook, run_all_cells

CHANGE_TIMEOUT = 30_000  # ms
TRAIN_TIMEOUT = 180_000  # ms for the panel's 60 steps on a loaded 2-core machine
HIGHLIGHT_FILL = "#fff3a0"  # micrograd.draw: the node being worked on now, light yellow


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


def test_training_panel_slider_and_train(page, lab, output_dir):
    panel = open_notebook(page, lab, "07_training.ipynb")
    run_all_cells(page, panel)

    training = panel.locator(".micrograd-training-panel").first
    training.scroll_into_view_if_needed()
    slider = training.locator(".micrograd-lr-slider")
    readout = slider.locator(".widget-readout")
    status = training.locator(".micrograd-status")
    plot = training.locator("img.micrograd-loss-plot, .micrograd-loss-plot img").first
    plot.wait_for()
    lr_before, status_before = readout.inner_text(), status.inner_text()
    plot_before = image_digest(plot)
    training.screenshot(path=output_dir / "07_training_panel_before.png")

    # the learning-rate slider, with the keyboard: focus its handle, three notches to the right
    handle = slider.locator(".noUi-handle")
    handle.focus()
    for _ in range(3):
        handle.press("ArrowRight")
    page.wait_for_function("([el, before]) => el.innerText !== before",
                           arg=[readout.element_handle(), lr_before], timeout=CHANGE_TIMEOUT)
    lr_after = readout.inner_text()
    assert float(lr_after) > float(lr_before), (lr_before, lr_after)

    training.locator(".micrograd-train-button").click()
    page.wait_for_function(
        "([el, before]) => el.innerText !== before && el.innerText.startsWith('Done')",
        arg=[status.element_handle(), status_before], timeout=TRAIN_TIMEOUT)
    status_after = status.inner_text()
    assert status_after != status_before
    page.wait_for_function(
        "(el) => !el.disabled", arg=training.locator(".micrograd-train-button").element_handle())
    # the last redraw's image reaches the page: the picture's bytes differ from before
    deadline = time.monotonic() + CHANGE_TIMEOUT / 1000
    while image_digest(plot) == plot_before and time.monotonic() < deadline:
        plot.evaluate("(img) => new Promise(r => requestAnimationFrame(() => r()))")
    assert image_digest(plot) != plot_before, "the loss curve did not change after Train"
    training.scroll_into_view_if_needed()
    training.screenshot(path=output_dir / "07_training_panel_after.png")
