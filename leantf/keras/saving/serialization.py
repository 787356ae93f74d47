"""Keras 3 config (de)serialization, resolving names from an allowlist only.

A serialized object is ``{"module", "class_name", "config", "registered_name"}`` (plus
``build_config`` / ``compile_config`` / ``shared_object_id``), as Keras 3 writes it.

**Security (data is never code).** Keras resolves ``module`` + ``class_name`` through its
public-API table and, for ``keras.*`` modules, ``importlib``; several CVEs came from that
path (see shared/reference/security.md). Here a name from a config is looked up only in

1. objects the *program* registered: ``custom_objects``, ``custom_object_scope`` and
   ``@register_keras_serializable`` (``saving.object_registration``), and
2. the built-in table below, filled by Keras modules at import with ``register_builtin``.

Nothing from a config is ever imported, ``getattr``-ed or evaluated. The one import done
on a config's behalf loads one of *our own* Keras modules, chosen from a fixed table
(``_LOADERS``) by the config's module string, so that e.g. ``keras.layers`` has registered
its classes before they are looked up. Non-modeling APIs (``load_model``, ``get_file``,
``enable_unsafe_deserialization`` ...) are never registered, so a config cannot reach them
and cannot switch safe mode off. ``__lambda__`` (marshalled bytecode) is refused unless the
caller turned safe mode off.

**Registering built-ins (for the authors of layers, losses, metrics, optimizers ...).**
Call, at import of your module::

    from ..saving.serialization import register_builtin
    register_builtin("keras.layers", Dense)                   # public name keras.layers.Dense
    register_builtin("keras.losses", mean_squared_error)      # a function
    register_builtin("keras.losses", mean_squared_error, "mse")   # an alias (see below)
    register_builtin("keras.src.models.functional", Functional, public=False)

and give Layer, Loss, Metric and Optimizer ``saving.keras_saveable.KerasSaveable`` as a base.
A namespace's ``get("mse")`` / ``deserialize`` resolves short names through its own table:
``deserialize_keras_object(config, module_objects=ALL_OBJECTS_DICT)``, as Keras does.

The *first* registration of an object is its canonical name, as the first name of a Keras
``keras_export`` list is (``keras.Sequential`` before ``keras.models.Sequential``,
``keras.initializers.GlorotUniform`` before ``...glorot_uniform``): it is how the object
is serialized and the name a config resolves. Later registrations are aliases, which
resolve only to ``KerasSaveable`` subclasses (layers, models, losses, metrics,
optimizers), exactly the names Keras finds through its module import; an alias of
anything else gets Keras's "not a KerasSaveable subclass" error (so a config naming
``keras.losses.mse`` fails, as in Keras 3.15). ``public=False`` is for
classes Keras serializes by their source module with ``registered_name`` = class name
(``Functional``). A module named in a config must map to our module in ``_LOADERS`` (add
an entry when you create a new namespace).
"""
import importlib
import inspect
import types
import warnings

import numpy as np

from ...framework import dtypes as _dtypes
from ...framework.symbolic import SymbolicTensor
from ...framework.tensor import Tensor, convert_to_tensor
from ...framework.tensor_shape import TensorShape
from ...framework.variables import VARIABLE_TYPES
from ..utils import global_state
from . import object_registration
from .keras_saveable import KerasSaveable

__all__ = ["register_builtin", "serialize_keras_object", "deserialize_keras_object", "SafeModeScope",
           "in_safe_mode", "enable_unsafe_deserialization", "ObjectSharingScope", "serialize_dict",
           "serialize_with_public_class", "serialize_with_public_fn", "builtin_name", "lookup_builtin",
           "BUILTIN_MODULES", "NON_MODELING_APIS", "namespace_functions"]

PLAIN_TYPES = (str, int, float, bool)

# Where Keras looks up a bare function name serialized with module "builtins".
BUILTIN_MODULES = ("activations", "constraints", "initializers", "losses", "metrics", "optimizers",
                   "regularizers")

