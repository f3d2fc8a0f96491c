"""gradcheck itself: it passes right gradients, catches wrong ones, and explains itself."""

import dataclasses
import math

import pytest
from hypothesis import given
from strategies import reals

from micrograd.engine import Value
from micrograd.gradcheck import (
    ERROR_FLOOR,
    GradcheckResult,
    gradcheck,
    gradient_error,
    numerical_grad,
)


def square_with_a_wrong_slope(x):
    """x², but claiming d/dx = 1: a broken operation, for gradcheck to catch."""
    return Value(x.data ** 2, (x,), "bad²", _local_grads=(1.0,))


# ---- numerical_grad --------------------------------------------------------------------------

def test_numerical_grad_of_a_line():
    f = lambda m, x, c: m * x + c  # noqa: E731
    assert numerical_grad(f, [2.0, 3.0, 1.0], 0) == pytest.approx(3.0, abs=1e-8)
    assert numerical_grad(f, [2.0, 3.0, 1.0], 1) == pytest.approx(2.0, abs=1e-8)
    assert numerical_grad(f, [2.0, 3.0, 1.0], 2) == pytest.approx(1.0, abs=1e-8)


@given(reals(-3, 3))
def test_numerical_grad_of_a_cube_is_accurate(x):
    assert numerical_grad(lambda v: v ** 3, [x], 0) == pytest.approx(3 * x * x, abs=1e-6)


def test_numerical_grad_accepts_values_and_plain_number_outputs_and_leaves_inputs_alone():
    a = Value(2.0)
    assert numerical_grad(lambda v: v.data ** 2, [a], 0, h=1e-5) == pytest.approx(4.0)
    assert a.data == 2.0 and a.grad == 0.0


def test_numerical_grad_bad_arguments():
    with pytest.raises(IndexError, match="out of range"):
        numerical_grad(lambda a: a, [1.0], 1)
    with pytest.raises(ValueError, match="h must be"):
        numerical_grad(lambda a: a, [1.0], 0, h=0)
    with pytest.raises(TypeError, match="returned str"):
        numerical_grad(lambda a: "no", [1.0], 0)


# ---- gradcheck: the verdict ------------------------------------------------------------------

def test_gradcheck_passes_the_line():
    result = gradcheck(lambda m, x, c: m * x + c, [2.0, 3.0, 1.0])
    assert isinstance(result, GradcheckResult) and dataclasses.is_dataclass(result)
    assert result.ok
    assert result.output == 7.0
    assert result.analytic == [3.0, 2.0, 1.0]
    assert result.numeric == pytest.approx([3.0, 2.0, 1.0], abs=1e-8)
    assert result.values == [2.0, 3.0, 1.0]
    assert result.worst_error == max(result.errors) < 1e-8
    assert result.errors[result.worst_input] == result.worst_error
    assert result.names == ["x0", "x1", "x2"]


def test_gradcheck_catches_a_wrong_local_derivative_and_says_where():
    result = gradcheck(lambda a, b: a * b + square_with_a_wrong_slope(b), [1.5, 3.0])
    assert not result.ok
    assert result.worst_input == 1
    assert result.analytic[1] == pytest.approx(1.5 + 1.0)
    assert result.numeric[1] == pytest.approx(1.5 + 6.0, abs=1e-6)
    assert result.worst_error == pytest.approx(5.0 / 7.5)
    assert result.errors[0] < 1e-8


def test_gradcheck_catches_a_missing_gradient():
    def f(a):  # a node that forgets its parent: no gradient reaches a
        return Value(a.data * 3.0) + 0 * a
    result = gradcheck(f, [2.0])
    assert not result.ok and result.analytic == [0.0]
    assert result.numeric[0] == pytest.approx(3.0, abs=1e-6)


def test_an_unused_input_has_zero_gradient_both_ways():
    result = gradcheck(lambda a, b: a * 2, [1.0, 5.0])
    assert result.ok and result.analytic[1] == 0.0 and result.numeric[1] == 0.0


def test_the_error_is_absolute_below_the_floor_and_relative_above_it():
    assert ERROR_FLOOR == 1.0
    assert gradient_error(1e-9, 2e-9) == pytest.approx(1e-9)  # tiny grads: no false alarm
    assert gradient_error(1e6, 1e6 + 1) == pytest.approx(1 / (1e6 + 1))  # relative
    assert gradient_error(0.5, 0.25) == pytest.approx(0.25)  # absolute
    assert gradient_error(2.0, 1.0) == pytest.approx(0.5)  # relative, to the larger one
    assert gradient_error(2.0, 1.0, floor=4.0) == pytest.approx(0.25)
    assert gradient_error(math.nan, 1.0) == math.inf
    assert gradient_error(1.0, math.inf) == math.inf


def test_tiny_gradients_do_not_raise_false_alarms():
    # tanh(20) is flat: the true slope is about 1.7e-17, far below what a difference resolves
    result = gradcheck(lambda a: a.tanh() * 1e3, [20.0])
    assert result.ok


def test_large_gradients_are_compared_relatively():
    result = gradcheck(lambda a: a.exp(), [15.0])  # slope about 3.3 million
    assert result.analytic[0] > 3e6
    assert result.ok


def test_tol_decides():
    f = lambda a: a * a  # noqa: E731
    assert gradcheck(f, [3.0]).ok
    assert not gradcheck(f, [3.0], h=1e-2, tol=1e-20).ok  # the difference is not exact


