"""Checkers for the notebooks' exercises: each says "right", or "not yet" with a hint.

In a notebook:  check_slope(my_answer)  shows the verdict under the cell. A checker never raises on
a wrong answer (a learner's notebook keeps running); it returns a `Feedback`, which is truthy only
when the answer is right, so the tests can assert on it.
"""

import functools
import html
import math
import numbers
import random

import numpy as np

from micrograd.engine import Value, topological_order
from micrograd.nn import MLP
from micrograd.train import max_margin_loss, mse_loss, train


class Feedback:
    """The verdict on one answer: `correct` and a message (the hint, when it is wrong)."""

    def __init__(self, correct, message, verdict=None):
        self.correct = bool(correct)
        self.message = message
        self.verdict = verdict or ("Right!" if self.correct else "Not yet.")

    def __bool__(self):
        return self.correct

    def __repr__(self):
        return f"{self.verdict} {self.message}"

    def _repr_html_(self):
        colour = "#1a7f37" if self.correct else "#b35900"
        return (f'<div style="font-size:1.15em;color:{colour}"><b>{self.verdict}</b> '
                f"{html.escape(self.message)}</div>")


def right(message=""):
    return Feedback(True, message)


def wrong(hint):
    return Feedback(False, hint)


def close(answer, expected, tol=1e-6):
    """True when `answer` is a number within `tol` (absolute or relative) of `expected`."""
    try:
        answer = float(answer)
    except (TypeError, ValueError):
        return False
    return math.isclose(answer, expected, rel_tol=tol, abs_tol=tol)


NOT_ANSWERED = "Not answered yet."


def _empty_function():
    ...


def _not_answered(x):
    """True for the placeholder `...`, and for a function whose body is still only `...`."""
    code = getattr(x, "__code__", None)
    return x is Ellipsis or (code is not None
                             and code.co_code == _empty_function.__code__.co_code
                             and code.co_consts == _empty_function.__code__.co_consts)


def exercise(check):
    """Wrap a checker: while an answer is still the placeholder `...`, say so instead of
    checking it."""
    @functools.wraps(check)
    def checked(*answers, **named):
        if any(_not_answered(x) for x in (*answers, *named.values())):
            return Feedback(False, "Replace the ... with your answer, then run the cell again.",
                            verdict=NOT_ANSWERED)
        return check(*answers, **named)
    return checked


# ---- notebooks 01-03: derivatives, the Value class, backpropagation by hand ---------------------

def _real_number(name, x):
    """None when `x` is a finite real number (int, float, numpy scalar); otherwise the Feedback
    that says what to give."""
    if isinstance(x, numbers.Real) and not isinstance(x, bool) and math.isfinite(x):
        return None
    hint = " It is a Value: give its number, v.data (or v.grad)." if isinstance(x, Value) else ""
    return wrong(f"{name} should be a number, but it is {type(x).__name__}: {x!r}.{hint}")


# notebook 01: f(x) = 3x² - 4x + 5, f'(x) = 6x - 4

@exercise
def check_flat_point(x):
    """01: the x at which f(x) = 3x² - 4x + 5 is flat (slope 0): 6x - 4 = 0, x = 2/3."""
    problem = _real_number("x", x)
    if problem is not None:
        return problem
    if close(x, 2 / 3, tol=1e-3):
        return right(f"At x = {2 / 3:.4f} the slope 6x - 4 is 0: the bottom of the parabola.")
    if close(x, -2 / 3, tol=1e-3):
        return wrong("Check the sign: solve 6x - 4 = 0, so 6x = 4.")
    if close(x, 11 / 3, tol=1e-3):
        return wrong(f"{x:.4f} is the height f(x) at the bottom; the question asks for x there.")
    return wrong(f"At x = {x:.4f} the slope 6x - 4 is {6 * x - 4:.4f}, not 0. Set the exact "
                 "slope 6x - 4 to zero and solve for x.")


@exercise
def check_slope_estimate(slope):
    """01: a finite-difference estimate of the slope of f at x = -1 (exactly 6·(-1) - 4 = -10)."""
    problem = _real_number("slope", slope)
    if problem is not None:
        return problem
    if abs(slope - (-10)) <= 0.01:
        return right(f"Your estimate {slope:.4f} is close to the exact slope 6·(-1) - 4 = -10.")
    if abs(slope - 10) <= 0.01:
        return wrong("The size is right but the sign is not: compute f(x + h) - f(x), the new "
                     "output minus the old one, and divide by h.")
    if close(slope, 12.0, tol=1e-3):
        return wrong("12 is f(-1), the height of the curve at x = -1, not its slope. Nudge x: "
                     "(f(-1 + h) - f(-1)) / h with h = 0.001.")
    if abs(slope + 10) <= 1.0:
        return wrong(f"{slope:.4f} is near -10 but not within 0.01 of it: use a smaller h, "
                     "such as 0.001.")
    return wrong(f"{slope:.4f} is far from the slope at x = -1. Compute (f(-1 + h) - f(-1)) / h "
                 "with h = 0.001; the exact slope 6x - 4 tells you what to expect.")


