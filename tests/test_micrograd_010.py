"""Karpathy's micrograd 0.1.0 test suite, unchanged, run against our engine.

Its test/test_engine.py ships in the package's source distribution on PyPI. That archive has no
licence file, so the test is not copied into this repository: it is downloaded here with pip,
checked against a pinned SHA-256, cached, and imported as it is. Its own imports,
`from micrograd.engine import Value` and `import torch`, then find our engine and PyTorch.

Skipped, with the reason, when PyTorch is not installed (the test compares against it) or when
the archive cannot be downloaded. To run it offline, point MICROGRAD_010_SDIST at a copy of
micrograd-0.1.0.tar.gz.
"""

import hashlib
import importlib.util
import inspect
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import pytest

import micrograd.engine

SDIST = "micrograd-0.1.0.tar.gz"
SDIST_SHA256 = "81797b796bef809fb1ac3fd83a7e01e007aecb8d056fba07c0e24931e043845d"
MEMBER = "micrograd-0.1.0/test/test_engine.py"
THEIR_TESTS = ["test_sanity_check", "test_more_ops"]
ROOT = Path(__file__).resolve().parent.parent


def cache_dir(pytestconfig):
    cache = getattr(pytestconfig, "cache", None)  # absent under -p no:cacheprovider
    if cache is not None:
        return Path(cache.mkdir("micrograd-0.1.0"))
    path = Path(tempfile.gettempdir()) / "micrograd-course-tests" / "micrograd-0.1.0"
    path.mkdir(parents=True, exist_ok=True)
    return path


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch_sdist(folder):
    """The archive: from MICROGRAD_010_SDIST, the cache, or PyPI through pip."""
    if os.environ.get("MICROGRAD_010_SDIST"):
        return Path(os.environ["MICROGRAD_010_SDIST"])
    path = folder / SDIST
    if path.exists() and sha256(path) == SDIST_SHA256:
        return path
    cmd = [sys.executable, "-m", "pip", "download", "micrograd==0.1.0", "--no-deps",
           "--no-binary", ":all:", "--dest", str(folder), "--disable-pip-version-check",
           "--quiet"]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as e:
        pytest.skip(f"could not download {SDIST} with pip: {e}")
    if done.returncode != 0 or not path.exists():
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        pytest.skip(f"could not download {SDIST} with pip (exit {done.returncode}): {last}")
    return path


@pytest.fixture(scope="module")
def their_tests(pytestconfig):
    pytest.importorskip("torch", reason="micrograd 0.1.0's tests compare against PyTorch, "
                        "which is not installed (pip install torch to run them)")
    folder = cache_dir(pytestconfig)
    sdist = fetch_sdist(folder)
    digest = sha256(sdist)
    if digest != SDIST_SHA256:
        pytest.fail(f"{sdist} is not the micrograd 0.1.0 archive this test was written "
                    f"for: sha256 {digest}, expected {SDIST_SHA256}")
    with tarfile.open(sdist) as archive:
        source = archive.extractfile(MEMBER).read()
    test_file = folder / "test_engine_010.py"
    test_file.write_bytes(source)

    spec = importlib.util.spec_from_file_location("micrograd_010_test_engine", test_file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_our_engine_is_the_one_under_test(their_tests):
    assert their_tests.Value is micrograd.engine.Value
    assert Path(micrograd.engine.__file__).resolve().is_relative_to(ROOT)


def test_their_file_holds_exactly_the_tests_we_run(their_tests):
    names = [name for name, f in vars(their_tests).items()
             if name.startswith("test") and inspect.isfunction(f)]
    assert names == THEIR_TESTS


@pytest.mark.parametrize("name", THEIR_TESTS)
def test_micrograd_010(their_tests, name):
    getattr(their_tests, name)()
