# ---
# jupyter:
#   jupytext:
#     cell_metadata_filter: slideshow,-all
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] slideshow={"slide_type": "slide"}
# # 8. Why is it slow?
#
# In notebook 7 each training step took a noticeable moment, for only 337 parameters and 100
# points; PyTorch trains networks with billions. Here we find out where our time goes, and what
# real frameworks do differently.
#
# After this notebook you will be able to:
#
# - **time** a training step and **count** the nodes it builds;
# - find where the time goes with the **profiler** (`cProfile`);
# - explain what a **reference cycle** costs the **garbage collector**, and why our engine can
#   pause it;
# - say why `Value` turns **numpy scalars** into plain Python floats;
# - write the same network with **numpy arrays** and say what **tensors** buy.
#
# Your timings will differ from those printed here; which is faster, and by roughly how much,
# should not.

# %% [markdown] slideshow={"slide_type": "notes"}
# > **For the teacher** · speaker notes, hidden in the slides
# >
# > This notebook is about measuring before guessing. Every claim is checked with a
# > number: a timer, a profile, a count of objects. The timings in the stored notebook come from
# > one machine; rerun the cells live and compare with the class's laptops. If time is short, do
# > sections 1, 3 and 6 (the step, the garbage collector, numpy arrays).

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. One training step, timed and counted
#
# We train the network of notebook 7 (2 inputs, two hidden layers of 16 tanh neurons, 1 output)
# on the 100 points of `data/train.csv`. Here is one training step, as we wrote it there, cut
# into its three phases so that we can time each one.

# %%
import random
import time

from micrograd.data import default_train_path, load_dataset
from micrograd.engine import Value, topological_order
from micrograd.nn import MLP
from micrograd.train import mse_loss

data = load_dataset(default_train_path())
X, y = data.X, data.y
model = MLP(2, [16, 16, 1], rng=random.Random(1))
learning_rate = 0.2


def forward(model, X, y):
    """Run the model on every point; the loss is the last node of one big graph."""
    return mse_loss([model(x) for x in X], y)


def update(model, learning_rate):
    for p in model.parameters():
        p.data -= learning_rate * p.grad


# %% [markdown] slideshow={"slide_type": "subslide"}
# How big is the graph that one forward pass builds? `topological_order` lists every node once.

# %%
from collections import Counter

loss = forward(model, X, y)
nodes = topological_order(loss)
print(f"nodes in one step's graph: {len(nodes):,}")
for op, count in Counter(node._op or "leaf" for node in nodes).most_common():
    print(f"  {op:5} {count:7,}")

# %% [markdown]
# **Notice:** 68,040 nodes for a network of 337 parameters. Every point runs through all 304
# weights, and each use of a weight is a multiplication node and an addition node: 100 points ×
# 304 ≈ 30,400 of each. And all of it is built again, from scratch, at every step.

# %% [markdown] slideshow={"slide_type": "subslide"}
# Now the clock. `time.perf_counter()` is Python's most precise timer; we time each phase of a
# few steps and keep the median, which a one-off hiccup of the machine does not move.

# %% slideshow={"slide_type": "subslide"}
import statistics


def timed_step(model, X, y, learning_rate):
    """One training step; returns the seconds spent in forward, backward and update."""
    t0 = time.perf_counter()
    loss = forward(model, X, y)
    t1 = time.perf_counter()
    model.zero_grad()
    loss.backward()
    t2 = time.perf_counter()
    update(model, learning_rate)
    t3 = time.perf_counter()
    return t1 - t0, t2 - t1, t3 - t2


# %% slideshow={"slide_type": "subslide"} tags=["nbval-ignore-output"]
phases = [timed_step(model, X, y, learning_rate) for _ in range(3)]
forward_s, backward_s, update_s = (statistics.median(p) for p in zip(*phases))
step_s = forward_s + backward_s + update_s
print(f"one step: {step_s * 1e3:.0f} ms")
print(f"  forward  {forward_s * 1e3:6.1f} ms  (build {len(nodes):,} nodes)")
print(f"  backward {backward_s * 1e3:6.1f} ms  (visit them again)")
print(f"  update   {update_s * 1e3:6.1f} ms  (337 parameters)")
print(f"about {step_s / len(nodes) * 1e6:.1f} µs per node")

