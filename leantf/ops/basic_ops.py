"""The primitives everything else leans on: identity, reads, casts, reshape, broadcast,
stack/unstack, select, zeros/ones-like, shape. Gradient rules of other families use them.
"""
import numpy as np

from ..framework import dtypes
from ..framework.primitive import PRIMITIVES, ShapeError, primitive
from ..framework.tensor import EagerTensor
from ..framework.tensor_shape import TensorShape
from .core import as_tensor, same_dtype_inputs
from .shape_rules import broadcast_shapes, canonical_axis, dims_text

__all__ = ["identity", "stop_gradient", "zeros_like", "ones_like", "reshape", "broadcast_to", "stack",
           "unstack", "cast", "shape", "where"]


def _same(x, **_):
    return x.shape, x.dtype


# -- identity-like ---------------------------------------------------------------
@primitive("Identity")
def _identity(x):
    return x


_identity.spec(_same)


@_identity.vjp
def _(g, y, x):
    return (g,)


@primitive("ReadVariableOp")
def _read_variable(x):  # a variable read, as TF names it; the tape keeps reads apart (tape.py)
    return x


@_read_variable.vjp
def _(g, y, var):
    return (g,)


@primitive("StopGradient", differentiable=False)
def _stop_gradient(x):
    return x


_stop_gradient.spec(_same)


def identity(input, name=None):
    return _identity(as_tensor(input))


def stop_gradient(input, name=None):
    return _stop_gradient(as_tensor(input))


@primitive("ZerosLike", differentiable=False)
def _zeros_like(x):
    return np.zeros_like(x)


_zeros_like.spec(_same)


@primitive("OnesLike", differentiable=False)
def _ones_like(x):
    return np.ones_like(x)


_ones_like.spec(_same)


def zeros_like(input, dtype=None, name=None):
    t = _zeros_like(as_tensor(input))
    return t if dtype is None or t.dtype == dtype else cast(t, dtype)


def ones_like(input, dtype=None, name=None):
    t = _ones_like(as_tensor(input))
    return t if dtype is None or t.dtype == dtype else cast(t, dtype)


# -- cast ----------------------------------------------------------------------------
@primitive("Cast")
def _cast(x, dtype):
    if dtype is dtypes.string:
        raise ShapeError("Cast string to float is not supported")
    target = dtype.np_dtype
    if _SILENT_CAST.get((x.dtype.kind, x.dtype.itemsize, target.kind, target.itemsize)):
        return x.astype(target)  # cannot overflow or be invalid: np.errstate's ~1 us is not needed
    with np.errstate(invalid="ignore", over="ignore"):
        return x.astype(target)


def _silent_casts():
    """(source kind, size, target kind, size) of casts that never set a floating-point flag:
    integer/bool to integer/bool (wraps), to float32 and wider (every int64 fits), and
    float to a float at least as wide."""
    table = {}
    ints = [("b", 1)] + [(k, n) for k in "iu" for n in (1, 2, 4, 8)]
    for src in ints:
        for dst in ints + [("f", 4), ("f", 8), ("c", 8), ("c", 16)]:
            table[src + dst] = True
    for n in (2, 4, 8):
        for m in (2, 4, 8):
            if m >= n:
                table[("f", n, "f", m)] = True
    return table


_SILENT_CAST = _silent_casts()


@_cast.spec
def _(x, dtype):
    return x.shape, dtype


@_cast.vjp
def _(g, y, x, dtype):
    if x.dtype._kind in "fc" and dtype._kind in "fc":
        return (cast(g, x.dtype),)
    return (None,)


def cast(x, dtype, name=None):
    dtype = dtypes.as_dtype(dtype)
    x = as_tensor(x)
    if x.dtype is dtype:
        return x
    if x.dtype is dtypes.string or dtype is dtypes.string:
        raise_unimplemented_cast(x.dtype, dtype)
    return _cast(x, dtype=dtype)


def raise_unimplemented_cast(src, dst):
    from ..framework.errors import UnimplementedError, eager_message
    from ..framework.primitive import tf_type_name
    # TF's kernel text, with its own type names ("Cast string to float is not supported").
    raise UnimplementedError(None, None, eager_message(
        "Cast", f"Cast {tf_type_name(src)} to {tf_type_name(dst)} is not supported"))


