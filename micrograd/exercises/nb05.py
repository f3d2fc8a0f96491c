"""Notebook 05, your own Value: you write each operation's forward value and its `_backward`
closure, the lecture's way, and these checkers test your class the way MiniTorch does.

`check_my_value` first tests each operation alone, at many random inputs, and names the first one
that is wrong, at which input, with a hint for the usual mistakes: the derivative sent to the
wrong parent, a forgotten `* out.grad`, `=` instead of `+=`, tanh's slope taken at the input
instead of the output, `**` differentiated with respect to the exponent. Then it builds random
expressions from all six operations and compares every gradient with micrograd.engine.Value and
with central differences.
"""

import math
import random

from micrograd.engine import Value, topological_order
from micrograd.exercises.feedback import (
    NOT_ANSWERED,
    Feedback,
    close,
    exercise,
    right,
    run,
    time_limit,
    wrong,
)


class LectureValue:
    """The lecture's Value without its operations: you add them, in a class of your own.

    Each operation makes `out = MyValue(forward value, (parents...), "op")` and gives it
    `out._backward`, a function that adds this node's share to each parent's `.grad`.
    """

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0.0
        self._prev = tuple(_children)
        self._op = _op
        self._backward = lambda: None  # a leaf has no parents to pass a gradient to

    def __repr__(self):
        return f"{type(self).__name__}(data={self.data}, grad={self.grad})"

    def backward(self):
        """The chain rule over the whole graph: out.grad = 1, then every node's _backward(),
        from the output back (the engine's topological_order)."""
        self.grad = 1.0
        for node in reversed(topological_order(self)):
            node._backward()


# ---- the six operations: how to call each, its forward value and its local derivatives ------

def _pow_exponent(rng):
    return rng.choice([2, 3, -1, 0.5, 1.5])


# name, how it is written, the method, arity, inputs, forward, local derivatives
OPERATIONS = [
    ("+", "a + b", "__add__", 2, lambda rng: [rng.uniform(-3, 3), rng.uniform(-3, 3)],
     lambda a, b: a + b, lambda a, b: (1.0, 1.0)),
    ("*", "a * b", "__mul__", 2, lambda rng: [rng.uniform(-3, 3), rng.uniform(-3, 3)],
     lambda a, b: a * b, lambda a, b: (b, a)),
    ("**", "x ** n", "__pow__", 1, lambda rng: [rng.uniform(0.5, 3)],
     lambda x, n: x ** n, lambda x, n: (n * x ** (n - 1),)),
    ("tanh", "x.tanh()", "tanh", 1, lambda rng: [rng.choice([-1, 1]) * rng.uniform(0.4, 2)],
     math.tanh, lambda x: (1 - math.tanh(x) ** 2,)),
    ("exp", "x.exp()", "exp", 1, lambda rng: [rng.uniform(-2, 2)],
     math.exp, lambda x: (math.exp(x),)),
    ("relu", "x.relu()", "relu", 1, lambda rng: [rng.choice([-1, 1]) * rng.uniform(0.2, 3)],
     lambda x: max(0.0, x), lambda x: (1.0 if x > 0 else 0.0,)),
]
NAMES = [op[0] for op in OPERATIONS]


