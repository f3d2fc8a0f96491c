"""Accessibility, measured (issue 18): axe-core, the accessibility tree and the contrast of the
course's own text, on every page of the website and on every notebook in JupyterLab after Run All.

- axe-core's WCAG 2.x A and AA rules (axe-playwright-python ships axe-core): on the website every
  rule and axe's best practices too, with no violation at all (the site, its theme included, is
  the course's); in JupyterLab no critical or serious violation in what the course puts on the
  page (outputs, widgets, rendered text). JupyterLab's own chrome (menus, toolbars, prompts, the
  code editor) has violations of its own: each is matched by its rule and target selector against
  JUPYTERLAB_CHROME below and printed; one the list does not know fails, so none passes unseen.
- The accessibility tree, as a screen reader gets it from Chromium (CDP's
  Accessibility.getPartialAXTree, node by node): every picture the course shows (img, role img,
  svg) has a name that says what it shows: not empty, not a file's path, and two pictures share
  a name only when they show the same thing. Every control of a widget has a name, and a value
  that reads as its read-out shows it (0.9, not 0.8999999999999996; a log slider's 0.2, not its
  exponent -0.7).
- Contrast: every text of the course (each element holding text, and the controls' own text) is
  measured from its computed colour against the background found by walking up its ancestors,
  in JupyterLab Light and JupyterLab Dark, and on the website in its light and dark modes: 4.5:1.
  (axe's color-contrast rule gives up on text that JupyterLab's scrolling notebook holds out of
  view, which is most of it; axe's rule still runs on the website as a whole.)
  Notebook 01 is given one more cell that shows a checker's verdicts ("Right!", "Not yet."),
  which Run All never shows, so that their colours are measured too.

One JupyterLab (the session's `lab`), one Run All per notebook for all its tests. What was
measured goes to test-output/browser/accessibility/*.json; screenshots of each notebook in Dark
to test-output/browser/a11y_dark_*.png.
"""

import hashlib
import json
import re
from pathlib import Path

import pytest
from lab_helpers import open_notebook, run_all_cells, shut_down_kernels
from test_student_view import (  # the graphs' measure, run here on in_lab's page
    GRAPHS,
    MEASURE_GRAPHS,
    MIN_TEXT_PX,
    RENDER_TIMEOUT,
    stored_outputs,
)

axe_playwright_python = pytest.importorskip(
    "axe_playwright_python", reason="axe-playwright-python is not installed")

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
AXE_SCRIPT = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(
    encoding="utf-8")
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SERIOUS = {"critical", "serious"}

# where the course's own content is on a page: JupyterLab's output areas and rendered markdown;
# the website's article (its sidebars, header and footer are the theme's, tested as a whole)
LAB_COURSE = ".jp-OutputArea-output, .jp-MarkdownOutput"
SITE_COURSE = "main .bd-article"
SITE_OUTPUTS = "main .bd-article .cell_output"  # the notebooks' outputs: the widgets' drawings

