"""Clipping, scans (cumsum/cumprod/cumulative_logsumexp), top_k, segment reductions,
bincount and the complex-number helpers (real, imag, angle, complex).

``__all__`` lists every public name (tf.math star-imports it). TensorFlow's own split:
``TOP_LEVEL_ONLY`` names exist only as ``tf.*``, ``MATH_ONLY`` only as ``tf.math.*``;
``cumsum`` is both.
"""
import collections
import collections.abc

import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError, eager_message
from ..framework.primitive import ShapeError, primitive, tf_type_name
from ..framework.tensor_shape import TensorShape
from .basic_ops import cast, identity, ones_like, reshape, stack, sum_to, where, zeros_like
from .core import as_tensor, is_tensor_like
from .math_ops import (add, divide, divide_no_nan, equal, exp, greater, greater_equal, is_finite, less, log, logical_and,
                       maximum, minimum, multiply, negative, sqrt, square, subtract, truediv)
from .shape_rules import dims_text

TOP_LEVEL_ONLY = ["clip_by_value", "clip_by_norm", "clip_by_global_norm", "complex"]
MATH_ONLY = ["cumprod", "cumulative_logsumexp", "top_k", "segment_sum", "segment_mean", "segment_max",
             "segment_min", "unsorted_segment_sum", "unsorted_segment_mean", "unsorted_segment_max",
             "unsorted_segment_min", "unsorted_segment_sqrt_n", "bincount", "real", "imag", "angle"]
__all__ = TOP_LEVEL_ONLY + ["cumsum"] + MATH_ONLY


# -- TF's "not in the list of allowed values" texts ----------------------------------------
# These ops declare several type attributes, so TF's message lists the whole op
# definition; the generic check in primitive.py only knows single-attr ops.
_TF_DTYPE = {"float": dtypes.float32, "double": dtypes.float64, "half": dtypes.float16}
_ALL_NUMERIC = ("float double int32 uint8 int16 int8 complex64 int64 qint8 quint8 qint32 bfloat16 "
                "qint16 quint16 uint16 complex128 half uint32 uint64")
_REAL = "float double int32 uint8 int16 int8 int64 bfloat16 uint16 half uint32 uint64"
_SCAN_ATTRS = "attr=exclusive:bool,default=false; attr=reverse:bool,default=false; "
_TIDX = "; attr=Tidx:type,default=DT_INT32,allowed=[DT_INT32, DT_INT64]"


def _dtype_set(names):
    """leantf DTypes for a list of TF type names (quantized types have no leantf dtype)."""
    return tuple(_TF_DTYPE.get(n) or dtypes.as_dtype(n) for n in names.split() if not n.startswith("q"))


def _allowed_list(names):
    return "[" + ", ".join("DT_" + n.upper() for n in names.split()) + "]"


def _check_type(dtype, op, allowed, signature, attrs, attr="T", tail=" name: "):
    if tf_type_name(dtype) in allowed.split():
        return
    raise InvalidArgumentError(None, None, (
        f"Value for attr '{attr}' of {tf_type_name(dtype)} is not in the list of allowed values: "
        f"{', '.join(allowed.split())}\n\t; NodeDef: {{{{node {op}}}}}; Op<name={op}; signature={signature}; "
        f"{attrs}> [Op:{op}]{tail}"))


def _fail(op, detail, name=""):
    return InvalidArgumentError(None, None, eager_message(op, detail, None, name))


# -- clipping ------------------------------------------------------------------------------------
def clip_by_value(t, clip_value_min, clip_value_max, name=None):
    values = as_tensor(t)
    # TF clips from above first, then from below, and refuses clip values that would
    # broadcast the result to a bigger shape than ``t``.
    upper = minimum(values, clip_value_max)
    values.shape.assert_is_compatible_with(upper.shape)
    out = maximum(upper, clip_value_min)
    values.shape.assert_is_compatible_with(out.shape)
    return out


def clip_by_norm(t, clip_norm, axes=None, name=None):
    from .reduction_ops import reduce_sum
    values = as_tensor(t)
    if np.isscalar(clip_norm):
        clip_norm = max(clip_norm, 0)
    else:
        clip_norm = cast(maximum(as_tensor(clip_norm), 0), values.dtype)
    sq = reduce_sum(multiply(values, values), axes, keepdims=True)
    # sqrt(0) has an infinite gradient: take the root only where the sum is positive.
    positive = greater(sq, zeros_like(sq))
    norm = where(positive, sqrt(where(positive, sq, ones_like(sq))), sq)
    scaled = multiply(values, clip_norm)
    values.shape.assert_is_compatible_with(scaled.shape)
    return identity(truediv(scaled, maximum(norm, clip_norm)))


