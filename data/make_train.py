"""Write data/train.csv, the course's training set: 100 points on two moons, noise 0.1.

    python data/make_train.py           # (re)write data/train.csv
    python data/make_train.py --check   # confirm data/train.csv equals a fresh generation
    python data/make_train.py --out other.csv

The file is the same, byte for byte, on every run and every computer: a fixed seed, numbers
rounded to DECIMALS places (so a last-digit difference in a platform's cos or log cannot show
up), and '\\n' line endings.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script, this folder comes first on sys.path, not the repo
    sys.path.insert(0, str(REPO))

from micrograd.data import Dataset, default_train_path, make_moons, save_dataset  # noqa: E402

N_SAMPLES = 100
NOISE = 0.1
SEED = 1337
DECIMALS = 6


def build():
    """The training set as it is written to data/train.csv."""
    moons = make_moons(n_samples=N_SAMPLES, noise=NOISE, seed=SEED)
    X = [[round(v, DECIMALS) for v in x] for x in moons.X]
    return Dataset(X=X, y=moons.y, feature_names=moons.feature_names)


def generate_bytes():
    """The exact bytes of data/train.csv, made afresh (written to a temporary file and read)."""
    fd, tmp = tempfile.mkstemp(suffix=".csv")
    os.close(fd)
    try:
        save_dataset(build(), tmp)
        return Path(tmp).read_bytes()
    finally:
        os.unlink(tmp)


def check(path=None):
    """Whether the file at `path` (default: data/train.csv) equals a fresh generation."""
    path = Path(path) if path is not None else default_train_path()
    return path.is_file() and path.read_bytes() == generate_bytes()


def main(argv=None):
    parser = argparse.ArgumentParser(description="Write the course's training set, two moons.")
    parser.add_argument("--out", type=Path, default=default_train_path(),
                        help="where to write (default: data/train.csv in the repository)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if the file differs from a fresh generation")
    args = parser.parse_args(argv)
    if args.check:
        if check(args.out):
            print(f"{args.out}: matches a fresh generation (seed {SEED})")
            return 0
        state = "differs from" if args.out.is_file() else "is missing, so it cannot match"
        print(f"{args.out}: {state} a fresh generation (seed {SEED}); "
              "run `python data/make_train.py` to rewrite it", file=sys.stderr)
        return 1
    save_dataset(build(), args.out)
    print(f"wrote {args.out}: {N_SAMPLES} points, noise {NOISE}, seed {SEED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
