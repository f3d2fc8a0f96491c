"""The backprop stepper (notebook 04) and the neuron explorer (notebook 06) with the keyboard alone,
in a real JupyterLab, as a student without a mouse or with a screen reader uses them.

Each notebook is opened and run once (Run > Run All Cells); then only keys: the cell is selected
with the arrow keys of JupyterLab's command mode, Tab goes into the widget, and Tab, Shift+Tab,
the arrow keys, Enter, Space and typed letters operate every control. After each key the tests
check that the widget did what the key asks (the value, the step), that no notebook shortcut
fired (the cells' kinds and number are unchanged and the widget is still there: "r" on a
dropdown once turned the widget's cell into a raw cell) and that the focus never fell to the
page's body. Every control has an accessible name and a readable value (0.90, not
0.8999999999999999); status lines are live regions.

Then the same widgets in JupyterLab Light and Dark: every text of the widget, and the exercises'
verdicts, reach 4.5:1 against their background, and the focus ring 3:1; and at 640×360 (a
1280×720 screen at 200% zoom) the widgets reflow: nothing sticks out, nothing covers a control.
Screenshots go to test-output/browser/keys-*.png.
"""

import re

import pytest
from lab_helpers import open_notebook, run_all_cells, shut_down_kernels

from micrograd.exercises.feedback import Feedback

CHANGE_TIMEOUT = 30_000  # ms for the kernel to answer a key
LAPTOP, ZOOMED = {"width": 1280, "height": 720}, {"width": 640, "height": 360}

# the notebook's cells, their kinds in order: what a notebook shortcut would change
CELLS = """(panel) => [...panel.querySelectorAll('.jp-Notebook .jp-Cell')]
    .map(c => c.classList.contains('jp-CodeCell') ? 'code'
         : c.classList.contains('jp-MarkdownCell') ? 'markdown' : 'raw').join(' ')"""

