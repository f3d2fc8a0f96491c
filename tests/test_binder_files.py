"""The files that Binder (repo2docker) and JupyterHub installs read agree with the code.

repo2docker builds the course's image from requirements.txt (pip; its `-e .` line makes
repo2docker copy the whole repository before installing, so the package itself is installed
editable), runtime.txt (`python-x.y`) and apt.txt (Debian/Ubuntu packages). A JupyterHub
installs the same requirements.txt. These tests check that every package the notebooks and
the micrograd package import is in requirements.txt, and that the files agree with
pyproject.toml.

requirements.txt (the student's lock) and requirements-dev.txt (everything: tests, website,
nbgrader) are made from pyproject.toml by `python3 course.py lock`; the tests below check that
they pin every package exactly, cover every requirement of pyproject.toml within its range, and
pin the same versions as each other.
"""

import ast
import re
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from course_tools import notebooks

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: pytest brings tomli there
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SOURCES = sorted([*(ROOT / "notebooks" / "src").glob("*.py"), *(ROOT / "micrograd").rglob("*.py")])

# import name -> distribution name, where they differ (packages_distributions() knows more,
# but only about what is installed here)
DISTRIBUTION_OF = {"PIL": "pillow", "sklearn": "scikit-learn", "yaml": "pyyaml",
                   "cv2": "opencv-python", "IPython": "ipython", "bs4": "beautifulsoup4",
                   "graphviz_pure": "graphviz-pure"}


STUDENT_LOCK, DEV_LOCK = "requirements.txt", "requirements-dev.txt"


