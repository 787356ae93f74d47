"""DepthwiseConv2D and SeparableConv2D (and their 1D forms, run as 2D with a unit height).

Like Keras's TensorFlow backend: channels_first inputs are transposed to channels_last
around the op (TF's CPU depthwise kernel is NHWC only), and ``strides > 1`` together with
``dilation_rate > 1`` -- which TF's kernel refuses -- is done as a stride-1 dilated
convolution over explicitly "same"-padded input followed by subsampling.
"""
import leantf as tf

from ... import regularizers
from .._validation import standardize_data_format, standardize_padding, standardize_tuple
from ..input_spec import InputSpec
from .base_conv import _check_positive, _ConvLayer, conv_output_shape

__all__ = ["DepthwiseConv1D", "DepthwiseConv2D", "SeparableConv1D", "SeparableConv2D"]


def _to_channels_last(x, rank):
    return tf.transpose(x, [0] + list(range(2, rank + 2)) + [1])


def _to_channels_first(x, rank):
    return tf.transpose(x, [0, rank + 1] + list(range(1, rank + 1)))


def _pad_same(x, kernel_size, strides, dilation_rate):
    """Explicit "same" padding of an NHWC tensor (TF's split: the extra pixel goes after)."""
    pads = [[0, 0]]
    for i, k in enumerate(kernel_size):
        n = x.shape[i + 1]
        effective = (k - 1) * dilation_rate[i] + 1
        out = (n + strides[i] - 1) // strides[i]
        total = max((out - 1) * strides[i] + effective - n, 0)
        pads.append([total // 2, total - total // 2])
    pads.append([0, 0])
    return tf.pad(x, pads)


def depthwise_or_separable(inputs, depthwise_kernel, pointwise_kernel, strides, padding, data_format,
                           dilation_rate, rank):
    """One depthwise (then optionally pointwise) convolution, in NHWC."""
    if data_format == "channels_first":
        inputs = _to_channels_last(inputs, rank)
    if rank == 1:  # a 1D convolution is a 2D one over a height of 1
        inputs = tf.expand_dims(inputs, 1)
        depthwise_kernel = tf.expand_dims(depthwise_kernel, 0)
        if pointwise_kernel is not None:
            pointwise_kernel = tf.expand_dims(pointwise_kernel, 0)
        strides, dilation_rate = (1,) + tuple(strides), (1,) + tuple(dilation_rate)
    kernel_size = tuple(depthwise_kernel.shape.as_list()[:2])
    if any(s > 1 for s in strides) and any(d > 1 for d in dilation_rate):
        if padding == "same":
            inputs = _pad_same(inputs, kernel_size, strides, dilation_rate)
        outputs = tf.nn.depthwise_conv2d(inputs, depthwise_kernel, strides=[1, 1, 1, 1], padding="VALID",
                                         data_format="NHWC", dilations=list(dilation_rate))
        outputs = outputs[:, ::strides[0], ::strides[1], :]
        if pointwise_kernel is not None:
            outputs = tf.nn.conv2d(outputs, pointwise_kernel, strides=[1, 1, 1, 1], padding="VALID",
                                   data_format="NHWC")
    elif pointwise_kernel is None:
        outputs = tf.nn.depthwise_conv2d(inputs, depthwise_kernel, strides=[1, *strides, 1], padding=padding.upper(),
                                         data_format="NHWC", dilations=list(dilation_rate))
    else:
        outputs = tf.nn.separable_conv2d(inputs, depthwise_kernel, pointwise_kernel, strides=[1, *strides, 1],
                                         padding=padding.upper(), data_format="NHWC", dilations=list(dilation_rate))
    if rank == 1:
        outputs = tf.squeeze(outputs, [1])
    if data_format == "channels_first":
        outputs = _to_channels_first(outputs, rank)
    return outputs


class BaseDepthwiseConv(_ConvLayer):
    def __init__(self, rank, depth_multiplier, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, activation=None, use_bias=True, depthwise_initializer="glorot_uniform",
                 bias_initializer="zeros", depthwise_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, depthwise_constraint=None, bias_constraint=None, trainable=True, name=None,
                 **kwargs):
        super().__init__(trainable=trainable, name=name, activity_regularizer=regularizers.get(activity_regularizer),
                         **kwargs)
        self.rank = rank
        self.depth_multiplier = depth_multiplier
        self.kernel_size = standardize_tuple(kernel_size, rank, "kernel_size")
        self.strides = standardize_tuple(strides, rank, "strides")
        self.dilation_rate = standardize_tuple(dilation_rate, rank, "dilation_rate")
        self.padding = standardize_padding(padding)
        self.data_format = standardize_data_format(data_format)
        self._set_weight_args(activation, use_bias,
                              depthwise=(depthwise_initializer, depthwise_regularizer, depthwise_constraint),
                              bias=(bias_initializer, bias_regularizer, bias_constraint))
        self.input_spec = InputSpec(min_ndim=self.rank + 2)
        _check_positive("depth_multiplier", self.depth_multiplier)
        if not all(self.kernel_size):
            raise ValueError(f"The argument `kernel_size` cannot contain 0. Received kernel_size={self.kernel_size}.")
        if not all(self.strides):
            raise ValueError(f"The argument `strides` cannot contains 0. Received strides={self.strides}")

    def build(self, input_shape):
        input_channel = self._input_channels(input_shape)
        conv_output_shape(input_shape, self.depth_multiplier * input_channel, self.kernel_size, self.strides,
                          self.padding, self.data_format, self.dilation_rate)
        self.kernel = self.add_weight(name="kernel", shape=self.kernel_size + (input_channel, self.depth_multiplier),
                                      initializer=self.depthwise_initializer, regularizer=self.depthwise_regularizer,
                                      constraint=self.depthwise_constraint, trainable=True, dtype=self.dtype)
        self._build_bias(self.depth_multiplier * input_channel)

    def call(self, inputs):
        return self._bias_and_activation(depthwise_or_separable(
            inputs, self.kernel, None, self.strides, self.padding, self.data_format, self.dilation_rate, self.rank))

    def get_config(self):
        config = super().get_config()
        config.update({
            "depth_multiplier": self.depth_multiplier, "kernel_size": self.kernel_size, "strides": self.strides,
            "padding": self.padding, "data_format": self.data_format, "dilation_rate": self.dilation_rate,
            **self._weight_args_config("depthwise", "bias"),
        })
        return config


class DepthwiseConv1D(BaseDepthwiseConv):
    def __init__(self, kernel_size, strides=1, padding="valid", depth_multiplier=1, data_format=None,
                 dilation_rate=1, activation=None, use_bias=True, depthwise_initializer="glorot_uniform",
                 bias_initializer="zeros", depthwise_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, depthwise_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(rank=1, depth_multiplier=depth_multiplier, kernel_size=kernel_size, strides=strides,
                         padding=padding, data_format=data_format, dilation_rate=dilation_rate, activation=activation,
                         use_bias=use_bias, depthwise_initializer=depthwise_initializer,
                         bias_initializer=bias_initializer, depthwise_regularizer=depthwise_regularizer,
                         bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
                         depthwise_constraint=depthwise_constraint, bias_constraint=bias_constraint, **kwargs)


class DepthwiseConv2D(BaseDepthwiseConv):
    def __init__(self, kernel_size, strides=(1, 1), padding="valid", depth_multiplier=1, data_format=None,
                 dilation_rate=(1, 1), activation=None, use_bias=True, depthwise_initializer="glorot_uniform",
                 bias_initializer="zeros", depthwise_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, depthwise_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(rank=2, depth_multiplier=depth_multiplier, kernel_size=kernel_size, strides=strides,
                         padding=padding, data_format=data_format, dilation_rate=dilation_rate, activation=activation,
                         use_bias=use_bias, depthwise_initializer=depthwise_initializer,
                         bias_initializer=bias_initializer, depthwise_regularizer=depthwise_regularizer,
                         bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
                         depthwise_constraint=depthwise_constraint, bias_constraint=bias_constraint, **kwargs)


class BaseSeparableConv(_ConvLayer):
    def __init__(self, rank, depth_multiplier, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, activation=None, use_bias=True, depthwise_initializer="glorot_uniform",
                 pointwise_initializer="glorot_uniform", bias_initializer="zeros", depthwise_regularizer=None,
                 pointwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, pointwise_constraint=None, bias_constraint=None, trainable=True, name=None,
                 **kwargs):
        super().__init__(trainable=trainable, name=name, activity_regularizer=regularizers.get(activity_regularizer),
                         **kwargs)
        self.rank = rank
        self.depth_multiplier = depth_multiplier
        self.filters = filters
        self.kernel_size = standardize_tuple(kernel_size, rank, "kernel_size")
        self.strides = standardize_tuple(strides, rank, "strides")
        self.dilation_rate = standardize_tuple(dilation_rate, rank, "dilation_rate")
        self.padding = standardize_padding(padding)
        self.data_format = standardize_data_format(data_format)
        self._set_weight_args(activation, use_bias,
                              depthwise=(depthwise_initializer, depthwise_regularizer, depthwise_constraint),
                              pointwise=(pointwise_initializer, pointwise_regularizer, pointwise_constraint),
                              bias=(bias_initializer, bias_regularizer, bias_constraint))
        self.input_spec = InputSpec(min_ndim=self.rank + 2)
        _check_positive("depth_multiplier", self.depth_multiplier)
        _check_positive("filters", self.filters)
        if not all(self.kernel_size):
            raise ValueError(f"The argument `kernel_size` cannot contain 0. Received: kernel_size={self.kernel_size}.")
        if not all(self.strides):
            raise ValueError(f"The argument `strides` cannot contains 0(s). Received: strides={self.strides}")

    def build(self, input_shape):
        input_channel = self._input_channels(input_shape)
        conv_output_shape(input_shape, self.filters, self.kernel_size, self.strides, self.padding, self.data_format,
                          self.dilation_rate)
        self.depthwise_kernel = self.add_weight(
            name="depthwise_kernel", shape=self.kernel_size + (input_channel, self.depth_multiplier),
            initializer=self.depthwise_initializer, regularizer=self.depthwise_regularizer,
            constraint=self.depthwise_constraint, trainable=True, dtype=self.dtype)
        self.pointwise_kernel = self.add_weight(
            name="pointwise_kernel", shape=(1,) * self.rank + (self.depth_multiplier * input_channel, self.filters),
            initializer=self.pointwise_initializer, regularizer=self.pointwise_regularizer,
            constraint=self.pointwise_constraint, trainable=True, dtype=self.dtype)
        self._build_bias(self.filters)

    def call(self, inputs):
        return self._bias_and_activation(depthwise_or_separable(
            inputs, self.depthwise_kernel, self.pointwise_kernel, self.strides, self.padding, self.data_format,
            self.dilation_rate, self.rank))

    def get_config(self):
        config = super().get_config()
        config.update({
            "depth_multiplier": self.depth_multiplier, "filters": self.filters, "kernel_size": self.kernel_size,
            "strides": self.strides, "padding": self.padding, "data_format": self.data_format,
            "dilation_rate": self.dilation_rate, **self._weight_args_config("depthwise", "pointwise", "bias"),
        })
        return config


class SeparableConv1D(BaseSeparableConv):
    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None, dilation_rate=1,
                 depth_multiplier=1, activation=None, use_bias=True, depthwise_initializer="glorot_uniform",
                 pointwise_initializer="glorot_uniform", bias_initializer="zeros", depthwise_regularizer=None,
                 pointwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, pointwise_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(rank=1, depth_multiplier=depth_multiplier, filters=filters, kernel_size=kernel_size,
                         strides=strides, padding=padding, data_format=data_format, dilation_rate=dilation_rate,
                         activation=activation, use_bias=use_bias, depthwise_initializer=depthwise_initializer,
                         pointwise_initializer=pointwise_initializer, bias_initializer=bias_initializer,
                         depthwise_regularizer=depthwise_regularizer, pointwise_regularizer=pointwise_regularizer,
                         bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
                         depthwise_constraint=depthwise_constraint, pointwise_constraint=pointwise_constraint,
                         bias_constraint=bias_constraint, **kwargs)


class SeparableConv2D(BaseSeparableConv):
    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid", data_format=None, dilation_rate=(1, 1),
                 depth_multiplier=1, activation=None, use_bias=True, depthwise_initializer="glorot_uniform",
                 pointwise_initializer="glorot_uniform", bias_initializer="zeros", depthwise_regularizer=None,
                 pointwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, pointwise_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(rank=2, depth_multiplier=depth_multiplier, filters=filters, kernel_size=kernel_size,
                         strides=strides, padding=padding, data_format=data_format, dilation_rate=dilation_rate,
                         activation=activation, use_bias=use_bias, depthwise_initializer=depthwise_initializer,
                         pointwise_initializer=pointwise_initializer, bias_initializer=bias_initializer,
                         depthwise_regularizer=depthwise_regularizer, pointwise_regularizer=pointwise_regularizer,
                         bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
                         depthwise_constraint=depthwise_constraint, pointwise_constraint=pointwise_constraint,
                         bias_constraint=bias_constraint, **kwargs)
