"""Transposed convolutions: Conv1DTranspose, Conv2DTranspose, Conv3DTranspose.

``tf.nn.conv_transpose`` (the input-gradient of a convolution run forwards) with the
output size Keras computes, which also honours ``output_padding``.
"""
import leantf as tf

from .._validation import shape_tuple, standardize_data_format, standardize_padding, standardize_tuple
from ..input_spec import InputSpec
from .base_conv import _check_positive, _check_strides_and_dilation, _ConvLayer, tf_data_format

__all__ = ["BaseConvTranspose", "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose",
           "conv_transpose_output_shape"]


def _transpose_size(n, kernel, stride, padding, output_padding, dilation):
    """Keras's output length of a transposed convolution along one axis."""
    if n is None:
        return None
    kernel = (kernel - 1) * dilation + 1
    if padding == "valid":
        if output_padding is None:
            output_padding = max(kernel, stride) - kernel
        return (n - 1) * stride + kernel + output_padding
    if output_padding is None:
        return n * stride
    return (n - 1) * stride + kernel % 2 + output_padding


def conv_transpose_output_shape(input_shape, kernel_size, filters, strides, padding, output_padding, data_format,
                                dilation_rate):
    input_shape = list(input_shape)
    spatial = input_shape[1:-1] if data_format == "channels_last" else input_shape[2:]
    out = [_transpose_size(n, kernel_size[i], strides[i], padding,
                           None if output_padding is None else output_padding[i], dilation_rate[i])
           for i, n in enumerate(spatial)]
    if data_format == "channels_last":
        return [input_shape[0]] + out + [filters]
    return [input_shape[0], filters] + out


class BaseConvTranspose(_ConvLayer):
    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid", output_padding=None, data_format=None,
                 dilation_rate=1, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, trainable=True, name=None, **kwargs):
        super().__init__(trainable=trainable, name=name, activity_regularizer=activity_regularizer, **kwargs)
        self.rank = rank
        self.filters = filters
        self.kernel_size = standardize_tuple(kernel_size, rank, "kernel_size")
        self.strides = standardize_tuple(strides, rank, "strides")
        self.dilation_rate = standardize_tuple(dilation_rate, rank, "dilation_rate")
        self.padding = standardize_padding(padding)
        self.output_padding = None if output_padding is None else \
            standardize_tuple(output_padding, rank, "output_padding", allow_zero=True)
        self.data_format = standardize_data_format(data_format)
        self._set_weight_args(activation, use_bias, kernel=(kernel_initializer, kernel_regularizer, kernel_constraint),
                              bias=(bias_initializer, bias_regularizer, bias_constraint))
        self.input_spec = InputSpec(min_ndim=self.rank + 2)
        _check_positive("filters", self.filters)
        if not all(self.kernel_size):
            raise ValueError(f"The argument `kernel_size` cannot contain 0. Received kernel_size={self.kernel_size}.")
        if not all(self.strides):
            raise ValueError(f"The argument `strides` cannot contains 0. Received strides={self.strides}.")
        if self.output_padding is not None:
            for i, (op, s) in enumerate(zip(self.output_padding, self.strides)):
                if op >= s:
                    raise ValueError("`output_padding` must be strictly less than `strides` for all dimensions. "
                                     f"At dimension {i}, `output_padding` is {op} but `strides` is {s}. Received: "
                                     f"output_padding={self.output_padding}, strides={self.strides}")
        _check_strides_and_dilation(self.strides, self.dilation_rate)

    def build(self, input_shape):
        input_channel = self._input_channels(input_shape)
        # Kernel layout (spatial..., out_channels, in_channels): that of the forward
        # convolution whose input-gradient this layer computes.
        self.kernel = self.add_weight(name="kernel", shape=self.kernel_size + (self.filters, input_channel),
                                      initializer=self.kernel_initializer, regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint, trainable=True, dtype=self.dtype)
        self._build_bias(self.filters)

    def call(self, inputs):
        dims = shape_tuple(inputs.shape)
        static = conv_transpose_output_shape(dims, self.kernel_size, self.filters, self.strides, self.padding,
                                             self.output_padding, self.data_format, self.dilation_rate)
        if None in dims:
            # An unknown batch (a Keras Input) comes from the runtime shape; the result is
            # reshaped to the static shape below so symbolic outputs keep every known size.
            if not all(d is not None for d in dims[1:]):
                raise ValueError(f"{type(self).__name__} needs known spatial and channel sizes. Received: "
                                 f"input shape {dims}")
            output_shape = tf.stack([tf.shape(inputs)[0]] + static[1:])
        else:
            output_shape = static
        outputs = tf.nn.conv_transpose(inputs, self.kernel, output_shape, list(self.strides),
                                       padding=self.padding.upper(),
                                       data_format=tf_data_format(self.data_format, self.rank + 2),
                                       dilations=list(self.dilation_rate))
        if None in dims:
            outputs = tf.reshape(outputs, [-1] + static[1:])
        return self._bias_and_activation(outputs)

    def get_config(self):
        config = super().get_config()
        config.update({
            "filters": self.filters, "kernel_size": self.kernel_size, "strides": self.strides,
            "padding": self.padding, "output_padding": self.output_padding, "data_format": self.data_format,
            "dilation_rate": self.dilation_rate, **self._weight_args_config("kernel", "bias"),
        })
        return config


class Conv1DTranspose(BaseConvTranspose):
    def __init__(self, filters, kernel_size, strides=1, padding="valid", output_padding=None, data_format=None,
                 dilation_rate=1, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(rank=1, filters=filters, kernel_size=kernel_size, strides=strides, padding=padding,
                         output_padding=output_padding, data_format=data_format, dilation_rate=dilation_rate,
                         activation=activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
                         bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
                         bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
                         kernel_constraint=kernel_constraint, bias_constraint=bias_constraint, **kwargs)


class Conv2DTranspose(BaseConvTranspose):
    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid", output_padding=None, data_format=None,
                 dilation_rate=(1, 1), activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(rank=2, filters=filters, kernel_size=kernel_size, strides=strides, padding=padding,
                         output_padding=output_padding, data_format=data_format, dilation_rate=dilation_rate,
                         activation=activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
                         bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
                         bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
                         kernel_constraint=kernel_constraint, bias_constraint=bias_constraint, **kwargs)


class Conv3DTranspose(BaseConvTranspose):
    def __init__(self, filters, kernel_size, strides=(1, 1, 1), padding="valid", data_format=None,
                 output_padding=None, dilation_rate=(1, 1, 1), activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros", kernel_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
                 **kwargs):
        super().__init__(rank=3, filters=filters, kernel_size=kernel_size, strides=strides, padding=padding,
                         output_padding=output_padding, data_format=data_format, dilation_rate=dilation_rate,
                         activation=activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
                         bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
                         bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
                         kernel_constraint=kernel_constraint, bias_constraint=bias_constraint, **kwargs)
