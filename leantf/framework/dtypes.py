"""TensorFlow's dtypes as objects over NumPy dtypes.

Every DType is a singleton, so hot paths compare dtypes with ``is``.
bfloat16 comes from ``ml_dtypes`` (the same package TensorFlow uses for its
NumPy bfloat16); it is imported only the first time bfloat16 is touched so
that ``import leantf`` stays fast.
"""
import numpy as np

__all__ = [
    "DType", "as_dtype", "float16", "half", "float32", "float64", "double", "bfloat16",
    "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
    "bool", "string", "complex64", "complex128", "resource", "variant",
]

_builtin_bool = bool


class DType:
    __slots__ = ("_name", "_np", "_kind", "_enum")

    def __init__(self, name, np_type, kind, enum):
        self._name = name
        self._np = np_type      # a NumPy dtype, or None until resolved (bfloat16)
        self._kind = kind       # 'f' float, 'i' signed, 'u' unsigned, 'b' bool, 'c' complex, 'S' string, 'r' other
        self._enum = enum       # TF's DataType enum value (used by file formats)

    # -- identity -------------------------------------------------------
    @property
    def name(self):
        return self._name

    @property
    def as_datatype_enum(self):
        return self._enum

    @property
    def np_dtype(self):
        """The NumPy dtype object holding this type's values."""
        if self._np is None:
            import ml_dtypes  # deferred: only bfloat16 needs it
            self._np = np.dtype(ml_dtypes.bfloat16)
            _BY_NUMPY[self._np] = self
        return self._np

    @property
    def as_numpy_dtype(self):
        if self._kind == "S":
            return object          # TF hands out Python's object, not np.object_
        if self._kind == "r":
            raise KeyError(self._enum)  # TF has no NumPy type for resource/variant
        return self.np_dtype.type

    @property
    def is_numpy_compatible(self):
        return self._kind != "r"

    @property
    def base_dtype(self):
        return self

    @property
    def real_dtype(self):
        return {complex64: float32, complex128: float64}.get(self, self)

    # -- classification -------------------------------------------------
    @property
    def is_floating(self):
        return self._kind == "f"

    @property
    def is_integer(self):
        return self._kind in "iu"

    @property
    def is_unsigned(self):
        return self._kind == "u"

    @property
    def is_bool(self):
        return self._kind == "b"

    @property
    def is_complex(self):
        return self._kind == "c"

    @property
    def is_numeric(self):
        return self._kind in "fiuc"

    @property
    def is_quantized(self):
        return False

    @property
    def size(self):
        if self._kind in "Sr":
            return 0
        return self.np_dtype.itemsize

    def _finfo(self):
        if self is bfloat16:
            import ml_dtypes
            return ml_dtypes.finfo(self.np_dtype)
        return np.finfo(self.np_dtype)

    def _no_extreme(self, which):
        # TF's texts: the "with type" part is missing for the types NumPy knows nothing about.
        if self._kind == "r":
            return TypeError(f"Cannot find {which} value of {self}.")
        return TypeError(f"Cannot find {which} value of {self} with type {self}.")

    @property
    def min(self):
        """The lowest value: a NumPy scalar for floats, a Python int for integers."""
        if self._kind == "f":
            return self._finfo().min
        if self._kind in "iu":
            return int(np.iinfo(self.np_dtype).min)
        raise self._no_extreme("minimum")

    @property
    def max(self):
        if self._kind == "f":
            return self._finfo().max
        if self._kind in "iu":
            return int(np.iinfo(self.np_dtype).max)
        raise self._no_extreme("maximum")

    @property
    def limits(self):
        """TF's (0, max) range with negative lows clipped to 0; floats report (0, 1)."""
        if self._kind == "r":
            raise KeyError(self._enum)
        if self._kind in "iu":
            return 0, int(np.iinfo(self.np_dtype).max)
        if self._kind == "b":
            return 0, True
        if self is float32 or self is float64:
            return 0, 1
        raise ValueError(f"{self} does not have defined limits.")

    def is_compatible_with(self, other):
        return as_dtype(other) is self

    # -- protocols ------------------------------------------------------
    def __repr__(self):
        return f"tf.{self._name}"

    def __str__(self):
        return f"<dtype: '{self._name}'>"

    def __eq__(self, other):
        if other is self:
            return True
        if other is None:
            return False
        try:
            return as_dtype(other) is self
        except TypeError:
            return False

    def __ne__(self, other):
        return not self.__eq__(other)

    def __hash__(self):
        return self._enum

    def __reduce__(self):
        return as_dtype, (self._name,)


