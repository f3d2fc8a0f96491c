"""Tests for the backprop stepper and the neuron explorer (micrograd.widgets), without a kernel:
buttons are clicked and sliders moved from Python, and what the widgets show is checked."""

import math
import random

import pytest

from micrograd.draw import DONE_FILL, HIGHLIGHT_FILL
from micrograd.engine import Value, topological_order
from micrograd.widgets import BackpropStepper, NeuronExplorer, backprop_stepper, neuron_explorer
from micrograd.widgets.access import LIVE_CLASS, ROOT_CLASS, KeyboardAccess


def small_graph():
    """d = a*b + a: a is used twice; 2 steps (the + and the *)."""
    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    c = a * b
    c.label = "c"
    d = c + a
    d.label = "d"
    return d, a, b, c


def worked_neuron():
    w0, x0 = Value(1.3, label="w0"), Value(1.6, label="x0")
    w1, x1 = Value(1.2, label="w1"), Value(0.8, label="x1")
    w2, x2 = Value(1.1, label="w2"), Value(0.5, label="x2")
    b = Value(0.2, label="b")
    n = w0 * x0 + w1 * x1 + w2 * x2 + b
    o = n.tanh()
    o.label = "o"
    return o, [w0, x0, w1, x1, w2, x2, b]


# ---- the backprop stepper -------------------------------------------------------------------

def test_starts_at_step_zero_with_only_the_output_gradient():
    d, a, b, c = small_graph()
    a.grad, b.grad = 5.0, 7.0  # left over from something else: the stepper starts clean
    stepper = backprop_stepper(d)
    assert isinstance(stepper, BackpropStepper)
    assert stepper.position == 0 and stepper.current is None
    assert stepper.upcoming is d
    assert (d.grad, c.grad, a.grad, b.grad) == (1.0, 0.0, 0.0, 0.0)
    assert stepper.text.startswith("step 0 of 2:")
    assert stepper.back_button.disabled and stepper.reset_button.disabled
    assert not stepper.next_button.disabled
    assert [v.label for v in stepper.done] == ["d"]  # the output's gradient is final from the start


def test_clicking_next_moves_one_node_and_updates_status_graph_and_grads():
    d, a, b, c = small_graph()
    stepper = backprop_stepper(d)
    svg_before = stepper.graph.value
    assert HIGHLIGHT_FILL not in svg_before

    stepper.next_button.click()

    assert stepper.position == 1
    assert stepper.current is d
    assert (c.grad, a.grad, b.grad) == (1.0, 1.0, 0.0)  # d = c + a passes 1 to both parents
    assert "step 1 of 2: node 'd' (+) passes its gradient 1.0000" in stepper.text
    assert "'a': grad 0.0000 + 1.0000 × 1.0000 = 1.0000" in stepper.text
    assert "step 1 of 2" in stepper.status.value
    assert stepper.graph.value != svg_before
    assert HIGHLIGHT_FILL in stepper.graph.value and DONE_FILL in stepper.graph.value
    # c is now final (its only user, d, is done); a is not (c still has to pass it its share)
    assert {v.label for v in stepper.done} == {"d", "c"}
    assert not stepper.back_button.disabled

    stepper.next_button.click()
    assert stepper.position == 2 and stepper.current is c
    assert (a.grad, b.grad) == (1.0 + -3.0, 2.0)
    assert "'a': grad 1.0000 + (-3.0000) × 1.0000 = -2.0000" in stepper.text
    assert "Done" in stepper.text
    assert stepper.next_button.disabled
    assert {v.label for v in stepper.done} == {"a", "b", "c", "d"}


def test_next_at_the_end_does_nothing():
    d, a, b, c = small_graph()
    stepper = backprop_stepper(d)
    stepper.go_to(99)
    assert stepper.position == 2
    stepper.step()
    assert stepper.position == 2 and (a.grad, b.grad) == (-2.0, 2.0)


