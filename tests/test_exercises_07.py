"""Tests for notebook 07's checkers: each accepts the right answer and turns down the usual
wrong ones with a hint, without raising."""

from micrograd.engine import Value
from micrograd.exercises import check_accumulated_grad, check_training_loop, check_update
from micrograd.train import mse_loss


def hint(feedback):
    """The hint of a wrong answer; fails if the checker accepted the answer."""
    assert not feedback, f"a wrong answer was accepted: {feedback!r}"
    assert repr(feedback).startswith("Not yet."), repr(feedback)
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


def _loop(zero_grad=True, sign=-1.0, mean=True, update=True, update_first=False,
          zero_grad_after_backward=False):
    def train_steps(model, X, y, steps, learning_rate):
        for _ in range(steps):
            predictions = [model(x) for x in X]
            loss = mse_loss(predictions, y)
            if not mean:
                loss = loss * len(X)
            if update_first:
                for p in model.parameters():
                    p.data += sign * learning_rate * p.grad
            if zero_grad:
                model.zero_grad()
            loss.backward()
            if zero_grad_after_backward:
                model.zero_grad()
            if update and not update_first:
                for p in model.parameters():
                    p.data += sign * learning_rate * p.grad
    return train_steps


def _per_point(model, X, y, steps, learning_rate):
    for _ in range(steps):
        for x, t in zip(X, y):
            loss = (model(x) - t) ** 2
            model.zero_grad()
            loss.backward()
            for p in model.parameters():
                p.data -= learning_rate * p.grad


def _rebinds_p(model, X, y, steps, learning_rate):
    for _ in range(steps):
        loss = mse_loss([model(x) for x in X], y)
        model.zero_grad()
        loss.backward()
        for p in model.parameters():
            p -= learning_rate * p.grad  # a new Value; the parameter stays as it was


def _fixed(steps=None, rate=None):
    """The right loop, but with its own number of steps or learning rate."""
    def train_steps(model, X, y, steps_given, rate_given):
        _loop()(model, X, y, steps or steps_given, rate or rate_given)
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
    assert "previous step's gradients" in hint(check_training_loop(_loop(update_first=True)))
    assert "wipes the gradients" in hint(check_training_loop(
        _loop(zero_grad_after_backward=True)))
    assert "makes a new Value" in hint(check_training_loop(_rebinds_p))
    assert "a step after every point" in hint(check_training_loop(_per_point))
    assert "takes 3 steps whatever `steps`" in hint(check_training_loop(_fixed(steps=3)))
    assert "learning rate 0.1 whatever" in hint(check_training_loop(_fixed(rate=0.1)))


def test_check_training_loop_is_not_judged_on_one_problem():
    """A loop with 3 steps and the rate 0.1 written in passes the one problem the checker used
    to have (3 steps at 0.1): it must not pass now."""
    from micrograd.exercises import nb07

    X, y, sizes, seed, steps, rate = nb07._PROBLEMS[0]
    assert (steps, rate) == (3, 0.1)
    model = nb07._model(sizes, seed)
    _fixed(steps=3, rate=0.1)(model, X, y, 1, 0.5)
    assert nb07._same_parameters([p.data for p in model.parameters()],
                                 nb07._loop(nb07._model(sizes, seed), X, y, steps, rate))
    assert not check_training_loop(_fixed(steps=3, rate=0.1))


def test_the_checkers_loop_is_train():
    from micrograd.exercises import nb07
    from micrograd.train import train

    for X, y, sizes, seed, steps, rate in nb07._PROBLEMS:
        model = nb07._model(sizes, seed)
        train(model, X, y, steps=steps, learning_rate=rate)
        assert nb07._same_parameters([p.data for p in model.parameters()],
                                     nb07._loop(nb07._model(sizes, seed), X, y, steps, rate))


def test_check_training_loop_survives_a_broken_function(monkeypatch):
    from micrograd.exercises import feedback

    def broken(model, X, y, steps, learning_rate):
        raise KeyError("oops")

    def endless(model, X, y, steps, learning_rate):
        while steps > 0:
            model(X[0])

    feedback_ = check_training_loop(broken)
    assert not feedback_ and "KeyError" in feedback_.message
    assert "function itself" in hint(check_training_loop(None))
    assert not check_training_loop(lambda model, X, y, steps, lr: None)
    monkeypatch.setattr(feedback, "SECONDS", 0.2)
    assert "still running" in hint(check_training_loop(endless))
