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
# # 7. Training: how a network learns from data
#
# In notebook 6 the network's weights were random numbers, and its answers were random too. Here
# it learns: we show it 100 labelled points, measure how wrong it is with one number, and let the
# gradients tell every weight which way to move. A few dozen small steps later it separates the
# two classes without a single mistake.
#
# After this notebook you will be able to:
#
# - write a **training loop** yourself: forward pass, loss, `zero_grad`, backward pass, update;
# - say what the **loss** measures and why training makes it smaller;
# - choose a **learning rate**, and recognise one that is too small or too large;
# - read **loss and accuracy curves** and a **decision boundary**;
# - explain what goes wrong when the gradients are **not reset** before each backward pass.

# %% [markdown] slideshow={"slide_type": "notes"}
# > **For the teacher** · speaker notes, hidden in the slides
# >
# > Everything the class needs is already built: `Value` and `backward()` (notebook
# > 4), `MLP` (notebook 6). The only new idea is the loop, four lines long. Run the cells in
# > order; the one with the progress bar takes a few seconds. If time is short, do sections
# > 1-5 and the training panel (section 9), and leave the zero_grad section for homework.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. The data: two moons
#
# The course's training set lives in `data/train.csv`: 100 points in the plane, each with two
# numbers `x1`, `x2` and a label `y`, which is −1 (orange squares) or 1 (blue circles). The
# classes lie on two interlocking half circles, so no straight line can separate them.

# %%
import matplotlib.pyplot as plt

from micrograd.data import default_train_path, load_dataset
from micrograd.plots import use_course_style

use_course_style()

data = load_dataset(default_train_path())
X, y = data.X, data.y
print(f"{len(X)} points, features {data.feature_names}, labels {sorted(set(y))}")
for x, label in zip(X[:4], y[:4]):
    print(f"x1 = {x[0]:7.4f}   x2 = {x[1]:7.4f}   y = {label:4.0f}")

# %% slideshow={"slide_type": "subslide"}
from micrograd.plots import plot_dataset

plot_dataset(X, y, title="The training data: two moons")
plt.show()

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Notice:** the orange moon curls over the blue one. A boundary between them has to bend twice,
# which is why the network needs hidden layers.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. The network, before it has learned anything
#
# We use the network of notebook 6: two inputs, two hidden layers of 16 neurons, one output,
# tanh everywhere. The output lies between −1 and 1; we read a positive output as class 1 (blue)
# and a negative one as class −1 (orange).
#
# Its weights start random. Passing our own `random.Random(1)` makes them the same random
# numbers on every run, so your numbers match the ones printed here.

# %%
import random

from micrograd.nn import MLP

model = MLP(2, [16, 16, 1], rng=random.Random(1))
print(model)

# %% [markdown] slideshow={"slide_type": "subslide"}
# Its first answers, for the first four points:

# %%
for x, label in zip(X[:4], y[:4]):
    out = model(x)
    guess = 1 if out.data > 0 else -1
    print(f"label {label:4.0f}   output {out.data:7.4f}   says {guess:2d}")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. One number for "how wrong": the loss
#
# To improve, the network needs a single number that is small when its answers are good. We use
# the **mean squared error**: for each point, the difference between the output and the label,
# squared, then the mean over all points.
#
# $$\text{loss} = \frac{1}{N} \sum_{i=1}^{N} (\text{output}_i - y_i)^2$$
#
# A perfect answer costs 0. An output of −1 for a point labelled 1 costs (−1 − 1)² = 4, the most
# a tanh output can cost.

