"""Recurrent layers against golden values from real Keras (tools/golden_rnn.py), plus the
layer contract, masking through Embedding, and training with fit."""
import json
import os

import numpy as np
import pytest

import leantf as tf
from leantf import keras
from leantf.keras.layers import rnn as R
from leantf.testing.layer_test import run_layer_test

GOLDEN = np.load(os.path.join(os.path.dirname(__file__), "..", "..", "fixtures", "rnn", "golden.npz"))
CASES = json.loads(str(GOLDEN["cases"]))
LAYERS = {"SimpleRNN": R.SimpleRNN, "LSTM": R.LSTM, "GRU": R.GRU, "Bidirectional": R.Bidirectional,
          "TimeDistributed": R.TimeDistributed, "Dense": keras.layers.Dense}


def make_layer(kind, kwargs):
    kwargs = dict(kwargs)
    if "layer" in kwargs:
        inner_kind, inner_kwargs = kwargs.pop("layer")
        return LAYERS[kind](make_layer(inner_kind, inner_kwargs), **kwargs)
    return LAYERS[kind](**kwargs)


def golden_case(name, kind, kwargs, call):
    layer = make_layer(kind, kwargs)
    x = tf.constant(GOLDEN["x"])
    call_kwargs = {}
    if call.get("mask"):
        call_kwargs["mask"] = tf.constant(GOLDEN["mask"])
    if call.get("initial_state"):
        call_kwargs["initial_state"] = [tf.constant(GOLDEN[f"{name}/initial_state_{i}"])
                                        for i in range(call["initial_state"])]
    layer(x, **call_kwargs)  # builds
    layer.set_weights([GOLDEN[f"{name}/weight_{i}"] for i in range(int(GOLDEN[f"{name}/n_weights"]))])
    return layer, x, call_kwargs


@pytest.mark.parametrize("name,kind,kwargs,call", CASES, ids=[c[0] for c in CASES])
def test_outputs_and_gradients_match_keras(name, kind, kwargs, call):
    layer, x, call_kwargs = golden_case(name, kind, kwargs, call)
    n_out = int(GOLDEN[f"{name}/n_outputs"])
    with tf.GradientTape() as tape:
        tape.watch(x)
        out = layer(x, **call_kwargs)
        flat = list(out) if isinstance(out, (list, tuple)) else [out]
        loss = tf.add_n([tf.reduce_sum(o * GOLDEN[f"{name}/weighting_{i}"]) for i, o in enumerate(flat)])
    assert len(flat) == n_out
    for i, o in enumerate(flat):
        np.testing.assert_allclose(o.numpy(), GOLDEN[f"{name}/output_{i}"], atol=1e-5, err_msg=f"output {i}")
    grads = tape.gradient(loss, [x] + list(layer.trainable_weights))
    for i, g in enumerate(grads):
        np.testing.assert_allclose(g.numpy(), GOLDEN[f"{name}/grad_{i}"], atol=1e-4, err_msg=f"gradient {i}")
    assert layer.count_params() == int(GOLDEN[f"{name}/count_params"])


def test_weight_names_shapes_and_order_follow_keras():
    lstm, gru, gru_before = R.LSTM(5), R.GRU(5), R.GRU(5, reset_after=False)
    for layer in (lstm, gru, gru_before):
        layer(np.zeros((2, 3, 7), "float32"))
    assert [(w.name, tuple(w.shape)) for w in lstm.weights] == [
        ("kernel", (7, 20)), ("recurrent_kernel", (5, 20)), ("bias", (20,))]
    assert [w.path for w in lstm.weights][0].endswith("lstm_cell/kernel")
    assert tuple(gru.weights[2].shape) == (2, 15)
    assert tuple(gru_before.weights[2].shape) == (15,)


def test_unit_forget_bias_opens_the_forget_gate():
    layer = R.LSTM(3)
    layer(np.zeros((1, 2, 4), "float32"))
    np.testing.assert_array_equal(layer.cell.bias.numpy(), [0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0])
    layer = R.LSTM(3, unit_forget_bias=False)
    layer(np.zeros((1, 2, 4), "float32"))
    assert not layer.cell.bias.numpy().any()


def test_masked_steps_carry_state_and_repeat_output():
    layer = R.SimpleRNN(3, return_sequences=True, return_state=True)
    x = np.random.default_rng(0).standard_normal((1, 4, 2)).astype("float32")
    mask = np.array([[True, True, False, False]])
    seq, state = layer(x, mask=mask)
    seq = seq.numpy()
    np.testing.assert_allclose(seq[0, 2], seq[0, 1])
    np.testing.assert_allclose(seq[0, 3], seq[0, 1])
    np.testing.assert_allclose(state.numpy()[0], seq[0, 1])
    short, _ = layer(x[:, :2])
    np.testing.assert_allclose(short.numpy()[0, 1], seq[0, 1], atol=1e-6)


def test_embedding_mask_reaches_the_rnn_and_is_kept_with_return_sequences():
    ids = np.array([[3, 4, 0, 0], [1, 0, 0, 0]])
    emb = keras.layers.Embedding(10, 4, mask_zero=True)
    lstm = R.LSTM(3, return_sequences=True)
    seq = lstm(emb(ids))
    np.testing.assert_array_equal(seq._keras_mask.numpy(), ids != 0)
    last = R.LSTM(3)(emb(ids))
    assert getattr(last, "_keras_mask", None) is None
    np.testing.assert_allclose(seq.numpy()[1, 3], seq.numpy()[1, 0])


