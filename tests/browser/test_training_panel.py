"""The live training panel in a real JupyterLab, driven by mouse and keyboard as a student does:
Play, Pause, Step, Reset, a new learning rate while it runs, points added and removed, a point
picked, a data set chosen. Every wait is on a condition the page shows, never a sleep.

One notebook with one panel is opened for the module (a kernel start and one cell), and the
tests use it in order; notebook 07's stored panel is checked on its own, unrun.
"""

import json
import re

import pytest
from lab_helpers import open_notebook, run_all_cells, shut_down_kernels

WAIT = 120_000  # ms: the longest any condition may take on a loaded 2-core machine
PANEL_NOTEBOOK = "panel_in_the_browser.ipynb"
SOURCE = """\
from micrograd.data import default_train_path, load_dataset
from micrograd.widgets import training_panel

data = load_dataset(default_train_path())
panel = training_panel(data.X, data.y, learning_rate=0.2, steps=1000, seed=1)
panel"""


def _notebook(root):
    cell = {"cell_type": "code", "execution_count": None, "id": "panel", "metadata": {},
            "outputs": [], "source": SOURCE}
    nb = {"cells": [cell], "metadata": {"kernelspec": {"display_name": "Python 3",
                                                       "language": "python", "name": "python3"}},
          "nbformat": 4, "nbformat_minor": 5}
    (root / "notebooks" / PANEL_NOTEBOOK).write_text(json.dumps(nb), encoding="utf-8")


@pytest.fixture(scope="module")
def panel_page(browser, lab):
    _notebook(lab.root)
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        notebook = open_notebook(page, lab, PANEL_NOTEBOOK)
        run_all_cells(page, notebook)
        root = notebook.locator(".mg-panel").first
        root.wait_for()
        yield page, notebook, root
    finally:
        context.close()
        shut_down_kernels(lab)


def _state(root):
    return root.evaluate("(el) => [el.dataset.state, Number(el.dataset.step)]")


def _wait(page, root, condition):
    """Wait until `condition`, a JavaScript expression of `el` (the panel), holds."""
    page.wait_for_function(f"(el) => {condition}", arg=root.element_handle(), timeout=WAIT)


def _name(css):
    """JavaScript for the aria-label of the panel's element `css`."""
    return f"el.querySelector('{css}').getAttribute('aria-label')"


def _focus_is_in_the_panel(page):
    return page.evaluate("() => !!document.activeElement.closest('.mg-panel')")


def test_notebook_07_shows_its_stored_panel_before_anything_runs(page, lab, output_dir):
    notebook = open_notebook(page, lab, "07_training.ipynb")
    root = notebook.locator(".mg-panel").first
    root.wait_for(timeout=WAIT)
    root.scroll_into_view_if_needed()
    status = root.locator(".mg-status")
    _wait(page, root, "el.querySelector('.mg-status').textContent.length > 0")
    assert status.inner_text().startswith("Ready: step 0 of 60, learning rate 0.2.")
    assert root.locator(".mg-data").get_attribute("aria-label").startswith(
        "Data plot: 100 points, 50 of class +1 (blue circles) and 50 of class −1")
    assert root.locator(".mg-network").get_attribute("aria-label").startswith(
        "Network 2-16-16-1 (tanh)")
    root.screenshot(path=output_dir / "07_panel_stored.png")


def test_play_trains_and_pause_stops_it(panel_page, output_dir):
    page, _notebook, root = panel_page
    play = root.locator(".mg-play")
    assert play.inner_text() == "Play" and _state(root) == ["ready", 0]
    play.click()
    _wait(page, root, "el.dataset.state === 'running' && Number(el.dataset.step) >= 3")
    assert play.inner_text() == "Pause"
    assert root.locator(".mg-status").inner_text().startswith("Training: step ")
    root.screenshot(path=output_dir / "07_panel_running.png")
    play.click()  # the same button, now Pause
    _wait(page, root, "el.dataset.state === 'paused'")
    state, step = _state(root)
    assert play.inner_text() == "Play"
    status = root.locator(".mg-status").inner_text()
    assert status.startswith(f"Paused: step {step} of 1000, learning rate 0.2 — loss ")
    # the screen reader hears it: the live region says the new state
    _wait(page, root, "el.querySelector('[role=status]').textContent.startsWith('Paused')")
    assert _focus_is_in_the_panel(page)


def test_step_takes_one_step(panel_page):
    page, _notebook, root = panel_page
    _state_before, step = _state(root)
    root.locator(".mg-step").click()
    _wait(page, root, f"Number(el.dataset.step) === {step + 1}")
    assert root.locator(".mg-status").inner_text().startswith(f"Paused: step {step + 1} of 1000")


