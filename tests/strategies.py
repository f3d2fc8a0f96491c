"""Hypothesis strategies shared by the tests: numbers in each operation's smooth domain, the table
of operations (`OPERATIONS`), and random expression graphs (DAGs that reuse nodes).

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


# ---- the table of operations -----------------------------------------------------------------

@dataclass(frozen=True)
class Operation:
    """One operation of the engine: how to apply it (to Values, or to PyTorch tensors), its
    forward value and its local derivatives on plain floats (the formulas of engine.py's
    docstrings), and the numbers it is smooth on, one strategy per input."""

    name: str
    apply: object  # f(a, b, ...) -> out
    forward: object  # f(a, b, ...) -> float
    derivatives: object  # f(a, b, ...) -> (d out/da, d out/db, ...)
    domain: tuple

    def __repr__(self):
        return self.name


def _sigmoid(x):
    return 1 / (1 + math.exp(-x))


# One table drives the value and derivative tests (test_engine.py) and the PyTorch parity tests
# (test_torch_parity.py).
OPERATIONS = (
    Operation("a + b", lambda a, b: a + b, lambda a, b: a + b, lambda a, b: (1, 1),
              (reals(), reals())),
    Operation("a - b", lambda a, b: a - b, lambda a, b: a - b, lambda a, b: (1, -1),
              (reals(), reals())),
    Operation("a * b", lambda a, b: a * b, lambda a, b: a * b, lambda a, b: (b, a),
              (reals(), reals())),
    Operation("a / b", lambda a, b: a / b, lambda a, b: a / b, lambda a, b: (1 / b, -a / b**2),
              (reals(), away_from_zero())),
    Operation("-a", lambda a: -a, lambda a: -a, lambda a: (-1,), (reals(),)),
    Operation("a ** 2", lambda a: a ** 2, lambda a: a ** 2, lambda a: (2 * a,), (reals(),)),
    Operation("a ** 3", lambda a: a ** 3, lambda a: a ** 3, lambda a: (3 * a**2,), (reals(),)),
    Operation("a ** -1", lambda a: a ** -1, lambda a: 1 / a, lambda a: (-1 / a**2,),
              (away_from_zero(0.1, 4),)),
    Operation("a ** 0.5", lambda a: a ** 0.5, math.sqrt, lambda a: (0.5 / math.sqrt(a),),
              (positives(),)),
    Operation("tanh", lambda a: a.tanh(), math.tanh, lambda a: (1 - math.tanh(a) ** 2,),
              (reals(-5, 5),)),
    Operation("exp", lambda a: a.exp(), math.exp, lambda a: (math.exp(a),), (reals(-5, 5),)),
    Operation("log", lambda a: a.log(), math.log, lambda a: (1 / a,), (positives(0.05, 50),)),
    Operation("relu", lambda a: a.relu(), lambda a: max(a, 0.0),
              lambda a: (1.0 if a > 0 else 0.0,), (away_from_zero(1e-3, 5),)),
    Operation("sigmoid", lambda a: a.sigmoid(), _sigmoid,
              lambda a: (_sigmoid(a) * (1 - _sigmoid(a)),), (reals(-10, 10),)),
    Operation("2 + a", lambda a: 2 + a, lambda a: 2 + a, lambda a: (1,), (reals(),)),
    Operation("2 - a", lambda a: 2 - a, lambda a: 2 - a, lambda a: (-1,), (reals(),)),
    Operation("2 * a", lambda a: 2 * a, lambda a: 2 * a, lambda a: (2,), (reals(),)),
    Operation("2 / a", lambda a: 2 / a, lambda a: 2 / a, lambda a: (-2 / a**2,),
              (away_from_zero(),)),
    Operation("a + 2.5", lambda a: a + 2.5, lambda a: a + 2.5, lambda a: (1,), (reals(),)),
    Operation("a - 2.5", lambda a: a - 2.5, lambda a: a - 2.5, lambda a: (1,), (reals(),)),
    Operation("a * 2.5", lambda a: a * 2.5, lambda a: a * 2.5, lambda a: (2.5,), (reals(),)),
    Operation("a / 2.5", lambda a: a / 2.5, lambda a: a / 2.5, lambda a: (1 / 2.5,), (reals(),)),
)


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
