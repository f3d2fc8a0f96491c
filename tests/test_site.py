"""The course as a website (`python3 course.py site`, course_tools/website.py): what each page
holds.

The pages are built once per session (the `built_site` fixture in conftest.py) and read as HTML
here; tests/browser/test_site_in_browser.py opens them in Chromium.
"""

import json
import re

import pytest

bs4 = pytest.importorskip("bs4")


def notebook(path):
    return json.loads(path.read_text(encoding="utf-8"))


def page(site, nb_path):
    html = (site["out"] / "notebooks" / f"{nb_path.stem}.html").read_text(encoding="utf-8")
    return bs4.BeautifulSoup(html, "html.parser")


def words(text):
    """Text with its whitespace collapsed, and Sphinx's typographic quotes made plain again."""
    plain = text.translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"',
                                           "\u201d": '"'}))
    return " ".join(plain.split())


def first_words(cell, n=6):
    """The first n words of a markdown cell's first paragraph as a reader sees them (markup
    characters left out)."""
    lines = [line for line in "".join(cell["source"]).splitlines()
             if line.strip() and not line.startswith(("#", "|", "$$", "-", "*"))]
    return " ".join(re.sub(r"[*_`>$\\]|\[|\]\([^)]*\)", " ", lines[0]).split()[:n])


def test_every_notebook_has_a_page_with_the_stored_outputs(built_site):
    assert [p.name for p in built_site["notebooks"]][0] == "01_derivatives.ipynb"
    for path in built_site["notebooks"]:
        soup = page(built_site, path)
        nb = notebook(path)
        assert soup.h1 and nb["cells"][0]["source"][0].lstrip("# ").strip() in words(
            soup.h1.get_text()), f"{path.name}: the page's title is not the notebook's"
        texts = [o["data"]["text/plain"] for c in nb["cells"] if c["cell_type"] == "code"
                 and not c["metadata"].get("jupyter", {}).get("source_hidden")
                 for o in c.get("outputs", []) if o.get("output_type") == "execute_result"
                 and set(o["data"]) == {"text/plain"}]
        shown = words(soup.get_text())
        for text in texts:
            assert words("".join(text)) in shown, f"{path.name}: stored output {text} missing"


def test_speaker_notes_are_left_out_and_other_text_is_kept(built_site):
    """The pages show the student's notebooks: the speaker notes, which only the sources and the
    teacher's copies hold, are on no page."""
    import jupytext

    for path in built_site["notebooks"]:
        shown = words(page(built_site, path).get_text())
        source = jupytext.read(path.parent / "src" / (path.stem + ".py"))
        notes = [c for c in source.cells
                 if c.metadata.get("slideshow", {}).get("slide_type") == "notes"]
        assert notes, f"{path.name} has no speaker notes: the test below would prove nothing"
        for cell in notes:
            assert first_words(cell) not in shown, f"{path.name}: speaker notes on the page"
        prose = [c for c in notebook(path)["cells"] if c["cell_type"] == "markdown"]
        assert first_words(prose[1]) in shown, f"{path.name}: {first_words(prose[1])!r} missing"


def test_solutions_sit_behind_a_click(built_site):
    for path in built_site["notebooks"]:
        nb = notebook(path)
        solutions = [c for c in nb["cells"] if "solution" in c["metadata"].get("tags", [])]
        shown = page(built_site, path).select("details.solution")
        assert len(shown) == len(solutions) > 0, path.name
        for details, solution in zip(shown, solutions):
            assert not details.has_attr("open"), f"{path.name}: a solution is not folded away"
            code = "".join(solution["source"]).split("```python\n", 1)[1].rsplit("\n```", 1)[0]
            assert details.find("summary") and details.find("pre"), path.name
            assert words(details.find("pre").get_text()) == words(code), (
                f"{path.name}: a solution's code differs")


def test_widgets_are_drawn_from_their_saved_state_without_a_widget_manager(built_site):
    drawn = 0
    for path in built_site["notebooks"]:
        soup = page(built_site, path)
        nb = notebook(path)
        views = sum("application/vnd.jupyter.widget-view+json" in o.get("data", {})
                    for c in nb["cells"] for o in c.get("outputs", []))
        assert len(soup.select(".course-widget")) == views, path.name
        assert len(soup.select(".course-widget-note")) == views, path.name
        assert "html-manager" not in str(soup) and "require.js" not in str(soup), path.name
        drawn += views
    assert drawn >= 4
    soup = page(built_site, built_site["notebooks"][5])  # 06: the neuron explorer's sliders
    sliders = soup.select('.course-widget input[type="range"]')
    assert sliders and all(s.has_attr("disabled") for s in sliders)
    assert "They work in JupyterLab" in soup.select_one(".course-widget-note").get_text()


def test_each_page_has_launch_buttons_for_binder_colab_and_a_jupyterhub(built_site):
    for path in built_site["notebooks"]:
        links = {a["href"] for a in page(built_site, path).find_all("a", href=True)}
        target = f"notebooks/{path.name}"
        assert (f"https://mybinder.org/v2/gh/OWNER/REPO/main?urlpath=lab/tree/{target}"
                in links), f"{path.name}: no Binder link"
        assert (f"https://colab.research.google.com/github/OWNER/REPO/blob/main/{target}"
                in links), f"{path.name}: no Colab link"
        assert any(link.startswith("https://HUB/hub/user-redirect/git-pull?repo=")
                   and f"urlpath=lab/tree/REPO/{target}" in link for link in links), (
            f"{path.name}: no nbgitpuller link to the JupyterHub")


