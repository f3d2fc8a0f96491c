# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] slideshow={"slide_type": "slide"}
# # 4. Automatic backpropagation
#
# In notebook 3 you filled in every gradient of a neuron by hand, one node at a time. Here the
# computer does it for you, and you will see exactly how.
#
# **After this notebook you will be able to:**
#
# - say what each operation's **local derivative** is, and where the engine keeps it;
# - put the nodes of a graph in **topological order** and run the backward pass as a loop;
# - explain why gradients are **added up** (`+=`) and never overwritten;
# - explain why the engine sorts **without recursion**;
# - check gradients against a **numerical estimate** with `gradcheck`;
# - step through a backward pass **node by node** with the backprop stepper.

# %% [markdown] slideshow={"slide_type": "notes"}
# > **For the teacher** · speaker notes, hidden in the slides
# >
# > The one idea of this notebook: backpropagation is a loop. Every node knows only
# > its own local derivatives; the chain rule, applied in the right order, does the rest. If time
# > is short, do sections 1, 2 and 7 (the stepper) and leave the others for homework.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. Every operation knows its local derivative
#
# When the engine computes `c = a * b`, it works out two things at once:
#
# - the **forward value**, `c.data = a.data * b.data`, and
# - the **local derivatives**: how much `c` moves when `a` or `b` moves, here ∂c/∂a = b and
#   ∂c/∂b = a.
#
# It stores the local derivatives in `c._local_grads`, one per parent, in the same order as
# `c._prev`.

# %% slideshow={"slide_type": "fragment"}
from micrograd.engine import Value

a = Value(3.0, label="a")
b = Value(2.0, label="b")
c = a * b
print("parents:        ", [p.label for p in c._prev])
print("forward value:  ", c.data)
print("local gradients:", c._local_grads)

# %% [markdown]
# Notice: ∂c/∂a is 2.0, the value of `b`, and ∂c/∂b is 3.0, the value of `a`. A product's
# slope in one factor is the other factor.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The table of local derivatives
#
# | operation | forward value | local derivative(s) |
# |---|---|---|
# | `a + b` | a + b | ∂/∂a = 1, ∂/∂b = 1 |
# | `a * b` | a · b | ∂/∂a = b, ∂/∂b = a |
# | `a - b` | a − b | ∂/∂a = 1, ∂/∂b = −1 |
# | `-a` | −a | −1 |
# | `a / b` | a / b | ∂/∂a = 1/b, ∂/∂b = −a/b² |
# | `x ** n` (n a number) | xⁿ | n · xⁿ⁻¹ |
# | `x.tanh()` | t = tanh x | 1 − t² |
# | `x.exp()` | eˣ | eˣ |
# | `x.log()` | ln x | 1/x |
# | `x.relu()` | max(0, x) | 1 if x > 0, else 0 |
# | `x.sigmoid()` | s = 1 / (1 + e⁻ˣ) | s · (1 − s) |
#
# Open `micrograd/engine.py`: each of these is one method, and in each the line that computes the
# forward value is directly followed by the local derivative, side by side. Notice that tanh,
# exp and sigmoid reuse their own output (t, eˣ, s) to get the slope: nothing is computed twice.
#
# Each method's docstring holds its formula too, so `help` shows it:

# %%
help(Value.tanh)

# %% [markdown] slideshow={"slide_type": "subslide"}
# The engine can print the same table for us, at a = 3 and b = 2:

# %% slideshow={"slide_type": "fragment"}
operations = {
    "a + b": a + b,
    "a * b": a * b,
    "a - b": a - b,
    "a / b": a / b,
    "a ** 2": a**2,
    "a.tanh()": a.tanh(),
    "a.exp()": a.exp(),
    "a.log()": a.log(),
    "a.relu()": a.relu(),
    "a.sigmoid()": a.sigmoid(),
}
for name, out in operations.items():
    grads = ", ".join(f"{g:8.4f}" for g in out._local_grads)
    print(f"{name:12} forward {out.data:8.4f}   local derivative(s) {grads}")

