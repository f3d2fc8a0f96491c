"""Build notebooks from their sources in notebooks/src/ and execute them, storing the outputs.

    python -m course_tools.build              # every notebook
    python -m course_tools.build 04 06        # those whose names start with 04 or 06
    python -m course_tools.build --force 04   # even if notebook 04 was edited since it was built
    python -m course_tools.build --teacher-copies DIR   # the teacher's copies (with the speaker
                                                        # notes) of the built notebooks, in DIR

A notebook whose cells were changed since it was built (a student's answers, say) is not
overwritten without --force: the build says which one and stops before changing anything.
Each built notebook records a digest of its cells in its metadata ("course": {"cells": ...})
to tell.

The student's notebook holds the lesson and nothing else: the speaker notes ("For the teacher")
stay in the source and go to the teacher's copy, from which the slide decks are made (their
speaker view, key S); each worked solution becomes a closed <details> cell that Run All does not
run. Cells the tests must not compare carry the tag nbval-ignore-output (nbval's own), which a
student does not see.

Run it with the course's Python (`python3 course.py execute` does). Cell ids are numbered, no
execution times are recorded, consecutive prints are merged into one output and widget ids are
numbered in the order the widgets were made, so re-building a notebook changes only what its
outputs changed.
"""

import hashlib
import importlib.util
import json
import re
import sys
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

from course_tools import NOTEBOOKS, SOURCES, notebooks, sources

# how RISE presents every notebook (with notebooks/rise.css, which sizes the text and figures
# for a 1280x720 projector): the "white" theme loads no web fonts, so slides need no network;
# slides take the whole screen but a thin margin, unscaled, so CSS pixels are screen pixels;
# they start at the top (reveal.js centres a slide by a height measured before all of its cells
# are drawn, which can push the bottom off the screen); no transition (a slide is there at once)
# and no scrolling: every slide fits, which a browser test checks for every slide
# (tests/browser/test_slides_in_jupyterlab.py); no arrow buttons or slide number over the
# slide's corner (the keyboard moves on; the thin progress bar at the bottom says where we are)
RISE_SETTINGS = {"theme": "white", "transition": "none", "width": "100%", "height": "100%",
                 "margin": 0.02, "minScale": 1.0, "center": False,
                 "scroll": False, "controls": False, "progress": True, "slideNumber": False}


# one idea per notebook: a student reads at most this many words of prose in one (a test checks)
MAX_PROSE_WORDS = 2000


def cells_digest(cells):
    """A digest of the cells' types and sources: what a learner can change."""
    text = json.dumps([(c["cell_type"], "".join(c["source"])) for c in cells])
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def target_of(source):
    return NOTEBOOKS / (source.stem + ".ipynb")


def edited_since_built(source):
    """True when the notebook built from `source` exists and its cells are not those it was
    built with (or, in a notebook that records no digest, not those its source builds)."""
    target = target_of(source)
    if not target.exists():
        return False
    stored = json.loads(target.read_text(encoding="utf-8"))
    built = stored.get("metadata", {}).get("course", {}).get("cells")
    if built is None:
        built = cells_digest(student_cells(jupytext.read(source).cells))
    return built != cells_digest(stored["cells"])


def is_teacher_note(cell):
    """A speaker note ("For the teacher"): in the source, the slides' speaker view and the
    teacher's copy; never in the student's notebook."""
    return cell.cell_type == "markdown" and cell.metadata.get("slideshow", {}).get(
        "slide_type") == "notes"


def is_solution_label(cell):
    return cell.cell_type == "markdown" and cell.source.startswith("**Solution**")


def is_hidden_solution(cell):
    """A worked solution in the source: a code cell whose source JupyterLab would hide."""
    return cell.cell_type == "code" and cell.metadata.get("jupyter", {}).get("source_hidden")


SOLUTION_SUMMARY = ("<summary><strong>Solution</strong>: try the exercise yourself first, "
                    "then click here to open it</summary>")


def solution_cell(code_cell):
    """The worked solution as the student's notebook holds it: a markdown cell with the code in
    a closed <details> element. Run All does not run it (a student's own answer stays theirs,
    and no "Right!" appears under an exercise), and it stays closed until the student opens it;
    the code can be copied from it into a cell. The source's code cell is what nbgrader grades
    and what the nbgrader tests run, so the solution is still checked."""
    code = code_cell.source
    first, _, rest = code.partition("\n")
    if first.startswith("# Solution"):  # the summary says it now
        code = rest
    cell = nbformat.v4.new_markdown_cell(
        f'<details class="solution">\n{SOLUTION_SUMMARY}\n\n```python\n{code.strip()}\n```\n\n'
        "</details>",
        metadata={"slideshow": {"slide_type": "skip"}, "tags": ["solution"]})
    cell.id = code_cell.id
    return cell


