"""Notebook 07, training: the checkers of its exercises."""

import math
import random

from micrograd.exercises.feedback import (
    close,
    exercise,
    number_answers,
    right,
    wrong,
)
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


# a tiny problem for check_training_loop: 8 points, two of each class in each quarter
_LOOP_X = [[0.5, 1.0], [-1.0, 0.4], [1.2, -0.3], [-0.2, -0.9],
           [0.9, 0.6], [-0.6, 1.1], [0.1, -0.4], [-1.3, -0.2]]
_LOOP_Y = [1.0, -1.0, 1.0, -1.0, -1.0, 1.0, 1.0, -1.0]
_LOOP_STEPS, _LOOP_LR, _LOOP_SEED = 3, 0.1, 7


def _loop_model():
    return MLP(2, [4, 1], rng=random.Random(_LOOP_SEED))


def _a_faulty_loop(model, zero_grad=True, sign=-1.0, mean=True):
    """The training loop with one of the usual slips, to recognise it in a learner's answer."""
    params = model.parameters()
    for _ in range(_LOOP_STEPS):
        predictions = [model(x) for x in _LOOP_X]
        loss = sum(((p - t) ** 2 for p, t in zip(predictions, _LOOP_Y)), 0.0)
        if mean:
            loss = loss * (1.0 / len(_LOOP_X))
        if zero_grad:
            model.zero_grad()
        loss.backward()
        for p in params:
            p.data += sign * _LOOP_LR * p.grad
    return [p.data for p in params]


def _same_parameters(a, b):
    return len(a) == len(b) and all(math.isclose(u, v, rel_tol=1e-6, abs_tol=1e-9)
                                    for u, v in zip(a, b))


@exercise
def check_training_loop(train_steps):
    """07: a function train_steps(model, X, y, steps, learning_rate) that trains `model` in place
    by gradient descent on the mean squared error: forward, loss, zero_grad, backward, update.

    It is run for 3 steps at learning rate 0.1 on 8 points, and must leave the same parameters
    as the package's train() does from the same starting weights.
    """
    if not callable(train_steps):
        return wrong(f"Pass your function itself, train_steps, not its result "
                     f"({type(train_steps).__name__}).")

    model = _loop_model()
    start = [p.data for p in model.parameters()]
    try:
        train_steps(model, [list(x) for x in _LOOP_X], list(_LOOP_Y), _LOOP_STEPS, _LOOP_LR)
    except Exception as e:  # a learner's bug is feedback, not a crash
        return wrong(f"Your function raised {type(e).__name__}: {e}. It is called as "
                     "train_steps(model, X, y, steps, learning_rate).")
    got = [p.data for p in model.parameters()]
    expected_model = _loop_model()
    train(expected_model, _LOOP_X, _LOOP_Y, steps=_LOOP_STEPS, learning_rate=_LOOP_LR)
    if _same_parameters(got, [p.data for p in expected_model.parameters()]):
        return right("Forward, loss, zero_grad, backward, update: your loop moves every "
                     "parameter exactly as train() does.")
    if _same_parameters(got, start):
        return wrong("No parameter changed. After backward(), move each one: "
                     "for p in model.parameters(): p.data -= learning_rate * p.grad")
    slips = [({"zero_grad": False}, "The gradients pile up from step to step: call "
              "model.zero_grad() before loss.backward()."),
             ({"sign": 1.0}, "Your steps go up the slope, so the loss grows: subtract "
              "learning_rate * p.grad, do not add it."),
             ({"mean": False}, "Your loss is the sum of the squared errors; this one is their "
              "mean: divide by the number of points.")]
    for faults, hint in slips:
        if _same_parameters(got, _a_faulty_loop(_loop_model(), **faults)):
            return wrong(hint)
    return wrong(f"After {_LOOP_STEPS} steps the parameters differ from train()'s. Check that "
                 "each of the `steps` steps runs the model on every point, takes the mean of "
                 "(prediction - label)**2, calls model.zero_grad(), then loss.backward(), then "
                 "p.data -= learning_rate * p.grad for every parameter.")
