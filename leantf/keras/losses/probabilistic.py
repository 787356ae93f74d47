"""Crossentropy loss functions (per-sample values), as Keras 3 computes them on TF.

From probabilities, Keras clips to [epsilon, 1 - epsilon] before taking logs, and for
categorical crossentropy first renormalises each row to sum to 1. From logits it uses
TF's fused kernels (``sigmoid_cross_entropy_with_logits``, ``softmax_cross_entropy_with_logits``,
``sparse_softmax_cross_entropy_with_logits``), which are exact for large logits. When the
probabilities came out of a Keras softmax/sigmoid whose logits are known, the logits are
used instead (Keras's ``_keras_logits`` shortcut); see ``_kops.get_logits``.
"""
import warnings

import leantf as tf

from . import _kops as K

__all__ = ["binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy",
           "binary_focal_crossentropy", "categorical_focal_crossentropy"]


def _check_same_shape(target, output, check_rank_1=False):
    if check_rank_1 and len(target.shape) < 1:
        raise ValueError("Arguments `target` and `output` must be at least rank 1. Received: "
                         f"target.shape={target.shape}, output.shape={output.shape}")
    if len(target.shape) != len(output.shape):
        raise ValueError("Arguments `target` and `output` must have the same rank (ndim). Received: "
                         f"target.shape={target.shape}, output.shape={output.shape}")
    for e1, e2 in zip(target.shape, output.shape):
        if e1 is not None and e2 is not None and e1 != e2:
            raise ValueError("Arguments `target` and `output` must have the same shape. Received: "
                             f"target.shape={target.shape}, output.shape={output.shape}")


def _clip_probs(p):
    eps = K.epsilon()
    return tf.clip_by_value(p, K.const(eps, p.dtype), K.const(1.0 - eps, p.dtype))


# -- the backend-level crossentropies (Keras's keras.ops.*_crossentropy) -----------------------
def _binary_crossentropy(target, output, from_logits=False):
    target = K.to_tensor(target)
    output = K.to_tensor(output)
    _check_same_shape(target, output)
    output, from_logits = K.get_logits(output, from_logits, "Sigmoid", "binary_crossentropy")
    if from_logits:
        return tf.nn.sigmoid_cross_entropy_with_logits(labels=target, logits=output)
    output = _clip_probs(output)
    one = K.const(1.0, output.dtype)
    bce = target * tf.math.log(output)
    bce = bce + (one - target) * tf.math.log(one - output)
    return -bce


def _categorical_crossentropy(target, output, from_logits=False, axis=-1):
    target = K.to_tensor(target)
    output = K.to_tensor(output)
    _check_same_shape(target, output, check_rank_1=True)
    output, from_logits = K.get_logits(output, from_logits, "Softmax", "categorical_crossentropy")
    if from_logits:
        return tf.nn.softmax_cross_entropy_with_logits(labels=target, logits=output, axis=axis)
    # Rows need not sum to 1: renormalise so the result is a true crossentropy.
    output = output / tf.reduce_sum(output, axis, keepdims=True)
    output = _clip_probs(output)
    return -tf.reduce_sum(target * tf.math.log(output), axis)


def _sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    if axis != -1 and axis != len(output.shape) - 1:
        raise ValueError(f"Only axis=-1 is currently supported. Received: axis={axis}")
    output, from_logits = K.get_logits(output, from_logits, "Softmax", "sparse_categorical_crossentropy")
    target = K.cast(target, "int64")
    output = K.to_tensor(output)
    if len(target.shape) == len(output.shape) and target.shape[-1] == 1:
        target = tf.squeeze(target, axis=-1)
    if len(output.shape) < 1:
        raise ValueError(f"Argument `output` must be at least rank 1. Received: output.shape={output.shape}")
    if len(target.shape) != len(output.shape[:-1]):
        raise ValueError("Argument `output` must have rank (ndim) `target.ndim - 1`. Received: "
                         f"target.shape={target.shape}, output.shape={output.shape}")
    for e1, e2 in zip(target.shape, output.shape[:-1]):
        if e1 is not None and e2 is not None and e1 != e2:
            raise ValueError("Arguments `target` and `output` must have the same shape up until the last "
                             f"dimension: target.shape={target.shape}, output.shape={output.shape}")
    if not from_logits:
        # log of clipped probabilities are logits whose softmax renormalises the row
        output = tf.math.log(_clip_probs(output))
    return tf.nn.sparse_softmax_cross_entropy_with_logits(labels=target, logits=output)


