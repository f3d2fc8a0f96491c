"""The engine: every operation's value and gradient, worked examples with known numbers, graph
shape, memory, and the errors it raises for bad inputs."""

import gc
import math
import operator

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import (
    OPERATIONS,
    away_from_zero,
    constants,
    int_exponents,
    nonzero_constants,
    positives,
    programs,
    real_exponents,
    reals,
)

from micrograd.engine import Value, topological_order
from micrograd.gradcheck import gradcheck


def assert_gradcheck(f, inputs, tol=1e-4):
    result = gradcheck(f, inputs, tol=tol)
    assert result.ok, f"\n{result}"
    return result


# ---- each operation: value, and gradient against the central difference ----------------------

@pytest.mark.parametrize("op", OPERATIONS, ids=repr)
@given(data=st.data())
def test_each_operation_from_the_table(op, data):
    """Forward value and local derivatives against the formulas, and the gradient against the
    central difference."""
    xs = [data.draw(domain) for domain in op.domain]
    leaves = [Value(x) for x in xs]
    out = op.apply(*leaves)
    assert out.data == pytest.approx(op.forward(*xs), rel=1e-12, abs=1e-300)
    out.backward()
    assert [v.grad for v in leaves] == pytest.approx(op.derivatives(*xs), rel=1e-9, abs=1e-12)
    assert_gradcheck(op.apply, xs)


def operations_of_value():
    """Every method of Value that makes a new Value from one or two operands (found by calling
    each, not from a list), so that an operation added to the engine is found here too."""
    found = set()
    for name, method in vars(Value).items():
        if not callable(method) or name in ("__init__", "__new__"):
            continue
        for operands in ((), (Value(2.0),), (2.0,)):
            try:
                if isinstance(method(Value(0.7), *operands), Value):
                    found.add(name)
                    break
            except (TypeError, ValueError, ArithmeticError):
                continue
    return found


def test_the_table_covers_every_operation_of_value(monkeypatch):
    """Running the table's operations calls every operation Value has."""
    operations, called = operations_of_value(), set()
    assert operations >= {"__add__", "__radd__", "__mul__", "tanh", "__rtruediv__"}, operations
    for name in operations:
        method = getattr(Value, name)

        def recording(*args, _name=name, _method=method):
            called.add(_name)
            return _method(*args)

        monkeypatch.setattr(Value, name, recording)
    for op in OPERATIONS:
        op.apply(*[Value(0.7 + 0.6 * i) for i in range(len(op.domain))])
    missing = operations - called
    assert not missing, f"Value's operations that no row of the table tries: {missing}"


@given(reals(), int_exponents, away_from_zero(0.1, 3))
def test_pow_int(a, n, a_for_negative_n):
    if n < 1:
        a = a_for_negative_n  # near 0, x ** -2 explodes; 0 ** -1 is tested below
    assert (Value(a) ** n).data == pytest.approx(a ** n)
    assert_gradcheck(lambda x: x ** n, [a])


@given(positives(), real_exponents)
def test_pow_real(a, n):
    assert (Value(a) ** n).data == pytest.approx(a ** n)
    assert_gradcheck(lambda x: x ** n, [a])


# the reflected forms: a plain number on the left, `2 + v`
@given(constants(), reals())
def test_radd(c, a):
    assert (c + Value(a)).data == c + a
    assert_gradcheck(lambda x: c + x, [a])


@given(constants(), reals())
def test_rsub(c, a):
    assert (c - Value(a)).data == c - a
    assert_gradcheck(lambda x: c - x, [a])


@given(constants(), reals())
def test_rmul(c, a):
    assert (c * Value(a)).data == c * a
    assert_gradcheck(lambda x: c * x, [a])


@given(nonzero_constants(), away_from_zero())
def test_rtruediv(c, a):
    assert (c / Value(a)).data == c / a
    assert_gradcheck(lambda x: c / x, [a])


@given(constants(), reals())
def test_number_on_the_right(c, a):
    for f in (lambda x: x + c, lambda x: x - c, lambda x: x * c):
        assert_gradcheck(f, [a])


@given(programs())
def test_random_expression_graphs(program):
    assert_gradcheck(program.build, list(program.inputs))


