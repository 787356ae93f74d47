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
from .tracing_state import TRACING

__all__ = ["Tensor", "EagerTensor", "convert_to_tensor", "constant", "is_tensor"]

CPU_DEVICE = "/job:localhost/replica:0/task:0/device:CPU:0"
_INT32_MIN, _INT32_MAX = -(2 ** 31), 2 ** 31 - 1


class Tensor:
    """Base of every tensor: ``isinstance(x, tf.Tensor)`` holds for eager and symbolic ones."""
    __slots__ = ()
    _is_symbolic = False
    _is_variable = False  # class-level, so getattr(t, "_is_variable") never reaches __getattr__

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
    """TF's rendering of a value inside print/repr.

    ``str`` is NumPy's text (with its summarisation of long arrays); ``repr`` of a
    scalar is the repr of the Python value, so float32 0.1 shows all its digits
    (0.10000000149011612) as TF prints it. Multi-line text starts on a new line.
    """
    if value.ndim == 0:
        item = value[()]
        if not is_repr:
            return str(item)
        return repr(item) if isinstance(item, bytes) else repr(item.item())
    text = repr(value) if is_repr else str(value)
    if "\n" in text:
        text = "\n" + text
    return text


# Attribute names TF answers with a hint about its NumPy mode instead of a plain AttributeError.
_NUMPY_METHOD_NAMES = frozenset({"T", "astype", "ravel", "transpose", "reshape", "clip", "size", "tolist",
                                 "data"})


_KERAS_METADATA = frozenset({"_keras_mask", "_keras_logits"})


def _numpy_mode_hint(cls_name, name):
    return AttributeError(
        f"{cls_name} object has no attribute '{name}'. \n"
        "        If you are looking for numpy-related methods, please run the following:\n"
        "        tf.experimental.numpy.experimental_enable_numpy_behavior()\n      ")


class EagerTensor(Tensor):
    """A tensor with a concrete value (an ndarray, or a NumPy scalar for rank 0)."""
    # _keras_mask / _keras_logits: metadata Keras hangs on a tensor (a layer's output mask, the
    # logits behind a softmax/sigmoid output); unset unless Keras sets them.
    __slots__ = ("_value", "_dtype", "_keras_mask", "_keras_logits", "__weakref__")

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

    @property
    def op(self):
        raise AttributeError("Tensor.op is undefined when eager execution is enabled.")

    @property
    def graph(self):
        raise AttributeError("Tensor.graph is undefined when eager execution is enabled.")

    def numpy(self):
        if TRACING:
            TRACING[-1].escaped(self._value)
        v = self._value
        return v.copy() if isinstance(v, np.ndarray) and v.ndim else v[()] if isinstance(v, np.ndarray) else v

    def _numpy(self):
        """The value as TF hands it to Python protocols: an ndarray, or a NumPy scalar (bytes for strings)."""
        if TRACING:
            TRACING[-1].escaped(self._value)
        v = self._value
        return v[()] if v.ndim == 0 else v

    def cpu(self):
        return self

    def gpu(self, gpu_index=0):
        return self

    def __getattr__(self, name):
        # Only reached when normal lookup fails, so attribute access stays fast.
        if name in _KERAS_METADATA:  # an unset Keras slot: plain AttributeError, no search
            raise AttributeError(name)
        for klass in type(self).__mro__:
            attr = klass.__dict__.get(name)
            if isinstance(attr, property):
                return attr.__get__(self)  # re-raise the property's own message (.name, .op, .graph)
        if name in _NUMPY_METHOD_NAMES:
            raise _numpy_mode_hint("EagerTensor", name)
        raise AttributeError(f"'tensorflow.python.framework.ops.EagerTensor' object has no attribute '{name}'")

    # -- Python protocols (TF applies them to the NumPy value) -------------
    def __array__(self, dtype=None, copy=None):
        if TRACING:
            TRACING[-1].escaped(self._value)
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
        v = self._value
        if TRACING:
            TRACING[-1].escaped(v)
        if v.ndim:
            return bool(v.size > 0 and v)  # TF: an empty tensor is False, not an error
        return bool(v)

    def __float__(self):
        if TRACING:
            TRACING[-1].escaped(self._value)
        return float(self._value)

    def __int__(self):
        if TRACING:
            TRACING[-1].escaped(self._value)
        return int(self._value)

    def __index__(self):
        # NumPy's rules: integer scalars index; floats and bools have no __index__.
        return self._numpy().__index__()

    def __complex__(self):
        if TRACING:
            TRACING[-1].escaped(self._value)
        return complex(self._value)

    def __format__(self, format_spec):
        return self._numpy().__format__(format_spec)

    def __round__(self, ndigits=None):
        # TF's round() goes through its NumPy-mode API, which is off by default.
        raise _numpy_mode_hint("EagerTensor", "astype")

    def __str__(self):
        return (f"tf.Tensor({_numpy_text(np.asarray(self._value), False)}, shape={self.shape}, "
                f"dtype={self._dtype.name})")

    def __repr__(self):
        return (f"<tf.Tensor: shape={self.shape}, dtype={self._dtype.name}, "
                f"numpy={_numpy_text(np.asarray(self._value), True)}>")

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self  # values are immutable, so TF shares them

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


