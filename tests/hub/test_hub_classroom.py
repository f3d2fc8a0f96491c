"""A JupyterHub classroom, end to end: a teacher and two students on a real JupyterHub.

tests/hub/classroom.py builds it (system users, a bare git repository of the course, the
course installed as an admin installs it, the user environment's Jupyter config from
docs/teaching-on-jupyterhub.md, JupyterHub with configurable-http-proxy on 127.0.0.1), and
these tests drive it the way the people do, in Chromium at 1280x720, in order:

1. each student logs in and clicks the course's nbgitpuller link: the course arrives in their
   home and notebook 04 opens with its stored widgets drawn, with no terminal and no "Trust
   Notebook" (docs/hub/jupyter_server_config.py trusts what the course ships);
2. opening a notebook does not change it (JupyterLab's Save writes back what was pulled);
3. nbgrader: the teacher generates and releases 01_derivatives in the formgrader (a tab of
   its own), the students fetch, validate and submit it in the Assignments tab, one right,
   one wrong; the teacher collects, autogrades and releases feedback in the formgrader; the
   scores are 4/4 and 0/4 and a student fetches their feedback in the Assignments tab;
4. permissions: a student can read neither the teacher's sources (with the solutions) nor
   the other student's files or submission;
5. an update: the teacher pushes a fix, the admin updates /srv/micrograd-course, a student
   clicks the link again: their saved answer stays, the fix arrives in a cell they did not
   touch, and a fix in the cell they changed is dropped (what nbgitpuller does).

It runs only with MICROGRAD_HUB_TEST=1 (it takes minutes). It needs root (useradd; the hub
starts each server as its user), JupyterHub, nbgitpuller and nbgrader in this environment,
configurable-http-proxy and chromium on PATH (.ci/run installs them); without them it is
skipped and says why. Screenshots go to test-output/hub/.
"""

import contextlib
import csv
import io
import json
import os
import re
import shutil
import time
import tokenize

import nbformat
import pytest

pytest.importorskip("playwright", reason="Playwright is not installed (pip install playwright)")

from classroom import ROOT, TEACHER, Classroom, git, log_in, why_not  # noqa: E402

OUTPUT = ROOT / "test-output" / "hub"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
ALICE, BOB = "mgc-alice", "mgc-bob"  # alice answers right, bob wrong
ASSIGNMENT = "01_derivatives"  # 4 points: flat_point 1, slope_estimate 1, product_partials 2
POINTS = 4
SPAWN_TIMEOUT = 180_000  # ms: a server starts, nbgitpuller clones, JupyterLab loads
KERNEL_TIMEOUT = 90_000
WIDGET_TIMEOUT = 120_000  # ms: stored widgets drawn (a loaded 2-core machine is slow)
FALLBACKS = (r"BackpropStepper\(", r"NeuronExplorer\(", r"TrainingPanel\(", r"HBox\(children",
             r"VBox\(children", r"FloatProgress\(", r"Error displaying widget")

if os.environ.get("MICROGRAD_HUB_TEST") != "1":  # opt-in: minutes long, and it needs root
    pytest.skip("the JupyterHub classroom test runs with MICROGRAD_HUB_TEST=1 (as root)",
                allow_module_level=True)
_why = why_not() or (None if shutil.which("chromium") else "no `chromium` on PATH")
if _why:
    print(f"\nJupyterHub classroom test skipped: {_why}")
    pytest.skip(f"JupyterHub classroom test skipped: {_why}", allow_module_level=True)


@pytest.fixture(scope="module")
def room():
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with Classroom(students=(ALICE, BOB)) as classroom:
        try:
            yield classroom
        finally:  # the hub's log, for a failure's report
            (OUTPUT / "jupyterhub.log").write_text(classroom.log_tail(400_000))


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=shutil.which("chromium"), headless=True,
                              args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def pages(browser, room):
    """One logged-in browser tab per user (each its own cookies), kept for the whole module."""
    contexts, tabs = [], {}

    def tab(name):
        if name not in tabs:
            context = browser.new_context(viewport={"width": 1280, "height": 720})
            contexts.append(context)
            page = context.new_page()
            page.set_default_timeout(60_000)
            log_in(page, room, name)
            tabs[name] = page
        return tabs[name]

    try:
        yield tab
    finally:
        for context in contexts:
            context.close()


