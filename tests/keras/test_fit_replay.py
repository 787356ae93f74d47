"""fit/evaluate/predict replay recorded steps (framework/replay.py) unless told to run
eagerly; both ways must train the same weights and report the same numbers."""
import numpy as np
import pytest

import leantf as tf

L = tf.keras.layers


def _mlp():
    return tf.keras.Sequential([tf.keras.Input((6, 6, 1)), L.Flatten(), L.Dense(16, activation="relu"),
                                L.Dense(4), L.Softmax()])


def _cnn():
    return tf.keras.Sequential([tf.keras.Input((6, 6, 1)), L.Conv2D(4, 3, padding="same", activation="relu"),
                                L.MaxPool2D(2), L.Flatten(), L.Dense(4, activation="softmax")])


def _batchnorm_dropout():
    return tf.keras.Sequential([tf.keras.Input((6, 6, 1)), L.Flatten(), L.Dense(12), L.BatchNormalization(),
                                L.Activation("relu"), L.Dropout(0.3, seed=1), L.Dense(4, activation="softmax")])


def _functional_two_outputs():
    inp = tf.keras.Input((6, 6, 1))
    h = L.Dense(8, activation="tanh")(L.Flatten()(inp))
    return tf.keras.Model(inp, [L.Dense(4, activation="softmax", name="cls")(h), L.Dense(1, name="reg")(h)])


def _data(n=70):
    rng = np.random.default_rng(3)
    x = rng.random((n, 6, 6, 1), dtype=np.float32)
    y = (x.reshape(n, -1)[:, :4].argmax(1)).astype(np.int32)
    return x, y


def _train(build, run_eagerly, two_outputs=False):
    tf.keras.utils.set_random_seed(7)
    model = build()
    if two_outputs:
        model.compile(optimizer=tf.keras.optimizers.Adam(0.01), run_eagerly=run_eagerly,
                      loss=["sparse_categorical_crossentropy", "mse"], metrics=[["accuracy"], ["mae"]])
    else:
        model.compile(optimizer=tf.keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy",
                      metrics=["accuracy"], run_eagerly=run_eagerly)
    x, y = _data()
    targets = [y, x.reshape(len(x), -1).mean(1, keepdims=True)] if two_outputs else y
    # batch 32 over 70 samples: a last batch of 6, so two step shapes are recorded.
    history = model.fit(x, targets, batch_size=32, epochs=4, shuffle=False, verbose=0,
                        validation_data=(x[:20], [t[:20] for t in targets] if two_outputs else y[:20]))
    scores = model.evaluate(x, targets, batch_size=32, verbose=0, return_dict=True)
    predictions = model.predict(x, batch_size=32, verbose=0)
    return model, history.history, scores, predictions


@pytest.mark.parametrize("build", [_mlp, _cnn, _batchnorm_dropout, _functional_two_outputs])
def test_replayed_fit_matches_eager_fit(build):
    two = build is _functional_two_outputs
    eager_model, eager_hist, eager_scores, eager_pred = _train(build, True, two)
    model, hist, scores, pred = _train(build, False, two)
    for a, b in zip(model.get_weights(), eager_model.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-6)
    assert hist.keys() == eager_hist.keys()
    for k in hist:
        np.testing.assert_allclose(hist[k], eager_hist[k], rtol=1e-4, atol=1e-6)
    assert scores.keys() == eager_scores.keys()
    for k in scores:
        assert scores[k] == pytest.approx(eager_scores[k], rel=1e-4, abs=1e-6)
    for a, b in zip(tf.nest.flatten(pred), tf.nest.flatten(eager_pred)):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-6)
    # The point of it all: steps seen often enough are replayed, and none had to stay eager.
    for kind in ("train", "test", "predict"):
        states = [e[0] for e in model._step_function(kind).function._programs.values()]
        assert "trusted" in states and "eager" not in states, (kind, states)


def test_overridden_train_step_runs_as_written():
    calls = []

    class Custom(tf.keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = L.Dense(1)

        def call(self, x):
            return self.dense(x)

        def train_step(self, data):
            calls.append(1)
            return super().train_step(data)

    model = Custom()
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.ones((8, 2), "float32"), np.ones((8, 1), "float32"), batch_size=2, epochs=2, verbose=0)
    assert len(calls) == 8
    assert model._step_function("train") == model.train_step


def test_a_bad_batch_after_replay_starts_raises_tf_error():
    model = _mlp()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    x, y = _data(64)
    model.fit(x, y, batch_size=16, epochs=2, verbose=0)  # the step is replayed by now
    bad = y.copy()
    bad[3] = 4  # the model has 4 classes: labels must be in [0, 4)
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"Received a label value of 4 which is outside "
                                                             r"the valid range of \[0, 4\)"):
        model.fit(x, bad, batch_size=16, epochs=1, verbose=0, shuffle=False)


def _regularized_dict_inputs():
    a = tf.keras.Input((6, 6, 1), name="image")
    b = tf.keras.Input((3,), name="extra")
    h = L.Dense(8, activation="relu", kernel_regularizer="l2",
                activity_regularizer=tf.keras.regularizers.L1(1e-3))(L.Flatten()(a))
    emb = L.Flatten()(L.Embedding(5, 2, mask_zero=False)(b))
    out = L.Dense(4, activation="softmax")(L.Concatenate()([h, emb]))
    return tf.keras.Model({"image": a, "extra": b}, out)


def test_regularizers_dict_inputs_and_weights_replay_like_eager():
    results = {}
    for eager in (True, False):
        tf.keras.utils.set_random_seed(5)
        model = _regularized_dict_inputs()
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"],
                      run_eagerly=eager)
        x, y = _data()
        extra = np.random.default_rng(1).integers(0, 5, (len(x), 3)).astype(np.float32)
        weights = np.linspace(0.5, 1.5, len(x)).astype(np.float32)
        hist = model.fit({"image": x, "extra": extra}, y, sample_weight=weights, class_weight=None,
                         batch_size=16, epochs=3, shuffle=False, verbose=0)
        results[eager] = (model.get_weights(), hist.history)
        if not eager:
            states = [e[0] for e in model._step_function("train").function._programs.values()]
            assert "trusted" in states and "eager" not in states, states
    (w_eager, h_eager), (w_replay, h_replay) = results[True], results[False]
    for a, b in zip(w_replay, w_eager):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-6)
    for k in h_eager:
        np.testing.assert_allclose(h_replay[k], h_eager[k], rtol=1e-4, atol=1e-6)


def test_trainable_changes_take_effect_at_the_next_compile_as_in_keras():
    # Keras's fit traces its step once per compile, with the trainable variables of that
    # moment (checked with TF 2.21: a layer frozen between two fits still trains until
    # compile() is called again); with run_eagerly=True the change is immediate.
    x = np.random.default_rng(0).random((32, 3)).astype("float32")
    y = x.sum(1, keepdims=True)
    for run_eagerly, recompile, expect_change in [(False, False, True), (False, True, False), (True, False, False)]:
        model = tf.keras.Sequential([tf.keras.Input((3,)), L.Dense(4, name="a"), L.Dense(1, name="b")])
        model.compile(optimizer="sgd", loss="mse", run_eagerly=run_eagerly)
        model.fit(x, y, epochs=1, verbose=0)
        before = model.get_layer("a").kernel.numpy().copy()
        model.get_layer("a").trainable = False
        if recompile:
            model.compile(optimizer="sgd", loss="mse")
        model.fit(x, y, epochs=3, verbose=0)
        changed = not np.array_equal(before, model.get_layer("a").kernel.numpy())
        assert changed == expect_change, (run_eagerly, recompile)