def _check_sequence(t_list):
    if not isinstance(t_list, collections.abc.Sequence) or isinstance(t_list, str):
        raise TypeError(f"`t_list` should be a sequence of tensors. Received {type(t_list)}.")
    return list(t_list)


def global_norm(t_list, name=None):
    from .reduction_ops import reduce_sum
    t_list = _check_sequence(t_list)
    # Each tensor contributes its l2_loss (half the squared norm), as in TF, so the
    # float rounding follows TF's order of operations.
    halves = [multiply(reduce_sum(square(as_tensor(t))), 0.5) for t in t_list if t is not None]
    if not halves:
        return as_tensor(0.0)
    total = reduce_sum(stack(halves))
    return sqrt(multiply(total, 2.0))


def clip_by_global_norm(t_list, clip_norm, use_norm=None, name=None):
    t_list = _check_sequence(t_list)
    use_norm = global_norm(t_list) if use_norm is None else as_tensor(use_norm)
    one = as_tensor(1.0, dtype=use_norm.dtype)
    finite_scale = multiply(clip_norm, minimum(truediv(one, use_norm), truediv(one, clip_norm)))
    # A non-finite global norm turns every clipped value into NaN, as in TF (which adds
    # use_norm - use_norm; this adds the same 0 or NaN without inf - inf warnings).
    scale = add(finite_scale, where(is_finite(use_norm), zeros_like(use_norm), zeros_like(use_norm) + np.nan))
    clipped = []
    for t in t_list:
        if t is not None:
            t = as_tensor(t)
            t = identity(multiply(t, cast(scale, t.dtype)))
        clipped.append(t)
    return clipped, use_norm


# -- scans -----------------------------------------------------------------------------------
def _shift_exclusive(out, axis, fill):
    """Shift a scan by one along ``axis``, putting the scan's identity first."""
    if not out.shape[axis]:
        return out
    head = np.full(out.shape[:axis] + (1,) + out.shape[axis + 1:], fill, dtype=out.dtype)
    body = out[(slice(None),) * axis + (slice(0, -1),)]
    return np.concatenate([head, body], axis=axis)


def _scan_kernel(accumulate, fill):
    def kernel(x, axis, exclusive, reverse):
        rank = np.ndim(x)
        if not -rank <= axis < rank:
            raise ShapeError(f"ScanOp: Expected scan axis in the range [{-rank}, {rank}), but got "
                             f"{axis + rank if axis < 0 else axis}")
        axis %= rank
        if reverse:
            x = np.flip(x, axis)
        with np.errstate(over="ignore", invalid="ignore"):
            out = accumulate(x, axis)
        if exclusive:
            out = _shift_exclusive(out, axis, fill)
        return np.flip(out, axis) if reverse else out
    return kernel


def _scan_spec(x, axis, exclusive, reverse):
    return x.shape, x.dtype


_cumsum = primitive("Cumsum", allowed=_dtype_set(_ALL_NUMERIC))(
    _scan_kernel(lambda x, a: np.cumsum(x, axis=a, dtype=x.dtype), 0))
_cumprod = primitive("Cumprod", allowed=_dtype_set(_ALL_NUMERIC))(
    _scan_kernel(lambda x, a: np.cumprod(x, axis=a, dtype=x.dtype), 1))
_cumlse = primitive("CumulativeLogsumexp", allowed=_dtype_set("bfloat16 half float double"))(
    _scan_kernel(lambda x, a: np.logaddexp.accumulate(x, axis=a, dtype=x.dtype), -np.inf))
for _p in (_cumsum, _cumprod, _cumlse):
    _p.spec(_scan_spec)


@_cumsum.vjp
def _(g, y, x, axis, exclusive, reverse):
    # Each input feeds every later output: the adjoint is the scan run the other way.
    return (_cumsum(g, axis=axis, exclusive=exclusive, reverse=not reverse),)


