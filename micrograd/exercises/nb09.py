"""Notebook 09, the same in PyTorch: the checkers of its exercises.

PyTorch is optional for the course, so it is imported only when a PyTorch answer is checked.
"""

import numbers

from micrograd.exercises.feedback import exercise, right, wrong


@exercise
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


# a tiny problem for check_torch_step: 8 points, a 2-4-1 tanh network
_X = [[0.5, 1.0], [-1.0, 0.4], [1.2, -0.3], [-0.2, -0.9],
      [0.9, 0.8], [-0.7, -0.6], [0.1, 1.5], [-1.4, 0.2]]
_Y = [1.0, -1.0, 1.0, -1.0, -1.0, 1.0, 1.0, -1.0]
_STEPS, _LR = 3, 0.3


def _problem(torch):
    """A fresh network (the same weights every time), its optimizer, and the data."""
    nn = torch.nn
    generator = torch.Generator().manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1), nn.Tanh()).double()
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.rand(p.shape, generator=generator, dtype=torch.float64) * 2 - 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=_LR)
    X = torch.tensor(_X, dtype=torch.float64)
    y = torch.tensor(_Y, dtype=torch.float64).reshape(-1, 1)
    return model, optimizer, X, y


def _steps(torch, variant):
    """The parameters after _STEPS steps of the right loop, or of one with a typical slip."""
    model, optimizer, X, y = _problem(torch)
    for _ in range(_STEPS):
        if variant != "no zero_grad":
            optimizer.zero_grad()
        loss = ((model(X) - y) ** 2)
        loss = loss.sum() if variant == "sum" else loss.mean()
        loss.backward()
        if variant != "no step":
            optimizer.step()
    return [p.detach().clone() for p in model.parameters()]


@exercise
def check_torch_step(torch_step):
    """09: torch_step(model, optimizer, X, y): one step of gradient descent on the mean squared
    error, in PyTorch: zero_grad, forward, loss, backward, step."""
    if not callable(torch_step):
        return wrong(f"Give the function itself, torch_step, not {type(torch_step).__name__}.")
    try:
        import torch
    except ImportError:
        return wrong("This check needs PyTorch: pip install torch, then restart the kernel.")
    model, optimizer, X, y = _problem(torch)
    try:
        for _ in range(_STEPS):
            torch_step(model, optimizer, X, y)
    except Exception as error:  # a learner's code: report whatever went wrong
        return wrong(f"torch_step(model, optimizer, X, y) raised {type(error).__name__}: "
                     f"{error}.")
    got = [p.detach() for p in model.parameters()]

    def same(variant):
        return all(torch.allclose(g, w, rtol=1e-9, atol=1e-12)
                   for g, w in zip(got, _steps(torch, variant)))

    if same("right"):
        return right(f"{_STEPS} steps of your function give the same weights as "
                     "zero_grad, forward, mse, backward, step: the loop of notebook 7, in "
                     "PyTorch.")
    hints = {
        "no zero_grad": "The gradients pile up from step to step: call optimizer.zero_grad() "
                        "before loss.backward(), as model.zero_grad() in notebook 7.",
        "no step": "No weight changed: optimizer.step() moves them, after loss.backward() "
                   "(before it, zero_grad() has left no gradients to step with).",
        "sum": "That is the sum of the squared errors; the mean squared error divides by the "
               "number of points: .mean(), or nn.functional.mse_loss(out, y).",
    }
    for variant, hint in hints.items():
        if same(variant):
            return wrong(hint)
    return wrong(f"After {_STEPS} steps the weights differ from the right loop's. One step is: "
                 "optimizer.zero_grad(), out = model(X), loss = ((out - y) ** 2).mean(), "
                 "loss.backward(), optimizer.step().")
