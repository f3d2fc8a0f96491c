"""course_tools/nbgrader_build.py: the graded notebooks it makes from the sources (nbgrader
itself is not needed here; tests/test_nbgrader_course.py runs nbgrader on them)."""

import ast
import re
from pathlib import Path

import nbformat
import pytest

import course
import micrograd.exercises as exercises
from course_tools import nbgrader_build as gen
from course_tools import sources

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sources()


def grade_id(cell):
    return cell.metadata.get("nbgrader", {}).get("grade_id")


def graded_tests(notebook):
    return [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade")]


def visible_check_calls(notebook):
    """Every check_...(...) call in the self-study notebook outside its hidden solutions."""
    calls = []
    for cell in notebook.cells:
        if cell.cell_type == "code" and not gen.is_hidden_solution(cell):
            calls += [ast.unparse(c) for c in gen.check_calls(ast.parse(cell.source))]
    return calls


def graded_call(test_cell):
    return re.search(r"^feedback = (.*)$", test_cell.source, re.M).group(1)


def without_solution_region(source):
    kept, inside = [], False
    for line in source.split("\n"):
        if line == gen.BEGIN:
            inside = True
        elif line == gen.END:
            inside = False
        elif not inside:
            kept.append(line)
    return kept


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_every_check_call_of_the_notebook_became_a_graded_test_cell(source):
    selfstudy = gen.read_source(source)
    graded = gen.graded(gen.read_source(source), source.stem)
    calls = visible_check_calls(selfstudy)
    if not calls:
        assert graded is None  # nothing to grade: no assignment
        return
    tests = graded_tests(graded)
    assert [graded_call(t) for t in tests] == calls
    for number, (test, call) in enumerate(zip(tests, calls), 1):
        name = call.split("(")[0]
        points = gen.POINTS[name]
        assert test.metadata.nbgrader == {
            "grade": True, "solution": False, "locked": True, "points": points,
            "grade_id": f"exercise{number}_{name.removeprefix('check_')}", "schema_version": 3}
        assert test.source.startswith(f"# Exercise {number}, {points} point")
        assert "assert feedback, " in test.source


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_answer_cells_read_as_in_the_self_study_notebook_around_the_solution(source):
    selfstudy = gen.read_source(source)
    graded = gen.graded(gen.read_source(source), source.stem)
    if graded is None:
        return
    answers = [c for c in graded.cells if c.metadata.get("nbgrader", {}).get("solution")]
    found = gen.exercises(selfstudy, source.stem)
    assert len(answers) == len(found)
    for cell, (a, s, _) in zip(answers, found):
        assert cell.metadata.nbgrader["locked"] is False
        assert cell.source.count(gen.BEGIN) == cell.source.count(gen.END) == 1
        student = [line for line in without_solution_region(cell.source) if line.strip()]
        assert student == [line for line in selfstudy.cells[a].source.split("\n") if line.strip()]
        # the hidden solution's own lines are all in the region (its check call stays outside)
        region = cell.source.split(gen.BEGIN)[1].split(gen.END)[0]
        for line in selfstudy.cells[s].source.split("\n"):
            assert "check_" in line or line in region


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_the_graded_notebook_has_no_speaker_notes(source):
    """Students get the graded notebook: the teacher's notes are not in it."""
    graded = gen.graded(gen.read_source(source), source.stem)
    if graded is None:
        pytest.skip(f"{source.stem} has no exercises")
    assert not [c for c in graded.cells if "For the teacher" in c.source]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_lesson_code_is_locked_and_no_solution_label_or_hidden_cell_is_left(source):
    selfstudy = gen.read_source(source)
    graded = gen.graded(gen.read_source(source), source.stem)
    if graded is None:
        return
    lesson = [c for c in selfstudy.cells if c.cell_type == "code"
              and not gen.is_hidden_solution(c) and not gen.check_calls(ast.parse(c.source))]
    locked = [c for c in graded.cells if c.cell_type == "code"
              and not c.metadata.nbgrader["grade"] and not c.metadata.nbgrader["solution"]]
    assert [c.source for c in locked] == [c.source for c in lesson]
    assert all(c.metadata.nbgrader["locked"] for c in locked)
    assert not any(gen.is_hidden_solution(c) for c in graded.cells)
    ids = [grade_id(c) for c in graded.cells if grade_id(c)]
    assert len(ids) == len(set(ids))
    markdown = [c.source for c in graded.cells if c.cell_type == "markdown"]
    assert not any(m.startswith("**Solution**") for m in markdown)
    text = "\n".join(m for m in markdown if m != gen.NOTE)
    assert "click it to reveal" not in text and "the solution" not in text.lower()
    nbformat.validate(graded)


def test_sentences_about_the_hidden_solution_go_and_the_rest_stays():
    text = ("## Exercises\n\nEach exercise ends with a `check_...` call. Each exercise has a cell "
            "for your answer; the solution below it is\nhidden: click it to reveal.\n\n"
            "Work it out on paper first; the solution runs it to show you. Then go on.")
    assert gen.without_solution_mentions(text) == (
        "## Exercises\n\nEach exercise ends with a `check_...` call. Each exercise has a cell for "
        "your answer.\n\nWork it out on paper first. Then go on.")


def notebook(*cells):
    """A self-study notebook from (kind, source) pairs; kind "hidden" is a hidden solution."""
    made = []
    for kind, source in cells:
        if kind == "markdown":
            made.append(nbformat.v4.new_markdown_cell(source))
        else:
            cell = nbformat.v4.new_code_cell(source)
            if kind == "hidden":
                cell.metadata["jupyter"] = {"source_hidden": True, "outputs_hidden": True}
            made.append(cell)
    return nbformat.v4.new_notebook(cells=made, metadata={"kernelspec": {
        "display_name": "Python 3", "language": "python", "name": "python3"}})


IMPORT = ("code", "from micrograd.exercises import check_update")
ANSWER = ("code", "new_value = ...  # your answer\ncheck_update(new_value)\n# then plot it")
LABEL = ("markdown", "**Solution** (hidden: click the cell below to reveal it)")


def test_a_solution_that_starts_with_a_comment_and_displays_its_check_under_other_names():
    solution = ("hidden", "# Solution: try it yourself first\nw = 0.8\n"
                          "display(check_update(w - 0.1 * -0.5))\nprint(w)")
    graded = gen.graded(notebook(IMPORT, ("markdown", "## Exercises"), ANSWER, LABEL, solution),
                        "99_test")
    answer, test = graded.cells[3], graded.cells[4]
    assert answer.source == ("new_value = ...  # your answer\n### BEGIN SOLUTION\n"
                             "# Solution: try it yourself first\nw = 0.8\nprint(w)\n"
                             "new_value = w - 0.1 * -0.5\n### END SOLUTION\n"
                             "check_update(new_value)\n# then plot it")
    assert test.source == ('# Exercise 1, 1 point: this test passes exactly when check_update '
                           'says "Right!"\nfrom micrograd.exercises import check_update\n\n'
                           'feedback = check_update(new_value)\n'
                           'assert feedback, f"{feedback.verdict} {feedback.message}"\n'
                           'print(feedback)')
    assert graded.cells[2].source == gen.NOTE  # under the "## Exercises" heading


@pytest.mark.parametrize("cells, problem", [
    ((IMPORT, ANSWER, ("code", "x = 1")), "no hidden solution after it"),
    ((IMPORT, ANSWER), "no hidden solution"),
    ((IMPORT, ("hidden", "check_update(0.85)")), "hidden solution with no answer cell"),
    ((IMPORT, ("code", "a = ...\nb = ...\ncheck_update(a)\ncheck_update(b)"), LABEL,
      ("hidden", "a = b = 0.85")), "exactly one check_"),
    ((("code", "from micrograd.exercises import check_new\n"), ("code", "check_new(...)"),
      ("hidden", "check_new(1)")), "no points for check_new: add them to POINTS"),
    ((("code", "check_update(...)"), ("hidden", "check_update(0.85)")), "never imported"),
])
def test_an_exercise_that_breaks_the_pattern_stops_the_build_saying_where(cells, problem):
    with pytest.raises(gen.ExerciseError, match=re.escape(problem)):
        gen.graded(notebook(*cells), "99_test")


def test_the_build_says_each_assignments_exercises_and_points(tmp_path, capsys):
    """What a teacher reads when writing the course folder: per assignment, its exercises in
    order with their points, as the graded test cells carry them."""
    assert gen.main([str(tmp_path)]) == 0
    said = capsys.readouterr().out
    for source in SOURCES:
        if gen.needs(gen.read_source(source)):
            continue  # optional: an assignment only when the teacher names it
        graded = gen.graded(gen.read_source(source), source.stem)
        if graded is None:
            continue
        points = [(graded_call(t).split("(")[0].removeprefix("check_"),
                   t.metadata.nbgrader["points"]) for t in graded_tests(graded)]
        line = next(x for x in said.splitlines() if f"{source.stem}.ipynb:" in x)
        assert line.endswith(", ".join(f"{e} {p}" for e, p in points)
                             + f" ({sum(p for _, p in points)} points)"), line


def test_the_course_folder_has_the_config_the_exporter_and_one_assignment_per_notebook(tmp_path):
    assert gen.main([str(tmp_path / "grading")]) == 0
    folder = tmp_path / "grading"
    assert (folder / "exercise_scores.py").read_text() == gen.EXPORTER.read_text()
    config = (folder / "nbgrader_config.py").read_text()
    assert 'c.ExportApp.plugin_class = "exercise_scores.ExerciseScores"' in config
    compile(config, "nbgrader_config.py", "exec")
    assignments = sorted(p.name for p in (folder / "source").iterdir())
    with_exercises = [s.stem for s in SOURCES if visible_check_calls(gen.read_source(s))
                      and not gen.needs(gen.read_source(s))]
    assert assignments == with_exercises and len(assignments) >= 7
    for name in assignments:
        assert (folder / "source" / name / f"{name}.ipynb").is_file()


def test_course_py_passes_the_folder_on_as_seen_from_where_the_teacher_is(monkeypatch, tmp_path):
    ran = []
    monkeypatch.setattr(course, "run", ran.append)
    monkeypatch.chdir(tmp_path)
    course.nbgrader(["grading", "04"])
    assert ran == [[course.venv_python(), "-m", "course_tools.nbgrader_build", tmp_path / "grading",
                    "04"]]


def graded_exercises():
    for source in SOURCES:
        graded = gen.graded(gen.read_source(source), source.stem)
        for test in graded_tests(graded) if graded is not None else ():
            yield pytest.param(test.source, id=f"{source.stem}-{grade_id(test)}")


@pytest.mark.parametrize("test_source", list(graded_exercises()))
@pytest.mark.parametrize("answer", [..., 999, "a word"], ids=["untouched", "number", "text"])
def test_the_test_cell_fails_with_the_checkers_own_words_unless_it_says_right(test_source, answer):
    """Every graded test cell, run on an answer left as `...` or a wrong one: it passes exactly
    when the self-study checker says "Right!", and otherwise fails with the checker's words.
    (Right answers: tests/test_nbgrader_course.py grades the sources, where each one passes.)"""
    call = ast.parse(graded_call_of(test_source), mode="eval").body
    names = {a.id for a in [*call.args, *(k.value for k in call.keywords)]
             if isinstance(a, ast.Name)}
    namespace = dict.fromkeys(names, answer)
    feedback = eval(compile(ast.Expression(call), "<check>", "eval"),  # noqa: S307
                    {**namespace, **vars(exercises)})
    try:
        exec(test_source, namespace)  # noqa: S102 - the test cell, as nbgrader runs it
    except AssertionError as error:
        assert not feedback and str(error) == repr(feedback)
    else:
        assert feedback and feedback.verdict == "Right!"


def graded_call_of(test_source):
    return re.search(r"^feedback = (.*)$", test_source, re.M).group(1)


OPTIONAL = """\
# ---
# jupyter:
#   course:
#     needs: torch
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
from micrograd.exercises import check_update

# %%
new_value = ...  # your answer
check_update(new_value)

# %% jupyter={"source_hidden": true}
new_value = 0.85
check_update(new_value)
"""


def test_a_notebook_that_needs_an_optional_package_is_an_assignment_only_when_named(
        tmp_path, monkeypatch, capsys):
    sources = tmp_path / "src"
    sources.mkdir()
    (sources / "01_plain.py").write_text(OPTIONAL.replace("#   course:\n#     needs: torch\n", ""))
    (sources / "08_optional.py").write_text(OPTIONAL)
    monkeypatch.setattr(gen, "SOURCES", sources)
    assert gen.main([str(tmp_path / "all")]) == 0
    assert "left out 08_optional: it needs torch" in capsys.readouterr().out
    assert [p.name for p in (tmp_path / "all" / "source").iterdir()] == ["01_plain"]
    assert gen.write_course(tmp_path / "named", ["08"]) == (["08_optional"], {})