# TF's own names for dtypes in conversion messages ("... of dtype float").
_TF_TYPE_NAME = {"float16": "half", "float32": "float", "float64": "double"}

_MIXED = "Can't convert Python sequence with mixed types to Tensor."
_RAGGED = "Can't convert non-rectangular Python sequence to Tensor."
_INT_RANGE = "Can't convert Python sequence with out-of-range integer to Tensor."
# (TF's wording; it is raised when a value overflows the float type being filled.)
_FLOAT_RANGE = "Can't convert Python sequence with a value out of range for a double-precision float."
_INT64_MIN, _INT64_MAX = -(2 ** 63), 2 ** 63 - 1
_F32_MAX = 3.4028234663852886e38

# dtypes TF fills straight from Python values, and the element kinds each accepts
# (b bool, i/u int, f float, c complex). Any other requested dtype is reached by
# inferring the value's own dtype first and casting where TF deems it compatible.
_DIRECT_KINDS = {}


def _direct_kinds():
    if not _DIRECT_KINDS:
        for d in (dtypes.float16, dtypes.float32, dtypes.float64):
            _DIRECT_KINDS[d] = "biuf"
        for d in (dtypes.int32, dtypes.int64, dtypes.uint64):
            _DIRECT_KINDS[d] = "biu"
        _DIRECT_KINDS[dtypes.complex128] = "biufc"
        _DIRECT_KINDS[dtypes.bool] = "b"
    return _DIRECT_KINDS


def _cannot_convert(value, dtype):
    name = _TF_TYPE_NAME.get(dtype.name, dtype.name)
    return TypeError(f"Cannot convert {value!r} to EagerTensor of dtype {name}")


def _unsupported(value):
    return ValueError(f"Attempt to convert a value ({value!r}) with an unsupported type ({type(value)!r}) "
                      f"to a Tensor.")


def _compatible(wanted, inferred):
    """TF's rule for casting an inferred value to a requested dtype instead of refusing it."""
    if inferred.is_integer:
        return wanted.is_integer or wanted.is_floating or wanted.is_complex
    if inferred.is_floating:
        return wanted.is_floating or wanted.is_complex
    if inferred.is_complex:
        return wanted.is_complex
    return False


def _is_sequence(x):
    return isinstance(x, (list, tuple, range, bytearray, memoryview)) or \
        (isinstance(x, np.ndarray) and x.ndim > 0)


_EMPTY = object()  # marks a shape with a zero dimension (nothing to infer a dtype from)


def _first_leaf(value):
    """TF infers a nested sequence's shape and element type from its first elements."""
    shape = []
    x = value
    while True:
        if isinstance(x, np.ndarray) and x.ndim == 0:
            x = x[()]
        if isinstance(x, (str, bytes)):
            return shape, x
        if _is_sequence(x):
            n = len(x)
            shape.append(n)
            if n == 0:
                return shape, _EMPTY
            x = x[0]
            continue
        return shape, x


