"""Write an nbgrader course folder from the notebooks' sources in notebooks/src/.

    python -m course_tools.nbgrader_build DIR          # python3 course.py nbgrader DIR

DIR gets `nbgrader_config.py`, `exercise_scores.py` (the CSV exporter, one row per exercise) and
`source/<notebook>/<notebook>.ipynb`: one assignment per notebook that has exercises. A notebook
without exercises has nothing to grade. A notebook that needs a package the course does not
install (its source's header says so: `course: needs: torch`) is an assignment only when named
(`... DIR 09`): students' servers and the autograder would need that package too.

Each self-study exercise is three cells in a row: the cell for the answer (it holds `...`
placeholders and ends with a `check_...(...)` call), a markdown label "**Solution** ...", and the
solution, hidden (`jupyter: {source_hidden: true}`). In the graded notebook they become:
- the answer cell, an nbgrader solution cell: the student's placeholders as they are, then the
  hidden solution between `### BEGIN SOLUTION` and `### END SOLUTION` (nbgrader removes it from
  the release), then the same `check_...` call, so the student still sees "Right!" or a hint;
- a test cell, locked and worth POINTS[checker] points, that fails with the checker's hint
  unless the checker says "Right!".
The label and the hidden solution are left out; every other code cell is locked (read-only),
and nbgrader restores it from this source when it grades, whatever a student did to it.
"""

import ast
import re
import shutil
import sys
from pathlib import Path

import jupytext
import nbformat

from course_tools import SOURCES, sources
from course_tools.build import is_hidden_solution, is_teacher_note

EXPORTER = Path(__file__).resolve().parent / "nbgrader_export.py"

# Points per exercise, by its checker: 1 for a single number found in a line or two, 2 for
# several numbers or a longer chain of reasoning, 3 for code the student writes and the checker
# runs. The build prints each assignment's exercises and points as it writes them; a checker
# missing here stops the build (no exercise is left ungraded without anyone noticing).
POINTS = {
    # 01_derivatives
    "check_flat_point": 1, "check_slope_estimate": 1, "check_product_partials": 2,
    # 02_value_class
    "check_node_count": 1, "check_abc_graph": 2, "check_count_nodes": 3,
    # 03_backprop_by_hand
    "check_chain_grads": 2, "check_tanh_slope": 1, "check_neuron_grads": 2,
    # 04_automatic_backprop
    "check_division_local_grads": 2, "check_reused_node_grad": 1, "check_my_backward": 3,
    "check_sigmoid_from_exp": 3,
    # 05_your_own_value
    "check_my_value": 3, "check_reflected_ops": 3,
    # 06_neuron_layer_mlp
    "check_mlp_parameter_count": 1, "check_neuron_output": 1, "check_neuron_w0_grad": 2,
    "check_zero_output_bias": 1,
    # 07_training
    "check_update": 1, "check_accumulated_grad": 2, "check_training_loop": 3,
    # 08_why_is_it_slow
    "check_nodes_for_1000_points": 2, "check_hinge_and_grad": 3, "check_relu_layer_backward": 3,
    # 09_pytorch (optional: it needs torch)
    "check_torch_parameter_count": 1, "check_torch_step": 3,
}

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"

CONFIG = '''\
"""nbgrader's settings for the micrograd course; written by `python3 course.py nbgrader`."""
import os
import sys

c = get_config()  # noqa: F821 - nbgrader provides it

HERE = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.root = HERE
c.CourseDirectory.course_id = "micrograd"
# the student's cell keeps its own `...` placeholders above the solution: where the solution
# was, leave an empty line, not nbgrader's "raise NotImplementedError()"
c.ClearSolutions.code_stub = {"python": ""}
# a cell running longer (a student's endless loop) is stopped; the slowest lesson cell takes
# a few seconds
c.Execute.timeout = 300
# `nbgrader export` writes one row per student, assignment and exercise (exercise_scores.py);
# nbgrader's own table, one row per assignment: --exporter=nbgrader.plugins.CsvExportPlugin
sys.path.insert(0, HERE)
c.ExportApp.plugin_class = "exercise_scores.ExerciseScores"
'''

NOTE = """\
**Graded version.** Under each answer cell, a locked cell is the grader's test: it names the
exercise's points, and passes exactly when the checker says "Right!" (run it too, to see). There
are no solutions in this version. The lesson's code cells are locked (read only): to try
something of your own, add a cell."""


class ExerciseError(ValueError):
    """A notebook source whose exercises do not follow the answer / label / solution pattern."""


def check_calls(tree):
    """The calls to a function named check_... anywhere in a syntax tree."""
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name) and node.func.id.startswith("check_")]


def parse(cell, where):
    try:
        return ast.parse(cell.source)
    except SyntaxError:  # IPython syntax (a magic): fine in a lesson cell, not in an exercise
        if re.search(r"\bcheck_\w+\s*\(", cell.source):
            raise ExerciseError(f"{where}: a cell that calls a check_ function is not plain "
                                "Python, so its exercise cannot be graded") from None
        return None