# %% [markdown]
# Check a few rows against the table: for `a / b`, 1/b = 0.5 and −a/b² = −0.75; for `a ** 2`,
# 2 · 3 = 6; for `a.tanh()`, tanh 3 is almost 1, so its slope 1 − t² is almost 0.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. Topological order: who goes first
#
# Here is the neuron from notebook 3, with three inputs, a bias, and a tanh at the end:
#
# output = tanh(w0·x0 + w1·x1 + w2·x2 + b)
#
# We build it as in notebook 3, step by step with a label on every node, so that we can print
# their names: `y` is the sum, `output` its tanh.


# %% slideshow={"slide_type": "subslide"}
def worked_neuron():
    """The neuron of notebook 3: its output, and its inputs and parameters by name."""
    w0, x0 = Value(1.3, label="w0"), Value(1.6, label="x0")
    w1, x1 = Value(1.2, label="w1"), Value(0.8, label="x1")
    w2, x2 = Value(1.1, label="w2"), Value(0.5, label="x2")
    b = Value(0.2, label="b")
    w0x0 = w0 * x0
    w0x0.label = "w0.x0"
    w1x1 = w1 * x1
    w1x1.label = "w1.x1"
    w2x2 = w2 * x2
    w2x2.label = "w2.x2"
    s01 = w0x0 + w1x1
    s01.label = "w0x0 + w1x1"
    s012 = s01 + w2x2
    s012.label = "w0x0 + w1x1 + w2x2"
    y = s012 + b
    y.label = "y"
    output = y.tanh()
    output.label = "output"
    return output, {"w0": w0, "x0": x0, "w1": w1, "x1": x1, "w2": w2, "x2": x2, "b": b}


