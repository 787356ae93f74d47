"""tf.keras.datasets: the Keras toy datasets, downloaded once into the Keras cache.

Every loader keeps Keras 3.15's origin URL, cache file name and pinned hash, so a cache
made by real Keras (``$KERAS_HOME`` or ``~/.keras``) is reused. Files are never unpickled:
see ``_restricted_pickle``. Loaders are imported on first use, like the rest of tf.keras.
"""
import importlib as _importlib

_LOADERS = ("mnist", "fashion_mnist", "cifar10", "cifar100", "imdb", "reuters", "boston_housing",
            "california_housing")


def __getattr__(name):
    if name in _LOADERS:
        return _importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'leantf.keras.datasets' has no attribute '{name}'")


def __dir__():
    return sorted(set(globals()) | set(_LOADERS))