# what has the focus, in words: its role and accessible name as the page sets them
FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'BODY';
    const label = el.labels && el.labels.length ? el.labels[0].textContent : '';
    return [el.getAttribute('role') || el.tagName.toLowerCase(),
            (el.getAttribute('aria-label') || label || el.textContent).trim()].join(': ');
}"""

# remembers every time the focus stays on the page's body for 100 ms after leaving a control
WATCH_BODY = """() => {
    window.__focusOnBody = [];
    document.addEventListener('focusout', (event) => {
        if (event.relatedTarget) return;
        const from = event.target.className || event.target.tagName;
        setTimeout(() => {
            if (!document.activeElement || document.activeElement === document.body)
                window.__focusOnBody.push(String(from));
        }, 100);
    }, true);
}"""

# the contrast of an element's text (or of its outline) against what lies behind it, as WCAG
# computes it: colours with alpha composed over the backgrounds below them
CONTRAST = """([el, what]) => {
    const parse = (css) => {
        let m = css.match(/^rgba?\\(([^)]*)\\)/);
        if (m) {
            const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
            return [p[0] / 255, p[1] / 255, p[2] / 255, p.length > 3 ? p[3] : 1];
        }
        m = css.match(/^color\\(srgb ([^)]*)\\)/);
        if (m) {
            const p = m[1].split(/[\\s\\/]+/).filter(Boolean).map(Number);
            return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
        }
        throw new Error('colour not understood: ' + css);
    };
    const over = (top, below) => top.slice(0, 3).map((c, i) => c * top[3] + below[i] * (1 - top[3]))
        .concat([1]);
    const behind = (node) => {  // the backgrounds from the page up to `node`, composed
        const layers = [];
        for (let n = node; n && n.nodeType === 1; n = n.parentElement) {
            const c = parse(getComputedStyle(n).backgroundColor);
            if (c[3] > 0) layers.push(c);
            if (c[3] >= 1) break;
        }
        return layers.reverse().reduce((below, top) => over(top, below), [1, 1, 1, 1]);
    };
    const lum = (c) => {
        const [r, g, b] = c.map(v => v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const style = getComputedStyle(el);
    // a ring lies on the page around its control; a slider's handle's ring crosses the slider's
    // track (a thin line) only at its sides: what lies behind it is the slider's background
    const bg = what !== 'outline' ? behind(el)
        : behind(el.closest('.widget-slider, .jupyter-widget-slider') || el.parentElement);
    const fg = over(parse(what === 'outline' ? style.outlineColor : style.color), bg);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    return Math.round((hi + 0.05) / (lo + 0.05) * 100) / 100;
}"""

# every element of the widget with text of its own, outside the graph's picture and disabled
# buttons (which WCAG leaves out), as [its text, its contrast]
TEXTS = """(root) => [...root.querySelectorAll('*')].filter(el =>
        [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())
        && !el.closest('svg') && !el.closest('button:disabled') && el.getClientRects().length)"""


def notebook_cells(panel):
    return panel.evaluate(CELLS)


def focused(page):
    return page.evaluate(FOCUSED)


def press(page, key):
    """Press `key` in the page, and check that the focus is not on the page's body."""
    page.keyboard.press(key)
    assert focused(page) != "BODY", f"after {key}, the focus fell to the page's body"


def wait_focus(page, name, timeout=CHANGE_TIMEOUT):
    """Wait until the control named `name` has the focus (it moves there when the focused button
    becomes disabled, as the kernel's answer arrives)."""
    try:
        page.wait_for_function("(name) => document.activeElement.textContent.trim() === name",
                               arg=name, timeout=timeout)
    except Exception:
        raise AssertionError(f"the focus is not on {name}, but on {focused(page)}") from None


def wait_change(page, locator, before):
    """Wait until the element's text is no longer `before`; return the new text."""
    page.wait_for_function("([el, before]) => el.innerText !== before",
                           arg=[locator.element_handle(), before], timeout=CHANGE_TIMEOUT)
    return locator.inner_text()


def select_cell_of(page, panel, widget):
    """In command mode, move the cell selection with the arrow keys to the widget's cell."""
    page.keyboard.press("Escape")
    index = panel.evaluate(
        """(panel, widget) => {
            const cells = [...panel.querySelectorAll('.jp-Notebook .jp-Cell')];
            return [cells.findIndex(c => c.classList.contains('jp-mod-active')),
                    cells.findIndex(c => c.contains(widget))];
        }""", widget.element_handle())
    active, target = index
    assert target >= 0 and active >= 0, index
    for _ in range(abs(target - active)):
        page.keyboard.press("ArrowDown" if target > active else "ArrowUp")
    page.wait_for_function(
        "(widget) => widget.closest('.jp-Cell').classList.contains('jp-mod-active')",
        arg=widget.element_handle())


def tab_into(page, widget, first):
    """Tab from the selected cell into the widget, past the cell's toolbar (a few buttons): its
    first control is `first` (a name)."""
    for _ in range(10):
        press(page, "Tab")
        if widget.evaluate("(w) => w.contains(document.activeElement)"):
            break
    else:
        raise AssertionError(f"10 Tabs from the widget's cell do not reach it: {focused(page)}")
    assert focused(page).endswith(first), focused(page)


def set_theme(page, name):
    page.locator(".lm-MenuBar-item", has_text="Settings").first.click()
    page.locator(".lm-Menu-item", has_text="Theme").first.hover()
    page.locator(".lm-Menu-item[data-command='apputils:change-theme']",
                 has_text=name).first.click()
    page.wait_for_function(f"() => document.body.dataset.jpThemeName === '{name}'")
    page.wait_for_timeout(500)  # the theme's style sheet applied


@pytest.fixture(scope="module")
def context(browser, lab):
    context = browser.new_context(viewport=LAPTOP)
    try:
        yield context
    finally:
        context.close()
        shut_down_kernels(lab)


def ran(context, lab, name):
    page = context.new_page()
    page.set_default_timeout(30_000)
    panel = open_notebook(page, lab, name)
    run_all_cells(page, panel)
    page.evaluate(WATCH_BODY)
    return page, panel


@pytest.fixture(scope="module")
def notebook_04(context, lab):
    return ran(context, lab, "04_automatic_backprop.ipynb")


@pytest.fixture(scope="module")
def notebook_06(context, lab):
    return ran(context, lab, "06_neuron_layer_mlp.ipynb")


def step_of(status):
    match = re.match(r"step (\d+) of (\d+)", status)
    assert match, status
    return int(match[1]), int(match[2])


# ---- the backprop stepper ---------------------------------------------------------------------

def test_stepper_with_the_keyboard_alone(notebook_04):
    page, panel = notebook_04
    stepper = panel.locator(".micrograd-stepper").first
    status = stepper.locator(".micrograd-stepper-status")
    graph = stepper.locator(".micrograd-stepper-graph [role=img]")
    cells = notebook_cells(panel)
    assert status.get_attribute("role") == "status"  # each step is read out
    assert step_of(status.inner_text())[0] == 3  # the notebook's go_to(3)

    select_cell_of(page, panel, stepper)
    tab_into(page, stepper, "Reset")
    text = status.inner_text()
    press(page, "Enter")  # Reset: step 0, where Reset and Back are disabled
    text = wait_change(page, status, text)
    assert step_of(text)[0] == 0
    wait_focus(page, "Next")  # not on the body
    press(page, " ")  # Space on Next
    text = wait_change(page, status, text)
    assert step_of(text)[0] == 1
    press(page, "Enter")
    text = wait_change(page, status, text)
    position, steps = step_of(text)
    assert position == 2
    press(page, "Shift+Tab")
    assert focused(page).endswith("Back")
    press(page, "Enter")
    text = wait_change(page, status, text)
    assert step_of(text)[0] == 1
    press(page, "Tab")
    assert focused(page).endswith("Next")
    for position in range(2, steps + 1):  # to the end, where Next is disabled
        press(page, "Enter")
        text = wait_change(page, status, text)
        assert step_of(text)[0] == position
    assert "Done" in text
    wait_focus(page, "Back")

    press(page, "Tab")  # past the disabled Next, to the graph's box: it scrolls with the keys
    assert focused(page).startswith("img: Graph of"), focused(page)
    scroll = graph.evaluate("(g) => [g.scrollTop, g.scrollLeft, g.scrollHeight > g.clientHeight,"
                            " g.scrollWidth > g.clientWidth]")
    press(page, "ArrowDown")
    press(page, "ArrowRight")
    if scroll[2] or scroll[3]:
        page.wait_for_function("([g, top, left]) => g.scrollTop > top || g.scrollLeft > left",
                               arg=[graph.element_handle(), scroll[0], scroll[1]])
    # notebook shortcuts typed on each control: none fires (r raw, m markdown, a/b insert, x cut,
    # d d delete, z undo...)
    for control in ("img: Graph of", "Back", "Reset"):
        while not (focused(page).startswith(control) or focused(page).endswith(control)):
            press(page, "Shift+Tab")
        for key in "rmyabxddzcvl":
            press(page, key)
    assert notebook_cells(panel) == cells
    assert stepper.is_visible() and step_of(status.inner_text())[0] == steps
    assert page.evaluate("() => window.__focusOnBody") == []


def test_stepper_controls_have_names(notebook_04):
    page, panel = notebook_04
    tree = panel.locator(".micrograd-stepper").first.aria_snapshot()
    for name in ("Reset", "Back", "Next"):  # its word alone, not the icon's glyph
        assert re.search(rf'button "{name}"', tree), tree
    assert re.search(r'status:\s+- text: "step \d+ of \d+', tree), tree
    assert re.search(r'img "Graph of \d+ Values', tree), tree
    assert "yellow" not in tree and "green" not in tree  # marks are not named by colour


@pytest.mark.parametrize("theme", ["JupyterLab Light", "JupyterLab Dark"])
def test_stepper_contrast_and_reflow(notebook_04, theme, output_dir):
    page, panel = notebook_04
    stepper = panel.locator(".micrograd-stepper").first
    check_theme(page, panel, stepper, theme, output_dir / f"keys-04-{theme.split()[-1]}")


# ---- the neuron explorer ----------------------------------------------------------------------

def slider_state(explorer, name):
    handle = explorer.locator(f".micrograd-neuron-{name} .noUi-handle")
    readout = explorer.locator(f".micrograd-neuron-{name} .widget-readout")
    return handle.get_attribute("aria-valuetext"), readout.inner_text()


def test_explorer_with_the_keyboard_alone(notebook_06):
    page, panel = notebook_06
    explorer = panel.locator(".micrograd-neuron").first
    output = explorer.locator(".micrograd-neuron-output")
    select = explorer.locator("select")
    cells = notebook_cells(panel)
    assert output.get_attribute("role") == "status"  # a new output is read out

    select_cell_of(page, panel, explorer)
    tab_into(page, explorer, "x0")
    text = output.inner_text()
    for name, key in (("x0", "ArrowRight"), ("x1", "ArrowLeft"), ("w0", "ArrowUp"),
                      ("w1", "ArrowDown"), ("b", "ArrowRight")):
        assert focused(page) == f"slider: {name}", focused(page)
        before = slider_state(explorer, name)
        for letter in "rmy":  # letters on a slider: nothing happens, above all no shortcut
            press(page, letter)
        assert notebook_cells(panel) == cells, f"a letter typed on slider {name} changed a cell"
        press(page, key)
        text = wait_change(page, output, text)
        spoken, shown = slider_state(explorer, name)
        assert spoken != before[0] and shown != before[1], (name, before, spoken, shown)
        assert re.fullmatch(r"-?\d\.\d\d", spoken) and spoken == shown.replace("\u2212", "-")
        press(page, "Tab")  # to its read-out, a text box that can be typed into
        assert focused(page) == f"textbox: {name} value", focused(page)
        if name == "x0":
            press(page, "Control+a")
            page.keyboard.type("0.5")
            press(page, "Enter")
            text = wait_change(page, output, text)
            assert slider_state(explorer, "x0") == ("0.50", "0.50")
        press(page, "Tab")

    assert focused(page) == "select: activation", focused(page)
    # a letter picks an activation by its first letter, as in any dropdown ("r" once made the
    # cell a raw cell); a second letter within a second would search for both letters
    for key, activation in (("r", "relu"), ("ArrowDown", "sigmoid"), ("ArrowDown", "linear"),
                            ("t", "tanh")):
        if key == "t":
            page.wait_for_timeout(1100)
        press(page, key)
        assert notebook_cells(panel) == cells, f"{key} on the dropdown changed a cell"
        assert select.input_value() == activation
        text = wait_change(page, output, text)
        assert (f"{activation}(n)" if activation != "linear" else "out = n") in text, text
    press(page, "Tab")
    assert focused(page).startswith("img: Graph of"), focused(page)
    for key in ("ArrowDown", "m", "r", "d", "d"):
        press(page, key)
    press(page, "Shift+Tab")
    assert focused(page) == "select: activation"

    assert notebook_cells(panel) == cells
    assert explorer.is_visible()
    assert page.evaluate("() => window.__focusOnBody") == []


def test_explorer_controls_have_names_and_values(notebook_06):
    page, panel = notebook_06
    explorer = panel.locator(".micrograd-neuron").first
    tree = explorer.aria_snapshot()
    for name in ("x0", "x1", "w0", "w1", "b"):
        assert f'slider "{name}"' in tree and f'textbox "{name} value"' in tree, tree
        spoken, shown = slider_state(explorer, name)
        assert re.fullmatch(r"-?\d\.\d\d", spoken) and spoken == shown.replace("\u2212", "-")
    assert 'combobox "activation"' in tree
    assert "status:" in tree and re.search(r'img "Graph of \d+ Values', tree), tree


@pytest.mark.parametrize("theme", ["JupyterLab Light", "JupyterLab Dark"])
def test_explorer_and_verdicts_contrast_and_reflow(notebook_06, theme, output_dir):
    page, panel = notebook_06
    explorer = panel.locator(".micrograd-neuron").first
    check_theme(page, panel, explorer, theme, output_dir / f"keys-06-{theme.split()[-1]}",
                verdicts=True)


# ---- both: contrast in a theme, and 200% zoom ---------------------------------------------------

def check_theme(page, panel, widget, theme, shot, verdicts=False):
    set_theme(page, theme)
    try:
        page.set_viewport_size(LAPTOP)
        widget.scroll_into_view_if_needed()
        low = texts_below(widget, 4.5)
        assert low == [], f"{theme}: texts below 4.5:1: {low}"
        rings = focus_rings(page, widget, f"{shot}-1280x720.png")
        assert rings and all(width >= 2 and ratio >= 3 for _, width, ratio in rings), rings
        if verdicts:
            check_verdicts(page, panel, theme, f"{shot}-verdicts.png")

        page.set_viewport_size(ZOOMED)
        widget.scroll_into_view_if_needed()
        page.wait_for_timeout(300)  # the layout settled
        problems = reflow_problems(widget)
        widget.evaluate("(w) => w.scrollIntoView({block: 'start'})")
        page.screenshot(path=f"{shot}-640x360.png")
        assert problems == [], f"{theme} at 640×360: {problems}"
    finally:
        page.set_viewport_size(LAPTOP)
        if theme != "JupyterLab Light":  # the next test, and the next session, start in Light
            set_theme(page, "JupyterLab Light")


def texts_below(root, minimum):
    return root.evaluate(f"""(root) => {{
        const contrast = {CONTRAST};
        return ({TEXTS})(root).map(el => [el.textContent.trim().slice(0, 40),
                                          contrast([el, 'text'])])
            .filter(([, ratio]) => ratio < {minimum});
    }}""")


def focus_rings(page, widget, shot):
    """Tab through the widget from its first control: each control's name, its ring's width and
    the ring's contrast with the page behind it. The screenshot shows the first control's."""
    first = widget.locator("button:enabled, .noUi-handle, select, [tabindex='0']").first
    first.focus()
    page.keyboard.press("Shift+Tab")  # from outside, so that the ring is the keyboard's
    rings, path = [], [focused(page)]
    inside = "(w) => w.contains(document.activeElement)"
    for _ in range(30):  # past the cell's toolbar, into the widget and through it
        page.keyboard.press("Tab")
        path.append(focused(page))
        if not widget.evaluate(inside):
            if rings or len(path) > 10:
                break
            continue
        ring = page.evaluate(f"""() => {{
            const el = document.activeElement, style = getComputedStyle(el);
            return [style.outlineStyle, parseFloat(style.outlineWidth),
                    ({CONTRAST})([el, 'outline'])];
        }}""")
        assert ring[0] != "none", (focused(page), ring)
        if not rings:
            widget.screenshot(path=shot)
        rings.append((focused(page)[:30], ring[1], ring[2]))
    assert rings, f"Tab from outside did not reach the widget: {path}"
    return rings


def check_verdicts(page, panel, theme, shot):
    """The exercises' verdicts in the notebook ("Not answered yet."), and a "Right!" and a "Not
    yet." put beside them, reach 4.5:1."""
    shown = panel.locator(".jp-OutputArea-output div:has(> b)", has_text="Not answered yet.")
    assert shown.count() > 0
    html = Feedback(True, "well done")._repr_html_() + Feedback(False, "a hint")._repr_html_()
    shown.first.evaluate("""(verdict, html) => {
        const extra = document.createElement('div');
        extra.className = 'keys-test-verdicts';
        extra.innerHTML = html;
        verdict.parentElement.appendChild(extra);
    }""", html)
    area = shown.first.locator("xpath=ancestor::*[contains(@class, 'jp-OutputArea-output')][1]")
    area.scroll_into_view_if_needed()
    area.screenshot(path=shot)
    ratios = shown.first.evaluate(f"""(verdict) => {{
        const extra = verdict.parentElement.querySelector('.keys-test-verdicts');
        const all = [verdict, ...extra.children];
        const ratios = all.map(el => [el.querySelector('b').textContent,
                                      ({CONTRAST})([el.querySelector('b'), 'text'])]);
        extra.remove();
        return ratios;
    }}""")
    assert [v for v, _ in ratios] == ["Not answered yet.", "Right!", "Not yet."]
    assert all(ratio >= 4.5 for _, ratio in ratios), f"{theme}: {ratios}"


def reflow_problems(widget):
    """What does not reflow: a widget wider than its output area (cut or scrolled sideways), a
    control outside the output area, or covered by something else at its centre."""
    return widget.evaluate("""(root) => {
        const problems = [];
        const area = root.closest('.jp-OutputArea-output').getBoundingClientRect();
        const scroller = root.closest('.jp-WindowedPanel-outer, .jp-Notebook');
        if (scroller && scroller.scrollWidth > scroller.clientWidth + 1)
            problems.push(`the notebook scrolls sideways (${scroller.scrollWidth} px in ` +
                          `${scroller.clientWidth})`);
        const controls = root.querySelectorAll(
            'button, .noUi-handle, .widget-readout, select, .widget-label, [role=img], ' +
            '.widget-html-content > :not(br):not([role=img])');
        for (const el of controls) {
            if (!el.getClientRects().length || !(el.textContent.trim() || el.matches(
                    '.noUi-handle, [role=img]'))) continue;
            el.scrollIntoView({block: 'center', inline: 'nearest'});
            const box = el.getBoundingClientRect();
            const name = (el.getAttribute('aria-label') || el.textContent).trim().slice(0, 30);
            if (box.left < area.left - 1 || box.right > area.right + 1)
                problems.push(`${name}: outside the output area`);
            const x = Math.min(box.left + box.width / 2, innerWidth - 1);
            const y = Math.min(box.top + box.height / 2, innerHeight - 1);
            const hit = document.elementFromPoint(x, y);
            if (hit && !el.contains(hit) && !hit.contains(el) && !el.closest('[role=img]'))
                problems.push(`${name}: covered by ${hit.className || hit.tagName}`);
        }
        return problems;
    }""")
