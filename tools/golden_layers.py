"""Golden outputs, gradients, configs and error texts of Keras layers, from real Keras.

Run with the TensorFlow 2.21 / Keras 3.15.1 virtualenv (never a leantf dependency):

    /work/tfenv/bin/python tools/golden_layers.py

For every entry of CASES the layer is built on a fixed input, its weights are set to
values drawn from a NumPy generator seeded by the case name, and it is called once under
a GradientTape. The fixture tests/fixtures/layers_golden.npz then holds, per case:
``<case>/x<i>`` inputs, ``<case>/w<i>`` the weights set, ``<case>/g`` the upstream
gradient, ``<case>/y`` the output, ``<case>/gx<i>`` and ``<case>/gw<i>`` the gradients of
``sum(y * g)`` with respect to the float inputs and the trainable weights, and
``<case>/after<i>`` every weight after the call (moving statistics move in training).
``__meta__`` (JSON) holds per case the serialized layer (``serialize_keras_object``, with
the auto-generated name removed) and the output shape of a call on a Keras Input with an
unknown batch size; ``__errors__`` (JSON) holds ERRORS's exception class and message.

tests/keras/layers/test_golden.py imports this file for the tables (it needs no
TensorFlow for that) and runs the same cases on leantf.
"""
import json
import os
import sys
import zlib

import numpy as np

FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "tests", "fixtures",
                       "layers_golden.npz")