# docs/, the "For teachers" part
GUIDES = ["teachers-guide", "teaching-on-jupyterhub", "reference", "maintainers"]


def test_the_pages_link_to_each_other_in_course_order(built_site):
    """The README is the front page, then the notebooks in course order, then the guides."""
    names = [p.stem for p in built_site["notebooks"]]
    for i, name in enumerate(names):
        soup = page(built_site, built_site["notebooks"][i])
        prev, nxt = soup.select_one("a.left-prev"), soup.select_one("a.right-next")
        assert prev["href"] == ("../README.html" if i == 0 else f"{names[i - 1]}.html"), name
        assert nxt["href"] == (f"{names[i + 1]}.html" if i + 1 < len(names)
                               else f"../docs/{GUIDES[0]}.html"), name


def test_the_guides_are_pages_of_their_own_for_teachers(built_site):
    """The README and the guides in docs/ are pages, whole, and their links to each other work
    on the website as they do on GitHub."""
    out = built_site["out"]
    assert 'url=README.html"' in (out / "index.html").read_text(encoding="utf-8")  # the front
    front = bs4.BeautifulSoup((out / "README.html").read_text(encoding="utf-8"), "html.parser")
    assert "python3 course.py lab" in front.get_text()
    sidebar = [a.get_text() for a in front.select("nav.bd-links a")]
    assert "For teachers" in front.select_one("nav.bd-links").get_text(), sidebar
    root = built_site["module"].ROOT
    for guide in GUIDES:
        html = (out / "docs" / f"{guide}.html").read_text(encoding="utf-8")
        soup = bs4.BeautifulSoup(html, "html.parser")
        source = (root / "docs" / f"{guide}.md").read_text(encoding="utf-8")
        assert words(soup.h1.get_text().strip("#¶ ")) == source.splitlines()[0].lstrip("# "), guide
        for heading in re.findall(r"^## (.+)$", source, re.M):
            assert words(heading) in words(soup.get_text()), (guide, heading)
        for link in soup.select("article a.reference.internal[href]"):
            target = (out / "docs" / link["href"].split("#")[0]).resolve()
            assert target.exists(), f"{guide}: the link {link['href']} leads nowhere"
    assert len((root / "README.md").read_text(encoding="utf-8")) < 6000, "README over 6,000"


def test_a_widget_the_website_cannot_draw_is_an_error_that_says_which(built_site):
    drawing = built_site["module"].WidgetDrawing(
        {"a": {"model_name": "ColorPickerModel", "state": {}}}, "99_test.ipynb")
    with pytest.raises(ValueError, match="99_test.ipynb: .*ColorPicker"):
        drawing.draw("a")
    with pytest.raises(ValueError, match="99_test.ipynb: .*not in the notebook's saved"):
        drawing.draw("b")


def test_a_slider_is_drawn_at_its_saved_value(built_site):
    state = {"s": {"model_name": "FloatLogSliderModel", "state": {
        "description": "learning rate", "value": 0.2, "base": 10.0, "min": -3.0, "max": 2.0,
        "step": 0.1, "readout_format": ".3g", "_dom_classes": ["lr"]}}}
    html = built_site["module"].WidgetDrawing(state, "x").draw("s")
    assert "learning rate" in html and '<output aria-hidden="true">0.2</output>' in html
    assert 'aria-valuetext="0.2"' in html  # what a screen reader says: the number, not -0.69897
    assert 'value="-0.69897"' in html  # log10(0.2): where the slider's knob stands


def test_every_drawn_control_is_labelled_by_its_description(built_site):
    """A screen reader names each control of a drawn widget (issue 18): the description is the
    text of the <label> the control sits in, as JupyterLab names it."""
    labelled = 0
    for path in built_site["notebooks"]:
        for control in page(built_site, path).select(".course-widget input, .course-widget select"):
            label = control.find_parent("label")
            named = control.get("aria-label") or (label and words(label.get_text()))
            assert named, f"{path.name}: a drawn {control.name} has no name: {control}"[:300]
            labelled += 1
    assert labelled >= 6  # 06's five sliders and its dropdown


def test_a_control_without_a_description_is_named_by_its_tooltip(built_site):
    state = {"b": {"model_name": "ButtonModel", "state": {"description": "", "tooltip": "reset"}},
             "s": {"model_name": "IntSliderModel", "state": {
                 "description": "", "tooltip": "steps", "value": 3, "min": 0, "max": 9,
                 "step": 1, "readout_format": "d"}}}
    drawing = built_site["module"].WidgetDrawing(state, "x")
    assert 'aria-label="reset"' in drawing.draw("b")
    assert 'aria-label="steps"' in drawing.draw("s") and 'aria-valuetext="3"' in drawing.draw("s")


def test_a_widget_that_shows_nothing_is_drawn_as_nothing(built_site):
    """The explorer's and stepper's keyboard helper (micrograd.widgets.access) has no view."""
    state = {"k": {"model_name": "AnyModel", "state": {
        "_dom_classes": ["micrograd-keyboard-access"]}}}
    drawn = built_site["module"].WidgetDrawing(state, "x").draw("k")
    assert re.sub(r"<div[^>]*>|</div>", "", drawn) == "", drawn  # at most an empty box
