"""The Tensor types and conversion of Python/NumPy values into tensors.

``Tensor`` is the public ``tf.Tensor`` base; ``EagerTensor`` holds a NumPy value,
``SymbolicTensor`` (framework/symbolic.py) holds only a shape, a dtype and the node
that produces it. Operators (``+``, ``@``, ``[]``...) are installed by the ops
package through :func:`install_operators`, so this module never imports ops.
"""
import numpy as np

from . import dtypes
from .dtypes import DType, from_numpy
from .tensor_shape import TensorShape

__all__ = ["Tensor", "EagerTensor", "convert_to_tensor", "constant", "is_tensor"]

CPU_DEVICE = "/job:localhost/replica:0/task:0/device:CPU:0"
_INT32_MIN, _INT32_MAX = -(2 ** 31), 2 ** 31 - 1


class Tensor:
    """Base of every tensor: ``isinstance(x, tf.Tensor)`` holds for eager and symbolic ones."""
    __slots__ = ()
    _is_symbolic = False

    def __hash__(self):
        raise TypeError("Tensor is unhashable. Instead, use tensor.ref() as the key.")

    def ref(self):
        return Reference(self)

    experimental_ref = ref

    def get_shape(self):
        return self.shape

    def set_shape(self, shape):
        if not self.shape.is_compatible_with(shape):
            raise ValueError(f"Tensor's shape {self.shape} is not compatible with supplied shape "
                             f"{TensorShape(shape)}.")

    # Operators are filled in by ops (install_operators); these stubs keep the class readable.
    __array_priority__ = 100  # NumPy defers `ndarray + Tensor` to Tensor.__radd__


class Reference:
    """Hashable handle of a tensor or variable (``x.ref()``)."""
    __slots__ = ("_obj",)

    def __init__(self, obj):
        self._obj = obj

    def deref(self):
        return self._obj

    def __hash__(self):
        return id(self._obj)

    def __eq__(self, other):
        return isinstance(other, Reference) and other._obj is self._obj

    def __repr__(self):
        return f"<Reference wrapping {self._obj!r}>"


def _numpy_text(value, is_repr):
    """TF's rendering of a value inside print/repr: NumPy's text, scalars bare."""
    if value.ndim == 0:
        return str(value)
    text = repr(value) if is_repr else str(value)
    if "\n" in text:
        text = "\n" + text
    return text


class EagerTensor(Tensor):
    """A tensor with a concrete value (an ndarray, or a NumPy scalar for rank 0)."""
    __slots__ = ("_value", "_dtype", "__weakref__")

    def __init__(self, value, dtype=None):
        value = convert_to_tensor(value, dtype)
        self._value = value._value
        self._dtype = value._dtype

    # -- attributes ------------------------------------------------------
    @property
    def shape(self):
        return TensorShape._from_tuple(self._value.shape)

    @property
    def dtype(self):
        return self._dtype

    @property
    def ndim(self):
        return self._value.ndim

    @property
    def device(self):
        return CPU_DEVICE

    @property
    def backing_device(self):
        return CPU_DEVICE

    @property
    def name(self):
        raise AttributeError("Tensor.name is undefined when eager execution is enabled.")

    def numpy(self):
        v = self._value
        return v.copy() if isinstance(v, np.ndarray) and v.ndim else v[()] if isinstance(v, np.ndarray) else v

    def _numpy(self):
        return self._value

    def cpu(self):
        return self

    def gpu(self, gpu_index=0):
        return self

    # -- Python protocols ------------------------------------------------
    def __array__(self, dtype=None, copy=None):
        v = np.asarray(self._value)
        if dtype is not None and v.dtype != dtype:
            return v.astype(dtype)
        return v.copy() if copy else v

    def __len__(self):
        if self._value.ndim == 0:
            raise TypeError("Scalar tensor has no `len()`")
        return self._value.shape[0]

    def __iter__(self):
        if self._value.ndim == 0:
            raise TypeError("Cannot iterate over a scalar tensor.")
        getitem = type(self).__getitem__
        return (getitem(self, i) for i in range(self._value.shape[0]))

    def __bool__(self):
        return bool(self._value)

    def __float__(self):
        return float(self._value)

    def __int__(self):
        return int(self._value)

    def __index__(self):
        if self._dtype.is_integer or self._dtype.is_bool:
            return int(self._value)
        raise AttributeError(f"'{type(self._value.flat[0]).__module__}.{type(self._value.flat[0]).__name__}' "
                             f"object has no attribute '__index__'")

    def __complex__(self):
        return complex(self._value)

    def __format__(self, format_spec):
        if self._value.ndim == 0 and format_spec:
            return format(self._value.item(), format_spec)
        if not format_spec:
            return _numpy_text(np.asarray(self._value), False)
        return format(np.asarray(self._value), format_spec)

    def __str__(self):
        return (f"tf.Tensor({_numpy_text(np.asarray(self._value), False)}, shape={self.shape}, "
                f"dtype={self._dtype.name})")

    def __repr__(self):
        return (f"<tf.Tensor: shape={self.shape}, dtype={self._dtype.name}, "
                f"numpy={_numpy_text(np.asarray(self._value), True)}>")

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return wrap(np.copy(self._value))

    def __reduce__(self):
        return convert_to_tensor, (self.numpy(),)


