"""Indexing: Tensor.__getitem__ (the StridedSlice primitive and its gradient), tf.strided_slice,
tf.slice, gather/gather_nd, the scatters and boolean_mask. array_ops re-exports the public ones.

A slice spec is kept as a NumPy basic-indexing key (a tuple of ints, slices, None and
Ellipsis). TF's strided-slice semantics agree with NumPy's basic indexing for every
spec TF accepts (Python clamping of slice bounds, negative steps, newaxis), so the eager
kernel is a single ``x[key]``: no begin/end/strides vectors, no masks. The TF-specific
part is validation and its messages, which live in the spec rule and are only consulted
when NumPy refuses a key.

Scalar tensors used as indices: eager ones are read into Python ints up front (so the
key stays static); symbolic ones (tf.function, Keras graphs) become extra inputs of the
primitive and are referenced from the key by ``_Dyn`` markers.
"""
import numbers

import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError, eager_message
from ..framework.primitive import ShapeError, primitive, tf_type_name
from ..framework.tensor import EagerTensor, wrap, wrap_as
from ..framework.tensor_shape import Dimension, TensorShape
from .basic_ops import reshape, shape, where, zeros_like
from .core import as_tensor, same_dtype_inputs
from .math_ops import negative

__all__ = []

_SLICE_TYPE_ERROR = ("Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar "
                     "tf.int32/tf.int64 tensors are valid indices")
_INDEX_DTYPES = (dtypes.int32, dtypes.int64)
_PLAIN = frozenset((int, type(None)))


class _Dyn:
    """Placeholder in a key for the value of the primitive's ``i``-th index input."""
    __slots__ = ("i",)

    def __init__(self, i):
        self.i = i

    def __repr__(self):
        return f"<index input {self.i}>"


def _bind(key, dyn):
    """The key with every _Dyn marker replaced by the (scalar) value it refers to."""
    def val(c):
        return int(dyn[c.i]) if type(c) is _Dyn else c
    out = []
    for k in key:
        if type(k) is _Dyn:
            out.append(int(dyn[k.i]))
        elif type(k) is slice:
            out.append(slice(val(k.start), val(k.stop), val(k.step)))
        else:
            out.append(k)
    return tuple(out)


# -- the primitive --------------------------------------------------------------------
@primitive("StridedSlice", error_name="strided_slice/")
def _strided_slice(x, *dyn, key):
    if dyn:
        key = _bind(key, dyn)
    r = x[key]
    # Indexing one element of a string (object) array gives a bare bytes object.
    return np.array(r, dtype=object) if type(r) is bytes else r


@_strided_slice.spec
def _(x, *dyn, key):
    return slice_result_shape(x.shape, key), x.dtype


@_strided_slice.vjp
def _(g, y, x, *dyn, key):
    return (_strided_slice_grad(x, g, *dyn, key=key),) + (None,) * len(dyn)


@primitive("StridedSliceGrad")
def _strided_slice_grad(x, g, *dyn, key):
    # ``x`` is the sliced tensor; only its shape is read (TF passes the shape instead).
    if dyn:
        key = _bind(key, dyn)
    z = np.zeros(np.shape(x), dtype=g.dtype)
    z[key] = g
    return z


@_strided_slice_grad.spec
def _(x, g, *dyn, key):
    return x.shape, g.dtype


@_strided_slice_grad.vjp
def _(gg, z, x, g, *dyn, key):
    return (None, _strided_slice(gg, *dyn, key=key)) + (None,) * len(dyn)


def slice_result_shape(shape, key):
    """The shape ``key`` selects from ``shape`` (dims may be None), with TF's checks and texts."""
    n_ellipsis = 0
    consuming = 0
    for k in key:
        if k is Ellipsis:
            n_ellipsis += 1
        elif k is not None:
            consuming += 1
    if n_ellipsis > 1:
        raise ShapeError("Multiple ellipses in slice spec not allowed")
    if shape.rank is None:
        return TensorShape(None)
    dims = shape.as_list()
    rank = len(dims)
    if rank == 0 and consuming:
        raise ShapeError("Attempting to slice scalar input.")
    if consuming > rank:
        raise ShapeError(f"Index out of range using input dim {rank}; input has only {rank} dims")
    out = []
    d = 0
    for k in key:
        if k is None:
            out.append(1)
        elif k is Ellipsis:
            n = rank - consuming
            out.extend(dims[d:d + n])
            d += n
        elif type(k) is slice:
            step = k.step
            if step == 0 and type(step) is int:
                raise ShapeError(f"strides[{d}] must be non-zero")
            dim = dims[d]
            if dim is None or _Dyn in (type(k.start), type(k.stop), type(step)):
                out.append(None)
            else:
                out.append(len(range(*k.indices(dim))))
            d += 1
        else:
            dim = dims[d]
            if type(k) is int and dim is not None:
                i = k + dim if k < 0 else k
                if not 0 <= i < dim:
                    raise ShapeError(f"slice index {i} of dimension {d} out of bounds.")
            d += 1
    out.extend(dims[d:])
    return TensorShape(out)


