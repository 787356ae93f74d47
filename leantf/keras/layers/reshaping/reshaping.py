"""Reshaping layers: Permute, RepeatVector, ZeroPadding1D/2D, Cropping1D/2D, UpSampling1D/2D."""
import numpy as np

import leantf as tf

from .._validation import shape_tuple, standardize_data_format, standardize_tuple
from ..input_spec import InputSpec
from ..layer import Layer

__all__ = ["Permute", "RepeatVector", "ZeroPadding1D", "ZeroPadding2D", "Cropping1D", "Cropping2D",
           "UpSampling1D", "UpSampling2D"]


class Permute(Layer):
    """Reorders the non-batch axes: ``dims`` holds them 1-based (``(2, 1)`` swaps two)."""

    def __init__(self, dims, **kwargs):
        super().__init__(**kwargs)
        self.dims = tuple(dims)
        if sorted(dims) != list(range(1, len(dims) + 1)):
            raise ValueError("Invalid permutation argument `dims` for Permute Layer. The set of indices in `dims` "
                             f"must be consecutive and start from 1. Received dims={dims}")
        self.input_spec = InputSpec(ndim=len(self.dims) + 1)

    def call(self, inputs):
        return tf.transpose(inputs, (0,) + self.dims)

    def get_config(self):
        return {**super().get_config(), "dims": self.dims}


