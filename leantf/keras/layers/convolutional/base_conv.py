"""Convolution layers: BaseConv and Conv1D/Conv2D/Conv3D.

The arithmetic is ``tf.nn.convolution`` (one im2col GEMM in leantf's conv kernel) plus a
bias add and the activation, as Keras's TensorFlow backend does it. Argument checks and
messages follow Keras 3 (``Computed output size would be zero or negative`` is raised at
build time, from the same shape rule Keras uses).
"""
import math

import leantf as tf

from ... import activations, constraints, initializers, regularizers
from .._validation import np_repr, shape_tuple, standardize_data_format, standardize_padding, standardize_tuple
from ..input_spec import InputSpec
from ..layer import Layer

__all__ = ["BaseConv", "Conv1D", "Conv2D", "Conv3D", "tf_data_format", "conv_output_shape", "add_bias"]

_FORMATS = {("channels_last", 3): "NWC", ("channels_last", 4): "NHWC", ("channels_last", 5): "NDHWC",
            ("channels_first", 3): "NCW", ("channels_first", 4): "NCHW", ("channels_first", 5): "NCDHW"}


def tf_data_format(data_format, ndim):
    fmt = _FORMATS.get((data_format, ndim))
    if fmt is None:
        raise ValueError(f"Input rank not supported: {ndim}. Expected values are [3, 4, 5]")
    return fmt


def conv_output_shape(input_shape, filters, kernel_size, strides, padding, data_format, dilation_rate):
    """Keras's ``compute_conv_output_shape``: used at build time for its checks and texts."""
    input_shape = shape_tuple(input_shape)
    if data_format == "channels_last":
        spatial, kernel_shape = input_shape[1:-1], kernel_size + (input_shape[-1], filters)
    else:
        spatial, kernel_shape = input_shape[2:], kernel_size + (input_shape[1], filters)
    if len(kernel_shape) != len(input_shape):
        raise ValueError(f"Kernel shape must have the same length as input, but received kernel of shape "
                         f"{kernel_shape} and input of shape {input_shape}.")
    out = []
    for i, n in enumerate(spatial):
        if n is None:
            out.append(None)
            continue
        if padding == "valid":
            size = math.floor((n - dilation_rate[i] * (kernel_size[i] - 1) - 1) / strides[i]) + 1
            if size <= 0:
                raise ValueError(f"Computed output size would be zero or negative. Received `inputs shape="
                                 f"{input_shape}`, `kernel shape={kernel_shape}`, `dilation_rate="
                                 f"{np_repr(dilation_rate)}`, `strides={strides}`, `padding={padding}`.")
        else:  # same / causal
            size = math.floor((n - 1) / strides[i]) + 1
        out.append(size)
    if data_format == "channels_last":
        return (input_shape[0], *out, kernel_shape[-1])
    return (input_shape[0], kernel_shape[-1], *out)


def add_bias(outputs, bias, data_format, rank):
    if data_format == "channels_last":
        return tf.add(outputs, bias)  # broadcasts along the last axis
    return tf.add(outputs, tf.reshape(bias, (1, -1) + (1,) * rank))


def _check_positive(name, value):
    """Keras's check of ``filters`` and ``depth_multiplier`` (None passes)."""
    if value is not None and value <= 0:
        raise ValueError(f"Invalid value for argument `{name}`. Expected a strictly positive value. "
                         f"Received {name}={value}.")


def _check_strides_and_dilation(strides, dilation_rate):
    """Keras's check in the convolutions and transposed convolutions (TF's kernels refuse both)."""
    if max(strides) > 1 and max(dilation_rate) > 1:
        raise ValueError("`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: "
                         f"strides={strides} and dilation_rate={dilation_rate}")


class _ConvLayer(Layer):
    """What the convolution bases (BaseConv, BaseConvTranspose, BaseDepthwiseConv,
    BaseSeparableConv) share, written once: their activation, ``use_bias`` and per-weight
    initializer / regularizer / constraint arguments and config entries, the channel InputSpec
    and bias weight made at build, and bias + activation after the op. Each weight argument is
    named ``{prefix}_initializer`` ... for a weight prefix such as ``kernel`` or ``bias``."""

    _WEIGHT_ARGS = (("initializer", initializers), ("regularizer", regularizers), ("constraint", constraints))

    def _set_weight_args(self, activation, use_bias, **weights):
        """``weights``: prefix -> (initializer, regularizer, constraint) identifiers. Set in Keras's
        order: all initializers, then all regularizers, then all constraints."""
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        for i, (kind, module) in enumerate(self._WEIGHT_ARGS):
            for prefix, identifiers in weights.items():
                setattr(self, f"{prefix}_{kind}", module.get(identifiers[i]))

    def _weight_args_config(self, *prefixes):
        """The config entries of ``_set_weight_args``'s arguments, in Keras's order (which puts
        ``activity_regularizer`` after the weights' regularizers)."""
        config = {"activation": activations.serialize(self.activation), "use_bias": self.use_bias}
        for kind, module in self._WEIGHT_ARGS:
            for prefix in prefixes:
                config[f"{prefix}_{kind}"] = module.serialize(getattr(self, f"{prefix}_{kind}"))
            if kind == "regularizer":
                config["activity_regularizer"] = regularizers.serialize(self.activity_regularizer)
        return config

    def _input_channels(self, input_shape):
        """The input's channel count, pinned in the InputSpec (done first thing in build)."""
        axis = -1 if self.data_format == "channels_last" else 1
        input_channel = input_shape[axis]
        self.input_spec = InputSpec(min_ndim=self.rank + 2, axes={axis: input_channel})
        return input_channel

    def _build_bias(self, size):
        if self.use_bias:
            self.bias = self.add_weight(name="bias", shape=(size,), initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint,
                                        trainable=True, dtype=self.dtype)
        else:
            self.bias = None

    def _bias_and_activation(self, outputs):
        if self.use_bias:
            outputs = add_bias(outputs, self.bias, self.data_format, self.rank)
        if self.activation is not None:
            return self.activation(outputs)
        return outputs


