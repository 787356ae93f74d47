"""Assemble TF's namespaces (tf, tf.math, tf.nn, ...) from the op modules.

Which names go where is data (``_api_names.py``, generated from TensorFlow itself); when two
families define the same name, the family listed first for that namespace wins (``tf.split``
is the array op, ``tf.random.split`` the random one).
"""
import importlib

_FAMILIES = ["basic_ops", "math_ops", "reduction_ops", "array_ops", "indexing", "creation_ops",
             "math_extra_ops", "linalg_ops", "nn_ops", "conv_ops", "pool_ops", "debugging_ops",
             "random_ops", "generator"]
_PREFER = {"RANDOM": ["random_ops", "generator"], "LINALG": ["linalg_ops"], "NN": ["nn_ops", "conv_ops"]}


def op_modules(order=None):
    return [importlib.import_module(f"leantf.ops.{name}") for name in (order or _FAMILIES)]


def public_names(module):
    names = set(getattr(module, "__all__", []))
    for extra in ("RANDOM_NAMES", "DEBUGGING_NAMES", "TOP_LEVEL_NAMES", "MATH_ONLY", "TOP_LEVEL"):
        names.update(getattr(module, extra, []))
    return {n for n in names if hasattr(module, n)}


def collect(namespace):
    """The objects TF has in ``namespace`` ("TOP", "MATH", ...), found in leantf's op modules."""
    from . import _api_names
    wanted = getattr(_api_names, namespace)
    order = _PREFER.get(namespace, []) + [f for f in _FAMILIES if f not in _PREFER.get(namespace, [])]
    found = {}
    for module in op_modules(order):
        for name in public_names(module):
            if name in wanted and name not in found:
                found[name] = getattr(module, name)
    return found