@_cumprod.vjp
def _(g, y, x, axis, exclusive, reverse):
    # d y_i / d x_j = y_i / x_j for the j in y_i's product; TF takes 0 where x_j is 0.
    back = _cumsum(multiply(y, g), axis=axis, exclusive=exclusive, reverse=not reverse)
    return (divide_no_nan(back, x),)


@_cumlse.vjp
def _(g, y, x, axis, exclusive, reverse):
    # grad_j = sum_i g_i exp(x_j - y_i) over the outputs i that x_j feeds, computed in
    # log space (split by the sign of g) so that large |x| neither overflows nor underflows.
    ninf = zeros_like(g) - np.inf
    one = ones_like(g)

    def part(mask, magnitude):
        log_g = where(mask, log(where(mask, magnitude, one)), ninf)
        return exp(_cumlse(subtract(log_g, y), axis=axis, exclusive=exclusive, reverse=not reverse) + x)

    zero = zeros_like(g)
    return (subtract(part(greater(g, zero), g), part(less(g, zero), negative(g))),)


def _scan_api(prim, op, allowed, x, axis, exclusive, reverse):
    x = as_tensor(x)
    _check_type(x.dtype, op, allowed, "x:T, axis:Tidx -> out:T",
                f"{_SCAN_ATTRS}attr=T:type,allowed={_allowed_list(allowed)}{_TIDX}")
    if is_tensor_like(axis):
        axis = np.asarray(axis)
        if axis.ndim:
            raise _fail(op, f"ScanOp: axis must be a scalar, not {dims_text(list(axis.shape))}", None)
        axis = int(axis)
    elif isinstance(axis, (list, tuple)):
        raise _fail(op, f"ScanOp: axis must be a scalar, not {dims_text([len(axis)])}", None)
    elif not isinstance(axis, (int, np.integer)):
        raise TypeError(f"Cannot convert {axis!r} to EagerTensor of dtype int32")
    return prim(x, axis=int(axis), exclusive=bool(exclusive), reverse=bool(reverse))


def cumsum(x, axis=0, exclusive=False, reverse=False, name=None):
    return _scan_api(_cumsum, "Cumsum", _ALL_NUMERIC, x, axis, exclusive, reverse)


def cumprod(x, axis=0, exclusive=False, reverse=False, name=None):
    return _scan_api(_cumprod, "Cumprod", _ALL_NUMERIC, x, axis, exclusive, reverse)


def cumulative_logsumexp(x, axis=0, exclusive=False, reverse=False, name=None):
    return _scan_api(_cumlse, "CumulativeLogsumexp", "bfloat16 half float double", x, axis, exclusive,
                     reverse)


# -- gather / scatter along the last axis (top_k's gradient and its adjoint) -------------
@primitive("TakeAlongAxis")
def _take_along(h, idx):
    return np.take_along_axis(h, idx.astype(np.intp), axis=-1)


@_take_along.spec
def _(h, idx):
    return idx.shape, h.dtype


@primitive("PutAlongAxis")
def _put_along(g, idx, like):
    out = np.zeros(np.shape(like), dtype=g.dtype)
    n = out.shape[-1] if out.ndim else 1
    rows = out.reshape(-1, n)
    cols = idx.reshape(rows.shape[0], -1).astype(np.intp)
    np.add.at(rows, (np.arange(rows.shape[0])[:, None], cols), g.reshape(cols.shape))
    return rows.reshape(out.shape)


@_put_along.spec
def _(g, idx, like):
    return like.shape, g.dtype


@_take_along.vjp
def _(g, y, h, idx):
    return _put_along(g, idx, h), None


@_put_along.vjp
def _(g, y, g_in, idx, like):
    return _take_along(g, idx), None, None


# -- top_k -------------------------------------------------------------------------------------
TopKV2 = collections.namedtuple("TopKV2", ["values", "indices"])
_TOPK_SIG = "input:T, k:Tk -> values:T, indices:index_type"
_TOPK_ATTRS = ("attr=sorted:bool,default=true; attr=T:type,allowed=" + _allowed_list(_REAL) +
               "; attr=Tk:type,default=DT_INT32,allowed=[DT_INT16, DT_INT32, DT_INT64]; "
               "attr=index_type:type,default=DT_INT32,allowed=[DT_INT16, DT_INT32, DT_INT64]")


