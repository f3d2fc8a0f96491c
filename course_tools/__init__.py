"""The course's own tooling: building the notebooks, the slide decks, the nbgrader course and the
test suite's notebook plugin. Not part of the `micrograd` package that students install.

This module uses the standard library only: course.py imports it before the course's virtual
environment exists. It says once where the lessons are and what a lesson's file is called.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"  # the lessons, NN_name.ipynb, as students open them
SOURCES = NOTEBOOKS / "src"  # their jupytext sources, NN_name.py
LESSON = "[0-9][0-9]_*"  # a lesson's name: two digits, then a name (01_derivatives)


def notebooks(folder=NOTEBOOKS):
    """The course's notebooks in `folder`, in course order."""
    return sorted(Path(folder).glob(LESSON + ".ipynb"))


def sources(folder=SOURCES):
    """The notebooks' sources in `folder`, in course order."""
    return sorted(Path(folder).glob(LESSON + ".py"))
