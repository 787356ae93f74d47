"""tf.nn activations, softmax, cross-entropies, normalisation helpers, dropout, embeddings.

Most ops are compositions of math primitives, written the way TF's Python writes them so
values and gradients agree (including at kinks). A few get their own primitive:

- ``Relu``/``Relu6`` (+ their ``*Grad``): the hottest activations; one kernel each way
  instead of a compare + select, and TF's zero gradient at the kinks.
- ``Softplus``: numerical stability (and TF's float-eps thresholds, so values match).
- ``Softmax``/``LogSoftmax``: stability (max-shift) in one fused pass.
- ``SoftmaxCrossEntropyWithLogits`` and ``SparseSoftmaxCrossEntropyWithLogits``: the
  fused, stable loss; the gradient reuses the softmax primitive (sparse: one fused
  ``softmax - onehot`` backprop primitive so no one-hot tensor is materialised).

Every gradient is written with leantf ops, so gradients of gradients work.
"""
import math as _math
import numbers

import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError, eager_message
from ..framework.primitive import ShapeError, primitive, tf_type_name
from ..framework.tensor import EagerTensor, convert_to_tensor
from ..framework.tensor_shape import TensorShape
from . import math_ops as m
from .basic_ops import _reshape, cast, reshape, stop_gradient, where, zeros_like, sum_to
from .core import as_tensor, is_tensor_like, same_dtype_inputs
from .reduction_ops import reduce_mean, reduce_sum
from .shape_rules import dims_text
from .sliding_windows import masked

__all__ = ["relu", "relu6", "elu", "selu", "gelu", "leaky_relu", "softplus", "softsign", "silu", "swish",
           "softmax", "log_softmax", "bias_add", "dropout", "l2_loss", "l2_normalize", "moments",
           "batch_normalization", "embedding_lookup", "sparse_softmax_cross_entropy_with_logits",
           "softmax_cross_entropy_with_logits", "sigmoid_cross_entropy_with_logits",
           "weighted_cross_entropy_with_logits", "log_poisson_loss", "normalize_moments",
           "sufficient_statistics", "crelu", "zero_fraction"]


# -- TF's "attr 'T' not in the list of allowed values" text, in each op's own type order ------------
class _Allowed:
    """An op's allowed-type list as TF prints it (its order differs from op to op)."""
    __slots__ = ("op", "names", "set", "signature")

    def __init__(self, op, names, signature="features:T -> activations:T"):
        self.op, self.names, self.signature = op, names.split(), signature
        by_name = {"float": dtypes.float32, "double": dtypes.float64, "half": dtypes.float16}
        self.set = frozenset(by_name.get(n) or dtypes.as_dtype(n) for n in self.names if not n.startswith("q"))

    def check(self, dtype):
        if dtype not in self.set:
            raise InvalidArgumentError(None, None, (
                f"Value for attr 'T' of {tf_type_name(dtype)} is not in the list of allowed values: "
                f"{', '.join(self.names)}\n\t; NodeDef: {{{{node {self.op}}}}}; Op<name={self.op}; "
                f"signature={self.signature}; attr=T:type,allowed=[{', '.join('DT_' + n.upper() for n in self.names)}]"
                f"> [Op:{self.op}] name: "))


_FLOATS = "half bfloat16 float double"
_RELU_T = _Allowed("Relu", "float double int32 uint8 int16 int8 int64 bfloat16 uint16 half uint32 uint64 qint8")
_RELU6_T = _Allowed("Relu6", "float double int32 uint8 int16 int8 int64 bfloat16 uint16 half uint32 uint64")
_ELU_T = _Allowed("Elu", _FLOATS)
_SELU_T = _Allowed("Selu", _FLOATS)
_SOFTPLUS_T = _Allowed("Softplus", _FLOATS)
_SOFTSIGN_T = _Allowed("Softsign", _FLOATS)
_SOFTMAX_T = _Allowed("Softmax", _FLOATS, "logits:T -> softmax:T")
_LOG_SOFTMAX_T = _Allowed("LogSoftmax", _FLOATS, "logits:T -> logsoftmax:T")
_L2LOSS_T = _Allowed("L2Loss", _FLOATS, "t:T -> output:T")


def _scalar(value, dtype):
    return convert_to_tensor(np.asarray(value, dtype=dtype.np_dtype))


