"""tf.nn activations, softmax, cross-entropies, dropout, norms and embeddings: values against
NumPy references, TF's behaviour at kinks, TF's error texts, and gradient cases."""
import math

import numpy as np
import pytest

import leantf as tf
from leantf.ops import nn_ops
from leantf.testing import GradCase

rng = np.random.default_rng(3)
X = np.array([-30., -3., -1., -1e-3, 0.25, 0.5, 1., 3., 5.9, 7., 14., 30.])
LOGITS = rng.standard_normal((4, 5))
LABELS = np.array([0, 4, 2, 1])
PROBS = rng.uniform(0.1, 1.0, (4, 5))
PROBS /= PROBS.sum(axis=1, keepdims=True)
SELU_ALPHA, SELU_SCALE = 1.6732632423543772848170429916717, 1.0507009873554804934193349852946
CPU = "/job:localhost/replica:0/task:0/device:CPU:0"


def np_softplus(x):
    return np.logaddexp(0, x)


def np_sigmoid(x):
    return 1 / (1 + np.exp(-x))


def np_log_softmax(x, axis=-1):
    s = x - x.max(axis=axis, keepdims=True)
    return s - np.log(np.exp(s).sum(axis=axis, keepdims=True))


_ERF = np.vectorize(math.erf)
_ERFC = np.vectorize(math.erfc)

ACTIVATIONS = [
    ("relu", lambda x: np.maximum(x, 0)),
    ("relu6", lambda x: np.clip(x, 0, 6)),
    ("elu", lambda x: np.where(x < 0, np.expm1(x), x)),
    ("selu", lambda x: np.where(x < 0, SELU_SCALE * SELU_ALPHA * np.expm1(x), SELU_SCALE * x)),
    ("leaky_relu", lambda x: np.where(x > 0, x, 0.2 * x)),
    ("softplus", np_softplus),
    ("softsign", lambda x: x / (1 + np.abs(x))),
    ("silu", lambda x: x * np_sigmoid(x)),
    ("swish", lambda x: x * np_sigmoid(x)),
    ("gelu", lambda x: 0.5 * x * _ERFC(-x / math.sqrt(2))),
]


@pytest.mark.parametrize("name, ref", ACTIVATIONS)
def test_activation_values_match_numpy(name, ref):
    out = getattr(tf.nn, name)(tf.constant(X))
    assert out.dtype == tf.float64
    np.testing.assert_allclose(out.numpy(), ref(X), rtol=1e-7, atol=1e-12)
    out32 = getattr(tf.nn, name)(tf.constant(X.astype(np.float32)))
    assert out32.dtype == tf.float32
    np.testing.assert_allclose(out32.numpy(), ref(X), rtol=2e-6, atol=1e-6)


def test_gelu_approximate_and_its_tail():
    x = np.array([-3., -0.5, 0., 0.7, 2.])
    ref = 0.5 * x * (1 + np.tanh(0.7978845608028654 * (x + 0.044715 * x ** 3)))
    np.testing.assert_allclose(tf.nn.gelu(x, approximate=True).numpy(), ref, rtol=1e-12)
    with pytest.raises(ValueError, match="must be a floating point tensor"):
        tf.nn.gelu(tf.constant([1, 2]))


def test_softplus_uses_tfs_thresholds():
    out = tf.nn.softplus(tf.constant([-20., -14., 0., 13.9, 14., 20., 100.])).numpy()
    # TF (float32): exp(x) below log(eps)+2, x above -(log(eps)+2), log1p(exp(x)) between.
    np.testing.assert_allclose(out, np.array([2.06115369216775e-09, 8.315287232107949e-07, 0.6931471824645996,
                                              13.90000057220459, 14.0, 20.0, 100.0], dtype=np.float32), rtol=1e-7)


