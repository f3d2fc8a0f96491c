"""The command line, `python -m micrograd train ...`: options, output file, and one-line errors."""

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from micrograd.cli import main
from micrograd.data import default_train_path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "reference-data"  # CI puts the shared folder beside the clone
needs_reference = pytest.mark.skipif(
    not REFERENCE.is_dir(), reason=f"reference data not found at {REFERENCE}")
OPTIONS = ["--hidden", "--steps", "--lr", "--loss", "--alpha", "--activation", "--seed",
           "--label", "--out", "--quiet"]

TINY = "x1,x2,y\n2,1,1\n1,2,1\n-1,-2,-1\n-2,-1,-1\n"  # four points a line can separate


@pytest.fixture
def tiny(tmp_path):
    path = tmp_path / "tiny.csv"
    path.write_text(TINY)
    return path


def quick(path, *extra):
    """A fast run: a small network, few steps, no progress bar."""
    return ["train", str(path), "--hidden", "4", "--steps", "20", "--quiet", *extra]


def one_line_error(capsys):
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("micrograd: error: ")
    return lines[0]


def run_module(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "micrograd", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=600, **kwargs)


# ---- help ------------------------------------------------------------------------------------

def test_help_explains_every_option(capsys):
    assert main(["train", "--help"]) == 0
    out = capsys.readouterr().out
    for option in OPTIONS:
        assert option in out
    assert "(default: 100)" in out and "(default: 0.1)" in out and "(default: 16 16)" in out


def test_module_help():
    result = run_module("--help")
    assert result.returncode == 0
    assert "usage: micrograd" in result.stdout and "train" in result.stdout


# ---- training --------------------------------------------------------------------------------

def test_train_writes_predictions(tiny, tmp_path, capsys):
    out = tmp_path / "predictions.csv"
    assert main(quick(tiny, "--out", str(out))) == 0
    printed = capsys.readouterr().out
    assert "final loss: " in printed
    assert "final accuracy: 100.00% (4 of 4 points)" in printed
    rows = list(csv.reader(out.open(newline="")))
    assert rows[0] == ["x1", "x2", "y", "output", "predicted"]
    assert len(rows) == 5
    for *_, y, output, predicted in rows[1:]:
        assert predicted == ("1" if float(output) > 0 else "-1")
        assert predicted == y


@pytest.mark.parametrize("extra", [
    ["--loss", "max-margin", "--alpha", "1e-4", "--activation", "relu", "--lr", "0.05"],
    ["--activation", "sigmoid", "--lr", "0.5", "--seed", "3", "--hidden", "3", "3"],
])
def test_other_options(tiny, capsys, extra):
    assert main(quick(tiny, *extra)) == 0
    assert "final accuracy: " in capsys.readouterr().out


def test_label_column(tmp_path, capsys):
    path = tmp_path / "named.csv"
    path.write_text(TINY.replace("x1,x2,y", "x1,x2,cls"))
    assert main(quick(path, "--label", "cls")) == 0
    assert main(quick(path, "--label", "nope")) == 2
    assert "'nope'" in one_line_error(capsys)


def test_a_header_without_y_or_label_is_refused_until_label_names_the_column(tmp_path, capsys):
    """A typo in the header (yy for y) is not trained on silently: the command refuses, as
    load_dataset does, naming the header it found and the names it looks for."""
    path = tmp_path / "typo.csv"
    path.write_text(TINY.replace("x1,x2,y", "x1,x2,yy"))
    assert main(quick(path)) == 2
    line = one_line_error(capsys)
    assert "typo.csv, line 1: no column is named 'y' or 'label'" in line
    assert "the header names 'x1', 'x2', 'yy'" in line and "--label yy" in line
    assert main(quick(path, "--label", "yy")) == 0
    assert "final accuracy: 100.00% (4 of 4 points)" in capsys.readouterr().out


def test_counts_agree_with_their_nouns(tiny, tmp_path, capsys):
    assert main(quick(tiny, "--steps", "1")) == 0
    assert " for 1 step in " in capsys.readouterr().out
    one = tmp_path / "one.csv"
    one.write_text("x1,x2,y\n2,1,1\n")
    assert main(quick(one)) == 2
    assert "one.csv: the only point is in class 1; a classifier needs points of both" in \
        one_line_error(capsys)


@needs_reference
def test_the_java_port_s_files_train_as_they_are(tmp_path, capsys):
    """Files nobody here wrote: the port's headerless index,x1,x2,label training set trains
    without options; the pandas-written road-accident set needs --label survived, and says so."""
    assert main(quick(REFERENCE / "java-port-train.csv")) == 0
    assert "final accuracy: " in capsys.readouterr().out
    accidents = REFERENCE / "java-port-road-accident.csv"
    assert main(quick(accidents)) == 2
    assert "If 'survived' holds them" in one_line_error(capsys)
    out = tmp_path / "predictions.csv"
    assert main(quick(accidents, "--label", "survived", "--steps", "2", "--out", str(out))) == 0
    assert "of 200 points)" in capsys.readouterr().out
    header = out.read_text().splitlines()[0]
    assert header == "age,gender,speed_of_impact,helmet_used,seatbelt_used,y,output,predicted"


