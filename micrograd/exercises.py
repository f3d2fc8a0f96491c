"""Checkers for the notebooks' exercises: each says "right", or "not yet" with a hint.

In a notebook:  check_slope(my_answer)  shows the verdict under the cell. A checker never raises on
a wrong answer (a learner's notebook keeps running); it returns a `Feedback`, which is truthy only
when the answer is right, so the tests can assert on it.
"""

import math


class Feedback:
    """The verdict on one answer: `correct` and a message (the hint, when it is wrong)."""

    def __init__(self, correct, message):
        self.correct = bool(correct)
        self.message = message

    def __bool__(self):
        return self.correct

    def __repr__(self):
        return ("Right! " if self.correct else "Not yet. ") + self.message

    def _repr_html_(self):
        colour = "#1a7f37" if self.correct else "#b35900"
        verdict = "Right!" if self.correct else "Not yet."
        return (f'<div style="font-size:1.15em;color:{colour}"><b>{verdict}</b> '
                f"{_escape(self.message)}</div>")


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


def _escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---- notebooks 01-03: derivatives, the Value class, backpropagation by hand ---------------------


# ---- notebooks 04-05: automatic backpropagation; neurons, layers and networks ------------------


# ---- notebook 06: training ---------------------------------------------------------------------