# -- the public loss functions ---------------------------------------------------------------
def _binary_inputs(y_true, y_pred, label_smoothing):
    """What the binary losses start with: ``y_pred`` as a tensor and ``y_true`` in its dtype,
    squeezed towards 0.5 by ``label_smoothing``: ``y * (1 - s) + 0.5 * s``."""
    y_pred = K.to_tensor(y_pred)
    y_true = K.cast(y_true, y_pred.dtype)
    if label_smoothing:
        y_true = y_true * (1.0 - label_smoothing) + 0.5 * label_smoothing
    return y_true, y_pred


def binary_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """Mean over ``axis`` of the elementwise binary crossentropy.

    ``label_smoothing`` squeezes the labels towards 0.5: ``y * (1 - s) + 0.5 * s``.
    """
    y_true, y_pred = _binary_inputs(y_true, y_pred, label_smoothing)
    return K.mean(_binary_crossentropy(y_true, y_pred, from_logits=from_logits), axis=axis)


def _check_axis(axis):
    if isinstance(axis, bool):
        raise ValueError(f"`axis` must be of type `int`. Received: axis={axis} of type {type(axis)}")


def _smooth_one_hot(y_true, label_smoothing, dtype):
    """``y * (1 - s) + s / num_classes``: the target class keeps ``1 - s + s / n``."""
    n = y_true.shape[-1] if y_true.shape.rank else None
    num_classes = K.const(n, dtype) if n is not None else tf.cast(tf.shape(y_true)[-1], dtype)
    return y_true * (1.0 - label_smoothing) + label_smoothing / num_classes


def _categorical_inputs(fn_name, y_true, y_pred, label_smoothing, axis):
    """What the categorical losses start with: the axis check, ``y_pred`` as a tensor and
    ``y_true`` in its dtype (smoothed by ``label_smoothing``), and Keras's warning for a
    single-class ``y_pred``."""
    _check_axis(axis)
    y_pred = K.to_tensor(y_pred)
    y_true = K.cast(y_true, y_pred.dtype)
    if y_pred.shape.rank and y_pred.shape[-1] == 1:
        # stacklevel 3: past this helper and the loss function, at the loss's caller.
        warnings.warn(f"In loss {fn_name}, expected y_pred.shape to be (batch_size, num_classes) with "
                      f"num_classes > 1. Received: y_pred.shape={y_pred.shape}. Consider using "
                      "'binary_crossentropy' if you only have 2 classes.", SyntaxWarning, stacklevel=3)
    if label_smoothing:
        y_true = _smooth_one_hot(y_true, label_smoothing, y_pred.dtype)
    return y_true, y_pred


def categorical_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """``-sum(y_true * log(y_pred), axis)`` for one-hot (or soft) targets."""
    y_true, y_pred = _categorical_inputs("categorical_crossentropy", y_true, y_pred, label_smoothing, axis)
    return _categorical_crossentropy(y_true, y_pred, from_logits=from_logits, axis=axis)


