"""tf.keras.backend (K): Keras 2 semantics with symbolic batch dims, the AFM layer's use,
and what clear_session resets."""
import numpy as np
import pytest

import leantf as tf
from leantf import keras
from leantf.framework.symbolic import placeholder
from leantf.keras import backend as K
from leantf.keras import naming
from leantf.keras.saving import serialization

RNG = np.random.RandomState(0)


def test_dot_3d_by_2d_matches_numpy():
    x = RNG.randn(4, 9, 5).astype(np.float32)
    w = RNG.randn(5, 3).astype(np.float32)
    np.testing.assert_allclose(K.dot(tf.constant(x), tf.constant(w)).numpy(), x @ w, rtol=1e-5)


def test_dot_contracts_second_to_last_axis_of_y():
    x = RNG.randn(2, 3).astype(np.float32)
    y = RNG.randn(4, 3, 5).astype(np.float32)
    np.testing.assert_allclose(K.dot(tf.constant(x), tf.constant(y)).numpy(), np.einsum("ab,cbd->acd", x, y),
                               rtol=1e-5, atol=1e-6)


def test_dot_keeps_static_shape_with_unknown_batch():
    x = placeholder([None, 9, 5], tf.float32)
    assert K.dot(x, tf.ones((5, 3))).shape.as_list() == [None, 9, 3]
    assert K.batch_dot(x, placeholder([None, 5, 7], tf.float32)).shape.as_list() == [None, 9, 7]
    assert K.sum(K.softmax(x, axis=1), axis=1).shape.as_list() == [None, 5]


def test_batch_dot_matches_einsum():
    x = RNG.randn(3, 4, 5, 2).astype(np.float32)
    y = RNG.randn(3, 2, 6).astype(np.float32)
    out = K.batch_dot(tf.constant(x), tf.constant(y), axes=(3, 1)).numpy()
    np.testing.assert_allclose(out, np.einsum("bijk,bkl->bijl", x, y), rtol=1e-5, atol=1e-6)
    a, b = RNG.randn(3, 4).astype(np.float32), RNG.randn(3, 4).astype(np.float32)
    np.testing.assert_allclose(K.batch_dot(tf.constant(a), tf.constant(b), axes=1).numpy(),
                               np.sum(a * b, axis=1, keepdims=True), rtol=1e-5)


def _afm_numpy(inputs, w, b, p):
    n, emb = inputs.shape[1], inputs.shape[2]
    cross = (inputs[:, None, :, :] * inputs[:, :, None, :]).reshape(-1, n * n, emb)
    a1 = np.maximum(cross @ w + b, 0)
    a2 = a1 @ p
    e = np.exp(a2 - a2.max(axis=1, keepdims=True))
    a = e / e.sum(axis=1, keepdims=True)
    return (cross * a).sum(axis=1)


def test_afm_attention_pipeline():
    # The seed's AFM layer call, without its dropout.
    inputs = RNG.randn(2, 4, 3).astype(np.float32)
    w, b, p = RNG.randn(3, 5).astype(np.float32), RNG.randn(5).astype(np.float32), RNG.randn(5, 1).astype(np.float32)
    x = tf.constant(inputs)
    shape = x.shape
    cross = K.expand_dims(x, axis=1) * K.expand_dims(x, axis=2)
    cross = K.reshape(cross, shape=(-1, shape[1] ** 2, 3))
    a1 = K.relu(K.dot(cross, tf.Variable(w)) + tf.Variable(b))
    a2 = K.dot(a1, tf.Variable(p))
    out = K.sum(cross * K.softmax(a2, axis=1), axis=1)
    np.testing.assert_allclose(out.numpy(), _afm_numpy(inputs, w, b, p), rtol=1e-5, atol=1e-6)


def test_clear_session_resets_names_uids_and_safe_mode_but_not_floatx():
    naming.uniquify("dense")
    assert naming.uniquify("dense") == "dense_1"
    assert K.get_uid("dense") == 3  # get_uid shares the layer-name counts, as in Keras
    serialization.enable_unsafe_deserialization()
    K.set_epsilon(1e-4)
    try:
        K.clear_session()
        assert naming.uniquify("dense") == "dense"
        assert serialization.in_safe_mode() is None
        assert K.epsilon() == 1e-4
    finally:
        K.set_epsilon(1e-7)
        K.clear_session()


def test_clear_session_runs_registered_hooks():
    from leantf.keras.utils import global_state
    calls = []
    hook = global_state.on_clear(lambda: calls.append(1))
    try:
        keras.utils.clear_session()
        assert calls == [1]
    finally:
        global_state._clear_hooks.remove(hook)


def test_variables_and_values():
    v = K.variable(np.array([1.0, 2.0]), name="v")
    assert isinstance(v, tf.Variable) and v.dtype == tf.float32 and v.name == "v:0"
    K.set_value(v, [3, 4])
    np.testing.assert_array_equal(K.get_value(v), [3.0, 4.0])
    K.batch_set_value([(v, [5, 6])])
    assert K.batch_get_value([v])[0].tolist() == [5.0, 6.0]
    assert K.eval(K.constant([1, 2])).dtype == np.float32
    assert K.int_shape(placeholder([None, 3])) == (None, 3)
    assert K.ndim(tf.ones((1, 2, 3))) == 3


def test_random_functions_seeded_from_numpy_as_in_tf():
    # K draws its op seed from NumPy; TF's stateful ops still advance per op seed, so only
    # tf.random.set_seed + np.random.seed repeat a draw. Values are TF 2.21's.
    tf.random.set_seed(2)
    np.random.seed(5)
    a = K.random_uniform((3,)).numpy()
    tf.random.set_seed(2)
    np.random.seed(5)
    np.testing.assert_array_equal(K.random_uniform((3,)).numpy(), a)
    np.testing.assert_allclose(a, [0.4629829, 0.89786077, 0.353153], rtol=1e-6)
    assert K.random_normal((2, 2), seed=1).shape == (2, 2)
    assert K.random_bernoulli((4,), p=1.0).numpy().tolist() == [1.0] * 4


@pytest.mark.parametrize("fn", [K.mean, K.std, K.var])
def test_bool_reductions_are_float(fn):
    assert fn(tf.constant([True, False])).dtype == tf.float32
