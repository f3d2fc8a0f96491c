"""Training a network by gradient descent: losses, accuracy, and the training loop.

    from micrograd.train import train
    history = train(model, data.X, data.y, steps=100, learning_rate=0.1)
    history.final_loss, history.final_accuracy

One step of training is the loop the notebook writes out by hand:
  1. forward:  run the model on every point and measure the loss,
  2. backward: zero the gradients, then loss.backward(),
  3. update:   move every parameter a little against its gradient, p.data -= lr * p.grad.

Steps are numbered from 0, as in `for step in range(steps)`.
"""

import contextlib
import csv
import gc
import math

from micrograd.checks import counted, is_real_number, is_whole_number
from micrograd.engine import Value

__all__ = ["History", "TrainingDiverged", "mse_loss", "max_margin_loss", "l2_penalty",
           "accuracy", "predict", "classify", "write_predictions", "decaying_lr", "format_rate",
           "train", "train_step", "measure_after", "collector_paused", "evaluate", "check_data",
           "check_learning_rate", "check_steps", "LOSSES"]


# ---- losses: a list of predictions (Values) and a list of targets (numbers) in, one Value out --

def mse_loss(predictions, targets):
    """Mean squared error: the mean of (prediction - target)² over all points."""
    _check_pairs(predictions, targets, "mse_loss")
    total = Value(0.0)
    for pred, target in zip(predictions, targets):
        total = total + (pred - target) ** 2
    return total * (1.0 / len(predictions))


def max_margin_loss(predictions, targets, parameters=None, alpha=0.0):
    """Max-margin (hinge) loss: the mean of relu(1 - target · prediction), plus L2 regularization.

    A point costs nothing once its prediction has the right sign with a margin of at least 1.
    With `alpha` > 0, alpha · sum(p²) over `parameters` is added, which keeps the weights small
    (Karpathy's micrograd demo uses alpha=1e-4).
    """
    _check_pairs(predictions, targets, "max_margin_loss")
    total = Value(0.0)
    for pred, target in zip(predictions, targets):
        total = total + (1 - target * pred).relu()
    data_loss = total * (1.0 / len(predictions))
    if alpha:
        if parameters is None:
            raise ValueError("max_margin_loss: alpha is not 0, so the L2 term needs the "
                             "parameters; pass parameters=model.parameters()")
        return data_loss + l2_penalty(parameters, alpha)
    return data_loss


def l2_penalty(parameters, alpha):
    """alpha · sum(p²) over the parameters: large weights cost more."""
    total = Value(0.0)
    for p in parameters:
        total = total + p * p
    return total * alpha


LOSSES = {"mse": mse_loss, "max-margin": max_margin_loss}


# ---- predictions and accuracy (plain floats: no graph is built here) ---------------------------

def classify(outputs):
    """The class each output predicts: 1 if it is above 0, else -1."""
    return [1 if _number(o) > 0 else -1 for o in outputs]


def write_predictions(path, data, outputs):
    """Write a CSV file with, per point: its features, its label y, the network's output, and the
    predicted class (-1 or 1). `data` is a Dataset; `outputs` are predict(model, data.X)."""
    if len(outputs) != len(data.X):  # checked before the file is opened, which empties it
        raise ValueError(f"write_predictions: {counted(len(outputs), 'output')} for "
                         f"{counted(len(data.X), 'point')}; "
                         "give one output per point, outputs = predict(model, data.X)")
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(list(data.feature_names) + ["y", "output", "predicted"])
        for x, label, output, predicted in zip(data.X, data.y, outputs, classify(outputs)):
            writer.writerow([repr(v) for v in x] + [int(label), repr(output), predicted])


def accuracy(predictions, targets):
    """The fraction of points whose predicted class, classify(prediction), equals the label."""
    _check_pairs(predictions, targets, "accuracy")
    _check_labels(targets, "accuracy")
    hits = sum(c == t for c, t in zip(classify(predictions), targets))
    return hits / len(targets)