# JupyterLab's own chrome: (axe rule, target selector pattern, why it is JupyterLab's). Nothing
# here is inside an output area or rendered markdown (checked for every node).
JUPYTERLAB_CHROME = [
    ("aria-allowed-attr", r"jp-button|\.jp-|\.lm-", "JupyterLab's toolbar buttons (jp-button)"),
    ("aria-allowed-attr", r"\.validate-button", "nbgrader's Validate button (its Lab extension)"),
    ("aria-allowed-role", r"\.jp-|\.lm-|#jp-", "JupyterLab's panels and tabs"),
    ("aria-required-children", r"\.lm-|\.jp-|#jp-", "Lumino's tab bars and menus"),
    ("aria-required-parent", r"\.lm-|\.jp-|#jp-", "Lumino's tabs and menu items"),
    ("aria-prohibited-attr", r"\.jp-|\.lm-", "JupyterLab's toolbar items"),
    ("button-name", r"\.jp-|\.lm-|jp-toolbar|#jp-", "JupyterLab's icon-only toolbar buttons"),
    ("color-contrast", r"\.jp-|\.lm-|#jp-", "JupyterLab's prompts, status bar and editor"),
    ("aria-command-name", r"\.jp-|\.lm-", "JupyterLab's toolbar"),
    ("aria-toggle-field-name", r"\.jp-|\.lm-", "JupyterLab's toggles"),
    ("label", r"\.jp-|\.lm-|#jp-", "JupyterLab's own inputs"),
    ("nested-interactive", r"\.jp-|\.lm-|#jp-", "JupyterLab's tab bars"),
    ("scrollable-region-focusable", r"\.jp-|\.lm-|#jp-", "JupyterLab's panels"),
    ("list", r"\.jp-|\.lm-", "JupyterLab's lists"),
    ("listitem", r"\.jp-|\.lm-", "JupyterLab's lists"),
    ("landmark-unique", r"\.jp-|\.lm-|#jp-", "JupyterLab's panels"),
    ("region", r"\.jp-|\.lm-|#jp-", "JupyterLab's panels"),
    ("aria-input-field-name", r"\.jp-|\.lm-|#jp-|\.cm-", "JupyterLab's editors"),
    ("aria-valid-attr-value", r"\.jp-|\.lm-|#jp-", "JupyterLab's toolbar and tabs"),
    ("target-size", r"\.jp-|\.lm-|#jp-", "JupyterLab's toolbar"),
]

# the controls and pictures a page shows, as the accessibility tree sees them
CONTROLS = ("input:not([type=hidden]), select, textarea, button, [role=slider], [role=button], "
            "[role=combobox], [role=spinbutton], [role=checkbox], [role=textbox], "
            "[role=listbox], [contenteditable=''], [contenteditable=true]")
PICTURES = "img, [role=img], svg"
VALUED = {"slider", "spinbutton", "combobox", "textbox", "ComboBoxSelect", "MenuListPopup"}
NOISE = re.compile(r"\d\.\d*?(0{5,}[1-9]|9{5,}\d)")  # 0.8999999999999996, 0.7000000000000002
PATH = re.compile(r"(^|/)[^\s]*\.(png|svg|jpe?g|gif|webp)$|_images/|^data:", re.I)

COLLECT = """([rootSelector, selector, kind]) => {
    const visible = (el) => {
        if (el.closest('details:not([open]) > :not(summary)')) return false;
        const r = el.getBoundingClientRect(), s = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
    };
    const roots = [...document.querySelectorAll(rootSelector)];
    const found = [];
    for (const root of roots)
        for (const el of root.querySelectorAll(selector)) {
            if (found.includes(el) || !visible(el)) continue;
            // a picture inside a picture (an SVG in a role=img box) is part of it
            if (kind === 'picture' && el.parentElement
                && el.parentElement.closest('[role=img], img, svg')) continue;
            // an icon in a button is named by its button
            if (kind === 'picture' && el.closest('button')) continue;
            found.push(el);
        }
    window.__courseA11y = found;
    return found.map((el) => {
        // a slider's read-out: ipywidgets' (inside the slider's box), the website's <output>
        const slider = el.closest('.widget-slider');
        const field = el.closest('.course-w-field');
        const readout = slider ? slider.querySelector('.widget-readout')
            : field && field.nextElementSibling && field.nextElementSibling.tagName === 'OUTPUT'
            ? field.nextElementSibling : null;
        const owner = el.closest('[class*="micrograd-"]');
        return {
            tag: el.tagName.toLowerCase(),
            classes: (el.getAttribute('class') || '').slice(0, 120),
            owner: owner ? [...owner.classList].filter(c => c.startsWith('micrograd-')).join(' ')
                         : '',
            content: el.tagName === 'IMG' ? el.src : el.outerHTML.replace(/\\sid="[^"]*"/g, ''),
            readout: readout ? readout.textContent.trim() : null,
            near: ((el.closest('label') || el.parentElement || el).innerText || '').slice(0, 200),
        };
    });
}"""


FIND_IN_COURSE = """([target, course]) => {
    let el = document;  // axe's target: a selector per frame, a list of them into shadow roots
    for (const part of target)
        for (const selector of (Array.isArray(part) ? part : [part])) {
            el = (el.shadowRoot || el).querySelector(selector);
            if (!el) return null;
        }
    return el.closest(course) !== null;
}"""


