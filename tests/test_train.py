"""Losses, accuracy, learning-rate schedules and the training loop of micrograd.train."""

import math
import random

import pytest

from micrograd.checks import counted
from micrograd.data import Dataset
from micrograd.engine import Value
from micrograd.nn import MLP
from micrograd.train import (
    History,
    TrainingDiverged,
    accuracy,
    classify,
    decaying_lr,
    evaluate,
    format_rate,
    max_margin_loss,
    mse_loss,
    predict,
    train,
    train_step,
    write_predictions,
)

# four points a line can separate: fast to train
X = [[2.0, 1.0], [1.0, 2.0], [-1.0, -2.0], [-2.0, -1.0]]
Y = [1.0, 1.0, -1.0, -1.0]


def small_model(seed=0, **kwargs):
    return MLP(2, [4, 1], rng=random.Random(seed), **kwargs)


# ---- losses ----------------------------------------------------------------------------------

def test_mse_loss_by_hand():
    p1, p2 = Value(0.5), Value(-1.0)
    loss = mse_loss([p1, p2], [1.0, -1.0])
    assert isinstance(loss, Value)
    assert loss.data == pytest.approx(0.125)  # ((0.5 - 1)² + 0²) / 2
    loss.backward()
    assert p1.grad == pytest.approx(-0.5)  # 2 (0.5 - 1) / 2
    assert p2.grad == pytest.approx(0.0)


def test_max_margin_loss_by_hand():
    p = [Value(0.5), Value(-2.0), Value(0.3)]
    loss = max_margin_loss(p, [1.0, -1.0, -1.0])
    # relu(1 - 0.5) = 0.5, relu(1 - 2) = 0, relu(1 + 0.3) = 1.3; mean 1.8 / 3
    assert loss.data == pytest.approx(0.6)
    loss.backward()
    assert [v.grad for v in p] == pytest.approx([-1 / 3, 0.0, 1 / 3])


def test_max_margin_loss_with_l2():
    params = [Value(1.0), Value(-2.0)]
    loss = max_margin_loss([Value(0.5)], [1.0], parameters=params, alpha=0.1)
    assert loss.data == pytest.approx(0.5 + 0.1 * 5)
    loss.backward()
    assert [p.grad for p in params] == pytest.approx([0.2, -0.4])  # 2 alpha p


def test_max_margin_loss_alpha_needs_parameters():
    with pytest.raises(ValueError, match="parameters=model.parameters()"):
        max_margin_loss([Value(0.5)], [1.0], alpha=0.1)


def test_losses_check_lengths():
    with pytest.raises(ValueError, match="2 predictions but 1 target;"):
        mse_loss([Value(1.0), Value(2.0)], [1.0])
    with pytest.raises(ValueError, match="no predictions"):
        max_margin_loss([], [])


# ---- accuracy, predict, classify -------------------------------------------------------------

def test_classify_sign():
    assert classify([0.0, 1e-9, -3.0, Value(2.0)]) == [-1, 1, -1, 1]


def test_accuracy():
    assert accuracy([0.5, -0.2, 0.0, 3.0], [1.0, -1.0, 1.0, -1.0]) == 0.5
    assert accuracy([Value(0.1), Value(-0.1)], [1, -1]) == 1.0


def test_accuracy_rejects_other_labels():
    with pytest.raises(ValueError, match="label 1 is 0"):
        accuracy([0.5, 0.5], [1, 0])


def test_predict_gives_floats():
    model = small_model()
    outputs = predict(model, X)
    assert outputs == [model(x).data for x in X]
    assert all(type(o) is float for o in outputs)


def test_predict_needs_one_output():
    with pytest.raises(ValueError, match="2 outputs for point 0"):
        predict(MLP(2, [2]), X)


# ---- learning rates --------------------------------------------------------------------------

def test_decaying_lr_is_karpathys_schedule():
    lr = decaying_lr(1.0, 0.1)
    assert [lr(k, 100) for k in range(100)] == pytest.approx([1.0 - 0.9 * k / 100
                                                              for k in range(100)])


def test_decaying_lr_default_end_and_checks():
    assert decaying_lr(0.5)(10, 10) == pytest.approx(0.05)
    with pytest.raises(ValueError, match="positive"):
        decaying_lr(0.0)


def test_train_records_the_schedule():
    history = train(small_model(), X, Y, steps=5, learning_rate=decaying_lr(1.0, 0.5))
    assert history.learning_rate == pytest.approx([1.0, 0.9, 0.8, 0.7, 0.6])