def _leaf_kind(x):
    if isinstance(x, (bool, np.bool_)):
        return "b"
    if isinstance(x, (int, np.integer)):
        return "i"
    if isinstance(x, (float, np.floating)):
        return "f"
    if isinstance(x, (complex, np.complexfloating)):
        return "c"
    if isinstance(x, (str, bytes)):
        return "s"
    return None


def _leaf_float_dtype(x):
    """A NumPy float scalar keeps its width; a Python float defaults to float32."""
    if isinstance(x, np.floating) and type(x) is not float:
        d = dtypes._BY_NUMPY.get(x.dtype)
        if d is not None:
            return d
    return dtypes.float32


def _walk(value, shape, depth, leaves):
    """Check a nested sequence against the inferred ``shape``; collect its leaves (slow path)."""
    if depth == len(shape):
        if _is_sequence(value):
            raise ValueError(_MIXED)
        if isinstance(value, np.ndarray):
            value = value[()]
        leaves.append(value)
        return
    if not _is_sequence(value) or len(value) != shape[depth]:
        raise ValueError(_RAGGED)
    for v in value:
        _walk(v, shape, depth + 1, leaves)


def _string_leaves(value, shape):
    leaves = []
    _walk(value, shape, 0, leaves)
    out = np.empty(len(leaves), dtype=object)
    for i, v in enumerate(leaves):
        if isinstance(v, str):
            out[i] = v.encode("utf-8")
        elif isinstance(v, bytes):
            out[i] = bytes(v)
        else:
            raise ValueError(_MIXED)
    return out.reshape(shape)


def _checked_leaves(value, shape, kind):
    """The slow path for values NumPy could not type: TF's error, or an exact object array."""
    leaves = []
    _walk(value, shape, 0, leaves)
    allowed = {"b": "b", "i": "bi", "f": "bif", "c": "bifc"}[kind]
    for v in leaves:
        k = _leaf_kind(v)
        if kind == "i" and k == "i" and not _INT64_MIN <= int(v) <= _INT64_MAX:
            raise ValueError(_INT_RANGE)  # TF infers int64 at most
        if k is None or k not in allowed:
            if kind == "i" and k == "f":
                continue  # an int sequence holding a float becomes a float tensor
            raise ValueError(_MIXED)
    arr = np.empty(len(leaves), dtype=object)
    arr[:] = leaves
    return arr.reshape(shape)


def _infer(value, shape, leaf, requested):
    """Convert with TF's inferred dtype: returns (array, DType) or raises TF's ValueError.

    ``requested`` says a dtype was asked for but could not be filled directly; TF then
    keeps Python floats in double precision and casts afterwards.
    """
    kind = _leaf_kind(leaf)
    if kind is None:
        raise _unsupported(leaf)
    if kind == "s":
        return _string_leaves(value, shape), dtypes.string
    try:
        arr = np.array(value)
    except (ValueError, OverflowError, TypeError):
        arr = None
    if arr is None or arr.dtype.kind not in "biufc" or arr.shape != tuple(shape):
        if arr is not None and arr.dtype.kind in "SU":
            raise ValueError(_MIXED)
        arr = _checked_leaves(value, shape, kind)
    ak = arr.dtype.kind
    if kind == "b":
        if ak != "b":
            raise ValueError(_MIXED)
        return arr, dtypes.bool
    if kind == "i":
        if ak == "O":  # leaves already checked: ints within int64, maybe floats
            has_float = any(isinstance(v, (float, np.floating)) for v in arr.flat)
            arr = arr.astype(np.float64 if has_float else np.int64)
            ak = arr.dtype.kind
        elif ak == "f" and arr.size and np.abs(arr).max() >= 2.0 ** 63:
            # NumPy turns big ints mixed with negatives into floats; TF refuses the ints.
            _checked_leaves(value, shape, "i")
        if ak in "iu":
            if arr.size:
                lo, hi = int(arr.min()), int(arr.max())
                if lo < _INT64_MIN or hi > _INT64_MAX:
                    raise ValueError(_INT_RANGE)
                if _INT32_MIN <= lo and hi <= _INT32_MAX:
                    return arr.astype(np.int32), dtypes.int32
            else:
                return arr.astype(np.int32), dtypes.int32
            return arr.astype(np.int64), dtypes.int64
        if ak == "f":
            target = dtypes.float64 if requested else dtypes.float32
            return _to_float(arr, target, check=not requested), target
        raise ValueError(_MIXED)
    if kind == "f":
        if ak not in "biuf":
            if ak == "O":
                arr = arr.astype(np.float64)
            else:
                raise ValueError(_MIXED)
        target = dtypes.float64 if requested else _leaf_float_dtype(leaf)
        return _to_float(arr, target, check=not requested), target
    return arr.astype(np.complex128), dtypes.complex128  # complex leads: floats and ints join it