# -- shape manipulation --------------------------------------------------------------
def _reshape_target(in_shape, shape):
    """Resolve -1 in ``shape`` against ``in_shape`` (both may hold None)."""
    shape = list(shape)
    if shape.count(-1) > 1:
        raise ShapeError(f"Only one input size may be -1, not both {shape.index(-1)} and "
                         f"{len(shape) - 1 - shape[::-1].index(-1)}")
    n_in = in_shape.num_elements()
    known = 1
    for d in shape:
        if d is not None and d != -1:
            known *= d
    if -1 in shape:
        i = shape.index(-1)
        if n_in is None or None in shape:
            shape[i] = None
        elif known == 0 or n_in % known:
            raise ShapeError(f"Input to reshape is a tensor with {n_in} values, but the requested shape "
                             f"requires a multiple of {known}",
                             f"Cannot reshape a tensor with {n_in} elements to shape {dims_text(shape)} "
                             f"({known} elements)")
        else:
            shape[i] = n_in // known
    elif n_in is not None and None not in shape and n_in != known:
        raise ShapeError(f"Input to reshape is a tensor with {n_in} values, but the requested shape has "
                         f"{known}",
                         f"Cannot reshape a tensor with {n_in} elements to shape {dims_text(shape)} "
                         f"({known} elements)")
    return TensorShape(shape)


@primitive("Reshape", error_name=None)
def _reshape(x, shape):
    return np.reshape(x, shape)


@_reshape.spec
def _(x, shape):
    return _reshape_target(x.shape, shape), x.dtype


@_reshape.vjp
def _(g, y, x, shape):
    return (reshape(g, _static_shape(x)),)


def _static_shape(x):
    dims = x.shape.as_list()
    return tuple(-1 if d is None else d for d in dims)


def _shape_values(shape):
    """A shape argument (list, tuple, TensorShape or integer tensor) as a tuple of ints/None."""
    if isinstance(shape, TensorShape):
        return tuple(shape.as_list())
    if isinstance(shape, EagerTensor) or getattr(shape, "_is_variable", False):
        return tuple(int(d) for d in np.asarray(shape).reshape(-1))
    if isinstance(shape, (int, np.integer)):
        return (int(shape),)
    out = []
    for d in shape:
        out.append(None if d is None else int(d))
    return tuple(out)


def reshape(tensor, shape, name=None):
    x = as_tensor(tensor)
    if getattr(shape, "_is_symbolic", False):
        return _reshape_dynamic(x, shape)
    return _reshape(x, shape=_shape_values(shape))


def _reshape_dynamic(x, shape):
    return PRIMITIVES["ReshapeDynamic"](x, shape)


@primitive("ReshapeDynamic")
def _reshape_dyn(x, shape):
    return np.reshape(x, tuple(int(d) for d in shape))


@_reshape_dyn.spec
def _(x, shape):
    n = shape.shape[0] if shape.shape.rank else None
    return TensorShape(None if n is None else [None] * n), x.dtype


@_reshape_dyn.vjp
def _(g, y, x, shape):
    return (reshape(g, _static_shape(x)), None)


@primitive("BroadcastTo")
def _broadcast_to(x, shape):
    # A filled copy: np.broadcast_to's view machinery costs more than copying small tensors,
    # and a writeable, contiguous result is what TF returns too.
    out = np.empty(shape, dtype=x.dtype)
    out[...] = x
    return out


@_broadcast_to.spec
def _(x, shape):
    out = broadcast_shapes(x.shape, shape)
    if out.rank is not None and list(out) != [None if d is None else d for d in shape]:
        raise ShapeError(f"Unable to broadcast tensor of shape {dims_text(x.shape)} to tensor of shape "
                         f"{dims_text(list(shape))}")
    return TensorShape(list(shape)), x.dtype


@_broadcast_to.vjp
def _(g, y, x, shape):
    return (sum_to(g, x),)


def broadcast_to(input, shape, name=None):
    if type(shape) is not tuple:
        shape = _shape_values(shape)
    return _broadcast_to(as_tensor(input), shape=shape)


@primitive("Pack", error_name="stack")
def _pack(*values, axis=0):
    return np.stack(values, axis=axis)


@_pack.spec
def _(*values, axis=0):
    shape = values[0].shape
    for v in values[1:]:
        if not shape.is_compatible_with(v.shape):
            raise ShapeError(f"Shapes of all inputs must match: values[0].shape = {dims_text(shape)} != "
                             f"values[{values.index(v)}].shape = {dims_text(v.shape)}")
        shape = shape.merge_with(v.shape)
    if shape.rank is None:
        return TensorShape(None), values[0].dtype
    dims = shape.as_list()
    ax = canonical_axis(axis, len(dims) + 1)
    return TensorShape(dims[:ax] + [len(values)] + dims[ax:]), values[0].dtype


@_pack.vjp
def _(g, y, *values, axis=0):
    return unstack(g, num=len(values), axis=axis)


def stack(values, axis=0, name="stack"):
    values = same_dtype_inputs(list(values), "Pack")
    rank = values[0].shape.rank
    if rank is not None and not -(rank + 1) <= axis < rank + 1:
        raise ValueError(f"Argument `axis` = {axis} not in range [{-(rank + 1)}, {rank + 1})")
    return _pack(*values, axis=axis)


