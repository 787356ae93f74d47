"""tf.name_scope and tf.init_scope, as TensorFlow 2 behaves in eager execution.

Eager TF keeps the name scope as a plain string ("outer/inner/"): it is what
``with tf.name_scope(...) as scope`` hands back and what new ``tf.Variable`` names (and
``tf.Module`` scopes) are prefixed with. Unlike graph mode, eager TF neither checks the
name's characters nor makes a reused name unique ("x/" twice stays "x/"), so neither does
leantf: the body of a leantf ``tf.function`` runs eagerly too (see function.py).
"""
import contextlib

__all__ = ["name_scope", "init_scope", "current_name_scope"]

# The scope strings entered and not yet left, innermost last; "" is the root.
_SCOPES = [""]


def current_name_scope():
    """The prefix new names get now: "" at the root, else "outer/inner/"."""
    return _SCOPES[-1]


class name_scope:
    """``with tf.name_scope("block") as scope:`` -> scope == "block/" (nested: "outer/block/").

    A name ending in "/" is taken as a complete scope (how TF re-enters a scope it handed
    out earlier, e.g. a ``tf.Module``'s own), and "" goes back to the root. The same object
    may be entered again, even inside itself ("n/n/"), as in TF.
    """
    __slots__ = ("_name",)

    def __init__(self, name):
        if not isinstance(name, str):
            raise ValueError("name for name_scope must be a string.")
        self._name = name

    @property
    def name(self):
        return self._name

    def __enter__(self):
        name = self._name
        if not name or name.endswith("/"):
            scope = name
        else:
            scope = f"{_SCOPES[-1]}{name}/"
        _SCOPES.append(scope)
        return scope

    def __exit__(self, *exc_info):
        _SCOPES.pop()
        return False


@contextlib.contextmanager
def init_scope():
    """Code that must run once, outside any function being built (variable creation).

    In eager TF there is no graph to lift the code out of, so what remains is that every
    gradient tape stops recording inside it (the name scope is kept, as in TF).
    """
    # Imported here so that variables.py can import this module without a cycle through tape.
    from .tape import stop_recording_all
    with stop_recording_all():
        yield
