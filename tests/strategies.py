"""Hypothesis strategies shared by the tests: numbers in each operation's smooth domain, and
random expression graphs (DAGs that reuse nodes).

The graphs are plain data, a `Program`, so hypothesis can shrink and print a failing one, and
`Program.build` runs it on any numbers with the operations `Value` has: our `Value`s, or
PyTorch tensors for the parity tests.
"""

import math
from dataclasses import dataclass

from hypothesis import assume
from hypothesis import strategies as st

from micrograd.engine import Value, topological_order

# ---- numbers ---------------------------------------------------------------------------------


def reals(lo=-3.0, hi=3.0):
    """Finite floats in [lo, hi]."""
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


def positives(lo=0.1, hi=5.0):
    """Safely above 0: for log, and for divisors and fractional powers."""
    return reals(lo, hi)


def away_from_zero(lo=0.1, hi=5.0):
    """Either sign, but at least `lo` from 0: for divisors and relu (whose kink is at 0)."""
    return st.one_of(reals(lo, hi), reals(-hi, -lo))


def constants():
    """The plain numbers of the reflected operations, 2 + v: ints and floats."""
    return st.one_of(st.integers(-5, 5), reals(-5.0, 5.0))


def nonzero_constants():
    return st.one_of(st.integers(1, 5), st.integers(-5, -1), away_from_zero(0.5, 5.0))


int_exponents = st.integers(-3, 4)
real_exponents = reals(-2.5, 2.5)


# ---- random expression graphs ----------------------------------------------------------------

# Each step makes one node from earlier ones (an index into the list of nodes so far, inputs
# first). The composite steps keep every primitive in its smooth domain: log and division see
# 1 + a², exp sees 2·tanh(a), relu sees a² + 0.1 or its negative, never a kink.
UNARY = ("neg", "tanh", "sigmoid", "exp", "log", "square", "cube", "pow", "relu_pos", "relu_neg",
         "radd", "rsub", "rmul", "rdiv")
BINARY = ("add", "sub", "mul", "div")


def _apply(op, const, a, b=None):
    if op == "add":
        return a + b
    if op == "sub":
        return a - b
    if op == "mul":
        return a * b
    if op == "div":
        return a / (b * b + 1)
    if op == "neg":
        return -a
    if op == "tanh":
        return a.tanh()
    if op == "sigmoid":
        return a.sigmoid()
    if op == "exp":
        return (2 * a.tanh()).exp()
    if op == "log":
        return (a * a + 1).log()
    if op == "square":
        return a ** 2
    if op == "cube":
        return a ** 3
    if op == "pow":
        return (a * a + 0.5) ** const
    if op == "relu_pos":
        return (a * a + 0.1).relu()
    if op == "relu_neg":
        return (-(a * a) - 0.1).relu() + a
    if op == "radd":
        return const + a
    if op == "rsub":
        return const - a
    if op == "rmul":
        return const * a
    if op == "rdiv":
        return const / (a * a + 1)
    raise ValueError(f"unknown step {op!r}")


@dataclass(frozen=True)
class Program:
    """A random expression graph: `inputs`, then `steps` of (op, constant, i, j).

    The output is the sum of every node that no step used (so nothing is left dangling).
    """

    inputs: tuple
    steps: tuple

    def build(self, *xs):
        nodes = list(xs)
        used = [False] * (len(xs) + len(self.steps))
        for op, const, i, j in self.steps:
            used[i] = True
            if op in BINARY:
                used[j] = True
                nodes.append(_apply(op, const, nodes[i], nodes[j]))
            else:
                nodes.append(_apply(op, const, nodes[i]))
        sinks = [node for node, u in zip(nodes, used) if not u]
        out = sinks[0]
        for node in sinks[1:]:
            out = out + node
        return out

    __call__ = build


@st.composite
def programs(draw, max_inputs=4, max_steps=10):
    """A random DAG over 1..max_inputs inputs whose nodes are reused at random.

    Examples whose graph holds a number larger than 1e3 in size are rejected, so the central
    difference keeps enough digits to be compared with.
    """
    n_inputs = draw(st.integers(1, max_inputs))
    inputs = tuple(draw(reals(-2.0, 2.0)) for _ in range(n_inputs))
    steps = []
    for k in range(draw(st.integers(1, max_steps))):
        n_nodes = n_inputs + k
        op = draw(st.sampled_from(UNARY + BINARY))
        i = draw(st.integers(0, n_nodes - 1))
        j = draw(st.integers(0, n_nodes - 1)) if op in BINARY else 0
        const = draw(real_exponents if op == "pow" else nonzero_constants())
        steps.append((op, const, i, j))
    program = Program(inputs, tuple(steps))
    assume(_tame(program))
    return program


def _tame(program, limit=1e3):
    try:
        out = program.build(*(Value(x) for x in program.inputs))
    except (OverflowError, ZeroDivisionError, ValueError):
        return False
    return all(math.isfinite(v.data) and abs(v.data) <= limit for v in topological_order(out))
