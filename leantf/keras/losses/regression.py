"""Regression, hinge and distribution-distance loss functions (per-sample values).

Each returns the loss averaged (or summed) over the last axis, one value per sample,
as Keras 3 does; the formulas, the epsilon guards and the conversions of ``y_true`` to
``y_pred``'s dtype follow Keras 3.15 so that results agree to float32 round-off.
"""
import math

import leantf as tf

from . import _kops as K

__all__ = ["mean_squared_error", "mean_absolute_error", "mean_absolute_percentage_error",
           "mean_squared_logarithmic_error", "cosine_similarity", "huber", "log_cosh", "hinge", "squared_hinge",
           "categorical_hinge", "kl_divergence", "poisson"]


def _pair(y_true, y_pred, squeeze=True):
    """``y_pred`` as a tensor and ``y_true`` converted to its dtype, ranks reconciled."""
    y_pred = K.to_tensor(y_pred)
    y_true = K.to_tensor(y_true, dtype=y_pred.dtype)
    if squeeze:
        y_true, y_pred = K.squeeze_or_expand_to_same_rank(y_true, y_pred)
    return y_true, y_pred


def mean_squared_error(y_true, y_pred):
    """``mean(square(y_true - y_pred), axis=-1)``."""
    y_true, y_pred = _pair(y_true, y_pred)
    return K.mean(tf.square(y_true - y_pred), axis=-1)


def mean_absolute_error(y_true, y_pred):
    """``mean(abs(y_true - y_pred), axis=-1)``."""
    y_true, y_pred = _pair(y_true, y_pred)
    return K.mean(tf.abs(y_true - y_pred), axis=-1)


def mean_absolute_percentage_error(y_true, y_pred):
    """``100 * mean(abs((y_true - y_pred) / max(abs(y_true), epsilon)), axis=-1)``."""
    y_true, y_pred = _pair(y_true, y_pred)
    eps = K.const(K.epsilon(), y_pred.dtype)
    diff = tf.abs((y_true - y_pred) / tf.maximum(tf.abs(y_true), eps))
    return K.const(100.0, y_pred.dtype) * K.mean(diff, axis=-1)


def mean_squared_logarithmic_error(y_true, y_pred):
    """``mean(square(log(max(y_pred, eps) + 1) - log(max(y_true, eps) + 1)), axis=-1)``."""
    y_true, y_pred = _pair(y_true, y_pred)
    # Keras makes epsilon a float32 tensor here and promotes; for float64 inputs that is the
    # float32 value of 1e-7 widened, which the cast below reproduces.
    eps = tf.cast(K.const(K.epsilon(), "float32"), y_pred.dtype)
    one = K.const(1.0, y_pred.dtype)
    first_log = tf.math.log(tf.maximum(y_pred, eps) + one)
    second_log = tf.math.log(tf.maximum(y_true, eps) + one)
    return K.mean(tf.square(first_log - second_log), axis=-1)


def _l2_normalize(x, axis):
    # Keras's ops.normalize: x * min(rsqrt(sum(x^2)), 1/epsilon), so a zero vector stays zero.
    if len(x.shape) == 0:
        x = tf.expand_dims(x, 0)
    square_sum = tf.reduce_sum(tf.square(x), axis=axis, keepdims=True)
    inv_norm = tf.minimum(tf.math.rsqrt(square_sum), K.const(1.0 / K.epsilon(), x.dtype))
    return x * inv_norm


def cosine_similarity(y_true, y_pred, axis=-1):
    """``-sum(l2_normalize(y_true) * l2_normalize(y_pred), axis)``: -1 means identical direction."""
    y_true, y_pred = _pair(y_true, y_pred)
    y_pred = _l2_normalize(y_pred, axis)
    y_true = _l2_normalize(y_true, axis)
    return -tf.reduce_sum(y_true * y_pred, axis=axis)


def huber(y_true, y_pred, delta=1.0):
    """Quadratic below ``delta``, linear above: ``0.5 e^2`` or ``delta |e| - 0.5 delta^2``."""
    y_true, y_pred = _pair(y_true, y_pred)
    delta = K.to_tensor(delta, dtype=y_pred.dtype)
    error = y_pred - y_true
    abs_error = tf.abs(error)
    half = K.const(0.5, y_pred.dtype)
    return K.mean(tf.where(abs_error <= delta, half * tf.square(error),
                           delta * abs_error - half * tf.square(delta)), axis=-1)


