"""Small two-class data sets: make them, save them, and load them from CSV files.

    from micrograd.data import make_moons, load_dataset, default_train_path

    data = load_dataset(default_train_path())   # the course's 100 training points
    data.X[0], data.y[0]                        # ([x1, x2], -1.0 or 1.0)

Labels are always -1.0 or 1.0 here, to match a tanh output neuron, which lies between -1 and 1.
Every problem with a file raises `DataError`, naming the file, the line, and what to do.
"""

import csv
import difflib
import io
import math
import random
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from micrograd.checks import counted, is_real_number, is_whole_number

__all__ = ["DataError", "Dataset", "make_moons", "make_circles", "make_xor", "make_spiral",
           "DATASET_MAKERS", "load_dataset", "parse_dataset", "save_dataset",
           "default_train_path"]

LABEL_NAMES = ("y", "label")  # the names of the label column, if no label= is given
INDEX_NAMES = ("", "index", "unnamed: 0")  # header names of a row-number column (pandas: "")


class DataError(ValueError):
    """A data file that cannot be read as a data set; the message says where and why."""


@dataclass
class Dataset:
    """Points `X` (one list of floats per point), labels `y` (each -1.0 or 1.0), and names.

    `feature_names[i]` names the i-th number of every point; `path` is the file it came from,
    or None if it was made in memory.
    """

    X: list
    y: list
    feature_names: list = field(default_factory=lambda: ["x1", "x2"])
    path: str | None = None

    def __len__(self):
        return len(self.y)


def default_train_path():
    """Where the course's training set lives: data/train.csv in the repository.

    A wheel carries that folder inside the package, as micrograd/datasets/ (pyproject.toml maps
    it there), and importlib.resources finds it wherever pip put the package. In a checkout,
    whether installed editable or not installed at all, data/ is the folder beside micrograd/.
    """
    installed = resources.files("micrograd") / "datasets" / "train.csv"
    if installed.is_file():
        return Path(installed)  # a file on disk: pip installs packages unzipped
    return Path(__file__).resolve().parent.parent / "data" / "train.csv"


# ---- making data -----------------------------------------------------------------------------

def make_moons(n_samples=100, noise=0.1, seed=0):
    """Two interleaving half circles in the plane, with labels -1.0 and 1.0, shuffled.

    The outer moon, label -1.0, is the top half of the unit circle: (cos t, sin t).
    The inner moon, label 1.0, is the same arc turned over and moved: (1 - cos t, 0.5 - sin t).
    t runs evenly over [0, pi]; the outer moon gets n_samples // 2 points, the inner moon the
    rest. Each coordinate then moves by Gaussian noise with standard deviation `noise`.

    The same `seed` gives the same points on every computer: only this function's own
    `random.Random(seed)` is used, through its `random()` method.
    """
    rng = _checked_rng("make_moons", n_samples, noise, seed)
    n_outer = n_samples // 2
    n_inner = n_samples - n_outer
    points = []
    for i in range(n_outer):
        t = math.pi * _fraction(i, n_outer)
        points.append(([math.cos(t), math.sin(t)], -1.0))
    for i in range(n_inner):
        t = math.pi * _fraction(i, n_inner)
        points.append(([1.0 - math.cos(t), 0.5 - math.sin(t)], 1.0))
    return _noisy_shuffled(points, noise, rng)


def make_circles(n_samples=100, noise=0.1, seed=0):
    """A disc inside a ring: label 1.0 for points spread evenly over the disc of radius 0.5,
    -1.0 for points at radius 0.9 to 1.3, at random angles, the two classes taking turns; then
    Gaussian noise of standard deviation `noise` on each coordinate, shuffled. No straight line
    separates them: the boundary must close around the disc."""
    rng = _checked_rng("make_circles", n_samples, noise, seed)
    points = []
    for i in range(n_samples):
        inner = i % 2 == 0
        # sqrt: as many points per unit of area near the centre as near the disc's edge
        radius = 0.5 * math.sqrt(rng.random()) if inner else 0.9 + 0.4 * rng.random()
        t = 2 * math.pi * rng.random()
        points.append(([radius * math.cos(t), radius * math.sin(t)], 1.0 if inner else -1.0))
    return _noisy_shuffled(points, noise, rng)


def make_xor(n_samples=100, noise=0.1, seed=0):
    """Four squares: a point in the quadrant where x1 and x2 have the same sign is 1.0, else
    -1.0 (exclusive or), uniform in [-1, 1]² away from the axes by 0.1, then noise, shuffled.
    One straight line cannot do it; two hidden neurons can."""
    rng = _checked_rng("make_xor", n_samples, noise, seed)

    def coordinate():  # 0.1 to 1 from the axis, on a random side of it
        return math.copysign(0.1 + 0.9 * rng.random(), rng.random() - 0.5)
    points = []
    for _ in range(n_samples):
        x1, x2 = coordinate(), coordinate()
        points.append(([x1, x2], 1.0 if x1 * x2 > 0 else -1.0))
    return _noisy_shuffled(points, noise, rng)