def _failure(op, detail, name=""):
    return InvalidArgumentError(None, None, eager_message(op, detail, None, name))


# -- Relu / Relu6 -----------------------------------------------------------------------------------
@primitive("Relu", signature="features:T -> activations:T")
def _relu(x):
    return np.maximum(x, x.dtype.type(0))


@primitive("ReluGrad", signature="gradients:T, features:T -> backprops:T")
def _relu_grad(g, x):
    return masked(g, x > 0)


@primitive("Relu6", signature="features:T -> activations:T")
def _relu6(x):
    return np.minimum(np.maximum(x, x.dtype.type(0)), x.dtype.type(6))


@primitive("Relu6Grad", signature="gradients:T, features:T -> backprops:T")
def _relu6_grad(g, x):
    return masked(g, (x > 0) & (x < 6))


for _p in (_relu, _relu6):
    _p.spec(lambda x: (x.shape, x.dtype))
for _p in (_relu_grad, _relu6_grad):
    _p.spec(lambda g, x: (g.shape, g.dtype))

_relu.vjp(lambda g, y, x: (_relu_grad(g, x),))
_relu6.vjp(lambda g, y, x: (_relu6_grad(g, x),))
# ReluGrad(g, x) is linear in g with a mask fixed by x: its gradient masks again; x gets none.
_relu_grad.vjp(lambda gg, dx, g, x: (_relu_grad(gg, x), None))
_relu6_grad.vjp(lambda gg, dx, g, x: (_relu6_grad(gg, x), None))


def relu(features, name=None):
    x = as_tensor(features)
    _RELU_T.check(x._dtype)
    return _relu(x)


def relu6(features, name=None):
    x = as_tensor(features)
    _RELU6_T.check(x._dtype)
    return _relu6(x)


# -- Softplus ----------------------------------------------------------------------------------------
@primitive("Softplus", signature="features:T -> activations:T")
def _softplus(x):
    # TF's kernel: x above -log(eps)-2 returns x, below log(eps)+2 returns exp(x),
    # log1p(exp(x)) in between; NumPy's logaddexp is the stable middle.
    dt = x.dtype
    ct = np.float32 if dt.itemsize < 4 else dt
    xc = x.astype(ct, copy=False)
    threshold = np.log(np.finfo(dt if dt.kind == "f" and dt.itemsize >= 2 else np.float32).eps) + 2
    with np.errstate(over="ignore", under="ignore"):
        out = np.where(xc > -threshold, xc, np.where(xc < threshold, np.exp(xc), np.logaddexp(0, xc)))
    return np.asarray(out, dtype=dt)[()] if np.ndim(out) == 0 else out.astype(dt, copy=False)


_softplus.spec(lambda x: (x.shape, x.dtype))
_softplus.vjp(lambda g, y, x: (m.multiply(g, m.sigmoid(x)),))


def softplus(features, name=None):
    x = as_tensor(features)
    _SOFTPLUS_T.check(x._dtype)
    return _softplus(x)


# -- composite activations ------------------------------------------------------------------------------
def _negative_branch(x):
    """``exp(x) - 1`` on min(x, 0): the unused branch of a where() stays finite, so its gradient is 0, not nan.

    TF's Elu/Selu kernels compute exp(x) - 1 (not expm1), so values agree with theirs."""
    zero = zeros_like(x)
    return m.subtract(m.exp(m.minimum(x, zero)), _scalar(1, x.dtype)), m.less(x, zero)


def elu(features, name=None):
    x = as_tensor(features)
    _ELU_T.check(x.dtype)
    neg, is_neg = _negative_branch(x)
    return where(is_neg, neg, x)


_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


def selu(features, name=None):
    x = as_tensor(features)
    _SELU_T.check(x.dtype)
    neg, is_neg = _negative_branch(x)
    # TF multiplies by the precomputed scale*alpha; x == 0 takes the positive branch (gradient = scale).
    return where(is_neg, m.multiply(_scalar(_SELU_SCALE * _SELU_ALPHA, x.dtype), neg),
                 m.multiply(_scalar(_SELU_SCALE, x.dtype), x))


def leaky_relu(features, alpha=0.2, name=None):
    x = as_tensor(features)
    if x.dtype.is_integer:
        x = cast(x, dtypes.float32)
    if isinstance(alpha, np.ndarray):
        alpha = alpha.item()
    # TF's LeakyRelu: x > 0 ? x : alpha * x (so the gradient at 0 is alpha).
    return where(m.greater(x, zeros_like(x)), x, m.multiply(x, _scalar(alpha, x.dtype)))


