"""Students press Shift+Enter twice: every code cell must print the same when it runs again at
once, or say in its first line that running it again changes the result ("# Run again to take
one more step").

Each notebook runs in a fresh kernel from top to bottom with every code cell run twice in a row;
the two runs' outputs are compared as nbval compares them (text, HTML and SVG; the same
sanitizing; cells tagged nbval-ignore-output, such as timings, left out). The notebooks run as
the student's notebook has them: no speaker notes, the solutions closed and not run.
"""

import configparser
import re
from pathlib import Path

import jupytext
import pytest

from course_tools import sources
from course_tools.build import student_cells

nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
SOURCES = sources()
SAYS_IT_CHANGES = re.compile(r"^# Run again to ")
COMPARED = ("text/plain", "text/html", "image/svg+xml", "text/markdown", "text/latex")


def sanitizers():
    config = configparser.ConfigParser()
    config.read(NOTEBOOKS.parent / "course_tools" / "nbval_sanitize.cfg")
    return [(re.compile(config[s]["regex"]), config[s]["replace"]) for s in config.sections()]


SANITIZERS = sanitizers()


def shown(outputs):
    """What a cell's outputs show, as nbval compares it."""
    parts = []
    for out in outputs:
        if out.output_type == "stream":  # one print may arrive in pieces: join them
            if parts and parts[-1][0] == out.name:
                parts[-1] = (out.name, parts[-1][1] + out.text)
            else:
                parts.append((out.name, out.text))
        elif out.output_type == "error":
            parts.append(("error", f"{out.ename}: {out.evalue}"))
        else:
            parts += [(mime, out.data[mime]) for mime in COMPARED if mime in out.get("data", {})]
    text = repr(parts)
    for pattern, replacement in SANITIZERS:
        text = pattern.sub(replacement, text)
    return text


def first_line(cell):
    return cell.source.lstrip("\n").split("\n")[0]


@pytest.mark.parametrize("source", SOURCES, ids=[s.stem for s in SOURCES])
def test_every_cell_prints_the_same_when_run_twice(source):
    notebook = jupytext.read(source)
    notebook.cells = student_cells(notebook.cells)
    client = nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOKS)}})
    changed = []
    with client.setup_kernel():
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type != "code":
                continue
            client.execute_cell(cell, index)
            once = shown(cell.outputs)
            client.execute_cell(cell, index)
            twice = shown(cell.outputs)
            ignored = "nbval-ignore-output" in cell.metadata.get("tags", [])
            if ignored or SAYS_IT_CHANGES.match(first_line(cell)):
                assert "error" not in twice, (f"{source.name}, cell {index}: running it again "
                                              f"raised {twice[:300]}")
                continue
            if once != twice:
                changed.append(f"cell {index} ({first_line(cell)[:60]!r}):\n  first:  "
                               f"{once[:300]}\n  second: {twice[:300]}")
    assert not changed, (
        f"{source.name}: these cells print something else when run again; make them print the "
        "same, or begin them with '# Run again to ...' saying what changes:\n"
        + "\n".join(changed))
