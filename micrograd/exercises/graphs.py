"""The graphs a checker runs a learner's graph walk on (count_nodes in notebook 02, my_backward in
notebook 04), each built to catch a mistake that a single small example lets through:

  * an inner node used more than once (s in s * s + s), so the order of the walk matters;
  * paths of different lengths to the same node, and a graph six or more levels deep, so that a
    walk that stops after two levels, or passes a gradient on too early, shows;
  * different nodes holding the same number and the same label, so that telling nodes apart by
    `.data` or `.label`, instead of by the node itself, shows;
  * random graphs (seeded: every run checks the same ones), for what no one thought of.

Each example is a function that builds a fresh graph, so a walk that changes one graph (a
backward pass fills in .grad) leaves the next run untouched.
"""

import random

from micrograd.engine import Value


def reused_inner_node():
    """s = a * b; out = s * s + s: s is used three times, on paths of length 1 and 2."""
    a, b = Value(0.6, label="a"), Value(-1.3, label="b")
    s = a * b
    s.label = "s"
    out = s * s + s
    out.label = "out"
    return out


def long_and_short_paths():
    """h = a * b reaches out along paths of 1, 2 and 6 steps; the graph is 7 levels deep."""
    a, b = Value(0.9, label="a"), Value(-0.4, label="b")
    h = a * b
    c = h.tanh()
    d = c * a
    e = d + h
    f = e.tanh()
    g = f * h
    out = g + c + h
    out.label = "out"
    return out


def twins():
    """Two different inputs both Value(2.0, label="x"), and two different products that hold the
    same number with the same label: only the nodes themselves tell them apart."""
    x1, x2, y = Value(2.0, label="x"), Value(2.0, label="x"), Value(-0.5, label="y")
    p1, p2 = x1 * y, x2 * y
    p1.label = p2.label = "p"
    out = p1 * p2 + p1 + x2
    out.label = "out"
    return out


def deep_chain():
    """Twelve levels: v = tanh(v · x + x) again and again, x used at every level."""
    x = Value(0.7, label="x")
    v = x
    for _ in range(6):
        v = (v * x + x).tanh()
    v.label = "out"
    return v


def random_graph(seed):
    """A random graph: 2 or 3 inputs with numbers and labels drawn from a few (so some are
    equal), 4 to 10 operations on earlier nodes (often a recent one, so it grows deep), and
    the sum of the nodes that no operation used as its output."""
    rng = random.Random(seed)
    nodes = [Value(rng.choice([-1.5, -0.5, 0.5, 1.0, 2.0]), label=rng.choice("xy"))
             for _ in range(rng.randint(2, 3))]
    used = set()
    for _ in range(rng.randint(4, 10)):
        i = max(0, len(nodes) - 1 - rng.randrange(3))  # a recent node: the graph grows deep
        j = rng.randrange(len(nodes))  # any node, the same one sometimes
        op = rng.choice(["+", "*", "*", "tanh", "-"])
        a, b = nodes[i], nodes[j]
        used.update((i,) if op == "tanh" else (i, j))
        out = a + b if op == "+" else a * b if op == "*" else a - b if op == "-" else a.tanh()
        if abs(out.data) > 3:
            out = out.tanh()
        nodes.append(out)
    sinks = [n for k, n in enumerate(nodes) if k not in used]
    out = sinks[0]
    for n in sinks[1:]:
        out = out + n
    return out


# (how the graph is made, in words; a function that builds it anew)
EXAMPLES = [
    ("s = a * b; out = s * s + s", reused_inner_node),
    ("h = a * b; c = tanh(h); out = tanh(c * a + h) * h + c + h", long_and_short_paths),
    ("p1 = x1 * y; p2 = x2 * y; out = p1 * p2 + p1 + x2, with x1 and x2 both "
     "Value(2.0, label='x')", twins),
    ("v = x; six times v = tanh(v * x + x)", deep_chain),
] + [(f"random graph {seed}", lambda seed=seed: random_graph(seed)) for seed in range(20)]