# %% [markdown]
# **Notice:** the update is nothing; almost all the time goes into building the graph and
# walking it backwards. A few microseconds per node is thousands of the processor's instructions
# for what is, in the end, one multiplication or one addition. And the forward pass takes several
# times as long as the backward pass, though each visits every node once: section 3 finds out
# why.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. Where the time goes: the profiler
#
# Guessing which part of a program is slow is notoriously unreliable. A **profiler** counts, for
# every function, how often it was called and how long it took. Python's own is `cProfile`. We
# profile one training step, with the garbage collector paused (`gc.disable()`: section 3 is about
# it).

# %% slideshow={"slide_type": "subslide"}
import cProfile
import gc

profiler = cProfile.Profile()
gc.disable()
profiler.enable()
timed_step(model, X, y, learning_rate)
profiler.disable()
gc.enable()
entries = profiler.getstats()  # one entry per function: calls, own time, total time


def function_name(code):
    """A readable name: __add__ for our code, list.append for Python's built-ins."""
    if isinstance(code, str):  # a built-in, such as "<method 'append' of 'list' objects>"
        parts = code.strip("<>").replace("'", "").split()
        if parts[0] == "method" and "of" in parts:
            return f"{parts[parts.index('of') + 1]}.{parts[1]}"
        return parts[-1]
    return code.co_name


# %% slideshow={"slide_type": "subslide"}
calls = sum(e.callcount for e in entries)
# rounded: the exact total shifts a little between Python versions (3.12 inlines comprehensions)
print(f"function calls in one step: about {calls / 1e6:.2f} million, "
      f"{calls / len(nodes):.0f} per node")
print("the most frequent:")
for e in sorted(entries, key=lambda e: -e.callcount)[:6]:
    print(f"  {function_name(e.code):24} {e.callcount:8,}")

# %% [markdown]
# **Notice:** three quarters of a million function calls for one step, about eleven per node:
# `Value.__init__` for every new node, `_chain_rule` for every node on the way back, and
# `list.append`, `list.pop` and `set.add` for `topological_order`'s stack and visited set. Each
# call costs Python a new frame, arguments to pass, attributes to look up.
#
# Counting calls is exact; timing them is not. Here is each function's share of the step's time
# (its own time, without the functions it calls):

# %% slideshow={"slide_type": "subslide"} tags=["nbval-ignore-output"]
total = sum(e.inlinetime for e in entries)
print("share of the time   function")
for e in sorted(entries, key=lambda e: -e.inlinetime)[:8]:
    print(f"  {e.inlinetime / total:5.0%}             {function_name(e.code)}")

# %% [markdown]
# **Notice:** no single function is to blame. The time is spread over the machinery of the graph:
# creating nodes (`__init__`, `__add__`, `__mul__`), sorting them (`topological_order`) and the
# chain rule at each node (`_chain_rule`). There is no one line to make faster; the cost is in
# having one Python object per number. Keep that in mind for section 6.
#
# The profile leaves out one thing: the garbage collector we paused. That is next.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. The hidden cost: the garbage collector
#
# In section 2 we paused the garbage collector. Python frees memory in two ways:
#
# - **Reference counting.** An object whose count of references drops to zero is freed at once:
#   dropping `loss` frees the graph, node by node.
# - **The cyclic garbage collector.** Objects that refer to each other in a circle never reach
#   zero, so now and then Python stops the program to look for circles that nothing else can
#   reach.
#
# It runs after every 700 or so new objects, and now and then walks *all* of them, the whole
# graph included. `gc.callbacks` lets us watch it during one step:

