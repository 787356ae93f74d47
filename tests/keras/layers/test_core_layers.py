"""Embedding and Lambda."""
import warnings

import numpy as np
import pytest

import leantf as tf
from leantf import keras

L = keras.layers


def test_embedding_lookup_and_default_initializer():
    emb = L.Embedding(5, 2)
    out = emb(np.array([[0, 4], [2, 2]], "int32"))
    table = emb.embeddings.numpy()
    np.testing.assert_array_equal(out.numpy(), table[[[0, 4], [2, 2]]])
    assert np.all(np.abs(table) <= 0.05)  # RandomUniform(-0.05, 0.05)
    assert emb.get_config()["embeddings_initializer"]["class_name"] == "RandomUniform"


def test_embedding_negative_ids_count_from_the_end_and_float_ids_are_cast():
    emb = L.Embedding(4, 2)
    emb.build()
    table = emb.embeddings.numpy()
    np.testing.assert_array_equal(emb(np.array([-1], "int32")).numpy(), table[[3]])
    out = emb(np.array([1.0, 2.0], "float32"))
    np.testing.assert_array_equal(out.numpy(), table[[1, 2]])
    assert out.dtype == tf.float32


def test_embedding_mask():
    ids = np.array([[3, 0, 1], [0, 0, 2]], "int32")
    emb = L.Embedding(4, 2, mask_zero=True)
    assert emb.supports_masking
    np.testing.assert_array_equal(emb.compute_mask(tf.constant(ids)).numpy(), ids != 0)
    assert L.Embedding(4, 2).compute_mask(tf.constant(ids)) is None


def test_embedding_weights_argument_and_sparse_like_gradient():
    table = np.arange(6, dtype="float32").reshape(3, 2)
    emb = L.Embedding(3, 2, weights=table)
    assert emb.built
    np.testing.assert_array_equal(emb.embeddings.numpy(), table)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(emb(np.array([0, 0, 2], "int32")))
    grad = tf.convert_to_tensor(tape.gradient(loss, emb.embeddings)).numpy()
    np.testing.assert_array_equal(grad, [[2, 2], [0, 0], [1, 1]])


def test_embedding_input_length_is_deprecated():
    with pytest.warns(UserWarning, match="`input_length` is deprecated"):
        L.Embedding(3, 2, input_length=4)


def double(x, factor=2.0):
    return x * factor


def test_lambda_named_function_config_round_trip():
    layer = L.Lambda(double, arguments={"factor": 3.0})
    np.testing.assert_allclose(layer(np.ones((1, 2), "float32")).numpy(), [[3.0, 3.0]])
    config = layer.get_config()
    assert config["arguments"] == {"factor": 3.0}
    assert config["function"]["config"] == "double"
    with keras.saving.custom_object_scope({"double": double}):
        clone = L.Lambda.from_config(config)
    np.testing.assert_allclose(clone(np.ones((1, 2), "float32")).numpy(), [[3.0, 3.0]])


def test_lambda_builtin_activation_round_trip():
    layer = L.Lambda(keras.activations.relu)
    config = layer.get_config()
    assert config["function"] == {"module": "builtins", "class_name": "function", "config": "relu",
                                  "registered_name": "function"}
    clone = L.Lambda.from_config(config)
    assert clone.function is keras.activations.relu


def test_lambda_python_lambda_refused_in_safe_mode():
    layer = L.Lambda(lambda x: x + 1.0)
    config = layer.get_config()
    assert config["function"]["class_name"] == "__lambda__"
    with pytest.raises(ValueError, match="whose `function` is a Python lambda"):
        L.Lambda.from_config(config)
    with pytest.raises(ValueError, match="whose `function` is a Python lambda"):
        keras.saving.deserialize_keras_object(keras.saving.serialize_keras_object(layer))


def test_lambda_python_lambda_loads_when_safe_mode_is_off():
    layer = L.Lambda(lambda x: x + 1.0)
    clone = L.Lambda.from_config(layer.get_config(), safe_mode=False)
    np.testing.assert_allclose(clone(np.zeros((1, 2), "float32")).numpy(), [[1.0, 1.0]])


def test_lambda_passes_training_and_mask_when_the_function_takes_them():
    seen = {}

    def fn(x, training=None, mask=None):
        seen["training"], seen["mask"] = training, mask
        return x

    L.Lambda(fn)(np.zeros((1, 2), "float32"), training=True)
    assert seen["training"] is True and seen["mask"] is None


def test_lambda_output_shape_and_mask_in_config():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        layer = L.Lambda(double, output_shape=(4,), mask=None)
    assert layer.get_config()["output_shape"] == (4,)
    assert layer.compute_output_shape((None, 4)) == (None, 4)


def test_lambda_in_functional_model():
    inp = keras.Input((3,))
    out = L.Lambda(double)(inp)
    assert tuple(out.shape.as_list()) == (None, 3)
    model = keras.Model(inp, out)
    np.testing.assert_allclose(model(np.ones((2, 3), "float32")).numpy(), np.full((2, 3), 2.0))


def test_dense_config_round_trips_through_from_config():
    # Keras 3.15's get_config writes `quantization_config`; from_config must accept it back.
    layer = tf.keras.layers.Dense(3, activation="relu", use_bias=False)
    config = layer.get_config()
    assert config["quantization_config"] is None
    assert tf.keras.layers.Dense.from_config(config).get_config() == config
    wrapped = tf.keras.layers.TimeDistributed(tf.keras.layers.Dense(2))
    assert tf.keras.layers.TimeDistributed.from_config(wrapped.get_config()).layer.units == 2
