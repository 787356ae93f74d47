"""Pixel-value ops: dtype conversion with TF's scaling, standardisation, grayscale, brightness."""
import numpy as np

from .. import math as _math
from ..framework import dtypes
from ..framework.tensor import convert_to_tensor
from ..ops import array_ops, basic_ops
from ._checks import at_least_3d

__all__ = ["convert_image_dtype", "per_image_standardization", "rgb_to_grayscale", "grayscale_to_rgb",
           "adjust_brightness", "saturate_cast"]


def _is_real(dtype):
    return dtype.is_floating or dtype.is_integer


def saturate_cast(value, dtype):
    """Cast with clamping to the target's range instead of wrap-around (TF's saturate_cast)."""
    value = convert_to_tensor(value)
    dtype = dtypes.as_dtype(dtype)
    src = value.dtype
    if src.min < dtype.min:
        value = _math.maximum(value, basic_ops.cast(dtype.min, src))
    if src.max > dtype.max:
        high = np.asarray(dtype.max).astype(src.as_numpy_dtype)
        if src.is_floating and dtype.is_integer and float(high) > dtype.max:
            # e.g. int32.max rounds up to 2**31 in float32: clamp one float step below it.
            high = np.nextafter(high, src.as_numpy_dtype(0))
        value = _math.minimum(value, basic_ops.cast(convert_to_tensor(high), src))
    return basic_ops.cast(value, dtype)


def convert_image_dtype(image, dtype, saturate=False, name=None):
    """Convert pixel values between dtypes, rescaling as TF does.

    Integers span [0, dtype.max] and floats [0, 1): int -> float multiplies by 1/max_in,
    float -> int multiplies by (max_out + 0.5) and truncates, int -> int shifts by the
    ratio of the ranges. ``saturate`` clamps instead of wrapping on overflow.
    """
    image = convert_to_tensor(image)
    dtype = dtypes.as_dtype(dtype)
    if not _is_real(dtype):
        raise AttributeError("dtype must be either floating point or integer")
    if not _is_real(image.dtype):
        raise AttributeError("image dtype must be either floating point or integer")
    src = image.dtype
    if dtype is src:
        return basic_ops.identity(image)
    cast = saturate_cast if saturate else basic_ops.cast
    if src.is_integer and dtype.is_integer:
        if src.max > dtype.max:
            scale = (src.max + 1) // (dtype.max + 1)
            return cast(_math.floordiv(image, basic_ops.cast(scale, src)), dtype)
        scale = (dtype.max + 1) // (src.max + 1)
        return cast(image, dtype) * basic_ops.cast(scale, dtype)
    if src.is_floating and dtype.is_floating:
        return cast(image, dtype)
    if src.is_integer:
        if dtype is dtypes.float64:  # TF divides here (exact 1.0 at max); float32 multiplies by 1/max
            return basic_ops.cast(image, dtype) / basic_ops.cast(src.max, dtype)
        return basic_ops.cast(image, dtype) * basic_ops.cast(1.0 / src.max, dtype)
    scaled = image * basic_ops.cast(dtype.max + 0.5, src)
    return cast(scaled, dtype)


def per_image_standardization(image):
    """(x - mean) / max(stddev, 1/sqrt(num_pixels)) over each image's last three axes, as float32."""
    image = convert_to_tensor(image)
    at_least_3d(image)
    image = basic_ops.cast(image, dtypes.float32)
    num_pixels = int(np.prod(image.shape.as_list()[-3:]))
    axes = [-1, -2, -3]
    mean = _math.reduce_mean(image, axis=axes, keepdims=True)
    stddev = _math.reduce_std(image, axis=axes, keepdims=True)
    min_stddev = _math.rsqrt(basic_ops.cast(num_pixels, dtypes.float32))
    return (image - mean) / _math.maximum(stddev, min_stddev)


_RGB_WEIGHTS = [0.2989, 0.5870, 0.1140]  # TF's luma weights (ITU-R 601)


def rgb_to_grayscale(images, name=None):
    """Weighted sum of R, G, B (computed in float32), returned in the input's dtype with a channel axis of 1."""
    images = convert_to_tensor(images)
    orig = images.dtype
    flt = convert_image_dtype(images, dtypes.float32)
    from ..ops.linalg_ops import tensordot
    gray = tensordot(flt, convert_to_tensor(_RGB_WEIGHTS, dtypes.float32), [-1, -1])
    return convert_image_dtype(array_ops.expand_dims(gray, -1), orig)


def grayscale_to_rgb(images, name=None):
    """Repeat the single channel three times."""
    images = convert_to_tensor(images)
    rank = images.shape.rank
    if rank is not None and rank < 2:
        raise ValueError(f"A grayscale image (shape {images.shape}) must be at least two-dimensional.")
    if images.shape[-1] is not None and images.shape[-1] != 1:
        raise ValueError("Last dimension of a grayscale image should be size 1.")
    return array_ops.tile(images, [1] * (rank - 1) + [3])


def adjust_brightness(image, delta):
    """Add ``delta`` in float space; integer images come back saturated to their range."""
    image = convert_to_tensor(image)
    orig = image.dtype
    flt = image if orig in (dtypes.float16, dtypes.float32) else convert_image_dtype(image, dtypes.float32)
    adjusted = flt + basic_ops.cast(delta, flt.dtype)
    return convert_image_dtype(adjusted, orig, saturate=True)