def _typical_mistakes(name, inputs, n, g):
    """What each usual mistake gives as the parents' gradients, and the hint for it."""
    if name == "+":
        return [((1.0, 1.0), "Each parent's gradient is its local derivative times out.grad: "
                 "a.grad += 1 * out.grad. You left out the `* out.grad`.")]
    if name == "*":
        a, b = inputs
        return [((a * g, b * g), "Each parent got the other parent's derivative: d(a·b)/da = b, "
                 "so self.grad += other.data * out.grad (and other.grad += self.data * "
                 "out.grad)."),
                ((b, a), "The local derivatives are right, but each must be multiplied by "
                 "out.grad: self.grad += other.data * out.grad. You left out the `* out.grad`."),
                ((a, b), "Two slips: each parent got the other parent's derivative (d(a·b)/da = "
                 "b), and the `* out.grad` is missing.")]
    if name == "**":
        (x,) = inputs
        return [((n * x ** (n - 1),), "The local derivative n·x^(n-1) is right, but it must be "
                 "multiplied by out.grad. You left out the `* out.grad`."),
                ((x ** n * math.log(x) * g,), "That is the derivative with respect to the "
                 "exponent n (x^n · ln x). n is a constant here; differentiate with respect to "
                 "x: the power rule, n·x^(n-1)."),
                ((n * x ** n * g,), "The power rule lowers the exponent by one: n·x^(n-1), not "
                 "n·x^n."),
                ((x ** (n - 1) * g,), "The power rule brings the exponent down in front: "
                 "n·x^(n-1).")]
    if name == "tanh":
        (x,) = inputs
        t = math.tanh(x)
        return [(((1 - x * x) * g,), "That is 1 - x², the slope taken at the input. tanh's "
                 "slope is 1 - t², with t = tanh(x), the output: use t (or out.data)."),
                ((1 - t * t,), "The slope 1 - t² is right, but it must be multiplied by "
                 "out.grad. You left out the `* out.grad`."),
                (((1 - t) * g,), "tanh's slope is 1 - t², t squared.")]
    if name == "exp":
        (x,) = inputs
        return [((math.exp(x),), "The slope e^x is right, but it must be multiplied by "
                 "out.grad. You left out the `* out.grad`."),
                ((x * math.exp(x - 1) * g,), "exp is not a power of x: the slope of e^x is e^x "
                 "itself (out.data).")]
    if name == "relu":
        (x,) = inputs
        return [((1.0 if x > 0 else 0.0,), "The slope (1 above 0, else 0) is right, but it must "
                 "be multiplied by out.grad. You left out the `* out.grad`."),
                ((g,), "relu is flat below 0: there its slope is 0, so x gets nothing back. "
                 "Use (out.data > 0) * out.grad."),
                ((max(0.0, x) * g,), "relu's slope is 1 above 0 (and 0 below), not x.")]
    return []


def _written(cls, method):
    return callable(getattr(cls, method, None))


def _call(cls, name, method, args, n):
    """Run one operation on new nodes of `cls`: (out, parents, None) or (None, None, Feedback)."""
    parents = [cls(x) for x in args]
    try:
        if name == "**":
            out = parents[0] ** n
        elif len(parents) == 2:
            out = getattr(parents[0], method)(parents[1])
        else:
            out = getattr(parents[0], method)()
    except Exception as error:  # a learner's code: report whatever went wrong
        return None, None, wrong(f"{_written_as(name, args, n)} raised "
                                 f"{type(error).__name__}: {error}.")
    return out, parents, None


def _written_as(name, args, n=None):
    spec = next(op for op in OPERATIONS if op[0] == name)
    if name == "**":
        return f"x ** n at x = {args[0]:.4g}, n = {n}"
    letters = "ab" if spec[3] == 2 else "x"
    values = ", ".join(f"{v} = {x:.4g}" for v, x in zip(letters, args))
    return f"{spec[1]} at {values}"


def _is_node(out):
    return all(hasattr(out, attr) for attr in ("data", "grad", "_prev", "_backward"))


