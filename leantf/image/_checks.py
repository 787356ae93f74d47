"""Shape checks shared by the image ops, with TF's ValueError texts.

TF's image ops accept one image (height, width, channels) or a batch (N, H, W, C);
each op family words its rank errors a little differently, and users see those
texts, so every variant TF prints has its own helper here.
"""
from ..framework.tensor import convert_to_tensor

__all__ = ["image_tensor", "at_least_3d", "three_or_four_d", "is_batch"]


def image_tensor(image):
    """The op input as a tensor (variables and arrays converted as TF does)."""
    return convert_to_tensor(image)


def at_least_3d(image):
    """TF's _AssertAtLeast3DImage: flips, rot90, per_image_standardization..."""
    rank = image.shape.rank
    if rank is not None and rank < 3:
        raise ValueError(f"'image' (shape {image.shape}) must be at least three-dimensional.")
    return rank


def three_or_four_d(image, space=True):
    """Rank 3 or 4 only; TF's flip helpers print the message without a space before 'must'."""
    rank = image.shape.rank
    if rank not in (3, 4):
        gap = " " if space else ""
        raise ValueError(f"'image' (shape {image.shape}){gap}must have either 3 or 4 dimensions.")
    return rank


def is_batch(image):
    return image.shape.rank == 4
