"""Tensor.__getitem__ (StridedSlice). Temporary NumPy-backed version without a gradient;
the full strided-slice primitive with its gradient replaces it."""
import numpy as np

from ..framework.tensor import wrap
from .core import as_tensor


def getitem(tensor, key):
    x = as_tensor(tensor)
    return wrap(np.asarray(x._value)[key])
