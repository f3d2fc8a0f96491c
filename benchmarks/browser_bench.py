"""How fast the widgets answer in a real JupyterLab (Playwright + Debian's Chromium, 1280×720).

    .venv/bin/python benchmarks/browser_bench.py                   # this checkout
    .venv/bin/python benchmarks/browser_bench.py --course /tmp/old --label before
                                                # another checkout's package and notebooks
    .venv/bin/python benchmarks/browser_bench.py --json out.json   # the figures as JSON too

It copies the course (from --course, default this checkout) to a temporary folder, starts
JupyterLab there, with that copy's `micrograd` first on the kernel's path, and measures:
  training panel, on the course's 2-16-16-1 and its 100 points, 100 steps at rate 0.2:
    first frame   Play (Train on the old panel) until the page first shows training
    first step    Play until the page shows a step's result (its loss, its boundary)
    frames/s      how often the page redrew while the run trained
    100 steps     Play until the page shows the run done, against train() alone for the same
                  100 steps in the same kernel, just before: the ratio is the panel's cost
    pause         Pause until the page shows the panel paused (the live panel only)
  neuron explorer (notebook 06): a slider moved by the keyboard until the neuron's output redraws
  backprop stepper (notebook 04): Next until the graph redraws
The load average is printed with the figures: on a shared machine they are only comparable
within one sitting.
"""

import argparse
import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PANEL_CELL = """\
import time
from micrograd.data import default_train_path, load_dataset
from micrograd.nn import classifier
from micrograd.train import train
from micrograd.widgets import training_panel
import random

data = load_dataset(default_train_path())
start = time.perf_counter()
train(classifier(2, [16, 16], rng=random.Random(1)), data.X, data.y, steps=100, learning_rate=0.2)
print(f"train() alone: {time.perf_counter() - start:.3f} s")
panel = training_panel(data.X, data.y, learning_rate=0.2, steps=100, seed=1)
panel"""

