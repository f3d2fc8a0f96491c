"""The checkers for notebooks 01-03: a right answer passes, a typical mistake gets a useful hint."""

import math

import pytest

from micrograd.engine import Value, topological_order
from micrograd.exercises import (
    check_abc_graph,
    check_chain_grads,
    check_count_nodes,
    check_flat_point,
    check_neuron_grads,
    check_node_count,
    check_product_partials,
    check_slope_estimate,
    check_tanh_slope,
)


def f(x):
    return 3 * x**2 - 4 * x + 5


def assert_right(feedback):
    assert feedback, f"expected right, got: {feedback!r}"
    assert repr(feedback).startswith("Right!")


def assert_wrong(feedback, *hint_words):
    assert not feedback, f"expected wrong, got: {feedback!r}"
    assert repr(feedback).startswith("Not yet.")
    for word in hint_words:
        assert word.lower() in feedback.message.lower(), (
            f"the hint should mention {word!r}: {feedback.message!r}")


# ---- notebook 01 -------------------------------------------------------------------------------

def test_flat_point():
    assert_right(check_flat_point(2 / 3))
    assert_right(check_flat_point(0.6667))
    assert_wrong(check_flat_point(-2 / 3), "sign")
    assert_wrong(check_flat_point(11 / 3), "height")
    assert_wrong(check_flat_point(1.0), "6x - 4")
    assert_wrong(check_flat_point("2/3"), "number")


def test_slope_estimate():
    h = 0.001
    assert_right(check_slope_estimate((f(-1 + h) - f(-1)) / h))
    assert_right(check_slope_estimate(-10))
    assert_wrong(check_slope_estimate((f(-1) - f(-1 + h)) / h), "sign")
    assert_wrong(check_slope_estimate(f(-1)), "height")
    assert_wrong(check_slope_estimate((f(-1 + 0.1) - f(-1)) / 0.1), "smaller h")
    assert_wrong(check_slope_estimate(Value(-10.0)), ".data")
    assert_wrong(check_slope_estimate(f(-1 + h) - f(-1)), "divide it by h")


def test_product_partials():
    assert_right(check_product_partials(-30, 20, -6))
    h = 1e-4
    e = lambda a, b, c: a * b * c  # noqa: E731
    assert_right(check_product_partials((e(2 + h, -3, 10) - e(2, -3, 10)) / h,
                                        (e(2, -3 + h, 10) - e(2, -3, 10)) / h,
                                        (e(2, -3, 10 + h) - e(2, -3, 10)) / h))
    # the rule for a·b + c carried over unchanged: de/da = b, de/db = a, de/dc = 1
    feedback = check_product_partials(-3, 2, 1)
    assert_wrong(feedback, "de/da", "de/db", "de/dc", "b·c")
    assert_wrong(check_product_partials(-30, 20, 1), "de/dc", "a·b")
    feedback = check_product_partials(-30, 20, 1)
    assert not feedback and "de/da" not in feedback.message and "de/dc" in feedback.message


# ---- notebook 02 -------------------------------------------------------------------------------

def test_node_count():
    assert_right(check_node_count(5))
    assert_wrong(check_node_count(3), "operation")
    assert_wrong(check_node_count(2), "inputs")
    assert_wrong(check_node_count(7))
    assert_right(check_node_count(5.0))  # a whole number, even when written as a float
    assert_wrong(check_node_count(5.5), "whole number")
    assert_wrong(check_node_count("5"), "should be a number", "str")


def abc(label_e="e", label_d="d", b_value=-3.0, swap=False, a_value=2.0):
    a, b, c = Value(a_value, label="a"), Value(b_value, label="b"), Value(10.0, label="c")
    e = a * b
    e.label = label_e
    d = e * c if swap else e + c
    d.label = label_d
    return d


def test_abc_graph():
    assert_right(check_abc_graph(abc()))
    assert_wrong(check_abc_graph(abc(label_e="")), 'e.label = "e"')
    assert_wrong(check_abc_graph(abc(label_d="")), 'd.label = "d"')
    assert_wrong(check_abc_graph(abc(b_value=3.0)), "b = -3")
    # d is right (4), but the inputs are not the ones asked for
    assert_wrong(check_abc_graph(abc(a_value=-3.0, b_value=2.0)), "a = 2")
    assert_wrong(check_abc_graph(abc(a_value=1.0, b_value=-6.0)), "a = 2")
    assert_wrong(check_abc_graph(abc(swap=True)), "'+'")
    assert_wrong(check_abc_graph(4.0), "Value d itself")