def _descending_key(x):
    """A key whose ascending order is x's descending order, NaN first (TF ranks NaN highest)."""
    if x.dtype.kind == "f" or x.dtype.name == "bfloat16":
        x = x.astype(np.float64) if x.dtype.itemsize < 4 else x
        return np.where(np.isnan(x), -np.inf, -x)
    return ~x  # bitwise not reverses integer order without overflowing at the minimum


def _topk_indices(key, k):
    n = key.shape[-1]
    if k == 1:
        return np.argmin(key, axis=-1)[..., None]  # argmin returns the first of equal keys
    if 0 < k < n // 8:
        # Partial selection; exact only when the k-th key has no ties left outside the
        # chosen set, otherwise fall through to a full stable sort.
        part = np.sort(np.argpartition(key, k - 1, axis=-1)[..., :k], axis=-1)
        kth = np.take_along_axis(key, part, -1).max(axis=-1, keepdims=True)
        chosen_at_kth = (np.take_along_axis(key, part, -1) == kth).sum(-1)
        if np.array_equal(chosen_at_kth, (key == kth).sum(-1)):
            order = np.argsort(np.take_along_axis(key, part, -1), axis=-1, kind="stable")
            return np.take_along_axis(part, order, -1)
    return np.argsort(key, axis=-1, kind="stable")[..., :k]


@primitive("TopKV2", n_outputs=2, allowed=_dtype_set(_REAL))
def _top_k(x, k, sorted, index_type):
    if k < 0:
        raise ShapeError(f"Need k >= 0, got {k}")
    if np.ndim(x) < 1:
        raise ShapeError(f"input must be >= 1-D, got shape {dims_text(list(np.shape(x)))}")
    if x.shape[-1] < k:
        raise ShapeError(f"input must have at least k columns. Had {x.shape[-1]}, needed {k}")
    # sorted=False: TF leaves the order unspecified; this returns the sorted order.
    idx = _topk_indices(_descending_key(x), k)
    return np.take_along_axis(x, idx, -1), idx.astype(index_type.np_dtype)


@_top_k.spec
def _(x, k, sorted, index_type):
    if x.shape.rank is None:
        return [(TensorShape(None), x.dtype), (TensorShape(None), index_type)]
    dims = x.shape.as_list()
    if not dims:
        raise ShapeError("input must be >= 1-D, got shape []", "Shape must be at least rank 1 but is rank 0")
    if dims[-1] is not None and dims[-1] < k:
        raise ShapeError(f"input must have at least k columns. Had {dims[-1]}, needed {k}",
                         f"input must have last dimension >= k = {k} but is {dims[-1]}")
    out = TensorShape(dims[:-1] + [k])
    return [(out, x.dtype), (out, index_type)]


@_top_k.vjp
def _(gs, ys, x, k, sorted, index_type):
    # Only the values are differentiable: their cotangents go back to where they came from.
    return (_put_along(gs[0], ys[1], x),)


def top_k(input, k=1, sorted=True, index_type=dtypes.int32, name=None):
    x = as_tensor(input)
    _check_type(x.dtype, "TopKV2", _REAL, _TOPK_SIG, _TOPK_ATTRS)
    values, indices = _top_k(x, k=int(k), sorted=bool(sorted), index_type=dtypes.as_dtype(index_type))
    return TopKV2(values, indices)


# -- segment reductions ----------------------------------------------------------------------
def _rest_dims(ids_rank, data):
    return data.shape.as_list()[ids_rank:] if data.shape.rank is not None else None


@primitive("GatherDropNegatives")
def _gather_rows(params, ids):
    # Rows for negative ids are zero: those ids were dropped by the unsorted segment ops.
    out = np.take(params, np.maximum(ids, 0), axis=0)
    if ids.size and ids.min() < 0:
        keep = (ids >= 0).reshape(ids.shape + (1,) * (params.ndim - 1))
        out = np.where(keep, out, np.zeros((), dtype=out.dtype))
    return out


@_gather_rows.spec
def _(params, ids):
    if params.shape.rank is None or ids.shape.rank is None:
        return TensorShape(None), params.dtype
    return TensorShape(ids.shape.as_list() + params.shape.as_list()[1:]), params.dtype


@_gather_rows.vjp
def _(g, y, params, ids):
    n = params.shape[0] if params.shape.rank else None
    summed = _usegment_sum(g, ids, num_segments=n) if n is not None else _usegment_sum(g, ids, params)
    return summed, None


