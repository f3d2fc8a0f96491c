"""The checkers of notebook 09 (PyTorch): skipped where PyTorch is not installed."""

import pytest

from micrograd.exercises import check_torch_parameter_count, check_torch_step

torch = pytest.importorskip("torch", reason="PyTorch is not installed; notebook 9's checkers "
                            "need it (pip install torch to run them)")


def hint(feedback):
    assert not feedback, f"a wrong answer was accepted: {feedback!r}"
    assert repr(feedback).startswith("Not yet."), repr(feedback)
    return feedback.message


def test_parameter_count():
    assert check_torch_parameter_count(337)
    assert "number of tensors" in hint(check_torch_parameter_count(6))
    assert "weights only" in hint(check_torch_parameter_count(304))
    assert "biases only" in hint(check_torch_parameter_count(33))
    assert "whole number" in hint(check_torch_parameter_count(337.0))
    assert not check_torch_parameter_count(336)


def a_step(zero_grad=True, step=True, step_first=False, mean=True):
    def torch_step(model, optimizer, X, y):
        if zero_grad:
            optimizer.zero_grad()
        loss = (model(X) - y) ** 2
        loss = loss.mean() if mean else loss.sum()
        if step_first:
            optimizer.step()
        loss.backward()
        if step and not step_first:
            optimizer.step()
    return torch_step


def test_a_right_step_is_right():
    assert check_torch_step(a_step())

    def with_mse_loss(model, optimizer, X, y):
        optimizer.zero_grad()
        torch.nn.functional.mse_loss(model(X), y).backward()
        optimizer.step()
    assert check_torch_step(with_mse_loss)


def test_each_slip_gets_its_hint():
    assert "zero_grad" in hint(check_torch_step(a_step(zero_grad=False)))
    assert "No weight changed" in hint(check_torch_step(a_step(step=False)))
    assert "after loss.backward()" in hint(check_torch_step(a_step(step_first=True)))
    assert "mean" in hint(check_torch_step(a_step(mean=False)))


def test_a_broken_step_is_reported():
    def broken(model, optimizer, X, y):
        return model(y)  # y has one column, the model takes two

    assert "raised RuntimeError" in hint(check_torch_step(broken))
    assert "function itself" in hint(check_torch_step(3))


def test_more_slips_get_their_hints():
    def per_point(model, optimizer, X, y):
        for xb, yb in zip(X, y):
            optimizer.zero_grad()
            ((model(xb) - yb) ** 2).mean().backward()
            optimizer.step()

    def own_optimizer(model, optimizer, X, y):
        mine = torch.optim.SGD(model.parameters(), lr=0.3)
        mine.zero_grad()
        ((model(X) - y) ** 2).mean().backward()
        mine.step()

    def zero_grad_between(model, optimizer, X, y):
        optimizer.zero_grad()
        ((model(X) - y) ** 2).mean().backward()
        optimizer.zero_grad()
        optimizer.step()

    assert "after every point" in hint(check_torch_step(per_point))
    assert "learning rate 0.3" in hint(check_torch_step(own_optimizer))
    assert "No weight changed" in hint(check_torch_step(zero_grad_between))


def test_torch_step_is_not_judged_on_one_problem():
    """An optimizer of its own at lr = 0.3, the rate of the one problem the checker used to
    have, gives the right weights there: it must not pass now."""
    from micrograd.exercises import nb09

    def own_optimizer(model, optimizer, X, y):
        mine = torch.optim.SGD(model.parameters(), lr=0.3)
        mine.zero_grad()
        ((model(X) - y) ** 2).mean().backward()
        mine.step()

    old = nb09._PROBLEMS[0]
    assert old[5] == 0.3
    model, optimizer, X, y = nb09._problem(torch, old)
    for _ in range(old[4]):
        own_optimizer(model, optimizer, X, y)
    assert all(torch.allclose(p, w) for p, w in
               zip(model.parameters(), nb09._steps(torch, old, "right")))
    assert not check_torch_step(own_optimizer)


def test_a_step_that_loops_is_stopped(monkeypatch):
    from micrograd.exercises import feedback

    def endless(model, optimizer, X, y):
        while True:
            pass

    monkeypatch.setattr(feedback, "SECONDS", 0.2)
    assert "still running" in hint(check_torch_step(endless))
