"""Notebook 08, why is it slow?: the checkers of its exercises."""

import numbers
import random

import numpy as np

from micrograd.engine import Value, topological_order
from micrograd.exercises.feedback import (
    close,
    exercise,
    right,
    wrong,
)
from micrograd.nn import MLP
from micrograd.train import max_margin_loss, mse_loss


def _nodes_in_step(n_points):
    """Nodes in the graph of one training step of the 2-16-16-1 tanh MLP on `n_points` points."""
    model = MLP(2, [16, 16, 1], rng=random.Random(0))
    X = [[0.1 * i, -0.2 * i] for i in range(n_points)]
    y = [1.0 if i % 2 else -1.0 for i in range(n_points)]
    return len(topological_order(mse_loss([model(x) for x in X], y)))


@exercise
def check_nodes_for_1000_points(nodes):
    """08: nodes in one step's graph (2-16-16-1 MLP, mse_loss) on 1,000 points.

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
    """08: hinge_and_grad(out, y) -> (loss, grad) in numpy, for loss = mean(relu(1 - y·out)).

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
    """08: relu_layer_backward(x, W, h, grad_h) -> (grad_x, grad_W, grad_b) for the layer
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
