"""Array manipulation: transpose, concat/split, squeeze/expand_dims, tile, pad, reverse, sort,
unique, and the composites built on them (meshgrid, sequence_mask, repeat). Gather, scatter,
slicing and boolean_mask live in indexing.py next to StridedSlice and are re-exported here.
"""
import builtins
import collections

import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError
from ..framework.primitive import PRIMITIVES, ShapeError, primitive
from ..framework.tensor import EagerTensor, convert_to_tensor, wrap, wrap_as
from ..framework.tensor_shape import TensorShape
from . import math_ops
from .basic_ops import cast, identity, reshape, shape, stack
from .core import as_tensor, is_tensor_like, same_dtype_inputs
from .indexing import (_const_ints, _gather, _index_items, _static_int, boolean_mask, constant_value, gather,
                       gather_nd, getitem, op_error, scatter_nd, slice_, strided_slice, tensor_scatter_nd_add,
                       tensor_scatter_nd_sub, tensor_scatter_nd_update)
from .reduction_ops import reduce_max, reduce_sum
from .shape_rules import dims_text

__all__ = ["transpose", "concat", "split", "squeeze", "expand_dims", "tile", "pad", "gather", "gather_nd",
           "scatter_nd", "tensor_scatter_nd_update", "tensor_scatter_nd_add", "tensor_scatter_nd_sub",
           "boolean_mask", "slice", "strided_slice", "reverse", "shape_n", "size", "rank", "meshgrid", "sort",
           "argsort", "unique", "unique_with_counts", "sequence_mask", "repeat"]

_S = builtins.slice  # this module exports TF's `slice`, so the builtin gets a private name
_INT32 = dtypes.int32


def _int_list(v):
    """A static list of ints from a list, tuple, int, NumPy array or eager tensor."""
    if getattr(v, "_is_symbolic", False):
        raise ValueError("this argument must be static (a list of ints or an eager tensor)")
    return [int(i) for i in _index_items(v)]


def _fail(op, detail, name=None, kernel=None, x=None):
    return op_error(x, op, detail, name, kernel)


def _reshape_like(g, x):
    """Reshape ``g`` back to ``x``'s shape: statically when at most one dimension is unknown."""
    dims = x.shape.dims
    if dims is not None and dims.count(None) <= 1:
        return reshape(g, [-1 if d is None else d for d in dims])
    return reshape(g, shape(x))


def _list_inputs(values, op_name):
    """Inputs of a list-typed op (ConcatV2's values): the first tensor's (or the first value's) dtype
    wins and the other plain values are converted to it, as TF's op-def conversion does."""
    first = next((v for v in values if is_tensor_like(v)), None)
    if first is None and values:
        values = list(values)
        values[0] = convert_to_tensor(values[0])
        dtype = values[0].dtype
        return [values[0]] + [v if is_tensor_like(v) else convert_to_tensor(v, dtype) for v in values[1:]]
    return same_dtype_inputs(list(values), op_name)


# -- transpose -------------------------------------------------------------------------
@primitive("Transpose", error_name=None)
def _transpose(x, perm):
    return np.transpose(x, perm)


@_transpose.spec
def _(x, perm):
    if x.shape.rank is None:
        return TensorShape([None] * len(perm)), x.dtype
    rank = x.shape.rank
    if len(perm) != rank:
        raise ShapeError(f"transpose expects a vector of size {rank}. But input(1) is a vector of size {len(perm)}",
                         f"Dimension must be {rank} but is {len(perm)}")
    for p in perm:
        if not 0 <= p < rank:
            raise ShapeError(f"{p} is out of range [0 .. {rank})")
    for i in range(rank):
        if i not in perm:
            raise ShapeError(f"{i} is missing from {{{','.join(str(p) for p in perm)}}}.")
    dims = x.shape.as_list()
    return TensorShape([dims[p] for p in perm]), x.dtype


@_transpose.vjp
def _(g, y, x, perm):
    return (_transpose(g, perm=tuple(np.argsort(perm).tolist())),)