CONTRAST = """([rootSelector, minimum]) => {
    const parse = (text) => {
        let m = text.match(/rgba?\\(([^)]*)\\)/);
        if (m) {
            const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
            return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
        }
        m = text.match(/color\\(srgb ([^)]*)\\)/);
        if (m) {
            const p = m[1].split(/[\\s\\/]+/).filter(Boolean).map(Number);
            return [p[0] * 255, p[1] * 255, p[2] * 255, p.length > 3 ? p[3] : 1];
        }
        return null;
    };
    const over = (top, bottom) => {
        const a = top[3];
        return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat([1]);
    };
    const background = (el) => {
        const layers = [];
        for (let e = el; e; e = e.parentElement) {
            const c = parse(getComputedStyle(e).backgroundColor);
            if (c && c[3] > 0) layers.push(c);
            if (c && c[3] >= 1) break;
        }
        if (!layers.length || layers[layers.length - 1][3] < 1) layers.push([255, 255, 255, 1]);
        let bg = layers[layers.length - 1];
        for (let i = layers.length - 2; i >= 0; i--) bg = over(layers[i], bg);
        return bg;
    };
    const luminance = (c) => {
        const [r, g, b] = c.slice(0, 3).map(v => {
            v /= 255;
            return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const hex = (c) => '#' + c.slice(0, 3).map(v => Math.round(v).toString(16)
        .padStart(2, '0')).join('');
    const visible = (el) => {
        const r = el.getBoundingClientRect(), s = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'
            && parseFloat(s.opacity) > 0;
    };
    const fields = 'input:not([type=range]):not([type=checkbox]):not([type=radio])' +
        ':not([type=color]), select, textarea, button';
    const checked = [], failing = [];
    for (const root of document.querySelectorAll(rootSelector))
        for (const el of root.querySelectorAll('*')) {
            const text = [...el.childNodes].filter(n => n.nodeType === 3)
                .map(n => n.textContent).join('').trim();
            if (!text && !el.matches(fields)) continue;
            if (el.closest('svg, [disabled], [aria-disabled=true]')) continue;
            if (el.closest('details:not([open]) > :not(summary)') || !visible(el)) continue;
            if (checked.includes(el)) continue;
            checked.push(el);
            const s = getComputedStyle(el);
            const bg = background(el);
            const fg = over(parse(s.color) || [0, 0, 0, 1], bg);
            const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
            const ratio = (hi + 0.05) / (lo + 0.05);
            if (ratio < minimum) {
                const owner = el.closest('[class*="micrograd-"], [class*="mg-"], .course-w');
                failing.push({
                    text: (text || el.value || '').slice(0, 80),
                    ratio: Math.round(ratio * 100) / 100,
                    color: hex(fg), background: hex(bg),
                    element: el.tagName.toLowerCase() + (el.className && el.className.baseVal
                        === undefined ? '.' + el.className.trim().split(/\\s+/).join('.') : ''),
                    owner: owner ? (owner.getAttribute('class') || '').slice(0, 80) : '',
                    style: (el.getAttribute('style') || '').slice(0, 80),
                });
            }
        }
    return {checked: checked.length, failing};
}"""
MINIMUM_CONTRAST = 4.5


def contrast(page, root):
    """The course's text under `root` (selectors) that does not reach 4.5:1 against the
    background it is drawn on (computed styles; the background found by walking up)."""
    return page.evaluate(CONTRAST, [root, MINIMUM_CONTRAST])


def inject_axe(page):
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)


def axe(page, context=None, **options):
    """axe.run on the page (or `context`), with axe's options; its violations."""
    inject_axe(page)
    options.setdefault("resultTypes", ["violations"])
    return page.evaluate("([c, o]) => axe.run(c || document, o)",
                         [context, options])["violations"]


