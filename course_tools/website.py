"""Build the course as a static website from the notebooks' STORED outputs (nothing is re-run).

    python3 course.py site                       # into site/, launch links with OWNER/REPO/HUB
    python -m course_tools.website ...           # the same, with the course's Python
    python3 course.py site --repository https://github.com/me/course --hub hub.example.edu

Jupyter Book 1.x (Sphinx, MyST-NB, sphinx-book-theme) makes the pages, the navigation and the
launch buttons (Binder, and a JupyterHub through nbgitpuller), as website/_toc.yml and
website/_config.yml say: the README is the front page, then the notebooks, then the guides in
docs/ ("For teachers"). Before Jupyter Book sees a notebook, each widget in it is drawn from its
saved state as plain HTML (sliders at their saved values, the stepper's graph as saved) with a
line that says the controls work in JupyterLab. This needs no script from a CDN; the notebooks'
widget state is then left out, so that Jupyter Book does not load the widget manager from one
either. The site needs no network: MathJax 2.7 (for the formulas of notebooks 1, 3 and 7) comes
from the PyPI package jupyter-server-mathjax and is shipped in the site, instead of Sphinx's
default CDN.
"""

import argparse
import html
import json
import re
import shutil
import sys
from pathlib import Path

from course_tools import NOTEBOOKS, ROOT, notebooks

HERE = ROOT / "website"  # the website's own files: _config.yml, _toc.yml, _static/
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_NOTE = ("These controls show the state the notebook was saved in. They work in "
               "JupyterLab: launch this page with the rocket button at the top.")
DISPLAY_NOTE = "Drawn as the notebook saved it; in JupyterLab it updates as the code runs."


def course_notebooks():
    return notebooks(NOTEBOOKS)


# --- notebooks, prepared for the web ----------------------------------------------------------

