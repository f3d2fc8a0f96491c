"""docs/hub/jupyter_server_config.py, the hub's trust rule, without a hub: a cell is trusted when
its outputs are those the installed course ships in the same notebook, and only then; the
notebook's Python version is handed over as the kernel will report it."""

import copy
import runpy
import sys

import nbformat
import pytest
from classroom import ROOT, TRUST_CONFIG
from traitlets.config import Config

pytest.importorskip("jupyter_server")
NAME = "04_automatic_backprop.ipynb"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture
def manager(tmp_path, monkeypatch):
    monkeypatch.setenv("MICROGRAD_COURSE", str(ROOT))
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "data"))  # a notary of its own
    config = Config()
    namespace = runpy.run_path(str(TRUST_CONFIG), init_globals={"get_config": lambda: config})
    cls = namespace["CourseTrustingContentsManager"]
    assert config.ServerApp.contents_manager_class is cls
    return cls(root_dir=str(tmp_path))


def shipped():
    return nbformat.read(ROOT / "notebooks" / NAME, 4)


def trusted(manager, nb, name=NAME):
    manager.mark_trusted_cells(nb, f"micrograd-course/notebooks/{name}")
    return [c.metadata.get("trusted", False) for c in nb.cells if c.cell_type == "code"]


def unsafe(nb):
    """Whether each code cell has an output JupyterLab shows only when trusted (a widget)."""
    return [any(WIDGET_VIEW in o.get("data", {}) for o in c.outputs)
            for c in nb.cells if c.cell_type == "code"]


def test_the_course_as_shipped_is_trusted(manager):
    nb = shipped()
    assert any(unsafe(nb))
    assert all(t for t, u in zip(trusted(manager, nb), unsafe(nb)) if u)


def test_a_changed_output_is_not_trusted_the_others_still_are(manager):
    nb = shipped()
    widget = unsafe(nb).index(True)
    cell = [c for c in nb.cells if c.cell_type == "code"][widget]
    cell.outputs[0]["data"]["text/plain"] = "something else"
    marks = trusted(manager, nb)
    assert marks[widget] is False
    assert all(m for i, m in enumerate(marks) if i != widget and [c for c in nb.cells
               if c.cell_type == "code"][i].outputs)


def test_other_widget_state_or_another_name_is_not_trusted(manager):
    nb = shipped()
    state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    first = next(iter(state))
    state[first]["state"]["value"] = "<img src=x onerror=alert(1)>"
    assert not any(t for t, u in zip(trusted(manager, nb), unsafe(nb)) if u)
    assert not any(t for t, u in zip(trusted(manager, shipped(), "mine.ipynb"), unsafe(nb)) if u)


def test_the_python_version_is_the_kernels(manager):
    nb = shipped()
    before = copy.deepcopy(nb.metadata.language_info)
    trusted(manager, nb)
    assert nb.metadata.language_info == dict(before, version=sys.version.split()[0])
