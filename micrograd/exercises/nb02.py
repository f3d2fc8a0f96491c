"""Notebook 02, the Value class: the checkers of its exercises."""

import numbers

from micrograd.engine import Value
from micrograd.exercises.feedback import (
    close,
    exercise,
    right,
    wrong,
)

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
