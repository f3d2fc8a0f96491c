"""Run All, as a student does it first: every widget then shows what its code set last, and no
worked solution shows.

For each notebook with a widget (04 the backprop stepper, 06 the neuron explorer, 07 the
training panel): a fresh copy of the course (the `lab` fixture), the notebook opened in
JupyterLab as `python3 course.py lab` opens it, Edit > Clear Outputs, Run > Run All Cells.

(a) What the widgets show is what the code below them set, and printed: the stepper at step 3,
    the explorer with x0 = 0 (its slider at 0.00, n = -0.3500), the training panel with its
    settings, untrained. Then one more cell is run: the kernel takes it after every
    message the page sent before it (a slider that sent its own value back, say), and its
    output comes after their answers, so a widget checked after that cell's output has shown
    all it will show.
(b) No solution shows: the worked solutions are markdown cells holding a closed
    <details class="solution"> (a <summary>, the code inside). None is open, none of their code
    is visible, and no output holds a checker's verdict "Right!" (Run All runs no solution).

Screenshots at 1280x720 go to test-output/browser/run_all_*.png.
"""

import html
import json
import re

import pytest
from lab_helpers import open_notebook, run_all_cells, shut_down_kernels

NOTEBOOKS = ["04_automatic_backprop.ipynb", "06_neuron_layer_mlp.ipynb", "07_training.ipynb"]
CHANGE_TIMEOUT = 30_000  # ms
VERDICT = "Right!"  # what a checker says to a right answer (micrograd.exercises.feedback)


class RanAll:
    """A notebook after Run All: its page and its notebook panel."""

    def __init__(self, name, page, panel):
        self.name, self.page, self.panel = name, page, panel
        self.synchronised = False


@pytest.fixture(scope="module", params=NOTEBOOKS)
def ran_all(request, browser, lab):
    """One Run All per notebook, for both of its tests (a notebook takes minutes to run)."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        panel = open_notebook(page, lab, request.param)
        run_all_cells(page, panel)
        yield RanAll(request.param, page, panel)
    finally:
        context.close()
        shut_down_kernels(lab)


def synchronise(ran):
    """Run one more cell at the end, with the keyboard, and wait for its output (see above)."""
    if ran.synchronised:
        return
    page, panel = ran.page, ran.panel
    panel.locator(".jp-Cell").last.locator(".jp-InputPrompt").click()
    page.keyboard.press("Escape")  # command mode
    page.keyboard.press("b")  # a new code cell below
    page.keyboard.press("Enter")  # edit it
    page.keyboard.type("print('after' + ' Run All')")
    page.keyboard.press("Shift+Enter")
    panel.locator(".jp-OutputArea-output", has_text="after Run All").wait_for()
    ran.synchronised = True


def printed_below(widget):
    """The text printed by the first code cell after the widget's cell."""
    return widget.evaluate(
        """(el) => {
            let cell = el.closest('.jp-Cell').nextElementSibling;
            while (cell && !cell.classList.contains('jp-CodeCell')) cell = cell.nextElementSibling;
            const out = cell && cell.querySelector('.jp-OutputArea');
            return out ? out.innerText : null;
        }""")


def lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def shoot(ran, locator, name, output_dir):
    locator.scroll_into_view_if_needed()
    ran.page.screenshot(path=output_dir / f"run_all_{name}.png")


# ---- (a) every widget shows what its code set last -------------------------------------------

def test_run_all_widgets_show_what_the_code_set_last(ran_all, output_dir):
    synchronise(ran_all)
    check = {"04_automatic_backprop.ipynb": stepper_at_step_3,
             "06_neuron_layer_mlp.ipynb": explorer_with_x0_at_0,
             "07_training.ipynb": panels_as_set}[ran_all.name]
    check(ran_all, output_dir)


def stepper_at_step_3(ran, output_dir):
    # the notebook: stepper = backprop_stepper(output); below it stepper.go_to(3), print(.text)
    stepper = ran.panel.locator(".micrograd-stepper").first
    status = stepper.locator(".micrograd-stepper-status")
    printed = lines(printed_below(stepper))
    assert re.match(r"step 3 of \d+:", printed[0]), printed
    assert lines(status.inner_text()) == printed  # the same lines the kernel printed
    assert stepper.locator(".micrograd-stepper-back").is_enabled()
    shoot(ran, stepper, "04_stepper", output_dir)