_LOWEST = {"max": lambda info: info.min, "min": lambda info: info.max}


def _segment_fill(kind, dtype):
    """The value an empty unsorted segment takes: 0, or the dtype's lowest/highest for max/min."""
    if kind == "sum":
        return 0
    info = np.finfo(dtype) if dtype.kind == "f" else np.iinfo(dtype)
    return _LOWEST[kind](info)


_UFUNC = {"sum": np.add, "max": np.maximum, "min": np.minimum}


def _segment_reduce(data, ids, num, kind, empty_fill):
    flat = ids.reshape(-1).astype(np.intp)
    rows = data.reshape((flat.size,) + data.shape[ids.ndim:])
    out = np.full((num,) + rows.shape[1:], empty_fill, dtype=data.dtype)
    valid = flat >= 0
    if not valid.all():
        flat, rows = flat[valid], rows[valid]
    _UFUNC[kind].at(out, flat, rows)
    return out


def _check_unsorted(data, ids, num):
    if data.shape[:ids.ndim] != ids.shape:
        raise ShapeError(f"data.shape = {dims_text(list(data.shape))} does not start with segment_ids.shape "
                         f"= {dims_text(list(ids.shape))}")
    bad = ids >= num
    if bad.any():
        where_bad = np.argwhere(bad)[0]
        raise ShapeError(f"segment_ids[{','.join(str(i) for i in where_bad)}] = {ids[tuple(where_bad)]} is "
                         f"out of range [0, {num})")


def _check_sorted(data, ids):
    """Validate sorted segment ids the way TF's kernel does; returns the segment count."""
    if np.ndim(data) < 1:
        raise ShapeError("input must be at least rank 1")
    if ids.ndim != 1:
        raise ShapeError("segment_ids should be a vector.")
    if ids.shape[0] != data.shape[0]:
        raise ShapeError("segment_ids should be the same size as dimension 0 of input.")
    num = int(ids[-1]) + 1 if ids.size else 0
    out_of_range = (ids < 0) | (ids >= num)
    decreasing = np.concatenate([[False], ids[1:] < ids[:-1]])
    bad = np.flatnonzero(out_of_range | decreasing)
    if bad.size:
        i = bad[0]
        if out_of_range[i]:
            raise ShapeError(f"Segment id {ids[i]} out of range [0, {num}), possibly because 'segment_ids' "
                             "input is not sorted.")
        raise ShapeError("segment ids are not increasing")
    return num


def _unsorted_kernel(kind):
    def kernel(data, ids, like=None, num_segments=None):
        num = num_segments if like is None else np.shape(like)[0]
        _check_unsorted(data, ids, num)
        return _segment_reduce(data, ids, num, kind, _segment_fill(kind, data.dtype))
    return kernel


def _sorted_kernel(kind):
    def kernel(data, ids):
        num = _check_sorted(data, ids)
        # Sorted segments that receive no row are 0 in TF, whatever the reduction.
        out = _segment_reduce(data, ids, num, kind, _segment_fill(kind, data.dtype))
        if kind != "sum" and num:
            empty = np.bincount(ids.astype(np.intp), minlength=num) == 0
            out[empty] = 0
        return out
    return kernel


def _unsorted_spec(data, ids, like=None, num_segments=None):
    n = like.shape[0] if like is not None and like.shape.rank else num_segments
    rest = _rest_dims(ids.shape.rank or 0, data)
    return TensorShape(None if rest is None else [n] + rest), data.dtype


def _sorted_spec(data, ids):
    rest = _rest_dims(1, data)
    return TensorShape(None if rest is None else [None] + rest), data.dtype


_usegment_sum = primitive("UnsortedSegmentSum")(_unsorted_kernel("sum"))
_usegment_max = primitive("UnsortedSegmentMax")(_unsorted_kernel("max"))
_usegment_min = primitive("UnsortedSegmentMin")(_unsorted_kernel("min"))
_segment_sum = primitive("SegmentSum", error_name=None)(_sorted_kernel("sum"))
_segment_max = primitive("SegmentMax", error_name=None)(_sorted_kernel("max"))
_segment_min = primitive("SegmentMin", error_name=None)(_sorted_kernel("min"))
for _p in (_usegment_sum, _usegment_max, _usegment_min):
    _p.spec(_unsorted_spec)