@exercise
def check_product_partials(dd_da, dd_db, dd_dc):
    """01: the partial derivatives of e = a·b·c at a = 2, b = -3, c = 10: b·c, a·c, a·b."""
    expected = {"de/da": -30.0, "de/db": 20.0, "de/dc": -6.0}
    given = {"de/da": dd_da, "de/db": dd_db, "de/dc": dd_dc}
    for name, x in given.items():
        problem = _real_number(name, x)
        if problem is not None:
            return problem
    off = [name for name in expected if abs(given[name] - expected[name]) > 0.01]
    if not off:
        return right("Each partial derivative of a product is the product of the other inputs: "
                     "b·c = -30, a·c = 20, a·b = -6.")
    hints = {"de/da": "nudge a: (a + h)·b·c grows by h·(b·c)",
             "de/db": "nudge b: a·(b + h)·c grows by h·(a·c)",
             "de/dc": "nudge c: a·b·(c + h) grows by h·(a·b)"}
    return wrong(f"{', '.join(off)} {'is' if len(off) == 1 else 'are'} not right yet. "
                 + "; ".join(hints[name] for name in off) + ".")


# notebook 02: the Value class and its graph

@exercise
def check_node_count(n):
    """02: how many Values the graph of y = m·x + c holds: m, x, c, mx and y."""
    if isinstance(n, bool) or not isinstance(n, numbers.Real) or n != int(n):
        return wrong(f"Give a whole number of Values, not {type(n).__name__}: {n!r}.")
    if n == 5:
        return right("Three inputs (m, x, c), and one new Value per operation (mx and y).")
    if n == 3:
        return wrong("3 counts the inputs only: every operation makes a new Value too.")
    if n == 2:
        return wrong("2 counts the operations only: the inputs m, x and c are Values too.")
    return wrong(f"{n} is not it. List them: the inputs you made with Value(...), plus one new "
                 "Value for each * and +.")


def _labels(nodes):
    return sorted(getattr(p, "label", "?") for p in nodes)


@exercise
def check_abc_graph(d):
    """02: d = a·b + c with a = 2, b = -3, c = 10, a·b labelled "e" and the sum labelled "d"."""
    if not all(hasattr(d, attr) for attr in ("data", "_prev", "_op")):
        return wrong(f"Pass the final Value d itself, not {type(d).__name__}: {d!r}.")
    if d._op != "+":
        return wrong(f"d should be made by '+' (a·b + c), but its operation is {d._op!r}.")
    if getattr(d, "label", "") != "d":
        return wrong('Label the final Value: d.label = "d".')
    parents = list(d._prev)
    e = next((p for p in parents if getattr(p, "_op", "") == "*"), None)
    if len(parents) != 2 or e is None:
        return wrong("d's two parents should be e = a * b and c. Build e first, then d = e + c.")
    if getattr(e, "label", "") != "e":
        return wrong('Label the product: e.label = "e".')
    if _labels(e._prev) != ["a", "b"]:
        return wrong(f"e should be a * b, with the inputs labelled 'a' and 'b'; its parents "
                     f"are labelled {_labels(e._prev)}.")
    c = next(p for p in parents if p is not e)
    if getattr(c, "label", "") != "c":
        return wrong("Label the input c: Value(10.0, label='c').")
    a, b = sorted(e._prev, key=lambda p: p.label)
    for node, expected in ((a, 2.0), (b, -3.0), (c, 10.0)):
        if not close(node.data, expected):
            return wrong(f"{node.label} holds {node.data}, but the exercise asks for "
                         f"{node.label} = {expected:g}.")
    if not close(d.data, 4.0):
        return wrong(f"d.data is {d.data}, but 2 · (-3) + 10 = 4. Check the numbers in a, b "
                     "and c.")
    return right("d = 4.0, and it remembers how it was made: e = a * b, then e + c.")


@exercise
def check_count_nodes(count_nodes):
    """02: a function that counts the distinct Values in the graph behind a Value."""
    if not callable(count_nodes):
        return wrong(f"Pass the function itself, count_nodes, without calling it; got "
                     f"{type(count_nodes).__name__}.")
    m, x, c = Value(2.0), Value(3.0), Value(1.0)
    a = Value(3.0)
    cases = [
        ("a single Value", Value(1.0), 1),
        ("y = m*x + c", m * x + c, 5),
        ("a * a (one input used twice)", a * a, 2),
        ("s + s, with s = a * a: one product used twice", (lambda s: s + s)(a * a), 3),
    ]
    for name, root, expected in cases:
        try:
            got = count_nodes(root)
        except Exception as error:  # a learner's bug: report it, do not crash the notebook
            return wrong(f"count_nodes({name}) raised {type(error).__name__}: {error}")
        if isinstance(got, bool) or not isinstance(got, numbers.Integral):
            return wrong(f"For {name} it returned {type(got).__name__} {got!r}, not a whole "
                         "number: return len(seen), the number of Values you have seen.")
        if got != expected:
            hint = ""
            if got > expected:
                hint = (" A Value reached along two paths is counted twice: keep a set of the "
                        "Values you have seen and skip those already in it.")
            elif expected > 1:
                hint = " Follow v._prev from every Value you visit, not only from the first."
            return wrong(f"For {name} it returned {got!r}, but the graph holds {expected} "
                         f"distinct Values.{hint}")
    return right("It walks the whole graph and counts a shared Value once.")