# Keras's denylist, kept so that a config naming one of these gets Keras's error text
# (they could not resolve anyway: none is ever registered).
NON_MODELING_APIS = frozenset({
    "keras.backend.clear_session", "keras.config.enable_unsafe_deserialization",
    "keras.models.load_model", "keras.models.model_from_json", "keras.models.save_model",
    "keras.preprocessing.image_dataset_from_directory", "keras.preprocessing.image.load_img",
    "keras.preprocessing.image.save_img", "keras.preprocessing.text_dataset_from_directory",
    "keras.saving.deserialize_keras_object", "keras.saving.load_model", "keras.saving.load_weights",
    "keras.saving.register_keras_serializable", "keras.saving.save_model", "keras.saving.save_weights",
    "keras.saving.serialize_keras_object", "keras.utils.audio_dataset_from_directory",
    "keras.utils.clear_session", "keras.utils.deserialize_keras_object", "keras.utils.get_file",
    "keras.utils.image_dataset_from_directory", "keras.utils.load_img",
    "keras.utils.register_keras_serializable", "keras.utils.save_img", "keras.utils.serialize_keras_object",
    "keras.utils.text_dataset_from_directory",
})

# Keras module string -> our submodules (of leantf.keras) that register its names. The
# longest matching prefix wins. This table, not the config, decides what gets imported.
_LOADERS = {
    # keras.Sequential, keras.Layer, keras.Initializer, keras.Loss ... all live at top level
    "keras": ("models", "layers", "initializers", "regularizers", "losses", "metrics", "optimizers"),
    "keras.layers": ("layers",), "keras.models": ("models",), "keras.losses": ("losses",),
    "keras.metrics": ("metrics",), "keras.optimizers": ("optimizers",), "keras.callbacks": ("callbacks",),
    "keras.initializers": ("initializers",), "keras.regularizers": ("regularizers",),
    "keras.constraints": ("constraints",), "keras.activations": ("activations",),
    "keras.dtype_policies": ("mixed_precision", "layers"), "keras.mixed_precision": ("mixed_precision",),
    "keras.src.models": ("models",), "keras.src.layers": ("layers",), "keras.src.losses": ("losses",),
    "keras.src.metrics": ("metrics",), "keras.src.optimizers": ("optimizers",),
    "keras.src.trainers": ("models",), "keras.src.dtype_policies": ("mixed_precision", "layers"),
}
_KERAS_PACKAGES = ("keras", "keras_hub", "keras_cv", "keras_nlp")

_BUILTINS = {}   # canonical names: "keras.initializers" -> {"GlorotUniform": cls}
_ALIASES = {}    # other names: "keras.initializers" -> {"glorot_uniform": cls}
_NAMES = {}      # id(obj) -> (obj, module, name, public): how obj is serialized
_loaded = set()


def register_builtin(module, obj, name=None, public=True):
    """Put a built-in Keras class or function into the deserialization allowlist as
    ``module.name`` (``name`` defaults to ``obj.__name__``). See the module docstring."""
    name = name or obj.__name__
    if id(obj) not in _NAMES:
        _NAMES[id(obj)] = (obj, module, name, public)
        _BUILTINS.setdefault(module, {})[name] = obj
    else:
        _ALIASES.setdefault(module, {})[name] = obj
    return obj


def builtin_name(obj):
    """``(module, name, public)`` under which a built-in is serialized, else None."""
    entry = _NAMES.get(id(obj))
    if entry is not None and entry[0] is obj:
        return entry[1:]
    return None


def _load_for(module):
    parts = module.split(".")
    for i in range(len(parts), 0, -1):
        key = ".".join(parts[:i])
        if key in _LOADERS:
            for sub in _LOADERS[key]:
                if sub not in _loaded:
                    _loaded.add(sub)
                    try:
                        importlib.import_module(f"leantf.keras.{sub}")
                    except ModuleNotFoundError as e:  # a namespace not written yet: nothing registered
                        if e.name != f"leantf.keras.{sub}":
                            raise
            return


def lookup_builtin(module, name):
    """The built-in whose canonical name is ``module.name``, or None."""
    table = _BUILTINS.get(module)
    if table is None or name not in table:
        _load_for(module)
        table = _BUILTINS.get(module, {})
    return table.get(name)


def _lookup_alias(module, name):
    """A KerasSaveable class registered under the alias ``module.name``; raises Keras's
    error for an alias of anything else; None if there is no such alias."""
    obj = _ALIASES.get(module, {}).get(name)
    if obj is None:
        return None
    if isinstance(obj, type) and issubclass(obj, KerasSaveable):
        return obj
    raise ValueError(f"Could not deserialize '{module}.{name}' because it is not a KerasSaveable subclass")


