"""tf.Variable: a mutable, named tensor that tapes watch automatically when trainable.

The value is an array that is replaced, never written in place, on assignment, so a
tensor read earlier keeps the value it had (TF's snapshot semantics).

``tf.Variable(...)`` builds a :class:`ResourceVariable`, as in TF, so that type names
in Python's own messages ("object of type 'ResourceVariable' has no len()") read the
same. ``assign`` returns an :class:`_UnreadVariable`: a second handle on the same
variable, named 'UnreadVariable', that sees later assignments.
"""
import enum
import itertools
import operator

import numpy as np

from . import dtypes
from .errors import InvalidArgumentError, eager_message
from .tape import RECORDING, SOURCE_TYPES, record_variable_read
from .scopes import current_name_scope
from .tracing_state import TRACING
from .tensor import (CPU_DEVICE, EagerTensor, Reference, _numpy_text, convert_to_tensor,
                     register_tensor_conversion_function)
from .tensor_shape import TensorShape

__all__ = ["Variable", "VariableSynchronization", "VariableAggregationV2"]

_uid = itertools.count(1)
_new = object.__new__
_ADD = (operator.add, np.add)
_SUB = (operator.sub, np.subtract)


class VariableSynchronization(enum.Enum):
    AUTO = 0
    NONE = 1
    ON_WRITE = 2
    ON_READ = 3


class VariableAggregationV2(enum.Enum):
    """What TF2 exports as tf.VariableAggregation."""
    NONE = 0
    SUM = 1
    MEAN = 2
    ONLY_FIRST_REPLICA = 3


class VariableAggregation(enum.Enum):
    """TF1's enum, which a variable's ``aggregation`` attribute still reports."""
    NONE = 0
    SUM = 1
    MEAN = 2
    ONLY_FIRST_REPLICA = 3
    ONLY_FIRST_TOWER = 3  # noqa: PIE796 - TF's deprecated alias


