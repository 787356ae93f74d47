"""UnitNormalization (each sample scaled to unit L2 norm along ``axis``) and
GroupNormalization (mean/variance over groups of channels, per sample; batch-size
independent, so it behaves the same in training and inference)."""
import leantf as tf

from ..input_spec import InputSpec
from ..layer import Layer
from .affine import affine_config, set_affine_options

__all__ = ["UnitNormalization", "GroupNormalization"]


class UnitNormalization(Layer):
    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        if isinstance(axis, (list, tuple)):
            self.axis = list(axis)
        elif isinstance(axis, int):
            self.axis = axis
        else:
            raise TypeError("Invalid value for `axis` argument: expected an int or a list/tuple of ints. "
                            f"Received: axis={axis}")
        self.supports_masking = True
        self.built = True

    def call(self, inputs):
        # Keras: x * min(rsqrt(sum x^2), 1/eps) with eps = 1e-12, so an all-zero row stays zero.
        square_sum = tf.reduce_sum(tf.square(inputs), axis=self.axis, keepdims=True)
        inv_norm = tf.minimum(tf.math.rsqrt(square_sum), tf.constant(1e12, inputs.dtype))
        return inputs * inv_norm

    def get_config(self):
        config = super().get_config()
        config["axis"] = self.axis
        return config


class GroupNormalization(Layer):
    def __init__(self, groups=32, axis=-1, epsilon=1e-3, center=True, scale=True, beta_initializer="zeros",
                 gamma_initializer="ones", beta_regularizer=None, gamma_regularizer=None, beta_constraint=None,
                 gamma_constraint=None, **kwargs):
        if not isinstance(groups, int) or (groups <= 0 and groups != -1):
            raise ValueError("Received an invalid value for argument `groups`, expected a positive integer (or "
                             f"`-1` for instance normalization). Received: groups={groups}")
        super().__init__(**kwargs)
        self.supports_masking = True
        self.autocast = False
        self.groups = groups
        self.axis = axis
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        set_affine_options(self, beta_initializer, gamma_initializer, beta_regularizer, gamma_regularizer,
                           beta_constraint, gamma_constraint)

    def build(self, input_shape):
        dim = input_shape[self.axis]
        if dim is None:
            raise ValueError(f"Axis {self.axis} of input tensor should have a defined dimension but the layer "
                             f"received an input with shape {tuple(input_shape)}.")
        if self.groups == -1:  # one group per channel: instance normalization
            self.groups = dim
        if dim < self.groups:
            raise ValueError(f"Number of groups ({self.groups}) cannot be more than the number of channels ({dim}).")
        if dim % self.groups != 0:
            raise ValueError(f"Number of groups ({self.groups}) must be a multiple of the number of channels "
                             f"({dim}).")
        self.input_spec = InputSpec(ndim=len(input_shape), axes={self.axis: dim})
        self.gamma = self.add_weight(shape=(dim,), name="gamma", initializer=self.gamma_initializer,
                                     regularizer=self.gamma_regularizer, constraint=self.gamma_constraint) \
            if self.scale else None
        self.beta = self.add_weight(shape=(dim,), name="beta", initializer=self.beta_initializer,
                                    regularizer=self.beta_regularizer, constraint=self.beta_constraint) \
            if self.center else None
        self.built = True

    def call(self, inputs):
        rank = inputs.shape.rank
        axis = self.axis % rank
        channels = inputs.shape[axis]
        dims = tf.unstack(tf.shape(inputs)) if None in inputs.shape.as_list()[1:] else inputs.shape.as_list()
        grouped = [-1] + [dims[i] for i in range(1, rank)]
        grouped[axis:axis + 1] = [self.groups, channels // self.groups]
        x = tf.reshape(inputs, tf.stack(grouped) if any(hasattr(d, "dtype") for d in grouped) else grouped)
        # Statistics over everything but the batch and the groups axis.
        reduce_axes = [i for i in range(1, rank + 1) if i != axis]
        mean, variance = tf.nn.moments(x, axes=reduce_axes, keepdims=True)
        inv = tf.math.rsqrt(variance + self.epsilon)
        param_shape = [1] * (rank + 1)
        param_shape[axis:axis + 2] = [self.groups, channels // self.groups]
        if self.scale:
            inv = inv * tf.reshape(self.gamma, param_shape)
        shift = -mean * inv
        if self.center:
            shift = shift + tf.reshape(self.beta, param_shape)
        out = x * inv + shift
        # A static target keeps the known axis sizes on symbolic inputs.
        known = inputs.shape.as_list()[1:]
        return tf.reshape(out, [-1] + known if None not in known else tf.shape(inputs))

    def get_config(self):
        config = super().get_config()
        config.update({
            "groups": self.groups, "axis": self.axis, "epsilon": self.epsilon, "center": self.center,
            "scale": self.scale, **affine_config(self),
        })
        return config
