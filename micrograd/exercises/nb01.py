"""Notebook 01, derivatives: the checkers of its exercises."""

from micrograd.exercises.feedback import close, exercise, number_answers, right, rounded, wrong

# notebook 01: f(x) = 3x² - 4x + 5, f'(x) = 6x - 4

@exercise
@number_answers()
def check_flat_point(x):
    """01: the x at which f(x) = 3x² - 4x + 5 is flat (slope 0): 6x - 4 = 0, x = 2/3."""
    if close(x, 2 / 3, tol=1e-3):
        return right(f"At x = {2 / 3:.4f} the slope 6x - 4 is 0: the bottom of the parabola.")
    if close(x, -2 / 3, tol=1e-3):
        return wrong("Check the sign: solve 6x - 4 = 0, so 6x = 4.")
    if close(x, 11 / 3, tol=1e-3):
        return wrong(f"{x:.4f} is the height f(x) at the bottom; the question asks for x there.")
    if rounded(x, 2 / 3, tol=1e-3) is not None:
        return rounded(x, 2 / 3, tol=1e-3)
    return wrong(f"At x = {x:.4f} the slope 6x - 4 is {6 * x - 4:.4f}, not 0. Set the exact "
                 "slope 6x - 4 to zero and solve for x.")


@exercise
@number_answers()
def check_slope_estimate(slope):
    """01: a finite-difference estimate of the slope of f at x = -1 (exactly 6·(-1) - 4 = -10)."""
    if abs(slope - (-10)) <= 0.01:
        return right(f"Your estimate {slope:.4f} is close to the exact slope 6·(-1) - 4 = -10.")
    if abs(slope - 10) <= 0.01:
        return wrong("The size is right but the sign is not: compute f(x + h) - f(x), the new "
                     "output minus the old one, and divide by h.")
    if close(slope, 12.0, tol=1e-3):
        return wrong("12 is f(-1), the height of the curve at x = -1, not its slope. Nudge x: "
                     "(f(-1 + h) - f(-1)) / h with h = 0.001.")
    if abs(slope - (-10) * 0.001) <= 1e-4:
        return wrong(f"{slope:.4f} is f(-1 + h) - f(-1), the change in f: divide it by h to get "
                     "the slope, the change per unit of x.")
    if abs(slope + 10) <= 1.0:
        return wrong(f"{slope:.4f} is near -10 but not within 0.01 of it: use a smaller h, "
                     "such as 0.001.")
    return wrong(f"{slope:.4f} is far from the slope at x = -1. Compute (f(-1 + h) - f(-1)) / h "
                 "with h = 0.001; the exact slope 6x - 4 tells you what to expect.")


@exercise
@number_answers("de/da", "de/db", "de/dc")
def check_product_partials(dd_da, dd_db, dd_dc):
    """01: the partial derivatives of e = a·b·c at a = 2, b = -3, c = 10: b·c, a·c, a·b."""
    expected = {"de/da": -30.0, "de/db": 20.0, "de/dc": -6.0}
    given = {"de/da": dd_da, "de/db": dd_db, "de/dc": dd_dc}
    off = [name for name in expected if abs(given[name] - expected[name]) > 0.01]
    if not off:
        return right("Each partial derivative of a product is the product of the other inputs: "
                     "b·c = -30, a·c = 20, a·b = -6.")
    hints = {"de/da": "nudge a: (a + h)·b·c grows by h·(b·c)",
             "de/db": "nudge b: a·(b + h)·c grows by h·(a·c)",
             "de/dc": "nudge c: a·b·(c + h) grows by h·(a·b)"}
    return wrong(f"{', '.join(off)} {'is' if len(off) == 1 else 'are'} not right yet. "
                 + "; ".join(hints[name] for name in off) + ".")
