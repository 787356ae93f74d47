"""Small core layers: Activation, Flatten, Reshape, Softmax, Dropout."""
import numpy as np

from .... import nn
from ....ops import basic_ops
from ... import activations
from ..layer import Layer

__all__ = ["Activation", "Flatten", "Reshape", "Softmax", "Dropout"]


class Activation(Layer):
    def __init__(self, activation, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.activation = activations.get(activation)

    def call(self, inputs):
        return self.activation(inputs)

    def get_config(self):
        config = super().get_config()
        config["activation"] = activations.serialize(self.activation)
        return config


class Flatten(Layer):
    def __init__(self, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = data_format or "channels_last"

    def call(self, inputs):
        if self.data_format == "channels_first" and inputs.shape.rank > 2:
            from ....ops.array_ops import transpose
            inputs = transpose(inputs, [0] + list(range(2, inputs.shape.rank)) + [1])
        dims = inputs.shape.as_list()
        rest = dims[1:]
        if None not in rest:
            return basic_ops.reshape(inputs, (-1, int(np.prod(rest))))
        return basic_ops.reshape(inputs, (dims[0] if dims[0] is not None else -1, -1))

    def get_config(self):
        config = super().get_config()
        config["data_format"] = self.data_format
        return config


class Reshape(Layer):
    def __init__(self, target_shape, **kwargs):
        super().__init__(**kwargs)
        self.target_shape = tuple(target_shape)

    def call(self, inputs):
        return basic_ops.reshape(inputs, (-1,) + _resolve_unknown(self.target_shape, inputs.shape.as_list()[1:]))

    def get_config(self):
        config = super().get_config()
        config["target_shape"] = list(self.target_shape)
        return config


class Softmax(Layer):
    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis
        self.supports_masking = True

    def call(self, inputs, mask=None):
        return nn.softmax(inputs, axis=self.axis)

    def get_config(self):
        config = super().get_config()
        config["axis"] = self.axis
        return config


class Dropout(Layer):
    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        if not 0 <= rate <= 1:
            raise ValueError(f"Invalid value received for argument `rate`. Expected a float value between 0 "
                             f"and 1. Received: rate={rate}")
        self.rate = rate
        self.noise_shape = noise_shape
        self.seed = seed
        self.supports_masking = True

    def call(self, inputs, training=False):
        if training and self.rate > 0:
            return nn.dropout(inputs, rate=self.rate, noise_shape=self.noise_shape, seed=self.seed)
        return inputs

    def get_config(self):
        config = super().get_config()
        config.update({"rate": self.rate, "seed": self.seed, "noise_shape": self.noise_shape})
        return config


def _resolve_unknown(target, rest):
    """Replace a -1 in ``target`` by its size, so the batch axis alone stays -1."""
    if -1 not in target:
        return target
    if None in rest:
        raise ValueError(f"Reshape with -1 in target_shape {target} needs a known input shape, got {rest}")
    known = int(np.prod([d for d in target if d != -1]))
    total = int(np.prod(rest))
    if known == 0 or total % known:
        raise ValueError(f"The total size of the tensor must be unchanged. Received: input_shape={tuple(rest)}, "
                         f"target_shape={target}")
    return tuple(total // known if d == -1 else d for d in target)
