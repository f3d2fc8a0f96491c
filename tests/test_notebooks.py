"""The notebooks' structure: each matches its source, was executed cleanly, and is ready to teach.

Every notebooks/NN_*.ipynb is covered, so a new notebook is checked as soon as it exists. Its
outputs themselves are compared by nbval (`python3 course.py test`); here we check what nbval
does not: that the committed notebook is the one its source builds, run top to bottom without
errors, with a learning goal, exercises, slides, and nothing in its outputs that changes from
run to run.
"""

import json
import re
from pathlib import Path

import jupytext
import pytest

from course_tools import notebooks, sources
from course_tools.build import student_cells

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOK_PATHS = notebooks()
SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes", "-"}

# the opening cell names what the learner will be able to do afterwards
GOAL = re.compile(r"you will be able to|you will learn|you'll be able to|by the end", re.I)
EXERCISES_HEADING = re.compile(r"^#+ .*exercise", re.I | re.M)
CHECK_CALL = re.compile(r"\bcheck_\w+\(")
MEMORY_ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,16}\b")
TQDM_TIMING = re.compile(r"\[\d+:\d\d(:\d\d)?<[^\]]*\]|\d+(\.\d+)?(it/s|s/it)\b")


def _ids(paths):
    return [p.name for p in paths]


def test_there_are_notebooks():
    assert NOTEBOOK_PATHS, f"no notebooks found in {NOTEBOOKS}"


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell):
    src = cell["source"]
    return "".join(src) if isinstance(src, list) else src


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def text_outputs(cell):
    """Every piece of text in a code cell's outputs, whatever its MIME type (images left out)."""
    for out in cell.get("outputs", []):
        if "text" in out:
            yield source({"source": out["text"]})
        for mime, data in out.get("data", {}).items():
            if mime.startswith("text/") or mime in ("application/json", "image/svg+xml"):
                yield data if isinstance(data, str) else "".join(data)
        if "traceback" in out:
            yield "\n".join(out["traceback"])


def slide_type(cell):
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type")


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=_ids(NOTEBOOK_PATHS))
def test_matches_its_source(path):
    src = NOTEBOOKS / "src" / (path.stem + ".py")
    assert src.exists(), (f"{path.name} has no source {src.relative_to(NOTEBOOKS.parent)}; "
                          "notebooks are built from notebooks/src/*.py by `course.py execute`")
    built = student_cells(jupytext.read(src).cells)
    stored = load(path)
    want = [(c.cell_type, c.source) for c in built]
    have = [(c["cell_type"], source(c)) for c in stored["cells"]]
    assert len(have) == len(want), (f"{path.name} has {len(have)} cells, its source "
                                    f"{src.name} {len(want)}: run `course.py execute "
                                    f"{path.name[:2]}`")
    for i, (h, w) in enumerate(zip(have, want)):
        assert h == w, (f"{path.name} cell {i} differs from {src.name}: run `course.py execute "
                        f"{path.name[:2]}` to rebuild it\n  notebook: {h!r:.200}\n  "
                        f"source:   {w!r:.200}")


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=_ids(NOTEBOOK_PATHS))
def test_executed_in_order_without_errors(path):
    cells = code_cells(load(path))
    counts = [c.get("execution_count") for c in cells]
    assert counts == list(range(1, len(cells) + 1)), (
        f"{path.name}: execution counts are {counts}; run it top to bottom in a fresh kernel "
        f"(`course.py execute {path.name[:2]}`)")
    for i, cell in enumerate(cells):
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", (
                f"{path.name}, code cell {i + 1}: {out.get('ename')}: {out.get('evalue')}")
            assert not (out["output_type"] == "stream" and out.get("name") == "stderr"
                        and "Traceback" in source({"source": out["text"]})), (
                f"{path.name}, code cell {i + 1} printed a traceback")


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=_ids(NOTEBOOK_PATHS))
def test_opens_with_a_learning_goal(path):
    first = load(path)["cells"][0]
    assert first["cell_type"] == "markdown", f"{path.name} should open with a markdown cell"
    assert GOAL.search(source(first)), (
        f"{path.name}'s first cell should say what the learner will be able to do afterwards "
        "(e.g. 'After this notebook you will be able to: ...')")


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=_ids(NOTEBOOK_PATHS))
def test_has_exercises_that_are_checked(path):
    cells = load(path)["cells"]
    starts = [i for i, c in enumerate(cells)
              if c["cell_type"] == "markdown" and EXERCISES_HEADING.search(source(c))]
    assert starts, f"{path.name} has no 'Exercises' section (a markdown heading)"
    after = cells[starts[0]:]
    checked = [c for c in after if c["cell_type"] == "code" and CHECK_CALL.search(source(c))]
    assert checked, f"{path.name}: the exercises section calls no check_...() function"