def test_a_nan_gradient_fails():
    # sqrt at 0: both derivative estimates are unusable; the check must say so, not pass
    result = gradcheck(lambda a: a * math.nan, [1.0])
    assert not result.ok and result.worst_error == math.inf


def test_inputs_may_be_values_which_are_copied_and_name_the_rows():
    w, x = Value(-2.0, label="w"), Value(3.0, label="x")
    result = gradcheck(lambda a, b, c: a * b + c, [w, x, 4])
    assert result.ok
    assert result.names == ["w", "x", "x2"]
    assert result.values == [-2.0, 3.0, 4.0]
    assert w.grad == 0.0 and x.grad == 0.0  # the caller's Values are left alone


def test_values_f_captures_from_outside_get_gradients():
    w = Value(2.0)
    assert gradcheck(lambda x: w * x, [3.0]).ok
    assert w.grad == 3.0


def test_inputs_may_be_any_iterable_even_a_generator():
    result = gradcheck(lambda a, b: a * b, (x for x in [Value(2.0, label="a"), 3.0]))
    assert result.ok and result.names == ["a", "x1"] and result.analytic == [3.0, 2.0]


def test_the_inputs_list_is_not_changed():
    inputs = [1.0, 2.0]
    gradcheck(lambda a, b: a * b, inputs)
    assert inputs == [1.0, 2.0]


# ---- gradcheck: bad arguments ----------------------------------------------------------------

def test_f_must_return_a_value():
    with pytest.raises(TypeError, match=r"f must return a Value.*float.*\.data"):
        gradcheck(lambda a: a.data * 2, [1.0])
    with pytest.raises(TypeError, match="f must return a Value.*NoneType"):
        gradcheck(lambda a: None, [1.0])


def test_f_must_be_callable():
    with pytest.raises(TypeError, match="f must be a function"):
        gradcheck(Value(1.0), [1.0])


@pytest.mark.parametrize("inputs, error, match", [
    ([], ValueError, "empty"),
    (1.0, TypeError, "list of numbers"),
    ("12", TypeError, "list of numbers"),
    (Value(1.0), TypeError, "list of numbers"),
    ([1.0, "x"], TypeError, r"inputs\[1\].*str"),
    ([None], TypeError, r"inputs\[0\].*NoneType"),
])
def test_bad_inputs(inputs, error, match):
    with pytest.raises(error, match=match):
        gradcheck(lambda *vs: vs[0], inputs)


@pytest.mark.parametrize("kwargs", [dict(h=0), dict(h=-1e-6), dict(tol=0), dict(tol="1"),
                                    dict(h=math.nan), dict(h=math.inf), dict(tol=math.inf),
                                    dict(floor=math.inf)])
def test_h_and_tol_must_be_positive_numbers(kwargs):
    with pytest.raises(ValueError, match="must be a number above 0"):
        gradcheck(lambda a: a, [1.0], **kwargs)


def test_f_undefined_at_a_nudged_input_says_it_was_nudged():
    with pytest.raises(ValueError, match=r"f fails when inputs\[0\] is nudged to -9e-07 \(the "
                       r"central difference moves each input by h = 1e-06 both ways\): log"):
        gradcheck(lambda x: x.log(), [1e-7])
    with pytest.raises(ZeroDivisionError, match=r"inputs\[1\] is nudged to 0"):
        numerical_grad(lambda a, b: a / b, [1.0, 1e-6], 1)


def test_wrong_number_of_inputs_for_f_is_python_s_own_error():
    with pytest.raises(TypeError):
        gradcheck(lambda a, b: a * b, [1.0])


# ---- the report ------------------------------------------------------------------------------

def test_report_is_a_table_with_fixed_decimals():
    result = gradcheck(lambda m, x, c: m * x + c, [2, 3, 1])
    text = str(result)
    assert text == result.report()
    lines = text.splitlines()
    assert lines[0] == "gradcheck of f = 7.000000 at 3 input(s), h = 1e-06, tol = 0.0001"
    assert lines[1].split() == ["input", "value", "analytic", "numeric", "error"]
    assert set(lines[2]) == {"-"}
    row = lines[3].split()
    assert row[:4] == ["x0", "2.000000", "3.000000", "3.000000"]
    assert "e-" in row[4]
    assert lines[-1].startswith("worst error ") and lines[-1].endswith(": OK")
    assert "FAIL" not in text
    assert len({len(line) for line in lines[1:-1]}) == 1  # the columns line up


def test_report_marks_failing_rows():
    result = gradcheck(lambda a, b: a + square_with_a_wrong_slope(b), [Value(1.0, label="a"),
                                                                      Value(2.0, label="b")])
    lines = str(result).splitlines()
    assert "FAIL" not in lines[3] and lines[3].split()[0] == "a"
    assert lines[4].split()[0] == "b" and lines[4].endswith("<-- FAIL")
    assert lines[-1] == "worst error 7.5e-01 at b (tol 0.0001): FAIL"


def test_report_digits():
    text = gradcheck(lambda a: a * 2, [1.0]).report(digits=2)
    assert "    1.00" in text and "2.00" in text and "2.000" not in text


@pytest.mark.parametrize("digits", [-1, 2.5, "3"])
def test_report_digits_must_be_a_whole_number(digits):
    with pytest.raises(ValueError, match="decimals to show, a whole number of 0 or more"):
        gradcheck(lambda a: a * 2, [1.0]).report(digits=digits)
