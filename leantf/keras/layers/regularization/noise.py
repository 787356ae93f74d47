"""GaussianNoise and SpatialDropout1D/2D/3D: active only in training."""
import leantf as tf

from .._validation import standardize_data_format
from ..core.simple import Dropout
from ..input_spec import InputSpec
from ..layer import Layer

__all__ = ["GaussianNoise", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D"]


class GaussianNoise(Layer):
    """Adds zero-mean Gaussian noise of standard deviation ``stddev`` while training."""

    def __init__(self, stddev, seed=None, **kwargs):
        super().__init__(**kwargs)
        if not 0 <= stddev <= 1:
            raise ValueError("Invalid value received for argument `stddev`. Expected a float value between 0 and 1. "
                             f"Received: stddev={stddev}")
        self.stddev = stddev
        self.seed = seed
        self.supports_masking = True
        self.built = True

    def call(self, inputs, training=False):
        if training and self.stddev > 0:
            shape = inputs.shape.as_list()
            if None in shape:
                shape = tf.shape(inputs)
            return inputs + tf.random.normal(shape, mean=0.0, stddev=self.stddev, dtype=inputs.dtype,
                                             seed=self.seed)
        return inputs

    def get_config(self):
        return {**super().get_config(), "stddev": self.stddev, "seed": self.seed}


class BaseSpatialDropout(Dropout):
    """Dropout of whole feature maps: one keep/drop draw per (sample, channel)."""
    _ndim = None

    def __init__(self, rate, seed=None, name=None, dtype=None):
        super().__init__(rate, seed=seed, name=name, dtype=dtype)
        self.input_spec = InputSpec(ndim=self._ndim)
        self.built = True

    def _noise_shape(self, inputs):
        raise NotImplementedError

    def call(self, inputs, training=False):
        if training and self.rate > 0:
            return tf.nn.dropout(inputs, rate=self.rate, noise_shape=self._noise_shape(inputs), seed=self.seed)
        return inputs

    def get_config(self):
        # Keras's spatial dropouts write this short config (dtype as a plain name, no `trainable`).
        return {"rate": self.rate, "seed": self.seed, "name": self.name, "dtype": self.dtype}


def _dims(inputs):
    dims = inputs.shape.as_list()
    if None in dims:
        runtime = tf.shape(inputs)
        return [runtime[i] if d is None else d for i, d in enumerate(dims)]
    return dims


def _noise(inputs, data_format):
    """Noise shape: the batch and channel sizes, 1 along every spatial axis."""
    d = _dims(inputs)
    n = len(d)
    if data_format == "channels_first":
        shape = [d[0], d[1]] + [1] * (n - 2)
    else:
        shape = [d[0]] + [1] * (n - 2) + [d[-1]]
    return tf.stack(shape) if any(hasattr(v, "dtype") for v in shape) else shape


class SpatialDropout1D(BaseSpatialDropout):
    _ndim = 3

    def _noise_shape(self, inputs):
        return _noise(inputs, "channels_last")


class SpatialDropout2D(BaseSpatialDropout):
    _ndim = 4

    def __init__(self, rate, data_format=None, seed=None, name=None, dtype=None):
        super().__init__(rate, seed=seed, name=name, dtype=dtype)
        self.data_format = standardize_data_format(data_format)

    def _noise_shape(self, inputs):
        return _noise(inputs, self.data_format)

    def get_config(self):
        return {**super().get_config(), "data_format": self.data_format}


class SpatialDropout3D(SpatialDropout2D):
    _ndim = 5