_FLOAT_MAX = {}


def _float_max(dtype):
    m = _FLOAT_MAX.get(dtype)
    if m is None:
        m = _FLOAT_MAX[dtype] = float(dtype.max)
    return m


def _to_float(arr, dtype, check):
    """Cast to a float dtype; with ``check``, a finite value that overflows is TF's ValueError."""
    if arr.size and dtype is not dtypes.float64:
        limit = _float_max(dtype)
        if np.abs(arr).max() > limit:  # rare: some value does not fit (NaN compares False)
            finite = arr[np.isfinite(arr)]
            if check and finite.size and np.abs(finite).max() > limit:
                raise ValueError(_FLOAT_RANGE)
            with np.errstate(over="ignore", invalid="ignore"):
                return arr.astype(dtype.np_dtype)
    return arr.astype(dtype.np_dtype, copy=False)


def _fill_direct(value, shape, leaf, dtype):
    """TF's direct converters (float, int32/64, uint64, complex128, bool, string); None if refused."""
    kind = _leaf_kind(leaf)
    if dtype is dtypes.string:
        if kind != "s":
            return None
        try:
            return _string_leaves(value, shape)
        except ValueError:
            return None
    kinds = _direct_kinds().get(dtype)
    if kinds is None or kind is None or kind not in kinds:
        return None
    try:
        arr = np.array(value)
    except (ValueError, OverflowError, TypeError):
        return None
    ak = arr.dtype.kind
    if ak == "O" and dtype.is_floating:
        try:  # Python ints too big for int64 still fill a float tensor
            arr = np.array(value, dtype=np.float64)
        except (ValueError, OverflowError, TypeError):
            return None
        ak = "f"
    if ak not in kinds or arr.shape != tuple(shape):
        return None
    if dtype.is_integer and ak == "u" and arr.size and dtype is not dtypes.uint64 and \
            int(arr.max()) > _INT64_MAX:
        raise ValueError(_INT_RANGE)
    if dtype.is_floating:  # overflow becomes inf here, as in TF's direct float converters
        return _to_float(arr, dtype, check=False)
    return arr.astype(dtype.np_dtype)


def _python_to_array(value, dtype):
    """Python scalars and (nested) sequences, with TensorFlow's inference, checks and messages."""
    t = type(value)
    # Fast paths for the scalars op wrappers convert all the time.
    if dtype is None:
        if t is float:
            if -_F32_MAX <= value <= _F32_MAX:
                return np.array(value, dtype=np.float32), dtypes.float32
        elif t is int and _INT32_MIN <= value <= _INT32_MAX:
            return np.array(value, dtype=np.int32), dtypes.int32
    elif t is float and (dtype is dtypes.float64 or (dtype is dtypes.float32 and -_F32_MAX <= value <= _F32_MAX)):
        return np.array(value, dtype=dtype.np_dtype), dtype
    shape, leaf = _first_leaf(value)
    if leaf is _EMPTY:
        dt = dtypes.float32 if dtype is None else dtype
        return (np.empty(shape, dtype=object) if dt is dtypes.string else np.zeros(shape, dt.np_dtype)), dt
    if dtype is None:
        return _infer(value, shape, leaf, requested=False)
    arr = _fill_direct(value, shape, leaf, dtype)
    if arr is not None:
        return arr, dtype
    arr, inferred = _infer(value, shape, leaf, requested=True)
    if inferred is dtype:
        return arr, dtype
    if not _compatible(dtype, inferred):
        raise _cannot_convert(value, dtype)
    with np.errstate(over="ignore", invalid="ignore"):
        return arr.astype(dtype.np_dtype), dtype