def softsign(features, name=None):
    x = as_tensor(features)
    _SOFTSIGN_T.check(x.dtype)
    return m.divide(x, m.add(m.abs(x), _scalar(1, x.dtype)))


def gelu(features, approximate=False, name=None):
    x = as_tensor(features)
    if not x.dtype.is_floating:
        raise ValueError(f"`features.dtype` must be a floating point tensor.Received:features.dtype={x.dtype}")
    half = _scalar(0.5, x.dtype)
    if approximate:
        inner = m.add(x, m.multiply(_scalar(0.044715, x.dtype), m.pow(x, _scalar(3, x.dtype))))
        return m.multiply(m.multiply(half, x), m.add(_scalar(1, x.dtype),
                                                     m.tanh(m.multiply(_scalar(0.7978845608028654, x.dtype), inner))))
    return m.multiply(m.multiply(half, x), _erfc(m.multiply(m.negative(x), _scalar(0.7071067811865476, x.dtype))))


def _erfc(z):
    # TF's exact gelu uses erfc, which keeps the far-negative tail (erfc(7) ~ 4e-23) that
    # 1 - erf loses; use tf.math.erfc where the math family provides it.
    from . import math_extra_ops
    fn = getattr(m, "erfc", None) or getattr(math_extra_ops, "erfc", None)
    if fn is not None:
        return fn(z)
    return m.subtract(_scalar(1, z.dtype), m.erf(z))


def crelu(features, axis=-1, name=None):
    from .array_ops import concat
    x = as_tensor(features)
    return relu(concat([x, m.negative(x)], axis))


def zero_fraction(value, name=None):
    x = as_tensor(value)
    return reduce_mean(cast(m.equal(x, zeros_like(x)), dtypes.float32))


def silu(features, beta=1.0):
    x = as_tensor(features)
    beta = cast(as_tensor(beta), x.dtype)
    return m.multiply(x, m.sigmoid(m.multiply(beta, x)))


swish = silu


# -- softmax family --------------------------------------------------------------------------------------
def _widened(x):
    """Half-precision inputs are computed in float32 (as TF's CPU kernels accumulate)."""
    return x.astype(np.float32) if x.dtype.itemsize == 2 else x


# The ufuncs' own reduce methods with positional arguments: np.max/np.sum add a few
# microseconds of Python dispatch, more than the whole reduction of a batch of logits.
_max_reduce = np.maximum.reduce
_sum_reduce = np.add.reduce


def _softmax_kernel(x, axis):
    if x.shape[axis] == 0:
        return x.copy()
    with np.errstate(invalid="ignore", over="ignore"):
        xc = _widened(x)
        e = np.exp(xc - _max_reduce(xc, axis, None, None, True))
        e /= _sum_reduce(e, axis, None, None, True)  # (e is a fresh array: divided in place)
        return e.astype(x.dtype, copy=False)


def _log_softmax_kernel(x, axis):
    if x.shape[axis] == 0:
        return x.copy()
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        xc = _widened(x)
        shifted = xc - _max_reduce(xc, axis, None, None, True)
        shifted -= np.log(_sum_reduce(np.exp(shifted), axis, None, None, True))
        return shifted.astype(x.dtype, copy=False)


_softmax = primitive("Softmax", signature="logits:T -> softmax:T")(_softmax_kernel)
_log_softmax = primitive("LogSoftmax", signature="logits:T -> logsoftmax:T")(_log_softmax_kernel)
_softmax.spec(lambda x, axis: (x.shape, x.dtype))
_log_softmax.spec(lambda x, axis: (x.shape, x.dtype))


@_softmax.vjp
def _(g, y, x, axis):
    # (g - <g, y>) * y along the axis
    return (m.multiply(m.subtract(g, reduce_sum(m.multiply(g, y), axis=axis, keepdims=True)), y),)


@_log_softmax.vjp
def _(g, y, x, axis):
    return (m.subtract(g, m.multiply(m.exp(y), reduce_sum(g, axis=axis, keepdims=True))),)


