"""What ipywidgets leaves out for a keyboard and a screen reader, added to the course's widgets.

ipywidgets draws each control in the page, and gives no way to set the attributes that a keyboard
and a screen reader need. `keyboard_access(box, live=...)` puts into a widget's box one hidden
`KeyboardAccess` widget, whose script (access.js) does in the page what ipywidgets does not:

- the keys typed into a control stay in it: in JupyterLab's command mode an arrow key in a
  dropdown moved the cell selection, and "r" turned the widget's cell into a raw cell;
- a slider is named by its description (`x0`) and says the value its read-out shows (0.90, not
  0.8999999999999999);
- the widgets in `live` are live regions: a screen reader reads them out when they change;
- when the focused button becomes disabled (Back at step 0), the focus moves to the next button
  of its row instead of falling to the page's body.

Its style sheet (access.css) rings the focused control in the theme's text colour. Where the
widgets are not live (the website draws them from their saved state) none of this is needed:
there is nothing to focus.
"""

from pathlib import Path

import anywidget
import ipywidgets as widgets

HERE = Path(__file__).resolve().parent

ROOT_CLASS = "micrograd-keys"  # the box whose controls access.js looks after
LIVE_CLASS = "micrograd-live"  # a widget whose changes a screen reader reads out


class KeyboardAccess(anywidget.AnyWidget):
    """A widget that shows nothing: its page script looks after the controls of the box it is in
    (see the module's docstring)."""

    _esm = HERE / "access.js"
    _css = HERE / "access.css"

    CLASS = "micrograd-keyboard-access"  # how a drawing from the saved state knows it: it draws
    # nothing for it (course_tools/website.py)

    def __init__(self, **kwargs):
        super().__init__(layout=widgets.Layout(display="none"), **kwargs)
        self.add_class(self.CLASS)


def keyboard_access(box, live=()):
    """Make `box` (an ipywidgets Box) usable with the keyboard alone and with a screen reader, the
    widgets in `live` its live regions (a status line); returns `box`."""
    box.add_class(ROOT_CLASS)
    for w in live:
        w.add_class(LIVE_CLASS)
    box.children = (*box.children, KeyboardAccess())
    return box
