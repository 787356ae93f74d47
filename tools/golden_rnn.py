"""Golden values for the recurrent layers, taken from real TensorFlow 2.21 / Keras 3.

Run with the reference environment (never a dependency of leantf):

    /work/tfenv/bin/python tools/golden_rnn.py

For every case in CASES it builds the layer in Keras (seeded initial weights, random
biases so that bias bugs show), calls it on a fixed input (and mask / initial state),
and records the weights, every output, and the gradients of a fixed random weighting of
the outputs with respect to the input and to every weight. tests/keras/layers/test_rnn.py
rebuilds each case in leantf, sets the same weights and compares.
"""
import json
import os

import numpy as np

CASES = [
    ("simple_rnn", "SimpleRNN", {"units": 4, "return_sequences": True, "return_state": True}, {}),
    ("simple_rnn_mask_last", "SimpleRNN", {"units": 4}, {"mask": True}),
    ("lstm", "LSTM", {"units": 4, "return_sequences": True, "return_state": True}, {}),
    ("lstm_backwards", "LSTM", {"units": 4, "return_sequences": True, "return_state": True, "go_backwards": True}, {}),
    ("lstm_mask", "LSTM", {"units": 4, "return_sequences": True, "return_state": True}, {"mask": True}),
    ("lstm_mask_backwards", "LSTM", {"units": 4, "return_state": True, "go_backwards": True}, {"mask": True}),
    ("lstm_initial_state", "LSTM", {"units": 4, "return_sequences": True}, {"initial_state": 2}),
    ("lstm_no_bias", "LSTM", {"units": 3, "use_bias": False}, {}),
    ("gru", "GRU", {"units": 4, "return_sequences": True, "return_state": True}, {}),
    ("gru_reset_before", "GRU", {"units": 4, "return_sequences": True, "return_state": True, "reset_after": False},
     {}),
    ("gru_mask_backwards", "GRU", {"units": 4, "return_sequences": True, "go_backwards": True}, {"mask": True}),
    ("gru_reset_before_mask", "GRU", {"units": 4, "reset_after": False}, {"mask": True}),
    ("bi_concat", "Bidirectional", {"layer": ("LSTM", {"units": 3, "return_sequences": True}),
                                    "merge_mode": "concat"}, {}),
    ("bi_sum", "Bidirectional", {"layer": ("GRU", {"units": 3, "return_sequences": True}), "merge_mode": "sum"}, {}),
    ("bi_mul", "Bidirectional", {"layer": ("SimpleRNN", {"units": 3}), "merge_mode": "mul"}, {}),
    ("bi_ave", "Bidirectional", {"layer": ("LSTM", {"units": 3}), "merge_mode": "ave"}, {}),
    ("bi_none", "Bidirectional", {"layer": ("LSTM", {"units": 3, "return_sequences": True}), "merge_mode": None},
     {}),
    ("bi_mask_state", "Bidirectional", {"layer": ("LSTM", {"units": 3, "return_sequences": True,
                                                           "return_state": True})}, {"mask": True}),
    ("time_distributed", "TimeDistributed", {"layer": ("Dense", {"units": 2, "activation": "tanh"})}, {}),
]

INPUT_SHAPE = (2, 5, 3)
MASK = np.array([[True, True, True, False, False], [True, False, True, True, False]])


def make_layer(keras, kind, kwargs):
    kwargs = dict(kwargs)
    if "layer" in kwargs:
        inner_kind, inner_kwargs = kwargs.pop("layer")
        return getattr(keras.layers, kind)(make_layer(keras, inner_kind, inner_kwargs), **kwargs)
    return getattr(keras.layers, kind)(**kwargs)


def main():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(1)
    rng = np.random.default_rng(7)
    arrays = {"mask": MASK}
    x_value = rng.standard_normal(INPUT_SHAPE).astype("float32")
    arrays["x"] = x_value
    for name, kind, kwargs, call in CASES:
        layer = make_layer(keras, kind, kwargs)
        layer.build(INPUT_SHAPE)
        # Random biases (Keras starts them at 0/1) so a misplaced bias changes the outputs.
        for w in layer.weights:
            if "bias" in w.path:
                w.assign(rng.standard_normal(w.shape).astype("float32") * 0.5)
        x = tf.constant(x_value)
        call_kwargs = {}
        if call.get("mask"):
            call_kwargs["mask"] = tf.constant(MASK)
        if call.get("initial_state"):
            states = [rng.standard_normal((INPUT_SHAPE[0], kwargs["units"])).astype("float32")
                      for _ in range(call["initial_state"])]
            for i, s in enumerate(states):
                arrays[f"{name}/initial_state_{i}"] = s
            call_kwargs["initial_state"] = [tf.constant(s) for s in states]
        with tf.GradientTape() as tape:
            tape.watch(x)
            out = layer(x, **call_kwargs)
            flat = list(out) if isinstance(out, (list, tuple)) else [out]
            weightings = [rng.standard_normal(o.shape).astype("float32") for o in flat]
            loss = tf.add_n([tf.reduce_sum(o * w) for o, w in zip(flat, weightings)])
        grads = tape.gradient(loss, [x] + list(layer.trainable_weights))
        arrays[f"{name}/n_outputs"] = np.array(len(flat))
        for i, (o, w) in enumerate(zip(flat, weightings)):
            arrays[f"{name}/output_{i}"] = np.asarray(o)
            arrays[f"{name}/weighting_{i}"] = w
        arrays[f"{name}/n_weights"] = np.array(len(layer.weights))
        for i, w in enumerate(layer.weights):
            arrays[f"{name}/weight_{i}"] = np.asarray(w)
        for i, g in enumerate(grads):
            arrays[f"{name}/grad_{i}"] = np.asarray(g)
        arrays[f"{name}/count_params"] = np.array(layer.count_params())
    arrays["cases"] = np.array(json.dumps(CASES))
    out = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "rnn", "golden.npz")
    np.savez_compressed(out, **arrays)
    print("wrote", os.path.normpath(out), len(CASES), "cases")


if __name__ == "__main__":
    main()
