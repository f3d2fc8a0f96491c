"""course_tools/build.py: the steps that make a rebuilt notebook byte-for-byte repeatable."""

import importlib.metadata
import json
import os
import subprocess
import sys

import jupytext
import nbformat
import pytest

from course_tools import build

VIEW = "application/vnd.jupyter.widget-view+json"
STATE = "application/vnd.jupyter.widget-state+json"


def test_consecutive_prints_to_one_stream_become_one_output():
    out = [nbformat.v4.new_output("stream", name="stdout", text="a\n"),
           nbformat.v4.new_output("stream", name="stdout", text="b\n"),
           nbformat.v4.new_output("stream", name="stderr", text="warn\n"),
           nbformat.v4.new_output("stream", name="stdout", text="c\n")]
    merged = build.merge_streams(out)
    assert [(o.name, o.text) for o in merged] == [("stdout", "a\nb\n"), ("stderr", "warn\n"),
                                                  ("stdout", "c\n")]


def notebook_with_widgets(box_id, slider_id, layout_id):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("panel", id="cell-000")
    cell.outputs = [nbformat.v4.new_output("display_data", data={
        "text/plain": "VBox()", VIEW: {"model_id": box_id, "version_major": 2}})]
    nb.cells = [cell]
    # the saved state lists the models in an arbitrary order
    nb.metadata["widgets"] = {STATE: {"state": {
        layout_id: {"model_name": "LayoutModel", "state": {}},
        slider_id: {"model_name": "IntSliderModel", "state": {"layout": f"IPY_MODEL_{layout_id}"}},
        box_id: {"model_name": "VBoxModel", "state": {"children": [f"IPY_MODEL_{slider_id}"]}},
    }, "version_major": 2}}
    return nbformat.writes(nb)


def test_widget_ids_are_numbered_in_the_order_they_are_shown():
    first = build.renumber_widgets(notebook_with_widgets("aa11", "bb22", "cc33"))
    second = build.renumber_widgets(notebook_with_widgets("ff99", "ee88", "dd77"))
    assert first == second  # other random ids, same bytes
    nb = json.loads(first)
    assert nb["cells"][0]["outputs"][0]["data"][VIEW]["model_id"] == f"{0:032x}"
    models = nb["metadata"]["widgets"][STATE]["state"]
    assert list(models) == [f"{i:032x}" for i in range(3)]
    assert models[f"{0:032x}"]["state"]["children"] == [f"IPY_MODEL_{1:032x}"]
    assert models[f"{1:032x}"]["state"]["layout"] == f"IPY_MODEL_{2:032x}"


# ---- `course.py execute` does not overwrite a learner's work ------------------------------------

SOURCE = """# %% [markdown]
# # A notebook

# %%
answer = ...
"""


@pytest.fixture
def course_copy(tmp_path, monkeypatch):
    (tmp_path / "src").mkdir()
    source = tmp_path / "src" / "01_demo.py"
    source.write_text(SOURCE)
    monkeypatch.setattr(build, "NOTEBOOKS", tmp_path)
    monkeypatch.setattr(build, "SOURCES", tmp_path / "src")
    return source


def write_built(source, edit=None):
    """The notebook as build() writes it (without running it), then edited as a learner would."""
    nb = jupytext.read(source)
    nb.metadata["course"] = {"cells": build.cells_digest(nb.cells)}
    if edit:
        nb.cells[1].source = edit
    target = build.target_of(source)
    target.write_text(nbformat.writes(nb))
    return target


def test_an_untouched_notebook_may_be_rebuilt(course_copy):
    write_built(course_copy)
    assert not build.edited_since_built(course_copy)
    course_copy.write_text(SOURCE + "print(1)\n")  # the source changed: still the build's own
    assert not build.edited_since_built(course_copy)


def test_a_notebook_with_answers_typed_in_is_not_overwritten(course_copy, capsys):
    target = write_built(course_copy, edit="answer = 42")
    before = target.read_bytes()
    assert build.edited_since_built(course_copy)
    assert build.main(["01"]) == 1
    message = capsys.readouterr().err
    assert "01_demo.ipynb" in message and "--force" in message
    assert target.read_bytes() == before  # nothing lost