# -- key parsing ----------------------------------------------------------------------
def _bad_index(item):
    return TypeError(f"{_SLICE_TYPE_ERROR}, got {item!r}")


def _index_value(item, dyn):
    """One index component as an int, None or a _Dyn marker (appending to ``dyn``)."""
    if item is None or type(item) is int:
        return item
    if isinstance(item, numbers.Integral):  # bool, NumPy integers
        return int(item)
    if isinstance(item, Dimension):
        return item.value
    dtype = getattr(item, "dtype", None)
    if dtype is None:
        raise _bad_index(item)
    if isinstance(item, np.ndarray):
        if item.ndim or item.dtype.kind not in "iu":
            raise _bad_index(item)
        return int(item)
    if dtype not in _INDEX_DTYPES or item.shape.rank != 0:
        raise _bad_index(item)
    if getattr(item, "_is_symbolic", False):
        dyn.append(item)
        return _Dyn(len(dyn) - 1)
    return int(item)


def parse_key(key):
    """A __getitem__ key as (NumPy-style key tuple, list of symbolic index tensors)."""
    if type(key) is not tuple:
        key = tuple(key) if type(key) is list else (key,)
    dyn = []
    out = []
    for item in key:
        if item is None or item is Ellipsis:
            out.append(item)
        elif type(item) is slice:
            out.append(slice(_index_value(item.start, dyn), _index_value(item.stop, dyn),
                             _index_value(item.step, dyn)))
        else:
            v = _index_value(item, dyn)
            if v is None:  # a None-valued Dimension is no valid index
                raise _bad_index(item)
            out.append(v)
    return tuple(out), dyn


def _is_bool_mask(key):
    if type(key) is bool:
        return True
    dtype = getattr(key, "dtype", None)
    if dtype is None or isinstance(key, (list, tuple)):
        return False
    if isinstance(key, np.ndarray):
        return key.dtype == np.bool_
    return dtype is dtypes.bool and not isinstance(key, np.generic)


def _plain_slice(s):
    return type(s.start) in _PLAIN and type(s.stop) in _PLAIN and type(s.step) in _PLAIN


def getitem(tensor, key):
    """``tensor[key]`` with TF's semantics (installed as Tensor/Variable.__getitem__)."""
    x = tensor if type(tensor) is EagerTensor else as_tensor(tensor)
    # Fast path: keys made only of Python ints, plain slices, None and Ellipsis are
    # already valid NumPy keys; anything else goes through parse_key.
    t = type(key)
    if t is int:
        return _strided_slice(x, key=(key,))
    if t is tuple:
        for k in key:
            tk = type(k)
            if tk is int or k is None or k is Ellipsis:
                continue
            if tk is slice and type(k.start) in _PLAIN and type(k.stop) in _PLAIN and type(k.step) in _PLAIN:
                continue
            break
        else:
            return _strided_slice(x, key=key)
    elif (t is slice and _plain_slice(key)) or key is None or key is Ellipsis:
        return _strided_slice(x, key=(key,))
    if _is_bool_mask(key):  # TF hands boolean keys to boolean_mask
        return boolean_mask(x, key)
    key, dyn = parse_key(key)
    return _strided_slice(x, *dyn, key=key)


# -- public slicing functions ---------------------------------------------------------
def _index_items(v):
    """begin/end/strides/size arguments: a list of ints or scalar tensors."""
    if getattr(v, "_is_symbolic", False):
        n = v.shape[0] if v.shape.rank == 1 else None
        if n is None:
            raise ValueError("slice arguments given as tensors need a static length")
        return [getitem(v, i) for i in range(n)]
    if isinstance(v, EagerTensor) or getattr(v, "_is_variable", False) or isinstance(v, np.ndarray):
        return [int(i) for i in np.asarray(v).reshape(-1)]
    if isinstance(v, (int, np.integer)):
        return [int(v)]
    return list(v)