def transpose(a, perm=None, conjugate=False, name="transpose"):
    x = as_tensor(a)
    if perm is None:
        if x.shape.rank is None:
            raise ValueError("transpose of a tensor of unknown rank needs an explicit `perm`")
        perm = tuple(range(x.shape.rank - 1, -1, -1))
    else:
        perm = tuple(_int_list(perm))
    y = _transpose(x, perm=perm)
    return math_ops.conj(y) if conjugate and x.dtype.is_complex else y


# -- concat / split ---------------------------------------------------------------------
def _concat_detail(shapes, axis):
    """TF's ConcatOp validation texts for concrete shapes (None if they are fine)."""
    r = len(shapes[0])
    if not -r <= axis < r and r:
        return f"ConcatOp : Expected concatenating dimensions in the range [{-r}, {r}), but got {axis}"
    if r == 0:
        return "ConcatOp : Can't concatenate scalars (use tf.stack instead)"
    a = axis % r
    for i, s in enumerate(shapes[1:], 1):
        if len(s) != r:
            return (f"ConcatOp : Ranks of all input tensors should match: shape[0] = {dims_text(shapes[0])} vs. "
                    f"shape[{i}] = {dims_text(s)}")
        for j in range(r):
            if j != a and s[j] != shapes[0][j]:
                return (f"ConcatOp : Dimension {j} in both shapes must be equal: shape[0] = "
                        f"{dims_text(shapes[0])} vs. shape[{i}] = {dims_text(s)}")
    return None


@primitive("ConcatV2", error_name="concat")
def _concat(*xs, axis):
    try:
        return np.concatenate(xs, axis=axis)
    except Exception:
        # TF names the kernel after the input count (ConcatV2_N_3); raise with that label here.
        detail = _concat_detail([np.shape(x) for x in xs], axis) or "ConcatOp : invalid inputs"
        raise _fail("ConcatV2", detail, "concat", f"ConcatV2_N_{len(xs)}") from None


@_concat.spec
def _(*xs, axis):
    known = [x.shape for x in xs if x.shape.rank is not None]
    if not known:
        return TensorShape(None), xs[0].dtype
    r = known[0].rank
    if r == 0 or not -r <= axis < r:
        raise ShapeError(_concat_detail([()] if r == 0 else [[None] * r], axis) or "",
                         f"Shape must be at least rank 1 but is rank 0" if r == 0 else
                         f"ConcatOp : Expected concatenating dimensions in the range [{-r}, {r}), but got {axis}")
    a = axis % r
    out = list(known[0].as_list())
    out[a] = 0
    for s in known:
        if s.rank != r:
            raise ShapeError(f"ConcatOp : Ranks of all input tensors should match: shape[0] = "
                             f"{dims_text(known[0])} vs. shape[{known.index(s)}] = {dims_text(s)}",
                             f"Shape must be rank {r} but is rank {s.rank}")
        for j, d in enumerate(s.as_list()):
            if j == a:
                continue
            if out[j] is None:
                out[j] = d
            elif d is not None and d != out[j]:
                raise ShapeError(f"ConcatOp : Dimension {j} in both shapes must be equal: shape[0] = "
                                 f"{dims_text(known[0])} vs. shape[{known.index(s)}] = {dims_text(s)}",
                                 f"Dimension {j} in both shapes must be equal, but are {out[j]} and {d}. "
                                 f"Shapes are {dims_text(known[0])} and {dims_text(s)}.")
    sizes = [x.shape[a] if x.shape.rank is not None else None for x in xs]
    out[a] = None if None in sizes else sum(sizes)
    return TensorShape(out), xs[0].dtype


@_concat.vjp
def _(g, y, *xs, axis):
    if len(xs) == 1:
        return (g,)
    sizes = [x.shape[axis] for x in xs]
    if None not in sizes:
        return tuple(_split_prim(len(xs))(g, sizes=tuple(sizes), axis=axis % g.shape.rank))
    # Unknown sizes (symbolic graphs): slice with offsets computed from the inputs' shapes.
    grads, start = [], 0
    lead = (_S(None),) * (axis % g.shape.rank)
    for x in xs:
        stop = start + shape(x)[axis]
        grads.append(getitem(g, lead + (_S(start, stop),)))
        start = stop
    return tuple(grads)


