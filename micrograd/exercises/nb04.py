"""Notebook 04, automatic backpropagation: the checkers of its exercises."""

import numbers
import random

from micrograd.engine import Value, topological_order
from micrograd.exercises.feedback import close, exercise, number_answers, right, run, wrong
from micrograd.exercises.graphs import EXAMPLES

# notebook 04: local derivatives, accumulation, a backward pass of your own, sigmoid from exp

@exercise
@number_answers()
def check_division_local_grads(dc_da, dc_db):
    """04: the local derivatives of c = a / b at a = 3, b = 2: dc/da = 1/b, dc/db = -a/b²."""
    if close(dc_da, 0.5) and close(dc_db, -0.75):
        return right("dc/da = 1/b = 0.5 and dc/db = -a/b² = -0.75: the same numbers that "
                     "__truediv__ stores in _local_grads.")
    if not close(dc_da, 0.5):
        if close(dc_da, 2.0):
            return wrong("dc/da is 1/b, not b: c = a · (1/b), so a is multiplied by 1/b.")
        return wrong("dc/da: treat b as a fixed number, so c = a · (1/b) is a line in a; "
                     "its slope is 1/b.")
    if close(dc_db, 0.75):
        return wrong("dc/da is right. dc/db has the right size but the wrong sign: a bigger "
                     "divisor makes c smaller.")
    if close(dc_db, -0.25):
        return wrong("dc/da is right. dc/db = -a/b²: the a is missing, as c = a · b⁻¹.")
    if close(dc_db, -1.5):
        return wrong("dc/da is right. For dc/db, c = a · b⁻¹, and the slope of b⁻¹ is -b⁻², "
                     "so dc/db = -a/b², with b squared.")
    return wrong("dc/da is right. For dc/db, write c = a · b⁻¹ and use the power rule on b⁻¹.")


@exercise
@number_answers()
def check_reused_node_grad(a_grad):
    """04: a.grad for c = a * a + a at a = 3: a is used three times, dc/da = 2a + 1 = 7."""
    if close(a_grad, 7.0):
        return right("2a + 1 = 7: a gets 3 + 3 from the two sides of a * a, and 1 from + a. "
                     "Each use adds its share, which is why _backward uses +=.")
    if close(a_grad, 3.0) or close(a_grad, 1.0):
        return wrong("That is what you get if each use overwrites a.grad (=) instead of adding "
                     "to it (+=). a is used three times; add up what each use contributes.")
    if close(a_grad, 6.0):
        return wrong("6 = 2a is the a * a part. The + a at the end passes on a gradient too.")
    if close(a_grad, 12.0) or close(a_grad, 9.0):
        return wrong(f"{a_grad:g} is a value of the graph (c = 12, a * a = 9), not a gradient: "
                     "add up what each use of a contributes to dc/da.")
    if close(a_grad, 4.0):
        return wrong("a * a uses a twice: each side contributes the other side's value, 3, so "
                     "together 6, not 3. Then add the + a part.")
    return wrong("Add up one contribution per use of a: each side of a * a gives the other "
                 "side's value (3), and + a gives 1. Check with c.backward().")


# ---- my_backward: the usual slips, each written out, to recognise it in a learner's answer ----

def _parents_right_after(root):
    """Pre-order recursion: a node passes its gradient on, then its parents do, at once."""
    def visit(node):
        node._backward()
        for parent in node._prev:
            visit(parent)
    root.grad = 1.0
    visit(root)


def _seed_every_node(root):
    """The recursion of my_backward into the parents, so every node's .grad is set to 1."""
    root.grad = 1.0
    root._backward()
    for parent in root._prev:
        _seed_every_node(parent)


def _breadth_first(root):
    """A queue from root, each node once, in the order it is first reached: no sort."""
    root.grad = 1.0
    queue, seen = [root], {root}
    while queue:
        node = queue.pop(0)
        node._backward()
        for parent in node._prev:
            if parent not in seen:
                seen.add(parent)
                queue.append(parent)


def _breadth_first_every_path(root):
    """A queue from root, a node each time it is reached."""
    root.grad = 1.0
    queue = [root]
    while queue:
        node = queue.pop(0)
        node._backward()
        queue.extend(node._prev)


def _forward_order(root):
    root.grad = 1.0
    for node in topological_order(root):
        node._backward()


def _twice(root):
    root.grad = 1.0
    for _ in range(2):
        for node in reversed(topological_order(root)):
            node._backward()


def _twice_by_backward(root):
    """The loop, then root.backward() as well: the inputs get their gradients twice."""
    root.backward()
    root.backward()


