# ---
# jupyter:
#   jupytext:
#     cell_metadata_filter: slideshow,-all
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] slideshow={"slide_type": "slide"}
# # 3. Backpropagation by hand
#
# Notebook 1 measured slopes by nudging; notebook 2 built Values that remember their graph.
# Here we put the two together: starting at the output, we walk the graph backwards and work
# out how much every Value matters to the output, one node at a time, with pencil-and-paper
# rules. This is **backpropagation**, done by hand once so that the automatic version in
# notebook 4 holds no mystery.
#
# **After this notebook you will be able to:**
#
# - use the chain rule to combine slopes along a path;
# - fill in the gradient of every node of a neuron by hand, with two rules: a `+` passes the
#   gradient through, a `*` swaps in the other factor;
# - take a gradient through `tanh`, using d tanh(y)/dy = 1 − tanh(y)²;
# - confirm hand-made gradients by finite differences, and against `backward()`.

# %% [markdown] slideshow={"slide_type": "notes"}
# > **For the teacher** · speaker notes, hidden in the slides
# >
# > This notebook is the one to go through slowly. Run the gradient cells one at a
# > time and ask the class to predict each number before revealing it; the drawings mark which
# > nodes are finished (rounded corners) and which come next (a thick border).

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The chain rule
#
# If a car goes twice as fast as a bicycle, and a bicycle four times as fast as a walker, the
# car goes 2 × 4 = 8 times as fast as the walker (an example of George F. Simmons', often
# quoted for the chain rule). Rates of change along a chain **multiply**.
#
# In symbols: if `y` depends on `u`, and `u` depends on `x`,
#
# $$\frac{dy}{dx} = \frac{dy}{du} \cdot \frac{du}{dx}$$

# %% [markdown] slideshow={"slide_type": "subslide"}
# A concrete chain: $u = 3x + 1$ and $y = u^2$, at $x = 1$.
#
# - $u = 4$, and $du/dx = 3$ (u moves 3 times as fast as x);
# - $dy/du = 2u = 8$ (y moves 8 times as fast as u);
# - so $dy/dx = 8 \cdot 3 = 24$.
#
# Check it by nudging `x` directly, with `numerical_grad` from the package (it nudges both
# ways, `(f(x + h) − f(x − h)) / 2h`, a little more accurate than notebook 1's one-sided step).

# %%
from micrograd.gradcheck import numerical_grad


def chain(x):
    u = 3 * x + 1
    return u**2


print(f"dy/dx by the chain rule: {8 * 3:.4f}")
print(f"dy/dx by nudging x:      {numerical_grad(chain, [1.0], 0):.4f}")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## A neuron
#
# A neuron with three inputs multiplies each input by a weight, adds them up, and adds a bias:
#
# $$y = w_0 x_0 + w_1 x_1 + w_2 x_2 + b$$
#
# We build it with the package's Value, one labelled step at a time, so each intermediate
# result has a name in the drawing.

# %% slideshow={"slide_type": "subslide"}
from micrograd.draw import draw_dot
from micrograd.engine import Value

w0 = Value(1.3, label="w0")
x0 = Value(1.6, label="x0")
w1 = Value(1.2, label="w1")
x1 = Value(0.8, label="x1")
w2 = Value(1.1, label="w2")
x2 = Value(0.5, label="x2")
b = Value(0.2, label="b")

