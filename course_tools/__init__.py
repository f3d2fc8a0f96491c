"""The course's own tooling: building the notebooks, the slide decks, the nbgrader course and the
test suite's notebook plugin. Not part of the `micrograd` package that students install."""