class BaseConv(_ConvLayer):
    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid", data_format=None, dilation_rate=1,
                 groups=1, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, lora_rank=None, lora_alpha=None, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.rank = rank
        self.filters = filters
        self.groups = groups
        self.kernel_size = standardize_tuple(kernel_size, rank, "kernel_size")
        self.strides = standardize_tuple(strides, rank, "strides")
        self.dilation_rate = standardize_tuple(dilation_rate, rank, "dilation_rate")
        self.padding = standardize_padding(padding, allow_causal=rank == 1)
        self.data_format = standardize_data_format(data_format)
        self._set_weight_args(activation, use_bias, kernel=(kernel_initializer, kernel_regularizer, kernel_constraint),
                              bias=(bias_initializer, bias_regularizer, bias_constraint))
        self.lora_rank = lora_rank
        self.lora_alpha = lora_alpha if lora_alpha is not None else lora_rank
        self.input_spec = InputSpec(min_ndim=self.rank + 2)
        _check_positive("filters", self.filters)
        if self.groups <= 0:
            raise ValueError(f"The number of groups must be a positive integer. Received: groups={self.groups}.")
        if self.filters is not None and self.filters % self.groups != 0:
            raise ValueError("The number of filters must be evenly divisible by the number of groups. Received: "
                             f"groups={self.groups}, filters={self.filters}.")
        if not all(self.kernel_size):
            raise ValueError(f"The argument `kernel_size` cannot contain 0. Received kernel_size={self.kernel_size}.")
        if not all(self.strides):
            raise ValueError(f"The argument `strides` cannot contains 0. Received strides={self.strides}")
        _check_strides_and_dilation(self.strides, self.dilation_rate)

    def build(self, input_shape):
        input_channel = self._input_channels(input_shape)
        if input_channel % self.groups != 0:
            raise ValueError("The number of input channels must be evenly divisible by the number of groups. "
                             f"Received groups={self.groups}, but the input has {input_channel} channels (full "
                             f"input shape is {shape_tuple(input_shape)}).")
        conv_output_shape(input_shape, self.filters, self.kernel_size, self.strides, self.padding,
                          self.data_format, self.dilation_rate)
        self.kernel = self.add_weight(name="kernel",
                                      shape=self.kernel_size + (input_channel // self.groups, self.filters),
                                      initializer=self.kernel_initializer, regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint, trainable=True, dtype=self.dtype)
        self._build_bias(self.filters)

    def convolution_op(self, inputs, kernel, padding=None):
        return tf.nn.convolution(inputs, kernel, strides=list(self.strides), padding=(padding or self.padding).upper(),
                                 data_format=tf_data_format(self.data_format, self.rank + 2),
                                 dilations=list(self.dilation_rate))

    def call(self, inputs):
        return self._bias_and_activation(self.convolution_op(inputs, self.kernel))

    def get_config(self):
        config = super().get_config()
        config.update({
            "filters": self.filters, "kernel_size": self.kernel_size, "strides": self.strides,
            "padding": self.padding, "data_format": self.data_format, "dilation_rate": self.dilation_rate,
            "groups": self.groups, **self._weight_args_config("kernel", "bias"),
        })
        if self.lora_rank:
            config["lora_rank"] = self.lora_rank
            config["lora_alpha"] = self.lora_alpha
        return config


class Conv1D(BaseConv):
    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None, dilation_rate=1, groups=1,
                 activation=None, use_bias=True, kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 bias_constraint=None, **kwargs):
        super().__init__(rank=1, filters=filters, kernel_size=kernel_size, strides=strides, padding=padding,
                         data_format=data_format, dilation_rate=dilation_rate, groups=groups, activation=activation,
                         use_bias=use_bias, kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
                         bias_constraint=bias_constraint, **kwargs)

    def call(self, inputs):
        if self.padding != "causal":
            return super().call(inputs)
        # Causal: pad (kernel extent - 1) steps on the left only, then a valid convolution,
        # so output step t sees inputs up to t and never after.
        left = self.dilation_rate[0] * (self.kernel_size[0] - 1)
        pads = [[0, 0], [left, 0], [0, 0]] if self.data_format == "channels_last" else [[0, 0], [0, 0], [left, 0]]
        return self._bias_and_activation(self.convolution_op(tf.pad(inputs, pads), self.kernel, padding="valid"))


class Conv2D(BaseConv):
    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid", data_format=None, dilation_rate=(1, 1),
                 groups=1, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(rank=2, filters=filters, kernel_size=kernel_size, strides=strides, padding=padding,
                         data_format=data_format, dilation_rate=dilation_rate, groups=groups, activation=activation,
                         use_bias=use_bias, kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
                         bias_constraint=bias_constraint, **kwargs)


class Conv3D(BaseConv):
    def __init__(self, filters, kernel_size, strides=(1, 1, 1), padding="valid", data_format=None,
                 dilation_rate=(1, 1, 1), groups=1, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(rank=3, filters=filters, kernel_size=kernel_size, strides=strides, padding=padding,
                         data_format=data_format, dilation_rate=dilation_rate, groups=groups, activation=activation,
                         use_bias=use_bias, kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
                         bias_constraint=bias_constraint, **kwargs)