def test_dropout_only_in_training():
    layer = R.GRU(4, dropout=0.5, recurrent_dropout=0.5, seed=1)
    x = np.ones((3, 5, 2), "float32")
    a, b = layer(x), layer(x)
    np.testing.assert_array_equal(a.numpy(), b.numpy())
    c = layer(x, training=True)
    assert not np.allclose(a.numpy(), c.numpy())
    assert layer.cell.__dict__.get("_dropout_mask") is None


def test_user_cell_with_state_size_and_call():
    class MinimalCell(keras.layers.Layer):
        def __init__(self, units, **kwargs):
            super().__init__(**kwargs)
            self.units = units
            self.state_size = units

        def build(self, input_shape):
            self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
            self.recurrent = self.add_weight(shape=(self.units, self.units), name="recurrent")

        def call(self, inputs, states):
            h = tf.matmul(inputs, self.kernel) + tf.matmul(states[0], self.recurrent)
            return h, [h]

    x = np.random.default_rng(1).standard_normal((2, 3, 4)).astype("float32")
    layer = R.RNN(MinimalCell(5), return_sequences=True)
    out = layer(x).numpy()
    k, r = (w.numpy() for w in layer.weights)
    h = np.zeros((2, 5), "float32")
    for t in range(3):
        h = x[:, t] @ k + h @ r
        np.testing.assert_allclose(out[:, t], h, rtol=1e-5, atol=1e-5)


def test_rnn_needs_state_size():
    class NoState(keras.layers.Layer):
        def call(self, inputs, states):
            return inputs, states
    with pytest.raises(ValueError, match="state_size"):
        R.RNN(NoState())


def test_bidirectional_names_and_invalid_merge_mode():
    bi = R.Bidirectional(R.LSTM(2, name="enc"))
    assert bi.forward_layer.name == "forward_enc" and bi.backward_layer.name == "backward_enc"
    assert bi.backward_layer.go_backwards
    with pytest.raises(ValueError, match="Invalid merge mode"):
        R.Bidirectional(R.LSTM(2), merge_mode="max")


def test_config_round_trip_keeps_cell_arguments():
    layer = R.GRU(6, reset_after=False, dropout=0.25, go_backwards=True, name="g")
    clone = R.GRU.from_config(layer.get_config())
    assert clone.get_config() == layer.get_config()
    assert clone.cell.reset_after is False and clone.go_backwards and clone.dropout == 0.25
    rnn = R.RNN(R.LSTMCell(3), return_state=True)
    assert R.RNN.from_config(rnn.get_config()).get_config() == rnn.get_config()


@pytest.mark.parametrize("cls,kwargs,expected", [
    (R.SimpleRNN, {"units": 4}, (2, 4)),
    (R.LSTM, {"units": 4, "return_sequences": True}, (2, 5, 4)),
    (R.GRU, {"units": 4, "go_backwards": True}, (2, 4)),
    (R.GRU, {"units": 4, "reset_after": False}, (2, 4)),
])
def test_layer_contract(cls, kwargs, expected):
    run_layer_test(cls, init_kwargs=kwargs, input_shape=(2, 5, 3), expected_output_shape=expected,
                   expected_num_trainable_weights=3, expected_num_non_trainable_weights=0, supports_masking=True)


def test_wrapper_layer_contract():
    run_layer_test(R.Bidirectional, init_kwargs={"layer": R.LSTM(2, return_sequences=True)}, input_shape=(2, 5, 3),
                   expected_output_shape=(2, 5, 4), expected_num_trainable_weights=6)
    run_layer_test(R.TimeDistributed, init_kwargs={"layer": R.GRU(3)}, input_shape=(2, 4, 5, 3),
                   expected_output_shape=(2, 4, 3), expected_num_trainable_weights=3)
    run_layer_test(R.RNN, init_kwargs={"cell": R.LSTMCell(3)}, input_shape=(2, 5, 4),
                   expected_output_shape=(2, 3), expected_num_trainable_weights=3)


def test_symbolic_shapes_with_unknown_time_axis():
    inputs = keras.Input(shape=(None, 8))
    seq = R.LSTM(4, return_sequences=True)(inputs)
    assert seq.shape.as_list() == [None, None, 4]
    out, h, c = R.LSTM(4, return_state=True)(inputs)
    assert out.shape.as_list() == [None, 4] and c.shape.as_list() == [None, 4]


def test_summary_param_counts():
    model = keras.Sequential([keras.Input((5, 3)), R.LSTM(4), keras.layers.Dense(1)])
    assert model.layers[0].count_params() == 4 * 4 * (3 + 4 + 1)
    gru = R.GRU(4)
    gru(np.zeros((1, 2, 3), "float32"))
    assert gru.count_params() == 3 * 4 * (3 + 4 + 2)


def test_embedding_lstm_dense_trains_with_fit():
    rng = np.random.default_rng(0)
    lengths = rng.integers(2, 9, 64)
    ids = np.zeros((64, 8), "int32")
    for i, n in enumerate(lengths):
        ids[i, :n] = rng.integers(1, 20, n)
    labels = (lengths > 5).astype("float32")
    model = keras.Sequential([keras.Input((8,), dtype="int32"), keras.layers.Embedding(20, 8, mask_zero=True),
                              R.LSTM(8), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=keras.optimizers.Adam(0.02), loss="binary_crossentropy")
    history = model.fit(ids, labels, epochs=8, batch_size=16, verbose=0)
    losses = history.history["loss"]
    assert losses[-1] < 0.8 * losses[0], losses