def read_source(path):
    notebook = jupytext.read(path)
    notebook.metadata.pop("jupytext", None)
    return notebook


def exercises(notebook, name):
    """The notebook's exercises in order, as (answer index, solution index, check statement)."""
    found, pending = [], None
    for index, cell in enumerate(notebook.cells):
        where = f"{name}, cell {index}"
        if is_hidden_solution(cell):
            if pending is None:
                raise ExerciseError(f"{where}: a hidden solution with no answer cell before it")
            found.append((pending[0], index, pending[1]))
            pending = None
            continue
        if cell.cell_type != "code":
            continue
        tree = parse(cell, where)
        calls = check_calls(tree) if tree else []
        if pending is not None:
            raise ExerciseError(f"{name}, cell {pending[0]}: an exercise (it calls "
                                f"{pending[1].value.func.id}) with no hidden solution after it")
        if not calls:
            continue
        checks = [s for s in tree.body if isinstance(s, ast.Expr) and s.value in calls]
        if len(calls) != 1 or len(checks) != 1:
            raise ExerciseError(f"{where}: an answer cell should end with exactly one "
                                f"check_...(...) call of its own line, found {len(calls)} calls")
        pending = (index, checks[0])
    if pending is not None:
        raise ExerciseError(f"{name}, cell {pending[0]}: an exercise with no hidden solution")
    return found


def checker_modules(notebook):
    """Where each check_ function is imported from, e.g. {"check_slope": "micrograd.exercises"}."""
    modules = {}
    for cell in notebook.cells:
        tree = parse(cell, "") if cell.cell_type == "code" else None
        for node in ast.walk(tree) if tree else ():
            if isinstance(node, ast.ImportFrom):
                modules.update({a.asname or a.name: node.module for a in node.names})
    return modules


def answer_source(answer, solution, check, where):
    """The graded answer cell: the student's lines, the solution between nbgrader's markers,
    then the check. Where the solution calls the checker with other arguments than the answer
    cell (`w.grad` for `w_grad`), the answer's names are bound to them, so the check passes."""
    lines = answer.source.split("\n")
    before = "\n".join(lines[:check.lineno - 1]).rstrip("\n").split("\n")
    after = lines[check.lineno - 1:]

    tree = parse(solution, where)
    if tree is None:
        raise ExerciseError(f"{where}: the hidden solution is not plain Python")
    solution_checks = [s for s in tree.body if check_calls(s)]
    drop = {n for s in solution_checks for n in range(s.lineno, s.end_lineno + 1)}
    solved = [line for n, line in enumerate(solution.source.split("\n"), 1) if n not in drop]
    solved = "\n".join(solved).strip("\n").split("\n")
    given = [c for s in solution_checks for c in check_calls(s)
             if c.func.id == check.value.func.id]
    if given:
        pairs = list(zip(check.value.args, given[0].args))
        named = {k.arg: k.value for k in given[0].keywords}
        pairs += [(k.value, named[k.arg]) for k in check.value.keywords if k.arg in named]
        solved += [f"{mine.id} = {ast.unparse(theirs)}" for mine, theirs in pairs
                   if isinstance(mine, ast.Name) and ast.unparse(theirs) != mine.id]
    return "\n".join([*before, BEGIN, *solved, END, *after])


def graded_check_source(number, check, module):
    """The test cell: the checker imported afresh (a student's cell cannot replace it), called
    as the answer cell calls it; it fails with the checker's words unless they are "Right!"."""
    name = check.value.func.id
    points = POINTS[name]
    return (f"# Exercise {number}, {points} point{'s' * (points != 1)}: this test passes exactly "
            f'when {name} says "Right!"\n'
            f"from {module} import {name}\n\n"
            f"feedback = {ast.unparse(check.value)}\n"
            'assert feedback, f"{feedback.verdict} {feedback.message}"\n'
            "print(feedback)")  # printed: a displayed value would count as partial points