def explorer_with_x0_at_0(ran, output_dir):
    # the notebook: explorer = neuron_explorer(x0=1.0, ...); below it, x0 set to 0.0 from code
    # and print(explorer.text): n = -0.3500 and w0's gradient 0.0000
    explorer = ran.panel.locator(".micrograd-neuron").first
    printed = lines(printed_below(explorer))
    assert printed[0] == "n = w0·x0 + w1·x1 + b = -0.3500", printed
    assert "d out / d w0 = 0.0000" in printed
    readouts = {name: explorer.locator(f".micrograd-neuron-{name} .widget-readout").inner_text()
                .replace("\N{MINUS SIGN}", "-")  # d3-format writes a minus sign, not a hyphen
                for name in ("x0", "x1", "w0", "w1", "b")}
    assert readouts == {"x0": "0.00", "x1": "-0.50", "w0": "0.60", "w1": "0.90", "b": "0.10"}
    # the handle where the read-out says: noUiSlider's aria value, 0 (not 1)
    handle = explorer.locator(".micrograd-neuron-x0 .noUi-handle")
    assert abs(float(handle.get_attribute("aria-valuenow"))) < 1e-9
    # what the kernel computed for the sliders it has: the lines printed below
    shown = lines(explorer.locator(".micrograd-neuron-output").inner_text()
                  + "\n" + explorer.locator(".micrograd-neuron-grads").inner_text())
    assert shown[:2] == printed[:2]
    def gradients(text_lines):  # d out / d x0 ... d out / d b (the d n line says more on the page)
        return [line for line in text_lines if re.match(r"d out / d [xwb]", line)]

    assert gradients(shown) == gradients(printed) and len(gradients(printed)) == 5
    shoot(ran, explorer, "06_explorer", output_dir)

    # and a student's moves still reach the kernel, which recomputes the neuron: an arrow key
    # (one step, 0.01: n = -0.35 + 0.6 * 0.01), then a drag, which counts when it is let go
    output = explorer.locator(".micrograd-neuron-output")
    handle.focus()
    handle.press("ArrowRight")
    ran.page.wait_for_function("(el) => el.innerText.includes('= -0.3440')",
                               arg=output.element_handle(), timeout=CHANGE_TIMEOUT)
    assert explorer.locator(".micrograd-neuron-x0 .widget-readout").inner_text() == "0.01"
    box = handle.bounding_box()
    track = explorer.locator(".micrograd-neuron-x0 .noUi-target").bounding_box()
    ran.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    ran.page.mouse.down()
    ran.page.mouse.move(track["x"] + track["width"] + 40, box["y"] + box["height"] / 2, steps=5)
    ran.page.mouse.up()
    # past the end of the track: x0 = 3, the slider's end; n = 0.6 * 3 - 0.45 + 0.1 = 1.45
    ran.page.wait_for_function("(el) => el.innerText.includes('= 1.4500')",
                               arg=output.element_handle(), timeout=CHANGE_TIMEOUT)
    assert explorer.locator(".micrograd-neuron-x0 .widget-readout").inner_text() == "3.00"
    shoot(ran, explorer, "06_explorer_moved", output_dir)


def panels_as_set(ran, output_dir):
    # the notebook: panel = training_panel(X, y, learning_rate=0.2, steps=60, seed=1), shown and
    # not trained; the next cell trains a second panel from code, 5 steps, and prints its status
    panel = ran.panel.locator(".micrograd-training-panel").first
    assert panel.locator(".mg-rate").get_attribute("aria-valuetext") == "0.2"
    assert panel.locator(".mg-steps").input_value() == "60"
    assert panel.locator(".mg-hidden").input_value() == "16, 16"
    assert panel.locator(".mg-seed").input_value() == "1"
    assert panel.locator(".mg-activation").input_value() == "tanh"
    assert panel.locator(".mg-status").inner_text().startswith("Ready: step 0 of 60, learning "
                                                               "rate 0.2.")
    assert panel.locator(".mg-play").inner_text() == "Play"
    printed = lines(printed_below(panel))
    assert printed[0].startswith("Done: step 5 of 5, learning rate 0.2 — loss 0.4149"), printed
    shoot(ran, panel, "07_panel", output_dir)


# ---- (b) no solution shows -------------------------------------------------------------------

def solution_code(notebook_path):
    """The lines of code that only the notebook's <details class="solution"> cells hold (an
    exercise's own cell has its checker's call too, and its text may quote a line: those may
    show)."""
    notebook = json.loads(notebook_path.read_text(encoding="utf-8"))
    code, elsewhere = [], set()
    for cell in notebook["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] != "markdown" or 'class="solution"' not in source:
            elsewhere.update(line.strip() for line in source.splitlines())
            elsewhere.update(re.findall(r"`([^`\n]+)`", source))  # what the lesson's text shows
            continue
        blocks = re.findall(r"```[a-z]*\n(.*?)```", source, re.S)
        blocks += [html.unescape(b) for b in re.findall(r"<code[^>]*>(.*?)</code>", source, re.S)]
        code += [line.strip() for block in blocks for line in block.splitlines()
                 if len(line.strip()) > 12 and not line.strip().startswith("#")]
    return [line for line in code if line not in elsewhere]


def test_run_all_shows_no_solution(ran_all, lab, output_dir):
    panel = ran_all.panel
    solutions = panel.locator("details.solution")
    assert solutions.count() > 0, (f"{ran_all.name} has no <details class=\"solution\">: its "
                                   "solutions are not yet the closed markdown ones")
    shoot(ran_all, solutions.first, f"{ran_all.name[:2]}_first_solution", output_dir)
    assert panel.locator("details.solution[open]").count() == 0, "a solution is open"
    for details in solutions.all():
        assert details.locator("summary").is_visible()
        for code in details.locator("pre, code").all():
            assert not code.is_visible(), code.text_content()[:200]
    visible = panel.inner_text()  # what is rendered: a closed <details> shows its summary only
    code = solution_code(lab.root / "notebooks" / ran_all.name)
    assert code, "no code found in the solutions"
    shown = [line for line in code if line in visible]
    assert not shown, f"solution code is visible after Run All: {shown[:5]}"
    verdicts = [t for t in panel.locator(".jp-OutputArea-output").all_text_contents()
                if VERDICT in t]
    assert not verdicts, f"an output holds a solution's verdict: {verdicts[0][:300]}"
