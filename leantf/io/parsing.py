"""tf.io.parse_single_example / parse_example and the feature specs they take.

Serialized ``tf.train.Example`` bytes are read straight from the wire format (no message
objects are built): only the requested keys are decoded. Errors carry the texts of TF's
``ParseExampleV2`` kernel.
"""
import collections
import math

import numpy as np

from ..framework import dtypes, errors
from ..framework.sparse_tensor import SparseTensor
from ..framework.tensor import convert_to_tensor, wrap_as
from . import proto_wire as wire

__all__ = ["FixedLenFeature", "VarLenFeature", "FixedLenSequenceFeature",
           "parse_single_example", "parse_example"]

_KIND_DTYPE = {1: dtypes.string, 2: dtypes.float32, 3: dtypes.int64}
_KIND_LIST_NAME = {1: "bytes_list", 2: "float_list", 3: "int64_list"}
_ALLOWED = (dtypes.float32, dtypes.int64, dtypes.string)
# TF's kernel messages use the C++ type names.
_CPP_NAMES = {"float32": "float", "float64": "double", "float16": "half"}


def _type_name(dtype):
    return _CPP_NAMES.get(dtype.name, dtype.name)


class FixedLenFeature(collections.namedtuple("FixedLenFeature", ["shape", "dtype", "default_value"])):
    """A feature with a fixed number of values, parsed to a dense tensor of ``shape``."""
    __slots__ = ()

    def __new__(cls, shape, dtype, default_value=None):
        return super().__new__(cls, shape, dtype, default_value)


class VarLenFeature(collections.namedtuple("VarLenFeature", ["dtype"])):
    """A feature with any number of values, parsed to a SparseTensor."""
    __slots__ = ()


class FixedLenSequenceFeature(collections.namedtuple(
        "FixedLenSequenceFeature", ["shape", "dtype", "allow_missing", "default_value"])):
    """A list of ``shape``-sized items, stacked along a new first axis (padded in batches)."""
    __slots__ = ()

    def __new__(cls, shape, dtype, allow_missing=False, default_value=None):
        return super().__new__(cls, shape, dtype, allow_missing, default_value)


# ---------------------------------------------------------------------------
# Wire-level reading of one Example
# ---------------------------------------------------------------------------
class _BadExample(Exception):
    pass


def _feature_payloads(serialized):
    """{key: (kind, list payload)} of an Example; kind 0 for a Feature with no list."""
    found = {}
    try:
        for number, wire_type, features in wire.iter_fields(serialized):
            if number != 1 or wire_type != wire.LENGTH_DELIMITED:
                continue
            for fnum, ftype, entry in wire.iter_fields(features):
                if fnum != 1 or ftype != wire.LENGTH_DELIMITED:
                    continue
                key, feature = b"", None
                for enum_, etype, value in wire.iter_fields(entry):
                    if enum_ == 1 and etype == wire.LENGTH_DELIMITED:
                        key = bytes(value)
                    elif enum_ == 2 and etype == wire.LENGTH_DELIMITED:
                        feature = value
                kind, payload = 0, None
                if feature is not None:
                    for knum, ktype, value in wire.iter_fields(feature):
                        if knum in _KIND_DTYPE and ktype == wire.LENGTH_DELIMITED:
                            kind, payload = knum, value
                found[key.decode("utf-8", "replace")] = (kind, payload)
    except wire.WireError:
        raise _BadExample() from None
    return found


def _list_values(kind, payload):
    """The values of a BytesList/FloatList/Int64List payload as a Python list."""
    if payload is None:
        return []
    values = []
    for number, wire_type, value in wire.iter_fields(payload):
        if number != 1:
            continue
        if kind == 1:
            values.append(bytes(value))
        elif kind == 2:
            if wire_type == wire.LENGTH_DELIMITED:
                values.extend(wire.decode_packed_floats(value))
            else:
                values.append(wire.decode_fixed32_float(value))
        elif wire_type == wire.LENGTH_DELIMITED:
            values.extend(wire.to_int64(v) for v in wire.decode_packed_varints(value))
        else:
            values.append(wire.to_int64(value))
    return values


# ---------------------------------------------------------------------------
# Errors in TF's words
# ---------------------------------------------------------------------------
def _op_prefix(n_dense, n_sparse):
    return ("{{function_node __wrapped__ParseExampleV2_Tdense_%d_num_sparse_%d_ragged_split_types_0_"
            "ragged_value_types_0_sparse_types_%d_device_/job:localhost/replica:0/task:0/device:CPU:0}} "
            % (n_dense, n_sparse, n_sparse))


class _Context:
    """What an error message needs: the op's attrs and whether a batch is parsed."""

    def __init__(self, n_dense, n_sparse, batched):
        self.prefix = _op_prefix(n_dense, n_sparse)
        self.batched = batched

    def error(self, text):
        return errors.InvalidArgumentError(None, None, f"{self.prefix}{text} [Op:ParseExampleV2]")