def test_gradients_at_kinks_follow_tensorflow():
    # Values recorded from TF 2.21 at x = [-1, 0, 6].
    expect = {"relu": [0, 0, 1], "relu6": [0, 0, 0], "elu": [0.36787945, 1, 1],
              "selu": [0.64676857, 1.050701, 1.050701], "leaky_relu": [0.2, 0.2, 1],
              "softplus": [0.26894143, 0.5, 0.99752736], "softsign": [0.25, 1, 0.02040816]}
    for name, want in expect.items():
        x = tf.constant([-1., 0., 6.])
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = getattr(tf.nn, name)(x)
        np.testing.assert_allclose(tape.gradient(y, x).numpy(), want, rtol=1e-6, err_msg=name)


def test_relu_keeps_integer_types_and_leaky_relu_casts():
    assert tf.nn.relu(tf.constant([-1, 2])).dtype == tf.int32
    assert tf.nn.relu6(tf.constant([-1, 7])).numpy().tolist() == [0, 6]
    out = tf.nn.leaky_relu(tf.constant([-1, 7]))
    assert out.dtype == tf.float32 and out.numpy().tolist() == [pytest.approx(-0.2), 7.0]
    np.testing.assert_allclose(tf.nn.leaky_relu(tf.constant([-1., 7.], tf.float64), alpha=0.3).numpy(), [-0.3, 7])
    assert np.isnan(tf.nn.relu6(tf.constant([np.nan, 7.0])).numpy()[0])


def test_crelu_and_zero_fraction():
    x = np.array([[-1., 2.], [0., -3.]])
    np.testing.assert_array_equal(tf.nn.crelu(x).numpy(), np.concatenate([np.maximum(x, 0), np.maximum(-x, 0)], -1))
    assert tf.nn.crelu(x, axis=0).shape == (4, 2)
    z = tf.nn.zero_fraction(x)
    assert z.dtype == tf.float32 and float(z) == 0.25


def test_silu_beta():
    x = np.array([-1., 7.])
    np.testing.assert_allclose(tf.nn.silu(x, beta=2.0).numpy(), x * np_sigmoid(2 * x))


@pytest.mark.parametrize("axis", [None, -1, 0, 1])
def test_softmax_and_log_softmax(axis):
    ax = -1 if axis is None else axis
    p = tf.nn.softmax(LOGITS, axis=axis).numpy()
    np.testing.assert_allclose(p, np.exp(np_log_softmax(LOGITS, ax)), rtol=1e-12)
    np.testing.assert_allclose(tf.nn.log_softmax(LOGITS, axis=axis).numpy(), np_log_softmax(LOGITS, ax), rtol=1e-12)


def test_softmax_is_stable_and_rejects_bad_axes():
    out = tf.nn.softmax(tf.constant([1000., 0., -1000.])).numpy()
    np.testing.assert_allclose(out, [1, 0, 0])
    assert np.isfinite(tf.nn.log_softmax(tf.constant([1000., 0.])).numpy()).all()
    assert tf.nn.softmax(tf.zeros([2, 0])).shape == (2, 0)
    half = tf.nn.softmax(tf.constant([1., 2.], tf.float16))
    assert half.dtype == tf.float16 and half.numpy().tolist() == pytest.approx([0.2689, 0.7311], abs=1e-3)
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.nn.softmax(tf.ones([2, 3]), axis=3)
    assert str(e.value) == ("`dim` must be in the range [-2, 2) where 2 is the number of dimensions in the input. "
                            "Received: dim=3")
    with pytest.raises(tf.errors.AbortedError) as e:
        tf.nn.softmax(tf.constant(1.0))
    assert str(e.value) == (f"{{{{function_node __wrapped__Softmax_device_{CPU}}}}} Input dims must be <= 5 and >=1 "
                            "[Op:Softmax] name: ")
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.nn.softmax(tf.constant([1, 2]))
    assert str(e.value).startswith("Value for attr 'T' of int32 is not in the list of allowed values: half, bfloat16, "
                                   "float, double\n\t; NodeDef: {{node Softmax}}; Op<name=Softmax; "
                                   "signature=logits:T -> softmax:T; ")


