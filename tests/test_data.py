"""Tests for micrograd.data: making moons, data/train.csv, and loading CSV files of every kind."""

import importlib.util
import math
import subprocess
import sys
from pathlib import Path

import pytest

from micrograd.data import (
    DATASET_MAKERS,
    DataError,
    Dataset,
    default_train_path,
    load_dataset,
    make_circles,
    make_moons,
    make_spiral,
    make_xor,
    parse_dataset,
    save_dataset,
)

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "data" / "make_train.py"
REFERENCE = REPO.parent / "shared" / "reference-data"  # CI puts the shared folder beside the clone
needs_reference = pytest.mark.skipif(
    not REFERENCE.is_dir(), reason=f"reference data not found at {REFERENCE}")


def load_script():
    spec = importlib.util.spec_from_file_location("make_train", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write(tmp_path, text, name="bad.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


# ---- make_moons ------------------------------------------------------------------------------

def test_make_moons_is_deterministic():
    a, b = make_moons(seed=3), make_moons(seed=3)
    assert a.X == b.X and a.y == b.y
    assert make_moons(seed=4).X != a.X


def test_make_moons_shape_and_balance():
    data = make_moons(n_samples=100, noise=0.1, seed=0)
    assert len(data) == 100 and len(data.X) == 100
    assert all(len(x) == 2 and all(isinstance(v, float) for v in x) for x in data.X)
    assert data.y.count(-1.0) == 50 and data.y.count(1.0) == 50
    assert data.feature_names == ["x1", "x2"] and data.path is None
    odd = make_moons(n_samples=7, seed=0)
    assert odd.y.count(-1.0) == 3 and odd.y.count(1.0) == 4  # the inner moon takes the extra


def test_make_moons_geometry_outer_is_minus_one():
    data = make_moons(n_samples=20, noise=0.0, seed=0)
    for (x1, x2), label in zip(data.X, data.y):
        if label == -1.0:  # the outer moon: the top half of the unit circle
            assert math.isclose(math.hypot(x1, x2), 1.0) and x2 >= -1e-12
        else:  # the inner moon: centred on (1, 0.5), the bottom half
            assert math.isclose(math.hypot(x1 - 1.0, x2 - 0.5), 1.0) and x2 <= 0.5 + 1e-12
    assert data.y != sorted(data.y)  # shuffled


@pytest.mark.parametrize("kwargs", [{"n_samples": 1}, {"n_samples": 2.5}, {"noise": -0.1}])
def test_make_moons_rejects_bad_arguments(kwargs):
    with pytest.raises(ValueError):
        make_moons(**kwargs)


# ---- data/train.csv --------------------------------------------------------------------------

def test_train_csv_is_reproduced_byte_for_byte(tmp_path):
    script = load_script()
    assert default_train_path().read_bytes() == script.generate_bytes()
    out = tmp_path / "train.csv"
    assert script.main(["--out", str(out)]) == 0
    assert out.read_bytes() == default_train_path().read_bytes()


def test_make_train_check_command():
    done = subprocess.run([sys.executable, str(SCRIPT), "--check"], cwd=REPO,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_make_train_check_fails_on_a_changed_file(tmp_path):
    script = load_script()
    changed = write(tmp_path, default_train_path().read_text().replace("\n", "\r\n"))
    assert not script.check(changed)
    assert script.main(["--check", "--out", str(changed)]) == 1


def test_in_a_checkout_the_training_set_is_data_train_csv():
    """Installed or not, a checkout's micrograd reads the data/ beside it (a wheel's reads its
    own micrograd/datasets/: tests/test_wheel.py)."""
    assert default_train_path() == SCRIPT.parent / "train.csv"


def test_train_csv_loads():
    data = load_dataset(default_train_path())
    assert len(data) == 100 and data.feature_names == ["x1", "x2"]
    assert sorted(set(data.y)) == [-1.0, 1.0] and data.y.count(1.0) == 50
    assert default_train_path().read_text().startswith("x1,x2,y\n")


# ---- the Java port's files -------------------------------------------------------------------

@needs_reference
def test_java_port_train_headerless_with_index():
    path = REFERENCE / "java-port-train.csv"
    text = path.read_text()
    lines = [line for line in text.splitlines() if line.strip()]
    data = load_dataset(path)
    assert len(data) == len(lines) == 100  # the last line has no newline, but counts
    assert data.feature_names == ["x1", "x2"]  # the row index is not a feature
    first = lines[0].split(",")
    assert data.X[0] == [float(first[1]), float(first[2])] and data.y[0] == float(first[3])
    assert set(data.y) == {-1.0, 1.0}


@needs_reference
def test_java_port_road_accident_pandas_index_and_01_labels():
    path = REFERENCE / "java-port-road-accident.csv"
    data = load_dataset(path, label="survived")
    assert len(data) == 200
    assert data.feature_names == ["age", "gender", "speed_of_impact", "helmet_used",
                                  "seatbelt_used"]
    assert all(len(x) == 5 for x in data.X)
    assert set(data.y) == {-1.0, 1.0}  # 0 became -1
    assert data.X[0] == [56.0, 0.0, 27.0, 0.0, 0.0] and data.y[0] == 1.0  # line 2: 0,56,0,27...


@needs_reference
def test_java_port_road_accident_without_label_says_which_column_to_name():
    """No column is named y or label: the loader does not guess (gender, a 0/1 feature, would
    have been taken as the label had it been last); it names the header and suggests survived."""
    path = REFERENCE / "java-port-road-accident.csv"
    with pytest.raises(DataError) as caught:
        load_dataset(path)
    message = str(caught.value)
    assert message.startswith(f"{path}, line 1: no column is named 'y' or 'label'")
    assert "'', 'age', 'gender', 'speed_of_impact', 'helmet_used', 'seatbelt_used', " \
        "'survived'" in message
    assert "label='survived'" in message and "--label survived" in message


@needs_reference
def test_java_port_predictions_are_not_a_data_set():
    """The port's outputs, one float a line: a file someone may well pass by mistake."""
    path = REFERENCE / "java-port-predictions.txt"
    with pytest.raises(DataError, match="there is no feature column, only the label") as caught:
        load_dataset(path)
    assert str(caught.value).startswith(f"{path}, line 1: ")


# ---- small files of each kind ----------------------------------------------------------------

def test_blank_lines_crlf_and_bom(tmp_path):
    path = write(tmp_path, "\ufeffx1,x2,y\r\n0.5,1.5,1\r\n\r\n-2,3e-2,-1\r\n\r\n\r\n", "ok.csv")
    data = load_dataset(path)
    assert data.X == [[0.5, 1.5], [-2.0, 0.03]] and data.y == [1.0, -1.0]
    assert data.feature_names == ["x1", "x2"] and data.path == str(path)


def test_label_column_choice(tmp_path):
    path = write(tmp_path, "a,label,b\n1,0,2\n3,1,4\n", "ok.csv")
    data = load_dataset(path)
    assert data.feature_names == ["a", "b"] and data.y == [-1.0, 1.0]
    with pytest.raises(DataError, match="line 2: label column 'b' is '2'"):
        load_dataset(path, label="b")  # b is a feature, not two classes


@pytest.mark.parametrize("header, guess", [
    ("x1,x2,yy", "yy"),        # a typo of y: not taken silently as the last column
    ("x1,x2,Y", "Y"),          # another case
    ("lable,x1,x2", "lable"),  # a typo of label, first: the guess is the name, not the last column
    ("x1,x2,cls", "cls"),      # nothing like y or label: the last column is suggested
])
def test_a_header_without_y_or_label_is_refused(tmp_path, header, guess):
    names = header.split(",")
    rows = [",".join("1" if n == guess else "0.5" for n in names),
            ",".join("-1" if n == guess else "2" for n in names)]
    path = write(tmp_path, "\n".join([header, *rows]) + "\n")
    with pytest.raises(DataError) as caught:
        load_dataset(path)
    names = ", ".join(repr(n) for n in names)
    assert str(caught.value) == (
        f"{path}, line 1: no column is named 'y' or 'label', so which one holds the classes is "
        f"not clear; the header names {names}. If {guess!r} holds them, rename it y, or pass "
        f"label={guess!r} (on the command line: --label {guess})")
    assert load_dataset(path, label=guess).y == [1.0, -1.0]  # named, it loads


def test_explicit_label_overrides_y(tmp_path):
    path = write(tmp_path, "y,x,cls\n5,1,1\n6,2,-1\n", "ok.csv")
    data = load_dataset(path, label="cls")
    assert data.feature_names == ["y", "x"] and data.X == [[5.0, 1.0], [6.0, 2.0]]
    assert data.y == [1.0, -1.0]


def test_headerless_without_index(tmp_path):
    data = load_dataset(write(tmp_path, "0.5,2.0,1\n0.25,7.0,-1", "ok.csv"))
    assert data.X == [[0.5, 2.0], [0.25, 7.0]] and data.feature_names == ["x1", "x2"]


def test_headerless_first_column_is_a_row_number_only_from_three_lines_on(tmp_path):
    one = load_dataset(write(tmp_path, "1,2,1\n", "one.csv"))  # x1 = 1, not row number 1
    assert one.X == [[1.0, 2.0]] and one.feature_names == ["x1", "x2"]
    two = load_dataset(write(tmp_path, "0,0.5,1\n1,0.2,-1\n", "two.csv"))
    assert two.X == [[0.0, 0.5], [1.0, 0.2]]
    three = load_dataset(write(tmp_path, "0,0.5,1\n1,0.2,-1\n2,0.1,1\n", "three.csv"))
    assert three.X == [[0.5], [0.2], [0.1]] and three.feature_names == ["x1"]


def test_round_trip_is_exact(tmp_path):
    original = make_moons(n_samples=31, noise=0.3, seed=11)
    original.X[0][0] = 0.1 + 0.2  # 0.30000000000000004
    original.X[1][1] = -1e-300
    path = tmp_path / "sub" / "moons.csv"
    save_dataset(original, path)
    back = load_dataset(path)
    assert back.X == original.X and back.y == original.y
    assert back.feature_names == original.feature_names
    assert b"\r" not in path.read_bytes()
    named = Dataset(X=[[1.0, 2.0, 3.0]], y=[-1.0], feature_names=["age", "speed", "mass"])
    save_dataset(named, path)
    assert path.read_text() == "age,speed,mass,y\n1.0,2.0,3.0,-1\n"
    assert load_dataset(path).feature_names == ["age", "speed", "mass"]


def test_save_rejects_bad_datasets(tmp_path):
    with pytest.raises(ValueError, match="label 0 is 0"):
        save_dataset(Dataset(X=[[1.0, 2.0]], y=[0]), tmp_path / "a.csv")
    with pytest.raises(ValueError, match=r"point 0 has 1 number, but the data set names 2 "
                       r"features \(x1, x2\)"):
        save_dataset(Dataset(X=[[1.0]], y=[1.0]), tmp_path / "a.csv")
    with pytest.raises(ValueError, match="the data set has 1 point but 2 labels"):
        save_dataset(Dataset(X=[[1.0]], y=[1.0, -1.0], feature_names=["x1"]), tmp_path / "a.csv")


# ---- malformed files: DataError naming the file and the line ---------------------------------

MALFORMED = [
    # (file text, label=, line number or None, words the message must contain)
    ("x1,x2,y\n1,2,1\n3,4\n", None, 3, "column 'y' is missing"),
    ("x1,x2,y\n1,2,1\n3,4,1,5\n", None, 3, "4 values"),
    ("x1,x2,y\n1,2,1\n3\n", None, 3, "1 value, but the header has 3 columns"),
    ("x1,x2,y\n1,2,1\n\n3,4,-1\n5,abc,1\n", None, 5, "column 'x2' is 'abc', which is not a number"),
    ("x1,x2,y\n1,,1\n", None, 2, "column 'x2' is empty"),
    ("x1,x2,y\n1,nan,1\n", None, 2, "finite"),
    ("x1,x2,y\n1,2,1\n1,2,2\n", None, 3, "label column 'y' is '2'"),
    ("x1,x2,y\n1,2,1\n1,2,yes\n", None, 3, "'yes'"),
    ("x1,x2,y\n1,2,1\n1,2,-1\n1,2,0\n", None, 4, "not a mix"),
    ("x1,x2,y\n1,2,-1\n1,2,0\n1,2,1\n", None, 3, "earlier lines use -1; the labels must"),
    ("x1,x2,y\n", None, 1, "no data lines"),
    ("x1;x2;y\n1.5;2;1\n", None, 1, "separated by semicolons, not commas"),
    ("x1\tx2\ty\n1.5\t2\t1\n", None, 1, "separated by tabs, not commas"),
    ("x1,x2,y\n1,\"2,1\n3,4,-1\n", None, 2, "runs on to line 3; check line 2 for a stray quote"),
    ("x1,x2,y\n1,2,1\n", "cls", 1, "label='cls'"),
    ("0.5,2,1\n0.1,2,-1\n", "y", None, "no header"),
    ("x1,,y\n1,2,1\n", None, 1, "no name"),
    ("x1,x1,y\n1,2,1\n", None, 1, "two columns 'x1'"),
    ("y\n1\n", None, 1, "no feature column"),
    ("\n\n1,2,1\n3,4\n", None, 4, "column 'label' is missing"),
    ("x1,x2,y\n1,2,1\n1,\"" + "9" * 200_000 + "\",1\n", None, 3, "not valid CSV"),
    (b"x1,x2,y\n1,2,1\n1,\xff,1\n", None, 3, "UTF-8"),
]


@pytest.mark.parametrize("text, label, line, words", MALFORMED)
def test_malformed_file(tmp_path, text, label, line, words):
    path = write(tmp_path, text)
    with pytest.raises(DataError) as caught:
        load_dataset(path, label=label)
    message = str(caught.value)
    where = f"{path}, line {line}:" if line is not None else f"{path}:"
    assert message.startswith(where), message
    assert words in message, message
    error = caught.value  # no traceback from inside csv or float() chained to it
    assert error.__cause__ is None and (error.__context__ is None or error.__suppress_context__)


@pytest.mark.parametrize("text", ["", "\n\n  \n", "\ufeff", "\r\n"])
def test_empty_file(tmp_path, text):
    path = write(tmp_path, text)
    with pytest.raises(DataError, match="the file is empty") as caught:
        load_dataset(path)
    assert str(caught.value).startswith(f"{path}: ")


def test_missing_file_and_folder(tmp_path):
    missing = tmp_path / "nope.csv"
    with pytest.raises(DataError, match="no such file") as caught:
        load_dataset(missing)
    assert str(missing) in str(caught.value)
    with pytest.raises(DataError, match="folder, not a file") as caught:
        load_dataset(tmp_path)
    assert str(tmp_path) in str(caught.value)


def test_data_error_is_a_value_error():
    assert issubclass(DataError, ValueError)


# ---- the other made data sets ----------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(DATASET_MAKERS))
def test_each_made_data_set_is_two_balanced_classes_the_same_for_a_seed(name):
    make = DATASET_MAKERS[name]
    data = make(n_samples=60, noise=0.1, seed=2)
    assert len(data.X) == 60 and all(len(x) == 2 for x in data.X)
    assert set(data.y) == {1.0, -1.0} and 15 <= sum(v == 1.0 for v in data.y) <= 45
    assert make(n_samples=60, noise=0.1, seed=2).X == data.X
    assert make(n_samples=60, noise=0.1, seed=3).X != data.X
    with pytest.raises(ValueError, match=f"make_{name}: n_samples must be a whole number"):
        make(n_samples=1)
    with pytest.raises(ValueError, match=f"make_{name}: noise is a standard deviation"):
        make(noise=-0.1)


def test_the_made_data_sets_have_their_shapes_without_noise():
    circles = make_circles(n_samples=40, noise=0.0, seed=0)
    for x, label in zip(circles.X, circles.y):  # a disc inside a ring
        radius = (x[0] ** 2 + x[1] ** 2) ** 0.5
        assert (radius <= 0.5) if label == 1.0 else (0.9 <= radius <= 1.3)
    xor = make_xor(n_samples=40, noise=0.0, seed=0)
    assert all((x[0] * x[1] > 0) == (label == 1.0) for x, label in zip(xor.X, xor.y))
    spiral = make_spiral(n_samples=40, noise=0.0, seed=0)
    assert all(0.09 <= (x[0] ** 2 + x[1] ** 2) ** 0.5 <= 1.01 for x in spiral.X)


def test_parse_dataset_reads_text_as_load_dataset_reads_a_file(tmp_path):
    text = "x1,x2,y\n0.5,-0.25,1\n1.0,2.0,0\n"
    path = tmp_path / "points.csv"
    path.write_text(text)
    assert parse_dataset(text, str(path)) == load_dataset(path)
    with pytest.raises(DataError, match="chosen.csv, line 1: the values are separated by"):
        parse_dataset("a;b;y\n1;2;1\n", "chosen.csv")
