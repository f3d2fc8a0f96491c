"""micrograd: a tiny scalar autograd engine and the neural networks built on it, for the course.

    from micrograd.engine import Value
    from micrograd.nn import MLP
"""

from micrograd.engine import Value
from micrograd.nn import MLP, Layer, Module, Neuron

__all__ = ["Value", "Module", "Neuron", "Layer", "MLP"]
__version__ = "1.0.0"
