"""Keras's per-thread global state, which ``clear_session()`` throws away.

Keras keeps its session state (name counters, the custom-object scope, the safe-mode
flag, the global seed generator) in thread-local attributes; ``clear_session`` replaces the
whole store. Settings that survive ``clear_session`` (floatx, epsilon) live in
``keras.config`` instead. Other Keras modules keep their session state here too, under a
name of their own, so one ``clear_session`` resets everything.
"""
import threading

_state = threading.local()
_clear_hooks = []

__all__ = ["get_global_attribute", "set_global_attribute", "clear", "on_clear"]


def set_global_attribute(name, value):
    setattr(_state, name, value)


def get_global_attribute(name, default=None, set_to_default=False):
    value = getattr(_state, name, None)
    if value is None and default is not None:
        value = default
        if set_to_default:
            setattr(_state, name, value)
    return value


def on_clear(fn):
    """Register ``fn()`` to run on every ``clear_session`` (for state kept outside this store,
    such as the layer-name counts in ``keras.naming``). Returns ``fn`` so it can decorate."""
    _clear_hooks.append(fn)
    return fn


def clear():
    global _state
    _state = threading.local()
    for fn in _clear_hooks:
        fn()