def make_spiral(n_samples=100, noise=0.1, seed=0):
    """Two spiral arms wound one and a half turns round the origin, one per class (1.0 and
    -1.0), radius growing from 0.1 to 1, then noise, shuffled: the hardest of the four."""
    rng = _checked_rng("make_spiral", n_samples, noise, seed)
    points = []
    n_one = n_samples - n_samples // 2
    for i in range(n_samples):
        label, k = (1.0, i) if i < n_one else (-1.0, i - n_one)
        f = _fraction(k, n_one if label == 1.0 else n_samples - n_one)
        radius, t = 0.1 + 0.9 * f, 3 * math.pi * f + (0.0 if label == 1.0 else math.pi)
        points.append(([radius * math.cos(t), radius * math.sin(t)], label))
    return _noisy_shuffled(points, noise, rng)


# the training panel's data sets, by the name its menu shows
DATASET_MAKERS = {"moons": make_moons, "circles": make_circles, "xor": make_xor,
                  "spiral": make_spiral}


def _checked_rng(who, n_samples, noise, seed):
    if not is_whole_number(n_samples) or n_samples < 2:
        raise ValueError(f"{who}: n_samples must be a whole number of at least 2 (a point of "
                         f"each class), got {n_samples!r}")
    if not is_real_number(noise) or not noise >= 0:
        raise ValueError(f"{who}: noise is a standard deviation, a number of 0 or more, "
                         f"got {noise!r}")
    return random.Random(seed)


def _noisy_shuffled(points, noise, rng):
    for x, _ in points:
        x[0] += noise * _normal(rng)
        x[1] += noise * _normal(rng)
    for i in range(len(points) - 1, 0, -1):  # Fisher-Yates, with rng.random() only
        j = int(rng.random() * (i + 1))
        points[i], points[j] = points[j], points[i]
    return Dataset(X=[x for x, _ in points], y=[label for _, label in points],
                   feature_names=["x1", "x2"], path=None)


def _fraction(i, n):
    """i / (n - 1): n evenly spaced numbers from 0 to 1 (just 0 when n is 1)."""
    return i / (n - 1) if n > 1 else 0.0


def _normal(rng):
    """One draw from the standard normal distribution (Box-Muller), from two rng.random()."""
    u1, u2 = rng.random(), rng.random()
    return math.sqrt(-2.0 * math.log(1.0 - u1)) * math.cos(2.0 * math.pi * u2)  # 1 - u1 > 0


# ---- saving ----------------------------------------------------------------------------------

def save_dataset(dataset, path):
    """Write `dataset` as CSV: a header `x1,x2,...,y`, then one point per line.

    Floats are written with repr(), which reads back as exactly the same float, so saving and
    loading gives back the same numbers. Labels are written as -1 and 1; lines end in '\\n' on
    every operating system.
    """
    names = list(dataset.feature_names)
    if "y" in names:
        raise ValueError("save_dataset: a feature is named 'y', but 'y' is the label column's "
                         "name in the saved file; rename that feature")
    rows = []
    for i, (x, label) in enumerate(zip(dataset.X, dataset.y)):
        if len(x) != len(names):
            raise ValueError(f"save_dataset: point {i} has {counted(len(x), 'number')}, but "
                             f"the data set names {counted(len(names), 'feature')} "
                             f"({', '.join(names)})")
        if label not in (-1, 1):
            raise ValueError(f"save_dataset: label {i} is {label!r}; labels must be -1 or 1")
        rows.append([repr(float(v)) for v in x] + ["1" if label == 1 else "-1"])
    if len(dataset.X) != len(dataset.y):
        raise ValueError(f"save_dataset: the data set has {counted(len(dataset.X), 'point')} "
                         f"but {counted(len(dataset.y), 'label')}; they must match one to one")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names + ["y"])
    writer.writerows(rows)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buffer.getvalue())


# ---- loading ---------------------------------------------------------------------------------

