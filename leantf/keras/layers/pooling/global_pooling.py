"""Global average/max pooling over all spatial axes (1, 2 or 3 of them)."""
import leantf as tf

from .._validation import standardize_data_format
from ..input_spec import InputSpec
from ..layer import Layer

__all__ = ["GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalAveragePooling3D", "GlobalMaxPooling1D",
           "GlobalMaxPooling2D", "GlobalMaxPooling3D"]


class BaseGlobalPooling(Layer):
    _dims = None
    _reduce = None

    def __init__(self, pool_dimensions, data_format=None, keepdims=False, **kwargs):
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        self.keepdims = keepdims
        self.input_spec = InputSpec(ndim=pool_dimensions + 2)
        self._axes = list(range(1, pool_dimensions + 1)) if self.data_format == "channels_last" else \
            list(range(2, pool_dimensions + 2))
        self.built = True

    def call(self, inputs):
        return self._reduce(inputs, axis=self._axes, keepdims=self.keepdims)

    def get_config(self):
        config = super().get_config()
        config.update({"data_format": self.data_format, "keepdims": self.keepdims})
        return config


class GlobalAveragePooling1D(BaseGlobalPooling):
    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(pool_dimensions=1, data_format=data_format, keepdims=keepdims, **kwargs)
        self.supports_masking = True

    def call(self, inputs, mask=None):
        steps_axis = self._axes[0]
        if mask is None:
            return tf.reduce_mean(inputs, axis=steps_axis, keepdims=self.keepdims)
        # Masked steps count neither in the sum nor in the divisor.
        mask = tf.cast(tf.expand_dims(mask, 2 if self.data_format == "channels_last" else 1), "bool")
        inputs = tf.where(mask, inputs, tf.zeros_like(inputs))
        weights = tf.cast(mask, inputs.dtype)
        return tf.reduce_sum(inputs, axis=steps_axis, keepdims=self.keepdims) / \
            tf.reduce_sum(weights, axis=steps_axis, keepdims=self.keepdims)

    def compute_mask(self, inputs, mask=None):
        return None


class GlobalAveragePooling2D(BaseGlobalPooling):
    _reduce = staticmethod(tf.reduce_mean)

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(pool_dimensions=2, data_format=data_format, keepdims=keepdims, **kwargs)


class GlobalAveragePooling3D(BaseGlobalPooling):
    _reduce = staticmethod(tf.reduce_mean)

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(pool_dimensions=3, data_format=data_format, keepdims=keepdims, **kwargs)


class GlobalMaxPooling1D(BaseGlobalPooling):
    _reduce = staticmethod(tf.reduce_max)

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(pool_dimensions=1, data_format=data_format, keepdims=keepdims, **kwargs)


class GlobalMaxPooling2D(BaseGlobalPooling):
    _reduce = staticmethod(tf.reduce_max)

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(pool_dimensions=2, data_format=data_format, keepdims=keepdims, **kwargs)


class GlobalMaxPooling3D(BaseGlobalPooling):
    _reduce = staticmethod(tf.reduce_max)

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(pool_dimensions=3, data_format=data_format, keepdims=keepdims, **kwargs)