def nbgrader_metadata(grade_id, *, solution=False, grade=False, locked=False, points=None):
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def without_solution_mentions(text):
    """The markdown without its sentences (or clauses, between semicolons) about the solution:
    the graded version has none to click."""
    paragraphs = []
    for paragraph in re.split(r"\n\s*\n", text):
        if "solution" in paragraph.lower() and not paragraph.lstrip().startswith(">"):
            sentences = []
            for sentence in re.split(r"(?<=[.!?])\s+", " ".join(paragraph.split())):
                clauses = [c for c in sentence.split("; ") if "solution" not in c.lower()]
                if clauses:
                    kept = "; ".join(clauses)
                    sentences.append(kept if kept[-1] in ".!?" else kept + ".")
            paragraph = " ".join(sentences)
        if paragraph.strip():
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def graded(notebook, name):
    """The nbgrader source notebook made from a self-study notebook (None: no exercises)."""
    found = exercises(notebook, name)
    if not found:
        return None
    modules = checker_modules(notebook)
    missing = [c.value.func.id for _, _, c in found if c.value.func.id not in POINTS]
    if missing:
        raise ExerciseError(f"{name}: no points for {', '.join(missing)}: add them to POINTS in "
                            f"{Path(__file__).name}")
    by_answer = {a: (number, s, check) for number, (a, s, check) in enumerate(found, 1)}
    skipped = {i for a, s, _ in found for i in range(a + 1, s + 1)}  # label and solution
    # the note on the graded version goes under the "## Exercises" heading (or just before the
    # first exercise), and from there on, no text speaks of solutions to click
    first_answer = found[0][0]
    intro = next((i for i in range(first_answer - 1, -1, -1)
                  if notebook.cells[i].cell_type == "markdown"
                  and re.match(r"#+\s*Exercises", notebook.cells[i].source)), first_answer - 1)
    cells = []
    for index, cell in enumerate(notebook.cells):
        if index in skipped or is_teacher_note(cell):  # a student's copy has no speaker notes
            continue
        cell = nbformat.from_dict(dict(cell))
        cell.id = f"cell-{index:03d}"  # the self-study notebook's number for the same cell
        if index in by_answer:
            number, s, check = by_answer[index]
            module = modules.get(check.value.func.id)
            if module is None:
                raise ExerciseError(f"{name}: {check.value.func.id} is called but never "
                                    "imported (from ... import ...)")
            cell.source = answer_source(cell, notebook.cells[s], check, f"{name}, cell {s}")
            cell.metadata.update(nbgrader_metadata(f"exercise{number}_answer", solution=True))
            cells.append(cell)
            test = nbformat.v4.new_code_cell(graded_check_source(number, check, module))
            test.id = f"exercise{number}-test"
            short = check.value.func.id.removeprefix("check_")
            test.metadata.update(nbgrader_metadata(f"exercise{number}_{short}", grade=True,
                                                   locked=True,
                                                   points=POINTS[check.value.func.id]))
            cells.append(test)
            continue
        if cell.cell_type == "code":
            cell.metadata.update(nbgrader_metadata(f"lesson_cell_{index:03d}", locked=True))
        elif index >= intro:
            cell.source = without_solution_mentions(cell.source)
        cells.append(cell)
        if index == intro:
            note = nbformat.v4.new_markdown_cell(NOTE)
            note.id = "graded-version-note"
            cells.append(note)
    result = nbformat.v4.new_notebook(metadata=notebook.metadata, cells=cells)
    result.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)",
                                     "language": "python", "name": "python3"}
    return result


def exercise_points(graded_notebook):
    """[(exercise, points)] of a graded notebook, in order: e.g. ("flat_point", 1)."""
    return [(m["grade_id"].split("_", 1)[1], m["points"]) for m in
            (c.metadata.get("nbgrader", {}) for c in graded_notebook.cells) if m.get("grade")]


def needs(notebook):
    """The packages beyond the course's own that a notebook says it needs (`course: needs:`)."""
    wanted = notebook.metadata.get("course", {}).get("needs", [])
    return [wanted] if isinstance(wanted, str) else list(wanted)


def write_course(directory, prefixes=()):
    """Write the course folder at `directory`. Returns the assignments written, and the optional
    notebooks left out with what they need."""
    directory = Path(directory)
    chosen = [s for s in sources(SOURCES) if not prefixes or s.name.startswith(tuple(prefixes))]
    written, left_out = [], {}
    for source in chosen:
        selfstudy = read_source(source)
        if needs(selfstudy) and not prefixes:
            left_out[source.stem] = needs(selfstudy)
            continue
        notebook = graded(selfstudy, source.stem)
        if notebook is None:
            continue
        folder = directory / "source" / source.stem
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.validate(notebook)
        nbformat.write(notebook, folder / (source.stem + ".ipynb"))
        written.append(source.stem)
    (directory / "nbgrader_config.py").write_text(CONFIG, encoding="utf-8")
    shutil.copyfile(EXPORTER, directory / "exercise_scores.py")
    return written, left_out


def main(argv):
    if len(argv) < 1 or argv[0].startswith("-"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    directory, prefixes = Path(argv[0]), argv[1:]
    try:
        written, left_out = write_course(directory, prefixes)
    except ExerciseError as error:
        print(f"nbgrader_build.py: {error}", file=sys.stderr)
        return 1
    for name in written:
        path = directory / "source" / name / (name + ".ipynb")
        points = exercise_points(nbformat.read(path, as_version=4))
        print(f"wrote {path}: {', '.join(f'{e} {p}' for e, p in points)} "
              f"({sum(p for _, p in points)} points)")
    for name, packages in left_out.items():
        print(f"left out {name}: it needs {', '.join(packages)}, which the course does not "
              f"install. To make it an assignment, name it ({name[:2]}) and install "
              f"{', '.join(packages)} where students work and where you grade.")
    print(f"wrote {directory / 'nbgrader_config.py'}\nnext: cd {directory} && nbgrader "
          f"generate_assignment {written[0] if written else 'NAME'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
