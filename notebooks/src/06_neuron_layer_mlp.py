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
# # 6. Neurons, layers and a network
#
# So far we have built expressions by hand. A neural network is one, too: a big expression made
# of many copies of one small piece, the neuron.
#
# After this notebook you will be able to:
#
# - build a **neuron**, a **layer** of neurons and a **multi-layer perceptron** (MLP) with the
#   package, and say what each computes;
# - count a network's **parameters** by hand, and check the count with `parameters()`;
# - make random starting weights **reproducible** with `random.seed`;
# - feel, with **sliders**, how a neuron's output and gradients respond to its weights and inputs.

# %% [markdown] slideshow={"slide_type": "notes"}
# > **For the teacher** · speaker notes, hidden in the slides
# >
# > One idea: a network is nothing but Values, put together in a regular pattern.
# > Neuron, Layer and MLP are each a few lines in `micrograd/nn.py`; it is worth showing that file
# > on screen. The engine from notebook 4 does all the calculus, whatever the size of the network.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. A neuron
#
# A neuron has one **weight** per input and one **bias**. It multiplies each input by its
# weight, adds everything up with the bias, and passes the sum n through an **activation
# function**, here tanh. With inputs x0, x1, … (numbered from 0, as Python counts):
#
# output = tanh(n),   where n = w0·x0 + w1·x1 + … + b
#
# The weights and the bias are the neuron's **parameters**: the numbers that training will
# adjust. The package's `Neuron` starts them at random numbers between −1 and 1.

# %% slideshow={"slide_type": "fragment"}
import math
import random

from micrograd.engine import Value
from micrograd.nn import MLP, Layer, Neuron

