"""keras.layers.TimeDistributed: apply one layer to every time slice of a (batch, time, ...) input.

Keras calls the wrapped layer once per time step (a Python loop when the time axis is
known) and stacks the results, so a layer whose result depends on the whole batch (batch
normalization in training) sees each step's slice alone; this does the same.
"""
import leantf as tf

from ...saving import serialization
from ..layer import Layer, name_scope

__all__ = ["TimeDistributed"]


class TimeDistributed(Layer):
    def __init__(self, layer, **kwargs):
        if not isinstance(layer, Layer):
            raise ValueError("Please initialize `TimeDistributed` layer with a `keras.layers.Layer` instance. "
                             f"Received: {layer}")
        super().__init__(**kwargs)
        self.layer = layer
        self.supports_masking = True

    @staticmethod
    def _child_input_shape(input_shape):
        if not isinstance(input_shape, (tuple, list, tf.TensorShape)) or len(input_shape) < 3:
            raise ValueError("`TimeDistributed` Layer should be passed an `input_shape` with at least 3 "
                             f"dimensions, received: {input_shape}")
        return (input_shape[0], *input_shape[2:])

    def build(self, input_shape):
        child = tf.TensorShape(self._child_input_shape(tuple(tf.TensorShape(input_shape).as_list())))
        if not self.layer.built:
            with name_scope(self.layer.name):
                self.layer.build(child)
            self.layer.built = True
        self.built = True

    def compute_output_shape(self, input_shape):
        child_out = self.layer.compute_output_shape(self._child_input_shape(tuple(input_shape)))
        return (child_out[0], input_shape[1], *child_out[1:])

    def call(self, inputs, training=None, mask=None):
        if mask is not None:
            self._check_mask(inputs, mask)
        steps = inputs.shape[1]
        if steps is None:
            # Unknown time axis (symbolic): one slice gives the per-step shape; broadcasting against
            # the input's time axis gives the unknown length.
            one = self._call_layer(inputs[:, 0], training, None if mask is None else mask[:, 0])
            extra = len(one.shape) - 1
            time_ones = tf.zeros_like(tf.reshape(inputs[:, :, :1] if len(inputs.shape) == 3 else
                                                 inputs[:, :, 0], [-1, tf.shape(inputs)[1]] + [1] * extra))
            return tf.expand_dims(one, 1) + tf.cast(time_ones, one.dtype)
        outputs = [self._call_layer(inputs[:, t], training, None if mask is None else mask[:, t])
                   for t in range(steps)]
        return tf.stack(outputs, axis=1)

    def _call_layer(self, x, training, mask):
        import inspect
        params = inspect.signature(self.layer.call).parameters
        kwargs = {}
        if "mask" in params and mask is not None:
            kwargs["mask"] = mask
        if "training" in params:
            kwargs["training"] = training
        return self.layer.call(x, **kwargs)

    @staticmethod
    def _check_mask(inputs, mask):
        mask_shape, input_shape = tuple(mask.shape), tuple(inputs.shape)
        if len(mask_shape) < 2:
            raise ValueError("The `mask` passed to the `TimeDistributed` layer must be at least 2D (e.g., "
                             f"`(batch_size, timesteps)`), but it has {len(mask_shape)} dimension(s) with shape "
                             f"{mask_shape}.")
        mismatch = any(a is not None and b is not None and a != b for a, b in zip(input_shape[:2], mask_shape[:2]))
        if mismatch:
            raise ValueError(f"The `mask` passed to the `TimeDistributed` layer has a shape {mask_shape} that is "
                             f"incompatible with the input shape {input_shape}. The first two dimensions of the "
                             "mask (batch size and timesteps) must match the input's first two dimensions. "
                             f"Expected mask shape prefix: ({input_shape[0]}, {input_shape[1]}).")

    def get_config(self):
        return {**super().get_config(), "layer": serialization.serialize_keras_object(self.layer)}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        layer = serialization.deserialize_keras_object(config.pop("layer"), custom_objects=custom_objects)
        return cls(layer, **config)
