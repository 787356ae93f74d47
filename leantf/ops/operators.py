"""Python operators of tensors and variables, mapped to TF's ops (installed once at import)."""
import numpy as np

from ..framework import dtypes
from ..framework.tensor import Tensor, install_operators, wrap_as
from ..framework.variables import Variable
from . import math_ops as m
from .core import binary_inputs
from .indexing import getitem
from .linalg_ops import matmul
from .shape_rules import broadcast_shapes


def _reflected(fn):
    return lambda self, other: fn(other, self)


def _logical_or_bitwise(logical, bitwise):
    def op(x, y):
        x, y = binary_inputs(x, y, "LogicalAnd")
        return logical(x, y) if x.dtype is dtypes.bool else bitwise(x, y)
    return op


def _invert(x):
    return m.logical_not(x) if x.dtype is dtypes.bool else m.invert(x)


def _eq_op(prim_fn, if_incompatible):
    """TF2 ==/!=: elementwise, but None and shape mismatches give a plain Python/scalar answer."""
    def op(self, other):
        if other is None:
            return if_incompatible
        x, y = binary_inputs(self, other, "Equal" if if_incompatible is False else "NotEqual")
        try:
            broadcast_shapes(x.shape, y.shape)
        except Exception:
            return wrap_as(np.bool_(if_incompatible), dtypes.bool)
        return prim_fn(x, y)
    return op


_and = _logical_or_bitwise(m._logical_and, m._bitwise_and)
_or = _logical_or_bitwise(m._logical_or, m._bitwise_or)
_xor = _logical_or_bitwise(lambda x, y: m.logical_xor(x, y), m._bitwise_xor)

OPERATORS = {
    "__add__": m.add, "__radd__": _reflected(m.add),
    "__sub__": m.subtract, "__rsub__": _reflected(m.subtract),
    "__mul__": m.multiply, "__rmul__": _reflected(m.multiply),
    "__truediv__": m.truediv, "__rtruediv__": _reflected(m.truediv),
    "__floordiv__": m.floordiv, "__rfloordiv__": _reflected(m.floordiv),
    "__mod__": m.floormod, "__rmod__": _reflected(m.floormod),
    "__pow__": m.pow, "__rpow__": _reflected(m.pow),
    "__matmul__": matmul, "__rmatmul__": _reflected(matmul),
    "__neg__": m.negative, "__abs__": m.abs, "__invert__": _invert,
    "__and__": _and, "__rand__": _reflected(_and),
    "__or__": _or, "__ror__": _reflected(_or),
    "__xor__": _xor, "__rxor__": _reflected(_xor),
    "__lt__": m.less, "__le__": m.less_equal, "__gt__": m.greater, "__ge__": m.greater_equal,
    "__eq__": _eq_op(m._equal, False), "__ne__": _eq_op(m._not_equal, True),
    "__getitem__": getitem,
}

install_operators(OPERATORS, (Tensor, Variable))