def _scce_with_mask(y_true, y_pred, from_logits=False, ignore_class=None, axis=-1):
    """The sparse crossentropy and, with ``ignore_class``, the mask of entries that count."""
    if len(y_true.shape) == len(y_pred.shape) and y_true.shape[axis] == 1:
        y_true = tf.squeeze(K.to_tensor(y_true), axis=axis)
    if ignore_class is None:
        return _sparse_categorical_crossentropy(y_true, y_pred, from_logits=from_logits, axis=axis), None
    y_true = K.to_tensor(y_true)
    y_pred = K.to_tensor(y_pred)
    class_axis = axis % len(y_pred.shape)
    res_shape = [d for i, d in enumerate(y_pred.shape.as_list()) if i != class_axis]
    # Keras compares the labels in y_pred's float type (its promotion of int vs float).
    valid_mask = tf.not_equal(tf.cast(y_true, y_pred.dtype), K.const(ignore_class, y_pred.dtype))
    y_true = tf.where(valid_mask, y_true, tf.zeros_like(y_true))
    y_pred = tf.where(tf.expand_dims(valid_mask, axis), y_pred, tf.zeros_like(y_pred))
    res = _sparse_categorical_crossentropy(y_true, y_pred, from_logits=from_logits, axis=axis)
    if None not in res_shape:
        valid_mask = tf.reshape(valid_mask, res_shape)
    res = tf.where(valid_mask, res, tf.zeros_like(res))
    return res, valid_mask


def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False, ignore_class=None, axis=-1):
    """Categorical crossentropy with integer class labels.

    With ``ignore_class``, entries of that class give 0 and are masked out of the
    average a loss object takes (the mask rides on the result as ``_keras_mask`` where
    the tensor type allows it).
    """
    res, mask = _scce_with_mask(y_true, y_pred, from_logits=from_logits, ignore_class=ignore_class, axis=axis)
    if mask is not None:
        K.set_mask(res, mask)
    return res


# Loss and metric wrappers ask for the mask explicitly rather than reading it off the result.
sparse_categorical_crossentropy._with_mask = _scce_with_mask


def binary_focal_crossentropy(y_true, y_pred, apply_class_balancing=False, alpha=0.25, gamma=2.0,
                              from_logits=False, label_smoothing=0.0, axis=-1):
    """Binary crossentropy scaled by ``(1 - p_t) ** gamma`` to focus on hard examples,
    optionally weighted ``alpha`` for class 1 and ``1 - alpha`` for class 0."""
    y_true, y_pred = _binary_inputs(y_true, y_pred, label_smoothing)
    if from_logits:
        logits = y_pred
        y_pred = tf.sigmoid(y_pred)
        # Keras's sigmoid keeps its logits, so its crossentropy comes from them, unclipped.
        bce = tf.nn.sigmoid_cross_entropy_with_logits(labels=y_true, logits=logits)
    else:
        bce = _binary_crossentropy(y_true, y_pred, from_logits=False)
    one = K.const(1.0, y_pred.dtype)
    p_t = y_true * y_pred + (one - y_true) * (one - y_pred)
    focal_bce = tf.pow(one - p_t, K.const(gamma, y_pred.dtype)) * bce
    if apply_class_balancing:
        weight = y_true * alpha + (one - y_true) * (1.0 - alpha)
        focal_bce = weight * focal_bce
    return K.mean(focal_bce, axis=axis)


def categorical_focal_crossentropy(y_true, y_pred, alpha=0.25, gamma=2.0, from_logits=False,
                                   label_smoothing=0.0, axis=-1):
    """Categorical crossentropy scaled by ``alpha * (1 - p) ** gamma`` per class."""
    y_true, y_pred = _categorical_inputs("categorical_focal_crossentropy", y_true, y_pred, label_smoothing, axis)
    if from_logits:
        y_pred = tf.nn.softmax(y_pred, axis=axis)
    output = y_pred / tf.reduce_sum(y_pred, axis=axis, keepdims=True)
    output = _clip_probs(output)
    cce = -y_true * tf.math.log(output)
    one = K.const(1.0, y_pred.dtype)
    weighting = tf.pow(one - output, K.const(gamma, y_pred.dtype)) * K.to_tensor(alpha, y_pred.dtype)
    return tf.reduce_sum(weighting * cce, axis=axis)