def test_a_schedule_must_give_positive_rates():
    with pytest.raises(ValueError, match="learning rate at step 0"):
        train(small_model(), X, Y, steps=3, learning_rate=lambda step, steps: 0.0)


# ---- the training loop -----------------------------------------------------------------------

@pytest.mark.parametrize("loss", ["mse", "max-margin", mse_loss])
def test_train_reduces_the_loss(loss):
    model = small_model()
    history = train(model, X, Y, steps=30, learning_rate=0.1, loss=loss)
    assert isinstance(history, History)
    assert history.steps == 30
    assert len(history.loss) == len(history.accuracy) == len(history.learning_rate) == 30
    assert history.final_loss < history.loss[0]
    assert history.final_accuracy == 1.0
    assert history.stopped_reason == "finished"
    assert evaluate(model, X, Y, loss=loss)[0] < history.loss[0]


def test_train_step_is_the_loop_by_hand():
    by_hand, trained = small_model(seed=3), small_model(seed=3)
    for _ in range(3):
        loss = mse_loss([by_hand(x) for x in X], Y)
        by_hand.zero_grad()
        loss.backward()
        for p in by_hand.parameters():
            p.data -= 0.05 * p.grad
    train(trained, X, Y, steps=3, learning_rate=0.05)
    assert [p.data for p in trained.parameters()] == [p.data for p in by_hand.parameters()]


def test_alpha_adds_l2_to_any_loss():
    plain = train(small_model(), X, Y, steps=1)
    model = small_model()
    l2 = sum(p.data ** 2 for p in model.parameters())
    regularized = train(model, X, Y, steps=1, alpha=0.01)
    assert regularized.loss[0] == pytest.approx(plain.loss[0] + 0.01 * l2)


def test_callback_is_called_after_every_step():
    calls = []
    history = train(small_model(), X, Y, steps=4,
                    callback=lambda step, h: calls.append((step, h.steps)))
    assert calls == [(0, 1), (1, 2), (2, 3), (3, 4)]
    assert history.stopped_reason == "finished"


def test_callback_returning_false_stops_early():
    history = train(small_model(), X, Y, steps=50, callback=lambda step, h: step < 2)
    assert history.steps == 3
    assert "callback returned False at step 2" in history.stopped_reason


def test_a_callback_that_raises_leaves_a_history_that_says_so():
    seen = []

    def fails_at_step_1(step, history):
        seen.append(history)
        if step == 1:
            raise RuntimeError("plot failed")

    with pytest.raises(RuntimeError, match="plot failed"):
        train(small_model(), X, Y, steps=5, callback=fails_at_step_1)
    history = seen[-1]
    assert history.steps == 2
    assert history.stopped_reason == "stopped by RuntimeError: plot failed"  # not "running"


def test_progress_bar_is_updated():
    class Bar:
        updates = 0

        def update(self, n):
            self.updates += n

        def set_postfix(self, **kwargs):
            self.postfix = kwargs

    bar = Bar()
    train(small_model(), X, Y, steps=6, progress=bar)
    assert bar.updates == 6
    assert {"loss", "accuracy"} <= set(bar.postfix)


def test_progress_true_makes_a_tqdm_bar(capsys):
    train(small_model(), X, Y, steps=2, progress=True)
    assert "training" in capsys.readouterr().err


def test_history_repr_and_empty_history():
    empty = History()
    assert empty.final_loss is None and empty.final_accuracy is None and empty.steps == 0
    assert "steps=0" in repr(empty)
    history = train(small_model(), X, Y, steps=2)
    assert repr(history).startswith("History(steps=2, final_loss=")


# ---- divergence ------------------------------------------------------------------------------

def test_huge_learning_rate_diverges():
    model = MLP(2, [4, 1], activation="relu", linear_output=True, rng=random.Random(0))
    with pytest.raises(TrainingDiverged) as info:
        train(model, X, Y, steps=100, learning_rate=1e6)
    error = info.value
    message = str(error)
    assert f"at step {error.step} with learning rate 1e+06" in message
    assert "try a smaller learning rate, such as 1e+05" in message
    assert "\n" not in message and len(message) < 300
    assert isinstance(error, ArithmeticError)
    assert error.learning_rate == 1e6
    assert isinstance(error.history, History)
    assert error.history.stopped_reason == "diverged"
    assert all(math.isfinite(v) for v in error.history.loss)
    assert error.history.steps in (error.step, error.step + 1)