def _softmax_axis(x, axis, op):
    rank = x._value.ndim if type(x) is EagerTensor else x.shape.rank
    if rank == 0:  # TF's oneDNN kernel refuses scalars with an AbortedError
        from ..framework.errors import AbortedError
        raise AbortedError(None, None, eager_message(op, "Input dims must be <= 5 and >=1"))
    if axis is None:
        return -1
    if isinstance(axis, EagerTensor):
        axis = int(axis._value)
    if rank is not None and axis != -1 and not -rank <= axis < rank:
        raise InvalidArgumentError(None, None, f"`dim` must be in the range [{-rank}, {rank}) where {rank} is the "
                                               f"number of dimensions in the input. Received: dim={axis}")
    return axis


def softmax(logits, axis=None, name=None):
    x = as_tensor(logits)
    _SOFTMAX_T.check(x._dtype)
    return _softmax(x, axis=_softmax_axis(x, axis, "Softmax"))


def log_softmax(logits, axis=None, name=None):
    x = as_tensor(logits)
    _LOG_SOFTMAX_T.check(x._dtype)
    return _log_softmax(x, axis=_softmax_axis(x, axis, "LogSoftmax"))


# -- cross-entropies ---------------------------------------------------------------------------------
_XENT_SIG = "features:T, labels:T -> loss:T, backprop:T"
_SPARSE_SIG = "features:T, labels:Tlabels -> loss:T, backprop:T"
_XENT_T = _Allowed("SoftmaxCrossEntropyWithLogits", _FLOATS, _XENT_SIG)


@primitive("SoftmaxCrossEntropyWithLogits", signature=_XENT_SIG)
def _xent(logits, labels, axis):
    try:
        np.broadcast_shapes(logits.shape, labels.shape)
    except ValueError:
        raise ShapeError(f"logits and labels must be broadcastable: logits_size={dims_text(list(logits.shape))} "
                         f"labels_size={dims_text(list(labels.shape))}") from None
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        shifted = logits - np.max(logits, axis=axis, keepdims=True)
        lse = np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))
        return np.sum(labels * (lse - shifted), axis=axis).astype(logits.dtype, copy=False)


@_xent.spec
def _(logits, labels, axis):
    from .shape_rules import broadcast_shapes
    try:
        shape = broadcast_shapes(logits.shape, labels.shape)
    except ShapeError:
        raise ShapeError(f"logits and labels must be broadcastable: logits_size={dims_text(logits.shape)} "
                         f"labels_size={dims_text(labels.shape)}") from None
    if shape.rank is None:
        return shape, logits.dtype
    dims = shape.as_list()
    del dims[axis]
    return TensorShape(dims), logits.dtype


@_xent.vjp
def _(g, loss, logits, labels, axis):
    from .array_ops import expand_dims
    ge = expand_dims(g, axis)
    # TF's backprop is softmax - labels (exact when each label row sums to one).
    glogits = m.multiply(ge, m.subtract(softmax(logits, axis=axis), labels))
    glabels = m.multiply(ge, m.negative(log_softmax(logits, axis=axis)))
    return sum_to(glogits, logits), sum_to(glabels, labels)


def softmax_cross_entropy_with_logits(labels, logits, axis=-1, name=None):
    logits = as_tensor(logits)
    labels = as_tensor(labels)
    low_precision = logits.dtype in (dtypes.float16, dtypes.bfloat16)
    precise = cast(logits, dtypes.float32) if low_precision else logits
    _XENT_T.check(precise.dtype)
    labels = cast(labels, precise.dtype)
    rank = precise.shape.rank
    if rank == 0:
        raise _failure("Slice", "Expected begin[0] == 0 (got -1) and size[0] == 0 (got 1) when input.dim_size(0) "
                                "== 0", name=None)
    ax = axis % rank if rank is not None and axis < 0 else axis
    cost = _xent(precise, labels, axis=ax)
    return cast(cost, logits.dtype) if low_precision else cost


_SPARSE_T = _Allowed("SparseSoftmaxCrossEntropyWithLogits", _FLOATS, _SPARSE_SIG)


def _label_error(labels, depth):
    flat = np.asarray(labels).reshape(-1)
    bad = flat[(flat < 0) | (flat >= depth)]
    if bad.size:
        values = " ".join(str(v) for v in flat)
        return ShapeError(f"Received a label value of {bad[0]} which is outside the valid range of [0, {depth}).  "
                          f"Label values: {values}")
    return None


