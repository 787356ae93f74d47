"""Merge layers: values, broadcasting of lower-rank inputs, functional forms, masks."""
import numpy as np
import pytest

import leantf as tf
from leantf import keras

L = keras.layers
rng = np.random.default_rng(0)
A = rng.standard_normal((2, 3)).astype("float32")
B = rng.standard_normal((2, 3)).astype("float32")
C = rng.standard_normal((2, 3)).astype("float32")


@pytest.mark.parametrize("cls,fn,expected", [
    (L.Add, L.add, A + B + C),
    (L.Multiply, L.multiply, A * B * C),
    (L.Average, L.average, (A + B + C) / 3),
    (L.Maximum, L.maximum, np.maximum(np.maximum(A, B), C)),
    (L.Minimum, L.minimum, np.minimum(np.minimum(A, B), C)),
])
def test_elementwise_merges(cls, fn, expected):
    np.testing.assert_allclose(cls()([A, B, C]).numpy(), expected, rtol=1e-6)
    np.testing.assert_allclose(fn([A, B, C]).numpy(), expected, rtol=1e-6)


def test_subtract_and_concatenate_and_dot_functional_forms():
    np.testing.assert_allclose(L.subtract([A, B]).numpy(), A - B)
    np.testing.assert_allclose(L.concatenate([A, B]).numpy(), np.concatenate([A, B], -1))
    np.testing.assert_allclose(L.concatenate([A, B], axis=0).numpy(), np.concatenate([A, B], 0))
    np.testing.assert_allclose(L.dot([A, B], axes=1).numpy(), (A * B).sum(-1, keepdims=True), rtol=1e-5)


def test_lower_rank_input_broadcasts_after_the_batch_axis():
    x = rng.standard_normal((2, 4, 3)).astype("float32")
    np.testing.assert_allclose(L.Add()([x, A]).numpy(), x + A[:, None, :], rtol=1e-6)


def test_dot_batch_contraction():
    x = rng.standard_normal((2, 3, 4)).astype("float32")
    y = rng.standard_normal((2, 5, 4)).astype("float32")
    np.testing.assert_allclose(L.Dot(axes=-1)([x, y]).numpy(), np.einsum("bik,bjk->bij", x, y), rtol=1e-5)
    np.testing.assert_allclose(L.Dot(axes=(2, 2))([x, y]).numpy(), np.einsum("bik,bjk->bij", x, y), rtol=1e-5)


def test_merge_in_functional_model_with_unknown_batch():
    a, b = keras.Input((3,)), keras.Input((3,))
    out = L.Concatenate()([L.Add()([a, b]), L.Dot(axes=1)([a, b])])
    assert tuple(out.shape.as_list()) == (None, 4)
    model = keras.Model([a, b], out)
    got = model([A, B]).numpy()
    np.testing.assert_allclose(got, np.concatenate([A + B, (A * B).sum(-1, keepdims=True)], -1), rtol=1e-5)


def test_masks_riding_on_inputs():
    x = tf.constant(A)
    y = tf.constant(B)
    mask_x = tf.constant([True, False])
    mask_y = tf.constant([False, False])
    try:
        x._keras_mask, y._keras_mask = mask_x, mask_y
    except AttributeError:
        pytest.skip("eager tensors cannot carry a _keras_mask here")
    # Maximum: where only x is valid (row 0) x wins; where neither is, the plain maximum.
    out = L.Maximum()([x, y]).numpy()
    np.testing.assert_allclose(out[0], A[0])
    np.testing.assert_allclose(out[1], np.maximum(A[1], B[1]))


def test_compute_mask():
    m1, m2 = tf.constant([True, False]), tf.constant([False, False])
    np.testing.assert_array_equal(L.Add().compute_mask([A, B], [m1, m2]).numpy(), [True, False])
    assert L.Add().compute_mask([A, B], [m1, None]) is None
    assert L.Dot(axes=1).compute_mask([A, B], [m1, m2]) is None
    with pytest.raises(ValueError, match="`mask` should be a list"):
        L.Add().compute_mask([A, B], m1)