def load_dataset(path, label=None):
    """Read a two-class data set from a CSV file.

    The file may
      * start with a header naming the columns (a first line that is not all numbers), or not;
      * have a row-number column first: a header name that is empty (as pandas writes it) or
        `index`, or, without a header, a first column counting 0, 1, 2, ... (or 1, 2, 3, ...).
        That column is skipped; it is not a feature.
    The label column is the one named `label=`, if given; else the column named `y`, else the
    one named `label`. A header without either name is refused (a typo such as `yy` would
    otherwise make some other column the label): pass label= the name of the column that holds
    the classes. A file without a header has nothing to name, so its last column is the label.
    Labels must be -1 and 1, or 0 and 1 (0 becomes -1.0). Every other column is a feature and
    must hold numbers.
    """
    name = str(path)
    return parse_dataset(_read_text(Path(path), name), name, label)


def parse_dataset(text, name="the CSV text", label=None):
    """A data set from the text of a CSV file, read as load_dataset reads a file; `name` is what
    its errors call it (the training panel passes the name of the file a student chose)."""
    rows = _parse_rows(text, name)  # [(line number, [cells])], blank lines left out
    if not rows:
        raise DataError(f"{name}: the file is empty; expected CSV lines such as\n"
                        "x1,x2,y\n0.5,-0.25,1")
    if label is not None and not isinstance(label, str):
        raise DataError(f"{name}: label= must be a column name (a str), "
                        f"got {type(label).__name__}: {label!r}")

    first_line, first = rows[0]
    separator = next((sep for sep in (";", "\t") if len(first) == 1 and sep in first[0]), None)
    if separator is not None:
        raise DataError(f"{name}, line {first_line}: the values are separated by "
                        f"{'semicolons' if separator == ';' else 'tabs'}, not commas; save the "
                        "file as comma-separated CSV")
    has_header = not all(_is_number(cell) for cell in first)
    if has_header:
        names = [cell.strip() for cell in first]
        body = rows[1:]
        _check_names(names, name, first_line)
        index_col = 0 if names[0].lower() in INDEX_NAMES and len(names) > 2 else None
    else:
        if label is not None:
            raise DataError(f"{name}: label={label!r} was given, but the file has no header "
                            "line naming its columns; leave label= out, and the last column "
                            "is used as the label")
        body = rows
        counts = len(first) > 2 and _counts_rows([cells[0] for _, cells in body])
        index_col = 0 if counts else None
        n_features = len(first) - 1 - (index_col is not None)
        names = (["index"] if index_col is not None else []) + \
            [f"x{i + 1}" for i in range(n_features)] + ["label"]
    if not body:
        raise DataError(f"{name}, line {first_line}: the file has a header "
                        f"({', '.join(names)}) but no data lines below it")

    label_col = _label_column(names, label, index_col, name, first_line, has_header)
    feature_cols = [i for i in range(len(names)) if i not in (label_col, index_col)]
    if not feature_cols:
        raise DataError(f"{name}, line {first_line}: there is no feature column, only "
                        f"the label{' and the row numbers' if index_col is not None else ''}; "
                        "a data set needs at least one column of numbers besides the label")

    where_names = "the header" if has_header else f"line {first_line}"
    X, raw_labels, seen = [], [], {}
    for line, cells in body:
        if len(cells) != len(names):
            _ragged(name, line, cells, names, where_names)
        X.append([_number(cells[i], names[i], name, line) for i in feature_cols])
        value = _label(cells[label_col], names[label_col], name, line)
        seen.setdefault(value, line)
        if -1.0 in seen and 0.0 in seen:  # -1 and 0 would both become class -1
            earlier = " and ".join(f"{v:g}" for v in sorted(seen) if v != value)
            raise DataError(f"{name}, line {line}: label column '{names[label_col]}' is "
                            f"{value:g}, but earlier lines use {earlier}; the labels must be "
                            "-1 and 1, or 0 and 1, not a mix of both")
        raw_labels.append(value)
    y = [-1.0 if v == 0.0 else v for v in raw_labels]
    return Dataset(X=X, y=y, feature_names=[names[i] for i in feature_cols], path=name)


def _read_text(path, name):
    if not path.exists():
        hint = ("; run `python data/make_train.py` to create it"
                if path.resolve() == default_train_path().resolve() else
                f"; check the spelling and the folder (the current folder is {Path.cwd()})")
        raise DataError(f"{name}: there is no such file{hint}")
    if path.is_dir():
        raise DataError(f"{name}: this is a folder, not a file; give the path of a .csv file "
                        "inside it")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise DataError(f"{name}: the file cannot be read ({e.strerror or e})") from None
    try:
        return data.decode("utf-8-sig")  # -sig: drops the byte-order mark some editors write
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise DataError(f"{name}, line {line}: this is not UTF-8 text (byte "
                        f"{data[e.start:e.start + 1]!r}); save the file as UTF-8 CSV") from None


