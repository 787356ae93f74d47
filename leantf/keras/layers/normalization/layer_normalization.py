"""LayerNormalization: normalise each sample over ``axis`` with its own moments."""
import warnings

import leantf as tf

from ..layer import Layer
from .affine import affine_config, set_affine_options

__all__ = ["LayerNormalization"]


class LayerNormalization(Layer):
    def __init__(self, axis=-1, epsilon=0.001, center=True, scale=True, beta_initializer="zeros",
                 gamma_initializer="ones", beta_regularizer=None, gamma_regularizer=None, beta_constraint=None,
                 gamma_constraint=None, **kwargs):
        rms_scaling = kwargs.pop("rms_scaling", False)
        if rms_scaling:
            warnings.warn("You passed `rms_scaling=True`, which is deprecated. This argument incorrectly scales the "
                          "input by the variance, not the root mean square. To correctly use RMS Normalization, "
                          "please use `keras.layers.RMSNormalization` instead.")
        super().__init__(**kwargs)
        if isinstance(axis, (list, tuple)):
            self.axis = list(axis)
        elif isinstance(axis, int):
            self.axis = axis
        else:
            raise TypeError("Expected an int or a list/tuple of ints for the argument 'axis', but received: %r"
                            % axis)
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.rms_scaling = rms_scaling
        set_affine_options(self, beta_initializer, gamma_initializer, beta_regularizer, gamma_regularizer,
                           beta_constraint, gamma_constraint)
        self.supports_masking = True
        self.autocast = False

    def build(self, input_shape):
        dims = tuple(input_shape)
        if isinstance(self.axis, (list, tuple)):
            self.axis = sorted(self.axis)
            shape = tuple(dims[a] for a in self.axis)
        else:
            shape = (dims[self.axis],)
            self.axis = [self.axis]  # Keras keeps the list form from here on (and in the config)
        if self.scale or self.rms_scaling:
            self.gamma = self.add_weight(name="gamma", shape=shape, initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer, constraint=self.gamma_constraint,
                                         trainable=True, autocast=False)
        else:
            self.gamma = None
        if self.center and not self.rms_scaling:
            self.beta = self.add_weight(name="beta", shape=shape, initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer, constraint=self.beta_constraint,
                                        trainable=True, autocast=False)
        else:
            self.beta = None

    def call(self, inputs):
        x = inputs
        if x.dtype.name in ("float16", "bfloat16"):
            x = tf.cast(x, "float32")
        ndims = len(x.shape)
        axes = sorted(a % ndims for a in self.axis)
        gamma, beta = self.gamma, self.beta
        if axes != [ndims - 1]:
            # Weights broadcast against the input only once reshaped to its rank.
            shape = [1] * ndims
            for a in axes:
                shape[a] = x.shape[a]
            gamma = None if gamma is None else tf.reshape(gamma, shape)
            beta = None if beta is None else tf.reshape(beta, shape)
        gamma = None if gamma is None else tf.cast(gamma, x.dtype)
        beta = None if beta is None else tf.cast(beta, x.dtype)
        if self.rms_scaling:
            _, variance = tf.nn.moments(x, axes=axes, keepdims=True)
            outputs = x * tf.math.rsqrt(variance + self.epsilon)
            if gamma is not None:
                outputs = outputs * gamma
        else:
            # Keras's formula: x * (gamma / sqrt(var + eps)) + (beta - mean * gamma / sqrt(...)).
            mean, variance = tf.nn.moments(x, axes=axes, keepdims=True)
            inv = tf.math.rsqrt(variance + self.epsilon)
            if gamma is not None:
                inv = inv * gamma
            res = tf.negative(mean) * inv
            if beta is not None:
                res = res + beta
            outputs = x * inv + res
        # Keras casts back to the input's dtype, then to the layer's compute dtype.
        return tf.cast(outputs, self.compute_dtype) if outputs.dtype.name != self.compute_dtype else outputs

    def get_config(self):
        config = {
            "axis": self.axis, "epsilon": self.epsilon, "center": self.center, "scale": self.scale,
            "rms_scaling": self.rms_scaling, **affine_config(self),
        }
        return {**super().get_config(), **config}