random.seed(1)
neuron = Neuron(2)
for p in neuron.parameters():
    print(f"{p.label:2} = {p.data:7.4f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# Give it two inputs, and check the output against the formula, computed with plain numbers:

# %%
x = [2.0, 3.0]
out = neuron(x)
w0, w1, b = (p.data for p in neuron.parameters())
by_hand = math.tanh(w0 * x[0] + w1 * x[1] + b)
print(f"neuron(x)   = {out.data:.4f}")
print(f"by the formula {by_hand:.4f}")

# %% [markdown]
# The same number. But `out` is a `Value`, so it remembers how it was made, and `backward()` can
# find how much each weight mattered.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Why tanh?
#
# Without an activation, a neuron is a straight line (a plane) in its inputs, and stacking such
# neurons gives just another straight line. tanh bends it. It squashes any sum into the range −1
# to 1, and its slope, 1 − tanh², is largest at 0 and nearly 0 far from it.

# %% slideshow={"slide_type": "subslide"}
import matplotlib.pyplot as plt

from micrograd.plots import use_course_style

use_course_style()
xs = [i / 50 for i in range(-200, 201)]
fig, ax = plt.subplots()
ax.plot(xs, [math.tanh(v) for v in xs], label="tanh(n)")
ax.plot(xs, [1 - math.tanh(v) ** 2 for v in xs], label="slope 1 - tanh(n)²", linestyle="--")
ax.set_title("tanh squashes the sum into (-1, 1)")
ax.set_xlabel("n, the weighted sum plus bias")
ax.set_ylabel("value")
ax.legend()
plt.show()

# %% [markdown]
# Notice where the dashed slope is nearly zero: beyond about ±2.5. A neuron whose sum lands
# there is **saturated**: nudging its weights barely changes its output, so its gradients are
# tiny. You met one in notebooks 3 and 4: a neuron whose sum was 3.79, where the slope is 0.002040.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The neuron as a graph
#
# With its inputs as labelled Values, we can draw the neuron's forward pass. Every box is a
# `Value`: the weights `w0`, `w1` and the bias `b` come from the neuron, the inputs from us.

# %%
from micrograd.draw import draw_dot

x0, x1 = Value(2.0, label="x0"), Value(3.0, label="x1")
out = neuron([x0, x1])
out.label = "out"
neuron.zero_grad()  # the weights' gradients add up over runs of this cell: start from 0
out.backward()
draw_dot(out)

# %% [markdown] slideshow={"slide_type": "subslide"}
# Read it from the inputs to the output: the bias starts the sum, each product w·x is added to
# it, and the tanh makes the output. The gradients show that w1 matters more than w0 here: its
# input, x1 = 3, is larger.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. A layer: neurons side by side
#
# A **layer** is a list of neurons that all look at the same inputs. Each neuron has its own
# weights, so each gives its own output. `Layer(2, 3)` has 3 neurons with 2 inputs each.

# %%
random.seed(1)
layer = Layer(2, 3)
outputs = layer([2.0, 3.0])
print(layer)
print("outputs:", [f"{o.data:.4f}" for o in outputs])

# %% [markdown]
# Two numbers go in and three come out, one per neuron. Those three numbers can be the inputs
# of the next layer.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. A multi-layer perceptron: layers in a row
#
# An **MLP** feeds each layer's outputs into the next layer. `MLP(2, [2, 1])` takes 2 inputs,
# has a layer of 2 neurons, then a layer of 1 neuron: the output.

# %%
random.seed(1)
small = MLP(2, [2, 1])
print(small)
x0, x1 = Value(2.0, label="x0"), Value(3.0, label="x1")
y = small([x0, x1])
y.label = "y"
y.backward()

# %% [markdown] slideshow={"slide_type": "subslide"}
# Its graph: 26 Values, from the inputs on one side to y on the other.

# %%
draw_dot(y)

# %% [markdown] slideshow={"slide_type": "fragment"}
# Notice: x0 and x1 each feed both neurons of the first layer, so each has two arrows leaving it
# and, by notebook 4, a gradient that is the sum of two shares. The weights are all called `w0`,
# `w1`, `b` because each neuron names its own; what tells them apart is where they sit.

# %% [markdown] slideshow={"slide_type": "notes"}
# > **For the teacher** · speaker notes, hidden in the slides
# >
# > Trace one path with the class: from y back through the last tanh, the last
# > neuron's weight on the first hidden neuron, that neuron's tanh, to its w0. Every step is a
# > rule from notebook 4. Then point out that the network in notebook 7 is the same pattern, only
# > wider: drawing it would take thousands of boxes (draw_dot refuses graphs over 500 Values).

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. Counting parameters
#
# Notebook 7 trains `MLP(2, [16, 16, 1])`: 2 inputs, two hidden layers of 16 neurons, one output.
# How many numbers does training have to adjust? Each neuron has one weight per input and one
# bias:
#
# - layer 1: 16 neurons × (2 weights + 1 bias) = 2·16 + 16 = 48
# - layer 2: 16 neurons × (16 weights + 1 bias) = 16·16 + 16 = 272
# - layer 3: 1 neuron × (16 weights + 1 bias) = 16 + 1 = 17
#
# 48 + 272 + 17 = **337**.

# %% slideshow={"slide_type": "fragment"}
random.seed(1)
model = MLP(2, [16, 16, 1])
for i, lay in enumerate(model.layers, start=1):
    nin, nout = len(lay.neurons[0].w), len(lay.neurons)
    print(f"layer {i}: {nout:2} × ({nin:2} weights + 1 bias) = {len(lay.parameters()):3}")
print("parameters():", len(model.parameters()))
print(model)

# %% [markdown]
# `parameters()` collects them all in one list, in a fixed order: layer by layer, neuron by
# neuron, weights then bias. Training will loop over this list.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. The same random start, every time
#
# The starting weights come from Python's `random` module. Seed it with the same number and you
# get the same weights, so a whole class can see the same network and the same results.

# %%
random.seed(42)
first = MLP(2, [16, 16, 1])
random.seed(42)
second = MLP(2, [16, 16, 1])
same = all(p.data == q.data for p, q in zip(first.parameters(), second.parameters()))
print("same weights after the same seed:", same)
print("the first three:", [f"{p.data:.4f}" for p in first.parameters()[:3]])

# %% [markdown]
# A network can also take its own random source, `MLP(2, [16, 16, 1], rng=random.Random(42))`,
# which leaves the `random` module's sequence untouched for everything else.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. Every parameter gets a gradient
#
# One forward pass and one `backward()` give all 337 parameters a gradient: how much the output
# would change if that parameter were nudged.

# %%
first.zero_grad()  # gradients add up (notebook 4): start from 0, so a re-run shows the same
out = first([0.5, -1.0])
out.backward()
grads = [p.grad for p in first.parameters()]
print(f"output {out.data:.4f}")
print("parameters with a gradient:", sum(g != 0 for g in grads), "of", len(grads))
print("the first three gradients:", [f"{g:.4f}" for g in grads[:3]])

# %% [markdown]
# Notebook 7 turns this into learning: compare the output with the right answer (a loss), take
# the gradients of the loss, and nudge every parameter a little against its gradient.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 7. A neuron under your fingers
#
# Below is a neuron with two inputs, out = tanh(w0·x0 + w1·x1 + b), with a slider for every
# number. Each time you move one (as you let go of it, or at each press of an arrow key), the
# forward pass and `backward()` run again, and you see the output, every gradient, and the
# graph.

# %% slideshow={"slide_type": "subslide"}
from micrograd.widgets import neuron_explorer

explorer = neuron_explorer(x0=1.0, x1=-0.5, w0=0.6, w1=0.9, b=0.1)
explorer

# %% [markdown] slideshow={"slide_type": "subslide"}
# Things to try:
#
# - Set **x0 to 0**. What happens to the gradient of w0? (A weight learns only from an input that
#   is not zero.)
# - Push **b** to 3. The output goes near 1 and every gradient shrinks: the neuron saturates.
# - Find the **b** that makes the output exactly 0. How steep is tanh there (d out / d n)?
# - Notice that d out / d w0 is always d out / d n times x0, and d out / d x0 is d out / d n
#   times w0: the `*` node swaps.
# - Switch the **activation** to relu and make n negative: every gradient is 0.
#
# The sliders can be set from code too; this moves the widget above:

# %%
explorer.sliders["x0"].value = 0.0
print(explorer.text)

# %% [markdown]
# With x0 = 0, w0's gradient is 0.0000: whatever w0 is, it multiplies 0.

# %% [markdown] slideshow={"slide_type": "notes"}
# > **For the teacher** · speaker notes, hidden in the slides
# >
# > Let students drive: one calls out a slider move, the class predicts the sign of
# > the change in the output before it happens. The saturation demo (b = 3) is the one to linger
# > on: it explains why networks are started with small random weights.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - A **neuron** computes tanh(w·x + b): one weight per input, one bias.
# - A **layer** is neurons side by side on the same inputs; an **MLP** is layers in a row.
# - A neuron has (inputs + 1) parameters; `MLP(2, [16, 16, 1])` has 48 + 272 + 17 = **337**,
#   all listed by `parameters()`.
# - `random.seed(...)` makes the random starting weights the same on every run.
# - The whole network is one expression of Values, so one `backward()` gives every parameter its
#   gradient. Where tanh is flat (saturated), the gradients are small.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Exercises
#
# Each exercise ends with a `check_...` call that says whether your answer is right, or gives a
# hint. Each exercise has a cell for your answer; the solution below it is hidden: click it to
# reveal.

# %%
from micrograd.exercises import (
    check_mlp_parameter_count,
    check_neuron_output,
    check_neuron_w0_grad,
    check_zero_output_bias,
)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 1.** How many parameters does `MLP(3, [4, 4, 1])` have? Count by hand first.

# %%
count = ...  # your answer
check_mlp_parameter_count(count)

# %% [markdown] slideshow={"slide_type": "skip"}
# **Solution** (hidden: click the cell below to reveal it)

# %% jupyter={"outputs_hidden": true, "source_hidden": true} slideshow={"slide_type": "skip"}
# Solution: try the exercise yourself before you look
count = (3 * 4 + 4) + (4 * 4 + 4) + (4 * 1 + 1)
check_mlp_parameter_count(count)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 2.** A tanh neuron has weights w0 = 0.5, w1 = −1.0 and bias b = 0.25. What does it
# output for the inputs x0 = 2.0, x1 = 1.0? Use plain numbers and `math.tanh`.

# %%
out = ...  # your answer
check_neuron_output(out)

# %% [markdown] slideshow={"slide_type": "skip"}
# **Solution** (hidden: click the cell below to reveal it)

# %% jupyter={"outputs_hidden": true, "source_hidden": true} slideshow={"slide_type": "skip"}
# Solution: try the exercise yourself before you look
out = math.tanh(0.5 * 2.0 + -1.0 * 1.0 + 0.25)
check_neuron_output(out)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 3.** For the same neuron, what is d out / d w0? Work it out with the chain rule
# (tanh's slope is 1 − out²), or build the neuron from Values and run `backward()`.

# %%
w0_grad = ...  # your answer
check_neuron_w0_grad(w0_grad)

# %% [markdown] slideshow={"slide_type": "skip"}
# **Solution** (hidden: click the cell below to reveal it)

# %% jupyter={"outputs_hidden": true, "source_hidden": true} slideshow={"slide_type": "skip"}
# Solution: try the exercise yourself before you look
w0, w1, b = Value(0.5), Value(-1.0), Value(0.25)
out_value = (w0 * 2.0 + w1 * 1.0 + b).tanh()
out_value.backward()
w0_grad = w0.grad
check_neuron_w0_grad(w0_grad)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 4.** In the neuron explorer, start from x0 = 1.0, x1 = −0.5, w0 = 0.6, w1 = 0.9
# (its defaults) and move only **b** until the output is 0. Which b is it? (Sliders move in steps
# of 0.01.)

# %%
b = ...  # your answer
check_zero_output_bias(b)

# %% [markdown] slideshow={"slide_type": "skip"}
# **Solution** (hidden: click the cell below to reveal it)

# %% jupyter={"outputs_hidden": true, "source_hidden": true} slideshow={"slide_type": "skip"}
# Solution: try the exercise yourself before you look
explorer = neuron_explorer(x0=1.0, x1=-0.5, w0=0.6, w1=0.9, b=0.1, show_graph=False)
explorer.sliders["b"].value = -0.15  # found by moving the slider until out = 0.0000
print(explorer.text)
b = explorer.sliders["b"].value
check_zero_output_bias(b)

# %% [markdown]
# **Next:** notebook 7 trains `MLP(2, [16, 16, 1])` to separate two classes of points.