def _check_one(cls, spec, rng):
    """One operation alone, at several random inputs: None when right, else the Feedback."""
    name, written, method, arity, draw, forward, local = spec
    for _ in range(12):
        args = draw(rng)
        n = _pow_exponent(rng) if name == "**" else None
        extra = (n,) if name == "**" else ()
        where = _written_as(name, args, n)
        out, parents, problem = _call(cls, name, method, args, n)
        if problem is not None:
            return problem
        if out is None:
            return wrong(f"{written} returned None. End the method with `return out`.")
        if not _is_node(out):
            return wrong(f"{written} returned {type(out).__name__}: {out!r}. It should return "
                         f"the new node, out = {cls.__name__}(...).")
        expected = forward(*args, *extra)
        if not close(out.data, expected, tol=1e-9):
            return wrong(f"The forward value of {where} is {expected:.6g}, but yours is "
                         f"{out.data!r}.")
        if not all(any(p is q for q in out._prev) for p in parents):
            return wrong(f"{written}: out._prev should hold the parents, "
                         f"({'self, other' if arity == 2 else 'self,'}), so that backward() "
                         "can find them.")
        g = rng.uniform(1.5, 3.0) * rng.choice([-1, 1])  # out.grad: never 1, so * out.grad shows
        out.grad = g
        try:
            out._backward()
        except Exception as error:  # a learner's code: report whatever went wrong
            return wrong(f"out._backward() of {where} raised {type(error).__name__}: {error}.")
        got = tuple(p.grad for p in parents)
        want = tuple(d * g for d in local(*args, *extra))
        if all(close(x, w, tol=1e-9) for x, w in zip(got, want)):
            continue
        if all(x == 0 for x in got):
            return wrong(f"{where}: out._backward() changed no gradient. Did you end with "
                         "`out._backward = _backward` (on out, not on self)?")
        for mistake, hint in _typical_mistakes(name, args, n, g):
            if all(close(x, m, tol=1e-9) for x, m in zip(got, mistake)):
                return wrong(f"{where}, with out.grad = {g:.4g}: {hint}")
        shown = ", ".join(f"{x:.6g}" for x in got)
        expect = ", ".join(f"{w:.6g}" for w in want)
        return wrong(f"{where}, with out.grad = {g:.4g}: the parents' gradients should be "
                     f"{expect} (local derivative × out.grad), but they are {shown}.")
    return _check_accumulates(cls, spec, rng)


def _check_accumulates(cls, spec, rng):
    """A node used twice must get both shares: `+=`, never `=`."""
    name, written, method, arity, draw, forward, local = spec
    hint = "Use += to add to a parent's .grad; = throws away the share that was there."
    if arity == 2:  # a + a, a * a: the node is both parents
        x = draw(rng)[0]
        a = cls(x)
        try:
            out = getattr(a, method)(a)
            out.grad = 1.0
            out._backward()
        except Exception as error:  # a learner's code: report whatever went wrong
            return wrong(f"a {name} a at a = {x:.4g} raised {type(error).__name__}: {error}.")
        want = sum(local(x, x))
        if not close(a.grad, want, tol=1e-9):
            return wrong(f"In a {name} a at a = {x:.4g}, a is both parents, so it gets both "
                         f"shares, {want:.6g} in all; yours has {a.grad:.6g}. Did you write = "
                         f"instead of +=? {hint}")
        return None
    args = draw(rng)
    n = 2 if name == "**" else None
    out, parents, problem = _call(cls, name, method, args, n)
    if problem is not None:
        return problem
    before = 0.5  # x's share from another use, as in x.tanh() + x
    parents[0].grad = before
    out.grad = 1.0
    try:
        out._backward()
    except Exception as error:  # a learner's code: report whatever went wrong
        return wrong(f"out._backward() of {written} raised {type(error).__name__}: {error}.")
    want = before + local(*args, *((n,) if n else ()))[0]
    if not close(parents[0].grad, want, tol=1e-9):
        return wrong(f"x was used twice, as in {written} + x: before {written} passed its "
                     f"share back, x.grad already held {before} from the other use, and it "
                     f"should end as {want:.6g}, but it is {parents[0].grad:.6g}. Did you write "
                     f"= instead of +=? {hint}")
    return None


# ---- random expressions, MiniTorch-style ----------------------------------------------------

def _random_program(rng):
    """A random expression on inputs a, b, c: steps (op, i, j, n) over the nodes so far."""
    steps = []
    for k in range(rng.randint(2, 6)):
        size = 3 + k
        op = rng.choice(NAMES)
        i = rng.randrange(size)
        j = rng.randrange(size) if op in ("+", "*") else None  # j == i: a node used twice
        n = rng.choice([2, 3]) if op == "**" else None  # integer powers: any sign of base
        steps.append((op, i, j, n))
    return steps


def _run(program, inputs, make):
    """The program's nodes, with `make` turning each input number into a node."""
    nodes = [make(x) for x in inputs]
    for op, i, j, n in program:
        x = nodes[i]
        if op == "+":
            out = x + nodes[j]
        elif op == "*":
            out = x * nodes[j]
        elif op == "**":
            out = x ** n
        else:
            out = getattr(x, op)()
        nodes.append(out)
    return nodes


