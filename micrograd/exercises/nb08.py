"""Notebook 08, why is it slow?: the checkers of its exercises."""

import numbers
import random

import numpy as np

from micrograd.engine import Value, topological_order
from micrograd.exercises.feedback import close, exercise, number_answers, right, run, wrong
from micrograd.nn import MLP
from micrograd.train import max_margin_loss, mse_loss


def _nodes_in_step(n_points):
    """Nodes in the graph of one training step of the 2-16-16-1 tanh MLP on `n_points` points."""
    model = MLP(2, [16, 16, 1], rng=random.Random(0))
    X = [[0.1 * i, -0.2 * i] for i in range(n_points)]
    y = [1.0 if i % 2 else -1.0 for i in range(n_points)]
    return len(topological_order(mse_loss([model(x) for x in X], y)))


@exercise
@number_answers("nodes")
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


def _as_array(name, x, shape):
    """(array, None) when `x` is a numpy array of `shape`, else (None, Feedback)."""
    if not isinstance(x, np.ndarray):
        return None, wrong(f"{name} should be a numpy array of shape {shape}, but it is "
                           f"{type(x).__name__}.")
    if x.shape != shape:
        return None, wrong(f"{name} has shape {x.shape}, but should have shape {shape}, one "
                           "number per number it is the gradient of.")
    return x, None


def _same(a, b):
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-9, atol=1e-12)


# ---- hinge_and_grad: batches of different sizes, points inside and beyond the margin ---------

def _hinge_batches():
    """The batch of the notebook's first version, then seeded random ones of 1, 4 and 9 points
    (a number of points other than 6 shows a division by a fixed N)."""
    batches = [(np.array([[0.8], [-1.7], [0.3], [1.4], [-0.2], [2.5]]),
                np.array([[1.0], [-1.0], [-1.0], [1.0], [1.0], [-1.0]]))]
    rng = np.random.default_rng(8)
    for n in (1, 4, 9):
        out = np.round(rng.uniform(-2.5, 2.5, (n, 1)), 2)
        y = rng.choice([-1.0, 1.0], (n, 1))
        batches.append((out, y))
    return batches


def _engine_hinge(out, y):
    """The loss and d loss / d out from the scalar engine: max_margin_loss and backward()."""
    values = [Value(float(o)) for o in out[:, 0]]
    loss = max_margin_loss(values, [float(t) for t in y[:, 0]])
    loss.backward()
    return loss.data, np.array([[v.grad] for v in values])


# what the usual slips give for the gradient, and the hint for each
_HINGE_SLIPS = [
    (lambda out, y, want: want * len(y), "The sizes are N times too large: the loss is a mean, "
     "so each point's share is divided by N = len(y)."),
    (lambda out, y, want: -want, "The sign is flipped: d/d(out) of 1 - y·out is -y."),
    (lambda out, y, want: -y / len(y), "A point beyond the margin (1 - y·out <= 0) sits where "
     "relu is flat, so its gradient is 0: multiply by (1 - y * out > 0)."),
    (lambda out, y, want: np.where(1 - y * out > 0, 0.0, -y) / len(y), "The mask is the wrong "
     "way round: the points inside the margin, where 1 - y·out > 0, get -y/N; the others 0."),
    (lambda out, y, want: np.where(1 - out > 0, -y, 0.0) / len(y), "The mask needs y too: a "
     "point is inside the margin where 1 - y·out > 0, not where 1 - out > 0."),
]


