"""Jupyter server settings for the micrograd course on a JupyterHub: trust the course's outputs.

JupyterLab draws a notebook's stored widgets (and other outputs it cannot sanitize) only when the
notebook is trusted, and trust is kept per user. A student who opens the course through an
nbgitpuller link has never trusted anything, so every widget shows as text,
`BackpropStepper(step 0 of 7)`, until its cell runs.

With this file in the user environment's Jupyter config folder (on The Littlest JupyterHub:
/opt/tljh/user/etc/jupyter/jupyter_server_config.py), a code cell of a student's notebook is
trusted when its outputs are exactly those of a cell of the same notebook in the course as the
admin installed it (/srv/micrograd-course/notebooks, which students cannot change), and the
notebook's saved widget state is exactly that notebook's too. So everything the course ships
shows at once, with no terminal and no "Trust Notebook"; an output a student (or anybody else)
made shows trusted only as JupyterLab always decides it: it was made in this user's own session,
or the notebook was signed by this user's server when they saved it. Nothing else is trusted.

It also keeps JupyterLab from marking a notebook changed the moment it opens: the notebooks store
the Python version they were run with (`language_info`, 3.11.x), and JupyterLab replaces it with
the version the kernel reports, which on a hub is the hub's Python, and then counts the notebook
as changed (autosave rewrites it, and nbgitpuller sees a student's change in every notebook
opened). A notebook whose kernel is this environment's own `python3` is handed to JupyterLab
with this Python's version already in it, which is what the kernel will report.

MICROGRAD_COURSE (an environment variable of the single-user servers) names another folder
than /srv/micrograd-course.
"""

import json
import os
import sys
from pathlib import Path

import nbformat
from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager

COURSE = Path(os.environ.get("MICROGRAD_COURSE", "/srv/micrograd-course")) / "notebooks"
PYTHON = sys.version.split()[0]  # the kernels' Python is this server's (its `python3`)
_shipped = {}  # notebook name -> (mtime, widget state, set of output lists as JSON)


def _key(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def shipped(name):
    """The installed course notebook of this name, as (widget state, outputs), or None."""
    path = COURSE / name
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        return None
    if name not in _shipped or _shipped[name][0] != mtime:
        try:  # read as the server reads the student's copy (multi-line text joined)
            nb = nbformat.read(path, as_version=4)
        except Exception:  # not a notebook: nothing of it is trusted
            return None
        outputs = {_key(c.outputs) for c in nb.cells if c.cell_type == "code" and c.outputs}
        _shipped[name] = (mtime, _key(nb.metadata.get("widgets")), outputs)
    return _shipped[name][1:]


class CourseTrustingContentsManager(AsyncLargeFileManager):
    """JupyterLab's own contents manager, which also trusts the cells whose outputs the course
    ships (see above)."""

    def mark_trusted_cells(self, nb, path=""):
        # called for every notebook the server reads for JupyterLab
        super().mark_trusted_cells(nb, path)
        language = nb.metadata.get("language_info")
        if (nb.metadata.get("kernelspec", {}).get("name") == "python3" and language
                and language.get("name") == "python"):
            language["version"] = PYTHON  # what ipykernel will report, so nothing changes
        reference = shipped(Path(path).name)
        if reference is None:
            return
        widgets, outputs = reference
        if _key(nb.metadata.get("widgets")) != widgets:
            return  # widget state the course did not ship: JupyterLab's own rule only
        for cell in nb.cells:
            if (cell.cell_type == "code" and not cell.metadata.get("trusted")
                    and cell.get("outputs") and _key(cell.outputs) in outputs):
                cell.metadata["trusted"] = True


c = get_config()  # noqa: F821 (Jupyter's config loader defines it)
c.ServerApp.contents_manager_class = CourseTrustingContentsManager
