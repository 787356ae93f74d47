"""Accuracy metrics: per-sample match functions and their running-mean classes."""
import leantf as tf

from ...framework import dtypes
from ..losses import _kops as K
from ..saving import serialization as _ser
from .reduction_metrics import _BuiltinMetric

__all__ = ["accuracy", "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy",
           "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy", "Accuracy", "BinaryAccuracy",
           "CategoricalAccuracy", "SparseCategoricalAccuracy", "TopKCategoricalAccuracy",
           "SparseTopKCategoricalAccuracy"]


def _matches(a, b):
    return tf.cast(tf.equal(a, b), K.floatx())


def _argmax(x):
    # Keras's argmax returns int32 indices.
    return tf.argmax(x, axis=-1, output_type=dtypes.int32)


def accuracy(y_true, y_pred):
    """1.0 where ``y_true == y_pred`` exactly, else 0.0."""
    y_pred = K.to_tensor(y_pred)
    y_true = K.to_tensor(y_true, dtype=y_pred.dtype)
    y_true, y_pred = K.squeeze_or_expand_to_same_rank(y_true, y_pred)
    return _matches(y_true, y_pred)


def binary_accuracy(y_true, y_pred, threshold=0.5):
    """1.0 where ``(y_pred > threshold)`` equals the 0/1 label."""
    y_pred = K.to_tensor(y_pred)
    y_true = K.to_tensor(y_true)
    threshold = K.to_tensor(threshold)
    y_true, y_pred = K.squeeze_or_expand_to_same_rank(y_true, y_pred)
    # Keras compares in the promoted type: float64 predictions see float32's threshold widened.
    if y_pred.dtype != threshold.dtype:
        if y_pred.dtype.is_floating and y_pred.dtype.size > threshold.dtype.size:
            threshold = tf.cast(threshold, y_pred.dtype)
        else:
            y_pred = tf.cast(y_pred, threshold.dtype)
    y_pred = tf.cast(tf.greater(y_pred, threshold), y_true.dtype)
    return _matches(y_true, y_pred)


def categorical_accuracy(y_true, y_pred):
    """1.0 where the arg-max of the one-hot ``y_true`` is the arg-max of ``y_pred``."""
    y_true = _argmax(K.to_tensor(y_true))
    y_pred = K.to_tensor(y_pred)
    y_true = K.to_tensor(y_true, dtype=y_pred.dtype)
    return _class_matches(y_true, y_pred, squeeze_any=True)


def _class_matches(y_true, y_pred, squeeze_any):
    """Match class ids ``y_true`` against the arg-max of ``y_pred``, keeping ``y_true``'s shape."""
    reshape_matches = False
    org_shape = y_true.shape
    if len(y_true.shape) == len(y_pred.shape) and (squeeze_any or y_true.shape[-1] == 1):
        y_true = tf.squeeze(y_true, -1)
        reshape_matches = True
    y_pred = _argmax(y_pred)
    if y_pred.dtype != y_true.dtype:
        y_pred = tf.cast(y_pred, y_true.dtype)
    matches = _matches(y_true, y_pred)
    if reshape_matches:
        matches = tf.reshape(matches, _shape_arg(org_shape, y_true))
    return matches


def _shape_arg(shape, like):
    dims = shape.as_list()
    return dims if None not in dims else tf.shape(like)


def sparse_categorical_accuracy(y_true, y_pred):
    """1.0 where the integer label equals the arg-max of ``y_pred``."""
    y_pred = K.to_tensor(y_pred)
    y_true = K.to_tensor(y_true, dtype=y_pred.dtype)
    matches = _class_matches(y_true, y_pred, squeeze_any=False)
    if len(matches.shape) > 1 and matches.shape[-1] == 1:
        matches = tf.squeeze(matches, -1)
    return matches


def in_top_k(targets, predictions, k):
    """TF's ``in_top_k``: whether each target's score is among the ``k`` largest of its row.

    Ties at the boundary count as inside (fewer than ``k`` scores are strictly larger);
    a row with a non-finite score, or an out-of-range target, gives False.
    """
    num_classes = predictions.shape[-1]
    targets = tf.cast(targets, dtypes.int32)
    is_target = tf.equal(tf.expand_dims(targets, -1), tf.range(num_classes, dtype=dtypes.int32))
    zero = tf.zeros_like(predictions)
    target_score = tf.reduce_sum(tf.where(is_target, predictions, zero), axis=-1, keepdims=True)
    larger = tf.reduce_sum(tf.cast(tf.greater(predictions, target_score), dtypes.int32), axis=-1)
    in_range = tf.logical_and(tf.greater_equal(targets, 0), tf.less(targets, num_classes))
    finite = tf.reduce_all(tf.math.is_finite(predictions), axis=-1)
    return tf.logical_and(tf.logical_and(in_range, finite), tf.less(larger, k))


