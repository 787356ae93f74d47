"""Every layer through the generic check (leantf.testing.run_layer_test): build on the first
call, weight counts, config round trip, symbolic and eager calls agreeing on the shape, and
one training step that moves every trainable weight."""
import pytest

from leantf import keras
from leantf.testing.layer_test import run_layer_test

L = keras.layers

# (class, kwargs, input shape(s), expected output shape, trainable, non-trainable[, input dtype])
CASES = [
    (L.ReLU, {"max_value": 2.0}, (2, 3), (2, 3), 0, 0),
    (L.LeakyReLU, {"negative_slope": 0.1}, (2, 3), (2, 3), 0, 0),
    (L.ELU, {}, (2, 3), (2, 3), 0, 0),
    # A zero alpha gets no gradient from sum(y**2) (y is 0 where alpha acts): start it at 0.25.
    (L.PReLU, {"alpha_initializer": keras.initializers.Constant(0.25)}, (2, 3, 4), (2, 3, 4), 1, 0),
    (L.PReLU, {"alpha_initializer": "ones", "shared_axes": [1, 2]}, (2, 3, 4, 5), (2, 3, 4, 5), 1, 0),
    (L.Permute, {"dims": (2, 1)}, (2, 3, 4), (2, 4, 3), 0, 0),
    (L.RepeatVector, {"n": 3}, (2, 4), (2, 3, 4), 0, 0),
    (L.Lambda, {"function": keras.activations.tanh}, (2, 3), (2, 3), 0, 0),
    (L.Conv1D, {"filters": 2, "kernel_size": 3}, (2, 7, 3), (2, 5, 2), 2, 0),
    (L.Conv1D, {"filters": 2, "kernel_size": 3, "padding": "causal", "dilation_rate": 2}, (2, 7, 3), (2, 7, 2), 2, 0),
    (L.Conv2D, {"filters": 2, "kernel_size": 3, "padding": "same", "strides": 2, "activation": "relu"},
     (2, 7, 7, 3), (2, 4, 4, 2), 2, 0),
    (L.Conv2D, {"filters": 2, "kernel_size": 3, "data_format": "channels_first"}, (2, 3, 7, 7), (2, 2, 5, 5), 2, 0),
    (L.Conv2D, {"filters": 4, "kernel_size": 3, "groups": 2, "use_bias": False}, (2, 7, 7, 4), (2, 5, 5, 4), 1, 0),
    (L.Conv3D, {"filters": 2, "kernel_size": 2}, (2, 4, 4, 4, 2), (2, 3, 3, 3, 2), 2, 0),
    (L.Conv2DTranspose, {"filters": 2, "kernel_size": 3, "strides": 2}, (2, 4, 4, 3), (2, 9, 9, 2), 2, 0),
    (L.Conv2DTranspose, {"filters": 2, "kernel_size": 3, "strides": 2, "padding": "same", "output_padding": 1},
     (2, 4, 4, 3), (2, 8, 8, 2), 2, 0),
    (L.Conv1DTranspose, {"filters": 2, "kernel_size": 3, "strides": 2}, (2, 4, 3), (2, 9, 2), 2, 0),
    (L.DepthwiseConv2D, {"kernel_size": 3, "depth_multiplier": 2}, (2, 6, 6, 3), (2, 4, 4, 6), 2, 0),
    (L.DepthwiseConv2D, {"kernel_size": 3, "strides": 2, "dilation_rate": 2, "padding": "same"}, (2, 9, 9, 3),
     (2, 5, 5, 3), 2, 0),
    (L.DepthwiseConv1D, {"kernel_size": 3}, (2, 6, 3), (2, 4, 3), 2, 0),
    (L.SeparableConv2D, {"filters": 4, "kernel_size": 3}, (2, 6, 6, 3), (2, 4, 4, 4), 3, 0),
    (L.SeparableConv1D, {"filters": 4, "kernel_size": 3}, (2, 6, 3), (2, 4, 4), 3, 0),
    (L.MaxPool1D, {}, (2, 6, 3), (2, 3, 3), 0, 0),
    (L.MaxPooling1D, {"pool_size": 3, "strides": 1, "padding": "same"}, (2, 6, 3), (2, 6, 3), 0, 0),
    (L.MaxPool2D, {}, (2, 6, 6, 3), (2, 3, 3, 3), 0, 0),
    (L.MaxPooling2D, {"data_format": "channels_first"}, (2, 3, 6, 6), (2, 3, 3, 3), 0, 0),
    (L.MaxPooling3D, {}, (2, 4, 4, 4, 2), (2, 2, 2, 2, 2), 0, 0),
    (L.AvgPool1D, {"pool_size": 2}, (2, 6, 3), (2, 3, 3), 0, 0),
    (L.AveragePooling1D, {"pool_size": 2}, (2, 6, 3), (2, 3, 3), 0, 0),
    (L.AvgPool2D, {"pool_size": 3, "strides": 2, "padding": "same"}, (2, 7, 7, 3), (2, 4, 4, 3), 0, 0),
    (L.AveragePooling2D, {"pool_size": (2, 1)}, (2, 6, 6, 3), (2, 3, 6, 3), 0, 0),
    (L.AveragePooling3D, {"pool_size": 2}, (2, 4, 4, 4, 2), (2, 2, 2, 2, 2), 0, 0),
    (L.GlobalAveragePooling1D, {}, (2, 5, 3), (2, 3), 0, 0),
    (L.GlobalAvgPool1D, {"data_format": "channels_first"}, (2, 5, 3), (2, 5), 0, 0),
    (L.GlobalAveragePooling2D, {"keepdims": True}, (2, 5, 5, 3), (2, 1, 1, 3), 0, 0),
    (L.GlobalAvgPool2D, {}, (2, 5, 5, 3), (2, 3), 0, 0),
    (L.GlobalMaxPooling1D, {}, (2, 5, 3), (2, 3), 0, 0),
    (L.GlobalMaxPool1D, {"keepdims": True}, (2, 5, 3), (2, 1, 3), 0, 0),
    (L.GlobalMaxPooling2D, {"data_format": "channels_first"}, (2, 3, 5, 5), (2, 3), 0, 0),
    (L.GlobalMaxPool2D, {}, (2, 5, 5, 3), (2, 3), 0, 0),
    (L.GlobalAveragePooling3D, {}, (2, 3, 3, 3, 2), (2, 2), 0, 0),
    (L.GlobalMaxPooling3D, {}, (2, 3, 3, 3, 2), (2, 2), 0, 0),
    (L.ZeroPadding2D, {"padding": ((1, 2), (3, 4))}, (2, 5, 5, 3), (2, 8, 12, 3), 0, 0),
    (L.ZeroPadding2D, {"padding": 1, "data_format": "channels_first"}, (2, 3, 5, 5), (2, 3, 7, 7), 0, 0),
    (L.ZeroPadding1D, {}, (2, 5, 3), (2, 7, 3), 0, 0),
    (L.UpSampling2D, {}, (2, 3, 3, 2), (2, 6, 6, 2), 0, 0),
    (L.UpSampling2D, {"interpolation": "bilinear", "size": (2, 3)}, (2, 3, 4, 2), (2, 6, 12, 2), 0, 0),
    (L.UpSampling1D, {}, (2, 3, 2), (2, 6, 2), 0, 0),
    (L.Cropping2D, {"cropping": ((1, 0), (1, 2))}, (2, 5, 6, 3), (2, 4, 3, 3), 0, 0),
    (L.Cropping1D, {}, (2, 5, 3), (2, 3, 3), 0, 0),
    # Normalised outputs have zero-sum: a beta of 1 keeps sum(y**2)'s gradient non-zero.
    (L.BatchNormalization, {"beta_initializer": "ones"}, (4, 3), (4, 3), 2, 2),
    (L.BatchNormalization, {"axis": 1, "beta_initializer": "ones"}, (4, 3, 5, 5), (4, 3, 5, 5), 2, 2),
    (L.BatchNormalization, {"center": False, "scale": False}, (4, 3), (4, 3), 0, 2),
    (L.LayerNormalization, {"beta_initializer": "ones"}, (4, 3), (4, 3), 2, 0),
    (L.LayerNormalization, {"axis": [1, 2], "beta_initializer": "ones"}, (4, 3, 5), (4, 3, 5), 2, 0),
    (L.Embedding, {"input_dim": 10, "output_dim": 3}, (2, 5), (2, 5, 3), 1, 0, "int32"),
    (L.Embedding, {"input_dim": 10, "output_dim": 3, "mask_zero": True}, (2, 5), (2, 5, 3), 1, 0, "int64"),
    (L.Concatenate, {}, [(2, 3), (2, 4)], (2, 7), 0, 0),
    (L.Concatenate, {"axis": 1}, [(2, 3, 4), (2, 1, 4)], (2, 4, 4), 0, 0),
    (L.Add, {}, [(2, 3), (2, 3)], (2, 3), 0, 0),
    (L.Add, {}, [(2, 3, 4), (2, 4)], (2, 3, 4), 0, 0),
    (L.Subtract, {}, [(2, 3), (2, 3)], (2, 3), 0, 0),
    (L.Multiply, {}, [(2, 3), (2, 3), (2, 3)], (2, 3), 0, 0),
    (L.Average, {}, [(2, 3), (2, 3)], (2, 3), 0, 0),
    (L.Maximum, {}, [(2, 3), (2, 3)], (2, 3), 0, 0),
    (L.Minimum, {}, [(2, 3), (2, 3)], (2, 3), 0, 0),
    (L.Dot, {"axes": 1}, [(2, 3), (2, 3)], (2, 1), 0, 0),
    (L.Dot, {"axes": (2, 1), "normalize": True}, [(2, 3, 4), (2, 4, 5)], (2, 3, 5), 0, 0),
    (L.GaussianNoise, {"stddev": 0.1}, (2, 3), (2, 3), 0, 0),
    (L.SpatialDropout1D, {"rate": 0.5}, (2, 3, 4), (2, 3, 4), 0, 0),
    (L.SpatialDropout2D, {"rate": 0.5}, (2, 3, 3, 4), (2, 3, 3, 4), 0, 0),
    (L.SpatialDropout3D, {"rate": 0.5, "data_format": "channels_first"}, (2, 3, 2, 2, 2), (2, 3, 2, 2, 2), 0, 0),
]


def _id(case):
    return f"{case[0].__name__}-{'-'.join(f'{k}={v}' for k, v in case[1].items())}"


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_run_layer_test(case):
    cls, kwargs, shape, out_shape, n_train, n_frozen = case[:6]
    dtype = case[6] if len(case) > 6 else "float32"
    run_layer_test(cls, kwargs, input_shape=shape, input_dtype=dtype, expected_output_shape=out_shape,
                   expected_num_trainable_weights=n_train, expected_num_non_trainable_weights=n_frozen)
