"""Presenting every notebook as slides inside JupyterLab, on a 1280x720 projector.

As a teacher does it: open the notebook, press the toolbar button "Render the current notebook
as Reveal Slideshow" (jupyterlab-rise, command RISE:preview), then the slideshow panel's
full-screen button. The test then steps through every slide and fragment with Space and, on
each, measures in the page what the audience sees:

- nothing reaches past the screen or is cut off inside a box that would need scrolling;
- markdown text is at least 20 px, code and printed output at least 18 px, the text of the
  graphs at least 11 px (the notebooks' readability rule), widget text at least 18 px;
- none of the notebook's editing chrome shows (selection bar, cell borders, In/Out prompts),
  and nothing lies under the slide number or the navigation arrows;
- a graph shows its own picture for slides, not the notebook's (micrograd.draw);
- speaker notes stay off the slides.

Widgets show on the slides (the course's extension lab-extensions/course-rise-widgets lets
jupyterlab-rise 0.43 load the ipywidgets 8 widget manager: jupyterlab-contrib/rise issue 119)
and are measured like any output; test_widgets_show_on_slides checks that one shows and works.

Every notebook found in notebooks/ is checked, so a new notebook or slide is held to the same
rules. The sizes come from notebooks/rise.css and the RISE settings in the notebooks' metadata
(course_tools/build.py). reveal.js and everything else come from the Jupyter server itself: the
test fails if the slideshow asks any other host for anything. Three screenshots per notebook
(the first slide, the tallest, the first with a figure or graph), and one of each slide
that fails go to test-output/browser/; with SLIDES_SCREENSHOTS=all in the environment, one of
every step, to look through a whole deck.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from lab_helpers import open_notebook, run_all_cells

from course_tools import notebooks

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = notebooks()
SCREEN = {"width": 1280, "height": 720}
RISE_FRAME = "iframe[src*='/rise/']"
EVERY_SLIDE = os.environ.get("SLIDES_SCREENSHOTS") == "all"
MIN_PX = {"body": 20, "code": 18, "widget": 18, "graph": 11}
PRESENT = ".reveal .slides section.present:not(.stack)"  # the slide on the screen
STEP_TIMEOUT = 15_000  # ms for one step of the slideshow to show
RUN_ALL_TIMEOUT = 240_000  # ms for a notebook with widgets to run (06 trains a network)

# Where the slideshow is: the present slide's id (slide-N-M) and how many fragments show.
POSITION_JS = """() => {
    const s = document.querySelector('.reveal .slides section.present:not(.stack)');
    return s ? s.id + '/' + s.querySelectorAll('.fragment.visible').length : '';
}"""

# How many times Space moves on: one step per slide after the first, one per fragment.
STEPS_JS = """() => {
    const slides = [...document.querySelectorAll('.reveal .slides section:not(.stack)')];
    const fragments = slides.map(s => s.querySelectorAll('.fragment').length);
    return slides.length - 1 + fragments.reduce((a, b) => a + b, 0);
}"""

# Everything the test measures on the present slide, as a list of problems (empty: all good)
# and a few facts for choosing screenshots.
MEASURE_JS = r"""(minPx) => {
    const W = innerWidth, H = innerHeight, TOL = 1;
    const slide = document.querySelector('.reveal .slides section.present:not(.stack)');
    const problems = [];
    const shown = el => {
        if (el.closest('aside.notes, .reveal-skip')) return false;
        if (!el.getClientRects().length) return false;
        const s = getComputedStyle(el);
        return s.visibility !== 'hidden' && s.display !== 'none' && parseFloat(s.opacity) > 0;
    };
    const name = el => {  // the cell by its number and first line, and the element in it
        const cell = el.closest('.jp-Cell');
        const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
        if (!cell) return `<${el.tagName.toLowerCase()}> "${text}"`;
        const index = [...document.querySelectorAll('.jp-Cell')].indexOf(cell);
        const line = [...cell.querySelectorAll('.cm-line, .jp-RenderedMarkdown > *')]
            .map(l => l.textContent.trim()).find(t => t) || '';
        return `cell ${index} (${line.slice(0, 50)}) <${el.tagName.toLowerCase()}> "${text}"`;
    };
    const all = [...slide.querySelectorAll('*')].filter(shown);

    // 1. nothing past the edges of the screen: the extent of each cell's content
    let bottom = 0;
    const extent = new Map();
    for (const el of all) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        bottom = Math.max(bottom, r.bottom);
        const key = el.closest('.jp-Cell') || slide;
        const e = extent.get(key) || {top: r.top, bottom: r.bottom, left: r.left, right: r.right};
        extent.set(key, {top: Math.min(e.top, r.top), bottom: Math.max(e.bottom, r.bottom),
                         left: Math.min(e.left, r.left), right: Math.max(e.right, r.right)});
    }
    for (const [cell, r] of extent)
        if (r.top < -TOL || r.left < -TOL || r.bottom > H + TOL || r.right > W + TOL)
            problems.push(`runs off the ${W}x${H} screen (content from x ${r.left.toFixed(0)}, ` +
                `y ${r.top.toFixed(0)} to x ${r.right.toFixed(0)}, y ${r.bottom.toFixed(0)}): ` +
                `${name(cell)}`);
    // 2. nothing cut off inside a box that would have to be scrolled
    const clipped = new Set();  // one report per cell: its outermost box that clips
    for (const el of [slide, ...all]) {
        const s = getComputedStyle(el);
        // a live region for screen readers only, 1 px and clipped on purpose: not cut off
        if (s.position === 'absolute' && el.clientWidth <= 1 && el.clientHeight <= 1) continue;
        const clipsX = s.overflowX !== 'visible', clipsY = s.overflowY !== 'visible';
        const cell = el.closest('.jp-Cell') || slide;
        if (clipped.has(cell)) continue;
        if ((clipsX && el.scrollWidth > el.clientWidth + 2) ||
            (clipsY && el.scrollHeight > el.clientHeight + 2) && clipped.add(cell))
            problems.push(`cut off: content ${el.scrollWidth}x${el.scrollHeight} px in a ` +
                `${el.clientWidth}x${el.clientHeight} px box: ${name(el)}`);
    }
    // 3. text sizes, as rendered (the font size times any scaling of the slide or the graph)
    const slides = document.querySelector('.reveal .slides');
    const scale = slides.getBoundingClientRect().width / (slides.offsetWidth || 1) || 1;
    let graphs = 0, figures = 0;
    const smallest = new Map();  // the smallest text of each kind in each cell
    for (const el of all) {
        if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
        let kind, px = parseFloat(getComputedStyle(el).fontSize);
        if (el.closest('svg')) {
            const m = el.getScreenCTM();
            kind = 'graph';
            px *= m ? Math.hypot(m.a, m.b) : 1;
        } else {
            px *= scale;
            if (el.closest('.jp-InputArea-editor, pre, code, kbd, .jp-RenderedText')) kind = 'code';
            else if (el.closest('.jupyter-widgets, .widget-box')) kind = 'widget';
            else kind = 'body';
        }
        const key = `${kind}|${name(el.closest('.jp-Cell') || slide)}`;
        if (px < minPx[kind] - 0.05 && !(smallest.has(key) && smallest.get(key).px <= px))
            smallest.set(key, {kind, px, el});
    }
    // graphs shown as <img> (JupyterLab shows SVG output so): the SVG drawn again, hidden, at
    // the image's size on the slide, and its text measured the same way
    for (const img of all.filter(el => el.tagName === 'IMG' && /^data:image\/svg/.test(el.src))) {
        const data = img.src.slice(img.src.indexOf(',') + 1);
        const text = /;base64,/.test(img.src.slice(0, 40)) ? atob(data) : decodeURIComponent(data);
        const svg = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
        const r = img.getBoundingClientRect();
        svg.setAttribute('width', r.width);
        svg.setAttribute('height', r.height);
        const box = document.createElement('div');
        box.style.cssText = 'position:fixed;left:0;top:0;visibility:hidden;pointer-events:none';
        box.appendChild(document.importNode(svg, true));
        document.body.appendChild(box);
        for (const t of box.querySelectorAll('text')) {
            if (!t.textContent.trim()) continue;
            const m = t.getScreenCTM();
            const px = parseFloat(getComputedStyle(t).fontSize) * (m ? Math.hypot(m.a, m.b) : 1);
            const key = `graph|${name(img.closest('.jp-Cell') || slide)}`;
            if (px < minPx.graph - 0.05 && !(smallest.has(key) && smallest.get(key).px <= px))
                smallest.set(key, {kind: 'graph', px, el: img});
        }
        box.remove();
    }
    for (const {kind, px, el} of smallest.values())
        problems.push(`${kind} text ${px.toFixed(1)} px < ${minPx[kind]} px: ${name(el)}`);
    for (const el of all) {
        const svg = el.tagName.toLowerCase() === 'svg' && el.querySelector('text');
        if (svg || (el.tagName === 'IMG' && /^data:image\/svg/.test(el.src))) graphs++;
        else if (el.tagName === 'IMG') figures++;
    }
    // 4. no editing chrome: selection bar, cell borders or shadows, prompts
    for (const el of slide.querySelectorAll('.jp-Collapser, .jp-InputPrompt, .jp-OutputPrompt'))
        if (shown(el) && el.getBoundingClientRect().width > 0)
            problems.push(`editing chrome shows: ${el.className}`);
    for (const cell of slide.querySelectorAll('.jp-Cell')) {
        if (!shown(cell)) continue;
        const s = getComputedStyle(cell);
        const border = ['Top', 'Right', 'Bottom', 'Left'].some(side =>
            parseFloat(s[`border${side}Width`]) > 0 && s[`border${side}Style`] !== 'none' &&
            !s[`border${side}Color`].endsWith(', 0)') && s[`border${side}Color`] !== 'transparent');
        if (border || s.boxShadow !== 'none')
            problems.push(`editing chrome shows: a border or shadow around ${name(cell)}`);
    }
    // 5. nothing of the slide under the slide number or the navigation arrows
    const overlays = [...document.querySelectorAll('.reveal > .controls, .reveal > .slide-number')]
        .filter(o => o.getClientRects().length && getComputedStyle(o).display !== 'none')
        .map(o => o.getBoundingClientRect()).filter(r => r.width && r.height);
    for (const el of all) {
        const leaf = el.tagName === 'IMG' ||
            [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
        if (!leaf) continue;
        const r = el.getBoundingClientRect();
        if (overlays.some(o => r.left < o.right && r.right > o.left &&
                               r.top < o.bottom && r.bottom > o.top))
            problems.push(`under the slide number or arrows: ${name(el)}`);
    }
    // 6. a graph shows its picture for slides (micrograd.draw), not the notebook's
    for (const img of slide.querySelectorAll('img.micrograd-notebook:not(.micrograd-slide)'))
        if (shown(img)) problems.push(`a graph shows the notebook's picture: ${name(img)}`);
    // 7. speaker notes never on a slide
    for (const notes of slide.querySelectorAll('aside.notes'))
        if (notes.getClientRects().length && getComputedStyle(notes).display !== 'none')
            problems.push(`speaker notes show on the slide: ${name(notes)}`);
    return {problems, bottom, graphs, figures};
}"""


@pytest.fixture
def projector(page):
    """A browser window the size of the projector, 1280x720: conftest's page, on a course whose
    notebooks are trusted as `python3 course.py lab` trusts them (JupyterLab shows the stored
    widgets of an untrusted notebook as their text, BackpropStepper(step 0 of 7), instead)."""
    page.set_default_timeout(60_000)
    return page


def open_slideshow_full_screen(page, lab, name, run_first=False, button=False, before=None):
    """Alt+P in the notebook, the one key a teacher presses to present (lab-extensions/
    course-present, as `python3 course.py present` starts JupyterLab), or with `button` its
    toolbar button: returns the slideshow's frame once it fills the whole screen and reveal.js
    has laid the slides out on it. With `run_first`, Run All Cells before, as a teacher does to
    show the widgets on the slides; `before`, a file for a screenshot of the notebook just
    before the key or click."""
    panel = open_notebook(page, lab, name)
    if run_first:
        run_all_cells(page, panel, timeout=RUN_ALL_TIMEOUT)
    panel.locator(".jp-Cell").first.click()  # the slideshow starts at the selected cell
    # the key works once the notebook is JupyterLab's current document, as its toolbar button
    # (the same command) says by being enabled
    present = page.locator(".jp-NotebookPanel:visible .jp-Toolbar "
                           "[data-command='course-present:present']:not([disabled])").first
    present.wait_for()
    if before:
        page.screenshot(path=before)
    if button:
        present.click()
    else:
        page.keyboard.press("Alt+P")
    iframe = page.locator(RISE_FRAME)
    iframe.wait_for()
    # full screen: the slideshow's frame, or (RISE's own button) the slides in it, at 1280x720
    page.wait_for_function(
        """([iframe, w, h]) => {
            const doc = iframe.contentDocument, reveal = doc && doc.querySelector('div.reveal');
            const full = document.fullscreenElement === iframe || (doc && doc.fullscreenElement);
            if (!full || !reveal) return false;
            const r = reveal.getBoundingClientRect(), s = doc.querySelector('.reveal .slides');
            return r.width === w && r.height === h && s.getBoundingClientRect().width > 0;
        }""", arg=[iframe.element_handle(), SCREEN["width"], SCREEN["height"]])
    page.frame_locator(RISE_FRAME).locator(
        ".reveal .slides section.present:not(.stack)").first.wait_for()
    frame = next(f for f in page.frames if "/rise/" in f.url)
    # reveal.js lays the slides out again after the resize: wait until the slide has settled
    frame.wait_for_function("""() => {
        const s = document.querySelector('.reveal .slides section.present:not(.stack)');
        const key = s && JSON.stringify(s.getBoundingClientRect());
        const same = key === window.__lastLayout; window.__lastLayout = key; return same;
    }""", polling=200)
    # RISE shows its help button (?) for the first 2 s of a slideshow, then hides it
    frame.wait_for_function("() => { const b = document.querySelector('#help-b');"
                            " return !b || getComputedStyle(b).visibility === 'hidden'; }")
    iframe.focus()  # the keyboard goes to the slideshow, as after a click on it
    return frame


def test_present_button_then_rise_s_own_full_screen_button(projector, lab, output_dir):
    """The Present button in the notebook's toolbar does what Alt+P does. After full screen is
    left, the slides stay beside the notebook, and jupyterlab-rise's own full-screen button at
    the top of them works as before (the README's way when a browser refuses the one key)."""
    page = projector
    stem = NOTEBOOKS[0].stem
    open_slideshow_full_screen(page, lab, NOTEBOOKS[0].name, button=True,
                               before=output_dir / f"{stem}_present_1_notebook.png")
    page.screenshot(path=output_dir / f"{stem}_present_2_full_screen.png")
    page.evaluate("document.exitFullscreen()")
    page.wait_for_function("!document.fullscreenElement")
    page.locator(".jp-Toolbar-item[data-jp-item-name='fullscreen']").first.click()
    page.wait_for_function(
        """([iframe, w, h]) => {
            const doc = iframe.contentDocument, reveal = doc && doc.querySelector('div.reveal');
            const r = reveal && document.fullscreenElement === iframe
                && reveal.getBoundingClientRect();
            return r && r.width === w && r.height === h;
        }""", arg=[page.locator(RISE_FRAME).element_handle(), SCREEN["width"], SCREEN["height"]])


def test_when_the_browser_refuses_full_screen_a_notification_offers_it(projector, lab):
    """A browser that refuses full screen to the key (simulated: the frame's requestFullscreen
    fails, once) leaves the slides beside the notebook, and a notification's Full screen button,
    a click of its own, takes their frame to full screen."""
    page = projector
    open_notebook(page, lab, NOTEBOOKS[0].name).locator(".jp-Cell").first.click()
    page.locator(".jp-NotebookPanel:visible .jp-Toolbar "
                 "[data-command='course-present:present']:not([disabled])").first.wait_for()
    page.evaluate("""() => {
        const asked = HTMLIFrameElement.prototype.requestFullscreen;
        HTMLIFrameElement.prototype.requestFullscreen = function () {
            HTMLIFrameElement.prototype.requestFullscreen = asked;  // the next ask, as it was
            return Promise.reject(new TypeError('Permissions check failed'));
        };
    }""")
    page.keyboard.press("Alt+P")
    offer = page.locator(".jp-toast-button", has_text="Full screen")
    offer.wait_for()
    iframe = page.locator(RISE_FRAME)
    assert iframe.is_visible() and not page.evaluate("document.fullscreenElement")
    offer.click()
    page.wait_for_function(
        """([iframe, w, h]) => {
            const doc = iframe.contentDocument, reveal = doc && doc.querySelector('div.reveal');
            const r = reveal && document.fullscreenElement === iframe
                && reveal.getBoundingClientRect();
            return r && r.width === w && r.height === h;
        }""", arg=[iframe.element_handle(), SCREEN["width"], SCREEN["height"]])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_slide_fits_the_projector(projector, lab, output_dir, path):
    page = projector
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    frame = open_slideshow_full_screen(page, lab, path.name)

    steps = frame.evaluate(STEPS_JS)
    assert steps > 0, f"{path.name}: the slideshow has a single slide"
    problems, seen = {}, {}
    tallest, figure_shown = 0, False
    for step in range(steps + 1):
        where = frame.evaluate(POSITION_JS)
        result = frame.evaluate(MEASURE_JS, MIN_PX)
        slide_id = where.split("/")[0]
        new = [p for p in result["problems"] if p not in problems]
        for problem in new:
            problems[problem] = slide_id
        if new:  # what is wrong, to look at
            page.screenshot(path=output_dir / f"{path.stem}_slides_wrong_{slide_id}.png")
        if EVERY_SLIDE:
            page.screenshot(path=output_dir / f"{path.stem}_slides_all_{step:03d}_{slide_id}.png")
        if step == 0:
            page.screenshot(path=output_dir / f"{path.stem}_slides_1_first.png")
        if result["bottom"] > tallest:
            tallest = result["bottom"]
            page.screenshot(path=output_dir / f"{path.stem}_slides_2_tallest.png")
        if not figure_shown and (result["graphs"] or result["figures"]):
            figure_shown = True
            page.screenshot(path=output_dir / f"{path.stem}_slides_3_figure.png")
        seen[slide_id] = seen.get(slide_id, 0) + 1
        if step < steps:
            page.keyboard.press("Space")
            frame.wait_for_function("(before) => (" + POSITION_JS + ")() !== before",
                                    arg=where, timeout=STEP_TIMEOUT)

    local = urlparse(lab.base).netloc
    elsewhere = [u for u in requests if urlparse(u).scheme in ("http", "https")
                 and urlparse(u).netloc != local]
    assert not elsewhere, f"the slideshow fetched from other hosts: {elsewhere[:5]}"
    assert len(seen) > 1, f"{path.name}: Space did not move through the slides"
    listed = "\n".join(f"  slide {where}: {problem}" for problem, where in problems.items())
    assert not problems, (f"{path.name} at 1280x720 full screen, {len(problems)} problems:\n"
                          f"{listed}")



def test_html_deck_without_a_network_says_so_and_hides_speaker_notes(browser, tmp_path,
                                                                    output_dir):
    """`python3 course.py slides` makes decks that load reveal.js and MathJax from the internet.
    Opened without a network, a deck says so at its top, and the speaker notes stay hidden."""
    import subprocess
    import sys

    sys.path.insert(0, str(ROOT))
    import course
    from course_tools.build import write_teacher_copies

    # as `course.py slides` does: the deck of the teacher's copy, which has the speaker notes
    [notebook] = write_teacher_copies(tmp_path / "teacher", [NOTEBOOKS[0].name[:2]])
    result = subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "slides", *course.SLIDES_TEMPLATE,
         "--output-dir", str(tmp_path), str(notebook)],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    deck = tmp_path / f"{notebook.stem}.slides.html"

    context = browser.new_context(viewport=SCREEN)
    try:
        page = context.new_page()
        asked = []

        def no_network(route):
            asked.append(route.request.url)
            route.abort("internetdisconnected")

        page.route(lambda url: url.startswith(("http://", "https://")), no_network)
        page.goto(deck.as_uri())
        banner = page.locator("#course-offline")
        banner.wait_for(state="visible")
        assert "needs a network" in banner.inner_text()
        assert asked, "the deck asked the network for nothing: then it should not say it needs it"
        notes = page.locator("aside.notes")
        assert notes.count() > 0, "the deck has no speaker notes"
        shown = [i for i in range(notes.count()) if notes.nth(i).is_visible()]
        assert not shown, f"speaker notes show to the audience: {notes.nth(shown[0]).inner_text()}"
        page.screenshot(path=output_dir / f"{notebook.stem}_deck_offline.png")
    finally:
        context.close()


