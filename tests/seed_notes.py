"""Where the tests find the study notes leantf was built from.

The notes live in the workspace's shared/seed/ folder; a copy is committed under
tests/fixtures/seed/ so that a checkout on its own (CI) still runs every block of them. The
workspace copy is preferred, so that a change to the notes shows up in the tests.
"""
from pathlib import Path

NAME = "000_4a9b57f6650148d5.txt"
_WORKSPACE = Path(__file__).resolve().parents[2] / "shared" / "seed" / NAME
_COMMITTED = Path(__file__).resolve().parent / "fixtures" / "seed" / NAME

SEED_PATH = _WORKSPACE if _WORKSPACE.exists() else _COMMITTED
