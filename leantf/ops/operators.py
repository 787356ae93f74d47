"""Python operators of tensors and variables, mapped to TF's ops (installed once at import).

TF's operator rules, which differ from the tf.* functions in small ways:

- ``x + y``, ``x - y``, ...: the function's conversion rules; when converting ``y``
  fails with TypeError/ValueError and ``y``'s type has the reflected operator, TF
  gives ``y`` a chance (``y.__radd__(x)``) and re-raises the first error if that fails.
- Reflected operators (``2.0 * t``) first convert the other operand to the tensor's
  dtype, so ``2.5 + int_tensor`` is a TypeError.
- ``*`` on bool tensors multiplies them as int32 and casts back.
- ``==``/``!=`` compare elementwise, but ``t == None`` is False and shapes that do not
  broadcast give a scalar False (True for ``!=``). Variables skip the None shortcut.

Each operator calls ``binary_inputs`` and the primitive itself (no extra layer on the
eager path); the fallbacks live in ``except`` blocks, which cost nothing until taken.
"""
import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError
from ..framework.tensor import EagerTensor, Tensor, convert_to_tensor, install_operators, wrap_as
from ..framework.variables import Variable
from . import math_ops as m
from .basic_ops import cast
from .core import binary_inputs, is_tensor_like, number_like
from .indexing import getitem
from .linalg_ops import matmul
from .shape_rules import broadcast_shapes


def _other_side(error, x, y, rname):
    """TF's second chance: let ``y`` handle the operator; else re-raise the first error."""
    r = getattr(type(y), rname, None)
    if r is None:
        raise error
    try:
        out = r(y, x)
    except (TypeError, ValueError):
        raise error from None
    if out is NotImplemented:
        raise error
    return out


_PY_NUMBERS = (float, int)


def _binary(prim, op_name, rname):
    def op(x, y):
        if type(y) is EagerTensor and type(x) is EagerTensor and x._dtype is y._dtype:
            return prim(x, y)  # two tensors of one dtype: nothing to convert or check
        try:
            x, y = binary_inputs(x, y, op_name)
        except (TypeError, ValueError) as e:
            return _other_side(e, x, y, rname)
        return prim(x, y)
    return op


def _reflected(fn, prim=None):
    def rop(self, other):
        # TF converts the other operand to the tensor's dtype first. A Python number meeting
        # a float tensor converts the same way in binary_inputs' fast path, so it skips this.
        if type(other) not in _PY_NUMBERS or self._dtype._kind != "f":
            other = convert_to_tensor(other, dtype=self._dtype)
        elif prim is not None and type(self) is EagerTensor:
            # `0.5 * t`: the number becomes a scalar of t's dtype and meets t in the primitive.
            return prim(number_like(other, self), self)
        return fn(other, self)
    return rop


def _add(x, y):
    if type(y) is EagerTensor and type(x) is EagerTensor and x._dtype is y._dtype:
        a, b = x, y  # two tensors of one dtype: nothing to convert or check
    else:
        try:
            a, b = binary_inputs(x, y, "AddV2")
        except (TypeError, ValueError) as e:
            return _other_side(e, x, y, "__radd__")
    try:
        return m._add(a, b)
    except InvalidArgumentError:
        if a.dtype is dtypes.string:  # TF adds strings with its Add op
            return m._string_add(a, b)
        raise


def _mul(x, y):
    try:
        if type(y) is EagerTensor and type(x) is EagerTensor and x._dtype is y._dtype:
            return m._mul(x, y)  # two tensors of one dtype: nothing to convert or check
        a, b = binary_inputs(x, y, "Mul")
        return m._mul(a, b)
    except (TypeError, ValueError, InvalidArgumentError) as e:
        if _is_bool_tensor(x) or _is_bool_tensor(y):
            return _bool_mul(x, y)
        if isinstance(e, InvalidArgumentError):
            raise
        return _other_side(e, x, y, "__rmul__")


def _is_bool_tensor(v):
    return is_tensor_like(v) and v.dtype is dtypes.bool