# name -> (layer class, constructor kwargs, input shape or list of shapes[, options]).
# Options: "dtype" (input dtype, default float32), "int_range" (ids drawn from [0, n)),
# "training" (call argument), "function" (Lambda: an activation name).
CASES = {
    "relu": ("ReLU", {}, (3, 5)),
    "relu_max_slope_thr": ("ReLU", {"max_value": 1.5, "negative_slope": 0.1, "threshold": 0.2}, (3, 5)),
    "relu6": ("ReLU", {"max_value": 6.0}, (3, 5)),
    "leaky_relu": ("LeakyReLU", {}, (3, 5)),
    "leaky_relu_02": ("LeakyReLU", {"negative_slope": 0.2}, (3, 5)),
    "elu": ("ELU", {"alpha": 0.7}, (3, 5)),
    "prelu": ("PReLU", {}, (3, 4, 5)),
    "prelu_shared": ("PReLU", {"shared_axes": [1, 2]}, (2, 3, 4, 5)),
    "permute": ("Permute", {"dims": (2, 1)}, (2, 3, 4)),
    "permute_3": ("Permute", {"dims": (3, 1, 2)}, (2, 3, 4, 5)),
    "repeat_vector": ("RepeatVector", {"n": 3}, (2, 4)),
    "lambda_relu": ("Lambda", {}, (2, 5), {"function": "relu"}),
    "conv1d": ("Conv1D", {"filters": 4, "kernel_size": 3}, (2, 9, 3)),
    "conv1d_same_s2": ("Conv1D", {"filters": 4, "kernel_size": 3, "strides": 2, "padding": "same",
                                  "activation": "relu"}, (2, 9, 3)),
    "conv1d_causal_dil": ("Conv1D", {"filters": 2, "kernel_size": 3, "padding": "causal", "dilation_rate": 2},
                          (2, 9, 3)),
    "conv1d_cf": ("Conv1D", {"filters": 2, "kernel_size": 3, "data_format": "channels_first"}, (2, 3, 9)),
    "conv2d": ("Conv2D", {"filters": 4, "kernel_size": 3}, (2, 7, 7, 3)),
    "conv2d_same_s2": ("Conv2D", {"filters": 4, "kernel_size": (3, 2), "strides": 2, "padding": "same",
                                  "activation": "tanh"}, (2, 7, 8, 3)),
    "conv2d_dilated": ("Conv2D", {"filters": 2, "kernel_size": 3, "dilation_rate": 2, "padding": "same"},
                       (1, 9, 9, 2)),
    "conv2d_nobias": ("Conv2D", {"filters": 3, "kernel_size": 1, "use_bias": False}, (2, 4, 4, 2)),
    "conv2d_groups": ("Conv2D", {"filters": 4, "kernel_size": 3, "groups": 2}, (1, 6, 6, 4)),
    "conv2d_cf": ("Conv2D", {"filters": 2, "kernel_size": 3, "data_format": "channels_first", "padding": "same"},
                  (2, 3, 6, 6)),
    "conv3d": ("Conv3D", {"filters": 2, "kernel_size": 2, "padding": "same"}, (1, 4, 5, 4, 2)),
    "conv2d_transpose": ("Conv2DTranspose", {"filters": 2, "kernel_size": 3, "strides": 2}, (2, 4, 4, 3)),
    "conv2d_transpose_same": ("Conv2DTranspose", {"filters": 3, "kernel_size": 3, "strides": 2, "padding": "same"},
                              (2, 4, 5, 2)),
    "conv2d_transpose_outpad": ("Conv2DTranspose", {"filters": 2, "kernel_size": 3, "strides": 2,
                                                    "padding": "same", "output_padding": 1}, (1, 3, 3, 2)),
    "conv2d_transpose_valid_outpad": ("Conv2DTranspose", {"filters": 2, "kernel_size": 4, "strides": 3,
                                                          "output_padding": (1, 2)}, (1, 3, 3, 2)),
    "conv2d_transpose_dil": ("Conv2DTranspose", {"filters": 2, "kernel_size": 3, "dilation_rate": 2}, (1, 4, 4, 2)),
    "conv2d_transpose_cf": ("Conv2DTranspose", {"filters": 2, "kernel_size": 2, "strides": 2,
                                                "data_format": "channels_first"}, (1, 3, 4, 4)),
    "conv1d_transpose": ("Conv1DTranspose", {"filters": 2, "kernel_size": 3, "strides": 2, "padding": "same"},
                         (2, 5, 3)),
    "depthwise": ("DepthwiseConv2D", {"kernel_size": 3}, (2, 6, 6, 3)),
    "depthwise_mult_same_s2": ("DepthwiseConv2D", {"kernel_size": 3, "depth_multiplier": 2, "strides": 2,
                                                   "padding": "same", "activation": "relu"}, (2, 7, 7, 2)),
    "depthwise_stride_dil": ("DepthwiseConv2D", {"kernel_size": 3, "strides": 2, "dilation_rate": 2,
                                                 "padding": "same"}, (1, 9, 9, 2)),
    "depthwise_cf": ("DepthwiseConv2D", {"kernel_size": 2, "data_format": "channels_first"}, (1, 2, 5, 5)),
    "depthwise1d": ("DepthwiseConv1D", {"kernel_size": 3, "depth_multiplier": 2}, (2, 7, 3)),
    "separable": ("SeparableConv2D", {"filters": 4, "kernel_size": 3}, (2, 6, 6, 3)),
    "separable_same_s2_mult": ("SeparableConv2D", {"filters": 3, "kernel_size": 3, "strides": 2, "padding": "same",
                                                   "depth_multiplier": 2}, (2, 7, 7, 2)),
    "separable1d": ("SeparableConv1D", {"filters": 3, "kernel_size": 3}, (2, 7, 2)),
    "maxpool1d": ("MaxPooling1D", {}, (2, 7, 3)),
    "maxpool1d_same": ("MaxPooling1D", {"pool_size": 3, "strides": 2, "padding": "same"}, (2, 7, 3)),
    "maxpool2d": ("MaxPooling2D", {}, (2, 6, 6, 3)),
    "maxpool2d_alias_same": ("MaxPool2D", {"pool_size": 3, "strides": 2, "padding": "same"}, (2, 7, 7, 2)),
    "maxpool2d_cf": ("MaxPooling2D", {"data_format": "channels_first"}, (2, 3, 6, 6)),
    "maxpool3d": ("MaxPooling3D", {}, (1, 4, 4, 4, 2)),
    "avgpool1d": ("AveragePooling1D", {"pool_size": 2}, (2, 7, 3)),
    "avgpool1d_alias_same": ("AvgPool1D", {"pool_size": 3, "strides": 2, "padding": "same"}, (2, 7, 3)),
    "avgpool2d": ("AveragePooling2D", {"pool_size": 2}, (2, 6, 6, 3)),
    "avgpool2d_same": ("AvgPool2D", {"pool_size": 3, "strides": 2, "padding": "same"}, (2, 7, 7, 2)),
    "avgpool2d_cf": ("AveragePooling2D", {"pool_size": (2, 3), "data_format": "channels_first"}, (1, 2, 6, 6)),
    "avgpool3d": ("AveragePooling3D", {"pool_size": 2}, (1, 4, 4, 4, 2)),
    "gap1d": ("GlobalAveragePooling1D", {}, (2, 5, 3)),
    "gap1d_cf_keep": ("GlobalAvgPool1D", {"data_format": "channels_first", "keepdims": True}, (2, 3, 5)),
    "gap2d": ("GlobalAveragePooling2D", {}, (2, 4, 5, 3)),
    "gap2d_keep": ("GlobalAvgPool2D", {"keepdims": True}, (2, 4, 5, 3)),
    "gap3d": ("GlobalAveragePooling3D", {}, (2, 3, 3, 3, 2)),
    "gmp1d": ("GlobalMaxPooling1D", {}, (2, 5, 3)),
    "gmp2d": ("GlobalMaxPooling2D", {}, (2, 4, 5, 3)),
    "gmp2d_cf": ("GlobalMaxPool2D", {"data_format": "channels_first"}, (2, 3, 4, 5)),
    "zeropad2d": ("ZeroPadding2D", {}, (2, 3, 4, 2)),
    "zeropad2d_asym": ("ZeroPadding2D", {"padding": ((1, 2), (0, 3))}, (2, 3, 4, 2)),
    "zeropad2d_cf": ("ZeroPadding2D", {"padding": (2, 1), "data_format": "channels_first"}, (1, 2, 3, 3)),
    "zeropad1d": ("ZeroPadding1D", {"padding": (1, 2)}, (2, 3, 2)),
    "upsampling2d": ("UpSampling2D", {}, (2, 3, 4, 2)),
    "upsampling2d_size": ("UpSampling2D", {"size": (3, 2)}, (1, 2, 3, 2)),
    "upsampling2d_bilinear": ("UpSampling2D", {"size": (2, 3), "interpolation": "bilinear"}, (2, 3, 4, 2)),
    "upsampling2d_cf": ("UpSampling2D", {"data_format": "channels_first"}, (1, 2, 3, 3)),
    "upsampling1d": ("UpSampling1D", {"size": 3}, (2, 3, 2)),
    "cropping2d": ("Cropping2D", {"cropping": ((1, 2), (0, 1))}, (2, 6, 5, 3)),
    "cropping2d_int": ("Cropping2D", {"cropping": 1}, (2, 5, 5, 2)),
    "cropping2d_cf": ("Cropping2D", {"cropping": (1, 2), "data_format": "channels_first"}, (1, 2, 6, 7)),
    "cropping1d": ("Cropping1D", {"cropping": (2, 1)}, (2, 6, 3)),
    "batchnorm_infer": ("BatchNormalization", {}, (4, 3)),
    "batchnorm_train": ("BatchNormalization", {}, (6, 3), {"training": True}),
    "batchnorm_train_conv": ("BatchNormalization", {"momentum": 0.9, "epsilon": 1e-5}, (3, 4, 4, 2),
                             {"training": True}),
    "batchnorm_axis1_train": ("BatchNormalization", {"axis": 1}, (3, 2, 4, 4), {"training": True}),
    "batchnorm_noscale": ("BatchNormalization", {"scale": False, "center": False}, (5, 3), {"training": True}),
    "layernorm": ("LayerNormalization", {}, (3, 5)),
    "layernorm_3d": ("LayerNormalization", {"epsilon": 1e-5}, (2, 3, 4)),
    "layernorm_axes": ("LayerNormalization", {"axis": [1, 2]}, (2, 3, 4)),
    "layernorm_axis1": ("LayerNormalization", {"axis": 1}, (2, 3, 4)),
    "layernorm_noscale": ("LayerNormalization", {"center": False, "scale": False}, (3, 5)),
    "embedding": ("Embedding", {"input_dim": 10, "output_dim": 4}, (3, 5), {"dtype": "int32", "int_range": 10}),
    "embedding_mask": ("Embedding", {"input_dim": 7, "output_dim": 3, "mask_zero": True}, (2, 6),
                       {"dtype": "int64", "int_range": 7}),
    "embedding_float_ids": ("Embedding", {"input_dim": 6, "output_dim": 2}, (2, 3), {"int_range": 6}),
    "concatenate": ("Concatenate", {}, [(2, 3), (2, 4)]),
    "concatenate_axis1": ("Concatenate", {"axis": 1}, [(2, 3, 4), (2, 2, 4), (2, 1, 4)]),
    "add": ("Add", {}, [(2, 3), (2, 3), (2, 3)]),
    "add_broadcast": ("Add", {}, [(2, 3, 4), (2, 4)]),
    "subtract": ("Subtract", {}, [(2, 3, 4), (2, 3, 4)]),
    "multiply": ("Multiply", {}, [(2, 3), (2, 3)]),
    "average": ("Average", {}, [(2, 3), (2, 3), (2, 3)]),
    "maximum": ("Maximum", {}, [(2, 3), (2, 3)]),
    "minimum": ("Minimum", {}, [(2, 4, 3), (2, 4, 3)]),
    "dot_2d": ("Dot", {"axes": 1}, [(3, 4), (3, 4)]),
    "dot_normalize": ("Dot", {"axes": 1, "normalize": True}, [(3, 4), (3, 4)]),
    "dot_3d": ("Dot", {"axes": (2, 1)}, [(2, 3, 4), (2, 4, 5)]),
    "dot_3d_neg": ("Dot", {"axes": -1}, [(2, 3, 4), (2, 5, 4)]),
    "dot_3d_2d": ("Dot", {"axes": (2, 1)}, [(2, 3, 4), (2, 4)]),
    "gaussian_noise_infer": ("GaussianNoise", {"stddev": 0.3}, (2, 5)),
    "spatial_dropout2d_infer": ("SpatialDropout2D", {"rate": 0.5}, (2, 3, 3, 4)),
    "spatial_dropout1d_infer": ("SpatialDropout1D", {"rate": 0.5}, (2, 3, 4)),
}

