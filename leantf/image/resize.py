"""tf.image.resize: bilinear and nearest-neighbour with TF2's half-pixel centres.

Output pixel i samples the input at ``(i + 0.5) * in/out - 0.5`` (bilinear) or
``floor((i + 0.5) * in/out)`` (nearest), computed in float32 as TF's kernels do so the
sample positions, and therefore the values, match TF's bit for bit in the common case.

Bilinear is a primitive (``ResizeBilinear``) with an explicit adjoint
(``ResizeBilinearGrad``); since both are linear in the image, each one's gradient is the
other, which makes second derivatives work too. Nearest is composed of two gathers and
gets its gradient from GatherV2.
"""
import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError, eager_message
from ..framework.primitive import primitive, ShapeError, REAL_NUMERIC
from ..framework.tensor import convert_to_tensor
from ..ops import array_ops, basic_ops
from ..ops.indexing import gather
from .. import math as _math

__all__ = ["resize", "ResizeMethod"]


class ResizeMethod:
    """The names tf.image.resize accepts for ``method``."""
    BILINEAR = "bilinear"
    NEAREST_NEIGHBOR = "nearest"
    BICUBIC = "bicubic"
    AREA = "area"
    LANCZOS3 = "lanczos3"
    LANCZOS5 = "lanczos5"
    GAUSSIAN = "gaussian"
    MITCHELLCUBIC = "mitchellcubic"


_UNSUPPORTED = {ResizeMethod.BICUBIC, ResizeMethod.AREA, ResizeMethod.LANCZOS3, ResizeMethod.LANCZOS5,
                ResizeMethod.GAUSSIAN, ResizeMethod.MITCHELLCUBIC}


def _sample_positions(in_size, out_size):
    """Per output index: (lower input index, upper input index, weight of the upper one)."""
    scale = np.float32(in_size) / np.float32(out_size)
    pos = (np.arange(out_size, dtype=np.float32) + np.float32(0.5)) * scale - np.float32(0.5)
    floor = np.floor(pos)
    lower = np.maximum(floor, 0).astype(np.intp)
    upper = np.minimum(np.ceil(pos), in_size - 1).astype(np.intp)
    return lower, upper, pos - floor


def _weights_matrix(in_size, out_size, dtype):
    """The (out, in) matrix of the 1-D interpolation: the transpose spreads gradients back."""
    lower, upper, lerp = _sample_positions(in_size, out_size)
    w = np.zeros((out_size, in_size), dtype)
    rows = np.arange(out_size)
    np.add.at(w, (rows, lower), 1 - lerp.astype(dtype))
    np.add.at(w, (rows, upper), lerp.astype(dtype))
    return w


def _compute_dtype(dtype):
    # TF interpolates in float32; float64 stays float64 here so gradient checks in float64
    # stay exact (tf.image.resize casts the result to float32 as TF's op does).
    return np.float64 if dtype == np.float64 else np.float32


def _resize_bilinear(images, size):
    out_h, out_w = size
    if out_h <= 0 or out_w <= 0:
        raise InvalidArgumentError(None, None, eager_message("ResizeBilinear", "output dimensions must be positive"))
    x = images.astype(_compute_dtype(images.dtype), copy=False)
    y_lo, y_hi, y_lerp = _sample_positions(x.shape[1], out_h)
    x_lo, x_hi, x_lerp = _sample_positions(x.shape[2], out_w)
    y_lerp = y_lerp.astype(x.dtype)[None, :, None, None]
    x_lerp = x_lerp.astype(x.dtype)[None, None, :, None]
    top, bottom = x[:, y_lo], x[:, y_hi]
    # TF's order of operations: lerp along x on both rows, then along y.
    top = top[:, :, x_lo] + (top[:, :, x_hi] - top[:, :, x_lo]) * x_lerp
    bottom = bottom[:, :, x_lo] + (bottom[:, :, x_hi] - bottom[:, :, x_lo]) * x_lerp
    return top + (bottom - top) * y_lerp


@primitive("ResizeBilinear", allowed=REAL_NUMERIC, signature="images:T, size:int32 -> resized_images:float")
def _resize_bilinear_prim(images, size):
    return _resize_bilinear(images, size)


@_resize_bilinear_prim.spec
def _(images, size):
    shape = images.shape.as_list()
    dt = dtypes.float64 if images.dtype is dtypes.float64 else dtypes.float32
    return [shape[0], size[0], size[1], shape[3]], dt


