"""The training loop against Keras 3.15 on TF 2.21: the numbers below were produced by running the
same code with TensorFlow (fixed initial weights, SGD, no shuffling), so losses must agree to
float32 round-off; names, return values, History and errors must agree exactly."""
import warnings

import numpy as np
import pytest

from leantf import keras
from leantf.keras import layers as L

X = np.arange(24, dtype="float32").reshape(8, 3) / 10.0
Y = (X.sum(1, keepdims=True) > 1.2).astype("float32")


@pytest.fixture(autouse=True)
def fresh_session():
    keras.backend.clear_session()


def make(**compile_kw):
    inp = keras.Input((3,), name="x")
    h = L.Dense(2, name="d", kernel_initializer=keras.initializers.Constant(0.1))(inp)
    out = L.Dense(1, name="o", kernel_initializer=keras.initializers.Constant(-0.2))(h)
    m = keras.Model(inp, out)
    if compile_kw:
        m.compile(**compile_kw)
    return m


def close(a, b):
    np.testing.assert_allclose(a, b, rtol=2e-6, atol=1e-7)


def test_fit_evaluate_match_keras():
    m = make(optimizer=keras.optimizers.SGD(0.1), loss="mse", metrics=["mae", "acc"])
    h = m.fit(X, Y, epochs=2, batch_size=4, shuffle=False, verbose=0)
    assert type(h).__name__ == "History" and h.epoch == [0, 1]
    assert h.params == {"verbose": 0, "epochs": 2, "steps": 2}
    assert list(h.history) == ["acc", "loss", "mae"]
    assert all(isinstance(v, float) for vals in h.history.values() for v in vals)
    assert h.history["acc"] == [0.25, 0.25]
    close(h.history["loss"], [0.829449474811554, 0.3528999090194702])
    close(h.history["mae"], [0.7953819632530212, 0.5761027336120605])
    assert m.metrics_names == ["loss", "compile_metrics"]
    result = m.evaluate(X, Y, verbose=0)
    close(result, [0.24922776222229004, 0.49922361969947815, 0.625])
    d = m.evaluate(X, Y, verbose=0, return_dict=True)
    assert list(d) == ["acc", "loss", "mae"]
    close(m.predict(X[:2], verbose=0), [[0.49631989002227783], [0.49712496995925903]])
    close(m.train_on_batch(X, Y), [0.24922776222229004, 0.49922361969947815, 0.625])
    tob = m.train_on_batch(X, Y, return_dict=True)  # each *_on_batch call starts its metrics afresh
    close([tob["acc"], tob["loss"], tob["mae"]], [0.75, 0.22147855162620544, 0.4682455062866211])
    close(m.test_on_batch(X, Y), [0.20329803228378296, 0.4425743520259857, 0.75])
    p = m.predict_on_batch(X[:2])
    assert type(p) is np.ndarray and p.dtype == np.float32
    close(p, [[0.5895421504974365], [0.5934358239173889]])


