"""A scalar autograd engine: a `Value` remembers how it was made, so gradients can flow back.

Every operation below computes two things side by side:
  * the forward value, `out.data`, and
  * its local derivatives, d(out)/d(parent) for each parent, stored in `out._local_grads`.

`backward()` then applies the chain rule, parent.grad += local_grad * out.grad, to every node in
reverse topological order. The operations store numbers, not closures, so no node refers back to
itself: a graph is freed the moment the last reference to its output goes away.

Each operation's docstring holds its formula, so `help(Value.tanh)` shows it.

The lecture's way works too: a node made by hand can be given its own chain rule as a closure,
`out._backward = _backward`, and `backward()` calls it (see `Value._backward`).
"""

import math
import numbers
import reprlib


class Value:
    """One scalar in a graph, and the gradient of the final output with respect to it."""

    __slots__ = ("data", "grad", "_prev", "_op", "label", "_local_grads", "_closure")

    def __init__(self, data, _children=(), _op="", label="", _local_grads=()):
        # the operations below always pass a float: testing for that first skips the checks
        # of _as_float, which would cost a function call for every node of every graph
        self.data = data if type(data) is float else _as_float(data)
        self.grad = 0.0
        self._prev = tuple(_children)  # parents in a fixed order: (a, b) for a + b
        self._op = _op
        self.label = label
        self._local_grads = _local_grads  # d(self)/d(parent), one per parent
        self._closure = None  # a chain rule of its own, set the lecture's way (see _backward)

    def __repr__(self):
        label = f", label={self.label!r}" if self.label else ""
        return f"Value(data={self.data}, grad={self.grad}{label})"

    # ---- operations: forward value, then local derivatives ---------------------------------
    # A tuple of constants, such as (1.0, 1.0), is built once when Python compiles the method
    # and shared by every node that stores it: it costs no memory per node.

    def __add__(self, other):
        """out = a + b            d(out)/da = 1,   d(out)/db = 1"""
        other = _as_value(other)
        return Value(self.data + other.data, (self, other), "+",
                     _local_grads=(1.0, 1.0))  # d/da = 1, d/db = 1

    def __mul__(self, other):
        """out = a * b            d(out)/da = b,   d(out)/db = a"""
        other = _as_value(other)
        return Value(self.data * other.data, (self, other), "*",
                     _local_grads=(other.data, self.data))  # d/da = b, d/db = a

    def __sub__(self, other):
        """out = a - b            d(out)/da = 1,   d(out)/db = -1"""
        other = _as_value(other)
        return Value(self.data - other.data, (self, other), "-",
                     _local_grads=(1.0, -1.0))  # d/da = 1, d/db = -1

    def __truediv__(self, other):
        """out = a / b            d(out)/da = 1/b, d(out)/db = -a/b²"""
        other = _as_value(other)
        a, b = self.data, other.data
        if b == 0:
            raise ZeroDivisionError(f"division by zero in {_name(self)} / {_name(other)}: "
                                    "the divisor is 0")
        return Value(a / b, (self, other), "/",
                     _local_grads=(1.0 / b, -a / b / b))  # d/da = 1/b, d/db = -a/b²

    def __pow__(self, exponent):
        """out = x ** n, for a constant number n      d(out)/dx = n·x^(n-1)"""
        if isinstance(exponent, Value) or not isinstance(exponent, numbers.Real):
            raise TypeError(f"the exponent in {_name(self)} ** n must be an int or a float, "
                            f"got {type(exponent).__name__}: {reprlib.repr(exponent)}")
        x, n = self.data, exponent
        if x == 0 and n < 0:
            raise ZeroDivisionError(f"{_name(self)} ** {n}: 0 to a negative power is 1/0")
        if x == 0 and 0 < n < 1:
            raise ZeroDivisionError(f"{_name(self)} ** {n}: the slope n·x^(n-1) is infinite at 0")
        if x < 0 and not float(n).is_integer():
            raise ValueError(f"{_name(self)} ** {n}: a negative number has no real "
                             "non-integer power")
        try:
            power, slope = x ** n, (n * x ** (n - 1) if n != 0 else 0.0)
        except OverflowError:
            raise OverflowError(f"{_name(self)} ** {n} is too large for a float") from None
        return Value(power, (self,), f"**{n}", _local_grads=(slope,))  # d/dx = n·x^(n-1)

    def __neg__(self):
        """out = -a               d(out)/da = -1"""
        return Value(-self.data, (self,), "neg", _local_grads=(-1.0,))  # d/da = -1

    # the reflected forms, `2 + v`, `2 * v`, ...: Python calls them when the number on the left
    # cannot do the operation with a Value; the number becomes the first parent
    def __radd__(self, other):
        """out = n + a (n a number): the same as Value(n) + a"""
        return _as_value(other) + self

    def __rsub__(self, other):
        """out = n - a (n a number): the same as Value(n) - a"""
        return _as_value(other) - self

    def __rmul__(self, other):
        """out = n * a (n a number): the same as Value(n) * a"""
        return _as_value(other) * self

    def __rtruediv__(self, other):
        """out = n / a (n a number): the same as Value(n) / a"""
        return _as_value(other) / self

    def tanh(self):
        """t = tanh(x)            dt/dx = 1 - t²

        math.tanh stays finite where (e^2x - 1)/(e^2x + 1) would overflow.
        """
        t = math.tanh(self.data)
        return Value(t, (self,), "tanh", _local_grads=(1.0 - t * t,))  # d/dx = 1 - t²

    def exp(self):
        """out = e^x              d(out)/dx = e^x"""
        try:
            e = math.exp(self.data)
        except OverflowError:
            raise OverflowError(f"exp({_name(self)}) is too large for a float "
                                "(the largest is about exp(709))") from None
        return Value(e, (self,), "exp", _local_grads=(e,))  # d/dx = e^x

    def log(self):
        """out = ln x, for x > 0  d(out)/dx = 1/x"""
        x = self.data
        if x <= 0:
            raise ValueError(f"log({_name(self)}): log is only defined for numbers above 0")
        return Value(math.log(x), (self,), "log", _local_grads=(1.0 / x,))  # d/dx = 1/x

    def relu(self):
        """out = max(0, x)        d(out)/dx = 1 if x > 0, else 0"""
        x = self.data
        return Value(x if x > 0 else 0.0, (self,), "ReLU",
                     _local_grads=(1.0 if x > 0 else 0.0,))  # d/dx = 1 above 0, else 0

    def sigmoid(self):
        """s = 1 / (1 + e^-x)     ds/dx = s·(1 - s)

        Written so that e^-x never overflows: for x < 0, s = e^x / (1 + e^x).
        """
        x = self.data
        if x >= 0:
            s = 1.0 / (1.0 + math.exp(-x))
        else:
            e = math.exp(x)
            s = e / (1.0 + e)
        return Value(s, (self,), "sigmoid", _local_grads=(s * (1.0 - s),))  # d/dx = s(1 - s)

    # ---- backpropagation -------------------------------------------------------------------

    def _chain_rule(self):
        """The chain rule at one node: pass this node's gradient on to each of its parents,
        parent.grad += d(self)/d(parent) * self.grad.

        `+=`, because a parent used twice (b = a + a) gets a contribution from each use.
        """
        for parent, local_grad in zip(self._prev, self._local_grads):
            parent.grad += local_grad * self.grad

    @property
    def _backward(self):
        """This node's step of the backward pass, a function of no arguments.

        For the operations above it is `_chain_rule`, over the stored local derivatives. A node
        can also be given its own, as in the lecture:

            out = Value(t, (x,), "tanh")
            def _backward():
                x.grad += (1 - t**2) * out.grad
            out._backward = _backward

        and `backward()` calls it. Such a closure refers to `out`, and `out` to it: a reference
        cycle, which only Python's cycle collector frees. That is why the operations above store
        numbers instead. (`backward()` makes the same choice inline: it saves a call per node.)
        """
        return self._chain_rule if self._closure is None else self._closure

    @_backward.setter
    def _backward(self, closure):
        if not callable(closure):
            raise TypeError(f"{_name(self)}._backward must be a function of no arguments (a "
                            f"closure, as in the lecture), got {type(closure).__name__}: "
                            f"{reprlib.repr(closure)}")
        self._closure = closure

    def backward(self):
        """Add d(self)/d(leaf) to `.grad` of every leaf this node depends on, and set `.grad` of
        every node in between to d(self)/d(node).

        Leaves (inputs, weights) accumulate across calls until they are zeroed; the nodes in
        between start from 0 each time, so a second call adds each leaf's gradient once more
        instead of sending the first call's gradients round again.
        """
        order = topological_order(self)
        for node in order:
            if node._prev:
                node.grad = 0.0
        self.grad = 1.0  # d(self)/d(self)
        for node in reversed(order):
            if node._closure is None:
                node._chain_rule()
            else:
                node._closure()  # a chain rule set the lecture's way


