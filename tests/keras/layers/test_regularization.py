"""GaussianNoise and SpatialDropout: identity at inference, noise of the right kind in training."""
import numpy as np

from leantf import keras

L = keras.layers


def test_gaussian_noise():
    x = np.zeros((200, 50), "float32")
    layer = L.GaussianNoise(0.5, seed=3)
    np.testing.assert_array_equal(layer(x).numpy(), x)
    noisy = layer(x, training=True).numpy()
    assert abs(noisy.std() - 0.5) < 0.02 and abs(noisy.mean()) < 0.02
    assert layer.built and layer.get_build_config() is None  # built at construction, as in Keras


def test_spatial_dropout2d_drops_whole_channels():
    x = np.ones((8, 4, 4, 16), "float32")
    layer = L.SpatialDropout2D(0.5, seed=1)
    np.testing.assert_array_equal(layer(x).numpy(), x)
    y = layer(x, training=True).numpy()
    per_map = y.transpose(0, 3, 1, 2).reshape(8, 16, 16)
    # Each (sample, channel) map is all zeros or all 1 / (1 - rate).
    assert set(np.unique(per_map.min(-1) == per_map.max(-1))) == {True}
    assert set(np.unique(y)) <= {0.0, 2.0}
    assert 0 < (y == 0).mean() < 1


def test_spatial_dropout2d_channels_first():
    x = np.ones((4, 6, 3, 3), "float32")
    y = L.SpatialDropout2D(0.5, data_format="channels_first", seed=2)(x, training=True).numpy()
    maps = y.reshape(4, 6, 9)
    assert np.all(maps.min(-1) == maps.max(-1))


def test_spatial_dropout1d_drops_whole_features():
    x = np.ones((4, 10, 6), "float32")
    y = L.SpatialDropout1D(0.5, seed=0)(x, training=True).numpy()
    assert np.all(y.min(1) == y.max(1))


def test_spatial_dropout_config_is_keras_short_form():
    config = L.SpatialDropout2D(0.25, name="sd").get_config()
    assert config == {"rate": 0.25, "seed": None, "name": "sd", "dtype": "float32", "data_format": "channels_last"}
    assert L.SpatialDropout2D.from_config(config).rate == 0.25