_UNSIGNED = {4: np.uint32, 8: np.uint64}
_ROWS = {}


def _label_rows(logits, labels):
    """For a [batch, classes] batch with valid labels, the row indices that pair with the labels
    (a cached arange) -- ``x[rows, labels]`` picks each row's label entry in one indexing step.
    None for other ranks. Raises TF's error for a label outside [0, classes)."""
    depth = logits.shape[-1]
    if labels.ndim == 1 and logits.ndim == 2:
        # Viewed as unsigned, a negative label is huge: one comparison checks both bounds.
        if labels.size and _max_reduce(labels.view(_UNSIGNED[labels.dtype.itemsize])) >= depth:
            raise _label_error(labels, depth)
        n = labels.shape[0]
        rows = _ROWS.get(n)
        if rows is None:
            rows = _ROWS[n] = np.arange(n)
        return rows
    err = _label_error(labels, depth)
    if err is not None:
        raise err
    return None


@primitive("SparseSoftmaxCrossEntropyWithLogits", signature=_SPARSE_SIG)
def _sparse_xent(logits, labels):
    rows = _label_rows(logits, labels)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        shifted = logits - _max_reduce(logits, -1, None, None, True)
        lse = np.log(_sum_reduce(np.exp(shifted), -1))
        if rows is not None:
            picked = shifted[rows, labels]
        else:
            picked = np.take_along_axis(shifted, labels[..., None].astype(np.intp), axis=-1)[..., 0]
        return (lse - picked).astype(logits.dtype, copy=False)


@primitive("SparseSoftmaxCrossEntropyWithLogitsBackprop", signature=_SPARSE_SIG)
def _sparse_xent_backprop(logits, labels):
    """softmax(logits) - one_hot(labels), fused (TF's op returns it as a second output)."""
    rows = _label_rows(logits, labels)
    with np.errstate(invalid="ignore", over="ignore"):
        p = np.exp(logits - _max_reduce(logits, -1, None, None, True))
        p /= _sum_reduce(p, -1, None, None, True)
    if rows is not None:
        p[rows, labels] -= 1
        return p
    np.put_along_axis(p, labels[..., None].astype(np.intp), np.take_along_axis(
        p, labels[..., None].astype(np.intp), axis=-1) - 1, axis=-1)
    return p


_sparse_xent.spec(lambda logits, labels: (TensorShape(logits.shape.as_list()[:-1]) if logits.shape.rank is not None
                                          else TensorShape(None), logits.dtype))
_sparse_xent_backprop.spec(lambda logits, labels: (logits.shape, logits.dtype))


@_sparse_xent.vjp
def _(g, loss, logits, labels):
    if type(g) is EagerTensor:  # expand_dims(g, -1) as a plain reshape: its wrapper costs more than the op
        ge = _reshape(g, shape=g._value.shape + (1,))
    else:
        from .array_ops import expand_dims
        ge = expand_dims(g, -1)
    return m.multiply(ge, _sparse_xent_backprop(logits, labels)), None


@_sparse_xent_backprop.vjp
def _(gg, d, logits, labels):
    # d = softmax(logits) - onehot: only the softmax part depends on logits.
    p = softmax(logits)
    return m.multiply(m.subtract(gg, reduce_sum(m.multiply(gg, p), axis=-1, keepdims=True)), p), None