def topological_order(root):
    """Every node `root` depends on, each listed after all of its parents; `root` comes last.

    Depth-first, with an explicit stack instead of recursion, so a graph a million nodes deep
    does not hit Python's recursion limit. Each node goes on the stack twice: first to put its
    parents on top of it, then, once they are all placed, to place the node itself.
    """
    order, visited = [], set()
    stack = [(root, False)]
    while stack:
        node, parents_placed = stack.pop()
        if parents_placed:
            order.append(node)
        elif node not in visited:
            visited.add(node)
            stack.append((node, True))
            for parent in reversed(node._prev):  # reversed: the first parent is placed first
                if parent not in visited:
                    stack.append((parent, False))
    return order


def _as_value(x):
    return x if isinstance(x, Value) else Value(x)


def _as_float(data):
    if isinstance(data, Value):
        raise TypeError(f"Value() was given another Value ({data!r}); use that Value itself, "
                        "or its number, v.data")
    # int and float first, since they are common and the numbers.Real check is slow; Real also
    # takes numpy scalars and fractions
    if isinstance(data, (int, float)) or isinstance(data, numbers.Real):
        return float(data)
    raise TypeError(f"a Value holds one real number (an int or a float), "
                    f"but was given {type(data).__name__}: {reprlib.repr(data)}")


def _name(v):
    """How a node is named in an error message: its label if it has one, and its number."""
    return f"{v.label}={v.data:g}" if v.label else f"Value({v.data:g})"