# notebook 03: backpropagation by hand

@exercise
def check_chain_grads(a_grad, b_grad, c_grad, f_grad):
    """03: gradients of L = (a·b + c)·f at a = 2, b = -3, c = 10, f = -2."""
    # d = a·b + c = 4;  dL/df = d,  dL/dd = f,  dL/dc = dL/dd,  dL/da = b·dL/dd,  dL/db = a·dL/dd
    expected = {"a.grad": 6.0, "b.grad": -4.0, "c.grad": -2.0, "f.grad": 4.0}
    given = {"a.grad": a_grad, "b.grad": b_grad, "c.grad": c_grad, "f.grad": f_grad}
    for name, x in given.items():
        problem = _real_number(name, x)
        if problem is not None:
            return problem
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
def check_tanh_slope(slope):
    """03: d tanh(y)/dy at y = 0.5, which is 1 - tanh(0.5)²."""
    problem = _real_number("slope", slope)
    if problem is not None:
        return problem
    t = math.tanh(0.5)
    if close(slope, 1 - t * t, tol=1e-4):
        return right(f"1 - tanh(0.5)² = {1 - t * t:.4f}.")
    if close(slope, t, tol=1e-4):
        return wrong(f"{t:.4f} is tanh(0.5) itself, the output; the slope is 1 - tanh(0.5)².")
    if close(slope, 1 - t, tol=1e-4):
        return wrong("Almost: square tanh(0.5) before subtracting it from 1.")
    if close(slope, 1 - 0.25, tol=1e-4):
        return wrong("That is 1 - 0.5²: square tanh(0.5), the output, not the input 0.5.")
    return wrong(f"{slope:.4f} is not it. Compute t = math.tanh(0.5), then 1 - t**2.")


@exercise
def check_neuron_grads(w0_grad, w1_grad):
    """03: out = tanh(w0·x0 + w1·x1 + b) with x0 = 1, x1 = -2, w0 = 0.5, w1 = 0.25, b = 0.1."""
    for name, x in (("w0.grad", w0_grad), ("w1.grad", w1_grad)):
        problem = _real_number(name, x)
        if problem is not None:
            return problem
    x0, x1, w0, w1 = 1.0, -2.0, 0.5, 0.25
    t = math.tanh(w0 * x0 + w1 * x1 + 0.1)
    y_grad = 1 - t * t
    if close(w0_grad, y_grad * x0, tol=1e-4) and close(w1_grad, y_grad * x1, tol=1e-4):
        return right(f"y.grad = 1 - tanh(y)² = {y_grad:.4f}, and each weight gets y.grad times "
                     "its own input.")
    if close(w0_grad, x0, tol=1e-4) and close(w1_grad, x1, tol=1e-4):
        return wrong("Those are the gradients with respect to y, before the tanh. Multiply by "
                     "the tanh step's local slope, 1 - tanh(y)².")
    if close(w0_grad, y_grad * w0, tol=1e-4) or close(w1_grad, y_grad * w1, tol=1e-4):
        return wrong("A * node swaps: a weight's gradient uses its input (w0.grad = x0.data · "
                     "(w0·x0).grad), not the weight itself.")
    return wrong("Work backward from out.grad = 1: y.grad = 1 - tanh(y)², the + nodes pass "
                 "y.grad on, then w0.grad = x0.data · y.grad and w1.grad = x1.data · y.grad.")


# ---- notebooks 04-05: automatic backpropagation; neurons, layers and networks ------------------

# notebook 04: local derivatives, accumulation, a backward pass of your own, sigmoid from exp

@exercise
def check_division_local_grads(dc_da, dc_db):
    """04: the local derivatives of c = a / b at a = 3, b = 2: dc/da = 1/b, dc/db = -a/b²."""
    for name, x in (("dc_da", dc_da), ("dc_db", dc_db)):
        problem = _real_number(name, x)
        if problem is not None:  # a Feedback for a wrong answer is falsy
            return problem
    if close(dc_da, 0.5) and close(dc_db, -0.75):
        return right("dc/da = 1/b = 0.5 and dc/db = -a/b² = -0.75: the same numbers that "
                     "__truediv__ stores in _local_grads.")
    if not close(dc_da, 0.5):
        if close(dc_da, 2.0):
            return wrong("dc/da is 1/b, not b: c = a · (1/b), so a is multiplied by 1/b.")
        return wrong("dc/da: treat b as a fixed number, so c = a · (1/b) is a line in a; "
                     "its slope is 1/b.")
    if close(dc_db, 0.75):
        return wrong("dc/da is right. dc/db has the right size but the wrong sign: a bigger "
                     "divisor makes c smaller.")
    if close(dc_db, -1.5):
        return wrong("dc/da is right. For dc/db, c = a · b⁻¹, and the slope of b⁻¹ is -b⁻², "
                     "so dc/db = -a/b², with b squared.")
    return wrong("dc/da is right. For dc/db, write c = a · b⁻¹ and use the power rule on b⁻¹.")


