"""keras.saving: config (de)serialization and the object registry; model files come from
``saving_api`` (written separately), loaded on first use."""
import importlib

from .object_registration import (CustomObjectScope, custom_object_scope, get_custom_objects,  # noqa: F401
                                  get_registered_name, get_registered_object, register_keras_serializable)
from .serialization import deserialize_keras_object, serialize_keras_object  # noqa: F401

_FROM = {"load_model": "saving_api", "save_model": "saving_api", "load_weights": "weights_h5",
         "save_weights": "weights_h5", "KerasFileEditor": "file_editor"}


def __getattr__(name):
    if name in _FROM:
        return getattr(importlib.import_module(f".{_FROM[name]}", __name__), name)
    raise AttributeError(f"module 'leantf.keras.saving' has no attribute '{name}'")
