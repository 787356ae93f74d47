"""Linear algebra: matmul (batched, broadcasting, transpose/adjoint flags) and tf.linalg."""
import numpy as np

from ..framework import dtypes
from ..framework.primitive import ShapeError, primitive
from ..framework.tensor_shape import TensorShape
from .basic_ops import sum_to
from .core import binary_inputs
from .shape_rules import broadcast_shapes, dims_text

__all__ = ["matmul"]

_MATMUL_TYPES = (dtypes.bfloat16, dtypes.float16, dtypes.float32, dtypes.float64, dtypes.int32,
                 dtypes.int64, dtypes.complex64, dtypes.complex128)


def _matmul_kernel(a, b, transpose_a, transpose_b):
    if transpose_a:
        a = np.swapaxes(a, -1, -2)
    if transpose_b:
        b = np.swapaxes(b, -1, -2)
    return np.matmul(a, b)


@primitive("MatMul", allowed=_MATMUL_TYPES, signature="a:T, b:T -> product:T", kernel_label="__MklMatMul")
def _matmul(a, b, transpose_a=False, transpose_b=False):
    return _matmul_kernel(a, b, transpose_a, transpose_b)


@_matmul.spec
def _(a, b, transpose_a=False, transpose_b=False):
    sa, sb = a.shape, b.shape
    if sa.rank is None or sb.rank is None:
        return TensorShape(None), a.dtype
    if sa.rank < 2:
        raise ShapeError(f"In[0] ndims must be >= 2", f"Shape must be at least rank 2 but is rank {sa.rank}")
    if sb.rank < 2:
        raise ShapeError(f"In[1] ndims must be >= 2", f"Shape must be at least rank 2 but is rank {sb.rank}")
    m, k = (sa[-1], sa[-2]) if transpose_a else (sa[-2], sa[-1])
    k2, n = (sb[-1], sb[-2]) if transpose_b else (sb[-2], sb[-1])
    if k is not None and k2 is not None and k != k2:
        if sa.rank == 2 and sb.rank == 2:
            raise ShapeError(f"Matrix size-incompatible: In[0]: {dims_text(sa)}, In[1]: {dims_text(sb)}",
                             f"Dimensions must be equal, but are {k} and {k2}")
        raise ShapeError(f"In[0] mismatch In[1] shape: {k} vs. {k2}: {dims_text(sa)} {dims_text(sb)} "
                         f"{int(transpose_a)} {int(transpose_b)}",
                         f"Dimensions must be equal, but are {k} and {k2}")
    batch = broadcast_shapes(sa[:-2], sb[:-2])
    return batch.concatenate([m, n]), a.dtype


@_matmul.vjp
def _(g, y, a, b, transpose_a=False, transpose_b=False):
    if not transpose_a and not transpose_b:
        ga, gb = _matmul(g, b, transpose_b=True), _matmul(a, g, transpose_a=True)
    elif not transpose_a:
        ga, gb = _matmul(g, b), _matmul(g, a, transpose_a=True)
    elif not transpose_b:
        ga, gb = _matmul(b, g, transpose_b=True), _matmul(a, g)
    else:
        ga, gb = (_matmul(b, g, transpose_a=True, transpose_b=True),
                  _matmul(g, a, transpose_a=True, transpose_b=True))
    return sum_to(ga, a), sum_to(gb, b)


def matmul(a, b, transpose_a=False, transpose_b=False, adjoint_a=False, adjoint_b=False,
           a_is_sparse=False, b_is_sparse=False, output_type=None, grad_a=False, grad_b=False, name=None):
    a, b = binary_inputs(a, b, "MatMul")
    if adjoint_a or adjoint_b:
        from .math_ops import _conj_if_complex
        if adjoint_a:
            a, transpose_a = _conj_if_complex(a), True
        if adjoint_b:
            b, transpose_b = _conj_if_complex(b), True
    return _matmul(a, b, transpose_a=bool(transpose_a), transpose_b=bool(transpose_b))
