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
# # 5. Your own Value, the lecture's way
#
# Notebook 4's engine stores each operation's local derivatives as numbers, and `backward()`
# multiplies them along the graph. Karpathy's lecture does the same chain rule with a different
# tool: each new node gets a small function that knows how to pass its gradient back. Here you
# meet that tool, see why this package chose numbers instead, and then write a `Value` class of
# your own, the lecture's way.
#
# **After this notebook you will be able to:**
#
# - write an operation's `_backward` as a **closure**, and say what the closure remembers;
# - say why the engine stores numbers instead (**reference cycles**);
# - write a small `Value` class with `+`, `*`, `**`, `tanh`, `exp` and `relu`, and have it
#   checked against the engine and against numerical estimates;
# - make `2 * a` work with the **reflected** operations `__radd__`, `__rmul__` and `__rsub__`.

# %% [markdown] slideshow={"slide_type": "notes"}
# > **For the teacher** · speaker notes, hidden in the slides
# >
# > This notebook is for the students who will go on to read the lecture's code. The first part
# > takes ten minutes in class; the two exercises make good homework: the checker names the
# > first thing that is wrong, so students can work alone.

# %%
import math

from micrograd.engine import Value

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. The lecture's way: a closure per node
#
# In Karpathy's lecture an operation does not store its local derivatives. It writes a small
# function, `_backward`, that does the chain rule for the new node, and hands it to the node.
# The function remembers the variables around it, `x` and `out`: it is a **closure**. The same
# code works on this package's `Value`, and `backward()` calls it. Here is log, the lecture's way:

# %%
def lecture_log(x):
    """ln x, the lecture's way: the new node's chain rule is a closure."""
    out = Value(math.log(x.data), (x,), "log")

    def _backward():
        x.grad += (1 / x.data) * out.grad  # d(ln x)/dx = 1/x, times out.grad

    out._backward = _backward
    return out


