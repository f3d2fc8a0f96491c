"""Notebook 5's own-Value exercises: the checker accepts a right class, names each typical
mistake with its hint, and says "not answered yet" for the placeholder class."""

import math

import pytest

from micrograd.exercises import LectureValue, check_my_value, check_reflected_ops


def make_class(mistake=None):
    """The right MyValue, or one with a single typical `mistake` in it."""

    class MyValue(LectureValue):
        def __add__(self, other):
            other = other if isinstance(other, MyValue) else MyValue(other)
            out = MyValue(self.data + other.data, (self, other), "+")

            def _backward():
                if mistake == "add forgets out.grad":
                    self.grad += 1.0
                    other.grad += 1.0
                else:
                    self.grad += out.grad
                    other.grad += out.grad
            out._backward = _backward
            return out

        def __mul__(self, other):
            other = other if isinstance(other, MyValue) else MyValue(other)
            out = MyValue(self.data * other.data, (self, other), "*")

            def _backward():
                if mistake == "mul wrong parent":
                    self.grad += self.data * out.grad
                    other.grad += other.data * out.grad
                elif mistake == "mul forgets out.grad":
                    self.grad += other.data
                    other.grad += self.data
                elif mistake == "mul overwrites":
                    self.grad = other.data * out.grad
                    other.grad = self.data * out.grad
                else:
                    self.grad += other.data * out.grad
                    other.grad += self.data * out.grad
            if mistake != "mul sets backward on self":
                out._backward = _backward
            else:
                self._backward = _backward
            return out

        def __pow__(self, n):
            out = MyValue(self.data ** n, (self,), f"**{n}")

            def _backward():
                if mistake == "pow by the exponent":
                    self.grad += self.data ** n * math.log(self.data) * out.grad
                else:
                    self.grad += n * self.data ** (n - 1) * out.grad
            out._backward = _backward
            return out

        def tanh(self):
            t = math.tanh(self.data)
            out = MyValue(t, (self,), "tanh")

            def _backward():
                if mistake == "tanh slope at the input":
                    self.grad += (1 - self.data ** 2) * out.grad
                elif mistake == "tanh overwrites":
                    self.grad = (1 - t ** 2) * out.grad
                else:
                    self.grad += (1 - t ** 2) * out.grad
            out._backward = _backward
            return out

        def exp(self):
            out = MyValue(math.exp(self.data), (self,), "exp")

            def _backward():
                self.grad += out.data * out.grad
            out._backward = _backward
            return out

        def relu(self):
            if mistake == "relu placeholder":
                return None
            out = MyValue(max(0.0, self.data), (self,), "relu")

            def _backward():
                if mistake == "relu passes everything":
                    self.grad += out.grad
                else:
                    self.grad += (out.data > 0) * out.grad
            out._backward = _backward
            return out

        if mistake != "no reflected":
            def __radd__(self, other):
                return self + other

            def __rmul__(self, other):
                return self * other

            def __rsub__(self, other):
                if mistake == "rsub backwards":
                    return self + (-1) * other
                if mistake == "rsub with minus":
                    return MyValue(other) - self
                return other + (-1) * self

    return MyValue


class Placeholder(LectureValue):
    def __add__(self, other):
        other = other if isinstance(other, Placeholder) else Placeholder(other)
        ...

    def __mul__(self, other):
        ...

    def __pow__(self, n):
        ...

    def tanh(self):
        ...

    def exp(self):
        ...

    def relu(self):
        ...

    def __radd__(self, other):
        ...

    def __rmul__(self, other):
        ...

    def __rsub__(self, other):
        ...


def test_a_right_class_is_right():
    feedback = check_my_value(make_class())
    assert feedback, feedback.message
    assert "200 random expressions" in feedback.message


def test_the_placeholder_class_is_not_answered_yet():
    for check in (check_my_value, check_reflected_ops):
        feedback = check(Placeholder)
        assert not feedback and repr(feedback).startswith("Not answered yet."), repr(feedback)


@pytest.mark.parametrize("mistake, words", [
    ("add forgets out.grad", ["a + b", "`* out.grad`"]),
    ("mul wrong parent", ["+ is right", "a * b", "other parent's derivative"]),
    ("mul forgets out.grad", ["a * b", "`* out.grad`"]),
    ("mul overwrites", ["a * a", "= instead of +="]),
    ("mul sets backward on self", ["changed no gradient", "out._backward = _backward"]),
    ("pow by the exponent", ["x ** n", "with respect to the exponent"]),
    ("tanh slope at the input", ["x.tanh()", "1 - x²", "the output"]),
    ("tanh overwrites", ["x.tanh()", "= instead of +="]),
    ("relu passes everything", ["x.relu()", "flat below 0"]),
    ("relu placeholder", ["+, *, **, tanh, exp are right", "x.relu() returns None"]),
])
def test_each_typical_mistake_gets_its_hint(mistake, words):
    feedback = check_my_value(make_class(mistake))
    assert not feedback, mistake
    assert repr(feedback).startswith("Not yet."), repr(feedback)
    for word in words:
        assert word in feedback.message, (mistake, word, feedback.message)


def test_a_mistake_that_only_random_expressions_find():
    """Each operation alone is right, but tanh's closure reads a shared variable."""
    base = make_class()
    shared = {}

    class Leaky(base):
        def tanh(self):
            t = math.tanh(self.data)
            out = Leaky(t, (self,), "tanh")
            shared["x"] = self  # the last tanh's input, not this one's

            def _backward():
                shared["x"].grad += (1 - t ** 2) * out.grad
            out._backward = _backward
            return out

    feedback = check_my_value(Leaky)
    assert not feedback and "central difference" in feedback.message, feedback.message


def test_not_a_class():
    assert "the class itself" in check_my_value(make_class()(2.0)).message


def test_reflected_operations():
    feedback = check_reflected_ops(make_class())
    assert feedback, feedback.message
    assert "no __radd__, __rmul__, __rsub__" in check_reflected_ops(
        make_class("no reflected")).message
    backwards = check_reflected_ops(make_class("rsub backwards"))
    assert not backwards and "other - self" in backwards.message, backwards.message
    minus = check_reflected_ops(make_class("rsub with minus"))
    assert not minus and "self * -1 + other" in minus.message, minus.message


def test_the_default_int_times_value_fails_without_rmul():
    a = make_class("no reflected")(3.0)
    assert (2).__mul__(a) is NotImplemented
    with pytest.raises(TypeError):
        2 * a
