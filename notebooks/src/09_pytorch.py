# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   course:
#     needs: torch
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] slideshow={"slide_type": "slide"}
# # 9. The same in PyTorch
#
# Everything you built in notebooks 2 to 7, PyTorch has too, under almost the same names. Here
# we do the worked neuron and the trained network once more, in PyTorch, and check that the
# numbers are the same.
#
# **This notebook needs PyTorch**, which the rest of the course does not. Install its CPU-only
# build (about 200 MB; the plain `pip install torch` on Linux takes the CUDA build for NVIDIA
# graphics cards, several gigabytes this notebook does not use) into the course's environment,
# from a terminal in this folder, then restart the kernel:
#
# ```
# .venv/bin/python -m pip install torch --index-url https://download.pytorch.org/whl/cpu
# ```
#
# (on Windows `.venv\Scripts\python -m pip install torch`, and on macOS
# `.venv/bin/python -m pip install torch`: there the plain build is the CPU one). Without it,
# `python3 course.py test` reports this notebook as skipped.
#
# **After this notebook you will be able to:**
#
# - translate micrograd code into PyTorch: `Value` → tensor, `backward()`, `.grad`,
#   `zero_grad()`, `parameters()` and the update step;
# - check that PyTorch gives the worked neuron of notebook 3 the same gradients;
# - write the network of notebook 7 with `torch.nn` in a few lines and train it on the same data;
# - say what putting the 100 points into one tensor (a **batch**) buys.

# %% [markdown] slideshow={"slide_type": "notes"}
# > **For the teacher** · speaker notes, hidden in the slides
# >
# > This notebook is a bridge to what students will use next. The point
# > is not PyTorch's API but that nothing in it is new: a tensor is a `Value` that holds many
# > numbers, and `backward()` is the same chain rule. If time is short, show sections 1 and 3.

# %% slideshow={"slide_type": "subslide"}
try:
    import torch
except ImportError:
    raise ImportError("This notebook needs PyTorch: run `.venv/bin/python -m pip install torch "
                      "--index-url https://download.pytorch.org/whl/cpu` in the course's folder "
                      "(the CPU-only build), then restart the kernel.") from None

torch.set_default_dtype(torch.float64)  # Python's floats are 64-bit: the same digits as Value
torch.manual_seed(0)  # nothing below is random, but a seed keeps it so if you add something
print("PyTorch is ready")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. A `Value` is a tensor: the worked neuron
#
# The neuron of notebook 3, output = tanh(w0·x0 + w1·x1 + w2·x2 + b), once with `Value`s and
# once with tensors. `requires_grad=True` asks PyTorch to remember how each result was made,
# which every `Value` always does.

# %%
from micrograd.engine import Value

names = ["w0", "x0", "w1", "x1", "w2", "x2", "b"]
numbers = [1.3, 1.6, 1.2, 0.8, 1.1, 0.5, 0.2]

v = {name: Value(x, label=name) for name, x in zip(names, numbers)}
out_v = (v["w0"] * v["x0"] + v["w1"] * v["x1"] + v["w2"] * v["x2"] + v["b"]).tanh()
out_v.backward()

# %% slideshow={"slide_type": "subslide"}
t = {name: torch.tensor(x, requires_grad=True) for name, x in zip(names, numbers)}
out_t = (t["w0"] * t["x0"] + t["w1"] * t["x1"] + t["w2"] * t["x2"] + t["b"]).tanh()
out_t.backward()

print(f"output  micrograd {out_v.data:.6f}   PyTorch {out_t.item():.6f}")
print("input   micrograd   PyTorch")
for name in names:
    print(f"{name:5} {v[name].grad:11.6f} {t[name].grad.item():9.6f}")
print("the same to 15 digits:",
      all(abs(v[n].grad - t[n].grad.item()) < 1e-15 for n in names))

