"""Serve `import tensorflow` and `import keras` from leantf, for the length of one `leantf run`.

A meta-path finder placed first on ``sys.meta_path`` answers for ``tensorflow``, ``keras``
and every dotted name under them: ``tensorflow.X`` is ``leantf.X`` and ``keras.X`` is
``leantf.keras.X`` -- the very same module objects, so ``tf.keras is keras`` holds as it
does in TensorFlow 2.21. Aliasing (rather than copying or re-executing modules) keeps one
set of layer classes, name counters and random state however a script spells its imports.

The finder is installed by :class:`TensorFlowAliases` on entry and removed on exit, together
with the ``sys.modules`` entries it made, so nothing leaks past the run.
"""
import importlib
import importlib.abc
import importlib.machinery
import sys
import types

# alias prefix -> leantf module it stands for
ALIASES = {"tensorflow": "leantf", "keras": "leantf.keras"}


def target_name(fullname):
    """The leantf module an aliased name stands for, or None when the name is not aliased."""
    for alias, target in ALIASES.items():
        if fullname == alias:
            return target
        if fullname.startswith(alias + "."):
            return target + fullname[len(alias):]
    return None


def resolve(target):
    """Import ``target``; failing that, accept a module held as an attribute of its parent
    (leantf loads some namespaces lazily through ``__getattr__``). None when neither works."""
    try:
        return importlib.import_module(target)
    except ModuleNotFoundError as exc:
        # Only swallow "this very module is missing"; a missing dependency inside it is a
        # real error the user must see.
        if exc.name is None or not (exc.name == target or target.startswith(exc.name + ".")):
            raise
    parent, _, child = target.rpartition(".")
    if not parent:
        return None
    holder = resolve(parent)
    value = getattr(holder, child, None) if holder is not None else None
    return value if isinstance(value, types.ModuleType) else None


class _AliasLoader(importlib.abc.Loader):
    """Hands the import system an already-imported leantf module instead of a new one."""

    def __init__(self, module):
        self.module = module
        self.real_spec = getattr(module, "__spec__", None)

    def create_module(self, spec):
        return self.module

    def exec_module(self, module):
        # The import system has just set module.__spec__ to the alias's spec; put leantf's
        # own back so importlib.reload and relative imports inside leantf keep working.
        module.__spec__ = self.real_spec


class _AliasFinder(importlib.abc.MetaPathFinder):
    def __init__(self):
        self.made = []  # names this finder put into sys.modules

    def find_spec(self, fullname, path=None, target=None):
        leantf_name = target_name(fullname)
        if leantf_name is None:
            return None
        module = resolve(leantf_name)
        if module is None:
            return None  # the import system then raises ModuleNotFoundError for `fullname`
        self.made.append(fullname)
        is_package = hasattr(module, "__path__")
        return importlib.machinery.ModuleSpec(fullname, _AliasLoader(module), is_package=is_package)


class TensorFlowAliases:
    """Context manager: inside it, `tensorflow` and `keras` imports resolve to leantf."""

    def __enter__(self):
        # A real TensorFlow/Keras imported earlier in this process would shadow the finder.
        self._saved = {name: mod for name, mod in sys.modules.items() if target_name(name) is not None}
        for name in self._saved:
            del sys.modules[name]
        self._finder = _AliasFinder()
        sys.meta_path.insert(0, self._finder)
        return self

    def __exit__(self, *exc_info):
        if self._finder in sys.meta_path:
            sys.meta_path.remove(self._finder)
        for name in list(sys.modules):
            if target_name(name) is not None:
                del sys.modules[name]
        sys.modules.update(self._saved)
        return False
