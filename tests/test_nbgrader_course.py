"""The graded course, end to end with nbgrader's own commands and its sqlite gradebook: generate
every assignment, grade three simulated students and the source notebooks in one batch, export.

Students who never grade need no nbgrader: without it, these tests are skipped. CI installs the
teachers' extra (pip install -e ".[teacher]") and runs them.
"""

import ast
import csv
import io
import json
import os
import re
import subprocess
import sys
import tokenize
from pathlib import Path

import nbformat
import pytest

pytest.importorskip("nbgrader", reason="nbgrader is the teachers' extra, not installed here: "
                    'pip install -e ".[teacher]" to run the grading tests')

ROOT = Path(__file__).resolve().parents[1]
from course_tools import nbgrader_build as gen  # noqa: E402
from course_tools import sources  # noqa: E402

SOURCES = {p.stem: p for p in sources()}
BROKEN = "raise RuntimeError('I changed this lesson cell')"


def nbgrader(course, *args):
    """Run an nbgrader command in the course folder; it must neither fail nor log an error."""
    env = dict(os.environ)
    # nbgrader runs `alembic` (the gradebook's migrations) from PATH: this Python's own
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env,
                          capture_output=True, text=True, timeout=900)
    log = done.stdout + done.stderr
    assert done.returncode == 0 and "ERROR" not in log, log[-5000:]
    return log


def nbgrader_cell(cell):
    return cell.metadata.get("nbgrader", {})


def is_answer(cell):
    return nbgrader_cell(cell).get("solution", False)


def is_lesson(cell):
    meta = nbgrader_cell(cell)
    return cell.cell_type == "code" and meta.get("locked") and not meta.get("grade")


def solved(source):
    """What a student who gets it right types: the source answer cell, markers taken out."""
    return "\n".join(line for line in source.split("\n") if line not in (gen.BEGIN, gen.END))


def wrong(source):
    """The release's answer cell with every `...` placeholder replaced by 999: a wrong answer (a
    number where a Value is asked for; a function that returns None)."""
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    lines = source.split("\n")
    for token in reversed(tokens):
        if token.type == tokenize.OP and token.string == "...":
            (row, col), (_, end) = token.start, token.end
            lines[row - 1] = lines[row - 1][:col] + "999" + lines[row - 1][end:]
    return "\n".join(lines)


def exercise_points(notebook):
    return [(nbgrader_cell(c)["grade_id"], nbgrader_cell(c)["points"]) for c in notebook.cells
            if nbgrader_cell(c).get("grade")]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course folder after generate_assignment, autograde and export; and what was expected."""
    folder = tmp_path_factory.mktemp("grading")
    assignments, _ = gen.write_course(folder)
    nbgrader(folder, "generate_assignment", "*")

    def read(kind, name, student=None):
        path = folder / kind / (student or "") / name / f"{name}.ipynb"
        return nbformat.read(path, as_version=4)

    # who submits what: the source itself, every assignment; alice gets everything right; bob
    # gets exercise 1 right, then alternately a wrong answer and an untouched one; carol answers
    # right, but first broke a lesson cell that later cells need (nbgrader grades the original
    # instead). nbgrader runs each notebook it grades: the students hand in two (01 has 3
    # exercises, 04 has 4), so that the batch takes a minute or two, not ten.
    plan = {"sources": assignments, "alice": ["01_derivatives", "04_automatic_backprop"],
            "bob": ["01_derivatives", "04_automatic_backprop"], "carol": ["01_derivatives"]}
    expected = {}
    for student, names in plan.items():
        for name in names:
            source, notebook = read("source", name), read("release", name)
            if student == "sources":
                notebook = source
            answers = {nbgrader_cell(c)["grade_id"]: c.source for c in source.cells
                       if is_answer(c)}
            for number, cell in enumerate([c for c in notebook.cells if is_answer(c)], 1):
                if student in ("alice", "carol") or student == "bob" and number == 1:
                    cell.source = solved(answers[nbgrader_cell(cell)["grade_id"]])
                elif student == "bob" and number % 2 == 0:
                    cell.source = wrong(cell.source)
            if student == "carol":
                needed = next(c for c in notebook.cells if is_lesson(c) and "def " in c.source)
                needed.source = BROKEN
            for number, (exercise, points) in enumerate(exercise_points(source), 1):
                full = student != "bob" or number == 1
                expected[student, name, exercise] = float(points) if full else 0.0
            target = folder / "submitted" / student / name / f"{name}.ipynb"
            target.parent.mkdir(parents=True)
            nbformat.write(notebook, target)
    for student in plan:  # the export lists every student for every assignment: 0 if missing
        for name in assignments:
            for exercise, _ in exercise_points(read("source", name)):
                expected.setdefault((student, name, exercise), 0.0)

    nbgrader(folder, "autograde", "*")  # every student and assignment, in one batch
    nbgrader(folder, "export", "--to", "scores.csv")
    return {"folder": folder, "assignments": assignments, "expected": expected, "read": read}


def strings(node):
    """Every string in a notebook's JSON: sources, metadata, outputs."""
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in (k, *strings(v))]
    if isinstance(node, list):
        return [s for item in node for s in strings(item)]
    return [node] if isinstance(node, str) else []


