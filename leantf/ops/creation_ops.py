"""Tensors made from a shape: zeros, ones, fill, eye, range, linspace, one_hot."""
import builtins

import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError, eager_message
from ..framework.primitive import ShapeError, primitive
from ..framework.tensor import EagerTensor, convert_to_tensor, wrap_as
from ..framework.tensor_shape import TensorShape
from . import math_ops
from .basic_ops import broadcast_to, cast, reshape, stack
from .core import as_tensor, is_tensor_like
from .indexing import _index_dtype_error, constant_value, getitem
from .reduction_ops import reduce_sum
from .shape_rules import broadcast_shapes, dims_text

__all__ = ["zeros", "ones", "fill", "eye", "range", "linspace", "one_hot"]

_INT32 = dtypes.int32


def _is_symbolic(x):
    return getattr(x, "_is_symbolic", False)


# -- fill ------------------------------------------------------------------------------
@primitive("Fill", error_name=None)
def _fill(dims, value, static=None):
    if np.ndim(value) != 0:
        raise ShapeError(f"value must represent a scalar, got shape {dims_text(np.shape(value))}")
    shape = tuple(int(d) for d in np.reshape(dims, -1))
    for d in shape:
        if d < 0:
            raise ShapeError(f"Dimension {d} must be >= 0")
    return np.full(shape, value, dtype=value.dtype)


@_fill.spec
def _(dims, value, static=None):
    # ``static``: the dims known while building a graph, e.g. [None, 3] for [tf.shape(x)[0], 3].
    if static is not None:
        return TensorShape(list(static)), value.dtype
    if isinstance(dims, EagerTensor):
        return TensorShape([int(d) for d in np.reshape(dims._value, -1)]), value.dtype
    n = dims.shape[0] if dims.shape.rank == 1 else None
    return TensorShape(None if n is None else [None] * n), value.dtype


@_fill.vjp
def _(g, y, dims, value, static=None):
    return None, reduce_sum(g)


def _dims_tensor(dims):
    """A shape argument as (int32 vector tensor, static dims or None); symbolic entries are stacked."""
    if _is_symbolic(dims):
        return dims, None
    if isinstance(dims, (list, tuple)) and any(_is_symbolic(d) for d in dims):
        static = tuple(_known_int(d) for d in dims)
        return stack([cast(as_tensor(d), _INT32) for d in dims]), static
    if isinstance(dims, EagerTensor):
        return dims, None
    return wrap_as(np.array(_shape_ints(dims), dtype=np.int32), _INT32), None


def _known_int(d):
    """A dimension as an int when it is known while building a graph, else None."""
    if not _is_symbolic(d):
        return int(d)
    v = constant_value(d)
    return None if v is None else int(v)


def fill(dims, value, name=None):
    dims, static = _dims_tensor(dims)
    return _fill(dims, as_tensor(value), static=static)


# -- zeros / ones ------------------------------------------------------------------------
def _shape_ints(shape):
    """A shape argument as a tuple of ints (None if it holds symbolic dims), with TF's conversion errors."""
    if type(shape) is tuple or type(shape) is list:
        out = []
        for d in shape:
            if type(d) is int or isinstance(d, np.integer):
                out.append(int(d))
            elif d is None:
                raise ValueError("Attempt to convert a value (None) with an unsupported type "
                                 "(<class 'NoneType'>) to a Tensor.")
            elif is_tensor_like(d) and d.dtype.is_integer and d.shape.rank == 0:
                if _is_symbolic(d):
                    return None  # the caller builds a Fill node instead
                out.append(int(d))
            else:
                raise TypeError(f"Cannot convert {shape!r} to EagerTensor of dtype int32")
        return tuple(out)
    if isinstance(shape, (int, np.integer)):
        return (int(shape),)
    if isinstance(shape, TensorShape):
        return _shape_ints(shape.as_list())
    arr = np.asarray(shape)
    if arr.dtype.kind not in "iu":
        raise TypeError(f"Cannot convert {shape!r} to EagerTensor of dtype int32")
    return tuple(int(d) for d in arr.reshape(-1))


def _filled(shape, dtype, value):
    dtype = dtypes.as_dtype(dtype)
    dims = None if _is_symbolic(shape) else _shape_ints(shape)
    if dims is None:
        dims, static = _dims_tensor(shape)
        return _fill(dims, convert_to_tensor(value, dtype), static=static)
    for d in dims:
        if d < 0:
            raise InvalidArgumentError(None, None, eager_message("Fill", f"Dimension {d} must be >= 0"))
    if dtype is dtypes.string:
        if value != 0:
            raise TypeError(f"Cannot convert {value!r} to EagerTensor of dtype string")
        return wrap_as(np.full(dims, b"", dtype=object), dtype)
    np_dtype = dtype.np_dtype
    arr = np.zeros(dims, dtype=np_dtype) if value == 0 else np.ones(dims, dtype=np_dtype)
    return wrap_as(arr, dtype)


def zeros(shape, dtype=dtypes.float32, name=None, layout=None):
    return _filled(shape, dtype, 0)


def ones(shape, dtype=dtypes.float32, name=None, layout=None):
    return _filled(shape, dtype, 1)