x = Value(2.0, label="x")
(lecture_log(x) * 3).backward()
x_engine = Value(2.0, label="x")
(x_engine.log() * 3).backward()
print(f"d(3 ln x)/dx at x = 2, the lecture's way: {x.grad:.4f}")
print(f"the same with the engine's Value.log():   {x_engine.grad:.4f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# Both give 3/x = 1.5. `backward()` walks the graph as always, and at the log node it calls the
# closure instead of the engine's own chain rule.
#
# The engine's `log` keeps the local derivative as a number instead. Its docstring holds the
# formula (try `help(Value.log)`), and its code puts the forward value and the local derivative
# side by side:

# %% slideshow={"slide_type": "subslide"}
import inspect

print(inspect.getsource(Value.log))

# %% [markdown] slideshow={"slide_type": "subslide"}
# ## 2. Two ways, side by side
#
# | what | the lecture's closure | this package |
# |---|---|---|
# | an operation writes | forward value, `_backward` function | forward value, local derivatives |
# | a node keeps | a function, which keeps `x` and `out` | numbers, in `_local_grads` |
# | `node._backward()` | calls that function | parent.grad += local × node.grad |
# | a dropped graph is freed | when the garbage collector finds it | at once |
#
# The last row is the reason for the package's choice. The closure refers to `out`, and `out`
# refers to the closure:

# %%
node = lecture_log(Value(2.0))
print("the lecture's node keeps a function that refers back to the node itself:",
      any(cell.cell_contents is node for cell in node._backward.__closure__))
print("the engine's node keeps numbers:", Value(2.0).log()._local_grads)

# %% [markdown]
# Such a **reference cycle** is never freed by reference counting alone: every node of every
# graph waits for the garbage collector. Notebook 8 measures what that costs: the collector
# takes a large share of each training step, and pausing it leaks a whole graph per step. The
# package's nodes hold numbers, so `train()` can pause the collector safely, and a node takes
# under a third of the memory of a node of micrograd 0.1.0 (`benchmarks/results.md`). Both
# ways give the same gradients; in the exercises below you write a whole `Value` the lecture's
# way.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - In the lecture, an operation gives its new node a `_backward` **closure**: a function that
#   remembers the node's parents and the node itself, and adds local derivative × `out.grad`
#   to each parent's `.grad`.
# - `backward()` is the same loop either way: a topological order, walked in reverse, calling
#   each node's `_backward()`.
# - The engine keeps the local derivatives as **numbers** instead: the same gradients, and no
#   reference cycle, so a dropped graph is freed at once.
# - Python asks the right-hand side for a **reflected** method (`__rmul__`) when the left-hand
#   number does not know the other type: that is what makes `2 * a` work.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Exercises
#
# Each exercise ends with a `check_...` call that says whether your answer is right, or gives a
# hint. Each exercise has a cell for your answer; the solution below it is hidden: click it to
# reveal.

# %%
from micrograd.exercises import LectureValue, check_my_value, check_reflected_ops

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 1. Your own Value.** Write a small `Value` class of your own, the lecture's way:
# for `+`, `*`, `**` (a number as the exponent), `tanh`, `exp` and `relu`, the forward value and
# a `_backward` closure that adds each parent's local derivative × `out.grad` to that parent's
# `.grad`, as `lecture_log` does in section 1. `LectureValue` gives you the rest: `data`, `grad`,
# `_prev`, a `_backward` that does nothing (for the inputs), and `backward()`.
#
# The check tries each operation alone at a dozen random inputs, then 200 expressions (random
# ones, and a few made to be hard) against `micrograd.engine.Value` and central differences,
# and names the first thing that is wrong. You can check after each operation you write.

# %% slideshow={"slide_type": "subslide"}
class MyValue(LectureValue):
    def __add__(self, other):  # out = a + b
        other = other if isinstance(other, MyValue) else MyValue(other)  # so a + 1 works too
        ...  # your code: out = MyValue(...), its _backward, then return out

    def __mul__(self, other):  # out = a * b
        other = other if isinstance(other, MyValue) else MyValue(other)
        ...

    def __pow__(self, n):  # out = x ** n, for a number n
        ...

    def tanh(self):  # t = tanh(x): math.tanh
        ...

    def exp(self):  # out = e^x: math.exp
        ...

    def relu(self):  # out = max(0, x)
        ...


check_my_value(MyValue)

# %% [markdown] slideshow={"slide_type": "skip"}
# **Solution** (hidden: click the cell below to reveal it)

# %% jupyter={"outputs_hidden": true, "source_hidden": true} slideshow={"slide_type": "skip"}
# Solution: each operation's forward value, then its _backward closure
class MyValue(LectureValue):
    def __add__(self, other):  # out = a + b
        other = other if isinstance(other, MyValue) else MyValue(other)
        out = MyValue(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += 1.0 * out.grad
            other.grad += 1.0 * out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):  # out = a * b
        other = other if isinstance(other, MyValue) else MyValue(other)
        out = MyValue(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad  # d(a·b)/da = b
            other.grad += self.data * out.grad  # d(a·b)/db = a

        out._backward = _backward
        return out

    def __pow__(self, n):  # out = x ** n, for a number n
        out = MyValue(self.data**n, (self,), f"**{n}")

        def _backward():
            self.grad += n * self.data ** (n - 1) * out.grad  # the power rule, in x

        out._backward = _backward
        return out

    def tanh(self):  # t = tanh(x)
        t = math.tanh(self.data)
        out = MyValue(t, (self,), "tanh")

        def _backward():
            self.grad += (1 - t**2) * out.grad  # the slope at the output t

        out._backward = _backward
        return out

    def exp(self):  # out = e^x
        out = MyValue(math.exp(self.data), (self,), "exp")

        def _backward():
            self.grad += out.data * out.grad  # d(e^x)/dx = e^x

        out._backward = _backward
        return out

    def relu(self):  # out = max(0, x)
        out = MyValue(max(0.0, self.data), (self,), "relu")

        def _backward():
            self.grad += (1.0 if out.data > 0 else 0.0) * out.grad

        out._backward = _backward
        return out


check_my_value(MyValue)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 2. `2 * a`.** Your class does `a * 2`: the `other = ...` line turns the 2 into a
# `MyValue`. Now try `2 * a`. Here on a class with just the `*` of exercise 1 (so this cell
# shows the same whatever your class does so far):

# %%
class Times(LectureValue):
    def __mul__(self, other):  # out = a * b, as in exercise 1 (no _backward: not needed here)
        other = other if isinstance(other, Times) else Times(other)
        return Times(self.data * other.data, (self, other), "*")


a = Times(3.0)
print("a * 2 gives", a * 2)
print("(2).__mul__(a) returns", (2).__mul__(a))
try:
    2 * a
except TypeError as error:
    print("2 * a raises TypeError:", error)

# %% [markdown]
# For `2 * a` Python first asks the number on the left, `int.__mul__(2, a)`. An `int` knows
# nothing of `MyValue`, so it returns `NotImplemented`, and Python then asks the right-hand
# side for its **reflected** method, `MyValue.__rmul__(a, 2)`. There is none, hence the error.
# The engine's `Value` has them (look for `__rmul__` in `micrograd/engine.py`).
#
# Write `__radd__`, `__rmul__` and `__rsub__` in a class that extends yours, so that `2 + a`,
# `2 * a` and `1 - a` work. Your class has no `-`: build `other - self` from `*` and `+`. (Its
# operations still make `MyValue` nodes; in a real engine these three methods go into the class
# itself, as in `engine.py`.)

# %% slideshow={"slide_type": "subslide"}
class MyValue2(MyValue):
    def __radd__(self, other):  # other + self, other a number
        ...  # your code

    def __rmul__(self, other):  # other * self
        ...

    def __rsub__(self, other):  # other - self
        ...


check_reflected_ops(MyValue2)

# %% [markdown] slideshow={"slide_type": "skip"}
# **Solution** (hidden: click the cell below to reveal it)

# %% jupyter={"outputs_hidden": true, "source_hidden": true} slideshow={"slide_type": "skip"}
# Solution: the three reflected operations, from your own + and *
class MyValue2(MyValue):
    def __radd__(self, other):  # other + self
        return self + other

    def __rmul__(self, other):  # other * self
        return self * other

    def __rsub__(self, other):  # other - self
        return self * -1 + other


check_reflected_ops(MyValue2)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Next:** notebook 6 puts neurons together into layers and networks, and gives you sliders to
# feel how a neuron's output and gradients respond to its weights.