# -- safe mode ----------------------------------------------------------------------------
def in_safe_mode():
    """The safe-mode flag set by a scope or ``enable_unsafe_deserialization``: None if unset."""
    return global_state.get_global_attribute("safe_mode_saving")


def enable_unsafe_deserialization():
    """Disables safe mode globally, allowing deserialization of lambdas."""
    global_state.set_global_attribute("safe_mode_saving", False)


class SafeModeScope:
    """Propagates a loader's ``safe_mode`` to nested ``from_config`` calls."""

    def __init__(self, safe_mode=True):
        self.safe_mode = safe_mode

    def __enter__(self):
        self.original_value = in_safe_mode()
        global_state.set_global_attribute("safe_mode_saving", self.safe_mode)

    def __exit__(self, *exc_info):
        global_state.set_global_attribute("safe_mode_saving", self.original_value)


# -- shared objects (one object serialized twice is rebuilt once) -----------------------------
class ObjectSharingScope:
    def __enter__(self):
        global_state.set_global_attribute("shared_objects/id_to_obj_map", {})
        global_state.set_global_attribute("shared_objects/id_to_config_map", {})

    def __exit__(self, *exc_info):
        global_state.set_global_attribute("shared_objects/id_to_obj_map", None)
        global_state.set_global_attribute("shared_objects/id_to_config_map", None)


def get_shared_object(obj_id):
    id_to_obj = global_state.get_global_attribute("shared_objects/id_to_obj_map")
    if id_to_obj is not None:
        return id_to_obj.get(obj_id, None)
    return None


def record_object_after_serialization(obj, config):
    if config["module"] == "__main__":
        config["module"] = None  # Keras writes no module for classes of the main script
    id_to_config = global_state.get_global_attribute("shared_objects/id_to_config_map")
    if id_to_config is None:
        return
    obj_id = int(id(obj))
    if obj_id not in id_to_config:
        id_to_config[obj_id] = config
    else:
        config["shared_object_id"] = obj_id
        id_to_config[obj_id]["shared_object_id"] = obj_id


def record_object_after_deserialization(obj, obj_id):
    id_to_obj = global_state.get_global_attribute("shared_objects/id_to_obj_map")
    if id_to_obj is not None:
        id_to_obj[obj_id] = obj


# -- serialization ----------------------------------------------------------------------------
def _is_keras_tensor(obj):
    # KerasTensor (keras_tensor.py) is a SymbolicTensor that carries a `_keras_history`.
    return isinstance(obj, SymbolicTensor) and hasattr(obj, "_keras_history")


def _shape_list(shape):
    if isinstance(shape, TensorShape):
        return None if shape.rank is None else tuple(shape.as_list())
    return tuple(shape)