def predict(model, X):
    """The model's output for each point of X, as a list of floats."""
    outputs = []
    for i, x in enumerate(X):
        out = model(x)
        if not isinstance(out, Value):
            raise ValueError(f"predict: the model gave {counted(len(out), 'output')} for point "
                             f"{i}, but predict needs one output per point; build it with a "
                             "last layer of size 1, such as MLP(2, [16, 16, 1])")
        outputs.append(out.data)
    return outputs


def evaluate(model, X, y, loss="mse", alpha=0.0):
    """The loss and the accuracy of `model` on the points X with labels y, as two floats."""
    loss_fn = _loss_function(loss)
    predictions = [model(x) for x in X]
    value = _total_loss(loss_fn, predictions, y, model.parameters(), alpha)
    return value.data, accuracy(predictions, y)


# ---- learning rates --------------------------------------------------------------------------

def decaying_lr(start, end=None):
    """A learning rate that falls in a straight line from `start`, by the same amount each step.

    lr(step, steps) = start + (end - start) · step / steps, so step 0 uses `start` and a step
    one past the last would use `end` (default: start / 10). Karpathy's micrograd demo,
    1.0 - 0.9 · step / steps, is decaying_lr(1.0, 0.1).
    """
    start = check_learning_rate(start, "decaying_lr: start")
    end = start / 10 if end is None else check_learning_rate(end, "decaying_lr: end")

    def lr(step, steps):
        return start + (end - start) * step / steps

    lr.__name__ = f"decaying_lr({start:g}, {end:g})"
    return lr


def format_rate(rate):
    """A learning rate as text, to 3 significant digits: as the training panel's slider shows
    it (19.9526 -> '20', 0.00126 -> '0.00126'), in advice and errors alike."""
    return f"{rate:.3g}"


# ---- the training loop -----------------------------------------------------------------------

BLOW_UP = 1e6  # a loss this many times its first value (or 1, if that is smaller) has diverged


class TrainingDiverged(ArithmeticError):
    """The loss or a parameter stopped being a finite number, or the loss grew a million-fold:
    the steps were too big.

    `.history` holds the steps recorded before it happened, so they can still be plotted (a
    step whose loss is inf or nan is not recorded); `.step` is the step that went wrong and
    `.learning_rate` the rate it used.
    """

    def __init__(self, message, history=None, step=None, learning_rate=None):
        super().__init__(message)
        self.history = history
        self.step = step
        self.learning_rate = learning_rate