for _p in (_segment_sum, _segment_max, _segment_min):
    _p.spec(_sorted_spec)


@_usegment_sum.vjp
def _(g, y, data, ids, like=None, num_segments=None):
    return (_gather_rows(g, ids), None) + ((None,) if like is not None else ())


@_segment_sum.vjp
def _(g, y, data, ids):
    return _gather_rows(g, ids), None


def _row_mask(mask_1d, ids, data):
    """Reshape a per-id tensor so that it broadcasts against ``data``'s trailing dims."""
    extra = (data.shape.rank or 0) - (ids.shape.rank or 0)
    if not extra:
        return mask_1d
    dims = [-1 if d is None else d for d in ids.shape.as_list()]
    return reshape(mask_1d, tuple(dims) + (1,) * extra)


def _extreme_vjp(count_segments):
    def vjp(g, y, data, ids, *rest, **attrs):
        # Ties share the gradient equally, like TF; rows with dropped (negative) ids get none.
        kept = _row_mask(greater_equal(ids, zeros_like(ids)), ids, data)
        picked = logical_and(equal(data, _gather_rows(y, ids)), kept)
        counts = count_segments(cast(picked, g.dtype), ids, rest, attrs)
        share = divide(g, maximum(counts, ones_like(counts)))
        return (where(picked, _gather_rows(share, ids), zeros_like(data)), None) + (None,) * len(rest)
    return vjp


_unsorted_count = _extreme_vjp(lambda m, ids, rest, attrs: _usegment_sum(m, ids, *rest, **attrs))
_sorted_count = _extreme_vjp(lambda m, ids, rest, attrs: _segment_sum(m, ids))
for _p in (_usegment_max, _usegment_min):
    _p.vjp(_unsorted_count)
for _p in (_segment_max, _segment_min):
    _p.vjp(_sorted_count)

_SEG_SIG = "data:T, segment_ids:Tindices -> output:T"
_USEG_SIG = "data:T, segment_ids:Tindices, num_segments:Tnumsegments -> output:T"
_TNUM = "; attr=Tnumsegments:type,default=DT_INT32,allowed=[DT_INT32, DT_INT64]"


def _segment_inputs(data, segment_ids, op, allowed, unsorted):
    data, ids = as_tensor(data), as_tensor(segment_ids)
    index_types = "int16 int32 int64" if op == "UnsortedSegmentSum" else "int32 int64"
    sig = _USEG_SIG if unsorted else _SEG_SIG
    attrs = (f"attr=T:type,allowed={_allowed_list(allowed)}; attr=Tindices:type,allowed="
             f"{_allowed_list(index_types)}" + (_TNUM if unsorted else ""))
    _check_type(data.dtype, op, allowed, sig, attrs, tail="")
    _check_type(ids.dtype, op, index_types, sig, attrs, attr="Tindices")
    return data, ids


def _num_segments(num_segments):
    if is_tensor_like(num_segments) and not getattr(num_segments, "_is_symbolic", False):
        return int(np.asarray(num_segments))
    return int(num_segments)


def unsorted_segment_sum(data, segment_ids, num_segments, name=None):
    data, ids = _segment_inputs(data, segment_ids, "UnsortedSegmentSum", _ALL_NUMERIC, True)
    return _usegment_sum(data, ids, num_segments=_num_segments(num_segments))


def unsorted_segment_max(data, segment_ids, num_segments, name=None):
    data, ids = _segment_inputs(data, segment_ids, "UnsortedSegmentMax", _REAL, True)
    return _usegment_max(data, ids, num_segments=_num_segments(num_segments))


def unsorted_segment_min(data, segment_ids, num_segments, name=None):
    data, ids = _segment_inputs(data, segment_ids, "UnsortedSegmentMin", _REAL, True)
    return _usegment_min(data, ids, num_segments=_num_segments(num_segments))


def _unsorted_counts(data, ids, num):
    """How many rows each segment holds (at least 1), shaped to broadcast against the sums."""
    counts = _usegment_sum(ones_like(ids, dtype=data.dtype), ids, num_segments=num)
    counts = maximum(counts, ones_like(counts))
    extra = (data.shape.rank or 0) - (ids.shape.rank or 0)
    return reshape(counts, (-1,) + (1,) * extra) if extra else counts


