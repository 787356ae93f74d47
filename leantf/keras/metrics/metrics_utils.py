"""Thresholded confusion-matrix counting (Precision, Recall, AUC ...), in NumPy.

Counting needs no gradient, so it runs on the concrete arrays directly. The arithmetic
is Keras's, step for step in float32, so bucket boundaries and sums land on the same
values: predictions are compared with ``>`` against each threshold; with evenly spaced
thresholds each prediction instead falls into the bucket ``ceil(p * (n - 1)) - 1`` and
the counts are reverse cumulative sums of the per-bucket weights (Keras's fast path,
which gives the same counts in O(n + samples) instead of O(n * samples)).
"""
import enum

import numpy as np

from ..losses import _kops as K

__all__ = ["NEG_INF", "ConfusionMatrix", "AUCCurve", "AUCSummationMethod", "parse_init_thresholds",
           "is_evenly_distributed_thresholds", "update_confusion_matrix_variables"]

NEG_INF = -1e10
_F32 = np.float32


class ConfusionMatrix(enum.Enum):
    TRUE_POSITIVES = "tp"
    FALSE_POSITIVES = "fp"
    TRUE_NEGATIVES = "tn"
    FALSE_NEGATIVES = "fn"


class AUCCurve(enum.Enum):
    ROC = "ROC"
    PR = "PR"
    PRGAIN = "PRGAIN"

    @staticmethod
    def from_str(key):
        if key in ("pr", "PR"):
            return AUCCurve.PR
        if key in ("roc", "ROC"):
            return AUCCurve.ROC
        if key in ("prgain", "PRGAIN"):
            return AUCCurve.PRGAIN
        raise ValueError(f'Invalid AUC curve value: "{key}". Expected values are ["PR", "ROC", "PRGAIN"]')


class AUCSummationMethod(enum.Enum):
    INTERPOLATION = "interpolation"
    MAJORING = "majoring"
    MINORING = "minoring"

    @staticmethod
    def from_str(key):
        if key in ("interpolation", "Interpolation"):
            return AUCSummationMethod.INTERPOLATION
        if key in ("majoring", "Majoring"):
            return AUCSummationMethod.MAJORING
        if key in ("minoring", "Minoring"):
            return AUCSummationMethod.MINORING
        raise ValueError(f'Invalid AUC summation method value: "{key}". Expected values are '
                         '["interpolation", "majoring", "minoring"]')


def _to_list(x):
    return x if isinstance(x, list) else [x]


def parse_init_thresholds(thresholds, default_threshold=0.5):
    if thresholds is not None:
        invalid = [t for t in _to_list(thresholds) if t is None or t < 0 or t > 1]
        if invalid:
            raise ValueError(f"Threshold values must be in [0, 1]. Received: {invalid}")
    return _to_list(default_threshold if thresholds is None else thresholds)


def is_evenly_distributed_thresholds(thresholds):
    n = len(thresholds)
    if n < 3:
        return False
    even = np.arange(n, dtype=_F32) / (n - 1)
    return np.allclose(thresholds, even, atol=K.epsilon())


def _squeeze_or_expand(x1, x2, expand_rank_1=True):
    """``squeeze_or_expand_to_same_rank`` on arrays."""
    r1, r2 = x1.ndim, x2.ndim
    if r1 == r2:
        return x1, x2
    if r1 == r2 + 1 and x1.shape[-1] == 1:
        if r2 == 1 and expand_rank_1:
            x2 = x2[..., None]
        else:
            x1 = x1[..., 0]
    if r2 == r1 + 1 and x2.shape[-1] == 1:
        if r1 == 1 and expand_rank_1:
            x1 = x1[..., None]
        else:
            x2 = x2[..., 0]
    return x1, x2


def _filter_top_k(x, k):
    """Keep the ``k`` largest entries of each row; the rest become NEG_INF (ties: lower index first)."""
    order = np.argsort(-x, axis=-1, kind="stable")[..., :k]
    keep = np.zeros(x.shape, dtype=bool)
    np.put_along_axis(keep, order, True, axis=-1)
    return np.where(keep, x, _F32(NEG_INF)).astype(_F32)


def _array(x):
    return np.asarray(x, dtype=_F32) if not hasattr(x, "numpy") else np.asarray(x.numpy(), dtype=_F32)


def update_confusion_matrix_variables(variables_to_update, y_true, y_pred, thresholds, top_k=None,
                                      class_id=None, sample_weight=None, multi_label=False, label_weights=None,
                                      thresholds_distributed_evenly=False):
    """Add this batch's thresholded confusion counts to the given variables.

    ``variables_to_update`` maps ConfusionMatrix members to float32 variables of shape
    ``(len(thresholds),)`` (or ``(len(thresholds), num_labels)`` with ``multi_label``).
    """
    from .metric import accumulate
    if multi_label and label_weights is not None:
        raise ValueError("`label_weights` for multilabel data should be handled outside of "
                         "`update_confusion_matrix_variables` when `multi_label` is True.")
    if variables_to_update is None:
        return
    y_true = _array(y_true)
    y_pred = _array(y_pred)
    thresholds_f64 = np.asarray(thresholds, dtype=np.float64)
    thresholds = thresholds_f64.astype(_F32)
    y_pred, y_true = _squeeze_or_expand(y_pred, y_true)
    if sample_weight is not None:
        sample_weight = _array(sample_weight)[..., None]
        _, sample_weight = _squeeze_or_expand(y_true, sample_weight, expand_rank_1=False)
    if top_k is not None:
        y_pred = _filter_top_k(y_pred, top_k)
    if class_id is not None:
        if y_pred.ndim == 1:
            raise ValueError("When class_id is provided, y_pred must be a 2D array with shape (num_samples, "
                             f"num_classes), found shape: {tuple(y_pred.shape)}")
        y_true = y_true[..., class_id, None]
        y_pred = y_pred[..., class_id, None]
    if label_weights is not None:
        label_weights = _array(label_weights)
    if thresholds_distributed_evenly:
        counts = _counts_bucketed(y_true, y_pred, thresholds, multi_label, sample_weight, label_weights,
                                  with_epsilon=bool(thresholds_f64[0] < 0.0 or thresholds_f64[-1] > 1.0),
                                  need_negatives=_needs_negatives(variables_to_update))
    else:
        counts = _counts_tiled(y_true, y_pred, thresholds, multi_label, sample_weight, label_weights,
                               variables_to_update)
    for key, var in variables_to_update.items():
        accumulate(var, counts[key])