def sparse_softmax_cross_entropy_with_logits(labels, logits, name=None):
    labels = as_tensor(labels)
    logits = as_tensor(logits)
    if type(logits) is EagerTensor and type(labels) is EagerTensor:
        # The training-loop call (float logits, int labels of matching shapes) skips the checks
        # below, which build TensorShape objects; anything else takes them for TF's messages.
        lv, gv = labels._value, logits._value
        if (gv.ndim and lv.shape == gv.shape[:-1] and (logits._dtype is dtypes.float32 or logits._dtype is
                dtypes.float64) and (labels._dtype is dtypes.int32 or labels._dtype is dtypes.int64)):
            return _sparse_xent(logits, labels)
    ls, gs = labels.shape, logits.shape
    if gs.rank == 0:
        raise ValueError(f"`logits` cannot be a scalar. Received logits={logits}`")
    if gs.rank is not None and ls.rank is not None and ls.rank != gs.rank - 1:
        raise ValueError("`labels.shape.rank` must equal `logits.shape.rank - 1`. Received: "
                         f"labels.shape={ls} of rank {ls.rank} and logits.shape={gs} of rank {gs.rank}")
    if (ls.is_fully_defined() and gs.rank is not None and TensorShape(gs.as_list()[:-1]).is_fully_defined()
            and ls != TensorShape(gs.as_list()[:-1])):
        raise ValueError("`labels.shape` must equal `logits.shape` except for the last dimension. Received: "
                         f"labels.shape={ls} and logits.shape={gs}")
    half = logits.dtype is dtypes.float16
    precise = cast(logits, dtypes.float32) if half else logits
    _SPARSE_T.check(precise.dtype)
    if labels.dtype not in (dtypes.int32, dtypes.int64):
        raise InvalidArgumentError(None, None, (
            f"Value for attr 'Tlabels' of {tf_type_name(labels.dtype)} is not in the list of allowed values: int32, "
            f"int64\n\t; NodeDef: {{{{node SparseSoftmaxCrossEntropyWithLogits}}}}; "
            f"Op<name=SparseSoftmaxCrossEntropyWithLogits; signature={_SPARSE_SIG}; attr=T:type,allowed=[DT_HALF, "
            "DT_BFLOAT16, DT_FLOAT, DT_DOUBLE]; attr=Tlabels:type,default=DT_INT64,allowed=[DT_INT32, DT_INT64]> "
            "[Op:SparseSoftmaxCrossEntropyWithLogits] name: "))
    cost = _sparse_xent(precise, labels)
    return cast(cost, dtypes.float16) if half else cost


def sigmoid_cross_entropy_with_logits(labels=None, logits=None, name=None):
    if labels is None or logits is None:
        raise ValueError("Both `labels` and `logits` must be provided for sigmoid_cross_entropy_with_logits"
                         f"Received: labels={labels} and logits={logits}")
    logits = as_tensor(logits)
    labels = as_tensor(labels)
    if not labels.shape.is_compatible_with(logits.shape):
        raise ValueError(f"`logits` and `labels` must have the same shape, received ({logits.shape} vs "
                         f"{labels.shape}).")
    # max(x, 0) - x * z + log(1 + exp(-|x|)), with TF's where-based max/abs so the
    # gradient at x == 0 is the true 0.5 - z.
    zeros = zeros_like(logits)
    cond = m.greater_equal(logits, zeros)
    relu_logits = where(cond, logits, zeros)
    neg_abs_logits = where(cond, m.negative(logits), logits)
    return m.add(m.subtract(relu_logits, m.multiply(logits, labels)), m.log1p(m.exp(neg_abs_logits)))


def weighted_cross_entropy_with_logits(labels, logits, pos_weight, name=None):
    logits = as_tensor(logits)
    labels = as_tensor(labels)
    if not labels.shape.is_compatible_with(logits.shape):
        raise ValueError(f"`logits` and `labels` must have the same shape, received ({logits.shape} vs "
                         f"{labels.shape}).")
    one = _scalar(1, logits.dtype)
    log_weight = m.add(one, m.multiply(m.subtract(pos_weight, one), labels))
    return m.add(m.multiply(m.subtract(one, labels), logits),
                 m.multiply(log_weight, m.add(m.log1p(m.exp(m.negative(m.abs(logits)))),
                                              relu(m.negative(logits)))))


def log_poisson_loss(targets, log_input, compute_full_loss=False, name=None):
    log_input = as_tensor(log_input)
    targets = as_tensor(targets)
    if not targets.shape.is_compatible_with(log_input.shape):
        raise ValueError(f"`log_input` and `targets` must have the same shape, received ({log_input.shape} vs "
                         f"{targets.shape}).")
    result = m.subtract(m.exp(log_input), m.multiply(log_input, targets))
    if compute_full_loss:
        # Stirling's approximation of log(targets!), used only where targets > 1.
        one = _scalar(1, targets.dtype)
        point_five = _scalar(0.5, targets.dtype)
        stirling = m.add(m.subtract(m.multiply(targets, m.log(targets)), targets),
                         m.multiply(point_five, m.log(m.multiply(_scalar(2 * _math.pi, targets.dtype), targets))))
        keep = m.logical_and(m.greater_equal(targets, zeros_like(targets)), m.less_equal(targets, one))
        result = m.add(result, where(keep, zeros_like(targets), stirling))
    return result