def wrap(value):
    """Wrap a kernel result (ndarray or NumPy scalar) without copying: the hot path."""
    t = object.__new__(EagerTensor)
    t._value = value
    t._dtype = from_numpy(value.dtype)
    return t


def wrap_as(value, dtype):
    t = object.__new__(EagerTensor)
    t._value = value
    t._dtype = dtype
    return t


def is_tensor(x):
    return isinstance(x, Tensor) or getattr(x, "_is_variable", False)


# ---------------------------------------------------------------------------
# Conversion
# ---------------------------------------------------------------------------
# Classes that know how to turn themselves into a tensor (Variable registers here).
_CONVERSION_FUNCS = {}


def register_tensor_conversion_function(base_type, conversion_func, priority=100):
    _CONVERSION_FUNCS[base_type] = conversion_func


def _cannot_convert(value, dtype):
    return TypeError(f"Cannot convert {value!r} to EagerTensor of dtype {dtype.name}")


def _python_to_array(value, dtype):
    """Python scalars and (nested) sequences, with TensorFlow's inference and checks."""
    if isinstance(value, (list, tuple)) and _holds_tensor(value):
        value = _unpack_tensors(value)
    try:
        arr = np.array(value)
    except ValueError:
        raise ValueError(f"Can't convert non-rectangular Python sequence to Tensor.") from None
    kind = arr.dtype.kind
    if dtype is None:
        if kind == "f":
            dtype = dtypes.float32 if arr.dtype != np.float64 or not _has_numpy_f64(value) else dtypes.float64
        elif kind in "iu":
            if arr.dtype == np.int64 and not _has_numpy_int(value):
                dtype = dtypes.int32 if arr.size == 0 or (_INT32_MIN <= arr.min() and arr.max() <= _INT32_MAX) \
                    else dtypes.int64
            else:
                dtype = from_numpy(arr.dtype)
        elif kind == "b":
            dtype = dtypes.bool
        elif kind in "SUO":
            return _to_string_array(arr), dtypes.string
        elif kind == "c":
            dtype = dtypes.complex128
        else:
            dtype = from_numpy(arr.dtype)
        if arr.size == 0 and kind == "f":
            dtype = dtypes.float32
        return arr.astype(dtype.np_dtype, copy=False), dtype
    # An explicit dtype: Python floats never silently become integers (TF raises).
    if dtype is dtypes.string:
        if kind not in "SUO":
            raise _cannot_convert(value, dtype)
        return _to_string_array(arr), dtype
    if kind in "SUO":
        raise _cannot_convert(value, dtype)
    if kind in "fc" and (dtype.is_integer or dtype.is_bool):
        raise _cannot_convert(value, dtype)
    if kind == "c" and not dtype.is_complex:
        raise _cannot_convert(value, dtype)
    with np.errstate(over="ignore", invalid="ignore"):
        return arr.astype(dtype.np_dtype), dtype


def _has_numpy_f64(value):
    if isinstance(value, np.floating):
        return value.dtype == np.float64
    if isinstance(value, (list, tuple)):
        return any(_has_numpy_f64(v) for v in value)
    return False


def _has_numpy_int(value):
    if isinstance(value, np.integer):
        return True
    if isinstance(value, (list, tuple)):
        return any(_has_numpy_int(v) for v in value)
    return False


def _holds_tensor(seq):
    for v in seq:
        if isinstance(v, EagerTensor) or getattr(v, "_is_variable", False):
            return True
        if isinstance(v, (list, tuple)) and _holds_tensor(v):
            return True
    return False