def test_a_new_rate_while_it_runs_is_marked_on_the_loss_curve(panel_page):
    page, _notebook, root = panel_page
    root.locator(".mg-play").click()
    _wait(page, root, "el.dataset.state === 'running'")
    slider = root.locator(".mg-rate")
    slider.focus()
    slider.press("ArrowRight")  # one notch: 0.2 -> 0.251
    assert slider.get_attribute("aria-valuetext") == "0.251"
    _wait(page, root, "el.querySelector('.mg-loss .mg-mark') !== null")
    assert "rate 0.251 from step" in root.locator(".mg-loss").get_attribute("aria-label")
    _wait(page, root, "el.querySelector('.mg-status').textContent.includes('learning rate 0.251')")
    root.locator(".mg-play").click()
    _wait(page, root, "el.dataset.state === 'paused'")


def _points(root):
    label = root.locator(".mg-data").get_attribute("aria-label")
    return int(re.match(r"Data plot: (\d+) points", label).group(1))


def test_a_click_adds_a_point_and_the_keyboard_removes_one(panel_page):
    page, _notebook, root = panel_page
    before = _points(root)
    root.locator("label", has_text="adds a point of class −1").click()
    _wait(page, root,
          "el.querySelector('.mg-keys').textContent.includes('adds a point of class −1')")
    root.locator(".mg-data").click(position={"x": 160, "y": 160})
    _wait(page, root, f"{_name('.mg-data')}.startsWith('Data plot: {before + 1} points')")
    # remove with the keyboard alone: the mode's radio, then the plot's cursor and Enter
    root.locator("input[value=remove]").focus()
    root.locator("input[value=remove]").press("Space")
    canvas = root.locator(".mg-data")
    canvas.focus()
    canvas.press("PageDown")  # the cursor jumps to a point
    canvas.press("Enter")
    _wait(page, root, f"{_name('.mg-data')}.startsWith('Data plot: {before} points')")
    assert _focus_is_in_the_panel(page)


def test_picking_a_point_shows_its_neurons(panel_page, output_dir):
    page, _notebook, root = panel_page
    root.locator("input[value=pick]").check()
    canvas = root.locator(".mg-data")
    canvas.focus()
    canvas.press("PageDown")
    canvas.press("Enter")
    _wait(page, root, "!el.querySelector('.mg-details').hidden"
                      " && el.querySelectorAll('.mg-table tbody tr').length === 33")  # 16 + 16 + 1
    assert "Neurons are filled by their output for point" in \
        root.locator(".mg-network").get_attribute("aria-label")
    assert root.locator(".mg-table caption").inner_text().startswith("Each neuron's output")
    root.screenshot(path=output_dir / "07_panel_picked.png")


def test_choosing_a_data_set_and_reset(panel_page, output_dir):
    page, _notebook, root = panel_page
    root.locator(".mg-dataset").select_option("circles")
    _wait(page, root, "!el.querySelector('.mg-noise').disabled")
    _wait(page, root, f"{_name('.mg-data')}.startsWith('Data plot: 100 points, 50 of class +1')")
    assert _state(root)[1] > 0  # the network kept its steps and goes on from them
    root.locator(".mg-play").click()
    _wait(page, root, f"{_name('.mg-loss')}.includes('data: circles')")
    root.locator(".mg-reset").click()
    _wait(page, root, "el.dataset.state === 'ready' && el.dataset.step === '0'")
    assert root.locator(".mg-dataset").input_value() == "course"
    assert root.locator(".mg-noise").is_disabled()
    assert _focus_is_in_the_panel(page)


def test_keys_typed_into_the_panel_stay_in_it(panel_page):
    page, notebook, root = panel_page
    cells = notebook.locator(".jp-Cell").count()
    menu = root.locator(".mg-activation")
    menu.focus()
    for key in ("ArrowDown", "r", "m", "a", "b", "d"):  # notebook shortcuts in command mode
        menu.press(key)
    assert notebook.locator(".jp-Cell").count() == cells
    assert notebook.locator(".jp-Cell.jp-CodeCell").count() == cells  # no cell turned raw
    assert menu.input_value() in ("relu", "sigmoid")
    _wait(page, root, f"!{_name('.mg-network')}.startsWith('Network 2-16-16-1 (tanh)')")
    # Tab goes through every control and never lands on the page's body
    root.locator(".mg-play").focus()
    seen = set()
    for _ in range(20):
        page.keyboard.press("Tab")
        if not _focus_is_in_the_panel(page):
            break
        seen.add(page.evaluate("() => document.activeElement.className"))
        assert page.evaluate("() => document.activeElement !== document.body")
    assert {"mg-step", "mg-reset", "mg-rate", "mg-steps", "mg-hidden", "mg-activation", "mg-seed",
            "mg-dataset", "mg-data"} <= seen, seen


