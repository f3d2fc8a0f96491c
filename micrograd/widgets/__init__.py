"""The notebooks' interactive widgets (ipywidgets), one module each. Each builder returns a
widget to display, and the widget's controls and callbacks can be driven from code, so that the
tests (and a teacher) can use it without a browser:

    from micrograd.widgets import backprop_stepper   # notebook 04 (stepper.py)
    from micrograd.widgets import neuron_explorer    # notebook 06 (explorer.py)
    from micrograd.widgets import training_panel     # notebook 07 (training_panel.py)

and what ipywidgets leaves out for a keyboard and a screen reader is in access.py.
"""

from micrograd.widgets.access import KeyboardAccess, keyboard_access
from micrograd.widgets.explorer import GridSlider, NeuronExplorer, neuron_explorer
from micrograd.widgets.stepper import BackpropStepper, backprop_stepper
from micrograd.widgets.training_panel import TrainingPanel, training_panel

__all__ = ["KeyboardAccess", "keyboard_access",
           "BackpropStepper", "backprop_stepper", "GridSlider", "NeuronExplorer",
           "neuron_explorer", "TrainingPanel", "training_panel"]
