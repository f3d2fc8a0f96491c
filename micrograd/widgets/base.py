"""What the course's widgets share: how they show in a notebook, and their graphs as HTML."""

import html

from micrograd.display import FIT_WIDTH_PX, sized_svg


class CourseWidget:
    """A widget of the course: `self.widget` is the ipywidgets box it shows, and its repr (the
    text a notebook shows where widgets cannot be drawn) says what state it is in."""

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        return bundle


def svg_html(digraph, fit_width_px=FIT_WIDTH_PX, fit_height_px=None, box_height_px=None):
    """A graphviz graph as HTML for a widgets.HTML: its SVG at the size display.sized_svg gives
    (text 11 px or more), in a box that scrolls if the picture is still too wide, or taller
    than `box_height_px`, and that the keyboard can focus."""
    svg = sized_svg(digraph.svg(), fit_width_px, fit_height_px)
    svg = svg[svg.index("<svg"):]  # without the XML prologue and doctype, which HTML rejects
    height = f";max-height:{box_height_px}px" if box_height_px else ""
    # a screen reader reads the graph as one picture, named by what it shows in words; the box
    # takes the focus (tabindex), so that a keyboard can scroll it and a screen reader reach it
    name = html.escape(f"{digraph.description[0].upper()}{digraph.description[1:]}: "
                       f"{digraph.text}", quote=True)
    return (f'<div role="img" aria-label="{name}" tabindex="0" '
            f'style="overflow:auto{height}">{svg}</div>')