# Constructor/call snippets whose exception class and message must match Keras's.
# Evaluated with `keras`, `np` and `z` (zeros of a shape, float32) in scope.
ERRORS = {
    "conv2d_3d_input": "keras.layers.Conv2D(2, 3)(z(2, 5, 5))",
    "conv2d_too_small": "keras.layers.Conv2D(2, 3)(z(1, 2, 2, 3))",
    "conv2d_5d_input": "keras.layers.Conv2D(2, 3)(z(2, 5, 5, 1, 1))",
    "conv2d_channels_changed": "(lambda l: (l(z(1, 5, 5, 3)), l(z(1, 5, 5, 4))))(keras.layers.Conv2D(2, 3))",
    "conv2d_filters0": "keras.layers.Conv2D(0, 3)",
    "conv2d_kernel_size_len": "keras.layers.Conv2D(2, (3, 3, 3))",
    "conv2d_kernel_size_zero": "keras.layers.Conv2D(2, (3, 0))",
    "conv2d_kernel_size_str": "keras.layers.Conv2D(2, ('a', 3))",
    "conv2d_padding": "keras.layers.Conv2D(2, 3, padding='full')",
    "conv2d_causal": "keras.layers.Conv2D(2, 3, padding='causal')",
    "conv2d_strides_dilation": "keras.layers.Conv2D(2, 3, strides=2, dilation_rate=2)",
    "conv2d_groups_filters": "keras.layers.Conv2D(3, 3, groups=2)",
    "conv2d_groups_channels": "keras.layers.Conv2D(4, 3, groups=2)(z(1, 5, 5, 3))",
    "conv2d_data_format": "keras.layers.Conv2D(2, 3, data_format='NHWC')",
    "conv1d_2d_input": "keras.layers.Conv1D(2, 3)(z(2, 5))",
    "conv2d_transpose_outpad": "keras.layers.Conv2DTranspose(2, 3, strides=2, output_padding=2)",
    "depthwise_3d_input": "keras.layers.DepthwiseConv2D(3)(z(2, 5, 5))",
    "depthwise_multiplier": "keras.layers.DepthwiseConv2D(3, depth_multiplier=0)",
    "separable_filters": "keras.layers.SeparableConv2D(0, 3)",
    "maxpool2d_3d_input": "keras.layers.MaxPool2D()(z(2, 5, 5))",
    "maxpool2d_pool_size": "keras.layers.MaxPool2D(pool_size=(2, 2, 2))",
    "avgpool1d_4d_input": "keras.layers.AveragePooling1D(2)(z(2, 5, 5, 1))",
    "avgpool2d_no_pool_size": "keras.layers.AveragePooling2D()",
    "gap2d_3d_input": "keras.layers.GlobalAveragePooling2D()(z(2, 5, 5))",
    "concat_mismatch": "keras.layers.Concatenate()([z(2, 3, 4), z(2, 5, 4)])",
    "concat_not_list": "keras.layers.Concatenate()(z(2, 3))",
    "add_mismatch": "keras.layers.Add()([z(2, 3), z(2, 4)])",
    "add_not_list": "keras.layers.Add()(z(2, 3))",
    "add_batch_sizes": "keras.layers.Add()([z(2, 3), z(3, 3)])",
    "subtract_three": "keras.layers.Subtract()([z(2, 3), z(2, 3), z(2, 3)])",
    "dot_mismatch": "keras.layers.Dot(axes=1)([z(2, 3), z(2, 4)])",
    "dot_three": "keras.layers.Dot(axes=1)([z(2, 3), z(2, 3), z(2, 3)])",
    "dot_axes_len": "keras.layers.Dot(axes=(1, 2, 3))",
    "dot_axes_type": "keras.layers.Dot(axes='a')",
    "permute_dims": "keras.layers.Permute((1, 3))",
    "permute_rank": "keras.layers.Permute((2, 1))(z(2, 3, 4, 5))",
    "repeat_vector_3d": "keras.layers.RepeatVector(2)(z(2, 3, 4))",
    "repeat_vector_float": "keras.layers.RepeatVector(2.0)",
    "repeat_vector_zero": "keras.layers.RepeatVector(0)",
    "embedding_input_dim": "keras.layers.Embedding(0, 3)",
    "embedding_output_dim": "keras.layers.Embedding(3, 2.5)",
    "batchnorm_axis": "keras.layers.BatchNormalization(axis=3)(z(2, 3))",
    "batchnorm_channels_changed": "(lambda l: (l(z(2, 3)), l(z(2, 4))))(keras.layers.BatchNormalization())",
    "layernorm_axis_type": "keras.layers.LayerNormalization(axis='a')",
    "cropping2d_too_big": "keras.layers.Cropping2D(3)(z(1, 5, 5, 1))",
    "cropping2d_negative": "keras.layers.Cropping2D(-1)",
    "cropping2d_len": "keras.layers.Cropping2D((1, 2, 3))",
    "zeropadding2d_len": "keras.layers.ZeroPadding2D((1, 2, 3))",
    "zeropadding2d_3d_input": "keras.layers.ZeroPadding2D()(z(1, 5, 5))",
    "upsampling2d_3d_input": "keras.layers.UpSampling2D()(z(1, 5, 5))",
    "relu_max_value": "keras.layers.ReLU(max_value=-1)",
    "relu_negative_slope": "keras.layers.ReLU(negative_slope=-1)",
    "relu_threshold": "keras.layers.ReLU(threshold=-1)",
    "leaky_relu_negative": "keras.layers.LeakyReLU(-1)",
    "gaussian_noise_stddev": "keras.layers.GaussianNoise(2)",
    "spatial_dropout_rate": "keras.layers.SpatialDropout2D(2)",
    "spatial_dropout_3d_input": "keras.layers.SpatialDropout2D(0.5)(z(1, 5, 5))",
    "lambda_from_config_safe": ("keras.layers.Lambda.from_config({'name': 'l', 'function': {'class_name': "
                                "'__lambda__', 'config': {'code': 'AAAA', 'defaults': None, 'closure': None}}})"),
}

