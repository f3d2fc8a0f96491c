"""Tests for notebook 08's checkers: each accepts a right answer and turns down the usual wrong
ones with a hint, without raising."""

import numpy as np

from micrograd.exercises import (
    Feedback,
    check_hinge_and_grad,
    check_nodes_for_1000_points,
    check_relu_layer_backward,
)


def assert_right(feedback):
    assert isinstance(feedback, Feedback)
    assert feedback, feedback.message


def assert_wrong(feedback, *hint_words):
    assert isinstance(feedback, Feedback)
    assert not feedback, feedback.message
    assert repr(feedback).startswith("Not yet."), repr(feedback)
    for word in hint_words:
        assert word in feedback.message, feedback.message


# ---- exercise 1: nodes for 1,000 points ----------------------------------------------------------

def test_nodes_for_1000_points():
    assert_right(check_nodes_for_1000_points(340 + 1000 * 677))
    assert_right(check_nodes_for_1000_points(np.int64(677_340)))  # numpy's whole numbers too
    assert_wrong(check_nodes_for_1000_points(680_400), "parameters ten times")  # 10 × 68,040
    assert_wrong(check_nodes_for_1000_points(677_000), "677 nodes per point is right")
    assert_wrong(check_nodes_for_1000_points(68_040), "100 points")
    assert_wrong(check_nodes_for_1000_points(12345), "1 point and for 2 points")
    assert_wrong(check_nodes_for_1000_points(677_340.0), "whole number")
    assert_wrong(check_nodes_for_1000_points(True), "should be a number", "bool")


# ---- exercise 2: the hinge loss and its gradient in numpy ----------------------------------------

def hinge_and_grad(out, y):
    margin = 1 - y * out
    return np.maximum(0, margin).mean(), np.where(margin > 0, -y, 0.0) / len(y)


def test_hinge_accepts_a_right_answer():
    assert_right(check_hinge_and_grad(hinge_and_grad))


def test_hinge_accepts_another_way_of_writing_it():
    def written_differently(out, y):
        active = (y * out < 1).astype(float)
        return float(np.sum(active * (1 - y * out)) / y.shape[0]), -y * active / y.shape[0]

    assert_right(check_hinge_and_grad(written_differently))


def test_hinge_rejects_the_usual_mistakes():
    def no_mean(out, y):
        loss, grad = hinge_and_grad(out, y)
        return loss, grad * len(y)

    def no_mask(out, y):
        loss, _ = hinge_and_grad(out, y)
        return loss, -y / len(y)

    def flipped(out, y):
        loss, grad = hinge_and_grad(out, y)
        return loss, -grad

    def summed(out, y):
        _, grad = hinge_and_grad(out, y)
        return np.maximum(0, 1 - y * out).sum(), grad

    assert_wrong(check_hinge_and_grad(no_mean), "divided by N")
    assert_wrong(check_hinge_and_grad(no_mask), "flat")
    assert_wrong(check_hinge_and_grad(flipped), "sign")
    assert_wrong(check_hinge_and_grad(summed), "mean")
    assert_wrong(check_hinge_and_grad(lambda out, y: (0.0, np.zeros(3))), "shape")
    assert_wrong(check_hinge_and_grad(lambda out, y: 1.0), "two things")
    assert_wrong(check_hinge_and_grad(lambda out, y: 1 / 0), "ZeroDivisionError")
    assert_wrong(check_hinge_and_grad("hinge_and_grad"), "function itself")


# ---- exercise 3: a relu layer's backward pass in numpy -------------------------------------------

def relu_layer_backward(x, W, h, grad_h):
    dz = grad_h * (h > 0)
    return dz @ W.T, x.T @ dz, dz.sum(axis=0)


def test_relu_layer_accepts_a_right_answer():
    assert_right(check_relu_layer_backward(relu_layer_backward))


def test_relu_layer_rejects_the_usual_mistakes():
    def tanh_slope(x, W, h, grad_h):
        dz = grad_h * (1 - h**2)
        return dz @ W.T, x.T @ dz, dz.sum(axis=0)

    def no_mask(x, W, h, grad_h):
        return grad_h @ W.T, x.T @ grad_h, grad_h.sum(axis=0)

    def not_transposed(x, W, h, grad_h):
        dz = grad_h * (h > 0)
        return dz @ W, x.T @ dz, dz.sum(axis=0)

    def bias_per_point(x, W, h, grad_h):
        dz = grad_h * (h > 0)
        return dz @ W.T, x.T @ dz, dz

    def wrong_grad_x(x, W, h, grad_h):
        dz = grad_h * (h > 0)
        return 2 * dz @ W.T, x.T @ dz, dz.sum(axis=0)

    assert_wrong(check_relu_layer_backward(tanh_slope), "tanh's slope")
    assert_wrong(check_relu_layer_backward(no_mask), "(h > 0)")
    assert_wrong(check_relu_layer_backward(not_transposed), "W.T")
    assert_wrong(check_relu_layer_backward(bias_per_point), "sum over the points")
    assert_wrong(check_relu_layer_backward(wrong_grad_x), "grad_x is not right")
    assert_wrong(check_relu_layer_backward(lambda x, W, h, grad_h: (1, 2)), "three arrays")
    assert_wrong(check_relu_layer_backward(None), "function itself")