def strided_slice(input_, begin, end, strides=None, begin_mask=0, end_mask=0, ellipsis_mask=0,
                  new_axis_mask=0, shrink_axis_mask=0, var=None, name=None):
    begin, end = _index_items(begin), _index_items(end)
    strides = [1] * len(begin) if strides is None else _index_items(strides)
    key = []
    for i, (b, e, s) in enumerate(zip(begin, end, strides)):
        bit = 1 << i
        if ellipsis_mask & bit:
            key.append(Ellipsis)
        elif new_axis_mask & bit:
            key.append(None)
        elif shrink_axis_mask & bit:
            key.append(b)
        else:
            key.append(slice(None if begin_mask & bit else b, None if end_mask & bit else e, s))
    return getitem(input_, tuple(key))


def op_error(x, op, detail, name=None, kernel=None):
    """An op's argument error as TF raises it: InvalidArgumentError when running eagerly, ValueError
    while a graph is being built (``x`` symbolic)."""
    if getattr(x, "_is_symbolic", False):
        return ValueError(detail)
    return InvalidArgumentError(None, None, eager_message(op, detail, kernel, name))


def slice_(input_, begin, size, name=None):
    """tf.slice (exported under its TF name by array_ops; kept off this module's globals so the
    builtin ``slice`` stays usable here)."""
    x = as_tensor(input_)
    begin, size = _index_items(begin), _index_items(size)
    rank = x.shape.rank
    if rank is not None and (len(begin) != rank or len(size) != rank):
        raise op_error(x, "Slice", f"Expected begin and size arguments to be 1-D tensors of size {rank}, but got "
                           f"shapes [{len(begin)}] and [{len(size)}] instead.")
    key = []
    for i, (b, s) in enumerate(zip(begin, size)):
        d = x.shape[i] if rank is not None else None
        if type(b) is int and type(s) is int and d is not None:
            if s == -1:
                s = d - b
            if d == 0 and (b != 0 or s != 0):
                raise op_error(x, "Slice", f"Expected begin[{i}] == 0 (got {b}) and size[{i}] == 0 (got {s}) when "
                                   f"input.dim_size({i}) == 0")
            if not 0 <= b <= d:
                raise op_error(x, "Slice", f"Expected begin[{i}] in [0, {d}], but got {b}")
            if not 0 <= s <= d - b:
                raise op_error(x, "Slice", f"Expected size[{i}] in [0, {d - b}], but got {s}")
        key.append(slice(b, None if type(s) is int and s == -1 else b + s))
    return getitem(x, tuple(key))



# -- gather -----------------------------------------------------------------------------
_GATHER_INDEX_TYPES = (dtypes.int16, dtypes.int32, dtypes.int64)


def _first_bad(bad):
    """Position of the first True in ``bad`` as TF prints it: 0,1,2."""
    return ",".join(str(int(i)) for i in np.argwhere(bad)[0])


def _check_in_range(indices, n, what):
    # One pass: viewed as unsigned, negative indices become huge and fail `< n` too.
    if indices.size and indices.dtype.itemsize >= 4:
        u = indices.view(np.uint32 if indices.dtype.itemsize == 4 else np.uint64)
        if not (u >= n).any():
            return
    bad = (indices < 0) | (indices >= n)
    if bad.any():
        if np.ndim(indices) == 0:  # TF words (and names) the scalar case differently
            raise InvalidArgumentError(None, None, eager_message(
                "GatherV2", f"{what} = {indices} is not in [0, {n})", None, ""))
        pos = np.argwhere(bad)[0]
        raise ShapeError(f"{what}[{_first_bad(bad)}] = {indices[tuple(pos)]} is not in [0, {n})")


def _gather_layout(params_shape, indices_ndim, axis, batch_dims):
    """Views GatherV2 works in: params as (B, N, O..., In...), indices as (B, I...)."""
    b = batch_dims
    n_batch = int(np.prod(params_shape[:b], dtype=np.int64))
    outer = params_shape[b:axis]
    return n_batch, outer, indices_ndim - b