# Keras errors the leantf test expects to differ for now, and why. The rank checks come from
# InputSpec (leantf/keras/layers/input_spec.py, outside the layers' own files), whose ndim
# texts still use Keras 2's 'Input 0 of layer "x"' form; Keras 3.15 writes
# "Input 0 with name 'None' of layer 'x'". Non-strict: they pass once that file is updated.
_INPUT_SPEC = "input_spec.py's ndim/min_ndim message predates Keras 3.15's wording"
KNOWN_DIFFERENCES = {name: _INPUT_SPEC for name in (
    "avgpool1d_4d_input", "conv1d_2d_input", "conv2d_3d_input", "depthwise_3d_input", "gap2d_3d_input",
    "maxpool2d_3d_input", "permute_rank", "repeat_vector_3d", "spatial_dropout_3d_input", "upsampling2d_3d_input",
    "zeropadding2d_3d_input")}


def _seed(name):
    return zlib.crc32(name.encode("utf-8"))


def case_options(spec):
    return spec[3] if len(spec) > 3 else {}


def make_inputs(name, spec):
    """The case's inputs (a list of arrays), drawn from the case's own generator."""
    _, _, shapes = spec[:3]
    opts = case_options(spec)
    rng = np.random.default_rng(_seed(name))
    shapes = shapes if isinstance(shapes, list) else [shapes]
    out = []
    for s in shapes:
        if "int_range" in opts:
            ids = rng.integers(0, opts["int_range"], s)
            if name == "embedding_mask":
                ids[:, -2:] = 0  # some padding ids so the mask has both values
            out.append(ids.astype(opts.get("dtype", "float32")))
        else:
            out.append(rng.standard_normal(s).astype(opts.get("dtype", "float32")))
    return out