def flat(violations, page=None, course=None):
    """One dict per violating node: rule, impact, target, and whether it is the course's (inside
    `course`, a selector, on `page`)."""
    nodes = []
    for v in violations:
        for n in v["nodes"]:
            target = n["target"]
            inside = None
            if page is not None and course:
                inside = page.evaluate(FIND_IN_COURSE, [target, course])
            nodes.append({"rule": v["id"], "impact": v["impact"], "help": v["help"],
                          "target": " ".join(map(str, target)), "course": inside,
                          "html": n.get("html", "")[:300],
                          "summary": (n.get("failureSummary") or "")[:300]})
    return nodes


def accessibility_tree(page, root, selector, kind):
    """For every visible `selector` inside `root` (selectors): what the page shows (tag,
    classes, content, read-out) and what the accessibility tree says (role, name, value)."""
    items = page.evaluate(COLLECT, [root, selector, kind])
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("Accessibility.enable")
        for i, item in enumerate(items):
            handle = cdp.send("Runtime.evaluate", {"expression": f"window.__courseA11y[{i}]"})
            nodes = cdp.send("Accessibility.getPartialAXTree", {
                "objectId": handle["result"]["objectId"], "fetchRelatives": False})["nodes"]
            node = nodes[0]
            properties = {p["name"]: p["value"].get("value") for p in node.get("properties", [])}
            said = properties.get("valuetext") or node.get("value", {}).get("value", "")
            item.update(ignored=node.get("ignored", False),
                        role=node.get("role", {}).get("value", ""),
                        name=str(node.get("name", {}).get("value", "")).strip(),
                        value=str(said).strip())
            item["digest"] = hashlib.sha256(item.pop("content").encode()).hexdigest()[:16]
    finally:
        cdp.detach()
    return items


def picture_problems(pictures):
    problems = []
    by_name = {}
    for p in pictures:
        where = f"<{p['tag']} class={p['classes']!r}> in {p['owner'] or 'an output'}"
        if p["ignored"] or not p["name"]:
            problems.append(f"{where}: no name (a screen reader skips it or says 'image')")
        elif PATH.search(p["name"]):
            problems.append(f"{where}: named by a file's path: {p['name'][:80]!r}")
        elif len(p["name"].split()) < 3:
            problems.append(f"{where}: {p['name']!r} does not say what it shows")
        else:
            by_name.setdefault(p["name"], set()).add(p["digest"])
    for name, digests in by_name.items():
        if len(digests) > 1:
            problems.append(f"{len(digests)} different pictures share the name {name[:100]!r}")
    return problems


def number(text):
    try:
        return float(text.replace("\N{MINUS SIGN}", "-"))
    except (AttributeError, ValueError):
        return None


def numbers_in(text):
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?",
                                         (text or "").replace("\N{MINUS SIGN}", "-"))]


def control_problems(controls):
    problems = []
    for c in controls:
        where = f"<{c['tag']} class={c['classes']!r}> in {c['owner'] or 'an output'}"
        if c["ignored"]:
            continue  # hidden from the tree on purpose (noUiSlider's inner parts)
        if not c["name"]:
            problems.append(f"{where} ({c['role']}): no name")
        if c["role"] not in VALUED:
            continue
        if NOISE.search(c["value"]):
            problems.append(f"{where} {c['name']!r}: reads {c['value']!r}")
        shown, said = number(c["readout"]), number(c["value"])
        if shown is not None and said is not None:
            decimals = len(c["readout"].split(".")[1]) if "." in c["readout"] else 0
            if abs(shown - said) > 0.5 * 10 ** -decimals + 1e-12:
                problems.append(f"{where} {c['name']!r}: reads {c['value']!r}, its read-out "
                                f"shows {c['readout']!r}")
        if (c["role"] == "slider" and shown is None and said is not None
                and not any(abs(said - n) < 1e-9 for n in numbers_in(c["near"]))):
            problems.append(f"{where} {c['name']!r}: reads {c['value']!r}, which the text "
                            f"beside it does not show: {c['near'][:80]!r}")
        if c["role"] == "slider" and not c["value"]:
            problems.append(f"{where} {c['name']!r}: a slider with no value")
    return problems


