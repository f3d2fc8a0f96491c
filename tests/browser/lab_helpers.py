"""Driving JupyterLab the way a person does: open a notebook, Run > Run All Cells, wait."""

import base64
import hashlib
import json
import sys
import time
import urllib.error
import urllib.request

KERNEL_READY_TIMEOUT = 60_000  # ms
RUN_ALL_TIMEOUT = 300_000  # ms: a loaded 2-core machine runs notebook 4 in about a minute


def open_notebook(page, lab, name):
    """Open notebooks/<name> in JupyterLab and wait until its kernel is idle."""
    path = f"notebooks/{name}"
    assert (lab.root / path).exists(), f"{path} does not exist"
    # what JupyterLab asks the server for when it opens the notebook: a clear message if the
    # server cannot read it (the page would only show a spinner)
    response = page.request.get(f"{lab.base}/api/contents/{path}?type=notebook&content=1",
                                headers={"Authorization": f"token {lab.token}"})
    assert response.ok, (f"the Jupyter server cannot open {path}: HTTP {response.status}: "
                         f"{response.text()[:600]}")
    page.goto(lab.url(path))
    panel = page.locator(".jp-NotebookPanel:visible").first
    panel.locator(".jp-Cell").first.wait_for()
    panel.locator(".jp-Spinner").wait_for(state="hidden")
    wait_kernel_idle(page)
    return panel


def wait_kernel_idle(page, timeout=KERNEL_READY_TIMEOUT):
    """The toolbar's execution indicator says the kernel is idle (started, nothing running)."""
    page.locator(".jp-NotebookPanel:visible .jp-Notebook-ExecutionIndicator"
                 "[data-status='idle']").first.wait_for(timeout=timeout)


def menu(page, name, command):
    """Click a menu of the menu bar, then one of its items (by JupyterLab command id)."""
    page.locator(".lm-MenuBar-item", has_text=name).first.click()
    page.locator(f".lm-Menu-item[data-command='{command}']").click()


PROMPTS = "[...panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt:not(.jp-Placeholder-prompt)')]"


def run_all_cells(page, panel, timeout=RUN_ALL_TIMEOUT):
    """Edit > Clear Outputs of All Cells, then Run > Run All Cells, and wait until every code
    cell has run: clearing first empties the stored prompts ([ ]), so a prompt with a number
    is one of this run."""
    menu(page, "Edit", "editmenu:clear-all")
    page.wait_for_function(f"(panel) => {PROMPTS}.every(p => !/\\d/.test(p.textContent))",
                           arg=panel.element_handle())
    for attempt in range(2):  # a click that lands while the menu is still opening does nothing
        menu(page, "Run", "runmenu:run-all")
        try:  # the first cell starts ([*]) or is done
            page.wait_for_function(f"(panel) => /[*\\d]/.test({PROMPTS}[0].textContent)",
                                   arg=panel.element_handle(), timeout=30_000)
            break
        except Exception:
            if attempt:
                raise
    # every code cell's prompt shows a number: none is waiting ([*]) or unrun ([ ]); a cell whose
    # source is hidden (an exercise's solution) shows a placeholder prompt, which never counts
    done = f"{PROMPTS}.length > 0 && {PROMPTS}.every(p => /\\[\\d+\\]/.test(p.textContent))"
    page.wait_for_function(f"(panel) => {done}", arg=panel.element_handle(), timeout=timeout)
    wait_kernel_idle(page, timeout=timeout)
    errors = panel.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
                           ", .jp-RenderedText[data-mime-type='application/vnd.jupyter.error']")
    assert errors.count() == 0, "a cell raised an error:\n" + "\n".join(errors.all_inner_texts())


def image_digest(locator):
    """A short hash of what an <img> shows: its data: URL's bytes, or its src."""
    src = locator.get_attribute("src") or ""
    if src.startswith("data:") and "," in src:
        payload = src.split(",", 1)[1]
        try:
            return hashlib.sha256(base64.b64decode(payload)).hexdigest()[:16]
        except ValueError:
            pass
    if src.startswith("blob:"):  # ipywidgets' Image shows its bytes through a blob: URL
        data = locator.evaluate(
            """async (img) => {
                const bytes = new Uint8Array(await (await fetch(img.src)).arrayBuffer());
                let s = ''; for (const b of bytes) s += String.fromCharCode(b);
                return btoa(s);
            }""")
        return hashlib.sha256(base64.b64decode(data)).hexdigest()[:16]
    return hashlib.sha256(src.encode()).hexdigest()[:16]


def shut_down_kernels(lab):
    """End the sessions and kernels a test's notebooks started: closing the tab leaves them
    running, a session of many tests would pile them up, and a notebook opened again would join
    its old session instead of starting as a student's does (and restoring its saved widgets)."""
    headers = {"Authorization": f"token {lab.token}"}
    for kind in ("sessions", "kernels"):  # a session's kernel ends with it; then any other
        for attempt in range(5):  # the list can fail (500) while a kernel is shutting down
            try:
                with urllib.request.urlopen(urllib.request.Request(
                        f"{lab.base}/api/{kind}", headers=headers), timeout=10) as r:
                    running = json.load(r)
                break
            except urllib.error.HTTPError:
                if attempt == 4:
                    raise
                time.sleep(1)
        for item in running:
            request = urllib.request.Request(f"{lab.base}/api/{kind}/{item['id']}",
                                             headers=headers, method="DELETE")
            try:
                with urllib.request.urlopen(request, timeout=30):
                    pass
            except urllib.error.HTTPError as error:  # already on its way out
                print(f"{kind[:-1]} {item['id']} could not be ended: {error}", file=sys.stderr)
