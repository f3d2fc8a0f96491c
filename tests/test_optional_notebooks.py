"""A notebook that needs an optional package (09_pytorch needs torch) is skipped, with the
reason, where the package is missing: by the test command (its plugin
course_tools/optional_notebooks.py) and by the build (course_tools/build.py). Here torch is
hidden, whether it is installed or not."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "09_pytorch.ipynb"
HIDE_TORCH = "import sys; sys.modules['torch'] = None; "  # find_spec('torch') is None now


def run(code):
    """Run Python code in a new process in which torch cannot be imported."""
    return subprocess.run([sys.executable, "-c", HIDE_TORCH + code], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def test_the_pytorch_notebook_says_it_needs_torch():
    import json

    metadata = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["metadata"]
    assert metadata["course"]["needs"] == "torch"
    first = "".join(json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"][0]["source"])
    assert "pip install torch" in first


def test_the_test_command_skips_it_with_the_reason():
    result = run("import pytest; sys.exit(pytest.main(['-q', '-rs', '-p', 'no:cacheprovider', "
                 f"{str(NOTEBOOK)!r}, '--nbval', '--nbval-current-env', "
                 "'-p', 'course_tools.optional_notebooks']))")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "09_pytorch.ipynb needs torch, which is not installed (pip install torch" in (
        result.stdout), result.stdout[-2000:]
    assert " passed" not in result.stdout and " skipped" in result.stdout


def test_the_build_skips_it_with_the_reason(monkeypatch, capsys):
    from course_tools import build
    built = []
    monkeypatch.setattr(build, "build", built.append)  # record, never execute
    monkeypatch.setattr(build, "edited_since_built", lambda source: False)
    monkeypatch.setitem(sys.modules, "torch", None)
    assert build.main(["08", "09"]) == 0
    assert [p.name for p in built] == ["08_why_is_it_slow.py"]
    assert "skipping 09_pytorch.ipynb: it needs torch" in capsys.readouterr().out