def _sorted_by(key):
    """The lecture's build_topo, but with `key(node)` in the set of visited nodes."""
    def backward(root):
        order, visited = [], set()

        def build(v):
            if key(v) not in visited:
                visited.add(key(v))
                for child in v._prev:
                    build(child)
                order.append(v)
        build(root)
        root.grad = 1.0
        for node in reversed(order):
            node._backward()
    return backward


_ONCE = ("Set root.grad = 1, then call node._backward() once for every node, in "
         "reversed(topological_order(root)): a node passes its gradient on only after every "
         "node that uses it has passed it its share.")
_SLIPS = [
    (_forward_order, "The order is the wrong way round: topological_order(root) lists the inputs "
     "first and root last, so a node would pass its gradient on before it has received it. "
     "Loop over reversed(topological_order(root))."),
    (_parents_right_after, "Your walk calls a node's _backward() and then goes straight on to "
     "its parents, so a node used twice (s in s * s + s) passes its gradient on before it has "
     "received all of it, and again each time it is reached. " + _ONCE),
    (_seed_every_node, "Your function sets .grad = 1 at every node it recurses into; only root "
     "starts at 1, the others receive theirs from the nodes that use them. " + _ONCE),
    (_breadth_first, "A breadth-first walk from root (a queue) reaches each node once, but not "
     "always after every node that uses it: a node reached first along a short path passes its "
     "gradient on before the share from the longer path has arrived. Sort the nodes instead: "
     "reversed(topological_order(root))."),
    (_breadth_first_every_path, "Your walk visits a node each time it reaches it, so a node "
     "used twice passes its gradient on twice, the first time before it has received all of "
     "it. " + _ONCE),
    (_twice, "Your gradients are too large, as if each node's _backward() ran twice (the "
     "loop ran twice, or root.backward() ran as well as your loop). " + _ONCE),
    (_twice_by_backward, "The inputs' gradients are twice too large, as if the backward pass "
     "ran twice: your loop and root.backward() as well, or root.backward() twice. Do it once."),
    (_sorted_by(lambda v: v.data), "Two different nodes holding the same number were taken for "
     "one: your walk keeps node.data in its set of visited nodes. Keep the nodes themselves "
     "(visited.add(v)), as topological_order(root) does."),
    (_sorted_by(lambda v: v.label), "Two different nodes with the same label were taken for one: "
     "your walk keeps node.label in its set of visited nodes. Keep the nodes themselves "
     "(visited.add(v)), as topological_order(root) does."),
]


def _grads(root):
    return [node.grad for node in topological_order(root)]


def _matches(g, w):
    return isinstance(g, numbers.Real) and close(g, w)


def _same(got, want):
    return len(got) == len(want) and all(_matches(g, w) for g, w in zip(got, want))


def _first_difference(root, got, want):
    """How to name the first node whose gradient is off: an input by its label if it can."""
    nodes = topological_order(root)
    off = [k for k, (g, w) in enumerate(zip(got, want)) if not _matches(g, w)]
    k = next((k for k in off if nodes[k].label and not nodes[k]._prev), off[0])
    node = nodes[k]
    name = (f"{node.label}.grad" if node.label and not node._prev
            else f"the gradient of the {node._op!r} node holding {node.data:.4g}")
    shown = f"{got[k]:.4g}" if isinstance(got[k], numbers.Real) else repr(got[k])
    return f"{name} is {shown} where backward() gives {want[k]:.4g}"


@exercise
def check_my_backward(my_backward):
    """04: a function my_backward(root) that fills in every .grad, as root.backward() does.

    It runs on graphs where an inner node is used twice, where paths of different lengths lead
    to the same node, twelve levels deep, with different nodes of the same number and label,
    and on 20 random graphs (graphs.py); every node's gradient must match backward()'s.
    """
    if not callable(my_backward):
        return wrong(f"Give the function itself, my_backward, not {type(my_backward).__name__}: "
                     f"{my_backward!r}.")
    results = []  # (text, build, the learner's graph, its gradients, backward()'s gradients)
    for text, build in EXAMPLES:
        root = build()
        _, problem = run(my_backward, root, what=f"my_backward(root), on {text},")
        if problem is not None:
            problem.message += (". Loop over reversed(topological_order(root)) and call "
                                "node._backward().")
            return problem
        expected = build()
        expected.backward()
        results.append((text, build, root, _grads(root), _grads(expected)))
    failed = [r for r in results if not _same(r[3], r[4])]
    if not failed:
        return right(f"Your function gives every node the gradient backward() gives, on "
                     f"{len(EXAMPLES)} graphs: nodes used twice, paths of different lengths, "
                     "twelve levels deep, different nodes with the same number and label, and "
                     "random ones.")
    text, _, root, got, want = failed[0]
    if all(g == 0 for g in got):
        return wrong("Every gradient is still 0. Start with root.grad = 1: d root / d root is "
                     "1, and that is what the first _backward() passes on.")
    if close(root.grad, 1.0) and all(g == 0 for g in got[:-1]):
        return wrong("root.grad is 1, but no other gradient moved: call _backward() on root "
                     "too (reversed(topological_order(root)) starts with it), and walk the "
                     "graph of root, the argument, not a graph of the notebook's.")
    for slip, hint in _SLIPS:
        slipped = []
        for _, build, *_ in results:
            graph = build()
            slip(graph)
            slipped.append(_grads(graph))
        if all(_same(r[3], s) for r, s in zip(results, slipped)):
            return wrong(f"On {text}, {_first_difference(root, got, want)}. {hint}")
    return wrong(f"On {text}, {_first_difference(root, got, want)}. " + _ONCE)