# -- eye ---------------------------------------------------------------------------------
def eye(num_rows, num_columns=None, batch_shape=None, dtype=dtypes.float32, name=None):
    cols = num_rows if num_columns is None else num_columns
    if is_tensor_like(num_rows) or is_tensor_like(cols):
        num_rows, cols = int(num_rows), int(cols)
    elif not isinstance(num_rows, (int, np.integer)) or not isinstance(cols, (int, np.integer)):
        raise TypeError("Arguments `num_rows` and `num_columns` must be positive integer values. Received: "
                        f"num_rows={num_rows}, num_columns={cols}")
    batch = [] if batch_shape is None else list(_shape_ints(batch_shape))
    diag = ones(batch + [min(num_rows, cols)], dtype)   # TF fails here first for negative sizes
    out = np.zeros(batch + [num_rows, cols], dtype=diag._value.dtype)
    i = np.arange(min(num_rows, cols))
    out[..., i, i] = diag._value
    return wrap_as(out, diag.dtype)


# -- range -------------------------------------------------------------------------------
_RANGE_TYPES = (dtypes.bfloat16, dtypes.float16, dtypes.float32, dtypes.float64, dtypes.int8, dtypes.int16,
                dtypes.int32, dtypes.int64, dtypes.uint16, dtypes.uint32, dtypes.uint64)
_RANGE_ORDER = [dtypes.int32, dtypes.int64, dtypes.float16, dtypes.bfloat16, dtypes.float32, dtypes.float64]


def _num_text(v):
    """A number as TF's C++ stream prints it (6 significant digits, no trailing zeros)."""
    return str(int(v)) if np.asarray(v).dtype.kind in "iu" else "%g" % float(v)


def _range_count(start, limit, delta):
    if delta == 0:
        raise ShapeError(f"Requires delta != 0: {_num_text(delta)}")
    if delta > 0 and start > limit:
        raise ShapeError(f"Requires start <= limit when delta > 0: {_num_text(start)}/{_num_text(limit)}")
    if delta < 0 and start < limit:
        raise ShapeError(f"Requires start >= limit when delta < 0: {_num_text(start)}/{_num_text(limit)}")
    if np.asarray(start).dtype.kind in "iu":
        return (abs(int(limit) - int(start)) + abs(int(delta)) - 1) // abs(int(delta))
    # TF counts in the tensors' own float type; so does NumPy arithmetic on these scalars.
    with np.errstate(all="ignore"):
        return int(np.ceil(np.abs((limit - start) / delta)))


@primitive("Range", differentiable=False)
def _range(start, limit, delta):
    n = _range_count(start, limit, delta)
    dt = np.asarray(start).dtype
    if dt.kind in "iu":  # exact in integers: NumPy's count is TF's ceil((limit - start) / delta)
        return np.arange(int(start), int(limit), int(delta), dtype=dt)
    # start + i * delta per element (not accumulated), as TF's kernel computes it.
    return (start + np.arange(n, dtype=dt) * delta).astype(dt, copy=False)


@_range.spec
def _(start, limit, delta):
    known = [constant_value(t) for t in (start, limit, delta)]
    if all(v is not None for v in known):  # e.g. tf.range(tf.shape(x)[1]) with that dimension known
        return TensorShape([_range_count(*known)]), start.dtype
    return TensorShape([None]), start.dtype


_RANGE_SIG = ("start:Tidx, limit:Tidx, delta:Tidx -> output:Tidx; attr=Tidx:type,default=DT_INT32,@ALLOWED@")


def range(start, limit=None, delta=1, dtype=None, name="range"):  # noqa: A001 - TF's public name
    if limit is None:
        start, limit = 0, start
    if dtype is None and type(start) is int and type(limit) is int and type(delta) is int and \
            -2 ** 31 <= start < 2 ** 31 and -2 ** 31 <= limit < 2 ** 31 and -2 ** 31 <= delta < 2 ** 31:
        args = [wrap_as(np.int32(v), _INT32) for v in (start, limit, delta)]   # the common case
        return _range(*args)
    dt = None if dtype is None else dtypes.as_dtype(dtype)
    args = [a if is_tensor_like(a) else convert_to_tensor(a, dt) for a in (start, limit, delta)]
    if dt is None:
        if not all(a.dtype in _RANGE_ORDER for a in args):
            raise AssertionError()
        dt = max((a.dtype for a in args), key=_RANGE_ORDER.index)
    if dt not in _RANGE_TYPES:
        raise _index_dtype_error("Range", "Tidx", dt, _RANGE_TYPES, _RANGE_SIG, name="")
    args = [as_tensor(a) if a.dtype is dt else cast(a, dt) for a in args]
    return _range(*args)