class RepeatVector(Layer):
    """``(batch, features)`` -> ``(batch, n, features)``."""

    def __init__(self, n, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(n, int) or isinstance(n, bool):
            raise TypeError(f"Expected an integer value for `n`, got {type(n)}.")
        if n <= 0:
            raise ValueError(f"Argument `n` should be a positive integer. Received: n={n}")
        self.n = n
        self.input_spec = InputSpec(ndim=2)

    def call(self, inputs):
        return tf.repeat(tf.expand_dims(inputs, 1), self.n, axis=1)

    def get_config(self):
        return {**super().get_config(), "n": self.n}


def _pair_of_pairs(value, what, arg):
    """Keras's reading of a 2D padding/cropping: an int, two ints, or two pairs."""
    if isinstance(value, int):
        return ((value, value), (value, value))
    if hasattr(value, "__len__"):
        if len(value) != 2:
            raise ValueError(f"`{arg}` should have two elements. Received: {arg}={value}.")
        return (standardize_tuple(value[0], 2, f"1st entry of {arg}", allow_zero=True),
                standardize_tuple(value[1], 2, f"2nd entry of {arg}", allow_zero=True))
    raise ValueError(f"`{arg}` should be either an int, a tuple of 2 ints (symmetric_height_{what}, "
                     f"symmetric_width_{what}), or a tuple of 2 tuples of 2 ints ((top_{what}, bottom_{what}), "
                     f"(left_{what}, right_{what})). Received: {arg}={value}.")


class ZeroPadding1D(Layer):
    def __init__(self, padding=1, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        self.padding = standardize_tuple(padding, 2, "padding", allow_zero=True)
        self.input_spec = InputSpec(ndim=3)

    def call(self, inputs):
        pads = [[0, 0], [0, 0], list(self.padding)] if self.data_format == "channels_first" else \
            [[0, 0], list(self.padding), [0, 0]]
        return tf.pad(inputs, pads)

    def get_config(self):
        return {**super().get_config(), "padding": self.padding, "data_format": self.data_format}


class ZeroPadding2D(Layer):
    def __init__(self, padding=(1, 1), data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        # Keras's message here says "crop" (its text is shared with Cropping2D).
        self.padding = _pair_of_pairs(padding, "crop", "padding")
        self.input_spec = InputSpec(ndim=4)

    def call(self, inputs):
        spatial = [list(p) for p in self.padding]
        pads = [[0, 0], [0, 0], *spatial] if self.data_format == "channels_first" else [[0, 0], *spatial, [0, 0]]
        return tf.pad(inputs, pads)

    def get_config(self):
        return {**super().get_config(), "padding": self.padding, "data_format": self.data_format}


class Cropping1D(Layer):
    def __init__(self, cropping=(1, 1), **kwargs):
        super().__init__(**kwargs)
        self.cropping = standardize_tuple(cropping, 2, "cropping", allow_zero=True)
        self.input_spec = InputSpec(ndim=3)

    def build(self, input_shape):
        # Keras checks the length while computing the output shape, before the call.
        n = input_shape[1]
        if n is not None and n - self.cropping[0] - self.cropping[1] <= 0:
            raise ValueError("`cropping` parameter of `Cropping1D` layer must be smaller than the input length. "
                             f"Received: input_shape={shape_tuple(input_shape)}, cropping={self.cropping}")

    def call(self, inputs):
        n = inputs.shape[1]
        if n is not None and sum(self.cropping) >= n:
            raise ValueError("`cropping` parameter of `Cropping1D` layer must be smaller than the input length. "
                             f"Received: inputs.shape={inputs.shape}, cropping={self.cropping}")
        end = -self.cropping[1] if self.cropping[1] else None
        return inputs[:, self.cropping[0]:end, :]

    def get_config(self):
        return {**super().get_config(), "cropping": self.cropping}


class Cropping2D(Layer):
    def __init__(self, cropping=((0, 0), (0, 0)), data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        if isinstance(cropping, int) and cropping < 0:
            raise ValueError(f"`cropping` cannot be negative. Received: cropping={cropping}.")
        self.cropping = _pair_of_pairs(cropping, "crop", "cropping")
        self.input_spec = InputSpec(ndim=4)

    def call(self, inputs):
        h_axis = 2 if self.data_format == "channels_first" else 1
        h, w = inputs.shape[h_axis], inputs.shape[h_axis + 1]
        if (h is not None and sum(self.cropping[0]) >= h) or (w is not None and sum(self.cropping[1]) >= w):
            raise ValueError("Values in `cropping` argument should be smaller than the corresponding spatial "
                             f"dimension of the input. Received: inputs.shape={_tf_shape_text(inputs)}, "
                             f"cropping={self.cropping}")
        (top, bottom), (left, right) = self.cropping
        rows = slice(top, -bottom if bottom else None)
        cols = slice(left, -right if right else None)
        if self.data_format == "channels_first":
            return inputs[:, :, rows, cols]
        return inputs[:, rows, cols, :]

    def get_config(self):
        return {**super().get_config(), "cropping": self.cropping, "data_format": self.data_format}


def _tf_shape_text(x):
    # Keras prints the TF tensor's shape object, whose str is the tuple-like "(1, 5, 5, 1)".
    return str(shape_tuple(x.shape))


class UpSampling1D(Layer):
    def __init__(self, size=2, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(size, int) or isinstance(size, bool):
            raise TypeError(f"Expected an integer value for `size`, got {type(size)}.")
        if size <= 0:
            raise ValueError(f"Argument `size` should be a positive integer. Received: size={size}")
        self.size = size
        self.input_spec = InputSpec(ndim=3)

    def call(self, inputs):
        return tf.repeat(inputs, self.size, axis=1)

    def get_config(self):
        return {**super().get_config(), "size": self.size}


class UpSampling2D(Layer):
    def __init__(self, size=(2, 2), data_format=None, interpolation="nearest", **kwargs):
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        self.size = standardize_tuple(size, 2, "size")
        self.interpolation = interpolation.lower()
        self.input_spec = InputSpec(ndim=4)

    def call(self, inputs):
        x = inputs
        if self.data_format == "channels_first":
            x = tf.transpose(x, [0, 2, 3, 1])
        if self.interpolation == "nearest":
            x = tf.repeat(x, self.size[0], axis=1)
            x = tf.repeat(x, self.size[1], axis=2)
        elif self.interpolation == "bilinear":
            # TF's ResizeBilinear (half-pixel centres): interpolate along the width first,
            # then the height, each as ``a + (b - a) * t`` -- the kernel's own order.
            x = _linear_upsample(x, 2, self.size[1])
            x = _linear_upsample(x, 1, self.size[0])
        else:
            raise NotImplementedError(f"UpSampling2D interpolation={self.interpolation!r} is not implemented in "
                                      "leantf (available: 'nearest', 'bilinear').")
        if self.data_format == "channels_first":
            x = tf.transpose(x, [0, 3, 1, 2])
        return x

    def get_config(self):
        return {**super().get_config(), "size": self.size, "data_format": self.data_format,
                "interpolation": self.interpolation}


def _linear_upsample(x, axis, factor):
    n = x.shape[axis]
    if n is None:
        raise ValueError("Bilinear upsampling needs the spatial size of its input to be known.")
    out = n * factor
    scale = np.float32(n) / np.float32(out)
    coord = (np.arange(out, dtype=np.float32) + np.float32(0.5)) * scale - np.float32(0.5)
    floor = np.floor(coord)
    lower = np.maximum(floor, 0).astype(np.int32)
    upper = np.minimum(np.ceil(coord), n - 1).astype(np.int32)
    frac = (coord - floor).astype(np.float32)
    shape = [1, 1, 1, 1]
    shape[axis] = out
    a = tf.gather(x, lower, axis=axis)
    b = tf.gather(x, upper, axis=axis)
    t = tf.cast(tf.constant(frac.reshape(shape)), x.dtype)
    return a + (b - a) * t