@given(st.lists(reals(-2, 2), min_size=1, max_size=6))
def test_a_sum_of_products_reusing_every_input(xs):
    def f(*vs):
        out = Value(0.0)
        for a in vs:
            for b in vs:
                out = out + a * b.tanh()
        return out
    assert_gradcheck(f, xs)


# ---- worked examples with known numbers ------------------------------------------------------

def test_line_y_equals_m_x_plus_c():
    m, x, c = Value(2.0), Value(3.0), Value(1.0)
    y = m * x + c
    y.backward()
    assert y.data == 7.0
    assert (m.grad, x.grad, c.grad) == (3.0, 2.0, 1.0)


def neuron():
    """The lecture's neuron: w0·x0 + w1·x1 + w2·x2 + b, each input labelled."""
    leaves = {name: Value(v, label=name) for name, v in
              dict(w0=1.3, x0=1.6, w1=1.2, x1=0.8, w2=1.1, x2=0.5, b=0.2).items()}
    L = leaves
    y = L["w0"] * L["x0"] + L["w1"] * L["x1"] + L["w2"] * L["x2"] + L["b"]
    return leaves, y


NEURON_GRADS = dict(w0=1.6, x0=1.3, w1=0.8, x1=1.2, w2=0.5, x2=1.1, b=1.0)


def test_neuron_weighted_sum():
    leaves, y = neuron()
    y.backward()
    assert y.data == pytest.approx(3.79, abs=1e-12)
    for name, grad in NEURON_GRADS.items():
        assert leaves[name].grad == pytest.approx(grad, abs=1e-12), name


def test_neuron_through_tanh():
    leaves, y = neuron()
    o = y.tanh()
    o.backward()
    assert o.data == pytest.approx(0.9989793986, abs=1e-10)
    dtanh = 1 - math.tanh(3.79) ** 2
    assert dtanh == pytest.approx(0.0020401611, abs=1e-10)
    assert y.grad == pytest.approx(dtanh, rel=1e-12)
    expected = dict(w0=0.0032642578, x0=0.0026522094, w1=0.0016321289, x1=0.0024481933,
                    w2=0.0010200806, x2=0.0022441772, b=0.0020401611)
    for name, grad in expected.items():
        assert leaves[name].grad == pytest.approx(grad, abs=1e-10), name
        assert leaves[name].grad == pytest.approx(NEURON_GRADS[name] * dtanh, rel=1e-12), name


def test_tanh_written_out_with_exp_matches_tanh():
    leaves, y = neuron()
    e = (2 * y).exp()
    o = (e - 1) / (e + 1)
    o.backward()
    grads = {k: v.grad for k, v in leaves.items()}
    leaves2, y2 = neuron()
    y2.tanh().backward()
    assert o.data == pytest.approx(math.tanh(3.79), rel=1e-12)
    for name, grad in grads.items():
        assert grad == pytest.approx(leaves2[name].grad, rel=1e-9), name


def test_calling_backward_step_by_step_by_hand():
    """As the lecture does: set o.grad = 1, then call each node's _backward() from the output
    back; the gradients match one call to backward()."""
    L = {name: Value(v, label=name) for name, v in
         dict(w0=1.3, x0=1.6, w1=1.2, x1=0.8, w2=1.1, x2=0.5, b=0.2).items()}
    p0, p1, p2 = L["w0"] * L["x0"], L["w1"] * L["x1"], L["w2"] * L["x2"]
    s01 = p0 + p1
    s012 = s01 + p2
    y = s012 + L["b"]
    o = y.tanh()

    o.grad = 1.0
    o._backward()
    assert y.grad == pytest.approx(1 - o.data ** 2)
    y._backward()
    assert s012.grad == L["b"].grad == y.grad
    s012._backward()
    s01._backward()
    for product in (p0, p1, p2):
        product._backward()
    by_hand = {k: v.grad for k, v in L.items()}

    leaves, y2 = neuron()
    y2.tanh().backward()
    assert by_hand == {k: v.grad for k, v in leaves.items()}


# ---- the lecture's way: a closure per node -------------------------------------------------

def lecture_tanh(x):
    """tanh written as in the lecture: the node gets its chain rule as a closure."""
    t = math.tanh(x.data)
    out = Value(t, (x,), "tanh")

    def _backward():
        x.grad += (1 - t**2) * out.grad
    out._backward = _backward
    return out