def numbered(cells):
    """Each cell's id is its place in the source, so a cell keeps its id in every notebook made
    from the source (the student's, the teacher's copy, nbgrader's)."""
    for i, cell in enumerate(cells):
        cell.id = f"cell-{i:03d}"
    return cells


def course_package():
    """What pip installs for a notebook opened alone: the course's package from its repository,
    at the version of this build (pyproject.toml's version and Repository URL, as installed)."""
    from importlib.metadata import metadata

    about = metadata("micrograd-course")
    urls = dict(u.split(", ", 1) for u in about.get_all("Project-URL") or [])
    return f"git+{urls['Repository']}@v{about['Version']}"


SETUP = """\
# Set-up: nothing to do where the course is installed. Opened alone (Colab, a download), this
# installs the course's package first, the version this notebook was made for.
import importlib.util, os, subprocess, sys  # noqa: E401
if importlib.util.find_spec("micrograd") is None:
    course = os.environ.get("MICROGRAD_COURSE", "{package}").split()
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", *course], check=True)
    importlib.invalidate_caches()  # so that the next import sees what pip installed
if "google.colab" in sys.modules:  # Colab draws ipywidgets with its own widget manager only
    from google.colab import output; output.enable_custom_widget_manager()  # noqa: E702"""


def setup_cell():
    """The set-up cell every student's notebook has under its title: no output where the
    course is installed; left out of the slides and the website (tag remove-cell)."""
    cell = nbformat.v4.new_code_cell(
        SETUP.replace("{package}", course_package()),
        metadata={"slideshow": {"slide_type": "skip"}, "tags": ["remove-cell"]})
    cell.id = "setup"
    return cell


def student_cells(cells):
    """The source's cells as the student's notebook has them: the set-up cell under the title,
    speaker notes left out, and each solution (its "**Solution**" label and hidden code cell)
    one closed <details> cell."""
    cells = numbered(cells)
    kept = []
    for i, cell in enumerate(cells):
        if is_teacher_note(cell) or (is_solution_label(cell) and i + 1 < len(cells)
                                     and is_hidden_solution(cells[i + 1])):
            continue
        kept.append(solution_cell(cell) if is_hidden_solution(cell) else cell)
    return kept[:1] + [setup_cell()] + kept[1:]


def teacher_copy(source, built):
    """The student's notebook `built` (executed, with outputs) with the source's speaker notes
    back in their places: what the HTML slide decks are made from (notes in the speaker view)."""
    notes = [c for c in numbered(jupytext.read(source).cells) if is_teacher_note(c)]
    copy = nbformat.from_dict(json.loads(json.dumps(built)))
    copy.cells = sorted([*copy.cells, *notes], key=place_in_source)
    return copy


def place_in_source(cell):
    """Where a cell of a student's notebook stood in its source (the set-up cell: under the
    title, which is cell 0)."""
    return 0.5 if cell.id == "setup" else int(cell.id.removeprefix("cell-"))


def prose_words(notebook):
    """Words of prose a student reads in the notebook: its markdown cells, less the solutions,
    code blocks, and table rules."""
    words = 0
    for cell in notebook.cells:
        if cell.cell_type != "markdown" or "solution" in cell.metadata.get("tags", []):
            continue
        text = re.sub(r"```.*?```", " ", cell.source, flags=re.S)
        words += sum(1 for w in text.split() if re.search(r"\w", w))
    return words