def report(title, nodes):
    lines = [f"{title}: {len(nodes)}"]
    lines += [f"  [{n['impact']}] {n['rule']}: {n['target']}  {n['html'][:120]}" for n in nodes]
    print("\n".join(lines))


def save(output_dir, name, measured):
    folder = output_dir / "accessibility"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.json").write_text(json.dumps(measured, indent=1), encoding="utf-8")


def chrome_reason(node):
    for rule, pattern, reason in JUPYTERLAB_CHROME:
        if node["rule"] == rule and re.search(pattern, node["target"]):
            return reason
    return None


# ---- the website ---------------------------------------------------------------------------

def site_pages(out):
    """Every page of the built site but index.html, which only leads to README.html."""
    return sorted(p for p in out.rglob("*.html")
                  if not {"_static", "_sources", "_images"} & set(p.relative_to(out).parts)
                  and p.name != "index.html")


@pytest.fixture(scope="module")
def site_measured(built_site, browser, output_dir):
    """Each page, opened from disk with every other host blocked: axe (all rules) in the light
    mode, color-contrast in the dark mode, the pictures and controls in the tree."""
    measured = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 1280, "height": 720},
                                      color_scheme=scheme)
        context.route("http*://**", lambda route: route.abort())
        page = context.new_page()
        try:
            for path in site_pages(built_site["out"]):
                name = str(path.relative_to(built_site["out"]))
                page.goto(path.as_uri())
                page.wait_for_load_state("load")
                m = measured.setdefault(name, {})
                if scheme == "light":
                    m["axe"] = flat(axe(page, runOnly={"type": "tag",
                                                       "values": WCAG + ["best-practice"]}))
                    if page.locator(SITE_COURSE).count():
                        m["pictures"] = accessibility_tree(page, SITE_COURSE, PICTURES,
                                                           "picture")
                        m["controls"] = accessibility_tree(page, SITE_OUTPUTS, CONTROLS,
                                                           "control")
                if page.locator(SITE_COURSE).count():
                    m[f"contrast_{scheme}"] = contrast(page, SITE_COURSE)
        finally:
            context.close()
    save(output_dir, "website", measured)
    return measured


def test_website_has_no_axe_violations(site_measured):
    nodes = [dict(n, target=f"{page}: {n['target']}")
             for page, m in site_measured.items() for n in m["axe"]]
    report("the website's axe violations (WCAG 2.x A, AA and best practices)", nodes)
    assert not nodes, "\n".join(f"{n['target']}: {n['rule']} ({n['impact']}): {n['help']}"
                                for n in nodes)


def test_website_pictures_and_controls_have_names(site_measured):
    problems = [f"{page}: {p}" for page, m in site_measured.items()
                for p in picture_problems(m.get("pictures", []))
                + control_problems(m.get("controls", []))]
    assert not problems, "\n".join(problems)


def test_website_text_contrast_in_light_and_dark_mode(site_measured):
    failing = [dict(f, page=f"{page} ({mode})") for page, m in site_measured.items()
               for mode in ("light", "dark") for f in m.get(f"contrast_{mode}", {}).get(
                   "failing", [])]
    assert sum(m.get("contrast_light", {}).get("checked", 0)
               for m in site_measured.values()) > 100, "no text measured"
    assert not failing, "\n".join(contrast_line(f) for f in failing)


def contrast_line(f):
    return (f"{f.get('page', f.get('theme', ''))}: {f['ratio']}:1, {f['color']} on "
            f"{f['background']}: {f['element']} in {f['owner'] or 'an output'}: {f['text']!r}")


def test_website_front_door_is_a_page_too(built_site):
    """index.html leads to the front page, and a screen reader can read it meanwhile."""
    html = (built_site["out"] / "index.html").read_text(encoding="utf-8")
    assert 'url=README.html"' in html
    assert '<html lang="en">' in html and "<main>" in html and "<h1>" in html
    assert '<a href="README.html">' in html


# ---- JupyterLab ----------------------------------------------------------------------------

