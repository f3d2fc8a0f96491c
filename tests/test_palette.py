"""The course's colours stay apart for every student: under simulated protanopia, deuteranopia and
tritanopia (Machado, Oliveira and Fernandes 2009, severity 1), and with no colour at all
(greyscale, as in achromatopsia or on a black-and-white printout).

Colours that must stay apart are compared in CIELAB: a difference (CIE76 ΔE) of 2 is just
noticeable; small markers on a projector need far more. Shapes, rings, line styles and borders
carry every distinction as well (tests/test_plots.py, tests/test_draw.py): the colours are the
second cue, and these tests keep that cue working too.
"""

import itertools

import numpy as np
import pytest

from micrograd import draw, plots
from micrograd.display import CARD_STYLE

# Machado et al. 2009, severity 1.0, applied to linear RGB
CVD = {
    "protanopia": [[0.152286, 1.052583, -0.204868],
                   [0.114503, 0.786281, 0.099216],
                   [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968],
                     [0.280085, 0.672501, 0.047413],
                     [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779],
                   [-0.078411, 0.930809, 0.147602],
                   [0.004733, 0.691367, 0.303900]],
}
VISION = ["normal", *CVD, "greyscale"]


def linear_rgb(hex_colour):
    srgb = np.array([int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)])
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def seen(hex_colour, vision):
    """The colour as linear RGB, as seen with `vision`."""
    rgb = linear_rgb(hex_colour)
    if vision in CVD:
        rgb = np.clip(np.array(CVD[vision]) @ rgb, 0, 1)
    elif vision == "greyscale":
        rgb = np.full(3, relative_luminance(rgb))
    return rgb


def relative_luminance(rgb):
    return float(np.dot([0.2126, 0.7152, 0.0722], rgb))


def lab(rgb):
    """Linear sRGB (D65) to CIELAB."""
    m = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    xyz = m @ rgb / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(a, b, vision):
    return float(np.linalg.norm(lab(seen(a, vision)) - lab(seen(b, vision))))


def closest_pair(colours, vision):
    return min(delta_e(a, b, vision) for a, b in itertools.combinations(colours, 2))


@pytest.mark.parametrize("vision", VISION)
def test_the_two_classes_stay_far_apart(vision):
    assert closest_pair([plots.CLASS_COLORS[1], plots.CLASS_COLORS[-1]], vision) > 20


def test_the_classes_differ_in_brightness_so_greyscale_keeps_them_apart():
    dark, light = (relative_luminance(linear_rgb(plots.CLASS_COLORS[c])) for c in (1, -1))
    assert (light + 0.05) / (dark + 0.05) > 2  # the old red and blue were 1.04:1


def test_the_check_has_teeth_the_old_red_and_blue_fail_it():
    assert closest_pair(["#d62728", "#1f77b4"], "greyscale") < 5


@pytest.mark.parametrize("vision", VISION)
def test_the_two_sides_of_a_decision_boundary_stay_apart(vision):
    pale_orange, _, pale_blue = plots.BOUNDARY_COLORS
    assert delta_e(pale_orange, pale_blue, vision) > 10


@pytest.mark.parametrize("vision", VISION[:-1])
def test_compared_runs_stay_apart(vision):
    # in greyscale the runs' colours are close (both dark enough to read on the card: 3:1), and
    # their line styles tell them apart: solid, dashed (test_plots)
    first, second = (s["color"] for s in plots.RUN_STYLES[:2])
    assert delta_e(first, second, vision) > 15


@pytest.mark.parametrize("vision", VISION)
def test_node_states_stay_apart_from_each_other_and_from_a_plain_node(vision):
    # besides their borders (thick, rounded, dashed: test_draw), the fills differ too
    assert closest_pair([draw.NODE_FILL, draw.HIGHLIGHT_FILL, draw.DONE_FILL], vision) > 6


@pytest.mark.parametrize("colour", [s["color"] for s in plots.RUN_STYLES] + [
    plots.LOSS_COLOR, plots.ACCURACY_COLOR, *plots.CLASS_COLORS.values()])
def test_lines_and_points_stand_out_on_the_card(colour):
    line, card = (relative_luminance(linear_rgb(c)) for c in (colour, CARD_STYLE["background"]))
    # 3:1 for graphics (WCAG 1.4.11); the orange squares have a dark edge, which counts instead
    needed = 2 if colour == plots.CLASS_COLORS[-1] else 3
    assert (max(line, card) + 0.05) / (min(line, card) + 0.05) >= needed


@pytest.mark.parametrize("background", ["#ffffff", "#111111", "#212121"])
@pytest.mark.parametrize("colour", [draw.EDGE_COLOR, draw.NODE_BORDER])
def test_graph_arrows_and_borders_stand_out_on_a_light_and_a_dark_page(colour, background):
    # JupyterLab Light's page, and Dark's page and cells: 3:1, for graphics (WCAG 1.4.11); a
    # node's state is its border (thick, dashed), so the border must show on either
    edge, page = (relative_luminance(linear_rgb(c)) for c in (colour, background))
    assert (max(edge, page) + 0.05) / (min(edge, page) + 0.05) >= 3
