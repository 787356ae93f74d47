"""Convolution and pooling: values against NumPy references and TF golden values, TF's
argument handling and error texts, symbolic shapes, and gradient cases for every primitive."""
import itertools
import json
import os

import numpy as np
import pytest

import leantf as tf
from leantf.framework.primitive import PRIMITIVES
from leantf.ops import conv_ops, pool_ops
from leantf.testing import GradCase

rng = np.random.default_rng(7)
GOLDEN = os.path.join(os.path.dirname(__file__), "..", "fixtures", "conv_golden.npz")


# -- NumPy references (direct loops, float64) -----------------------------------------------------
def _same_pads(n, k, s, d):
    out = -(-n // s)
    total = max((out - 1) * s + (k - 1) * d + 1 - n, 0)
    return out, total // 2, total - total // 2


def ref_conv2d(x, w, strides, padding, dilations=(1, 1)):
    n, h, wd, c = x.shape
    kh, kw, cg, o = w.shape
    groups = c // cg
    (sh, sw), (dh, dw) = strides, dilations
    if padding == "SAME":
        oh, pt, _ = _same_pads(h, kh, sh, dh)
        ow, pl, _ = _same_pads(wd, kw, sw, dw)
    else:
        pt = pl = 0
        oh = (h - (kh - 1) * dh - 1) // sh + 1
        ow = (wd - (kw - 1) * dw - 1) // sw + 1
    y = np.zeros((n, oh, ow, o))
    og = o // groups
    for b, i, j, f in itertools.product(range(n), range(oh), range(ow), range(o)):
        grp = f // og
        acc = 0.0
        for a, e in itertools.product(range(kh), range(kw)):
            r, q = i * sh - pt + a * dh, j * sw - pl + e * dw
            if 0 <= r < h and 0 <= q < wd:
                acc += x[b, r, q, grp * cg:(grp + 1) * cg] @ w[a, e, :, f]
        y[b, i, j, f] = acc
    return y


def ref_pool2d(x, k, s, padding, kind):
    n, h, wd, c = x.shape
    if padding == "SAME":
        oh, pt, _ = _same_pads(h, k[0], s[0], 1)
        ow, pl, _ = _same_pads(wd, k[1], s[1], 1)
    else:
        pt = pl = 0
        oh, ow = (h - k[0]) // s[0] + 1, (wd - k[1]) // s[1] + 1
    y = np.zeros((n, oh, ow, c))
    for i, j in itertools.product(range(oh), range(ow)):
        r0, q0 = i * s[0] - pt, j * s[1] - pl
        win = x[:, max(r0, 0):r0 + k[0], max(q0, 0):q0 + k[1], :]
        y[:, i, j, :] = win.max(axis=(1, 2)) if kind == "max" else win.mean(axis=(1, 2))
    return y


CONV_CONFIGS = [
    ((2, 7, 6, 3), (3, 3, 3, 4), (1, 1), "SAME", (1, 1)),
    ((2, 7, 6, 3), (3, 2, 3, 4), (2, 3), "SAME", (1, 1)),
    ((1, 8, 8, 2), (4, 4, 2, 3), (2, 2), "SAME", (1, 1)),
    ((2, 8, 7, 3), (3, 2, 3, 5), (2, 1), "VALID", (1, 1)),
    ((1, 9, 9, 2), (3, 3, 2, 2), (1, 1), "SAME", (2, 2)),
    ((1, 9, 9, 2), (3, 2, 2, 2), (2, 1), "VALID", (1, 3)),
    ((1, 5, 5, 4), (3, 3, 2, 6), (1, 1), "SAME", (1, 1)),   # two groups
    ((3, 4, 4, 5), (1, 1, 5, 2), (1, 1), "VALID", (1, 1)),  # 1x1
]


@pytest.mark.parametrize("xs, ws, strides, padding, dilations", CONV_CONFIGS)
def test_conv2d_matches_direct_loops(xs, ws, strides, padding, dilations):
    x, w = rng.standard_normal(xs), rng.standard_normal(ws)
    y = tf.nn.conv2d(x, w, list(strides), padding, dilations=list(dilations))
    assert y.dtype == tf.float64
    np.testing.assert_allclose(y.numpy(), ref_conv2d(x, w, strides, padding, dilations), rtol=1e-10, atol=1e-12)


def test_conv2d_float32_and_nchw():
    x = rng.standard_normal((2, 6, 6, 3)).astype(np.float32)
    w = rng.standard_normal((3, 3, 3, 4)).astype(np.float32)
    y = tf.nn.conv2d(x, w, 2, "SAME")
    assert y.dtype == tf.float32
    np.testing.assert_allclose(y.numpy(), ref_conv2d(x.astype(np.float64), w, (2, 2), "SAME"), rtol=1e-4, atol=1e-5)
    y_nchw = tf.nn.conv2d(np.transpose(x, (0, 3, 1, 2)), w, 2, "SAME", data_format="NCHW")
    np.testing.assert_allclose(np.transpose(y_nchw.numpy(), (0, 2, 3, 1)), y.numpy(), rtol=1e-5, atol=1e-6)


def test_conv2d_int32_and_extra_batch_dims():
    x = np.arange(18, dtype=np.int32).reshape(1, 3, 3, 2)
    w = np.ones((2, 2, 2, 1), dtype=np.int32)
    y = tf.nn.conv2d(tf.constant(x), tf.constant(w), 1, "VALID")
    assert y.dtype == tf.int32
    np.testing.assert_array_equal(y.numpy(), ref_conv2d(x, w, (1, 1), "VALID").astype(np.int32))
    x5 = rng.standard_normal((2, 3, 5, 5, 2))
    w5 = rng.standard_normal((3, 3, 2, 4))
    y5 = tf.nn.conv2d(x5, w5, 1, "SAME")
    assert y5.shape == (2, 3, 5, 5, 4)
    np.testing.assert_allclose(y5.numpy()[1], ref_conv2d(x5[1], w5, (1, 1), "SAME"), rtol=1e-10)


def test_conv1d_and_convolution_dispatch():
    x, w = rng.standard_normal((2, 9, 3)), rng.standard_normal((3, 3, 4))
    y = tf.nn.conv1d(x, w, 2, "SAME")
    ref = ref_conv2d(x[:, None], w[None], (1, 2), "SAME")[:, 0]
    np.testing.assert_allclose(y.numpy(), ref, rtol=1e-10)
    np.testing.assert_allclose(tf.nn.convolution(x, w, strides=2, padding="SAME").numpy(), ref, rtol=1e-10)
    ncw = tf.nn.conv1d(np.transpose(x, (0, 2, 1)), w, 2, "SAME", data_format="NCW")
    np.testing.assert_allclose(np.transpose(ncw.numpy(), (0, 2, 1)), ref, rtol=1e-10)
    x2, w2 = rng.standard_normal((1, 6, 6, 2)), rng.standard_normal((3, 3, 2, 2))
    np.testing.assert_allclose(tf.nn.convolution(x2, w2, padding="SAME", dilations=2).numpy(),
                               ref_conv2d(x2, w2, (1, 1), "SAME", (2, 2)), rtol=1e-10)
    np.testing.assert_allclose(tf.nn.atrous_conv2d(x2, w2, 2, "SAME").numpy(),
                               ref_conv2d(x2, w2, (1, 1), "SAME", (2, 2)), rtol=1e-10)


def test_separable_conv2d_is_depthwise_then_pointwise():
    x = rng.standard_normal((1, 5, 5, 2))
    dw, pw = rng.standard_normal((3, 3, 2, 2)), rng.standard_normal((1, 1, 4, 3))
    y = tf.nn.separable_conv2d(x, dw, pw, [1, 1, 1, 1], "SAME")
    depth = tf.nn.depthwise_conv2d(x, dw, [1, 1, 1, 1], "SAME")
    np.testing.assert_allclose(y.numpy(), tf.nn.conv2d(depth, pw, 1, "VALID").numpy(), rtol=1e-12)


def test_depthwise_dilated_and_strided_follows_tfs_space_to_batch():
    # TF warns, then samples the strided positions on the rate-subsampled grid (see golden case).
    x, w = rng.standard_normal((1, 7, 7, 2)), rng.standard_normal((3, 3, 2, 1))
    with pytest.warns(UserWarning, match="When dilation rate is greater than 1"):
        y = tf.nn.depthwise_conv2d(x, w, [1, 2, 2, 1], "SAME", dilations=[2, 2])
    assert y.shape == (1, 3, 3, 2)
    with pytest.warns(UserWarning):
        GradCase(lambda a, b: tf.nn.depthwise_conv2d(a, b, [1, 2, 2, 1], "VALID", dilations=[2, 2]), [x, w]).check()


def test_depthwise_matches_per_channel_convolution():
    x, w = rng.standard_normal((2, 6, 5, 3)), rng.standard_normal((3, 2, 3, 2))
    y = tf.nn.depthwise_conv2d(x, w, [1, 2, 1, 1], "SAME").numpy()
    for c in range(3):
        ref = ref_conv2d(x[..., c:c + 1], w[:, :, c:c + 1, :], (2, 1), "SAME")
        np.testing.assert_allclose(y[..., 2 * c:2 * c + 2], ref, rtol=1e-10)


@pytest.mark.parametrize("k, s, padding", [((2, 2), (2, 2), "VALID"), ((3, 3), (2, 2), "SAME"),
                                           ((3, 2), (1, 2), "SAME"), ((2, 3), (1, 1), "VALID")])
def test_pools_match_direct_loops(k, s, padding):
    x = rng.standard_normal((2, 7, 6, 3))
    np.testing.assert_allclose(tf.nn.max_pool2d(x, list(k), list(s), padding).numpy(),
                               ref_pool2d(x, k, s, padding, "max"))
    np.testing.assert_allclose(tf.nn.avg_pool2d(x, list(k), list(s), padding).numpy(),
                               ref_pool2d(x, k, s, padding, "avg"), rtol=1e-12)


def test_max_pool_integer_types_and_generic_forms():
    x = np.arange(32, dtype=np.int32).reshape(1, 4, 4, 2)
    y = tf.nn.max_pool2d(tf.constant(x), 2, 2, "SAME")
    assert y.dtype == tf.int32
    np.testing.assert_array_equal(y.numpy(), ref_pool2d(x, (2, 2), (2, 2), "SAME", "max"))
    assert tf.nn.max_pool(tf.ones([2, 7, 3]), 2, 2, "SAME").shape == (2, 4, 3)
    assert tf.nn.max_pool(tf.ones([2, 7, 7, 3]), [2, 2], [2, 2], "SAME").shape == (2, 4, 4, 3)
    assert tf.nn.max_pool(tf.ones([2, 4, 4, 4, 3]), 2, 2, "SAME").shape == (2, 2, 2, 2, 3)
    assert tf.nn.avg_pool(tf.ones([2, 7, 7, 3]), 3, 2, "VALID").shape == (2, 3, 3, 3)
    assert tf.nn.avg_pool2d(tf.ones([2, 5, 5, 3]), 6, 1, "VALID").shape == (2, 0, 0, 3)
    assert tf.nn.max_pool1d(tf.ones([2, 3, 7]), 2, 2, "SAME", data_format="NCW").shape == (2, 3, 4)


def test_conv2d_transpose_is_the_input_gradient_of_conv2d():
    x = tf.constant(rng.standard_normal((2, 6, 6, 3)))
    w = tf.constant(rng.standard_normal((3, 3, 3, 4)))
    g = tf.constant(rng.standard_normal((2, 3, 3, 4)))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.nn.conv2d(x, w, 2, "SAME")
    dx = tape.gradient(y, x, output_gradients=g)
    np.testing.assert_allclose(tf.nn.conv2d_transpose(g, w, [2, 6, 6, 3], 2, "SAME").numpy(), dx.numpy(),
                               rtol=1e-12)
    assert tf.nn.conv2d_transpose(g, w, tf.constant([2, 6, 6, 3]), 2).shape == (2, 6, 6, 3)
    assert tf.nn.conv2d_transpose(g, w, [6, 6], 2).shape == (2, 6, 6, 3)
    assert tf.nn.conv_transpose(g, w, [2, 6, 6, 3], 2).shape == (2, 6, 6, 3)
    assert tf.nn.conv1d_transpose(tf.ones([2, 3, 2]), tf.ones([3, 3, 2]), [2, 6, 3], 2).shape == (2, 6, 3)


# -- golden values from real TensorFlow (tools/golden_conv.py) --------------------------------------
def _golden_cases():
    data = np.load(GOLDEN, allow_pickle=False)
    cases = json.loads(str(data["__cases__"]))
    return data, cases


GOLDEN_DATA, GOLDEN_CASES = _golden_cases()


@pytest.mark.filterwarnings("ignore:When dilation rate is greater than 1")
@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_values_and_gradients_match_tensorflow(name):
    fn, shapes, kwargs = GOLDEN_CASES[name]
    kwargs = {k: v for k, v in kwargs.items() if k not in ("dtype", "integers")}
    d = GOLDEN_DATA
    ins = [tf.constant(d[f"{name}/in{i}"]) for i in range(len(shapes))]
    with tf.GradientTape() as tape:
        tape.watch(ins)
        y = getattr(tf.nn, fn)(*ins, **kwargs)
    grads = tape.gradient(y, ins, output_gradients=tf.constant(d[f"{name}/g"]))
    tol = dict(rtol=1e-12, atol=1e-12) if ins[0].dtype == tf.float64 else dict(rtol=1e-4, atol=2e-5)
    assert y.dtype == ins[0].dtype
    np.testing.assert_allclose(y.numpy(), d[f"{name}/y"], **tol)
    for i, gr in enumerate(grads):
        np.testing.assert_allclose(gr.numpy(), d[f"{name}/grad{i}"], **tol)


# -- TF's argument handling and error texts ---------------------------------------------------------------
CPU = "/job:localhost/replica:0/task:0/device:CPU:0"


def _kernel_text(label, detail, op):
    return f"{{{{function_node __wrapped__{label}_device_{CPU}}}}} {detail} [Op:{op}] name: "


X = tf.ones([2, 5, 5, 3])
W = tf.ones([3, 3, 3, 4])


@pytest.mark.parametrize("call, cls, text", [
    (lambda: tf.nn.conv2d(X, tf.ones([3, 3, 2, 4]), 1, "SAME"), tf.errors.InvalidArgumentError,
     _kernel_text("__MklNativeConv2D", "input depth must be evenly divisible by filter depth: 3 vs 2", "Conv2D")),
    (lambda: tf.nn.conv2d(X, tf.ones([3, 3, 3]), 1, "SAME"), tf.errors.InvalidArgumentError,
     _kernel_text("__MklNativeConv2D", "filter must be 4-dimensional: [3,3,3]", "Conv2D")),
    (lambda: tf.nn.conv2d(X, tf.ones([7, 7, 3, 4]), 1, "VALID"), tf.errors.InvalidArgumentError,
     _kernel_text("__MklNativeConv2D", "Computed output size would be negative: -1 [input_size: 5, "
                                       "effective_filter_size: 7, stride: 1]", "Conv2D")),
    (lambda: tf.nn.conv2d(X, W, 0, "SAME"), tf.errors.InvalidArgumentError,
     _kernel_text("__MklNativeConv2D", "Stride must be > 0, but got 0", "Conv2D")),
    (lambda: tf.nn.conv2d(X, W, [2, 1, 1, 1], "SAME"), tf.errors.UnimplementedError,
     _kernel_text("__MklNativeConv2D", "Current implementation does not yet support strides in the batch and depth "
                                       "dimensions.", "Conv2D")),
    (lambda: tf.nn.conv2d(tf.ones([1, 5, 5, 4]), tf.ones([3, 3, 2, 3]), 1, "SAME"), tf.errors.InvalidArgumentError,
     _kernel_text("__MklNativeConv2D", "output depth must be evenly divisible by number of groups: 3 vs 2",
                  "Conv2D")),
    (lambda: tf.nn.conv2d(X, tf.ones([3, 3, 3, 4], tf.float64), 1, "VALID"), tf.errors.InvalidArgumentError,
     "cannot compute _MklNativeConv2D as input #1(zero-based) was expected to be a float tensor but is a double "
     "tensor [Op:Conv2D] name: "),
    (lambda: tf.nn.conv2d(X, W, [1, 1, 1], "SAME"), ValueError,
     "strides should be of length 1, 2 or 4. Received: strides=[1, 1, 1] of length 3"),
    (lambda: tf.nn.conv2d(X, W, 1, [[1, 2], [0, 1]]), ValueError,
     "When padding is a list, it must be of size 4. Received: padding=[[1, 2], [0, 1]] of size 2"),
    (lambda: tf.nn.conv1d(tf.ones([2, 7, 3]), tf.ones([3, 3, 4]), 1, [[0, 0], [1, 1], [0, 0]]), TypeError,
     "Expected string for argument 'padding' not [[0, 0], [1, 1], [0, 0]]."),
    (lambda: tf.nn.convolution(X, W, strides=2, dilations=2), ValueError,
     "`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides=[2 2] and "
     "dilation_rate=[2 2]"),
    (lambda: tf.nn.conv3d(tf.ones([1, 4, 4, 4, 3]), tf.ones([2, 2, 2, 2, 4]), [1, 1, 1, 1, 1], "SAME"),
     tf.errors.InvalidArgumentError,
     _kernel_text("__MklNativeConv3D", "input and filter must have the same depth: 3 vs 2", "Conv3D")),
    (lambda: tf.nn.conv3d(tf.ones([1, 4, 4, 4, 3]), tf.ones([2, 2, 2, 3, 4]), 1, "SAME"), TypeError,
     "Expected list for 'strides' argument to 'conv3d' Op, not 1."),
    (lambda: tf.nn.depthwise_conv2d(X, tf.ones([3, 3, 2, 2]), [1, 1, 1, 1], "SAME"), tf.errors.InvalidArgumentError,
     _kernel_text("__MklNativeDepthwiseConv2dNative", "input depth must be evenly divisible by filter depth: 3 vs 2",
                  "DepthwiseConv2dNative")),
    (lambda: tf.nn.depthwise_conv2d(X, tf.ones([3, 3, 3, 1]), 2, "SAME"), TypeError,
     "Expected list for 'strides' argument to 'depthwise_conv2d_native' Op, not 2."),
    (lambda: tf.nn.max_pool2d(X, [2, 2, 2, 1], 1, "SAME"), tf.errors.UnimplementedError,
     _kernel_text("MaxPool", "Pooling is not yet supported on the batch dimension.", "MaxPool")),
    (lambda: tf.nn.max_pool2d(X, 0, 1, "SAME"), tf.errors.InvalidArgumentError,
     _kernel_text("MaxPool", "Sliding window ksize must be positive. The specified or inferred ksize is: 1,0,0,1",
                  "MaxPool")),
    (lambda: tf.nn.max_pool2d(tf.ones([5, 5, 3]), 2, 2, "SAME"), tf.errors.InvalidArgumentError,
     _kernel_text("MaxPool", "Input must be 4 or 5-dimensional", "MaxPool")),
    (lambda: tf.nn.max_pool2d(X, [1, 2, 3], 1, "SAME"), ValueError,
     "ksize should be of length 1, 2 or 4. Received: ksize=[1, 2, 3] of length 3"),
    (lambda: tf.nn.max_pool(tf.ones([7, 3]), 2, 2, "SAME"), ValueError,
     "`input.shape.rank` must be 3, 4 or 5. Received: input.shape=(7, 3) of rank 2."),
    (lambda: tf.nn.avg_pool2d(X, 2, 2, [[0, 0], [1, 1], [1, 1], [0, 0]]), TypeError,
     "Expected string for argument 'padding' not [[0, 0], [1, 1], [1, 1], [0, 0]]."),
    (lambda: tf.nn.avg_pool2d(X, [1, 2, 2, 2], 1, "SAME"), tf.errors.UnimplementedError,
     _kernel_text("__MklNativeAvgPool", "MaxPooling supports exactly one of pooling across depth or pooling across "
                                        "width/height.", "AvgPool")),
])
def test_errors_match_tensorflow(call, cls, text):
    with pytest.raises(cls) as e:
        call()
    assert str(e.value) == text


def test_attr_errors_list_the_op_definition():
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.nn.conv2d(X, W, 1, "same")
    assert str(e.value).startswith('Value for attr \'padding\' of "same" is not in the list of allowed values: '
                                   '"SAME", "VALID", "EXPLICIT"\n\t; NodeDef: {{node _MklNativeConv2D}}; '
                                   "Op<name=_MklNativeConv2D; ")
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.nn.conv2d(tf.ones([1, 3, 3, 1], tf.uint8), tf.ones([2, 2, 1, 1], tf.uint8), 1, "VALID")
    assert str(e.value).startswith("Value for attr 'T' of uint8 is not in the list of allowed values: half, "
                                   "bfloat16, float, double, int32\n\t; NodeDef: {{node Conv2D}}; Op<name=Conv2D; ")
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.nn.avg_pool2d(tf.ones([1, 4, 4, 1], tf.int32), 2, 2, "SAME")
    assert str(e.value).startswith("Value for attr 'T' of int32 is not in the list of allowed values: half, "
                                   "bfloat16, float, double\n\t; NodeDef: {{node AvgPool}}; ")


def test_backprop_size_mismatch_is_reported():
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.nn.conv2d_transpose(tf.ones([2, 3, 3, 4]), tf.ones([3, 3, 3, 4]), [2, 8, 8, 3], 2, "SAME")
    assert "Size of out_backprop doesn't match computed: actual = 3, computed = 4" in str(e.value)
    assert str(e.value).endswith("[Op:Conv2DBackpropInput]")


# -- symbolic inputs: shapes come from the spec rules -----------------------------------------------------
def test_symbolic_shapes():
    from leantf.framework.symbolic import placeholder
    x = placeholder([None, 28, 28, 1])
    w = tf.constant(np.ones((5, 5, 1, 32), np.float32))
    y = tf.nn.conv2d(x, w, 1, "SAME")
    assert y.shape.as_list() == [None, 28, 28, 32]
    p = tf.nn.max_pool2d(y, 2, 2, "SAME")
    assert p.shape.as_list() == [None, 14, 14, 32]
    assert tf.nn.avg_pool2d(y, 3, 2, "VALID").shape.as_list() == [None, 13, 13, 32]
    assert tf.nn.conv2d(x, w, 2, "VALID").shape.as_list() == [None, 12, 12, 32]
    dw = tf.nn.depthwise_conv2d(y, tf.constant(np.ones((3, 3, 32, 2), np.float32)), [1, 1, 1, 1], "SAME")
    assert dw.shape.as_list() == [None, 28, 28, 64]
    with pytest.raises(ValueError):
        tf.nn.conv2d(x, tf.constant(np.ones((5, 5, 2, 3), np.float32)), 1, "SAME")


def test_conv_gradient_through_tape_with_symbolic_free_eager_path():
    x = tf.constant(rng.standard_normal((2, 5, 5, 3)).astype(np.float32))
    w = tf.Variable(rng.standard_normal((3, 3, 3, 4)).astype(np.float32))
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(tf.nn.max_pool2d(tf.nn.conv2d(x, w, 1, "SAME"), 2, 2, "SAME"))
    g = tape.gradient(loss, w)
    assert g.shape == (3, 3, 3, 4) and g.dtype == tf.float32


# -- gradient cases for every primitive ------------------------------------------------------------------
def _r(*shape):
    return rng.standard_normal(shape)


def _sizes(shape):
    return tf.constant(np.array(shape, dtype=np.int32))


A2 = dict(strides=(2, 1), dilations=(1, 1), padding="SAME", explicit_paddings=(), data_format="NHWC")
A2D = dict(strides=(1, 1), dilations=(2, 1), padding="VALID", explicit_paddings=(), data_format="NHWC")
A3 = dict(strides=(1, 2, 1), dilations=(1, 1, 1), padding="SAME", explicit_paddings=(), data_format="NDHWC")
P2 = dict(ksize=(2, 3), strides=(2, 1), padding="SAME", explicit_paddings=(), data_format="NHWC")
P2O = dict(ksize=(3, 3), strides=(1, 1), padding="SAME", explicit_paddings=(), data_format="NHWC")
P3 = dict(ksize=(2, 2, 2), strides=(2, 1, 2), padding="SAME", explicit_paddings=(), data_format="NDHWC")

POOL_X = _r(2, 5, 6, 2)
POOL3_X = _r(1, 3, 4, 4, 2)


def _pool_grad_case(prim_name, grad_name, x, attrs):
    pool, grad = PRIMITIVES[prim_name], PRIMITIVES[grad_name]
    xt = tf.constant(x)
    y = pool(xt, **attrs)
    return GradCase(lambda g: grad(xt, y, g, **attrs), [_r(*y.shape)])


def _pool_gradgrad_case(prim_name, gradgrad_name, x, attrs):
    pool, gg = PRIMITIVES[prim_name], PRIMITIVES[gradgrad_name]
    xt = tf.constant(x)
    y = pool(xt, **attrs)
    return GradCase(lambda g: gg(xt, y, g, **attrs), [_r(*x.shape)])


GRADIENT_CASES = {
    "Conv2D": [GradCase(lambda x, w: tf.nn.conv2d(x, w, [2, 1], "SAME"), [_r(2, 5, 4, 3), _r(3, 2, 3, 2)]),
               GradCase(lambda x, w: tf.nn.conv2d(x, w, 1, "VALID", dilations=[2, 1]), [_r(1, 6, 5, 2), _r(2, 2, 2, 3)]),
               GradCase(lambda x, w: tf.nn.conv2d(x, w, 1, "SAME"), [_r(1, 4, 4, 4), _r(3, 3, 2, 4)]),  # grouped
               GradCase(lambda x, w: tf.nn.conv2d(x, w, 2, "SAME", data_format="NCHW"),
                        [_r(1, 2, 5, 5), _r(3, 3, 2, 2)]),
               GradCase(lambda x, w: tf.nn.conv1d(x, w, 2, "SAME"), [_r(2, 7, 2), _r(3, 2, 3)])],
    "Conv2DBackpropInput": [
        GradCase(lambda w, g: conv_ops._conv2d_backprop_input(_sizes([2, 5, 4, 3]), w, g, **A2),
                 [_r(3, 2, 3, 2), _r(2, 3, 4, 2)]),
        GradCase(lambda g, w: tf.nn.conv2d_transpose(g, w, [1, 6, 6, 2], 2, "VALID"), [_r(1, 2, 2, 3), _r(3, 3, 2, 3)])],
    "Conv2DBackpropFilter": [
        GradCase(lambda x, g: conv_ops._conv2d_backprop_filter(x, _sizes([3, 2, 3, 2]), g, **A2),
                 [_r(2, 5, 4, 3), _r(2, 3, 4, 2)]),
        GradCase(lambda x, g: conv_ops._conv2d_backprop_filter(x, _sizes([2, 2, 2, 3]), g, **A2D),
                 [_r(1, 6, 5, 2), _r(1, 4, 4, 3)])],
    "Conv3D": [GradCase(lambda x, w: tf.nn.conv3d(x, w, [1, 1, 2, 1, 1], "SAME"), [_r(1, 3, 4, 3, 2), _r(2, 2, 2, 2, 2)])],
    "Conv3DBackpropInputV2": [
        GradCase(lambda w, g: conv_ops._conv3d_backprop_input(_sizes([1, 3, 4, 3, 2]), w, g, **A3),
                 [_r(2, 2, 2, 2, 2), _r(1, 3, 2, 3, 2)])],
    "Conv3DBackpropFilterV2": [
        GradCase(lambda x, g: conv_ops._conv3d_backprop_filter(x, _sizes([2, 2, 2, 2, 2]), g, **A3),
                 [_r(1, 3, 4, 3, 2), _r(1, 3, 2, 3, 2)])],
    "DepthwiseConv2dNative": [
        GradCase(lambda x, w: tf.nn.depthwise_conv2d(x, w, [1, 2, 1, 1], "SAME"), [_r(2, 5, 4, 3), _r(3, 2, 3, 2)]),
        GradCase(lambda x, w: tf.nn.depthwise_conv2d(x, w, [1, 1, 1, 1], "VALID", dilations=[2, 1]),
                 [_r(1, 6, 5, 2), _r(2, 2, 2, 1)])],
    "DepthwiseConv2dNativeBackpropInput": [
        GradCase(lambda w, g: tf.nn.depthwise_conv2d_backprop_input([2, 5, 4, 3], w, g, [1, 2, 1, 1], "SAME"),
                 [_r(3, 2, 3, 2), _r(2, 3, 4, 6)])],
    "DepthwiseConv2dNativeBackpropFilter": [
        GradCase(lambda x, g: tf.nn.depthwise_conv2d_backprop_filter(x, [3, 2, 3, 2], g, [1, 2, 1, 1], "SAME"),
                 [_r(2, 5, 4, 3), _r(2, 3, 4, 6)])],
    "MaxPool": [GradCase(lambda x: tf.nn.max_pool2d(x, [2, 3], [2, 1], "SAME"), [POOL_X]),
                GradCase(lambda x: tf.nn.max_pool2d(x, 3, 1, "SAME"), [POOL_X]),
                GradCase(lambda x: tf.nn.max_pool1d(x, 3, 2, "VALID"), [_r(2, 7, 3)])],
    "MaxPoolGrad": [_pool_grad_case("MaxPool", "MaxPoolGrad", POOL_X, P2),
                    _pool_grad_case("MaxPool", "MaxPoolGrad", POOL_X, P2O)],
    "MaxPoolGradGrad": [_pool_gradgrad_case("MaxPool", "MaxPoolGradGrad", POOL_X, P2),
                        _pool_gradgrad_case("MaxPool", "MaxPoolGradGrad", POOL_X, P2O)],
    "AvgPool": [GradCase(lambda x: tf.nn.avg_pool2d(x, [2, 3], [2, 1], "SAME"), [POOL_X]),
                GradCase(lambda x: tf.nn.avg_pool1d(x, 3, 1, "SAME"), [_r(2, 7, 3)])],
    "AvgPoolGrad": [GradCase(lambda g: PRIMITIVES["AvgPoolGrad"](_sizes([2, 5, 6, 2]), g, **P2), [_r(2, 3, 6, 2)])],
    "MaxPool3D": [GradCase(lambda x: pool_ops._max_pool3d(x, **P3), [POOL3_X])],
    "MaxPool3DGrad": [_pool_grad_case("MaxPool3D", "MaxPool3DGrad", POOL3_X, P3)],
    "MaxPool3DGradGrad": [_pool_gradgrad_case("MaxPool3D", "MaxPool3DGradGrad", POOL3_X, P3)],
    "AvgPool3D": [GradCase(lambda x: tf.nn.avg_pool3d(x, 2, [1, 2, 1], "SAME"), [_r(1, 3, 4, 4, 2)])],
    "AvgPool3DGrad": [GradCase(lambda g: PRIMITIVES["AvgPool3DGrad"](_sizes([1, 3, 4, 4, 2]), g, **P3),
                               [_r(1, 2, 4, 2, 2)])],
}
