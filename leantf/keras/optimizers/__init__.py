"""keras.optimizers: the Keras 3 optimizers, learning-rate schedules, and get/serialize/deserialize."""
import types as _types

from . import schedules
from .adadelta import Adadelta
from .adagrad import Adagrad
from .adam import Adam
from .adamax import Adamax
from .adamw import AdamW
from .base_optimizer import Optimizer
from .nadam import Nadam
from .rmsprop import RMSprop
from .sgd import SGD

__all__ = ["Optimizer", "SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta", "Adamax", "Nadam",
           "schedules", "get", "serialize", "deserialize", "legacy"]

from ..saving import serialization as _serialization

ALL_OBJECTS = (Optimizer, Adam, SGD, RMSprop, Adadelta, AdamW, Adagrad, Adamax, Nadam)
# Built-in names are looked up case-insensitively ("adam", "Adam", "ADAM").
ALL_OBJECTS_DICT = {cls.__name__.lower(): cls for cls in ALL_OBJECTS}

# Keras exports the base class first as keras.Optimizer, which is how it is serialized.
_serialization.register_builtin("keras", Optimizer)
for _cls in ALL_OBJECTS:
    _serialization.register_builtin("keras.optimizers", _cls)

# deserialize takes serialize's dict or Keras 2's {"class_name", "config"}; like Keras, a class
# name found nowhere is returned as is, and get then rejects it (get accepts only instances).
_serialize, _deserialize, get = _serialization.namespace_functions(
    __name__, "optimizer", ALL_OBJECTS_DICT, object_type=Optimizer, names_by_deserialize=True,
    case_insensitive=True)


def serialize(optimizer):
    return _serialize(optimizer)


def deserialize(config, custom_objects=None):
    return _deserialize(config, custom_objects)


class _LegacyOptimizer:
    """keras.optimizers.legacy.*: Keras 3 only keeps the names, to explain they are gone."""

    def __init__(self, *args, **kwargs):
        raise ImportError("`keras.optimizers.legacy` is not supported in Keras 3. When using `tf.keras`, to continue "
                          "using a `tf.keras.optimizers.legacy` optimizer, you can install the `tf_keras` package "
                          "(Keras 2) and set the environment variable `TF_USE_LEGACY_KERAS=True` to configure "
                          "TensorFlow to use `tf_keras` when accessing `tf.keras`.")


legacy = _types.ModuleType(__name__ + ".legacy")
for _name in ("Adagrad", "Adam", "Ftrl", "RMSprop", "SGD", "Optimizer"):
    setattr(legacy, _name, type(_name, (_LegacyOptimizer,), {"__module__": legacy.__name__}))
del _name