# -- bias, dropout, norms -----------------------------------------------------------------------------
def bias_add(value, bias, data_format=None, name=None):
    if data_format is not None:
        if data_format.startswith("NC"):
            data_format = "NCHW"
        elif data_format.startswith("N") and data_format.endswith("C"):
            data_format = "NHWC"
        else:
            raise ValueError(f"`data_format` must be of the form `N...C` or `NC...`. Received: "
                             f"data_format={data_format}")
    if type(value) is EagerTensor and type(bias) is EagerTensor and value._dtype is bias._dtype:
        x, b = value, bias
    else:
        x, b = same_dtype_inputs([value, bias], "BiasAdd")
    xs, bs = x.shape, b.shape
    channel = 1 if data_format == "NCHW" else -1
    detail = None
    if xs.rank is not None and xs.rank < 2:
        detail = f"Input tensor must be at least 2D: {dims_text(xs)}"
    elif bs.rank is not None and bs.rank != 1:
        detail = f"Biases must be 1D: {dims_text(bs)}"
    elif xs.rank is not None and bs.rank == 1 and xs[channel] is not None and bs[0] is not None \
            and xs[channel] != bs[0]:
        detail = (f"Must provide as many biases as the last dimension of the input tensor: {dims_text(bs)} vs. "
                  f"{dims_text(xs)}")
    if detail is not None:
        if getattr(x, "_is_symbolic", False) or getattr(b, "_is_symbolic", False):
            raise ValueError(f"{detail} for '{{{{node BiasAdd}}}} = BiasAdd[T=DT_{tf_type_name(x.dtype).upper()}, "
                             f"data_format=\"{data_format or 'NHWC'}\"]' with input shapes: {dims_text(xs)}, "
                             f"{dims_text(bs)}.")
        raise _failure("BiasAdd", detail)
    if data_format == "NCHW" and xs.rank is not None and xs.rank > 2:
        b = reshape(b, (-1,) + (1,) * (xs.rank - 2))
    return m.add(x, b)


def dropout(x, rate, noise_shape=None, seed=None, name=None):
    is_rate_number = isinstance(rate, numbers.Real)
    if is_rate_number and (rate < 0 or rate >= 1):
        raise ValueError(f"`rate` must be a scalar tensor or a float in the range [0, 1). Received: rate={rate}")
    x = as_tensor(x)
    if not x.dtype.is_floating:
        raise ValueError(f"`x.dtype` must be a floating point tensor as `x` will be scaled. Received: "
                         f"x_dtype={x.dtype}")
    if is_rate_number and rate == 0:
        return x
    if not is_tensor_like(rate):
        if not is_rate_number:
            raise ValueError(f"`rate` must be a scalar or scalar tensor. Received: rate={rate}")
        ret = m.multiply(x, _scalar(1 / (1 - rate), x.dtype))
    else:
        rate = as_tensor(rate)
        if rate.shape.rank is not None and rate.shape.rank != 0:
            raise ValueError(f"Shape {rate.shape} must have rank 0")
        if rate.dtype != x.dtype:
            raise ValueError(f"`x.dtype` must be compatible with `rate.dtype`. Received: x.dtype={x.dtype} and "
                             f"rate.dtype={rate.dtype}")
        ret = m.divide(x, m.subtract(_scalar(1, x.dtype), rate))
    shape = _noise_shape(x, noise_shape)
    random = _uniform(shape, x.dtype, seed)
    keep = m.greater_equal(random, rate if is_tensor_like(rate) else _scalar(rate, x.dtype))
    return where(keep, ret, _scalar(0, x.dtype))


def _noise_shape(x, noise_shape):
    dims = x.shape.as_list() if x.shape.rank is not None else None
    if noise_shape is None:
        if dims is not None and None not in dims:
            return dims
        from .basic_ops import shape
        return shape(x)
    if is_tensor_like(noise_shape):
        return noise_shape
    ns = [None if d is None else int(d) for d in noise_shape]
    if dims is not None and len(dims) == len(ns):
        ns = [d if n is None else n for n, d in zip(ns, dims)]
    return ns


def _uniform(shape, dtype, seed):
    """Uniform [0, 1) noise from tf.random's generator (so op seeds behave as TF's)."""
    from . import random_ops
    return random_ops.uniform(shape, minval=0, maxval=1, dtype=dtype, seed=seed)