def serialize_keras_object(obj):
    """The config dict of ``obj`` in Keras 3's format (plain values are returned as is)."""
    if obj is None:
        return obj
    if isinstance(obj, PLAIN_TYPES):
        return obj
    if isinstance(obj, (list, tuple)):
        items = [serialize_keras_object(x) for x in obj]
        return tuple(items) if isinstance(obj, tuple) else items
    if isinstance(obj, dict):
        return serialize_dict(obj)
    if isinstance(obj, bytes):
        return {"class_name": "__bytes__", "config": {"value": obj.decode("utf-8")}}
    if isinstance(obj, slice):
        return {"class_name": "__slice__",
                "config": {"start": serialize_keras_object(obj.start), "stop": serialize_keras_object(obj.stop),
                           "step": serialize_keras_object(obj.step)}}
    if obj is Ellipsis:
        return {"class_name": "__ellipsis__", "config": {}}
    if _is_keras_tensor(obj):
        history = getattr(obj, "_keras_history", None)
        if history:
            history = list(history)
            history[0] = history[0].name
        return {"class_name": "__keras_tensor__",
                "config": {"shape": _shape_list(obj.shape), "dtype": obj.dtype.name, "keras_history": history}}
    if isinstance(obj, TensorShape):
        return None if obj.rank is None else obj.as_list()
    if isinstance(obj, Tensor) or type(obj) in VARIABLE_TYPES:
        return {"class_name": "__tensor__",
                "config": {"value": np.asarray(obj.numpy()).tolist(), "dtype": obj.dtype.name}}
    if type(obj).__module__ == np.__name__:
        if isinstance(obj, np.ndarray) and obj.ndim > 0:
            return {"class_name": "__numpy__",
                    "config": {"value": obj.tolist(), "dtype": _dtypes.as_dtype(obj.dtype).name}}
        return obj.item()
    if isinstance(obj, _dtypes.DType):
        return obj.name
    if isinstance(obj, types.FunctionType) and obj.__name__ == "<lambda>":
        source = inspect.getsource(obj)  # raises OSError for code without a source file, as in Keras
        warnings.warn("The object being serialized includes a `lambda`. This is unsafe. In order to reload "
                      "the object, you will have to pass `safe_mode=False` to the loading function. Please "
                      "avoid using `lambda` in the future, and use named Python functions instead. This is "
                      f"the `lambda` being serialized: {source}", stacklevel=2)
        from ..utils.python_utils import func_dump
        return {"class_name": "__lambda__", "config": {"value": func_dump(obj)}}

    inner_config = _get_class_or_fn_config(obj)
    config = serialize_with_public_class(obj.__class__, inner_config)
    if config is None:  # not reached for plain classes (see serialize_with_public_class)
        module = obj.__module__ if isinstance(obj, types.FunctionType) else obj.__class__.__module__
        config = {"module": module, "class_name": obj.__class__.__name__, "config": inner_config,
                  "registered_name": object_registration.get_registered_name(obj.__class__)}
    get_build_and_compile_config(obj, config)
    record_object_after_serialization(obj, config)
    return config


def serialize_dict(obj):
    return {key: serialize_keras_object(value) for key, value in obj.items()}


def get_build_and_compile_config(obj, config):
    if hasattr(obj, "get_build_config"):
        build_config = obj.get_build_config()
        if build_config is not None:
            config["build_config"] = serialize_dict(build_config)
    if hasattr(obj, "get_compile_config"):
        compile_config = obj.get_compile_config()
        if compile_config is not None:
            config["compile_config"] = serialize_dict(compile_config)


def serialize_with_public_class(cls, inner_config=None):
    """The outer config of a class: its Keras public name if it is a built-in, else its
    source module with its registered name (``"package>Name"`` or the class name)."""
    known = builtin_name(cls)
    if known is not None:
        module, name, public = known
        return {"module": module, "class_name": name, "config": inner_config,
                "registered_name": None if public else name}
    return {"module": cls.__module__, "class_name": cls.__name__, "config": inner_config,
            "registered_name": object_registration.get_registered_name(cls)}


def serialize_with_public_fn(fn, config, fn_module_name=None):
    """The outer config of a function referred to by name."""
    if fn_module_name:
        return {"module": fn_module_name, "class_name": "function", "config": config, "registered_name": config}
    known = builtin_name(fn)
    if known is not None:
        return {"module": known[0], "class_name": "function", "config": config, "registered_name": config}
    registered_name = object_registration.get_registered_name(fn)
    if not registered_name and not fn.__module__ == "builtins":
        return None
    return {"module": fn.__module__, "class_name": "function", "config": config,
            "registered_name": registered_name}


def _get_class_or_fn_config(obj):
    if isinstance(obj, types.FunctionType):
        return object_registration.get_registered_name(obj)
    if hasattr(obj, "get_config"):
        config = obj.get_config()
        if not isinstance(config, dict):
            raise TypeError(f"The `get_config()` method of {obj} should return a dict. It returned: {config}")
        return serialize_dict(config)
    if hasattr(obj, "__name__"):
        return object_registration.get_registered_name(obj)
    raise TypeError(f"Cannot serialize object {obj} of type {type(obj)}. To be serializable, a class must "
                    "implement the `get_config()` method.")


