"""A real JupyterLab with the course's notebooks, and a headless Chromium to drive it.

The `lab` fixture (one per test session) copies the course into a temporary folder, as a fresh
clone has it, and starts it the way `python3 course.py lab` does: the notebooks trusted with
course.py's own command, then `jupyter lab` at the course's folder, here on a free port with a
random token, a Jupyter data folder of its own (so trust comes from the course, not from this
machine's history) and settings of its own (no news or update pop-ups, no saved workspace). It
waits until the server answers, and always stops it again: the server runs in a process group
of its own, which is terminated, waited for and, if need be, killed, whatever the tests did.
The `page` fixture is a fresh browser tab for each test, 1280×720 like a laptop or projector.

Chromium comes from the system (`chromium` on PATH: Debian's package, as .ci/run installs it);
Playwright's own browser download is not used. Without a `chromium` the tests are skipped and
say why. Screenshots go to test-output/browser/ in the repository (git-ignored).
"""

import importlib.util
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from lab_helpers import shut_down_kernels

from course_tools import notebooks as course_notebooks

pytest.importorskip("playwright", reason="Playwright is not installed (pip install playwright)")

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output" / "browser"

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
START_TIMEOUT = 60  # seconds for JupyterLab to answer

# JupyterLab's own settings for the test server: no "get Jupyter news?" toast, no update check,
# and every cell of a notebook in the page (JupyterLab 4 otherwise leaves cells far below the
# window out of the page until they are scrolled to, and the tests look for the widgets by CSS)
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    # no autosave: a test that runs a notebook must not change what the next test opens
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}


def chromium_path():
    return shutil.which("chromium") or shutil.which("chromium-browser")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(process):
    """Stop the server and everything it started (kernels too): its whole process group."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
    try:  # whatever is left of the group (a kernel that ignored SIGTERM), and a hung server
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(timeout=10)


class Lab:
    """A running JupyterLab: `url(path)` opens a file in it, `root` is its folder."""

    def __init__(self, base, token, root):
        self.base, self.token, self.root = base, token, root

    def url(self, path=""):
        return f"{self.base}/lab/tree/{path}?token={self.token}&reset"


def load_course():
    """course.py, as a module: the tests start JupyterLab with its own arguments."""
    spec = importlib.util.spec_from_file_location("course", ROOT / "course.py")
    course = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(course)
    return course


@pytest.fixture(scope="session")
def chromium():
    path = chromium_path()
    if path is None:
        message = ("browser tests skipped: no `chromium` on PATH "
                   "(Debian/Ubuntu: apt-get install chromium; .ci/run installs it)")
        print("\n" + message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def lab(chromium, tmp_path_factory):
    home = tmp_path_factory.mktemp("lab")
    root = home / "course"
    shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns(
        ".git", ".venv", "test-output", ".cache", "site", "slides", "__pycache__",
        ".ipynb_checkpoints", "predictions.csv", ".pytest_cache", ".ruff_cache", ".hypothesis"))
    config = home / "jupyter-config"
    for name, values in LAB_SETTINGS.items():
        target = config / "lab" / "user-settings" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values))
    env = dict(os.environ,
               JUPYTER_CONFIG_DIR=str(config),
               JUPYTER_DATA_DIR=str(home / "jupyter-data"),
               JUPYTER_RUNTIME_DIR=str(home / "jupyter-runtime"),
               PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]]))
    env.pop("JUPYTERLAB_SETTINGS_DIR", None)
    env.pop("JUPYTERLAB_WORKSPACES_DIR", None)
    course = load_course()
    notebooks = course_notebooks(root / "notebooks")
    subprocess.run(course.trust_command(sys.executable, notebooks), env=env, check=True)
    port, token = free_port(), secrets.token_hex(16)
    log = (home / "jupyter.log").open("w")
    process = subprocess.Popen(
        [sys.executable, *course.lab_args(root), "--no-browser",
         "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
         "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
         "--ServerApp.allow_root=True",
         "--LabApp.news_url=None",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"JupyterLab exited with {process.returncode}:\n"
                            + (home / "jupyter.log").read_text()[-3000:])
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                    break
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not answer within {START_TIMEOUT} s:\n"
                                + (home / "jupyter.log").read_text()[-3000:])
                time.sleep(0.25)
        yield Lab(base, token, root)
    finally:
        stop(process)
        log.close()


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser, lab):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        yield page
    finally:
        context.close()
        shut_down_kernels(lab)


@pytest.fixture(scope="session")
def output_dir():
    OUTPUT.mkdir(parents=True, exist_ok=True)
    return OUTPUT