# the page, watched from inside: every redraw of the panel's picture, with its time
WATCH_LIVE = """(root) => {
  window.__frames = [];
  new MutationObserver(() => window.__frames.push([performance.now(), root.dataset.state,
      Number(root.dataset.step)])).observe(root, {attributes: true,
      attributeFilter: ['data-step', 'data-state']});
}"""
WATCH_OLD = """(root) => {
  window.__frames = [];
  const img = root.querySelector('img');
  const status = root.querySelector('.micrograd-status');
  new MutationObserver(() => window.__frames.push([performance.now(), 'image', 0]))
      .observe(img, {attributes: true, attributeFilter: ['src']});
  new MutationObserver(() => window.__frames.push([performance.now(),
      status.innerText.startsWith('Done') ? 'done' : 'status', 0]))
      .observe(status, {childList: true, subtree: true, characterData: true});
}"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_lab(course_root, home):
    sys.path.insert(0, str(ROOT))
    import course  # this checkout's course.py: how the course starts JupyterLab

    settings = home / "config" / "lab" / "user-settings"
    for name, values in {
            "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
                {"fetchNews": "false", "checkForUpdates": False},
            "@jupyterlab/notebook-extension/tracker.jupyterlab-settings":
                {"windowingMode": "none"},
            "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings":
                {"autosave": False}}.items():
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(json.dumps(values))
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(home / "config"),
               JUPYTER_DATA_DIR=str(home / "data"), JUPYTER_RUNTIME_DIR=str(home / "runtime"),
               PYTHONPATH=str(course_root))  # the kernel imports the copy's micrograd
    notebooks = sorted(str(p) for p in (course_root / "notebooks").glob("*.ipynb"))
    subprocess.run(course.trust_command(sys.executable, notebooks), env=env, check=True,
                   capture_output=True)
    port, token = free_port(), secrets.token_hex(16)
    log = (home / "lab.log").open("w")
    process = subprocess.Popen(
        [sys.executable, *course.lab_args(course_root), "--no-browser",
         "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.allow_root=True",
         f"--IdentityProvider.token={token}", "--LabApp.news_url=None"],
        cwd=course_root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                return process, base, token
        except OSError:
            time.sleep(0.25)
    raise SystemExit("JupyterLab did not start:\n" + (home / "lab.log").read_text()[-2000:])


class Lab:
    """What tests/browser/lab_helpers.py needs to know of a running JupyterLab."""

    def __init__(self, base, token, root):
        self.base, self.token, self.root = base, token, root

    def url(self, path=""):
        return f"{self.base}/lab/tree/{path}?token={self.token}&reset"


def open_and_run(page, base, token, path, root):
    """Open a notebook and Run All, as the browser tests do (their lab_helpers.py)."""
    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    from lab_helpers import open_notebook, run_all_cells

    notebook = open_notebook(page, Lab(base, token, root), path.removeprefix("notebooks/"))
    run_all_cells(page, notebook, timeout=600_000)
    return notebook


def frames(page):
    return page.evaluate("() => window.__frames")


def bench_panel(page, base, token, course_root):
    nb = {"cells": [{"cell_type": "code", "execution_count": None, "id": "p", "metadata": {},
                     "outputs": [], "source": PANEL_CELL}],
          "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                      "language": "python"}}, "nbformat": 4, "nbformat_minor": 5}
    (course_root / "notebooks" / "bench_panel.ipynb").write_text(json.dumps(nb))
    notebook = open_and_run(page, base, token, "notebooks/bench_panel.ipynb", course_root)
    printed = notebook.locator(".jp-OutputArea-output").first.inner_text()
    engine = float(printed.split("train() alone: ")[1].split(" s")[0])
    live = notebook.locator(".mg-panel").count() > 0
    root = notebook.locator(".mg-panel, .micrograd-training-panel").first
    root.scroll_into_view_if_needed()
    figures = {"train_alone_s": engine}
    page.evaluate(WATCH_LIVE if live else WATCH_OLD, root.element_handle())
    button = root.locator(".mg-play" if live else ".micrograd-train-button")
    clicked = page.evaluate("() => performance.now()")
    button.click()
    if live:
        page.wait_for_function("(r) => r.dataset.state === 'done'", arg=root.element_handle(),
                               timeout=600_000)
    else:
        page.wait_for_function("() => window.__frames.some(f => f[1] === 'done')",
                               timeout=600_000)
        page.wait_for_timeout(500)  # the last picture follows the status line
    seen = frames(page)
    if live:
        first = next(t for t, state, _ in seen if state == "running")
        first_step = next(t for t, _, step in seen if step >= 1)
        done = next(t for t, state, _ in seen if state == "done")
        redraws = [t for t, state, step in seen if state == "running" and step >= 1]
    else:
        first = next(t for t, kind, _ in seen if kind == "status")
        first_step = next(t for t, kind, _ in seen if kind == "image")
        done = max(t for t, kind, _ in seen if kind in ("image", "done"))
        redraws = [t for t, kind, _ in seen if kind == "image"]
    span = (redraws[-1] - redraws[0]) / 1000 if len(redraws) > 1 else float("nan")
    figures.update(first_frame_s=(first - clicked) / 1000,
                   first_step_s=(first_step - clicked) / 1000,
                   frames_per_s=(len(redraws) - 1) / span if span == span and span > 0 else 0.0,
                   panel_100_steps_s=(done - clicked) / 1000)
    figures["panel_over_train"] = figures["panel_100_steps_s"] / engine
    if live:  # pause: five runs, the median
        pauses = []
        for _ in range(5):
            root.locator(".mg-reset").click()
            page.wait_for_function("(r) => r.dataset.state === 'ready'", arg=root.element_handle())
            root.locator(".mg-play").click()
            page.wait_for_function(
                "(r) => r.dataset.state === 'running' && Number(r.dataset.step) >= 5",
                arg=root.element_handle(), timeout=120_000)
            page.evaluate(WATCH_LIVE, root.element_handle())
            clicked = page.evaluate("() => performance.now()")
            root.locator(".mg-play").click()
            page.wait_for_function("(r) => r.dataset.state === 'paused'", arg=root.element_handle(),
                                   timeout=120_000)
            paused = next(t for t, state, _ in frames(page) if state == "paused")
            pauses.append((paused - clicked) / 1000)
        figures["pause_s"] = statistics.median(pauses)
    return figures


def bench_redraw(page, base, token, root, path, container, act, watched):
    """Act on a widget, and time until the watched element of it changed."""
    notebook = open_and_run(page, base, token, path, root)
    widget = notebook.locator(container).first
    widget.scroll_into_view_if_needed()
    times = []
    for _ in range(5):
        target = widget.locator(watched).first
        page.evaluate("""(el) => { window.__changed = null;
            new MutationObserver(() => { if (window.__changed === null)
                window.__changed = performance.now(); })
              .observe(el, {childList: true, subtree: true, characterData: true,
                            attributes: true}); }""", target.element_handle())
        start = page.evaluate("() => performance.now()")
        act(widget)
        page.wait_for_function("() => window.__changed !== null", timeout=60_000)
        times.append((page.evaluate("() => window.__changed") - start) / 1000)
    return statistics.median(times)


NUDGES = ["ArrowRight", "ArrowLeft"]


def nudge(widget):
    """One notch of the explorer's first slider, right then left then right: never at an end."""
    NUDGES.reverse()
    widget.locator(".noUi-handle").first.press(NUDGES[0])


