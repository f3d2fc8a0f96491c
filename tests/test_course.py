"""course.py, the one command a newcomer runs: its usage, and its errors when set-up fails."""

import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from course_tools import notebooks

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("course", ROOT / "course.py")
course = importlib.util.module_from_spec(spec)
spec.loader.exec_module(course)


def test_without_a_command_it_shows_the_commands_and_exits_2():
    result = subprocess.run([sys.executable, str(ROOT / "course.py")], capture_output=True,
                            text=True)
    assert result.returncode == 2
    for command in ("lab", "test", "execute", "slides", "site", "lock"):
        assert f"python3 course.py {command}" in result.stdout


def test_help_exits_0():
    result = subprocess.run([sys.executable, str(ROOT / "course.py"), "--help"],
                            capture_output=True, text=True)
    assert result.returncode == 0 and "python3 course.py lab" in result.stdout


def test_a_python_without_ensurepip_gets_told_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(course, "VENV", tmp_path / ".venv")

    def create_without_ensurepip(path, with_pip):
        Path(path).mkdir()  # venv makes the folder, then fails at pip
        raise subprocess.CalledProcessError(1, ["python", "-m", "ensurepip"])

    monkeypatch.setattr(course.venv, "create", create_without_ensurepip)
    with pytest.raises(SystemExit) as exit_:
        course.install()
    assert "python3-venv" in str(exit_.value.code)
    assert not (tmp_path / ".venv").exists()  # nothing half-made is left for the next run


def test_the_test_command_runs_the_tests_and_every_notebook_strictly():
    args = course.TEST_ARGS
    assert "tests" in args and "notebooks" in args
    assert "--nbval" in args and "--nbval-lax" not in args
    assert args[args.index("--nbval-sanitize-with") + 1] == "course_tools/nbval_sanitize.cfg"


def test_ctrl_c_lets_the_program_stop_its_own_way(monkeypatch):
    """Ctrl-C reaches course.py and its child alike: course.py waits for the child (JupyterLab
    asks to confirm, pytest prints its summary) instead of killing it and showing a traceback."""

    class Child:
        waits = 0

        def __init__(self, cmd, cwd):
            pass

        def wait(self):
            Child.waits += 1
            if Child.waits == 1:
                raise KeyboardInterrupt  # the user pressed Ctrl-C while the child ran
            return 130  # then the child stopped, with its own exit status

    monkeypatch.setattr(course.subprocess, "Popen", Child)
    with pytest.raises(SystemExit) as exit_:
        course.run(["jupyter", "lab"])
    assert Child.waits == 2 and exit_.value.code == 130


# A program for course.run to start: it notes its pid, then each signal it gets, and stops at
# the first with the exit status it is given (or, given "default", dies of it as most programs do)
CHILD = """\
import os, signal, sys, time
log, status = sys.argv[1], sys.argv[2]

def note(line):
    with open(log, "a") as f:
        f.write(line + "\\n")

def stop(signum, frame):
    note(signal.Signals(signum).name)
    sys.exit(int(status))

if status != "default":
    for name in ("SIGTERM", "SIGHUP", "SIGINT"):
        signal.signal(getattr(signal, name), stop)
note(f"pid {os.getpid()}")
time.sleep(60)
note("slept a minute: no signal came")
"""


def started_under_course_run(tmp_path, status):
    """course.py's run() in a process of its own (a session of its own, as a terminal would
    start it) running CHILD; returns that process and the child's pid, once the child waits."""
    (tmp_path / "child.py").write_text(CHILD)
    log = tmp_path / "log.txt"
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); import course; "
            f"course.run([sys.executable, {str(tmp_path / 'child.py')!r}, {str(log)!r}, "
            f"{status!r}]); open({str(log)!r}, 'a').write('run returned\\n')")
    parent = subprocess.Popen([sys.executable, "-c", code], start_new_session=True)
    deadline = time.monotonic() + 30
    while not (log.exists() and log.read_text().endswith("\n")):
        assert time.monotonic() < deadline and parent.poll() is None, "the child never started"
        time.sleep(0.05)
    return parent, int(log.read_text().split()[1]), log


