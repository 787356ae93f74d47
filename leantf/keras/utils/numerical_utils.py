"""keras.utils.to_categorical / normalize."""
import numpy as np

import leantf as tf

__all__ = ["to_categorical", "normalize", "normalize_tensor"]


def to_categorical(x, num_classes=None):
    """One-hot encode class indices. NumPy in, float64 NumPy out (Keras builds the array with
    ``np.zeros``); a tensor in gives a float32 one-hot tensor. A trailing axis of size 1 is
    dropped first, so labels of shape ``(n, 1)`` give ``(n, num_classes)``."""
    if tf.is_tensor(x):
        shape = x.shape
        if shape.rank is not None and shape.rank > 1 and shape[-1] == 1:
            dims = shape.as_list()[:-1]
            x = tf.reshape(x, dims if None not in dims else tf.shape(x)[:-1])
        return tf.one_hot(tf.cast(x, "int64"), num_classes, axis=-1, dtype="float32")
    x = np.array(x, dtype="int64")
    input_shape = x.shape
    if input_shape and input_shape[-1] == 1 and len(input_shape) > 1:
        input_shape = tuple(input_shape[:-1])
    x = x.reshape(-1)
    if not num_classes:
        num_classes = np.max(x) + 1
    batch_size = x.shape[0]
    categorical = np.zeros((batch_size, num_classes))
    categorical[np.arange(batch_size), x] = 1
    return np.reshape(categorical, input_shape + (num_classes,))


def normalize(x, axis=-1, order=2):
    """``x`` divided by its ``order``-norm along ``axis`` (zero vectors are left as they are
    for NumPy input; tensors use Keras's ``x / max(norm, epsilon)`` rule)."""
    if isinstance(x, np.ndarray):
        norm = np.atleast_1d(np.linalg.norm(x, order, axis))
        norm[norm == 0] = 1
        axis = axis or -1
        return x / np.expand_dims(norm, axis)
    return normalize_tensor(x, axis=axis, order=order)


def normalize_tensor(x, axis=-1, order=2, epsilon=None):
    """keras.ops.normalize: ``x / max(norm(x), epsilon)``; for order 2 Keras computes
    ``x * min(rsqrt(sum(x**2)), 1/epsilon)`` and so do we, for identical rounding."""
    if not isinstance(order, int) or not order >= 1:
        raise ValueError(f"Argument `order` must be an int >= 1. Received: order={order}")
    from ..config import epsilon as _epsilon
    x = tf.convert_to_tensor(x)
    if x.shape.rank == 0:
        x = tf.expand_dims(x, axis=0)
    if epsilon is None:
        epsilon = _epsilon()
    if order == 2:
        inv_norm = tf.math.rsqrt(tf.reduce_sum(tf.square(x), axis=axis, keepdims=True))
        return x * tf.minimum(inv_norm, tf.cast(1.0 / epsilon, x.dtype))
    norm = tf.pow(tf.reduce_sum(tf.pow(tf.abs(x), order), axis=axis, keepdims=True), 1.0 / order)
    return x / tf.maximum(norm, tf.cast(epsilon, x.dtype))