# %%
outputs = [model(x) for x in X]  # the forward pass: one Value per point
loss = sum((out - label) ** 2 for out, label in zip(outputs, y)) / len(y)
print(f"loss = {loss.data:.4f}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# The loss is a `Value` like any other: the last node of one big graph that reaches back through
# every point and every weight. The package has the same formula as `mse_loss`, and the share
# of points on the right side as `accuracy`:

# %%
from micrograd.train import accuracy, mse_loss

print(f"mse_loss = {mse_loss(outputs, y).data:.4f}")
print(f"accuracy = {accuracy(outputs, y):.0%}")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. One step downhill
#
# Every weight gets a gradient from `loss.backward()`: how much the loss grows when that weight
# grows a little. To make the loss *smaller*, move each weight a small step *against* its
# gradient:
#
# ```python
# p.data -= learning_rate * p.grad
# ```
#
# The **learning rate** sets the size of the step. Before `backward()`, we set every gradient to
# 0 with `model.zero_grad()`; section 8 shows why.

# %%
# Run again to take one more step: each run measures the loss anew, then steps
learning_rate = 0.2
w = model.layers[0].neurons[0].w[0]  # one weight to watch: the first neuron's first weight

loss = mse_loss([model(x) for x in X], y)
model.zero_grad()
loss.backward()
print(f"before:  w = {w.data:.4f}   gradient {w.grad:.4f}")
for p in model.parameters():
    p.data -= learning_rate * p.grad
print(f"after:   w = {w.data:.4f}   (moved by {-learning_rate * w.grad:+.4f})")

# %% [markdown] slideshow={"slide_type": "fragment"}
# Did the step help? Run the network again with its new weights and measure the loss:

# %%
outputs = [model(x) for x in X]
print(f"loss after one step: {mse_loss(outputs, y).data:.4f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Notice:** the loss went down, though no weight was told what the right answer is. Each one
# moved only where its own gradient pointed, and all 337 moves together made the network a
# little less wrong.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. The training loop
#
# Training is that step, repeated. Each time round:
#
# 1. **forward**: run the network on every point and compute the loss;
# 2. **zero_grad**: reset every gradient to 0;
# 3. **backward**: `loss.backward()` fills in every gradient;
# 4. **update**: move every parameter a small step against its gradient.

# %%
# Run again to train 4 more steps
for step in range(4):
    outputs = [model(x) for x in X]  # 1. forward
    loss = mse_loss(outputs, y)
    model.zero_grad()  # 2. zero_grad
    loss.backward()  # 3. backward
    for p in model.parameters():  # 4. update
        p.data -= learning_rate * p.grad
    print(f"step {step}   loss {loss.data:.4f}   accuracy {accuracy(outputs, y):.0%}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Notice:** the loss falls at every step. The loss printed is the one measured *before* the
# step's update, so the network is already a little better than the last line says.

# %% [markdown] slideshow={"slide_type": "notes"}
# > **For the teacher** · speaker notes, hidden in the slides
# >
# > Ask the class to predict what happens with learning_rate = 0.01 (slow but
# > steady) and 20 (every tanh saturates and learning stops), then come back to it with the
# > training panel in section 9. The four numbered comments are worth writing on the board: every
# > training loop in every framework, PyTorch included, has these four parts.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. Training to 100% accuracy
#
# The package's `train()` runs exactly this loop, and keeps a `History` of the loss and the
# accuracy at each step. A **callback** is called after every step; ours stops training as soon
# as every point is on the right side. `progress=True` would show a progress bar with a clock;
# we hand `train()` a `tqdm` bar of our own that shows the steps, the loss and the accuracy.

# %% slideshow={"slide_type": "subslide"}
# Run again to train on from where the network is now
from tqdm.auto import tqdm

from micrograd.train import train


def stop_when_all_right(step, history):
    """Keep going (True) while some point is still on the wrong side."""
    return history.accuracy[-1] < 1.0


bar = tqdm(total=100, desc="training",
           bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} steps{postfix}")
history = train(model, X, y, steps=100, learning_rate=learning_rate,
                callback=stop_when_all_right, progress=bar)
bar.total = history.steps  # end the bar where training stopped: tqdm paints a short bar red
bar.close()
print(f"steps taken: {history.steps}; after them, loss {history.loss_after:.4f} and "
      f"accuracy {history.accuracy_after:.0%}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Loss and accuracy, step by step

# %%
from micrograd.plots import plot_history

plot_history(history)
plt.show()

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Notice:** the curves start where section 5 left off (after 5 steps, if you ran each cell
# once), so the first loss is 0.36, not 0.91. The loss keeps falling, steeply at first, then
# more gently. Accuracy moves in jumps: it only changes when a point crosses from one side of
# the boundary to the other. The loss still has something to say when the accuracy stays flat:
# it measures *how far* each output is from its label, not only which side it is on.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 7. What the network has learned
#
# The network gives an output for *any* point of the plane, not only for the 100 it was trained
# on. Shading the plane by that output shows its **decision boundary**, the line where the output
# crosses 0.

# %%
from micrograd.plots import plot_decision_boundary

plot_decision_boundary(model, X, y, title="The decision boundary after training")
plt.show()

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Notice:** the boundary bends around the tips of both moons. Far from the data, the shading
# is the network's guess: it has never seen a point there.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The predictions, saved to a file
#
# `predict` gives the network's output for every point, as plain numbers, and `classify` turns
# each output into a class. `write_predictions` saves them as a CSV file, one line per point,
# which you can open in a spreadsheet.

# %%
import csv

from micrograd.train import classify, predict, write_predictions

predictions = predict(model, X)
write_predictions("predictions.csv", data, predictions)

with open("predictions.csv", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
print(f"predictions.csv: {len(rows)} lines, columns {list(rows[0])}")
for row in rows[:4]:
    print(f"x1 = {float(row['x1']):7.4f}   x2 = {float(row['x2']):7.4f}   y = {row['y']:>2}   "
          f"output = {float(row['output']):7.4f}   predicted = {row['predicted']:>2}")
wrong = sum(c != label for c, label in zip(classify(predictions), y))
print(f"points on the wrong side: {wrong}")

# %% slideshow={"slide_type": "subslide"}
from micrograd.plots import plot_predictions

plot_predictions(X, y, predictions)
plt.show()

# %% [markdown] slideshow={"slide_type": "fragment"}
# Each point is drawn as the class the network *gives* it (blue circle or orange square); a ring
# would mark a point where that is not its label. After training there are none.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 8. What if we forget `zero_grad()`?
#
# `backward()` *adds* to each gradient (`+=`): notebook 4 needed that for a value used twice. But
# it means the gradients of the last step are still there when the next `backward()` starts. We
# train the same starting network twice for 12 steps: once with `train()`, and once with our
# loop from section 5 with the `zero_grad()` line left out.

# %%
with_reset = MLP(2, [16, 16, 1], rng=random.Random(1))
history_with = train(with_reset, X, y, steps=12, learning_rate=learning_rate)

forgetful = MLP(2, [16, 16, 1], rng=random.Random(1))  # the same starting weights
history_without = {"loss": [], "accuracy": []}
for _ in range(12):
    outputs = [forgetful(x) for x in X]
    loss = mse_loss(outputs, y)
    loss.backward()  # no zero_grad() before it: the gradients pile up
    for p in forgetful.parameters():
        p.data -= learning_rate * p.grad
    history_without["loss"].append(loss.data)
    history_without["accuracy"].append(accuracy(outputs, y))

# %% [markdown] slideshow={"slide_type": "subslide"}
# The losses of the two runs, step by step:

# %%
print("step   loss with zero_grad   loss without")
for step in range(12):
    print(f"{step:4d}   {history_with.loss[step]:19.4f}   {history_without['loss'][step]:12.4f}")

# %% slideshow={"slide_type": "subslide"}
axes = plot_history(history_with, label="with zero_grad()")  # a solid line
plot_history(history_without, axes=axes, label="without")  # the next style: dashed
plt.show()

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Notice:** the first two losses are equal: the first update is the same for both, since every
# gradient starts at 0. After that, the forgetful loop moves each weight by the *sum* of all the
# gradients so far, not by the current one. For a few steps the old gradients still point the
# same way and the bigger steps even help; then the steps grow too large, point partly in stale
# directions, and its loss climbs back up while the proper loop's keeps falling.

# %% [markdown] slideshow={"slide_type": "fragment"}
# A bug like this does not crash anything, and on an easy problem the network may even learn a
# little anyway. That is what makes it dangerous: the only symptom is a loss curve that looks
# worse than it should.

# %% [markdown] slideshow={"slide_type": "notes"}
# > **For the teacher** · speaker notes, hidden in the slides
# >
# > The same slip is easy to make in PyTorch, where `optimizer.zero_grad()` plays
# > the same role. If someone asks "why does backward() add at all?": because a value used in two
# > places must collect a gradient from each (notebook 4), and the engine cannot tell a second use
# > from a second backward pass.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 9. The training panel
#
# The panel trains in the background, on micrograd's own `Value`s, so it answers while it
# learns: **Play**, **Pause**, **Step** and **Reset** (the seed's starting weights and the
# course's data). A new **learning rate** counts from the next step, marked by a dashed line
# on the loss curve; new **hidden
# layers**, **activation** or **seed** make a new network. Choose a **data set**, or load a
# **CSV file**. A **click on the plot** adds, removes or picks a point (on the keyboard: the
# arrow keys and Enter); a picked point's outputs fill the network's neurons, and a table lists
# their gradients.
#
# Blue circles are class +1, orange squares class −1; shading shows the predicted class, a line
# the boundary, rings the points on the wrong side. In the network, solid blue lines are
# positive weights, dashed orange negative.

# %% slideshow={"slide_type": "subslide"}
from micrograd.widgets import training_panel

panel = training_panel(X, y, learning_rate=0.2, steps=60, seed=1)
panel

# %% [markdown] slideshow={"slide_type": "subslide"}
# Code can press the buttons too (`panel.play()`, `.pause()`, `.step()`, `.reset()`, and
# `.train()` for a whole run) and set the controls (`panel.learning_rate = 0.5`). A short run
# of 5 steps, on a second panel:

# %%
short = training_panel(X, y, learning_rate=0.2, steps=5, seed=1)
short.train()
print(short.status_text)

# %% [markdown]
# The same seed, rate and loop: the loss of step 5 is the 0.4149 of step 3 in section 5, our
# network's fifth step too. The panel also reads the loss curve: still falling fast after 5
# steps, so the run was too short; on the panel that advice stands in a framed box.

# %% [markdown] slideshow={"slide_type": "fragment"}
# Things to try: press **Reset**, then **Play**, and let the 60 steps run.
#
# - rate **0.2**: the loss falls steadily, to 100% accuracy in under 50 steps.
# - rate **0.01**: slow; 60 small steps get about as far as 3 steps at 0.2 (60 × 0.01 =
#   3 × 0.2), a loss near 0.46 and 85% accuracy. The panel says the rate is too small.
# - rate **0.001**: the loss hardly moves, from 0.9087 to 0.8542.
# - rate **20**: after one step the loss is stuck at 2 and the accuracy at 50%. That step threw
#   every tanh into saturation, at −1 or 1, where its slope is almost 0, so the gradients vanish.
#   At **10** the loss sticks at 0.52. The panel says the rate is too large.
# - **relu** at rate **0.2**: the loss blows up; try 0.02.
# - hidden layers **2**: two neurons cannot bend the boundary enough; accuracy stalls below 90%.
# - while it runs: slide the rate from **0.01** to **0.2** and see the curve bend at the mark;
#   switch to **circles** or **XOR**; add −1 points inside the +1 moon and watch the boundary
#   bend to them, or ring them.

# %% [markdown] slideshow={"slide_type": "notes"}
# > **For the teacher** · speaker notes, hidden in the slides
# >
# > A good classroom game: everyone picks a learning rate before pressing Play, and the class
# > compares the final accuracies. Pause mid-run to ask what the boundary will do next.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - The **loss** is one number that says how wrong the network is; here, the mean squared error
#   between outputs and labels.
# - One **training step** is: forward pass, `zero_grad()`, `loss.backward()`, then
#   `p.data -= learning_rate * p.grad` for every parameter.
# - The **learning rate** sets the step size: too small and training crawls; too large and the
#   loss gets stuck (every tanh saturated) or, with relu, blows up.
# - **Loss and accuracy curves** show whether training works; the **decision boundary** shows
#   what the network learned, everywhere in the plane.
# - `backward()` adds to the gradients, so forgetting `zero_grad()` makes every step use stale
#   gradients: no error, just worse training.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Exercises
#
# Each exercise ends with a `check_...` call that says whether your answer is right, or gives a
# hint. Each exercise has a cell for your answer; the solution below it is hidden: click it to
# reveal.

# %%
from micrograd.engine import Value
from micrograd.exercises import check_accumulated_grad, check_training_loop, check_update

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 1.** A weight has `w.data = 0.8` and, after `backward()`, `w.grad = -0.5`. With a
# learning rate of 0.1, what is `w.data` after the update?

# %%
new_value = ...  # your answer
check_update(new_value)

# %% [markdown] slideshow={"slide_type": "skip"}
# **Solution** (hidden: click the cell below to reveal it)

# %% jupyter={"outputs_hidden": true, "source_hidden": true} slideshow={"slide_type": "skip"}
# Solution: try the exercise yourself before you look
new_value = 0.8 - 0.1 * (-0.5)
check_update(new_value)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 2.** Take `w = Value(-3.0)`, `x = 2.0` and `loss = (w * x - 1) ** 2`. Build the loss
# and call `loss.backward()` three times, with no `zero_grad()` and no update in between. What is
# `w.grad` then? Work it out on paper first; the solution runs it to show you.

# %%
w_grad = ...  # your answer
check_accumulated_grad(w_grad)

# %% [markdown] slideshow={"slide_type": "skip"}
# **Solution** (hidden: click the cell below to reveal it)

# %% jupyter={"outputs_hidden": true, "source_hidden": true} slideshow={"slide_type": "skip"}
# Solution: try the exercise yourself before you look
w = Value(-3.0)
x = 2.0
for _ in range(3):
    loss = (w * x - 1) ** 2
    loss.backward()
check_accumulated_grad(w.grad)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 3.** Write `train_steps(model, X, y, steps, learning_rate)`: it trains `model` in
# place for `steps` steps of gradient descent on the mean squared error. The check runs it on a
# small network and data of its own and compares the weights with what `train()` gives.


# %%
def train_steps(model, X, y, steps, learning_rate):
    ...  # your code


check_training_loop(train_steps)

# %% [markdown] slideshow={"slide_type": "skip"}
# **Solution** (hidden: click the cell below to reveal it)


# %% jupyter={"outputs_hidden": true, "source_hidden": true} slideshow={"slide_type": "skip"}
# Solution: try the exercise yourself before you look
def train_steps(model, X, y, steps, learning_rate):
    for _ in range(steps):
        outputs = [model(x) for x in X]
        loss = mse_loss(outputs, y)
        model.zero_grad()
        loss.backward()
        for p in model.parameters():
            p.data -= learning_rate * p.grad


check_training_loop(train_steps)

# %% [markdown]
# **To go further:** `train()` also knows the loss of Karpathy's micrograd demo, the max-margin
# loss with a little weight decay: `train(model, X, y, loss="max-margin", alpha=1e-4)`. Train a
# fresh network with it and compare the decision boundaries.