def test_a_notebook_that_records_no_digest_is_compared_with_its_source(course_copy):
    target = build.target_of(course_copy)
    nb = jupytext.read(course_copy)
    nb.cells = build.student_cells(nb.cells)
    target.write_text(nbformat.writes(nb))
    assert not build.edited_since_built(course_copy)
    nb.cells[-1].source = "answer = 42"
    target.write_text(nbformat.writes(nb))
    assert build.edited_since_built(course_copy)


def test_a_missing_notebook_is_simply_built(course_copy):
    assert not build.edited_since_built(course_copy)


LESSON = """\
# %% [markdown]
# # A lesson

# %% [markdown] slideshow={"slide_type": "notes"}
# > **For the teacher** · ask the class to predict the answer first

# %%
answer = ...
check_answer(answer)

# %% [markdown] slideshow={"slide_type": "skip"}
# **Solution** (hidden: click the cell below to reveal it)

# %% jupyter={"outputs_hidden": true, "source_hidden": true} slideshow={"slide_type": "skip"}
# Solution: try the exercise yourself before you look
answer = 42
check_answer(answer)
"""


def test_the_students_notebook_has_the_lesson_and_a_closed_solution_that_does_not_run(tmp_path):
    source = tmp_path / "01_lesson.py"
    source.write_text(LESSON)
    cells = build.student_cells(jupytext.read(source).cells)
    assert [c.id for c in cells] == ["cell-000", "setup", "cell-002", "cell-004"]  # as in source
    assert not any("For the teacher" in c.source for c in cells)
    solution = cells[-1]
    assert solution.cell_type == "markdown" and solution.metadata["tags"] == ["solution"]
    assert solution.metadata["slideshow"] == {"slide_type": "skip"}
    assert solution.source == (
        f'<details class="solution">\n{build.SOLUTION_SUMMARY}\n\n```python\n'
        "answer = 42\ncheck_answer(answer)\n```\n\n</details>")
    assert build.prose_words(nbformat.v4.new_notebook(cells=cells)) == 2  # "A lesson"


def test_the_set_up_cell_installs_the_course_only_where_it_is_missing(tmp_path):
    """Under the title: where `micrograd` is found, it does nothing and shows nothing;
    elsewhere it pip-installs what MICROGRAD_COURSE says, or the course at this version."""
    cell = build.setup_cell()
    assert cell.metadata["tags"] == ["remove-cell"]  # not on the website
    assert cell.metadata["slideshow"] == {"slide_type": "skip"}
    assert '"git+https://github.com/' in cell.source
    assert build.course_package().endswith("@v" + importlib.metadata.version("micrograd-course"))
    fake = tmp_path / "fake_pip"
    (fake / "pip").mkdir(parents=True)  # a pip that records what it was asked to install
    (fake / "pip" / "__init__.py").write_text("")
    (fake / "pip" / "__main__.py").write_text(
        "import sys; open(sys.argv[0] + '.args', 'w').write(' '.join(sys.argv[1:]))")
    env = {**os.environ, "PYTHONPATH": str(fake), "MICROGRAD_COURSE": "--no-deps x.whl"}
    # -S: no site-packages, so no course (and no pip but the fake one); away from the checkout
    subprocess.run([sys.executable, "-S", "-c", cell.source], env=env, check=True, timeout=60,
                   cwd=tmp_path)
    assert (fake / "pip" / "__main__.py.args").read_text() == "install --quiet --no-deps x.whl"
    said = subprocess.run([sys.executable, "-c", cell.source], capture_output=True, text=True,
                          timeout=60, check=True)
    assert said.stdout == said.stderr == ""  # installed: nothing to do, nothing shown


def test_the_teachers_copy_puts_the_speaker_notes_back_in_their_places(tmp_path):
    source = tmp_path / "01_lesson.py"
    source.write_text(LESSON)
    built = nbformat.v4.new_notebook(cells=build.student_cells(jupytext.read(source).cells))
    built.cells[2].outputs = [nbformat.v4.new_output("stream", text="Not answered yet.\n")]
    copy = build.teacher_copy(source, built)
    assert [c.id for c in copy.cells] == ["cell-000", "setup", "cell-001", "cell-002", "cell-004"]
    assert copy.cells[2].source.startswith("> **For the teacher**")
    assert copy.cells[3].outputs == built.cells[2].outputs  # the stored outputs kept
    assert len(built.cells) == 4  # the student's notebook itself is left as it was