def test_every_notebook_with_exercises_is_an_assignment(course):
    with_exercises = [name for name, path in SOURCES.items()
                      if gen.exercises(gen.read_source(path), name)
                      and not gen.needs(gen.read_source(path))]
    assert course["assignments"] == with_exercises
    for name in with_exercises:
        assert (course["folder"] / "release" / name / f"{name}.ipynb").is_file()


def test_the_releases_hold_no_solution_anywhere(course):
    for name in course["assignments"]:
        selfstudy = gen.read_source(SOURCES[name])
        hidden = [c for c in selfstudy.cells if gen.is_hidden_solution(c)]
        visible = "\n".join(c.source for c in selfstudy.cells if not gen.is_hidden_solution(c))
        # every line of every hidden solution that the lesson itself does not show
        # (but its check_ call, which is the answer cell's)
        secret = {line.strip() for c in hidden for line in c.source.split("\n")
                  if line.strip() and line.strip() not in visible and "check_" not in line}
        assert len(secret) >= len(hidden), name
        source = "\n".join(strings(json.loads(
            (course["folder"] / "source" / name / f"{name}.ipynb").read_text())))
        assert all(line in source for line in secret), name  # so the search below can find them
        release_path = course["folder"] / "release" / name / f"{name}.ipynb"
        release = "\n".join(strings(json.loads(release_path.read_text())))
        assert [line for line in secret if line in release] == [], name
        assert "BEGIN SOLUTION" not in release and "Right!" not in release.replace(
            '"Right!"', "")  # only the test cells' comment and the note name the verdict
        notebook = nbformat.read(release_path, as_version=4)
        assert all(c.outputs == [] for c in notebook.cells if c.cell_type == "code")


def test_export_scores_equal_the_expected_points_exercise_by_exercise(course):
    with open(course["folder"] / "scores.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    scores = {(r["student_id"], r["assignment"], r["exercise"]): float(r["score"]) for r in rows}
    assert len(rows) == len(scores)
    assert scores == course["expected"]
    maxima = {(r["assignment"], r["exercise"]): float(r["max_score"]) for r in rows}
    assert all(course["expected"]["sources", a, e] == m for (a, e), m in maxima.items())


def test_the_sources_graded_as_a_submission_score_full_marks(course):
    with open(course["folder"] / "scores.csv", newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["student_id"] == "sources"]
    assert rows and all(r["score"] == r["max_score"] for r in rows)


def test_a_broken_lesson_cell_is_graded_as_the_original(course):
    submitted = course["read"]("submitted", "01_derivatives", "carol")
    graded = course["read"]("autograded", "01_derivatives", "carol")
    source = course["read"]("source", "01_derivatives")
    broken = [i for i, c in enumerate(submitted.cells) if c.source == BROKEN]
    assert len(broken) == 1
    assert graded.cells[broken[0]].source == source.cells[broken[0]].source != BROKEN
    assert not any(o.output_type == "error" for c in graded.cells if c.cell_type == "code"
                   for o in c.outputs)


def verdict(cell):
    """What the self-study checker said in an answer cell: its displayed Feedback, as text."""
    shown = [o.data["text/plain"] for o in cell.outputs if o.output_type == "execute_result"]
    return shown[-1] if shown else None


def test_each_test_cell_passes_exactly_when_the_self_study_checker_says_right(course):
    seen = {}
    for student in ("sources", "alice", "bob", "carol"):
        for name in course["assignments"]:
            path = course["folder"] / "autograded" / student / name / f"{name}.ipynb"
            if not path.exists():
                continue
            cells = nbformat.read(path, as_version=4).cells
            for answer, test in [(a, t) for a, t in zip(cells, cells[1:]) if is_answer(a)]:
                said = verdict(answer)
                errors = [o for o in test.outputs if o.output_type == "error"]
                assert said is not None, (student, name, answer.source)
                assert said.startswith("Right!") == (not errors), (student, name, said, errors)
                if errors:  # the test fails with the checker's own words
                    assert errors[0].ename == "AssertionError"
                    assert errors[0].evalue == said
                seen.setdefault((name, nbgrader_cell(test)["grade_id"]), set()).add(not errors)
    # every exercise passed; those that bob answered wrong or left untouched also failed
    assert seen and all(True in outcomes for outcomes in seen.values()), seen
    failed = {key for key, outcomes in seen.items() if False in outcomes}
    bobs = {"01_derivatives", "04_automatic_backprop"}  # he got exercise 1 right in each
    assert failed == {(name, grade_id) for name, grade_id in seen
                      if name in bobs and not grade_id.startswith("exercise1_")}


def test_a_wrong_answer_is_a_real_answer_not_a_placeholder():
    changed = wrong("def f(x):\n    ...  # your code: replace the ... with it\n\ncheck_f(f)")
    assert changed == "def f(x):\n    999  # your code: replace the ... with it\n\ncheck_f(f)"
    ast.parse(changed)
    assert re.search(r"\.\.\.", wrong("answer = ...  # your answer")) is None