def test_an_overflow_becomes_training_diverged():
    def explodes(predictions, targets):  # exp(1000) does not fit in a float
        return (predictions[0] - predictions[0] + 1000).exp()

    with pytest.raises(TrainingDiverged, match="overflowed .* at step 0 with learning rate 0.1"):
        train(small_model(), X, Y, steps=5, loss=explodes)


def test_a_loss_that_grows_a_million_fold_stops_training_before_it_overflows():
    # sigmoid neurons with a linear output: at learning rate 100 the loss grows past 1e100
    # and stays finite, so only its growth shows that training has diverged
    model = MLP(2, [8, 8, 1], activation="sigmoid", linear_output=True, rng=random.Random(0))
    with pytest.raises(TrainingDiverged, match=r"the loss grew to .*, over a million times its "
                       r".* at step 0, at step \d+ with learning rate 100; try a smaller") as info:
        train(model, X, Y, steps=50, learning_rate=100.0)
    history = info.value.history
    assert history.stopped_reason == "diverged"
    assert max(history.loss) <= 1e6 * max(1.0, history.loss[0])


def test_a_parameter_that_becomes_infinite_stops_training():
    def steep(predictions, targets):  # a finite loss whose gradients are huge
        return predictions[0] * 1e300

    with pytest.raises(TrainingDiverged, match="a parameter became -?inf after the update at "
                                               "step 0") as info:
        train(small_model(), X, Y, steps=5, learning_rate=1e10, loss=steep)
    assert info.value.history.steps == 1


# ---- checking the arguments ------------------------------------------------------------------

@pytest.mark.parametrize("X_, y_, match", [
    (X, Y[:3], "X has 4 points but y has 3 labels"),
    (X[:1], Y[:2], "X has 1 point but y has 2 labels"),
    ([], [], "empty"),
    (X, [1.0, 1.0, 0.0, 0.0], "label 2 is 0.0"),
])
def test_bad_data(X_, y_, match):
    with pytest.raises(ValueError, match=match):
        train(small_model(), X_, y_)


@pytest.mark.parametrize("steps", [0, -1, 1.5, True, "10"])
def test_bad_steps(steps):
    with pytest.raises(ValueError, match="steps must be a whole number"):
        train(small_model(), X, Y, steps=steps)


@pytest.mark.parametrize("lr", [0, -0.1, math.nan, math.inf])
def test_bad_learning_rate(lr):
    with pytest.raises(ValueError, match="learning_rate must be a positive, finite number"):
        train(small_model(), X, Y, learning_rate=lr)


def test_learning_rate_as_text():
    with pytest.raises(TypeError, match="learning_rate must be a number such as 0.1, got str"):
        train(small_model(), X, Y, learning_rate="0.1")


def test_bad_loss_and_alpha_and_progress():
    with pytest.raises(ValueError, match="unknown loss 'hinge'; choose one of mse, max-margin"):
        train(small_model(), X, Y, loss="hinge")
    with pytest.raises(ValueError, match="alpha"):
        train(small_model(), X, Y, alpha=-1)
    with pytest.raises(TypeError, match="progress must be"):
        train(small_model(), X, Y, progress="yes")
    with pytest.raises(TypeError, match="must return a Value"):
        train(small_model(), X, Y, loss=lambda p, t: 0.5)


def test_training_pauses_the_garbage_collector_and_restores_it():
    import gc

    seen = []
    train(small_model(), X, Y, steps=2, callback=lambda step, h: seen.append(gc.isenabled()))
    assert seen == [False, False] and gc.isenabled()
    gc.disable()
    try:
        train(small_model(), X, Y, steps=1)
        assert not gc.isenabled()  # a collector that was off stays off
    finally:
        gc.enable()
    with pytest.raises(TrainingDiverged):
        train(small_model(activation="relu", linear_output=True), X, Y, steps=50,
              learning_rate=1e6)
    assert gc.isenabled()


def _history(loss, accuracy, learning_rate):
    history = History()
    history.loss = list(loss)
    history.accuracy = [accuracy] * len(loss) if isinstance(accuracy, float) else list(accuracy)
    history.learning_rate = [learning_rate] * len(loss)
    return history


# loss curves measured on the course's data with the training panel's network (16, 16, tanh)
SATURATED = [0.9087, 1.9989, 1.7287] + [2.0] * 7  # rate 100, seed 1: every tanh at -1 or 1
STUCK_LOWER = [0.9087, 1.8997, 1.1799, 0.6755, 0.8266] + [0.52] * 5  # rate 10, seed 1
CUT_SHORT = [0.9087, 0.7442, 0.6079, 0.4936, 0.4149]  # rate 0.2, seed 1, 5 steps