@exercise
def check_reused_node_grad(a_grad):
    """04: a.grad for c = a * a + a at a = 3: a is used three times, dc/da = 2a + 1 = 7."""
    problem = _real_number("a_grad", a_grad)
    if problem is not None:
        return problem
    if close(a_grad, 7.0):
        return right("2a + 1 = 7: a gets 3 + 3 from the two sides of a * a, and 1 from + a. "
                     "Each use adds its share, which is why _backward uses +=.")
    if close(a_grad, 3.0) or close(a_grad, 1.0):
        return wrong("That is what you get if each use overwrites a.grad (=) instead of adding "
                     "to it (+=). a is used three times; add up what each use contributes.")
    if close(a_grad, 6.0):
        return wrong("6 = 2a is the a * a part. The + a at the end passes on a gradient too.")
    if close(a_grad, 4.0):
        return wrong("a * a uses a twice: each side contributes the other side's value, 3, so "
                     "together 6, not 3. Then add the + a part.")
    return wrong("Add up one contribution per use of a: each side of a * a gives the other "
                 "side's value (3), and + a gives 1. Check with c.backward().")


def _reuse_graph():
    """A small graph with a node used twice and a long and a short path: f = (a·b + b)·tanh(a)."""
    a, b = Value(0.7, label="a"), Value(-1.3, label="b")
    ab = a * b
    f = (ab + b) * a.tanh()
    return f, [a, b, ab]


@exercise
def check_my_backward(my_backward):
    """04: a function my_backward(root) that fills in every .grad, as root.backward() does."""
    if not callable(my_backward):
        return wrong(f"Give the function itself, my_backward, not {type(my_backward).__name__}: "
                     f"{my_backward!r}.")

    expected_root, expected_nodes = _reuse_graph()
    expected_root.backward()
    root, nodes = _reuse_graph()
    try:
        my_backward(root)
    except Exception as error:  # a learner's code: report whatever went wrong
        return wrong(f"my_backward(root) raised {type(error).__name__}: {error}. Loop over "
                     "reversed(topological_order(root)) and call node._backward().")
    got = [v.grad for v in nodes]
    want = [v.grad for v in expected_nodes]
    if all(close(g, w) for g, w in zip(got, want)) and close(root.grad, 1.0):
        return right("Your loop gives the same gradients as backward(), on a graph where a is "
                     "used three times.")
    seed_hint = ("Start with root.grad = 1: d root / d root is 1, and that is what the first "
                 "_backward() passes on.")
    if root.grad != 1 and all(g == 0 for g in got):
        return wrong("Every gradient is still 0. " + seed_hint)
    root2, nodes2 = _reuse_graph()
    root2.grad = 1.0
    for node in topological_order(root2):  # the forward order: a typical slip
        node._backward()
    if all(close(g, v.grad) for g, v in zip(got, nodes2)):
        return wrong("The order is the wrong way round: a node must pass its gradient on only "
                     "after every node that uses it has. Loop over reversed(topological_order"
                     "(root)).")
    if all(g == 0 for g in got):
        return wrong("Every gradient is still 0. " + seed_hint)
    return wrong("Some gradients differ from backward()'s. Set root.grad = 1, then call "
                 "node._backward() for every node in reversed(topological_order(root)), once.")


@exercise
def check_sigmoid_from_exp(my_sigmoid):
    """04: my_sigmoid(x) = 1 / (1 + exp(-x)) from Value operations: same value and gradient as
    Value.sigmoid() at several points."""
    if not callable(my_sigmoid):
        return wrong(f"Give the function itself, my_sigmoid, not {type(my_sigmoid).__name__}.")

    for x0 in (-2.0, -0.5, 0.0, 0.8, 3.0):
        x, ref = Value(x0, label="x"), Value(x0, label="x")
        try:
            out = my_sigmoid(x)
        except Exception as error:  # a learner's code: report whatever went wrong
            return wrong(f"my_sigmoid(Value({x0})) raised {type(error).__name__}: {error}.")
        if not isinstance(out, Value):
            return wrong(f"my_sigmoid returned {type(out).__name__}, not a Value. Build it from "
                         "Value operations, such as (-x).exp(), so that backward() can pass "
                         "gradients through it; math.exp works on plain numbers only.")
        expected = ref.sigmoid()
        if not close(out.data, expected.data):
            return wrong(f"At x = {x0} your function gives {out.data:.4f}, but the sigmoid is "
                         f"{expected.data:.4f}. It is 1 / (1 + e^(-x)): mind the minus sign.")
        out.backward()
        expected.backward()
        if not close(x.grad, ref.grad):
            return wrong(f"At x = {x0} the value is right but x.grad is {x.grad:.4f}, not "
                         f"{ref.grad:.4f}. Did you use x itself (not x.data) everywhere?")
    return right("Built from exp, + and /, your sigmoid has the same values and gradients as "
                 "Value.sigmoid(), which uses the shortcut s·(1 - s).")


# notebook 05: counting parameters, one neuron by hand, and with the sliders

