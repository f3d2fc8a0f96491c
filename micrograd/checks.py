"""The checks the package makes on what it is given, and the words its messages count in.

Every function a learner calls checks its arguments and says, in one sentence, what was given,
what was expected and what to do. The sentences are each function's own; these are the pieces
they share.
"""

import math
import numbers


def counted(n, noun):
    """`n` and a noun that agrees with it: counted(1, "point") is '1 point', counted(0, "point")
    and counted(3, "point") are '0 points' and '3 points'."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def is_whole_number(x):
    """An int (numpy's too), but not True or False: Python counts a bool as 1 or 0, and nobody
    who writes steps=True means one step."""
    return isinstance(x, numbers.Integral) and not isinstance(x, bool)


def is_real_number(x, finite=True):
    """An int or a float (numpy's too), not a bool; with `finite`, not inf or nan either."""
    return (isinstance(x, numbers.Real) and not isinstance(x, bool)
            and (not finite or math.isfinite(x)))
