"""keras.losses: loss functions, loss classes, and get/serialize/deserialize.

The namespace is the union of Keras 3's ``keras.losses`` and TF 2.21's ``tf.keras.losses``
(which keeps the Keras 2 aliases ``mse``, ``MAE``, ``kld``, ``logcosh``, ``Reduction`` ...
but not some Keras 3 long names), so code written against either runs.
"""
from ..saving import serialization as _ser
from .classes import (BinaryCrossentropy, BinaryFocalCrossentropy, CategoricalCrossentropy,  # noqa: F401
                      CategoricalFocalCrossentropy, CategoricalHinge, CosineSimilarity, Hinge, Huber, KLDivergence,
                      LogCosh, LossFunctionWrapper, MeanAbsoluteError, MeanAbsolutePercentageError,
                      MeanSquaredError, MeanSquaredLogarithmicError, Poisson, SparseCategoricalCrossentropy,
                      SquaredHinge)
from .loss import Loss, Reduction  # noqa: F401
from .probabilistic import (binary_crossentropy, binary_focal_crossentropy, categorical_crossentropy,  # noqa: F401
                            categorical_focal_crossentropy, sparse_categorical_crossentropy)
from .regression import (categorical_hinge, cosine_similarity, hinge, huber, kl_divergence, log_cosh,  # noqa: F401
                         mean_absolute_error, mean_absolute_percentage_error, mean_squared_error,
                         mean_squared_logarithmic_error, poisson, squared_hinge)

# Keras 2 spellings that tf.keras still exports.
mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
kld = KLD = kullback_leibler_divergence = kl_divergence
logcosh = log_cosh

_CLASSES = [Loss, LossFunctionWrapper, KLDivergence, Poisson, BinaryCrossentropy, BinaryFocalCrossentropy,
            CategoricalCrossentropy, CategoricalFocalCrossentropy, SparseCategoricalCrossentropy, MeanSquaredError,
            MeanAbsoluteError, MeanAbsolutePercentageError, MeanSquaredLogarithmicError, CosineSimilarity, LogCosh,
            Huber, Hinge, SquaredHinge, CategoricalHinge]
# Functions Keras also exports from keras.metrics, and exports there first: their serialized
# module is "keras.metrics" (this matters for Keras's error on deserialize('mse')).
_METRIC_FIRST = [mean_squared_error, mean_absolute_error, mean_absolute_percentage_error,
                 mean_squared_logarithmic_error, hinge, squared_hinge, categorical_hinge, kl_divergence, poisson,
                 categorical_crossentropy, categorical_focal_crossentropy, sparse_categorical_crossentropy,
                 binary_crossentropy, binary_focal_crossentropy]
_LOSSES_FIRST = [cosine_similarity, huber, log_cosh]
_FUNCTIONS = _METRIC_FIRST + _LOSSES_FIRST

ALL_OBJECTS = set(_CLASSES) | set(_FUNCTIONS)
ALL_OBJECTS_DICT = {obj.__name__: obj for obj in ALL_OBJECTS}
ALL_OBJECTS_DICT.update({"bce": binary_crossentropy, "BCE": binary_crossentropy, "kld": kl_divergence,
                         "KLD": kl_divergence, "mae": mean_absolute_error, "MAE": mean_absolute_error,
                         "mse": mean_squared_error, "MSE": mean_squared_error, "mape": mean_absolute_percentage_error,
                         "MAPE": mean_absolute_percentage_error, "msle": mean_squared_logarithmic_error,
                         "MSLE": mean_squared_logarithmic_error})

_ser.register_builtin("keras", Loss)  # Keras's first export name for the base class is keras.Loss
for _fn in _METRIC_FIRST:
    _ser.register_builtin("keras.metrics", _fn)
for _obj in _CLASSES + _FUNCTIONS:
    if _obj is not LossFunctionWrapper:  # not public in Keras: serialized by its module
        _ser.register_builtin("keras.losses", _obj)
_ser.register_builtin("keras.src.losses.losses", LossFunctionWrapper, public=False)

_serialize, _deserialize, get = _ser.namespace_functions(__name__, "loss", ALL_OBJECTS_DICT)


def serialize(loss):
    return _serialize(loss)


def deserialize(name, custom_objects=None):
    return _deserialize(name, custom_objects)