# -- linspace ----------------------------------------------------------------------------
def linspace(start, stop, num, name=None, axis=0):
    """TF's linspace_nd: start + i * delta for the inner points, exact endpoints."""
    start = as_tensor(start)
    try:
        stop = convert_to_tensor(stop, dtype=start.dtype)
    except ValueError as e:
        raise ValueError(f"stop: {e}") from None
    n_t = as_tensor(num)
    if not n_t.dtype.is_integer:
        raise TypeError(f"Argument `tensor` (name: num) must be of type integer. Received `tensor` = "
                        f"{n_t._value} of dtype: {n_t.dtype}")
    n = int(n_t)
    shape = broadcast_shapes(start.shape, stop.shape)
    if start.shape != shape:
        start = broadcast_to(start, shape)
    if stop.shape != shape:
        stop = broadcast_to(stop, shape)
    from .array_ops import concat, expand_dims
    e_start, e_stop = expand_dims(start, axis), expand_dims(stop, axis)
    r = e_start.shape.rank
    axis %= r
    n_steps = builtins.max(n - 1, 1)
    delta = math_ops.truediv(e_stop - e_start, convert_to_tensor(n_steps, stop.dtype))
    e_start, e_stop = cast(e_start, delta.dtype), cast(e_stop, delta.dtype)
    steps = cast(range(1, n_steps if n >= 0 else -1, dtype=dtypes.int64), delta.dtype)
    steps = reshape(steps, [builtins.max(n - 2, 0) if i == axis else 1 for i in builtins.range(r)])
    res = concat([e_start, e_start + delta * steps, e_stop], axis)
    if n >= 2:
        return res
    return getitem(res, (slice(None),) * axis + (slice(0, n),))


# -- one_hot -----------------------------------------------------------------------------
_ONE_HOT_INDEX_TYPES = (dtypes.uint8, dtypes.int8, dtypes.int32, dtypes.int64)
_ONE_HOT_SIG = ("indices:TI, depth:int32, on_value:T, off_value:T -> output:T; attr=axis:int,default=-1; "
                "attr=T:type; attr=TI:type,default=DT_INT64,@ALLOWED@")


@primitive("OneHot", differentiable=False, error_name=None)
def _one_hot(indices, on, off, *d, depth, axis):
    if d:  # a depth only known when the graph runs (depth=tf.shape(logits)[-1] of unknown size)
        depth = int(d[0])
    if depth < 0:
        raise ShapeError(f"depth must be non-negative, got: {depth}")
    r = np.ndim(indices)
    if not (axis == -1 or 0 <= axis <= r):
        raise ShapeError(f"Expected axis to be -1 or between [0, {r + 1}).  But received: {axis}")
    hot = np.expand_dims(indices, -1) == np.arange(depth)
    out = np.where(hot, on, off)
    return out if axis in (-1, r) else np.moveaxis(out, -1, axis)


@_one_hot.spec
def _(indices, on, off, *d, depth, axis):
    if indices.shape.rank is None:
        return TensorShape(None), on.dtype
    dims = indices.shape.as_list()
    r = len(dims)
    if not (axis == -1 or 0 <= axis <= r):
        raise ShapeError(f"Expected axis to be -1 or between [0, {r + 1}).  But received: {axis}")
    a = r if axis == -1 else axis
    return TensorShape(dims[:a] + [depth] + dims[a:]), on.dtype


def _hinted(value, dtype):
    """convert_to_tensor with a dtype hint: the hint is tried first, then plain conversion."""
    if is_tensor_like(value):
        return as_tensor(value)
    if dtype is not None:
        try:
            return convert_to_tensor(value, dtype)
        except (TypeError, ValueError):
            pass
    return convert_to_tensor(value)


def one_hot(indices, depth, on_value=None, off_value=None, axis=None, dtype=None, name=None):
    indices = as_tensor(indices)
    if indices.dtype not in _ONE_HOT_INDEX_TYPES:
        raise _index_dtype_error("OneHot", "TI", indices.dtype, _ONE_HOT_INDEX_TYPES, _ONE_HOT_SIG)
    dtype = None if dtype is None else dtypes.as_dtype(dtype)
    on = None if on_value is None else _hinted(on_value, dtype)
    off = None if off_value is None else _hinted(off_value, dtype)
    if on is not None or off is not None:
        if dtype is not None:
            for v, what in ((on, "on_value"), (off, "off_value")):
                if v is not None and v.dtype is not dtype:
                    raise TypeError(f"dtype {v.dtype} of {what} does not match dtype parameter {dtype}")
        else:
            dtype = on.dtype if on is not None else off.dtype
        if on is not None and off is not None and on.dtype is not off.dtype:
            raise TypeError(f"dtype {on.dtype} of on_value does not match dtype {off.dtype} of off_value")
    elif dtype is None:
        dtype = dtypes.float32
    if dtype is dtypes.bool and on is None:
        raise TypeError("Cannot convert 1 to EagerTensor of dtype bool")  # TF converts the default 1 strictly
    on = wrap_as(np.ones((), dtype.np_dtype), dtype) if on is None else on
    off = wrap_as(np.zeros((), dtype.np_dtype), dtype) if off is None else off
    axis = -1 if axis is None else int(axis)
    if _is_symbolic(depth):
        known = constant_value(depth)
        if known is None:
            return _one_hot(indices, on, off, cast(depth, _INT32), depth=None, axis=axis)
        depth = known
    return _one_hot(indices, on, off, depth=int(depth), axis=axis)
