"""The command line: train a network on a CSV file and write its predictions.

    python -m micrograd train data/train.csv --steps 100 --lr 0.1 --out predictions.csv
    micrograd train --help

Any problem (a bad option, a missing or malformed file, training that diverges) is reported as
one line, `micrograd: error: ...`, with exit status 2.
"""

import argparse
import math
import os
import random
import sys
import time
from pathlib import Path

from micrograd.checks import counted
from micrograd.data import DataError, load_dataset
from micrograd.nn import classifier
from micrograd.train import LOSSES, TrainingDiverged, evaluate, predict, train, write_predictions

PROG = "micrograd"
EXIT_ERROR = 2
ACTIVATIONS = ("tanh", "relu", "sigmoid")  # for a classifier: "linear" would learn no curve


class UsageError(Exception):
    """A bad command line; argparse's message, reported as one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse would print the whole usage, then exit
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def build_parser():
    parser = _Parser(prog=PROG, description="Train a tiny neural network, built from scalar "
                     "Values, on a two-class CSV data set.",
                     epilog="`python -m micrograd ...` works the same as `micrograd ...`.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    p = commands.add_parser(
        "train", help="train an MLP on a CSV file and write its predictions",
        description="Train an MLP by gradient descent on the points of a CSV file (a header "
        "such as x1,x2,y; labels -1 and 1, or 0 and 1), then print the final loss and "
        "accuracy and, with --out, write the network's output for every point.")
    p.add_argument("data", metavar="DATA.csv", help="the training data, a CSV file")
    p.add_argument("--hidden", type=_positive_int, nargs="+", default=[16, 16], metavar="N",
                   help="the sizes of the hidden layers; an output layer of 1 neuron is added "
                   "(default: 16 16)")
    p.add_argument("--steps", type=_positive_int, default=100,
                   help="how many steps of gradient descent, each on all the points "
                   "(default: %(default)s)")
    p.add_argument("--lr", type=_positive_float, default=0.1,
                   help="the learning rate: each step moves a parameter by lr times its gradient "
                   "(default: %(default)s)")
    p.add_argument("--loss", choices=sorted(LOSSES), default="mse",
                   help="mse: mean of (output - y)^2; max-margin: mean of relu(1 - y * output) "
                   "(default: %(default)s)")
    p.add_argument("--alpha", type=_non_negative_float, default=0.0,
                   help="L2 regularization: alpha * (sum of the squared parameters) is added "
                   "to the loss; Karpathy's demo uses 1e-4 (default: %(default)s)")
    p.add_argument("--activation", choices=ACTIVATIONS, default="tanh",
                   help="the activation of every neuron; with relu or sigmoid, whose outputs "
                   "are never negative, the output neuron has none (it is linear) "
                   "(default: %(default)s)")
    p.add_argument("--seed", type=int, default=42,
                   help="the seed for the random starting weights: the same seed, the same run "
                   "(default: %(default)s)")
    p.add_argument("--label", default=None,
                   help="the name of the label column (default: the column named y, else "
                   "the one named label; a header with neither is refused; a file without "
                   "a header: its last column)")
    p.add_argument("--out", metavar="PREDICTIONS.csv", default=None,
                   help="write one line per point: its features, y, the network's output, "
                   "and the predicted class (-1 or 1); default: write nothing")
    p.add_argument("--quiet", action="store_true",
                   help="do not show the progress bar")
    return parser


def main(argv=None):
    """Run the command line with `argv` (default: sys.argv[1:]); return the exit status."""
    try:
        args = build_parser().parse_args(argv)
        return run_train(args)
    except SystemExit as e:  # --help prints its text, then exits with status 0
        return e.code if isinstance(e.code, int) else EXIT_ERROR
    except (UsageError, DataError, TrainingDiverged, ValueError, OSError) as e:
        print(f"{PROG}: error: {_one_line(e)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(f"{PROG}: error: interrupted", file=sys.stderr)
        return 130


def run_train(args):
    out = Path(args.out) if args.out else None
    if out is not None:
        _check_writable(out, Path(args.data))  # before training, not after a minute of it
    data = load_dataset(args.data, label=args.label)
    if len(set(data.y)) == 1:
        which = "the only point is" if len(data) == 1 else f"all {len(data)} points are"
        raise DataError(f"{args.data}: {which} in class {data.y[0]:g}; a classifier needs "
                        "points of both classes (is the label column right? see --label)")
    model = classifier(len(data.X[0]), args.hidden, args.activation, rng=random.Random(args.seed))
    progress = False
    if not args.quiet:
        from tqdm import tqdm

        progress = tqdm(total=args.steps, desc="training", unit="step", file=sys.stderr)
    start = time.perf_counter()
    try:
        history = train(model, data.X, data.y, steps=args.steps, learning_rate=args.lr,
                        loss=args.loss, alpha=args.alpha, progress=progress)
    finally:
        if progress:
            progress.close()
    seconds = time.perf_counter() - start
    loss, acc = evaluate(model, data.X, data.y, loss=args.loss, alpha=args.alpha)
    print(f"trained {model} for {counted(args.steps, 'step')} in {seconds:.1f} s")
    print(f"final loss: {loss:.4f}")
    print(f"final accuracy: {acc:.2%} ({round(acc * len(data))} of "
          f"{counted(len(data), 'point')})")
    if history.advice():
        print(f"note: {history.advice()}")
    if out is not None:
        write_predictions(out, data, predict(model, data.X))
        print(f"wrote {counted(len(data), 'prediction')} to {out}")
    return 0


def _check_writable(out, data_path):
    if out.is_dir():
        raise ValueError(f"--out {out}: this is a folder; give a file name such as "
                         "predictions.csv")
    folder = out.parent
    if not folder.is_dir():
        raise ValueError(f"--out {out}: the folder {folder} does not exist; create it first, "
                         "or give another path")
    if out.exists() and not os.access(out, os.W_OK):
        raise ValueError(f"--out {out}: you may not write that file; give another file name")
    if not os.access(folder, os.W_OK):
        raise ValueError(f"--out {out}: you may not write in {folder}; give a path in a "
                         "folder of your own")
    if data_path.exists() and out.exists() and out.resolve() == data_path.resolve():
        raise ValueError(f"--out {out} is the training data itself; writing the predictions "
                         "there would overwrite it, so give another file name")


def _one_line(error):
    return " | ".join(line.strip() for line in str(error).splitlines() if line.strip())


def _positive_int(text):
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    return n


def _positive_float(text):
    x = _float(text)
    if not x > 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be above 0, such as 0.1")
    return x


def _non_negative_float(text):
    x = _float(text)
    if x < 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be 0 or more, such as 1e-4")
    return x


def _float(text):
    try:
        x = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(x):
        raise argparse.ArgumentTypeError(f"{text!r} must be a finite number")
    return x