def test_abc_graph_accepts_a_learners_own_value_class():
    class MyValue:  # the notebook's inline class: data, _prev, _op, label, + and *
        def __init__(self, data, _children=(), _op="", label=""):
            self.data, self._prev, self._op, self.label = data, tuple(_children), _op, label

        def __add__(self, other):
            return MyValue(self.data + other.data, (self, other), "+")

        def __mul__(self, other):
            return MyValue(self.data * other.data, (self, other), "*")

    e = MyValue(2.0, label="a") * MyValue(-3.0, label="b")
    e.label = "e"
    d = e + MyValue(10.0, label="c")
    d.label = "d"
    assert_right(check_abc_graph(d))


def _count_right(v):
    seen, to_visit = set(), [v]
    while to_visit:
        node = to_visit.pop()
        if node not in seen:
            seen.add(node)
            to_visit.extend(node._prev)
    return len(seen)


def _count_recursively(v, seen=None):
    seen = set() if seen is None else seen
    if v not in seen:
        seen.add(v)
        for p in v._prev:
            _count_recursively(p, seen)
    return len(seen)


def _two_levels(v):  # v, its parents and theirs, and no further
    seen = {v}
    for p in v._prev:
        seen.add(p)
        seen.update(p._prev)
    return len(seen)


def _by_number(v):  # a set of the numbers, not of the Values
    seen, to_visit = set(), [v]
    while to_visit:
        node = to_visit.pop()
        if node.data not in seen:
            seen.add(node.data)
            to_visit.extend(node._prev)
    return len(seen)


def _by_label(v):  # a dict keyed by label
    seen, to_visit = {}, [v]
    while to_visit:
        node = to_visit.pop()
        if node.label not in seen:
            seen[node.label] = node
            to_visit.extend(node._prev)
    return len(seen)


def _counts_every_path(v):  # forgets that a Value can be reached twice
    return 1 + sum(_counts_every_path(p) for p in v._prev)


def _old_cases():
    """The four graphs check_count_nodes used to run on, at most two levels deep."""
    m, x, c, a = Value(2.0), Value(3.0), Value(1.0), Value(3.0)
    s = a * a
    return [(Value(1.0), 1), (m * x + c, 5), (a * a, 2), (s + s, 3)]


def test_count_nodes_accepts_right_answers():
    assert_right(check_count_nodes(_count_right))
    assert_right(check_count_nodes(_count_recursively))
    assert_right(check_count_nodes(lambda v: len(topological_order(v))))


@pytest.mark.parametrize("slip", [_two_levels, _by_number])
def test_count_nodes_is_not_judged_on_the_old_small_graphs(slip):
    assert all(slip(root) == n for root, n in _old_cases())
    assert_wrong(check_count_nodes(slip))


@pytest.mark.parametrize("slip, words", [
    (_counts_every_path, ["counted twice", "set"]),
    (_two_levels, ["stops 2 levels below v", "nothing left to visit"]),
    (lambda v: 1 + len(v._prev), ["v and its parents only"]),
    (lambda v: len({n.data for n in topological_order(v)}), ["same number"]),
    (_by_number, ["same number", "node.data", "seen.add(node)"]),
    (_by_label, ["same label", "node.label"]),
    (lambda v: _count_right(v) - 1, ["count v itself"]),
    (lambda v: sum(1 for n in topological_order(v) if not n._prev), ["inputs only"]),
])
def test_count_nodes_names_each_slip(slip, words):
    assert_wrong(check_count_nodes(slip), *words)


def test_count_nodes_survives_a_broken_function(monkeypatch):
    from micrograd.exercises import feedback

    def crashes(v):
        return v.children

    def forgets_to_return(v):
        seen = {v}  # noqa: F841

    def forgets_to_pop(v):
        seen, to_visit = set(), [v]
        while to_visit:
            node = to_visit[-1]
            seen.add(node)
            to_visit.extend(node._prev)
        return len(seen)

    assert_wrong(check_count_nodes(crashes), "AttributeError")
    assert_wrong(check_count_nodes(forgets_to_return), "NoneType", "len(seen)")
    assert_wrong(check_count_nodes(_count_right(Value(1.0))), "without calling it")
    monkeypatch.setattr(feedback, "SECONDS", 0.2)
    assert_wrong(check_count_nodes(forgets_to_pop), "still running", "take something off")