def test_dtype_errors_name_the_tf_op():
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.nn.relu(tf.constant([True]))
    assert str(e.value).startswith("Value for attr 'T' of bool is not in the list of allowed values: float, double, "
                                   "int32, uint8, int16, int8, int64, bfloat16, uint16, half, uint32, uint64, qint8\n"
                                   "\t; NodeDef: {{node Relu}}; ")
    for name, op in [("elu", "Elu"), ("selu", "Selu"), ("softplus", "Softplus"), ("softsign", "Softsign")]:
        with pytest.raises(tf.errors.InvalidArgumentError, match=f"node {op}}}"):
            getattr(tf.nn, name)(tf.constant([1, 2]))
    with pytest.raises(tf.errors.InvalidArgumentError, match="node L2Loss"):
        tf.nn.l2_loss(tf.constant([1, 2]))


# -- cross-entropies -----------------------------------------------------------------------------------
def test_sparse_softmax_cross_entropy():
    loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=LABELS, logits=LOGITS)
    np.testing.assert_allclose(loss.numpy(), -np_log_softmax(LOGITS)[np.arange(4), LABELS], rtol=1e-12)
    with tf.GradientTape() as tape:
        t = tf.constant(LOGITS)
        tape.watch(t)
        loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=LABELS, logits=t)
    onehot = np.eye(5)[LABELS]
    np.testing.assert_allclose(tape.gradient(loss, t).numpy(), np.exp(np_log_softmax(LOGITS)) - onehot, rtol=1e-12)
    # higher-rank logits and scalar labels
    l3 = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[LABELS], logits=[LOGITS])
    assert l3.shape == (1, 4)
    assert tf.nn.sparse_softmax_cross_entropy_with_logits(labels=2, logits=[1., 2., 3.]).shape == ()
    f16 = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[0, 2], logits=tf.constant(LOGITS[:2, :3], tf.float16))
    assert f16.dtype == tf.float16


@pytest.mark.parametrize("labels, logits, cls, text", [
    ([[0, 1]], LOGITS[:2, :3], ValueError, "`labels.shape.rank` must equal `logits.shape.rank - 1`. Received: "
                                           "labels.shape=(1, 2) of rank 2 and logits.shape=(2, 3) of rank 2"),
    ([0, 1, 2], LOGITS[:2, :3], ValueError, "`labels.shape` must equal `logits.shape` except for the last dimension. "
                                            "Received: labels.shape=(3,) and logits.shape=(2, 3)"),
    ([0, 3], LOGITS[:2, :3].astype(np.float32), tf.errors.InvalidArgumentError,
     f"{{{{function_node __wrapped__SparseSoftmaxCrossEntropyWithLogits_device_{CPU}}}}} Received a label value of 3 "
     "which is outside the valid range of [0, 3).  Label values: 0 3 [Op:SparseSoftmaxCrossEntropyWithLogits] name: "),
    (0, 1.0, ValueError, "`logits` cannot be a scalar. Received logits=1.0`"),
])
def test_sparse_softmax_cross_entropy_errors(labels, logits, cls, text):
    with pytest.raises(cls) as e:
        tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)
    assert str(e.value) == text


def test_sparse_softmax_cross_entropy_label_dtype():
    with pytest.raises(tf.errors.InvalidArgumentError, match="Value for attr 'Tlabels' of float"):
        tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[0., 2.], logits=LOGITS[:2])


def test_softmax_cross_entropy_dense():
    loss = tf.nn.softmax_cross_entropy_with_logits(labels=PROBS, logits=LOGITS)
    np.testing.assert_allclose(loss.numpy(), -(PROBS * np_log_softmax(LOGITS)).sum(1), rtol=1e-12)
    loss0 = tf.nn.softmax_cross_entropy_with_logits(labels=PROBS, logits=LOGITS, axis=0)
    np.testing.assert_allclose(loss0.numpy(), -(PROBS * np_log_softmax(LOGITS, 0)).sum(0), rtol=1e-12)
    # labels broadcast against logits; integer labels are cast
    bc = tf.nn.softmax_cross_entropy_with_logits(labels=PROBS[:1], logits=LOGITS)
    np.testing.assert_allclose(bc.numpy(), -(PROBS[:1] * np_log_softmax(LOGITS)).sum(1), rtol=1e-12)
    ints = tf.nn.softmax_cross_entropy_with_logits(labels=tf.constant([[1, 0, 0]]), logits=tf.constant([[1., 2., 3.]]))
    assert ints.dtype == tf.float32
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.nn.softmax_cross_entropy_with_logits(labels=tf.ones([2, 4]), logits=tf.ones([2, 3]))
    assert "logits and labels must be broadcastable: logits_size=[2,3] labels_size=[2,4]" in str(e.value)