def _flatten_for_top_k(y_true, y_pred):
    reshape_matches = len(y_true.shape) > 1
    if len(y_pred.shape) > 2:
        y_pred = tf.reshape(y_pred, [-1, y_pred.shape[-1]])
    if reshape_matches:
        y_true = tf.reshape(y_true, [-1])
    return y_true, y_pred, reshape_matches


def top_k_categorical_accuracy(y_true, y_pred, k=5):
    """1.0 where the one-hot target's class is among the ``k`` highest predictions."""
    y_pred = K.to_tensor(y_pred)
    y_true = _argmax(K.to_tensor(y_true, dtype=y_pred.dtype))
    org_shape = y_true.shape
    org = y_true
    y_true, y_pred, reshape_matches = _flatten_for_top_k(y_true, y_pred)
    matches = tf.cast(in_top_k(y_true, y_pred, k), K.floatx())
    if reshape_matches:
        matches = tf.reshape(matches, _shape_arg(org_shape, org))
    return matches


def sparse_top_k_categorical_accuracy(y_true, y_pred, k=5, from_sorted_ids=False):
    """1.0 where the integer label is among the ``k`` highest predictions (or, with
    ``from_sorted_ids``, among the first ``k`` ids of ``y_pred``)."""
    y_pred = K.to_tensor(y_pred)
    y_true = K.to_tensor(y_true, dtype=y_pred.dtype if from_sorted_ids else "int32")
    org_shape = y_true.shape
    org = y_true
    y_true, y_pred, reshape_matches = _flatten_for_top_k(y_true, y_pred)
    if from_sorted_ids:
        # the first k ids are the top k; `any` counts a repeated id once
        matches = tf.reduce_any(tf.equal(tf.expand_dims(y_true, 1), y_pred[:, :k]), axis=1)
    else:
        matches = in_top_k(y_true, y_pred, k)
    matches = tf.cast(matches, K.floatx())
    if reshape_matches:
        matches = tf.reshape(matches, _shape_arg(org_shape, org))
    return matches


# Each class spells out its own __init__ (Keras's signature) so that argument errors name it.
class Accuracy(_BuiltinMetric):
    """How often predictions equal labels."""
    _better = "up"

    def __init__(self, name="accuracy", dtype=None):
        super().__init__(accuracy, name, dtype)


class BinaryAccuracy(_BuiltinMetric):
    """How often ``y_pred > threshold`` matches the binary label."""
    _config_keys = ("threshold",)
    _better = "up"

    def __init__(self, name="binary_accuracy", dtype=None, threshold=0.5):
        super().__init__(binary_accuracy, name, dtype, threshold=threshold)


class CategoricalAccuracy(_BuiltinMetric):
    """How often the predicted class matches the one-hot label."""
    _better = "up"

    def __init__(self, name="categorical_accuracy", dtype=None):
        super().__init__(categorical_accuracy, name, dtype)


class SparseCategoricalAccuracy(_BuiltinMetric):
    """How often the predicted class matches the integer label."""
    _better = "up"

    def __init__(self, name="sparse_categorical_accuracy", dtype=None):
        super().__init__(sparse_categorical_accuracy, name, dtype)


class TopKCategoricalAccuracy(_BuiltinMetric):
    """How often the one-hot label is among the top ``k`` predictions."""
    _config_keys = ("k",)
    _better = "up"

    def __init__(self, k=5, name="top_k_categorical_accuracy", dtype=None):
        super().__init__(top_k_categorical_accuracy, name, dtype, k=k)


class SparseTopKCategoricalAccuracy(_BuiltinMetric):
    """How often the integer label is among the top ``k`` predictions."""
    _config_keys = ("k",)
    _better = "up"

    def __init__(self, k=5, name="sparse_top_k_categorical_accuracy", dtype=None, from_sorted_ids=False):
        super().__init__(sparse_top_k_categorical_accuracy, name, dtype, k=k, from_sorted_ids=from_sorted_ids)
        self.from_sorted_ids = from_sorted_ids

    def get_config(self):
        config = super().get_config()
        if self.from_sorted_ids:  # in the config only when set, as in Keras
            config["from_sorted_ids"] = True
        return config


for _fn in (binary_accuracy, categorical_accuracy, sparse_categorical_accuracy, top_k_categorical_accuracy,
            sparse_top_k_categorical_accuracy):
    _ser.register_builtin("keras.metrics", _fn)
