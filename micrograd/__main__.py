"""`python -m micrograd ...` runs the command line; see micrograd/cli.py."""

import sys

from micrograd.cli import main

if __name__ == "__main__":
    sys.exit(main())