def test_softmax_cross_entropy_gradients_reach_both_inputs():
    lg, lb = tf.constant(LOGITS), tf.constant(PROBS)
    with tf.GradientTape() as tape:
        tape.watch([lg, lb])
        loss = tf.nn.softmax_cross_entropy_with_logits(labels=lb, logits=lg)
    g_logits, g_labels = tape.gradient(loss, [lg, lb])
    np.testing.assert_allclose(g_logits.numpy(), np.exp(np_log_softmax(LOGITS)) - PROBS, rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(g_labels.numpy(), -np_log_softmax(LOGITS), rtol=1e-12)


def test_sigmoid_cross_entropy():
    x = np.array([-100., 0., 3.])
    z = np.array([0., 1., 0.5])
    out = tf.nn.sigmoid_cross_entropy_with_logits(labels=z, logits=x).numpy()
    np.testing.assert_allclose(out, np.maximum(x, 0) - x * z + np.log1p(np.exp(-np.abs(x))), rtol=1e-12)
    xt = tf.constant([0.])
    with tf.GradientTape() as tape:
        tape.watch(xt)
        loss = tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.constant([0.25]), logits=xt)
    np.testing.assert_allclose(tape.gradient(loss, xt).numpy(), [0.25])  # sigmoid(0) - z
    with pytest.raises(ValueError) as e:
        tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.ones([2, 4]), logits=tf.ones([2, 3]))
    assert str(e.value) == "`logits` and `labels` must have the same shape, received ((2, 3) vs (2, 4))."
    with pytest.raises(tf.errors.InvalidArgumentError, match="cannot compute Mul as input #1"):
        tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.ones([2], tf.float64), logits=tf.ones([2]))


def test_weighted_cross_entropy_and_log_poisson_loss():
    x, z = LOGITS, PROBS
    out = tf.nn.weighted_cross_entropy_with_logits(labels=z, logits=x, pos_weight=2.0).numpy()
    ref = (1 - z) * x + (1 + z) * (np.log1p(np.exp(-np.abs(x))) + np.maximum(-x, 0))
    np.testing.assert_allclose(out, ref, rtol=1e-12)
    t = PROBS * 3
    full = tf.nn.log_poisson_loss(t, x, compute_full_loss=True).numpy()
    stirling = t * np.log(t) - t + 0.5 * np.log(2 * np.pi * t)
    np.testing.assert_allclose(full, np.exp(x) - x * t + np.where(t <= 1, 0, stirling), rtol=1e-12)


# -- bias_add, dropout, norms ---------------------------------------------------------------------------
def test_bias_add():
    x = rng.standard_normal((2, 3, 4))
    b = rng.standard_normal(4)
    np.testing.assert_allclose(tf.nn.bias_add(x, b).numpy(), x + b)
    b3 = np.array([1., 2., 3.])
    np.testing.assert_allclose(tf.nn.bias_add(x, b3, data_format="NCHW").numpy(), x + b3[:, None])
    np.testing.assert_allclose(tf.nn.bias_add(x, b3, data_format="NCW").numpy(), x + b3[:, None])
    assert tf.nn.bias_add(tf.ones([2, 4]), [1., 2., 3., 4.]).dtype == tf.float32


