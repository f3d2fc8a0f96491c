"""Notebook 04, automatic backpropagation: the checkers of its exercises."""

from micrograd.engine import Value, topological_order
from micrograd.exercises.feedback import (
    close,
    exercise,
    number_answers,
    right,
    wrong,
)

# notebook 04: local derivatives, accumulation, a backward pass of your own, sigmoid from exp

@exercise
@number_answers()
def check_division_local_grads(dc_da, dc_db):
    """04: the local derivatives of c = a / b at a = 3, b = 2: dc/da = 1/b, dc/db = -a/b²."""
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
@number_answers()
def check_reused_node_grad(a_grad):
    """04: a.grad for c = a * a + a at a = 3: a is used three times, dc/da = 2a + 1 = 7."""
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
