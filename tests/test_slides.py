"""Every notebook is also a slide deck: for RISE inside JupyterLab, and as HTML from
`python3 course.py slides` (nbconvert --to slides, reveal.js, with the course's template in
course_tools/slides_template/). How the slides look on a projector is measured in a real browser:
tests/browser/test_slides_in_jupyterlab.py.

The export runs the very command course.py builds, with this test's Python and a temporary
output folder instead of .venv's Python and slides/.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import course  # noqa: E402

NOTEBOOK_PATHS = course.notebooks()
SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes", "-"}


def slide_types(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [c.get("metadata", {}).get("slideshow", {}).get("slide_type") for c in cells]


def test_there_are_notebooks():
    assert NOTEBOOK_PATHS, "no notebooks/NN_*.ipynb found"


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=[p.name for p in NOTEBOOK_PATHS])
def test_slide_structure(path):
    kinds = slide_types(path)
    assert kinds[0] == "slide", f"{path.name}: the first cell should start a 'slide'"
    bad = {(i, k) for i, k in enumerate(kinds) if k is not None and k not in SLIDE_TYPES}
    assert not bad, f"{path.name}: cells with an unknown slide_type (cell, type): {sorted(bad)}"
    more = [k for k in kinds[1:] if k in ("slide", "subslide")]
    assert more, f"{path.name} is a single slide: mark where new slides start ('slide'/'subslide')"


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    """`python3 course.py slides`, into a temporary folder: {notebook stem: deck html}. Its two
    commands run as course.py has them, with this test's Python and temporary folders: the
    teacher's copies (the notebooks with their speaker notes), then the decks made from them."""
    commands = []
    real_run = course.run
    course.run = commands.append  # record the command course.slides() would run
    try:
        course.slides([])
    finally:
        course.run = real_run
    teacher, cmd = ([str(c) for c in command] for command in commands)
    assert teacher[1:4] == ["-m", "course_tools.build", "--teacher-copies"], teacher
    copies = tmp_path_factory.mktemp("teacher")
    subprocess.run([sys.executable, *teacher[1:4], str(copies)], cwd=ROOT, check=True,
                   capture_output=True, timeout=300)
    assert cmd[-1] == str(course.TEACHER_COPIES / "[0-9][0-9]_*.ipynb"), cmd
    cmd[-1] = str(copies / "[0-9][0-9]_*.ipynb")
    assert cmd[0] == str(course.venv_python()) and cmd[1:5] == ["-m", "jupyter", "nbconvert",
                                                                  "--to"], cmd
    out = tmp_path_factory.mktemp("slides")
    at = cmd.index("--output-dir")
    assert cmd[at + 1] == "slides", cmd
    cmd = [sys.executable, *cmd[1:at + 1], str(out), *cmd[at + 2:]]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{' '.join(cmd)} failed:\n{result.stderr[-3000:]}"
    return {p.name.removesuffix(".slides.html"): p.read_text(encoding="utf-8")
            for p in out.glob("*.slides.html")}


def test_one_deck_per_notebook(decks):
    assert sorted(decks) == sorted(p.stem for p in NOTEBOOK_PATHS)


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=[p.name for p in NOTEBOOK_PATHS])
def test_deck_has_the_notebooks_slides(decks, path):
    html = decks[path.stem]
    kinds = slide_types(path)
    # each slide and subslide is a <section> of its own (slides hold their subslides)
    sections = len(re.findall(r"<section\b", html))
    assert sections >= sum(k in ("slide", "subslide") for k in kinds), (path.name, sections)
    assert "Reveal.initialize" in html
    # speaker notes go to reveal.js's notes view (key S), not onto the slides
    assert '<aside class="notes">' in html, f"{path.name}: speaker notes missing from the deck"


def test_decks_hide_speaker_notes_and_load_no_mermaid(decks):
    """The notes are hidden by the deck's own style, so they stay hidden even when reveal.js
    (whose stylesheet hides them too) cannot be loaded; no notebook draws a mermaid diagram."""
    for name, html in decks.items():
        assert "aside.notes { display: none !important; }" in html, name
        assert "mermaid" not in html, f"{name}: the deck still loads mermaid.js"
        assert 'id="course-offline"' in html, f"{name}: no banner for a deck opened offline"


def test_slides_command_says_the_decks_need_a_network(capsys):
    real_run = course.run
    course.run = lambda cmd: None
    try:
        course.slides([])
    finally:
        course.run = real_run
    said = capsys.readouterr().out
    assert "need a network" in said and "JupyterLab" in said, said


def test_notebooks_ask_rise_for_slides_that_fit_the_projector():
    """The RISE settings of course_tools/build.py are in every notebook, and the stylesheet that
    sizes the slides sits beside them, where jupyterlab-rise looks for it."""
    from course_tools import build
    RISE_SETTINGS = build.RISE_SETTINGS  # noqa: N806 - the name it has in build.py
    for path in NOTEBOOK_PATHS:
        rise = json.loads(path.read_text(encoding="utf-8"))["metadata"].get("rise")
        assert rise == RISE_SETTINGS, f"{path.name}: rebuild it (python3 course.py execute)"
    assert RISE_SETTINGS["theme"] == "white" and RISE_SETTINGS["scroll"] is False
    css = (ROOT / "notebooks" / "rise.css").read_text(encoding="utf-8")
    assert "--jp-content-font-size1: 20px" in css and "--jp-code-font-size: 18px" in css


def test_decks_take_reveal_js_from_the_configured_prefix(decks):
    """By default from a CDN (nbconvert's SlidesExporter.reveal_url_prefix), as the teachers'
    guide says; --SlidesExporter.reveal_url_prefix=<folder or URL> gives a local copy."""
    from nbconvert.exporters import SlidesExporter

    prefix = SlidesExporter().reveal_url_prefix
    assert prefix.startswith("https://"), prefix
    for name, html in decks.items():
        assert f'"{prefix}/dist/reveal.js"' in html, f"{name}: reveal.js not from {prefix}"


def test_reveal_url_prefix_gives_a_local_reveal_js(tmp_path):
    """The teachers' guide's offline recipe: a local folder instead of the CDN."""
    nb = NOTEBOOK_PATHS[0]
    result = subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "slides", "--output-dir",
         str(tmp_path), "--SlidesExporter.reveal_url_prefix=reveal.js", str(nb)],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    html = (tmp_path / f"{nb.stem}.slides.html").read_text(encoding="utf-8")
    assert '"reveal.js/dist/reveal.js"' in html
    assert "unpkg.com/reveal.js" not in html