def shot(page, name):
    page.screenshot(path=OUTPUT / f"{name}.png")


@contextlib.contextmanager
def shot_on_failure(page, name):
    """What the page showed when a step failed: test-output/hub/<name>-failed.png."""
    try:
        yield
    except BaseException:
        shot(page, f"{name}-failed")
        raise


def open_by_link(page, room, notebook):
    """Click the course's nbgitpuller link; wait for the notebook to open, its kernel idle."""
    page.goto(room.pull_link(notebook))
    page.wait_for_url(f"**/lab/tree/micrograd-course/notebooks/{notebook}*",
                      timeout=SPAWN_TIMEOUT)
    panel = page.locator(".jp-NotebookPanel:visible").first
    panel.locator(".jp-Cell").first.wait_for(timeout=SPAWN_TIMEOUT)
    panel.locator(".jp-Spinner").wait_for(state="hidden")
    page.locator(".jp-NotebookPanel:visible .jp-Notebook-ExecutionIndicator"
                 "[data-status='idle']").first.wait_for(timeout=KERNEL_TIMEOUT)
    return panel


def shut_down_kernels(page, room, name):
    """End the user's kernels (a test's notebooks must not pile up kernels on 2 cores)."""
    base = f"{room.url}/user/{name}/api"
    xsrf = next((c["value"] for c in page.context.cookies() if c["name"] == "_xsrf"), "")
    for kernel in page.request.get(f"{base}/kernels").json():
        page.request.delete(f"{base}/kernels/{kernel['id']}", headers={"X-XSRFToken": xsrf})


# --- 1. the course through the link, widgets drawn, no trust step -------------------------------

@pytest.mark.parametrize("student", [ALICE, BOB])
def test_a_student_opens_the_course_by_its_link_and_sees_the_widgets(room, pages, student):
    page = pages(student)
    panel = open_by_link(page, room, "04_automatic_backprop.ipynb")
    copy = room.student_copy(student)
    assert (copy / ".git").is_dir() and (copy / "notebooks" / "07_training.ipynb").exists()
    assert copy.stat().st_uid == room.uid(student), "the course copy is not the student's own"
    stepper = panel.locator(".jp-OutputArea-output .micrograd-stepper").first
    try:
        stepper.wait_for(timeout=WIDGET_TIMEOUT)
        stepper.locator(".micrograd-stepper-graph svg").wait_for()
    finally:
        shot(page, f"1-{student}-04-first-open")
    stepper.scroll_into_view_if_needed()
    assert re.search(r"step \d+ of \d+", stepper.inner_text())
    texts = "\n".join(panel.locator(".jp-OutputArea-output").all_inner_texts())
    for fallback in FALLBACKS:
        assert not re.search(fallback, texts), f"a widget shows as text ({fallback})"
    # nobody ran a cell or trusted anything: the prompts are those stored, no terminal exists
    assert page.request.get(f"{room.url}/user/{student}/api/terminals").json() == []
    shot(page, f"1-{student}-04-stepper")
    shut_down_kernels(page, room, student)


def test_the_training_panel_shows_too(room, pages):
    page = pages(ALICE)
    panel = open_by_link(page, room, "07_training.ipynb")
    training = panel.locator(".jp-OutputArea-output .micrograd-training-panel").first
    with shot_on_failure(page, "1-alice-07"):
        training.wait_for(timeout=WIDGET_TIMEOUT)
        training.locator(".mg-data").wait_for()  # drawn from the stored state, nothing run
        page.wait_for_function(
            "(el) => el.querySelector('.mg-status').textContent.startsWith('Ready: step 0')",
            arg=training.element_handle(), timeout=WIDGET_TIMEOUT)
    training.scroll_into_view_if_needed()
    assert training.locator(".mg-data").get_attribute("aria-label").startswith(
        "Data plot: 100 points"), training.locator(".mg-data").get_attribute("aria-label")
    shot(page, "1-alice-07-training-panel")
    texts = "\n".join(panel.locator(".jp-OutputArea-output").all_inner_texts())
    for fallback in FALLBACKS:
        assert not re.search(fallback, texts), f"a widget shows as text ({fallback})"
    shut_down_kernels(page, room, ALICE)


# --- 2. opening a notebook does not change it ---------------------------------------------------

