"""Gradient checking: compare the gradients `backward()` computes with a numerical estimate.

The slope of f at x can be estimated without any calculus, by nudging x a little both ways:

    df/dx ≈ (f(x + h) - f(x - h)) / (2h)          (the central difference)

If the engine's chain rule is right, `backward()` and this estimate agree to many digits.

    >>> from micrograd.gradcheck import gradcheck
    >>> result = gradcheck(lambda m, x, c: m * x + c, [2.0, 3.0, 1.0])
    >>> result.ok
    True
    >>> result.analytic
    [3.0, 2.0, 1.0]

How the two are compared. The error for one input is

    |analytic - numeric| / max(floor, |analytic|, |numeric|)        (floor = 1.0 by default)

a relative error for gradients larger than the floor, so a gradient of 1,000,000 may be off by
the same fraction as a gradient of 1; and an absolute error for gradients smaller than it, so a
gradient of 1e-9 estimated as 2e-9 (both as good as zero) does not raise a false alarm.
"""

import math
import numbers
import reprlib
from dataclasses import dataclass

from micrograd.checks import is_real_number, is_whole_number
from micrograd.engine import Value

ERROR_FLOOR = 1.0  # below this size, gradients are compared by absolute error

__all__ = ["ERROR_FLOOR", "GradcheckResult", "gradcheck", "gradient_error", "numerical_grad"]


@dataclass(frozen=True)
class GradcheckResult:
    """What `gradcheck` found: one entry per input in each list, in the order of the inputs."""

    names: list  # how each input is shown: its label, or x0, x1, ...
    values: list  # the point the gradient was checked at
    analytic: list  # the gradients `backward()` computed
    numeric: list  # the central-difference estimates
    errors: list  # gradient_error(analytic, numeric) for each input
    output: float  # f at that point
    worst_error: float  # the largest of `errors` (relative above the floor, absolute below)
    worst_input: int  # the index of the input with that error
    ok: bool  # worst_error <= tol
    h: float
    tol: float
    floor: float = ERROR_FLOOR

    def report(self, digits=6):
        """A table of the check, one row per input, numbers with a fixed number of decimals."""
        if not is_whole_number(digits) or digits < 0:
            raise ValueError(f"report(digits=...) is how many decimals to show, a whole number "
                             f"of 0 or more, got {digits!r}")
        width = max(12, digits + 8)
        name_width = max(5, *(len(n) for n in self.names))
        head = (f"{'input':>{name_width}}  {'value':>{width}}  {'analytic':>{width}}  "
                f"{'numeric':>{width}}  {'error':>9}")
        lines = [f"gradcheck of f = {self.output:.{digits}f} at {len(self.values)} input(s), "
                 f"h = {self.h:g}, tol = {self.tol:g}", head, "-" * len(head)]
        for i, name in enumerate(self.names):
            mark = "" if self.errors[i] <= self.tol else "  <-- FAIL"
            lines.append(f"{name:>{name_width}}  {self.values[i]:>{width}.{digits}f}  "
                         f"{self.analytic[i]:>{width}.{digits}f}  "
                         f"{self.numeric[i]:>{width}.{digits}f}  {self.errors[i]:>9.1e}{mark}")
        verdict = "OK" if self.ok else "FAIL"
        lines.append(f"worst error {self.worst_error:.1e} at {self.names[self.worst_input]} "
                     f"(tol {self.tol:g}): {verdict}")
        return "\n".join(lines)

    def __str__(self):
        return self.report()


def gradient_error(analytic, numeric, floor=ERROR_FLOOR):
    """|analytic - numeric| / max(floor, |analytic|, |numeric|); infinite if either is nan/inf."""
    if not (math.isfinite(analytic) and math.isfinite(numeric)):
        return math.inf
    return abs(analytic - numeric) / max(floor, abs(analytic), abs(numeric))


def numerical_grad(f, inputs, i, h=1e-6):
    """The central difference (f(.., x_i + h, ..) - f(.., x_i - h, ..)) / 2h.

    `f` takes one Value per input and returns a Value (or a plain number); `inputs` are numbers
    or Values, of which only the numbers are used: they are not changed.
    """
    _check_callable(f)
    xs = _numbers(inputs)
    if not isinstance(i, numbers.Integral) or not -len(xs) <= i < len(xs):
        raise IndexError(f"input index {i!r} is out of range for {len(xs)} input(s)")
    _check_positive("h", h)
    up, down = list(xs), list(xs)
    up[i] += h
    down[i] -= h
    return (_nudged_output(f, up, i, h) - _nudged_output(f, down, i, h)) / (2 * h)


