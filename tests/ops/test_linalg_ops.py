"""matmul and tf.linalg."""
import numpy as np
import pytest

import leantf as tf
from leantf.testing import GradCase

rng = np.random.default_rng(4)
A = rng.standard_normal((3, 4))
B = rng.standard_normal((4, 5))
BA = rng.standard_normal((2, 3, 4))

GRADIENT_CASES = {
    "MatMul": [GradCase(tf.matmul, [A, B]),
               GradCase(lambda a, b: tf.matmul(a, b, transpose_a=True), [A.T, B]),
               GradCase(lambda a, b: tf.matmul(a, b, transpose_b=True), [A, B.T]),
               GradCase(lambda a, b: tf.matmul(a, b, transpose_a=True, transpose_b=True), [A.T, B.T]),
               GradCase(tf.matmul, [BA, B])],
}


def test_matmul_matches_numpy_with_flags_and_batches():
    np.testing.assert_allclose(tf.matmul(A, B).numpy(), A @ B)
    np.testing.assert_allclose(tf.matmul(A.T, B, transpose_a=True).numpy(), A @ B)
    np.testing.assert_allclose(tf.matmul(BA, B).numpy(), BA @ B)
    assert tf.matmul(tf.ones((2, 1, 2, 3)), tf.ones((4, 3, 5))).shape == (2, 4, 2, 5)


def test_matmul_size_mismatch_is_invalid_argument():
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.matmul(tf.ones((2, 3)), tf.ones((2, 3)))
    assert str(e.value) == ("{{function_node __wrapped____MklMatMul_device_/job:localhost/replica:0/task:0/"
                            "device:CPU:0}} Matrix size-incompatible: In[0]: [2,3], In[1]: [2,3] "
                            "[Op:MatMul] name: ")


def test_matmul_operator_and_int_matmul():
    out = tf.ones((2, 3), dtype=tf.int32) @ tf.ones((3, 3), dtype=tf.int32)
    assert out.dtype == tf.int32
    np.testing.assert_array_equal(out.numpy(), np.full((2, 3), 3))
