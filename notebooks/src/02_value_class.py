# ---
# jupyter:
#   jupytext:
#     cell_metadata_filter: slideshow,-all
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] slideshow={"slide_type": "slide"}
# # 2. The Value class: numbers that remember how they were made
#
# In notebook 1 we found slopes by nudging inputs and re-running the whole function. A network
# has thousands of inputs, so that is far too slow. The fix starts here: a number that keeps a
# record of the calculation that produced it. Later, that record lets us send slopes backwards
# through the calculation in one pass.
#
# **After this notebook you will be able to:**
#
# - build a small `Value` class step by step: a number, its parents, the operation and a label;
# - make `+` and `*` on Values build a graph of the calculation as a side effect;
# - walk that graph from the output back to the inputs, and draw it;
# - use the course package's `micrograd.engine.Value`, which works the same way.

# %% [markdown] slideshow={"slide_type": "notes"}
# > **For the teacher** · speaker notes, hidden in the slides
# >
# > The class is rebuilt four times, each version adding one idea. Re-running a
# > `class Value` cell replaces the old class, so Values made before it keep the old behaviour.
# > If a student gets odd results, "Restart kernel and run all" fixes it.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Step 1: a box around a number
#
# The smallest possible start: a `Value` holds one number, in `data`, and prints itself
# readably.

# %%
class Value:
    def __init__(self, data):
        self.data = data

    def __repr__(self):
        return f"Value(data={self.data})"


m = Value(2.0)
m

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Step 2: parents and the operation
#
# A Value made by a calculation should remember **which Values it came from** (its parents, in
# `_prev`) and **which operation** made it (in `_op`). An input has no parents and no
# operation. For now we fill these in by hand.

# %%
class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self._prev = tuple(_children)  # the parents, in order
        self._op = _op  # the operation that made this Value: "+", "*", or "" for an input

    def __repr__(self):
        return f"Value(data={self.data})"


m = Value(2.0)
x = Value(3.0)
mx = Value(m.data * x.data, (m, x), "*")  # by hand, for now
print(mx, "was made by", repr(mx._op), "from", mx._prev)

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Notice:** `mx` holds the result, 6.0, *and* the two Values it came from. But the printout
# cannot tell `m` from `x`; both are just numbers. Names would help.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Step 3: a label
#
# A `label` is a name for people reading the graph. The calculation never uses it.

# %%
class Value:
    def __init__(self, data, _children=(), _op="", label=""):
        self.data = data
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    def __repr__(self):
        return f"Value(data={self.data}, label={self.label!r})"


m = Value(2.0, label="m")
x = Value(3.0, label="x")
mx = Value(m.data * x.data, (m, x), "*", label="mx")
print(mx, "was made by", repr(mx._op), "from", mx._prev)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Step 4: `+` and `*` build the graph
#
# Writing `Value(m.data * x.data, (m, x), "*")` every time is tedious. Python calls
# `m.__mul__(x)` when it sees `m * x`, and `m.__add__(x)` for `m + x`. We define both to
# compute the number **and** record the parents and the operation.

# %%
class Value:
    def __init__(self, data, _children=(), _op="", label=""):
        self.data = data
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    def __repr__(self):
        return f"Value(data={self.data}, label={self.label!r})"

    def __add__(self, other):  # self + other
        return Value(self.data + other.data, (self, other), "+")

    def __mul__(self, other):  # self * other
        return Value(self.data * other.data, (self, other), "*")


# %% [markdown] slideshow={"slide_type": "slide"}
# ## A straight line, y = m·x + c
#
# Now we can write the equation of a line as plainly as on paper. Each operation returns a new
# Value; we label the intermediate one `mx` and the result `y`.

# %%
c = Value(1.0, label="c")
m = Value(2.0, label="m")
x = Value(3.0, label="x")
mx = m * x
mx.label = "mx"
y = mx + c
y.label = "y"
y

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Notice:** `y` prints as an ordinary number, 2·3 + 1 = 7. The interesting part is what it
# keeps out of sight.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The graph is remembered
#
# From `y` alone we can walk back through the parents to every Value that went into it. A
# short recursive function prints the whole calculation as a tree, output first.

# %%
def show_graph(v, depth=0):
    """Print v, then each of its parents indented below it, and so on back to the inputs."""
    made_by = f"   (made by {v._op})" if v._op else "   (an input)"
    print("    " * depth + f"{v.label} = {v.data:.4f}{made_by}")
    for parent in v._prev:
        show_graph(parent, depth + 1)


show_graph(y)

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Notice:** nothing here re-runs the calculation. `y` simply holds references to `mx` and
# `c`, and `mx` to `m` and `x`. This record is the **computation graph**. In notebook 3 we send
# slopes backwards along exactly these links.