# %% slideshow={"slide_type": "subslide"} tags=["nbval-ignore-output"]
collector = {"runs": 0, "full": 0, "freed": 0, "seconds": 0.0}


def watch_collector(phase, info):
    if phase == "start":
        collector["started"] = time.perf_counter()
    else:
        collector["runs"] += 1
        collector["full"] += info["generation"] == 2
        collector["freed"] += info["collected"]  # objects it found in cycles, and freed
        collector["seconds"] += time.perf_counter() - collector["started"]


gc.callbacks.append(watch_collector)
t0 = time.perf_counter()
timed_step(model, X, y, learning_rate)
step_with_collector = time.perf_counter() - t0
gc.callbacks.remove(watch_collector)
print(f"the collector ran {collector['runs']} times ({collector['full']} of them through "
      f"everything)")
print(f"and took {collector['seconds'] / step_with_collector:.0%} of the step, "
      f"to free {collector['freed']} objects")

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Notice:** a large share of the step goes to the collector, and it finds nothing of ours to
# free (the count is 0, or a few objects of Jupyter's own): reference counting frees our graphs
# already (the next section shows why). So we can pause it during training, `gc.disable()`, and
# switch it on again afterwards. A few steps each way, taken in turns:

# %% slideshow={"slide_type": "subslide"} tags=["nbval-ignore-output"]


def step_seconds(collector_on):
    was_on = gc.isenabled()
    gc.enable() if collector_on else gc.disable()
    t0 = time.perf_counter()
    timed_step(model, X, y, learning_rate)
    seconds = time.perf_counter() - t0
    gc.enable() if was_on else gc.disable()
    return seconds


times = {True: [], False: []}
for _ in range(3):
    for on in (True, False):
        times[on].append(step_seconds(on))
ours_on, ours_off = statistics.median(times[True]), statistics.median(times[False])
print(f"collector on:     {ours_on * 1e3:5.0f} ms per step")
print(f"collector paused: {ours_off * 1e3:5.0f} ms per step, {ours_on / ours_off:.1f}× faster")

# %% [markdown]
# This is what `train()` does: it pauses the collector while it trains, and switches it back on
# when it is done (look for `collector_paused` in `micrograd/train.py`). It is safe only because
# our graphs contain no cycles. Why not?

# %% [markdown] slideshow={"slide_type": "notes"}
# > **For the teacher** · speaker notes, hidden in the slides
# >
# > The collector is easy to forget because nothing in the code mentions it: it runs
# > whenever enough objects have been created, inside whatever function happened to create the
# > last one. Had section 2 left it on, the profiler would have charged its time to those
# > functions (mostly `__init__`) and we would have blamed them. On some machines it is half the
# > step, on others more.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. Reference cycles: how closures make them
#
# Notebook 5 wrote each node's backward step as a **closure**, the lecture's way. Here is a tiny
# engine written that way, with just `+`, `*` and `tanh`:

# %% slideshow={"slide_type": "subslide"}
import math


class ClosureValue:
    """A lecture-style Value: each operation keeps its backward step as a closure."""

    def __init__(self, data, _children=()):
        self.data = data
        self.grad = 0.0
        self._prev = _children
        self._backward = lambda: None

    def __add__(self, other):
        other = other if isinstance(other, ClosureValue) else ClosureValue(other)
        out = ClosureValue(self.data + other.data, (self, other))

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def backward(self):
        self.grad = 1.0
        for node in reversed(topological_order(self)):
            node._backward()


# %% [markdown] slideshow={"slide_type": "subslide"}
# `*` and `tanh` follow the same pattern. Python lets us add them to the class afterwards, which
# keeps each cell short enough to read:

# %%
def closure_mul(self, other):
    other = other if isinstance(other, ClosureValue) else ClosureValue(other)
    out = ClosureValue(self.data * other.data, (self, other))

    def _backward():
        self.grad += other.data * out.grad
        other.grad += self.data * out.grad

    out._backward = _backward
    return out