def test_abc_graph_that_adds_e_to_itself():
    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    e = a * b
    e.label = "e"
    d = e + e
    d.label = "d"
    assert_wrong(check_abc_graph(d), "e + c")


# ---- notebook 03 -------------------------------------------------------------------------------

def test_chain_grads():
    assert_right(check_chain_grads(6, -4, -2, 4))
    a, b, c, f_ = Value(2.0), Value(-3.0), Value(10.0), Value(-2.0)
    (((a * b) + c) * f_).backward()
    assert_right(check_chain_grads(a.grad, b.grad, c.grad, f_.grad))
    # a * node that did not swap: each input given its own value times the gradient
    assert_wrong(check_chain_grads(2 * -2, -3 * -2, -2, 4), "swaps", "a.grad", "b.grad")
    # forgot that f is multiplied by d
    assert_wrong(check_chain_grads(6, -4, -2, 1), "f.grad", "d.data")
    assert_wrong(check_chain_grads(6, -4, 1, 4), "c.grad", "passes")


def test_tanh_slope():
    t = math.tanh(0.5)
    assert_right(check_tanh_slope(1 - t**2))
    assert_wrong(check_tanh_slope(t), "output")
    assert_wrong(check_tanh_slope(1 - t), "square")
    assert_wrong(check_tanh_slope(0.75), "square tanh(0.5)")
    assert_wrong(check_tanh_slope(2.0), "math.tanh(0.5)")


def test_neuron_grads():
    w0, w1 = Value(0.5), Value(0.25)
    (w0 * 1.0 + w1 * -2.0 + 0.6).tanh().backward()
    assert_right(check_neuron_grads(w0.grad, w1.grad))
    assert_wrong(check_neuron_grads(1.0, -2.0), "1 - tanh(y)²")  # forgot the tanh step
    t = math.tanh(0.6)
    assert_wrong(check_neuron_grads((1 - t * t) * 0.5, (1 - t * t) * 0.25), "swaps")
    assert_wrong(check_neuron_grads(0.0, 0.0), "out.grad = 1")


def test_numpy_numbers_are_numbers():
    import numpy as np

    assert_right(check_slope_estimate(np.float32(-9.997)))
    assert_right(check_node_count(np.int64(5)))


def test_neuron_grads_names_the_slope_at_the_input():
    """1 - y² (tanh's slope taken at its input) is named; the exercise's y = 0.6 puts it far from
    1 - tanh(y)² (at y = 0.1 the two were within 1e-4, and a checker took one for the other)."""
    y = 0.5 * 1 + 0.25 * -2 + 0.6
    slope_at_input = 1 - y * y
    assert abs(slope_at_input - (1 - math.tanh(y) ** 2)) > 0.05
    assert_wrong(check_neuron_grads(slope_at_input * 1, slope_at_input * -2), "1 - y²",
                 "output")
    t = math.tanh(y)
    assert_wrong(check_neuron_grads(1 - t, -2 * (1 - t)), "square")
    assert_wrong(check_neuron_grads(t, -2 * t), "output")
    right = 1 - t * t
    assert_wrong(check_neuron_grads(right, 2 * right), "sign", "w1.grad")


def test_neuron_grads_tells_a_rounded_answer():
    t = math.tanh(0.6)
    right = 1 - t * t
    assert_right(check_neuron_grads(round(right, 5), round(-2 * right, 5)))
    assert_wrong(check_neuron_grads(round(right, 2), round(-2 * right, 2)), "rounded to 2",
                 "at least 4")
    assert_wrong(check_neuron_grads(right, round(-2 * right, 2)), "w1.grad", "rounded to 2")
    # one rounded, the other wrong: the hint is not about rounding
    feedback = check_neuron_grads(round(right, 3), 5.0)
    assert not feedback and "rounded" not in feedback.message


def test_tanh_slope_and_flat_point_tell_a_rounded_answer():
    assert_wrong(check_tanh_slope(0.786), "rounded to 3 decimals", "at least 4")
    assert_right(check_tanh_slope(0.7864))
    assert_wrong(check_flat_point(0.67), "rounded to 2 decimals", "at least 3")
