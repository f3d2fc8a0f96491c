"""Notebook 03, backpropagation by hand: the checkers of its exercises."""

import math

from micrograd.exercises.feedback import close, exercise, number_answers, right, rounded, wrong

# notebook 03: backpropagation by hand

@exercise
@number_answers("a.grad", "b.grad", "c.grad", "f.grad")
def check_chain_grads(a_grad, b_grad, c_grad, f_grad):
    """03: gradients of L = (a·b + c)·f at a = 2, b = -3, c = 10, f = -2."""
    # d = a·b + c = 4;  dL/df = d,  dL/dd = f,  dL/dc = dL/dd,  dL/da = b·dL/dd,  dL/db = a·dL/dd
    expected = {"a.grad": 6.0, "b.grad": -4.0, "c.grad": -2.0, "f.grad": 4.0}
    given = {"a.grad": a_grad, "b.grad": b_grad, "c.grad": c_grad, "f.grad": f_grad}
    off = [name for name in expected if not close(given[name], expected[name], tol=1e-4)]
    if not off:
        return right("L.grad = 1; the * swaps (d.grad = f = -2, f.grad = d = 4); the + passes -2 "
                     "to c and to a·b; the * swaps again (a.grad = b·(-2), b.grad = a·(-2)).")
    hints = {"f.grad": "f is multiplied by d, so f.grad = d.data · L.grad",
             "c.grad": "a + node passes its gradient through unchanged: c.grad = d.grad",
             "a.grad": "a * node swaps: a.grad = b.data · (a·b).grad, and (a·b).grad = d.grad",
             "b.grad": "a * node swaps: b.grad = a.data · (a·b).grad, and (a·b).grad = d.grad"}
    return wrong(f"{', '.join(off)} {'is' if len(off) == 1 else 'are'} not right yet: "
                 + "; ".join(hints[name] for name in off) + ".")


@exercise
@number_answers()
def check_tanh_slope(slope):
    """03: d tanh(y)/dy at y = 0.5, which is 1 - tanh(0.5)²."""
    t = math.tanh(0.5)
    if close(slope, 1 - t * t, tol=1e-4):
        return right(f"1 - tanh(0.5)² = {1 - t * t:.4f}.")
    if close(slope, t, tol=1e-4):
        return wrong(f"{t:.4f} is tanh(0.5) itself, the output; the slope is 1 - tanh(0.5)².")
    if close(slope, 1 - t, tol=1e-4):
        return wrong("Almost: square tanh(0.5) before subtracting it from 1.")
    if close(slope, 1 - 0.25, tol=1e-4):
        return wrong("That is 1 - 0.5²: square tanh(0.5), the output, not the input 0.5.")
    if rounded(slope, 1 - t * t, tol=1e-4) is not None:
        return rounded(slope, 1 - t * t, tol=1e-4)
    return wrong(f"{slope:.4f} is not it. Compute t = math.tanh(0.5), then 1 - t**2.")


@exercise
@number_answers("w0.grad", "w1.grad")
def check_neuron_grads(w0_grad, w1_grad):
    """03: out = tanh(w0·x0 + w1·x1 + b) with x0 = 1, x1 = -2, w0 = 0.5, w1 = 0.25, b = 0.6.

    y = 0.6 is far enough from 0 that each slip lands far from the right answer: the slope
    taken at the input, 1 - y² = 0.64, against 1 - tanh(y)² = 0.7114 (near 0, as at y = 0.1,
    the two agree to 1e-4).
    """
    x0, x1, w0, w1 = 1.0, -2.0, 0.5, 0.25
    y = w0 * x0 + w1 * x1 + 0.6
    t = math.tanh(y)
    y_grad = 1 - t * t
    tol = 1e-4

    def gives(slope):  # the answer, if the tanh step's slope were `slope`
        return close(w0_grad, slope * x0, tol) and close(w1_grad, slope * x1, tol)

    if gives(y_grad):
        return right(f"y.grad = 1 - tanh(y)² = {y_grad:.4f}, and each weight gets y.grad times "
                     "its own input.")
    if gives(1.0):
        return wrong("Those are the gradients with respect to y, before the tanh. Multiply by "
                     "the tanh step's local slope, 1 - tanh(y)².")
    if gives(1 - y * y):
        return wrong("That slope is 1 - y², taken at the input y = 0.6. tanh's slope is "
                     "1 - t², with t = tanh(y), its output: 1 - math.tanh(0.6)**2.")
    if gives(1 - t):
        return wrong("Almost: square tanh(y) before subtracting it from 1: 1 - tanh(y)².")
    if gives(t):
        return wrong("tanh(y) is the tanh's output; its slope is 1 - tanh(y)².")
    if close(w0_grad, y_grad * w0, tol) or close(w1_grad, y_grad * w1, tol):
        return wrong("A * node swaps: a weight's gradient uses its input (w0.grad = x0.data · "
                     "(w0·x0).grad), not the weight itself.")
    if close(w0_grad, y_grad * x0, tol) and close(w1_grad, -y_grad * x1, tol):
        return wrong("w0.grad is right; check the sign of w1.grad: x1 = -2 is negative.")
    answers = (("w0.grad", w0_grad, y_grad * x0), ("w1.grad", w1_grad, y_grad * x1))
    too_rounded = [rounded(answer, expected, tol, name) for name, answer, expected in answers]
    if all(close(answer, expected, tol) or r is not None
           for (_, answer, expected), r in zip(answers, too_rounded)):
        return next(r for r in too_rounded if r is not None)
    return wrong("Work backward from out.grad = 1: y.grad = 1 - tanh(y)², the + nodes pass "
                 "y.grad on, then w0.grad = x0.data · y.grad and w1.grad = x1.data · y.grad.")
