"""keras.regularizers: weight penalties added to a layer's losses.

``reg(w)`` returns a scalar tensor of ``w``'s dtype. ``get("l2")`` etc. build the default
instances (factor 0.01); note that, as in Keras 3.15, ``get("l1_l2")`` is *not* a valid
name (Keras snake-cases ``L1L2`` to ``l1l2``).
"""
import math

import numpy as np

import leantf as tf

from .naming import to_snake_case
from .saving import serialization as _ser
from .utils.numerical_utils import normalize_tensor

__all__ = ["Regularizer", "L1", "L2", "L1L2", "OrthogonalRegularizer", "l1", "l2", "l1_l2",
           "orthogonal_regularizer", "get", "serialize", "deserialize"]


def validate_float_arg(value, name):
    """``value`` as a float, or Keras's ValueError if it is not a finite non-negative number."""
    if not isinstance(value, (float, int)) or (math.isinf(value) or math.isnan(value)) or value < 0:
        raise ValueError(f"Invalid value for argument {name}: expected a non-negative float."
                         f"Received: {name}={value}")
    return float(value)


def _f32(value):
    # L1 and OrthogonalRegularizer keep their factor as a float32 tensor in Keras, so their
    # configs report the float32-rounded value (0.01 -> 0.009999999776482582).
    return float(np.float32(value))


class Regularizer:
    """Base class: ``__call__(x)`` returns the penalty for weights ``x``."""

    def __call__(self, x):
        return 0.0

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def get_config(self):
        raise NotImplementedError(f"{self} does not implement get_config()")


class L1L2(Regularizer):
    """``l1 * sum(|x|) + l2 * sum(x**2)``."""

    def __init__(self, l1=0.0, l2=0.0):
        self.l1 = validate_float_arg(0.0 if l1 is None else l1, name="l1")
        self.l2 = validate_float_arg(0.0 if l2 is None else l2, name="l2")

    def __call__(self, x):
        regularization = tf.constant(0.0, dtype=x.dtype)
        if self.l1 != 0.0:
            regularization += tf.cast(self.l1, x.dtype) * tf.reduce_sum(tf.abs(x))
        if self.l2 != 0.0:
            regularization += tf.cast(self.l2, x.dtype) * tf.reduce_sum(tf.square(x))
        return regularization

    def get_config(self):
        return {"l1": self.l1, "l2": self.l2}


class L1(Regularizer):
    """``l1 * sum(|x|)``."""

    def __init__(self, l1=0.01):
        l1 = validate_float_arg(0.01 if l1 is None else l1, name="l1")
        self.l1 = _f32(l1)

    def __call__(self, x):
        return tf.cast(self.l1, x.dtype) * tf.reduce_sum(tf.abs(x))

    def get_config(self):
        return {"l1": self.l1}


class L2(Regularizer):
    """``l2 * sum(x**2)``."""

    def __init__(self, l2=0.01):
        self.l2 = validate_float_arg(0.01 if l2 is None else l2, name="l2")

    def __call__(self, x):
        return tf.cast(self.l2, x.dtype) * tf.reduce_sum(tf.square(x))

    def get_config(self):
        return {"l2": self.l2}


class OrthogonalRegularizer(Regularizer):
    """Penalizes non-orthogonal rows (or columns) of a rank-2 weight: ``factor`` times the mean
    absolute dot product between distinct L2-normalized rows."""

    def __init__(self, factor=0.01, mode="rows"):
        validate_float_arg(factor, name="factor")
        self.factor = _f32(factor)
        if mode not in {"rows", "columns"}:
            raise ValueError('Invalid value for argument `mode`. Expected one of {"rows", "columns"}. '
                             f"Received: mode={mode}")
        self.mode = mode

    def __call__(self, inputs):
        if len(inputs.shape) != 2:
            raise ValueError(f"Inputs to OrthogonalRegularizer must have rank 2. Received: inputs.shape={inputs.shape}")
        axis, size = (1, inputs.shape[0]) if self.mode == "rows" else (0, inputs.shape[1])
        inputs = normalize_tensor(inputs, axis=axis)
        if self.mode == "rows":
            product = tf.matmul(inputs, tf.transpose(inputs))
        else:
            product = tf.matmul(tf.transpose(inputs), inputs)
        product_no_diagonal = product * (1.0 - tf.eye(size, dtype=inputs.dtype))
        num_pairs = size * (size - 1.0) / 2.0
        return tf.cast(self.factor, inputs.dtype) * 0.5 * tf.reduce_sum(tf.abs(product_no_diagonal)) / num_pairs

    def get_config(self):
        return {"factor": self.factor, "mode": self.mode}


l1, l2, l1_l2, orthogonal_regularizer = L1, L2, L1L2, OrthogonalRegularizer

_CLASSES = [Regularizer, L1, L2, L1L2, OrthogonalRegularizer]
_ser.register_builtin("keras", Regularizer)  # first export name: keras.Regularizer
_ser.register_builtin("keras.regularizers", Regularizer)
for _cls, _alias in [(L1L2, "l1_l2"), (L1, "l1"), (L2, "l2"), (OrthogonalRegularizer, "orthogonal_regularizer")]:
    _ser.register_builtin("keras.regularizers", _cls)
    _ser.register_builtin("keras.regularizers", _cls, _alias)

ALL_OBJECTS_DICT = {cls.__name__: cls for cls in _CLASSES}
ALL_OBJECTS_DICT.update({to_snake_case(cls.__name__): cls for cls in _CLASSES})

_serialize, _deserialize, get = _ser.namespace_functions(__name__, "regularizer", ALL_OBJECTS_DICT)


def serialize(regularizer):
    return _serialize(regularizer)


def deserialize(config, custom_objects=None):
    return _deserialize(config, custom_objects)
