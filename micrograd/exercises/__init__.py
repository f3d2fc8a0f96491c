"""Checkers for the notebooks' exercises: each says "right", or "not yet" with a hint.

In a notebook:  check_slope(my_answer)  shows the verdict under the cell. A checker never raises on
a wrong answer (a learner's notebook keeps running); it returns a `Feedback`, which is truthy only
when the answer is right, so the tests can assert on it.

One module per notebook (nb01 ... nb09), so the checkers of an exercise are found from its
notebook's number; every checker is imported here: `from micrograd.exercises import check_...`.
"""

from micrograd.exercises.feedback import NOT_ANSWERED, Feedback, close, exercise, right, wrong
from micrograd.exercises.nb01 import check_flat_point, check_product_partials, check_slope_estimate
from micrograd.exercises.nb02 import check_abc_graph, check_count_nodes, check_node_count
from micrograd.exercises.nb03 import check_chain_grads, check_neuron_grads, check_tanh_slope
from micrograd.exercises.nb04 import (
    check_division_local_grads,
    check_my_backward,
    check_reused_node_grad,
    check_sigmoid_from_exp,
)
from micrograd.exercises.nb05 import LectureValue, check_my_value, check_reflected_ops
from micrograd.exercises.nb06 import (
    check_mlp_parameter_count,
    check_neuron_output,
    check_neuron_w0_grad,
    check_zero_output_bias,
)
from micrograd.exercises.nb07 import check_accumulated_grad, check_training_loop, check_update
from micrograd.exercises.nb08 import (
    check_hinge_and_grad,
    check_nodes_for_1000_points,
    check_relu_layer_backward,
)
from micrograd.exercises.nb09 import check_torch_parameter_count, check_torch_step

__all__ = [
    "LectureValue", "check_my_value", "check_reflected_ops",
    "NOT_ANSWERED", "Feedback", "close", "exercise", "right", "wrong", "check_flat_point",
    "check_product_partials", "check_slope_estimate", "check_abc_graph", "check_count_nodes",
    "check_node_count", "check_chain_grads", "check_neuron_grads", "check_tanh_slope",
    "check_division_local_grads", "check_my_backward", "check_reused_node_grad",
    "check_sigmoid_from_exp", "check_mlp_parameter_count", "check_neuron_output",
    "check_neuron_w0_grad", "check_zero_output_bias", "check_accumulated_grad",
    "check_training_loop", "check_update", "check_hinge_and_grad",
    "check_nodes_for_1000_points", "check_relu_layer_backward",
    "check_torch_parameter_count", "check_torch_step",
]
