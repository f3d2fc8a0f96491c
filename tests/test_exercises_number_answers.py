"""Checkers whose answers are numbers (micrograd.exercises.feedback.number_answers): an answer
that is not a number gets a verdict that names it and says what to give, wherever it stands, and
answers may be given by keyword too."""

import ast

import jupytext
import pytest

import micrograd.exercises as exercises
from course_tools import sources
from micrograd.engine import Value


def number_exercises():
    """{checker: number of answers}, found as a student finds them: in the notebooks, an answer
    cell that sets names to `...` (`dc_da = ...`) and passes them to a check_ function takes
    numbers (a checker that takes a function or a class is given a `def` or a `class`). Found
    this way, and not by a mark on the checker, no checker of numbers is left out unseen."""
    found = {}
    for source in sources():
        for cell in jupytext.read(source).cells:
            if cell.cell_type != "code" or "check_" not in cell.source:
                continue
            tree = ast.parse(cell.source)
            blanks = {t.id for node in tree.body if isinstance(node, ast.Assign)
                      and isinstance(node.value, ast.Constant) and node.value.value is Ellipsis
                      for t in node.targets if isinstance(t, ast.Name)}
            for node in ast.walk(tree):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                        and node.func.id.startswith("check_") and node.args
                        and all(isinstance(a, ast.Name) and a.id in blanks for a in node.args)):
                    found[node.func.id] = len(node.args)
    # an answer set to `...` may be a Value to build (d = a·b + c): given a number, its checker
    # says that it wants something else, "..., not float: 0.0"
    return {name: n for name, n in found.items()
            if "not float" not in getattr(exercises, name)(*[0.0] * n).message}


NUMBER_CHECKERS = number_exercises()


def test_the_checkers_of_numbers_are_found():
    assert len(NUMBER_CHECKERS) >= 14, NUMBER_CHECKERS


@pytest.mark.parametrize("name", sorted(NUMBER_CHECKERS))
@pytest.mark.parametrize("bad, says", [(Value(2.0), "It is a Value: give its number"),
                                       ("2.0", "it is str"), (float("nan"), "it is float"),
                                       (True, "it is bool")])
def test_an_answer_that_is_not_a_number_is_named(name, bad, says):
    """Wherever it stands, an answer that is not a number gets a verdict that names that answer
    (each place by a name of its own) and says what it is."""
    check = getattr(exercises, name)
    named = []
    for i in range(NUMBER_CHECKERS[name]):
        answers = [0.0] * NUMBER_CHECKERS[name]
        answers[i] = bad
        verdict = check(*answers)
        assert not verdict
        assert " should be a number" in verdict.message, verdict.message
        assert says in verdict.message, verdict.message
        named.append(verdict.message.split(" should be a number")[0])
    assert len(set(named)) == len(named), f"{name}: two answers called alike: {named}"


def test_answers_by_keyword_are_checked_too():
    assert exercises.check_product_partials(dd_da=-30.0, dd_db=20.0, dd_dc=-6.0)
    verdict = exercises.check_product_partials(-30.0, dd_db=20.0, dd_dc=Value(-6.0))
    assert not verdict and verdict.message.startswith("de/dc should be a number")