def _unsupported_numpy(arr):
    # TF names the NumPy type number in its message.
    name = {"M": "NPY_DATETIME", "m": "NPY_TIMEDELTA", "V": "NPY_VOID", "f": "NPY_LONGDOUBLE",
            "c": "NPY_CLONGDOUBLE"}.get(arr.dtype.kind, f"NPY_{arr.dtype.name.upper()}")
    return ValueError(f"Failed to convert a NumPy array to a Tensor (Unsupported numpy type: {name}).")


def _object_type_error(kind_name):
    return ValueError(f"Failed to convert a NumPy array to a Tensor (Unsupported object type {kind_name}).")


def _to_string_array(arr):
    """An array of str/bytes as TF's string tensor: an object array of bytes."""
    out = np.empty(arr.shape, dtype=object)
    flat_out = out.reshape(-1)
    for i, v in enumerate(arr.reshape(-1)):
        if isinstance(v, str):
            flat_out[i] = v.encode("utf-8")
        elif isinstance(v, bytes):
            flat_out[i] = bytes(v)
        else:
            raise _object_type_error(type(v).__name__)
    return out


def _numpy_to_array(value, dtype):
    """NumPy arrays and scalars: their own dtype, or a plain cast to the requested one."""
    arr = np.asarray(value)
    kind = arr.dtype.kind
    if not arr.dtype.isnative:
        arr = arr.astype(arr.dtype.newbyteorder("="))
    known = dtypes._BY_NUMPY.get(arr.dtype)
    if known is None and arr.dtype.name == "bfloat16":
        known = dtypes.as_dtype(arr.dtype)
    if dtype is None:
        if kind in "SUO":
            return _to_string_array(arr), dtypes.string
        if known is None:
            raise _unsupported_numpy(arr)
        return arr.copy(), known
    if dtype is dtypes.string:
        if kind in "SUO":
            return _to_string_array(arr), dtype
        first = arr.reshape(-1)[0].item() if arr.size else None
        raise _object_type_error(type(first).__name__)
    if known is None and kind not in "SUO":
        raise _unsupported_numpy(arr)
    with np.errstate(over="ignore", invalid="ignore"):
        return arr.astype(dtype.np_dtype), dtype


def _first_tensor_dtype(seq):
    for v in seq:
        if isinstance(v, EagerTensor) or getattr(v, "_is_variable", False):
            return v.dtype
        if isinstance(v, (list, tuple)):
            d = _first_tensor_dtype(v)
            if d is not None:
                return d
    return None


def _pack(seq, dtype, cast):
    """TF's packing of a list that holds tensors: one Pack op per level, so gradients flow.

    ``dtype`` converts the plain values; tensors are cast to it only when the caller asked
    for that dtype (``cast``), otherwise a tensor of another dtype makes Pack fail.
    """
    from .primitive import PRIMITIVES
    from .errors import InvalidArgumentError, eager_message, op_message
    items = []
    for v in seq:
        if isinstance(v, (list, tuple)) and _holds_tensor(v):
            t = _pack(v, dtype, cast)
        elif isinstance(v, EagerTensor) or getattr(v, "_is_variable", False):
            t = convert_to_tensor(v)
            if cast and t.dtype is not dtype:
                t = PRIMITIVES["Cast"](t, dtype=dtype)
        else:
            t = convert_to_tensor(v, dtype)
        items.append(t)
    first = items[0]
    for i, t in enumerate(items[1:], 1):
        if t.dtype is not first.dtype:
            name = lambda d: _TF_TYPE_NAME.get(d.name, d.name)  # noqa: E731
            raise InvalidArgumentError(None, None, op_message(
                "Pack", f"cannot compute Pack as input #{i}(zero-based) was expected to be a "
                        f"{name(first.dtype)} tensor but is a {name(t.dtype)} tensor") + "packed")
        if t.shape != first.shape:
            dims = lambda s: "[" + ",".join(str(d) for d in s) + "]"  # noqa: E731
            raise InvalidArgumentError(None, None, eager_message(
                "Pack", f"Shapes of all inputs must match: values[0].shape = {dims(first.shape)} != "
                        f"values[{i}].shape = {dims(t.shape)}", kernel=f"Pack_N_{len(items)}", name="packed"))
    return PRIMITIVES["Pack"](*items, axis=0)


