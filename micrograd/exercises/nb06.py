"""Notebook 06, neurons, layers and networks: the checkers of its exercises."""

import math

from micrograd.exercises.feedback import close, exercise, number_answers, right, rounded, wrong

# notebook 06: counting parameters, one neuron by hand, and with the sliders

@exercise
@number_answers()
def check_mlp_parameter_count(count):
    """06: the number of parameters of MLP(3, [4, 4, 1]): 3·4+4 + 4·4+4 + 4·1+1 = 41."""
    if count == 41:
        return right("(3·4 + 4) + (4·4 + 4) + (4·1 + 1) = 16 + 20 + 5 = 41: a weight per input "
                     "and one bias, for every neuron.")
    if count == 32:
        return wrong("32 counts the weights only. Each neuron also has a bias: add one per "
                     "neuron.")
    if count == 9:
        return wrong("9 is the number of neurons. Count each neuron's weights (one per input "
                     "to its layer) and its bias.")
    if count == 36:
        return wrong("Only the first layer sees the 3 inputs. Each later layer's inputs are the "
                     "outputs of the layer before: the second and third layers see 4 each.")
    return wrong("For each layer: (inputs + 1) × neurons, as each neuron has a weight per input "
                 "and a bias. Then add the layers up; len(MLP(3, [4, 4, 1]).parameters()) "
                 "checks you.")


_NEURON_W, _NEURON_B, _NEURON_X = (0.5, -1.0), 0.25, (2.0, 1.0)


@exercise
@number_answers()
def check_neuron_output(out):
    """06: tanh(w0·x0 + w1·x1 + b) with w = (0.5, -1.0), b = 0.25, x = (2.0, 1.0): tanh(0.25)."""
    n = sum(w * x for w, x in zip(_NEURON_W, _NEURON_X)) + _NEURON_B
    if close(out, math.tanh(n), tol=1e-4):
        return right(f"n = 0.5·2.0 + (-1.0)·1.0 + 0.25 = {n:.4f}, and tanh(n) = "
                     f"{math.tanh(n):.4f}.")
    if close(out, n, tol=1e-4):
        return wrong(f"{n:.4f} is the weighted sum n. The neuron's output is tanh(n).")
    if close(out, 0.0, tol=1e-4):
        return wrong("The weighted inputs cancel out (1.0 - 1.0), but the bias does not: "
                     "add b before the tanh.")
    if rounded(out, math.tanh(n), tol=1e-4) is not None:
        return rounded(out, math.tanh(n), tol=1e-4)
    return wrong("First n = w0·x0 + w1·x1 + b, then out = tanh(n) (math.tanh).")


@exercise
@number_answers()
def check_neuron_w0_grad(w0_grad):
    """06: d out / d w0 for the same neuron: (1 - out²)·x0."""
    n = sum(w * x for w, x in zip(_NEURON_W, _NEURON_X)) + _NEURON_B
    slope = 1 - math.tanh(n) ** 2
    x0 = _NEURON_X[0]
    if close(w0_grad, slope * x0, tol=1e-4):
        return right(f"The tanh passes back 1 - out² = {slope:.4f}, the + nodes pass it on, and "
                     f"the * node multiplies it by x0 = {x0}: {slope * x0:.4f}.")
    if close(w0_grad, slope, tol=1e-4):
        return wrong(f"{slope:.4f} is d out / d n, the gradient at the sum. One more step: the "
                     "* node w0·x0 multiplies it by the other side, x0.")
    if close(w0_grad, x0, tol=1e-4):
        return wrong(f"{x0} is d n / d w0. The gradient also passes through the tanh: multiply "
                     "by its slope, 1 - out².")
    if close(w0_grad, slope * _NEURON_W[0], tol=1e-4):
        return wrong("That is d out / d x0. For w0, the * node passes on the other side's "
                     "value, x0.")
    if close(w0_grad, (1 - n * n) * x0, tol=1e-4):
        return wrong(f"That slope is 1 - n², taken at the sum n = {n:g}, the tanh's input. "
                     "tanh's slope is 1 - out², with out = tanh(n), its output.")
    if rounded(w0_grad, slope * x0, tol=1e-4) is not None:
        return rounded(w0_grad, slope * x0, tol=1e-4)
    return wrong("Chain rule: d out / d w0 = (1 - out²) · x0. Check with out.backward() and "
                 "w0.grad.")


@exercise
@number_answers()
def check_zero_output_bias(b):
    """06: the bias that makes the neuron explorer's default neuron output 0 (to 0.01):
    w0·x0 + w1·x1 = 0.6·1.0 + 0.9·(-0.5) = 0.15, so b = -0.15."""
    target = -(0.6 * 1.0 + 0.9 * -0.5)
    if abs(b - target) < 0.005:  # the slider moves in steps of 0.01: -0.15 itself, nothing else
        return right(f"With b = {target:.2f}, n = 0 and tanh(0) = 0. There, the slope of tanh "
                     "is at its steepest, 1: the output reacts most to a nudge.")
    if abs(b + target) < 0.005:
        return wrong("Close, but the sign is flipped: b must cancel w0·x0 + w1·x1 = 0.15.")
    return wrong("Move the b slider until the output reads 0.0000, or solve "
                 "0.6·1.0 + 0.9·(-0.5) + b = 0.")
