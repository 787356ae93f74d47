"""Small pass-through layers: Masking, Identity, ActivityRegularization, AlphaDropout.

Each returns its input (or a lightly changed copy) and differs in what it adds on the
side: a Keras mask for downstream layers, an activity loss, or SELU-preserving noise.
"""
import leantf as tf

from ... import regularizers
from ..layer import Layer, set_keras_mask

__all__ = ["Masking", "Identity", "ActivityRegularization", "AlphaDropout"]


class Masking(Layer):
    """Marks time steps whose features all equal ``mask_value`` as padding: they are zeroed
    and the output carries a (batch, steps) boolean mask that RNNs, attention and pooling read."""

    def __init__(self, mask_value=0.0, **kwargs):
        super().__init__(**kwargs)
        if isinstance(mask_value, dict) and mask_value.get("config", None):
            from ...saving.serialization import deserialize_keras_object
            mask_value = deserialize_keras_object(mask_value)
        self.mask_value = mask_value
        self.supports_masking = True

    def compute_mask(self, inputs, mask=None):
        return tf.reduce_any(tf.not_equal(inputs, self.mask_value), axis=-1)

    def call(self, inputs):
        keep = tf.reduce_any(tf.not_equal(inputs, self.mask_value), axis=-1, keepdims=True)
        outputs = tf.where(keep, inputs, tf.zeros_like(inputs))
        set_keras_mask(outputs, tf.squeeze(keep, axis=-1))
        return outputs

    def get_config(self):
        config = super().get_config()
        config["mask_value"] = self.mask_value
        return config


class Identity(Layer):
    """Returns its input unchanged (masks included): a placeholder in a model's structure."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.built = True

    def call(self, inputs):
        return inputs


class ActivityRegularization(Layer):
    """Passes its input through and adds ``l1 * sum|x| + l2 * sum x^2`` (over the batch size)
    to the model's losses."""

    def __init__(self, l1=0.0, l2=0.0, **kwargs):
        super().__init__(activity_regularizer=regularizers.L1L2(l1=l1, l2=l2), **kwargs)
        self.supports_masking = True
        self.l1 = l1
        self.l2 = l2
        self.built = True

    def call(self, inputs):
        return inputs

    def get_config(self):
        config = super().get_config()
        config.pop("activity_regularizer", None)
        config.update({"l1": self.l1, "l2": self.l2})
        return config


# SELU's constants: AlphaDropout sets dropped units to SELU's negative saturation value and
# then rescales so that the mean and variance of a SELU-normalized input are kept.
_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


class AlphaDropout(Layer):
    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        if not 0 <= rate <= 1:
            raise ValueError("Invalid value received for argument `rate`. Expected a float value between 0 and 1. "
                             f"Received: rate={rate}")
        self.rate = rate
        self.seed = seed
        self.noise_shape = noise_shape
        self.supports_masking = True
        self.built = True

    def _noise_shape(self, inputs):
        dims = tf.shape(inputs)
        if self.noise_shape is None:
            return dims
        return tf.stack([dims[i] if d is None else d for i, d in enumerate(self.noise_shape)])

    def call(self, inputs, training=False):
        if not (training and self.rate > 0):
            return inputs
        saturation = -_SELU_ALPHA * _SELU_SCALE
        kept = tf.cast(tf.random.uniform(self._noise_shape(inputs), seed=self.seed) >= self.rate, inputs.dtype)
        a = ((1 - self.rate) * (1 + self.rate * saturation ** 2)) ** -0.5
        b = -a * saturation * self.rate
        x = inputs * kept + saturation * (1 - kept)
        return a * x + b

    def get_config(self):
        config = super().get_config()
        config.update({"rate": self.rate, "seed": self.seed, "noise_shape": self.noise_shape})
        return config