@pytest.mark.parametrize("loss, accuracy, rate, expected", [
    # too large, and the loss stuck where the saturated neurons left it
    (SATURATED, 0.5, 10 ** 2.0, ["learning rate 100 is too large: the loss went up from 0.9087 "
                                 "to 2.0000 and has not moved since step 3 (accuracy 50%)",
                                 "Try a smaller learning rate, such as 10."]),
    # the slider's notch at 20 is 10 ** 1.3 = 19.9526...: the advice says 20, as the slider does
    (SATURATED, 0.5, 10 ** 1.3, ["learning rate 20 is too large", "such as 2."]),
    (STUCK_LOWER, 0.87, 10.0, ["learning rate 10 is too large: the loss stopped at 0.5200 and "
                               "has not moved since step 5 (accuracy 87%)", "such as 1."]),
    # too large, still moving: up overall, or a jump above the start it has not recovered from
    ([0.4317, 1.0277, 0.7724, 0.5174, 0.5269], 0.86, 1.0,
     ["learning rate 1 is too large: the loss went up, from 0.4317 at step 0 to 0.5269 at step 4",
      "such as 0.1."]),
    ([0.4317, 1.0277, 0.7724, 0.5174, 0.5269, 0.4259, 0.4116], 0.9, 1.0,
     ["learning rate 1 is too large: the loss jumped from 0.4317 at step 0 to 1.0277 at step 1, "
      "and was still at 0.4116 at step 6", "such as 0.1."]),
    # too small: the loss falls in a straight line, 0.1% of it a step
    ([0.9 - 0.001 * k for k in range(60)], 0.8, 10 ** -2.0,
     ["learning rate 0.01 is too small: the loss falls slowly, each step taking only 0.12% off "
      "it", "such as 0.1."]),
    # too few steps: still falling fast at the end
    (CUT_SHORT, 0.82, 0.2, ["too few steps: the loss was still falling fast when training "
                            "stopped, each step taking 19% off it.",
                            "Try more steps, such as 10."]),
])
def test_advice_names_the_problem_with_rates_as_the_slider_shows_them(loss, accuracy, rate,
                                                                       expected):
    advice = _history(loss, accuracy, rate).advice()
    assert advice is not None
    for text in expected:
        assert text in advice
    assert "19.95" not in advice and "1.995" not in advice


def test_advice_asks_for_no_more_steps_than_there_can_be():
    assert "such as 10." in _history(CUT_SHORT, 0.82, 0.2).advice(max_steps=300)
    assert "such as 8." in _history(CUT_SHORT, 0.82, 0.2).advice(max_steps=8)
    at_most = _history(CUT_SHORT, 0.82, 0.2).advice(max_steps=5)
    assert "more steps" not in at_most and "Try a larger learning rate, such as 2." in at_most


@pytest.mark.parametrize("loss, accuracy", [
    ([0.9 * 0.95 ** k for k in range(100)], 1.0),  # falls, then levels off: training worked
    ([0.9 * 0.9 ** k for k in range(60)], 0.97),  # levelled off short of 100%: no rate helps
    ([0.9] + [0.34 + 0.05 * 0.97 ** k for k in range(59)], 0.89),  # a plateau, still moving
    ([0.3] * 20, 1.0),  # flat, but every point is right
    ([0.0] * 12, 1.0),  # a loss of 0 cannot go down
    ([0.9], 0.5),  # one step: nothing to compare
])
def test_no_advice_when_there_is_nothing_to_fix(loss, accuracy):
    assert _history(loss, accuracy, 0.1).advice() is None
    assert History().advice() is None


def test_advice_on_real_runs():
    # tanh with a huge learning rate: the neurons saturate, the loss sticks instead of blowing up
    stuck = train(small_model(seed=3), X, Y, steps=20, learning_rate=1000.0)
    assert "learning rate 1e+03 is too large" in stuck.advice()
    assert "such as 100." in stuck.advice() and "larger" not in stuck.advice()
    crawling = train(small_model(), X, Y, steps=10, learning_rate=1e-4)
    assert "learning rate 0.0001 is too small" in crawling.advice()
    assert "such as 0.001." in crawling.advice()
    good = train(small_model(), X, Y, steps=30, learning_rate=0.1)
    assert good.advice() is None


def test_format_rate_writes_three_significant_digits():
    assert [format_rate(r) for r in (10 ** 1.3, 10 ** -0.7, 0.00126, 100.0, 1.0)] == \
        ["20", "0.2", "0.00126", "100", "1"]