LIGHT, DARK = "JupyterLab Light", "JupyterLab Dark"
VERDICTS_IN = "01_derivatives.ipynb"
VERDICTS_CELL = ("from micrograd.exercises.feedback import right, wrong; "
                 "display(right('All the gradients agree.'), wrong('Look at the sign of b.'))")


def set_theme(page, name):
    page.locator(".lm-MenuBar-item", has_text="Settings").first.click()
    page.locator(".lm-Menu-item", has_text=re.compile(r"^Theme")).first.hover()
    label = page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(name)}$"))
    page.locator(".lm-Menu-item[data-command='apputils:change-theme']").filter(
        has=label).first.click()
    page.wait_for_function("(n) => document.body.dataset.jpThemeName === n", arg=name)
    page.wait_for_timeout(500)  # the theme's stylesheet applied
    page.keyboard.press("Escape")


def run_one_more(page, panel, source, expect):
    """A new code cell at the end, typed and run with the keyboard; wait for its output."""
    panel.locator(".jp-Cell").last.locator(".jp-InputPrompt").click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")
    page.keyboard.press("Enter")
    page.keyboard.type(source)
    page.keyboard.press("Shift+Enter")
    panel.locator(".jp-OutputArea-output", has_text=expect).first.wait_for()


def classify(page, nodes):
    """Split a page's violating nodes into the course's and JupyterLab's (each with its reason);
    chrome the list does not know is returned apart."""
    course, chrome, unknown = [], [], []
    for n in nodes:
        if n["course"]:
            course.append(n)
        elif (reason := chrome_reason(n)) is not None:
            chrome.append(dict(n, why=reason))
        else:
            unknown.append(n)
    return course, chrome, unknown


@pytest.fixture(scope="module", params=NOTEBOOKS)
def in_lab(request, browser, lab, output_dir):
    """The notebook after Run All, measured once for all the tests below: axe on the whole page,
    the pictures and controls in the course's outputs, and the contrast of the course's
    text in JupyterLab Light, then in JupyterLab Dark (set back to Light at the end)."""
    name = request.param
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.set_default_timeout(30_000)
    measured = {"notebook": name}
    try:
        panel = open_notebook(page, lab, name)
        run_all_cells(page, panel)
        if name == VERDICTS_IN:
            run_one_more(page, panel, VERDICTS_CELL, "Right!")
        page.mouse.click(5, 700)  # nothing focused, no hover: the page at rest
        nodes = flat(axe(page, runOnly={"type": "tag", "values": WCAG}), page, LAB_COURSE)
        measured["course"], measured["chrome"], measured["unknown"] = classify(page, nodes)
        measured["pictures"] = accessibility_tree(page, LAB_COURSE, PICTURES, "picture")
        measured["controls"] = accessibility_tree(page, LAB_COURSE, CONTROLS, "control")
        measured["contrast"] = {LIGHT: contrast(page, LAB_COURSE)}
        try:
            set_theme(page, DARK)
            measured["contrast"][DARK] = contrast(page, LAB_COURSE)
            page.screenshot(path=output_dir / f"a11y_dark_{Path(name).stem}.png")
        finally:
            set_theme(page, LIGHT)  # the setting is the server's: the next test starts light
        save(output_dir, Path(name).stem, measured)
        measured.update(page=page, panel=panel)  # for the graph measure, which acts on the page
        yield measured
    finally:
        context.close()
        shut_down_kernels(lab)


def test_lab_axe_no_critical_or_serious_violation_of_the_course(in_lab):
    report(f"{in_lab['notebook']}: JupyterLab's own chrome (allowed, by rule and target)",
           in_lab["chrome"])
    report(f"{in_lab['notebook']}: the course's", in_lab["course"])
    serious = [n for n in in_lab["course"] if n["impact"] in SERIOUS]
    assert not serious, "\n".join(f"{n['rule']} ({n['impact']}) {n['target']}: {n['help']}; "
                                  f"{n['html'][:160]}" for n in serious)
    report(f"{in_lab['notebook']}: outside the course's outputs, not known as JupyterLab's",
           in_lab["unknown"])
    assert not in_lab["unknown"], (
        "violations outside the course's outputs that JUPYTERLAB_CHROME does not know: if they "
        "are JupyterLab's own, add their rule and target there:\n" + "\n".join(
            f"{n['rule']} ({n['impact']}) {n['target']}: {n['html'][:160]}"
            for n in in_lab["unknown"]))