def unsorted_segment_mean(data, segment_ids, num_segments, name=None):
    data, ids = _segment_inputs(data, segment_ids, "UnsortedSegmentSum", _ALL_NUMERIC, True)
    num = _num_segments(num_segments)
    return truediv(_usegment_sum(data, ids, num_segments=num), _unsorted_counts(data, ids, num))


def unsorted_segment_sqrt_n(data, segment_ids, num_segments, name=None):
    data, ids = _segment_inputs(data, segment_ids, "UnsortedSegmentSum", _ALL_NUMERIC, True)
    num = _num_segments(num_segments)
    return truediv(_usegment_sum(data, ids, num_segments=num), sqrt(_unsorted_counts(data, ids, num)))


def segment_sum(data, segment_ids, name=None):
    data, ids = _segment_inputs(data, segment_ids, "SegmentSum", _ALL_NUMERIC, False)
    return _segment_sum(data, ids)


def segment_max(data, segment_ids, name=None):
    data, ids = _segment_inputs(data, segment_ids, "SegmentMax", _REAL, False)
    return _segment_max(data, ids)


def segment_min(data, segment_ids, name=None):
    data, ids = _segment_inputs(data, segment_ids, "SegmentMin", _REAL, False)
    return _segment_min(data, ids)


def segment_mean(data, segment_ids, name=None):
    data, ids = _segment_inputs(data, segment_ids, "SegmentMean", _ALL_NUMERIC, False)
    total = _segment_sum(data, ids)
    counts = _segment_sum(ones_like(ids, dtype=data.dtype), ids)
    counts = maximum(counts, ones_like(counts))
    extra = (data.shape.rank or 1) - 1
    if extra:
        counts = reshape(counts, (-1,) + (1,) * extra)
    mean = truediv(total, counts)
    # TF's SegmentMean kernel keeps integer inputs integer, truncating toward zero.
    return cast(mean, data.dtype) if mean.dtype is not data.dtype else mean


# -- bincount ----------------------------------------------------------------------------------
_BINCOUNT_TYPES = "int32 int64 float double"
_BINCOUNT_DEF = ("input:Tidx, size:Tidx, weights:T -> output:T",
                 "attr=Tidx:type,allowed=[DT_INT32, DT_INT64]; attr=T:type,allowed="
                 f"{_allowed_list(_BINCOUNT_TYPES)}; attr=binary_output:bool,default=false")


@primitive("DenseBincount", differentiable=False)
def _bincount(arr, weights=None, minlength=None, maxlength=None, binary_output=False, dtype=None):
    if arr.size and arr.min() < 0:
        raise ShapeError("Input arr must be non-negative!")
    size = int(arr.max()) + 1 if arr.size else 0
    if minlength is not None:
        size = max(size, minlength)
    if maxlength is not None:
        size = min(size, maxlength)
    size = max(size, 0)
    rows = arr.reshape(-1, arr.shape[-1]) if arr.ndim > 1 else arr.reshape(1, -1)
    # One np.bincount for all rows: row r's values are offset into bins [r*size, (r+1)*size).
    keep = rows < size  # values past maxlength are dropped
    flat = (np.arange(rows.shape[0])[:, None] * size + rows)[keep]
    w = None if weights is None else weights.reshape(rows.shape)[keep]
    counts = np.bincount(flat, weights=w, minlength=rows.shape[0] * size).reshape(rows.shape[0], size)
    out = (counts > 0 if binary_output else counts).astype(dtype.np_dtype)
    return out if arr.ndim > 1 else out[0]


@_bincount.spec
def _(arr, weights=None, minlength=None, maxlength=None, binary_output=False, dtype=None):
    if arr.shape.rank is not None and arr.shape.rank > 1:
        return TensorShape([arr.shape[0], None]), dtype
    return TensorShape([None]), dtype