_ATTR_ERROR = (
    "Value for attr '{attr}' of {dtype} is not in the list of allowed values: float, int64, string\n"
    "\t; NodeDef: {{{{node ParseExampleV2}}}}; Op<name=ParseExampleV2; signature=serialized:string, "
    "names:string, sparse_keys:string, dense_keys:string, ragged_keys:string, dense_defaults: -> "
    "sparse_indices:num_sparse*int64, sparse_values:, sparse_shapes:num_sparse*int64, dense_values:, "
    "ragged_values:, ragged_row_splits:; attr=Tdense:list(type),min=0,allowed=[DT_FLOAT, DT_INT64, "
    "DT_STRING]; attr=num_sparse:int,min=0; attr=sparse_types:list(type),min=0,allowed=[DT_FLOAT, "
    "DT_INT64, DT_STRING]; attr=ragged_value_types:list(type),min=0,allowed=[DT_FLOAT, DT_INT64, "
    "DT_STRING]; attr=ragged_split_types:list(type),min=0,allowed=[DT_INT32, DT_INT64]; "
    "attr=dense_shapes:list(shape),min=0> [Op:ParseExampleV2]")


def _checked_specs(features):
    if not features:
        raise ValueError("Invalid argument: features cannot be empty.")
    dense, sparse = {}, {}
    for key in sorted(features):  # TF sorts keys when it builds the op
        spec = features[key]
        dtype = dtypes.as_dtype(spec.dtype)
        if isinstance(spec, VarLenFeature):
            attr = "sparse_types"
            sparse[key] = dtype
        elif isinstance(spec, (FixedLenFeature, FixedLenSequenceFeature)):
            if isinstance(spec, FixedLenSequenceFeature) and not spec.allow_missing:
                raise ValueError("Unsupported: FixedLenSequenceFeature requires allow_missing to be True.")
            attr = "Tdense"
            dense[key] = spec
        else:
            raise ValueError(f"Unsupported feature spec for key {key!r}: {spec!r}")
        if dtype not in _ALLOWED:
            raise errors.InvalidArgumentError(None, None, _ATTR_ERROR.format(attr=attr, dtype=_type_name(dtype)))
    return dense, sparse


def _serialized_bytes(serialized, want_rank):
    tensor = convert_to_tensor(serialized, dtype=dtypes.string)
    if want_rank == 0 and tensor.shape.rank != 0:
        raise ValueError("Input serialized must be a scalar")
    if want_rank == 1 and tensor.shape.rank != 1:
        raise ValueError("Input serialized must be a vector")
    value = tensor._value
    return value.item() if want_rank == 0 and isinstance(value, np.ndarray) else value


def _dense_default(spec, dtype):
    if spec.default_value is None:
        return None
    from ..ops.basic_ops import reshape  # ops load lazily: parsing is rarely used
    shape = list(spec.shape)
    if isinstance(spec, FixedLenSequenceFeature):
        return np.asarray(convert_to_tensor(spec.default_value, dtype=dtype)._value)
    return np.asarray(reshape(convert_to_tensor(spec.default_value, dtype=dtype), shape)._value)


def _typed_values(ctx, key, kind, payload, dtype, dense):
    if kind and _KIND_DTYPE[kind] != dtype:
        actual = _type_name(_KIND_DTYPE[kind])
        where = f"Name: <unknown>, Key: {key}, Index: 0." if ctx.batched else f"Key: {key}."
        if dense:
            raise ctx.error(f"{where}  Data types don't match. Data type: {actual} but expected type: "
                            f"{_type_name(dtype)}")
        raise ctx.error(f"{where}  Data types don't match. Expected type: {_type_name(dtype)}, "
                        f"Actual type: {actual}")
    return _list_values(kind, payload)