STEPS = [".micrograd-stepper-back", ".micrograd-stepper-next"]


def step_on(widget):
    """Next, then Back, then Next: the stepper never reaches its end."""
    STEPS.reverse()
    widget.locator(STEPS[0]).click()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--course", type=Path, default=ROOT, help="the checkout to measure")
    parser.add_argument("--label", default="this checkout")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        course_root = home / "course"
        shutil.copytree(args.course, course_root, ignore=shutil.ignore_patterns(
            ".git", ".venv", "test-output", "site", "__pycache__", ".ipynb_checkpoints"))
        process, base, token = start_lab(course_root, home)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=shutil.which("chromium"),
                                            args=["--no-sandbox", "--disable-gpu"])
                page = browser.new_page(viewport={"width": 1280, "height": 720})
                page.set_default_timeout(120_000)
                figures = {"label": args.label, "load_average": os.getloadavg()[0]}
                figures.update(bench_panel(page, base, token, course_root))
                figures["explorer_slider_s"] = bench_redraw(
                    page, base, token, course_root, "notebooks/06_neuron_layer_mlp.ipynb",
                    ".micrograd-neuron", nudge, ".micrograd-neuron-output")
                figures["stepper_next_s"] = bench_redraw(
                    page, base, token, course_root, "notebooks/04_automatic_backprop.ipynb",
                    ".micrograd-stepper", step_on,
                    ".micrograd-stepper-graph")
                figures["load_average_end"] = os.getloadavg()[0]
                browser.close()
        finally:
            os.killpg(process.pid, 15)
            process.wait(30)
    for name, value in figures.items():
        print(f"{name:>20}: {value:.3f}" if isinstance(value, float) else f"{name:>20}: {value}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return figures


ROWS = [  # (figure, what it measures, its goal)
    ("first_frame_s", "Play → the page shows training, s", "≤ 0.5"),
    ("first_step_s", "Play → the first step's result drawn, s", None),
    ("frames_per_s", "redraws per second while training", "≥ 4"),
    ("steps_per_s", "steps per second in the panel (a redraw needs a step)", None),
    ("panel_100_steps_s", "100 steps in the panel, s", None),
    ("train_alone_s", "100 steps of train() alone, same kernel, s", None),
    ("panel_over_train", "the panel's 100 steps ÷ train()'s", "≤ 1.3"),
    ("pause_s", "Pause → the page shows it paused, s", "≤ 0.2"),
    ("explorer_slider_s", "explorer: slider → output redrawn, s", None),
    ("stepper_next_s", "stepper: Next → graph redrawn, s", None),
    ("load_average", "load average (1 min) at the start", None),
    ("load_average_end", "load average (1 min) at the end", None),
]


def results_section(before, after):
    """The markdown section of results.md for two runs of this benchmark."""
    from bench import BROWSER_START

    def cell(run, key):
        value = run.get(key)
        if key == "steps_per_s":
            value = 100 / run["panel_100_steps_s"]
        return "n/a" if value is None else f"{value:.1f}" if key.startswith("load") else \
            f"{value:.3g}"

    lines = [BROWSER_START, "", "## The widgets in the browser", "",
             "Reproduce with `.venv/bin/python benchmarks/browser_bench.py --course OLD "
             "--label before --json benchmarks/browser_before.json`, then the same for this "
             "checkout with `--label after --json benchmarks/browser_after.json`, and "
             "`--results` to write this section (JupyterLab in Debian's Chromium at 1280×720, "
             "the course's 2-16-16-1 on its 100 points, 100 steps at rate 0.2). "
             f"{before['label'].capitalize()}; {after['label']}.", "",
             "| measure | before | after | goal |", "|---|---:|---:|---|"]
    for key, what, goal in ROWS:
        lines.append(f"| {what} | {cell(before, key)} | {cell(after, key)} | {goal or ''} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    if sys.argv[1:] == ["--results"]:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from bench import BROWSER_START, RESULTS_MD

        here = Path(__file__).resolve().parent
        runs = [json.loads((here / f"browser_{k}.json").read_text()) for k in ("before", "after")]
        text = RESULTS_MD.read_text(encoding="utf-8")
        text = text[:text.index(BROWSER_START)] if BROWSER_START in text else text + "\n"
        RESULTS_MD.write_text(text + results_section(*runs), encoding="utf-8")
        print(results_section(*runs))
    else:
        main()