def bincount(arr, weights=None, minlength=None, maxlength=None, dtype=dtypes.int32, name=None, axis=None,
             binary_output=False):
    arr = as_tensor(arr)
    if weights is not None:
        weights = as_tensor(weights)
    if weights is not None and binary_output:
        raise ValueError("Arguments `binary_output` and `weights` are mutually exclusive. Please specify "
                         "only one.")
    if not arr.dtype.is_integer:
        arr = cast(arr, dtypes.int32)
    axis = 0 if axis is None else axis
    if axis not in (0, -1):
        raise ValueError(f"Unsupported value for argument axis={axis}. Only 0 and -1 are currently supported.")
    out_dtype = dtypes.as_dtype(dtype) if weights is None else weights.dtype
    _check_type(out_dtype, "DenseBincount", _BINCOUNT_TYPES, _BINCOUNT_DEF[0], _BINCOUNT_DEF[1])
    if axis == 0:  # counts over the whole tensor
        arr = reshape(arr, (-1,))
        weights = None if weights is None else reshape(weights, (-1,))
    if weights is not None and weights.shape != arr.shape:
        raise _fail("DenseBincount", "`weights` must be the same shape as `arr` or a length-0 `Tensor`, in "
                    f"which case it acts as all weights equal to 1. Received {dims_text(weights.shape)}")
    inputs = (arr,) if weights is None else (arr, weights)
    return _bincount(*inputs, minlength=None if minlength is None else int(minlength),
                     maxlength=None if maxlength is None else int(maxlength),
                     binary_output=bool(binary_output), dtype=out_dtype)


# -- complex numbers ---------------------------------------------------------------------------
_COMPLEX_OF = {dtypes.float32: dtypes.complex64, dtypes.float64: dtypes.complex128}
_REAL_OF = {dtypes.complex64: dtypes.float32, dtypes.complex128: dtypes.float64}
_COMPLEX_TYPES = (dtypes.complex64, dtypes.complex128)


@primitive("Real", allowed=_COMPLEX_TYPES)
def _real(z):
    return np.real(z)


@primitive("Imag", allowed=_COMPLEX_TYPES)
def _imag(z):
    return np.imag(z)


@primitive("Angle", allowed=_COMPLEX_TYPES)
def _angle(z):
    return np.angle(z)


for _p in (_real, _imag, _angle):
    _p.spec(lambda z: (z.shape, _REAL_OF[z.dtype]))


@primitive("Complex", allowed=(dtypes.float32, dtypes.float64), signature="real:T, imag:T -> out:Tout")
def _complex(re, im):
    # Filled part by part: re + 1j * im would turn an infinite imaginary part into a NaN real one.
    out = np.empty(np.broadcast_shapes(np.shape(re), np.shape(im)),
                   dtype=np.complex64 if re.dtype == np.float32 else np.complex128)
    out.real, out.imag = re, im
    return out


@_complex.spec
def _(re, im):
    from .shape_rules import broadcast_shapes
    return broadcast_shapes(re.shape, im.shape), _COMPLEX_OF[re.dtype]


# TF's convention for a real loss L of z = x + iy: the gradient is dL/dx + i dL/dy.
@_real.vjp
def _(g, y, z):
    return (_complex(g, zeros_like(g)),)


@_imag.vjp
def _(g, y, z):
    return (_complex(zeros_like(g), g),)


@_complex.vjp
def _(g, z, re, im):
    return sum_to(_real(g), re), sum_to(_imag(g), im)


@_angle.vjp
def _(g, y, z):
    # angle = atan2(y, x): d/dx = -y / |z|^2, d/dy = x / |z|^2. Built from real parts so
    # that the second derivative never multiplies complex tensors.
    x, im = _real(z), _imag(z)
    scale = divide(g, add(square(x), square(im)))
    return (_complex(negative(multiply(scale, im)), multiply(scale, x)),)


def real(input, name=None):
    x = as_tensor(input)
    return _real(x) if x.dtype.is_complex else x


def imag(input, name=None):
    x = as_tensor(input)
    return _imag(x) if x.dtype.is_complex else zeros_like(x)


def angle(input, name=None):
    x = as_tensor(input)
    if x.dtype.is_complex:
        return _angle(x)
    # A real number's angle is pi for negatives and 0 otherwise (no gradient, as in TF).
    zero = zeros_like(x)
    return where(less(x, zero), zero + np.pi, zero)


def complex(real, imag, name=None):
    re, im = as_tensor(real), as_tensor(imag)
    if re.dtype is not im.dtype or re.dtype not in _COMPLEX_OF:
        raise TypeError(f"The `real` and `imag` components have incorrect types: {re.dtype.name} "
                        f"{im.dtype.name}. They must be consistent, and one of [tf.float32, tf.float64]")
    return _complex(re, im)