def _gather_kernel(params, indices, axis, batch_dims):
    _check_in_range(indices, params.shape[axis], "indices")
    if batch_dims == 0:
        return np.take(params, indices, axis=axis)
    nb, outer, ni = _gather_layout(params.shape, indices.ndim, axis, batch_dims)
    p = params.reshape((nb,) + params.shape[batch_dims:])
    if outer:  # (moveaxis is slow for small arrays; skip it when there is nothing to move)
        p = np.moveaxis(p, axis - batch_dims + 1, 1)
    ind = indices.reshape((nb,) + indices.shape[batch_dims:])
    r = p[np.arange(nb).reshape((nb,) + (1,) * ni), ind]            # (B, I..., O..., In...)
    if outer:
        r = np.moveaxis(r, list(range(1, 1 + ni)), list(range(1 + len(outer), 1 + len(outer) + ni)))
    return r.reshape(params.shape[:batch_dims] + r.shape[1:])


def _gather_grad_kernel(params, g, indices, axis, batch_dims):
    """Scatter-add of ``g`` into zeros shaped like ``params``: the transpose of gather."""
    z = np.zeros(params.shape, dtype=g.dtype)
    nb, outer, ni = _gather_layout(params.shape, indices.ndim, axis, batch_dims)
    b = batch_dims
    zm = z.reshape((nb,) + params.shape[b:])  # views of z: np.add.at below writes into z
    gm = g.reshape((nb,) + g.shape[b:])
    if outer:
        lo = len(outer)
        zm = np.moveaxis(zm, axis - b + 1, 1)
        gm = np.moveaxis(gm, list(range(1 + lo, 1 + lo + ni)), list(range(1, 1 + ni)))
    ind = indices.reshape((nb,) + indices.shape[b:])
    np.add.at(zm, (np.arange(nb).reshape((nb,) + (1,) * ni), ind), gm)
    return z


@primitive("GatherV2", error_name=None)
def _gather(params, indices, axis, batch_dims):
    return _gather_kernel(params, indices, axis, batch_dims)


@_gather.spec
def _(params, indices, axis, batch_dims):
    ps, is_ = params.shape, indices.shape
    if ps.rank is None or is_.rank is None:
        return TensorShape(None), params.dtype
    if ps.rank <= axis:
        raise ShapeError(f"Shape must be at least rank {axis + 1} but is rank {ps.rank}")
    for i in range(batch_dims):
        a, b = ps[i], is_[i]
        if a is not None and b is not None and a != b:
            raise ShapeError(f"params.shape[{i}]: {a} should be equal to indices.shape[{i}]: {b}")
    dims = ps.as_list()
    return TensorShape(dims[:axis] + is_.as_list()[batch_dims:] + dims[axis + 1:]), params.dtype


@_gather.vjp
def _(g, y, params, indices, axis, batch_dims):
    return _gather_grad(params, g, indices, axis=axis, batch_dims=batch_dims), None


@primitive("GatherV2Grad")
def _gather_grad(params, g, indices, axis, batch_dims):
    return _gather_grad_kernel(params, g, indices, axis, batch_dims)


@_gather_grad.spec
def _(params, g, indices, axis, batch_dims):
    return params.shape, g.dtype


@_gather_grad.vjp
def _(gg, z, params, g, indices, axis, batch_dims):
    return None, _gather(gg, indices, axis=axis, batch_dims=batch_dims), None


def constant_value(t):
    """The value of tensor ``t`` if it is known while a graph is built, else None.

    Eager tensors, shapes of inputs with known dimensions and elements read from them
    (``tf.shape(y)[-1]``) are known; this keeps shapes static where TF's shape inference
    (which folds the same cases) keeps them static.
    """
    if isinstance(t, EagerTensor):
        return t._value
    node = getattr(t, "node", None)
    if node is None or node.prim is None:
        return None
    name = node.prim.name
    if name == "Shape":
        s = node.inputs[0].shape
        return np.array(s.as_list(), node.attrs["out_type"].np_dtype) if s.is_fully_defined() else None
    if name == "StridedSlice" and len(node.inputs) == 1:
        src, key = node.inputs[0], node.attrs["key"]
        src_node = getattr(src, "node", None)
        if src_node is not None and src_node.prim is not None and src_node.prim.name == "Shape" and \
                len(key) == 1 and type(key[0]) is int:
            dims = src_node.inputs[0].shape
            d = dims[key[0]] if dims.rank is not None and -dims.rank <= key[0] < dims.rank else None
            return None if d is None else np.array(d, src.dtype.np_dtype)
        v = constant_value(src)
        return None if v is None else np.asarray(v)[key]
    return None