def test_the_same_seed_gives_the_same_run(tiny, tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    main(quick(tiny, "--seed", "7", "--out", str(a)))
    main(quick(tiny, "--seed", "7", "--out", str(b)))
    assert a.read_text() == b.read_text()


def test_progress_bar_goes_to_stderr(tiny):
    result = run_module("train", str(tiny), "--hidden", "4", "--steps", "5")
    assert result.returncode == 0
    assert "training" in result.stderr and "5/5" in result.stderr
    assert "final accuracy" in result.stdout and "5/5" not in result.stdout


def test_default_settings_fit_the_course_data(tmp_path):
    """The command the course shows: 100% on data/train.csv (slow: about 30 seconds)."""
    out = tmp_path / "predictions.csv"
    result = run_module("train", str(default_train_path()), "--hidden", "16", "16",
                        "--steps", "100", "--lr", "0.1", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "final accuracy: 100.00% (100 of 100 points)" in result.stdout
    rows = out.read_text().splitlines()
    assert rows[0] == "x1,x2,y,output,predicted"
    assert len(rows) == 101


# ---- errors: one line on stderr, exit status 2 -----------------------------------------------

@pytest.mark.parametrize("argv, message", [
    ([], "required: COMMAND"),
    (["fit"], "invalid choice: 'fit'"),
    (["train"], "required: DATA.csv"),
    (["train", "{tiny}", "--steps", "0"], "argument --steps: '0' must be at least 1"),
    (["train", "{tiny}", "--steps", "ten"], "'ten' is not a whole number"),
    (["train", "{tiny}", "--lr", "nan"], "argument --lr: 'nan' must be a finite number"),
    (["train", "{tiny}", "--lr", "-1"], "'-1' must be above 0"),
    (["train", "{tiny}", "--alpha", "-1"], "'-1' must be 0 or more"),
    (["train", "{tiny}", "--loss", "hinge"], "invalid choice: 'hinge'"),
    (["train", "{tiny}", "--hidden"], "expected at least one argument"),
    (["train", "{tiny}", "--bogus"], "unrecognized arguments: --bogus"),
])
def test_bad_arguments(argv, message, tiny, capsys):
    assert main([a.replace("{tiny}", str(tiny)) for a in argv]) == 2
    assert message in one_line_error(capsys)


@pytest.mark.parametrize("content, message", [
    (None, "no such file"),
    ("", "the file is empty"),
    ("x1,x2,y\n1,2\n", "line 2"),
    ("x1,x2,y\n1,2,5\n", "label"),
    ("x1,x2,y\n1,2,1\n3,4,1\n", "all 2 points are in class 1; a classifier needs points of both"),
    ("x1,x2,y\n1,2,0\n3,4,0\n", "all 2 points are in class -1"),
])
def test_bad_files(content, message, tmp_path, capsys):
    path = tmp_path / "data.csv"
    if content is not None:
        path.write_text(content)
    assert main(quick(path)) == 2
    line = one_line_error(capsys)
    assert message in line and "data.csv" in line


def test_divergence_is_one_line(tiny, capsys):
    argv = quick(tiny, "--activation", "relu", "--lr", "1e6", "--steps", "100")
    assert main(argv) == 2
    assert "try a smaller learning rate" in one_line_error(capsys)


def test_a_loss_that_grows_without_bound_is_one_line(tiny, capsys):
    argv = quick(tiny, "--activation", "sigmoid", "--lr", "100", "--steps", "50")
    assert main(argv) == 2
    line = one_line_error(capsys)
    assert "over a million times" in line and "try a smaller learning rate" in line
    assert len(line) < 300  # no number with a hundred digits


def test_bad_output_paths_fail_before_training(tiny, tmp_path, capsys):
    assert main(quick(tiny, "--out", str(tmp_path / "missing" / "p.csv"))) == 2
    assert "does not exist" in one_line_error(capsys)
    assert main(quick(tiny, "--out", str(tiny))) == 2
    assert "overwrite" in one_line_error(capsys)
    assert main(quick(tiny, "--out", str(tmp_path))) == 2
    assert "folder" in one_line_error(capsys)


def test_an_output_path_without_write_permission_fails_before_training(tiny, tmp_path, capsys,
                                                                      monkeypatch):
    import micrograd.cli

    monkeypatch.setattr(micrograd.cli.os, "access", lambda path, mode: False)  # as if read-only
    assert main(quick(tiny, "--out", str(tmp_path / "p.csv"))) == 2
    assert f"may not write in {tmp_path}" in one_line_error(capsys)
    (tmp_path / "p.csv").write_text("keep me")
    assert main(quick(tiny, "--out", str(tmp_path / "p.csv"))) == 2
    assert "may not write that file" in one_line_error(capsys)
    assert (tmp_path / "p.csv").read_text() == "keep me"


def test_module_error_has_no_traceback(tmp_path):
    result = run_module("train", str(tmp_path / "missing.csv"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_console_script_exit_status(tmp_path):
    script = Path(sys.executable).parent / ("micrograd.exe" if os.name == "nt" else "micrograd")
    if not script.exists():
        pytest.skip("the `micrograd` console script is not installed in this environment")
    result = subprocess.run([str(script), "train", str(tmp_path / "missing.csv")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.startswith("micrograd: error: ")