w0x0 = w0 * x0
w0x0.label = "w0.x0"
w1x1 = w1 * x1
w1x1.label = "w1.x1"
w2x2 = w2 * x2
w2x2.label = "w2.x2"
w0x0w1x1 = w0x0 + w1x1
w0x0w1x1.label = "w0x0 + w1x1"
w0x0w1x1w2x2 = w0x0w1x1 + w2x2
w0x0w1x1w2x2.label = "w0x0 + w1x1 + w2x2"
y = w0x0w1x1w2x2 + b
y.label = "y"
print(f"y = {y.data:.4f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# The graph, before any gradients: every `grad` is 0.

# %%
draw_dot(y)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## What we are after
#
# For every node `v` in the graph, `v.grad` will hold **dy/dv**: how much `y` moves when `v`
# is nudged. We fill them in from the output backwards, because each node's gradient needs the
# gradient of the node it feeds into.
#
# The start is free: nudging `y` moves `y` by exactly as much, so dy/dy = 1.

# %%
y.grad = 1.0

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Rule 1: a `+` passes the gradient through
#
# `y = (w0x0 + w1x1 + w2x2) + b`. From notebook 1: in a sum, each input's local slope is 1. By
# the chain rule, each input's gradient is 1 × the sum's gradient: the **same** number.

# %%
w0x0w1x1w2x2.grad = 1.0 * y.grad
b.grad = 1.0 * y.grad

# %% [markdown] slideshow={"slide_type": "fragment"}
# The next two nodes are sums too, so the gradient flows on unchanged.

# %%
w0x0w1x1.grad = w0x0w1x1w2x2.grad
w2x2.grad = w0x0w1x1w2x2.grad
w0x0.grad = w0x0w1x1.grad
w1x1.grad = w0x0w1x1.grad

# %% [markdown] slideshow={"slide_type": "subslide"}
# Where we are: the finished nodes are rounded; the three products, whose inputs come next, are
# bold.

# %%
sums = [y, w0x0w1x1w2x2, b, w0x0w1x1]
products = [w0x0, w1x1, w2x2]
draw_dot(y, highlight=products, done=sums)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Rule 2: a `*` swaps in the other factor
#
# For `w0x0 = w0 * x0`, notebook 1 found: the slope with respect to `w0` is `x0`, and with
# respect to `x0` it is `w0`. The chain rule multiplies each by the product's own gradient.

# %%
w0.grad = x0.data * w0x0.grad
x0.grad = w0.data * w0x0.grad
w1.grad = x1.data * w1x1.grad
x1.grad = w1.data * w1x1.grad
w2.grad = x2.data * w2x2.grad
x2.grad = w2.data * w2x2.grad

# %% [markdown] slideshow={"slide_type": "subslide"}
# Every gradient is filled in:

# %%
draw_dot(y)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Notice:** each weight's gradient is its own input (`w0.grad` = `x0` = 1.6), and each
# input's gradient is its weight. `b.grad` is 1: the bias moves `y` one for one.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Checking by nudging
#
# Are these right? Nudge each input of the neuron, as in notebook 1, and compare.
# `numerical_grad(f, inputs, i)` nudges input number `i` of `f` and measures the slope.

# %%
def neuron(w0, x0, w1, x1, w2, x2, b):
    return w0 * x0 + w1 * x1 + w2 * x2 + b


leaves = [w0, x0, w1, x1, w2, x2, b]
print(f"{'input':>5} {'by hand':>10} {'nudging':>10}")
for i, leaf in enumerate(leaves):
    print(f"{leaf.label:>5} {leaf.grad:10.4f} {numerical_grad(neuron, leaves, i):10.4f}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Notice:** they agree to every digit shown. `numerical_grad` reads only the numbers in
# `leaves`, so the gradients we set by hand are left alone.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Adding the activation: tanh
#
# A real neuron passes `y` through an **activation function**. We use tanh, which squashes
# any number into the range −1 to 1:
#
# $$\text{output} = \tanh(y)$$
#
# Its slope has a convenient form: $\dfrac{d\tanh(y)}{dy} = 1 - \tanh(y)^2$, so once we know
# the output we know the slope.

# %%
output = y.tanh()
output.label = "output"
print(f"y = {y.data:.4f}   output = tanh(y) = {output.data:.6f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# Where does our `y` sit on the tanh curve?

# %%
import math

import matplotlib.pyplot as plt

from micrograd.plots import use_course_style

use_course_style()

ys = [i / 20 for i in range(-100, 101)]  # -5 ... 5
fig, ax = plt.subplots()
ax.plot(ys, [math.tanh(v) for v in ys], label="tanh(y)")
ax.plot(ys, [1 - math.tanh(v) ** 2 for v in ys], "--", label="slope, 1 − tanh(y)²")
ax.plot([y.data], [output.data], "o", color="black", label=f"our y = {y.data:.2f}")
ax.set_title("tanh and its slope")
ax.set_xlabel("y")
ax.set_ylabel("value")
ax.legend(loc="lower right")
plt.show()

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Notice:** at y = 3.79 the curve is almost flat, so its slope is nearly 0. Nudging `y` here
# hardly moves the output at all.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The tanh step by hand
#
# The output is now the end of the graph, so its gradient is 1, and `y` gets the tanh step's
# local slope times that.

# %%
output.grad = 1.0
y.grad = (1 - output.data**2) * output.grad
print(f"y.grad = 1 - tanh(y)² = {y.grad:.6f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# Every node before `y` changes too: its gradient now means d(output)/d(node), and the chain
# rule multiplies in the new `y.grad`. The same two rules, the same order:

# %%
w0x0w1x1w2x2.grad = y.grad  # + passes through
b.grad = y.grad
w0x0w1x1.grad = w0x0w1x1w2x2.grad
w2x2.grad = w0x0w1x1w2x2.grad
w0x0.grad = w0x0w1x1.grad
w1x1.grad = w0x0w1x1.grad
w0.grad = x0.data * w0x0.grad  # * swaps
x0.grad = w0.data * w0x0.grad
w1.grad = x1.data * w1x1.grad
x1.grad = w1.data * w1x1.grad
w2.grad = x2.data * w2x2.grad
x2.grad = w2.data * w2x2.grad

# %% [markdown] slideshow={"slide_type": "subslide"}
# The whole graph, with the gradients through the tanh:

# %%
draw_dot(output)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Notice:** every gradient is about 500 times smaller than before, scaled by
# 1 − tanh(y)² ≈ 0.002. A neuron this far out on the flat part of tanh barely learns: its
# weights hardly change the output. Keeping neurons out of this *saturated* region matters
# when we train.

# %% [markdown] slideshow={"slide_type": "notes"}
# > **For the teacher** · speaker notes, hidden in the slides
# >
# > Saturation is worth a sentence or two here; it returns in notebook 7 when the
# > class picks a learning rate and initial weights. Point at the tanh plot: the dashed slope
# > curve is the factor every gradient below the tanh is multiplied by.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The same numbers from `backward()`
#
# The package's `Value.backward()` does everything we just did by hand, in the right order, for
# any graph. Build a fresh copy of the neuron (new Values, all gradients 0), call `backward()`
# once, and compare.

# %% slideshow={"slide_type": "subslide"}
def build_neuron():
    """The same neuron as above, from new Values: returns (output, [w0, x0, w1, x1, w2, x2, b])."""
    numbers = {"w0": 1.3, "x0": 1.6, "w1": 1.2, "x1": 0.8, "w2": 1.1, "x2": 0.5, "b": 0.2}
    new = {name: Value(number, label=name) for name, number in numbers.items()}
    y = neuron(*new.values())
    return y.tanh(), list(new.values())


fresh_output, fresh_leaves = build_neuron()
fresh_output.backward()

print(f"{'input':>5} {'by hand':>10} {'backward()':>11}")
for ours, fresh in zip(leaves, fresh_leaves):
    print(f"{ours.label:>5} {ours.grad:10.6f} {fresh.grad:11.6f}")
all_match = all(math.isclose(o.grad, f.grad, rel_tol=1e-12) for o, f in zip(leaves, fresh_leaves))
print("all match:", all_match)

# %% [markdown] slideshow={"slide_type": "subslide"}
# And `gradcheck` compares `backward()` with nudging, for every input at once.
# (`print(result)` shows its full report.)

# %%
from micrograd.gradcheck import gradcheck


def neuron_with_tanh(w0, x0, w1, x1, w2, x2, b):
    return neuron(w0, x0, w1, x1, w2, x2, b).tanh()


result = gradcheck(neuron_with_tanh, fresh_leaves)
print(f"{'input':>5} {'backward()':>11} {'nudging':>10}")
for name, analytic, numeric in zip(result.names, result.analytic, result.numeric):
    print(f"{name:>5} {analytic:11.6f} {numeric:10.6f}")
print("gradcheck passed:", result.ok)

# %% [markdown] slideshow={"slide_type": "notes"}
# > **For the teacher** · speaker notes, hidden in the slides
# >
# > If a student's hand-made numbers disagree with backward(), the usual slips are
# > forgetting the tanh factor, or using a node's own value instead of the *other* factor at a
# > `*`. Exercise 3 catches both and says which.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - Chain rule: slopes along a path multiply, dy/dx = dy/du · du/dx.
# - Backpropagation starts with output.grad = 1 and walks the graph backwards.
# - A `+` node passes its gradient unchanged to each input; a `*` node gives each input the
#   *other* factor times its gradient; a `tanh` node multiplies by 1 − tanh(y)².
# - Finite differences (`numerical_grad`, `gradcheck`) confirm the numbers, and
#   `backward()` reproduces them exactly.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Exercises
#
# Each exercise ends with a `check_...` call that says whether your answer is right, or gives a
# hint. Each exercise has a cell for your answer; the solution below it is hidden: click it to
# reveal.

# %%
from micrograd.exercises import check_chain_grads, check_neuron_grads, check_tanh_slope

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 1.** For $L = (a \cdot b + c) \cdot f$ with `a = 2`, `b = −3`, `c = 10`, `f = −2`,
# find `a.grad`, `b.grad`, `c.grad` and `f.grad` (each dL/d·) by hand, with the two rules.
# Work it out on paper first, then write the numbers in.

# %%
a_grad = ...  # your answers
b_grad = ...
c_grad = ...
f_grad = ...
check_chain_grads(a_grad, b_grad, c_grad, f_grad)

# %% [markdown] slideshow={"slide_type": "skip"}
# **Solution** (hidden: click the cell below to reveal it)

# %% jupyter={"outputs_hidden": true, "source_hidden": true} slideshow={"slide_type": "skip"}
# Solution: try the exercise yourself before you look
d_data = 2 * -3 + 10
L_grad = 1.0
d_grad = -2 * L_grad  # * swaps: d's gradient is f
f_grad = d_data * L_grad  # ... and f's is d
c_grad = d_grad  # + passes through
ab_grad = d_grad
a_grad = -3 * ab_grad  # * swaps again
b_grad = 2 * ab_grad
check_chain_grads(a_grad, b_grad, c_grad, f_grad)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 2.** What is the slope of tanh at `y = 0.5`?

# %%
slope = ...  # your answer
check_tanh_slope(slope)

# %% [markdown] slideshow={"slide_type": "skip"}
# **Solution** (hidden: click the cell below to reveal it)

# %% jupyter={"outputs_hidden": true, "source_hidden": true} slideshow={"slide_type": "skip"}
# Solution: try the exercise yourself before you look
t = math.tanh(0.5)
slope = 1 - t**2
check_tanh_slope(slope)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 3.** A two-input neuron: `out = tanh(w0·x0 + w1·x1 + b)` with `x0 = 1`, `x1 = −2`,
# `w0 = 0.5`, `w1 = 0.25`, `b = 0.6`. Find `w0.grad` and `w1.grad` by hand (plain numbers and
# `math.tanh` are enough), then confirm them with `backward()`.

# %%
w0_grad = ...  # your answers
w1_grad = ...
check_neuron_grads(w0_grad, w1_grad)
# then confirm them: build the neuron from Values, call backward() and compare

# %% [markdown] slideshow={"slide_type": "skip"}
# **Solution** (hidden: click the cell below to reveal it)

# %% jupyter={"outputs_hidden": true, "source_hidden": true} slideshow={"slide_type": "skip"}
# Solution: try the exercise yourself before you look
from IPython.display import display

y_ex = 0.5 * 1 + 0.25 * -2 + 0.6
y_ex_grad = 1 - math.tanh(y_ex) ** 2
w0_grad = 1 * y_ex_grad  # * swaps: w0's gradient uses x0
w1_grad = -2 * y_ex_grad
display(check_neuron_grads(w0_grad, w1_grad))

ex_w0, ex_w1 = Value(0.5, label="w0"), Value(0.25, label="w1")
ex_out = (ex_w0 * 1.0 + ex_w1 * -2.0 + 0.6).tanh()
ex_out.backward()
print(f"backward(): w0.grad = {ex_w0.grad:.6f}, w1.grad = {ex_w1.grad:.6f}")
print(f"by hand:    w0.grad = {w0_grad:.6f}, w1.grad = {w1_grad:.6f}")