class Variable:
    _is_variable = True
    __array_priority__ = 100

    def __new__(cls, *args, **kwargs):
        # tf.Variable(...) makes a ResourceVariable; subclasses (Keras) keep their own class.
        return object.__new__(ResourceVariable if cls is Variable else cls)

    def __init__(self, initial_value=None, trainable=None, validate_shape=True, caching_device=None,
                 name=None, variable_def=None, dtype=None, import_scope=None, constraint=None,
                 synchronization=VariableSynchronization.AUTO, aggregation=VariableAggregation.NONE,
                 shape=None, experimental_enable_variable_lifting=True):
        if initial_value is None:
            raise ValueError("The `initial_value` arg to `tf.Variable` must be specified except when you "
                             "are not providing a `variable_def`. You provided neither.")
        if callable(initial_value):
            initial_value = initial_value()
        if dtype is not None:
            dtype = dtypes.as_dtype(dtype)
        if dtype is not None and isinstance(initial_value, EagerTensor) and initial_value.dtype is not dtype:
            # TF names the argument in front of convert_to_tensor's message.
            raise ValueError(f"initial_value: Tensor conversion requested dtype {dtype.name} for Tensor with "
                             f"dtype {initial_value.dtype.name}: {initial_value!r}")
        value = convert_to_tensor(initial_value, dtype)
        if getattr(value, "_is_symbolic", False):
            raise ValueError("Tensor-typed variable initializers must either be wrapped in an "
                             "init_scope or callable (e.g., `tf.Variable(lambda : "
                             "tf.truncated_normal([10, 40]))`) when building functions.")
        if constraint is not None and not callable(constraint):
            # TF's text, repeated words and double space included.
            raise ValueError(f"Argument `constraint` must be None or a callable. a callable. Got a "
                             f"{type(constraint)}:  {constraint}")
        self._value = value._value
        self._dtype = value._dtype
        value_shape = TensorShape(value._value.shape)
        if shape is None:
            self._shape = value_shape
        else:
            self._shape = TensorShape(shape)
            if not self._shape.is_compatible_with(value_shape):
                raise ValueError(f"In this `tf.Variable` creation, the initial value's shape ({value_shape}) is "
                                 f"not compatible with the explicitly supplied `shape` argument ({shape}).")
        synchronization = VariableSynchronization(synchronization)
        if trainable is None:
            trainable = synchronization is not VariableSynchronization.ON_READ
        self._trainable = bool(trainable)
        self._name = f"{current_name_scope()}{name or 'Variable'}:0"  # tf.name_scope prefixes names
        self._constraint = constraint
        self._synchronization = synchronization
        # Kept as given (either enum), as TF reports it back.
        self._aggregation = aggregation if isinstance(aggregation, enum.Enum) else VariableAggregation(aggregation)
        self._unique_id = next(_uid)
        if TRACING:
            TRACING[-1].variable_created()

    # -- attributes ---------------------------------------------------------
    @property
    def name(self):
        return self._name

    @property
    def dtype(self):
        return self._dtype

    @property
    def shape(self):
        """The declared shape: dims given as None in ``shape=`` stay None."""
        return self._shape

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
        raise RuntimeError("This property is not supported when eager execution is enabled.")

    def get_shape(self):
        return self._shape

    # -- reading --------------------------------------------------------------
    def _read(self):
        """The current value as a tensor; a read that recording tapes see."""
        t = _new(EagerTensor)  # wrap_as, inlined: every op on a variable reads it
        t._value = self._value
        t._dtype = self._dtype
        if RECORDING:
            record_variable_read(self, t)
        if TRACING:
            TRACING[-1].read(self, t)
        return t

    value = _read
    read_value = _read

    def numpy(self):
        if TRACING:
            TRACING[-1].fail("a variable's value was read into Python")
        v = self._value
        return v.copy() if isinstance(v, np.ndarray) and v.ndim else np.asarray(v)[()]

    def __array__(self, dtype=None, copy=None):
        if TRACING:
            TRACING[-1].fail("a variable's value was read into Python")
        v = np.asarray(self._value)
        if dtype is not None and v.dtype != dtype:
            return v.astype(dtype)
        return v.copy() if copy else v

    # -- writing --------------------------------------------------------------
    def _converted(self, value):
        if type(value) is EagerTensor and value._dtype is self._dtype:  # the common case, checked first
            return value._value
        if getattr(value, "_is_variable", False):
            value = value._read()
        t = convert_to_tensor(value, dtype=self._dtype)
        if getattr(t, "_is_symbolic", False):
            raise TypeError("Cannot assign a symbolic tensor to a variable outside a tf.function.")
        return t._value

    def _unread(self):
        """What a reading assignment returns (TF: a fresh handle that reads lazily)."""
        u = _new(_UnreadVariable)
        u._parent = self
        return u

    def assign(self, value, use_locking=None, name=None, read_value=True):
        new = self._converted(value)
        if new.shape != self._value.shape and not self._shape.is_compatible_with(new.shape):
            raise ValueError(f"Cannot assign value to variable ' {self._name}': Shape mismatch."
                             f"The variable shape {self._shape}, and the assigned value shape "
                             f"{TensorShape(new.shape)} are incompatible.")
        self._value = new
        if TRACING:
            TRACING[-1].wrote(self, new)
        return self._unread() if read_value else None

    def _update(self, delta, op_name, numpy_op, read_value):
        old = self._value
        if type(delta) is EagerTensor and delta._dtype is self._dtype:  # _converted's common case
            delta = delta._value
        else:
            delta = self._converted(delta)
        if delta.shape != old.shape:  # no broadcasting in TF's in-place updates
            dims = lambda s: "[" + ",".join(str(d) for d in s) + "]"  # noqa: E731
            raise InvalidArgumentError(None, None, eager_message(
                op_name, f"Cannot update variable with shape {dims(self._value.shape)} using a Tensor with "
                         f"shape {dims(delta.shape)}, shapes must be equal."))
        # Python's operator on floats: NumPy's scalar math when both are scalars (~10x faster
        # than a ufunc call), the ufunc otherwise; integers wrap silently through the ufunc.
        op = numpy_op[0] if old.dtype.kind in "fc" else numpy_op[1]
        self._value = op(old, delta)
        if TRACING:
            TRACING[-1].updated(self, op, delta)
        if read_value:
            u = _new(_UnreadVariable)  # self._unread(), inlined
            u._parent = self
            return u
        return None

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        return self._update(delta, "AssignAddVariableOp", _ADD, read_value)

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        return self._update(delta, "AssignSubVariableOp", _SUB, read_value)

    def _assign_raw(self, array):
        """Trusted in-library update (optimizers): ``array`` already has the right dtype and shape."""
        self._value = array
        if TRACING:
            TRACING[-1].wrote(self, array)

    # -- Python protocols ---------------------------------------------------
    # No __len__, __index__, __format__ or ndim: TF variables have none of them.
    def __hash__(self):
        raise TypeError(f"Variable is unhashable. Instead, use variable.ref() as the key. "
                        f"(Variable: {self!r})")

    def ref(self):
        return Reference(self)

    experimental_ref = ref

    def __repr__(self):
        return (f"<tf.Variable '{self.name}' shape={self._shape} dtype={self._dtype.name}, "
                f"numpy={_numpy_text(np.asarray(self._value), True)}>")

    __str__ = __repr__

    def __bool__(self):
        if TRACING:
            TRACING[-1].fail("a variable's value was read into Python")
        return bool(self._value)

    def __float__(self):
        if TRACING:
            TRACING[-1].fail("a variable's value was read into Python")
        return float(self._value)

    def __int__(self):
        if TRACING:
            TRACING[-1].fail("a variable's value was read into Python")
        return int(self._value)

    def __iter__(self):
        return self._read().__iter__()

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        v = Variable(np.copy(self._value), trainable=self._trainable, name=self._name[:-2],
                     dtype=self._dtype, constraint=self._constraint, shape=self._shape)
        memo[id(self)] = v
        return v


