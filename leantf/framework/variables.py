"""tf.Variable: a mutable, named tensor that tapes watch automatically when trainable.

The value is an array that is replaced, never written in place, on assignment, so a
tensor read earlier keeps the value it had (TF's snapshot semantics).
"""
import enum
import itertools

import numpy as np

from . import dtypes
from .tape import RECORDING, record_variable_read
from .tensor import (CPU_DEVICE, EagerTensor, Reference, _numpy_text, convert_to_tensor,
                     register_tensor_conversion_function, wrap_as)
from .tensor_shape import TensorShape

__all__ = ["Variable", "VariableSynchronization", "VariableAggregation"]

_uid = itertools.count(1)


class VariableSynchronization(enum.Enum):
    AUTO = 0
    NONE = 1
    ON_WRITE = 2
    ON_READ = 3


class VariableAggregation(enum.Enum):
    NONE = 0
    SUM = 1
    MEAN = 2
    ONLY_FIRST_REPLICA = 3


class Variable:
    _is_variable = True
    __array_priority__ = 100

    def __init__(self, initial_value=None, trainable=None, validate_shape=True, caching_device=None,
                 name=None, variable_def=None, dtype=None, import_scope=None, constraint=None,
                 synchronization=VariableSynchronization.AUTO, aggregation=VariableAggregation.NONE,
                 shape=None, experimental_enable_variable_lifting=True):
        if initial_value is None:
            raise ValueError("The `initial_value` arg (None) must be specified.")
        if callable(initial_value):
            initial_value = initial_value()
        if dtype is not None:
            dtype = dtypes.as_dtype(dtype)
        if isinstance(initial_value, EagerTensor) and dtype is not None and initial_value.dtype is not dtype:
            value = convert_to_tensor(np.asarray(initial_value._value), dtype)
        else:
            value = convert_to_tensor(initial_value, dtype)
        if getattr(value, "_is_symbolic", False):
            raise ValueError("Tensor-typed variable initializers must either be wrapped in an "
                             "init_scope or callable (e.g., `tf.Variable(lambda : "
                             "tf.truncated_normal([10, 40]))`) when building functions.")
        if constraint is not None and not callable(constraint):
            raise ValueError(f"Argument `constraint` must be None or a callable. Received: {constraint}")
        self._value = value._value
        self._dtype = value._dtype
        self._shape = TensorShape(value._value.shape) if shape is None else TensorShape(shape)
        if not self._shape.is_compatible_with(value._value.shape):
            raise ValueError(f"The initial value's shape ({TensorShape(value._value.shape)}) is not "
                             f"compatible with the explicitly supplied `shape` argument ({self._shape}).")
        synchronization = VariableSynchronization(synchronization)
        if trainable is None:
            trainable = synchronization is not VariableSynchronization.ON_READ
        self._trainable = bool(trainable)
        self._name = f"{name or 'Variable'}:0"
        self._constraint = constraint
        self._synchronization = synchronization
        self._aggregation = VariableAggregation(aggregation)
        self._unique_id = next(_uid)

    # -- attributes ---------------------------------------------------------
    @property
    def name(self):
        return self._name

    @property
    def dtype(self):
        return self._dtype

    @property
    def shape(self):
        return self._shape

    @property
    def ndim(self):
        return self._value.ndim

    @property
    def trainable(self):
        return self._trainable

    @property
    def constraint(self):
        return self._constraint

    @property
    def synchronization(self):
        return self._synchronization

    @property
    def aggregation(self):
        return self._aggregation

    @property
    def device(self):
        return CPU_DEVICE

    @property
    def initial_value(self):
        return self._read()

    def get_shape(self):
        return self._shape

    # -- reading --------------------------------------------------------------
    def _read(self):
        """The current value as a tensor; a read that recording tapes see."""
        t = wrap_as(self._value, self._dtype)
        if RECORDING:
            record_variable_read(self, t)
        return t

    value = _read
    read_value = _read

    def numpy(self):
        v = self._value
        return v.copy() if isinstance(v, np.ndarray) and v.ndim else np.asarray(v)[()]

    def __array__(self, dtype=None, copy=None):
        v = np.asarray(self._value)
        if dtype is not None and v.dtype != dtype:
            return v.astype(dtype)
        return v.copy() if copy else v

    # -- writing --------------------------------------------------------------
    def _checked(self, value):
        if getattr(value, "_is_variable", False):
            value = value._read()
        t = convert_to_tensor(value, dtype=self._dtype)
        if getattr(t, "_is_symbolic", False):
            raise TypeError("Cannot assign a symbolic tensor to a variable outside a tf.function.")
        shape = t._value.shape
        if shape != self._value.shape and not self._shape.is_compatible_with(shape):
            raise ValueError(f"Cannot assign value to variable ' {self._name}': Shape mismatch."
                             f"The variable shape {self._shape}, and the assigned value shape "
                             f"{TensorShape(shape)} are incompatible.")
        return t._value

    def assign(self, value, use_locking=None, name=None, read_value=True):
        self._value = self._checked(value)
        return self if read_value else None

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        self._value = self._value + self._checked(delta)
        return self if read_value else None

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        self._value = self._value - self._checked(delta)
        return self if read_value else None

    def _assign_raw(self, array):
        """Trusted in-library update (optimizers): ``array`` already has the right dtype and shape."""
        self._value = array

    # -- Python protocols ---------------------------------------------------
    def __hash__(self):
        raise TypeError(f"Variable is unhashable. Instead, use variable.ref() as the key. "
                        f"(Variable: {self!r})")

    def ref(self):
        return Reference(self)

    experimental_ref = ref

    def __repr__(self):
        return (f"<tf.Variable '{self._name}' shape={TensorShape(self._value.shape)} dtype={self._dtype.name}, "
                f"numpy={_numpy_text(np.asarray(self._value), True)}>")

    __str__ = __repr__

    def __bool__(self):
        return bool(self._value)

    def __float__(self):
        return float(self._value)

    def __int__(self):
        return int(self._value)

    def __index__(self):
        return self._read().__index__()

    def __len__(self):
        return self._read().__len__()

    def __iter__(self):
        return self._read().__iter__()

    def __format__(self, spec):
        return self._read().__format__(spec)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        v = Variable(np.copy(self._value), trainable=self._trainable, name=self._name[:-2],
                     dtype=self._dtype, constraint=self._constraint, shape=self._shape)
        memo[id(self)] = v
        return v


def _variable_to_tensor(var, dtype=None, name=None, as_ref=False):
    if dtype is not None and dtype is not var._dtype:
        raise ValueError(f"Incompatible type conversion requested to type '{dtype.name}' for variable "
                         f"of type '{var._dtype.name}' (Variable: {var!r})")
    return var._read()


register_tensor_conversion_function(Variable, _variable_to_tensor)

# Exact types the op fast paths read as variables (subclasses register themselves).
VARIABLE_TYPES = {Variable}
