"""The loss classes: each wraps a loss function with fixed keyword arguments."""
import leantf as tf

from ...framework import nest
from ..saving import serialization as _ser
from . import _kops as K
from . import probabilistic as P
from . import regression as R
from .loss import Loss

__all__ = ["LossFunctionWrapper", "MeanSquaredError", "MeanAbsoluteError", "MeanAbsolutePercentageError",
           "MeanSquaredLogarithmicError", "CosineSimilarity", "Huber", "LogCosh", "Hinge", "SquaredHinge",
           "CategoricalHinge", "KLDivergence", "Poisson", "BinaryCrossentropy", "BinaryFocalCrossentropy",
           "CategoricalCrossentropy", "CategoricalFocalCrossentropy", "SparseCategoricalCrossentropy"]


class LossFunctionWrapper(Loss):
    """A Loss calling ``fn(y_true, y_pred, **kwargs)`` on rank-reconciled inputs."""

    def __init__(self, fn, reduction="sum_over_batch_size", name=None, dtype=None, **kwargs):
        super().__init__(name=name, reduction=reduction, dtype=dtype)
        self.fn = fn
        self._fn_kwargs = kwargs

    def _prepare(self, y_true, y_pred):
        if not tf.is_tensor(y_true):  # nested structures (multi-output) pair up leaf by leaf
            pairs = [K.squeeze_or_expand_to_same_rank(t, p)
                     for t, p in zip(nest.flatten(y_true), nest.flatten(y_pred))]
            return (nest.pack_sequence_as(y_true, [t for t, _ in pairs]),
                    nest.pack_sequence_as(y_pred, [p for _, p in pairs]))
        return K.squeeze_or_expand_to_same_rank(y_true, y_pred)

    def call(self, y_true, y_pred):
        y_true, y_pred = self._prepare(y_true, y_pred)
        return self.fn(y_true, y_pred, **self._fn_kwargs)

    def _call_with_mask(self, y_true, y_pred):
        with_mask = getattr(self.fn, "_with_mask", None)
        if with_mask is None:
            return super()._call_with_mask(y_true, y_pred)
        y_true, y_pred = self._prepare(y_true, y_pred)
        return with_mask(y_true, y_pred, **self._fn_kwargs)

    def get_config(self):
        config = super().get_config()
        config.update({"fn": _ser.serialize_keras_object(self.fn)})
        config.update(_ser.serialize_keras_object(self._fn_kwargs))
        return config

    @classmethod
    def from_config(cls, config):
        if "fn" in config:
            config = _ser.deserialize_keras_object(config)
        return cls(**config)

    def __repr__(self):
        return f"<LossFunctionWrapper({self.fn}, kwargs={self._fn_kwargs})>"


class _BuiltinLoss(LossFunctionWrapper):
    """A built-in loss class: a LossFunctionWrapper around one fixed function, whose config is
    its own arguments rather than the function and its keyword arguments. Of those keyword
    arguments, the ones in ``_config_keys`` are also kept as attributes and form the config
    (in that order) next to name and reduction, as in Keras."""
    _config_keys = ()

    def __init__(self, fn, reduction, name, dtype, **kwargs):
        super().__init__(fn, name=name, reduction=reduction, dtype=dtype, **kwargs)
        for key in self._config_keys:
            setattr(self, key, kwargs[key])

    def get_config(self):
        config = Loss.get_config(self)
        config.update({key: getattr(self, key) for key in self._config_keys})
        return config


def _simple(cls_name, fn, default_name, doc):
    """A built-in loss class whose only options are reduction, name and dtype."""
    def __init__(self, reduction="sum_over_batch_size", name=default_name, dtype=None):
        _BuiltinLoss.__init__(self, fn, reduction, name, dtype)

    return type(cls_name, (_BuiltinLoss,), {"__init__": __init__, "__doc__": doc, "__module__": __name__})


MeanSquaredError = _simple("MeanSquaredError", R.mean_squared_error, "mean_squared_error",
                           "Mean of squared errors: ``mean(square(y_true - y_pred))``.")
MeanAbsoluteError = _simple("MeanAbsoluteError", R.mean_absolute_error, "mean_absolute_error",
                            "Mean of absolute errors: ``mean(abs(y_true - y_pred))``.")
MeanAbsolutePercentageError = _simple("MeanAbsolutePercentageError", R.mean_absolute_percentage_error,
                                      "mean_absolute_percentage_error",
                                      "``100 * mean(abs((y_true - y_pred) / y_true))``.")
