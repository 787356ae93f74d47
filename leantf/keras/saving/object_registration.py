"""User-registered objects: ``register_keras_serializable``, custom-object scopes.

These are the only names, besides Keras's own built-ins (see ``serialization``), that a
config may refer to. Registration is something the *program* does (a decorator run at
import, a dict passed by the caller); nothing read from a file can add to these tables.
"""
import inspect

from ..utils import global_state

__all__ = ["CustomObjectScope", "custom_object_scope", "get_custom_objects", "register_keras_serializable",
           "get_registered_name", "get_registered_object", "GLOBAL_CUSTOM_OBJECTS", "GLOBAL_CUSTOM_NAMES"]

# "package>Name" -> object, and object -> "package>Name". Live dicts: Keras documents
# `get_custom_objects()` as returning a mutable reference, and clear_session keeps them.
GLOBAL_CUSTOM_OBJECTS = {}
GLOBAL_CUSTOM_NAMES = {}

_SCOPE_KEY = "custom_objects_scope_dict"


class CustomObjectScope:
    """``with custom_object_scope({"name": obj}):`` makes ``obj`` resolvable by name inside
    the block (for ``deserialize_keras_object``, ``load_model`` ...).

    As in Keras, the inner scope replaces (does not extend) an enclosing one.
    """

    def __init__(self, custom_objects):
        self.custom_objects = custom_objects or {}
        self.backup = None

    def __enter__(self):
        self.backup = dict(global_state.get_global_attribute(_SCOPE_KEY, {}))
        global_state.set_global_attribute(_SCOPE_KEY, dict(self.custom_objects))
        return self

    def __exit__(self, *exc_info):
        global_state.set_global_attribute(_SCOPE_KEY, dict(self.backup))


custom_object_scope = CustomObjectScope


def scope_objects():
    """The custom objects of the innermost active ``custom_object_scope`` (a dict)."""
    return global_state.get_global_attribute(_SCOPE_KEY, {})


def get_custom_objects():
    """The live global dict of registered objects (``"package>Name" -> object``)."""
    return GLOBAL_CUSTOM_OBJECTS


def register_keras_serializable(package="Custom", name=None):
    """Decorator registering a class or function under ``"package>name"`` so configs that
    name it can be deserialized without passing ``custom_objects``."""

    def decorator(arg):
        class_name = name if name is not None else arg.__name__
        registered_name = f"{package}>{class_name}"
        if inspect.isclass(arg) and not hasattr(arg, "get_config"):
            raise ValueError("Cannot register a class that does not have a get_config() method.")
        GLOBAL_CUSTOM_OBJECTS[registered_name] = arg
        GLOBAL_CUSTOM_NAMES[arg] = registered_name
        return arg

    return decorator


def get_registered_name(obj):
    """``"package>Name"`` for a registered object, else its plain ``__name__``."""
    try:
        if obj in GLOBAL_CUSTOM_NAMES:
            return GLOBAL_CUSTOM_NAMES[obj]
    except TypeError:  # unhashable objects are never registered
        pass
    return obj.__name__


def get_registered_object(name, custom_objects=None, module_objects=None):
    """Look ``name`` up in the active scope, the registry, then the two dicts given
    (Keras's order); ``None`` when it is in none of them."""
    scoped = scope_objects()
    if name in scoped:
        return scoped[name]
    if name in GLOBAL_CUSTOM_OBJECTS:
        return GLOBAL_CUSTOM_OBJECTS[name]
    if custom_objects and name in custom_objects:
        return custom_objects[name]
    if module_objects and name in module_objects:
        return module_objects[name]
    return None