def build(source):
    notebook = jupytext.read(source)
    # the source's jupytext header stays in the source: in the .ipynb, a JupyterLab with jupytext
    # installed would try to pair the notebook with a .py beside it, and refuse to open it
    notebook.metadata.pop("jupytext", None)
    notebook.metadata["rise"] = RISE_SETTINGS
    notebook.cells = student_cells(notebook.cells)
    notebook.metadata.setdefault("course", {})["cells"] = cells_digest(notebook.cells)
    print(f"  {prose_words(notebook)} words of prose (at most {MAX_PROSE_WORDS})", flush=True)
    client = NotebookClient(notebook, timeout=600, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = merge_streams(cell.outputs)
    text = renumber_widgets(nbformat.writes(notebook))
    target = target_of(source)
    target.write_text(text + "\n", encoding="utf-8")
    return target


def merge_streams(outputs):
    """One output for consecutive prints to the same stream (how a kernel splits them varies)."""
    merged = []
    for out in outputs:
        last = merged[-1] if merged else None
        if (out.output_type == "stream" and last is not None
                and last.output_type == "stream" and last.name == out.name):
            last.text += out.text
        else:
            merged.append(out)
    return merged


def renumber_widgets(text):
    """Replace each widget's random model id with a number, everywhere in the notebook.

    Numbers follow the widgets as they are shown: the views in the outputs, cell by cell, then
    the models each one refers to, depth first. That order is the same on every run.
    """
    notebook = json.loads(text)
    state = notebook.get("metadata", {}).get("widgets", {})
    models = state.get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    shown = [out["data"]["application/vnd.jupyter.widget-view+json"]["model_id"]
             for cell in notebook["cells"] for out in cell.get("outputs", [])
             if "application/vnd.jupyter.widget-view+json" in out.get("data", {})]
    def refs(model_id):
        return re.findall(r"IPY_MODEL_([0-9a-f]+)", json.dumps(models[model_id], sort_keys=True))

    order = []

    def walk(roots):
        stack = list(reversed(roots))
        while stack:
            model_id = stack.pop()
            if model_id in order or model_id not in models:
                continue
            order.append(model_id)
            stack.extend(reversed(refs(model_id)))

    def content(model_id, seen=()):  # a model with the models it refers to written out: no ids
        text = json.dumps(models[model_id], sort_keys=True)
        for ref in set(refs(model_id)) - set(seen):
            if ref in models:
                text = text.replace(ref, content(ref, (*seen, model_id)))
        return text

    walk(shown)
    # models made but not shown (say, a widget never displayed): from those nothing refers to,
    # in the order of their content, so that equal models are numbered alike on every run
    rest = [m for m in models if m not in order]
    referred = {ref for m in rest for ref in refs(m)}
    walk(sorted((m for m in rest if m not in referred), key=content))
    walk(sorted((m for m in models if m not in order), key=content))  # cycles, if any
    for number, model_id in enumerate(order):
        text = text.replace(model_id, f"{number:032x}")
    # written as nbformat writes, keys sorted, so the models are listed by their new numbers
    return json.dumps(json.loads(text), sort_keys=True, indent=1, ensure_ascii=False)


def write_teacher_copies(folder, prefixes=()):
    """The teacher's copy of each built notebook, in `folder`: the student's notebook with the
    speaker notes back (nothing is run again). Returns the paths written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for old in notebooks(folder):  # a notebook renamed since: not a deck now
        old.unlink()
    written = []
    for source in sources(SOURCES):
        if prefixes and not source.name.startswith(tuple(prefixes)):
            continue
        if not target_of(source).exists():
            continue  # an optional notebook not built here (it needs a package not installed)
        built = nbformat.read(target_of(source), as_version=4)
        path = folder / target_of(source).name
        nbformat.write(teacher_copy(source, built), path)
        written.append(path)
    return written


def main(args):
    if args[:1] == ["--teacher-copies"]:
        if len(args) < 2:
            print("build.py: --teacher-copies needs a folder to write them in", file=sys.stderr)
            return 2
        for path in write_teacher_copies(args[1], args[2:]):
            print(path, flush=True)
        return 0
    force = "--force" in args
    prefixes = [a for a in args if a != "--force"]
    chosen = [s for s in sources(SOURCES) if not prefixes or s.name.startswith(tuple(prefixes))]
    if not chosen:
        print(f"build.py: no notebook source in {SOURCES} starts with "
              f"{' or '.join(prefixes)}", file=sys.stderr)
        return 2
    edited = [target_of(s).name for s in chosen if edited_since_built(s)]
    if edited and not force:
        print(f"build.py: not rebuilding anything, because {', '.join(edited)} "
              f"{'was' if len(edited) == 1 else 'were'} changed since built (answers typed in, "
              "perhaps), and rebuilding overwrites a notebook with its source in notebooks/src/. "
              "Save a copy of what you want to keep, or undo the changes "
              "(git checkout -- notebooks/NAME.ipynb); or pass --force to overwrite them.",
              file=sys.stderr)
        return 1
    for source in chosen:
        missing = missing_package(jupytext.read(source))
        if missing:
            print(f"skipping {source.stem}.ipynb: it needs {missing}, which is not installed "
                  f"(pip install {missing})", flush=True)
            continue
        print(f"building {source.stem}.ipynb", flush=True)
        build(source)
    return 0


def missing_package(notebook):
    """The optional package a notebook needs (its metadata's course.needs) if it is not
    installed, else None: 09_pytorch needs torch, which the course does not install."""
    needs = notebook.metadata.get("course", {}).get("needs")
    return needs if needs and importlib.util.find_spec(needs) is None else None


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
