"""Notebook 02, the Value class: the checkers of its exercises."""

import numbers

from micrograd.engine import Value, topological_order
from micrograd.exercises.feedback import close, exercise, number_answers, right, run, wrong
from micrograd.exercises.graphs import EXAMPLES

# notebook 02: the Value class and its graph

@exercise
@number_answers("the number of Values")
def check_node_count(n):
    """02: how many Values the graph of y = m·x + c holds: m, x, c, mx and y."""
    if isinstance(n, bool) or not isinstance(n, numbers.Real) or n != int(n):
        return wrong(f"Give a whole number of Values, not {type(n).__name__}: {n!r}.")
    if n == 5:
        return right("Three inputs (m, x, c), and one new Value per operation (mx and y).")
    if n == 3:
        return wrong("3 counts the inputs only: every operation makes a new Value too.")
    if n == 2:
        return wrong("2 counts the operations only: the inputs m, x and c are Values too.")
    return wrong(f"{n} is not it. List them: the inputs you made with Value(...), plus one new "
                 "Value for each * and +.")


def _labels(nodes):
    return sorted(getattr(p, "label", "?") for p in nodes)


@exercise
def check_abc_graph(d):
    """02: d = a·b + c with a = 2, b = -3, c = 10, a·b labelled "e" and the sum labelled "d"."""
    if not all(hasattr(d, attr) for attr in ("data", "_prev", "_op")):
        return wrong(f"Pass the final Value d itself, not {type(d).__name__}: {d!r}.")
    if d._op != "+":
        return wrong(f"d should be made by '+' (a·b + c), but its operation is {d._op!r}.")
    if getattr(d, "label", "") != "d":
        return wrong('Label the final Value: d.label = "d".')
    parents = list(d._prev)
    e = next((p for p in parents if getattr(p, "_op", "") == "*"), None)
    if len(parents) != 2 or e is None:
        return wrong("d's two parents should be e = a * b and c. Build e first, then d = e + c.")
    if getattr(e, "label", "") != "e":
        return wrong('Label the product: e.label = "e".')
    if _labels(e._prev) != ["a", "b"]:
        return wrong(f"e should be a * b, with the inputs labelled 'a' and 'b'; its parents "
                     f"are labelled {_labels(e._prev)}.")
    c = next((p for p in parents if p is not e), None)
    if c is None:
        return wrong("d uses e twice (e + e). It should be e + c, with c = Value(10.0, "
                     "label='c').")
    if getattr(c, "label", "") != "c":
        return wrong("Label the input c: Value(10.0, label='c').")
    a, b = sorted(e._prev, key=lambda p: p.label)
    for node, expected in ((a, 2.0), (b, -3.0), (c, 10.0)):
        if not close(node.data, expected):
            return wrong(f"{node.label} holds {node.data}, but the exercise asks for "
                         f"{node.label} = {expected:g}.")
    if not close(d.data, 4.0):
        return wrong(f"d.data is {d.data}, but 2 · (-3) + 10 = 4. Check the numbers in a, b "
                     "and c.")
    return right("d = 4.0, and it remembers how it was made: e = a * b, then e + c.")


# ---- count_nodes: the usual slips, each written out, to recognise it in a learner's answer ----

def _levels(depth):
    """A walk that goes `depth` levels below v and no further (a loop over v._prev, and over
    their _prev, written out by hand)."""
    def count(v):
        seen, level = {v}, [v]
        for _ in range(depth):
            level = [p for node in level for p in node._prev]
            seen.update(level)
        return len(seen)
    return count


def _every_path(v):
    return 1 + sum(_every_path(p) for p in v._prev)


def _by(key):
    """The walk, with key(node) in the set of seen Values instead of the node itself."""
    def count(v):
        seen, to_visit = set(), [v]
        while to_visit:
            node = to_visit.pop()
            if key(node) not in seen:
                seen.add(key(node))
                to_visit.extend(node._prev)
        return len(seen)
    return count


_SLIPS = [
    (_every_path, "A Value reached along two paths is counted twice: keep a set of the Values "
     "you have seen and skip those already in it."),
    *[(slip, "Two different Values holding the same number were counted as one: your set "
       "keeps node.data. Put the Values themselves in it, seen.add(node).")
      for slip in (_by(lambda node: node.data),
                   lambda v: len({node.data for node in topological_order(v)}))],
    *[(slip, "Two different Values with the same label were counted as one: your set (or "
       "dict) keeps node.label. Put the Values themselves in it, seen.add(node).")
      for slip in (_by(lambda node: node.label),
                   lambda v: len({node.label for node in topological_order(v)}))],
    (lambda v: 1 + len(v._prev), "That counts v and its parents only. Keep going until there "
     "is nothing left to visit: a list of Values to visit, from which you take one at a time "
     "and add its _prev."),
    (lambda v: len(topological_order(v)) - 1, "One short: count v itself too."),
    (lambda v: sum(1 for node in topological_order(v) if not node._prev), "That counts the "
     "inputs only; the Values that operations made count too."),
] + [(_levels(depth), f"Your count stops {depth} level{'s' if depth > 1 else ''} below v. "
      "Keep going until there is nothing left to visit: a list of Values to visit, from "
      "which you take one at a time and add its _prev.") for depth in (1, 2, 3, 4)]


@exercise
def check_count_nodes(count_nodes):
    """02: a function that counts the distinct Values in the graph behind a Value.

    It runs on a single Value, on y = m*x + c, on a * a, and on the graphs of graphs.py: an
    inner node used three times, paths of different lengths, twelve levels deep, different
    Values with the same number and label, and 20 random graphs.
    """
    if not callable(count_nodes):
        return wrong(f"Pass the function itself, count_nodes, without calling it; got "
                     f"{type(count_nodes).__name__}.")
    a = Value(3.0, label="a")
    cases = [("a single Value", lambda: Value(1.0)),
             ("y = m*x + c", lambda: Value(2.0) * Value(3.0) + Value(1.0)),
             ("a * a (one input used twice)", lambda: a * a)] + EXAMPLES
    counts = []
    for name, build in cases:
        root = build()
        got, problem = run(count_nodes, root, what=f"count_nodes(v), for v = {name},")
        if problem is not None:
            return problem
        if isinstance(got, bool) or not isinstance(got, numbers.Integral):
            return wrong(f"For {name} it returned {type(got).__name__} {got!r}, not a whole "
                         "number: return len(seen), the number of Values you have seen.")
        counts.append(got)
    wanted = [len(topological_order(build())) for _, build in cases]
    off = [k for k, (got, want) in enumerate(zip(counts, wanted)) if got != want]
    if not off:
        return right(f"It walks the whole graph and counts a shared Value once, on "
                     f"{len(cases)} graphs: up to twelve levels deep, Values used two and three "
                     "times, different Values with the same number and label, random ones.")
    k = off[0]
    said = (f"For {cases[k][0]} it returned {counts[k]}, but the graph holds {wanted[k]} "
            f"distinct Value{'s' if wanted[k] > 1 else ''}.")
    for slip, hint in _SLIPS:
        if all(slip(build()) == got for (_, build), got in zip(cases, counts)):
            return wrong(f"{said} {hint}")
    if counts[k] > wanted[k]:
        return wrong(f"{said} Is a Value reached along two paths counted twice? Keep a set of "
                     "the Values you have seen, and skip those already in it.")
    return wrong(f"{said} Follow v._prev from every Value you visit, and keep the Values "
                 "themselves (not their numbers or labels) in your set.")
