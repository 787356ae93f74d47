"""tf.keras: Keras 3 as shipped with TensorFlow 2.21, on leantf.

Submodules are imported on first use so that `import leantf` stays fast.
"""
import importlib

from .variables import Variable  # noqa: F401

_SUBMODULES = {"layers", "models", "losses", "metrics", "optimizers", "callbacks", "initializers",
               "regularizers", "constraints", "activations", "backend", "utils", "datasets", "saving",
               "applications", "config", "ops", "mixed_precision"}
_FROM = {"Input": "layers", "Model": "models", "Sequential": "models", "InputSpec": "layers",
         "Layer": "layers", "Loss": "losses", "Metric": "metrics", "Optimizer": "optimizers",
         "Initializer": "initializers", "Regularizer": "regularizers", "Constraint": "constraints"}


def __getattr__(name):
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    if name in _FROM:
        return getattr(importlib.import_module(f".{_FROM[name]}", __name__), name)
    raise AttributeError(f"module 'leantf.keras' has no attribute '{name}'")


__version__ = "3.15.1"
