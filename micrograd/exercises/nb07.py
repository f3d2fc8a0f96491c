"""Notebook 07, training: the checkers of its exercises."""

import math
import random

from micrograd.engine import Value
from micrograd.exercises.feedback import close, exercise, number_answers, right, run, wrong
from micrograd.nn import MLP
from micrograd.train import train


@exercise
@number_answers()
def check_update(new_value):
    """07: one step of gradient descent by hand: w.data = 0.8, w.grad = -0.5, learning rate 0.1.

    The update is w.data -= 0.1 * (-0.5), so w.data becomes 0.85.
    """
    if close(new_value, 0.85):
        return right("0.8 - 0.1 · (-0.5) = 0.85. The gradient is negative (raising w lowers the "
                     "loss), so the step raises w.")
    if close(new_value, 0.75):
        return wrong("That step goes with the gradient, and so makes the loss larger. Subtract "
                     "learning_rate * grad: 0.8 - 0.1 · (-0.5).")
    if close(new_value, 0.8):
        return wrong("0.8 is where w starts. Take the step: w.data -= learning_rate * w.grad.")
    if close(new_value, 1.3) or close(new_value, 0.3):
        return wrong("The learning rate is missing: the step is learning_rate * grad, "
                     "0.1 · (-0.5), not the whole gradient.")
    if close(new_value, 0.05) or close(new_value, -0.05):
        return wrong("That is the size of the step, 0.1 · (-0.5), alone. The new value is the "
                     "old one minus it: 0.8 - 0.1 · (-0.5).")
    return wrong(f"{new_value:g} is not it. Start from the old value 0.8 and subtract "
                 "learning_rate * grad, where learning_rate = 0.1 and grad = -0.5.")


@exercise
@number_answers()
def check_accumulated_grad(w_grad):
    """07: w.grad after three forward and backward passes of loss = (w·x - 1)² with w = -3,
    x = 2, without zero_grad and without any update.

    One pass gives d(loss)/dw = 2·(w·x - 1)·x = 2·(-7)·2 = -28; the passes add up: -84.
    """
    if close(w_grad, -84.0):
        return right("Each backward() adds its -28 to what w.grad already holds: "
                     "-28 · 3 = -84. That is why a training step calls zero_grad() first.")
    if close(w_grad, -28.0):
        return wrong("-28 is the gradient of one pass. backward() adds to w.grad (+=), it "
                     "does not overwrite it; what is left after three passes?")
    if close(w_grad, 84.0) or close(w_grad, 28.0):
        return wrong("Check the sign: with w = -3 and x = 2, w·x - 1 = -7, so "
                     "2·(w·x - 1)·x is negative.")
    if close(w_grad, -56.0):
        return wrong("-56 is two passes' worth; the loop runs three times.")
    return wrong("Work out one pass first: d(loss)/dw = 2·(w·x - 1)·x at w = -3, x = 2. Then "
                 "remember that w.grad is never reset in between.")


# ---- train_steps: three small problems, and the usual slips written out ------------------------

# (points, labels, the MLP's layer sizes and seed, steps, learning rate): the steps and rates
# differ, so that a loop which ignores its `steps` or `learning_rate` shows
_PROBLEMS = [
    ([[0.5, 1.0], [-1.0, 0.4], [1.2, -0.3], [-0.2, -0.9],
      [0.9, 0.6], [-0.6, 1.1], [0.1, -0.4], [-1.3, -0.2]],
     [1.0, -1.0, 1.0, -1.0, -1.0, 1.0, 1.0, -1.0], [4, 1], 7, 3, 0.1),
    ([[0.3, -0.8], [-0.5, 0.5], [1.1, 0.2], [-0.9, -1.2], [0.2, 0.9]],
     [-1.0, 1.0, 1.0, -1.0, 1.0], [3, 3, 1], 11, 5, 0.05),
    ([[1.0, 1.0], [-1.0, -1.0], [0.4, -1.4], [-0.7, 0.8], [1.5, -0.1], [-0.3, 0.2]],
     [1.0, 1.0, -1.0, -1.0, 1.0, -1.0], [4, 1], 2, 1, 0.3),
]


def _model(sizes, seed):
    return MLP(2, sizes, rng=random.Random(seed))


def _loop(model, X, y, steps, learning_rate, slip=None):
    """The training loop, or the loop with one usual `slip` in it."""
    params = model.parameters()
    for _ in range(steps):
        if slip in ("per point", "per point, mean"):  # a step per point, as if X were a batch
            for x, t in zip(X, y):
                loss = (model(x) - t) ** 2
                if slip == "per point, mean":
                    loss = loss * (1.0 / len(X))
                model.zero_grad()
                loss.backward()
                for p in params:
                    p.data -= learning_rate * p.grad
            continue
        loss = sum(((model(x) - t) ** 2 for x, t in zip(X, y)), Value(0.0))
        if slip != "sum":
            loss = loss * (1.0 / len(X))
        if slip == "stale":  # the update before backward(): last step's gradients
            for p in params:
                p.data -= learning_rate * p.grad
        if slip != "no zero_grad":
            model.zero_grad()
        loss.backward()
        if slip != "stale":
            for p in params:
                p.data += (learning_rate if slip == "add" else -learning_rate) * p.grad
    return [p.data for p in params]