@_resize_bilinear_prim.vjp
def _(g, y, images, size):
    if not images.dtype.is_floating:
        return (None,)
    grad = _resize_bilinear_grad_prim(g, in_size=tuple(images.shape.as_list()[1:3]))
    return (basic_ops.cast(grad, images.dtype),)


@primitive("ResizeBilinearGrad", signature="grads:float, original_image:T -> output:T")
def _resize_bilinear_grad_prim(g, in_size):
    dtype = g.dtype
    wy = _weights_matrix(in_size[0], g.shape[1], dtype)
    wx = _weights_matrix(in_size[1], g.shape[2], dtype)
    # (IH, OH) x (N, OH, OW, C) over OH, then (IW, OW) over OW: two GEMMs, no scatter loop.
    step = np.moveaxis(np.tensordot(wy.T, g, axes=([1], [1])), 0, 1)
    return np.moveaxis(np.tensordot(wx.T, step, axes=([1], [2])), 0, 2)


@_resize_bilinear_grad_prim.spec
def _(g, in_size):
    shape = g.shape.as_list()
    return [shape[0], in_size[0], in_size[1], shape[3]], g.dtype


@_resize_bilinear_grad_prim.vjp
def _(gg, z, g, in_size):
    return (_resize_bilinear_prim(gg, size=tuple(g.shape.as_list()[1:3])),)


def _nearest_indices(in_size, out_size):
    scale = np.float32(in_size) / np.float32(out_size)
    pos = np.floor((np.arange(out_size, dtype=np.float32) + np.float32(0.5)) * scale)
    return np.minimum(pos, in_size - 1).astype(np.int32)


def _resize_nearest(images, out_h, out_w):
    if out_h <= 0 or out_w <= 0:
        raise InvalidArgumentError(None, None, eager_message("ResizeNearestNeighbor",
                                                             "output dimensions must be positive"))
    _, h, w, _ = images.shape.as_list()
    rows = gather(images, convert_to_tensor(_nearest_indices(h, out_h)), axis=1)
    return gather(rows, convert_to_tensor(_nearest_indices(w, out_w)), axis=2)


def _size_pair(size):
    try:
        size = convert_to_tensor(size, dtypes.int32)
    except (TypeError, ValueError):
        raise ValueError("'size' must be a 1-D int32 Tensor") from None
    if size.shape.rank != 1 or size.shape[0] != 2:
        raise ValueError("'size' must be a 1-D Tensor of 2 elements: new_height, new_width")
    return [int(v) for v in size.numpy()]


def resize(images, size, method=ResizeMethod.BILINEAR, preserve_aspect_ratio=False, antialias=False,
           name=None):
    """Resize an image (H, W, C) or a batch (N, H, W, C) to ``size`` = [new_height, new_width].

    Bilinear always returns float32; nearest keeps the input dtype (as TF does).
    """
    images = convert_to_tensor(images)
    rank = images.shape.rank
    if rank == 3:
        images = array_ops.expand_dims(images, 0)
    elif rank != 4:
        raise ValueError("'images' must have either 3 or 4 dimensions.")
    new_h, new_w = _size_pair(size)
    _, height, width, _ = images.shape.as_list()
    if preserve_aspect_ratio:
        h, w = np.float32(height), np.float32(width)
        factor = min(np.float32(new_h) / h, np.float32(new_w) / w)
        # tf.round rounds half to even, as np.round does.
        new_h, new_w = int(np.round(factor * h)), int(np.round(factor * w))
    if antialias and method != ResizeMethod.NEAREST_NEIGHBOR:
        raise NotImplementedError("leantf: tf.image.resize supports antialias=False only")
    if method == ResizeMethod.BILINEAR:
        out = _resize_bilinear_prim(images, size=(new_h, new_w))
        if out.dtype is not dtypes.float32:
            out = basic_ops.cast(out, dtypes.float32)
    elif method == ResizeMethod.NEAREST_NEIGHBOR:
        out = _resize_nearest(images, new_h, new_w)
    elif method in _UNSUPPORTED:
        raise NotImplementedError(f"leantf: resize method {method!r} is not implemented; use 'bilinear' or 'nearest'")
    else:
        raise ValueError(f"Resize method is not implemented: {method}")
    return out if rank == 4 else array_ops.squeeze(out, [0])


del _math, ShapeError