@exercise
def check_hinge_and_grad(hinge_and_grad):
    """08: hinge_and_grad(out, y) -> (loss, grad) in numpy, for loss = mean(relu(1 - y·out)).

    The answer is compared with the scalar engine's max_margin_loss and its backward(), on four
    batches of 6, 1, 4 and 9 points.
    """
    if not callable(hinge_and_grad):
        return wrong(f"Give the function itself, not {type(hinge_and_grad).__name__}.")
    answers = []
    for out, y in _hinge_batches():
        result, problem = run(hinge_and_grad, out.copy(), y.copy(),
                              what=f"hinge_and_grad(out, y), on {len(y)} points,")
        if problem is not None:
            return problem
        if result is None:
            return wrong("hinge_and_grad(out, y) returned None: end it with return loss, grad.")
        if not (isinstance(result, tuple) and len(result) == 2):
            return wrong("Return two things, the loss and its gradient: return loss, grad")
        loss, grad = result
        grad, problem = _as_array("grad", grad, out.shape)
        if problem is not None:
            return problem
        try:
            loss = float(loss)
        except (TypeError, ValueError):
            return wrong(f"The loss should be one number, but it is {type(loss).__name__}.")
        want_loss, want = _engine_hinge(out, y)
        answers.append((out, y, loss, grad, want_loss, want))
    for _, y, loss, _, want_loss, _ in answers:
        if not close(loss, want_loss):
            if close(loss, want_loss * len(y)):
                return wrong("That loss is the sum over the points; take the mean.")
            return wrong(f"On {len(y)} points, the loss should be {want_loss:.4f}: the mean "
                         "over the points of np.maximum(0, 1 - y * out).")
    if all(_same(grad, want) for *_, grad, _, want in answers):
        return right("Each point inside the margin (1 - y·out > 0) pulls its output towards "
                     "its label with -y/N; a point beyond the margin has gradient 0. These "
                     "are the gradients the scalar engine finds, on batches of 6, 1, 4 and 9 "
                     "points.")
    for slip, hint in _HINGE_SLIPS:
        if all(_same(grad, slip(out, y, want)) for out, y, _, grad, _, want in answers):
            return wrong(hint)
    out, y, *_ = next(a for a in answers if not _same(a[3], a[5]))
    return wrong(f"On a batch of {len(y)} points the gradient is off. Work it out for one "
                 "point: where 1 - y·out > 0 the loss grows like 1 - y·out, with slope -y; "
                 "elsewhere it is flat. Then divide by N = len(y), the number of points given.")


# ---- relu_layer_backward: layers of different shapes, a square one among them ---------------

def _relu_layer_cases():
    """(x, W, b, grad_h): 5 points into 3 → 4, one point into 2 → 3, and 4 points into a square
    3 → 3 layer, where a missing transpose keeps the right shape."""
    cases = []
    for seed, (n, nin, nout) in ((7, (5, 3, 4)), (3, (1, 2, 3)), (5, (4, 3, 3))):
        rng = np.random.default_rng(seed)
        cases.append((rng.uniform(-1, 1, (n, nin)), rng.uniform(-1, 1, (nin, nout)),
                      rng.uniform(-0.5, 0.5, nout), rng.uniform(-1, 1, (n, nout))))
    return cases


def _engine_relu_layer(x, W, b, grad_h):
    """The scalar engine's gradients of sum(grad_h * relu(x @ W + b)): grad_x, grad_W, grad_b."""
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
    return (np.array([[v.grad for v in row] for row in xv]),
            np.array([[v.grad for v in row] for row in Wv]),
            np.array([v.grad for v in bv]))


def _written_with(dz, x, W):
    return dz @ W.T, x.T @ dz, dz.sum(axis=0)


# each slip, as what it gives from (x, W, h, grad_h), and its hint
_RELU_SLIPS = [
    (lambda x, W, h, g: _written_with(g * (1 - h ** 2), x, W), "That is tanh's slope, 1 - h². "
     "relu's slope is 1 where h > 0 and 0 elsewhere: dz = grad_h * (h > 0)."),
    (lambda x, W, h, g: _written_with(g, x, W), "relu stops the gradient where it was inactive "
     "(h = 0): multiply by (h > 0) first, dz = grad_h * (h > 0)."),
    (lambda x, W, h, g: _written_with(g * h, x, W), "That multiplies by h itself; relu's slope "
     "is 1 where h > 0 and 0 elsewhere: dz = grad_h * (h > 0)."),
    (lambda x, W, h, g: _written_with(g * (g > 0), x, W), "The mask comes from the layer's "
     "output, where relu was active, not from grad_h: dz = grad_h * (h > 0)."),
    (lambda x, W, h, g: (lambda dz: (dz @ W, x.T @ dz, dz.sum(axis=0)))(g * (h > 0)),
     "grad_x = dz @ W.T: W is (inputs, neurons) and dz is (points, neurons), so W must be "
     "transposed. (A square W hides it: the shape comes out right.)"),
    (lambda x, W, h, g: (lambda dz: (dz @ W.T, dz.T @ x, dz.sum(axis=0)))(g * (h > 0)),
     "grad_W is transposed: it must have W's shape, (inputs, neurons): grad_W = x.T @ dz. "
     "(A square W hides it: the shape comes out right.)"),
    (lambda x, W, h, g: (lambda dz: (dz @ W.T, x.T @ dz, dz.mean(axis=0)))(g * (h > 0)),
     "grad_b is the sum over the points, dz.sum(axis=0), not their mean: every point's share "
     "adds to the bias's gradient."),
]