_LOOP_SLIPS = {
    "no zero_grad": "The gradients pile up from step to step: call model.zero_grad() before "
                    "loss.backward().",
    "add": "Your steps go up the slope, so the loss grows: subtract learning_rate * p.grad, do "
           "not add it.",
    "sum": "Your loss is the sum of the squared errors; this one is their mean: divide by the "
           "number of points.",
    "per point": "Your loop takes a step after every point; gradient descent takes one step "
                 "per pass over all the points: the loss is the mean over all of them, then "
                 "one backward() and one update.",
    "per point, mean": "Your loop takes a step after every point; gradient descent takes one "
                       "step per pass over all the points: the loss is the mean over all of "
                       "them, then one backward() and one update.",
    "stale": "Your update runs before loss.backward(), so each step moves the parameters with "
             "the previous step's gradients: zero_grad, backward, then update.",
}


def _same_parameters(a, b):
    return len(a) == len(b) and all(math.isclose(u, v, rel_tol=1e-6, abs_tol=1e-9)
                                    for u, v in zip(a, b))


def _trained_by(train_steps, problem):
    """(the parameters after the learner's loop, the starting ones) or (None, Feedback)."""
    X, y, sizes, seed, steps, rate = problem
    model = _model(sizes, seed)
    start = [p.data for p in model.parameters()]
    _, failed = run(train_steps, model, [list(x) for x in X], list(y), steps, rate,
                    what=f"train_steps(model, X, y, {steps}, {rate})")
    if failed is not None:
        failed.message += (". It is called as train_steps(model, X, y, steps, learning_rate), "
                           "with X a list of points and y a list of labels.")
        return None, failed
    return [p.data for p in model.parameters()], start


@exercise
def check_training_loop(train_steps):
    """07: a function train_steps(model, X, y, steps, learning_rate) that trains `model` in place
    by gradient descent on the mean squared error: forward, loss, zero_grad, backward, update.

    It is run on three small problems (different networks, data, steps and learning rates) and
    must leave the same parameters as the package's train() does from the same weights.
    """
    if not callable(train_steps):
        return wrong(f"Pass your function itself, train_steps, not its result "
                     f"({type(train_steps).__name__}).")
    results = []
    for problem in _PROBLEMS:
        got, start = _trained_by(train_steps, problem)
        if got is None:
            return start  # the Feedback
        X, y, sizes, seed, steps, rate = problem
        expected = _model(sizes, seed)
        train(expected, X, y, steps=steps, learning_rate=rate)
        results.append((problem, got, start, [p.data for p in expected.parameters()]))
    if all(_same_parameters(got, want) for _, got, _, want in results):
        return right("Forward, loss, zero_grad, backward, update: your loop moves every "
                     "parameter exactly as train() does, on three networks, with different "
                     "steps and learning rates.")
    if all(_same_parameters(got, start) for _, got, start, _ in results):
        return wrong("No parameter changed. After backward(), move each one: for p in "
                     "model.parameters(): p.data -= learning_rate * p.grad. (p -= ... makes a "
                     "new Value and leaves the parameter as it was; and zero_grad() between "
                     "backward() and the update wipes the gradients before they are used.)")
    for slip, hint in _LOOP_SLIPS.items():
        if all(_same_parameters(got, _loop(_model(sizes, seed), X, y, steps, rate, slip))
               for (X, y, sizes, seed, steps, rate), got, _, _ in results):
            return wrong(hint)
    for count in range(0, 11):  # the steps it takes, if not `steps`
        if all(_same_parameters(got, _loop(_model(sizes, seed), X, y, count, rate))
               for (X, y, sizes, seed, steps, rate), got, _, _ in results):
            return wrong(f"Your loop takes {count} step{'s' if count != 1 else ''} whatever "
                         "`steps` it is given: loop for _ in range(steps).")
    for rate_used in (0.001, 0.01, 0.05, 0.1, 0.2, 0.5, 1.0):
        if all(_same_parameters(got, _loop(_model(sizes, seed), X, y, steps, rate_used))
               for (X, y, sizes, seed, steps, rate), got, _, _ in results):
            return wrong(f"Your loop uses the learning rate {rate_used:g} whatever "
                         "learning_rate it is given: step by learning_rate * p.grad.")
    (X, y, sizes, seed, steps, rate), *_ = next(r for r in results
                                               if not _same_parameters(r[1], r[3]))
    return wrong(f"After {steps} steps at learning rate {rate}, on {len(X)} points, the "
                 "parameters differ from train()'s. Check that each of the `steps` steps runs "
                 "the model on every point of X (the X and y it is given), takes the mean of "
                 "(prediction - label)**2, calls model.zero_grad(), then loss.backward(), then "
                 "p.data -= learning_rate * p.grad for every parameter.")