_EMPTY_CONCAT = ("OpKernel 'ConcatV2' has constraint on attr 'T' not in NodeDef '[N=0, Tidx=DT_INT32]', KernelDef: "
                 "'goo.gle/debugproto   op: \"ConcatV2\" device_type: \"CPU\" constraint { name: \"T\" "
                 "allowed_values { list { type: DT_QINT32 } } } host_memory_arg: \"axis\"' [Op:ConcatV2] name: concat")


def concat(values, axis, name="concat"):
    if not isinstance(values, (list, tuple)):
        values = [values]
    if not values:
        raise InvalidArgumentError(None, None, _EMPTY_CONCAT)
    try:
        values = _list_inputs(values, "ConcatV2")
    except InvalidArgumentError as e:
        raise InvalidArgumentError(None, None, str(e) + "concat") from None  # TF names the op "concat"
    axis = _static_int(axis)
    if len(values) == 1:
        return identity(values[0])
    return _concat(*values, axis=axis)


def _split_kernel(x, sizes, axis):
    return tuple(np.split(x, np.cumsum(sizes[:-1]).tolist(), axis=axis))


def _split_prim(n):
    # The output count is part of the op, so one primitive per count (like Unpack); n >= 2, as a
    # one-way split is an identity.
    name = f"SplitV:{n}"
    if name in PRIMITIVES:
        return PRIMITIVES[name]
    p = primitive(name, n_outputs=n, error_name="split")(_split_kernel)

    @p.spec
    def _(x, sizes, axis):
        if x.shape.rank is None:
            return [(TensorShape(None), x.dtype)] * n
        dims = x.shape.as_list()
        return [(TensorShape(dims[:axis] + [s] + dims[axis + 1:]), x.dtype) for s in sizes]

    @p.vjp
    def _(gs, ys, x, sizes, axis):
        return (_concat(*gs, axis=axis),)
    return p