# the contrast of every text the panel draws, against the colour it sits on (walking up to the
# first element with a background): WCAG's ratio of relative luminances
CONTRAST_JS = """(root) => {
  const rgb = (c) => { const m = c.match(/[\\d.]+/g); return m ? m.map(Number) : null; };
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92
      : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c && (c.length < 4 || c[3] > 0.5)) return c;
    }
    return [255, 255, 255];
  };
  const worst = [];
  for (const el of root.querySelectorAll('*')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || el.closest('[hidden], .mg-announce') || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    const fg = rgb(el instanceof SVGElement ? style.fill : style.color);
    const bg = background(el instanceof SVGElement ? el.ownerSVGElement.parentElement : el);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    if (ratio < 4.5) worst.push(`${el.tagName}.${el.className.baseVal ?? el.className}: `
        + `"${el.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}:1`);
  }
  return worst;
}"""


def _theme(page, name):
    page.locator(".lm-MenuBar-item", has_text="Settings").first.click()
    page.locator(".lm-Menu-item", has_text="Theme").first.hover()
    page.locator(".lm-Menu-item", has_text=name).first.click()
    light = "true" if "Light" in name else "false"
    page.wait_for_function(f"() => document.body.dataset.jpThemeLight === '{light}'")


def test_every_text_reaches_4_5_to_1_in_light_and_dark(panel_page, output_dir):
    page, _notebook, root = panel_page
    root.locator("input[value=pick]").check()
    root.locator(".mg-data").focus()
    root.locator(".mg-data").press("PageDown")
    root.locator(".mg-data").press("Enter")  # a point picked: its table shows too
    _wait(page, root, "!el.querySelector('.mg-details').hidden")
    assert root.evaluate(CONTRAST_JS) == []
    try:
        _theme(page, "JupyterLab Dark")
        assert root.evaluate(CONTRAST_JS) == []
        root.scroll_into_view_if_needed()
        page.screenshot(path=output_dir / "07_panel_dark.png")
    finally:
        _theme(page, "JupyterLab Light")


def test_at_200_percent_zoom_the_panel_reflows(panel_page, output_dir):
    page, _notebook, root = panel_page
    page.set_viewport_size({"width": 640, "height": 360})  # 1280 × 720 at 200%
    try:
        page.wait_for_function("(el) => el.getBoundingClientRect().width < 640",
                               arg=root.element_handle())
        overflow = root.evaluate("""(el) => { const right = el.getBoundingClientRect().right;
            return [...el.querySelectorAll('button, input, select, canvas, svg, label, .mg-status')]
              .filter(c => c.getBoundingClientRect().right > right + 1)
              .map(c => c.className.baseVal ?? c.className); }""")
        assert overflow == [], f"cut off on the right at 200%: {overflow}"
        root.locator(".mg-play").scroll_into_view_if_needed()
        page.screenshot(path=output_dir / "07_panel_200_percent.png")
    finally:
        page.set_viewport_size({"width": 1280, "height": 720})


@pytest.mark.parametrize("deficiency", ["deuteranopia", "protanopia", "tritanopia",
                                        "achromatopsia"])
def test_screenshots_under_colour_vision_deficiencies(panel_page, output_dir, deficiency):
    """Pictures to look at: the classes differ by shape, the weights' sign by dashes."""
    page, _notebook, root = panel_page
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("Emulation.setEmulatedVisionDeficiency", {"type": deficiency})
        root.locator(".mg-data").scroll_into_view_if_needed()
        page.screenshot(path=output_dir / f"07_panel_{deficiency}.png")
    finally:
        cdp.send("Emulation.setEmulatedVisionDeficiency", {"type": "none"})
        cdp.detach()


# What anywidget gives a widget's script in any front end (JupyterLab, VS Code, Colab): a model
# with get, set, on, off, save_changes and send. Here a stand-in, in a page with no Jupyter at
# all: the panel's script needs nothing else.
STAND_IN_MODEL = """(state) => {
  const listeners = {};
  window.sent = [];
  window.model = {
    get: (name) => state[name],
    set: (name, value) => { state[name] = value;
                            (listeners['change:' + name] || []).forEach(f => f()); },
    on: (event, f) => (listeners[event] = listeners[event] || []).push(f),
    off: (event, f) => { listeners[event] = (listeners[event] || []).filter(g => g !== f); },
    save_changes: () => window.sent.push({saved: true}),
    send: (content) => window.sent.push(content),
  };
}"""
RENDER = """async ([esm, css]) => {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  const url = URL.createObjectURL(new Blob([esm], {type: 'text/javascript'}));
  const widget = (await import(url)).default;
  widget.render({model: window.model, el: document.getElementById('panel')});
}"""