# -- deserialization --------------------------------------------------------------------------
def deserialize_keras_object(config, custom_objects=None, safe_mode=True, **kwargs):
    """Rebuild the object a config describes. Names resolve only through ``custom_objects``,
    the active custom-object scope, registered objects and Keras's built-ins."""
    scoped_safe_mode = in_safe_mode()  # an enclosing loader's choice wins over the argument
    safe_mode = scoped_safe_mode if scoped_safe_mode is not None else safe_mode
    module_objects = kwargs.pop("module_objects", None)
    custom_objects = {**(custom_objects or {}), **object_registration.scope_objects(),
                      **object_registration.GLOBAL_CUSTOM_OBJECTS}

    if config is None:
        return None
    if isinstance(config, str) and custom_objects and custom_objects.get(config) is not None:
        return custom_objects[config]
    if isinstance(config, (list, tuple)):
        return [deserialize_keras_object(x, custom_objects=custom_objects, safe_mode=safe_mode) for x in config]

    if module_objects is not None:  # the `get`/`deserialize` of one namespace (activations ...)
        inner_config, fn_module_name, has_custom_object = None, None, False
        if isinstance(config, dict):
            if "config" in config:
                inner_config = config["config"]
            if "class_name" not in config:
                raise ValueError(f"Unknown `config` as a `dict`, config={config}")
            if custom_objects and (config["class_name"] in custom_objects
                                   or config.get("registered_name") in custom_objects
                                   or (isinstance(inner_config, str) and inner_config in custom_objects)):
                has_custom_object = True
            elif config["class_name"] == "function":
                fn_module_name = config["module"]
                config = config["config"] if fn_module_name == "builtins" else config["registered_name"]
            else:
                if config.get("module", "_") is None:
                    name = config["class_name"]
                    raise TypeError(f"Cannot deserialize object of type `{name}`. If `{name}` is a custom class, "
                                    "please register it using the `@keras.saving.register_keras_serializable()` "
                                    "decorator.")
                config = config["class_name"]
        if not has_custom_object:
            if not isinstance(config, str) or config not in module_objects:
                return config
            obj = module_objects[config]
            if isinstance(obj, types.FunctionType) or not inspect.isclass(obj):
                return deserialize_keras_object(serialize_with_public_fn(obj, config, fn_module_name),
                                                custom_objects=custom_objects)
            return deserialize_keras_object(serialize_with_public_class(obj, inner_config=inner_config),
                                            custom_objects=custom_objects)

    if isinstance(config, PLAIN_TYPES):
        return config
    if not isinstance(config, dict):
        raise TypeError(f"Could not parse config: {config}")
    if "class_name" not in config or "config" not in config:
        return {key: deserialize_keras_object(value, custom_objects=custom_objects, safe_mode=safe_mode)
                for key, value in config.items()}

    class_name = config["class_name"]
    inner_config = config["config"] if config["config"] is not None else {}
    special = _deserialize_special(class_name, inner_config, config, custom_objects, safe_mode)
    if special is not _NOT_SPECIAL:
        return special

    module = config.get("module", None)
    registered_name = config.get("registered_name", class_name)
    if class_name == "function":
        if not isinstance(inner_config, str):
            raise TypeError("Expected 'config' to be a non-null str fora function classname,\n"
                            f"instead got {type(inner_config)}\nFull config: {config}")
        return _retrieve_class_or_fn(inner_config, registered_name, module, "function", config, custom_objects)

    if not isinstance(inner_config, dict):
        raise TypeError(f"Expected 'config' to be a dict for {class_name},\ninstead got {type(inner_config)}\n"
                        f"Full config: {config}")
    if "shared_object_id" in config:
        obj = get_shared_object(config["shared_object_id"])
        if obj is not None:
            return obj

    cls = _retrieve_class_or_fn(class_name, registered_name, module, "class", config, custom_objects)
    if isinstance(cls, types.FunctionType):  # a registered function stored under a class entry
        return cls
    if not hasattr(cls, "from_config"):
        raise TypeError(f"Unable to reconstruct an instance of '{class_name}' because the class is missing a "
                        f"`from_config()` method. Full object config: {config}")
    with object_registration.CustomObjectScope(custom_objects), SafeModeScope(safe_mode):
        try:
            instance = cls.from_config(inner_config)
        except TypeError as e:
            raise TypeError(f"{cls} could not be deserialized properly. Please ensure that components that are "
                            "Python object instances (layers, models, etc.) returned by `get_config()` are "
                            "explicitly deserialized in the model's `from_config()` method."
                            f"\n\nconfig={config}.\n\nException encountered: {e}")
        build_config = config.get("build_config", None)
        if build_config and not instance.built:
            instance.build_from_config(build_config)
            instance.built = True
        compile_config = config.get("compile_config", None)
        if compile_config:
            instance.compile_from_config(compile_config)
            instance.compiled = True
    if "shared_object_id" in config:
        record_object_after_deserialization(instance, config["shared_object_id"])
    return instance