def _holds_tensor(seq):
    for v in seq:
        if isinstance(v, EagerTensor) or getattr(v, "_is_variable", False):
            return True
        if isinstance(v, (list, tuple)) and _holds_tensor(v):
            return True
    return False


def convert_to_tensor(value, dtype=None, dtype_hint=None, name=None, **kwargs):
    """tf.convert_to_tensor: tensors pass through; everything else becomes an EagerTensor.

    ``dtype_hint`` is tried first and silently dropped when the value does not fit it.
    TF2's signature: TF1's ``preferred_dtype`` is refused with TF's message.
    """
    if type(value) is EagerTensor and dtype is None:
        return value
    for k in kwargs:
        raise TypeError(f"Got an unexpected keyword argument '{k}'")
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
    if dtype is None and dtype_hint is not None:
        try:
            return convert_to_tensor(value, dtypes.as_dtype(dtype_hint))
        except (TypeError, ValueError):
            pass
    if isinstance(value, (np.ndarray, np.generic)):
        arr, dt = _numpy_to_array(value, dtype)
    elif isinstance(value, (list, tuple)) and _holds_tensor(value):
        if dtype is None:
            return _pack(value, _first_tensor_dtype(value), False)
        return _pack(value, dtype, True)
    elif isinstance(value, (int, float, complex, str, bytes, list, tuple, range, bytearray, memoryview)):
        arr, dt = _python_to_array(value, dtype)
    elif isinstance(value, TensorShape):
        if not value.is_fully_defined():
            raise ValueError(f"Cannot convert a partially known TensorShape {value} to a Tensor.")
        dims = value.as_list()
        if dtype is None:  # shapes are int32 tensors unless a dimension needs int64
            dtype = dtypes.int32 if all(d <= _INT32_MAX for d in dims) else dtypes.int64
        arr, dt = _python_to_array(dims, dtype)
    elif hasattr(value, "__array__"):
        arr, dt = _numpy_to_array(np.asarray(value), dtype)
    else:
        raise _unsupported(value)
    return wrap_as(arr, dt)


def constant(value, dtype=None, shape=None, name="Const"):
    """tf.constant: like convert_to_tensor, plus an optional shape to reshape or broadcast to.

    Unlike convert_to_tensor, a tensor of another dtype is refused (TF: TypeError), while a
    variable is read and cast.
    """
    if dtype is not None and not isinstance(dtype, DType):
        dtype = dtypes.as_dtype(dtype)
    if isinstance(value, Tensor) and not value._is_symbolic:
        t = value
        if dtype is not None and value.dtype is not dtype:
            raise TypeError(f"Expected tensor {_plain(value)} with dtype {dtype!r}, but got dtype "
                            f"{value.dtype!r}.")
    elif getattr(value, "_is_variable", False):
        t = convert_to_tensor(value)
        if dtype is not None and t.dtype is not dtype:
            t = wrap_as(np.asarray(t._value).astype(dtype.np_dtype), dtype)
    else:
        t = convert_to_tensor(value, dtype)
        if t._value is value:
            t = wrap_as(np.array(value), t._dtype)
    if shape is not None:
        shape = TensorShape(shape)
        if not shape.is_fully_defined():
            raise _unsupported(None)  # TF turns the shape into a tensor and trips over the None
        dims = tuple(shape.as_list())
        v = np.asarray(t._value)
        n = int(np.prod(dims))
        if v.size == n:
            v = v.reshape(dims)
        elif v.size == 1:
            v = np.broadcast_to(v.reshape(()), dims).copy()
        else:
            raise TypeError(f"Eager execution of tf.constant with unsupported shape. Tensor {_plain(t)} "
                            f"(converted from {value}) has {v.size} elements, but got `shape` {shape} "
                            f"with {n} elements).")
        t = wrap_as(v, t._dtype)
    return t


def _plain(t):
    """A tensor as TF's messages show it: the str of its NumPy value."""
    return str(t._numpy())


def install_operators(table, classes):
    """Give tensor-like classes their Python operators (called once by the ops package)."""
    for cls in classes:
        for name, fn in table.items():
            setattr(cls, name, fn)