def test_stepping_to_the_end_gives_the_same_grads_as_backward():
    o, leaves = worked_neuron()
    stepper = backprop_stepper(o)
    assert len(stepper.steps) == 7  # 3 products, 3 sums, 1 tanh
    while stepper.upcoming is not None:
        stepper.next_button.click()
    stepped = [v.grad for v in topological_order(o)]

    o2, _ = worked_neuron()
    o2.backward()
    assert stepped == [v.grad for v in topological_order(o2)]  # exactly, not approximately


def test_steps_follow_reverse_topological_order_and_skip_inputs():
    o, leaves = worked_neuron()
    stepper = backprop_stepper(o)
    expected = [v for v in reversed(topological_order(o)) if v._prev]
    assert stepper.steps == expected
    assert not any(v in stepper.steps for v in leaves)


def test_back_replays_to_one_step_earlier():
    o, leaves = worked_neuron()
    stepper = backprop_stepper(o)
    for _ in range(4):
        stepper.step()
    stepper.go_to(3)
    grads_at_3 = [v.grad for v in stepper.nodes]
    current_at_3, text_at_3 = stepper.current, stepper.text
    stepper.go_to(4)

    stepper.back_button.click()

    assert stepper.position == 3
    assert stepper.current is current_at_3
    assert [v.grad for v in stepper.nodes] == grads_at_3
    assert stepper.text == text_at_3


def test_back_at_step_zero_stays_there():
    d, *_ = small_graph()
    stepper = backprop_stepper(d)
    stepper.back()
    assert stepper.position == 0 and d.grad == 1.0


def test_reset_returns_to_the_start():
    d, a, b, c = small_graph()
    stepper = backprop_stepper(d)
    stepper.step()
    stepper.step()
    stepper.reset_button.click()
    assert stepper.position == 0 and stepper.current is None
    assert (d.grad, c.grad, a.grad, b.grad) == (1.0, 0.0, 0.0, 0.0)
    assert HIGHLIGHT_FILL not in stepper.graph.value
    assert stepper.reset_button.disabled


def test_a_node_used_twice_shows_both_shares():
    a = Value(3.0, label="a")
    b = a + a
    b.label = "b"
    stepper = backprop_stepper(b)
    stepper.step()
    assert a.grad == 2.0
    lines = stepper.text.splitlines()
    assert lines[1].strip() == "'a': grad 0.0000 + 1.0000 × 1.0000 = 1.0000"
    assert lines[2].strip() == "'a': grad 1.0000 + 1.0000 × 1.0000 = 2.0000"


def test_unlabelled_nodes_are_named_by_operation_and_value():
    x = Value(0.5)
    y = (x * 3.0).tanh()
    stepper = backprop_stepper(y)
    stepper.step()
    assert "step 1 of 2: the unlabelled tanh node (0.9051) passes" in stepper.text
    assert "the unlabelled * node (1.5000)" in stepper.text


def test_css_classes_for_the_browser_test():
    d, *_ = small_graph()
    stepper = backprop_stepper(d)
    assert "micrograd-stepper" in stepper.widget._dom_classes
    assert "micrograd-stepper-next" in stepper.next_button._dom_classes
    assert "micrograd-stepper-back" in stepper.back_button._dom_classes
    assert "micrograd-stepper-reset" in stepper.reset_button._dom_classes
    assert "micrograd-stepper-status" in stepper.status._dom_classes
    assert "micrograd-stepper-graph" in stepper.graph._dom_classes


def test_displays_as_the_widget_with_a_short_text_form():
    d, *_ = small_graph()
    stepper = backprop_stepper(d)
    bundle = stepper._repr_mimebundle_()
    assert bundle["text/plain"] == "BackpropStepper(step 0 of 2)"
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == \
        stepper.widget.model_id
    assert stepper.graph.value.lstrip().startswith("<div") and "<svg" in stepper.graph.value
    assert "<?xml" not in stepper.graph.value


def test_refuses_what_is_not_a_value():
    with pytest.raises(TypeError, match="one Value"):
        backprop_stepper([Value(1.0)])


