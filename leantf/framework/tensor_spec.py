"""tf.TensorSpec: the shape (dims may be None) and dtype a tensor is expected to have.

tf.data describes every element with a structure of these (`Dataset.element_spec`), and
`from_generator(output_signature=...)` receives them from the user.
"""
from . import dtypes
from .tensor import Tensor, convert_to_tensor
from .tensor_shape import TensorShape

__all__ = ["TensorSpec"]


class TensorSpec:
    __slots__ = ("_shape", "_dtype", "_name")

    def __init__(self, shape, dtype=dtypes.float32, name=None):
        self._shape = shape if isinstance(shape, TensorShape) else TensorShape(shape)
        self._dtype = dtypes.as_dtype(dtype)
        self._name = name

    @classmethod
    def from_tensor(cls, tensor, name=None):
        if not (isinstance(tensor, Tensor) or getattr(tensor, "_is_variable", False)):
            tensor = convert_to_tensor(tensor)
        return cls(tensor.shape, tensor.dtype, name)

    @classmethod
    def from_spec(cls, spec, name=None):
        return cls(spec.shape, spec.dtype, spec.name if name is None else name)

    @property
    def shape(self):
        return self._shape

    @property
    def dtype(self):
        return self._dtype

    @property
    def name(self):
        return self._name

    @property
    def value_type(self):
        return Tensor

    def is_compatible_with(self, spec_or_tensor):
        other = spec_or_tensor
        if not isinstance(other, TensorSpec):
            if not (isinstance(other, Tensor) or getattr(other, "_is_variable", False)):
                other = convert_to_tensor(other)
        return self._dtype == other.dtype and self._shape.is_compatible_with(other.shape)

    def most_specific_common_supertype(self, others):
        """The spec every one of ``others`` and this one fits: differing dims become None."""
        shape = self._shape
        for other in others:
            if not isinstance(other, TensorSpec) or other.dtype != self._dtype:
                return None
            shape = common_shape(shape, other.shape)
        return TensorSpec(shape, self._dtype, self._name)

    def most_specific_compatible_type(self, other):
        if not isinstance(other, TensorSpec) or other.dtype != self._dtype:
            raise ValueError(f"No TypeSpec is compatible with both {self} and {other}")
        return TensorSpec(common_shape(self._shape, other.shape), self._dtype, self._name)

    def __eq__(self, other):
        return (type(other) is type(self) and self._dtype == other._dtype and self._name == other._name
                and _dims(self._shape) == _dims(other._shape))

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash((_dims(self._shape), self._dtype.name, self._name))

    def __repr__(self):
        return f"TensorSpec(shape={self._shape}, dtype={self._dtype!r}, name={self._name!r})"

    __str__ = __repr__


def _dims(shape):
    return None if shape.rank is None else tuple(shape.as_list())


def common_shape(a, b):
    """The most specific shape both ``a`` and ``b`` are instances of."""
    da, db = _dims(a), _dims(b)
    if da is None or db is None or len(da) != len(db):
        return TensorShape(None)
    return TensorShape([x if x == y else None for x, y in zip(da, db)])