class History:
    """What happened during training: one entry per step in each list.

    `loss[k]` and `accuracy[k]` are measured in step k's forward pass, before its update;
    `learning_rate[k]` is the rate step k used. `stopped_reason` says why training ended.
    `loss_after` and `accuracy_after` are measured once more when training ends, on the network
    as the last update left it (None while training runs, or when it went wrong): after one
    step, `loss[0]` is the untrained network's loss and `loss_after` the trained one's.
    `loss_curve` and `accuracy_curve` are the loss and the accuracy after 0, 1, 2, ... updates:
    the lists, then the measurement after the last update.
    """

    # what advice() measures over the last fifth of the steps, the fall of the loss there:
    FLAT = 1e-5  # stopped moving: less than this share of the loss (a saturated tanh network
    #              moves about 1e-9 of it, one that learns, more than 1e-3)
    LEVELLED = 0.04  # levelled off: less than this share of the whole fall (a straight line
    #                  does 0.2 of it)
    SLOW = 0.015  # too small a learning rate: each step takes off less than this share of the
    #               loss (0.1% to 1% at rates 0.001 and 0.01; 2% to 20% a run cut short)

    def __init__(self):
        self.loss = []
        self.accuracy = []
        self.learning_rate = []
        self.loss_after = None
        self.accuracy_after = None
        self.stopped_reason = "not started"

    @property
    def steps(self):
        """How many steps were done."""
        return len(self.loss)

    @property
    def final_loss(self):
        """The loss of the last step done (None before the first step)."""
        return self.loss[-1] if self.loss else None

    @property
    def final_accuracy(self):
        """The accuracy of the last step done (None before the first step)."""
        return self.accuracy[-1] if self.accuracy else None

    @property
    def loss_curve(self):
        """The loss after 0, 1, 2, ... updates: `loss`, then `loss_after` if it was measured."""
        return self.loss + ([] if self.loss_after is None else [self.loss_after])

    @property
    def accuracy_curve(self):
        """The accuracy after 0, 1, 2, ... updates, as `loss_curve` has the loss."""
        return self.accuracy + ([] if self.accuracy_after is None else [self.accuracy_after])

    def advice(self, max_steps=None):
        """What went wrong, or could go further, as "problem: what happened. What to try.";
        None when there is nothing to say (training went well, or there are fewer than 2
        losses to compare). A run of 1 step is judged by its loss before and after its update
        (`loss_after`), as a run of 2 steps is by the losses of its 2 steps.

        - the learning rate is too large when the loss went up, jumped above where it started
          and is still not much lower, or stopped moving short of 100% accuracy. A rate far too
          large need not make the loss infinite: with tanh its first step pins every neuron at
          -1 or 1 (with relu, at 0), where the slope is flat, so the gradients vanish and the
          loss stops, often higher than it started;
        - while some point is still on the wrong side and the loss has not levelled off (the
          last fifth of the steps did at least LEVELLED of the whole fall): the learning rate is
          too small when each step at the end takes off less than SLOW of the loss, and there
          were too few steps when the loss falls faster than that.
        A loss that levelled off gets no advice: more steps or larger ones would change little.
        Learning rates are written as format_rate writes them, losses to 4 decimals.
        `max_steps`: the most steps there can be (the panel's slider), so that advice never
        asks for more.
        """
        loss, final_accuracy = self.loss, self.final_accuracy
        if self.steps == 1 and self.loss_after is not None:
            loss, final_accuracy = self.loss_curve, self.accuracy_after
        if len(loss) < 2:
            return None
        n = len(loss)  # losses to judge: the steps', and after a single step, the one after it
        first, last, lr = loss[0], loss[-1], self.learning_rate[-1]
        rate, smaller, larger = format_rate(lr), format_rate(lr / 10), format_rate(lr * 10)
        too_large = (f"learning rate {rate} is too large: ", "Try a smaller learning rate, "
                     f"such as {smaller}.")
        window = max(1, (n - 1) // 5)  # the last fifth of the steps, at least one
        recent_fall = loss[-1 - window] - last
        if (n > 2 and abs(recent_fall) <= self.FLAT * last and last > 0
                and final_accuracy < 1):
            went = (f"the loss went up from {first:.4f} to {last:.4f}" if last > first
                    else f"the loss stopped at {last:.4f}")
            return (too_large[0] + went + f" and has not moved since step {self._flat_since()} "
                    f"(accuracy {final_accuracy:.0%}): steps this large push the neurons "
                    "to where their slope is flat (tanh at -1 or 1, relu at 0), so the gradients "
                    "vanish. " + too_large[1])
        if last > first:
            return (too_large[0] + f"the loss went up, from {first:.4f} at step 0 to "
                    f"{last:.4f} at step {n - 1}: each step overshoots the valley it "
                    "aims for. " + too_large[1])
        peak = max(range(n), key=loss.__getitem__)
        if loss[peak] > first and last > 0.5 * first:
            return (too_large[0] + f"the loss jumped from {first:.4f} at step 0 to "
                    f"{loss[peak]:.4f} at step {peak}, and was still at {last:.4f} at step "
                    f"{n - 1}: the steps overshoot. " + too_large[1])
        fall = first - last
        if fall <= 0 or final_accuracy == 1 or recent_fall < self.LEVELLED * fall:
            return None  # every point is right, or the loss has levelled off
        per_step = recent_fall / window / last  # the share of the loss each step takes off now
        if per_step < self.SLOW:
            return (f"learning rate {rate} is too small: the loss falls slowly, each step "
                    f"taking only {_percent(per_step)} off it. Try a larger learning rate, such "
                    f"as {larger}.")
        more = 2 * self.steps if max_steps is None else min(2 * self.steps, max_steps)
        try_more = (f"Try more steps, such as {more}." if more > self.steps
                    else f"Try a larger learning rate, such as {larger}.")
        return ("too few steps: the loss was still falling fast when training stopped, each "
                f"step taking {_percent(per_step)} off it. " + try_more)

    def _flat_since(self):
        """The first step from which the loss shows the same 4 decimals as at the end."""
        since = self.steps - 1
        while since > 0 and abs(self.loss[since - 1] - self.final_loss) < 5e-5:
            since -= 1
        return since

    def __repr__(self):
        if not self.loss:
            return f"History(steps=0, stopped_reason={self.stopped_reason!r})"
        after = "" if self.loss_after is None else f"loss_after={self.loss_after:.4g}, "
        return (f"History(steps={self.steps}, final_loss={self.final_loss:.4g}, "
                f"final_accuracy={self.final_accuracy:.2f}, {after}"
                f"stopped_reason={self.stopped_reason!r})")


def train(model, X, y, steps=100, learning_rate=0.1, loss="mse", alpha=0.0, callback=None,
          progress=False):
    """Train `model` on points X with labels y (each -1 or 1) by gradient descent; return a History.

    learning_rate: a number, or a function lr(step, steps) such as decaying_lr(1.0, 0.1).
    loss: "mse", "max-margin", or a function loss(predictions, targets) returning a Value.
    alpha: L2 regularization, alpha · sum(p²) over the parameters, added to the loss.
    callback: called as callback(step, history) after every step; returning False stops.
    When the steps are done (or the callback stopped them), one more forward pass measures the
    loss and the accuracy of the trained network: history.loss_after and .accuracy_after.
    progress: True shows a progress bar; or pass your own tqdm bar to update.
    Raises TrainingDiverged (with .history) when the loss or a parameter becomes inf or nan, or
    the loss grows to more than BLOW_UP (a million) times its first value.
    """
    check_data(X, y)
    check_steps(steps)
    rate_of = _rate_function(learning_rate)
    loss_fn = _loss_function(loss)
    alpha = _check_alpha(alpha)
    parameters = model.parameters()
    history = History()
    history.stopped_reason = "running"
    bar, own_bar = _progress_bar(progress, steps)
    try:
        with collector_paused():
            _run_steps(model, X, y, steps, rate_of, loss_fn, alpha, parameters, history, bar,
                       callback)
            measure_after(model, X, y, history, loss_fn, alpha, parameters)
        if own_bar and bar.n < steps:  # the callback stopped it: done, not failed (a notebook
            bar.total = bar.n          # bar closed short of its total turns red)
        return history
    except TrainingDiverged:
        history.stopped_reason = "diverged"
        raise
    except BaseException as e:  # from the model, the loss or the callback, or Ctrl-C
        history.stopped_reason = ("interrupted" if isinstance(e, KeyboardInterrupt) else
                                  f"stopped by {type(e).__name__}: {e}")
        raise
    finally:
        if own_bar:
            bar.close()


def _run_steps(model, X, y, steps, rate_of, loss_fn, alpha, parameters, history, bar, callback):
    for step in range(steps):
        lr = check_learning_rate(rate_of(step, steps), f"the learning rate at step {step}")
        train_step(model, X, y, history, lr, loss_fn, alpha, parameters)
        if bar is not None:
            bar.set_postfix(loss=f"{history.loss[-1]:.4f}", accuracy=f"{history.accuracy[-1]:.0%}",
                            refresh=False)
            bar.update(1)
        if callback is not None and callback(step, history) is False:
            history.stopped_reason = f"the callback returned False at step {step}"
            return
    history.stopped_reason = "finished"


def train_step(model, X, y, history, learning_rate, loss="mse", alpha=0.0, parameters=None,
               forward=None, keep_going=None):
    """One step of gradient descent, the step train() repeats, recorded in `history` as step
    history.steps: forward, zero_grad, backward, update. Returns True; raises TrainingDiverged.

    forward: forward(i, x) gives point i's prediction (default: model(x)); the training panel
    passes one that also keeps a chosen point's neuron outputs, whose .grad backward then fills.
    keep_going: asked after backward, before the update; if it returns False the step is
    dropped (nothing updated, nothing recorded) and train_step returns False: a panel paused
    mid-step stays exactly at the step it shows.
    """
    step, lr = history.steps, learning_rate
    loss_fn = _loss_function(loss)
    parameters = model.parameters() if parameters is None else parameters
    try:
        # 1. forward: predictions for every point, and the loss
        if forward is None:
            predictions = [model(x) for x in X]
        else:
            predictions = [forward(i, x) for i, x in enumerate(X)]
        total = _total_loss(loss_fn, predictions, y, parameters, alpha)
        if not math.isfinite(total.data):
            raise TrainingDiverged(_diverged(f"the loss became {total.data}", step, lr),
                                   history, step, lr)
        if history.loss and total.data > BLOW_UP * max(1.0, history.loss[0]):
            # a linear output can grow for a long time before it overflows: stop it now
            raise TrainingDiverged(
                _diverged(f"the loss grew to {total.data:.3g}, over a million times its "
                          f"{history.loss[0]:.4g} at step 0,", step, lr), history, step, lr)
        # 2. backward: gradients accumulate, so zero them first
        model.zero_grad()
        total.backward()
    except OverflowError as e:  # exp() or ** of a number too large for a float
        raise TrainingDiverged(_diverged(f"a number overflowed ({e})", step, lr),
                               history, step, lr) from None
    if keep_going is not None and not keep_going():
        return False
    # 3. update: a small step against the gradient
    for p in parameters:
        p.data -= lr * p.grad
    history.loss.append(total.data)
    history.accuracy.append(accuracy(predictions, y))
    history.learning_rate.append(lr)
    del predictions, total  # free this step's graph now, not after the next one is built
    bad = next((p for p in parameters if not math.isfinite(p.data)), None)
    if bad is not None:
        raise TrainingDiverged(
            _diverged(f"a parameter became {bad.data} after the update", step, lr),
            history, step, lr)
    return True


def measure_after(model, X, y, history, loss="mse", alpha=0.0, parameters=None):
    """history.loss_after and .accuracy_after: one more forward pass, on the network as the
    last update left it (no backward, no update), so that even 1 step has a result of its own.
    Left at None if that loss is not a finite number."""
    loss_fn = _loss_function(loss)
    parameters = model.parameters() if parameters is None else parameters
    try:
        predictions = [model(x) for x in X]
        total = _total_loss(loss_fn, predictions, y, parameters, alpha).data
    except OverflowError:
        return
    if math.isfinite(total):
        history.loss_after, history.accuracy_after = total, accuracy(predictions, y)


@contextlib.contextmanager
def collector_paused():
    """Pause Python's cyclic garbage collector while training.

    Our graphs hold no reference cycles, so reference counting frees each step's graph the moment
    its loss is dropped, and the collector would find nothing. Left on, it still walks the live
    graph (some 200,000 objects a step) over and over: measured, about 60% of a step's time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _total_loss(loss_fn, predictions, y, parameters, alpha):
    if loss_fn is max_margin_loss:
        return max_margin_loss(predictions, y, parameters, alpha)
    value = loss_fn(predictions, y)
    if not isinstance(value, Value):
        raise TypeError(f"the loss function must return a Value (so that it can backpropagate), "
                        f"but it returned {type(value).__name__}: {value!r}")
    return value + l2_penalty(parameters, alpha) if alpha else value


def _percent(share):
    """0.0123 -> '1.2%', 0.00021 -> '0.021%': two significant digits, never a bare 0.0%."""
    return f"{100 * share:.2g}%"


def _diverged(what, step, lr):
    return (f"training diverged: {what} at step {step} with learning rate {format_rate(lr)}; "
            f"try a smaller learning rate, such as {format_rate(lr / 10)}")


def _progress_bar(progress, steps):
    """(bar or None, whether train() made it and must close it)."""
    if progress is False or progress is None:
        return None, False
    if progress is True:
        from tqdm.auto import tqdm  # a widget bar in a notebook, a text bar in a terminal

        return tqdm(total=steps, desc="training", unit="step"), True
    if hasattr(progress, "update") and hasattr(progress, "set_postfix"):
        return progress, False
    raise TypeError(f"progress must be True, False, or a tqdm bar, got "
                    f"{type(progress).__name__}: {progress!r}")


# ---- checking the arguments ------------------------------------------------------------------

def _loss_function(loss):
    if callable(loss):
        return loss
    key = loss.replace("_", "-") if isinstance(loss, str) else loss
    if key not in LOSSES:
        raise ValueError(f"unknown loss {loss!r}; choose one of {', '.join(LOSSES)}, "
                         "or pass a function loss(predictions, targets) that returns a Value")
    return LOSSES[key]


def _rate_function(learning_rate):
    if callable(learning_rate):
        return learning_rate
    rate = check_learning_rate(learning_rate, "learning_rate")
    return lambda step, steps: rate


def check_learning_rate(rate, what="learning_rate"):
    """`rate` as a float, if it is a positive, finite number; else the error that says so,
    calling it `what`."""
    if not is_real_number(rate, finite=False):
        raise TypeError(f"{what} must be a number such as 0.1, got "
                        f"{type(rate).__name__}: {rate!r}")
    if not (math.isfinite(rate) and rate > 0):
        raise ValueError(f"{what} must be a positive, finite number such as 0.1, got {rate!r}")
    return float(rate)


def _check_alpha(alpha):
    if not is_real_number(alpha) or not alpha >= 0:
        raise ValueError(f"alpha, the L2 regularization strength, must be a finite number of "
                         f"0 or more, such as 1e-4, got {alpha!r}")
    return float(alpha)


def check_steps(steps):
    """Nothing, if `steps` is a whole number of at least 1; else the error that says so."""
    if not is_whole_number(steps) or steps < 1:
        raise ValueError(f"steps must be a whole number of at least 1, such as 100, "
                         f"got {steps!r}")


def check_data(X, y, who="train"):
    """Nothing, if X and y are points and their labels, one to one, and labels are -1 or 1;
    else the error that says what is wrong, for the function `who`."""
    if len(X) != len(y):
        raise ValueError(f"{who}: X has {counted(len(X), 'point')} but y has "
                         f"{counted(len(y), 'label')}; give one label per point")
    if len(X) == 0:
        raise ValueError(f"{who}: X and y are empty; training needs at least one point")
    _check_labels(y, who)


def _check_pairs(predictions, targets, who):
    if len(predictions) != len(targets):
        raise ValueError(f"{who}: {counted(len(predictions), 'prediction')} but "
                         f"{counted(len(targets), 'target')}; "
                         "give one target per prediction")
    if len(predictions) == 0:
        raise ValueError(f"{who}: no predictions were given; it needs at least one")


def _check_labels(targets, who):
    for i, t in enumerate(targets):
        if t not in (-1, 1):
            raise ValueError(f"{who}: label {i} is {t!r}, but labels must be -1 or 1 "
                             "(load_dataset turns 0/1 labels into -1/1)")


def _number(o):
    return o.data if isinstance(o, Value) else o
