"""What every checker shares (micrograd/exercises/feedback.py): a right answer typed rounded is
told so, and a learner's function that loops or raises gets a verdict instead of a hang or a
crash."""

import signal

import pytest

from micrograd.exercises import feedback
from micrograd.exercises.feedback import exercise, rounded, run, time_limit


def test_a_rounded_right_answer_is_told_how_many_decimals_are_wanted():
    verdict = rounded(0.786, 0.7864477, tol=1e-4)
    assert not verdict and repr(verdict).startswith("Not yet.")
    assert "rounded to 3 decimals" in verdict.message
    assert "at least 4 decimals" in verdict.message
    assert "0.7864" not in verdict.message  # it does not give the answer away
    assert "at least 6 decimals" in rounded(0.99, 0.9900663, tol=1e-6).message
    assert "rounded to 1 decimal:" in rounded(0.8, 0.7864477, tol=1e-4).message
    assert "w0.grad = 0.786" in rounded(0.786, 0.7864477, tol=1e-4, name="w0.grad").message


def test_rounded_is_none_for_anything_else():
    assert rounded(0.7864, 0.7864477, tol=1e-4) is None  # within the tolerance: right
    assert rounded(0.5, 0.7864477, tol=1e-4) is None  # not the answer at all
    assert rounded(1.0, 0.7864477, tol=1e-4) is None  # a whole number is not a rounded answer
    assert rounded(0.78612345, 0.7864477, tol=1e-4) is None  # many decimals, and wrong
    assert rounded("0.786", 0.7864477, tol=1e-4) is None


def test_the_number_checkers_tell_a_rounded_answer():
    from micrograd.exercises import check_flat_point, check_neuron_output, check_tanh_slope

    for verdict in (check_tanh_slope(0.786), check_flat_point(0.67),
                    check_neuron_output(0.24)):
        assert not verdict and "rounded to" in verdict.message, verdict.message
        assert "is not it" not in verdict.message


@exercise
def check_f(f):
    """00: runs f(1)."""
    result, problem = run(f, 1, what="f(1)")
    return feedback.right(f"{result}") if problem is None else problem


def test_a_function_that_loops_is_stopped_and_told(monkeypatch):
    monkeypatch.setattr(feedback, "SECONDS", 0.2)

    def endless(x):
        while True:
            pass

    def catches_it_once(x):
        try:
            while True:
                pass
        except BaseException:  # a bare except: (it would catch KeyboardInterrupt too)
            pass
        while True:
            pass

    for f in (endless, catches_it_once):
        verdict = check_f(f)
        assert not verdict and repr(verdict).startswith("Not yet."), repr(verdict)
        assert "f(1) was still running after 0.2 seconds" in verdict.message
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # the timer is off again
    assert check_f(lambda x: x + 1)


def test_a_function_that_raises_is_told_what_it_raised():
    assert "f(1) raised ZeroDivisionError" in check_f(lambda x: x / 0).message

    def recurses(x):
        return recurses(x)

    assert "RecursionError" in check_f(recurses).message


def test_an_outer_timer_is_left_alone():
    with time_limit("outer", seconds=5):
        with time_limit("inner", seconds=0.01):  # an outer timer is set: no limit of its own
            pass
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 4
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_time_limit_stops_the_block():
    with pytest.raises(feedback.TookTooLong):
        with time_limit("the block", seconds=0.05):
            while True:
                pass


def test_an_answer_too_odd_to_check_gets_a_verdict():
    @exercise
    def check_g(g):
        """00: a checker tripped up by what the answer left behind."""
        return feedback.right(f"{g() + 1}")

    verdict = check_g(lambda: "one")
    assert not verdict and "could not be checked" in verdict.message
    assert "TypeError" in verdict.message


def test_odd_answers_to_the_graph_checkers_get_a_verdict():
    from micrograd.engine import topological_order
    from micrograd.exercises import check_count_nodes, check_my_backward

    def grads_to_none(root):
        for node in topological_order(root):
            node.grad = None

    def grads_to_strings(root):
        root.grad = 1.0
        for node in reversed(topological_order(root)):
            node._backward()
        root.grad = "1"

    for verdict in (check_my_backward(grads_to_none), check_my_backward(grads_to_strings),
                    check_count_nodes(lambda v: "5"), check_count_nodes(lambda v: 5.0)):
        assert not verdict and repr(verdict).startswith("Not yet."), repr(verdict)


def test_a_class_whose_operation_loops_is_stopped(monkeypatch):
    from test_exercises_05 import make_class  # pytest puts the tests folder on sys.path

    from micrograd.exercises import check_my_value, check_reflected_ops

    base = make_class()

    class Loops(base):
        def exp(self):
            while True:
                pass

        def __rmul__(self, other):
            while True:
                pass

    monkeypatch.setattr(feedback, "SECONDS", 0.2)
    for check in (check_my_value, check_reflected_ops):
        verdict = check(Loops)
        assert not verdict and "Checking Loops was still running" in verdict.message, verdict
