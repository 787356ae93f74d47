"""tf.SparseTensor: a dense shape plus the coordinates and values of its non-default entries.

Kept minimal (what tf.io's VarLenFeature parsing and tf.sparse.to_dense/from_dense
need): three eager tensors, TF's checks on their ranks, TF's repr.
"""
import numpy as np

from . import dtypes
from .tensor import convert_to_tensor
from .tensor_shape import TensorShape

__all__ = ["SparseTensor"]


def _rank_checked(tensor, rank):
    if tensor.shape.rank != rank:
        raise ValueError(f"Shape {tensor.shape} must have rank {rank}")
    return tensor


class SparseTensor:
    """``indices`` (int64 [N, rank]), ``values`` ([N]) and ``dense_shape`` (int64 [rank])."""

    __slots__ = ("_indices", "_values", "_dense_shape")

    def __init__(self, indices, values, dense_shape):
        self._indices = _rank_checked(convert_to_tensor(indices, dtype=dtypes.int64), 2)
        self._values = _rank_checked(convert_to_tensor(values), 1)
        self._dense_shape = _rank_checked(convert_to_tensor(dense_shape, dtype=dtypes.int64), 1)
        n_indices, n_values = self._indices.shape[0], self._values.shape[0]
        if n_indices != n_values:
            raise ValueError(f"Dimensions {n_indices} and {n_values} are not compatible")
        rank, shape_len = self._indices.shape[1], self._dense_shape.shape[0]
        if rank != shape_len:
            raise ValueError(f"Dimensions {rank} and {shape_len} are not compatible")

    @property
    def indices(self):
        return self._indices

    @property
    def values(self):
        return self._values

    @property
    def dense_shape(self):
        return self._dense_shape

    @property
    def dtype(self):
        return self._values.dtype

    @property
    def shape(self):
        return TensorShape([int(d) for d in np.asarray(self._dense_shape._value)])

    def get_shape(self):
        return self.shape

    def with_values(self, new_values):
        """The same sparsity pattern holding ``new_values``."""
        return SparseTensor(self._indices, new_values, self._dense_shape)

    def __repr__(self):
        # str(), not format(): a tensor's __format__ gives bare NumPy text.
        return (f"SparseTensor(indices={str(self._indices)}, values={str(self._values)}, "
                f"dense_shape={str(self._dense_shape)})")

    __str__ = __repr__