def wait_until_saved(page, path):
    before = path.stat().st_mtime_ns
    page.keyboard.press("Control+s")
    deadline = time.monotonic() + 30
    while path.stat().st_mtime_ns == before and time.monotonic() < deadline:
        time.sleep(0.25)
    assert path.stat().st_mtime_ns != before, "Save did not write the notebook"
    return json.loads(path.read_text(encoding="utf-8"))


def is_hidden(cell):
    return cell.get("metadata", {}).get("jupyter", {}).get("outputs_hidden", False)


def test_opening_a_notebook_does_not_change_it(room, pages):
    """JupyterLab marks a notebook changed on opening it when the Python version the kernel
    reports is not the stored one (the hub's Python is not the one the course was run with:
    here 3.11.2 against 3.11.7); the hub's server config hands it the kernel's version.
    JupyterLab also adds `collapsed: true` to a cell stored with its outputs hidden (the
    solutions folded away; they are to become markdown): the notebook opened here is the
    course's first, without those cells, and must not be marked changed; the course's own
    notebook, saved, differs from what was pulled in nothing but those two things."""
    page = pages(BOB)
    name = "01_derivatives.ipynb"
    notebooks = room.student_copy(BOB) / "notebooks"
    original = json.loads((notebooks / name).read_text(encoding="utf-8"))
    plain = dict(original, cells=[c for c in original["cells"] if not is_hidden(c)])
    copy = notebooks / "01_without_hidden_cells.ipynb"
    copy.write_text(json.dumps(plain, indent=1), encoding="utf-8")
    os.chown(copy, room.uid(BOB), room.gid(BOB))
    open_by_link(page, room, copy.name)  # the link opens any notebook of the course's folder
    time.sleep(8)  # what JupyterLab changes, it changes in the first seconds (kernel info)
    dirty = page.locator(".lm-TabBar-tab.jp-mod-dirty")
    shot(page, "2-bob-01-opened")
    assert dirty.count() == 0, "opening the notebook marked it changed"
    shut_down_kernels(page, room, BOB)
    copy.unlink()

    panel = open_by_link(page, room, name)
    time.sleep(8)
    panel.locator(".jp-Cell").first.click()
    saved = wait_until_saved(page, notebooks / name)
    hub_python = saved["metadata"]["language_info"]["version"]
    assert saved["metadata"]["language_info"] == dict(original["metadata"]["language_info"],
                                                      version=hub_python)
    saved["metadata"]["language_info"] = original["metadata"]["language_info"]
    for before, after in zip(original["cells"], saved["cells"]):
        if is_hidden(before):
            after["metadata"].pop("collapsed", None)
    assert saved == original
    shut_down_kernels(page, room, BOB)
    room.run_as(BOB, "git", "checkout", "--", f"notebooks/{name}", cwd=room.student_copy(BOB))


# --- 3. nbgrader: release, fetch, validate, submit, autograde, feedback -------------------------

def nbgrader(room, *args):
    done = room.run_as(TEACHER, "nbgrader", *args, cwd=room.grading)
    log = done.stdout + done.stderr
    assert "ERROR" not in log, log[-4000:]
    return log


def open_assignments(page, room, name):
    """JupyterLab's Nbgrader > Assignments (the students' Assignment List), freshly loaded."""
    page.goto(f"{room.url}/user/{name}/lab")
    page.locator(".lm-MenuBar-item", has_text="Nbgrader").first.wait_for()
    released = page.locator("#released_assignments_list:visible")
    for attempt in range(5):  # a click while JupyterLab is still starting up does nothing
        if released.count():
            break
        page.locator(".lm-MenuBar-item", has_text="Nbgrader").first.click()
        page.locator(".lm-Menu-item[data-command='nbgrader:open-assignment-list']").click()
        try:
            released.wait_for(timeout=10_000)
        except Exception:
            if attempt == 4:
                raise
    # the lists are filled in once the server has looked at the exchange
    page.locator("#released_assignments_list_loading").wait_for(state="hidden")
    page.locator("#fetched_assignments_list_loading").wait_for(state="hidden")
    page.locator("#submitted_assignments_list_loading").wait_for(state="hidden")


def solved(source):
    """A right answer: the source's answer cell, markers taken out (as test_nbgrader_course)."""
    return "\n".join(line for line in source.split("\n")
                     if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))


