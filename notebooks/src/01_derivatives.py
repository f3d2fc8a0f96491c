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
# # 1. Derivatives: what a small nudge does to the output
#
# A neural network learns by asking, for every number inside it: *if I change this number a
# little, does the output go up or down, and by how much?* That question has a name: the
# **derivative**. This notebook answers it with nothing but arithmetic.
#
# **After this notebook you will be able to:**
#
# - estimate the slope of a function at a point by nudging its input by a small `h`;
# - choose a sensible `h`, and explain why both a large and a tiny `h` give wrong answers;
# - check an estimate against the exact derivative;
# - find how each input of a function with several inputs moves its output (partial derivatives).

# %% [markdown] slideshow={"slide_type": "notes"}
# > **For the teacher** · speaker notes, hidden in the slides
# >
# > No calculus is assumed. The whole notebook rests on one formula,
# > (f(x + h) − f(x)) / h. If the class knows derivative rules, use them only to *check* the
# > nudging, never to replace it: the engine we build later never uses rules for whole
# > functions, only for single operations.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## A function to explore
#
# We start with one input and one output:
#
# $$f(x) = 3x^2 - 4x + 5$$
#
# In Python it is an ordinary function.

# %%
def f(x):
    return 3 * x**2 - 4 * x + 5


print(f"f(3.0) = {f(3.0):.4f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# A picture of `f` over a range of inputs: a parabola, lowest a little to the right of 0.

# %%
import matplotlib.pyplot as plt

from micrograd.plots import use_course_style

use_course_style()

xs = [i / 10 for i in range(-50, 51)]  # -5.0, -4.9, ..., 5.0
fig, ax = plt.subplots()
ax.plot(xs, [f(x) for x in xs])
ax.set_title("f(x) = 3x² − 4x + 5")
ax.set_xlabel("x")
ax.set_ylabel("f(x)")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The slope by nudging
#
# Move `x` a little to the right, by a small amount `h`, and watch how much `f` moves.
# The change in the output divided by the change in the input is the **slope**:
#
# $$\text{slope} \approx \frac{f(x + h) - f(x)}{h}$$

# %%
h = 0.001
x = 3.0
print(f"f(x)     = {f(x):.6f}")
print(f"f(x + h) = {f(x + h):.6f}")
print(f"slope    = {(f(x + h) - f(x)) / h:.4f}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Notice:** a nudge of 0.001 raised `f` by about 0.014, fourteen times as much. At `x = 3`,
# `f` climbs about 14 units for every unit of `x`: the slope is about 14.

# %% [markdown] slideshow={"slide_type": "subslide"}
# The same question at other points. Where the curve falls, the slope is negative; at the
# bottom it is (almost) zero.

# %%
def slope(f, x, h=0.001):
    """Estimate the slope of f at x by nudging x to the right by h."""
    return (f(x + h) - f(x)) / h


for x in [-3.0, 0.0, 2 / 3, 3.0]:
    print(f"x = {x:7.4f}   slope ≈ {slope(f, x):8.4f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The tangent line
#
# The slope is the steepness of the straight line that just touches the curve at one point,
# the **tangent**. Near that point, the line and the curve are hard to tell apart.

# %%
x0 = 3.0
m = slope(f, x0)
fig, ax = plt.subplots()
ax.plot(xs, [f(x) for x in xs], label="f(x)")
near = [x0 + i / 10 for i in range(-20, 21)]  # x0 - 2 ... x0 + 2
ax.plot(near, [f(x0) + m * (x - x0) for x in near], "--", label=f"tangent, slope {m:.2f}")
ax.plot([x0], [f(x0)], "o", color="black")
ax.set_title(f"The tangent to f at x = {x0:g}")
ax.set_xlabel("x")
ax.set_ylabel("f(x)")
ax.legend()
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Checking against the exact derivative
#
# For a polynomial, calculus gives the slope exactly: the derivative of $3x^2 - 4x + 5$ is
# $6x - 4$. We do not need it to build a neural network, but it lets us check the nudging.

# %%
def f_prime(x):
    return 6 * x - 4


print(f"{'x':>8} {'estimate':>10} {'exact':>10}")
for x in [-3.0, 0.0, 2 / 3, 3.0]:
    print(f"{x:8.4f} {slope(f, x):10.4f} {f_prime(x):10.4f}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Notice:** every estimate is 0.003 too high. That is not a coincidence; the next section
# shows where it comes from.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## How small should h be?
#
# Try a whole range of `h`, from 1 down to 10⁻¹⁵, always at `x = 3` where the exact slope is 14.

# %%
x = 3.0
print(f"{'h':>7} {'estimate':>20} {'error':>9}")
for k in range(0, 16):
    h = 10.0**-k
    estimate = slope(f, x, h)
    print(f"{h:7.0e} {estimate:20.12f} {abs(estimate - f_prime(x)):9.1e}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Notice** two ways to go wrong:
#
# - **`h` too big** (top rows): the curve bends within the step. Here, exactly,
#   $f(x+h) - f(x) = (6x - 4)\,h + 3h^2$, so the estimate is $6x - 4 + 3h$: off by $3h$
#   (which is the 0.003 we saw with h = 0.001).
# - **`h` too small** (bottom rows): a float holds about 16 significant digits. `f(x + h)` and
#   `f(x)` agree in almost all of them, and subtracting them leaves only the few digits that
#   differ, mostly rounding noise. At `h = 1e-15` the estimate is nonsense.
#
# In between, around `h = 1e-5` to `1e-8`, the estimate is good to 6 or more digits.

# %% [markdown] slideshow={"slide_type": "subslide"}
# The same table as a picture, both axes on a log scale: the error falls with `h`, then climbs
# again once rounding takes over.

# %%
hs = [10.0**-k for k in range(0, 16)]
errors = [max(abs(slope(f, 3.0, h) - f_prime(3.0)), 1e-16) for h in hs]  # log scale needs > 0
fig, ax = plt.subplots()
ax.loglog(hs, errors, "o-")
ax.invert_xaxis()  # smaller h to the right
ax.set_title("Error of the slope estimate at x = 3")
ax.set_xlabel("h (smaller to the right)")
ax.set_ylabel("|estimate − exact|")
plt.show()

# %% [markdown] slideshow={"slide_type": "notes"}
# > **For the teacher** · speaker notes, hidden in the slides
# >
# > The V shape is worth a minute. Ask the class where the bottom of the V is
# > (about 1e-8, the square root of float precision, 1e-16). Later, `gradcheck` nudges both ways,
# > (f(x + h) − f(x − h)) / 2h, which cancels the 3h term for this f and lets h stay larger.
# > No need to go into that now.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Several inputs: partial derivatives
#
# A neuron's output depends on many numbers. Take three inputs and one output:
#
# $$d = a \cdot b + c, \qquad a = 2,\ b = -3,\ c = 10$$
#
# Nudge **one** input at a time, keep the others fixed, and measure the slope. That slope is
# the **partial derivative** of `d` with respect to that input.

# %%
def d_of(a, b, c):
    return a * b + c


a, b, c = 2.0, -3.0, 10.0
h = 0.0001
d = d_of(a, b, c)
print(f"d = {d:.4f}")
print(f"nudge a:  dd/da ≈ {(d_of(a + h, b, c) - d) / h:.4f}")
print(f"nudge b:  dd/db ≈ {(d_of(a, b + h, c) - d) / h:.4f}")
print(f"nudge c:  dd/dc ≈ {(d_of(a, b, c + h) - d) / h:.4f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Notice:** the three slopes are −3, 2 and 1, which are **b**, **a** and **1**. Why?
#
# - Nudging `a`: $(a + h)\cdot b + c = a b + c + h\cdot b$. The output moves by $h \cdot b$,
#   so the slope is `b` = −3. Raising `a` *lowers* `d`, because `b` is negative.
# - Nudging `b`: by the same argument, the slope is `a` = 2.
# - Nudging `c`: `c` is simply added, so the output moves exactly as much as `c` does: slope 1.
#
# These two facts, *a product's slope is the other factor* and *a sum passes the nudge through
# unchanged*, are the heart of backpropagation in notebook 3.

# %% [markdown] slideshow={"slide_type": "fragment"}
# The slope also tells us how to *change* the output. To raise `d`, move each input in the
# direction of its slope: lower `a`, raise `b`, raise `c`.

# %%
step = 0.01
a2, b2, c2 = a + step * (-3.0), b + step * 2.0, c + step * 1.0
print(f"before: d = {d_of(a, b, c):.4f}")
print(f"after:  d = {d_of(a2, b2, c2):.4f}")

# %% [markdown] slideshow={"slide_type": "notes"}
# > **For the teacher** · speaker notes, hidden in the slides
# >
# > This last cell is gradient ascent in one step. Training (notebook 7) does the
# > same thing in the other direction, to make a loss smaller. Worth planting the idea now and
# > naming it later.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - The slope of `f` at `x` is how much the output moves per unit of input:
#   $(f(x + h) - f(x)) / h$ for a small `h`.
# - `h` too big: the curve bends within the step. `h` too small: float rounding swamps the
#   difference. Around `1e-5` to `1e-8` works well.
# - With several inputs, nudge one at a time: the partial derivatives.
# - For `a·b + c`: the slope for `a` is `b`, for `b` is `a`, for `c` is 1.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Exercises
#
# Each exercise ends with a `check_...` call that says whether your answer is right, or gives a
# hint. Each exercise has a cell for your answer; the solution below it is hidden: click it to
# reveal.

# %%
from micrograd.exercises import check_flat_point, check_product_partials, check_slope_estimate

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 1.** At which `x` is `f` flat, with a slope of exactly 0? (Use the exact
# derivative `6x − 4`.)

# %%
answer = ...  # your answer
check_flat_point(answer)

# %% [markdown] slideshow={"slide_type": "skip"}
# **Solution** (hidden: click the cell below to reveal it)

# %% jupyter={"outputs_hidden": true, "source_hidden": true} slideshow={"slide_type": "skip"}
# Solution: try the exercise yourself before you look
answer = 4 / 6  # 6x - 4 = 0
check_flat_point(answer)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 2.** Estimate the slope of `f` at `x = −1` by nudging, with `h = 0.001`.

# %%
answer = ...  # your answer
check_slope_estimate(answer)

# %% [markdown] slideshow={"slide_type": "skip"}
# **Solution** (hidden: click the cell below to reveal it)

# %% jupyter={"outputs_hidden": true, "source_hidden": true} slideshow={"slide_type": "skip"}
# Solution: try the exercise yourself before you look
answer = (f(-1 + 0.001) - f(-1)) / 0.001
check_slope_estimate(answer)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 3.** Now the output is a product of three inputs, $e = a \cdot b \cdot c$, with
# `a = 2`, `b = −3`, `c = 10`. Find its three partial derivatives by nudging each input, and
# before you run it, predict them from what you saw for `a·b + c`.

# %%
def e_of(a, b, c):
    return a * b * c


h = 0.0001
de_da = ...  # your answers: nudge one input at a time by h
de_db = ...
de_dc = ...
check_product_partials(de_da, de_db, de_dc)

# %% [markdown] slideshow={"slide_type": "skip"}
# **Solution** (hidden: click the cell below to reveal it)

# %% jupyter={"outputs_hidden": true, "source_hidden": true} slideshow={"slide_type": "skip"}
# Solution: try the exercise yourself before you look
de_da = (e_of(2 + h, -3, 10) - e_of(2, -3, 10)) / h
de_db = (e_of(2, -3 + h, 10) - e_of(2, -3, 10)) / h
de_dc = (e_of(2, -3, 10 + h) - e_of(2, -3, 10)) / h
check_product_partials(de_da, de_db, de_dc)