def test_the_panels_page_needs_nothing_but_anywidgets_model(browser):
    from micrograd.data import default_train_path, load_dataset
    from micrograd.widgets import training_panel

    data = load_dataset(default_train_path())
    panel = training_panel(data.X, data.y, learning_rate=0.2, steps=60, seed=1)
    state = {name: getattr(panel, name) for name in panel.keys
             if not name.startswith("_") and name not in ("layout", "tabbable", "tooltip")}
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.set_content('<html lang="en"><body><main><div id="panel"></div></main></body></html>')
        page.evaluate(STAND_IN_MODEL, state)
        page.evaluate(RENDER, [panel._esm, panel._css])
        root = page.locator(".mg-panel")
        _wait(page, root, "el.querySelector('.mg-status').textContent.startsWith('Ready')")
        assert root.locator(".mg-rate").get_attribute("aria-valuetext") == "0.2"
        root.locator(".mg-play").click()
        assert page.evaluate("() => window.sent") == [{"do": "play"}]
        panel.step()  # what the kernel sends after a step
        page.evaluate("(frame) => window.model.set('frame', frame)", panel.frame)
        _wait(page, root, "el.dataset.step === '1'")
        assert root.locator(".mg-status").inner_text().startswith("Paused: step 1 of 60")
        root.locator(".mg-rate").press("ArrowLeft")  # a control sets its trait and saves it
        assert page.evaluate("() => window.model.get('learning_rate')") == 0.158
        assert {"saved": True} in page.evaluate("() => window.sent")
        # axe-core, WCAG 2 A and AA: nothing critical or serious in the panel
        from axe_playwright_python.sync_playwright import Axe

        results = Axe().run(page, context=".mg-panel", options={"runOnly": {
            "type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
        bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]])
               for v in results.response["violations"] if v["impact"] in ("critical", "serious")]
        assert results.response["passes"] and bad == []
    finally:
        page.close()


def test_every_control_works_from_the_keyboard_alone(panel_page):
    """Tab to each control and work it with Enter, Space, arrows or typing, as a student with no
    mouse does; after every key, no notebook shortcut fired and the focus is in the panel."""
    page, notebook, root = panel_page
    cells = notebook.locator(".jp-Cell").count()

    def key(css, *keys):
        control = root.locator(css).first
        control.focus()
        for k in keys:
            page.keyboard.press(k)
            assert _focus_is_in_the_panel(page), f"{k} on {css} sent the focus out of the panel"
            assert notebook.locator(".jp-Cell.jp-CodeCell").count() == cells, f"{k} on {css}"

    key(".mg-reset", "Enter")
    _wait(page, root, "el.dataset.state === 'ready' && el.dataset.step === '0'")
    key(".mg-steps", "End", *["Backspace"] * 6, "7", "0", "Enter")  # typed: steps 70
    _wait(page, root, "el.querySelector('.mg-status').textContent.includes('of 70')")
    key(".mg-hidden", "Control+a", "8", "Enter")  # one hidden layer of 8
    _wait(page, root, f"{_name('.mg-network')}.startsWith('Network 2-8-1')")
    key(".mg-seed", "ArrowUp")  # seed 1 -> 2: another network
    _wait(page, root, "el.querySelector('.mg-seed').value === '2'")
    rate = root.locator(".mg-rate").get_attribute("aria-valuetext")
    key(".mg-rate", "ArrowLeft")  # a notch down, then back
    assert root.locator(".mg-rate").get_attribute("aria-valuetext") != rate
    key(".mg-rate", "ArrowRight")
    assert root.locator(".mg-rate").get_attribute("aria-valuetext") == rate
    key(".mg-play", "Enter")
    _wait(page, root, "el.dataset.state === 'running'")
    key(".mg-play", "Space")  # the same button, now Pause
    _wait(page, root, "el.dataset.state === 'paused'")
    step = _state(root)[1]
    key(".mg-step", "Enter")
    _wait(page, root, f"Number(el.dataset.step) === {step + 1}")
    key(".mg-dataset", "ArrowDown")  # the next data set: moons, made afresh
    _wait(page, root, "el.querySelector('.mg-dataset').value === 'moons' && "
                      "!el.querySelector('.mg-noise').disabled")
    key(".mg-noise", "ArrowRight")  # 0.10 -> 0.15
    _wait(page, root, "el.querySelector('.mg-noise').getAttribute('aria-valuetext') === '0.15'")
    key(".mg-points", "ArrowLeft")  # 100 -> 90 points
    _wait(page, root, f"{_name('.mg-data')}.startsWith('Data plot: 90 points')")
    key("input[value='add+1']", "ArrowRight")  # the radio group: adds a point of class −1
    assert root.locator("input[value='add-1']").is_checked()
    key(".mg-data", "ArrowUp", "ArrowUp", "Enter")  # a point of class −1 at the cursor
    _wait(page, root, f"{_name('.mg-data')}.startsWith('Data plot: 91 points')")
    key(".mg-reset", "Space")
    _wait(page, root,
          "el.dataset.step === '0' && el.querySelector('.mg-dataset').value === 'course'")