def looked_after(box):
    """The widget's box carries one KeyboardAccess, which looks after its controls in the page
    (tests/browser/test_widgets_keyboard.py checks what it does there)."""
    helpers = [w for w in box.children if isinstance(w, KeyboardAccess)]
    return ROOT_CLASS in box._dom_classes and len(helpers) == 1 and \
        helpers[0].layout.display == "none"


@pytest.mark.parametrize("tall", [False, True])
def test_stepper_for_a_keyboard_and_a_screen_reader(tall):
    root = worked_neuron()[0] if tall else small_graph()[0]
    stepper = backprop_stepper(root)
    assert stepper.beside == tall
    assert looked_after(stepper.widget)
    assert LIVE_CLASS in stepper.status._dom_classes  # each step is read out
    for button, name in ((stepper.reset_button, "Reset"), (stepper.back_button, "Back"),
                         (stepper.next_button, "Next")):
        assert button.description == name  # its accessible name
    # the graph's box takes the focus, so that the keyboard scrolls it, and says what it shows
    assert 'tabindex="0"' in stepper.graph.value and 'aria-label="Graph of' in stepper.graph.value
    # on a narrow page the buttons wrap, and the tall graph goes under them
    boxes = [stepper.widget, *stepper.widget.children[0].children, *stepper.widget.children]
    buttons = next(b for b in boxes if "micrograd-stepper-buttons" in b._dom_classes)
    assert buttons.layout.flex_flow == "row wrap"
    if tall:
        assert stepper.widget.layout.flex_flow == "row-reverse wrap"
        assert stepper.widget.children[0].children[1] is stepper.status


def test_stepper_names_the_marks_not_colours_alone():
    stepper = backprop_stepper(worked_neuron()[0])
    texts = [stepper.text]
    while stepper.upcoming is not None:
        stepper.step()
        texts.append(stepper.text)
    assert "thick border" in texts[0] and "rounded corners" in texts[0]
    for text in texts:
        assert not any(colour in text for colour in ("yellow", "green", "red"))


# ---- the neuron explorer --------------------------------------------------------------------

def by_hand(x0, x1, w0, w1, b):
    """out = tanh(w0·x0 + w1·x1 + b) and its gradients, with the chain rule written out."""
    n = w0 * x0 + w1 * x1 + b
    out = math.tanh(n)
    slope = 1 - out * out
    return out, {"x0": slope * w0, "x1": slope * w1, "w0": slope * x0, "w1": slope * x1,
                 "b": slope}


def test_explorer_starts_with_the_given_numbers():
    explorer = neuron_explorer(x0=1.0, x1=-0.5, w0=0.6, w1=0.9, b=0.1)
    assert isinstance(explorer, NeuronExplorer)
    out, grads = by_hand(1.0, -0.5, 0.6, 0.9, 0.1)
    assert explorer.out.data == pytest.approx(out)
    assert f"<b>{out:.4f}</b>" in explorer.output.value
    for name, g in grads.items():
        assert explorer.grads()[name] == pytest.approx(g)
        assert f"d out / d {name} = {g:.4f}" in explorer.gradients.value


def test_moving_a_slider_updates_output_gradients_and_graph():
    explorer = neuron_explorer()
    output_before = explorer.output.value
    grads_before = explorer.gradients.value
    graph_before = explorer.graph.value

    explorer.sliders["w0"].value = -1.25
    explorer.sliders["x1"].value = 2.0

    values = explorer.values()
    assert values["w0"] == -1.25 and values["x1"] == 2.0
    out, grads = by_hand(**values)
    assert explorer.output.value != output_before
    assert explorer.gradients.value != grads_before
    assert explorer.graph.value != graph_before
    assert explorer.out.data == pytest.approx(out)
    assert f"<b>{out:.4f}</b>" in explorer.output.value
    for name, g in grads.items():
        assert f"d out / d {name} = {g:.4f}" in explorer.gradients.value


def test_gradients_do_not_pile_up_over_updates():
    explorer = neuron_explorer(show_graph=False)
    for _ in range(3):
        explorer.update()
    _, grads = by_hand(**explorer.values())
    assert explorer.grads() == pytest.approx(grads)


