"""Set up and run the course with one command; needs only Python 3.10 or newer.

    python3 course.py lab       # install the course into .venv, then open it in JupyterLab
    python3 course.py test      # also install the test tools, then run the whole test suite
    python3 course.py present   # as lab, with the slideshow extension for a lecture (RISE)
    python3 course.py execute   # rebuild every notebook from notebooks/src/ and re-execute it
    python3 course.py slides    # export every notebook as an HTML slide deck into slides/
    python3 course.py nbgrader DIR  # write an nbgrader course folder (graded assignments) at DIR
    python3 course.py site      # build the course as a static website into site/
    python3 course.py lock      # refresh requirements*.txt from pyproject.toml (needs a network)

The first run creates a virtual environment in .venv and installs the exact versions locked in
requirements.txt into it (a few minutes); `present`, `test`, `site`, `lock` and `nbgrader` add
requirements-dev.txt (slides, tests, website, nbgrader). Later runs reinstall only when those
files or pyproject.toml change.
Anything after the command is passed on, e.g. `python3 course.py test -k engine`.
"""

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import venv
from pathlib import Path

import course_tools  # the standard library only: it says where the lessons are

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
NOTEBOOKS = ROOT / "notebooks"
FIRST_NOTEBOOK = "notebooks/01_derivatives.ipynb"
LAB_EXTENSIONS = "lab-extensions"  # JupyterLab extensions of the course, loaded without a build
# the locks, made from pyproject.toml by `python3 course.py lock`: what a student needs (Binder
# and JupyterHub read it too), and everything (the same versions, plus tests, website, nbgrader)
STUDENT_LOCK, DEV_LOCK = "requirements.txt", "requirements-dev.txt"
LOCKED_EXTRAS = {STUDENT_LOCK: "lab", DEV_LOCK: "lab,test,site,teacher,hub,lock"}
LOCK_PYTHON = "3.10"  # the oldest Python the course supports; the locks hold for it and later
# the commands that need requirements-dev.txt as well
DEV_COMMANDS = {"present", "test", "site", "lock", "nbgrader"}

# the test suite: the package's tests and every notebook under nbval, outputs compared (strict)
# (course_tools.optional_notebooks skips a notebook whose optional package is not installed)
TEST_ARGS = ["-m", "pytest", "tests", "notebooks", "--nbval", "--nbval-current-env",
             "--nbval-sanitize-with", "course_tools/nbval_sanitize.cfg",
             "-p", "course_tools.optional_notebooks", "-p", "no:cacheprovider"]


def venv_python():
    scripts = "Scripts" if os.name == "nt" else "bin"
    return VENV / scripts / ("python.exe" if os.name == "nt" else "python")


def install(locks=(STUDENT_LOCK,)):
    """Create .venv and install the given locks into it, unless that was already done for these
    files (each lock has a stamp in .venv with the digest of the lock and pyproject.toml)."""
    digests = {lock: hashlib.sha256((ROOT / lock).read_bytes()
                                    + (ROOT / "pyproject.toml").read_bytes()).hexdigest()
               for lock in locks}
    stamps = {lock: VENV / f".installed-{lock}" for lock in locks}
    if venv_python().exists() and all(
            stamps[lock].exists() and stamps[lock].read_text() == digests[lock] for lock in locks):
        return
    if not venv_python().exists():
        print(f"course.py: creating a virtual environment in {VENV}", flush=True)
        try:
            venv.create(VENV, with_pip=True)
        except (OSError, subprocess.CalledProcessError) as error:
            shutil.rmtree(VENV, ignore_errors=True)  # a half-made .venv would confuse the next run
            sys.exit(f"course.py: could not create a virtual environment with pip in {VENV} "
                     f"({error}).\nThis Python lacks its venv/ensurepip module: on Debian or "
                     "Ubuntu, install it with `sudo apt install python3-venv`; or use a Python "
                     "from python.org, which includes it. Then run this command again.")
    print(f"course.py: installing {' and '.join(locks)} (the first time takes a few minutes)",
          flush=True)
    run([venv_python(), "-m", "pip", "install", "--disable-pip-version-check", "--quiet",
         *(arg for lock in locks for arg in ("-r", lock))])
    for lock in locks:
        stamps[lock].write_text(digests[lock])