def log_cosh(y_true, y_pred):
    """``mean(log(cosh(y_pred - y_true)), axis=-1)``, computed as ``x + softplus(-2x) - log 2``
    so large errors do not overflow cosh."""
    y_true, y_pred = _pair(y_true, y_pred)
    # Keras takes log(2) as a float32 tensor and casts it, so float64 sees float32's log 2.
    log2 = tf.cast(K.const(math.log(2.0), "float32"), y_pred.dtype)
    x = y_pred - y_true
    return K.mean(x + tf.math.softplus(x * K.const(-2.0, x.dtype)) - log2, axis=-1)


def _binary_labels_to_pm1(y_true):
    """Labels that are all 0/1 become -1/+1; any other labels are left as they are.

    Keras decides with a ``cond`` on the whole tensor; a ``where`` on the scalar decision
    gives the same values and also works on symbolic tensors.
    """
    one = K.const(1.0, y_true.dtype)
    is_binary = tf.reduce_all(tf.logical_or(tf.equal(y_true, K.const(0.0, y_true.dtype)), tf.equal(y_true, one)))
    converted = K.const(2.0, y_true.dtype) * y_true - one
    return tf.where(is_binary, converted, y_true)


def hinge(y_true, y_pred):
    """``mean(maximum(1 - y_true * y_pred, 0), axis=-1)``; 0/1 labels are mapped to -1/+1."""
    y_pred = K.to_tensor(y_pred)
    y_true = _binary_labels_to_pm1(K.cast(y_true, y_pred.dtype))
    zero, one = K.const(0.0, y_pred.dtype), K.const(1.0, y_pred.dtype)
    return K.mean(tf.maximum(one - y_true * y_pred, zero), axis=-1)


def squared_hinge(y_true, y_pred):
    """``mean(square(maximum(1 - y_true * y_pred, 0)), axis=-1)``; 0/1 labels become -1/+1."""
    y_pred = K.to_tensor(y_pred)
    y_true = _binary_labels_to_pm1(K.cast(y_true, y_pred.dtype))
    zero, one = K.const(0.0, y_pred.dtype), K.const(1.0, y_pred.dtype)
    return K.mean(tf.square(tf.maximum(one - y_true * y_pred, zero)), axis=-1)


def categorical_hinge(y_true, y_pred):
    """``maximum(neg - pos + 1, 0)`` with ``pos = sum(y_true * y_pred)`` and
    ``neg = max((1 - y_true) * y_pred)`` over the last axis."""
    y_pred = K.to_tensor(y_pred)
    y_true = K.cast(y_true, y_pred.dtype)
    one = K.const(1.0, y_pred.dtype)
    pos = tf.reduce_sum(y_true * y_pred, axis=-1)
    neg = tf.reduce_max((one - y_true) * y_pred, axis=-1)
    return tf.maximum(neg - pos + one, K.const(0.0, y_pred.dtype))


def kl_divergence(y_true, y_pred):
    """``sum(y_true * log(y_true / y_pred), axis=-1)`` with both clipped to [epsilon, 1]."""
    y_pred = K.to_tensor(y_pred)
    y_true = K.to_tensor(y_true, y_pred.dtype)
    eps, one = K.const(K.epsilon(), y_pred.dtype), K.const(1.0, y_pred.dtype)
    y_true = tf.clip_by_value(y_true, eps, one)
    y_pred = tf.clip_by_value(y_pred, eps, one)
    return tf.reduce_sum(y_true * tf.math.log(y_true / y_pred), axis=-1)


def poisson(y_true, y_pred):
    """``mean(y_pred - y_true * log(y_pred + epsilon), axis=-1)``."""
    y_pred = K.to_tensor(y_pred)
    y_true = K.to_tensor(y_true, dtype=y_pred.dtype)
    eps = K.const(K.epsilon(), y_pred.dtype)
    return K.mean(y_pred - y_true * tf.math.log(y_pred + eps), axis=-1)