def closure_tanh(self):
    t = math.tanh(self.data)
    out = ClosureValue(t, (self,))

    def _backward():
        self.grad += (1 - t * t) * out.grad

    out._backward = _backward
    return out


ClosureValue.__mul__ = closure_mul
ClosureValue.tanh = closure_tanh


# %% [markdown] slideshow={"slide_type": "subslide"}
# The function `_backward` uses `out`, so it keeps a reference to `out`. And `out` keeps a
# reference to `_backward`, as its attribute. That is a circle: `out → _backward → out`.

# %%
a, b = ClosureValue(3.0), ClosureValue(2.0)
c = a * b
print("the names _backward remembers:", c._backward.__code__.co_freevars)
print("one of them is c itself:", any(cell.cell_contents is c for cell in c._backward.__closure__))

# %% [markdown] slideshow={"slide_type": "fragment"}
# A **weak reference** lets us watch an object without keeping it alive. We drop our only
# reference to `c`, with the collector paused, and ask whether `c` is still in memory:

# %%
import weakref

gc.disable()
c = ClosureValue(3.0) * ClosureValue(2.0)  # a new c: the cell can run again
watcher = weakref.ref(c)
del c
print("after del c:       c still in memory:", watcher() is not None)
gc.collect()
print("after gc.collect(): c still in memory:", watcher() is not None)
gc.enable()

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Notice:** nothing can reach `c` any more, yet it stays in memory until the collector finds
# the circle. Our engine keeps each node's local derivatives as numbers in `_local_grads`, so no
# node refers back to itself. We build the same small graph with each engine and count how many
# of its nodes are still in memory after we let go of it:

# %% slideshow={"slide_type": "subslide"}


def small_graph(cls):
    """tanh(x0 + x1·x1 + x2·x2 + ... + x9·x9), with the inputs made inside: 29 nodes."""
    xs = [cls(0.1 * i) for i in range(10)]
    s = xs[0]
    for x in xs[1:]:
        s = s + x * x
    return s.tanh()


def in_memory(cls):
    """How many objects of class `cls` exist right now (the collector knows them all)."""
    return sum(type(obj) is cls for obj in gc.get_objects())


# %% slideshow={"slide_type": "subslide"}
for cls in (Value, ClosureValue):
    gc.disable()
    before = in_memory(cls)
    out = small_graph(cls)
    out.backward()
    held = in_memory(cls) - before
    del out
    after_del = in_memory(cls) - before
    gc.collect()
    after_collect = in_memory(cls) - before
    gc.enable()
    print(f"{cls.__name__:12}  held: {held}   after del: {after_del}   "
          f"after gc.collect(): {after_collect}")

# %% [markdown]
# **Notice:** our `Value`s are gone the moment `out` is dropped. The `ClosureValue`s, all 29 of
# them, wait for the collector. So a closure engine *needs* the collector, and pausing it leaks
# memory. Here is the closure engine training for 3 steps with the collector paused, on 20 of
# our points (with the same weights as our model):

# %% slideshow={"slide_type": "subslide"}


def closure_weights(model):
    """The model's weights as ClosureValues: per layer, a (weights, bias) pair per neuron."""
    return [[([ClosureValue(w.data) for w in n.w], ClosureValue(n.b.data)) for n in layer.neurons]
            for layer in model.layers]


def closure_step(layers, X, y, learning_rate):
    """One training step of the closure engine: forward, mean squared error, backward, update."""
    total = ClosureValue(0.0)
    for x, target in zip(X, y):
        h = x
        for layer in layers:
            h = [sum((w * xi for w, xi in zip(ws, h)), b).tanh() for ws, b in layer]
        error = h[0] + (-target)
        total = total + error * error
    loss = total * (1 / len(X))
    parameters = [p for layer in layers for ws, b in layer for p in [*ws, b]]
    for p in parameters:
        p.grad = 0.0
    loss.backward()
    for p in parameters:
        p.data -= learning_rate * p.grad
    return len(topological_order(loss))


