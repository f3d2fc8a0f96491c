"""The checkers of notebooks 04 and 06: each accepts a right answer and rejects typical wrong
ones with a hint, and never raises on a learner's mistake."""

import math

import pytest

from micrograd.engine import Value, topological_order
from micrograd.exercises import (
    Feedback,
    check_division_local_grads,
    check_mlp_parameter_count,
    check_my_backward,
    check_neuron_output,
    check_neuron_w0_grad,
    check_reused_node_grad,
    check_sigmoid_from_exp,
    check_zero_output_bias,
)
from micrograd.nn import MLP


def assert_right(feedback):
    assert isinstance(feedback, Feedback)
    assert feedback, feedback.message
    assert repr(feedback).startswith("Right!")


def assert_wrong(feedback, *hint_words):
    assert isinstance(feedback, Feedback)
    assert not feedback, "a wrong answer was accepted"
    assert repr(feedback).startswith("Not yet.")
    for word in hint_words:
        assert word in feedback.message, feedback.message


# ---- notebook 04 -----------------------------------------------------------------------------

def test_division_local_grads():
    assert_right(check_division_local_grads(0.5, -0.75))
    a, b = Value(3.0), Value(2.0)
    assert_right(check_division_local_grads(*(a / b)._local_grads))
    assert_wrong(check_division_local_grads(0.5, 0.75), "sign")
    assert_wrong(check_division_local_grads(0.5, -1.5), "squared")
    assert_wrong(check_division_local_grads(2.0, -0.75), "1/b")
    assert_wrong(check_division_local_grads(0.5, -0.25), "the a is missing")
    assert_wrong(check_division_local_grads(Value(0.5), -0.75), "v.data")
    assert_wrong(check_division_local_grads("0.5", -0.75), "number")


def test_reused_node_grad():
    a = Value(3.0)
    c = a * a + a
    c.backward()
    assert_right(check_reused_node_grad(a.grad))
    assert_right(check_reused_node_grad(7))
    assert_wrong(check_reused_node_grad(3.0), "+=")
    assert_wrong(check_reused_node_grad(1.0), "+=")
    assert_wrong(check_reused_node_grad(6.0), "+ a")
    assert_wrong(check_reused_node_grad(4.0), "twice")
    assert_wrong(check_reused_node_grad(10.0))
    assert_wrong(check_reused_node_grad(12.0), "not a gradient")
    assert_wrong(check_reused_node_grad(float("nan")), "number")


def _right_backward(root):
    root.grad = 1.0
    for node in reversed(topological_order(root)):
        node._backward()


def _parents_right_after(root):  # pre-order: _backward(), then straight on to the parents
    def visit(node):
        node._backward()
        for parent in node._prev:
            visit(parent)
    root.grad = 1.0
    visit(root)


def _breadth_first(root):  # a queue from root, each node once: no topological sort
    root.grad = 1.0
    queue, seen = [root], {root}
    while queue:
        node = queue.pop(0)
        node._backward()
        for parent in node._prev:
            if parent not in seen:
                seen.add(parent)
                queue.append(parent)


def _breadth_first_every_path(root):
    root.grad = 1.0
    queue = [root]
    while queue:
        node = queue.pop(0)
        node._backward()
        queue.extend(node._prev)


def _recursing_my_backward(root):  # my_backward calls itself on the parents: each set to 1
    root.grad = 1.0
    root._backward()
    for parent in root._prev:
        _recursing_my_backward(parent)


def _sorted_by(key):  # the lecture's build_topo, with key(v) in the visited set
    def my_backward(root):
        order, visited = [], set()

        def build(v):
            if key(v) not in visited:
                visited.add(key(v))
                for child in v._prev:
                    build(child)
                order.append(v)
        build(root)
        root.grad = 1.0
        for node in reversed(order):
            node._backward()
    return my_backward


_lecture_build_topo = _sorted_by(lambda v: v)  # the lecture's own: each node once, by itself


def test_my_backward_accepts_right_answers():
    assert_right(check_my_backward(_right_backward))
    assert_right(check_my_backward(_lecture_build_topo))
    assert_right(check_my_backward(lambda root: root.backward()))


def _old_example():
    """The one graph check_my_backward used to run on: f = (a·b + b)·tanh(a)."""
    a, b = Value(0.7, label="a"), Value(-1.3, label="b")
    ab = a * b
    return (ab + b) * a.tanh(), [a, b, ab]