@pytest.mark.parametrize("value, bias, kwargs, cls, text", [
    (np.ones((2, 3, 4)), np.ones((2, 4)), {}, tf.errors.InvalidArgumentError,
     f"{{{{function_node __wrapped__BiasAdd_device_{CPU}}}}} Biases must be 1D: [2,4] [Op:BiasAdd] name: "),
    (np.ones((2, 3, 4)), np.ones(5), {}, tf.errors.InvalidArgumentError,
     f"{{{{function_node __wrapped__BiasAdd_device_{CPU}}}}} Must provide as many biases as the last dimension of "
     "the input tensor: [5] vs. [2,3,4] [Op:BiasAdd] name: "),
    (np.ones(4), np.ones(4), {}, tf.errors.InvalidArgumentError,
     f"{{{{function_node __wrapped__BiasAdd_device_{CPU}}}}} Input tensor must be at least 2D: [4] [Op:BiasAdd] name: "),
    (np.ones((2, 4)), np.ones(4), {"data_format": "HWC"}, ValueError,
     "`data_format` must be of the form `N...C` or `NC...`. Received: data_format=HWC"),
    (tf.ones([2, 4]), tf.ones([4], tf.float64), {}, tf.errors.InvalidArgumentError,
     "cannot compute BiasAdd as input #1(zero-based) was expected to be a float tensor but is a double tensor "
     "[Op:BiasAdd] name: "),
])
def test_bias_add_errors(value, bias, kwargs, cls, text):
    with pytest.raises(cls) as e:
        tf.nn.bias_add(value, bias, **kwargs)
    assert str(e.value) == text


def test_dropout_scales_kept_units_and_zeroes_the_rest():
    x = tf.ones([200, 50])
    y = tf.nn.dropout(x, 0.25, seed=1).numpy()
    kept = y != 0
    np.testing.assert_allclose(y[kept], 1 / 0.75, rtol=1e-6)
    assert 0.70 < kept.mean() < 0.80
    assert tf.nn.dropout(x, 0) is x
    z = tf.nn.dropout(tf.ones([4, 3, 5]), 0.5, noise_shape=[4, 1, 5]).numpy()
    assert (z == z[:, :1, :]).all()  # one mask broadcast along the size-1 noise dim
    r = tf.nn.dropout(x, tf.constant(0.5)).numpy()
    assert set(np.unique(r)) <= {0.0, 2.0}


def test_dropout_masks_match_tensorflow_for_the_same_seeds():
    # Recorded from TF 2.21 after tf.random.set_seed(0).
    tf.random.set_seed(0)
    x = tf.ones([3, 4])
    assert tf.nn.dropout(x, 0.5, seed=1).numpy().tolist() == [[2, 0, 0, 2], [2, 2, 2, 2], [2, 2, 2, 0]]
    assert tf.nn.dropout(x, 0.5).numpy().tolist() == [[0, 0, 2, 2], [0, 2, 0, 2], [2, 0, 2, 2]]


@pytest.mark.parametrize("x, rate, text", [
    (tf.ones([2]), 1.0, "`rate` must be a scalar tensor or a float in the range [0, 1). Received: rate=1.0"),
    (tf.ones([2]), -0.1, "`rate` must be a scalar tensor or a float in the range [0, 1). Received: rate=-0.1"),
    (tf.constant([1, 2]), 0.5, "`x.dtype` must be a floating point tensor as `x` will be scaled. Received: "
                               "x_dtype=<dtype: 'int32'>"),
    (tf.ones([2]), "a", "`rate` must be a scalar or scalar tensor. Received: rate=a"),
    (tf.ones([2]), tf.constant(0.5, tf.float64), "`x.dtype` must be compatible with `rate.dtype`. Received: "
                                                 "x.dtype=<dtype: 'float32'> and rate.dtype=<dtype: 'float64'>"),
])
def test_dropout_errors(x, rate, text):
    with pytest.raises(ValueError) as e:
        tf.nn.dropout(x, rate)
    assert str(e.value) == text


def test_dropout_gradient_is_the_mask():
    x = tf.constant(rng.standard_normal((30, 20)))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.nn.dropout(x, 0.5)
    g = tape.gradient(y, x).numpy()
    np.testing.assert_allclose(g, np.where(y.numpy() != 0, 2.0, 0.0))


def test_l2_loss_and_l2_normalize():
    x = np.array([[1., 2.], [3., 4.]])
    assert tf.nn.l2_loss(x).numpy() == 15.0
    assert tf.nn.l2_loss(tf.constant(x, tf.float32)).dtype == tf.float32
    out = tf.nn.l2_normalize(np.array([[3., 4.], [0., 0.]]), axis=1).numpy()
    np.testing.assert_allclose(out, [[0.6, 0.8], [0, 0]])
    np.testing.assert_allclose(tf.nn.l2_normalize(x, dim=0).numpy(), x / np.linalg.norm(x, axis=0))
    with pytest.raises(TypeError, match="Cannot convert 1e-12 to EagerTensor of dtype int32"):
        tf.nn.l2_normalize(tf.constant([3, 4]))