def _static_int(v, what="axis"):
    if isinstance(v, (int, np.integer)):
        return int(v)
    if getattr(v, "_is_symbolic", False):
        c = constant_value(v)
        if c is None:
            raise ValueError(f"`{what}` must be a constant (a Python int or an eager tensor)")
        return int(c)
    return int(np.asarray(v))


def _index_dtype_error(op, attr, dtype, allowed, signature, name=None):
    """TF's "not in the list of allowed values" error for an index-typed attr (Tindices, TI, Tidx)."""
    names = ", ".join(tf_type_name(d) for d in allowed)
    dts = ", ".join("DT_" + tf_type_name(d).upper() for d in allowed)
    signature = signature.replace("@ALLOWED@", f"allowed=[{dts}]")
    tail = "" if name is None else f" name: {name}"
    return InvalidArgumentError(None, None, (
        f"Value for attr '{attr}' of {tf_type_name(dtype)} is not in the list of allowed values: {names}\n"
        f"\t; NodeDef: {{{{node {op}}}}}; Op<name={op}; signature={signature}> [Op:{op}]{tail}"))


_GATHER_SIG = ("params:Tparams, indices:Tindices, axis:Taxis -> output:Tparams; attr=batch_dims:int,default=0; "
               "attr=Tparams:type; attr=Tindices:type,@ALLOWED@; attr=Taxis:type,allowed=[DT_INT32, DT_INT64]")


def gather(params, indices, validate_indices=None, axis=None, batch_dims=0, name=None):
    params, indices = as_tensor(params), as_tensor(indices)
    if indices.dtype not in _GATHER_INDEX_TYPES:
        raise _index_dtype_error("GatherV2", "Tindices", indices.dtype, _GATHER_INDEX_TYPES, _GATHER_SIG)
    batch_dims = _static_int(batch_dims, "batch_dims")
    axis = batch_dims if axis is None else _static_int(axis)
    if axis == 0:
        batch_dims = 0  # TF's wrapper drops batch_dims when axis is 0 (its sparse_read path)
    rank, irank = params.shape.rank, indices.shape.rank
    if batch_dims < 0 and irank is not None:
        batch_dims += irank
    if rank is not None:
        if not -rank <= axis < rank:
            need = -axis if axis < 0 else axis + 1
            raise op_error(params, "GatherV2", f"Shape must be at least rank {need} but is rank {rank}")
        axis %= rank
        if irank is not None:
            for i in range(min(batch_dims, rank, irank)):
                a, b = params.shape[i], indices.shape[i]
                if a is not None and b is not None and a != b:
                    raise op_error(params, "GatherV2", f"params.shape[{i}]: {a} should be equal to "
                                                       f"indices.shape[{i}]: {b}", "")
    return _gather(params, indices, axis=axis, batch_dims=batch_dims)


# -- gather_nd / scatter_nd ------------------------------------------------------------
def _nd_index(indices):
    """An [..., k] index array as a tuple of k arrays for NumPy advanced indexing."""
    return tuple(np.moveaxis(indices, -1, 0))


def _check_nd(indices, shape, text):
    k = indices.shape[-1]
    if not indices.size:
        return
    bad = ((indices < 0) | (indices >= np.asarray(shape[:k]))).any(axis=-1)
    if bad.any():
        pos = np.argwhere(bad)[0]
        vals = ", ".join(str(int(v)) for v in indices[tuple(pos)])
        where = f"[{_first_bad(bad)}]" if np.ndim(bad) else ""
        raise ShapeError(f"indices{where} = [{vals}] {text}")


@primitive("GatherNd", error_name=None)
def _gather_nd(params, indices):
    k = indices.shape[-1]
    if k > params.ndim:
        raise ShapeError(f"index innermost dimension length must be <= params rank; saw: {k} vs. {params.ndim}")
    _check_nd(indices, params.shape, f"does not index into param shape {_dims(params.shape)}, node name: "
                                     f"GatherNd")
    return params[_nd_index(indices)]


def _dims(shape):
    return "[" + ",".join("?" if d is None else str(d) for d in shape) + "]"