# %% [markdown] slideshow={"slide_type": "subslide"}
# The gradients of notebook 3, digit for digit: w0.grad = 0.003264 = x0 · 0.00204, and so on.
# The code is the same too, but for `torch.tensor(...)` and `.item()`, which turns a one-number
# tensor back into a Python float.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. The translation table
#
# | micrograd | PyTorch |
# |---|---|
# | `Value(2.0)` | `torch.tensor(2.0, requires_grad=True)` |
# | `a * b + c`, `x.tanh()`, `x.relu()` | the same: `a * b + c`, `x.tanh()`, `x.relu()` |
# | `v.data` | `t.item()` for one number (`t.detach()` for a whole tensor) |
# | `loss.backward()` | `loss.backward()` |
# | `v.grad`, a float, 0 at the start | `t.grad`, a tensor, `None` until the first `backward()` |
# | `model.zero_grad()` | `optimizer.zero_grad()` (or `model.zero_grad()`) |
# | `model.parameters()` | `model.parameters()`: a few tensors, not one `Value` per number |
# | `p.data -= learning_rate * p.grad`, every `p` | `optimizer.step()`, see below for `optimizer` |
# | `MLP(2, [16, 16, 1])` | `nn.Sequential(nn.Linear(2, 16), nn.Tanh(), ...)`, section 3 |
# | `mse_loss(outputs, y)` | `((out - y) ** 2).mean()`, or `nn.functional.mse_loss(out, y)` |
# | one `Value` per number, one point at a time | one tensor per batch: all 100 points at once |
#
# The gradients pile up in PyTorch as well: `backward()` adds to `.grad`, so each training step
# starts with `zero_grad()`, exactly as in notebook 7.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. The network of notebook 7, in `torch.nn`
#
# Notebook 7 trained `MLP(2, [16, 16, 1])`, tanh everywhere, on `data/train.csv`. In PyTorch a
# layer of neurons is `nn.Linear(inputs, outputs)`: a weight matrix and a bias vector, the
# weights of all its neurons at once. The activation is a layer of its own.

# %%
import random

from torch import nn

from micrograd.data import default_train_path, load_dataset
from micrograd.nn import MLP
from micrograd.train import accuracy, train

torch_model = nn.Sequential(
    nn.Linear(2, 16), nn.Tanh(),
    nn.Linear(16, 16), nn.Tanh(),
    nn.Linear(16, 1), nn.Tanh(),
)
print(torch_model)

# %% [markdown] slideshow={"slide_type": "subslide"}
# PyTorch picks its own random starting weights. To compare the two fairly, we give it the very
# weights that notebook 7's network started from (`random.Random(1)`): neuron by neuron, the
# weights of a micrograd `Layer` are the rows of the `nn.Linear`'s weight matrix. The data are
# notebook 7's 100 points, in two tensors.


# %%
def copy_weights(mlp, torch_model):
    """Give torch_model the weights of a micrograd MLP, layer by layer."""
    linears = [layer for layer in torch_model if isinstance(layer, nn.Linear)]
    with torch.no_grad():  # setting weights is not a computation to differentiate
        for layer, linear in zip(mlp.layers, linears):
            linear.weight.copy_(torch.tensor([[w.data for w in n.w] for n in layer.neurons]))
            linear.bias.copy_(torch.tensor([n.b.data for n in layer.neurons]))


data = load_dataset(default_train_path())
X = torch.tensor(data.X)  # all 100 points in one tensor: shape (100, 2)
y = torch.tensor(data.y).reshape(-1, 1)  # shape (100, 1), one label per row
print("X:", tuple(X.shape), "  y:", tuple(y.shape))

# %% [markdown] slideshow={"slide_type": "subslide"}
# The training loop of notebook 7, in PyTorch: forward, loss, `zero_grad`, backward, step. With
# learning rate 0.2, notebook 7 reached 100% accuracy after 46 steps (5 by hand, then 41 with
# `train()`). Both networks take those 46 steps here, from the same weights.

# %%
ours = MLP(2, [16, 16, 1], rng=random.Random(1))  # notebook 7's starting weights
copy_weights(ours, torch_model)  # and the same for PyTorch

learning_rate, steps = 0.2, 46
optimizer = torch.optim.SGD(torch_model.parameters(), lr=learning_rate)
torch_losses = []
for _ in range(steps):
    out = torch_model(X)  # every point at once
    loss = ((out - y) ** 2).mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    torch_losses.append(loss.item())
torch_accuracy = ((torch_model(X) > 0) == (y > 0)).double().mean().item()

# %% slideshow={"slide_type": "subslide"}
ours = MLP(2, [16, 16, 1], rng=random.Random(1))  # the same start: this cell can run again
history = train(ours, data.X, data.y, steps=steps, learning_rate=learning_rate)
ours_accuracy = accuracy([ours(x) for x in data.X], data.y)

print("step   loss: micrograd    PyTorch")
for step in (0, 1, 5, 15, 30, 45):
    print(f"{step:4}   {history.loss[step]:15.6f} {torch_losses[step]:10.6f}")