def test_the_lectures_closure_is_used_by_backward():
    leaves, y = neuron()
    out = lecture_tanh(y) * 2 + leaves["b"]  # closure nodes and built-in nodes mixed
    out.backward()
    leaves2, y2 = neuron()
    (y2.tanh() * 2 + leaves2["b"]).backward()
    for name, leaf in leaves.items():
        assert leaf.grad == pytest.approx(leaves2[name].grad, rel=1e-12), name
    assert leaves["b"].grad != 0 and leaves["w0"].grad != 0


def test_the_lectures_closure_can_be_called_by_hand():
    x = Value(0.5)
    out = lecture_tanh(x)
    out.grad = 2.0
    out._backward()
    assert x.grad == pytest.approx(2.0 * (1 - math.tanh(0.5) ** 2))


def test_a_closure_replaces_the_stored_local_derivatives():
    a, b = Value(3.0), Value(2.0)
    c = a * b
    c._backward = lambda: None  # this node now passes nothing back
    c.backward()
    assert (a.grad, b.grad) == (0.0, 0.0)
    d = a * b  # the other nodes keep the stored local derivatives
    d.backward()
    assert (a.grad, b.grad) == (2.0, 3.0)


def test_a_node_made_by_hand_without_a_closure_passes_nothing_back():
    x = Value(1.0)
    out = Value(5.0, (x,), "f")
    out.backward()
    assert x.grad == 0.0 and out.grad == 1.0


@pytest.mark.parametrize("bad", [None, 1.5, "x.grad += 1"])
def test_backward_must_be_set_to_a_function(bad):
    out = Value(1.0, (Value(2.0),), "f")
    with pytest.raises(TypeError, match=r"_backward must be a function of no arguments.*"
                       + type(bad).__name__):
        out._backward = bad
    out.backward()  # the node is unchanged: it still uses its stored local derivatives


def test_a_lecture_closure_makes_a_cycle_and_the_operations_do_not():
    """Why the engine stores numbers: the closure refers to `out` and `out` to the closure."""
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        lecture_tanh(Value(0.5)).backward()
        assert gc.collect() > 0  # only the cycle collector could free it
        Value(0.5).tanh().backward()
        assert gc.collect() == 0
    finally:
        if was_enabled:
            gc.enable()


OPERATIONS_AND_FORMULAS = {
    "__add__": "d(out)/da = 1", "__mul__": "d(out)/da = b", "__sub__": "d(out)/db = -1",
    "__truediv__": "d(out)/db = -a/b²", "__pow__": "n·x^(n-1)", "__neg__": "d(out)/da = -1",
    "tanh": "dt/dx = 1 - t²", "exp": "d(out)/dx = e^x", "log": "d(out)/dx = 1/x",
    "relu": "1 if x > 0, else 0", "sigmoid": "ds/dx = s·(1 - s)",
}


@pytest.mark.parametrize("name", sorted(OPERATIONS_AND_FORMULAS))
def test_help_shows_each_operations_formula(name):
    import pydoc

    text = pydoc.render_doc(getattr(Value, name), renderer=pydoc.plaintext)
    assert OPERATIONS_AND_FORMULAS[name] in text, text


# ---- graph shape -----------------------------------------------------------------------------

def test_a_chain_100000_nodes_deep():
    x = Value(1.0)
    y = x
    for _ in range(100_000):
        y = y * 1.00001
    y.backward()
    assert y.data == pytest.approx(1.00001 ** 100_000, rel=1e-9)
    assert x.grad == pytest.approx(1.00001 ** 100_000, rel=1e-9)
    assert len(topological_order(y)) == 200_001  # the chain, and each step's constant
    del y  # freeing a deep chain must not overflow the C stack either


def test_a_chain_100000_nodes_deep_that_reuses_its_input():
    x = Value(0.5)
    y = x
    for _ in range(100_000):
        y = y + x
    y.backward()
    assert y.data == 0.5 * 100_001
    assert x.grad == 100_001


def test_node_reuse_accumulates_gradient():
    a = Value(3.0)
    b = a + a
    b.backward()
    assert a.grad == 2.0

    a = Value(3.0)
    (a * a).backward()
    assert a.grad == 6.0  # 2a

    a = Value(3.0)
    (a * a * a).backward()
    assert a.grad == 27.0  # 3a²