def test_zero_bias_point_and_the_steepest_slope():
    explorer = neuron_explorer(x0=1.0, x1=-0.5, w0=0.6, w1=0.9, b=0.0)
    explorer.sliders["b"].value = -0.15
    assert "= <b>0.0000</b>" in explorer.output.value
    assert "d out / d n = 1.0000" in explorer.gradients.value


def test_changing_the_activation():
    explorer = neuron_explorer(x0=1.0, x1=-0.5, w0=-0.6, w1=0.9, b=0.1, show_graph=False)
    explorer.activation.value = "relu"  # n = -0.6 - 0.45 + 0.1 < 0: relu gives 0 and slope 0
    assert explorer.out.data == 0.0
    assert "out = relu(n)" in explorer.output.value
    assert explorer.grads() == {name: 0.0 for name in NeuronExplorer.NAMES}
    explorer.activation.value = "linear"
    assert explorer.out.data == pytest.approx(-0.95)
    assert explorer.grads()["w0"] == pytest.approx(1.0)


def test_building_an_explorer_leaves_the_global_random_stream_alone():
    random.seed(42)
    expected = random.random()
    random.seed(42)
    neuron_explorer(show_graph=False)
    assert random.random() == expected


def test_explorer_css_classes_and_text_form():
    explorer = neuron_explorer()
    assert "micrograd-neuron" in explorer.widget._dom_classes
    for name, slider in explorer.sliders.items():
        assert "micrograd-neuron-slider" in slider._dom_classes
        assert f"micrograd-neuron-{name}" in slider._dom_classes
    assert "micrograd-neuron-output" in explorer.output._dom_classes
    assert "micrograd-neuron-grads" in explorer.gradients._dom_classes
    assert "micrograd-neuron-graph" in explorer.graph._dom_classes
    assert "micrograd-neuron-activation" in explorer.activation._dom_classes
    assert explorer._repr_mimebundle_()["text/plain"] == \
        "NeuronExplorer(tanh, x0=1.00, x1=-0.50, w0=0.60, w1=0.90, b=0.10)"


def test_explorer_text_matches_what_it_shows():
    explorer = neuron_explorer(x0=1.0, x1=-0.5, w0=0.6, w1=0.9, b=0.1, show_graph=False)
    explorer.sliders["b"].value = -0.15  # n is -2.8e-17 here: shown as 0.0000, never -0.0000
    lines = explorer.text.splitlines()
    assert lines[0] == "n = w0·x0 + w1·x1 + b = 0.0000"
    assert lines[1] == "out = tanh(n) = 0.0000"
    assert lines[2] == "d out / d n = 1.0000"
    assert lines[3:] == [f"d out / d {k} = {v}" for k, v in
                         [("x0", "0.6000"), ("x1", "0.9000"), ("w0", "1.0000"),
                          ("w1", "-0.5000"), ("b", "1.0000")]]


def test_explorer_for_a_keyboard_and_a_screen_reader():
    explorer = neuron_explorer()
    assert looked_after(explorer.widget)
    assert LIVE_CLASS in explorer.output._dom_classes  # a new output is read out
    # every slider is named by its description in the page, and says its read-out, 2 decimals
    assert [(s.description, s.readout_format) for s in explorer.sliders.values()] == \
        [(name, ".2f") for name in NeuronExplorer.NAMES]
    assert explorer.activation.description == "activation"
    assert 'tabindex="0"' in explorer.graph.value
    # on a narrow page the graph goes under the controls, which shrink to the page
    assert explorer.widget.layout.flex_flow == "row wrap"
    for control in [*explorer.sliders.values(), explorer.activation]:
        assert control.layout.max_width == "100%"


def test_stepper_passes_max_nodes_to_the_drawing():
    a, b = Value(2.0, label="a"), Value(3.0, label="b")
    root = a * b + a  # 5 Values
    with pytest.raises(ValueError, match="max_nodes=3"):
        backprop_stepper(root, max_nodes=3)
    assert backprop_stepper(root, max_nodes=5).steps