@exercise
def check_mlp_parameter_count(count):
    """05: the number of parameters of MLP(3, [4, 4, 1]): 3·4+4 + 4·4+4 + 4·1+1 = 41."""
    problem = _real_number("count", count)
    if problem is not None:
        return problem
    if count == 41:
        return right("(3·4 + 4) + (4·4 + 4) + (4·1 + 1) = 16 + 20 + 5 = 41: a weight per input "
                     "and one bias, for every neuron.")
    if count == 32:
        return wrong("32 counts the weights only. Each neuron also has a bias: add one per "
                     "neuron.")
    if count == 9:
        return wrong("9 is the number of neurons. Count each neuron's weights (one per input "
                     "to its layer) and its bias.")
    if count == 36:
        return wrong("Only the first layer sees the 3 inputs. Each later layer's inputs are the "
                     "outputs of the layer before: the second and third layers see 4 each.")
    return wrong("For each layer: (inputs + 1) × neurons, as each neuron has a weight per input "
                 "and a bias. Then add the layers up; len(MLP(3, [4, 4, 1]).parameters()) "
                 "checks you.")


_NEURON_W, _NEURON_B, _NEURON_X = (0.5, -1.0), 0.25, (2.0, 1.0)


@exercise
def check_neuron_output(out):
    """05: tanh(w0·x0 + w1·x1 + b) with w = (0.5, -1.0), b = 0.25, x = (2.0, 1.0): tanh(0.25)."""
    problem = _real_number("out", out)
    if problem is not None:
        return problem
    n = sum(w * x for w, x in zip(_NEURON_W, _NEURON_X)) + _NEURON_B
    if close(out, math.tanh(n), tol=1e-4):
        return right(f"n = 0.5·2.0 + (-1.0)·1.0 + 0.25 = {n:.4f}, and tanh(n) = "
                     f"{math.tanh(n):.4f}.")
    if close(out, n, tol=1e-4):
        return wrong(f"{n:.4f} is the weighted sum n. The neuron's output is tanh(n).")
    if close(out, 0.0, tol=1e-4):
        return wrong("The weighted inputs cancel out (1.0 - 1.0), but the bias does not: "
                     "add b before the tanh.")
    return wrong("First n = w0·x0 + w1·x1 + b, then out = tanh(n) (math.tanh).")


@exercise
def check_neuron_w0_grad(w0_grad):
    """05: d out / d w0 for the same neuron: (1 - out²)·x0."""
    problem = _real_number("w0_grad", w0_grad)
    if problem is not None:
        return problem
    n = sum(w * x for w, x in zip(_NEURON_W, _NEURON_X)) + _NEURON_B
    slope = 1 - math.tanh(n) ** 2
    x0 = _NEURON_X[0]
    if close(w0_grad, slope * x0, tol=1e-4):
        return right(f"The tanh passes back 1 - out² = {slope:.4f}, the + nodes pass it on, and "
                     f"the * node multiplies it by x0 = {x0}: {slope * x0:.4f}.")
    if close(w0_grad, slope, tol=1e-4):
        return wrong(f"{slope:.4f} is d out / d n, the gradient at the sum. One more step: the "
                     "* node w0·x0 multiplies it by the other side, x0.")
    if close(w0_grad, x0, tol=1e-4):
        return wrong(f"{x0} is d n / d w0. The gradient also passes through the tanh: multiply "
                     "by its slope, 1 - out².")
    if close(w0_grad, slope * _NEURON_W[0], tol=1e-4):
        return wrong("That is d out / d x0. For w0, the * node passes on the other side's "
                     "value, x0.")
    return wrong("Chain rule: d out / d w0 = (1 - out²) · x0. Check with out.backward() and "
                 "w0.grad.")


@exercise
def check_zero_output_bias(b):
    """05: the bias that makes the neuron explorer's default neuron output 0 (to 0.01):
    w0·x0 + w1·x1 = 0.6·1.0 + 0.9·(-0.5) = 0.15, so b = -0.15."""
    problem = _real_number("b", b)
    if problem is not None:
        return problem
    target = -(0.6 * 1.0 + 0.9 * -0.5)
    if abs(b - target) < 0.005:  # the slider moves in steps of 0.01: -0.15 itself, nothing else
        return right(f"With b = {target:.2f}, n = 0 and tanh(0) = 0. There, the slope of tanh "
                     "is at its steepest, 1: the output reacts most to a nudge.")
    if abs(b + target) < 0.005:
        return wrong("Close, but the sign is flipped: b must cancel w0·x0 + w1·x1 = 0.15.")
    return wrong("Move the b slider until the output reads 0.0000, or solve "
                 "0.6·1.0 + 0.9·(-0.5) + b = 0.")


# ---- notebook 06: training ---------------------------------------------------------------------

