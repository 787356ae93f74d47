"""Golden values for convolution and pooling, taken from real TensorFlow.

Run with a Python that has TensorFlow 2.21 (never a leantf dependency):

    /path/to/tf-venv/bin/python tools/golden_conv.py

It writes tests/fixtures/conv_golden.npz: for every case in CASES the inputs, the
upstream gradient ``g``, TF's output ``y`` and TF's gradients with respect to each
input, plus the case table itself as JSON (``__cases__``) so the test reads the
configurations from the same file. Inputs are drawn from a fixed NumPy seed.
"""
import json
import os
import sys

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

# name -> (function, input shapes, keyword arguments); inputs are float32 unless "dtype" is given.
CASES = {
    "conv2d_same_s1": ("conv2d", [[2, 7, 7, 3], [3, 3, 3, 4]], {"strides": 1, "padding": "SAME"}),
    "conv2d_valid_s23": ("conv2d", [[2, 8, 7, 3], [3, 2, 3, 5]], {"strides": [2, 3], "padding": "VALID"}),
    "conv2d_same_s2_even_kernel": ("conv2d", [[1, 8, 8, 2], [4, 4, 2, 3]], {"strides": 2, "padding": "SAME"}),
    "conv2d_dilated": ("conv2d", [[1, 9, 9, 2], [3, 3, 2, 2]], {"strides": 1, "padding": "SAME", "dilations": 2}),
    "conv2d_dilated_strided": ("conv2d", [[1, 9, 9, 2], [3, 3, 2, 2]],
                               {"strides": 2, "padding": "SAME", "dilations": 2}),
    "conv2d_explicit": ("conv2d", [[1, 6, 6, 2], [3, 3, 2, 3]],
                        {"strides": 1, "padding": [[0, 0], [1, 2], [0, 1], [0, 0]]}),
    "conv2d_nchw": ("conv2d", [[1, 2, 6, 6], [3, 3, 2, 3]], {"strides": 2, "padding": "SAME", "data_format": "NCHW"}),
    "conv2d_grouped": ("conv2d", [[1, 5, 5, 4], [3, 3, 2, 6]], {"strides": 1, "padding": "SAME"}),
    "conv2d_float64": ("conv2d", [[2, 6, 5, 3], [3, 3, 3, 2]], {"strides": [1, 2], "padding": "SAME",
                                                                "dtype": "float64"}),
    "conv1d_s2": ("conv1d", [[2, 9, 3], [3, 3, 4]], {"stride": 2, "padding": "SAME"}),
    "conv3d": ("conv3d", [[1, 5, 5, 5, 2], [2, 3, 2, 2, 3]], {"strides": [1, 1, 2, 1, 1], "padding": "SAME"}),
    "depthwise_s2": ("depthwise_conv2d", [[2, 6, 6, 3], [3, 3, 3, 2]], {"strides": [1, 2, 2, 1], "padding": "SAME"}),
    "depthwise_dilated": ("depthwise_conv2d", [[1, 7, 7, 2], [3, 3, 2, 1]],
                          {"strides": [1, 1, 1, 1], "padding": "SAME", "dilations": [2, 2]}),
    # TF runs this through with_space_to_batch: strides apply on the rate-subsampled grid.
    "depthwise_dilated_strided": ("depthwise_conv2d", [[2, 7, 7, 3], [3, 3, 3, 2]],
                                  {"strides": [1, 2, 2, 1], "padding": "SAME", "dilations": [2, 2]}),
    "depthwise_valid": ("depthwise_conv2d", [[1, 7, 6, 2], [2, 3, 2, 3]], {"strides": [1, 1, 1, 1], "padding": "VALID"}),
    "conv2d_transpose_same": ("conv2d_transpose", [[2, 3, 3, 4], [3, 3, 3, 4]],
                              {"output_shape": [2, 6, 6, 3], "strides": 2, "padding": "SAME"}),
    "conv2d_transpose_valid": ("conv2d_transpose", [[2, 3, 3, 4], [3, 3, 3, 4]],
                               {"output_shape": [2, 7, 7, 3], "strides": 2, "padding": "VALID"}),
    "max_pool2d_k3_s2_same": ("max_pool2d", [[2, 6, 7, 3]], {"ksize": 3, "strides": 2, "padding": "SAME"}),
    "max_pool2d_k2_valid_ties": ("max_pool2d", [[2, 6, 6, 2]], {"ksize": 2, "strides": 2, "padding": "VALID",
                                                                "integers": True}),
    "max_pool2d_overlap_ties": ("max_pool2d", [[1, 6, 6, 2]], {"ksize": 3, "strides": 1, "padding": "SAME",
                                                               "integers": True}),
    "max_pool2d_explicit": ("max_pool2d", [[1, 5, 5, 2]], {"ksize": 2, "strides": 2,
                                                          "padding": [[0, 0], [1, 1], [1, 0], [0, 0]]}),
    "avg_pool2d_k3_s2_same": ("avg_pool2d", [[2, 6, 7, 3]], {"ksize": 3, "strides": 2, "padding": "SAME"}),
    "avg_pool2d_k23_valid": ("avg_pool2d", [[2, 6, 7, 3]], {"ksize": [2, 3], "strides": 1, "padding": "VALID"}),
    "avg_pool2d_nchw": ("avg_pool2d", [[1, 2, 5, 5]], {"ksize": 2, "strides": 2, "padding": "SAME",
                                                      "data_format": "NCHW"}),
    "max_pool1d": ("max_pool1d", [[2, 9, 3]], {"ksize": 3, "strides": 2, "padding": "SAME"}),
    "avg_pool1d": ("avg_pool1d", [[2, 9, 3]], {"ksize": 3, "strides": 2, "padding": "SAME"}),
    "max_pool3d": ("max_pool3d", [[1, 4, 5, 4, 2]], {"ksize": 2, "strides": 2, "padding": "SAME"}),
    "avg_pool3d": ("avg_pool3d", [[1, 4, 5, 4, 2]], {"ksize": 3, "strides": 2, "padding": "SAME"}),
}

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "conv_golden.npz")


