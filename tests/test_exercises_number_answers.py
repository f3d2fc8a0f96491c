"""Checkers whose answers are numbers (micrograd.exercises.feedback.number_answers): an answer
that is not a number gets a verdict that names it and says what to give, wherever it stands, and
answers may be given by keyword too."""

import pytest

import micrograd.exercises as exercises
from micrograd.engine import Value

NUMBER_CHECKERS = sorted(name for name in dir(exercises) if name.startswith("check_")
                         and getattr(getattr(exercises, name), "number_labels", None))


def test_the_checkers_of_numbers_are_marked():
    assert len(NUMBER_CHECKERS) >= 14, NUMBER_CHECKERS


@pytest.mark.parametrize("name", NUMBER_CHECKERS)
@pytest.mark.parametrize("bad, says", [(Value(2.0), "It is a Value: give its number"),
                                       ("2.0", "it is str"), (float("nan"), "it is float"),
                                       (True, "it is bool")])
def test_an_answer_that_is_not_a_number_is_named(name, bad, says):
    check = getattr(exercises, name)
    labels = check.number_labels
    for i, label in enumerate(labels):
        answers = [0.0] * len(labels)
        answers[i] = bad
        verdict = check(*answers)
        assert not verdict
        assert verdict.message.startswith(f"{label} should be a number"), verdict.message
        assert says in verdict.message, verdict.message


def test_answers_by_keyword_are_checked_too():
    assert exercises.check_product_partials(dd_da=-30.0, dd_db=20.0, dd_dc=-6.0)
    verdict = exercises.check_product_partials(-30.0, dd_db=20.0, dd_dc=Value(-6.0))
    assert not verdict and verdict.message.startswith("de/dc should be a number")
