"""tf.image: image codecs (PNG, baseline JPEG), resizing, geometric and colour ops.

Imported on first use of ``tf.image`` (leantf/__init__.py wires it lazily), which is
also when its primitives (ResizeBilinear, DecodePng, ...) are registered.
"""
from .codecs import (decode_and_crop_jpeg, decode_image, decode_jpeg, decode_png, encode_png,  # noqa: F401
                     extract_jpeg_shape, is_jpeg)
from .color import (adjust_brightness, convert_image_dtype, grayscale_to_rgb,  # noqa: F401
                    per_image_standardization, rgb_to_grayscale)
from .resize import ResizeMethod, resize  # noqa: F401
from .transforms import (central_crop, crop_to_bounding_box, flip_left_right, flip_up_down,  # noqa: F401
                         pad_to_bounding_box, random_flip_left_right, random_flip_up_down,
                         resize_with_crop_or_pad, rot90)

__all__ = ["ResizeMethod", "adjust_brightness", "central_crop", "convert_image_dtype", "crop_to_bounding_box",
           "decode_and_crop_jpeg", "decode_image", "decode_jpeg", "decode_png", "encode_png",
           "extract_jpeg_shape", "flip_left_right", "flip_up_down", "grayscale_to_rgb", "is_jpeg",
           "pad_to_bounding_box", "per_image_standardization", "random_flip_left_right", "random_flip_up_down",
           "resize", "resize_with_crop_or_pad", "rgb_to_grayscale", "rot90"]


# dir(tf.image) lists TF's names only; the implementation modules stay importable by path.
for _module in ("codecs", "color", "jpeg", "jpeg_idct", "png", "transforms", "_checks"):
    globals().pop(_module, None)
del _module