def test_gradients_accumulate_across_backward_calls_on_leaves():
    a, b = Value(2.0), Value(-3.0)
    c = a * b
    c.backward()
    c.backward()
    assert (a.grad, b.grad) == (-6.0, 4.0)  # twice (b, a): nothing resets them but you


def test_gradients_accumulate_across_two_separate_graphs():
    x = Value(3.0)
    (x * 2).backward()
    (x * x).backward()
    assert x.grad == 2.0 + 6.0


def test_backward_twice_through_a_deeper_graph_doubles_the_leaf_gradient():
    x = Value(3.0)
    z = (x * 2) * 3
    z.backward()
    assert x.grad == 6.0
    z.backward()
    assert x.grad == 12.0  # not 18: the node x*2 starts from 0 again, only leaves accumulate


def test_tiny_divisor_and_zero_power_and_pow_overflow():
    a, tiny = Value(1.0), Value(1e-200)
    q = a / tiny
    q.backward()
    assert q.data == 1e200 and a.grad == 1e200 and tiny.grad == -1.0 / 1e-200 / 1e-200
    zero = Value(0.0)
    p = zero ** 0
    p.backward()
    assert p.data == 1.0 and zero.grad == 0.0
    with pytest.raises(OverflowError, match=r"\*\* 2 is too large"):
        Value(1e200) ** 2


def test_prev_is_a_tuple_of_parents_in_order():
    a, b = Value(1.0, label="a"), Value(2.0, label="b")
    for c in (a + b, a - b, a * b, a / b):
        assert type(c._prev) is tuple
        assert c._prev[0] is a and c._prev[1] is b
    for c in (a ** 2, -a, a.tanh(), a.exp(), a.log(), a.relu(), a.sigmoid()):
        assert type(c._prev) is tuple and len(c._prev) == 1 and c._prev[0] is a
    assert Value(1.0)._prev == ()


def test_reflected_operations_put_the_number_first():
    v = Value(5.0)
    for c in (2 + v, 2 - v, 2 * v, 2 / v):
        first, second = c._prev
        assert isinstance(first, Value) and first.data == 2.0
        assert second is v
    assert (2 - v).data == -3.0
    assert (2 / v).data == 0.4


def test_op_names():
    a, b = Value(2.0), Value(3.0)
    ops = {"+": a + b, "-": a - b, "*": a * b, "/": a / b, "**2": a ** 2, "neg": -a,
           "tanh": a.tanh(), "exp": a.exp(), "log": a.log(), "ReLU": a.relu(),
           "sigmoid": a.sigmoid()}
    for name, node in ops.items():
        assert node._op == name
    assert a._op == ""


def test_topological_order_lists_parents_first_and_each_node_once():
    a, b = Value(1.0), Value(2.0)
    c = a * b
    d = c + a
    e = d * c
    order = topological_order(e)
    assert order[-1] is e
    assert len(order) == len({id(n) for n in order}) == 5
    position = {id(n): i for i, n in enumerate(order)}
    for node in order:
        for parent in node._prev:
            assert position[id(parent)] < position[id(node)]


def test_repr():
    assert repr(Value(2.0)) == "Value(data=2.0, grad=0.0)"
    v = Value(-1.5, label="w0")
    v.grad = 0.25
    assert repr(v) == "Value(data=-1.5, grad=0.25, label='w0')"


def test_value_stores_a_float():
    assert type(Value(3).data) is float
    assert Value(3).data == 3.0
    assert Value(True).data == 1.0
    assert Value(2).grad == 0.0


def test_value_has_slots():
    with pytest.raises(AttributeError):
        Value(1.0).colour = "red"


# ---- memory: no reference cycles -------------------------------------------------------------

def count_new_values():
    """Values in the youngest generation: with gc disabled after a collection, the new ones."""
    return sum(1 for o in gc.get_objects(generation=0) if type(o) is Value)


def build_and_drop_a_graph():
    x = [Value(float(i), label=f"x{i}") for i in range(5)]
    out = Value(0.0)
    for i, a in enumerate(x):
        out = out + (a * x[-1 - i]).tanh() + a.exp() / (a * a + 1) + (a + 1).log()
        out = out + a.sigmoid() - (a ** 2).relu()
    out.backward()
    return len(topological_order(out))


