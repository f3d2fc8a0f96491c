"""A notebook that needs an optional package is skipped, with the reason, where it is missing.

A pytest plugin, loaded by the test command (`-p course_tools.optional_notebooks`, in course.py):
nbval collects every notebooks/*.ipynb. A notebook names the package it needs in its metadata,
`course: {needs: torch}` in its source's header (09_pytorch needs PyTorch, which the course does
not install; CI does, in .ci/run).
"""

import functools
import importlib.util
import json

import pytest


@functools.cache  # read each notebook once, not once per cell
def missing_package(path):
    """The package the notebook at `path` needs, if it is not installed; else None."""
    metadata = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    needs = metadata.get("course", {}).get("needs")
    return needs if needs and importlib.util.find_spec(needs) is None else None


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.suffix != ".ipynb":
            continue
        missing = missing_package(item.path)
        if missing:
            item.add_marker(pytest.mark.skip(
                reason=f"{item.path.name} needs {missing}, which is not installed "
                       f"(pip install {missing} to run it)"))
