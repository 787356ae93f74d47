"""keras.activations beyond the golden values: symbolic inputs, gradients, the
serialize/get protocol and warnings."""
import warnings

import numpy as np
import pytest

import leantf as tf
from leantf.framework.symbolic import placeholder
from leantf.keras import activations

X = np.array([[-3.0, -0.7, 0.0, 0.4, 2.5], [1.0, -1.0, 6.5, -8.0, 0.1]], np.float32)

ALL = ["relu", "leaky_relu", "relu6", "softmax", "celu", "elu", "selu", "softplus", "softsign", "squareplus",
       "soft_shrink", "sparse_plus", "silu", "gelu", "tanh", "tanh_shrink", "sigmoid", "sparse_sigmoid",
       "exponential", "hard_sigmoid", "hard_silu", "hard_tanh", "hard_shrink", "linear", "mish", "log_softmax",
       "log_sigmoid", "sparsemax", "glu"]


@pytest.mark.parametrize("name", ALL)
def test_symbolic_input_keeps_shape(name):
    x = placeholder([None, 6], tf.float32)
    y = activations.get(name)(x)
    expected = [None, 3] if name == "glu" else [None, 6]
    assert y.shape.as_list() == expected and y.dtype == tf.float32


@pytest.mark.parametrize("name", ["relu", "elu", "selu", "gelu", "silu", "mish", "softplus", "sigmoid", "tanh",
                                  "softmax", "log_softmax", "hard_sigmoid", "celu", "softsign", "log_sigmoid"])
def test_gradient_matches_finite_differences(name):
    fn = activations.get(name)
    X = np.array([[-3.0, -0.7, 0.3, 0.4, 2.5], [1.0, -1.0, 6.5, -8.0, 0.1]])  # away from kinks
    x = tf.constant(X)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(fn(x) * tf.constant(np.arange(10.0).reshape(2, 5)))
    g = tape.gradient(y, x).numpy()
    eps = 1e-6
    num = np.zeros_like(X, dtype=np.float64)
    for i in np.ndindex(X.shape):
        d = np.zeros_like(num)
        d[i] = eps
        hi = np.sum(fn(tf.constant(X + d)).numpy() * np.arange(10.0).reshape(2, 5))
        lo = np.sum(fn(tf.constant(X - d)).numpy() * np.arange(10.0).reshape(2, 5))
        num[i] = (hi - lo) / (2 * eps)
    np.testing.assert_allclose(g, num, rtol=1e-5, atol=1e-5)


def test_gradients_at_kinks_follow_tensorflow():
    # TF 2.21: relu' (0) = 0; elu/selu take the positive branch at 0; celu's maximum(x, 0)
    # passes the gradient to both operands on a tie, giving 2.
    x = tf.constant([0.0, 1.0, -1.0], dtype=tf.float64)
    expected = {"relu": [0.0, 1.0, 0.0], "elu": [1.0, 1.0, 0.36787944], "selu": [1.05070099, 1.05070099, 0.6467686],
                "celu": [2.0, 1.0, 0.36787944]}
    for name, want in expected.items():
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = activations.get(name)(x)
        np.testing.assert_allclose(tape.gradient(y, x).numpy(), want, rtol=1e-7)


def test_relu_variants_against_numpy():
    x = X
    np.testing.assert_allclose(activations.relu(x).numpy(), np.maximum(x, 0))
    np.testing.assert_allclose(activations.relu(x, max_value=1.0).numpy(), np.clip(x, 0, 1))
    np.testing.assert_allclose(activations.relu(x, threshold=0.5).numpy(), np.where(x > 0.5, x, 0))
    np.testing.assert_allclose(activations.relu(x, negative_slope=0.1).numpy(), np.where(x > 0, x, 0.1 * x),
                               rtol=1e-6)
    np.testing.assert_allclose(activations.hard_sigmoid(x).numpy(), np.clip(x / 6 + 0.5, 0, 1), rtol=1e-6)


def test_softmax_over_several_axes_sums_to_one():
    y = activations.softmax(np.arange(24, dtype=np.float32).reshape(2, 3, 4) / 7, axis=(1, 2)).numpy()
    np.testing.assert_allclose(y.sum(axis=(1, 2)), [1.0, 1.0], rtol=1e-6)


def test_softmax_over_size_one_axis_warns():
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        activations.softmax(tf.ones((3, 1)))
    assert any("has size 1" in str(m.message) for m in w)


def test_serialize_names_and_functions():
    assert activations.serialize(activations.relu) == "relu"
    assert activations.serialize(tf.nn.relu) == "relu"
    assert activations.serialize(tf.nn.tanh) == "tanh"
    assert activations.get("swish") is activations.silu

    def custom(x):
        return x
    assert activations.serialize(custom) == {"module": "builtins", "class_name": "function", "config": "custom",
                                             "registered_name": "function"}
    assert activations.get(custom) is custom
    assert activations.get(None) is activations.linear


def test_deserialize_builtin_function_config():
    cfg = {"module": "builtins", "class_name": "function", "config": "selu", "registered_name": "function"}
    assert activations.deserialize(cfg) is activations.selu
    assert activations.get(cfg) is activations.selu
