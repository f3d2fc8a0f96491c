"""Tests for notebook 07's checkers: each accepts the right answer and turns down the usual
wrong ones with a hint, without raising."""

from micrograd.engine import Value
from micrograd.exercises import check_accumulated_grad, check_training_loop, check_update
from micrograd.train import mse_loss


def hint(feedback):
    """The hint of a wrong answer; fails if the checker accepted the answer."""
    assert not feedback, f"a wrong answer was accepted: {feedback!r}"
    return feedback.message


def test_check_update():
    assert check_update(0.85)
    assert "goes with the gradient" in hint(check_update(0.75))
    assert "learning rate is missing" in hint(check_update(1.3))
    assert "size of the step" in hint(check_update(0.05))
    assert not check_update(2.0)
    assert "where w starts" in hint(check_update(0.8))  # not "0.85 rounded"
    assert "It is a Value" in hint(check_update(Value(0.85)))
    assert not check_update("0.85")


def test_check_accumulated_grad_matches_the_engine():
    w, x = Value(-3.0), 2.0
    for _ in range(3):
        loss = (w * x - 1) ** 2
        loss.backward()
    assert w.grad == -84.0
    assert check_accumulated_grad(w.grad)
    assert "adds to w.grad" in hint(check_accumulated_grad(-28.0))
    assert "sign" in hint(check_accumulated_grad(84.0))
    assert not check_accumulated_grad(-56.0)
    assert not check_accumulated_grad(float("nan"))


def _loop(zero_grad=True, sign=-1.0, mean=True, update=True):
    def train_steps(model, X, y, steps, learning_rate):
        for _ in range(steps):
            predictions = [model(x) for x in X]
            loss = mse_loss(predictions, y)
            if not mean:
                loss = loss * len(X)
            if zero_grad:
                model.zero_grad()
            loss.backward()
            if update:
                for p in model.parameters():
                    p.data += sign * learning_rate * p.grad
    return train_steps


def test_check_training_loop_accepts_a_right_loop():
    feedback = check_training_loop(_loop())
    assert feedback, feedback.message


def test_check_training_loop_accepts_a_loop_written_with_its_own_mean():
    def train_steps(model, X, y, steps, learning_rate):
        for _ in range(steps):
            predictions = [model(x) for x in X]
            loss = sum((p - t) ** 2 for p, t in zip(predictions, y)) / len(y)
            model.zero_grad()
            loss.backward()
            for p in model.parameters():
                p.data -= learning_rate * p.grad

    assert check_training_loop(train_steps)


def test_check_training_loop_names_the_usual_slips():
    assert "zero_grad" in hint(check_training_loop(_loop(zero_grad=False)))
    assert "do not add it" in hint(check_training_loop(_loop(sign=1.0)))
    assert "mean" in hint(check_training_loop(_loop(mean=False)))
    assert "No parameter changed" in hint(check_training_loop(_loop(update=False)))


def test_check_training_loop_survives_a_broken_function():
    def broken(model, X, y, steps, learning_rate):
        raise KeyError("oops")

    feedback = check_training_loop(broken)
    assert not feedback and "KeyError" in feedback.message
    assert "function itself" in hint(check_training_loop(None))
    assert not check_training_loop(lambda model, X, y, steps, lr: None)
