"""tf.autograph: the parts that mean something when tf.function bodies run eagerly.

AutoGraph rewrites Python control flow into graph ops while TF traces a function; leantf's
tf.function runs its body as plain Python (see framework/function.py), so there is
nothing to convert and these calls only keep programs that use them running.
"""
import types

__all__ = ["experimental", "set_verbosity"]

_VERBOSITY = [0]


def do_not_convert(func=None):
    """Decorator keeping AutoGraph away from ``func``: the function itself, unconverted."""
    if func is None:
        return do_not_convert
    return func


def set_loop_options(parallel_iterations=None, swap_memory=None, maximum_iterations=None,
                     shape_invariants=None):
    """Options for the graph loop a traced ``for``/``while`` becomes: nothing to set in eager."""


def set_verbosity(level, alsologtostdout=False):
    _VERBOSITY[0] = level  # AutoGraph's conversion log level: leantf converts nothing to log


experimental = types.SimpleNamespace(do_not_convert=do_not_convert, set_loop_options=set_loop_options)