def prepare(nb, name):
    """The notebook `nb` (a dict, changed in place) as the website shows it."""
    state = nb["metadata"].pop("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    cells = []
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW in data:
                drawing = WidgetDrawing(state, name)
                picture = drawing.draw(data.pop(WIDGET_VIEW)["model_id"])
                note = WIDGET_NOTE if drawing.controls else DISPLAY_NOTE
                data["text/html"] = (f'<div class="course-widget">{picture}</div>'
                                     f'<p class="course-widget-note">{html.escape(note)}</p>')
        cells.append(cell)
    nb["cells"] = cells
    return nb


CONTROLS = {"ButtonModel", "FloatSliderModel", "IntSliderModel", "FloatLogSliderModel",
            "DropdownModel", "TextModel", "IntTextModel", "FloatTextModel", "BoundedIntTextModel",
            "BoundedFloatTextModel", "CheckboxModel"}


KEYBOARD_ACCESS = "micrograd-keyboard-access"  # micrograd.widgets.access.KeyboardAccess.CLASS


class WidgetDrawing:
    """Plain HTML for an ipywidgets widget and its children, from a notebook's saved widget
    state: what the widget looked like when the notebook was saved, with its controls disabled."""

    def __init__(self, state, notebook):
        self.state, self.notebook = state, notebook
        self.controls = False  # whether it has anything to click, drag or type into

    def draw(self, model_id):
        if model_id not in self.state:
            raise ValueError(f"{self.notebook}: an output shows widget {model_id}, which is not in "
                             "the notebook's saved widget state; run `python3 course.py execute` "
                             "to store the notebook again with its widgets")
        model = self.state[model_id]
        kind, s = model["model_name"], model["state"]
        draw = getattr(self, "draw_" + re.sub(r"Model$", "", kind).lower(), None)
        if draw is None:
            raise ValueError(f"{self.notebook}: the website cannot draw a {kind} widget yet; "
                             "add a draw_ method for it to course_tools/website.py's WidgetDrawing")
        if kind in CONTROLS:
            self.controls = True
        classes = " ".join(["course-w", *s.get("_dom_classes", [])])
        return f'<div class="{html.escape(classes)}">{draw(s, model)}</div>'

    def child(self, ref):
        return self.draw(ref.removeprefix("IPY_MODEL_"))

    @staticmethod
    def label(s):
        text = s.get("description", "")
        return f'<span class="course-w-label">{html.escape(text)}</span>' if text else ""

    @staticmethod
    def named(s):
        """The attributes that name a control without a description: its tooltip, which
        JupyterLab shows as its title."""
        tooltip = "" if s.get("description") else s.get("tooltip") or ""
        return f' aria-label="{html.escape(tooltip)}"' if tooltip else ""

    def labelled(self, s, control, after=""):
        """A control inside a <label> that holds its description: what a screen reader names
        it by."""
        if s.get("description"):
            return f'<label class="course-w-field">{self.label(s)}{control}</label>{after}'
        return control + after

    def draw_any(self, s, model):  # anywidget's AnyModel
        """The course's anywidgets: the training panel, its stored frame as a picture; and the
        widgets' keyboard helper (micrograd.widgets.access), which shows nothing."""
        if KEYBOARD_ACCESS in s.get("_dom_classes", []):
            return ""
        if "frame" not in s or "limits" not in s:
            raise ValueError(f"{self.notebook}: the website can draw the training panel's "
                             "anywidget and the keyboard helper only; this one is another")
        from micrograd.widgets.training_panel import static_html

        self.controls = True  # the panel's controls work in JupyterLab: say so under it
        return static_html(s["frame"])

    def draw_vbox(self, s, model):
        return (f'<div class="course-w-vbox">{"".join(map(self.child, s["children"]))}</div>')

    def draw_hbox(self, s, model):
        return (f'<div class="course-w-hbox">{"".join(map(self.child, s["children"]))}</div>')

    draw_box = draw_vbox

    def draw_html(self, s, model):
        return self.label(s) + s.get("value", "")  # the widget's own HTML, as JupyterLab shows it

    draw_htmlmath = draw_html

    def draw_label(self, s, model):
        return html.escape(s.get("value", ""))

    def draw_button(self, s, model):
        text, tooltip = s.get("description", ""), s.get("tooltip") or ""
        title = f' title="{html.escape(tooltip)}"' if tooltip else ""
        named = f' aria-label="{html.escape(tooltip)}"' if tooltip and not text else ""
        return f'<button{title}{named} disabled>{html.escape(text)}</button>'

    def slider(self, s, shown):
        # the read-out format is d3-format's, as the browser draws it: its "~" (trim trailing
        # zeros) is what Python's "g" does anyway
        spec = (s.get("readout_format") or "").replace("~", "")
        readout = format(shown, spec) if s.get("readout", True) else ""
        # a screen reader says the number the read-out shows (aria-valuetext), not the knob's
        # position, which for a log slider is the exponent
        control = (f'<input type="range"{self.named(s)} disabled min="{s["min"]}" max="{s["max"]}" '
                   f'step="{s["step"]}" value="{s["value"]}" '
                   f'aria-valuetext="{html.escape(format(shown, spec or "g"))}">')
        return self.labelled(s, control, f'<output aria-hidden="true">{readout}</output>')

    def draw_floatslider(self, s, model):
        return self.slider(s, s["value"])

    def draw_intslider(self, s, model):
        return self.slider(s, s["value"])

    def draw_floatlogslider(self, s, model):
        # the saved value is the number itself; min, max and step are powers of base
        import math
        exponent = math.log(s["value"], s["base"])
        return self.slider(dict(s, value=round(exponent, 6)), s["value"])

    def draw_dropdown(self, s, model):
        options = "".join(
            f'<option{" selected" if i == s.get("index") else ""}>{html.escape(str(o))}</option>'
            for i, o in enumerate(s.get("_options_labels", [])))
        return self.labelled(s, f"<select{self.named(s)} disabled>{options}</select>")

    def draw_text(self, s, model):
        value = html.escape(str(s["value"]))
        return self.labelled(s, f'<input type="text"{self.named(s)} disabled value="{value}">')

    draw_boundedinttext = draw_inttext = draw_floattext = draw_boundedfloattext = draw_text

    def draw_checkbox(self, s, model):
        checked = " checked" if s.get("value") else ""
        control = f'<input type="checkbox"{self.named(s)} disabled{checked}>'
        if not s.get("description"):
            return self.labelled(s, control)
        return f'<label class="course-w-field">{control}{self.label(s)}</label>'

    def draw_floatprogress(self, s, model):
        style = html.escape(s.get("bar_style") or "")  # success, info, warning, danger or none
        bar = (f'<progress{self.named(s)} class="course-w-{style}" max="{s["max"] - s["min"]}" '
               f'value="{s["value"] - s["min"]}"></progress>')
        return self.labelled(s, bar)

    draw_intprogress = draw_floatprogress

    def draw_image(self, s, model):
        data = next((b["data"] for b in model.get("buffers", []) if b["path"] == ["value"]), "")
        if not data:
            return ""  # an image widget that was never given a picture shows nothing in Lab too
        # ipywidgets' Image has no alt text: JupyterLab names it by its tooltip (its title)
        alt = html.escape(s.get("tooltip") or "")
        return f'<img alt="{alt}" src="data:image/{s.get("format", "png")};base64,{data}">'


# --- the book -------------------------------------------------------------------------------
# Its pages and their order are website/_toc.yml, its settings website/_config.yml: both checked
# in, as Jupyter Book reads them. The front page is the README, and the guides in docs/ are pages
# too (the "For teachers" part), so their links between each other work on the site and on GitHub.

PAGES = ["README.md", "docs"]  # copied into the book as they are
PICTURES = ["benchmarks/results.png"]  # pictures the guides show, from beside the book


def config(repository, hub, branch):
    """website/_config.yml with the links the command line gives."""
    import yaml

    settings = yaml.safe_load((HERE / "_config.yml").read_text(encoding="utf-8"))
    settings["repository"].update(url=repository, branch=branch)
    settings["launch_buttons"]["jupyterhub_url"] = f"https://{hub}"
    return settings


def listed_notebooks():
    """The notebooks website/_toc.yml lists, in its order."""
    import yaml

    toc = yaml.safe_load((HERE / "_toc.yml").read_text(encoding="utf-8"))
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    return [NOTEBOOKS / (Path(f).name + ".ipynb") for f in files if f.startswith("notebooks/")]


def stage(source, repository, hub, branch):
    """Write the book's source (config, pages, prepared notebooks) into `source`."""
    if source.exists():
        shutil.rmtree(source)
    (source / "notebooks").mkdir(parents=True)
    listed, found = listed_notebooks(), course_notebooks()
    if listed != found:
        raise SystemExit(f"website: website/_toc.yml lists the notebooks {[p.stem for p in listed]}"
                         f", the course has {[p.stem for p in found]}: list each one, in order")
    for path in found:
        nb = prepare(json.loads(path.read_text(encoding="utf-8")), path.name)
        (source / "notebooks" / path.name).write_text(json.dumps(nb), encoding="utf-8")
    # JSON is YAML: Jupyter Book reads this as it is
    (source / "_config.yml").write_text(json.dumps(config(repository, hub, branch), indent=1))
    shutil.copyfile(HERE / "_toc.yml", source / "_toc.yml")
    for page in PAGES:
        if (ROOT / page).is_dir():
            shutil.copytree(ROOT / page, source / page)
        else:
            shutil.copyfile(ROOT / page, source / page)
    for picture in PICTURES:
        (source / picture).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / picture, source / picture)
    shutil.copytree(HERE / "_static", source / "_course")
    shutil.copytree(HERE / "_templates", source / "_templates")
    shutil.copytree(mathjax_folder(), source / "_mathjax" / "mathjax")


