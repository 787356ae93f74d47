"""BatchNormalization's training/inference behaviour and LayerNormalization's formula."""
import numpy as np
import pytest

import leantf as tf
from leantf import keras

L = keras.layers


def _data(shape=(8, 3), seed=0):
    return np.random.default_rng(seed).standard_normal(shape).astype("float32") * 2 + 1


def test_batchnorm_weights_order_and_trainability():
    bn = L.BatchNormalization()
    bn(_data())
    assert [w.name for w in bn.weights] == ["gamma", "beta", "moving_mean", "moving_variance"]
    assert [w.name for w in bn.trainable_weights] == ["gamma", "beta"]
    assert [w.name for w in bn.non_trainable_weights] == ["moving_mean", "moving_variance"]
    assert bn.momentum == 0.99 and bn.epsilon == 1e-3


def test_batchnorm_training_uses_batch_moments_and_updates_moving_stats():
    x = _data()
    bn = L.BatchNormalization(momentum=0.9)
    y = bn(x, training=True).numpy()
    mean, var = x.mean(0), x.var(0)
    np.testing.assert_allclose(y, (x - mean) / np.sqrt(var + 1e-3), rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(bn.moving_mean.numpy(), 0.1 * mean, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(bn.moving_variance.numpy(), 0.9 + 0.1 * var, rtol=1e-5)


def test_batchnorm_inference_uses_moving_stats_and_changes_nothing():
    x = _data()
    bn = L.BatchNormalization()
    bn(x, training=True)
    stats = [w.numpy().copy() for w in bn.non_trainable_weights]
    y = bn(x).numpy()  # training defaults to False
    for before, w in zip(stats, bn.non_trainable_weights):
        np.testing.assert_array_equal(before, w.numpy())
    np.testing.assert_allclose(y, (x - stats[0]) / np.sqrt(stats[1] + 1e-3), rtol=1e-5, atol=1e-5)


def test_batchnorm_frozen_layer_runs_in_inference_mode():
    x = _data()
    bn = L.BatchNormalization()
    bn(x)
    bn.trainable = False
    bn(x, training=True)
    np.testing.assert_array_equal(bn.moving_mean.numpy(), np.zeros(3, "float32"))
    assert bn.trainable_weights == []


def test_batchnorm_update_is_not_differentiated():
    x = tf.constant(_data())
    bn = L.BatchNormalization()
    bn(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = bn(x, training=True)
        loss = tf.reduce_sum(y * y)
    grads = tape.gradient(loss, [bn.gamma, bn.beta, bn.moving_mean, bn.moving_variance])
    assert grads[0] is not None and grads[1] is not None
    assert grads[2] is None and grads[3] is None


def test_batchnorm_in_a_functional_graph_does_not_update_when_built():
    inp = keras.Input((3,))
    bn = L.BatchNormalization()
    out = bn(inp, training=True)
    assert tuple(out.shape.as_list()) == (None, 3)
    np.testing.assert_array_equal(bn.moving_mean.numpy(), np.zeros(3, "float32"))


def test_batchnorm_fit_moves_moving_statistics():
    x = _data((32, 3))
    model = keras.Sequential([keras.Input((3,)), L.BatchNormalization(), L.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    model.fit(x, np.zeros((32, 1), "float32"), epochs=1, batch_size=8, verbose=0)
    assert np.all(model.layers[0].moving_mean.numpy() != 0)


def test_batchnorm_masked_moments():
    x = _data((2, 4, 3))
    mask = np.array([[True, True, False, False], [True, True, True, False]])
    bn = L.BatchNormalization(momentum=0.0)
    bn(x, training=True, mask=tf.constant(mask))
    kept = x[mask]
    np.testing.assert_allclose(bn.moving_mean.numpy(), kept.mean(0), rtol=1e-4)


def test_batchnorm_renorm_not_available():
    with pytest.raises(NotImplementedError):
        L.BatchNormalization(renorm=True)


def test_layernorm_formula_and_config_axis_list():
    x = _data((4, 5))
    ln = L.LayerNormalization(epsilon=1e-5)
    y = ln(x).numpy()
    ref = (x - x.mean(-1, keepdims=True)) / np.sqrt(x.var(-1, keepdims=True) + 1e-5)
    np.testing.assert_allclose(y, ref, rtol=1e-5, atol=1e-5)
    assert ln.get_config()["axis"] == [-1]  # Keras keeps the list form once built
    assert L.LayerNormalization().get_config()["axis"] == -1


def test_layernorm_float64_input_gives_compute_dtype():
    ln = L.LayerNormalization()
    y = ln(tf.constant(_data().astype("float64")))
    assert y.dtype == tf.float32
