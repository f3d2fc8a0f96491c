"""The training panel (notebook 07): train an MLP from a panel of controls and watch it learn."""

import html
import math
import random

import ipywidgets as widgets
import matplotlib as mpl
import traitlets

from micrograd import plots
from micrograd.checks import counted, is_whole_number
from micrograd.nn import classifier
from micrograd.train import (
    TrainingDiverged,
    check_data,
    check_learning_rate,
    check_steps,
    format_rate,
    train,
)
from micrograd.widgets.base import CourseWidget


def _parse_hidden_sizes(text):
    """"16, 16" -> [16, 16]; raises ValueError with a message a learner can act on."""
    parts = [part.strip() for part in str(text).replace(";", ",").split(",")]
    sizes = []
    for part in parts:
        if not part:
            continue
        if not part.isdecimal() or int(part) < 1:
            raise ValueError(f"hidden layers: {part!r} is not a layer size; write whole numbers "
                             "of at least 1, separated by commas, such as 16, 16")
        sizes.append(int(part))
    if not sizes:
        raise ValueError("hidden layers: write at least one layer size, such as 16, 16")
    if len(sizes) > 4 or max(sizes) > 64:
        raise ValueError(f"hidden layers: {text!r} would train too slowly here; use at most 4 "
                         "layers of at most 64 neurons, such as 16, 16")
    return sizes


class _RateSlider(widgets.FloatLogSlider):
    """A FloatLogSlider whose read-out trims trailing zeros ("20", not "20.0"), so that it shows
    a rate exactly as format_rate (Python's ".3g") writes it in the panel's advice.

    d3-format, which draws the read-out in the browser, spells that ".3~g"; ipywidgets' own
    check of the format string is older than the "~" and would refuse it, so the trait is
    redeclared here as plain text.
    """

    readout_format = traitlets.Unicode(".3~g").tag(sync=True)