def _bool_mul(x, y):
    # TF multiplies booleans as int32 and casts the product back.
    return cast(m.multiply(cast(x, dtypes.int32), cast(y, dtypes.int32)), dtypes.bool)


def _truediv(x, y):
    try:
        a, b = binary_inputs(x, y, "truediv")
    except (TypeError, ValueError) as e:
        return _other_side(e, x, y, "__rtruediv__")
    return m._truediv_converted(a, b)


def _matmul(x, y):
    try:
        return matmul(x, y)
    except (TypeError, ValueError) as e:
        return _other_side(e, x, y, "__rmatmul__")


def _logical_or_bitwise(logical, bitwise, op_name, rname):
    def op(x, y):
        x_is_bool = x.dtype is dtypes.bool
        try:
            a, b = binary_inputs(x, y, op_name if x_is_bool else "Bitwise" + op_name[7:])
        except (TypeError, ValueError) as e:
            return _other_side(e, x, y, rname)
        return logical(a, b) if x_is_bool else bitwise(a, b)
    return op


def _invert(x):
    return m.logical_not(x) if x.dtype is dtypes.bool else m.invert(x)


def _compare(prim, op_name, if_incompatible, none_shortcut):
    """TF2 ==/!=: elementwise, but shapes that do not broadcast give a scalar answer."""
    def op(self, other):
        if other is None and none_shortcut:
            return if_incompatible
        x, y = binary_inputs(self, other, op_name)
        try:
            same = x._value.shape == y._value.shape  # eager tensors of one shape: nothing to check
        except AttributeError:
            same = False
        if not same:
            try:
                broadcast_shapes(x.shape, y.shape)
            except Exception:
                return wrap_as(np.bool_(if_incompatible), dtypes.bool)
        return prim(x, y)
    return op


def _xor_logical(x, y):
    return m.logical_xor(x, y)


_and = _logical_or_bitwise(m._logical_and, m._bitwise_and, "LogicalAnd", "__rand__")
_or = _logical_or_bitwise(m._logical_or, m._bitwise_or, "LogicalOr", "__ror__")
_xor = _logical_or_bitwise(_xor_logical, m._bitwise_xor, "LogicalXor", "__rxor__")

OPERATORS = {
    "__add__": _add, "__radd__": _reflected(m.add, m._add),
    "__sub__": _binary(m._sub, "Sub", "__rsub__"), "__rsub__": _reflected(m.subtract, m._sub),
    "__mul__": _mul, "__rmul__": _reflected(_mul, m._mul),
    "__truediv__": _truediv, "__rtruediv__": _reflected(m.truediv),
    "__floordiv__": _binary(m._floordiv, "FloorDiv", "__rfloordiv__"), "__rfloordiv__": _reflected(m.floordiv),
    "__mod__": _binary(m._floormod, "FloorMod", "__rmod__"), "__rmod__": _reflected(m.floormod),
    "__pow__": _binary(m._pow, "Pow", "__rpow__"), "__rpow__": _reflected(m.pow),
    "__matmul__": _matmul, "__rmatmul__": _reflected(matmul),
    "__neg__": m.negative, "__abs__": m.abs, "__invert__": _invert,
    "__and__": _and, "__rand__": _reflected(_and),
    "__or__": _or, "__ror__": _reflected(_or),
    "__xor__": _xor, "__rxor__": _reflected(_xor),
    "__lt__": m.less, "__le__": m.less_equal, "__gt__": m.greater, "__ge__": m.greater_equal,
    "__eq__": _compare(m._equal, "Equal", False, True), "__ne__": _compare(m._not_equal, "NotEqual", True, True),
    "__getitem__": getitem,
}

install_operators(OPERATORS, (Tensor, Variable))
# A variable compares elementwise even with None (TF converts None and fails).
install_operators({"__eq__": _compare(m._equal, "Equal", False, False),
                   "__ne__": _compare(m._not_equal, "NotEqual", True, False)}, (Variable,))