def _text(program):
    names = ["a", "b", "c"]
    for op, i, j, n in program:
        x = names[i]
        if op in ("+", "*"):
            names.append(f"({x} {op} {names[j]})")
        elif op == "**":
            names.append(f"{x}**{n}")
        else:
            names.append(f"{x}.{op}()")
    return names[-1]


def _smooth(program, inputs):
    """False where a central difference would be wrong: near relu's kink, or too large."""
    try:
        nodes = _run(program, inputs, Value)
    except (OverflowError, ValueError, ZeroDivisionError):
        return False
    for (op, i, _, _), out in zip(program, nodes[3:]):
        if op == "relu" and abs(nodes[i].data) < 1e-3:
            return False
        if abs(out.data) > 1e6:
            return False
    return True


def _central_difference(program, inputs, k, h=1e-6):
    up, down = list(inputs), list(inputs)
    up[k] += h
    down[k] -= h
    return (_run(program, up, Value)[-1].data - _run(program, down, Value)[-1].data) / (2 * h)


# programs that are there every time: an inner node used three times (s = a * b;
# s * s + s), a chain eight deep with a used at its start and its end, and two different
# products that hold the same number (b = c)
_FIXED_PROGRAMS = [
    ([("*", 0, 1, None), ("*", 3, 3, None), ("+", 4, 3, None)], [0.6, -1.3, 0.4]),
    ([("*", 0, 1, None), ("tanh", 3, None, None), ("+", 4, 2, None), ("*", 5, 4, None),
      ("exp", 6, None, None), ("tanh", 7, None, None), ("**", 8, None, 2), ("*", 9, 0, None)],
     [0.9, -0.4, 0.3]),
    ([("*", 0, 1, None), ("*", 0, 2, None), ("+", 3, 4, None), ("tanh", 5, None, None)],
     [0.7, -0.9, -0.9]),
]


def _expressions(rng, count):
    """The fixed programs, then random ones; every fourth has the same number in a, b and c,
    so that nodes told apart by their number (an __eq__ or __hash__ on .data) show."""
    yield from _FIXED_PROGRAMS
    made = 0
    while made < count - len(_FIXED_PROGRAMS):
        program = _random_program(rng)
        same = round(rng.uniform(-2, 2), 3)
        inputs = ([same] * 3 if made % 4 == 0
                  else [round(rng.uniform(-2, 2), 3) for _ in range(3)])
        if _smooth(program, inputs):
            made += 1
            yield program, inputs


def _compares_numbers(cls):
    """True when the class tells nodes apart by something of its own, not by identity."""
    return any(getattr(cls, name) is not getattr(object, name) for name in ("__eq__", "__hash__"))


def _check_expressions(cls, rng, count=200):
    for program, inputs in _expressions(rng, count):
        text = _text(program)
        where = f"{text} at a = {inputs[0]}, b = {inputs[1]}, c = {inputs[2]}"
        try:
            mine = _run(program, inputs, cls)
            mine[-1].backward()
        except Exception as error:  # a learner's code: report whatever went wrong
            return wrong(f"{where} raised {type(error).__name__}: {error}.")
        ref = _run(program, inputs, Value)
        ref[-1].backward()
        if not close(mine[-1].data, ref[-1].data, tol=1e-9):
            return wrong(f"{where}: the value is {mine[-1].data!r}, but micrograd.engine.Value "
                         f"gives {ref[-1].data:.6g}.")
        for k, letter in enumerate("abc"):
            numeric = _central_difference(program, inputs, k)
            if not (close(mine[k].grad, ref[k].grad, tol=1e-6)
                    and close(mine[k].grad, numeric, tol=1e-4)):
                if _compares_numbers(cls) and len(set(inputs)) < len(inputs):
                    return wrong(f"{where}: {letter}.grad is {mine[k].grad:.6g}, but "
                                 f"micrograd.engine.Value gives {ref[k].grad:.6g}. Your class "
                                 "defines __eq__ or __hash__, so backward()'s set of visited "
                                 "nodes takes two nodes holding the same number for one. "
                                 "Remove them: nodes are told apart by identity.")
                return wrong(f"{where}: {letter}.grad is {mine[k].grad:.6g}, but the central "
                             f"difference is {numeric:.6g} and micrograd.engine.Value gives "
                             f"{ref[k].grad:.6g}. Each operation alone is right, so look at "
                             "what they share: does each _backward use only its own out and "
                             "parents, the variables of its own method?")
    return None