def test_lab_pictures_have_names_that_say_what_they_show(in_lab):
    problems = picture_problems(in_lab["pictures"])
    assert not problems, f"{in_lab['notebook']}:\n" + "\n".join(problems)


def test_lab_widget_controls_have_names_and_readable_values(in_lab):
    problems = control_problems(in_lab["controls"])
    assert not problems, f"{in_lab['notebook']}:\n" + "\n".join(problems)


def test_lab_course_text_contrast_in_light_and_dark(in_lab):
    failing = [dict(f, theme=theme) for theme, found in in_lab["contrast"].items()
               for f in found["failing"]]
    assert all(found["checked"] > 0 for found in in_lab["contrast"].values()), "no text measured"
    assert not failing, f"{in_lab['notebook']}:\n" + "\n".join(map(contrast_line, failing))


def test_lab_every_graph_is_readable_and_whole_after_run_all(in_lab, output_dir):
    """test_student_view's measure of every graph, on the page in_lab ran (one Run All of each
    notebook serves both); last of this module's tests, as it moves a slider."""
    page, panel, name = in_lab["page"], in_lab["panel"], in_lab["notebook"]
    graphs = panel.evaluate(MEASURE_GRAPHS)
    stored = stored_outputs(name)
    if stored["svg"] == 0 and not panel.locator(".micrograd-stepper, .micrograd-neuron").count():
        assert graphs == [], graphs
        return
    assert graphs, f"{name}: no graph found in the page after Run All"
    for i, g in enumerate(graphs):
        where = f"{name}, graph {i + 1} of {len(graphs)}"
        assert g["smallest"] >= MIN_TEXT_PX - 0.05, (
            f"{where}: its smallest text is {g['smallest']:.1f} px, below {MIN_TEXT_PX} px")
        assert not g["cut"], f"{where}: part of it is cut off ({g})"
        assert g["right"] <= g["panelRight"] + 1 or g["scrolls"], (
            f"{where}: it runs past the notebook's right edge with no box to scroll it ({g})")
    shots = panel.locator(f"{GRAPHS}, .micrograd-stepper-graph, .micrograd-neuron-graph")
    if shots.count():
        shots.first.scroll_into_view_if_needed()
        page.screenshot(path=output_dir / f"graph-{name[:2]}.png")
    widgets = panel.locator(".micrograd-stepper, .micrograd-neuron, .micrograd-training-panel")
    for i in range(widgets.count()):
        widgets.nth(i).scroll_into_view_if_needed()
        page.screenshot(path=output_dir / f"widget-{name[:2]}-{i + 1}.png")
    # a slider at the end of its range, as a student leaves it: the widest read-out
    for slider in (panel.locator(".micrograd-neuron-slider").all()[:1]):
        readout = slider.locator(".widget-readout")
        before = readout.inner_text()
        slider.locator(".noUi-handle").focus()
        slider.locator(".noUi-handle").press("Home")
        page.wait_for_function("([el, before]) => el.innerText !== before",
                               arg=[readout.element_handle(), before], timeout=RENDER_TIMEOUT)
        assert readout.inner_text().startswith(("-", "\u2212")), readout.inner_text()  # −3.00
        slider.scroll_into_view_if_needed()
        page.screenshot(path=output_dir / f"widget-{name[:2]}-slider-at-its-end.png")
    # a slider's read-out and a widget's label show all of their text (not "1.0C" for -1.00)
    clipped = panel.evaluate("""(panel) => [...panel.querySelectorAll(
            '.widget-readout, .widget-label, .widget-html-content')]
        .filter(el => el.offsetParent && el.scrollWidth > el.clientWidth + 1
                      && getComputedStyle(el).overflowX !== 'auto')
        .map(el => el.textContent.trim().slice(0, 60))""")
    assert not clipped, f"{name}: widget text cut off at its edge: {clipped}"