def _sigmoid_points():
    """The points my_sigmoid is tried at: a few by hand, and ten seeded random ones."""
    rng = random.Random(4)
    return [-2.0, -0.5, 0.0, 0.8, 3.0] + [round(rng.uniform(-6, 6), 3) for _ in range(10)]


@exercise
def check_sigmoid_from_exp(my_sigmoid):
    """04: my_sigmoid(x) = 1 / (1 + exp(-x)) from Value operations: same value and gradient as
    Value.sigmoid() at 15 points, with x an inner node of a larger graph that uses the result
    twice."""
    if not callable(my_sigmoid):
        return wrong(f"Give the function itself, my_sigmoid, not {type(my_sigmoid).__name__}.")

    for x0 in _sigmoid_points():
        # x = a · 2 + b is an inner node, and the result is used twice: out · out + out
        a, b = Value(x0 / 4, label="a"), Value(x0 / 2, label="b")
        x = a * 2 + b
        out, problem = run(my_sigmoid, x, what=f"my_sigmoid(x) at x = {x0}")
        if problem is not None:
            return problem
        if out is None:
            return wrong("my_sigmoid(x) returned None: end it with return and the Value it "
                         "builds, as return 1 / (1 + ...).")
        if not isinstance(out, Value):
            return wrong(f"my_sigmoid returned {type(out).__name__}, not a Value. Build it from "
                         "Value operations, such as (-x).exp(), so that backward() can pass "
                         "gradients through it; math.exp works on plain numbers only.")
        if x.data != x0:
            return wrong(f"my_sigmoid changed x.data (from {x0} to {x.data}): build new Values "
                         "from x, such as -x, and leave x as it is.")
        if a.grad != 0 or b.grad != 0:
            return wrong("Your function passes gradients back by itself (does it call "
                         "backward()?). Leave that to whoever uses the result: return the new "
                         "Value, and nothing more.")
        if any(node._op == "sigmoid" for node in topological_order(out)):
            return wrong("That uses Value.sigmoid() itself. Build it from exp instead: "
                         "1 / (1 + (-x).exp()).")
        ra, rb = Value(x0 / 4), Value(x0 / 2)
        expected = (ra * 2 + rb).sigmoid()
        if not close(out.data, expected.data):
            if close(out.data, 1 - expected.data):
                return wrong(f"At x = {x0} your function gives {out.data:.4f}, which is "
                             "1 - s(x) = s(-x): 1 / (1 + e^x) or e^(-x) / (1 + e^(-x)). Mind the "
                             "minus sign in e^(-x), and the 1 on top: 1 / (1 + e^(-x)).")
            return wrong(f"At x = {x0} your function gives {out.data:.4f}, but the sigmoid is "
                         f"{expected.data:.4f}. It is 1 / (1 + e^(-x)): mind the minus sign.")
        (out * out + out).backward()
        (expected * expected + expected).backward()
        if not close(a.grad, ra.grad) or not close(b.grad, rb.grad):
            if a.grad == 0 and b.grad == 0:
                return wrong(f"At x = {x0} the value is right but no gradient reaches x. Did "
                             "you use x itself (not x.data) everywhere?")
            return wrong(f"At x = {x0} the value is right but the gradient that reaches x is "
                         f"{b.grad:.4f}, not {rb.grad:.4f}. Did you use x itself (not x.data) "
                         "everywhere?")
    return right("Built from exp, + and /, your sigmoid has the same values and gradients as "
                 "Value.sigmoid(), which uses the shortcut s·(1 - s), at 15 points, inside a "
                 "larger graph.")