# %% [markdown] slideshow={"slide_type": "notes"}
# > **For the teacher** · speaker notes, hidden in the slides
# >
# > A good moment to ask the class "how could y find out how much m matters to
# > it?" The answer, walking back along `_prev` and applying notebook 1's two rules at each node,
# > is the whole of backpropagation.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The package's Value
#
# The course package has a complete `Value` in `micrograd/engine.py`. It is built exactly like
# ours (`data`, `_prev`, `_op`, `label`) with more operations and the gradient machinery of the
# next notebooks. The same code builds the same line with it:

# %%
from micrograd.engine import Value as EngineValue

c2 = EngineValue(1.0, label="c")
m2 = EngineValue(2.0, label="m")
x2 = EngineValue(3.0, label="x")
mx2 = m2 * x2
mx2.label = "mx"
y2 = mx2 + c2
y2.label = "y"
show_graph(y2)

# %% [markdown] slideshow={"slide_type": "subslide"}
# Both agree: same numbers, same operations, same labels, same parents in the same order.
# A function that compares two graphs node by node says so too.

# %%
def same_graph(a, b):
    """True when a and b, and all their ancestors, match in data, operation and label."""
    return (a.data == b.data and a._op == b._op and a.label == b.label
            and len(a._prev) == len(b._prev)
            and all(same_graph(p, q) for p, q in zip(a._prev, b._prev)))


print("our y and the package's y match:", same_graph(y, y2))

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Drawing the graph
#
# `draw_dot` from `micrograd.draw` turns a graph into a picture. Each Value is a box (label
# and number); each operation is an oval between its parents and its result. It is written for
# the package's Value, so we draw `y2`. (Gradients come in notebook 3, so we leave them out
# with `show_grad=False`.)

# %%
from micrograd.draw import draw_dot

draw_dot(y2, show_grad=False)

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Notice:** it is the tree above turned on its side: inputs on the left, the output on the
# right. Every box except an input has one arrow in, from the operation that made it.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - A `Value` holds a number (`data`), its parents (`_prev`), the operation that made it
#   (`_op`) and a name (`label`).
# - Defining `__add__` and `__mul__` makes ordinary arithmetic build the computation graph as
#   it goes.
# - From the output we can walk back to every input: the graph is remembered.
# - `micrograd.engine.Value` is the full version of the same idea; `draw_dot` draws its graphs.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Exercises
#
# Each exercise ends with a `check_...` call that says whether your answer is right, or gives a
# hint. Each exercise has a cell for your answer; the solution below it is hidden: click it to
# reveal.

# %%
from micrograd.exercises import check_abc_graph, check_count_nodes, check_node_count

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 1.** How many Values does the graph of `y = m·x + c` hold, counting every box in
# the drawing?

# %%
answer = ...  # your answer
check_node_count(answer)

# %% [markdown] slideshow={"slide_type": "skip"}
# **Solution** (hidden: click the cell below to reveal it)

# %% jupyter={"outputs_hidden": true, "source_hidden": true} slideshow={"slide_type": "skip"}
# Solution: try the exercise yourself before you look
answer = 5  # the inputs m, x and c, then m*x and y
check_node_count(answer)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 2.** With the package's Value (`EngineValue`), build `d = a·b + c` for `a = 2`,
# `b = −3`, `c = 10`. Label the inputs `"a"`, `"b"`, `"c"`, the product `"e"` and the result
# `"d"`. Then draw it.

# %%
# your code: a, b and c, then e = a * b and d = e + c, each with its label
d = ...
check_abc_graph(d)
# then draw it: draw_dot(d, show_grad=False)

# %% [markdown] slideshow={"slide_type": "skip"}
# **Solution** (hidden: click the cell below to reveal it)

# %% jupyter={"outputs_hidden": true, "source_hidden": true} slideshow={"slide_type": "skip"}
# Solution: try the exercise yourself before you look
from IPython.display import display

a = EngineValue(2.0, label="a")
b = EngineValue(-3.0, label="b")
c = EngineValue(10.0, label="c")
e = a * b
e.label = "e"
d = e + c
d.label = "d"
display(check_abc_graph(d))
draw_dot(d, show_grad=False)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 3.** Write `count_nodes(v)`: the number of distinct Values in the graph that ends
# at `v`, `v` included. Careful: in `a * a`, the Value `a` is a parent twice but is one Value.
# (Hint: a list of Values to visit, and a `set` of the ones already seen.)


# %%
def count_nodes(v):
    ...  # your code


check_count_nodes(count_nodes)

# %% [markdown] slideshow={"slide_type": "skip"}
# **Solution** (hidden: click the cell below to reveal it)


# %% jupyter={"outputs_hidden": true, "source_hidden": true} slideshow={"slide_type": "skip"}
# Solution: try the exercise yourself before you look
def count_nodes(v):
    seen = set()
    to_visit = [v]
    while to_visit:
        node = to_visit.pop()
        if node not in seen:
            seen.add(node)
            to_visit.extend(node._prev)
    return len(seen)


print("Values in y = m*x + c:", count_nodes(y))
check_count_nodes(count_nodes)