def test_moments_and_batch_normalization():
    x = rng.standard_normal((4, 3, 2))
    mean, var = tf.nn.moments(x, axes=[0, 1])
    np.testing.assert_allclose(mean.numpy(), x.mean(axis=(0, 1)), rtol=1e-12)
    np.testing.assert_allclose(var.numpy(), x.var(axis=(0, 1)), rtol=1e-12)
    mk, vk = tf.nn.moments(x, axes=1, keepdims=True)
    assert mk.shape == (4, 1, 2) and vk.shape == (4, 1, 2)
    m16, v16 = tf.nn.moments(tf.constant([1., 2., 4.], tf.float16), axes=[0])
    assert m16.dtype == tf.float16 and float(v16) == pytest.approx(1.5556, rel=1e-3)
    mi, vi = tf.nn.moments(tf.constant([[1, 2, 4]]), axes=[1])
    assert mi.numpy().tolist() == [2] and vi.numpy().tolist() == [1]
    y = tf.nn.batch_normalization(x, mean, var, 0.1, 1.5, 1e-3).numpy()
    np.testing.assert_allclose(y, (x - x.mean((0, 1))) / np.sqrt(x.var((0, 1)) + 1e-3) * 1.5 + 0.1, rtol=1e-10)
    out = tf.nn.batch_normalization(tf.constant([1., 2.]), 1.0, 4.0, None, None, 0.001)
    np.testing.assert_allclose(out.numpy(), [0., 0.49993753], rtol=1e-6)


def test_sufficient_statistics_and_normalize_moments():
    x = rng.standard_normal((5, 3))
    counts, m_ss, v_ss, shift = tf.nn.sufficient_statistics(x, [0])
    assert float(counts) == 5 and shift is None
    mean, var = tf.nn.normalize_moments(counts, m_ss, v_ss, None)
    np.testing.assert_allclose(mean.numpy(), x.mean(0), rtol=1e-12)
    np.testing.assert_allclose(var.numpy(), x.var(0), rtol=1e-10)


def test_embedding_lookup():
    params = np.arange(12.).reshape(6, 2)
    out = tf.nn.embedding_lookup(params, [[0, 5], [2, 2]])
    np.testing.assert_array_equal(out.numpy(), params[[[0, 5], [2, 2]]])
    shards = [tf.constant(params[:3]), tf.constant(params[3:])]
    np.testing.assert_array_equal(tf.nn.embedding_lookup(shards, [4, 0]).numpy(), params[[4, 0]])
    clipped = tf.nn.embedding_lookup(tf.constant([[3., 4.], [0.3, 0.4]]), [0, 1], max_norm=1.0)
    np.testing.assert_allclose(clipped.numpy(), [[0.6, 0.8], [0.3, 0.4]], rtol=1e-6)
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"indices\[1\] = 6 is not in \[0, 6\)"):
        tf.nn.embedding_lookup(params, [0, 6])
    p = tf.Variable(params)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(tf.nn.embedding_lookup(p, [1, 1, 3]))
    g = tf.convert_to_tensor(tape.gradient(loss, p)).numpy()
    np.testing.assert_array_equal(g[:, 0], [0, 2, 0, 1, 0, 0])


def test_symbolic_shapes():
    from leantf.framework.symbolic import placeholder
    x = placeholder([None, 10])
    assert tf.nn.softmax(x).shape.as_list() == [None, 10]
    assert tf.nn.relu(x).shape.as_list() == [None, 10]
    labels = placeholder([None], dtype=tf.int32)
    assert tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=x).shape.as_list() == [None]
    assert tf.nn.softmax_cross_entropy_with_logits(labels=x, logits=x).shape.as_list() == [None]
    assert tf.nn.bias_add(x, tf.ones([10])).shape.as_list() == [None, 10]


