"""The course as a wheel: built, installed (not editable) into a fresh virtual environment, and
used from there as a student outside this repository would: exercises, data and notebooks.

A wheel once held micrograd/ alone: installed, every notebook failed at its first
`from micrograd.exercises import ...`, and the training set, read from data/ beside the package,
was not there. These tests build the wheel from a copy of the files pyproject.toml names (so
nothing stray in the checkout can help), install it with pip into a virtual environment made in
tmp_path, and run everything there with PYTHONPATH cleared, from an empty folder.

Time: two or three minutes, most of it the notebooks, each run alone. The environment gets the
course's dependencies from the one running these tests instead of installing them again: a .pth file
names its site-packages (a plain folder to Python, so its editable install of the course is not
seen), and its scripts folder comes last on PATH (graphviz-pure is a program there).
CI runs these tests: `python3 course.py test` collects every file in tests/, and none of these
skips (the setuptools that requirements-dev.txt installs builds the wheel offline).
"""

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

from course_tools import notebooks, optional_notebooks

ROOT = Path(__file__).resolve().parents[1]
# every notebook, each alone; one that needs an optional package missing here is skipped
NOTEBOOKS = [pytest.param(p.name, marks=pytest.mark.skipif(
    optional_notebooks.missing_package(p) is not None,
    reason=f"{p.name} needs {optional_notebooks.missing_package(p)}, not installed"))
    for p in notebooks()]
# what the build reads: pyproject.toml and the files it names (readme, licence, packages)
BUILD_INPUTS = ["pyproject.toml", "README.md", "LICENSE", "micrograd", "data"]


def outside_the_checkout():
    """The environment for a process that must not see this checkout's micrograd."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PYTHONNOUSERSITE"] = "1"
    env["PATH"] = os.pathsep.join([env.get("PATH", ""), sysconfig.get_path("scripts")])
    return env


def setuptools_is_enough():
    """Whether the setuptools here meets pyproject.toml's build requirement: then the wheel is
    built with it, offline; else pip builds it in an isolated environment, from the index."""
    try:
        import tomllib
        from packaging.requirements import Requirement
    except ImportError:  # Python 3.10 has no tomllib
        return False
    try:
        installed = version("setuptools")
    except PackageNotFoundError:
        return False
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "build-system"]["requires"]
    wanted = [Requirement(r) for r in requires if Requirement(r).name == "setuptools"]
    return all(r.specifier.contains(installed) for r in wanted)


def copy_of_the_build_inputs(folder):
    for name in BUILD_INPUTS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, folder / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            folder.mkdir(exist_ok=True)
            shutil.copy2(ROOT / name, folder / name)
    return folder


def offline_build():
    return ["--no-build-isolation"] if setuptools_is_enough() else []


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """The wheel, built from a copy of the build's inputs."""
    work = tmp_path_factory.mktemp("wheel")
    source = copy_of_the_build_inputs(work / "source")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check",
         *offline_build(), "--wheel-dir", str(work / "dist"), str(source)],
        capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    (found,) = (work / "dist").glob("micrograd_course-*.whl")
    return found


