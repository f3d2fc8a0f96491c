"""What every checker shares: the verdict (`Feedback`); the `exercise` wrapper that says
"not answered yet" while an answer is still the placeholder `...`; `rounded`, which tells a right
answer typed with too few decimals that it is; and `run` and `time_limit`, which run a learner's
function and stop it when it loops.

In a notebook:  check_slope(my_answer)  shows the verdict under the cell. A checker never raises on
a wrong answer (a learner's notebook keeps running); it returns a `Feedback`, which is truthy only
when the answer is right, so the tests can assert on it.
"""

import contextlib
import functools
import html
import inspect
import math
import numbers
import signal
import threading

from micrograd.engine import Value

# a verdict's colour: a JupyterLab theme variable, and the colour to use where there is none
VERDICT_COLOURS = {True: ("--jp-success-color0", "#1a7f37"),
                   False: ("--jp-warn-color0", "#b35900")}


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
        # the theme's success or warning colour mixed with the text colour around it
        # (currentColor), so that it reads at 4.5:1 or more on a light and on a dark page
        # (JupyterLab Light and Dark, a website); a browser without color-mix keeps the first
        # colour. The sign and the words say the verdict too: colour is never the only sign.
        variable, colour = VERDICT_COLOURS[self.correct]
        mixed = f"color-mix(in srgb, var({variable}, {colour}) 60%, currentColor)"
        sign = "✓" if self.correct else "…" if self.verdict == NOT_ANSWERED else "✗"
        return (f'<div style="font-size:1.15em;color:{colour};color:{mixed}">'
                f'<span aria-hidden="true">{sign}</span> <b>{self.verdict}</b> '
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


def rounded(answer, expected, tol=1e-6, name=None):
    """The verdict for a right answer typed rounded too far (0.786 for 0.78645, when 4 decimals
    are needed), or None when `answer` is not that.

    It says how many decimals are wanted, without giving the answer away.
    """
    if _real_number("", answer) is not None or close(answer, expected, tol):
        return None
    answer = float(answer)
    decimals = next((d for d in range(1, 8) if round(answer, d) == answer), None)
    if decimals is None or abs(answer - expected) > 0.5 * 10 ** -decimals * (1 + 1e-9):
        return None  # not the answer rounded
    allowed = max(tol * abs(expected), tol)  # as math.isclose in close()
    wanted = max(decimals + 1, math.ceil(math.log10(0.5 / allowed)))
    what = f"{name} = {answer:g}" if name else f"{answer:g}"
    return wrong(f"{what} looks like the right answer rounded to {decimals} decimal"
                 f"{'s' if decimals > 1 else ''}: give at least {wanted} decimals, or pass "
                 "the number Python computed, unrounded.")


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
    checking it; and when a learner's code runs past its `time_limit`, say that it did."""
    @functools.wraps(check)
    def checked(*answers, **named):
        if any(_not_answered(x) for x in (*answers, *named.values())):
            return Feedback(False, "Replace the ... with your answer, then run the cell again.",
                            verdict=NOT_ANSWERED)
        try:
            return check(*answers, **named)
        except TookTooLong as stopped:
            return wrong(f"{stopped.what} was still running after {stopped.seconds:g} seconds, "
                         "on a small example: is there a loop that never ends? A while loop "
                         "must take something off its list each time round, and a walk over a "
                         "graph must skip the nodes it has already seen.")
        except Exception as error:  # an answer so odd that checking it failed: say so, not crash
            return wrong(f"Your answer could not be checked: checking it raised "
                         f"{type(error).__name__}: {error}. Does it return (or leave in .grad, "
                         ".data) plain numbers, as the exercise asks?")
    return checked


# ---- a learner's code: run it, and stop it when it loops -------------------------------------

SECONDS = 3.0  # how long a learner's code may run on a checker's small example


class TookTooLong(BaseException):
    """Raised inside a learner's code that runs past its time limit.

    A BaseException, as KeyboardInterrupt is, so that a learner's `except Exception:` does not
    swallow it; `exercise` turns it into the verdict.
    """

    def __init__(self, what, seconds):
        super().__init__(what, seconds)
        self.what, self.seconds = what, seconds


@contextlib.contextmanager
def time_limit(what="Your code", seconds=None):
    """Stop the code inside the `with` block after `seconds` with TookTooLong.

    It uses the SIGALRM timer, so it works where that exists (Linux and macOS) in the main
    thread, which is where a notebook runs its cells; elsewhere, or when a timer is set already
    (an outer time_limit, pytest-timeout), the code runs without a limit of its own.
    """
    seconds = SECONDS if seconds is None else seconds
    usable = (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
              and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0))
    if not usable:
        yield
        return

    def stop(signum, frame):
        raise TookTooLong(what, seconds)

    previous = signal.signal(signal.SIGALRM, stop)
    if previous is None:  # a handler set outside Python: give the default back
        previous = signal.SIG_DFL
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.05)  # and again, should `except:` catch it
    try:
        yield
    finally:
        while True:  # should the timer fire again in here, disarm it all the same
            try:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
                break
            except TookTooLong:
                continue


def run(fn, *args, what):
    """Run a learner's function on a checker's example: (result, None), or (None, Feedback)
    when it raised, saying what it raised and, for the usual cases, why. `what` says how it was
    called, as "my_backward(root)"; a call that loops is stopped by `time_limit`."""
    try:
        with time_limit(what):
            return fn(*args), None
    except RecursionError:
        return None, wrong(f"{what} raised RecursionError: a function that calls itself "
                           "never reached a case where it stops (or went more than ~1000 "
                           "calls deep).")
    except Exception as error:  # a learner's bug is feedback, not a crash
        return None, wrong(f"{what} raised {type(error).__name__}: {error}")


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
        return checked
    return wrap


def _real_number(name, x):
    """None when `x` is a finite real number (int, float, numpy scalar); otherwise the Feedback
    that says what to give."""
    if isinstance(x, numbers.Real) and not isinstance(x, bool) and math.isfinite(x):
        return None
    hint = " It is a Value: give its number, v.data (or v.grad)." if isinstance(x, Value) else ""
    return wrong(f"{name} should be a number, but it is {type(x).__name__}: {x!r}.{hint}")
