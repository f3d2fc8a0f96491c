"""notebooks/build.py: the steps that make a rebuilt notebook byte-for-byte repeatable."""

import importlib.util
import json
from pathlib import Path

import jupytext
import nbformat
import pytest

BUILD = Path(__file__).resolve().parents[1] / "notebooks" / "build.py"
spec = importlib.util.spec_from_file_location("notebook_build", BUILD)
build = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build)

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
    target.write_text(nbformat.writes(jupytext.read(course_copy)))
    assert not build.edited_since_built(course_copy)
    nb = jupytext.read(course_copy)
    nb.cells[1].source = "answer = 42"
    target.write_text(nbformat.writes(nb))
    assert build.edited_since_built(course_copy)


def test_a_missing_notebook_is_simply_built(course_copy):
    assert not build.edited_since_built(course_copy)