def l2_loss(t, name=None):
    x = as_tensor(t)
    _L2LOSS_T.check(x.dtype)
    return m.multiply(reduce_sum(m.square(x)), _scalar(0.5, x.dtype))


def l2_normalize(x, axis=None, epsilon=1e-12, name=None, dim=None):
    if dim is not None:
        if axis is not None:
            raise ValueError("Cannot specify both 'axis' and 'dim'")
        axis = dim
    x = as_tensor(x)
    square_sum = reduce_sum(m.square(x), axis=axis, keepdims=True)
    x_inv_norm = m.rsqrt(m.maximum(square_sum, epsilon))
    return m.multiply(x, x_inv_norm)


def moments(x, axes, shift=None, keepdims=False, name=None):
    x = as_tensor(x)
    y = cast(x, dtypes.float32) if x.dtype is dtypes.float16 else x
    mean = reduce_mean(y, axis=axes, keepdims=True)
    # Sample variance; stop_gradient on the mean does not change the gradient (that term is zero).
    variance = reduce_mean(m.squared_difference(y, stop_gradient(mean)), axis=axes, keepdims=True)
    if not keepdims:
        # Summing over the kept size-1 axes squeezes them exactly, whatever the static shape.
        mean = reduce_sum(mean, axis=axes)
        variance = reduce_sum(variance, axis=axes)
    if x.dtype is dtypes.float16:
        return cast(mean, dtypes.float16), cast(variance, dtypes.float16)
    return mean, variance


def sufficient_statistics(x, axes, shift=None, keepdims=False, name=None):
    x = as_tensor(x)
    ax = sorted(set([axes] if isinstance(axes, int) else list(axes)))
    dims = x.shape.as_list() if x.shape.rank is not None else None
    if dims is not None and None not in [dims[a] for a in ax]:
        count = _scalar(_math.prod(dims[a] for a in ax), x.dtype)
    else:  # known only at run time
        from .array_ops import gather, rank
        from .basic_ops import shape
        from .reduction_ops import reduce_prod
        r = rank(x)
        positive = [a + r if a < 0 else a for a in ax]
        count = reduce_prod(gather(cast(shape(x), x.dtype), positive))
    if shift is not None:
        shift = as_tensor(shift)
        m_ss = reduce_sum(m.subtract(x, shift), axis=axes, keepdims=keepdims)
        v_ss = reduce_sum(m.squared_difference(x, shift), axis=axes, keepdims=keepdims)
    else:
        m_ss = reduce_sum(x, axis=axes, keepdims=keepdims)
        v_ss = reduce_sum(m.square(x), axis=axes, keepdims=keepdims)
    return count, m_ss, v_ss, shift


def normalize_moments(counts, mean_ss, variance_ss, shift, name=None):
    divisor = m.reciprocal(as_tensor(counts))
    shifted_mean = m.multiply(mean_ss, divisor)
    mean = m.add(shifted_mean, shift) if shift is not None else shifted_mean
    variance = m.subtract(m.multiply(variance_ss, divisor), m.square(shifted_mean))
    return mean, variance


def batch_normalization(x, mean, variance, offset, scale, variance_epsilon, name=None):
    x = as_tensor(x)
    inv = m.rsqrt(m.add(variance, variance_epsilon))
    if scale is not None:
        inv = m.multiply(inv, scale)
    shift = m.subtract(offset, m.multiply(mean, inv)) if offset is not None else m.negative(m.multiply(mean, inv))
    return m.add(m.multiply(x, cast(inv, x.dtype)), cast(shift, x.dtype))


# -- embeddings ---------------------------------------------------------------------------------------
def embedding_lookup(params, ids, max_norm=None, name=None):
    from . import array_ops
    if isinstance(params, (list, tuple)):
        if not params:
            raise ValueError("Argument `params` must be a non-empty list of tensors. Received: params=[].")
        # TF2's "div" partitioning: ids run through the shards in order, which is what
        # looking them up in the shards concatenated along axis 0 does.
        params = params[0] if len(params) == 1 else array_ops.concat(list(params), axis=0)
    ids = as_tensor(ids)
    result = array_ops.gather(params, ids)
    if max_norm is not None:
        from .math_extra_ops import clip_by_norm
        rank, id_rank = result.shape.rank, ids.shape.rank
        result = clip_by_norm(result, max_norm, axes=list(range(id_rank, rank)))
    return result