@exercise
def check_my_value(MyValue):
    """05: your own Value class, the lecture's way: +, *, ** (a constant exponent), tanh, exp and
    relu, each with its forward value and its _backward closure."""
    if not isinstance(MyValue, type):
        return wrong(f"Give the class itself, MyValue, not {type(MyValue).__name__}: "
                     f"{MyValue!r}.")
    with time_limit(f"Checking {MyValue.__name__}"):  # an operation that loops is stopped
        return _check_my_value(MyValue)


def _check_my_value(MyValue):
    rng = random.Random(0)
    done = []
    for spec in OPERATIONS:
        name, written, method = spec[:3]
        if not _written(MyValue, method):
            problem = wrong(f"{MyValue.__name__} has no {method} method for {written}.")
        else:
            out, _, problem = _call(MyValue, name, method, spec[4](rng), 2)
            if problem is None and out is None:  # still the placeholder `...`
                if not done:
                    return Feedback(False, "Replace the ... with your answer, then run the "
                                    "cell again.", verdict=NOT_ANSWERED)
                return wrong(f"{', '.join(done)} {'is' if len(done) == 1 else 'are'} right. "
                             f"Next: {written} returns None so far; write it, and end it with "
                             "`return out`.")
            if problem is None:  # a Feedback for a wrong answer is falsy: compare with None
                problem = _check_one(MyValue, spec, rng)
        if problem is not None:
            if done:
                problem.message = (f"{', '.join(done)} {'is' if len(done) == 1 else 'are'} "
                                   f"right. {problem.message}")
            return problem
        done.append(name)
    problem = _check_expressions(MyValue, rng)
    if problem is not None:
        return problem
    return right("All six operations are right: each alone at a dozen random inputs, and 200 "
                 "expressions of them, random ones and a few made to be hard (nodes reused, "
                 "eight deep, equal inputs), give the same values and gradients as "
                 "micrograd.engine.Value and as central differences.")


# ---- 2 * a, a + 1, 1 - a: the reflected operations ------------------------------------------

# how it is written (k a number), the method, the operation, and d/da
REFLECTED = [("k + a", "__radd__", lambda a, k: k + a, lambda a, k: 1.0),
             ("k * a", "__rmul__", lambda a, k: k * a, lambda a, k: k),
             ("k - a", "__rsub__", lambda a, k: k - a, lambda a, k: -1.0)]


def _reflected_points():
    """(a, k): the notebook's a = 3 with k = 2 and 1, then seeded random ones, ints and floats,
    so that an answer that ignores `other` or mixes up + and * shows."""
    rng = random.Random(5)
    points = [(3.0, 2), (3.0, 1)]
    for _ in range(6):
        k = rng.choice([-3, -1, 4, 5, 0.5, 2.5])
        points.append((round(rng.uniform(-3, 3), 2), k))
    return points


def _returns_none(cls, method):
    try:
        return getattr(cls(3.0), method)(2) is None
    except Exception:  # a learner's code that does something: checked below
        return False


def _reflected_slip(text, method, a, k, got):
    """The hint for a usual slip in one reflected operation, or None."""
    if method == "__rsub__" and close(got, a - k):
        return (f"{k:g} - a at a = {a:g} gave {got:g}, which is a - {k:g}. __rsub__(self, "
                "other) computes other - self: the number comes first.")
    if method == "__radd__" and close(got, a * k) and not close(a * k, a + k):
        return f"{k:g} + a at a = {a:g} gave {got:g}, which is k * a: __radd__ adds."
    if method == "__rmul__" and close(got, a + k) and not close(a * k, a + k):
        return f"{k:g} * a at a = {a:g} gave {got:g}, which is k + a: __rmul__ multiplies."
    return None


@exercise
def check_reflected_ops(MyValue):
    """05: __radd__, __rmul__ and __rsub__, so that 2 + a, 2 * a and 1 - a work on your class.

    Each is tried at 8 pairs of a and a number k (ints and floats, both signs), values and
    gradients; then in sum([a, b, c]) and in 2 * a + 3 * a, where a is used twice.
    """
    if not isinstance(MyValue, type):
        return wrong(f"Give the class itself, not {type(MyValue).__name__}: {MyValue!r}.")
    with time_limit(f"Checking {MyValue.__name__}"):  # an operation that loops is stopped
        return _check_reflected_ops(MyValue)