def wrong(source):
    """A wrong answer: the release's answer cell with every `...` placeholder made 999."""
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    lines = source.split("\n")
    for token in reversed(tokens):
        if token.type == tokenize.OP and token.string == "...":
            (row, col), (_, end) = token.start, token.end
            lines[row - 1] = lines[row - 1][:col] + "999" + lines[row - 1][end:]
    return "\n".join(lines)


def answer(room, student, right):
    """The student's answers, written into their fetched notebook (as they would type them):
    the worked solutions for one, every placeholder made a wrong number for the other."""
    source = nbformat.read(room.grading / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", 4)
    solutions = {c.metadata["nbgrader"]["grade_id"]: c.source for c in source.cells
                 if c.metadata.get("nbgrader", {}).get("solution")}
    path = room.home(student) / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    nb = nbformat.read(path, 4)
    answered = 0
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            cell.source = (solved(solutions[meta["grade_id"]]) if right
                           else wrong(cell.source))
            answered += 1
    assert answered == 3
    nbformat.write(nb, path)
    os.chown(path, room.uid(student), room.gid(student))


def open_formgrader(page, room):
    """The formgrader in a tab of its own (JupyterHub >= 4.1 forbids it in a frame), its
    Manage Assignments page: one row per assignment of the teacher's course folder."""
    page.goto(f"{room.url}/user/{TEACHER}/formgrader")
    page.locator("h1, .page-header", has_text="Manage Assignments").first.wait_for(
        timeout=SPAWN_TIMEOUT)
    row = page.locator("tr", has=page.locator("td.name", has_text=ASSIGNMENT))
    row.wait_for(timeout=KERNEL_TIMEOUT)
    return row


def formgrader_action(page, row, column, name):
    """Click a row's button in a column of Manage Assignments; the formgrader says Success in
    a dialog with nbgrader's log, which is closed again."""
    row.locator(f"td.{column} a").click()
    dialog = page.locator("#success-modal, #error-modal")
    dialog.wait_for(timeout=KERNEL_TIMEOUT * 2)
    page.locator("#success-modal.in, #error-modal.in").wait_for()  # faded in
    shot(page, f"3-teacher-formgrader-{name}")
    text = dialog.inner_text()
    assert dialog.get_attribute("id") == "success-modal", text
    dialog.locator(".modal-footer button").click()
    dialog.wait_for(state="detached")
    return text


def test_the_teacher_generates_and_releases_in_the_formgrader(room, pages):
    page = pages(TEACHER)
    row = open_formgrader(page, room)
    shot(page, "3-teacher-formgrader")
    with shot_on_failure(page, "3-teacher-formgrader"):
        log = formgrader_action(page, row, "assign", "generated")
        assert "Successfully created the student version" in log, log
        row.locator("td.release a").wait_for()
        log = formgrader_action(page, row, "release", "released")
        row.locator("td.status", has_text="released").wait_for()
        shot(page, "3-teacher-formgrader-after-release")
    release = room.exchange / "micrograd" / "outbound" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert release.exists(), log
    assert "BEGIN SOLUTION" not in release.read_text(encoding="utf-8")


def test_the_students_fetch_in_the_assignments_tab(room, pages):
    for student in (ALICE, BOB):
        page = pages(student)
        open_assignments(page, room, student)
        fetch = page.locator("#released_assignments_list:visible button", has_text="Fetch")
        fetch.wait_for()
        shot(page, f"3-{student}-assignments-released")
        fetch.click()
        page.locator("#fetched_assignments_list:visible .list_item",
                     has_text=ASSIGNMENT).first.wait_for()
        fetched = room.home(student) / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
        assert fetched.exists()
        text = fetched.read_text(encoding="utf-8")
        assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text


def test_the_students_validate_and_submit_in_the_assignments_tab(room, pages):
    for student, right in ((ALICE, True), (BOB, False)):
        answer(room, student, right)
        page = pages(student)
        with shot_on_failure(page, f"3-{student}-validate"):
            validate_and_submit(page, room, student, right)


def validate_and_submit(page, room, student, right):
    """Assignments tab: unfold the assignment, Validate its notebook, read the verdict, Submit."""
    open_assignments(page, room, student)
    item = page.locator("#fetched_assignments_list:visible > .list_item",
                        has_text=ASSIGNMENT).first
    item.wait_for()
    validate = page.locator("#fetched_assignments_list:visible button",
                            has_text="Validate").first
    for attempt in range(5):  # its notebooks are folded under it (and the list may redraw)
        if validate.is_visible():
            break
        item.locator("a.assignment-notebooks-link").first.click()
        try:
            validate.wait_for(timeout=3000)
        except Exception:
            if attempt == 4:
                raise
    validate.click()
    dialog = page.locator(".jp-Dialog")
    dialog.wait_for(timeout=KERNEL_TIMEOUT * 2)
    dialog.locator(".jp-Dialog-body").wait_for()
    shot(page, f"3-{student}-validated")
    verdict = dialog.inner_text()
    if right:
        assert "Success" in verdict and "passes all the tests" in verdict, verdict
    else:
        assert "The following cell failed" in verdict and "AssertionError" in verdict, verdict
    dialog.locator("button", has_text="Ok").first.click()
    dialog.wait_for(state="hidden")
    page.locator("#fetched_assignments_list:visible button", has_text="Submit").first.click()
    page.locator("#submitted_assignments_list:visible .list_item",
                 has_text=ASSIGNMENT).first.wait_for(timeout=KERNEL_TIMEOUT)
    shot(page, f"3-{student}-submitted")


def test_the_teacher_collects_autogrades_and_releases_feedback_in_the_formgrader(room, pages):
    page = pages(TEACHER)
    row = open_formgrader(page, room)
    with shot_on_failure(page, "3-teacher-formgrader-grading"):
        formgrader_action(page, row, "collect", "collected")
        row.locator("td.num-submissions", has_text="2").wait_for()
        # the assignment's submissions, one row per student: Autograde each
        row.locator("td.num-submissions a").click()
        page.wait_for_url(f"**/formgrader/manage_submissions/{ASSIGNMENT}*")
        for student in (ALICE, BOB):
            submission = page.locator("tr", has=page.locator("td.student-id", has_text=student))
            formgrader_action(page, submission, "autograde", f"autograded-{student}")
            submission.locator("td.status", has_text="graded").wait_for()
        scores = {}
        for student in (ALICE, BOB):
            submission = page.locator("tr", has=page.locator("td.student-id", has_text=student))
            scores[student] = " ".join(submission.locator("td.score").inner_text().split())
        shot(page, "3-teacher-formgrader-submissions")
        assert scores == {ALICE: f"{POINTS} / {POINTS}", BOB: f"0 / {POINTS}"}, scores
        row = open_formgrader(page, room)
        formgrader_action(page, row, "generate-feedback", "feedback-generated")
        formgrader_action(page, row, "release-feedback", "feedback-released")
    # the grades, one row per student and exercise: `nbgrader export` in the teacher's terminal
    nbgrader(room, "export")
    rows = list(csv.DictReader(io.StringIO(
        (room.grading / "grades.csv").read_text(encoding="utf-8"))))
    totals = {}
    for row in rows:
        total = totals.setdefault(row["student_id"], [0.0, 0.0])
        total[0] += float(row["score"])
        total[1] += float(row["max_score"])
    assert totals == {ALICE: [POINTS, POINTS], BOB: [0.0, POINTS]}, rows


def test_a_student_fetches_their_feedback(room, pages):
    page = pages(ALICE)
    open_assignments(page, room, ALICE)
    button = page.locator("#submitted_assignments_list:visible button", has_text="Fetch Feedback")
    button.first.wait_for()
    button.first.click()
    feedback = room.home(ALICE) / ASSIGNMENT / "feedback"
    deadline = time.monotonic() + 30
    while not list(feedback.glob(f"*/{ASSIGNMENT}.html")) and time.monotonic() < deadline:
        time.sleep(0.5)
    pages_found = list(feedback.glob(f"*/{ASSIGNMENT}.html"))
    assert pages_found, f"no feedback in {feedback}"
    html = pages_found[0].read_text(encoding="utf-8")
    assert re.search(rf"Score:\s*{POINTS}(\.0)?\s*/\s*{POINTS}", html), html[:2000]
    page.goto(f"{room.url}/user/{ALICE}/files/{ASSIGNMENT}/feedback/"
              f"{pages_found[0].parent.name}/{ASSIGNMENT}.html")
    shot(page, "3-alice-feedback")


def test_a_student_cannot_read_the_teachers_sources_or_the_other_students_work(room):
    source = room.grading / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert "BEGIN SOLUTION" in source.read_text(encoding="utf-8")
    inbound = room.exchange / "micrograd" / "inbound"
    submissions = sorted(p.name for p in inbound.iterdir())
    assert len(submissions) == 2 and all("+" in s for s in submissions), submissions
    alice_submission = next(inbound / s for s in submissions if s.startswith(ALICE + "+"))
    probe = (
        "import os, sys\n"
        "for path in sys.argv[1:]:\n"
        "    try:\n"
        "        if os.path.isdir(path): os.listdir(path)\n"
        "        else: open(path).read(1)\n"
        "        print('READ', path)\n"
        "    except PermissionError:\n"
        "        print('DENIED', path)\n")
    targets = [source, source.parent, room.grading, room.home(TEACHER),
               room.home(ALICE), room.home(ALICE) / ASSIGNMENT / f"{ASSIGNMENT}.ipynb",
               room.student_copy(ALICE) / "notebooks" / "01_derivatives.ipynb",
               inbound, room.exchange / "micrograd" / "feedback"]
    done = room.run_as(BOB, "python", "-c", probe, *targets)
    verdicts = dict(line.split(" ", 1)[::-1] for line in done.stdout.splitlines())
    assert verdicts == {str(t): "DENIED" for t in targets}, done.stdout
    # what bob may see: the released assignment, and his own files
    allowed = [room.exchange / "micrograd" / "outbound" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb",
               room.home(BOB) / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"]
    done = room.run_as(BOB, "python", "-c", probe, *allowed)
    assert done.stdout.split() == [w for t in allowed for w in ("READ", str(t))], done.stdout
    # alice's submission has a name nobody can list (inbound is write-only for students), with
    # a random part nobody can guess: bob has no way to it
    # nbgrader names a submission user+assignment+time+random, and the random part may hold "-"
    assert re.fullmatch(rf"{ALICE}\+{ASSIGNMENT}\+.+\+[\w-]+", alice_submission.name)


# --- 5. an update through nbgitpuller -----------------------------------------------------------

def write_notebook(nb, path, owner=None):
    """Write a notebook as JupyterLab's server (and the course's build) writes it."""
    path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
    if owner:
        os.chown(path, owner[0], owner[1])


def test_an_update_keeps_the_students_answer_and_brings_the_teachers_fix(room, pages):
    name = "01_derivatives.ipynb"
    mine = room.student_copy(ALICE) / "notebooks" / name
    nb = nbformat.read(mine, 4)
    exercise = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code"
                    and "..." in c.source and "check_" in c.source)
    answer_source = nb.cells[exercise].source.replace("...", "0.0", 1)
    nb.cells[exercise].source = answer_source  # what alice typed and saved
    write_notebook(nb, mine, (room.uid(ALICE), room.gid(ALICE)))

    # the teacher's fix: the first cell's text (alice never touched it), and the exercise cell
    # alice changed; committed, pushed, and the admin updates the course's own install
    theirs = room.upstream / "notebooks" / name
    fixed = nbformat.read(theirs, 4)
    fix = "\n\n*Fixed by the teacher after the course began.*"
    fixed.cells[0].source += fix
    fixed.cells[exercise].source = "# a hint from the teacher\n" + fixed.cells[exercise].source
    write_notebook(fixed, theirs)
    git("commit", "--quiet", "-am", "Fix notebook 1", cwd=room.upstream)
    git("push", "--quiet", "origin", "main", cwd=room.upstream)
    git("pull", "--quiet", cwd=room.course)  # sudo git -C /srv/micrograd-course pull

    page = pages(ALICE)
    panel = open_by_link(page, room, name)  # the same link, clicked again
    merged = nbformat.read(mine, 4)
    assert merged.cells[exercise].source == answer_source, "the student's answer was lost"
    assert merged.cells[0].source.endswith(fix), "the teacher's fix did not arrive"
    assert "a hint from the teacher" not in mine.read_text(encoding="utf-8"), (
        "nbgitpuller is said to keep the student's version of a cell both changed")
    assert len(merged.cells) == len(fixed.cells)
    log = room.run_as(ALICE, "git", "log", "--format=%s", cwd=room.student_copy(ALICE)).stdout
    assert "Fix notebook 1" in log
    panel.locator(".jp-MarkdownCell").first.wait_for()
    page.locator(".jp-MarkdownOutput em", has_text="Fixed by the teacher").first.wait_for()
    shot(page, "5-alice-01-after-update")
    shut_down_kernels(page, room, ALICE)
