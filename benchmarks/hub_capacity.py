"""How many students a JupyterHub machine holds: memory per student and the wait for Run All.

    sudo .venv/bin/python benchmarks/hub_capacity.py            # N = 1, 2, 3 students
    sudo .venv/bin/python benchmarks/hub_capacity.py --students 1 2 4 \
        --notebook 04_automatic_backprop.ipynb

For each N it starts the hub classroom of the hub test (tests/hub/classroom.py: system users,
JupyterHub on 127.0.0.1, LocalProcessSpawner, the course handed out with nbgitpuller), logs N
students in with Chromium, each opens the notebook through the course's link, and all N press
Run > Run All Cells at the same moment. It prints, per N: the wait from the click to the last
cell done (each student's, then the longest), and the memory (proportional set size, PSS: shared
pages counted once across processes) of each student's Jupyter server and kernel after the run,
and of the hub with its proxy. Needs root, like the hub test. The figures and a sizing rule are
in docs/teaching-on-jupyterhub.md.
"""

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests" / "hub"), str(ROOT / "tests" / "browser")]

from classroom import Classroom, log_in, why_not  # noqa: E402

PROMPTS = ("[...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell "
           ".jp-InputPrompt:not(.jp-Placeholder-prompt)')]")
DONE = (f"{PROMPTS}.length > 0 && {PROMPTS}.every(p => /\\[\\d+\\]/.test(p.textContent))"
        " && !!document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) "
        ".jp-Notebook-ExecutionIndicator[data-status=\"idle\"]')")
CLEARED = f"{PROMPTS}.every(p => !/\\d/.test(p.textContent))"


def pss_kib(pid):
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def processes():
    """(pid, uid, command line) of every process."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                yield int(entry.name), entry.stat().st_uid, cmd
            except OSError:
                pass


def memory(room, students):
    rows = {}
    for name in students:
        uid = room.uid(name)
        server = sum(pss_kib(p) for p, u, c in processes()
                     if u == uid and "jupyterhub-singleuser" in c)
        kernel = sum(pss_kib(p) for p, u, c in processes()
                     if u == uid and "ipykernel_launcher" in c)
        rows[name] = (server / 1024, kernel / 1024)
    hub = sum(pss_kib(p) for p, u, c in processes()
              if u == 0 and (str(room.base) in c and "jupyterhub" in c
                             or "configurable-http-proxy" in c and str(room.port) in c))
    return rows, hub / 1024


def menu(page, name, command):
    page.locator(".lm-MenuBar-item", has_text=name).first.click()
    page.locator(f".lm-Menu-item[data-command='{command}']").click()


def measure(n, notebook, browser):
    students = [f"mgc-s{i}" for i in range(1, n + 1)]
    with Classroom(students=students) as room:
        pages = {}
        for name in students:
            context = browser.new_context(viewport={"width": 1280, "height": 720})
            page = context.new_page()
            page.set_default_timeout(300_000)
            log_in(page, room, name)
            page.goto(room.pull_link(notebook))
            page.wait_for_url(f"**/lab/tree/micrograd-course/notebooks/{notebook}*")
            page.locator(".jp-NotebookPanel:visible .jp-Notebook-ExecutionIndicator"
                         "[data-status='idle']").first.wait_for()
            for attempt in range(5):  # a click while JupyterLab is still busy does nothing
                menu(page, "Edit", "editmenu:clear-all")
                try:
                    page.wait_for_function(CLEARED, timeout=15_000)
                    break
                except Exception:
                    if attempt == 4:
                        raise
            pages[name] = page
        idle, _ = memory(room, students)
        start = {}
        for name, page in pages.items():  # all click Run All within a second or two
            menu(page, "Run", "runmenu:run-all")
            start[name] = time.monotonic()
        time.sleep(3)  # a queued cell shows [*] at once: a click that did nothing is repeated
        for page in pages.values():
            if not page.evaluate(f"/[*\\d]/.test({PROMPTS}[0].textContent)"):
                menu(page, "Run", "runmenu:run-all")
        waits, deadline = {}, time.monotonic() + 1800
        while len(waits) < n:
            if time.monotonic() > deadline:
                raise TimeoutError(f"Run All did not finish in 30 min: {sorted(waits)} did")
            for name, page in pages.items():
                if name not in waits and page.evaluate(DONE):
                    waits[name] = time.monotonic() - start[name]
            time.sleep(0.5)
        after, hub = memory(room, students)
        for page in pages.values():
            page.context.close()
    return waits, idle, after, hub


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--notebook", default="07_training.ipynb")
    args = parser.parse_args(argv)
    problem = why_not() or (None if shutil.which("chromium") else "no chromium on PATH")
    if problem:
        sys.exit(f"hub_capacity: {problem}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), headless=True,
                                    args=["--no-sandbox", "--disable-gpu"])
        print(f"{args.notebook}: N students press Run All at once\n")
        print(f"{'N':>2}  {'wait each (s)':<24} {'longest':>8}  {'server MiB':>11} "
              f"{'kernel MiB':>11} {'kernel idle':>11}  {'hub+proxy':>9}")
        for n in args.students:
            waits, idle, after, hub = measure(n, args.notebook, browser)
            each = " ".join(f"{waits[s]:.0f}" for s in sorted(waits))
            server = statistics.mean(v[0] for v in after.values())
            kernel = statistics.mean(v[1] for v in after.values())
            kernel_idle = statistics.mean(v[1] for v in idle.values())
            print(f"{n:>2}  {each:<24} {max(waits.values()):>8.0f}  {server:>11.0f} "
                  f"{kernel:>11.0f} {kernel_idle:>11.0f}  {hub:>9.0f}", flush=True)
        browser.close()


if __name__ == "__main__":
    main()