_NOT_SPECIAL = object()


def _deserialize_special(class_name, inner, config, custom_objects, safe_mode):
    """The ``__x__`` value forms; ``_NOT_SPECIAL`` for a class or function config."""
    if class_name == "__keras_tensor__":
        from ..keras_tensor import KerasTensor
        obj = KerasTensor(inner["shape"], dtype=inner["dtype"])
        obj._pre_serialization_keras_history = inner["keras_history"]
        return obj
    if class_name == "__tensor__":
        return convert_to_tensor(inner["value"], dtype=inner["dtype"])
    if class_name == "__numpy__":
        return np.array(inner["value"], dtype=_dtypes.as_dtype(inner["dtype"]).np_dtype)
    if class_name == "__bytes__":
        return inner["value"].encode("utf-8")
    if class_name == "__ellipsis__":
        return Ellipsis
    if class_name == "__slice__":
        return slice(*(deserialize_keras_object(inner[k], custom_objects=custom_objects, safe_mode=safe_mode)
                       for k in ("start", "stop", "step")))
    if class_name == "__lambda__":
        if safe_mode:
            raise ValueError("Requested the deserialization of a Python lambda. This carries a potential risk of "
                             "arbitrary code execution and thus it is disallowed by default. If you trust the "
                             "source of the artifact, you can override this error by passing `safe_mode=False` "
                             "to the loading function, or calling `keras.config.enable_unsafe_deserialization().")
        from ..utils.python_utils import func_load
        return func_load(inner["value"])
    if class_name == "__typespec__":
        # leantf has no TypeSpec of its own; a registered one may still rebuild itself. Dtype
        # names map through as_dtype (never getattr on the module with a name from data).
        if not isinstance(inner, (tuple, list)):
            raise TypeError("Expected 'config' to be a list or a tuplefor a __typespec__ class name,\n"
                            f"instead got {type(inner)}\nFull config: {config}")
        cls = _retrieve_class_or_fn(config["spec_name"], config.get("registered_name"), config.get("module"),
                                    "class", config, custom_objects)
        return cls._deserialize(tuple(TensorShape(x) if isinstance(x, list) else _maybe_dtype(x) for x in inner))
    return _NOT_SPECIAL


def _maybe_dtype(x):
    if isinstance(x, str):
        try:
            return _dtypes.as_dtype(x)
        except TypeError:
            return x
    return x


def _assert_no_registered_name_for_builtin(full_config, name, resolved_name):
    explicit = full_config.get("registered_name")
    if not explicit or explicit in (name, full_config.get("class_name")):
        return
    raise ValueError(f"`registered_name={explicit!r}` was provided in the config, but '{resolved_name}' resolved "
                     "to a Keras built-in and does not use registered names. Remove the `registered_name` field "
                     f"from the config. Full object config: {full_config}")


