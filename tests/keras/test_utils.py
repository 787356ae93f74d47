"""keras.utils: to_categorical, normalize, set_random_seed, the custom-object registry and
keras.config."""
import random

import numpy as np
import pytest

import leantf as tf
from leantf import keras


@pytest.fixture(autouse=True)
def _clean():
    keras.utils.clear_session()
    keras.utils.get_custom_objects().clear()
    yield
    keras.utils.clear_session()
    keras.utils.get_custom_objects().clear()
    keras.config.set_image_data_format("channels_last")


def test_to_categorical_matches_eye():
    labels = np.array([3, 0, 2, 2])
    out = keras.utils.to_categorical(labels)
    np.testing.assert_array_equal(out, np.eye(4)[labels])
    assert out.dtype == np.float64
    assert keras.utils.to_categorical(labels.reshape(4, 1), 6).shape == (4, 6)
    assert keras.utils.to_categorical(np.zeros((2, 3), int), 2).shape == (2, 3, 2)


def test_to_categorical_of_tensor_is_float32_tensor():
    out = keras.utils.to_categorical(tf.constant([[1], [0]]), num_classes=3)
    assert tf.is_tensor(out) and out.dtype == tf.float32
    assert out.numpy().tolist() == [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]


def test_normalize():
    x = np.array([[3.0, 4.0], [0.0, 0.0], [1.0, -1.0]])
    np.testing.assert_allclose(keras.utils.normalize(x), [[0.6, 0.8], [0, 0], [2 ** -0.5, -(2 ** -0.5)]])
    t = keras.utils.normalize(tf.constant(x, dtype=tf.float32), order=1).numpy()
    np.testing.assert_allclose(t, [[3 / 7, 4 / 7], [0, 0], [0.5, -0.5]], rtol=1e-6)


def test_set_random_seed_seeds_every_source():
    def draw():
        return (random.random(), np.random.rand(), tf.random.uniform((2,)).numpy().tolist(),
                keras.initializers.GlorotUniform()((2, 2)).numpy().tolist())

    keras.utils.set_random_seed(17)
    first = draw()
    keras.utils.set_random_seed(17)
    assert draw() == first
    keras.utils.set_random_seed(18)
    assert draw() != first


def test_set_random_seed_rejects_non_int():
    with pytest.raises(ValueError, match="Expected `seed` argument to be an integer"):
        keras.utils.set_random_seed("1")


def test_register_keras_serializable():
    @keras.utils.register_keras_serializable(package="mine", name="Sq")
    def square(x):
        return x * x

    assert keras.utils.get_registered_name(square) == "mine>Sq"
    assert keras.utils.get_registered_object("mine>Sq") is square
    assert keras.utils.get_custom_objects() == {"mine>Sq": square}
    with pytest.raises(ValueError, match="Cannot register a class that does not have a get_config"):
        keras.utils.register_keras_serializable()(type("NoCfg", (), {}))


def test_custom_object_scope_is_replaced_not_merged_when_nested():
    with keras.utils.CustomObjectScope({"a": 1}):
        assert keras.utils.get_registered_object("a") == 1
        with keras.utils.custom_object_scope({"b": 2}):
            assert keras.utils.get_registered_object("a") is None
            assert keras.utils.get_registered_object("b") == 2
        assert keras.utils.get_registered_object("a") == 1
    assert keras.utils.get_registered_object("a") is None


def test_utils_and_saving_share_one_registry():
    assert keras.utils.serialize_keras_object is keras.saving.serialize_keras_object
    assert keras.utils.deserialize_keras_object is keras.saving.deserialize_keras_object
    assert keras.utils.get_custom_objects() is keras.saving.get_custom_objects()
    assert keras.utils.custom_object_scope is keras.saving.custom_object_scope


def test_config_settings():
    assert keras.config.floatx() == "float32" and keras.config.epsilon() == 1e-7
    keras.config.set_image_data_format("channels_first")
    assert keras.backend.image_data_format() == "channels_first"
    with pytest.raises(ValueError, match="Unknown `floatx` value: int8"):
        keras.config.set_floatx("int8")
    keras.config.disable_interactive_logging()
    assert not keras.utils.is_interactive_logging_enabled()
    keras.utils.clear_session()
    assert keras.config.is_interactive_logging_enabled()


def test_unknown_utils_name():
    with pytest.raises(AttributeError):
        keras.utils.not_a_util  # noqa: B018
