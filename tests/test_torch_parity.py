"""Our engine against PyTorch (float64): every operation, random expression graphs and an MLP
forward and backward pass. Skipped where PyTorch is not installed (it is not a requirement)."""

import random

import pytest

torch = pytest.importorskip("torch", reason="PyTorch is not installed; the parity tests "
                            "compare against it (pip install torch to run them)")

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from strategies import OPERATIONS, away_from_zero, positives, programs, reals  # noqa: E402

from micrograd.engine import Value  # noqa: E402
from micrograd.nn import MLP  # noqa: E402

REL = 1e-12


def tensor(x):
    return torch.tensor(float(x), dtype=torch.float64, requires_grad=True)


def compare(f, inputs, rel=REL):
    """Run f on Values and on float64 tensors; the outputs and every input's gradient agree."""
    ours = [Value(x) for x in inputs]
    theirs = [tensor(x) for x in inputs]
    out, ref = f(*ours), f(*theirs)
    out.backward()
    ref.backward()
    assert out.data == pytest.approx(ref.item(), rel=rel, abs=1e-300)
    for i, (a, b) in enumerate(zip(ours, theirs)):
        expected = 0.0 if b.grad is None else b.grad.item()
        assert a.grad == pytest.approx(expected, rel=rel, abs=1e-14), f"input {i}"


@pytest.mark.parametrize("op", OPERATIONS, ids=repr)
@given(data=st.data())
def test_each_operation_from_the_table(op, data):
    compare(op.apply, [data.draw(domain) for domain in op.domain])


@given(a=reals(), b=away_from_zero())
def test_a_node_used_three_times(a, b):
    compare(lambda a, b: a * a + a / b - b * a, [a, b])


@given(x=positives(0.01, 100))
def test_log_and_fractional_powers(x):
    compare(lambda a: a.log(), [x])
    compare(lambda a: a ** 0.5, [x])
    compare(lambda a: a ** -1.5, [x])


@pytest.mark.parametrize("x", [-1000.0, -400.0, -30.0, 30.0, 400.0, 1000.0])
def test_saturating_activations(x):
    compare(lambda a: a.tanh(), [x])
    compare(lambda a: a.sigmoid(), [x], rel=1e-9)


def test_relu_at_zero_has_zero_slope_like_pytorch():
    compare(lambda a: a.relu(), [0.0])


@given(programs())
def test_random_expression_graphs(program):
    compare(program.build, list(program.inputs), rel=1e-9)


@pytest.mark.parametrize("activation, linear_output", [("tanh", False), ("relu", True),
                                                       ("sigmoid", False), ("linear", False)])
def test_mlp_forward_and_backward(activation, linear_output):
    model = MLP(3, [8, 8, 2], activation=activation, linear_output=linear_output,
                rng=random.Random(7))
    batch = [[0.5, -1.2, 2.0], [-0.3, 0.8, 0.1], [1.5, 1.5, -0.7]]

    # ours: a mean squared loss over the batch, with the outputs' sum as the target
    loss = Value(0.0)
    for x in batch:
        y1, y2 = model(x)
        loss = loss + (y1 - y2 - sum(x)) ** 2
    loss = loss / len(batch)
    loss.backward()

    # PyTorch, with the same weights, one matrix per layer
    acts = {"tanh": torch.tanh, "relu": torch.relu, "sigmoid": torch.sigmoid,
            "linear": lambda t: t}
    weights = [(torch.tensor([[w.data for w in n.w] for n in layer.neurons],
                             dtype=torch.float64, requires_grad=True),
                torch.tensor([n.b.data for n in layer.neurons], dtype=torch.float64,
                             requires_grad=True))
               for layer in model.layers]
    h = torch.tensor(batch, dtype=torch.float64)
    for k, (w, b) in enumerate(weights):
        act = model.layers[k].neurons[0].activation
        h = acts[act](h @ w.T + b)
    target = torch.tensor([sum(x) for x in batch], dtype=torch.float64)
    ref = ((h[:, 0] - h[:, 1] - target) ** 2).mean()
    ref.backward()

    assert loss.data == pytest.approx(ref.item(), rel=1e-12)
    ours = [p.grad for p in model.parameters()]
    theirs = []
    for w, b in weights:
        for row, bias in zip(w.grad.tolist(), b.grad.tolist()):
            theirs += row + [bias]
    assert ours == pytest.approx(theirs, rel=1e-9, abs=1e-12)