def _retrieve_class_or_fn(name, registered_name, module, obj_type, full_config, custom_objects=None):
    """Keras's lookup order, over the allowlist only."""
    key = name if obj_type == "function" else registered_name
    custom_obj = object_registration.get_registered_object(key, custom_objects=custom_objects)
    if custom_obj is not None:
        return custom_obj

    if module:
        if module == "keras" or module.startswith("keras."):
            api_name = f"{module}.{name}"
            if api_name in NON_MODELING_APIS:
                raise ValueError(f"Cannot deserialize `{api_name}` because it is not a modeling function. "
                                 "Non-modeling APIs are disallowed during deserialization for security. Model "
                                 "configuration should only contains operations, layers, metrics, losses, or "
                                 "registered custom objects and functions.")
            obj = lookup_builtin(module, name)
            if obj is not None:
                _assert_no_registered_name_for_builtin(full_config, name, api_name)
                return obj
        if obj_type == "function" and module == "builtins":
            for mod in BUILTIN_MODULES:
                obj = lookup_builtin(f"keras.{mod}", name)
                if obj is not None:
                    _assert_no_registered_name_for_builtin(full_config, name, f"keras.{mod}.{name}")
                    return obj
            if ">" not in name:
                suffix = f">{name}"
                for custom_name, custom_object in (custom_objects or {}).items():
                    if custom_name.endswith(suffix):
                        return custom_object
        if module.split(".", maxsplit=1)[0] in _KERAS_PACKAGES:
            # Keras imports the module here and accepts a KerasSaveable class found in it;
            # we look in our alias table instead. Otherwise a module Keras has gives its
            # "not a KerasSaveable" error, any other its "cannot be imported" error.
            obj = _lookup_alias(module, name)
            if obj is not None:
                return obj
            if module == "keras" or module in _BUILTINS or module.startswith("keras.src.") or any(
                    module.startswith(k + ".") for k in _LOADERS if k != "keras") or module in _LOADERS:
                raise ValueError(f"Could not deserialize '{module}.{name}' because it is not a KerasSaveable "
                                 "subclass")
            raise TypeError(f"Could not deserialize {obj_type} '{name}' because its parent module {module} cannot "
                            f"be imported. Full object config: {full_config}")
    raise TypeError(f"Could not locate {obj_type} '{name}'. Make sure custom classes and functions are decorated "
                    "with `@keras.saving.register_keras_serializable()`. If they are already decorated, make sure "
                    "they are all imported so that the decorator is run before trying to load them. Full object "
                    f"config: {full_config}")


# -- a namespace's serialize / deserialize / get ----------------------------------------------
def namespace_functions(module, kind, module_objects, *, object_type=None, names_by_deserialize=False,
                        case_insensitive=False, from_other=None):
    """``(serialize, deserialize, get)`` for the Keras namespace defined in ``module`` (pass
    ``__name__``), which resolves short names through ``module_objects``.

    Keras writes these three functions out again in every namespace (constraints, regularizers,
    initializers, losses, metrics, optimizers) with small differences; they are built here once
    and the options name the differences:

    * ``kind``: the noun in ``get``'s error, "Could not interpret {kind} identifier: ...".
    * ``object_type``: ``get`` accepts only instances of it (optimizers). By default it accepts
      any callable and instantiates a class with no arguments.
    * ``names_by_deserialize``: ``get("name")`` deserializes ``{"class_name": name, "config": {}}``
      instead of looking the name up in ``module_objects`` (initializers, optimizers).
    * ``case_insensitive``: ``deserialize`` lower-cases a config's class name that is a key of
      ``module_objects`` in lower case (optimizers' ``"Adam"``); the config is changed in place,
      as in Keras.
    * ``from_other``: turns an identifier that is neither None, a dict nor a str into the
      object (initializers take a tensor of values); by default it is the object itself.

    Keras names the first arguments after the namespace (``constraints.serialize(constraint)``,
    ``losses.deserialize(name)``), so each namespace wraps these in two one-line functions with
    its own argument names.
    """
    article = "An" if kind[0] in "aeiou" else "A"

    def serialize(obj):
        return serialize_keras_object(obj)

    def deserialize(config, custom_objects=None):
        if case_insensitive and config["class_name"].lower() in module_objects:
            config["class_name"] = config["class_name"].lower()
        return deserialize_keras_object(config, module_objects=module_objects, custom_objects=custom_objects)

    def get(identifier):
        if identifier is None:
            return None
        if isinstance(identifier, dict):
            obj = deserialize(identifier)
        elif isinstance(identifier, str):
            if names_by_deserialize:
                obj = deserialize({"class_name": str(identifier), "config": {}})
            else:
                obj = module_objects.get(identifier, None)
        else:
            obj = identifier if from_other is None else from_other(identifier)
        if object_type is not None:
            if isinstance(obj, object_type):
                return obj
        elif callable(obj):
            if inspect.isclass(obj):
                obj = obj()
            return obj
        raise ValueError(f"Could not interpret {kind} identifier: {identifier}")

    docs = {serialize: f"The config dict of {article.lower()} {kind} (Keras 3's format).",
            deserialize: f"{article} {kind} from its config dict or name.",
            get: f"{article} {kind} from a name, config dict, class, callable or instance; None stays None."}
    for fn, doc in docs.items():  # so that they read as the namespace's own functions in help()
        fn.__module__, fn.__qualname__, fn.__doc__ = module, fn.__name__, doc
    return serialize, deserialize, get