def _nudged_output(f, xs, i, h):
    """f at xs, where input i was nudged by h; an error there names the nudge, which the caller
    never wrote (log(x) at x = 1e-7 with h = 1e-6 is asked for log(-9e-07))."""
    try:
        return _output_number(f, xs)
    except (ValueError, ZeroDivisionError, OverflowError) as e:
        raise type(e)(f"f fails when inputs[{i}] is nudged to {xs[i]:g} (the central "
                      f"difference moves each input by h = {h:g} both ways): {e}. Check f at a "
                      "point further from where it is undefined, or pass a smaller h") from e


def gradcheck(f, inputs, h=1e-6, tol=1e-4, *, floor=ERROR_FLOOR):
    """Check `backward()` against the central difference for every input of `f`.

    `f` takes one Value per input, `f(a, b, ...)`, and must return a Value. `inputs` are numbers
    or Values (labelled Values name their rows in the report); they are copied, so their own
    `.grad` is left as it was. Values that `f` uses from elsewhere (a network's parameters, say)
    do get gradients from the one `backward()` call.

    The error for each input is gradient_error(): relative for gradients above `floor` in size,
    absolute below it. The check passes when the worst error is at most `tol`.
    """
    _check_callable(f)
    inputs = _as_list(inputs)  # read once: a generator would be empty the second time
    xs = _numbers(inputs)
    _check_positive("h", h)
    _check_positive("tol", tol)
    _check_positive("floor", floor)
    names = [_label(x) or f"x{i}" for i, x in enumerate(inputs)]

    leaves = [Value(x, label=name) for x, name in zip(xs, names)]
    out = f(*leaves)
    _check_output(out)
    out.backward()
    analytic = [leaf.grad for leaf in leaves]
    numeric = [numerical_grad(f, xs, i, h) for i in range(len(xs))]
    errors = [gradient_error(a, n, floor) for a, n in zip(analytic, numeric)]
    worst = max(range(len(errors)), key=errors.__getitem__)
    return GradcheckResult(names=names, values=xs, analytic=analytic, numeric=numeric,
                           errors=errors, output=out.data, worst_error=errors[worst],
                           worst_input=worst, ok=errors[worst] <= tol, h=h, tol=tol,
                           floor=floor)


# ---- input checks ----------------------------------------------------------------------------

def _check_callable(f):
    if not callable(f):
        raise TypeError(f"f must be a function that takes Values and returns a Value, "
                        f"got {type(f).__name__}: {reprlib.repr(f)}")


def _as_list(inputs):
    if isinstance(inputs, (Value, numbers.Number, str, bytes)):
        raise TypeError(f"inputs must be a list of numbers or Values, such as [2.0, 3.0], "
                        f"got {type(inputs).__name__}: {reprlib.repr(inputs)}")
    try:
        items = list(inputs)
    except TypeError:
        raise TypeError(f"inputs must be a list of numbers or Values, "
                        f"got {type(inputs).__name__}: {reprlib.repr(inputs)}") from None
    if not items:
        raise ValueError("inputs is empty: give f at least one input to check")
    return items


def _numbers(inputs):
    """The number in each input: a Value's .data, or the number itself as a float."""
    xs = []
    for i, x in enumerate(_as_list(inputs)):
        if isinstance(x, Value):
            xs.append(x.data)
        elif isinstance(x, numbers.Real):
            xs.append(float(x))
        else:
            raise TypeError(f"inputs[{i}] must be a number or a Value, "
                            f"got {type(x).__name__}: {reprlib.repr(x)}")
    return xs


def _check_positive(name, x):
    if not is_real_number(x) or not x > 0:
        raise ValueError(f"{name} must be a number above 0, and finite, got {x!r}")


def _check_output(out):
    if not isinstance(out, Value):
        hint = " (return the Value itself, not its .data)" if isinstance(out, numbers.Real) else ""
        raise TypeError(f"f must return a Value, but returned {type(out).__name__}: "
                        f"{reprlib.repr(out)}{hint}")


def _output_number(f, xs):
    out = f(*(Value(x) for x in xs))
    if isinstance(out, Value):
        return out.data
    if isinstance(out, numbers.Real):
        return float(out)
    raise TypeError(f"f must return a Value or a number, but returned "
                    f"{type(out).__name__}: {reprlib.repr(out)}")


def _label(x):
    return x.label if isinstance(x, Value) else ""
