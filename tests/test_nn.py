"""Neurons, layers and MLPs: shapes, parameters, reproducibility, activations, errors."""

import math
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import reals

from micrograd.engine import Value
from micrograd.gradcheck import gradcheck
from micrograd.nn import ACTIVATIONS, MLP, Layer, Module, Neuron


def datas(module):
    return [p.data for p in module.parameters()]


# ---- shapes and parameters -------------------------------------------------------------------

def test_mlp_2_16_16_1_has_337_parameters():
    model = MLP(2, [16, 16, 1])
    assert len(model.parameters()) == (2 + 1) * 16 + (16 + 1) * 16 + (16 + 1) * 1 == 337
    assert len({id(p) for p in model.parameters()}) == 337
    assert all(isinstance(p, Value) for p in model.parameters())


@given(st.integers(1, 5), st.lists(st.integers(1, 5), min_size=1, max_size=4))
def test_parameter_count_of_any_mlp(nin, nouts):
    sizes = [nin] + nouts
    expected = sum((a + 1) * b for a, b in zip(sizes, sizes[1:]))
    assert len(MLP(nin, nouts).parameters()) == expected


def test_neuron_and_layer_parameters():
    n = Neuron(3)
    assert n.parameters() == n.w + [n.b]
    assert [p.label for p in n.parameters()] == ["w0", "w1", "w2", "b"]
    assert all(-1 <= p.data <= 1 for p in n.parameters())
    layer = Layer(3, 4)
    assert len(layer.parameters()) == 16
    assert Module().parameters() == []


def test_output_shapes():
    assert isinstance(MLP(3, [4, 1])([1.0, 2.0, 3.0]), Value)
    out = MLP(3, [4, 2])([1.0, 2.0, 3.0])
    assert isinstance(out, list) and len(out) == 2
    assert isinstance(Layer(2, 1)([1.0, 2.0]), Value)
    assert len(Layer(2, 3)([1.0, 2.0])) == 3


# ---- reproducibility -------------------------------------------------------------------------

def test_random_seed_makes_the_same_network():
    random.seed(1337)
    a = MLP(2, [16, 16, 1])
    random.seed(1337)
    b = MLP(2, [16, 16, 1])
    assert datas(a) == datas(b)
    random.seed(1338)
    assert datas(MLP(2, [16, 16, 1])) != datas(a)


def test_a_passed_random_generator_makes_the_same_network_and_leaves_the_global_one_alone():
    random.seed(0)
    state = random.getstate()
    a = MLP(2, [8, 1], rng=random.Random(42))
    assert random.getstate() == state
    b = MLP(2, [8, 1], rng=random.Random(42))
    assert datas(a) == datas(b)
    assert datas(MLP(2, [8, 1], rng=random.Random(43))) != datas(a)
    assert datas(Neuron(3, rng=random.Random(5))) == datas(Neuron(3, rng=random.Random(5)))


# ---- forward values --------------------------------------------------------------------------

def test_neuron_computes_activation_of_w_dot_x_plus_b():
    n = Neuron(2, activation="linear")
    n.w[0].data, n.w[1].data, n.b.data = 2.0, -3.0, 0.5
    x = [1.5, 4.0]
    z = 2.0 * 1.5 + -3.0 * 4.0 + 0.5
    assert n(x).data == z
    for act, f in [("tanh", math.tanh), ("relu", lambda v: max(v, 0.0)),
                   ("sigmoid", lambda v: 1 / (1 + math.exp(-v)))]:
        n.activation = act
        assert n(x).data == pytest.approx(f(z)), act


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_every_activation_applies_to_every_layer(activation):
    model = MLP(2, [3, 2], activation=activation, rng=random.Random(0))
    assert all(n.activation == activation for layer in model.layers for n in layer.neurons)
    out = model([0.3, -0.7])
    if activation == "tanh":
        assert all(-1 < v.data < 1 for v in out)
    elif activation == "sigmoid":
        assert all(0 < v.data < 1 for v in out)
    elif activation == "relu":
        assert all(v.data >= 0 for v in out)


def test_linear_output_leaves_only_the_last_layer_without_activation():
    model = MLP(2, [4, 4, 1], activation="relu", linear_output=True)
    assert [layer.neurons[0].activation for layer in model.layers] == ["relu", "relu", "linear"]
    assert MLP(2, [1], linear_output=True).layers[0].neurons[0].activation == "linear"


def test_inputs_may_be_floats_ints_or_values():
    model = MLP(2, [4, 1], rng=random.Random(3))
    from_floats = model([0.5, -1.0]).data
    assert model([Value(0.5), Value(-1.0)]).data == from_floats
    assert model([0.5, -1]).data == from_floats
    assert model((0.5, -1.0)).data == from_floats