def _parse_rows(text, name):
    """The file's lines split into cells, each with its line number; blank lines dropped."""
    reader = csv.reader(io.StringIO(text, newline=""))  # newline="": \n, \r\n and \r all work
    rows, end = [], 0
    try:
        for cells in reader:
            start, end = end + 1, reader.line_num  # a quoted value may run over several lines
            if end > start and any("\n" in cell or "\r" in cell for cell in cells):
                raise DataError(f"{name}, line {start}: a quote mark opens a value that runs on "
                                f"to line {end}; check line {start} for a stray quote mark")
            if any(cell.strip() for cell in cells):
                rows.append((start, cells))
    except csv.Error as e:
        raise DataError(f"{name}, line {reader.line_num}: this line is not valid CSV ({e}); "
                        "check it for stray quote marks") from None
    return rows


def _check_names(names, name, line):
    for i, n in enumerate(names):
        if not n and i > 0:
            raise DataError(f"{name}, line {line}: column {i + 1} of the header has no name; "
                            "every column but a first row-number column needs one")
        if n and names.index(n) != i:
            raise DataError(f"{name}, line {line}: the header names two columns '{n}'; "
                            "each column needs its own name")


def _counts_rows(cells):
    """Whether a headerless file's first column is a row number: 0, 1, 2, ... or 1, 2, 3, ...

    Only from three lines on: in a file of one or two points, a first value of 0 or 1 is as
    likely a feature as a row number.
    """
    try:
        values = [float(cell) for cell in cells]
    except ValueError:
        return False
    if len(values) < 3:
        return False
    start = values[0]
    return start in (0.0, 1.0) and values == [start + i for i in range(len(values))]


def _label_column(names, label, index_col, name, line, has_header):
    if label is not None:
        if label not in names:
            raise DataError(f"{name}, line {line}: label={label!r}, but there is no column of "
                            f"that name; the header names {_listing(names)}")
        col = names.index(label)
    elif not has_header:
        col = len(names) - 1
    else:
        defaults = [n for n in LABEL_NAMES if n in names]
        if not defaults:
            _no_label_column(names, index_col, name, line)
        col = names.index(defaults[0])
    if col == index_col:
        raise DataError(f"{name}, line {line}: the label column cannot be the first, row-number "
                        "column; pass label= the name of the column that holds the classes")
    return col


def _no_label_column(names, index_col, name, line):
    """Refuse a header with no column named y or label, suggesting the column most likely meant:
    one whose name is close to y or label (a typo, another case), else the last."""
    candidates = [n for i, n in enumerate(names) if i != index_col]
    close = [n for n in candidates
             if difflib.get_close_matches(n.lower(), LABEL_NAMES, n=1, cutoff=0.6)]
    guess = (close or candidates)[-1]
    raise DataError(f"{name}, line {line}: no column is named "
                    f"{' or '.join(map(repr, LABEL_NAMES))}, so which one holds the classes is "
                    f"not clear; the header names {_listing(names)}. If {guess!r} holds them, "
                    f"rename it y, or pass label={guess!r} (on the command line: "
                    f"--label {guess})")


def _listing(names):
    return ", ".join(repr(n) for n in names)


def _ragged(name, line, cells, names, where_names):
    given, expected = len(cells), len(names)
    if given < expected:
        missing = names[given:]
        what = (f"column '{missing[0]}' is missing" if len(missing) == 1 else
                f"columns {_listing(missing)} are missing")
        raise DataError(f"{name}, line {line}: {counted(given, 'value')}, but {where_names} "
                        f"has {counted(expected, 'column')} ({_listing(names)}); {what}. Every "
                        "line needs one value per column")
    raise DataError(f"{name}, line {line}: {counted(given, 'value')}, but {where_names} has "
                    f"{counted(expected, 'column')} ({_listing(names)}); remove the extra value "
                    "or check for a stray comma")


def _is_number(cell):
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _number(cell, column, name, line):
    text = cell.strip()
    try:
        value = float(text)
    except ValueError:
        if not text:
            raise DataError(f"{name}, line {line}: column '{column}' is empty; every "
                            "feature needs a number") from None
        raise DataError(f"{name}, line {line}: column '{column}' is {text!r}, which is not "
                        "a number") from None
    if not math.isfinite(value):
        raise DataError(f"{name}, line {line}: column '{column}' is {text!r}; features must "
                        "be finite numbers (no nan or inf)")
    return value


def _label(cell, column, name, line):
    text = cell.strip()
    try:
        value = float(text)
    except ValueError:
        value = None
    if value not in (-1.0, 0.0, 1.0):
        raise DataError(f"{name}, line {line}: label column '{column}' is {text!r}, but a "
                        "label must be -1 or 1 (or 0 or 1, where 0 becomes -1)")
    return value