def split(value, num_or_size_splits, axis=0, num=None, name="split"):
    x = as_tensor(value)
    axis = _static_int(axis)
    rank = x.shape.rank
    even = isinstance(num_or_size_splits, (int, np.integer))
    if even:
        n = int(num_or_size_splits)
        op, kernel = "Split", f"Split_num_split_{n}"
        if n < 1:
            raise InvalidArgumentError(None, None, (
                f"Value for attr 'num_split' of {n} must be at least minimum 1\n\t; NodeDef: {{{{node Split}}}}; "
                f"Op<name=Split; signature=split_dim:int32, value:T -> output:num_split*T; attr=num_split:int,"
                f"min=1; attr=T:type> [Op:Split] name: split"))
    else:
        sizes = _int_list(num_or_size_splits)
        if np.ndim(num_or_size_splits) == 0 and not isinstance(num_or_size_splits, (list, tuple)):
            raise ValueError("Rank-0 tensors are not supported as the num_or_size_splits argument to split. "
                             f"Argument provided: {num_or_size_splits}")
        n = len(sizes) if num is None else num
        op, kernel = "SplitV", f"SplitV_num_split_{n}"
    if rank is not None:
        if not -rank <= axis < rank:
            raise _fail(op, f"-input rank(-{rank}) <= split_dim < input rank ({rank}), but got {axis}", "split",
                        kernel, x)
        axis %= rank
    dim = x.shape[axis] if rank is not None else None
    if even:
        if dim is not None and dim % n:
            raise _fail(op, f"Number of ways to split should evenly divide the split dimension, but got "
                            f"split_dim {axis} (size = {dim}) and num_split {n}", "split", kernel, x)
        sizes = [None if dim is None else dim // n] * n
    elif dim is not None:
        known = sum(s for s in sizes if s != -1)
        open_size = -1 in sizes
        if (not open_size and known != dim) or known > dim:
            raise _fail(op, "Determined shape must either match input shape along split_dim exactly if fully "
                            "specified, or be less than the size of the input along split_dim if not fully "
                            f"specified.  Got: {known}", "split", kernel, x)
        if open_size:
            sizes[sizes.index(-1)] = dim - known
    if n == 1:
        return [identity(x)]
    if None in sizes:
        raise ValueError("split along a dimension of unknown size needs concrete sizes")
    return list(_split_prim(n)(x, sizes=tuple(sizes), axis=axis))


# -- squeeze / expand_dims ----------------------------------------------------------------
@primitive("Squeeze")
def _squeeze(x, axes):
    return np.squeeze(x, axis=axes)


@_squeeze.spec
def _(x, axes):
    if x.shape.rank is None:
        return TensorShape(None), x.dtype
    dims, r = x.shape.as_list(), x.shape.rank
    if axes is None:
        if None in dims:
            return TensorShape(None), x.dtype
        return TensorShape([d for d in dims if d != 1]), x.dtype
    drop = set()
    for a in axes:
        if not -r <= a < r:
            raise ShapeError(f"Tried to squeeze dim index {a} for tensor with {r} dimensions.")
        a %= r
        if dims[a] is not None and dims[a] != 1:
            raise ShapeError(f"Can not squeeze dim[{a}], expected a dimension of 1, got {dims[a]}")
        drop.add(a)
    return TensorShape([d for i, d in enumerate(dims) if i not in drop]), x.dtype


@_squeeze.vjp
def _(g, y, x, axes):
    return (_reshape_like(g, x),)


def squeeze(input, axis=None, name=None):
    x = as_tensor(input)
    if axis is not None:
        axis = tuple(_int_list(axis))
        if x.shape.rank is not None:
            r = x.shape.rank
            axis = tuple(a % r if -r <= a < r else a for a in axis)
    return _squeeze(x, axes=axis)


@primitive("ExpandDims")
def _expand_dims(x, axis):
    return np.expand_dims(x, axis)


@_expand_dims.spec
def _(x, axis):
    if x.shape.rank is None:
        return TensorShape(None), x.dtype
    r = x.shape.rank
    if not -r - 1 <= axis <= r:
        raise ShapeError(f"Tried to expand dim index {axis} for tensor with {r} dimensions.")
    dims = x.shape.as_list()
    a = axis % (r + 1)
    return TensorShape(dims[:a] + [1] + dims[a:]), x.dtype


@_expand_dims.vjp
def _(g, y, x, axis):
    return (_reshape_like(g, x),)


def expand_dims(input, axis, name=None):
    if axis is None:
        convert_to_tensor(axis)  # raises TF's "Attempt to convert a value (None)" ValueError
    return _expand_dims(as_tensor(input), axis=_int_list(axis)[0])


# -- tile --------------------------------------------------------------------------------
@primitive("Tile", error_name=None)
def _tile(x, *m, multiples):
    if m:
        multiples = tuple(int(v) for v in m[0])
    if len(multiples) != np.ndim(x):
        raise ShapeError(f"Expected multiples argument to be a vector of length {np.ndim(x)} but got length "
                         f"{len(multiples)}")
    return np.tile(x, multiples)


@_tile.spec
def _(x, *m, multiples):
    if m:  # ``multiples`` then holds the entries known while building the graph (None elsewhere)
        if x.shape.rank is None:
            return TensorShape(None), x.dtype
        known = multiples or (None,) * x.shape.rank
        return TensorShape([None if d is None or k is None else d * k
                            for d, k in zip(x.shape.as_list(), known)]), x.dtype
    if x.shape.rank is None:
        return TensorShape([None] * len(multiples)), x.dtype
    if len(multiples) != x.shape.rank:
        raise ShapeError(f"Expected multiples argument to be a vector of length {x.shape.rank} but got length "
                         f"{len(multiples)}", f"Shape must be rank {x.shape.rank} but is rank {len(multiples)}")
    for i, k in enumerate(multiples):
        if k < 0:
            raise ShapeError(f"Expected multiples[{i}] >= 0, but got {k}")
    return TensorShape([None if d is None else d * k for d, k in zip(x.shape.as_list(), multiples)]), x.dtype


@_tile.vjp
def _(g, y, x, *m, multiples):
    # y viewed as [m0, d0, m1, d1, ...]: summing the m axes folds the copies back.
    r = x.shape.rank
    if not m and x.shape.is_fully_defined():  # (with m, ``multiples`` is only a partial hint)
        inter = [v for pair in zip(multiples, x.shape.as_list()) for v in pair]
    else:
        mt = cast(m[0], _INT32) if m else _const_ints(multiples)
        inter = reshape(stack([mt, shape(x)], axis=1), [-1])
    return (reduce_sum(reshape(g, inter), axis=list(range(0, 2 * r, 2))),) + (None,) * len(m)


def _known(v):
    return constant_value(v) if getattr(v, "_is_symbolic", False) else v


def tile(input, multiples, name=None):
    x = as_tensor(input)
    if getattr(multiples, "_is_symbolic", False):
        return _tile(x, multiples, multiples=None)
    if isinstance(multiples, (list, tuple)) and any(getattr(v, "_is_symbolic", False) for v in multiples):
        hint = tuple(None if c is None else int(c) for c in map(_known, multiples))
        return _tile(x, stack([cast(as_tensor(v), _INT32) for v in multiples]), multiples=hint)
    return _tile(x, multiples=tuple(_int_list(multiples)))


# -- pad ---------------------------------------------------------------------------------
def _check_paddings(x, paddings):
    p = np.asarray(paddings)
    if p.ndim != 2 or p.shape[0] != np.ndim(x) or p.shape[1] != 2:
        raise ShapeError(f"The first dimension of paddings must be the rank of inputs{dims_text(p.shape)} "
                         f"{dims_text(np.shape(x))}")
    for a, b in paddings:
        if a < 0 or b < 0:
            raise ShapeError(f"Paddings must be non-negative: {a} {b}")


def _pad_constant(x, paddings, value):
    _check_paddings(x, paddings)
    x = np.asarray(x)
    out = np.full(tuple(d + a + b for d, (a, b) in zip(x.shape, paddings)), value, dtype=x.dtype)
    out[tuple(_S(a, a + d) for d, (a, _) in zip(x.shape, paddings))] = x
    return out


def _zero_of(arr):
    return b"" if np.asarray(arr).dtype == object else 0


def _pad_spec(x, *c, paddings, mode=None):
    if x.shape.rank is None:
        return TensorShape([None] * len(paddings)), x.dtype
    if len(paddings) != x.shape.rank:
        raise ShapeError(f"The first dimension of paddings must be the rank of inputs[{len(paddings)},2] "
                         f"{dims_text(x.shape)}", f"Shape must be rank {x.shape.rank} but is rank {len(paddings)}")
    return TensorShape([None if d is None else d + a + b for d, (a, b) in zip(x.shape.as_list(), paddings)]), \
        x.dtype


def _unpad(g, paddings):
    return getitem(g, tuple(_S(a, -b if b else None) for a, b in paddings))


_pad = primitive("Pad", error_name=None)(lambda x, paddings: _pad_constant(x, paddings, _zero_of(x)))
_pad_v2 = primitive("PadV2", error_name=None)(lambda x, c, paddings: _pad_constant(x, paddings, c))
_pad.spec(_pad_spec)
_pad_v2.spec(_pad_spec)
_pad.vjp(lambda g, y, x, paddings: (_unpad(g, paddings),))
_pad_v2.vjp(lambda g, y, x, c, paddings: (_unpad(g, paddings), None))


@primitive("MirrorPad", error_name=None)
def _mirror_pad(x, paddings, mode):
    _check_paddings(x, paddings)
    reflect = mode == "REFLECT"
    for d, (a, b) in zip(np.shape(x), paddings):
        if reflect and (a >= d or b >= d):
            raise ShapeError(f"paddings must be less than the dimension size: {a}, {b} not less than {d}")
        if not reflect and (a > d or b > d):
            raise ShapeError(f"paddings must be no greater than the dimension size: {a}, {b} greater than {d}")
    return np.pad(x, paddings, mode="reflect" if reflect else "symmetric")


@primitive("MirrorPadGrad")
def _mirror_pad_grad(g, paddings, mode):
    # Fold each padded border back onto the cells it mirrors, one axis at a time.
    shift = 1 if mode == "REFLECT" else 0
    for axis, (a, b) in enumerate(paddings):
        g = np.moveaxis(g, axis, 0)
        n = g.shape[0] - a - b
        core = g[a:a + n].copy()
        if a:
            core[shift:shift + a] += g[:a][::-1]
        if b:
            core[n - b - shift:n - shift] += g[a + n:][::-1]
        g = np.moveaxis(core, 0, axis)
    return g


_mirror_pad.spec(_pad_spec)


@_mirror_pad_grad.spec
def _(g, paddings, mode):
    if g.shape.rank is None:
        return g.shape, g.dtype
    return TensorShape([None if d is None else d - a - b for d, (a, b) in zip(g.shape.as_list(), paddings)]), \
        g.dtype


_mirror_pad.vjp(lambda g, y, x, paddings, mode: (_mirror_pad_grad(g, paddings=paddings, mode=mode),))
_mirror_pad_grad.vjp(lambda gg, z, g, paddings, mode: (_mirror_pad(gg, paddings=paddings, mode=mode),))


def pad(tensor, paddings, mode="CONSTANT", constant_values=0, name=None):
    x = as_tensor(tensor)
    mode = mode.upper()
    if mode not in ("CONSTANT", "REFLECT", "SYMMETRIC"):
        raise ValueError('Value of argument `mode` expected to be one of "CONSTANT", "REFLECT", or "SYMMETRIC". '
                         f"Received `mode` = {mode}")
    p = np.asarray(paddings._value if isinstance(paddings, EagerTensor) else paddings)
    op = "Pad" if mode == "CONSTANT" else "MirrorPad"
    if p.ndim != 2 or p.shape[1] != 2:
        raise _fail(op, f"paddings must be a matrix with 2 columns: {dims_text(p.shape)}", x=x)
    pads = tuple((int(a), int(b)) for a, b in p)
    if mode == "CONSTANT":
        if not is_tensor_like(constant_values) and np.ndim(constant_values) == 0 and constant_values == 0:
            return _pad(x, paddings=pads)
        c = as_tensor(constant_values) if is_tensor_like(constant_values) else \
            convert_to_tensor(constant_values, x.dtype)
        return _pad_v2(x, c, paddings=pads)
    return _mirror_pad(x, paddings=pads, mode=mode)


# -- reverse -----------------------------------------------------------------------------
@primitive("ReverseV2", error_name=None)
def _reverse(x, axes):
    return np.flip(x, axes) if axes else x


@_reverse.spec
def _(x, axes):
    r = x.shape.rank
    if r is not None:
        seen = set()
        for i, a in enumerate(axes):
            if not -r <= a < r:
                raise ShapeError(f"'axis'[{i}] = {a} is out of valid range [0, {r - 1}")
            if a % r in seen:
                raise ShapeError(f"axis {a % r} specified more than once.")
            seen.add(a % r)
    return x.shape, x.dtype


@_reverse.vjp
def _(g, y, x, axes):
    return (_reverse(g, axes=axes),)


def reverse(tensor, axis, name=None):
    x = as_tensor(tensor)
    if np.ndim(axis) == 0 and not isinstance(axis, (list, tuple)):
        raise _fail("ReverseV2", "'dims' must be 1-dimension, not 0", "", x=x)
    axes = tuple(_int_list(axis))
    if x.shape.rank is not None:
        try:
            _reverse.spec_rule(x, axes=axes)  # NumPy's flip accepts repeated axes; TF refuses them
        except ShapeError as e:
            raise _fail("ReverseV2", e.detail, x=x) from None
    return _reverse(x, axes=axes)


# -- shape queries -----------------------------------------------------------------------
def shape_n(input, out_type=dtypes.int32, name=None):
    return [shape(x, out_type=out_type) for x in input]


@primitive("Size", differentiable=False)
def _size(x, out_type):
    return np.array(np.size(x), dtype=out_type.np_dtype)


_size.spec(lambda x, out_type: (TensorShape([]), out_type))


@primitive("Rank", differentiable=False)
def _rank(x):
    return np.array(np.ndim(x), dtype=np.int32)


_rank.spec(lambda x: (TensorShape([]), _INT32))


def size(input, out_type=None, name=None):
    x = as_tensor(input)
    out_type = _INT32 if out_type is None else dtypes.as_dtype(out_type)
    n = x.shape.num_elements()
    if n is not None:
        return wrap_as(np.array(n, dtype=out_type.np_dtype), out_type)
    return _size(x, out_type=out_type)


def rank(input, name=None):
    x = as_tensor(input)
    if x.shape.rank is not None:
        return wrap_as(np.array(x.shape.rank, dtype=np.int32), _INT32)
    return _rank(x)


# -- meshgrid ----------------------------------------------------------------------------
def meshgrid(*args, **kwargs):
    indexing = kwargs.pop("indexing", "xy")
    kwargs.pop("name", None)
    if kwargs:
        raise TypeError(f"'{next(iter(kwargs))}' is an invalid keyword argument for this function")
    if indexing not in ("xy", "ij"):
        raise ValueError(f"Argument `indexing` parameter must be either 'xy' or 'ij', got '{indexing}'")
    ndim = len(args)
    if not ndim:
        return []
    flat = [reshape(as_tensor(a), [-1]) for a in args]
    sizes = [f.shape[0] for f in flat]
    out = [reshape(f, [1] * i + [-1] + [1] * (ndim - i - 1)) for i, f in enumerate(flat)]
    if indexing == "xy" and ndim > 1:
        out[0] = reshape(out[0], [1, -1] + [1] * (ndim - 2))
        out[1] = reshape(out[1], [-1, 1] + [1] * (ndim - 2))
        sizes[0], sizes[1] = sizes[1], sizes[0]
    if None in sizes:
        raise ValueError("meshgrid needs inputs of known size")
    from .creation_ops import ones
    mult = ones(sizes, flat[0].dtype)
    return [math_ops.multiply(o, mult) for o in out]


# -- sort / argsort ------------------------------------------------------------------------
def _argsort_kernel(x, axis, descending):
    if not descending:
        return np.argsort(x, axis=axis, kind="stable").astype(np.int32)
    # Stable descending order: sort the reversed array ascending, then map positions back.
    n = x.shape[axis]
    idx = np.flip(np.argsort(np.flip(x, axis), axis=axis, kind="stable"), axis)
    return (n - 1 - idx).astype(np.int32)


_argsort = primitive("ArgSort", differentiable=False)(_argsort_kernel)
_argsort.spec(lambda x, axis, descending: (x.shape, _INT32))


def _sort_args(values, axis, direction):
    if direction not in ("ASCENDING", "DESCENDING"):
        raise ValueError(f"Argument `direction` should be one of ASCENDING, DESCENDING. Received: "
                         f"direction={direction}")
    x = as_tensor(values)
    axis = _static_int(axis)
    r = x.shape.rank
    if r is not None and not -r <= axis < r:
        getitem(shape(x), axis)  # TF reads the axis length this way; raises its StridedSlice error
    if x.dtype is dtypes.bool:
        math_ops.negative(x)  # TF's sort negates the values; raises its "Neg" dtype error
    return x, axis % r if r else axis, direction == "DESCENDING"


def argsort(values, axis=-1, direction="ASCENDING", stable=False, name=None):
    x, axis, descending = _sort_args(values, axis, direction)
    return _argsort(x, axis=axis, descending=descending)


def _take_along_axis(x, idx, axis):
    """x gathered along ``axis`` by ``idx`` of the same shape, via GatherV2 with batch_dims."""
    r = x.shape.rank
    if axis == r - 1:
        return _gather(x, idx, axis=axis, batch_dims=axis)
    perm = [i for i in range(r) if i != axis] + [axis]
    xt, it = _transpose(x, perm=tuple(perm)), _transpose(idx, perm=tuple(perm))
    y = _gather(xt, it, axis=r - 1, batch_dims=r - 1)
    return _transpose(y, perm=tuple(np.argsort(perm).tolist()))


def sort(values, axis=-1, direction="ASCENDING", name=None):
    x, axis, descending = _sort_args(values, axis, direction)
    # Built on argsort + gather (TF builds it on top_k) so its gradient comes from GatherV2's.
    return _take_along_axis(x, _argsort(x, axis=axis, descending=descending), axis)


# -- unique --------------------------------------------------------------------------------
Unique = collections.namedtuple("Unique", ["y", "idx"])
UniqueWithCounts = collections.namedtuple("UniqueWithCounts", ["y", "idx", "count"])


def _unique_kernel(x, out_idx):
    if np.ndim(x) != 1:
        raise ShapeError("unique expects a 1D vector.")
    kw = {"equal_nan": False} if x.dtype.kind in "fc" else {}
    _, first, inv, counts = np.unique(x, return_index=True, return_inverse=True, return_counts=True, **kw)
    order = np.argsort(first, kind="stable")   # TF lists values in order of first appearance
    pos = np.empty_like(order)
    pos[order] = np.arange(order.size)
    it = out_idx.np_dtype
    return x[first[order]], pos[inv.reshape(-1)].astype(it), counts[order].astype(it)


def _unique_spec(n):
    def spec(x, out_idx):
        return [(TensorShape([None]), x.dtype), (x.shape, out_idx), (TensorShape([None]), out_idx)][:n]
    return spec


_unique = primitive("Unique", n_outputs=2, differentiable=False)(lambda x, out_idx: _unique_kernel(x, out_idx)[:2])
_unique.spec(_unique_spec(2))
_unique_wc = primitive("UniqueWithCounts", n_outputs=3, differentiable=False)(_unique_kernel)
_unique_wc.spec(_unique_spec(3))


def unique(x, out_idx=dtypes.int32, name=None):
    return Unique(*_unique(as_tensor(x), out_idx=dtypes.as_dtype(out_idx)))


def unique_with_counts(x, out_idx=dtypes.int32, name=None):
    return UniqueWithCounts(*_unique_wc(as_tensor(x), out_idx=dtypes.as_dtype(out_idx)))


# -- sequence_mask / repeat ------------------------------------------------------------------
def sequence_mask(lengths, maxlen=None, dtype=dtypes.bool, name=None):
    from .creation_ops import range as range_
    lengths = as_tensor(lengths)
    if maxlen is None:
        maxlen = reduce_max(lengths)
        maxlen = math_ops.maximum(wrap_as(np.array(0, dtype=maxlen.dtype.np_dtype), maxlen.dtype), maxlen)
    else:
        maxlen = as_tensor(maxlen)
    if maxlen.shape.rank not in (None, 0):
        raise ValueError(f"Argument `maxlen` must be scalar for sequence_mask, received `maxlen` = {maxlen} "
                         f"with shape '{maxlen.shape}' instead")
    row = range_(wrap_as(np.array(0, maxlen.dtype.np_dtype), maxlen.dtype), maxlen,
                 wrap_as(np.array(1, maxlen.dtype.np_dtype), maxlen.dtype))
    result = math_ops.less(row, cast(expand_dims(lengths, -1), maxlen.dtype))
    dtype = dtypes.as_dtype(dtype) if dtype is not None else None
    return result if dtype is None or dtype is dtypes.bool else cast(result, dtype)


def repeat(input, repeats, axis=None, name=None):
    x = as_tensor(input)
    if axis is None:
        x, axis = reshape(x, [-1]), 0
    axis = _static_int(axis)
    r = x.shape.rank
    if not -r <= axis < r:
        raise ValueError(f"axis={axis} out of bounds: expected {-r}<=axis<{r}")
    axis %= r
    reps = np.asarray(repeats._value if isinstance(repeats, EagerTensor) else repeats)
    dim = x.shape[axis]
    if reps.ndim == 0:
        # Equal counts: add an axis, tile along it and merge it into ``axis``.
        k = int(reps)
        y = _tile(expand_dims(x, axis + 1), multiples=tuple(k if i == axis + 1 else 1 for i in range(r + 1)))
        dims = x.shape.as_list()
        new = dims[:axis] + [None if dim is None else dim * k] + dims[axis + 1:]
        return reshape(y, [-1 if d is None else d for d in new]) if new.count(None) <= 1 else \
            reshape(y, math_ops.multiply(shape(x), _const_ints([k if i == axis else 1 for i in range(r)])))
    reps = reps.reshape(-1)
    if dim is not None and reps.size not in (1, dim):
        raise ValueError(f"Dimensions {dim} and {reps.size} are not compatible")
    if reps.size == 1:
        reps = np.repeat(reps, dim)
    idx = np.repeat(np.arange(reps.size, dtype=np.int32), np.maximum(reps, 0))
    return _gather(x, wrap(idx), axis=axis, batch_dims=0)


slice = slice_  # noqa: A001 - TF's public name; bound last so the module above uses builtins.slice as _S
