"""Reductions: values against NumPy, TF's integer and error behaviour, gradient cases."""
import numpy as np
import pytest

import leantf as tf
from leantf.testing import GradCase

rng = np.random.default_rng(2)
X = rng.standard_normal((3, 4, 2))
TIES = np.array([[1.0, 3.0, 3.0], [2.0, 0.5, -1.0]])
WITH_ZERO = np.array([[1.5, 0.0, 2.0], [0.5, 1.2, -0.7]])

GRADIENT_CASES = {
    "Sum": [GradCase(lambda x: tf.reduce_sum(x), [X]),
            GradCase(lambda x: tf.reduce_sum(x, axis=[0, 2], keepdims=True), [X])],
    "Mean": [GradCase(lambda x: tf.reduce_mean(x, axis=1), [X])],
    "Max": [GradCase(lambda x: tf.reduce_max(x, axis=-1), [X]),
            GradCase(lambda x: tf.reduce_max(x, axis=1), [TIES], order=1, kwargs={"eps": 1e-9})],
    "Min": [GradCase(lambda x: tf.reduce_min(x, axis=0), [X])],
    "Prod": [GradCase(lambda x: tf.reduce_prod(x, axis=1), [X]),
             GradCase(lambda x: tf.reduce_prod(x, axis=1), [WITH_ZERO], order=1)],
}


@pytest.mark.parametrize("axis", [None, 0, 1, -1, [0, 2], (1,)])
@pytest.mark.parametrize("keepdims", [False, True])
def test_reductions_match_numpy(axis, keepdims):
    t = tf.constant(X)
    np_axis = tuple(axis) if isinstance(axis, (list, tuple)) else axis
    for tf_fn, np_fn in [(tf.reduce_sum, np.sum), (tf.reduce_mean, np.mean), (tf.reduce_max, np.max),
                         (tf.reduce_min, np.min), (tf.reduce_prod, np.prod),
                         (tf.math.reduce_std, np.std), (tf.math.reduce_variance, np.var),
                         (tf.reduce_logsumexp, lambda a, axis, keepdims: np.log(np.sum(np.exp(a), axis=axis,
                                                                                        keepdims=keepdims)))]:
        out = tf_fn(t, axis=axis, keepdims=keepdims)
        np.testing.assert_allclose(out.numpy(), np_fn(X, axis=np_axis, keepdims=keepdims), rtol=1e-12)


def test_integer_mean_truncates_like_tf():
    assert tf.reduce_mean(tf.constant([1, 2])).numpy() == 1
    assert tf.reduce_mean(tf.constant([-1, -2])).numpy() == -1
    assert tf.reduce_mean(tf.constant([1, 2])).dtype == tf.int32


def test_int32_sum_stays_int32():
    assert tf.reduce_sum(tf.constant([1, 2, 3])).dtype == tf.int32


def test_bad_reduction_axis_message():
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.reduce_sum(tf.ones((2, 3)), axis=2)
    assert "Invalid reduction dimension (2 for input with 2 dimension(s) [Op:Sum]" in str(e.value)


def test_std_of_integers_is_a_type_error():
    with pytest.raises(TypeError, match="Input must be either real or complex. Received integer type "
                                        "<dtype: 'int32'>."):
        tf.math.reduce_std(tf.constant([1, 2]))


def test_logsumexp_is_stable():
    out = tf.reduce_logsumexp(tf.constant([1000.0, 1000.0]))
    np.testing.assert_allclose(out.numpy(), 1000.0 + np.log(2.0))


def test_any_all_and_argmax():
    b = tf.constant([[True, False], [True, True]])
    np.testing.assert_array_equal(tf.reduce_any(b, axis=0).numpy(), [True, True])
    np.testing.assert_array_equal(tf.reduce_all(b, axis=1).numpy(), [False, True])
    am = tf.argmax(tf.constant([[1, 3, 2], [9, 0, 1]]), axis=1)
    assert am.dtype == tf.int64
    np.testing.assert_array_equal(am.numpy(), [1, 0])
    assert tf.argmin([3, 1, 2], output_type=tf.int32).dtype == tf.int32