class TrainingPanel(CourseWidget):
    """Train an MLP on (X, y) with the settings on the controls, and watch it learn.

    The controls: `.learning_rate` (a logarithmic slider), `.steps`, `.hidden` (layer sizes as
    text, "16, 16"), `.activation` (of the hidden layers), `.seed` (the same seed gives the same
    starting weights, so the same run) and `.train_button`. While it trains, `.status` shows
    "step 40/100 — loss 0.1234, accuracy 97%" and `.plot` (a PNG image) is redrawn every
    `redraw_every` steps: the loss so far and the decision boundary of the network now. When a
    run went wrong, or could go further, a box under the status line says what happened and
    what to try (`.advice_text`; `.advice_kind` is "warning", or "error" when training stopped).

    The learning rate trained with is the one the slider shows, rounded as it shows it: 20,
    not the 19.9526... (10 ** 1.3) of the slider's notch.

    With tanh the network is the course's, tanh in every layer. With relu or sigmoid the
    output neuron is linear (`linear_output=True`): a relu or sigmoid output could never
    reach -1, the label of the red class.

        panel = training_panel(data.X, data.y)     # the last line of a cell: shows it
        panel.learning_rate.value = 0.5
        panel.train_button.click()                 # or panel.train()
        panel.history, panel.model                 # the last run's History and network
    """

    ACTIVATIONS = ("tanh", "relu", "sigmoid")
    LEARNING_RATES = (1e-3, 1e2)  # the slider's range
    MAX_STEPS = 300
    MAX_SEED = 10**6
    BOX_COLOURS = {"warning": ("#8a4b00", "#fff4e0", "⚠"),  # (border and text, background, sign)
                   "error": ("#b00020", "#fdecee", "✖")}

    def __init__(self, X, y, learning_rate=0.1, steps=100, hidden="16, 16", activation="tanh",
                 seed=0, redraw_every=None):
        hidden = _check_panel_settings(X, y, learning_rate, steps, hidden, activation, seed,
                                       redraw_every, self)
        self.X, self.y = [list(map(float, p)) for p in X], [float(v) for v in y]
        self.redraw_every = redraw_every
        self.history = None
        self.model = None
        self.learning_rate = _RateSlider(
            value=learning_rate, base=10, min=math.log10(self.LEARNING_RATES[0]),
            max=math.log10(self.LEARNING_RATES[1]), step=0.1, description="learning rate",
            readout=True, continuous_update=False,
            style={"description_width": "8em"}, layout=widgets.Layout(width="32em"))
        self.steps = widgets.IntSlider(
            value=steps, min=1, max=self.MAX_STEPS, step=1, description="steps",
            continuous_update=False,
            style={"description_width": "8em"}, layout=widgets.Layout(width="32em"))
        self.hidden = widgets.Text(value=hidden, description="hidden layers",
                                   style={"description_width": "8em"},
                                   layout=widgets.Layout(width="18em"))
        self.activation = widgets.Dropdown(options=self.ACTIVATIONS, value=activation,
                                           description="activation",
                                           style={"description_width": "6em"},
                                           layout=widgets.Layout(width="14em"))
        self.seed = widgets.BoundedIntText(value=seed, min=0, max=self.MAX_SEED,
                                           description="seed",
                                           style={"description_width": "4em"},
                                           layout=widgets.Layout(width="10em"))
        self.train_button = widgets.Button(description="Train", button_style="primary",
                                           icon="play", tooltip="train a new network from the "
                                           "seed's starting weights")
        self.status = widgets.HTML()
        self._set_status("Press Train to start.")
        self.plot = widgets.Image(format="png", value=self._draw(None, None))
        for widget, name in ((self.learning_rate, "micrograd-lr-slider"),
                             (self.steps, "micrograd-steps-slider"),
                             (self.hidden, "micrograd-hidden-sizes"),
                             (self.activation, "micrograd-activation"),
                             (self.seed, "micrograd-seed"),
                             (self.train_button, "micrograd-train-button"),
                             (self.status, "micrograd-status"),
                             (self.plot, "micrograd-loss-plot")):
            widget.add_class(name)
        self.train_button.on_click(lambda _button: self.train())
        self.widget = widgets.VBox([
            widgets.HBox([widgets.VBox([self.learning_rate, self.steps]),
                          widgets.VBox([self.hidden, self.activation]),
                          widgets.VBox([self.seed, self.train_button])]),
            self.status, self.plot])
        self.widget.add_class("micrograd-training-panel")

    # ---- training ----------------------------------------------------------------------------

    def build_model(self):
        """A new MLP for the current settings, its weights drawn from the seed."""
        return classifier(len(self.X[0]), _parse_hidden_sizes(self.hidden.value),
                          self.activation.value, rng=random.Random(self.seed.value))

    def rate(self):
        """The learning rate as the slider shows it (20 for the notch at 10 ** 1.3 = 19.95...)."""
        return float(format_rate(self.learning_rate.value))

    def train(self):
        """Train a new network with the current settings; returns its History (None if the
        settings were not usable). Never raises: every problem is shown under the status line."""
        try:
            model = self.build_model()
        except ValueError as e:
            self._set_status("Not trained: the settings need a change.", str(e), "error")
            return None
        steps, lr = self.steps.value, self.rate()
        every = self.redraw_every or max(1, steps // 10)
        self.model, self.history = model, None
        self.train_button.disabled = True

        def on_step(step, history):
            self.history = history
            self._set_status(self._progress(history, steps))
            if (step + 1) % every == 0 and step + 1 < steps:
                self._redraw(history, model)
            return True

        try:
            self.history = train(model, self.X, self.y, steps=steps, learning_rate=lr,
                                 callback=on_step)
            self._redraw(self.history, model)
            self._set_status(self._done(self.history, steps), self.history.advice(), "warning")
        except TrainingDiverged as e:
            self.history = e.history
            line = f"Stopped at step {e.step}: the loss blew up."
            self._redraw(e.history, None, f"the loss blew up at step {e.step}")
            self._set_status(line, str(e), "error")
        except Exception as e:  # a button's callback must not raise: say what went wrong
            self._set_status("Training stopped.", f"{type(e).__name__}: {e}", "error")
        finally:
            self.train_button.disabled = False
        return self.history

    @staticmethod
    def _progress(history, steps):
        return (f"step {len(history.loss)}/{steps} — loss {_loss_text(history.loss[-1])}, "
                f"accuracy {history.accuracy[-1]:.0%}")

    @classmethod
    def _done(cls, history, steps):
        """The last step's line, and the result: the network as the last update left it."""
        line = "Done: " + cls._progress(history, steps)
        if history.loss_after is None:
            return line
        return (line + f"; after its update: loss {_loss_text(history.loss_after)}, "
                f"accuracy {history.accuracy_after:.0%}")

    # ---- showing -----------------------------------------------------------------------------

    def _set_status(self, line, advice=None, kind=None):
        """The status line, and under it `advice` (if any) in a box coloured by its kind."""
        self.advice_text = _sentence(advice) if advice else None
        self.advice_kind = kind if advice else None
        self.status_text = line + (f"\n{self.advice_text}" if advice else "")
        parts = [f'<div class="micrograd-status-line" style="font-size:1.2em;color:#222222">'
                 f'{html.escape(line)}</div>']
        if advice:
            colour, background, sign = self.BOX_COLOURS[kind]
            problem, _, rest = self.advice_text.partition(": ")
            parts.append(
                f'<div class="micrograd-advice micrograd-advice-{kind}" role="alert" '
                f'style="margin:6px 0 2px;padding:8px 12px;border:2px solid {colour};'
                f'border-left-width:8px;border-radius:4px;background:{background};'
                f'color:{colour};font-size:1.1em;line-height:1.4">'
                f'{sign} <b>{html.escape(problem)}</b>: {html.escape(rest)}</div>')
        self.status.value = "".join(parts)

    def _redraw(self, history, model, message=None):
        self.plot.value = self._draw(history, model, message)

    def _draw(self, history, model, message=None):
        """Two panels as PNG bytes: the loss so far, and the decision boundary (or the data)."""
        fig = plots.offscreen_figure(figsize=(12, 4.8))
        with mpl.rc_context(plots.PROJECTOR_STYLE):
            loss_ax, right_ax = fig.subplots(1, 2)
            # the loss of each step, and once training is done, the loss after its last update
            losses = history.loss_curve if history is not None else []
            if losses:
                plots.plot_loss(losses, ax=loss_ax)
            else:  # no loss yet: the frame and its labels, and what to do, without empty ticks
                loss_ax.set_title("Loss at each step")
                loss_ax.set_xlabel("training step")
                loss_ax.set_ylabel("loss")
                loss_ax.set_xticks([])
                loss_ax.set_yticks([])
                loss_ax.text(0.5, 0.5, message or "Press Train: the loss of\neach step "
                             "is drawn here", ha="center", va="center",
                             transform=loss_ax.transAxes, fontsize=15, color="#555555")
            if model is not None:
                plots.plot_decision_boundary(model, self.X, self.y, ax=right_ax, resolution=40,
                                             title="Decision boundary now", colorbar=False)
            else:
                plots.plot_dataset(self.X, self.y, ax=right_ax, title="The training data")
                if message:
                    right_ax.set_title("No boundary: training blew up", color="#b00020")
            fig.subplots_adjust(left=0.07, right=0.98, bottom=0.14, top=0.9, wspace=0.25)
        return plots.render_png(fig)

    def __repr__(self):
        return (f"TrainingPanel(learning rate {format_rate(self.learning_rate.value)}, "
                f"{counted(self.steps.value, 'step')}, hidden {self.hidden.value!r}, "
                f"{self.activation.value}, seed {self.seed.value})")


def _loss_text(loss):
    return f"{loss:.4f}" if loss < 1e4 else f"{loss:.3g}"


def _sentence(text):
    """'the loss went up ... 10' -> 'The loss went up ... 10.'"""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _check_panel_settings(X, y, learning_rate, steps, hidden, activation, seed, redraw_every,
                          panel):
    """Refuse settings the controls cannot show, instead of letting a control quietly clamp
    them; train()'s own checks first, so the panel says what train() would. Returns the hidden
    layer sizes as the text box shows them ([16, 16] -> "16, 16")."""
    check_data(X, y, "training_panel")
    check_learning_rate(learning_rate, "learning_rate")
    low, high = panel.LEARNING_RATES
    if not low <= learning_rate <= high:
        raise ValueError(f"training_panel: learning_rate={learning_rate!r} is off the slider, "
                         f"which goes from {format_rate(low)} to {format_rate(high)}")
    check_steps(steps)
    if steps > panel.MAX_STEPS:
        raise ValueError(f"training_panel: steps={steps!r} is off the slider, which goes from "
                         f"1 to {panel.MAX_STEPS}")
    if activation not in panel.ACTIVATIONS:
        raise ValueError(f"training_panel: activation={activation!r}; choose one of "
                         f"{', '.join(panel.ACTIVATIONS)}")
    if not is_whole_number(seed) or not 0 <= seed <= panel.MAX_SEED:
        raise ValueError(f"training_panel: seed={seed!r} must be a whole number from 0 to "
                         f"{panel.MAX_SEED}")
    if redraw_every is not None and (not is_whole_number(redraw_every) or redraw_every < 1):
        raise ValueError(f"training_panel: redraw_every={redraw_every!r} must be None (about "
                         "10 redraws a run) or a whole number of steps of at least 1")
    if isinstance(hidden, (list, tuple)):
        hidden = ", ".join(map(str, hidden))
    if not isinstance(hidden, str):
        raise TypeError(f"training_panel: hidden must be layer sizes such as \"16, 16\" or "
                        f"[16, 16], got {type(hidden).__name__}: {hidden!r}")
    _parse_hidden_sizes(hidden)  # raises with its own message
    return hidden


def training_panel(X, y, learning_rate=0.1, steps=100, hidden="16, 16", activation="tanh",
                   seed=0, redraw_every=None):
    """A panel to train an MLP on points X with labels y and watch the loss and the decision
    boundary change (see TrainingPanel). Nothing is trained until Train is pressed."""
    return TrainingPanel(X, y, learning_rate=learning_rate, steps=steps, hidden=hidden,
                         activation=activation, seed=seed, redraw_every=redraw_every)

