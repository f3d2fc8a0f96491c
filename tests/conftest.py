"""Shared test settings: hypothesis profiles, and the course website built once per session.
`HYPOTHESIS_PROFILE=thorough pytest` runs 10x more examples of every property; the `course`
profile keeps the suite quick."""

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent

# no deadline: the first example of a test pays for imports, and graphs vary a lot in size
settings.register_profile("course", deadline=None, max_examples=100,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", parent=settings.get_profile("course"), max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "course"))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The course's website, built once per test session (course_tools/website.py) into a temporary
    folder: {"out": its folder, "notebooks": the notebooks it was built from, in order}."""
    pytest.importorskip("jupyter_book", reason="Jupyter Book is not installed "
                        "(python3 course.py test installs it from requirements-dev.txt)")
    from course_tools import website
    work = tmp_path_factory.mktemp("website")
    out = website.build(work / "site", work=work / "build")
    return {"out": out, "notebooks": website.course_notebooks(), "module": website}
