"""Max and average pooling in 1, 2 and 3 dimensions, over ``tf.nn.max_pool``/``avg_pool``.

As in Keras's TensorFlow backend, channels_first inputs are transposed to channels_last
around the op, and ``padding`` is handed to TF upper-cased without checking, so a bad value
gets TF's own attribute error.
"""
import leantf as tf

from .._validation import standardize_data_format, standardize_tuple
from ..input_spec import InputSpec
from ..layer import Layer

__all__ = ["BasePooling", "MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "AveragePooling1D", "AveragePooling2D",
           "AveragePooling3D"]

_NWC = {3: "NWC", 4: "NHWC", 5: "NDHWC"}


class BasePooling(Layer):
    def __init__(self, pool_size, strides, pool_dimensions, pool_mode="max", padding="valid", data_format=None,
                 name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        self.pool_size = standardize_tuple(pool_size, pool_dimensions, "pool_size")
        strides = pool_size if strides is None else strides
        self.strides = standardize_tuple(strides, pool_dimensions, "strides", allow_zero=True)
        self.pool_mode = pool_mode
        self.padding = padding
        self.data_format = standardize_data_format(data_format)
        self.input_spec = InputSpec(ndim=pool_dimensions + 2)
        self.built = True  # no weights: built at construction, as in Keras

    def call(self, inputs):
        rank = len(self.pool_size)
        channels_first = self.data_format == "channels_first"
        if channels_first:
            inputs = tf.transpose(inputs, [0] + list(range(2, rank + 2)) + [1])
        pool = tf.nn.max_pool if self.pool_mode == "max" else tf.nn.avg_pool
        if self.pool_mode not in ("max", "average"):
            raise ValueError(f"`pool_mode` must be either 'max' or 'average'. Received: {self.pool_mode}.")
        outputs = pool(inputs, list(self.pool_size), list(self.strides), self.padding.upper(), _NWC[rank + 2])
        if channels_first:
            outputs = tf.transpose(outputs, [0, rank + 1] + list(range(1, rank + 1)))
        return outputs

    def get_config(self):
        config = super().get_config()
        config.update({"pool_size": self.pool_size, "padding": self.padding, "strides": self.strides,
                       "data_format": self.data_format})
        return config


class MaxPooling1D(BasePooling):
    def __init__(self, pool_size=2, strides=None, padding="valid", data_format=None, name=None, **kwargs):
        super().__init__(pool_size, strides, pool_dimensions=1, pool_mode="max", padding=padding,
                         data_format=data_format, name=name, **kwargs)


class MaxPooling2D(BasePooling):
    def __init__(self, pool_size=(2, 2), strides=None, padding="valid", data_format=None, name=None, **kwargs):
        super().__init__(pool_size, strides, pool_dimensions=2, pool_mode="max", padding=padding,
                         data_format=data_format, name=name, **kwargs)


class MaxPooling3D(BasePooling):
    def __init__(self, pool_size=(2, 2, 2), strides=None, padding="valid", data_format=None, name=None, **kwargs):
        super().__init__(pool_size, strides, pool_dimensions=3, pool_mode="max", padding=padding,
                         data_format=data_format, name=name, **kwargs)


# Keras 3 gives AveragePooling* no default pool_size (unlike MaxPooling*).
class AveragePooling1D(BasePooling):
    def __init__(self, pool_size, strides=None, padding="valid", data_format=None, name=None, **kwargs):
        super().__init__(pool_size, strides, pool_dimensions=1, pool_mode="average", padding=padding,
                         data_format=data_format, name=name, **kwargs)


class AveragePooling2D(BasePooling):
    def __init__(self, pool_size, strides=None, padding="valid", data_format=None, name=None, **kwargs):
        super().__init__(pool_size, strides, pool_dimensions=2, pool_mode="average", padding=padding,
                         data_format=data_format, name=name, **kwargs)


class AveragePooling3D(BasePooling):
    def __init__(self, pool_size, strides=None, padding="valid", data_format=None, name=None, **kwargs):
        super().__init__(pool_size, strides, pool_dimensions=3, pool_mode="average", padding=padding,
                         data_format=data_format, name=name, **kwargs)