# %% [markdown] slideshow={"slide_type": "subslide"}
# Three steps, with the collector paused, counting the `ClosureValue`s left in memory after each:

# %%
layers = closure_weights(model)
X20, y20 = X[:20], y[:20]
gc.collect()
before = in_memory(ClosureValue)
gc.disable()
for step in range(3):
    graph_size = closure_step(layers, X20, y20, learning_rate)
    print(f"after step {step + 1}: {in_memory(ClosureValue) - before:6,} dead ClosureValues "
          "in memory")
print(f"(one step's graph has {graph_size:,} nodes; all but the 337 parameters are new)")
freed = gc.collect()
gc.enable()
print(f"gc.collect() frees them: {freed > 0}, left: {in_memory(ClosureValue) - before}")

# %% [markdown]
# **Notice:** with the collector paused, every step's graph stays behind, unreachable: memory
# grows by a whole graph per step, until `gc.collect()` clears them.
#
# With the collector on, the closure engine pays for it too, and cannot avoid it:

# %% slideshow={"slide_type": "subslide"} tags=["nbval-ignore-output"]


def closure_seconds(collector_on):
    gc.collect()
    gc.enable() if collector_on else gc.disable()
    t0 = time.perf_counter()
    closure_step(layers, X20, y20, learning_rate)
    seconds = time.perf_counter() - t0
    gc.enable()
    return seconds


closure_times = {True: [], False: []}
for _ in range(3):
    for on in (True, False):
        closure_times[on].append(closure_seconds(on))
closure_on = statistics.median(closure_times[True])
closure_off = statistics.median(closure_times[False])
print(f"closure engine, 20 points, collector on:     {closure_on * 1e3:5.0f} ms per step")
print(f"closure engine, 20 points, collector paused: {closure_off * 1e3:5.0f} ms per step "
      "(and leaking)")

# %% [markdown] slideshow={"slide_type": "notes"}
# > **For the teacher** · speaker notes, hidden in the slides
# >
# > Draw the cycle on the board: the node `out`, an arrow to its `_backward`
# > function, and an arrow from the function's closure back to `out`. Then draw our engine's node:
# > `_local_grads` is a tuple of numbers, which point nowhere. The design decision in
# > `engine.py` (store numbers, not functions) is what makes `gc.disable()` in `train()` safe.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. numpy scalars: why `Value` converts to float
#
# numpy's numbers look like Python's floats, but they are not: `numpy.float64` is numpy's own
# type, and every operation on it goes through numpy's machinery, built for whole arrays. Mixed
# with a float, the result stays a numpy scalar, so one numpy number spreads through a whole
# graph.

# %%
import numpy as np

x_np = np.float64(0.5)
print("np.float64 * float ->", type(x_np * 2.0).__name__)
print("np.float64 + int   ->", type(x_np + 1).__name__)
print("Value(np.float64(0.5)).data ->", type(Value(x_np).data).__name__)

# %% [markdown] slideshow={"slide_type": "subslide"}
# How much slower is numpy's scalar arithmetic? `timeit` runs a line many times and reports the
# total: here `a * b + a`, 300,000 times, with floats and with numpy scalars.

# %% tags=["nbval-ignore-output"]
import timeit

repeats = 300_000


def seconds_per_op(a, b):
    runs = timeit.repeat("a * b + a", globals={"a": a, "b": b}, number=repeats, repeat=3)
    return min(runs) / repeats


float_s = seconds_per_op(0.5, 1.5)
numpy_s = seconds_per_op(np.float64(0.5), np.float64(1.5))
print(f"float:       {float_s * 1e9:5.0f} ns per a * b + a")
print(f"np.float64:  {numpy_s * 1e9:5.0f} ns per a * b + a, {numpy_s / float_s:.1f}× slower")

