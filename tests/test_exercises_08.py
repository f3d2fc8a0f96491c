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
    assert_wrong(check_nodes_for_1000_points(True), "whole number")


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
