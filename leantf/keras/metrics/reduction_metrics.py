"""Sum, Mean and MeanMetricWrapper: running (weighted) totals of per-sample values."""
import numpy as np

import leantf as tf

from ...framework.tensor import EagerTensor
from ...framework.tracing_state import TRACING
from .. import losses as _losses
from ..losses import _kops as K
from ..losses.loss import apply_mask
from ..saving import serialization as _ser
from .metric import Metric, accumulate, assign_array

__all__ = ["Sum", "Mean", "MeanMetricWrapper", "reduce_to_samplewise_values"]


def reduce_to_samplewise_values(values, sample_weight, reduce_fn, dtype, mask=None):
    """One value (and weight) per sample, with the weights applied.

    Values with more dimensions than the weights are first reduced (``reduce_fn``) down
    to the weights' rank; the weights are broadcast to the values, multiplied in, and
    themselves reduced to one per sample. ``mask`` (a Keras mask of ``values``) zeroes
    the weights of masked entries when weights are given.
    """
    values = K.cast(values, dtype)
    if sample_weight is not None:
        sample_weight = K.to_tensor(sample_weight, dtype=dtype)
        if mask is not None:
            sample_weight = apply_mask(sample_weight, mask, dtype=dtype, reduction="sum")
        values, sample_weight = K.squeeze_or_expand_to_same_rank(values, sample_weight)
        weight_ndim = len(sample_weight.shape)
        values_ndim = len(values.shape)
        if values_ndim > weight_ndim:
            values = reduce_fn(values, axis=list(range(weight_ndim, values_ndim)))
        # Broadcasting the weights changes their sum (the sample count), not the product.
        sample_weight = tf.broadcast_to(sample_weight, tf.shape(values) if None in values.shape.as_list()
                                        else values.shape.as_list())
        values = values * sample_weight
        if weight_ndim > 1:
            sample_weight = reduce_fn(sample_weight, axis=list(range(1, weight_ndim)))
    values_ndim = len(values.shape)
    if values_ndim > 1:
        values = reduce_fn(values, axis=list(range(1, values_ndim)))
    return values, sample_weight


def _raw(x):
    """The NumPy value of a concrete tensor, or None where the sums must be ops: for a
    symbolic tensor, and while a step is being recorded for replay (framework/replay.py)."""
    return x._value if isinstance(x, EagerTensor) and not TRACING else None


class Sum(Metric):
    """The (weighted) sum of the given values."""

    def __init__(self, name="sum", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable(shape=(), initializer="zeros", dtype=self.dtype, name="total")

    def update_state(self, values, sample_weight=None):
        values, _ = reduce_to_samplewise_values(values, sample_weight, reduce_fn=K.ksum, dtype=self.dtype)
        v = _raw(values)
        accumulate(self.total, np.sum(v, dtype=v.dtype) if v is not None else tf.reduce_sum(values))

    def reset_state(self):
        assign_array(self.total, np.zeros((), self.total.dtype.np_dtype))

    def result(self):
        return self.total._read()  # a snapshot: the variable's array is replaced, never mutated


class Mean(Metric):
    """The (weighted) mean of the given values: ``total / count``."""

    def __init__(self, name="mean", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable(shape=(), initializer="zeros", dtype=self.dtype, name="total")
        self.count = self.add_variable(shape=(), initializer="zeros", dtype=self.dtype, name="count")

    def update_state(self, values, sample_weight=None):
        self._update(values, sample_weight, None)

    def _update(self, values, sample_weight, mask):
        values, sample_weight = reduce_to_samplewise_values(values, sample_weight, reduce_fn=K.mean,
                                                            dtype=self.dtype, mask=mask)
        v = _raw(values)
        w = _raw(sample_weight) if sample_weight is not None else None
        if v is not None and (sample_weight is None or w is not None):
            total = np.sum(v, dtype=v.dtype)
            if w is not None:
                count = np.sum(w, dtype=w.dtype)
            else:
                count = v.shape[0] if v.ndim >= 1 else 1
        else:  # symbolic inputs: the same sums as ops
            total = tf.reduce_sum(values)
            if sample_weight is not None:
                count = tf.reduce_sum(sample_weight)
            else:
                count = tf.cast(tf.shape(values)[0], values.dtype) if len(values.shape) >= 1 else 1
        accumulate(self.total, total)
        accumulate(self.count, count)

    def reset_state(self):
        zero = np.zeros((), self.total.dtype.np_dtype)
        assign_array(self.total, zero)
        assign_array(self.count, zero)

    def result(self):
        return tf.math.divide_no_nan(self.total._read(), tf.cast(self.count._read(), self.dtype))


class MeanMetricWrapper(Mean):
    """The running mean of ``fn(y_true, y_pred, **kwargs)`` (a per-sample function)."""

    def __init__(self, fn, name=None, dtype=None, **kwargs):
        super().__init__(name=name, dtype=dtype)
        self._fn = fn
        self._fn_kwargs = kwargs
        # Metrics wrapping a Keras loss are to be minimised (callbacks read this).
        try:
            if fn in _losses.ALL_OBJECTS or type(fn) in _losses.ALL_OBJECTS:
                self._direction = "down"
        except TypeError:  # an unhashable callable is no Keras loss
            pass

    def update_state(self, y_true, y_pred, sample_weight=None):
        mask = K.get_mask(y_pred)
        with_mask = getattr(self._fn, "_with_mask", None)
        if with_mask is not None:
            values, values_mask = with_mask(y_true, y_pred, **self._fn_kwargs)
        else:
            values = self._fn(y_true, y_pred, **self._fn_kwargs)
            values_mask = K.get_mask(values)
        sample_weight = apply_mask(sample_weight, mask, dtype=self.dtype, reduction="sum")
        self._update(values, sample_weight, values_mask)

    def get_config(self):
        base_config = super().get_config()
        config = {"fn": _ser.serialize_keras_object(self._fn)}
        config.update(_ser.serialize_keras_object(self._fn_kwargs))
        return {**base_config, **config}

    @classmethod
    def from_config(cls, config):
        if "fn" in config:
            config = _ser.deserialize_keras_object(config)
        return cls(**config)


class _BuiltinMetric(MeanMetricWrapper):
    """A built-in metric class: the running mean of one fixed function, whose config is its
    own arguments rather than the function and its keyword arguments. Of those keyword
    arguments, the ones in ``_config_keys`` are also kept as attributes and form the config
    (in that order) after name and dtype, as in Keras. ``_better`` ("up" or "down") becomes
    the instance's ``_direction``, which the callbacks read."""
    _config_keys = ()
    _better = None

    def __init__(self, fn, name, dtype, **kwargs):
        super().__init__(fn, name=name, dtype=dtype, **kwargs)
        for key in self._config_keys:
            setattr(self, key, kwargs[key])
        self._direction = self._better

    def get_config(self):
        config = {"name": self.name, "dtype": self.dtype}
        config.update({key: getattr(self, key) for key in self._config_keys})
        return config