# %% [markdown]
# **Notice:** numpy is *slower* here, two to five times on most machines: it pays a fixed cost
# per operation to find out types and shapes, then works on many numbers at once in C. On one
# number, the fixed cost is all there is. Karpathy's demo feeds numpy numbers into `Value`, so its
# whole graph does numpy scalar arithmetic; our `Value.__init__` converts every number to a Python
# `float` (`_as_float` in `micrograd/engine.py`).

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. What tensors buy: the same network in numpy arrays
#
# The way out is to stop making one object per number. Stack the 100 points into one array `X`
# of shape (100, 2), and a layer's weights into a matrix `W` of shape (inputs, neurons): one
# matrix product `X @ W` computes every neuron's weighted sum for every point at once, in C.
# We copy our model's weights into arrays, so both versions compute exactly the same thing:

# %%


def layer_arrays(layer):
    """A layer's weights as a matrix (inputs × neurons) and its biases as a vector."""
    W = np.array([[w.data for w in neuron.w] for neuron in layer.neurons]).T
    b = np.array([neuron.b.data for neuron in layer.neurons])
    return W, b


(W1, b1), (W2, b2), (W3, b3) = (layer_arrays(layer) for layer in model.layers)
X_arr = np.array(X)  # (100, 2)
y_arr = np.array(y).reshape(-1, 1)  # (100, 1)
print("W1", W1.shape, " W2", W2.shape, " W3", W3.shape, " X", X_arr.shape)

# %% [markdown] slideshow={"slide_type": "subslide"}
# The forward pass is three lines. For the backward pass there is no graph any more, so we write
# it by hand, with the same local rules our engine uses, now for whole arrays:
#
# - the loss is a mean of squares: d loss / d out = 2 (out − y) / N;
# - tanh multiplies the gradient by 1 − t², element by element;
# - a matrix product `h @ W` sends `h.T @ d` to `W`, and `d @ W.T` back to `h`;
# - a bias is added to every point, so its gradient is the sum over the points.

# %% slideshow={"slide_type": "subslide"}


def forward_backward(X, y, W1, b1, W2, b2, W3, b3):
    """The loss of the 2-16-16-1 tanh network, and its gradients for every weight."""
    h1 = np.tanh(X @ W1 + b1)  # (100, 16)
    h2 = np.tanh(h1 @ W2 + b2)  # (100, 16)
    out = np.tanh(h2 @ W3 + b3)  # (100, 1)
    loss = np.mean((out - y) ** 2)

    d3 = 2 * (out - y) / len(y) * (1 - out**2)  # through the loss and the last tanh
    d2 = (d3 @ W3.T) * (1 - h2**2)  # back through layer 3, then layer 2's tanh
    d1 = (d2 @ W2.T) * (1 - h1**2)  # back through layer 2, then layer 1's tanh
    grads = (X.T @ d1, d1.sum(axis=0), h1.T @ d2, d2.sum(axis=0), h2.T @ d3, d3.sum(axis=0))
    return loss, grads