@pytest.mark.parametrize("slip", [_parents_right_after, _breadth_first,
                                  _breadth_first_every_path, _sorted_by(lambda v: v.data)])
def test_my_backward_is_not_judged_on_one_example(slip):
    """Each of these slips gives backward()'s gradients on the checker's old single graph (it
    shares only inputs, with different numbers), so a checker weakened back to that graph would
    pass them: this one must not."""
    root, nodes = _old_example()
    slip(root)
    expected_root, expected = _old_example()
    expected_root.backward()
    assert [v.grad for v in nodes] == pytest.approx([v.grad for v in expected])
    assert_wrong(check_my_backward(slip))


def _forgot_the_seed(root):
    for node in reversed(topological_order(root)):
        node._backward()


def _forward_order(root):
    root.grad = 1.0
    for node in topological_order(root):
        node._backward()


def _twice(root):
    _right_backward(root)
    for node in reversed(topological_order(root)):
        node._backward()


def _skips_the_root(root):
    root.grad = 1.0
    for node in reversed(topological_order(root)[:-1]):
        node._backward()


def _seed_last(root):
    for node in reversed(topological_order(root)):
        node._backward()
    root.grad = 1.0


@pytest.mark.parametrize("slip, words", [
    (_forgot_the_seed, ["still 0", "root.grad = 1"]),
    (_seed_last, ["no other gradient moved", "_backward() on root"]),
    (_skips_the_root, ["no other gradient moved", "_backward() on root"]),
    (_forward_order, ["wrong way round", "reversed(topological_order(root))"]),
    (_parents_right_after, ["straight on to its parents", "s * s + s", "a.grad is"]),
    (_recursing_my_backward, [".grad = 1 at every node", "only root"]),
    (_breadth_first, ["breadth-first", "short path", "reversed(topological_order(root))"]),
    (_breadth_first_every_path, ["each time it reaches it", "twice"]),
    (_twice, ["too large", "ran twice", "once"]),
    (lambda root: (_right_backward(root), root.backward()), ["twice too large", "once"]),
    (_sorted_by(lambda v: v.data), ["same number", "node.data", "visited.add(v)"]),
    (_sorted_by(lambda v: v.label), ["same label", "node.label", "visited.add(v)"]),
])
def test_my_backward_names_each_slip(slip, words):
    assert_wrong(check_my_backward(slip), *words)


def test_my_backward_survives_a_broken_function(monkeypatch):
    from micrograd.exercises import feedback

    def crashes(root):
        return root.nonexistent

    def endless(root):
        while True:
            pass

    def recurses(root):
        return recurses(root)

    assert_wrong(check_my_backward(crashes), "AttributeError", "reversed(topological_order")
    assert_wrong(check_my_backward(recurses), "RecursionError", "calls itself")
    monkeypatch.setattr(feedback, "SECONDS", 0.2)
    assert_wrong(check_my_backward(endless), "still running after 0.2 seconds", "loop")
    assert_wrong(check_my_backward(None), "function")


def test_sigmoid_from_exp():
    assert_right(check_sigmoid_from_exp(lambda x: 1 / (1 + (-x).exp())))
    assert_right(check_sigmoid_from_exp(lambda x: x.exp() / (x.exp() + 1)))
    assert_wrong(check_sigmoid_from_exp(lambda x: 1 / (1 + x.exp())), "minus")
    assert_wrong(check_sigmoid_from_exp(lambda x: 1 / (1 + math.exp(-x.data))), "not a Value")
    # the right value, but the gradient cut off at x.data
    assert_wrong(check_sigmoid_from_exp(lambda x: 1 / (1 + Value(-x.data).exp())), "x.data")
    assert_wrong(check_sigmoid_from_exp(lambda x: 1 / (1 + math.exp(-x))), "TypeError")
    assert_wrong(check_sigmoid_from_exp(0.5), "function")