# -- gradient cases ----------------------------------------------------------------------------------------
def _r(*shape):
    return rng.standard_normal(shape)


AWAY_FROM_KINKS = np.array([[-2.5, -0.7, 0.4, 1.3], [3.1, 5.2, 6.8, -0.2]])
SPARSE_LABELS = np.array([1, 0, 3])
POSITIVE = rng.uniform(0.2, 2.0, (3, 4))

GRADIENT_CASES = {
    "Relu": [GradCase(tf.nn.relu, [AWAY_FROM_KINKS])],
    "ReluGrad": [GradCase(lambda g: nn_ops._relu_grad(g, tf.constant(AWAY_FROM_KINKS)), [_r(2, 4)])],
    "Relu6": [GradCase(tf.nn.relu6, [AWAY_FROM_KINKS])],
    "Relu6Grad": [GradCase(lambda g: nn_ops._relu6_grad(g, tf.constant(AWAY_FROM_KINKS)), [_r(2, 4)])],
    "Softplus": [GradCase(tf.nn.softplus, [_r(3, 4) * 3])],
    "Softmax": [GradCase(tf.nn.softmax, [_r(3, 4)]), GradCase(lambda x: tf.nn.softmax(x, axis=0), [_r(3, 4)])],
    "LogSoftmax": [GradCase(tf.nn.log_softmax, [_r(3, 4)]),
                   GradCase(lambda x: tf.nn.log_softmax(x, axis=0), [_r(3, 4)])],
    # TF's logits gradient (softmax - labels) is the true one when each label row sums to
    # one, so second order is checked with the labels held fixed.
    "SoftmaxCrossEntropyWithLogits": [
        GradCase(lambda x: tf.nn.softmax_cross_entropy_with_logits(labels=PROBS[:3, :4] / PROBS[:3, :4].sum(1, keepdims=True),
                                                                   logits=x), [_r(3, 4)]),
        GradCase(lambda x, z: tf.nn.softmax_cross_entropy_with_logits(labels=z, logits=x, axis=0),
                 [_r(3, 4), POSITIVE / POSITIVE.sum(0, keepdims=True)], order=1)],
    "SparseSoftmaxCrossEntropyWithLogits": [
        GradCase(lambda x: tf.nn.sparse_softmax_cross_entropy_with_logits(labels=SPARSE_LABELS, logits=x), [_r(3, 4)])],
    "SparseSoftmaxCrossEntropyWithLogitsBackprop": [
        GradCase(lambda x: nn_ops._sparse_xent_backprop(x, tf.constant(SPARSE_LABELS)), [_r(3, 4)])],
}


@pytest.mark.parametrize("name, fn, x", [
    ("elu", tf.nn.elu, AWAY_FROM_KINKS), ("selu", tf.nn.selu, AWAY_FROM_KINKS),
    ("gelu", tf.nn.gelu, AWAY_FROM_KINKS), ("gelu_approx", lambda x: tf.nn.gelu(x, approximate=True), AWAY_FROM_KINKS),
    ("leaky_relu", tf.nn.leaky_relu, AWAY_FROM_KINKS), ("softsign", tf.nn.softsign, AWAY_FROM_KINKS),
    ("silu", tf.nn.silu, AWAY_FROM_KINKS), ("l2_normalize", lambda x: tf.nn.l2_normalize(x, axis=1), _r(3, 4)),
    ("moments", lambda x: tf.nn.moments(x, axes=[0]), _r(3, 4)),  # order 1 below: TF's stop_gradient
    ("sigmoid_xent", lambda x: tf.nn.sigmoid_cross_entropy_with_logits(labels=PROBS[:2, :4], logits=x),
     AWAY_FROM_KINKS),
    ("bias_add", lambda x: tf.nn.bias_add(x, tf.constant(np.arange(4.))), _r(3, 4)),
    ("l2_loss", tf.nn.l2_loss, _r(3, 4)),
])
def test_composite_gradients(name, fn, x):
    # moments' variance holds the mean under stop_gradient, as TF does: its first derivative
    # is exact, its second is not, so it is checked to first order only.
    GradCase(fn, [x], order=1 if name == "moments" else 2).check()
