"""tf.sparse: conversions between SparseTensor and dense tensors."""
import numpy as np

from .framework import dtypes, errors
from .framework.sparse_tensor import SparseTensor
from .framework.tensor import convert_to_tensor, wrap_as

__all__ = ["SparseTensor", "to_dense", "from_dense"]

_TF_PREFIX = "{{function_node __wrapped__SparseToDense_device_/job:localhost/replica:0/task:0/device:CPU:0}} "


def _index_text(row):
    return "[" + ",".join(str(int(i)) for i in row) + "]"


def _check_indices(indices, shape):
    # TF's SparseToDense checks bounds, then that indices are strictly increasing in
    # row-major order (what "validate_indices" promises later ops).
    for i, row in enumerate(indices):
        if np.any(row < 0) or np.any(row >= shape):
            raise errors.InvalidArgumentError(None, None, (
                f"{_TF_PREFIX}indices[{i}] = {_index_text(row)} is out of bounds: need 0 <= index < "
                f"{_index_text(shape)} [Op:SparseToDense] name: "))
        if i:
            previous = tuple(indices[i - 1])
            current = tuple(row)
            if current == previous:
                problem = "is repeated"
            elif current < previous:
                problem = ("is out of order. Many sparse ops require sorted indices.\n"
                           "    Use `tf.sparse.reorder` to create a correctly ordered copy.\n\n")
            else:
                continue
            raise errors.InvalidArgumentError(None, None, (
                f"{_TF_PREFIX}indices[{i}] = {_index_text(row)} {problem} [Op:SparseToDense] name: "))


def to_dense(sp_input, default_value=None, validate_indices=True, name=None):
    """The dense tensor of ``sp_input``, unlisted entries set to ``default_value``."""
    if not isinstance(sp_input, SparseTensor):
        raise TypeError("Input must be a SparseTensor.")
    dtype = sp_input.dtype
    values = np.asarray(sp_input.values._value)
    shape = np.asarray(sp_input.dense_shape._value, dtype=np.int64)
    indices = np.asarray(sp_input.indices._value, dtype=np.int64)
    if default_value is None:
        fill = b"" if dtype == dtypes.string else np.zeros((), dtype.as_numpy_dtype)
    else:
        fill = np.asarray(convert_to_tensor(default_value, dtype=dtype)._value)
    if validate_indices:
        _check_indices(indices, shape)
    out = np.empty(tuple(shape), dtype=values.dtype)
    out.fill(fill if dtype != dtypes.string else fill.item() if isinstance(fill, np.ndarray) else fill)
    if len(indices):
        out[tuple(indices.T)] = values
    return wrap_as(out if out.ndim else out[()], dtype)


def from_dense(tensor, name=None):
    """A SparseTensor holding the non-zero (non-empty, for strings) entries of ``tensor``."""
    tensor = convert_to_tensor(tensor)
    array = np.asarray(tensor._value)
    if tensor.dtype == dtypes.string:
        mask = np.vectorize(len, otypes=[np.int64])(array) != 0 if array.size else np.zeros(array.shape, bool)
    else:
        mask = array != 0
    indices = np.argwhere(mask).astype(np.int64)
    return SparseTensor(wrap_as(indices, dtypes.int64), wrap_as(array[mask], tensor.dtype),
                        wrap_as(np.array(array.shape, dtype=np.int64), dtypes.int64))