def _dense_value(ctx, key, spec, dtype, default, found):
    shape = [int(d) for d in spec.shape]
    item_size = math.prod(shape)
    is_sequence = isinstance(spec, FixedLenSequenceFeature)
    if key not in found:
        if is_sequence:
            return np.zeros([0] + shape, dtype=dtype.as_numpy_dtype)
        if default is None:
            name = "Name: <unknown>, " if ctx.batched else ""
            raise ctx.error(f"{name}Feature: {key} (data type: {_type_name(dtype)}) is required but could "
                            "not be found.")
        return default
    values = _typed_values(ctx, key, *found[key], dtype, dense=True)
    if is_sequence:
        if item_size == 0 or len(values) % item_size:
            raise ctx.error(f"Key: {key}, Index: 0.  Number of {_type_name(dtype)} values is not a multiple "
                            f"of stride length. Saw {len(values)} values but output shape is: {shape}")
        shape = [len(values) // item_size] + shape
    elif len(values) != item_size:
        list_name = _KIND_LIST_NAME[found[key][0]] if found[key][0] else "feature"
        if ctx.batched:
            raise ctx.error(f"Name: <unknown>, Key: {key}, Index: 0.  Number of {_type_name(dtype)} values != "
                            f"expected.  Values size: {len(values)} but output shape: {shape}")
        raise ctx.error(f"Key: {key}.  Can't parse serialized Example: Some {list_name} slice was not "
                        "parsed.")
    return _as_array(values, dtype).reshape(shape)


def _as_array(values, dtype):
    if dtype == dtypes.string:
        out = np.empty(len(values), dtype=object)
        out[:] = values
        return out
    return np.array(values, dtype=dtype.as_numpy_dtype)


def _parse_one(ctx, serialized, dense, sparse, defaults):
    try:
        found = _feature_payloads(serialized)
    except _BadExample:
        text = serialized.decode("utf-8", "backslashreplace")
        raise ctx.error(f"Could not parse example input, value: '{text}'") from None
    dense_out = {key: _dense_value(ctx, key, spec, dtypes.as_dtype(spec.dtype), defaults[key], found)
                 for key, spec in dense.items()}
    sparse_out = {key: _typed_values(ctx, key, *found[key], dtype, dense=False) if key in found else []
                  for key, dtype in sparse.items()}
    return dense_out, sparse_out


def _sparse_tensor(rows, dtype, batched):
    """SparseTensor of per-example value lists: [n] or [batch, max_len]."""
    values = _as_array([v for row in rows for v in row], dtype)
    if not batched:
        indices = np.arange(len(values), dtype=np.int64).reshape(-1, 1)
        shape = np.array([len(values)], dtype=np.int64)
    else:
        indices = np.array([[b, j] for b, row in enumerate(rows) for j in range(len(row))],
                           dtype=np.int64).reshape(-1, 2)
        shape = np.array([len(rows), max((len(r) for r in rows), default=0)], dtype=np.int64)
    return SparseTensor(wrap_as(indices, dtypes.int64), wrap_as(values, dtype),
                        wrap_as(shape, dtypes.int64))


def _tensor(array, dtype):
    return wrap_as(array if array.ndim else array[()], dtype)


def parse_single_example(serialized, features, example_names=None, name=None):
    """Parse one serialized Example into a dict of dense tensors and SparseTensors."""
    dense, sparse = _checked_specs(features)
    data = _serialized_bytes(serialized, 0)
    ctx = _Context(len(dense), len(sparse), batched=False)
    defaults = {k: _dense_default(s, dtypes.as_dtype(s.dtype)) for k, s in dense.items()}
    dense_out, sparse_out = _parse_one(ctx, data, dense, sparse, defaults)
    result = {key: _sparse_tensor([values], sparse[key], False) for key, values in sparse_out.items()}
    for key, array in dense_out.items():
        result[key] = _tensor(array, dtypes.as_dtype(dense[key].dtype))
    return result


def _padded(rows, spec, dtype):
    # FixedLenSequenceFeature in a batch: pad every example to the longest one.
    longest = max((len(r) for r in rows), default=0)
    fill = spec.default_value
    out = np.empty([len(rows), longest] + [int(d) for d in spec.shape], dtype=_as_array([], dtype).dtype)
    out.fill(fill if fill is not None else (b"" if dtype == dtypes.string else 0))
    for i, row in enumerate(rows):
        out[i, :len(row)] = row
    return out


def parse_example(serialized, features, example_names=None, name=None):
    """Parse a batch (vector) of serialized Examples; dense results gain a batch axis."""
    dense, sparse = _checked_specs(features)
    batch = _serialized_bytes(serialized, 1)
    ctx = _Context(len(dense), len(sparse), batched=True)
    defaults = {k: _dense_default(s, dtypes.as_dtype(s.dtype)) for k, s in dense.items()}
    dense_rows = {key: [] for key in dense}
    sparse_rows = {key: [] for key in sparse}
    for data in batch:
        dense_out, sparse_out = _parse_one(ctx, data, dense, sparse, defaults)
        for key, value in dense_out.items():
            dense_rows[key].append(value)
        for key, value in sparse_out.items():
            sparse_rows[key].append(value)
    result = {key: _sparse_tensor(rows, sparse[key], True) for key, rows in sparse_rows.items()}
    for key, spec in dense.items():
        dtype = dtypes.as_dtype(spec.dtype)
        rows = dense_rows[key]
        if isinstance(spec, FixedLenSequenceFeature):
            array = _padded(rows, spec, dtype)
        elif rows:
            array = np.stack(rows)
        else:
            array = np.zeros([0] + [int(d) for d in spec.shape], dtype=_as_array([], dtype).dtype)
        result[key] = _tensor(array, dtype)
    return result