def test_fit_options_match_keras():
    m = make(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    m.fit(X, Y, epochs=2, batch_size=4, shuffle=False, verbose=0)
    m.evaluate(X, Y, verbose=0)
    m.train_on_batch(X, Y)
    m.train_on_batch(X, Y)
    assert m.metrics_names == ["loss"]
    h = m.fit(X, Y, epochs=3, batch_size=3, validation_split=0.25, shuffle=False, verbose=0)
    assert h.params == {"verbose": 0, "epochs": 3, "steps": 2} and list(h.history) == ["loss", "val_loss"]
    m = make(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    h = m.fit(X, Y, epochs=3, initial_epoch=1, batch_size=4, verbose=0, shuffle=False)
    assert h.epoch == [1, 2]
    m = make(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    h = m.fit(X, Y, epochs=2, steps_per_epoch=1, batch_size=4, verbose=0, shuffle=False)
    # The second epoch continues with the next batch rather than starting over.
    assert h.params["steps"] == 1
    first = make(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    step2 = first.fit(X[:4], Y[:4], epochs=1, verbose=0, shuffle=False).history["loss"][0]
    assert h.history["loss"][0] == step2
    m = make(optimizer=keras.optimizers.SGD(0.1), loss="binary_crossentropy", metrics=["accuracy"])
    h = m.fit(X, Y, epochs=1, batch_size=4, class_weight={0: 1.0, 1: 3.0}, verbose=0, shuffle=False)
    # Class weights reach the loss, not the (unweighted) compiled metrics.
    assert h.history["accuracy"] == [0.25]
    close(h.history["loss"], [36.265716552734375])
    m = make(optimizer=keras.optimizers.SGD(0.0), loss="mse")
    assert np.isclose(m.evaluate(X, Y, verbose=0, sample_weight=np.array([1, 0, 0, 0, 0, 0, 0, 0.])),
                      m.evaluate(X[:1], Y[:1], verbose=0) / 8)


def test_multiple_outputs_match_keras():
    def build(**compile_kw):
        inp = keras.Input((3,), name="x")
        h = L.Dense(2, name="d", kernel_initializer=keras.initializers.Constant(0.1))(inp)
        o1 = L.Dense(1, name="o1", kernel_initializer=keras.initializers.Constant(-0.2))(h)
        o2 = L.Dense(3, name="o2", activation="softmax", kernel_initializer=keras.initializers.Constant(0.3))(h)
        m = keras.Model(inp, [o1, o2])
        m.compile(optimizer=keras.optimizers.SGD(0.1), **compile_kw)
        return m
    y1, y2 = X.sum(1, keepdims=True), (np.arange(8) % 3).astype("int32")
    m = build(loss=["mse", "sparse_categorical_crossentropy"], metrics=[["mae"], ["accuracy"]])
    h = m.fit(X, [y1, y2], epochs=2, batch_size=4, shuffle=False, verbose=0)
    assert list(h.history) == ["loss", "o1_loss", "o1_mae", "o2_accuracy", "o2_loss"]
    close(h.history["loss"], [15.897040367126465, 9.554137229919434])
    close(h.history["o1_loss"], [14.797248840332031, 8.454506874084473])
    close(h.history["o1_mae"], [3.3337929248809814, 2.3771493434906006])
    assert h.history["o2_accuracy"] == [0.375, 0.25]
    close(h.history["o2_loss"], [1.0997912883758545, 1.0996298789978027])
    assert m.metrics_names == ["loss", "compile_metrics", "o1_loss", "o2_loss"]
    # evaluate's list: the loss, the per-output losses, then the other logs in sorted order.
    close(m.evaluate(X, [y1, y2], verbose=0),
          [3.267580032348633, 2.174922466278076, 1.092657446861267, 1.2869861125946045, 0.375])
    m = build(loss={"o1": "mse", "o2": "sparse_categorical_crossentropy"}, metrics={"o1": "mae", "o2": "accuracy"},
              loss_weights={"o1": 0.5, "o2": 2.0})
    h = m.fit(X, {"o1": y1, "o2": y2}, epochs=1, batch_size=4, shuffle=False, verbose=0)
    close([h.history[k][0] for k in ("loss", "o1_loss", "o1_mae", "o2_loss")],
          [10.218374252319336, 16.031696319580078, 3.4542558193206787, 1.1012630462646484])
    m = build(loss=["mse", "sparse_categorical_crossentropy"], weighted_metrics=[["mae"], ["accuracy"]])
    h = m.fit(X, [y1, y2], epochs=1, batch_size=4, sample_weight=np.arange(8.), shuffle=False, verbose=0)
    close([h.history[k][0] for k in ("loss", "o1_loss", "o1_mae", "o2_accuracy", "o2_loss")],
          [72.35795593261719, 68.5002212524414, 4.2291669845581055, 0.3214285671710968, 3.857736110687256])
    with pytest.raises(ValueError) as info:
        build(loss="mse", metrics=["mae"]).fit(X, [y1, np.ones((8, 3))], verbose=0)
    assert str(info.value) == (
        "tuple arity mismatch; expected: 2, got: 1; tuple: ('mae',).\nInvalid `metrics`. `metrics` should contain "
        "metrics objects and either be a dict or a list matching the output names of the functional model "
        "['o1', 'o2'] or match the output structure of the model: ['X', 'X'].\nReceived: metrics=['mae']")
    with pytest.raises(ValueError) as info:
        build(loss={"o1": "mse", "zz": "mse"}).fit(X, [y1, y2], verbose=0)
    assert str(info.value) == "Expected keys ['o1', 'o2'] in loss dict, but found loss.keys()=['o1', 'zz']"
    assert [a.shape for a in m.predict(X, verbose=0)] == [(8, 1), (8, 3)]


def test_data_errors_match_keras():
    m = make(optimizer="sgd", loss="mse")
    with pytest.raises(ValueError) as info:
        m.fit(X, Y[:5], verbose=0)
    assert str(info.value) == ("Data cardinality is ambiguous. Make sure all arrays contain the same number of "
                               "samples.'x' sizes: 8\n'y' sizes: 5\n")
    with pytest.raises(ValueError) as info:
        m.fit(X, Y, sample_weight=np.ones(3), verbose=0)
    assert str(info.value).endswith("'x' sizes: 8\n'y' sizes: 8\n'sample_weight' sizes: 3\n")

    def gen():
        for i in range(4):
            yield X[2 * i:2 * i + 2], Y[2 * i:2 * i + 2]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        h = m.fit(gen(), epochs=1, verbose=0)
    assert len(h.history["loss"]) == 1
    assert [str(w.message)[:40] for w in caught] == ["`shuffle=True` was passed, but will be i",
                                                    "Your input ran out of data; interrupting"]
    with pytest.raises(ValueError, match=r"^When passing a Python generator to a Keras model, the generator must "
                                         r"return a tuple"):
        m.predict((X[2 * i:2 * i + 2] for i in range(4)), verbose=0)
    with pytest.raises(ValueError, match="When providing `x` as a generator, `y` should not be passed."):
        m.fit(gen(), Y, verbose=0)
    with pytest.raises(ValueError, match=r"Argument `validation_split` is only supported for tensors or NumPy "
                                         r"arrays.Found incompatible type in the input: \[<class 'generator'>\]"):
        m.fit(gen(), validation_split=0.5, verbose=0)
    with pytest.raises(ValueError, match=r"^Unrecognized data type: x=\[\[0.0"):
        m.evaluate(X.tolist(), Y, verbose=0)
    with pytest.raises(ValueError, match=r"No loss to compute. Provide a `loss` argument in `compile\(\)`."):
        make(optimizer="sgd").fit(X, Y, verbose=0)
    with pytest.raises(TypeError, match=r"^Trainer.compile\(\) got an unexpected keyword argument 'foo'$"):
        make(loss="mse", foo=1)
    # The Keras 2 argument the seed passes is accepted (Keras 3.15 itself refuses it).
    make(loss="mse", optimizer="sgd", experimental_run_tf_function=False)


def test_unbuilt_models_train():
    seq = keras.Sequential([L.Flatten(), L.Dense(4, activation="relu"), L.Dense(3), L.Softmax()])
    seq.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    h = seq.fit(np.random.rand(16, 2, 2), np.arange(16) % 3, epochs=2, batch_size=8, verbose=0)
    assert list(h.history) == ["accuracy", "loss"] and len(seq.weights) == 4

    class Sub(keras.Model):
        def __init__(self):
            super().__init__()
            self.d = L.Dense(1)

        def call(self, x):
            return self.d(x)
    sub = Sub()
    sub.compile(optimizer="sgd", loss="mse")
    before = sub.fit(X, Y, epochs=3, verbose=0).history["loss"]
    assert before[-1] < before[0]