def run(cmd):
    """Run `cmd` in the course's folder and wait for it; exit with its status if it fails.

    Ctrl-C reaches course.py and the program alike (the terminal sends it to both), so
    course.py waits while the program stops its own way. SIGTERM (a process manager, `kill`)
    and SIGHUP (a closed terminal) reach course.py alone: they are passed on to the program,
    which would otherwise keep running (a JupyterLab still serving, with nobody to stop it),
    and course.py exits with the program's status once it has stopped.
    """
    forwarded = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP")  # no SIGHUP on Windows
                 if hasattr(signal, name)]
    process, received, early = None, [], []

    def pass_on(signum, frame):
        received.append(signum)
        if process is None:
            early.append(signum)  # passed on as soon as the program has started
        else:
            process.send_signal(signum)

    previous = {signum: signal.signal(signum, pass_on) for signum in forwarded}
    try:
        process = subprocess.Popen([str(c) for c in cmd], cwd=ROOT)
        while early:
            process.send_signal(early.pop(0))
        while True:
            try:
                returncode = process.wait()
                break
            except KeyboardInterrupt:  # Ctrl-C reached the program too: let it stop its own way
                continue               # (JupyterLab asks to confirm; pytest prints its summary)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if returncode < 0:  # on POSIX, killed by signal -returncode: exit as a shell reports that
        returncode = 128 - returncode
    if returncode != 0 or received:  # stopped from outside: do not go on to the next step
        sys.exit(returncode)


def notebooks():
    return course_tools.notebooks(NOTEBOOKS)


def main(argv):
    if sys.version_info < (3, 10):  # noqa: UP036 - this file is what an older Python runs first
        sys.exit(f"course.py: the course needs Python 3.10 or newer, and this is "
                 f"{sys.version.split()[0]}; install a newer Python from python.org")
    commands = {"lab": lab, "present": lab, "test": test, "execute": execute, "slides": slides,
                "site": site, "lock": lock, "nbgrader": nbgrader}
    if not argv or argv[0] not in commands:
        print(__doc__.strip())
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    install((STUDENT_LOCK, DEV_LOCK) if argv[0] in DEV_COMMANDS else (STUDENT_LOCK,))
    commands[argv[0]](argv[1:])
    return 0


def lab(extra):
    """JupyterLab at the course's folder (so micrograd/ and data/ are in its file browser), with
    notebook 1 open, and the course's notebooks trusted first."""
    trust_notebooks()
    run([venv_python(), *lab_args(ROOT), FIRST_NOTEBOOK, *extra])


def lab_args(root):
    """`jupyter lab` at the course's folder, with the course's own JupyterLab extensions from
    lab-extensions/ (course-present: Alt+P presents a notebook as a full-screen slideshow when
    jupyterlab-rise is installed, and is hidden when it is not; course-rise-widgets: the widgets
    show on the slides). jupyterlab-rise's slideshow (RiseApp) is a JupyterLab of its own, with
    its own list of folders to load extensions from: it gets the folder too."""
    extensions = Path(root) / LAB_EXTENSIONS
    return ["-m", "jupyter", "lab", f"--ServerApp.root_dir={root}",
            f"--LabApp.extra_labextensions_path={extensions}",
            f"--RiseApp.extra_labextensions_path={extensions}"]


def trust_notebooks():
    """Sign the course's own notebooks as trusted, for this user.

    JupyterLab shows a notebook's stored widgets only when the notebook is trusted (its own
    cells ran them, or the user signed it); a fresh clone is not, and a student would see
    `BackpropStepper(step 0 of 7)` instead of the stepper. (Graphs and plots show either way.)
    These notebooks come with the course and are checked by its tests, so they are signed when
    the course starts.
    """
    result = subprocess.run(trust_command(venv_python(), notebooks()), cwd=ROOT,
                            capture_output=True, text=True)
    if result.returncode != 0:  # the course still works: the widgets appear once a cell runs
        print(f"course.py: could not mark the notebooks as trusted, so stored widgets show as "
              f"text until their cells run again:\n{result.stderr.strip()}", flush=True)


def trust_command(python, paths):
    return [str(python), "-m", "jupyter", "trust", *map(str, paths)]


def test(extra):
    run([venv_python(), *TEST_ARGS, *extra])