@exercise
def check_update(new_value):
    """06: one step of gradient descent by hand: w.data = 0.8, w.grad = -0.5, learning rate 0.1.

    The update is w.data -= 0.1 * (-0.5), so w.data becomes 0.85.
    """
    problem = _real_number("new_value", new_value)
    if problem is not None:  # a Feedback for a wrong answer is falsy
        return problem
    if close(new_value, 0.85):
        return right("0.8 - 0.1 · (-0.5) = 0.85. The gradient is negative (raising w lowers the "
                     "loss), so the step raises w.")
    if close(new_value, 0.75):
        return wrong("That step goes with the gradient, and so makes the loss larger. Subtract "
                     "learning_rate * grad: 0.8 - 0.1 · (-0.5).")
    if close(new_value, 1.3) or close(new_value, 0.3):
        return wrong("The learning rate is missing: the step is learning_rate * grad, "
                     "0.1 · (-0.5), not the whole gradient.")
    if close(new_value, 0.05) or close(new_value, -0.05):
        return wrong("That is the size of the step, 0.1 · (-0.5), alone. The new value is the "
                     "old one minus it: 0.8 - 0.1 · (-0.5).")
    return wrong(f"{new_value:g} is not it. Start from the old value 0.8 and subtract "
                 "learning_rate * grad, where learning_rate = 0.1 and grad = -0.5.")


@exercise
def check_accumulated_grad(w_grad):
    """06: w.grad after three forward and backward passes of loss = (w·x - 1)² with w = -3,
    x = 2, without zero_grad and without any update.

    One pass gives d(loss)/dw = 2·(w·x - 1)·x = 2·(-7)·2 = -28; the passes add up: -84.
    """
    problem = _real_number("w_grad", w_grad)
    if problem is not None:  # a Feedback for a wrong answer is falsy
        return problem
    if close(w_grad, -84.0):
        return right("Each backward() adds its -28 to what w.grad already holds: "
                     "-28 · 3 = -84. That is why a training step calls zero_grad() first.")
    if close(w_grad, -28.0):
        return wrong("-28 is the gradient of one pass. backward() adds to w.grad (+=), it "
                     "does not overwrite it; what is left after three passes?")
    if close(w_grad, 84.0) or close(w_grad, 28.0):
        return wrong("Check the sign: with w = -3 and x = 2, w·x - 1 = -7, so "
                     "2·(w·x - 1)·x is negative.")
    if close(w_grad, -56.0):
        return wrong("-56 is two passes' worth; the loop runs three times.")
    return wrong("Work out one pass first: d(loss)/dw = 2·(w·x - 1)·x at w = -3, x = 2. Then "
                 "remember that w.grad is never reset in between.")


# a tiny problem for check_training_loop: 8 points, two of each class in each quarter
_LOOP_X = [[0.5, 1.0], [-1.0, 0.4], [1.2, -0.3], [-0.2, -0.9],
           [0.9, 0.6], [-0.6, 1.1], [0.1, -0.4], [-1.3, -0.2]]
_LOOP_Y = [1.0, -1.0, 1.0, -1.0, -1.0, 1.0, 1.0, -1.0]
_LOOP_STEPS, _LOOP_LR, _LOOP_SEED = 3, 0.1, 7


def _loop_model():
    return MLP(2, [4, 1], rng=random.Random(_LOOP_SEED))


def _a_faulty_loop(model, zero_grad=True, sign=-1.0, mean=True):
    """The training loop with one of the usual slips, to recognise it in a learner's answer."""
    params = model.parameters()
    for _ in range(_LOOP_STEPS):
        predictions = [model(x) for x in _LOOP_X]
        loss = sum(((p - t) ** 2 for p, t in zip(predictions, _LOOP_Y)), 0.0)
        if mean:
            loss = loss * (1.0 / len(_LOOP_X))
        if zero_grad:
            model.zero_grad()
        loss.backward()
        for p in params:
            p.data += sign * _LOOP_LR * p.grad
    return [p.data for p in params]


def _same_parameters(a, b):
    return len(a) == len(b) and all(math.isclose(u, v, rel_tol=1e-6, abs_tol=1e-9)
                                    for u, v in zip(a, b))


@exercise
def check_training_loop(train_steps):
    """06: a function train_steps(model, X, y, steps, learning_rate) that trains `model` in place
    by gradient descent on the mean squared error: forward, loss, zero_grad, backward, update.

    It is run for 3 steps at learning rate 0.1 on 8 points, and must leave the same parameters
    as the package's train() does from the same starting weights.
    """
    if not callable(train_steps):
        return wrong(f"Pass your function itself, train_steps, not its result "
                     f"({type(train_steps).__name__}).")

    model = _loop_model()
    start = [p.data for p in model.parameters()]
    try:
        train_steps(model, [list(x) for x in _LOOP_X], list(_LOOP_Y), _LOOP_STEPS, _LOOP_LR)
    except Exception as e:  # a learner's bug is feedback, not a crash
        return wrong(f"Your function raised {type(e).__name__}: {e}. It is called as "
                     "train_steps(model, X, y, steps, learning_rate).")
    got = [p.data for p in model.parameters()]
    expected_model = _loop_model()
    train(expected_model, _LOOP_X, _LOOP_Y, steps=_LOOP_STEPS, learning_rate=_LOOP_LR)
    if _same_parameters(got, [p.data for p in expected_model.parameters()]):
        return right("Forward, loss, zero_grad, backward, update: your loop moves every "
                     "parameter exactly as train() does.")
    if _same_parameters(got, start):
        return wrong("No parameter changed. After backward(), move each one: "
                     "for p in model.parameters(): p.data -= learning_rate * p.grad")
    slips = [({"zero_grad": False}, "The gradients pile up from step to step: call "
              "model.zero_grad() before loss.backward()."),
             ({"sign": 1.0}, "Your steps go up the slope, so the loss grows: subtract "
              "learning_rate * p.grad, do not add it."),
             ({"mean": False}, "Your loss is the sum of the squared errors; this one is their "
              "mean: divide by the number of points.")]
    for faults, hint in slips:
        if _same_parameters(got, _a_faulty_loop(_loop_model(), **faults)):
            return wrong(hint)
    return wrong(f"After {_LOOP_STEPS} steps the parameters differ from train()'s. Check that "
                 "each of the `steps` steps runs the model on every point, takes the mean of "
                 "(prediction - label)**2, calls model.zero_grad(), then loss.backward(), then "
                 "p.data -= learning_rate * p.grad for every parameter.")


