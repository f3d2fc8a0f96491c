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

        if mistake == "eq by data":  # == and hash() on .data: equal numbers, one node to a set
            def __eq__(self, other):
                return isinstance(other, MyValue) and self.data == other.data

            def __hash__(self):
                return hash(self.data)

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
    assert "200 expressions" in feedback.message


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


def _with(**methods):
    """The right class, with some reflected operations replaced."""
    return type("MyValue2", (make_class(),), methods)


def test_reflected_operations_name_more_mistakes():
    def overwrites(self, other):  # its own node, whose _backward uses = instead of +=
        out = type(self)(other * self.data, (self,), "*")

        def _backward():
            self.grad = other * out.grad
        out._backward = _backward
        return out

    def cut_off(self, other):  # the right number, but not from the class's operations
        return type(self)(other - self.data)

    cases = [
        (_with(__rmul__=lambda self, other: other * self), ["RecursionError", "self * other"]),
        (_with(__radd__=lambda self, other: other + self), ["RecursionError", "self first"]),
        (_with(__radd__=lambda self, other: self * other), ["__radd__ adds"]),
        (_with(__rmul__=lambda self, other: self + other), ["__rmul__ multiplies"]),
        (_with(__rsub__=lambda self, other: self * -1 + 1), ["Use other"]),
        (_with(__rmul__=lambda self, other: self * 2), ["Use other"]),
        (_with(__rsub__=cut_off), ["a.grad should be -1", "Build the result"]),
        (_with(__rmul__=overwrites), ["2 * a + 3 * a", "used twice", "2 + 3 = 5"]),
    ]
    for cls, words in cases:
        feedback = check_reflected_ops(cls)
        assert not feedback and repr(feedback).startswith("Not yet."), repr(feedback)
        for word in words:
            assert word in feedback.message, (word, feedback.message)


def test_reflected_operations_are_not_judged_at_one_point():
    """1 - a written as self * -1 + 1, and 2 * a as self + self, are right at the one point the
    checker used to try (a = 3, with the numbers 2 and 1): they must not pass now."""
    cls = _with(__rsub__=lambda self, other: self * -1 + 1,
                __rmul__=lambda self, other: self + self)
    a = cls(3.0)
    assert (1 - a).data == -2.0 and (2 * a).data == 6.0
    assert not check_reflected_ops(cls)


def test_nodes_told_apart_by_their_number_are_named():
    """Each operation alone is right; only a graph with two different nodes of the same number
    (b**3 * b**3, or a * b and a * c with b = c) shows it, and the hint names the cause."""
    feedback = check_my_value(make_class("eq by data"))
    assert not feedback and "__eq__ or __hash__" in feedback.message, feedback.message


def test_an_inner_node_used_three_times_is_checked():
    from micrograd.exercises import nb05

    (program, inputs), *_ = nb05._FIXED_PROGRAMS
    assert nb05._text(program) == "(((a * b) * (a * b)) + (a * b))"