print(f"accuracy after {steps} steps: micrograd {ours_accuracy:.0%}, PyTorch {torch_accuracy:.0%}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Notice:** the same losses, step after step, to the sixth decimal, and the same 100%
# accuracy. The two loops do the same arithmetic: PyTorch only does it on whole matrices.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. What a batch buys
#
# Our engine makes one `Value` for every number of every point: one training step is a graph of
# tens of thousands of Python objects. PyTorch holds all 100 points in one tensor, so a layer is
# one matrix product, done in compiled code. How much does that buy? Here is one training step
# (forward, loss, backward) three ways: with micrograd, with PyTorch one point at a time (as our
# engine works), and with PyTorch on the whole batch.
#
# Two things keep the comparison fair on a laptop that is busy with other work. PyTorch runs on
# one thread here: for 100 points, splitting a matrix product over several cores costs more than
# it saves, and when the other cores are busy the threads wait for each other, so the batch can
# come out *slower* than one point at a time. And each timing is the fastest of several runs:
# other programs can only make a run slower, never faster, so the fastest run is the one that
# measures the step itself.

# %%
import gc
import time

from micrograd.train import mse_loss


def seconds(step, repeats=5):
    """The fastest of a few calls of step(): what the step itself takes, without the moments
    when another program had the processor."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return min(times)


# %% slideshow={"slide_type": "subslide"}
def micrograd_step():
    gc.disable()  # as train() does: our graphs need no cycle collector (notebook 8)
    loss = mse_loss([ours(x) for x in data.X], data.y)
    ours.zero_grad()
    loss.backward()
    gc.enable()


def torch_step_point_by_point():
    loss = sum((torch_model(X[i]) - y[i]) ** 2 for i in range(len(X))).sum() / len(X)
    torch_model.zero_grad()
    loss.backward()


def torch_step_batch():
    loss = ((torch_model(X) - y) ** 2).mean()
    torch_model.zero_grad()
    loss.backward()


# %% slideshow={"slide_type": "subslide"} tags=["nbval-ignore-output"]
# Run again to measure again: timings vary from run to run.
threads = torch.get_num_threads()
torch.set_num_threads(1)  # one thread: steady timings on a busy machine (see above)
timings = {"micrograd, one Value per number": seconds(micrograd_step),
           "PyTorch, one point at a time": seconds(torch_step_point_by_point),
           "PyTorch, the 100 points in one batch": seconds(torch_step_batch)}
for what, s in timings.items():
    print(f"{what:38} {s * 1e3:8.2f} ms per step")
torch.set_num_threads(threads)  # as it was

# %% [markdown]
# Your timings will differ, but not the picture: PyTorch one point at a time is only a few times
# faster than micrograd (each small operation has its own overhead), and the batch is faster
# again by one or two orders of magnitude (on one thread, fastest of five runs: the gap can
# shrink when the machine is busy and PyTorch uses several threads). Notebook 8 found the same
# with numpy arrays: the gain comes from doing the arithmetic of many numbers in one operation,
# not from PyTorch itself.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - A PyTorch tensor with `requires_grad=True` is a `Value` that can hold many numbers:
#   `backward()` and `.grad` work as in our engine, and give the same gradients.
# - `nn.Linear` is a micrograd `Layer` as one matrix; `nn.Sequential` chains layers as `MLP` does.
# - `optimizer.zero_grad()` and `optimizer.step()` are `zero_grad()` and the update of notebook 7.
# - Trained from the same weights, with the same steps, both networks learn the same thing.
# - **Batching** all the points into one tensor is where the speed comes from.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Exercises
#
# Each exercise ends with a `check_...` call that says whether your answer is right, or gives a
# hint. Each exercise has a cell for your answer; the solution below it is hidden: click it to
# reveal.

# %%
from micrograd.exercises import check_torch_parameter_count, check_torch_step

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 1.** How many numbers does `torch_model` learn? `p.numel()` is the number of values
# in a tensor `p`; add them up over `torch_model.parameters()`. Compare with
# `len(ours.parameters())`.

# %%
count = ...  # your answer
check_torch_parameter_count(count)

# %% [markdown] slideshow={"slide_type": "skip"}
# **Solution** (hidden: click the cell below to reveal it)

# %% jupyter={"outputs_hidden": true, "source_hidden": true} slideshow={"slide_type": "skip"}
# Solution: the sizes of all the parameter tensors, added up
count = sum(p.numel() for p in torch_model.parameters())
check_torch_parameter_count(count)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 2.** Write `torch_step(model, optimizer, X, y)`: one step of gradient descent on
# the mean squared error, as in section 3. The check runs it on a small network of its own and
# compares the weights with the right loop's.


# %%
def torch_step(model, optimizer, X, y):
    ...  # your code


check_torch_step(torch_step)

# %% [markdown] slideshow={"slide_type": "skip"}
# **Solution** (hidden: click the cell below to reveal it)


# %% jupyter={"outputs_hidden": true, "source_hidden": true} slideshow={"slide_type": "skip"}
# Solution: one training step, as in section 3
def torch_step(model, optimizer, X, y):
    optimizer.zero_grad()
    loss = ((model(X) - y) ** 2).mean()
    loss.backward()
    optimizer.step()


check_torch_step(torch_step)

# %% [markdown]
# **To go further:** swap `torch.optim.SGD` for `torch.optim.Adam(torch_model.parameters(),
# lr=0.01)` in section 3, from the same starting weights. How many steps does it need to reach
# 100%?