# ---- notebook 07: why is it slow? ----

def _nodes_in_step(n_points):
    """Nodes in the graph of one training step of the 2-16-16-1 tanh MLP on `n_points` points."""
    model = MLP(2, [16, 16, 1], rng=random.Random(0))
    X = [[0.1 * i, -0.2 * i] for i in range(n_points)]
    y = [1.0 if i % 2 else -1.0 for i in range(n_points)]
    return len(topological_order(mse_loss([model(x) for x in X], y)))


@exercise
def check_nodes_for_1000_points(nodes):
    """07: nodes in one step's graph (2-16-16-1 MLP, mse_loss) on 1,000 points.

    Every point adds the same number of nodes; the parameters and the few nodes that start and
    finish the loss are there once, however many points there are.
    """
    if isinstance(nodes, bool) or not isinstance(nodes, numbers.Integral):
        return wrong(f"nodes should be a whole number, but it is {type(nodes).__name__}: "
                     f"{nodes!r}. Use int(...) if you computed it with a division.")
    one, two = _nodes_in_step(1), _nodes_in_step(2)
    per_point = two - one
    fixed = one - per_point
    expected = fixed + 1000 * per_point
    hundred = fixed + 100 * per_point
    if nodes == expected:
        return right(f"{fixed:,} nodes are built once per step (the {fixed - 3} parameters "
                     f"and 3 nodes of the loss), and {per_point:,} per point: {expected:,}. "
                     "Ten times the data, ten times the graph: every step builds it anew.")
    if nodes == 10 * hundred:
        return wrong(f"Ten times the {hundred:,} nodes of 100 points counts the parameters "
                     "ten times too; they are in the graph once. Split the count into the "
                     "nodes per point and the nodes that are there anyway.")
    if nodes == 1000 * per_point:
        return wrong(f"{per_point:,} nodes per point is right; add the {fixed:,} that are in "
                     "the graph however many points there are (the parameters, and a few "
                     "nodes of the loss).")
    if nodes == hundred:
        return wrong(f"{hundred:,} is the graph for 100 points; the question asks for 1,000.")
    return wrong(f"{nodes:,} is not it. Count the nodes for 1 point and for 2 points: the "
                 "difference is what each point adds; the rest is there once.")


def _call_safely(fn, *args):
    """(result, None), or (None, Feedback) when the learner's function raised."""
    try:
        return fn(*args), None
    except Exception as e:  # a learner's bug is feedback, not a crash
        return None, wrong(f"Your function raised {type(e).__name__}: {e}")


def _as_array(name, x, shape):
    """(array, None) when `x` is a numpy array of `shape`, else (None, Feedback)."""
    if not isinstance(x, np.ndarray):
        return None, wrong(f"{name} should be a numpy array of shape {shape}, but it is "
                           f"{type(x).__name__}.")
    if x.shape != shape:
        return None, wrong(f"{name} has shape {x.shape}, but should have shape {shape}, one "
                           "number per number it is the gradient of.")
    return x, None


# a small batch for check_hinge_and_grad: some points inside the margin, some outside
_HINGE_OUT = [[0.8], [-1.7], [0.3], [1.4], [-0.2], [2.5]]
_HINGE_Y = [[1.0], [-1.0], [-1.0], [1.0], [1.0], [-1.0]]