def test_hinge_names_the_wrong_mask():
    def inverted(out, y):
        margin = 1 - y * out
        return np.maximum(0, margin).mean(), np.where(margin > 0, 0.0, -y) / len(y)

    def without_y(out, y):
        margin = 1 - y * out
        return np.maximum(0, margin).mean(), np.where(1 - out > 0, -y, 0.0) / len(y)

    assert_wrong(check_hinge_and_grad(inverted), "wrong way round")
    assert_wrong(check_hinge_and_grad(without_y), "needs y too")


def test_hinge_is_not_judged_on_one_batch():
    """Dividing by 6, the size of the one batch the checker used to have, is right there only."""
    def six_points(out, y):
        margin = 1 - y * out
        return np.maximum(0, margin).sum() / 6, np.where(margin > 0, -y, 0.0) / 6

    old_out = np.array([[0.8], [-1.7], [0.3], [1.4], [-0.2], [2.5]])
    old_y = np.array([[1.0], [-1.0], [-1.0], [1.0], [1.0], [-1.0]])
    for got, want in zip(six_points(old_out, old_y), hinge_and_grad(old_out, old_y)):
        assert np.allclose(got, want)
    assert_wrong(check_hinge_and_grad(six_points), "points")


def test_hinge_survives_a_loop(monkeypatch):
    from micrograd.exercises import feedback

    def endless(out, y):
        while True:
            pass

    def forgets_to_return(out, y):
        loss = np.maximum(0, 1 - y * out).mean()  # noqa: F841

    monkeypatch.setattr(feedback, "SECONDS", 0.2)
    assert_wrong(check_hinge_and_grad(endless), "still running")
    assert_wrong(check_hinge_and_grad(forgets_to_return), "returned None", "return loss, grad")

    def relu_forgets_to_return(x, W, h, grad_h):
        dz = grad_h * (h > 0)  # noqa: F841

    assert_wrong(check_relu_layer_backward(relu_forgets_to_return), "returned None")


def test_relu_layer_names_more_mistakes():
    def times_h(x, W, h, grad_h):
        dz = grad_h * h
        return dz @ W.T, x.T @ dz, dz.sum(axis=0)

    def mask_from_grad_h(x, W, h, grad_h):
        dz = grad_h * (grad_h > 0)
        return dz @ W.T, x.T @ dz, dz.sum(axis=0)

    def bias_mean(x, W, h, grad_h):
        dz = grad_h * (h > 0)
        return dz @ W.T, x.T @ dz, dz.mean(axis=0)

    def square_only_transposes(x, W, h, grad_h):  # dz @ W where W is square, right elsewhere
        dz = grad_h * (h > 0)
        grad_x = dz @ W if W.shape[0] == W.shape[1] else dz @ W.T
        return grad_x, x.T @ dz, dz.sum(axis=0)

    def grad_W_transposed_when_square(x, W, h, grad_h):
        dz = grad_h * (h > 0)
        grad_W = dz.T @ x if W.shape[0] == W.shape[1] else x.T @ dz
        return dz @ W.T, grad_W, dz.sum(axis=0)

    assert_wrong(check_relu_layer_backward(times_h), "multiplies by h itself")
    assert_wrong(check_relu_layer_backward(mask_from_grad_h), "not from grad_h")
    assert_wrong(check_relu_layer_backward(bias_mean), "not their mean")
    assert_wrong(check_relu_layer_backward(square_only_transposes), "grad_x is not right",
                 "(3, 3)")
    assert_wrong(check_relu_layer_backward(grad_W_transposed_when_square), "grad_W",
                 "(3, 3)")


def test_relu_layer_is_not_judged_on_one_layer():
    """A sum over exactly 5 points is right on the one layer the checker used to have (5 points)
    and nowhere else."""
    def five_points(x, W, h, grad_h):
        dz = grad_h * (h > 0)
        return dz @ W.T, x.T @ dz, np.ones(5) @ dz

    rng = np.random.default_rng(7)
    x, W = rng.uniform(-1, 1, (5, 3)), rng.uniform(-1, 1, (3, 4))
    b, grad_h = rng.uniform(-0.5, 0.5, 4), rng.uniform(-1, 1, (5, 4))
    h = np.maximum(0.0, x @ W + b)
    for got, want in zip(five_points(x, W, h, grad_h), relu_layer_backward(x, W, h, grad_h)):
        assert np.allclose(got, want)
    assert_wrong(check_relu_layer_backward(five_points), "ValueError")
