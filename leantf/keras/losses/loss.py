"""keras.losses.Loss: the base class, and the weighting/reduction every loss shares.

A loss object turns ``call(y_true, y_pred)`` (per-sample values) into one number: the
values are multiplied by the sample weights (merged with any Keras mask), then summed
and divided according to ``reduction``. Everything is composed of tf ops so a loss is
differentiable through GradientTape and traceable into graphs.
"""
import leantf as tf

from ...framework import dtypes, nest
from .. import naming
from . import _kops as K

__all__ = ["Loss", "Reduction", "standardize_reduction", "squeeze_or_expand_to_same_rank", "reduce_values",
           "reduce_weighted_values", "apply_mask"]

squeeze_or_expand_to_same_rank = K.squeeze_or_expand_to_same_rank


def _dtype_name(dtype):
    """Keras keeps a loss's or metric's dtype as a string; a DTypePolicy gives its compute dtype."""
    if dtype is None:
        return K.floatx()
    compute = getattr(dtype, "compute_dtype", None)
    if compute is not None:
        return compute
    return dtypes.as_dtype(dtype).name


class Loss:
    """Base class of losses: subclasses implement ``call(y_true, y_pred)``.

    ``reduction`` is one of ``"sum_over_batch_size"`` (default), ``"sum"``, ``"mean"``,
    ``"mean_with_sample_weight"``, ``"none"`` or None.
    """

    def __init__(self, name=None, reduction="sum_over_batch_size", dtype=None):
        self.name = name or naming.uniquify(naming.to_snake_case(self.__class__.__name__))
        self.reduction = standardize_reduction(reduction)
        self._dtype = _dtype_name(dtype)

    @property
    def dtype(self):
        return self._dtype

    def __call__(self, y_true, y_pred, sample_weight=None):
        in_mask = K.get_mask(y_pred)
        dtype = self._dtype
        y_pred = nest.map_structure(lambda x: K.to_tensor(x, dtype), y_pred)
        y_true = nest.map_structure(lambda x: K.to_tensor(x, dtype), y_true)
        losses, out_mask = self._call_with_mask(y_true, y_pred)
        if in_mask is not None and out_mask is not None:
            mask = tf.logical_and(tf.cast(in_mask, "bool"), tf.cast(out_mask, "bool"))
        else:
            mask = in_mask if in_mask is not None else out_mask
        return reduce_weighted_values(losses, sample_weight=sample_weight, mask=mask, reduction=self.reduction,
                                      dtype=dtype)

    def _call_with_mask(self, y_true, y_pred):
        # The per-sample losses and the mask they carry. A mask rides on the tensor in
        # Keras; wrappers whose function computes one hand it over explicitly instead,
        # since eager leantf tensors cannot always hold extra attributes.
        losses = self.call(y_true, y_pred)
        return losses, K.get_mask(losses)

    def call(self, y_true, y_pred):
        raise NotImplementedError

    def get_config(self):
        return {"name": self.name, "reduction": self.reduction}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def _obj_type(self):
        return "Loss"


_REDUCTIONS = ("sum_over_batch_size", "sum", None, "none", "mean", "mean_with_sample_weight")


def standardize_reduction(reduction):
    if reduction not in _REDUCTIONS:
        allowed = set(_REDUCTIONS)  # Keras prints the set itself (its order varies between runs)
        raise ValueError(f"Invalid value for argument `reduction`. Expected one of {allowed}. Received: "
                         f"reduction={reduction}")
    return reduction


def _num_elements(x, dtype):
    """The element count of ``x`` as a scalar of ``dtype`` (a constant when the shape is known)."""
    dims = x.shape.as_list() if x.shape.rank is not None else None
    if dims is not None and None not in dims:
        n = 1
        for d in dims:
            n *= d
        return K.const(n, dtype)
    return tf.cast(tf.reduce_prod(tf.shape(x)), dtype)


def reduce_values(values, sample_weight=None, reduction="sum_over_batch_size"):
    shape = values.shape
    if reduction is None or reduction == "none" or shape.rank == 0 or (shape.rank == 1 and shape[0] == 0):
        return values
    loss = K.ksum(values)
    if reduction in ("sum_over_batch_size", "mean", "mean_with_sample_weight"):
        if reduction == "mean_with_sample_weight" and sample_weight is not None:
            divisor = tf.cast(K.ksum(sample_weight), loss.dtype)
        else:
            divisor = _num_elements(values, loss.dtype)
        loss = tf.math.divide_no_nan(loss, divisor)
    return loss


def reduce_weighted_values(values, sample_weight=None, mask=None, reduction="sum_over_batch_size", dtype=None):
    reduction = standardize_reduction(reduction)
    values = K.to_tensor(values, dtype=dtype)
    if sample_weight is not None:
        sample_weight = K.to_tensor(sample_weight, dtype=dtype)
    if mask is not None:
        mask = K.to_tensor(mask, dtype=dtype)
    sample_weight = apply_mask(sample_weight, mask, dtype=values.dtype, reduction=reduction)
    if sample_weight is not None:
        sample_weight = tf.cast(sample_weight, values.dtype)
        values, sample_weight = K.squeeze_or_expand_to_same_rank(values, sample_weight)
        values = values * sample_weight
    return reduce_values(values, sample_weight, reduction)


def apply_mask(sample_weight, mask, dtype, reduction):
    """Merge a mask into the sample weights.

    For the averaging reductions the valid entries are scaled by total/valid, so that the
    average taken over all entries equals the average over the valid ones.
    """
    if mask is None:
        return sample_weight
    dtype = dtypes.as_dtype(dtype)
    if reduction in ("mean", "sum_over_batch_size"):
        total = _num_elements(mask, dtype)
        valid = K.ksum(tf.cast(mask, dtype))  # may be 0: divide_no_nan gives weight 0
        mask_weight = tf.math.divide_no_nan(total, valid)
        float_mask = tf.where(tf.cast(mask, "bool"), mask_weight, tf.zeros_like(mask_weight))
    else:
        float_mask = tf.cast(mask, dtype)
    if sample_weight is not None:
        sample_weight = tf.cast(sample_weight, dtype)
        float_mask, sample_weight = K.squeeze_or_expand_to_same_rank(float_mask, sample_weight)
        return sample_weight * float_mask
    return float_mask


class Reduction:
    """tf.keras.losses.Reduction: the Keras 2 reduction names, kept by TF for old code."""
    AUTO = "auto"
    NONE = "none"
    SUM = "sum"
    SUM_OVER_BATCH_SIZE = "sum_over_batch_size"

    @classmethod
    def all(cls):
        return (cls.AUTO, cls.NONE, cls.SUM, cls.SUM_OVER_BATCH_SIZE)

    @classmethod
    def validate(cls, key):
        if key not in cls.all():
            raise ValueError(f'Invalid Reduction Key: {key}. Expected keys are "{cls.all()}"')
