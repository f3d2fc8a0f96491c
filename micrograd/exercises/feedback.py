"""What every checker shares: the verdict (`Feedback`), and the `exercise` wrapper that says
"not answered yet" while an answer is still the placeholder `...`.

In a notebook:  check_slope(my_answer)  shows the verdict under the cell. A checker never raises on
a wrong answer (a learner's notebook keeps running); it returns a `Feedback`, which is truthy only
when the answer is right, so the tests can assert on it.
"""

import functools
import html
import inspect
import math
import numbers

from micrograd.engine import Value


class Feedback:
    """The verdict on one answer: `correct` and a message (the hint, when it is wrong)."""

    def __init__(self, correct, message, verdict=None):
        self.correct = bool(correct)
        self.message = message
        self.verdict = verdict or ("Right!" if self.correct else "Not yet.")

    def __bool__(self):
        return self.correct

    def __repr__(self):
        return f"{self.verdict} {self.message}"

    def _repr_html_(self):
        colour = "#1a7f37" if self.correct else "#b35900"
        return (f'<div style="font-size:1.15em;color:{colour}"><b>{self.verdict}</b> '
                f"{html.escape(self.message)}</div>")


def right(message=""):
    return Feedback(True, message)


def wrong(hint):
    return Feedback(False, hint)


def close(answer, expected, tol=1e-6):
    """True when `answer` is a number within `tol` (absolute or relative) of `expected`."""
    try:
        answer = float(answer)
    except (TypeError, ValueError):
        return False
    return math.isclose(answer, expected, rel_tol=tol, abs_tol=tol)


NOT_ANSWERED = "Not answered yet."


def _empty_function():
    ...


def _not_answered(x):
    """True for the placeholder `...`, and for a function whose body is still only `...`."""
    code = getattr(x, "__code__", None)
    return x is Ellipsis or (code is not None
                             and code.co_code == _empty_function.__code__.co_code
                             and code.co_consts == _empty_function.__code__.co_consts)


def exercise(check):
    """Wrap a checker: while an answer is still the placeholder `...`, say so instead of
    checking it."""
    @functools.wraps(check)
    def checked(*answers, **named):
        if any(_not_answered(x) for x in (*answers, *named.values())):
            return Feedback(False, "Replace the ... with your answer, then run the cell again.",
                            verdict=NOT_ANSWERED)
        return check(*answers, **named)
    return checked


def number_answers(*labels):
    """Wrap a checker whose answers are all numbers: an answer that is not one gets the verdict
    that says what to give, with the answer called by its label (by default, the checker's
    parameter name), before the checker sees it."""
    def wrap(check):
        signature = inspect.signature(check)
        names = labels or tuple(signature.parameters)

        @functools.wraps(check)
        def checked(*answers, **named):
            given = signature.bind(*answers, **named).arguments.values()
            for label, x in zip(names, given):
                problem = _real_number(label, x)
                if problem is not None:  # a Feedback for a wrong answer is falsy
                    return problem
            return check(*answers, **named)
        checked.number_labels = names  # what the tests ask each answer to be called
        return checked
    return wrap


def _real_number(name, x):
    """None when `x` is a finite real number (int, float, numpy scalar); otherwise the Feedback
    that says what to give."""
    if isinstance(x, numbers.Real) and not isinstance(x, bool) and math.isfinite(x):
        return None
    hint = " It is a Value: give its number, v.data (or v.grad)." if isinstance(x, Value) else ""
    return wrong(f"{name} should be a number, but it is {type(x).__name__}: {x!r}.{hint}")