@_gather_nd.spec
def _(params, indices):
    ps, is_ = params.shape, indices.shape
    if ps.rank is None or is_.rank is None or is_[-1] is None:
        return TensorShape(None), params.dtype
    k = is_[-1]
    if k > ps.rank:
        raise ShapeError(f"index innermost dimension length must be <= params rank; saw: {k} vs. {ps.rank}")
    return TensorShape(is_.as_list()[:-1] + ps.as_list()[k:]), params.dtype


@_gather_nd.vjp
def _(g, y, params, indices):
    return _scatter_nd(indices, g, _shape_tensor(params)), None


def _shape_tensor(x):
    if x.shape.is_fully_defined():
        return _const_ints(x.shape.as_list())
    return shape(x)


def _const_ints(values, dtype=dtypes.int32):
    return wrap_as(np.array(values, dtype=dtype.np_dtype), dtype)


def _check_updates(indices, updates_shape, out_shape):
    """TF's shape checks shared by ScatterNd and the TensorScatter ops."""
    k = indices.shape[-1]
    outer = indices.shape[:-1]
    if tuple(updates_shape[:len(outer)]) != tuple(outer):
        n = len(outer)
        raise ShapeError(f"Dimensions [0,{n}) of indices[shape={_dims(indices.shape)}] must match dimensions "
                         f"[0,{n}) of updates[shape={_dims(updates_shape)}]")
    inner = len(out_shape) - k
    if tuple(updates_shape[len(outer):]) != tuple(out_shape[k:]):
        raise ShapeError(f"The inner {inner} dimensions of output.shape={_dims(out_shape)} must match the inner "
                         f"{inner} dimensions of updates.shape={_dims(updates_shape)}")


@primitive("ScatterNd", error_name=None)
def _scatter_nd(indices, updates, shape):
    shape = tuple(int(d) for d in np.reshape(shape, -1))
    _check_updates(indices, updates.shape, shape)
    _check_nd(indices, shape, f"does not index into shape {_dims(shape)}")
    z = np.zeros(shape, dtype=updates.dtype)
    np.add.at(z, _nd_index(indices), updates)
    return z


@_scatter_nd.spec
def _(indices, updates, shape):
    if isinstance(shape, EagerTensor):
        return TensorShape([int(d) for d in np.reshape(shape._value, -1)]), updates.dtype
    n = shape.shape[0] if shape.shape.rank == 1 else None
    return TensorShape(None if n is None else [None] * n), updates.dtype


@_scatter_nd.vjp
def _(g, y, indices, updates, shape):
    return None, _gather_nd(g, indices), None


def _tensor_scatter_kernel(name, apply):
    def kernel(tensor, indices, updates):
        _check_updates(indices, updates.shape, tensor.shape)
        _check_nd(indices, tensor.shape, f"does not index into shape {_dims(tensor.shape)}")
        out = np.array(tensor, copy=True)
        apply(out, _nd_index(indices), updates)
        return out
    p = primitive(name, error_name=None)(kernel)
    p.spec(lambda tensor, indices, updates: (tensor.shape, tensor.dtype))
    return p


def _assign_at(out, idx, updates):
    out[idx] = updates


def _sub_at(out, idx, updates):
    np.subtract.at(out, idx, updates)


_ts_update = _tensor_scatter_kernel("TensorScatterUpdate", _assign_at)
_ts_add = _tensor_scatter_kernel("TensorScatterAdd", np.add.at)
_ts_sub = _tensor_scatter_kernel("TensorScatterSub", _sub_at)


@_ts_update.vjp
def _(g, y, tensor, indices, updates):
    return _ts_update(g, indices, zeros_like(updates)), None, _gather_nd(g, indices)


@_ts_add.vjp
def _(g, y, tensor, indices, updates):
    return g, None, _gather_nd(g, indices)


@_ts_sub.vjp
def _(g, y, tensor, indices, updates):
    return g, None, negative(_gather_nd(g, indices))


_ND_TAIL = '; attr=bad_indices_policy:string,default=""'
_SCATTER_SIG = "tensor:T, indices:Tindices, updates:T -> output:T; attr=T:type; attr=Tindices:type,@ALLOWED@" + _ND_TAIL
_I16_32_64 = (dtypes.int16, dtypes.int32, dtypes.int64)
_ND_INDEX_TYPES = {
    "GatherNd": (_I16_32_64, "params:Tparams, indices:Tindices -> output:Tparams; attr=Tparams:type; "
                             "attr=Tindices:type,@ALLOWED@" + _ND_TAIL),
    "ScatterNd": (_I16_32_64, "indices:Tindices, updates:T, shape:Tindices -> output:T; attr=T:type; "
                              "attr=Tindices:type,@ALLOWED@" + _ND_TAIL),
    "TensorScatterUpdate": (_I16_32_64 + (dtypes.uint16,), _SCATTER_SIG),
    "TensorScatterAdd": ((dtypes.int32, dtypes.int64), _SCATTER_SIG),
    "TensorScatterSub": ((dtypes.int32, dtypes.int64), _SCATTER_SIG),
}