def mathjax_folder():
    """MathJax 2.7, as the PyPI package jupyter-server-mathjax ships it: the formulas render
    without a network."""
    import jupyter_server_mathjax

    return Path(jupyter_server_mathjax.__file__).parent / "static"


# The site's index.html leads to the front page (the README), as Jupyter Book's own does with its
# one line; this one is a page a screen reader can read too, for a browser that does not follow.
FRONT_DOOR = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Refresh" content="0; url=README.html" />
<title>micrograd-course</title>
</head>
<body>
<main>
<h1>micrograd-course</h1>
<p>The course starts on its <a href="README.html">front page</a>.</p>
</main>
</body>
</html>
"""


def build(out, repository="https://github.com/OWNER/REPO", hub="HUB", branch="main",
          work=ROOT / "build" / "website"):
    """Build the website into the folder `out` (replaced), staging it in `work`."""
    from jupyter_book.cli.main import build as jupyter_book_build

    stage(work / "source", repository, hub, branch)
    args = [str(work / "source"), "--path-output", str(work), "--warningiserror",
            "--keep-going", "--quiet"]
    try:
        jupyter_book_build.main(args, standalone_mode=False)
    except SystemExit as stop:  # click's way of saying the build failed
        if stop.code:
            raise SystemExit(f"website: Jupyter Book failed ({stop.code}); see above") from None
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(work / "_build" / "html", out)
    (out / ".nojekyll").touch()  # GitHub Pages: serve _static/ and _sources/ as they are
    (out / "index.html").write_text(FRONT_DOOR, encoding="utf-8")
    return out


def main(argv):
    parser = argparse.ArgumentParser(prog="python3 course.py site", description=__doc__.split(
        "\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "site", help="folder (default: site/)")
    parser.add_argument("--repository", default="https://github.com/OWNER/REPO",
                        help="the course's GitHub repository, for the launch and repository "
                             "buttons (default: the placeholder OWNER/REPO)")
    parser.add_argument("--hub", default="HUB",
                        help="your JupyterHub's host name, for nbgitpuller links (default: HUB)")
    parser.add_argument("--branch", default="main", help="the branch to launch (default: main)")
    args = parser.parse_args(argv)
    hub = args.hub.removeprefix("https://").removeprefix("http://").rstrip("/")
    out = build(args.out.resolve(), args.repository.rstrip("/"), hub, args.branch)
    print(f"website: {out / 'index.html'} (open it in a browser; publish the whole folder)")


if __name__ == "__main__":
    main(sys.argv[1:])