def _unpack_kernel(value, num, axis):
    return tuple(np.moveaxis(value, axis, 0)) if num else ()



def _make_unpack(num):
    # Unpack's output count depends on the input, so one primitive per count.
    name = f"Unpack:{num}"
    if name in PRIMITIVES:
        return PRIMITIVES[name]
    p = primitive(name, n_outputs=num)(_unpack_kernel)

    @p.spec
    def _(value, num, axis):
        dims = value.shape.as_list()
        return [(TensorShape(dims[:axis] + dims[axis + 1:]), value.dtype)] * num

    @p.vjp
    def _(gs, ys, value, num, axis):
        return (stack(list(gs), axis=axis),)
    return p


def unstack(value, num=None, axis=0, name="unstack"):
    value = as_tensor(value)
    rank = value.shape.rank
    if rank is None:
        raise ValueError("Cannot infer argument `num` from shape <unknown>")
    if not -rank <= axis < rank:
        raise ValueError(f"Argument `axis` = {axis} not in range [{-rank}, {rank})")
    axis %= rank
    n = value.shape[axis] if num is None else num
    if n is None:
        raise ValueError(f"Cannot infer argument `num` from shape {value.shape}")
    out = _make_unpack(n)(value, num=n, axis=axis)
    return list(out) if n != 1 else [out]


@primitive("Shape", differentiable=False)
def _shape(x, out_type):
    return np.array(np.shape(x), dtype=out_type.np_dtype)


@_shape.spec
def _(x, out_type):
    return TensorShape([x.shape.rank]), out_type


def shape(input, out_type=None, name=None):
    out_type = dtypes.int32 if out_type is None else dtypes.as_dtype(out_type)
    return _shape(as_tensor(input), out_type=out_type)


# -- select -----------------------------------------------------------------------------
@primitive("SelectV2", signature="condition:bool, t:T, e:T -> output:T")
def _select(cond, x, y):
    return np.where(cond, x, y)


@_select.spec
def _(cond, x, y):
    return broadcast_shapes(broadcast_shapes(cond.shape, x.shape), y.shape), x.dtype


@_select.vjp
def _(g, out, cond, x, y):
    zeros = zeros_like(g)
    return None, sum_to(where(cond, g, zeros), x), sum_to(where(cond, zeros, g), y)


@primitive("Where", differentiable=False)
def _where_indices(cond):
    return np.argwhere(cond).astype(np.int64)


@_where_indices.spec
def _(cond):
    return TensorShape([None, cond.shape.rank]), dtypes.int64


def where(condition, x=None, y=None, name=None):
    if (type(x) is EagerTensor and type(y) is EagerTensor and type(condition) is EagerTensor
            and x._dtype is y._dtype and condition._dtype is dtypes.bool):
        return _select(condition, x, y)  # the common call (gradient rules): nothing to convert
    condition = as_tensor(condition)
    if x is None and y is None:
        if condition.dtype is not dtypes.bool:
            condition = cast(condition, dtypes.bool)
        return _where_indices(condition)
    if x is None or y is None:
        raise ValueError("x and y must both be non-None or both be None.")
    x, y = same_dtype_inputs((x, y), "SelectV2")
    if condition.dtype is not dtypes.bool:
        from ..framework.errors import InvalidArgumentError
        raise InvalidArgumentError(None, None, "cannot compute SelectV2 as input #0(zero-based) was expected "
                                   f"to be a bool tensor but is a {condition.dtype.name} tensor "
                                   "[Op:SelectV2] name: ")
    return _select(condition, x, y)


# -- gradient helper --------------------------------------------------------------------
def sum_to(g, x):
    """Reduce a broadcast gradient ``g`` back to the shape of input ``x``."""
    try:
        gd, xd = g._value.shape, x._value.shape
    except AttributeError:  # symbolic: work on static shapes
        gd, xd = tuple(g.shape.as_list()), tuple(x.shape.as_list())
    if gd == xd:
        return g
    total = _SUM[0] or _sum_prim()
    if not xd and None not in gd:  # a scalar input (a scalar variable, a Python number): sum it all
        return total(g)  # (Sum's default attributes: all axes, no kept dimensions)
    lead = len(gd) - len(xd)
    axes = list(range(lead))
    for i, d in enumerate(xd):
        if d == 1 and gd[lead + i] != 1:
            axes.append(lead + i)
    r = total(g, axes=tuple(axes), keepdims=False) if axes else g
    rd = r._value.shape if type(r) is EagerTensor else tuple(r.shape.as_list())
    return reshape(r, _static_shape(x)) if rd != xd else r


_SUM = [None]


def _sum_prim():
    _SUM[0] = PRIMITIVES["Sum"]  # registered by reduction_ops, which imports this module
    return _SUM[0]
