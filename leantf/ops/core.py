"""What every op wrapper needs: TF's input conversion rules and dtype checks.

TF converts an op's inputs like this: when some input is already a tensor (or a
variable), its dtype fixes the op's type and the other inputs are converted *to*
that dtype (a Python float never becomes an integer: TypeError; a NumPy array is
cast); when none is, each input is converted on its own and a dtype clash is an
InvalidArgumentError.
"""
import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError, op_message
from ..framework.primitive import PRIMITIVES, tf_type_name
from ..framework.tensor import EagerTensor, Tensor, _python_to_array, convert_to_tensor, wrap_as
from ..framework.variables import VARIABLE_TYPES

__all__ = ["as_tensor", "binary_inputs", "same_dtype_inputs", "convert_to_dtype", "is_tensor_like",
           "PRIMITIVES"]


def is_tensor_like(x):
    return isinstance(x, Tensor) or getattr(x, "_is_variable", False)


def as_tensor(x, dtype=None):
    """Convert one op input (fast for tensors that are already eager tensors)."""
    if type(x) is EagerTensor and dtype is None:
        return x
    return convert_to_tensor(x, dtype)


def convert_to_dtype(value, dtype):
    """Convert a non-tensor value to ``dtype`` under TF's rules for op inputs."""
    if isinstance(value, (np.ndarray, np.generic)):
        if dtype is dtypes.string:
            return convert_to_tensor(value, dtype)
        with np.errstate(invalid="ignore", over="ignore"):
            return wrap_as(np.asarray(value).astype(dtype.np_dtype), dtype)
    arr, dt = _python_to_array(value, dtype)
    return wrap_as(arr, dt)


def _mismatch(op_name, index, expected, got):
    return InvalidArgumentError(None, None, op_message(
        op_name, f"cannot compute {op_name} as input #{index}(zero-based) was expected to be a "
                 f"{tf_type_name(expected)} tensor but is a {tf_type_name(got)} tensor"))


def same_dtype_inputs(values, op_name):
    """Convert a list of op inputs that must share one dtype (TF's type attr T)."""
    dtype = None
    for v in values:
        if is_tensor_like(v):
            dtype = v.dtype
            break
    out = []
    for v in values:
        if is_tensor_like(v):
            out.append(convert_to_tensor(v))
        elif dtype is not None:
            out.append(convert_to_dtype(v, dtype))
        else:
            out.append(convert_to_tensor(v))
    first = out[0]._dtype if out else None
    for i, t in enumerate(out):
        if t._dtype is not first:
            raise _mismatch(op_name, i, first, t._dtype)
    return out


def binary_inputs(x, y, op_name):
    """The two inputs of a binary op, converted and dtype-checked.

    Fast for the common cases of an eager loop: tensors, variables, and a Python number
    meeting a floating-point tensor (``0.5 * x``).
    """
    if type(x) in VARIABLE_TYPES:
        x = x._read()
    if type(y) in VARIABLE_TYPES:
        y = y._read()
    if type(x) is EagerTensor:
        if type(y) is EagerTensor:
            if x._dtype is not y._dtype:
                raise _mismatch(op_name, 1, x._dtype, y._dtype)
            return x, y
        if type(y) in _PY_NUMBERS and x._dtype._kind == "f":
            return x, wrap_as(x._value.dtype.type(y), x._dtype)
    elif type(y) is EagerTensor and type(x) in _PY_NUMBERS and y._dtype._kind == "f":
        return wrap_as(y._value.dtype.type(x), y._dtype), y
    x, y = same_dtype_inputs((x, y), op_name)
    return x, y


_PY_NUMBERS = (float, int)