def _needs_negatives(variables_to_update):
    return (ConfusionMatrix.TRUE_NEGATIVES in variables_to_update
            or ConfusionMatrix.FALSE_NEGATIVES in variables_to_update)


def _weights(sample_weight, label_weights, y_pred, multi_label):
    w = _F32(1.0)
    if sample_weight is not None:
        w = np.broadcast_to(sample_weight, y_pred.shape)
    if label_weights is not None:
        w = w * np.broadcast_to(label_weights[None], y_pred.shape)
    w = np.asarray(w, dtype=_F32)
    if not multi_label and w.ndim:
        w = w.reshape(-1)
    return w


def _counts_bucketed(y_true, y_pred, thresholds, multi_label, sample_weight, label_weights, with_epsilon,
                     need_negatives):
    n = thresholds.shape[0]
    weights = _weights(sample_weight, label_weights, y_pred, multi_label)
    y_pred = np.clip(y_pred, _F32(0.0), _F32(1.0))
    y_true = (y_true != 0).astype(_F32)
    if not multi_label:
        y_true = y_true.reshape(-1)
        y_pred = y_pred.reshape(-1)
    true_labels = y_true * weights
    false_labels = (_F32(1.0) - y_true) * weights
    bucket = np.ceil(y_pred * _F32(n - 1)) - _F32(1.0)
    if with_epsilon:
        bucket = np.maximum(bucket, _F32(0.0))
    bucket = bucket.astype(np.int64)
    valid = bucket >= 0  # TF's unsorted_segment_sum drops negative segment ids

    def bucket_sums(labels):
        if multi_label:  # one row of buckets per label
            num_labels = labels.shape[1]
            ids = bucket + np.arange(num_labels)[None, :] * n
            sums = np.bincount(ids[valid], weights=labels[valid], minlength=n * num_labels)
            return sums.astype(_F32).reshape(num_labels, n).T
        return np.bincount(bucket[valid], weights=np.broadcast_to(labels, bucket.shape)[valid],
                           minlength=n).astype(_F32)

    def reverse_cumsum(x):
        return np.cumsum(x[::-1], axis=0, dtype=_F32)[::-1]

    tp = reverse_cumsum(bucket_sums(true_labels))
    fp = reverse_cumsum(bucket_sums(false_labels))
    counts = {ConfusionMatrix.TRUE_POSITIVES: tp, ConfusionMatrix.FALSE_POSITIVES: fp}
    if need_negatives:
        axis = 0 if multi_label else None
        total_true = np.sum(np.broadcast_to(true_labels, y_pred.shape), axis=axis, dtype=_F32)
        total_false = np.sum(np.broadcast_to(false_labels, y_pred.shape), axis=axis, dtype=_F32)
        counts[ConfusionMatrix.TRUE_NEGATIVES] = total_false - fp
        counts[ConfusionMatrix.FALSE_NEGATIVES] = total_true - tp
    return counts


def _counts_tiled(y_true, y_pred, thresholds, multi_label, sample_weight, label_weights, variables_to_update):
    """Compare every prediction with every threshold: shape (thresholds, samples[, labels])."""
    if multi_label:
        preds = y_pred[None]
        labels = (y_true != 0)[None]
        thresh = thresholds.reshape(-1, 1, 1)
    else:
        preds = y_pred.reshape(1, -1)
        labels = (y_true != 0).reshape(1, -1)
        thresh = thresholds.reshape(-1, 1)
    pred_is_pos = preds > thresh
    weights = None
    if sample_weight is not None:
        weights = np.broadcast_to(sample_weight.astype(_F32), y_pred.shape).reshape(preds.shape)
    if label_weights is not None and not multi_label:
        lw = np.broadcast_to(label_weights[None], y_pred.shape).reshape(preds.shape)
        weights = lw if weights is None else weights * lw

    def count(label, pred):
        hit = np.logical_and(label, pred)
        if weights is not None:
            return np.sum(np.where(hit, weights, _F32(0.0)), axis=1, dtype=_F32)
        return np.sum(hit, axis=1, dtype=_F32)

    counts = {}
    for key in variables_to_update:
        if key is ConfusionMatrix.TRUE_POSITIVES:
            counts[key] = count(labels, pred_is_pos)
        elif key is ConfusionMatrix.FALSE_POSITIVES:
            counts[key] = count(~labels, pred_is_pos)
        elif key is ConfusionMatrix.TRUE_NEGATIVES:
            counts[key] = count(~labels, ~pred_is_pos)
        elif key is ConfusionMatrix.FALSE_NEGATIVES:
            counts[key] = count(labels, ~pred_is_pos)
        else:
            raise ValueError(f'Invalid keys: "{[key]}". Valid variable key options are: "{list(ConfusionMatrix)}"')
    return counts
