"""Geometric image ops: flips, rotations by 90 degrees, crops and pads.

All are compositions of tf.reverse, tf.transpose, slicing and tf.pad, so they run on
symbolic tensors too and are differentiable through those ops' gradient rules.
Offsets and sizes must be known values (Python ints or eager tensors): TF's dynamic
shape paths with runtime asserts are not reproduced.
"""
from .. import random as _random
from ..ops import array_ops, basic_ops, math_ops
from ..framework import dtypes
from ..framework.tensor import convert_to_tensor
from ._checks import at_least_3d, three_or_four_d

__all__ = ["flip_left_right", "flip_up_down", "rot90", "random_flip_left_right", "random_flip_up_down",
           "crop_to_bounding_box", "pad_to_bounding_box", "central_crop", "resize_with_crop_or_pad"]


def _flip(image, axis):
    image = convert_to_tensor(image)
    at_least_3d(image)
    rank = three_or_four_d(image, space=False)
    return array_ops.reverse(image, [axis + (rank == 4)])


def flip_left_right(image):
    """Mirror the width axis of an image or a batch of images."""
    return _flip(image, 1)


def flip_up_down(image):
    """Mirror the height axis of an image or a batch of images."""
    return _flip(image, 0)


def _random_flip(image, axis, seed):
    # TF's order: one uniform draw for a single image (flip when u < 0.5), one draw per
    # image for a batch (flip when round(u) == 1, i.e. u > 0.5, blended arithmetically).
    # Values come from leantf's tf.random.uniform with the same seed arguments.
    image = convert_to_tensor(image)
    at_least_3d(image)
    rank = three_or_four_d(image, space=False)
    if rank == 3:
        u = _random.uniform([], 0, 1.0, seed=seed)
        return array_ops.reverse(image, [axis]) if float(u) < 0.5 else image
    batch = image.shape[0]
    u = _random.uniform([batch], 0, 1.0, seed=seed)
    flips = basic_ops.cast(basic_ops.reshape(math_ops.round(u), [batch, 1, 1, 1]), image.dtype)
    flipped = array_ops.reverse(image, [axis + 1])
    return flips * flipped + (1 - flips) * image


def random_flip_left_right(image, seed=None):
    """Flip an image (each image of a batch) horizontally with probability 1/2."""
    return _random_flip(image, 1, seed)


def random_flip_up_down(image, seed=None):
    """Flip an image (each image of a batch) vertically with probability 1/2."""
    return _random_flip(image, 0, seed)


def _scalar_int(k):
    if hasattr(k, "shape") and not isinstance(k, int):
        t = convert_to_tensor(k, dtypes.int32) if not hasattr(k, "dtype") else convert_to_tensor(k)
        if t.shape.rank != 0:
            raise ValueError(f"Shape {t.shape} must have rank 0")
        return int(t.numpy())
    return int(k)


def rot90(image, k=1, name=None):
    """Rotate an image (or each image of a batch) counter-clockwise by k * 90 degrees."""
    image = convert_to_tensor(image)
    at_least_3d(image)
    k = _scalar_int(k) % 4
    rank = three_or_four_d(image)
    h, w = (0, 1) if rank == 3 else (1, 2)
    swap = [1, 0, 2] if rank == 3 else [0, 2, 1, 3]
    if k == 0:
        return image
    if k == 1:
        return array_ops.transpose(array_ops.reverse(image, [w]), swap)
    if k == 2:
        return array_ops.reverse(image, [h, w])
    return array_ops.reverse(array_ops.transpose(image, swap), [w])


def _as_batch(image):
    """(image as 4-D, whether it was a batch), with TF's bounding-box rank error."""
    image = convert_to_tensor(image)
    rank = three_or_four_d(image)
    if rank == 3:
        return array_ops.expand_dims(image, 0), False
    return image, True


def _unbatch(image, was_batch):
    return image if was_batch else array_ops.squeeze(image, [0])


def crop_to_bounding_box(image, offset_height, offset_width, target_height, target_width):
    """Cut out the box whose top-left corner is (offset_height, offset_width)."""
    image, batch = _as_batch(image)
    oh, ow, th, tw = (_scalar_int(v) for v in (offset_height, offset_width, target_height, target_width))
    _, height, width, _ = image.shape.as_list()
    checks = [(ow >= 0, "offset_width must be >= 0."), (oh >= 0, "offset_height must be >= 0."),
              (tw > 0, "target_width must be > 0."), (th > 0, "target_height must be > 0."),
              (width is None or width >= tw + ow, "width must be >= target + offset."),
              (height is None or height >= th + oh, "height must be >= target + offset.")]
    for ok, text in checks:
        if not ok:
            raise ValueError(text)
    return _unbatch(image[:, oh:oh + th, ow:ow + tw, :], batch)


def pad_to_bounding_box(image, offset_height, offset_width, target_height, target_width):
    """Place the image at (offset_height, offset_width) in a zero canvas of the target size."""
    image, batch = _as_batch(image)
    oh, ow, th, tw = (_scalar_int(v) for v in (offset_height, offset_width, target_height, target_width))
    _, height, width, _ = image.shape.as_list()
    after_w, after_h = tw - ow - width, th - oh - height
    checks = [(oh >= 0, "offset_height must be >= 0"), (ow >= 0, "offset_width must be >= 0"),
              (after_w >= 0, "width must be <= target - offset"),
              (after_h >= 0, "height must be <= target - offset")]
    for ok, text in checks:
        if not ok:
            raise ValueError(text)
    padded = array_ops.pad(image, [[0, 0], [oh, after_h], [ow, after_w], [0, 0]])
    return _unbatch(padded, batch)


def central_crop(image, central_fraction):
    """Keep the central ``central_fraction`` of the height and of the width."""
    if central_fraction <= 0.0 or central_fraction > 1.0:
        raise ValueError("central_fraction must be within (0, 1]")
    image = convert_to_tensor(image)
    if central_fraction == 1.0:
        return image
    rank = at_least_3d(image)
    if rank not in (3, 4):
        raise ValueError(f"`image` should either be a Tensor with rank = 3 or rank = 4. Had rank = {rank}.")
    h_axis = rank - 3
    height, width = image.shape[h_axis], image.shape[h_axis + 1]
    # TF computes the start in floating point and truncates; the size keeps the box centred.
    top = int((float(height) - float(height) * central_fraction) / 2)
    left = int((float(width) - float(width) * central_fraction) / 2)
    if rank == 3:
        return image[top:height - top, left:width - left, :]
    return image[:, top:height - top, left:width - left, :]


def resize_with_crop_or_pad(image, target_height, target_width):
    """Centre-crop and/or zero-pad an image to exactly the target size."""
    image = convert_to_tensor(image)
    three_or_four_d(image)
    th, tw = _scalar_int(target_height), _scalar_int(target_width)
    if tw <= 0:
        raise ValueError("target_width must be > 0.")
    if th <= 0:
        raise ValueError("target_height must be > 0.")
    h_axis = image.shape.rank - 3
    height, width = image.shape[h_axis], image.shape[h_axis + 1]
    dw, dh = tw - width, th - height
    cropped = crop_to_bounding_box(image, max(-dh // 2, 0), max(-dw // 2, 0), min(th, height), min(tw, width))
    return pad_to_bounding_box(cropped, max(dh // 2, 0), max(dw // 2, 0), th, tw)