def _gives(slip, case, got):
    """True when the slip gives the learner's three arrays (False where its shapes clash)."""
    try:
        return all(_same(g, s) for g, s in zip(got, slip(*case)))
    except ValueError:
        return False


@exercise
def check_relu_layer_backward(relu_layer_backward):
    """08: relu_layer_backward(x, W, h, grad_h) -> (grad_x, grad_W, grad_b) for the layer
    h = relu(x @ W + b), in numpy. The answer is compared with the scalar engine's gradients,
    on layers of three shapes (a square one among them).
    """
    if not callable(relu_layer_backward):
        return wrong(f"Give the function itself, not {type(relu_layer_backward).__name__}.")
    names = ("grad_x", "grad_W", "grad_b")
    answers = []
    for x, W, b, grad_h in _relu_layer_cases():
        h = np.maximum(0.0, x @ W + b)
        result, problem = run(relu_layer_backward, x.copy(), W.copy(), h.copy(), grad_h.copy(),
                              what=f"relu_layer_backward(x, W, h, grad_h), with x {x.shape} "
                                   f"and W {W.shape},")
        if problem is not None:
            if "mismatch" in problem.message or "shape" in problem.message:
                problem.message += (". Check the shapes: dz is (N, nout), W is (nin, nout), so "
                                    "grad_x = dz @ W.T and grad_W = x.T @ dz.")
            return problem
        if result is None:
            return wrong("relu_layer_backward returned None: end it with return grad_x, "
                         "grad_W, grad_b.")
        if not (isinstance(result, tuple) and len(result) == 3):
            return wrong("Return three arrays: return grad_x, grad_W, grad_b")
        want = _engine_relu_layer(x, W, b, grad_h)
        got = []
        for name, g, w in zip(names, result, want):
            if name == "grad_b" and isinstance(g, np.ndarray) and g.shape == grad_h.shape:
                return wrong("grad_b has one row per point: each bias is used by every point, "
                             "so its gradient is the sum over the points, dz.sum(axis=0).")
            g, problem = _as_array(name, g, w.shape)
            if problem is not None:
                return problem
            got.append(g)
        answers.append(((x, W, h, grad_h), got, want))
    if all(_same(g, w) for _, got, want in answers for g, w in zip(got, want)):
        return right("dz = grad_h · (h > 0): relu passes the gradient where it was active and "
                     "stops it elsewhere; then grad_W = x.T @ dz, grad_b = dz.sum(axis=0), "
                     "grad_x = dz @ W.T. The same numbers as the scalar engine, from four "
                     "array operations, on layers of three shapes.")
    for slip, hint in _RELU_SLIPS:
        if all(_gives(slip, case, got) for case, got, _ in answers):
            return wrong(hint)
    case, got, want = next(a for a in answers
                           if not all(_same(g, w) for g, w in zip(a[1], a[2])))
    wrong_names = [n for n, g, w in zip(names, got, want) if not _same(g, w)]
    return wrong(f"With x {case[0].shape} and W {case[1].shape}, {', '.join(wrong_names)} "
                 f"{'is' if len(wrong_names) == 1 else 'are'} not right yet. With dz = grad_h "
                 "* (h > 0): grad_W = x.T @ dz, grad_b = dz.sum(axis=0), grad_x = dz @ W.T.")
