"""Plots for the notebooks, sized for a classroom projector, one colour per class throughout."""

import matplotlib as mpl

# the two classes, everywhere in the course: -1 is red, 1 is blue
CLASS_COLORS = {-1: "#d62728", 1: "#1f77b4"}
CLASS_NAMES = {-1: "class -1 (red)", 1: "class 1 (blue)"}

PROJECTOR_STYLE = {
    "figure.figsize": (8, 5.5),
    "figure.dpi": 100,
    "font.size": 14,
    "axes.titlesize": 17,
    "axes.labelsize": 15,
    "xtick.labelsize": 13,
    "ytick.labelsize": 13,
    "legend.fontsize": 13,
    "lines.linewidth": 2.5,
    "lines.markersize": 8,
    "axes.grid": True,
    "grid.alpha": 0.3,
}


def use_course_style():
    """Large fonts and thick lines, readable from the back of a lecture room."""
    mpl.rcParams.update(PROJECTOR_STYLE)