class ResourceVariable(Variable):
    """The class of the variables ``tf.Variable(...)`` makes."""


def _forward(attr):
    def get(self):
        return getattr(self._parent, attr)

    def put(self, value):
        setattr(self._parent, attr, value)
    return property(get, put)


class _UnreadVariable(Variable):
    """The result of a reading ``assign``: reads and writes go to the assigned variable."""
    __slots__ = ("_parent",)  # made by every assign/assign_sub: no instance dict to build
    _value = _forward("_value")
    _dtype = _forward("_dtype")
    _shape = _forward("_shape")
    _trainable = _forward("_trainable")
    _constraint = _forward("_constraint")
    _synchronization = _forward("_synchronization")
    _aggregation = _forward("_aggregation")
    _unique_id = _forward("_unique_id")

    @property
    def _name(self):
        return self._parent._name

    @property
    def name(self):
        return "UnreadVariable"

    @property
    def trainable(self):
        return True  # as TF reports for its unread handles

    def _read(self):
        return self._parent._read()

    value = _read
    read_value = _read


def _variable_to_tensor(var, dtype=None, name=None, as_ref=False):
    if dtype is not None and dtype is not var._dtype:
        raise ValueError(f"Incompatible type conversion requested to type {dtype.name} for `tf.Variable of "
                         f"type {var._dtype.name}. (Variable: {var!r})")
    return var._read()


register_tensor_conversion_function(Variable, _variable_to_tensor)

# Exact types the op fast paths read as variables (subclasses register themselves).
VARIABLE_TYPES = {Variable, ResourceVariable, _UnreadVariable}
SOURCE_TYPES.update(VARIABLE_TYPES)