def _check_reflected_ops(MyValue):
    missing = [method for _, method, *_ in REFLECTED if not _written(MyValue, method)]
    if missing:
        return wrong(f"{MyValue.__name__} has no {', '.join(missing)}: write "
                     f"{'it' if len(missing) == 1 else 'them'}.")
    placeholders = [method for _, method, *_ in REFLECTED if _returns_none(MyValue, method)]
    if len(placeholders) == len(REFLECTED):
        return Feedback(False, "Replace the ... with your answer, then run the cell again.",
                        verdict=NOT_ANSWERED)
    for text, method, f, grad in REFLECTED:
        for a0, k in _reflected_points():
            written = text.replace("k", f"{k:g}")
            a = MyValue(a0)
            out, problem = run(f, a, k, what=f"{written} at a = {a0:g}")
            if problem is not None:
                if "RecursionError" in problem.message:
                    problem.message = (f"{written} at a = {a0:g} raised RecursionError: with "
                                       "other a number, other + self (or other * self, other - "
                                       f"self) asks Python for your {method} again, which asks "
                                       "again, forever. Write it with self first: self + "
                                       "other, self * other, self * -1 + other.")
                elif method == "__rsub__":
                    problem.message += (". Your class has no - (and no unary -): write other - "
                                        "self with the operations it has, as self * -1 + other.")
                return problem
            if out is None:
                return wrong(f"{written}: {method} returns None. Return the result, e.g. "
                             "`return self * other`.")
            if not _is_node(out):
                return wrong(f"{written} gave {type(out).__name__}: {out!r}, not a node of your "
                             "class. Compute it with your class's operations.")
            want = f(a0, k)
            if not close(out.data, want):
                hint = _reflected_slip(text, method, a0, k, out.data)
                if hint is not None:
                    return wrong(hint)
                return wrong(f"{written} at a = {a0:g} should be {want:g}, but yours gives "
                             f"{out.data!r}. Use other, the number you are given, not a number "
                             "of your own.")
            _, problem = run(out.backward, what=f"({written}).backward()")
            if problem is not None:
                return problem
            if not close(a.grad, grad(a0, k)):
                return wrong(f"After ({written}).backward() at a = {a0:g}, a.grad should be "
                             f"{grad(a0, k):g}, but it is {a.grad:g}. Build the result from "
                             "your operations, so that backward() can pass the gradient "
                             "through.")
    return _check_reflected_in_graphs(MyValue)


def _check_reflected_in_graphs(MyValue):
    """sum([a, b, c]) starts with 0 + a, so it needs __radd__; 2 * a + 3 * a uses a twice."""
    a, b, c = MyValue(1.5), MyValue(-2.0), MyValue(0.5)
    out, problem = run(sum, [a, b, c], what="sum([a, b, c])")
    if problem is not None:
        return problem
    if out is None or not _is_node(out) or not close(out.data, 0.0):
        return wrong(f"sum([a, b, c]) with a = 1.5, b = -2, c = 0.5 gave {out!r}, not 0. sum "
                     "starts with 0 + a, which calls your __radd__.")
    out.backward()
    if not all(close(v.grad, 1.0) for v in (a, b, c)):
        return wrong("After sum([a, b, c]).backward() every gradient should be 1, but they are "
                     f"{a.grad:g}, {b.grad:g}, {c.grad:g}.")
    a = MyValue(1.5)
    out, problem = run(lambda: 2 * a + 3 * a, what="2 * a + 3 * a")
    if problem is not None:
        return problem
    out.backward()
    if not close(a.grad, 5.0):
        return wrong(f"In 2 * a + 3 * a, a is used twice: a.grad should be 2 + 3 = 5, but it is "
                     f"{a.grad:g}.")
    return right("k + a, k * a and k - a work, values and gradients, for ints and floats of "
                 "both signs, in sum() and with a used twice: Python first asks the number "
                 "(int.__mul__), which does not know your class, then your __rmul__.")
