"""BatchNormalization: normalise with the batch's moments in training, the moving ones otherwise.

In training (``training=True`` and the layer trainable) the moving statistics move by
``moving * momentum + batch * (1 - momentum)``, written with tf ops in Keras's order so the
float32 results agree; the update is an ``assign`` made outside any tape (it is state, not
part of the differentiated computation).
"""
import leantf as tf

from ....framework.tape import stop_recording_all
from ... import constraints, initializers, regularizers
from ...keras_tensor import KerasTensor
from ...config import epsilon as backend_epsilon
from ..input_spec import InputSpec
from ..layer import Layer
from .affine import set_affine_options

__all__ = ["BatchNormalization"]


class BatchNormalization(Layer):
    def __init__(self, axis=-1, momentum=0.99, epsilon=0.001, center=True, scale=True, beta_initializer="zeros",
                 gamma_initializer="ones", moving_mean_initializer="zeros", moving_variance_initializer="ones",
                 beta_regularizer=None, gamma_regularizer=None, beta_constraint=None, gamma_constraint=None,
                 renorm=False, renorm_clipping=None, renorm_momentum=0.99, synchronized=False, **kwargs):
        super().__init__(**kwargs)
        self.axis = int(axis)
        self.synchronized = synchronized  # one replica here: nothing to synchronise
        self.momentum = float(momentum)
        self.epsilon = float(epsilon)
        self.center = center
        self.scale = scale
        set_affine_options(self, beta_initializer, gamma_initializer, beta_regularizer, gamma_regularizer,
                           beta_constraint, gamma_constraint)
        self.moving_mean_initializer = initializers.get(moving_mean_initializer)
        self.moving_variance_initializer = initializers.get(moving_variance_initializer)
        self.supports_masking = True
        self.renorm = renorm
        if renorm:
            raise NotImplementedError("BatchNormalization(renorm=True) is not implemented in leantf.")
        self.renorm_clipping = renorm_clipping
        self.renorm_momentum = renorm_momentum
        self.gamma = None
        self.beta = None
        self.moving_mean = None
        self.moving_variance = None
        self._reduction_axes = None

    def build(self, input_shape):
        dims = tuple(input_shape)  # a tuple, so a bad axis fails as in Keras ("tuple index out of range")
        shape = (dims[self.axis],)
        if self.scale:
            self.gamma = self.add_weight(shape=shape, name="gamma", initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer, constraint=self.gamma_constraint,
                                         trainable=True, autocast=False)
        if self.center:
            self.beta = self.add_weight(shape=shape, name="beta", initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer, constraint=self.beta_constraint,
                                        trainable=True, autocast=False)
        self.moving_mean = self.add_weight(shape=shape, name="moving_mean", initializer=self.moving_mean_initializer,
                                           trainable=False, autocast=False)
        self.moving_variance = self.add_weight(shape=shape, name="moving_variance",
                                               initializer=self.moving_variance_initializer, trainable=False,
                                               autocast=False)
        self.input_spec = InputSpec(ndim=len(dims), axes={self.axis: dims[self.axis]})
        reduction_axes = list(range(len(dims)))
        del reduction_axes[self.axis]
        self._reduction_axes = reduction_axes

    def call(self, inputs, training=None, mask=None):
        if mask is not None and len(mask.shape) != len(inputs.shape) - 1:
            raise ValueError("The mask provided should be one dimension less than the inputs. Received: "
                             f"mask.shape={mask.shape}, inputs.shape={inputs.shape}")
        # float16/bfloat16 inputs are normalised in float32, as Keras does.
        compute = inputs.dtype if inputs.dtype.name in ("float32", "float64") else "float32"
        x = tf.cast(inputs, compute) if compute is not inputs.dtype else inputs
        moving_mean = tf.cast(self.moving_mean, x.dtype)
        moving_variance = tf.cast(self.moving_variance, x.dtype)
        gamma = tf.cast(self.gamma, x.dtype) if self.scale else None
        beta = tf.cast(self.beta, x.dtype) if self.center else None
        if training and self.trainable:
            mean, variance = self._moments(x, mask)
            if not isinstance(inputs, KerasTensor):  # building a Functional graph updates nothing
                with stop_recording_all():
                    self.moving_mean.assign(moving_mean * self.momentum + mean * (1.0 - self.momentum))
                    self.moving_variance.assign(moving_variance * self.momentum +
                                                variance * (1.0 - self.momentum))
        else:
            mean, variance = moving_mean, moving_variance
        if self.axis != -1 and self.axis != len(x.shape) - 1:
            shape = [1] * len(x.shape)
            shape[self.axis] = -1
            mean, variance = tf.reshape(mean, shape), tf.reshape(variance, shape)
            gamma = None if gamma is None else tf.reshape(gamma, shape)
            beta = None if beta is None else tf.reshape(beta, shape)
        outputs = tf.nn.batch_normalization(x, mean, variance, beta, gamma, self.epsilon)
        return tf.cast(outputs, self.compute_dtype) if outputs.dtype.name != self.compute_dtype else outputs

    def _moments(self, x, mask):
        if mask is None:
            return tf.nn.moments(x, axes=self._reduction_axes)
        # Masked moments: only unmasked positions count (Keras adds epsilon to the counts).
        m = tf.cast(tf.broadcast_to(tf.expand_dims(mask, -1), tf.shape(x)), "bool")
        zeros = tf.zeros_like(x)
        weight = tf.reduce_sum(tf.cast(m, x.dtype), self._reduction_axes, keepdims=True) + backend_epsilon()
        mean = tf.reduce_sum(tf.where(m, x, zeros), self._reduction_axes, keepdims=True) / weight
        variance = tf.reduce_sum(tf.square(tf.where(m, x - mean, zeros)), self._reduction_axes,
                                 keepdims=True) / weight
        return tf.squeeze(mean), tf.squeeze(variance)

    def get_config(self):
        base_config = super().get_config()
        config = {
            "axis": self.axis, "momentum": self.momentum, "epsilon": self.epsilon, "center": self.center,
            "scale": self.scale, "beta_initializer": initializers.serialize(self.beta_initializer),
            "gamma_initializer": initializers.serialize(self.gamma_initializer),
            "moving_mean_initializer": initializers.serialize(self.moving_mean_initializer),
            "moving_variance_initializer": initializers.serialize(self.moving_variance_initializer),
            "beta_regularizer": regularizers.serialize(self.beta_regularizer),
            "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
            "beta_constraint": constraints.serialize(self.beta_constraint),
            "gamma_constraint": constraints.serialize(self.gamma_constraint),
            "synchronized": self.synchronized, "renorm": self.renorm, "renorm_clipping": self.renorm_clipping,
            "renorm_momentum": self.renorm_momentum,
        }
        return {**base_config, **config}