float16 = DType("float16", np.dtype(np.float16), "f", 19)
float32 = DType("float32", np.dtype(np.float32), "f", 1)
float64 = DType("float64", np.dtype(np.float64), "f", 2)
bfloat16 = DType("bfloat16", None, "f", 14)
int8 = DType("int8", np.dtype(np.int8), "i", 6)
int16 = DType("int16", np.dtype(np.int16), "i", 5)
int32 = DType("int32", np.dtype(np.int32), "i", 3)
int64 = DType("int64", np.dtype(np.int64), "i", 9)
uint8 = DType("uint8", np.dtype(np.uint8), "u", 4)
uint16 = DType("uint16", np.dtype(np.uint16), "u", 17)
uint32 = DType("uint32", np.dtype(np.uint32), "u", 22)
uint64 = DType("uint64", np.dtype(np.uint64), "u", 23)
bool = DType("bool", np.dtype(np.bool_), "b", 10)  # noqa: A001 - TF's public name
string = DType("string", np.dtype(object), "S", 7)
complex64 = DType("complex64", np.dtype(np.complex64), "c", 8)
complex128 = DType("complex128", np.dtype(np.complex128), "c", 18)
resource = DType("resource", np.dtype(object), "r", 20)
variant = DType("variant", np.dtype(object), "r", 21)
half = float16
double = float64

_ALL = [float16, float32, float64, bfloat16, int8, int16, int32, int64, uint8, uint16,
        uint32, uint64, bool, string, complex64, complex128, resource, variant]
_BY_NAME = {d.name: d for d in _ALL}
_BY_NAME.update({"half": float16, "double": float64, "float": float32})
_BY_ENUM = {d.as_datatype_enum: d for d in _ALL}
_BY_NUMPY = {d._np: d for d in _ALL if d._np is not None and d._kind not in "Sr"}
_BY_NUMPY[np.dtype(object)] = string
# The Python types TF accepts as dtypes (int, str, bytes and complex are refused).
_BY_PYTHON = {float: float32, _builtin_bool: bool, object: string}


def as_dtype(type_value):
    """Converts a DType, NumPy dtype/type, name or enum into a leantf DType."""
    if isinstance(type_value, DType):
        return type_value
    if isinstance(type_value, str):
        d = _BY_NAME.get(type_value)
        if d is not None:
            return d
    elif isinstance(type_value, int) and not isinstance(type_value, _builtin_bool):
        d = _BY_ENUM.get(type_value)
        if d is not None:
            return d
    elif isinstance(type_value, type) and type_value in _BY_PYTHON:
        return _BY_PYTHON[type_value]
    elif isinstance(type_value, np.dtype) or (isinstance(type_value, type) and issubclass(type_value, np.generic)):
        npd = np.dtype(type_value)
        d = _BY_NUMPY.get(npd)
        if d is not None:
            return d
        if npd.kind in "SUO":
            return string
        if npd.name == "bfloat16":
            bfloat16.np_dtype  # resolve and register
            return bfloat16
    raise TypeError(f"Cannot convert the argument `type_value`: {type_value!r} to a TensorFlow DType.")


def from_numpy(np_dtype):
    """The DType of a NumPy dtype object (fast path for array results)."""
    d = _BY_NUMPY.get(np_dtype)
    if d is None:
        d = as_dtype(np_dtype)
    return d