loss_arr, grads_arr = forward_backward(X_arr, y_arr, W1, b1, W2, b2, W3, b3)
print(f"loss: {loss_arr:.6f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# Are the hand-written gradients right? Our scalar engine computes them node by node, on the same
# weights; we put its gradients into arrays of the same shapes and compare:

# %%
loss = forward(model, X, y)
model.zero_grad()
loss.backward()


def layer_grads(layer):
    dW = np.array([[w.grad for w in neuron.w] for neuron in layer.neurons]).T
    db = np.array([neuron.b.grad for neuron in layer.neurons])
    return dW, db


grads_scalar = [g for layer in model.layers for g in layer_grads(layer)]
difference = max(np.abs(a - s).max() for a, s in zip(grads_arr, grads_scalar))
print(f"loss, scalar engine: {loss.data:.6f}")
print("largest difference between the gradients < 1e-9:", difference < 1e-9)

# %% [markdown]
# **Notice:** the same loss and the same 337 gradients, up to the last few digits of rounding.
# Eight matrix products and a handful of element-wise operations replace 68,040 nodes.

# %% [markdown] slideshow={"slide_type": "subslide"}
# And the time, side by side with the scalar engine (collector paused, as in `train()`):

# %%
arrays = (X_arr, y_arr, W1, b1, W2, b2, W3, b3)
numpy_step = min(timeit.repeat(lambda: forward_backward(*arrays), number=100, repeat=3)) / 100
gc.disable()
scalar_step = min(timeit.repeat(lambda: timed_step(model, X, y, learning_rate), number=1,
                                repeat=3))
gc.enable()
print("numpy is more than 10× faster:", scalar_step / numpy_step > 10)

# %% [markdown] slideshow={"slide_type": "fragment"}
# The factor depends on the machine; here it is, with a chart of the three ways.

# %% tags=["nbval-ignore-output"]
import matplotlib.pyplot as plt

from micrograd.plots import use_course_style

use_course_style()
print(f"scalar engine: {scalar_step * 1e3:.0f} ms per step, numpy: {numpy_step * 1e6:.0f} µs "
      f"per step, {scalar_step / numpy_step:,.0f}× faster")

# %% slideshow={"slide_type": "subslide"} tags=["nbval-ignore-output"]
labels = ["scalar engine,\ncollector on", "scalar engine,\ncollector paused", "numpy arrays"]
seconds = [ours_on, ours_off, numpy_step]
milliseconds = [s * 1e3 for s in seconds]
fig, ax = plt.subplots(figsize=(8, 4.5))
ax.barh(labels[::-1], milliseconds[::-1], color="tab:blue")
for row, ms in enumerate(milliseconds[::-1]):
    ax.text(ms * 1.15, row, f"{ms:.0f} ms" if ms >= 10 else f"{ms:.2g} ms", va="center")
ax.set_xscale("log")
ticks = [0.01, 0.1, 1, 10, 100, 1000, 10000]
ax.set_xlim(0.01, max(milliseconds) * 20)
ax.set_xticks([t for t in ticks if t <= max(milliseconds) * 20])
ax.xaxis.set_major_formatter("{x:g}")
ax.minorticks_off()
ax.set_xlabel("milliseconds per training step (log scale)")
ax.set_title("One training step, 2-16-16-1 network, 100 points")
fig.tight_layout()
plt.show()

# %% [markdown]
# **Notice:** the scale is logarithmic: each grid line is ten times the one before. The numpy
# version is hundreds or thousands of times faster, and the gap grows with the network: a
# matrix product does a whole layer's multiplications in one call.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Why real frameworks use tensors
#
# PyTorch, JAX and TensorFlow keep our engine's idea, a graph that remembers how each result was
# made, but each node holds a whole array, a **tensor**:
#
# - **fewer nodes**: about a dozen per step here instead of 68,040;
# - **the work in compiled code**, in C or on a GPU, not in Python;
# - **numbers side by side in memory**, which the processor reads fast, several at a time;
# - **backward rules for arrays**: we wrote `h.T @ d` by hand; a framework knows the local
#   derivative of every tensor operation, as `Value` knows those of `*` and `tanh`.
#
# Our scalar engine is slow on purpose: one node per number lets you see every gradient.

# %% [markdown] slideshow={"slide_type": "notes"}
# > **For the teacher** · speaker notes, hidden in the slides
# >
# > A good closing question: "what would our engine need to work on arrays?" Each
# > `Value` would hold an array, and each operation would need an array version of its local
# > derivative rule, which is exactly section 6's hand-written backward pass. That is a tensor
# > library. Point to PyTorch's autograd as the same design at scale.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - One training step builds, and throws away, a graph of **68,040 nodes** for 337 parameters and
#   100 points: the cost is **per node**, and grows with the data.
# - The **profiler** shows the time spread over creating nodes, sorting them and the chain rule.
# - Closures that capture `out` make **reference cycles**, which only the **garbage collector**
#   frees; our engine stores numbers, so `train()` can **pause the collector**.
# - **numpy scalars** are slower than floats one at a time, so `Value` converts to floats.
# - **Arrays** do a layer's work in a few operations in C, hundreds or thousands of times
#   faster: that is why real frameworks are built on tensors.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Exercises
#
# Each exercise ends with a check: run the cell and read the verdict. Each exercise has a cell
# for your answer; the solution below it is hidden: click it to reveal.

# %%
from micrograd.exercises import (
    check_hinge_and_grad,
    check_nodes_for_1000_points,
    check_relu_layer_backward,
)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 1.** One step's graph has 68,040 nodes for 100 points. How many nodes would it have
# for **1,000 points**? Build the graph for 1 point and for 2 points to find out what each point
# adds; then think about what is there only once.

# %%
nodes_1000 = ...  # your answer
check_nodes_for_1000_points(nodes_1000)

# %% [markdown] slideshow={"slide_type": "skip"}
# **Solution** (hidden: click the cell below to reveal it)

# %% jupyter={"outputs_hidden": true, "source_hidden": true} slideshow={"slide_type": "skip"}
# Solution: try the exercise yourself before you look
one_point = len(topological_order(forward(model, X[:1], y[:1])))
two_points = len(topological_order(forward(model, X[:2], y[:2])))
per_point = two_points - one_point
once = one_point - per_point
nodes_1000 = once + 1000 * per_point
print(f"{per_point} nodes per point, {once} nodes once")
check_nodes_for_1000_points(nodes_1000)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 2.** Karpathy's demo uses the max-margin loss, mean(relu(1 − y · out)) over the
# points. Write `hinge_and_grad(out, y)` in numpy: given `out` and `y`, both of shape (N, 1), it
# returns the loss and its gradient d loss / d out, of shape (N, 1). The check compares with the
# scalar engine's `max_margin_loss` and its `backward()`.


# %%
def hinge_and_grad(out, y):
    ...  # your code


check_hinge_and_grad(hinge_and_grad)

# %% [markdown] slideshow={"slide_type": "skip"}
# **Solution** (hidden: click the cell below to reveal it)


# %% jupyter={"outputs_hidden": true, "source_hidden": true} slideshow={"slide_type": "skip"}
# Solution: try the exercise yourself before you look
def hinge_and_grad(out, y):
    margin = 1 - y * out
    loss = np.maximum(0, margin).mean()
    grad = np.where(margin > 0, -y, 0.0) / len(y)
    return loss, grad


check_hinge_and_grad(hinge_and_grad)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 3.** The demo's hidden layers use relu instead of tanh. Write
# `relu_layer_backward(x, W, h, grad_h)` for the layer h = relu(x @ W + b): given the layer's
# input `x` (N × inputs), its weights `W` (inputs × neurons), its output `h` and the gradient
# `grad_h` of the loss with respect to `h`, return `grad_x`, `grad_W` and `grad_b`. relu's
# slope is 1 where its output is positive, and 0 elsewhere.


# %%
def relu_layer_backward(x, W, h, grad_h):
    ...  # your code


check_relu_layer_backward(relu_layer_backward)

# %% [markdown] slideshow={"slide_type": "skip"}
# **Solution** (hidden: click the cell below to reveal it)


# %% jupyter={"outputs_hidden": true, "source_hidden": true} slideshow={"slide_type": "skip"}
# Solution: try the exercise yourself before you look
def relu_layer_backward(x, W, h, grad_h):
    dz = grad_h * (h > 0)
    return dz @ W.T, x.T @ dz, dz.sum(axis=0)


check_relu_layer_backward(relu_layer_backward)

# %% [markdown]
# **To go further:** train the numpy network: a loop that calls `forward_backward` and moves
# every array against its gradient (`W1 -= learning_rate * dW1`, ...) for 100 steps at learning
# rate 0.2; compare its losses with `train()` from the same weights, and time both.
#
# You have now built, from nothing, everything a neural network needs to learn, and seen what
# makes it fast or slow. **Next:** notebook 9 (optional: it needs PyTorch, and says how to install
# it) does the worked neuron and the trained network again in PyTorch, with the same numbers.
