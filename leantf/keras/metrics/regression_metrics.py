"""Running means of the regression, hinge and crossentropy functions, and RMSE."""
import leantf as tf

from .. import losses as L
from ..losses import _kops as K
from ..losses.regression import _l2_normalize
from .reduction_metrics import Mean, _BuiltinMetric

__all__ = ["MeanSquaredError", "MeanAbsoluteError", "MeanAbsolutePercentageError", "MeanSquaredLogarithmicError",
           "RootMeanSquaredError", "CosineSimilarity", "LogCoshError", "Hinge", "SquaredHinge", "CategoricalHinge",
           "KLDivergence", "Poisson", "BinaryCrossentropy", "CategoricalCrossentropy",
           "SparseCategoricalCrossentropy", "cosine_similarity"]


def _wrapper(cls_name, fn, default_name, direction, doc):
    """A built-in metric class of ``fn`` whose only options are name and dtype."""
    def __init__(self, name=default_name, dtype=None):
        _BuiltinMetric.__init__(self, fn, name, dtype)

    return type(cls_name, (_BuiltinMetric,), {"__init__": __init__, "_better": direction, "__doc__": doc,
                                              "__module__": __name__})


MeanSquaredError = _wrapper("MeanSquaredError", L.mean_squared_error, "mean_squared_error", "down",
                            "Running mean of squared errors.")
MeanAbsoluteError = _wrapper("MeanAbsoluteError", L.mean_absolute_error, "mean_absolute_error", "down",
                             "Running mean of absolute errors.")
MeanAbsolutePercentageError = _wrapper("MeanAbsolutePercentageError", L.mean_absolute_percentage_error,
                                       "mean_absolute_percentage_error", "down",
                                       "Running mean absolute percentage error.")
MeanSquaredLogarithmicError = _wrapper("MeanSquaredLogarithmicError", L.mean_squared_logarithmic_error,
                                       "mean_squared_logarithmic_error", "down",
                                       "Running mean squared logarithmic error.")
LogCoshError = _wrapper("LogCoshError", L.log_cosh, "logcosh", "down", "Running mean of log(cosh(error)).")
Hinge = _wrapper("Hinge", L.hinge, "hinge", "down", "Running mean hinge loss.")
SquaredHinge = _wrapper("SquaredHinge", L.squared_hinge, "squared_hinge", "down", "Running mean squared hinge.")
CategoricalHinge = _wrapper("CategoricalHinge", L.categorical_hinge, "categorical_hinge", "down",
                            "Running mean categorical hinge.")
KLDivergence = _wrapper("KLDivergence", L.kl_divergence, "kl_divergence", "down",
                        "Running mean Kullback-Leibler divergence.")
Poisson = _wrapper("Poisson", L.poisson, "poisson", "down", "Running mean Poisson loss.")


def cosine_similarity(y_true, y_pred, axis=-1):
    """``sum(l2_normalize(y_true) * l2_normalize(y_pred), axis)`` (the loss is its negative)."""
    y_pred = K.to_tensor(y_pred)
    y_true = K.to_tensor(y_true, dtype=y_pred.dtype)
    y_true, y_pred = K.squeeze_or_expand_to_same_rank(y_true, y_pred)
    return tf.reduce_sum(_l2_normalize(y_true, axis) * _l2_normalize(y_pred, axis), axis=axis)


# The classes with options keep their own __init__: Keras's signatures order the arguments
# differently from class to class.
class CosineSimilarity(_BuiltinMetric):
    """Running mean cosine similarity along ``axis``."""
    _better = "up"

    def __init__(self, name="cosine_similarity", dtype=None, axis=-1):
        super().__init__(cosine_similarity, name, dtype, axis=axis)


class RootMeanSquaredError(Mean):
    """``sqrt`` of the running mean of squared errors."""

    def __init__(self, name="root_mean_squared_error", dtype=None):
        super().__init__(name, dtype=dtype)
        self._direction = "down"

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = K.to_tensor(y_true, self._dtype)
        y_pred = K.to_tensor(y_pred, self._dtype)
        y_true, y_pred = K.squeeze_or_expand_to_same_rank(y_true, y_pred)
        return super().update_state(tf.square(y_pred - y_true), sample_weight=sample_weight)

    def result(self):
        return tf.sqrt(super().result())


class BinaryCrossentropy(_BuiltinMetric):
    """Running mean binary crossentropy."""
    _config_keys = ("from_logits", "label_smoothing")
    _better = "down"

    def __init__(self, name="binary_crossentropy", dtype=None, from_logits=False, label_smoothing=0):
        super().__init__(L.binary_crossentropy, name, dtype, from_logits=from_logits,
                         label_smoothing=label_smoothing)


class CategoricalCrossentropy(_BuiltinMetric):
    """Running mean categorical crossentropy."""
    _config_keys = ("from_logits", "label_smoothing", "axis")
    _better = "down"

    def __init__(self, name="categorical_crossentropy", dtype=None, from_logits=False, label_smoothing=0, axis=-1):
        super().__init__(L.categorical_crossentropy, name, dtype, from_logits=from_logits,
                         label_smoothing=label_smoothing, axis=axis)


class SparseCategoricalCrossentropy(_BuiltinMetric):
    """Running mean sparse categorical crossentropy."""
    _config_keys = ("from_logits", "ignore_class", "axis")
    _better = "down"

    def __init__(self, name="sparse_categorical_crossentropy", dtype=None, from_logits=False, ignore_class=None,
                 axis=-1):
        super().__init__(L.sparse_categorical_crossentropy, name, dtype, from_logits=from_logits,
                         ignore_class=ignore_class, axis=axis)
