"""keras.applications: classic image-classification networks, optionally with pretrained
weights. Only MobileNetV2 is written so far; its module loads on first use, so that
``tf.keras.applications`` costs nothing until a model is asked for."""
import importlib

_SUBMODULES = {"mobilenet_v2", "imagenet_utils"}
_FROM = {"MobileNetV2": "mobilenet_v2"}


def __getattr__(name):
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    if name in _FROM:
        return getattr(importlib.import_module(f".{_FROM[name]}", __name__), name)
    raise AttributeError(f"module 'leantf.keras.applications' has no attribute '{name}'")


def __dir__():
    return sorted(set(globals()) | _SUBMODULES | set(_FROM))