def on_its_slide(page, frame, css):
    """Space through the slideshow until the element `css` is on the present slide; that
    element (none, if no slide has it)."""
    present = frame.locator(PRESENT)
    for _ in range(frame.evaluate(STEPS_JS)):
        if present.locator(css).count():
            break
        where = frame.evaluate(POSITION_JS)
        page.keyboard.press("Space")
        frame.wait_for_function("(before) => (" + POSITION_JS + ")() !== before",
                                arg=where, timeout=STEP_TIMEOUT)
    return present.locator(css)


def test_widgets_show_on_slides(projector, lab, output_dir):
    """A widget shows on the slides as a widget, not as its text, and works there: after Run
    All, the backprop stepper of notebook 4 is on its slide, and its Next button, pressed in the
    slideshow, moves it on a step. jupyterlab-rise 0.43 cannot load the ipywidgets 8 widget
    manager in its slideshow on its own (jupyterlab-contrib/rise issue 119); the course's
    extension lab-extensions/course-rise-widgets, which course.lab_args hands to the slideshow,
    makes it load."""
    page = projector
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    frame = open_slideshow_full_screen(page, lab, "04_automatic_backprop.ipynb", run_first=True)
    stepper = on_its_slide(page, frame, ".micrograd-stepper")
    as_text = [t for t in frame.locator(".reveal .jp-OutputArea-output").all_inner_texts()
               if t.startswith("BackpropStepper(")]
    assert stepper.count() == 1, (
        "the backprop stepper shows on no slide of notebook 4"
        + (f", only as its text {as_text[0]!r}" if as_text else "")
        + "; errors in the page:\n" + "\n".join(
            [e for e in errors if "jupyter-widgets" in e or "Shared module" in e] or errors)[:2000])
    assert "BackpropStepper(" not in frame.locator(PRESENT).inner_text(), \
        "the stepper shows as its text as well as a widget"
    status = stepper.locator(".micrograd-stepper-status")
    before = status.inner_text()
    position = re.search(r"step (\d+) of (\d+)", before)
    assert position and position[1] != position[2], f"the stepper is not mid-way: {before!r}"
    stepper.locator(".micrograd-stepper-next").click()
    frame.wait_for_function(
        "([el, want]) => el.textContent.includes(want)",
        arg=[status.element_handle(), f"step {int(position[1]) + 1} of {position[2]}"],
        timeout=30_000)
    page.screenshot(path=output_dir / "04_automatic_backprop_slides_widget.png")


def test_the_training_panel_trains_on_its_slide_and_still_fits(projector, lab, output_dir):
    """The training panel answers on its slide, and what training adds (the loss curve, the
    decision boundary, the status line) still fits the 1280x720 slide by the same measure as
    every other slide. The slides of the stored notebook show the panel before any training."""
    page = projector
    frame = open_slideshow_full_screen(page, lab, "07_training.ipynb", run_first=True)
    panel = on_its_slide(page, frame, ".micrograd-training-panel")
    assert panel.count() == 1, "the training panel shows on no slide of notebook 7"
    status = panel.locator(".mg-status")
    panel.locator(".mg-play").click()
    frame.wait_for_function("(el) => el.textContent.includes('Done: step')",
                            arg=status.element_handle(), timeout=RUN_ALL_TIMEOUT)
    page.screenshot(path=output_dir / "07_training_slides_panel_trained.png")
    problems = frame.evaluate(MEASURE_JS, MIN_PX)["problems"]
    assert not problems, "after Train, the panel's slide:\n" + "\n".join(problems)
