"""Metrics over thresholded confusion matrices: TP/FP/TN/FN counts, Precision, Recall, AUC.

The counts accumulate in float32 variables (metrics_utils); results are computed from
them with Keras's formulas in float32 and returned as tensors.
"""
import numpy as np

import leantf as tf

from ..losses import _kops as K
from . import metrics_utils as mu
from .metric import Metric, assign_array

__all__ = ["TruePositives", "FalsePositives", "TrueNegatives", "FalseNegatives", "Precision", "Recall", "AUC"]

_F32 = np.float32
_CM = mu.ConfusionMatrix


def _divide_no_nan(a, b):
    a, b = np.asarray(a, _F32), np.asarray(b, _F32)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(b == 0, _F32(0.0), a / np.where(b == 0, _F32(1.0), b)).astype(_F32)


def _tensor(array):
    return tf.constant(np.asarray(array, dtype=_F32))


class _ConfusionMatrixConditionCount(Metric):
    """The (weighted) count of one confusion-matrix cell, per threshold."""

    def __init__(self, confusion_matrix_cond, thresholds=None, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self._confusion_matrix_cond = confusion_matrix_cond
        self.init_thresholds = thresholds
        self.thresholds = mu.parse_init_thresholds(thresholds, default_threshold=0.5)
        self._thresholds_distributed_evenly = mu.is_evenly_distributed_thresholds(self.thresholds)
        self.accumulator = self.add_variable(shape=(len(self.thresholds),), initializer="zeros",
                                             name="accumulator")

    def update_state(self, y_true, y_pred, sample_weight=None):
        return mu.update_confusion_matrix_variables(
            {self._confusion_matrix_cond: self.accumulator}, y_true, y_pred, thresholds=self.thresholds,
            thresholds_distributed_evenly=self._thresholds_distributed_evenly, sample_weight=sample_weight)

    def result(self):
        if len(self.thresholds) == 1:
            return _tensor(self.accumulator._value[0])
        # Keras hands back the accumulator variable itself here (its convert_to_tensor
        # passes variables through), so the "result" keeps following later updates.
        return self.accumulator

    def get_config(self):
        return {**super().get_config(), "thresholds": self.init_thresholds}


def _condition_count(cls_name, cond, doc):
    def __init__(self, thresholds=None, name=None, dtype=None):
        _ConfusionMatrixConditionCount.__init__(self, confusion_matrix_cond=cond, thresholds=thresholds, name=name,
                                                dtype=dtype)
    return type(cls_name, (_ConfusionMatrixConditionCount,), {"__init__": __init__, "__doc__": doc,
                                                              "__module__": __name__})


TruePositives = _condition_count("TruePositives", _CM.TRUE_POSITIVES, "Weighted count of true positives.")
FalsePositives = _condition_count("FalsePositives", _CM.FALSE_POSITIVES, "Weighted count of false positives.")
TrueNegatives = _condition_count("TrueNegatives", _CM.TRUE_NEGATIVES, "Weighted count of true negatives.")
FalseNegatives = _condition_count("FalseNegatives", _CM.FALSE_NEGATIVES, "Weighted count of false negatives.")


class _PrecisionRecall(Metric):
    """Shared by Precision and Recall: TP plus one other count, per threshold."""
    _other = None  # (ConfusionMatrix member, variable name)

    def __init__(self, thresholds=None, top_k=None, class_id=None, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self._direction = "up"
        self.init_thresholds = thresholds
        self.top_k = top_k
        self.class_id = class_id
        # With top_k, everything kept counts as predicted positive.
        default_threshold = 0.5 if top_k is None else mu.NEG_INF
        self.thresholds = mu.parse_init_thresholds(thresholds, default_threshold=default_threshold)
        self._thresholds_distributed_evenly = mu.is_evenly_distributed_thresholds(self.thresholds)
        self.true_positives = self.add_variable(shape=(len(self.thresholds),), initializer="zeros",
                                                name="true_positives")
        other = self.add_variable(shape=(len(self.thresholds),), initializer="zeros", name=self._other[1])
        setattr(self, self._other[1], other)

    def update_state(self, y_true, y_pred, sample_weight=None):
        mu.update_confusion_matrix_variables(
            {_CM.TRUE_POSITIVES: self.true_positives, self._other[0]: getattr(self, self._other[1])},
            y_true, y_pred, thresholds=self.thresholds,
            thresholds_distributed_evenly=self._thresholds_distributed_evenly, top_k=self.top_k,
            class_id=self.class_id, sample_weight=sample_weight)

    def result(self):
        tp = self.true_positives._value
        value = _divide_no_nan(tp, tp + getattr(self, self._other[1])._value)
        return _tensor(value[0] if len(self.thresholds) == 1 else value)

    def reset_state(self):
        zeros = np.zeros((len(self.thresholds),), _F32)
        assign_array(self.true_positives, zeros)
        assign_array(getattr(self, self._other[1]), zeros)

    def get_config(self):
        return {**super().get_config(), "thresholds": self.init_thresholds, "top_k": self.top_k,
                "class_id": self.class_id}


class Precision(_PrecisionRecall):
    """``TP / (TP + FP)`` at each threshold (one threshold gives a scalar)."""
    _other = (_CM.FALSE_POSITIVES, "false_positives")


class Recall(_PrecisionRecall):
    """``TP / (TP + FN)`` at each threshold (one threshold gives a scalar)."""
    _other = (_CM.FALSE_NEGATIVES, "false_negatives")


class AUC(Metric):
    """Area under the ROC or PR curve, from confusion counts at ``num_thresholds`` thresholds.

    Thresholds are spread evenly over [0, 1] (the end ones nudged by epsilon so that
    predictions of exactly 0 and 1 are counted); the curve is integrated with a Riemann
    sum using ``summation_method`` (for PR with interpolation, Davis & Goadrich's
    interpolation of precision between thresholds).
    """

    def __init__(self, num_thresholds=200, curve="ROC", summation_method="interpolation", name=None, dtype=None,
                 thresholds=None, multi_label=False, num_labels=None, label_weights=None, from_logits=False):
        self._direction = "up"
        self._init_from_thresholds = thresholds is not None
        if thresholds is not None:
            self.num_thresholds = len(thresholds) + 2
            thresholds = sorted(thresholds)
            self._thresholds_distributed_evenly = mu.is_evenly_distributed_thresholds(
                np.array([0.0] + thresholds + [1.0]))
        else:
            if num_thresholds <= 1:
                raise ValueError("Argument `num_thresholds` must be an integer > 1. "
                                 f"Received: num_thresholds={num_thresholds}")
            self.num_thresholds = num_thresholds
            thresholds = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
            self._thresholds_distributed_evenly = True
        eps = K.epsilon()
        self._thresholds = np.array([0.0 - eps] + thresholds + [1.0 + eps])
        self.curve = curve if isinstance(curve, mu.AUCCurve) else mu.AUCCurve.from_str(curve)
        self.summation_method = (summation_method if isinstance(summation_method, mu.AUCSummationMethod)
                                 else mu.AUCSummationMethod.from_str(summation_method))
        super().__init__(name=name, dtype=dtype)
        self.multi_label = multi_label
        self.num_labels = num_labels
        self.label_weights = tf.constant(np.asarray(label_weights, dtype=self.dtype)) \
            if label_weights is not None else None
        self._from_logits = from_logits
        self._built = False
        if self.multi_label:
            if num_labels:
                self._build([None, num_labels])
        else:
            if num_labels:
                raise ValueError("`num_labels` is needed only when `multi_label` is True.")
            self._build(None)

    @property
    def thresholds(self):
        return list(self._thresholds)

    def _build(self, shape):
        if self.multi_label:
            if len(shape) != 2:
                raise ValueError(f"`y_pred` must have rank 2 when `multi_label=True`. Found rank {len(shape)}. "
                                 f"Full shape received for `y_pred`: {_shape_text(shape)}")
            self._num_labels = shape[1]
            variable_shape = [self.num_thresholds, self._num_labels]
        else:
            variable_shape = [self.num_thresholds]
        self._build_input_shape = shape
        for var_name in ("true_positives", "false_positives", "true_negatives", "false_negatives"):
            setattr(self, var_name, self.add_variable(shape=variable_shape, initializer="zeros", name=var_name))
        self._built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        if not self._built:
            self._build(y_pred.shape)
        label_weights = None if self.multi_label else self.label_weights
        if self._from_logits:
            y_pred = tf.sigmoid(K.to_tensor(y_pred))
        mu.update_confusion_matrix_variables(
            {_CM.TRUE_POSITIVES: self.true_positives, _CM.TRUE_NEGATIVES: self.true_negatives,
             _CM.FALSE_POSITIVES: self.false_positives, _CM.FALSE_NEGATIVES: self.false_negatives},
            y_true, y_pred, self._thresholds, thresholds_distributed_evenly=self._thresholds_distributed_evenly,
            sample_weight=sample_weight, multi_label=self.multi_label, label_weights=label_weights)

    def _counts(self):
        if not self._built:  # multi-label AUC before its first batch: no counts yet
            z = np.zeros((self.num_thresholds, 0), _F32)
            return z, z, z, z
        return (self.true_positives._value, self.false_positives._value, self.true_negatives._value,
                self.false_negatives._value)

    def _per_label_mean(self, by_label_auc):
        if self.label_weights is None:
            return np.mean(by_label_auc, dtype=_F32) if by_label_auc.size else _F32(np.nan)
        lw = np.asarray(self.label_weights, _F32)
        return _divide_no_nan(np.sum(by_label_auc * lw, dtype=_F32), np.sum(lw, dtype=_F32))

    def _total(self, terms):
        if self.multi_label:
            return self._per_label_mean(np.sum(terms, axis=0, dtype=_F32))
        return np.sum(terms, dtype=_F32)

    def interpolate_pr_auc(self):
        """PR-AUC with precision interpolated between thresholds (Davis & Goadrich 2006)."""
        tp, fp, _, fn = self._counts()
        n = self.num_thresholds
        dtp = tp[:n - 1] - tp[1:]
        p = tp + fp
        dp = p[:n - 1] - p[1:]
        prec_slope = _divide_no_nan(dtp, np.maximum(dp, _F32(0)))
        intercept = tp[1:] - prec_slope * p[1:]
        both_positive = np.logical_and(p[:n - 1] > 0, p[1:] > 0)
        safe_p_ratio = np.where(both_positive, _divide_no_nan(p[:n - 1], np.maximum(p[1:], _F32(0))), _F32(1))
        with np.errstate(divide="ignore", invalid="ignore"):
            increment = _divide_no_nan(prec_slope * (dtp + intercept * np.log(safe_p_ratio)),
                                       np.maximum(tp[1:] + fn[1:], _F32(0)))
        return _tensor(self._total(increment))

    def result(self):
        if self.curve is mu.AUCCurve.PR and self.summation_method is mu.AUCSummationMethod.INTERPOLATION:
            return self.interpolate_pr_auc()
        tp, fp, tn, fn = self._counts()
        n = self.num_thresholds
        recall = _divide_no_nan(tp, tp + fn)
        if self.curve is mu.AUCCurve.ROC:
            x, y = _divide_no_nan(fp, fp + tn), recall
        elif self.curve is mu.AUCCurve.PR:
            x, y = recall, _divide_no_nan(tp, tp + fp)
        else:  # PRGAIN
            scaling = _divide_no_nan(tp + fn, tn + fp)
            recall_gain = _F32(1) - scaling * _divide_no_nan(fn, tp)
            precision_gain = _F32(1) - scaling * _divide_no_nan(fp, tp)
            recall_gain = np.maximum(np.where(tp == 0, _F32(0), recall_gain), _F32(0))
            precision_gain = np.where(tp == 0, _F32(1), precision_gain)
            x, y = recall_gain, precision_gain
        if self.summation_method is mu.AUCSummationMethod.INTERPOLATION:
            heights = (y[:n - 1] + y[1:]) / _F32(2.0)
        elif self.summation_method is mu.AUCSummationMethod.MINORING:
            heights = np.minimum(y[:n - 1], y[1:])
        else:
            heights = np.maximum(y[:n - 1], y[1:])
        return _tensor(self._total((x[:n - 1] - x[1:]) * heights))

    def reset_state(self):
        if self._built:
            for v in (self.true_positives, self.false_positives, self.true_negatives, self.false_negatives):
                assign_array(v, np.zeros(tuple(v.shape), _F32))

    def get_config(self):
        config = {"num_thresholds": self.num_thresholds, "curve": self.curve.value,
                  "summation_method": self.summation_method.value, "multi_label": self.multi_label,
                  "num_labels": self.num_labels, "label_weights": self.label_weights,
                  "from_logits": self._from_logits}
        if self._init_from_thresholds:
            config["thresholds"] = self.thresholds[1:-1]
        return {**super().get_config(), **config}


def _shape_text(shape):
    return str(tf.TensorShape(shape)) if not isinstance(shape, tf.TensorShape) else str(shape)