@exercise
def check_hinge_and_grad(hinge_and_grad):
    """07: hinge_and_grad(out, y) -> (loss, grad) in numpy, for loss = mean(relu(1 - y·out)).

    The answer is compared with the scalar engine's max_margin_loss and its backward().
    """
    if not callable(hinge_and_grad):
        return wrong(f"Give the function itself, not {type(hinge_and_grad).__name__}.")
    out, y = np.array(_HINGE_OUT), np.array(_HINGE_Y)
    result, problem = _call_safely(hinge_and_grad, out.copy(), y.copy())
    if problem is not None:
        return problem
    if not (isinstance(result, tuple) and len(result) == 2):
        return wrong("Return two things, the loss and its gradient: return loss, grad")
    loss, grad = result
    grad, problem = _as_array("grad", grad, out.shape)
    if problem is not None:
        return problem
    values = [Value(float(o)) for o in out[:, 0]]
    expected = max_margin_loss(values, [float(t) for t in y[:, 0]])
    expected.backward()
    want = np.array([[v.grad] for v in values])
    n = len(values)
    try:
        loss = float(loss)
    except (TypeError, ValueError):
        return wrong(f"The loss should be one number, but it is {type(loss).__name__}.")
    if not close(loss, expected.data):
        if close(loss, expected.data * n):
            return wrong("That loss is the sum over the points; take the mean.")
        return wrong(f"The loss should be {expected.data:.4f}: the mean over the points of "
                     "np.maximum(0, 1 - y * out).")
    if np.allclose(grad, want, atol=1e-12):
        return right("Each point inside the margin (1 - y·out > 0) pulls its output towards "
                     "its label with -y/N; a point beyond the margin has gradient 0. These "
                     "are the gradients the scalar engine finds.")
    if np.allclose(grad, want * n, atol=1e-12):
        return wrong("The sizes are N times too large: the loss is a mean, so each point's "
                     "share is divided by N = len(y).")
    if np.allclose(grad, -want, atol=1e-12):
        return wrong("The sign is flipped: d/d(out) of 1 - y·out is -y.")
    if np.allclose(grad, -y / n, atol=1e-12):
        return wrong("A point beyond the margin (1 - y·out <= 0) sits where relu is flat, so "
                     "its gradient is 0: multiply by (1 - y * out > 0).")
    return wrong("Work it out for one point: where 1 - y·out > 0 the loss grows like "
                 "1 - y·out, with slope -y; elsewhere it is flat. Then divide by N = len(y).")


def _relu_layer_case():
    rng = np.random.default_rng(7)
    x = rng.uniform(-1, 1, (5, 3))
    W = rng.uniform(-1, 1, (3, 4))
    b = rng.uniform(-0.5, 0.5, 4)
    grad_h = rng.uniform(-1, 1, (5, 4))
    return x, W, b, grad_h


@exercise
def check_relu_layer_backward(relu_layer_backward):
    """07: relu_layer_backward(x, W, h, grad_h) -> (grad_x, grad_W, grad_b) for the layer
    h = relu(x @ W + b), in numpy. The answer is compared with the scalar engine's gradients.
    """
    if not callable(relu_layer_backward):
        return wrong(f"Give the function itself, not {type(relu_layer_backward).__name__}.")
    x, W, b, grad_h = _relu_layer_case()
    h = np.maximum(0.0, x @ W + b)
    result, problem = _call_safely(relu_layer_backward, x.copy(), W.copy(), h.copy(),
                                   grad_h.copy())
    if problem is not None:
        if "mismatch" in problem.message or "shape" in problem.message:
            return wrong(problem.message + ". Check the shapes: dz is (N, nout), W is "
                         "(nin, nout), so grad_x = dz @ W.T and grad_W = x.T @ dz.")
        return problem
    if not (isinstance(result, tuple) and len(result) == 3):
        return wrong("Return three arrays: return grad_x, grad_W, grad_b")
    # the scalar engine: sum(grad_h * h) has gradient grad_h with respect to h
    xv = [[Value(float(v)) for v in row] for row in x]
    Wv = [[Value(float(v)) for v in row] for row in W]
    bv = [Value(float(v)) for v in b]
    total = Value(0.0)
    for i, row in enumerate(xv):
        for j in range(W.shape[1]):
            z = bv[j]
            for k, xk in enumerate(row):
                z = z + xk * Wv[k][j]
            total = total + z.relu() * float(grad_h[i, j])
    total.backward()
    want = (np.array([[v.grad for v in row] for row in xv]),
            np.array([[v.grad for v in row] for row in Wv]),
            np.array([v.grad for v in bv]))
    names = ("grad_x", "grad_W", "grad_b")
    got = []
    for name, g, w in zip(names, result, want):
        if name == "grad_b" and isinstance(g, np.ndarray) and g.shape == grad_h.shape:
            return wrong("grad_b has one row per point: each bias is used by every point, so "
                         "its gradient is the sum over the points, dz.sum(axis=0).")
        g, problem = _as_array(name, g, w.shape)
        if problem is not None:
            return problem
        got.append(g)
    if all(np.allclose(g, w, atol=1e-12) for g, w in zip(got, want)):
        return right("dz = grad_h · (h > 0): relu passes the gradient where it was active and "
                     "stops it elsewhere; then grad_W = x.T @ dz, grad_b = dz.sum(axis=0), "
                     "grad_x = dz @ W.T. The same numbers as the scalar engine, from four "
                     "array operations.")
    wrong_names = [n for n, g, w in zip(names, got, want) if not np.allclose(g, w, atol=1e-12)]
    tanh_dz = grad_h * (1 - h**2)
    if np.allclose(got[2], tanh_dz.sum(axis=0)):
        return wrong("That is tanh's slope, 1 - h². relu's slope is 1 where h > 0 and 0 "
                     "elsewhere: dz = grad_h * (h > 0).")
    if np.allclose(got[2], grad_h.sum(axis=0)):
        return wrong("relu stops the gradient where it was inactive (h = 0): multiply by "
                     "(h > 0) first, dz = grad_h * (h > 0).")
    return wrong(f"{', '.join(wrong_names)} {'is' if len(wrong_names) == 1 else 'are'} not "
                 "right yet. With dz = grad_h * (h > 0): grad_W = x.T @ dz, "
                 "grad_b = dz.sum(axis=0), grad_x = dz @ W.T.")