MeanSquaredLogarithmicError = _simple("MeanSquaredLogarithmicError", R.mean_squared_logarithmic_error,
                                      "mean_squared_logarithmic_error",
                                      "``mean(square(log(y_true + 1) - log(y_pred + 1)))``.")
LogCosh = _simple("LogCosh", R.log_cosh, "log_cosh", "``mean(log(cosh(y_pred - y_true)))``.")
Hinge = _simple("Hinge", R.hinge, "hinge", "``mean(maximum(1 - y_true * y_pred, 0))``.")
SquaredHinge = _simple("SquaredHinge", R.squared_hinge, "squared_hinge",
                       "``mean(square(maximum(1 - y_true * y_pred, 0)))``.")
CategoricalHinge = _simple("CategoricalHinge", R.categorical_hinge, "categorical_hinge",
                           "``maximum(neg - pos + 1, 0)``.")
KLDivergence = _simple("KLDivergence", R.kl_divergence, "kl_divergence", "``y_true * log(y_true / y_pred)``.")
Poisson = _simple("Poisson", R.poisson, "poisson", "``y_pred - y_true * log(y_pred)``.")

# The classes with options keep their own __init__: Keras's signatures order the arguments
# differently from class to class, and callers pass them positionally.


class CosineSimilarity(_BuiltinLoss):
    """Negative cosine similarity along ``axis``."""

    def __init__(self, axis=-1, reduction="sum_over_batch_size", name="cosine_similarity", dtype=None):
        super().__init__(R.cosine_similarity, reduction, name, dtype, axis=axis)


class Huber(_BuiltinLoss):
    """Huber loss with threshold ``delta``."""

    def __init__(self, delta=1.0, reduction="sum_over_batch_size", name="huber_loss", dtype=None):
        super().__init__(R.huber, reduction, name, dtype, delta=delta)


class BinaryCrossentropy(_BuiltinLoss):
    """Crossentropy of binary (0/1) labels against probabilities or logits."""
    _config_keys = ("from_logits", "label_smoothing", "axis")

    def __init__(self, from_logits=False, label_smoothing=0.0, axis=-1, reduction="sum_over_batch_size",
                 name="binary_crossentropy", dtype=None):
        super().__init__(P.binary_crossentropy, reduction, name, dtype, from_logits=from_logits,
                         label_smoothing=label_smoothing, axis=axis)


class BinaryFocalCrossentropy(_BuiltinLoss):
    """Binary crossentropy down-weighting easy examples by ``(1 - p_t) ** gamma``."""
    _config_keys = ("from_logits", "label_smoothing", "axis", "apply_class_balancing", "alpha", "gamma")

    def __init__(self, apply_class_balancing=False, alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0.0,
                 axis=-1, reduction="sum_over_batch_size", name="binary_focal_crossentropy", dtype=None):
        super().__init__(P.binary_focal_crossentropy, reduction, name, dtype,
                         apply_class_balancing=apply_class_balancing, alpha=alpha, gamma=gamma,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)


class CategoricalCrossentropy(_BuiltinLoss):
    """Crossentropy of one-hot (or soft) labels against probabilities or logits."""
    _config_keys = ("from_logits", "label_smoothing", "axis")

    def __init__(self, from_logits=False, label_smoothing=0.0, axis=-1, reduction="sum_over_batch_size",
                 name="categorical_crossentropy", dtype=None):
        super().__init__(P.categorical_crossentropy, reduction, name, dtype, from_logits=from_logits,
                         label_smoothing=label_smoothing, axis=axis)


class CategoricalFocalCrossentropy(_BuiltinLoss):
    """Categorical crossentropy scaled by ``alpha * (1 - p) ** gamma``."""
    _config_keys = ("from_logits", "label_smoothing", "axis", "alpha", "gamma")

    def __init__(self, alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0.0, axis=-1,
                 reduction="sum_over_batch_size", name="categorical_focal_crossentropy", dtype=None):
        super().__init__(P.categorical_focal_crossentropy, reduction, name, dtype, alpha=alpha, gamma=gamma,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)


class SparseCategoricalCrossentropy(_BuiltinLoss):
    """Crossentropy of integer class labels; ``ignore_class`` entries are masked out."""
    _config_keys = ("from_logits", "ignore_class")

    def __init__(self, from_logits=False, ignore_class=None, reduction="sum_over_batch_size", axis=-1,
                 name="sparse_categorical_crossentropy", dtype=None):
        super().__init__(P.sparse_categorical_crossentropy, reduction, name, dtype, from_logits=from_logits,
                         ignore_class=ignore_class, axis=axis)