output, leaves = worked_neuron()
print(f"output = {output.data:.4f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# A node may pass its gradient on to its parents only once its own gradient is complete, that is,
# once every node that *uses* it has passed its share back. An order in which every node comes
# after all of its parents is a **topological order**. Walked backwards, it puts every node after
# all of its users: just what the backward pass needs.

# %% slideshow={"slide_type": "fragment"}
from micrograd.engine import topological_order

order = topological_order(output)
for i, node in enumerate(order):
    print(f"{i:2}  {node.label}")

# %% [markdown]
# Notice: every product comes after the two numbers it multiplies, every sum after its two
# parts, and `output` is last. Read the list from the bottom up and you go from the output back
# to the inputs, the direction you worked in in notebook 3.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The backward pass is a loop
#
# Start every gradient at 0 and `output.grad` at 1 (the output changes exactly as fast as
# itself), then walk the order backwards and let each node pass its gradient to its parents with
# `node._backward()`. All `_backward()` does is the chain rule: for each parent,
# `parent.grad += local derivative × node.grad`.

# %% slideshow={"slide_type": "fragment"}
for node in order:
    node.grad = 0.0  # from 0: `+=` would add to what a previous run left
output.grad = 1.0
for node in reversed(order):
    node._backward()

for name, leaf in leaves.items():
    print(f"{name:2}  grad {leaf.grad:.6f}")

# %% [markdown]
# These are the numbers you worked out by hand in notebook 3. They are small because tanh is
# nearly flat at y = 3.79: its slope there is 1 − 0.9990² ≈ 0.0020, and every gradient is
# multiplied by it on the way back.

# %% [markdown] slideshow={"slide_type": "subslide"}
# `output.backward()` is this loop, with one difference at the start: it sets the gradients of
# the nodes *in between* to 0, but leaves those of the inputs and weights (the leaves) as they
# are, so that a leaf's gradient can add up over several calls (section 3 shows what that
# means). On a fresh copy of the neuron, where every gradient starts at 0, it gives the same
# gradients as our loop:

# %%
output2, leaves2 = worked_neuron()
output2.backward()
same = all(leaves[name].grad == leaves2[name].grad for name in leaves)
print("backward() gives the same gradients as our loop:", same)

# %% [markdown] slideshow={"slide_type": "subslide"}
# And here is the whole graph with its gradients, drawn by `draw_dot`:

# %%
from micrograd.draw import draw_dot

draw_dot(output2)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. Why gradients are added up: a node used twice
#
# What is the gradient of `b = a + a` with respect to `a`? Since b = 2a, it is **2**. But look at
# the graph: `a` is *both* parents of the `+` node.

# %%
a = Value(3.0, label="a")
b = a + a
b.label = "b"
draw_dot(b, show_grad=False)

# %% [markdown] slideshow={"slide_type": "subslide"}
# Suppose `_backward()` *set* each parent's gradient with `=` instead of adding to it with `+=`.
# Here is that mistake, written out, so that we can run it:


# %% slideshow={"slide_type": "fragment"}
def backward_with_overwrite(root):
    """The WRONG backward pass: parent.grad = ..., so a parent used twice keeps only one share."""
    root.grad = 1.0
    for node in reversed(topological_order(root)):
        for parent, local_grad in zip(node._prev, node._local_grads):
            parent.grad = local_grad * node.grad  # the bug: = instead of +=


backward_with_overwrite(b)
print("with  =, a.grad =", a.grad)

a.grad = 0.0
b.backward()
print("with +=, a.grad =", a.grad)

# %% [markdown]
# With `=`, the second share overwrites the first and `a.grad` is 1: wrong. With `+=`, both shares
# of 1 are added up and `a.grad` is 2, the true slope of 2a. A value that is used in several
# places influences the output along every one of those paths, and the chain rule says to **add**
# the contributions of all paths.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The flip side: reset before you backpropagate again
#
# Because gradients are added up, a second `backward()` adds to what the first one left behind:

# %%
b.backward()
print("after a second backward(), a.grad =", a.grad)

a.grad = 0.0
b.backward()
print("after resetting a.grad to 0 first:  ", a.grad)

# %% [markdown]
# Notice: 4, not 2. This is why training resets every gradient to zero before each backward
# pass (`model.zero_grad()`, in notebook 7).

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Leaves add up, the nodes in between start again
#
# `backward()` resets only the nodes *in between* (those made by an operation) before it starts:
# their gradients mean "d output / d this node" for this one pass. Leaves, the inputs and
# weights, keep adding. Karpathy's lecture engine resets nothing: its `backward()` sets the
# output's gradient to 1 and adds everywhere else, so a second call also adds to the nodes in
# between, and those pass their inflated gradients on to the leaves. Below, the lecture's loop
# is written out and both run twice on a fresh `c = a * a`, whose node in between is `s = a * a`:


# %%
def lecture_backward(root):
    """The lecture's backward(): nothing is reset, only the output's gradient set to 1."""
    root.grad = 1.0
    for node in reversed(topological_order(root)):
        node._backward()


for name, run_backward in [("this engine's backward()", Value.backward),
                           ("the lecture's backward()", lecture_backward)]:
    a = Value(3.0, label="a")
    s = a * a
    s.label = "s"
    c = s + 1
    for call in (1, 2):
        run_backward(c)
        print(f"{name}, call {call}:  s.grad = {s.grad:.1f}   a.grad = {a.grad:.1f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# Notice: with this engine the second call leaves `s.grad` at 1 and adds a second 6 to `a.grad`
# (6 + 6 = 12), as if the two passes were two uses of `a`. The lecture's engine adds to `s` too
# (1 + 1 = 2), so its second pass sends 2 × 6 = 12 to `a`, which ends at 18. Either way, call
# `zero_grad()` (or set the leaves' gradients to 0) before every backward pass that should stand
# on its own.

# %% [markdown] slideshow={"slide_type": "notes"}
# > **For the teacher** · speaker notes, hidden in the slides
# >
# > Ask the room first: "b = a + a, what is db/da?" Everyone says 2. Then ask what
# > the engine would compute if it wrote `=`: most will not see the problem until they run it. The
# > deeper point: the gradient is a sum over all paths from the node to the output. The
# > double-backward demo sets up `zero_grad()` for the training notebook.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. tanh, rebuilt from smaller pieces
#
# tanh is one node with one local derivative, 1 − t². But tanh can also be written with the
# operations we already have:
#
# tanh(x) = (e²ˣ − 1) / (e²ˣ + 1)
#
# Built this way it takes five operations (`*`, `exp`, `-`, `+`, `/`) instead of one, plus the
# constants 2, 1 and 1, which become Values too. Does backpropagation through all those pieces
# give the same gradients as through the one tanh node?


# %% slideshow={"slide_type": "subslide"}
def tanh_from_exp(y):
    """tanh(y) = (e^(2y) - 1) / (e^(2y) + 1), built from *, exp, -, + and /."""
    e = (2 * y).exp()
    e.label = "e^(2y)"
    output = (e - 1) / (e + 1)
    output.label = "output"
    return output


def worked_neuron_with_exp_tanh():
    """The same neuron, with tanh_from_exp in place of the one tanh node."""
    output_tanh, leaves = worked_neuron()
    y = output_tanh._prev[0]  # the sum w0·x0 + w1·x1 + w2·x2 + b, before the tanh
    return tanh_from_exp(y), leaves


# %% slideshow={"slide_type": "subslide"}
out_one, leaves_one = worked_neuron()
out_six, leaves_six = worked_neuron_with_exp_tanh()
out_one.backward()
out_six.backward()
print(f"output:  one tanh node {out_one.data:.6f}    built from exp {out_six.data:.6f}")
for name in leaves_one:
    print(f"{name:2}  grad {leaves_one[name].grad:.6f}    {leaves_six[name].grad:.6f}")

# %% [markdown]
# The same output and the same gradients, to six decimals. The chain rule does not care how
# finely a function is cut into pieces: as long as each piece knows its own local derivative,
# the gradients come out right.

# %% [markdown] slideshow={"slide_type": "subslide"}
# The whole neuron's graph is now too wide to read, so here is just the new tanh, on its own
# input `y = 0.5`, after `backward()`:

# %%
y_alone = Value(0.5, label="y")
tanh_alone = tanh_from_exp(y_alone)
tanh_alone.backward()
draw_dot(tanh_alone)

# %% [markdown]
# Notice the `e^(2y)` node: it is used twice, by the `-` and by the `+`, so its gradient is the
# sum of two shares, as in section 3: 0.26894 through the `-` and −0.12428 through the `+`,
# together 0.14466 (0.1447 in the drawing). And `y.grad` is 0.7864 = 1 − tanh(0.5)², the
# one-node answer (notebook 3, exercise 2).

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. A graph too deep for recursion
#
# The shortest way to write a topological sort is recursive: place a node's parents first, then
# the node.


# %%
def recursive_order(root):
    """Topological order by recursion: fine for small graphs (the engine does not use this)."""
    order, visited = [], set()

    def place(node):
        if node not in visited:
            visited.add(node)
            for parent in node._prev:
                place(parent)
            order.append(node)

    place(root)
    return order


output, _ = worked_neuron()
print("same order as the engine's:", recursive_order(output) == topological_order(output))


# %% [markdown] slideshow={"slide_type": "subslide"}
# Each call to `place` waits for the calls on its parents, so a chain of 5000 nodes needs 5000
# calls waiting at once. Python allows about 1000.


# %%
def chain(depth, factor):
    """x * factor * factor * ... (depth times): a graph one node wide and `depth` nodes deep."""
    x = Value(1.0, label="x")
    y = x
    for _ in range(depth):
        y = y * factor
    return x, y


x, y = chain(5000, 1.0)
try:
    recursive_order(y)
    print("the recursive sort managed")
except RecursionError as error:
    print("the recursive sort failed:", type(error).__name__)

# %% [markdown] slideshow={"slide_type": "subslide"}
# The engine's `topological_order` keeps its own list of nodes still to visit (a stack) instead of
# recursing, so depth costs it nothing. A chain of 100,000 multiplications by 1.00001 is no
# problem, and its gradient is a small surprise:

# %%
x, y = chain(100_000, 1.00001)
print("nodes in order:", len(topological_order(y)))
y.backward()
print(f"dy/dx = 1.00001 ** 100000 = {x.grad:.4f}")
del x, y

# %% [markdown]
# Notice: 200,001 nodes sorted (each multiplication adds two: the constant 1.00001, which becomes
# a Value, and the product), and dy/dx = 1.00001¹⁰⁰⁰⁰⁰ ≈ 2.7183, the number e. Real networks are
# not this deep, but a training loop that keeps extending one graph can easily be.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. Checking gradients numerically
#
# How do we know the engine's gradients are right? Notebook 1 gave us a way that needs no
# calculus: nudge an input by a tiny h and see how the output moves. Nudging both ways, as
# `numerical_grad` did in notebook 3, is more accurate:
#
# df/dx ≈ (f(x + h) − f(x − h)) / 2h.
#
# `gradcheck` does this for every input and compares with `backward()`.

# %% slideshow={"slide_type": "subslide"}
from micrograd.gradcheck import gradcheck


def neuron(w0, x0, w1, x1, w2, x2, b):
    return (w0 * x0 + w1 * x1 + w2 * x2 + b).tanh()


names = ["w0", "x0", "w1", "x1", "w2", "x2", "b"]
point = [1.3, 1.6, 1.2, 0.8, 1.1, 0.5, 0.2]
result = gradcheck(neuron, [Value(v, label=name) for v, name in zip(point, names)])
print("input   backward()    numerical")
for name, analytic, numeric in zip(result.names, result.analytic, result.numeric):
    print(f"{name:5}  {analytic:11.6f}  {numeric:11.6f}")
print("agree:", result.ok, "  worst error below 1e-6:", result.worst_error < 1e-6)

# %% [markdown]
# Every gradient agrees with its numerical estimate. `print(result)` shows the full report,
# errors included. Whenever you add an operation to the engine, check it like this: a wrong
# local derivative shows up at once as a large error.

# %% [markdown] slideshow={"slide_type": "notes"}
# > **For the teacher** · speaker notes, hidden in the slides
# >
# > Why not always use the numerical estimate, if it is so easy? It costs two
# > forward passes per input: for the 337 parameters of the network in notebook 7 that is 674
# > forward passes per step, against one forward and one backward pass for backpropagation. The
# > estimate is for checking, backpropagation for training.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 7. The backprop stepper
#
# Now watch the loop of section 2 one step at a time. Press **Next**: the node with the thick
# border passes its gradient to its parents, and the status line shows the sum it does. Nodes
# with rounded corners have their final gradient. **Back** goes one step back, **Reset** to the
# start.

# %% slideshow={"slide_type": "subslide"}
from micrograd.widgets import backprop_stepper

output, leaves = worked_neuron()
stepper = backprop_stepper(output)
stepper

# %% [markdown] slideshow={"slide_type": "subslide"}
# Things to notice as you step:
#
# - the first step is the tanh: it multiplies output.grad = 1 by its local slope, 0.002040;
# - a `+` node passes its gradient on unchanged, to both parents;
# - a `*` node passes each parent the *other* parent's value times its gradient;
# - an input gets its rounded corners (its gradient is final) as soon as every node that uses it
#   has been done.
#
# One rule for every number, here and in the drawings: 4 decimals (2.0800), and below 0.01 four
# significant digits (0.002040 rather than 0.0020), so every product in the status line adds up:
# 1.6000 × 0.002040 = 0.003264.
#
# The stepper can be driven from code too. This jumps the widget above to step 3:

# %%
stepper.go_to(3)
print(stepper.text)

# %% [markdown] slideshow={"slide_type": "notes"}
# > **For the teacher** · speaker notes, hidden in the slides
# >
# > Present the stepper full screen and let the class call out each gradient before
# > you press Next. Good questions: why does the + node not change the gradient? Why is w0's
# > gradient x0's value times the gradient of w0·x0? When do b's corners turn round, and why?

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - Each operation stores its **local derivatives** beside its forward value.
# - A **topological order** lists every node after its parents; the backward pass walks it in
#   reverse, calling `_backward()` at each node. That loop is `backward()`.
# - A node used in several places gets the **sum** of its shares: `+=`, and `zero_grad()` before
#   each new backward pass.
# - Any composition of operations with correct local derivatives gives correct gradients: tanh as
#   one node or as five operations.
# - The engine sorts with a **stack**, not recursion, so depth is no limit.
# - `gradcheck` compares `backward()` with a **numerical estimate**.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Exercises
#
# Each exercise ends with a `check_...` call that says whether your answer is right, or gives a
# hint. Each exercise has a cell for your answer; the solution below it is hidden: click it to
# reveal.

# %%
from micrograd.exercises import (
    check_division_local_grads,
    check_my_backward,
    check_reused_node_grad,
    check_sigmoid_from_exp,
)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 1.** For c = a / b with a = 3 and b = 2, what are the local derivatives ∂c/∂a and
# ∂c/∂b? Work them out by hand, then compare with `(a / b)._local_grads`.

# %%
dc_da = ...  # your answers
dc_db = ...
check_division_local_grads(dc_da, dc_db)

# %% [markdown] slideshow={"slide_type": "skip"}
# **Solution** (hidden: click the cell below to reveal it)

# %% jupyter={"outputs_hidden": true, "source_hidden": true} slideshow={"slide_type": "skip"}
# Solution: try the exercise yourself before you look
dc_da = 1 / 2  # 1/b
dc_db = -3 / 2**2  # -a/b²
check_division_local_grads(dc_da, dc_db)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 2.** Let a = 3 and c = a * a + a. Without running `backward()`, what is `a.grad`
# after `c.backward()`? (How many times is `a` used?)

# %%
a_grad = ...  # your answer
check_reused_node_grad(a_grad)

# %% [markdown] slideshow={"slide_type": "skip"}
# **Solution** (hidden: click the cell below to reveal it)

# %% jupyter={"outputs_hidden": true, "source_hidden": true} slideshow={"slide_type": "skip"}
# Solution: try the exercise yourself before you look
a_grad = 3 + 3 + 1  # each side of a * a gives the other side's 3; + a gives 1
check_reused_node_grad(a_grad)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 3.** Write `my_backward(root)`: it must fill in every gradient just as
# `root.backward()` does, using `topological_order` and `_backward()`. The check runs it on
# graphs of its own, some with a node used twice, one twelve levels deep.


# %%
def my_backward(root):
    ...  # your code


check_my_backward(my_backward)

# %% [markdown] slideshow={"slide_type": "skip"}
# **Solution** (hidden: click the cell below to reveal it)


# %% jupyter={"outputs_hidden": true, "source_hidden": true} slideshow={"slide_type": "skip"}
# Solution: try the exercise yourself before you look
def my_backward(root):
    root.grad = 1.0
    for node in reversed(topological_order(root)):
        node._backward()


check_my_backward(my_backward)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 4.** The sigmoid is s(x) = 1 / (1 + e⁻ˣ). Build it from Value operations (`-x`,
# `.exp()`, `+`, `/`), as we did for tanh. The check compares its values and gradients with
# `Value.sigmoid()`.


# %%
def my_sigmoid(x):
    ...  # your code


check_sigmoid_from_exp(my_sigmoid)

# %% [markdown] slideshow={"slide_type": "skip"}
# **Solution** (hidden: click the cell below to reveal it)


# %% jupyter={"outputs_hidden": true, "source_hidden": true} slideshow={"slide_type": "skip"}
# Solution: try the exercise yourself before you look
def my_sigmoid(x):
    return 1 / (1 + (-x).exp())


check_sigmoid_from_exp(my_sigmoid)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Next:** notebook 5 does the same chain rule the way Karpathy's lecture writes it, with a
# small function per node, and you write a `Value` class of your own.
