"""`python -m leantf` and the `leantf` console script; the commands live in leantf/cli/."""
import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