def hidden(cell, part="source"):
    return cell.get("metadata", {}).get("jupyter", {}).get(f"{part}_hidden") is True


def all_text(cell):
    return "\n".join(text_outputs(cell))


SOLUTION = re.compile(r'\A<details class="solution">\n<summary>(.*?)</summary>\n\n```python\n'
                      r'(.*)\n```\n\n</details>\Z', re.S)


def is_solution(cell):
    return "solution" in cell.get("metadata", {}).get("tags", [])


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=_ids(NOTEBOOK_PATHS))
def test_exercises_leave_the_answer_to_the_learner(path):
    """Each exercise: a cell with `...` for the answer, whose check says it is not answered yet,
    then its solution, a markdown cell with the code in a closed <details> (left out of the
    slides), which Run All does not run: it neither shows "Right!" nor replaces the answer."""
    cells = load(path)["cells"]
    start = next(i for i, c in enumerate(cells)
                 if c["cell_type"] == "markdown" and EXERCISES_HEADING.search(source(c)))
    assert re.search(r"solution below it is hidden", source(cells[start])), (
        f"{path.name}: the exercises' introduction should say where the hidden solutions are")
    checks = [i for i, c in enumerate(cells) if c["cell_type"] == "code"
              and CHECK_CALL.search(source(c))]
    assert checks and min(checks) > start, f"{path.name}: a check_...() call before the exercises"
    solutions = [i for i, c in enumerate(cells) if is_solution(c)]
    assert solutions == [i + 1 for i in checks], (
        f"{path.name}: every exercise cell (cells {checks}) should be followed by its solution; "
        f"the solutions are cells {solutions}")
    for i in checks:
        student, solution = cells[i], cells[i + 1]
        where = f"{path.name}, cell {i}"
        assert "..." in source(student), f"{where}: the learner's cell should hold a `...`"
        verdict = all_text(student)
        assert "Not answered yet." in verdict or "Not yet." in verdict, (
            f"{where}: the learner's cell should show 'Not answered yet.' (or a hint), not "
            f"{verdict[:200]!r}")
        assert "Right!" not in verdict, f"{where}: the learner's cell already shows the answer"
        shape = SOLUTION.match(source(solution))
        assert solution["cell_type"] == "markdown" and shape, (
            f"{where}: the solution should be a markdown cell holding only a closed "
            f'<details class="solution"> with a summary and a python code block: '
            f"{source(solution)[:200]!r}")
        summary, code = shape.groups()
        assert "Solution" in summary and "try the exercise yourself" in summary, where
        assert slide_type(solution) == "skip", f"{where}: a solution is left out of the slides"
        check = CHECK_CALL.findall(source(student))
        assert CHECK_CALL.findall(code)[-1:] == check[-1:], (
            f"{where}: the solution should end with the same check as the exercise, {check}")
        assert "..." not in code.replace("# ...", ""), (
            f"{where}: the solution still holds a placeholder `...`")


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=_ids(NOTEBOOK_PATHS))
def test_no_cell_is_collapsed(path):
    """Nothing is hidden by JupyterLab's collapsing (which a click on the wrong cell undoes, and
    which JupyterLab rewrites as "collapsed": true, so that opening a notebook would change it):
    the only hidden things are the solutions' closed <details>."""
    for i, cell in enumerate(load(path)["cells"]):
        assert not hidden(cell) and not hidden(cell, "outputs"), f"{path.name}, cell {i}"
        assert "collapsed" not in cell.get("metadata", {}), f"{path.name}, cell {i}"