def _unpack_tensors(seq):
    return [_unpack_tensors(v) if isinstance(v, (list, tuple)) else
            (np.asarray(v) if isinstance(v, EagerTensor) or getattr(v, "_is_variable", False) else v)
            for v in seq]


def _to_string_array(arr):
    out = np.empty(arr.shape, dtype=object)
    flat_in = arr.reshape(-1)
    flat_out = out.reshape(-1)
    for i, v in enumerate(flat_in):
        flat_out[i] = v.encode("utf-8") if isinstance(v, str) else bytes(v) if not isinstance(v, bytes) else v
    return out


def _numpy_to_array(value, dtype):
    arr = np.asarray(value)
    if dtype is None:
        if arr.dtype.kind in "SUO":
            return _to_string_array(arr), dtypes.string
        return arr.copy(), from_numpy(arr.dtype)
    if dtype is dtypes.string:
        return _to_string_array(arr), dtype
    return arr.astype(dtype.np_dtype), dtype


def convert_to_tensor(value, dtype=None, name=None, as_ref=False, preferred_dtype=None, dtype_hint=None):
    """tf.convert_to_tensor: tensors pass through; everything else becomes an EagerTensor."""
    if dtype is not None and not isinstance(dtype, DType):
        dtype = dtypes.as_dtype(dtype)
    if isinstance(value, Tensor):
        if dtype is not None and value.dtype is not dtype:
            raise ValueError(f"Tensor conversion requested dtype {dtype.name} for Tensor with dtype "
                             f"{value.dtype.name}: {value!r}")
        return value
    conv = _CONVERSION_FUNCS.get(type(value))
    if conv is None:
        for base, fn in _CONVERSION_FUNCS.items():
            if isinstance(value, base):
                conv = fn
                break
    if conv is not None:
        return conv(value, dtype=dtype, name=name)
    hint = preferred_dtype or dtype_hint
    if dtype is None and hint is not None:
        try:
            return convert_to_tensor(value, hint)
        except (TypeError, ValueError):
            pass
    if isinstance(value, (np.ndarray, np.generic)):
        arr, dt = _numpy_to_array(value, dtype)
    elif isinstance(value, TensorShape):
        arr, dt = _python_to_array(value.as_list(), dtype)
    elif isinstance(value, DType):
        arr, dt = _python_to_array(value.as_datatype_enum, dtype)
    else:
        if hasattr(value, "__array__") and not isinstance(value, (list, tuple)):
            arr, dt = _numpy_to_array(np.asarray(value), dtype)
        else:
            if value is None:
                raise ValueError("Attempt to convert a value (None) with an unsupported type "
                                 "(<class 'NoneType'>) to a Tensor.")
            if not isinstance(value, (int, float, bool, complex, str, bytes, list, tuple)) and \
                    not isinstance(value, np.generic):
                raise ValueError(f"Attempt to convert a value ({value!r}) with an unsupported type "
                                 f"({type(value)}) to a Tensor.")
            arr, dt = _python_to_array(value, dtype)
    return wrap_as(arr, dt)


def constant(value, dtype=None, shape=None, name="Const"):
    """tf.constant: like convert_to_tensor, plus an optional shape to reshape or broadcast to."""
    if isinstance(value, Tensor) and not value._is_symbolic:
        t = value if dtype is None else wrap(value._value.astype(dtypes.as_dtype(dtype).np_dtype))
    elif getattr(value, "_is_variable", False):
        t = convert_to_tensor(value)
        if dtype is not None:
            t = wrap(t._value.astype(dtypes.as_dtype(dtype).np_dtype))
    else:
        t = convert_to_tensor(value, dtype)
        if t._value is value:
            t = wrap_as(np.array(value), t._dtype)
    if shape is not None:
        shape = tuple(TensorShape(shape).as_list())
        v = np.asarray(t._value)
        if v.size == int(np.prod(shape)):
            v = v.reshape(shape)
        elif v.size == 1:
            v = np.broadcast_to(v.reshape(()), shape).copy()
        else:
            raise TypeError(f"Eager execution of tf.constant with unsupported shape. Tensor {t!r} "
                            f"(converted from {value!r}) has {v.size} elements, but got `shape` "
                            f"{TensorShape(shape)} with {int(np.prod(shape))} elements).")
        t = wrap_as(v, t._dtype)
    return t


def install_operators(table, classes):
    """Give tensor-like classes their Python operators (called once by the ops package)."""
    for cls in classes:
        for name, fn in table.items():
            setattr(cls, name, fn)
