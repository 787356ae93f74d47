"""Run the `leantf` command in a child process, as a user's shell would."""
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def child_env(**extra):
    env = dict(os.environ)
    # The source tree first, so the child runs this checkout whether or not it is installed.
    env["PYTHONPATH"] = os.pathsep.join([str(REPO)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    env.update(extra)
    return env


def leantf(*args, cwd=None, timeout=120, **env):
    return subprocess.run([sys.executable, "-m", "leantf", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=child_env(**env), timeout=timeout)