TEACHER_NOTE = "> **For the teacher**"
SOURCE_PATHS = sources()


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=_ids(NOTEBOOK_PATHS))
def test_the_students_notebook_holds_no_teachers_or_tests_notes(path):
    """A student sees the lesson: the speaker notes live in the source, the teacher's copies
    and the slide decks' speaker view; the tests' markers are cell tags, not comments."""
    for i, cell in enumerate(load(path)["cells"]):
        assert slide_type(cell) != "notes", f"{path.name}, cell {i}: a speaker note"
        assert "For the teacher" not in source(cell), f"{path.name}, cell {i}: a teacher's note"
        assert "NBVAL" not in source(cell), f"{path.name}, cell {i}: a test marker in the code"


@pytest.mark.parametrize("path", SOURCE_PATHS, ids=_ids(SOURCE_PATHS))
def test_speaker_notes_look_like_a_teachers_note(path):
    """In the source (and the teacher's copy) a speaker note is a quoted block headed 'For the
    teacher', so that it reads as a note to the teacher, and every notebook has some."""
    notes = [c for c in jupytext.read(path).cells
             if c.metadata.get("slideshow", {}).get("slide_type") == "notes"]
    assert notes, f"{path.name} has no speaker notes (a markdown cell with slide_type 'notes')"
    for cell in notes:
        lines = cell.source.splitlines()
        assert lines[0].startswith(TEACHER_NOTE), (
            f"{path.name}: speaker notes should open with {TEACHER_NOTE!r}, not {lines[0]!r}")
        assert all(line.startswith(">") for line in lines), (
            f"{path.name}: every line of a speaker note belongs to its quote (start each with '>')")


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=_ids(NOTEBOOK_PATHS))
def test_one_idea_per_notebook_at_most_2000_words_of_prose(path, capsys):
    """Students skim walls of text: a notebook holds at most MAX_PROSE_WORDS words of prose
    (its markdown, less the solutions and code blocks). The count is printed (pytest -s)."""
    import nbformat

    from course_tools.build import MAX_PROSE_WORDS, prose_words

    words = prose_words(nbformat.read(path, as_version=4))
    with capsys.disabled():
        print(f"\n{path.name}: {words} words of prose")
    assert words <= MAX_PROSE_WORDS, f"{path.name}: {words} words of prose"


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=_ids(NOTEBOOK_PATHS))
def test_slide_metadata(path):
    cells = load(path)["cells"]
    assert slide_type(cells[0]) == "slide", f"{path.name}: the first cell should be a 'slide'"
    for i, cell in enumerate(cells):
        kind = slide_type(cell)
        assert kind is None or kind in SLIDE_TYPES, (
            f"{path.name}, cell {i}: slide_type {kind!r} is not one of {sorted(SLIDE_TYPES)}")


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=_ids(NOTEBOOK_PATHS))
def test_outputs_are_reproducible(path):
    for i, cell in enumerate(code_cells(load(path))):
        for text in text_outputs(cell):
            address = MEMORY_ADDRESS.search(text)
            assert not address, (
                f"{path.name}, code cell {i + 1}: an output shows a memory address "
                f"({address.group()}), which changes every run: {text[:120]!r}")
            timing = TQDM_TIMING.search(text)
            assert not timing, (
                f"{path.name}, code cell {i + 1}: an output shows a timing "
                f"({timing.group()}), which changes every run; pass the progress bar "
                "disable=True or leave it out of stored outputs")
