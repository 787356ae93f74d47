"""Rescaling and Normalization; expected numbers are what TF 2.21 / Keras 3.15 gave for the
same calls (tools-free: the values are written out here, with the calls that made them)."""
import numpy as np
import pytest

import leantf as tf
from leantf.testing.layer_test import run_layer_test

L = tf.keras.layers
DATA = np.random.default_rng(0).normal(3.0, 2.0, (40, 3)).astype("float32")


def test_layer_contract():
    run_layer_test(L.Rescaling, {"scale": 0.5, "offset": 1.0}, input_shape=(2, 3), expected_output_shape=(2, 3),
                   expected_num_trainable_weights=0, run_training_check=False)
    run_layer_test(L.Normalization, {"mean": [1.0, 2.0, 3.0], "variance": [1.0, 4.0, 9.0]}, input_shape=(2, 3),
                   expected_output_shape=(2, 3), expected_num_trainable_weights=0,
                   expected_num_non_trainable_weights=0, run_training_check=False)


def test_rescaling_casts_integer_images_and_keeps_keras_config():
    layer = L.Rescaling(1 / 255.)
    y = layer(np.array([[0, 128, 255]], dtype=np.uint8))
    assert y.dtype == tf.float32
    np.testing.assert_allclose(y.numpy(), [[0.0, 0.501960813999176, 1.0]], rtol=1e-7)
    config = layer.get_config()
    assert config["scale"] == pytest.approx(0.00392156862745098) and config["offset"] == 0.0
    np.testing.assert_allclose(L.Rescaling(scale=1 / 127.5, offset=-1)(np.array([0., 127.5, 255.], "float32")),
                               [-1.0, 0.0, 1.0])


def test_normalization_adapt_matches_keras():
    tf.keras.backend.clear_session()  # so that the layer is named "normalization"
    layer = L.Normalization()
    layer.adapt(DATA)
    mean, variance, count = layer.get_weights()
    np.testing.assert_allclose(mean, [2.675537586212158, 3.0693538188934326, 3.742396593093872], rtol=1e-6)
    np.testing.assert_allclose(variance, [4.927679538726807, 2.6751976013183594, 2.757666826248169], rtol=1e-6)
    assert count == 0 and count.dtype == np.int64  # Keras creates the count and never updates it
    assert [w.path for w in layer.weights] == ["normalization/mean", "normalization/variance", "normalization/count"]
    np.testing.assert_allclose(layer(DATA[:2]).numpy(), [[0.2594437301158905, -0.20393916964530945, 0.32424503564834595],
                                                         [0.24067644774913788, -0.6974140405654907, -0.011565858498215675]],
                               rtol=1e-5)
    assert layer.get_config()["axis"] == (-1,) and layer.get_config()["mean"] is None


def test_normalization_adapts_from_batches_and_other_axes():
    by_batches = L.Normalization()
    by_batches.adapt(tf.data.Dataset.from_tensor_slices(DATA).batch(7))
    np.testing.assert_allclose(by_batches.get_weights()[0], [2.6755378246307373, 3.0693540573120117, 3.742396831512451],
                               rtol=1e-6)
    np.testing.assert_allclose(by_batches.get_weights()[1], [4.927680969238281, 2.675197124481201, 2.757667064666748],
                               rtol=1e-6)
    whole = L.Normalization(axis=None)
    whole.adapt(DATA)
    np.testing.assert_allclose(whole.get_weights()[:2], [3.1624293327331543, 3.6475443840026855], rtol=1e-6)
    images = np.random.default_rng(0).random((5, 4, 4, 3)).astype("float32")
    per_channel = L.Normalization(axis=-1)
    per_channel.adapt(images)
    np.testing.assert_allclose(per_channel.get_weights()[0], images.mean((0, 1, 2)), rtol=1e-5)
    with pytest.raises(ValueError, match="adapt.. received an empty iterable"):
        L.Normalization().adapt([])


def test_normalization_with_given_statistics_and_invert():
    np.testing.assert_allclose(L.Normalization(mean=[1., 2., 3.], variance=[1., 4., 9.])(np.ones((1, 3), "float32")),
                               [[0.0, -0.5, -0.6666666865348816]])
    np.testing.assert_allclose(L.Normalization(mean=2., variance=4., invert=True)(np.ones((2, 2), "float32")),
                               [[4.0, 4.0], [4.0, 4.0]])
    with pytest.raises(ValueError, match="When setting values directly, both `mean` and `variance` must be set. "
                                         "Received: mean=1.0 and variance=None"):
        L.Normalization(mean=1.)


def test_normalization_in_a_model_counts_its_weights_and_follows_set_weights():
    layer = L.Normalization()
    layer.adapt(DATA)
    model = tf.keras.Sequential([tf.keras.Input((3,)), layer, L.Dense(1)])
    assert model.count_params() == 11  # 3 + 3 + 1 non-trainable, 4 in the Dense layer (Keras: 11)
    layer.set_weights([np.zeros(3, "float32"), np.full(3, 4.0, "float32"), np.array(0)])
    np.testing.assert_allclose(layer(np.full((1, 3), 2.0, "float32")), [[1.0, 1.0, 1.0]])