def test_gradients_reach_the_inputs_when_they_are_values():
    model = MLP(2, [4, 1], rng=random.Random(3))
    x = [Value(0.5), Value(-1.0)]
    model(x).backward()
    assert all(v.grad != 0 for v in x)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@given(x=st.lists(reals(-2, 2), min_size=3, max_size=3), seed=st.integers(0, 1000))
def test_mlp_gradients_pass_gradcheck(activation, x, seed):
    model = MLP(3, [4, 3, 1], activation=activation, rng=random.Random(seed))
    if activation == "relu":  # keep away from the kink at 0 in every neuron
        pre = []
        h = x
        for layer in model.layers:
            pre += [n.b.data + sum(w.data * xi for w, xi in zip(n.w, h)) for n in layer.neurons]
            h = [max(0.0, p) for p in pre[-len(layer.neurons):]]
        if min(abs(p) for p in pre) < 1e-3:
            return
    assert gradcheck(lambda *v: model(list(v)), x).ok


# ---- zero_grad -------------------------------------------------------------------------------

def test_zero_grad_resets_every_parameter():
    model = MLP(2, [4, 1], rng=random.Random(1))
    model([1.0, 2.0]).backward()
    assert any(p.grad != 0 for p in model.parameters())
    model.zero_grad()
    assert all(p.grad == 0.0 for p in model.parameters())


def test_without_zero_grad_gradients_accumulate_across_forward_passes():
    model = MLP(2, [3, 1], rng=random.Random(2))
    model([1.0, -1.0]).backward()
    once = [p.grad for p in model.parameters()]
    model([1.0, -1.0]).backward()
    assert [p.grad for p in model.parameters()] == pytest.approx([2 * g for g in once])
    model.zero_grad()
    model([1.0, -1.0]).backward()
    assert [p.grad for p in model.parameters()] == pytest.approx(once)


# ---- repr ------------------------------------------------------------------------------------

def test_reprs():
    assert repr(Neuron(3)) == "Neuron(3 inputs, tanh)"
    assert repr(Neuron(2, "relu")) == "Neuron(2 inputs, relu)"
    assert repr(Layer(2, 16)) == "Layer(2 -> 16, tanh)"
    assert repr(MLP(2, [16, 16, 1])) == "MLP(2 -> 16 -> 16 -> 1, tanh hidden, tanh output, " \
                                        "337 parameters)"
    assert repr(MLP(2, [16, 1], activation="relu", linear_output=True)) == \
        "MLP(2 -> 16 -> 1, relu hidden, linear output, 65 parameters)"
    assert repr(MLP(3, [1])) == "MLP(3 -> 1, tanh, 4 parameters)"


# ---- errors ----------------------------------------------------------------------------------

@pytest.mark.parametrize("module, n_inputs", [(Neuron(3), 3), (Layer(3, 2), 3),
                                              (MLP(3, [2, 1]), 3)])
@pytest.mark.parametrize("given_inputs", [[1.0, 2.0], [1.0, 2.0, 3.0, 4.0], []])
def test_wrong_input_count(module, n_inputs, given_inputs):
    with pytest.raises(ValueError, match=f"takes {n_inputs} inputs, but was given "
                                         f"{len(given_inputs)}"):
        module(given_inputs)


@pytest.mark.parametrize("make, error, match", [
    (lambda: Neuron(0), ValueError, "at least 1"),
    (lambda: Neuron(2.5), ValueError, "whole number"),
    (lambda: Neuron(True), ValueError, "whole number"),
    (lambda: Neuron("3"), ValueError, "whole number"),
    (lambda: Neuron(2, activation="softmax"), ValueError, "unknown activation 'softmax'"),
    (lambda: Layer(2, 0), ValueError, "nout"),
    (lambda: MLP(0, [2]), ValueError, "nin"),
    (lambda: MLP(2, []), ValueError, "at least one layer"),
    (lambda: MLP(2, 16), TypeError, "list of layer sizes"),
    (lambda: MLP(2, None), TypeError, "list of layer sizes"),
    (lambda: MLP(2, [16, -1]), ValueError, "at least 1"),
    (lambda: MLP(2, [4], activation="Tanh"), ValueError, "choose one of tanh, relu"),
])
def test_bad_constructor_arguments(make, error, match):
    with pytest.raises(error, match=match):
        make()


def test_non_number_inputs_raise_type_error():
    with pytest.raises(TypeError, match="str"):
        Neuron(2)(["a", 1.0])


@pytest.mark.parametrize("activation, linear", [("tanh", False), ("relu", True),
                                                ("sigmoid", True)])
def test_classifier_output_can_reach_both_classes(activation, linear):
    from micrograd.nn import classifier

    model = classifier(2, [4, 3], activation, rng=random.Random(0))
    assert [len(layer.neurons) for layer in model.layers] == [4, 3, 1]
    assert model.layers[0].neurons[0].activation == activation
    assert model.layers[-1].neurons[0].activation == ("linear" if linear else activation)
