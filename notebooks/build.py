"""Build notebooks from their sources in notebooks/src/ and execute them, storing the outputs.

    python notebooks/build.py                 # every notebook
    python notebooks/build.py 04 06           # those whose names start with 04 or 06

Run it with the course's Python (`python3 course.py execute` does). Cell ids are numbered and no
execution times are recorded, so re-building a notebook changes only what its outputs changed.
"""

import sys
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent


def build(source):
    notebook = jupytext.read(source)
    for i, cell in enumerate(notebook.cells):
        cell.id = f"cell-{i:03d}"
    client = NotebookClient(notebook, timeout=600, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()
    target = NOTEBOOKS / (source.stem + ".ipynb")
    nbformat.write(notebook, target)
    return target


def main(prefixes):
    sources = sorted((NOTEBOOKS / "src").glob("[0-9][0-9]_*.py"))
    chosen = [s for s in sources if not prefixes or s.name.startswith(tuple(prefixes))]
    if not chosen:
        print(f"build.py: no notebook source in {NOTEBOOKS / 'src'} starts with "
              f"{' or '.join(prefixes)}", file=sys.stderr)
        return 2
    for source in chosen:
        print(f"building {source.stem}.ipynb", flush=True)
        build(source)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
