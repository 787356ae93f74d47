"""keras.Variable: a tf.Variable that also knows its Keras name and path.

Keras 3 names a layer's weight by its own name (``kernel``) and locates it by a path
(``sequential/dense/kernel``); the path is fixed when the variable is created inside a
layer (or optimizer) and is what `.keras` files and `summary()` use.
"""
import numpy as np

from ..framework import dtypes
from ..framework.tensor import _numpy_text, register_tensor_conversion_function
from ..framework.variables import VARIABLE_TYPES, Variable as _TFVariable, _variable_to_tensor

__all__ = ["Variable"]


class Variable(_TFVariable):
    def __init__(self, initializer, shape=None, dtype=None, trainable=True, autocast=True,
                 aggregation="none", synchronization="auto", name=None, path=None, constraint=None):
        if name is None:
            from . import naming
            name = naming.uniquify("variable")  # variable, variable_1, ... per session, as Keras
        if "/" in name:
            raise ValueError(f"Argument `name` must be a string and cannot contain character `/`. "
                             f"Received: name={name}")
        if callable(initializer) and not hasattr(initializer, "shape"):
            if shape is None:
                raise ValueError("When creating a Variable from an initializer, the `shape` argument "
                                 f"should be specified. Received: initializer={initializer} and shape={shape}")
            value = initializer(tuple(shape), dtype=dtype or "float32")
        else:
            value = initializer
        dtype = dtypes.as_dtype(dtype) if dtype is not None else None
        if dtype is None and not hasattr(value, "dtype"):
            # Python values: floats take Keras's floatx, ints int32, as Keras standardizes them.
            kind = np.asarray(value).dtype.kind
            dtype = dtypes.int32 if kind in "iu" else dtypes.bool if kind == "b" else dtypes.float32
        super().__init__(np.asarray(value, dtype=dtype.np_dtype if dtype else None), trainable=trainable,
                         name=name, dtype=dtype, constraint=constraint)
        self._keras_name = name
        self._path = path or name
        self.regularizer = None
        self.overwrite_with_gradient = False

    @property
    def name(self):
        return self._keras_name

    @property
    def path(self):
        return self._path

    @property
    def value(self):  # a property in Keras 3, a method on tf.Variable
        return self._read()

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):  # settable in Keras 3 (layer freezing flips it)
        self._trainable = bool(value)

    def __repr__(self):
        value = np.asarray(self._value)
        # A scalar prints as the Python number (float32 0.001 -> 0.0010000000474974513), as Keras.
        text = str(value.item()) if value.ndim == 0 else _numpy_text(value, False).lstrip("\n")
        return f"<Variable path={self._path}, shape={tuple(self._value.shape)}, dtype={self._dtype.name}, " \
               f"value={text}>"

    __str__ = __repr__


register_tensor_conversion_function(Variable, _variable_to_tensor)
VARIABLE_TYPES.add(Variable)


def _keras_true_divide(x, y):
    """Keras's true_divide: integer operands are promoted to float32 (floatx), not float64 as in TF."""
    from ..framework.tensor import convert_to_tensor
    from ..ops.basic_ops import cast
    from ..ops.math_ops import truediv
    x, y = convert_to_tensor(x), convert_to_tensor(y)
    if not x.dtype.is_floating:
        x = cast(x, dtypes.float32)
    if not y.dtype.is_floating:
        y = cast(y, x.dtype)
    return truediv(x, y)


Variable.__truediv__ = lambda self, other: _keras_true_divide(self, other)
Variable.__rtruediv__ = lambda self, other: _keras_true_divide(other, self)
