"""`leantf run SCRIPT [ARGS...]`: run an unmodified TensorFlow program on leantf.

The script runs as ``python SCRIPT ARGS...`` would run it -- ``__name__ == "__main__"``,
``sys.argv == [SCRIPT, *ARGS]``, its own directory first on ``sys.path`` -- except that
``tensorflow`` and ``keras`` imports are served by leantf (see aliases.py). Its exit status
is the command's; an uncaught exception prints a traceback that starts at the script, as
Python's would, without the frames of this runner.
"""
import os
import runpy
import sys
import traceback

from .aliases import TensorFlowAliases


def _from_script(tb, script):
    """Drop the runner's own frames (this module, runpy) from the front of a traceback."""
    start = tb
    while start is not None and start.tb_frame.f_code.co_filename != script:
        start = start.tb_next
    return start or tb  # the script's own frames are missing (e.g. a SyntaxError): keep all


def run_script(script, args=()):
    if not os.path.isfile(script):
        print(f"leantf run: can't open file {os.path.abspath(script)!r}: no such file", file=sys.stderr)
        return 2
    saved_argv, saved_path = sys.argv[:], sys.path[:]
    sys.argv = [script, *args]
    # Python puts the script's directory first on sys.path; do the same so its sibling
    # modules import.
    sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
    try:
        with TensorFlowAliases():
            runpy.run_path(script, run_name="__main__")
    except SystemExit:
        raise  # sys.exit(...) in the script: Python turns it into the exit status as usual
    except KeyboardInterrupt:
        traceback.print_exc()
        return 130  # what a shell reports for a process stopped by Ctrl-C
    except BaseException as exc:
        traceback.print_exception(type(exc), exc, _from_script(exc.__traceback__, script))
        return 1
    finally:
        sys.argv, sys.path[:] = saved_argv, saved_path
        sys.stdout.flush()
    return 0