def make_inputs(name, shapes, kwargs):
    """The case's inputs: a fixed seed per case name, so tests can rebuild nothing and just load them."""
    rng = np.random.default_rng(sum(map(ord, name)))
    dtype = np.dtype(kwargs.get("dtype", "float32"))
    if kwargs.get("integers"):
        return [rng.integers(0, 3, s).astype(dtype) for s in shapes]  # many ties inside each window
    return [rng.standard_normal(s).astype(dtype) for s in shapes]


def call_kwargs(kwargs):
    return {k: v for k, v in kwargs.items() if k not in ("dtype", "integers")}


def main():
    import tensorflow as tf
    out = {"__cases__": np.array(json.dumps(CASES))}
    for name, (fn, shapes, kwargs) in CASES.items():
        arrays = make_inputs(name, shapes, kwargs)
        tensors = [tf.constant(a) for a in arrays]
        with tf.GradientTape() as tape:
            tape.watch(tensors)
            y = getattr(tf.nn, fn)(*tensors, **call_kwargs(kwargs))
        g = np.random.default_rng(1 + sum(map(ord, name))).standard_normal(y.shape).astype(arrays[0].dtype)
        grads = tape.gradient(y, tensors, output_gradients=tf.constant(g))
        for i, a in enumerate(arrays):
            out[f"{name}/in{i}"] = a
            out[f"{name}/grad{i}"] = grads[i].numpy()
        out[f"{name}/g"] = g
        out[f"{name}/y"] = y.numpy()
    np.savez_compressed(OUT, **out)
    print(f"wrote {len(CASES)} cases to {os.path.relpath(OUT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
