"""tf.Module: a named container whose variables and submodules are found through its attributes.

Nothing is registered when an attribute is set: ``variables``, ``submodules`` and friends
walk the object's ``__dict__`` each time they are read, in TF's order — attribute names
sorted, the leaves of each attribute (lists, tuples, dicts by sorted key) in order, every
object at most once, this module's own leaves before those of its submodules.

Keras 3 layers are not tf.Modules (in TF 2.21 too): a Module holding a Keras layer does
not list it or its weights.
"""
import functools
import re

from .scopes import name_scope

__all__ = ["Module"]

# TF's rule: a module name must look like a Python identifier.
_VALID_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _is_variable(obj):
    return getattr(obj, "_is_variable", False)


class Module:
    """Base class for objects that own variables, like TF's ``tf.Module``."""

    # Attributes the walk never looks into (TF's name for this set; subclasses extend it).
    _TF_MODULE_IGNORED_PROPERTIES = frozenset()

    def __init__(self, name=None):
        if name is None:
            name = _snake_case(type(self).__name__)
        elif not _VALID_NAME.match(name):
            raise ValueError(f"{name!r} is not a valid module name. Module names must be valid Python "
                             "identifiers (e.g. a valid class name).")
        self._name = name
        # The scope is fixed where the module is made ("outer/mod/" inside name_scope("outer"));
        # its full string ends in "/", so re-entering it later lands in the same place.
        with name_scope(name) as scope_name:
            self._name_scope = name_scope(scope_name)

    @property
    def name(self):
        return self._name

    @property
    def name_scope(self):
        return self._name_scope

    @property
    def variables(self):
        return tuple(self._flatten(predicate=_is_variable))

    @property
    def trainable_variables(self):
        return tuple(self._flatten(predicate=lambda v: _is_variable(v) and v.trainable))

    @property
    def non_trainable_variables(self):
        return tuple(self._flatten(predicate=lambda v: _is_variable(v) and not v.trainable))

    @property
    def submodules(self):
        return tuple(self._flatten(predicate=lambda m: isinstance(m, Module)))

    def _flatten(self, recursive=True, predicate=None):
        """Every object reachable from this module's attributes for which ``predicate`` holds."""
        predicate = predicate or (lambda _: True)
        return _walk(self, recursive, predicate, seen={id(self)}, in_progress=set())

    @classmethod
    def with_name_scope(cls, method):
        """Decorator: run ``method`` inside its module's name scope."""
        @functools.wraps(method)
        def in_name_scope(self, *args, **kwargs):
            with self.name_scope:
                return method(self, *args, **kwargs)
        return in_name_scope


def _walk(module, recursive, predicate, seen, in_progress):
    in_progress.add(id(module))
    found_modules = []
    attributes = vars(module)
    ignored = module._TF_MODULE_IGNORED_PROPERTIES
    for key in sorted(attributes):
        if key in ignored:
            continue
        for leaf in _leaves(attributes[key]):
            if id(leaf) in seen:
                continue
            seen.add(id(leaf))
            if predicate(leaf):
                yield leaf
            if recursive and isinstance(leaf, Module) and id(leaf) not in in_progress:
                found_modules.append(leaf)
    for submodule in found_modules:
        yield from _walk(submodule, recursive, predicate, seen, in_progress)
    in_progress.discard(id(module))


def _leaves(value):
    """The objects in an attribute value, looking inside lists, tuples and dicts."""
    if isinstance(value, (list, tuple)):
        for item in value:
            yield from _leaves(item)
    elif isinstance(value, dict):
        try:
            keys = sorted(value)
        except TypeError:  # keys of mixed types: still one fixed order
            keys = sorted(value, key=repr)
        for key in keys:
            yield from _leaves(value[key])
    else:
        yield value


def _snake_case(class_name):
    """"CamelCaseHTTPModule" -> "camel_case_http_module": TF's default module name."""
    words = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", class_name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", words).lower()
