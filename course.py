"""Set up and run the course with one command; needs only Python 3.10 or newer.

    python3 course.py lab       # install everything into .venv, then open the course in JupyterLab
    python3 course.py test      # install everything into .venv, then run the whole test suite
    python3 course.py execute   # rebuild every notebook from notebooks/src/ and re-execute it
    python3 course.py slides    # export every notebook as an HTML slide deck into slides/

The first run creates a virtual environment in .venv and installs requirements.txt into it
(a few minutes); later runs reinstall only when requirements.txt or pyproject.toml change.
Anything after the command is passed on, e.g. `python3 course.py test -k engine`.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
NOTEBOOKS = ROOT / "notebooks"
FIRST_NOTEBOOK = "notebooks/01_derivatives.ipynb"
INSTALL_INPUTS = ("requirements.txt", "pyproject.toml")

# the test suite: the package's tests and every notebook under nbval, outputs compared (strict)
TEST_ARGS = ["-m", "pytest", "tests", "notebooks", "--nbval", "--nbval-current-env",
             "--nbval-sanitize-with", "notebooks/nbval_sanitize.cfg", "-p", "no:cacheprovider"]


def venv_python():
    scripts = "Scripts" if os.name == "nt" else "bin"
    return VENV / scripts / ("python.exe" if os.name == "nt" else "python")


def install():
    """Create .venv and install requirements.txt, unless that was already done for these files."""
    stamp = VENV / ".installed-from"
    digest = hashlib.sha256(b"".join((ROOT / f).read_bytes() for f in INSTALL_INPUTS)).hexdigest()
    if stamp.exists() and stamp.read_text() == digest and venv_python().exists():
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
    print("course.py: installing requirements.txt (the first time takes a few minutes)", flush=True)
    run([venv_python(), "-m", "pip", "install", "--disable-pip-version-check", "--quiet",
         "-r", "requirements.txt"])
    stamp.write_text(digest)


def run(cmd):
    process = subprocess.Popen([str(c) for c in cmd], cwd=ROOT)
    while True:
        try:
            returncode = process.wait()
            break
        except KeyboardInterrupt:  # Ctrl-C reached the program too: let it stop its own way
            continue               # (JupyterLab asks to confirm; pytest prints its summary)
    if returncode != 0:
        sys.exit(returncode)


def notebooks():
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def main(argv):
    if sys.version_info < (3, 10):  # noqa: UP036 - this file is what an older Python runs first
        sys.exit(f"course.py: the course needs Python 3.10 or newer, and this is "
                 f"{sys.version.split()[0]}; install a newer Python from python.org")
    commands = {"lab": lab, "test": test, "execute": execute, "slides": slides}
    if not argv or argv[0] not in commands:
        print(__doc__.strip())
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    install()
    commands[argv[0]](argv[1:])
    return 0


def lab(extra):
    trust_notebooks()
    run([venv_python(), "-m", "jupyter", "lab", FIRST_NOTEBOOK, *extra])


def trust_notebooks():
    """Mark the course's notebooks as trusted (`jupyter trust`): JupyterLab shows the stored
    graphs (SVG) of an untrusted notebook as their text, `<graph of 5 Values ...>`, in the
    notebook and on its slides, until each cell is run again."""
    result = subprocess.run([str(venv_python()), "-m", "jupyter", "trust",
                             *map(str, notebooks())], cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:  # the course still works: the graphs appear once a cell runs
        print(f"course.py: could not mark the notebooks as trusted, so stored graphs show as "
              f"text until their cells run again:\n{result.stderr.strip()}", flush=True)


def test(extra):
    run([venv_python(), *TEST_ARGS, *extra])


def execute(extra):
    """Rebuild each notebook from its source in notebooks/src/, run it top to bottom in a fresh
    kernel and store the outputs in place. `execute 04` does only the notebooks whose names
    start with 04."""
    run([venv_python(), "notebooks/build.py", *extra])


# the HTML decks: nbconvert's reveal.js template with the course's changes (speaker notes hidden
# whatever happens, no mermaid.js, a banner when the deck cannot load its scripts)
SLIDES_TEMPLATE = ["--TemplateExporter.extra_template_basedirs=notebooks/slides_template",
                   "--template", "course_reveal"]
SLIDES_NEED_A_NETWORK = """\
course.py: the slide decks are in slides/ (open one in a web browser; S opens the speaker view).
They need a network connection when opened: reveal.js, require.js, jQuery, MathJax and the widget
renderer are loaded from the internet. Without a network a deck shows one long page instead of
slides, formulas as raw $$...$$ and widgets as text, and says so at its top. To present without a
network, use the slideshow inside JupyterLab (README, "Presenting in a lecture")."""


def slides(extra):
    """Export each notebook as a reveal.js slide deck (HTML) into slides/."""
    run([venv_python(), "-m", "jupyter", "nbconvert", "--to", "slides", *SLIDES_TEMPLATE,
         "--output-dir", "slides", *extra, *notebooks()])
    print(SLIDES_NEED_A_NETWORK)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
