"""The few Keras-backend semantics that losses and metrics rely on, on top of tf ops.

Keras 3 does not call TF ops directly: it goes through ``keras.ops``, whose conversions
and promotions differ from TF's in ways that change results (integer inputs are cast
rather than rejected, ``mean`` of integers is a float32, labels may be lists). These
helpers reproduce exactly those behaviours and nothing more.
"""
import numpy as np

import leantf as tf

from ...framework import dtypes

_INT_OR_BOOL = frozenset(d for d in (dtypes.int8, dtypes.int16, dtypes.int32, dtypes.int64, dtypes.uint8,
                                     dtypes.uint16, dtypes.uint32, dtypes.uint64, dtypes.bool))


def epsilon():
    from .. import config
    return config.epsilon()


def floatx():
    from .. import config
    return config.floatx()


def to_tensor(x, dtype=None):
    """``keras.ops.convert_to_tensor``: tensors of another dtype are cast (TF would refuse),
    Python/NumPy values convert directly, except to int/bool targets where they are cast."""
    if dtype is not None:
        dtype = dtypes.as_dtype(dtype)
    if not tf.is_tensor(x):
        if dtype is not None and dtype in _INT_OR_BOOL:
            return tf.cast(tf.convert_to_tensor(x), dtype)
        return tf.convert_to_tensor(x, dtype=dtype)
    if getattr(x, "_is_variable", False):
        x = x._read() if hasattr(x, "_read") else tf.convert_to_tensor(x)
    if dtype is not None and x.dtype != dtype:
        return tf.cast(x, dtype)
    return x


def cast(x, dtype):
    """``keras.ops.cast``: converts first, so lists and arrays are accepted."""
    return to_tensor(x, dtype)


def mean(x, axis=None, keepdims=False):
    """``keras.ops.mean``: integers average in float32; half floats are averaged in float32
    and cast back (tf.reduce_mean would overflow them)."""
    dtype = x.dtype
    if dtype in _INT_OR_BOOL:
        return tf.reduce_mean(tf.cast(x, dtypes.float32), axis=axis, keepdims=keepdims)
    if dtype in (dtypes.float16, dtypes.bfloat16):
        return tf.cast(tf.reduce_mean(tf.cast(x, dtypes.float32), axis=axis, keepdims=keepdims), dtype)
    return tf.reduce_mean(x, axis=axis, keepdims=keepdims)


def ksum(x, axis=None, keepdims=False):
    """``keras.ops.sum``: bools and small ints sum as int32 (JAX's rule)."""
    if x.dtype in (dtypes.bool, dtypes.int8, dtypes.int16):
        x = tf.cast(x, dtypes.int32)
    elif x.dtype in (dtypes.uint8, dtypes.uint16):
        x = tf.cast(x, dtypes.uint32)
    return tf.reduce_sum(x, axis=axis, keepdims=keepdims)


def squeeze_or_expand_to_same_rank(x1, x2, expand_rank_1=True):
    """Make ranks equal when they differ by exactly one trailing dimension of size 1.

    A rank-1 partner is expanded rather than the other squeezed (``expand_rank_1``) so
    that a batch of scalars (batch,) meets predictions of shape (batch, 1) as (batch, 1).
    """
    r1, r2 = len(x1.shape), len(x2.shape)
    if r1 == r2:
        return x1, x2
    if r1 == r2 + 1 and x1.shape[-1] == 1:
        if r2 == 1 and expand_rank_1:
            x2 = tf.expand_dims(x2, axis=-1)
        else:
            x1 = tf.squeeze(x1, axis=-1)
    if r2 == r1 + 1 and x2.shape[-1] == 1:
        if r1 == 1 and expand_rank_1:
            x1 = tf.expand_dims(x1, axis=-1)
        else:
            x2 = tf.squeeze(x2, axis=-1)
    return x1, x2


def const(value, dtype):
    """A scalar constant of ``dtype`` (Python numbers meet tensors in the tensor's dtype)."""
    return tf.constant(np.asarray(value, dtype=dtypes.as_dtype(dtype).np_dtype))


def get_logits(output, from_logits, op_type, fn_name):
    """The logits behind ``output`` when they are known, as Keras's TF backend finds them.

    Keras's own softmax/sigmoid activations attach their input as ``_keras_logits``; in a
    graph (Keras functional model, tf.function) a tensor made by a Softmax/Sigmoid op is
    traced back to that op's input. Using the logits avoids the clipped-probability path.
    """
    logits = getattr(output, "_keras_logits", None)
    if logits is None and getattr(output, "_is_symbolic", False):
        node = getattr(output, "node", None)
        prim = getattr(node, "prim", None)
        if prim is not None and prim.name == op_type and len(node.inputs) == 1:
            logits = node.inputs[0]
    if logits is None:
        return output, from_logits
    if from_logits:
        import warnings
        warnings.warn(f'"`{fn_name}` received `from_logits=True`, but the `output` argument was produced by a '
                      f"{op_type} activation and thus does not represent logits. Was this intended?", stacklevel=3)
    return logits, True


def get_mask(x):
    """The Keras mask a tensor carries, if any (set by masking layers, or by losses that ignore a class)."""
    return getattr(x, "_keras_mask", None)


def set_mask(x, mask):
    """Attach a Keras mask when the tensor type allows it; returns whether it could."""
    try:
        x._keras_mask = mask
        return True
    except AttributeError:
        return False
