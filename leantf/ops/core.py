"""What every op wrapper needs: TF's input conversion rules and dtype checks.

TF converts an op's inputs like this (``args_to_matching_eager``): when some input is
already a tensor (or a variable), the first one's dtype fixes the op's type and the
other inputs are converted *to* that dtype (a Python float never becomes an integer:
TypeError; a NumPy array is cast); when none is, the first input is converted on its
own and fixes the dtype for the rest. Tensors of different dtypes reaching one op are
an InvalidArgumentError ("cannot compute X as input #1(zero-based) ...").

A few wrappers convert differently, and ``binary_inputs`` follows them by op name:
``tf.add``/``+`` and ``/`` convert ``y`` with ``x``'s dtype only as a hint (a value
that does not fit keeps its own dtype, and the op then reports the clash), and
``matmul`` converts each input on its own.
"""
import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError
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
    if isinstance(value, (int, float, bool, complex, str, bytes)):
        arr, dt = _python_to_array(value, dtype)
        return wrap_as(arr, dt)
    return convert_to_tensor(value, dtype)


def _mismatch(op_name, index, expected, got):
    """The error for inputs of different dtypes (only ever built on the failure path)."""
    if op_name == "truediv":
        return TypeError(f"`x` and `y` must have the same dtype, got {expected!r} != {got!r}.")
    if op_name == "AddV2" and expected is dtypes.string:
        op_name = "Add"  # TF adds strings with its Add op
    kernel = op_name
    if op_name == "MatMul" and expected in _MKL_MATMUL_TYPES:
        kernel = "_MklMatMul"  # TF's oneDNN kernel reports float matmuls under its own name
    return InvalidArgumentError(None, None, f"cannot compute {kernel} as input #{index}(zero-based) was "
                                            f"expected to be a {tf_type_name(expected)} tensor but is a "
                                            f"{tf_type_name(got)} tensor [Op:{op_name}] name: ")


_MKL_MATMUL_TYPES = (dtypes.float32, dtypes.bfloat16)


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
        else:  # no tensor among the inputs: the first one's own dtype decides
            t = convert_to_tensor(v)
            dtype = t.dtype
            out.append(t)
    _check_same(out, op_name)
    return out


def _check_same(tensors, op_name):
    first = tensors[0]._dtype if tensors else None
    for i, t in enumerate(tensors):
        if t._dtype is not first:
            raise _mismatch(op_name, i, first, t._dtype)


def _hinted_inputs(x, y, op_name):
    """tf.add, + and /: x converts alone; y takes x's dtype if it can, else its own."""
    x = as_tensor(x)
    if not is_tensor_like(y):
        y = convert_to_tensor(y, dtype_hint=x.dtype)
    else:
        y = convert_to_tensor(y)
    _check_same((x, y), op_name)
    return x, y


def _independent_inputs(x, y, op_name):
    """matmul converts each input on its own."""
    x, y = as_tensor(x), as_tensor(y)
    _check_same((x, y), op_name)
    return x, y


_SLOW_RULES = {"AddV2": _hinted_inputs, "truediv": _hinted_inputs, "MatMul": _independent_inputs}


def binary_inputs(x, y, op_name):
    """The two inputs of a binary op, converted and dtype-checked.

    Fast for the common cases of an eager loop: tensors, variables, and a Python number
    meeting a floating-point tensor (``0.5 * x``).
    """
    if type(x) is EagerTensor and type(y) is EagerTensor:  # the commonest case, tested first
        if x._dtype is not y._dtype:
            raise _mismatch(op_name, 1, x._dtype, y._dtype)
        return x, y
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
            return x, number_like(y, x)
    elif type(y) is EagerTensor and type(x) in _PY_NUMBERS and y._dtype._kind == "f":
        return number_like(x, y), y
    rule = _SLOW_RULES.get(op_name)
    if rule is not None:
        return rule(x, y, op_name)
    x, y = same_dtype_inputs((x, y), op_name)
    return x, y


_PY_NUMBERS = (float, int)
_NUMBERS = {}


def number_like(value, t):
    """A Python int or float as a scalar tensor of float tensor ``t``'s dtype (TF converts the
    number to the tensor's dtype). Loops meet the same few numbers (``0.5 * x``, a learning
    rate) every step and tensors are immutable, so the conversions are kept (a bounded few)."""
    key = (value, t._dtype._enum)
    c = _NUMBERS.get(key)
    if c is None:
        c = wrap_as(t._value.dtype.type(value), t._dtype)
        if value:  # (0.0 == -0.0 share a key but not a sign; NaN never finds itself: neither is kept)
            if len(_NUMBERS) >= 256:
                _NUMBERS.clear()
            _NUMBERS[key] = c
    return c
