"""Interactive widgets for the notebooks (ipywidgets): each builder returns a widget to display,
and exposes its controls and a callback so the tests can drive it without a browser."""


# ---- the backprop stepper and the neuron sliders (notebooks 04 and 05) -------------------------


# ---- the training panel (notebook 06) ----------------------------------------------------------