def test_a_dropped_graph_is_freed_without_the_cycle_collector():
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        before = count_new_values()
        n_nodes = build_and_drop_a_graph()
        assert n_nodes > 50
        assert count_new_values() == before  # reference counting alone freed every node
        assert gc.collect() == 0  # and there was no cycle for the collector to find
    finally:
        if was_enabled:
            gc.enable()


def test_the_cycle_check_would_see_a_cycle():
    """The check above can fail: a node that keeps a closure over itself is only freed by gc."""
    class Node:
        def __init__(self):
            self.backward = lambda: self  # self -> function -> closure cell -> self

    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        Node()
        assert gc.collect() > 0
    finally:
        if was_enabled:
            gc.enable()


# ---- bad inputs ------------------------------------------------------------------------------

@pytest.mark.parametrize("bad, shown", [("abc", "str"), (None, "NoneType"), ([1.0], "list"),
                                        (1 + 2j, "complex"), ({"a": 1}, "dict")])
def test_value_of_a_non_number_raises_type_error_naming_it(bad, shown):
    with pytest.raises(TypeError, match=shown) as info:
        Value(bad)
    assert repr(bad)[:5] in str(info.value)


def test_value_of_a_value_raises():
    with pytest.raises(TypeError, match="another Value"):
        Value(Value(1.0))


@pytest.mark.parametrize("op", [operator.add, operator.sub, operator.mul, operator.truediv])
def test_arithmetic_with_a_string_raises_type_error_naming_it(op):
    v = Value(2.0)
    with pytest.raises(TypeError, match=r"str.*'x'"):
        op(v, "x")
    with pytest.raises(TypeError, match=r"str|unsupported"):
        op("x", v)


@pytest.mark.parametrize("x", [0.0, -1.0, -1e-300])
def test_log_of_a_non_positive_number_raises_naming_the_value(x):
    with pytest.raises(ValueError, match=r"log\(") as info:
        Value(x, label="t").log()
    assert f"t={x:g}" in str(info.value)


def test_division_by_zero_names_the_operation_and_values():
    with pytest.raises(ZeroDivisionError, match=r"Value\(3\) / Value\(0\)"):
        Value(3.0) / Value(0.0)
    with pytest.raises(ZeroDivisionError, match=r"Value\(3\) / Value\(0\)"):
        Value(3.0) / 0
    with pytest.raises(ZeroDivisionError, match=r"Value\(1\) / d=0"):
        1 / Value(0.0, label="d")


def test_power_with_a_value_exponent_raises():
    with pytest.raises(TypeError, match="Value"):
        Value(2.0) ** Value(3.0)
    with pytest.raises(TypeError, match="str"):
        Value(2.0) ** "2"


def test_negative_base_with_a_fractional_exponent_raises():
    with pytest.raises(ValueError, match=r"Value\(-8\) \*\* 0.5"):
        Value(-8.0) ** 0.5
    assert (Value(-2.0) ** 3).data == -8.0
    assert (Value(-2.0) ** 2.0).data == 4.0  # a whole number written as a float is fine


def test_zero_to_a_negative_power_raises():
    with pytest.raises(ZeroDivisionError, match=r"\*\* -1"):
        Value(0.0) ** -1
    with pytest.raises(ZeroDivisionError):
        Value(0.0) ** 0.5  # the slope is infinite at 0
    assert (Value(0.0) ** 2).data == 0.0


def test_exp_overflow_raises_a_clear_error():
    with pytest.raises(OverflowError, match=r"exp\(Value\(1000\)\)"):
        Value(1000.0).exp()
    assert Value(-1000.0).exp().data == 0.0


@pytest.mark.parametrize("x", [400.0, -400.0, 1000.0, -1000.0])
def test_tanh_and_sigmoid_stay_finite_for_large_inputs(x):
    for out in (Value(x).tanh(), Value(x).sigmoid()):
        leaf = out._prev[0]
        out.backward()
        assert math.isfinite(out.data) and math.isfinite(leaf.grad)
        assert leaf.grad == pytest.approx(0.0, abs=1e-100)
    assert Value(x).tanh().data == math.copysign(1.0, x)
    assert Value(x).sigmoid().data == pytest.approx(1.0 if x > 0 else 0.0, abs=1e-170)
