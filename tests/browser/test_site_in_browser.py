"""The course website (`python3 course.py site`) as a reader sees it: Chromium opens the built
pages from disk, with every request to another host blocked (as without a network), and the
pages ask for none.

Each notebook's page shows its graphs (SVG) and plots, loaded; the pages link to each other in
course order; no solution shows before its click, and each does after. Screenshots of two pages
at 1280x720 go to test-output/browser/ (site_04_automatic_backprop.png, site_06_training.png).
"""

import json

import pytest

pytest.importorskip("jupyter_book", reason="Jupyter Book is not installed")

SHOTS = ("04_automatic_backprop", "07_training")


@pytest.fixture
def site_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    outside = []

    def block(route):
        outside.append(route.request.url)
        route.abort()

    context.route("http*://**", block)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.outside = outside
    try:
        yield page
    finally:
        context.close()


def shown_pictures(path):
    """{"svg": n, "png": n}: the pictures the notebook shows outside its folded solutions, in
    its outputs and inside the widgets they display (their saved state: an HTML widget holding
    an SVG graph, an Image widget holding a PNG plot)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    state = nb["metadata"].get("widgets", {}).get(
        "application/vnd.jupyter.widget-state+json", {}).get("state", {})
    counts = {"svg": 0, "png": 0}

    def widget(model_id):
        model = state[model_id]
        s = model["state"]
        if model["model_name"] in ("HTMLModel", "HTMLMathModel"):
            counts["svg"] += s.get("value", "").count("<svg")
        if model["model_name"] == "ImageModel" and model.get("buffers"):
            counts[s["format"]] += 1
        if model["model_name"] == "AnyModel" and "frame" in s:  # the training panel: the
            counts["png"] += 1  # website draws its stored frame as one picture (static_html)
        for child in s.get("children", []):
            widget(child.removeprefix("IPY_MODEL_"))

    for cell in nb["cells"]:
        if "solution" in cell["metadata"].get("tags", []):
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            counts["svg"] += ("image/svg+xml" in data or
                              '<div class="micrograd-graph">' in "".join(data.get("text/html", "")))
            # a plot: a PNG, or (micrograd.plots) an <img class="micrograd-plot"> named by its alt
            counts["png"] += ("image/png" in data or
                              'class="micrograd-plot"' in "".join(data.get("text/html", "")))
            if "application/vnd.jupyter.widget-view+json" in data:
                widget(data["application/vnd.jupyter.widget-view+json"]["model_id"])
    return counts


DRAW_NOTHING = {"05_your_own_value", "09_pytorch"}


def loaded_and_visible(locator):
    return locator.evaluate_all(
        "els => els.filter(e => e.getBoundingClientRect().width > 0"
        " && (e.tagName !== 'IMG' || (e.complete && e.naturalWidth > 0))).length")


def test_every_page_shows_its_graphs_and_plots(built_site, site_page, output_dir):
    for path in built_site["notebooks"]:
        site_page.goto((built_site["out"] / "notebooks" / f"{path.stem}.html").as_uri())
        expected = shown_pictures(path)
        outputs = site_page.locator(".cell .cell_output")
        svgs = outputs.locator("img[src$='.svg'], img.micrograd-notebook, .course-widget svg")
        pngs = outputs.locator("img[src$='.png'], img.micrograd-plot, "
                               ".course-widget img[src^='data:image/png']")
        # the notebooks that draw: all but 05 and 09, whose outputs are numbers and tables
        assert expected["svg"] + expected["png"] > 0 or path.stem in DRAW_NOTHING, (
            f"{path.name} shows no picture")
        assert loaded_and_visible(svgs) == expected["svg"], f"{path.name}: SVG graphs"
        slide_only = outputs.locator("img.micrograd-slide:not(.micrograd-notebook)")
        assert loaded_and_visible(slide_only) == 0, f"{path.name}: a graph's slide picture shows"
        assert loaded_and_visible(pngs) == expected["png"], f"{path.name}: PNG plots"
        if path.stem in SHOTS:
            site_page.locator(".course-widget").first.scroll_into_view_if_needed()
            site_page.screenshot(path=output_dir / f"site_{path.stem}.png")
        assert not site_page.outside, f"{path.name} asks another host for {site_page.outside}"


def test_formulas_are_typeset_without_a_network(built_site, site_page):
    """Notebook 1's formulas, by the MathJax shipped in the site (every other host blocked)."""
    site_page.goto((built_site["out"] / "notebooks" / "01_derivatives.html").as_uri())
    formulas = site_page.locator(".math.notranslate")
    assert formulas.count() > 3
    site_page.locator(".MathJax_Display").first.wait_for(state="visible")
    site_page.wait_for_function(
        "() => [...document.querySelectorAll('.math.notranslate')]"
        ".every(m => m.querySelector('.MathJax, .MathJax_Display, .MathJax_Preview') !== null"
        " && !/\\\\[\\[(]/.test(m.innerText))")
    assert not site_page.outside, site_page.outside


def test_next_and_previous_lead_through_the_course_in_order(built_site, site_page):
    """From the front page (the README) through the notebooks, then the guides for teachers."""
    site_page.goto((built_site["out"] / "README.html").as_uri())  # index.html leads there
    visited = []
    while site_page.locator("a.right-next").count():
        site_page.locator("a.right-next").click()
        site_page.wait_for_load_state("load")
        visited.append(site_page.url.rsplit("/", 1)[-1])
    guides = ["teachers-guide.html", "teaching-on-jupyterhub.html", "reference.html",
              "maintainers.html"]  # "For teachers"
    assert visited == [f"{p.stem}.html" for p in built_site["notebooks"]] + guides
    site_page.locator("a.left-prev").click()
    site_page.wait_for_load_state("load")
    assert site_page.url.endswith(guides[-2])
    sidebar = site_page.locator("nav.bd-links a.reference.internal").all_inner_texts()
    assert [t.split(".")[0] for t in sidebar if t[0].isdigit()] == [
        str(i) for i in range(1, len(built_site["notebooks"]) + 1)], sidebar


def test_no_solution_shows_before_its_click(built_site, site_page, output_dir):
    for path in built_site["notebooks"]:
        site_page.goto((built_site["out"] / "notebooks" / f"{path.stem}.html").as_uri())
        solutions = site_page.locator("details.solution")
        assert solutions.count() > 0, path.name
        for i in range(solutions.count()):
            code = solutions.nth(i).locator("pre")
            assert not code.is_visible(), f"{path.name}: solution {i + 1} shows unasked"
        for i in range(solutions.count()):
            solutions.nth(i).locator("summary").first.click()
            solutions.nth(i).locator("pre").wait_for(state="visible")
        if path.stem == SHOTS[0]:
            solutions.first.scroll_into_view_if_needed()
            site_page.screenshot(path=output_dir / "site_solution_open.png")
