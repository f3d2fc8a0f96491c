"""Every checker: while an answer is still the placeholder `...`, it says "not answered yet"
(without checking anything), and a function whose body is only `...` counts as not answered."""

import inspect

import pytest

import micrograd.exercises as exercises
from micrograd.exercises import Feedback

CHECKERS = sorted(name for name in dir(exercises)
                  if name.startswith("check_") and callable(getattr(exercises, name)))


def not_answered(feedback):
    return (isinstance(feedback, Feedback) and not feedback
            and repr(feedback).startswith("Not answered yet.")
            and "replace the ..." in feedback.message.lower())


def n_answers(check):
    return len(inspect.signature(check).parameters)


def test_there_are_checkers():
    assert len(CHECKERS) >= 20, CHECKERS


@pytest.mark.parametrize("name", CHECKERS)
def test_keeps_its_name_and_docstring(name):
    check = getattr(exercises, name)
    assert check.__name__ == name
    assert check.__doc__ and check.__doc__.strip()[:2].isdigit(), (
        f"{name}'s docstring should start with its notebook's number")
    assert n_answers(check) >= 1


@pytest.mark.parametrize("name", CHECKERS)
def test_every_placeholder_is_not_answered_yet(name):
    check = getattr(exercises, name)
    n = n_answers(check)
    assert not_answered(check(*[...] * n)), repr(check(*[...] * n))


@pytest.mark.parametrize("name", [n for n in CHECKERS if n_answers(getattr(exercises, n)) > 1])
def test_one_placeholder_left_is_not_answered_yet(name):
    check = getattr(exercises, name)
    n = n_answers(check)
    for i in range(n):
        answers = [0.0] * n
        answers[i] = ...
        assert not_answered(check(*answers)), (name, i)
        params = list(inspect.signature(check).parameters)
        assert not_answered(check(**dict(zip(params, answers)))), (name, i, "by name")


def test_an_empty_function_is_not_answered_yet():
    def my_backward(root):
        ...  # your code

    def train_steps(model, X, y, steps, learning_rate):
        pass

    assert not_answered(exercises.check_my_backward(my_backward))
    assert not_answered(exercises.check_training_loop(train_steps))


def test_a_function_with_a_body_is_checked():
    def my_backward(root):
        root.grad = 1.0

    feedback = exercises.check_my_backward(my_backward)
    assert not feedback and repr(feedback).startswith("Not yet.")


def test_a_real_answer_is_checked_not_skipped():
    assert exercises.check_flat_point(2 / 3)
    assert repr(exercises.check_flat_point(1.0)).startswith("Not yet.")
    assert repr(exercises.check_flat_point("...")).startswith("Not yet.")  # a string is not `...`


def test_the_html_shows_the_verdict():
    html = exercises.check_node_count(...)._repr_html_()
    assert "<b>Not answered yet.</b>" in html and "#b35900" in html
