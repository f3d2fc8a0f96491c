"""Neurons, layers and multi-layer perceptrons built from `Value`s.

A neuron computes  output = activation(w1·x1 + ... + wn·xn + b); tanh is the default activation.
"""

import random

from micrograd.checks import counted, is_whole_number
from micrograd.engine import Value

ACTIVATIONS = ("tanh", "relu", "sigmoid", "linear")


class Module:
    """Anything with learnable parameters."""

    def parameters(self):
        return []

    def zero_grad(self):
        """Reset every parameter's gradient before the next backward pass: grads accumulate."""
        for p in self.parameters():
            p.grad = 0.0


class Neuron(Module):
    """w·x + b, then an activation. Weights and bias start uniform in [-1, 1]."""

    def __init__(self, nin, activation="tanh", rng=None):
        _check_count("nin, the number of inputs", nin)
        _check_activation(activation)
        rng = rng or random  # the module `random` follows random.seed(...)
        self.w = [Value(rng.uniform(-1, 1), label=f"w{i}") for i in range(nin)]
        self.b = Value(rng.uniform(-1, 1), label="b")
        self.activation = activation

    def __call__(self, x):
        return self.activate(self.weighted_sum(x))

    def weighted_sum(self, x):
        """n = w·x + b, the neuron's output before its activation."""
        if len(x) != len(self.w):
            raise ValueError(f"this neuron takes {counted(len(self.w), 'input')}, but was given "
                             f"{len(x)}")
        n = self.b
        for wi, xi in zip(self.w, x):
            n = n + wi * xi
        return n

    def activate(self, n):
        """The neuron's activation of n: tanh(n), relu(n), sigmoid(n), or n itself (linear)."""
        return n if self.activation == "linear" else getattr(n, self.activation)()

    def parameters(self):
        return self.w + [self.b]

    def __repr__(self):
        return f"Neuron({counted(len(self.w), 'input')}, {self.activation})"


class Layer(Module):
    """`nout` neurons, each looking at the same `nin` inputs."""

    def __init__(self, nin, nout, activation="tanh", rng=None):
        _check_count("nout, the number of neurons", nout)
        self.neurons = [Neuron(nin, activation, rng) for _ in range(nout)]

    def __call__(self, x):
        outs = [n(x) for n in self.neurons]
        return outs[0] if len(outs) == 1 else outs

    def parameters(self):
        return [p for n in self.neurons for p in n.parameters()]

    def __repr__(self):
        n = self.neurons[0]
        return f"Layer({len(n.w)} -> {len(self.neurons)}, {n.activation})"


class MLP(Module):
    """A multi-layer perceptron: layers of sizes `nouts`, each feeding the next.

    MLP(2, [16, 16, 1]) takes 2 inputs, has two hidden layers of 16 neurons and one output.
    `activation` applies to every layer; `linear_output=True` leaves the last layer without one
    (as Karpathy's micrograd package does).
    """

    def __init__(self, nin, nouts, activation="tanh", linear_output=False, rng=None):
        try:
            if isinstance(nouts, str):
                raise TypeError
            nouts = list(nouts)
        except TypeError:
            raise TypeError(f"nouts must be a list of layer sizes such as [16, 16, 1], "
                            f"got {type(nouts).__name__}: {nouts!r}") from None
        if not nouts:
            raise ValueError("nouts must name at least one layer, such as [16, 16, 1]")
        sizes = [nin] + nouts
        last = len(nouts) - 1
        self.layers = [Layer(sizes[i], sizes[i + 1],
                             "linear" if linear_output and i == last else activation, rng)
                       for i in range(len(nouts))]

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
            if not isinstance(x, list):  # a one-neuron layer returns its Value
                x = [x]
        return x[0] if len(x) == 1 else x

    def parameters(self):
        return [p for layer in self.layers for p in layer.parameters()]

    def __repr__(self):
        sizes = [len(self.layers[0].neurons[0].w)] + [len(lay.neurons) for lay in self.layers]
        acts = [lay.neurons[0].activation for lay in self.layers]
        hidden, output = acts[:-1], acts[-1]
        shape = " -> ".join(map(str, sizes))
        act = f"{hidden[0]} hidden, {output} output" if hidden else output
        return f"MLP({shape}, {act}, {counted(len(self.parameters()), 'parameter')})"


def _check_count(what, n):
    if not is_whole_number(n) or n < 1:
        raise ValueError(f"{what} must be a whole number of at least 1, got {n!r}")


def _check_activation(name):
    if name not in ACTIVATIONS:
        raise ValueError(f"unknown activation {name!r}; choose one of {', '.join(ACTIVATIONS)}")


def classifier(nin, hidden, activation="tanh", rng=None):
    """An MLP that scores points of two classes, -1 and 1: hidden layers of the sizes in `hidden`
    with `activation`, then one output neuron.

    The output must be able to reach -1 as well as 1. tanh can; relu and sigmoid never go below
    0, so with them the output neuron is left linear.
    """
    return MLP(nin, list(hidden) + [1], activation=activation,
               linear_output=activation != "tanh", rng=rng)
