"""keras.layers.Rescaling: ``inputs * scale + offset``, computed in the layer's float dtype."""
from ....ops import basic_ops
from ..layer import Layer

__all__ = ["Rescaling"]


class Rescaling(Layer):
    def __init__(self, scale, offset=0.0, **kwargs):
        super().__init__(**kwargs)
        self.scale = scale
        self.offset = offset
        self.supports_masking = True

    def call(self, inputs):
        dtype = self.compute_dtype
        # Integer images (uint8) are cast first, so the product is a float one.
        scale = basic_ops.cast(self.scale, dtype)
        offset = basic_ops.cast(self.offset, dtype)
        return basic_ops.cast(inputs, dtype) * scale + offset

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update({"scale": self.scale, "offset": self.offset})
        return config