def execute(extra):
    """Rebuild each notebook from its source in notebooks/src/, run it top to bottom in a fresh
    kernel and store the outputs in place. `execute 04` does only the notebooks whose names
    start with 04."""
    run([venv_python(), "-m", "course_tools.build", *extra])


# the HTML decks: nbconvert's reveal.js template with the course's changes (speaker notes hidden
# whatever happens, no mermaid.js, a banner when the deck cannot load its scripts)
SLIDES_TEMPLATE = ["--TemplateExporter.extra_template_basedirs=course_tools/slides_template",
                   "--template", "course_reveal"]
SLIDES_NEED_A_NETWORK = """\
course.py: the slide decks are in slides/ (open one in a web browser; S opens the speaker view).
They need a network connection when opened: reveal.js, require.js, jQuery, MathJax and the widget
renderer are loaded from the internet. Without a network a deck shows one long page instead of
slides, formulas as raw $$...$$ and widgets as text, and says so at its top. To present without a
network, use the slideshow inside JupyterLab (docs/teachers-guide.md, "Presenting in a
lecture")."""


TEACHER_COPIES = ROOT / "build" / "teacher"  # the notebooks with their speaker notes


def slides(extra):
    """Export each notebook as a reveal.js slide deck (HTML) into slides/, from the teacher's
    copies (course_tools/build.py --teacher-copies): the student's notebook has no speaker notes,
    the deck shows them in its speaker view."""
    run([venv_python(), "-m", "course_tools.build", "--teacher-copies", TEACHER_COPIES])
    run([venv_python(), "-m", "jupyter", "nbconvert", "--to", "slides", *SLIDES_TEMPLATE,
         "--output-dir", "slides", *extra, TEACHER_COPIES / f"{course_tools.LESSON}.ipynb"])
    print(SLIDES_NEED_A_NETWORK)


def nbgrader(extra):
    """Write an nbgrader course folder at the folder given: nbgrader_config.py and one
    assignment per notebook, made from notebooks/src/ (see "Grading with nbgrader" in
    docs/teachers-guide.md). `nbgrader DIR 04` writes only notebook 04's assignment."""
    if extra and not extra[0].startswith("-"):
        extra = [Path(extra[0]).resolve(), *extra[1:]]  # relative to where the teacher is
    run([venv_python(), "-m", "course_tools.nbgrader_build", *extra])


def site(extra):
    """Build the course as a static website into site/ from the notebooks' stored outputs
    (course_tools/website.py; `site --help` lists its options)."""
    run([venv_python(), "-m", "course_tools.website", *extra])


def lock(extra):
    """Refresh the locks from pyproject.toml with uv, for Linux, macOS and Windows and every
    Python the course supports: first everything, then the student's lock within it, so both
    pin the same versions. Versions already locked stay unless pyproject.toml needs others;
    `lock --upgrade` takes the newest versions that pyproject.toml allows."""
    constraints = "build/lock-constraints.txt"
    for target in (DEV_LOCK, STUDENT_LOCK):
        if target == STUDENT_LOCK:  # the dev lock just written, less its `-e .` line
            pins = [line for line in (ROOT / DEV_LOCK).read_text(encoding="utf-8").splitlines()
                    if line and not line.startswith(("#", "-e"))]
            (ROOT / "build").mkdir(exist_ok=True)
            (ROOT / constraints).write_text("\n".join(pins) + "\n", encoding="utf-8")
        compiled = subprocess.run(
            [venv_python(), "-m", "uv", "pip", "compile", "-", "--universal", "--quiet",
             "--python-version", LOCK_PYTHON, "--no-header", "--annotation-style", "line",
             "-o", target, *(["-c", constraints] if target == STUDENT_LOCK else []),
             *extra],
            input=f"-e .[{LOCKED_EXTRAS[target]}]\n", text=True, cwd=ROOT)
        if compiled.returncode != 0:
            sys.exit(compiled.returncode)
        body = (ROOT / target).read_text(encoding="utf-8").replace(f", -c {constraints}", "")
        (ROOT / target).write_text(
            f"# {target}: the exact versions of pyproject.toml's dependencies and of its\n"
            f"# extras [{LOCKED_EXTRAS[target]}], for Linux, macOS and Windows, Python "
            f"{LOCK_PYTHON} and later.\n# Made by `python3 course.py lock` (uv): do not edit "
            "by hand.\n" + body,
            encoding="utf-8")
        print(f"course.py: wrote {target}", flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