# ---- writing predictions ---------------------------------------------------------------------

def test_write_predictions_writes_one_row_per_point(tmp_path):
    path = tmp_path / "p.csv"
    write_predictions(path, Dataset(X=X[:2], y=Y[:2]), [0.25, -0.5])
    assert path.read_text() == ("x1,x2,y,output,predicted\n"
                                "2.0,1.0,1,0.25,1\n1.0,2.0,1,-0.5,-1\n")


def test_write_predictions_refuses_outputs_that_do_not_match_and_keeps_the_file(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("an earlier run")
    with pytest.raises(ValueError, match="1 output for 4 points; give one output per point"):
        write_predictions(path, Dataset(X=X, y=Y), [0.5])
    assert path.read_text() == "an earlier run"


def test_a_bar_stopped_by_the_callback_ends_complete(monkeypatch):
    import io

    import tqdm.auto

    bars = []

    class Recording(tqdm.auto.tqdm):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, file=io.StringIO(), **kwargs)
            bars.append(self)

    monkeypatch.setattr(tqdm.auto, "tqdm", Recording)
    train(small_model(), X, Y, steps=10, progress=True, callback=lambda step, h: step < 2)
    assert bars[0].n == bars[0].total == 3  # a bar closed short of its total turns red


# ---- the network after the last step, and one step of training ------------------------------

def test_train_measures_the_network_the_last_update_left():
    model = small_model()
    untrained = evaluate(model, X, Y)
    history = train(model, X, Y, steps=1, learning_rate=0.5)
    assert history.loss == [pytest.approx(untrained[0])]  # measured before the update
    assert (history.loss_after, history.accuracy_after) == evaluate(model, X, Y)
    assert history.loss_after < history.loss[0]
    assert history.loss_curve == [history.loss[0], history.loss_after]
    assert history.accuracy_curve == [history.accuracy[0], history.accuracy_after]
    assert "loss_after=" in repr(history)


def test_the_loss_after_is_measured_when_the_callback_stops_too():
    model = small_model()
    history = train(model, X, Y, steps=10, callback=lambda step, h: step < 2)
    assert history.steps == 3
    assert (history.loss_after, history.accuracy_after) == evaluate(model, X, Y)


def test_no_loss_after_when_training_diverged_or_has_not_run():
    with pytest.raises(TrainingDiverged) as caught:
        train(small_model(activation="relu", linear_output=True), X, Y, steps=50,
              learning_rate=1e6)
    assert caught.value.history.loss_after is None
    assert caught.value.history.loss_curve == caught.value.history.loss
    assert History().loss_after is None and History().loss_curve == []


def test_one_step_gets_the_advice_two_steps_get():
    # the training panel's network at rate 0.2, seed 1: 0.9087, then 0.7442 after one update
    one = _history([0.9087], 0.5, 0.2)
    one.loss_after, one.accuracy_after = 0.7442, 0.82
    two = _history([0.9087, 0.7442], 0.82, 0.2)
    assert one.advice().startswith("too few steps: the loss was still falling fast")
    assert one.advice().endswith("Try more steps, such as 2.")
    assert two.advice().endswith("Try more steps, such as 4.")
    # one step that went up: the rate is too large, as for two
    up = _history([0.9087], 0.5, 20.0)
    up.loss_after, up.accuracy_after = 1.9989, 0.5
    assert up.advice().startswith("learning rate 20 is too large: the loss went up, from 0.9087 "
                                  "at step 0 to 1.9989 at step 1")


def test_counted_counts_in_words():
    assert counted(1, "step") == "1 step"
    assert [counted(n, "value") for n in (0, 2)] == ["0 values", "2 values"]


def test_train_step_is_one_step_of_train_and_can_be_dropped_before_its_update():
    X, y = [[0.0, 1.0], [1.0, 0.0], [0.5, 0.5]], [1.0, -1.0, 1.0]
    model, other = MLP(2, [3, 1], rng=random.Random(4)), MLP(2, [3, 1], rng=random.Random(4))
    history = History()
    for _ in range(3):
        assert train_step(model, X, y, history, 0.1) is True
    assert history.loss == train(other, X, y, steps=3, learning_rate=0.1).loss
    before = [p.data for p in model.parameters()]
    assert train_step(model, X, y, history, 0.1, keep_going=lambda: False) is False
    assert [p.data for p in model.parameters()] == before and history.steps == 3
    seen = []
    train_step(model, X, y, history, 0.1, forward=lambda i, x: (seen.append(i), model(x))[1])
    assert seen == [0, 1, 2] and history.steps == 4
