"""Identity, cast, reshape, broadcast, stack/unstack, where, shape."""
import numpy as np
import pytest

import leantf as tf
from leantf.testing import GradCase

rng = np.random.default_rng(3)
X = rng.standard_normal((2, 3))
COND = np.array([[True, False, True], [False, False, True]])

GRADIENT_CASES = {
    "Identity": [GradCase(tf.identity, [X])],
    "Cast": [GradCase(lambda x: tf.cast(tf.cast(x, tf.float32), tf.float64), [X],
                      kwargs={"rtol": 1e-3, "atol": 1e-3, "eps": 1e-3})],
    "Reshape": [GradCase(lambda x: tf.reshape(x, (3, -1)), [X])],
    "ReshapeDynamic": [GradCase(lambda x: tf.reshape(x, tf.constant([6])), [X])],
    "BroadcastTo": [GradCase(lambda x: tf.broadcast_to(x, (4, 2, 3)), [X])],
    "Pack": [GradCase(lambda x, y: tf.stack([x, y], axis=1), [X, X * 2])],
    "Unpack": [GradCase(lambda x: tf.unstack(x, axis=1)[1] * 3.0, [X])],
    "SelectV2": [GradCase(lambda x, y: tf.where(tf.constant(COND), x, y), [X, X[0]])],
}


def test_reshape_errors_match_tf():
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.reshape(tf.ones((2, 3)), (4, 2))
    assert str(e.value) == ("{{function_node __wrapped__Reshape_device_/job:localhost/replica:0/task:0/device:"
                            "CPU:0}} Input to reshape is a tensor with 6 values, but the requested shape has 8 "
                            "[Op:Reshape]")
    with pytest.raises(tf.errors.InvalidArgumentError, match="requires a multiple of 4"):
        tf.reshape(tf.ones((2, 3)), (-1, 4))


def test_cast_truncates_toward_zero():
    np.testing.assert_array_equal(tf.cast(tf.constant([1.7, -1.7]), tf.int32).numpy(), [1, -1])


def test_stack_unstack_round_trip():
    a = tf.constant(X)
    parts = tf.unstack(a, axis=1)
    assert len(parts) == 3
    np.testing.assert_array_equal(tf.stack(parts, axis=1).numpy(), X)


def test_where_selects_and_finds_indices():
    out = tf.where(tf.constant(COND), tf.constant(X), tf.zeros_like(tf.constant(X)))
    np.testing.assert_array_equal(out.numpy(), np.where(COND, X, 0))
    idx = tf.where(tf.constant(COND))
    assert idx.dtype == tf.int64
    np.testing.assert_array_equal(idx.numpy(), np.argwhere(COND))


def test_shape_is_an_int32_tensor():
    s = tf.shape(tf.ones((2, 5)))
    assert s.dtype == tf.int32
    np.testing.assert_array_equal(s.numpy(), [2, 5])


def test_stop_gradient_blocks_the_tape():
    x = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        y = x * tf.stop_gradient(x)
    assert tape.gradient(y, x).numpy() == 2.0