def fresh_venv(folder, *install):
    """A virtual environment in `folder`, with the course's dependencies borrowed and
    `pip install --no-deps *install` done in it; returns its python."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True,
                   timeout=120)
    python = folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True, text=True, check=True, env=outside_the_checkout()).stdout.strip())
    # the dependencies: this environment's site-packages, after the new one's own
    borrowed = dict.fromkeys(sysconfig.get_path(k) for k in ("purelib", "platlib"))
    (site / "borrowed-dependencies.pth").write_text("".join(f"{p}\n" for p in borrowed))
    # pip, borrowed too, run by the new python installs into the new environment; -I: it
    # leaves alone the course it sees installed in the borrowed site-packages (editable)
    if not install:
        return python
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", "--ignore-installed",
         "--disable-pip-version-check", *install],
        capture_output=True, text=True, timeout=600, env=outside_the_checkout())
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return python


@pytest.fixture(scope="module")
def venv_python(wheel, tmp_path_factory):
    """The python of a fresh virtual environment with the wheel installed (not editable)."""
    return fresh_venv(tmp_path_factory.mktemp("venv") / "venv", str(wheel))


def run_in(python, code, folder, *args, timeout=300):
    result = subprocess.run([str(python), "-c", textwrap.dedent(code), *map(str, args)],
                            cwd=folder, capture_output=True, text=True, timeout=timeout,
                            env=outside_the_checkout())
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


# ---- the wheel's files -----------------------------------------------------------------------

def test_the_wheel_carries_every_package_the_data_and_the_licence(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        files = {name: archive.read(name) for name in names}
    # every module of every package under micrograd/, found as Python finds them
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "micrograd").rglob("*.py")
               if (p.parent / "__init__.py").exists() and "__pycache__" not in p.parts}
    assert "micrograd/exercises/__init__.py" in modules
    missing = modules - names
    assert not missing, f"the wheel lacks {sorted(missing)}: add their package to pyproject.toml"
    assert "micrograd/datasets/train.csv" in names, "the wheel lacks the training set"
    assert files["micrograd/datasets/train.csv"] == (ROOT / "data/train.csv").read_bytes()
    for page in ("training_panel.js", "training_panel.css"):  # the live panel's page
        assert files.get(f"micrograd/widgets/{page}") == \
            (ROOT / "micrograd/widgets" / page).read_bytes(), f"the wheel lacks {page}"
    (metadata,) = [files[n].decode() for n in names if n.endswith(".dist-info/METADATA")]
    (licence,) = [files[n] for n in names if n.endswith(".dist-info/licenses/LICENSE")]
    assert licence == (ROOT / "LICENSE").read_bytes()
    assert "MIT License" in licence.decode() and "micrograd-course contributors" in licence.decode()
    assert "License-Expression: MIT" in metadata.splitlines()
    assert "License-File: LICENSE" in metadata.splitlines()


# ---- installed, outside the checkout ---------------------------------------------------------

def test_installed_it_has_its_exercises_and_its_training_set(venv_python, tmp_path):
    out = run_in(venv_python, """
        import sys
        from pathlib import Path

        import micrograd
        from micrograd.data import default_train_path, load_dataset
        from micrograd.exercises import check_my_backward

        venv = Path(sys.prefix).resolve()
        for module in (micrograd, sys.modules["micrograd.exercises"]):
            assert venv in Path(module.__file__).resolve().parents, module.__file__
        path = default_train_path()
        assert venv in path.resolve().parents, path
        data = load_dataset(path)
        print(len(data), data.feature_names, callable(check_my_backward))
    """, tmp_path)
    assert out.split() == ["100", "['x1',", "'x2']", "True"]


def test_installed_its_command_line_trains_on_the_course_s_data(venv_python, tmp_path):
    scripts = venv_python.parent
    script = scripts / ("micrograd.exe" if os.name == "nt" else "micrograd")
    path = run_in(venv_python, "from micrograd.data import default_train_path as p; print(p())",
                  tmp_path).strip()
    result = subprocess.run([str(script), "train", path, "--hidden", "4", "--steps", "2",
                             "--quiet"], cwd=tmp_path, capture_output=True, text=True,
                            timeout=300, env=outside_the_checkout())
    assert result.returncode == 0, result.stderr
    assert "of 100 points)" in result.stdout


def test_an_editable_install_reads_the_training_set_from_the_checkout_s_data(tmp_path):
    """`pip install -e .` (as course.py's locks do): the package is the checkout's micrograd/,
    and the training set the checkout's data/train.csv, the one make_train.py writes."""
    source = copy_of_the_build_inputs(tmp_path / "checkout")
    python = fresh_venv(tmp_path / "venv", *offline_build(), "--editable", str(source))
    out = run_in(python, """
        from micrograd.data import default_train_path, load_dataset
        from micrograd.exercises import check_my_backward
        print(default_train_path(), len(load_dataset(default_train_path())))
    """, tmp_path)
    assert out.split() == [str(source / "data" / "train.csv"), "100"]


RUN_NOTEBOOK = """
    import sys

    import nbformat
    from nbclient import NotebookClient

    path, kernel = sys.argv[1], sys.argv[2]
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(
        "import micrograd, micrograd.exercises\\n"
        "print(micrograd.__file__, micrograd.exercises.__file__)"))
    NotebookClient(notebook, timeout=600, kernel_name=kernel,
                   resources={"metadata": {"path": sys.argv[3]}}).execute()
    print(notebook.cells[-1].outputs[0]["text"])
"""


def run_notebook_alone(python, name, tmp_path, **env):
    """Run notebooks/`name`, copied alone into an empty folder, in a kernel of `python`; the
    files micrograd and micrograd.exercises were imported from."""
    folder = tmp_path / "student"
    folder.mkdir()
    shutil.copy2(ROOT / "notebooks" / name, folder / name)
    # a kernel of the new environment's python, and only that: a kernel named python3 in the
    # user's or the system's Jupyter folders might run some other Python
    kernels = tmp_path / "jupyter" / "kernels" / "course-wheel"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(json.dumps({
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "the installed wheel", "language": "python"}))
    environment = {**outside_the_checkout(), "JUPYTER_PATH": str(tmp_path / "jupyter"), **env}
    result = subprocess.run(
        [str(python), "-c", textwrap.dedent(RUN_NOTEBOOK), name, "course-wheel",
         str(folder)], cwd=folder, capture_output=True, text=True, timeout=900,
        env=environment)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout.split()[-2:]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_installed_a_notebook_runs_to_the_end_alone_in_an_empty_folder(venv_python, tmp_path,
                                                                          name):
    files = run_notebook_alone(venv_python, name, tmp_path)
    venv = Path(str(venv_python)).parent.parent.resolve()
    assert all(venv in Path(f).resolve().parents for f in files), files


def test_a_notebook_opened_where_the_course_is_not_installed_installs_it_itself(wheel,
                                                                               tmp_path):
    """As in Colab: an environment without the course; the notebook's set-up cell installs it,
    here from the wheel that MICROGRAD_COURSE names (elsewhere from the course's repository)."""
    python = fresh_venv(tmp_path / "venv")
    missing = subprocess.run([str(python), "-c", "import micrograd.exercises"],
                             capture_output=True, env=outside_the_checkout(), cwd=tmp_path)
    assert missing.returncode != 0, "the course is installed already: this proves nothing"
    files = run_notebook_alone(python, "01_derivatives.ipynb", tmp_path,
                               MICROGRAD_COURSE=f"--no-deps --ignore-installed {wheel}")
    venv = (tmp_path / "venv").resolve()
    assert all(venv in Path(f).resolve().parents for f in files), files