def is_running(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


posix_only = pytest.mark.skipif(os.name != "posix", reason="SIGTERM and SIGHUP are POSIX's")


@posix_only
@pytest.mark.parametrize("name, to_the_group, status", [
    ("SIGTERM", False, "0"),  # a process manager stops course.py: JupyterLab stops too
    ("SIGHUP", False, "3"),   # the terminal closed
    ("SIGINT", True, "130"),  # Ctrl-C: the terminal sends it to course.py and the child alike
])
def test_a_signal_to_course_py_stops_its_program_which_gives_the_exit_status(
        tmp_path, name, to_the_group, status):
    parent, child, log = started_under_course_run(tmp_path, status)
    try:
        signum = getattr(signal, name)
        if to_the_group:
            os.killpg(parent.pid, signum)
        else:
            parent.send_signal(signum)
        parent.wait(timeout=30)
        # the child got it, once; and course.py stopped there, even at status 0: run() did not
        # return, so course.py would not go on to its next step
        assert log.read_text().splitlines()[1:] == [name]
        assert parent.returncode == int(status)
        assert not is_running(child)
    finally:  # if it went wrong, stop what this test started
        if parent.poll() is None:
            parent.kill()
        if is_running(child):
            os.kill(child, signal.SIGKILL)


@posix_only
def test_a_program_that_dies_of_the_signal_gives_the_shell_s_status_for_it(tmp_path):
    parent, child, _ = started_under_course_run(tmp_path, "default")
    try:
        parent.terminate()
        parent.wait(timeout=30)
        assert parent.returncode == 128 + signal.SIGTERM  # 143, as a shell reports it
        assert not is_running(child)
    finally:
        if parent.poll() is None:
            parent.kill()
        if is_running(child):
            os.kill(child, signal.SIGKILL)


def test_run_works_without_sighup_as_on_windows_and_leaves_the_handlers_as_they_were(
        monkeypatch):
    before = signal.getsignal(signal.SIGTERM)
    monkeypatch.delattr(course.signal, "SIGHUP", raising=False)
    course.run([sys.executable, "-c", "pass"])  # status 0: run returns
    assert signal.getsignal(signal.SIGTERM) is before
    with pytest.raises(SystemExit) as exit_:
        course.run([sys.executable, "-c", "raise SystemExit(4)"])
    assert exit_.value.code == 4


def test_lab_opens_the_course_folder_with_notebook_1_and_trusts_the_notebooks(monkeypatch):
    commands = []
    monkeypatch.setattr(course, "run", lambda cmd: commands.append([str(c) for c in cmd]))

    def trusted(cmd, **kwargs):
        commands.append([str(c) for c in cmd])
        return subprocess.CompletedProcess(cmd, 0, "", "")

    monkeypatch.setattr(course.subprocess, "run", trusted)
    course.lab([])
    trust, lab = commands
    assert trust[1:4] == ["-m", "jupyter", "trust"]
    assert sorted(Path(p).name for p in trust[4:] if p.endswith(".ipynb")) == sorted(
        p.name for p in notebooks())
    assert lab[1:4] == ["-m", "jupyter", "lab"]
    assert f"--ServerApp.root_dir={ROOT}" in lab  # the file browser reaches micrograd/ and data/
    assert lab[-1] == "notebooks/01_derivatives.ipynb"


def test_lab_loads_the_course_s_own_jupyterlab_extension_present():
    """JupyterLab is started with lab-extensions/ (course.py lab and present, and the browser
    tests, which use the same arguments): there it finds course-present (Alt+P, full-screen
    slides), whose script and settings schema exist, without a build step."""
    import json

    args = course.lab_args(ROOT)
    folder = Path(next(a for a in args if a.startswith("--LabApp.extra_labextensions_path="))
                  .split("=", 1)[1])
    extension = folder / "course-present"
    package = json.loads((extension / "package.json").read_text(encoding="utf-8"))
    assert (extension / package["jupyterlab"]["_build"]["load"]).is_file()
    schema = json.loads((extension / "schemas" / package["name"] / "plugin.json")
                        .read_text(encoding="utf-8"))
    assert [s["keys"] for s in schema["jupyter.lab.shortcuts"]] == [["Alt P"]]
    script = (extension / package["jupyterlab"]["_build"]["load"]).read_text(encoding="utf-8")
    assert 'window._JUPYTERLAB[NAME]' in script and f'const NAME = "{package["name"]}"' in script


def test_the_slideshow_gets_the_course_s_extensions_too_so_widgets_show_there():
    """jupyterlab-rise's slideshow is a JupyterLab of its own (RiseApp) that loads extensions
    only from its own folders: lab_args hands it lab-extensions/ too, where course-rise-widgets
    lets the widget manager load (browser test: test_widgets_show_on_slides). It is a container
    of the name of its package, with a script and no plugin, so it needs no build step."""
    import json

    args = course.lab_args(ROOT)
    folders = {a.split("=", 1)[0]: Path(a.split("=", 1)[1]) for a in args
               if a.endswith(f"={ROOT / course.LAB_EXTENSIONS}")}
    assert set(folders) == {"--LabApp.extra_labextensions_path",
                            "--RiseApp.extra_labextensions_path"}
    extension = ROOT / course.LAB_EXTENSIONS / "course-rise-widgets"
    package = json.loads((extension / "package.json").read_text(encoding="utf-8"))
    assert package["name"] == extension.name
    assert set(package["jupyterlab"]["_build"]) == {"load"}, "a plugin would need a build step"
    script = (extension / package["jupyterlab"]["_build"]["load"]).read_text(encoding="utf-8")
    assert f'const NAME = "{package["name"]}"' in script and "window._JUPYTERLAB[NAME]" in script
    assert 'const PACKAGE = "@jupyterlab/console"' in script


@pytest.fixture
def fake_venv(tmp_path, monkeypatch):
    """course.py with a .venv in tmp_path, whose pip and commands are only recorded."""
    calls = []
    monkeypatch.setattr(course, "VENV", tmp_path / ".venv")
    python = course.venv_python()

    def create(path, with_pip):
        python.parent.mkdir(parents=True)
        python.touch()

    monkeypatch.setattr(course.venv, "create", create)
    monkeypatch.setattr(course, "run", lambda cmd: calls.append([str(c) for c in cmd]))
    for name in ("lab", "test", "site"):
        monkeypatch.setattr(course, name, lambda extra: None)
    return calls


def pip_installs(calls):
    return [[c[i + 1] for i, arg in enumerate(c) if arg == "-r"] for c in calls if "pip" in c]


def test_lab_installs_only_the_student_lock_and_test_adds_the_dev_lock(fake_venv):
    course.main(["lab"])
    assert pip_installs(fake_venv) == [["requirements.txt"]]
    course.main(["lab"])  # installed already, for these very files: nothing to do
    assert len(fake_venv) == 1
    course.main(["test"])
    assert pip_installs(fake_venv)[1] == ["requirements.txt", "requirements-dev.txt"]
    course.main(["site"])
    course.main(["lab"])  # the dev install includes the student's lock
    assert len(fake_venv) == 2


def test_a_changed_lock_is_installed_again(fake_venv, monkeypatch, tmp_path):
    root = tmp_path / "course"
    root.mkdir()
    for name in ("requirements.txt", "requirements-dev.txt", "pyproject.toml"):
        (root / name).write_text((ROOT / name).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(course, "ROOT", root)
    course.main(["lab"])
    course.main(["lab"])
    assert len(fake_venv) == 1
    with (root / "requirements.txt").open("a") as lock:
        lock.write("tqdm==4.67.1\n")
    course.main(["lab"])
    assert len(fake_venv) == 2