def _nd_indices(indices, op):
    indices = as_tensor(indices)
    allowed, sig = _ND_INDEX_TYPES[op]
    if indices.dtype not in allowed:
        raise _index_dtype_error(op, "Tindices", indices.dtype, allowed, sig)
    return indices


def gather_nd(params, indices, batch_dims=0, name=None):
    params, indices = as_tensor(params), _nd_indices(indices, "GatherNd")
    batch_dims = _static_int(batch_dims, "batch_dims")
    if batch_dims:
        indices = _with_batch_coords(indices, batch_dims)
    return _gather_nd(params, indices)


def _with_batch_coords(indices, b):
    """gather_nd's batch_dims: prepend each index's batch coordinates, then gather plainly."""
    if getattr(indices, "_is_symbolic", False):
        raise NotImplementedError("gather_nd with batch_dims needs eager indices")
    ind = np.asarray(indices._value)
    grids = np.meshgrid(*[np.arange(d) for d in ind.shape[:b]], indexing="ij")
    one_coord = ind.shape[:-1] + (1,)
    coords = [np.broadcast_to(gr.reshape(gr.shape + (1,) * (ind.ndim - b)), one_coord).astype(ind.dtype)
              for gr in grids]
    return wrap(np.concatenate(coords + [ind], axis=-1))


def scatter_nd(indices, updates, shape, name=None):
    indices, updates = _nd_indices(indices, "ScatterNd"), as_tensor(updates)
    if not (isinstance(shape, EagerTensor) or getattr(shape, "_is_symbolic", False)):
        shape = _const_ints(_index_items(shape), indices.dtype)
    return _scatter_nd(indices, updates, shape)


def _tensor_scatter(prim, tensor, indices, updates):
    tensor, updates = same_dtype_inputs([tensor, updates], prim.name)
    return prim(tensor, _nd_indices(indices, prim.name), updates)


def tensor_scatter_nd_update(tensor, indices, updates, name=None):
    return _tensor_scatter(_ts_update, tensor, indices, updates)


def tensor_scatter_nd_add(tensor, indices, updates, name=None):
    return _tensor_scatter(_ts_add, tensor, indices, updates)


def tensor_scatter_nd_sub(tensor, indices, updates, name=None):
    return _tensor_scatter(_ts_sub, tensor, indices, updates)


# -- boolean_mask ------------------------------------------------------------------------
def boolean_mask(tensor, mask, axis=None, name="boolean_mask"):
    tensor, mask = as_tensor(tensor), as_tensor(mask)
    nm = mask.shape.rank
    if nm == 0:
        raise ValueError("mask cannot be scalar.")
    if nm is None:
        raise ValueError("Number of mask dimensions must be specified, even if some dimensions are None.  "
                         "E.g. shape=[None] is ok, but shape=None is not.")
    axis = 0 if axis is None else _static_int(axis)
    rank = tensor.shape.rank
    if rank is not None:
        # TF slices the shape with the axis as given, so a negative axis usually fails this check.
        tensor.shape[axis:axis + nm].assert_is_compatible_with(mask.shape)
        axis %= rank
    if nm > 1:
        # Merge the masked dimensions into one, as TF does, then gather along it.
        dims = tensor.shape.as_list()
        rest = dims[:axis] + dims[axis + nm:]
        if None in rest:
            from .array_ops import concat
            from .reduction_ops import reduce_prod
            s = shape(tensor)
            new = concat([s[:axis], reshape(reduce_prod(s[axis:axis + nm]), [1]), s[axis + nm:]], 0)
        else:
            new = dims[:axis] + [-1] + dims[axis + nm:]
        tensor = reshape(tensor, new)
        mask = reshape(mask, [-1])
    idx = reshape(where(mask), [-1])
    return _gather(tensor, idx, axis=axis, batch_dims=0)
