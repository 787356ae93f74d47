"""Reductions (sum, mean, max, min, prod, any, all, logsumexp, variance, std) and argmax/argmin."""
import numpy as np

from ..framework import dtypes
from ..framework.primitive import REAL_NUMERIC, primitive
from ..framework.tensor import EagerTensor
from ..framework.tensor_shape import TensorShape
from .basic_ops import _broadcast_to, broadcast_to, cast, reshape, stop_gradient, where, zeros_like
from .core import as_tensor
from .math_ops import (_div, _scalar, add, divide, equal, exp, is_finite, log, multiply, not_equal, sqrt, square,
                       subtract)
from .shape_rules import canonical_axis, reduced_shape, reduction_axes

__all__ = ["reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "reduce_prod", "reduce_any",
           "reduce_all", "reduce_logsumexp", "reduce_variance", "reduce_std", "argmax", "argmin",
           "count_nonzero", "reduce_euclidean_norm"]

NUMERIC = REAL_NUMERIC + (dtypes.complex64, dtypes.complex128)
_add_reduce = np.add.reduce


# Sum and Mean take their attributes at TF's defaults (a full reduction, keepdims False) when
# they are not passed: the hot calls (reduce_sum(t), a gradient summed to a scalar) then pass
# no attributes, which saves the keyword plumbing of the primitive call.
def _reduce_spec(x, axes=None, keepdims=False):
    return reduced_shape(x.shape, axes, keepdims), x.dtype


def _reduction(name, kernel, allowed=NUMERIC, differentiable=True):
    p = primitive(name, allowed=allowed, differentiable=differentiable,
                  signature="input:T, reduction_indices:Tidx -> output:T")(kernel)
    p.spec(_reduce_spec)
    return p