def requirement_lines(name=STUDENT_LOCK):
    """A requirements file without comments and blank lines."""
    text = (ROOT / name).read_text(encoding="utf-8")
    lines = (line.split(" #", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def locked(name=STUDENT_LOCK):
    """The named requirements of a lock, as Requirements (a package can have several lines, one
    per platform or Python version, each with its marker)."""
    return [Requirement(line) for line in requirement_lines(name) if not line.startswith("-")]


def requirements(name=STUDENT_LOCK):
    """{canonical distribution name: Requirement} for the named requirements."""
    return {canonicalize_name(r.name): r for r in locked(name)}


OPTIONAL_GUARDS = {"ImportError", "ModuleNotFoundError", "Exception"}


class _Imports(ast.NodeVisitor):
    """Top-level names of absolute imports, leaving out those inside `try: ... except
    ImportError:` (optional: the code works without them)."""

    def __init__(self):
        self.names, self.optional = [], 0

    def visit_Try(self, node):
        guards = set()
        for handler in node.handlers:
            guards |= ({n.id for n in ast.walk(handler.type) if isinstance(n, ast.Name)}
                       if handler.type else {"Exception"})
        optional = bool(guards & OPTIONAL_GUARDS)
        self.optional += optional
        for stmt in node.body:
            self.visit(stmt)
        self.optional -= optional
        for part in (*node.handlers, *node.orelse, *node.finalbody):
            self.visit(part)

    visit_TryStar = visit_Try

    def visit_Import(self, node):
        if not self.optional:
            self.names += [a.name.split(".")[0] for a in node.names]

    def visit_ImportFrom(self, node):
        if not self.optional and node.level == 0 and node.module:
            self.names.append(node.module.split(".")[0])


def imported_top_level_names():
    """{top-level module name: [files importing it]} over the notebooks' sources and micrograd/."""
    found = {}
    for path in SOURCES:
        visitor = _Imports()
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        for name in visitor.names:
            found.setdefault(name, []).append(path.relative_to(ROOT).as_posix())
    return found


def optional_for_notebooks():
    """{module: notebook sources that declare they need it}: a notebook whose header says
    `course: {needs: torch}` may import torch; the test command skips it where torch is missing
    (course_tools/optional_notebooks.py)."""
    import jupytext

    needs = {}
    for path in (ROOT / "notebooks" / "src").glob("*.py"):
        module = jupytext.read(path).metadata.get("course", {}).get("needs")
        if module:
            needs.setdefault(module, set()).add(path.relative_to(ROOT).as_posix())
    return needs


def distribution_for(module):
    if module in DISTRIBUTION_OF:
        return DISTRIBUTION_OF[module]
    from importlib.metadata import packages_distributions

    dists = packages_distributions().get(module)
    return dists[0] if dists else module


def test_sources_were_found():
    assert any(p.parent.name == "src" for p in SOURCES), "no notebooks/src/*.py"
    assert any(p.parent.name == "micrograd" for p in SOURCES), "no micrograd/*.py"
    assert any(p.parent.name == "exercises" for p in SOURCES), "no micrograd/exercises/*.py"


def test_every_import_is_in_requirements_or_the_standard_library():
    own = set(PYPROJECT["tool"]["setuptools"]["packages"])  # installed by `-e .`
    reqs = requirements()
    optional = optional_for_notebooks()
    missing = {}
    for module, files in imported_top_level_names().items():
        if module in sys.stdlib_module_names or module in own:
            continue
        if set(files) <= optional.get(module, set()):
            continue  # only notebooks that say they need it, and are skipped without it
        dist = canonicalize_name(distribution_for(module))
        if dist not in reqs:
            missing[module] = (dist, sorted(set(files))[:3])
    assert not missing, ("imported but not in requirements.txt (module: (distribution, "
                         f"imported in)): {missing}")


def test_requirements_install_the_package_itself():
    assert "-e ." in requirement_lines(), (
        "requirements.txt should install the course's own package with `-e .` (repo2docker then "
        "installs it after copying the repository; `course.py` and JupyterHub installs alike)")
    assert "micrograd" in PYPROJECT["tool"]["setuptools"]["packages"]


def test_graphviz_pure_is_pinned_exactly_and_as_in_pyproject():
    req = requirements().get("graphviz-pure")
    assert req is not None, "requirements.txt should list graphviz-pure"
    pins = [s for s in req.specifier if s.operator == "=="]
    assert len(pins) == 1 and len(req.specifier) == 1, (
        f"graphviz-pure should be pinned exactly (==), not {req.specifier}: stored SVGs "
        "compare equal only when every machine draws with the same version")
    deps = {canonicalize_name(Requirement(d).name): Requirement(d)
            for d in PYPROJECT["project"]["dependencies"]}
    assert str(deps["graphviz-pure"].specifier) == str(req.specifier), (
        "pyproject.toml and requirements.txt pin different graphviz-pure versions")


def test_pyproject_dependencies_are_in_requirements():
    reqs = requirements()
    for dep in PYPROJECT["project"]["dependencies"]:
        name = canonicalize_name(Requirement(dep).name)
        assert name in reqs, f"pyproject.toml depends on {dep}, requirements.txt does not"


def test_widgets_and_slides_packages_are_present():
    reqs = requirements()
    for name in ("jupyterlab", "ipywidgets", "ipykernel"):
        assert name in reqs, f"requirements.txt should list {name}"
    # the slideshow is for the teacher (`course.py present`): in the dev lock, not the student's
    assert "jupyterlab-rise" in requirements(DEV_LOCK), "requirements-dev.txt should list RISE"
    assert "jupyterlab-rise" not in reqs, "a student does not present: RISE belongs to teachers"


def test_runtime_txt_names_a_python_that_pyproject_accepts():
    text = (ROOT / "runtime.txt").read_text(encoding="utf-8").strip()
    match = re.fullmatch(r"python-(3\.\d+)", text)
    assert match, f"runtime.txt should read python-3.x (repo2docker's format), not {text!r}"
    requires = SpecifierSet(PYPROJECT["project"]["requires-python"])
    assert requires.contains(match.group(1)), (
        f"runtime.txt asks for Python {match.group(1)}, pyproject.toml requires {requires}")


def test_apt_txt_lists_graphviz():
    lines = [line.split("#", 1)[0].strip()
             for line in (ROOT / "apt.txt").read_text(encoding="utf-8").splitlines()]
    assert "graphviz" in lines, "apt.txt should list graphviz (optional: graphviz-pure draws too)"


def test_nothing_overrides_requirements_txt_for_repo2docker():
    """repo2docker ignores requirements.txt when one of these exists (or a binder/ folder, where
    it then looks instead)."""
    for name in ("environment.yml", "Dockerfile", "Pipfile", "binder", ".binder"):
        assert not (ROOT / name).exists(), (
            f"{name} would make repo2docker ignore requirements.txt, runtime.txt or apt.txt")


def test_notebooks_open_in_jupyterlab_with_jupytext():
    """requirements.txt installs jupytext, whose JupyterLab contents manager refuses to open a
    notebook whose metadata pairs it with other formats but not with .ipynb itself (HTTP 500,
    "matches none of the export formats"): students would see a notebook that never loads."""
    import json

    from jupytext.formats import long_form_multiple_formats
    from jupytext.paired_paths import InconsistentPath, find_base_path_and_format

    for nb in notebooks():
        meta = json.loads(nb.read_text(encoding="utf-8"))["metadata"].get("jupytext", {})
        formats = meta.get("formats")
        if not formats:
            continue
        try:
            find_base_path_and_format(f"notebooks/{nb.name}", long_form_multiple_formats(formats))
        except InconsistentPath as e:
            raise AssertionError(
                f"{nb.name} cannot be opened in JupyterLab: its metadata jupytext.formats is "
                f"{formats!r}, which leaves out ipynb ({e}); drop 'formats' from the notebook's "
                "metadata or pair it as 'ipynb,src//py:percent'") from None


# --- the locks ---------------------------------------------------------------------------------

def extras_locked_in(lock):
    """The pyproject extras a lock was made for, from course.py (which makes the locks)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("course", ROOT / "course.py")
    course = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(course)
    assert {course.STUDENT_LOCK, course.DEV_LOCK} == {STUDENT_LOCK, DEV_LOCK}
    return course.LOCKED_EXTRAS[lock].split(",")


def top_level_requirements(extras):
    """pyproject.toml's dependencies and those of the given extras, as Requirements."""
    optional = PYPROJECT["project"]["optional-dependencies"]
    lines = [*PYPROJECT["project"]["dependencies"], *(d for e in extras for d in optional[e])]
    return [Requirement(line) for line in lines]


@pytest.mark.parametrize("lock", [STUDENT_LOCK, DEV_LOCK])
def test_a_lock_pins_every_package_exactly(lock):
    assert requirement_lines(lock)[0] == "-e .", f"{lock} should install the course with `-e .`"
    loose = [str(r) for r in locked(lock)
             if len(r.specifier) != 1 or next(iter(r.specifier)).operator != "=="]
    assert not loose, f"{lock} should pin every package with ==, these are not: {loose}"
    assert "python3 course.py lock" in (ROOT / lock).read_text(encoding="utf-8"), (
        f"{lock} should say in its first lines which command remakes it")


def test_every_extra_of_pyproject_is_locked():
    optional = set(PYPROJECT["project"]["optional-dependencies"])
    assert set(extras_locked_in(DEV_LOCK)) == optional, (
        f"pyproject.toml has the extras {sorted(optional)}, but course.py locks "
        f"{extras_locked_in(DEV_LOCK)} into {DEV_LOCK}: add the extra to LOCKED_EXTRAS, then run "
        "`python3 course.py lock`")
    assert extras_locked_in(STUDENT_LOCK) == ["lab"]


@pytest.mark.parametrize("lock", [STUDENT_LOCK, DEV_LOCK])
def test_a_lock_covers_every_requirement_of_pyproject_within_its_range(lock):
    pins = {}
    for req in locked(lock):
        pins.setdefault(canonicalize_name(req.name), []).append(req)
    for wanted in top_level_requirements(extras_locked_in(lock)):
        name = canonicalize_name(wanted.name)
        assert name in pins, (f"pyproject.toml asks for {wanted}, {lock} does not lock it: run "
                              "`python3 course.py lock`")
        for pin in pins[name]:
            version = next(iter(pin.specifier)).version
            assert wanted.specifier.contains(version, prereleases=True), (
                f"{lock} pins {pin} but pyproject.toml asks for {wanted}: run "
                "`python3 course.py lock`")


def test_the_student_lock_pins_the_versions_the_tests_run_with():
    """course.py test installs both locks into one .venv: they must agree, line for line, so a
    student gets what CI tested."""
    everything = {str(r) for r in locked(DEV_LOCK)}
    differ = [str(r) for r in locked(STUDENT_LOCK) if str(r) not in everything]
    assert not differ, (f"{STUDENT_LOCK} pins these differently from {DEV_LOCK} (or they are "
                        f"missing there): {differ}; run `python3 course.py lock`")


def test_the_student_lock_leaves_out_the_test_tools():
    student = requirements(STUDENT_LOCK)
    for name in ("pytest", "playwright", "ruff", "hypothesis", "nbval", "jupyter-book"):
        assert name not in student, (f"{name} is a tool of the tests or the website: it belongs "
                                     f"in {DEV_LOCK}, not in what every student installs")
        assert name in requirements(DEV_LOCK), f"{DEV_LOCK} should lock {name}"