def test_sigmoid_from_exp_names_more_mistakes():
    def calls_backward(x):
        out = 1 / (1 + (-x).exp())
        out.backward()
        return out

    def changes_x(x):
        x.data = -x.data
        return 1 / (1 + x.exp())

    def one_minus(x):
        e = (-x).exp()
        return e / (1 + e)

    assert_wrong(check_sigmoid_from_exp(lambda x: x.sigmoid()), "Value.sigmoid() itself")
    assert_wrong(check_sigmoid_from_exp(calls_backward), "backward()")
    assert_wrong(check_sigmoid_from_exp(changes_x), "changed x.data")
    assert_wrong(check_sigmoid_from_exp(one_minus), "1 - s(x)")

    def forgets_to_return(x):
        out = 1 / (1 + (-x).exp())  # noqa: F841

    assert_wrong(check_sigmoid_from_exp(forgets_to_return), "returned None")


def test_sigmoid_from_exp_is_not_judged_on_values_and_gradients_alone():
    """x.sigmoid() has the right value and gradient at every point the checker used to try, so
    the old checker passed it; the exercise is to build it from exp."""
    for x0 in (-2.0, -0.5, 0.0, 0.8, 3.0):
        x, ref = Value(x0), Value(x0)
        out, want = x.sigmoid(), 1 / (1 + (-ref).exp())
        out.backward()
        want.backward()
        assert math.isclose(out.data, want.data) and math.isclose(x.grad, ref.grad)
    assert_wrong(check_sigmoid_from_exp(lambda x: x.sigmoid()), "Build it from exp")


# ---- notebook 06 -----------------------------------------------------------------------------

def test_mlp_parameter_count():
    assert_right(check_mlp_parameter_count(len(MLP(3, [4, 4, 1]).parameters())))
    assert_right(check_mlp_parameter_count(41))
    assert_wrong(check_mlp_parameter_count(32), "bias")
    assert_wrong(check_mlp_parameter_count(9), "neurons")
    assert_wrong(check_mlp_parameter_count(36), "layer before")
    assert_wrong(check_mlp_parameter_count(40))
    assert_wrong(check_mlp_parameter_count(MLP(3, [4, 4, 1]).parameters()), "number")


def neuron():
    w0, w1, b = Value(0.5), Value(-1.0), Value(0.25)
    x0, x1 = Value(2.0), Value(1.0)
    out = (w0 * x0 + w1 * x1 + b).tanh()
    out.backward()
    return out, w0, x0


def test_neuron_output():
    out, _, _ = neuron()
    assert_right(check_neuron_output(out.data))
    assert_right(check_neuron_output(round(math.tanh(0.25), 4)))
    assert_wrong(check_neuron_output(0.25), "tanh(n)")
    assert_wrong(check_neuron_output(0.0), "bias")
    assert_wrong(check_neuron_output(1.0))
    assert_wrong(check_neuron_output(out), "v.data")


def test_neuron_w0_grad():
    out, w0, x0 = neuron()
    assert_right(check_neuron_w0_grad(w0.grad))
    slope = 1 - out.data ** 2
    assert_wrong(check_neuron_w0_grad(slope), "x0")
    assert_wrong(check_neuron_w0_grad(2.0), "tanh")
    assert_wrong(check_neuron_w0_grad(x0.grad), "d out / d x0")
    assert_wrong(check_neuron_w0_grad(-1.0))
    assert_wrong(check_neuron_w0_grad((1 - 0.25 ** 2) * 2.0), "1 - n²", "output")
    assert_wrong(check_neuron_w0_grad(round(slope * 2.0, 1)), "rounded to 1 decimal", "at least 4")


def test_neuron_output_tells_a_rounded_answer():
    assert_wrong(check_neuron_output(0.24), "rounded to 2", "at least 4")


@pytest.mark.parametrize("b", [-0.15, -0.152, -0.148])
def test_zero_output_bias_right(b):
    assert_right(check_zero_output_bias(b))


def test_zero_output_bias_wrong():
    assert_wrong(check_zero_output_bias(0.15), "sign")
    assert_wrong(check_zero_output_bias(0.0), "slider")
    # one slider step either side leaves the output at ±0.01, not 0 (both sides alike)
    assert_wrong(check_zero_output_bias(-0.14), "slider")
    assert_wrong(check_zero_output_bias(-0.16), "slider")
    assert_wrong(check_zero_output_bias(None), "number")


def test_the_default_explorer_neuron_is_the_one_the_bias_exercise_means():
    from micrograd.widgets import neuron_explorer

    explorer = neuron_explorer(show_graph=False)
    explorer.sliders["b"].value = -0.15
    assert abs(explorer.out.data) < 1e-12