def make_weights(name, shapes_and_names):
    """Weight values for a case: Gaussian, except positive variances."""
    rng = np.random.default_rng(_seed(name) + 1)
    values = []
    for shape, wname in shapes_and_names:
        if "variance" in wname:
            values.append(rng.uniform(0.5, 1.5, shape).astype("float32"))
        else:
            values.append((rng.standard_normal(shape) * 0.5).astype("float32"))
    return values


def make_upstream(name, shape):
    return np.random.default_rng(_seed(name) + 2).standard_normal(shape).astype("float32")


def layer_kwargs(spec, keras):
    kwargs = dict(spec[1])
    opts = case_options(spec)
    if "function" in opts:
        kwargs["function"] = keras.activations.get(opts["function"])
    return kwargs


def short_name(path):
    """A weight's own name from its path ("conv2d/kernel" -> "kernel")."""
    return path.rsplit("/", 1)[-1]


def strip_name(serialized):
    serialized = json.loads(json.dumps(serialized))
    serialized["config"].pop("name", None)
    return serialized


def main():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf
    import keras

    arrays, meta = {}, {}
    for name, spec in CASES.items():
        keras.utils.clear_session()
        cls = getattr(keras.layers, spec[0])
        opts = case_options(spec)
        call_kwargs = {"training": opts["training"]} if "training" in opts else {}
        xs = make_inputs(name, spec)
        layer = cls(**layer_kwargs(spec, keras))
        arg = xs if isinstance(spec[2], list) else xs[0]
        layer(arg, **call_kwargs)  # builds
        weights = make_weights(name, [(tuple(w.shape), short_name(w.path)) for w in layer.weights])
        if weights:
            layer.set_weights(weights)
        tensors = [tf.constant(x) for x in xs]
        with tf.GradientTape(persistent=True) as tape:
            for t in tensors:
                if t.dtype.is_floating:
                    tape.watch(t)
            y = layer(tensors if isinstance(spec[2], list) else tensors[0], **call_kwargs)
            g = make_upstream(name, tuple(y.shape))
            loss = tf.reduce_sum(tf.cast(y, "float32") * g)
        for i, x in enumerate(xs):
            arrays[f"{name}/x{i}"] = x
            grad = tape.gradient(loss, tensors[i]) if tensors[i].dtype.is_floating else None
            if grad is not None:  # float ids of an Embedding are not differentiable
                arrays[f"{name}/gx{i}"] = grad.numpy()
        for i, w in enumerate(weights):
            arrays[f"{name}/w{i}"] = w
        for i, v in enumerate(layer.trainable_weights):
            grad = tape.gradient(loss, v)
            if grad is None:
                grad = np.zeros(v.shape, "float32")
            elif isinstance(grad, tf.IndexedSlices):  # Embedding's sparse gradient, densified
                grad = tf.convert_to_tensor(grad)
            arrays[f"{name}/gw{i}"] = np.asarray(grad)
        for i, v in enumerate(layer.weights):
            arrays[f"{name}/after{i}"] = v.numpy()
        arrays[f"{name}/g"] = g
        arrays[f"{name}/y"] = y.numpy()
        mask = layer.compute_mask(tensors[0], None) if hasattr(layer, "compute_mask") and \
            not isinstance(spec[2], list) else None
        if mask is not None:
            arrays[f"{name}/mask"] = mask.numpy()
        shapes = spec[2] if isinstance(spec[2], list) else [spec[2]]
        sym_in = [keras.Input(batch_shape=(None,) + tuple(s[1:]), dtype=opts.get("dtype", "float32"))
                  for s in shapes]
        sym_layer = cls(**layer_kwargs(spec, keras))
        sym_out = sym_layer(sym_in if isinstance(spec[2], list) else sym_in[0], **call_kwargs)
        meta[name] = {
            "serialized": strip_name(keras.saving.serialize_keras_object(layer)),
            "class_name": type(layer).__name__,
            "auto_name": sym_layer.name,
            "symbolic_shape": list(sym_out.shape),
            "weight_names": [short_name(w.path) for w in layer.weights],
            "trainable": [bool(w.trainable) for w in layer.weights],
        }
    errors = {}
    scope = {"keras": keras, "np": np, "z": lambda *s: np.zeros(s, "float32")}
    for name, source in ERRORS.items():
        keras.utils.clear_session()
        try:
            eval(source, dict(scope))
            errors[name] = None
        except Exception as e:  # noqa: BLE001 - recording whatever Keras raises
            errors[name] = [type(e).__name__, str(e)]
    arrays["__meta__"] = np.array(json.dumps(meta))
    arrays["__errors__"] = np.array(json.dumps(errors))
    np.savez_compressed(FIXTURE, **arrays)
    print(f"wrote {len(CASES)} cases, {len(ERRORS)} errors to {os.path.normpath(FIXTURE)}", file=sys.stderr)


if __name__ == "__main__":
    main()