def _mean_kernel(x, axes=None, keepdims=False):
    if x.dtype.kind in "iu":  # TF's integer mean truncates toward zero
        total = np.sum(x, axis=axes, keepdims=keepdims, dtype=np.int64)
        n = max(x.size // max(np.size(total), 1), 1)
        return np.fix(total / n).astype(x.dtype)
    if x.dtype.kind == "f" and x.dtype.itemsize >= 4 and 0 < x.size < 2 ** 24:
        # np.mean's Python layers cost ~6 us; its sum and division are these two calls.
        # (Dividing by the count in x's own precision rounds as np.mean's float64 division
        # does, as long as the count is exact in that precision.)
        total = np.add.reduce(x, axis=axes, dtype=x.dtype, keepdims=keepdims)
        return total / x.dtype.type(x.size // max(np.size(total), 1))
    return np.mean(x, axis=axes, keepdims=keepdims, dtype=x.dtype)


def _checked_extreme(fn):
    def kernel(x, axes, keepdims):
        if x.size == 0:  # TF returns the identity of the reduction for empty inputs
            shape = reduced_shape(TensorShape(x.shape), axes, keepdims).as_list()
            info = np.finfo(x.dtype) if x.dtype.kind == "f" else np.iinfo(x.dtype)
            fill = info.min if fn is np.max else info.max
            if x.dtype.kind == "f":
                fill = -np.inf if fn is np.max else np.inf
            return np.full(shape, fill, dtype=x.dtype)
        return fn(x, axis=axes, keepdims=keepdims)
    return kernel


# ufunc.reduce directly: np.sum's dispatch layer costs more than the sum of a small tensor.
_sum = _reduction("Sum", lambda x, axes=None, keepdims=False: np.add.reduce(x, axis=axes, dtype=x.dtype,
                                                                              keepdims=keepdims))
# Floats keep their dtype without the dtype argument (integers would widen to int64).
_sum.dtype_kernel((dtypes.float16, dtypes.float32, dtypes.float64, dtypes.complex64, dtypes.complex128),
                  lambda x, axes=None, keepdims=False: _add_reduce(x, axes, None, None, keepdims))
_mean = _reduction("Mean", _mean_kernel)
_max = _reduction("Max", _checked_extreme(np.max), allowed=REAL_NUMERIC)
_min = _reduction("Min", _checked_extreme(np.min), allowed=REAL_NUMERIC)
_prod = _reduction("Prod", lambda x, axes, keepdims: np.prod(x, axis=axes, keepdims=keepdims, dtype=x.dtype))
_any = _reduction("Any", lambda x, axes, keepdims: np.any(x, axis=axes, keepdims=keepdims),
                  allowed=(dtypes.bool,), differentiable=False)
_all = _reduction("All", lambda x, axes, keepdims: np.all(x, axis=axes, keepdims=keepdims),
                  allowed=(dtypes.bool,), differentiable=False)


def _kept_shape(x, axes):
    dims = x.shape.as_list()
    if axes is None:
        axes = range(len(dims))
    return tuple(1 if i in axes else (-1 if d is None else d) for i, d in enumerate(dims))


def _expand(g, x, axes, keepdims):
    """Broadcast a reduction's gradient back over the reduced axes."""
    try:  # eager: read the shapes off the values (TensorShape objects cost more than the op)
        xshape, gshape = x._value.shape, g._value.shape
    except AttributeError:
        pass
    else:
        if axes is not None and not keepdims and len(axes) != len(xshape):
            g = reshape(g, tuple(1 if i in axes else d for i, d in enumerate(xshape)))
        elif gshape == xshape:
            return g
        return _broadcast_to(g, shape=xshape)
    if axes is None or len(axes) == x.shape.rank:  # a full reduction: g is a scalar or all ones
        return broadcast_to(g, tuple(x.shape.as_list())) if not keepdims else \
            broadcast_to(reshape(g, ()), tuple(x.shape.as_list()))
    if not keepdims:
        g = reshape(g, _kept_shape(x, axes))
    return broadcast_to(g, tuple(x.shape.as_list()))


@_sum.vjp
def _(g, y, x, axes=None, keepdims=False):
    return (_expand(g, x, axes, keepdims),)


@_mean.vjp
def _(g, y, x, axes=None, keepdims=False):
    try:  # eager: the sizes off the values
        nx, ny = x._value.size, y._value.size
    except AttributeError:
        nx, ny = x.shape.num_elements(), y.shape.num_elements()
    n = nx // max(ny, 1) if nx else 1
    return (_div(_expand(g, x, axes, keepdims), _scalar(n, g._dtype)),)


def _extreme_vjp(g, y, x, axes, keepdims):
    y_full = _expand(y, x, axes, keepdims)
    mask = cast(equal(x, y_full), g.dtype)
    count = reduce_sum(mask, axis=axes, keepdims=True)
    # Ties share the gradient equally, as in TF.
    return (divide(multiply(mask, _expand(g, x, axes, keepdims)), broadcast_to(count, mask.shape.as_list())),)


_max.vjp(_extreme_vjp)
_min.vjp(_extreme_vjp)


@_prod.vjp
def _(g, y, x, axes, keepdims):
    # Product of the other elements = y / x where x != 0. An exact zero takes the
    # product of the rest, computed by replacing that zero with one.
    zero = zeros_like(x)
    is_zero = equal(x, zero)
    safe_x = where(is_zero, zero + _scalar(1, x.dtype), x)
    prod_safe = _expand(reduce_prod(safe_x, axis=axes, keepdims=True), x, axes, True)
    zeros_count = _expand(reduce_sum(cast(is_zero, x.dtype), axis=axes, keepdims=True), x, axes, True)
    others = where(is_zero,
                   where(equal(zeros_count, _scalar(1, x.dtype) + zero), prod_safe, zero),
                   where(equal(zeros_count, zero), divide(prod_safe, safe_x), zero))
    return (multiply(_expand(g, x, axes, keepdims), others),)


def _axis_values(axis):
    if axis is None:
        return None
    if isinstance(axis, EagerTensor) or getattr(axis, "_is_variable", False):
        axis = np.asarray(axis).tolist()
    return axis


def _reduce(prim, input_tensor, axis, keepdims):
    x = as_tensor(input_tensor)
    if axis is None:  # the common full reduction skips axis normalisation
        return prim(x, axes=None, keepdims=bool(keepdims))
    axes = reduction_axes(_axis_values(axis), x.shape.rank) if x.shape.rank is not None else axis
    if axes == () and axis is not None:  # reducing over no axis is the identity
        return x
    return prim(x, axes=axes, keepdims=bool(keepdims))


def _reduction_api(prim, name):
    def fn(input_tensor, axis=None, keepdims=False, name=None):
        if type(input_tensor) is EagerTensor:  # the common calls, straight to the kernel
            if axis is None:
                if not keepdims and (prim is _sum or prim is _mean):
                    return prim(input_tensor)  # the default attributes
                return prim(input_tensor, axes=None, keepdims=bool(keepdims))
            if type(axis) is int:
                rank = input_tensor._value.ndim
                if -rank <= axis < rank:
                    return prim(input_tensor, axes=(axis % rank,), keepdims=bool(keepdims))
        try:
            return _reduce(prim, input_tensor, axis, keepdims)
        except Exception as e:
            from ..framework.errors import InvalidArgumentError, eager_message
            from ..framework.primitive import ShapeError
            if isinstance(e, ShapeError):
                raise InvalidArgumentError(None, None, eager_message(prim.name, e.detail)) from None
            raise
    fn.__name__ = name
    return fn


reduce_sum = _reduction_api(_sum, "reduce_sum")
reduce_mean = _reduction_api(_mean, "reduce_mean")
reduce_max = _reduction_api(_max, "reduce_max")
reduce_min = _reduction_api(_min, "reduce_min")
reduce_prod = _reduction_api(_prod, "reduce_prod")
reduce_any = _reduction_api(_any, "reduce_any")
reduce_all = _reduction_api(_all, "reduce_all")


def _require_inexact(x):
    if not (x.dtype.is_floating or x.dtype.is_complex):
        raise TypeError(f"Input must be either real or complex. Received integer type {x.dtype}.")


def reduce_variance(input_tensor, axis=None, keepdims=False, name=None):
    x = as_tensor(input_tensor)
    _require_inexact(x)
    mean = reduce_mean(x, axis=axis, keepdims=True)
    return reduce_mean(square(subtract(x, mean)), axis=axis, keepdims=keepdims)


def reduce_std(input_tensor, axis=None, keepdims=False, name=None):
    x = as_tensor(input_tensor)
    _require_inexact(x)
    return sqrt(reduce_variance(x, axis=axis, keepdims=keepdims))


def reduce_logsumexp(input_tensor, axis=None, keepdims=False, name=None):
    x = as_tensor(input_tensor)
    raw_max = reduce_max(x, axis=axis, keepdims=True)
    # Shift by the max for stability; an infinite max would give nan, so shift by 0 there.
    shift = stop_gradient(where(is_finite(raw_max), raw_max, zeros_like(raw_max)))
    out = add(log(reduce_sum(exp(subtract(x, shift)), axis=axis, keepdims=True)), shift)
    if not keepdims:
        axes = reduction_axes(_axis_values(axis), x.shape.rank)
        out = reshape(out, tuple(d for i, d in enumerate(_kept_shape(x, axes)) if i not in (axes or ())))
    return out


def reduce_euclidean_norm(input_tensor, axis=None, keepdims=False, name=None):
    return sqrt(reduce_sum(square(as_tensor(input_tensor)), axis=axis, keepdims=keepdims))


def count_nonzero(input, axis=None, keepdims=None, dtype=dtypes.int64, name=None):
    x = as_tensor(input)
    nz = cast(not_equal(x, zeros_like(x)), dtypes.int64)
    return cast(reduce_sum(nz, axis=axis, keepdims=bool(keepdims)), dtype)


def _arg_spec(x, axis, output_type):
    rank = x.shape.rank
    if rank is None:
        return TensorShape(None), output_type
    ax = canonical_axis(axis, rank, f"Expected dimension in the range [{-rank}, {rank}), but got {axis}")
    dims = x.shape.as_list()
    return TensorShape(dims[:ax] + dims[ax + 1:]), output_type


@primitive("ArgMax", differentiable=False, allowed=REAL_NUMERIC)
def _argmax(x, axis, output_type):
    return np.argmax(x, axis=axis).astype(output_type.np_dtype)


@primitive("ArgMin", differentiable=False, allowed=REAL_NUMERIC)
def _argmin(x, axis, output_type):
    return np.argmin(x, axis=axis).astype(output_type.np_dtype)


_argmax.spec(_arg_spec)
_argmin.spec(_arg_spec)


def argmax(input, axis=None, output_type=dtypes.int64, name=None):
    x = as_tensor(input)
    return _argmax(x, axis=0 if axis is None else int(_axis_values(axis)),
                   output_type=dtypes.as_dtype(output_type))


def argmin(input, axis=None, output_type=dtypes.int64, name=None):
    x = as_tensor(input)
    return _argmin(x, axis=0 if axis is None else int(_axis_values(axis)),
                   output_type=dtypes.as_dtype(output_type))
