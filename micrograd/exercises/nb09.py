"""Notebook 09, the same in PyTorch: the checkers of its exercises.

PyTorch is optional for the course, so it is imported only when a PyTorch answer is checked.
"""

import numbers

from micrograd.exercises.feedback import exercise, number_answers, right, run, wrong


@exercise
@number_answers("count")
def check_torch_parameter_count(count):
    """09: the number of parameters of the 2-16-16-1 network in torch.nn: 337, as in micrograd."""
    if isinstance(count, bool) or not isinstance(count, numbers.Integral):
        return wrong(f"Give a whole number, not {type(count).__name__}: {count!r}. "
                     "p.numel() is the number of values in the tensor p.")
    if count == 337:
        return right("2·16 + 16 weights, 16·16 + 16, 16·1 + 1: 337, the same as "
                     "len(MLP(2, [16, 16, 1]).parameters()). PyTorch keeps them in 6 tensors "
                     "instead of 337 Values.")
    if count == 6:
        return wrong("6 is the number of tensors (a weight matrix and a bias vector per layer). "
                     "Count the numbers inside them: p.numel().")
    if count == 304:
        return wrong("304 counts the weights only: each layer has a bias per neuron too.")
    if count == 33:
        return wrong("33 counts the biases only: add the weight matrices, out × in per layer.")
    return wrong(f"{count} is not it. Add up p.numel() for p in torch_model.parameters().")


# two small problems for check_torch_step: (points, labels, layer sizes, seed, steps, rate);
# the rates differ, so that a step with a learning rate of its own shows
_PROBLEMS = [
    ([[0.5, 1.0], [-1.0, 0.4], [1.2, -0.3], [-0.2, -0.9],
      [0.9, 0.8], [-0.7, -0.6], [0.1, 1.5], [-1.4, 0.2]],
     [1.0, -1.0, 1.0, -1.0, -1.0, 1.0, 1.0, -1.0], (2, 4, 1), 0, 3, 0.3),
    ([[0.3, -0.8], [-0.5, 0.5], [1.1, 0.2], [-0.9, -1.2], [0.2, 0.9]],
     [-1.0, 1.0, 1.0, -1.0, 1.0], (2, 3, 3, 1), 1, 4, 0.05),
]


def _problem(torch, problem, lr=None):
    """A fresh network (the same weights every time), its optimizer, and the data."""
    points, labels, sizes, seed, _, rate = problem
    nn = torch.nn
    generator = torch.Generator().manual_seed(seed)
    layers = []
    for nin, nout in zip(sizes, sizes[1:]):
        layers += [nn.Linear(nin, nout), nn.Tanh()]
    model = nn.Sequential(*layers).double()
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.rand(p.shape, generator=generator, dtype=torch.float64) * 2 - 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=rate if lr is None else lr)
    X = torch.tensor(points, dtype=torch.float64)
    y = torch.tensor(labels, dtype=torch.float64).reshape(-1, 1)
    return model, optimizer, X, y


def _steps(torch, problem, variant, lr=None):
    """The parameters after the problem's steps of the right loop, or of one with a slip."""
    model, optimizer, X, y = _problem(torch, problem, lr)
    for _ in range(problem[4]):
        batches = zip(X, y) if variant == "per point" else [(X, y)]
        for xb, yb in batches:
            if variant != "no zero_grad":
                optimizer.zero_grad()
            loss = ((model(xb) - yb) ** 2)
            loss = loss.sum() if variant == "sum" else loss.mean()
            loss.backward()
            if variant != "no step":
                optimizer.step()
    return [p.detach().clone() for p in model.parameters()]


_HINTS = {
    "no zero_grad": "The gradients pile up from step to step: call optimizer.zero_grad() "
                    "before loss.backward(), as model.zero_grad() in notebook 7.",
    "sum": "That is the sum of the squared errors; the mean squared error divides by the "
           "number of points: .mean(), or nn.functional.mse_loss(out, y).",
    "per point": "Your function takes a step after every point; one step of gradient descent "
                 "is one pass over the whole batch X at once: model(X), the mean over all "
                 "points, one backward(), one optimizer.step().",
}


@exercise
def check_torch_step(torch_step):
    """09: torch_step(model, optimizer, X, y): one step of gradient descent on the mean squared
    error, in PyTorch: zero_grad, forward, loss, backward, step. It is run for a few steps on
    two networks, with different learning rates, and compared with the right loop."""
    if not callable(torch_step):
        return wrong(f"Give the function itself, torch_step, not {type(torch_step).__name__}.")
    try:
        import torch
    except ImportError:
        return wrong("This check needs PyTorch: pip install torch, then restart the kernel.")
    right_weights = [_steps(torch, problem, "right") for problem in _PROBLEMS]  # and warm up
    results = []
    for problem in _PROBLEMS:
        model, optimizer, X, y = _problem(torch, problem)
        start = [p.detach().clone() for p in model.parameters()]

        def steps(model=model, optimizer=optimizer, X=X, y=y, count=problem[4]):
            for _ in range(count):
                torch_step(model, optimizer, X, y)

        _, problem_ = run(steps, what="torch_step(model, optimizer, X, y)")
        if problem_ is not None:
            return problem_
        results.append((problem, [p.detach() for p in model.parameters()], start))

    def same(a, b):
        return all(torch.allclose(g, w, rtol=1e-9, atol=1e-12) for g, w in zip(a, b))

    def gives(variant, lr=None):
        return all(same(got, _steps(torch, problem, variant, lr)) for problem, got, _ in results)

    if all(same(got, want) for (_, got, _), want in zip(results, right_weights)):
        return right("A few steps of your function give the same weights as zero_grad, "
                     "forward, mse, backward, step, on two networks with different learning "
                     "rates: the loop of notebook 7, in PyTorch.")
    if all(same(got, start) for _, got, start in results):
        return wrong("No weight changed: optimizer.step() moves them, after loss.backward() "
                     "(before it, or after a zero_grad() that follows backward(), there are no "
                     "gradients to step with). Step the model and optimizer you are given, "
                     "not the notebook's torch_model.")
    for variant, hint in _HINTS.items():
        if gives(variant):
            return wrong(hint)
    for lr in (0.001, 0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0):
        if gives("right", lr):
            return wrong(f"Your steps use the learning rate {lr:g}, whatever the optimizer you "
                         "are given has: call optimizer.step() on that optimizer, rather than "
                         "making one of your own.")
    return wrong("After a few steps the weights differ from the right loop's. One step is: "
                 "optimizer.zero_grad(), out = model(X), loss = ((out - y) ** 2).mean(), "
                 "loss.backward(), optimizer.step().")
