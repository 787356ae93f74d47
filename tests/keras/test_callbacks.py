"""Callbacks against Keras 3.15 on TF 2.21 (messages printed, logs, restored weights; the
numbers come from running the same code with TensorFlow)."""
import contextlib
import io
import warnings

import numpy as np
import pytest

from leantf import keras
from leantf.keras import layers as L

X = np.arange(24, dtype="float32").reshape(8, 3) / 10.0
Y = X.sum(1, keepdims=True)


@pytest.fixture(autouse=True)
def fresh_session():
    keras.backend.clear_session()


def make(lr=0.1):
    inp = keras.Input((3,), name="x")
    out = L.Dense(1, name="o", kernel_initializer=keras.initializers.Constant(-0.2))(inp)
    m = keras.Model(inp, out)
    m.compile(optimizer=keras.optimizers.SGD(lr), loss="mse", metrics=["mae"])
    return m


def fit(m, callbacks, **kw):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        h = m.fit(X, Y, batch_size=kw.pop("batch_size", 8), verbose=0, callbacks=callbacks, shuffle=False, **kw)
    return h, out.getvalue()


def close(a, b):
    np.testing.assert_allclose(a, b, rtol=2e-6)


def test_early_stopping_restores_best_weights():
    m = make(lr=0.5)  # the loss grows from the second epoch on
    es = keras.callbacks.EarlyStopping(monitor="loss", patience=1, verbose=1, restore_best_weights=True)
    h, out = fit(m, [es], epochs=6)
    assert out == "Epoch 2: early stopping\nRestoring model weights from the end of the best epoch: 1.\n"
    assert h.epoch == [0, 1] and (es.stopped_epoch, es.wait, es.best_epoch) == (1, 1, 0)
    close(h.history["loss"], [23.263200759887695, 618.462646484375])
    close(m.get_weights()[0].ravel(), [5.8480000495910645, 6.26200008392334, 6.676000118255615])
    es = keras.callbacks.EarlyStopping(monitor="val_loss", patience=0, verbose=1, min_delta=100)
    h, out = fit(make(lr=0.01), [es], epochs=4, validation_data=(X, Y))
    assert h.epoch == [0, 1] and out == "Epoch 2: early stopping\n"
    es = keras.callbacks.EarlyStopping(monitor="loss", baseline=0.0001, patience=1, verbose=1)
    h, out = fit(make(lr=0.01), [es], epochs=5)
    assert h.epoch == [0, 1, 2, 3, 4]  # never beats the baseline but keeps improving


def test_monitor_direction_and_missing_metric():
    with pytest.raises(ValueError) as info:
        fit(make(), [keras.callbacks.EarlyStopping(monitor="nope")], epochs=1)
    assert str(info.value) == (
        "EarlyStopping callback received monitor=nope, but Keras isn't able to automatically determine whether "
        "that metric should be maximized or minimized. Pass `mode='max'` in order to monitor based on the highest "
        "metric value, or pass `mode='min'` in order to use the lowest value.")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fit(make(), [keras.callbacks.EarlyStopping(monitor="nope", mode="min")], epochs=1)
    assert [str(w.message) for w in caught] == [
        "Early stopping conditioned on metric `nope` which is not available. Available metrics are: loss,mae"]
    es = keras.callbacks.EarlyStopping(monitor="val_mae")
    fit(make(), [es], epochs=1, validation_data=(X, Y))
    assert es.monitor_op is np.less  # mae is a loss: minimised


def test_reduce_lr_on_plateau():
    m = make(lr=0.5)
    rl = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1, verbose=1, min_lr=0.01)
    h, out = fit(m, [rl], epochs=5)
    assert out == "".join(f"\nEpoch {e}: ReduceLROnPlateau reducing learning rate to {lr}.\n"
                          for e, lr in [(2, 0.25), (3, 0.125), (4, 0.0625), (5, 0.03125)])
    assert h.history["learning_rate"] == [0.5, 0.5, 0.25, 0.125, 0.0625]
    close(h.history["loss"], [23.263200759887695, 618.462646484375, 16533.19140625, 71897.140625, 21173.2734375])
    assert float(np.asarray(m.optimizer.learning_rate)) == 0.03125
    with pytest.raises(ValueError, match="ReduceLROnPlateau does not support a factor >= 1.0. Received factor=2"):
        keras.callbacks.ReduceLROnPlateau(factor=2)


def test_learning_rate_scheduler():
    m = make()
    ls = keras.callbacks.LearningRateScheduler(lambda epoch, lr: lr * 0.5, verbose=1)
    h, out = fit(m, [ls], epochs=3)
    assert out == ("\nEpoch 1: LearningRateScheduler setting learning rate to 0.05000000074505806.\n"
                   "\nEpoch 2: LearningRateScheduler setting learning rate to 0.02500000037252903.\n"
                   "\nEpoch 3: LearningRateScheduler setting learning rate to 0.012500000186264515.\n")
    assert h.history["learning_rate"] == [0.05000000074505806, 0.02500000037252903, 0.012500000186264515]
    close(h.history["loss"], [23.263200759887695, 3.5193443298339844, 1.7463855743408203])
    h, _ = fit(m, [keras.callbacks.LearningRateScheduler(lambda epoch: 0.01 * (epoch + 1))], epochs=2)
    assert h.history["learning_rate"] == [0.009999999776482582, 0.019999999552965164]
    with pytest.raises(ValueError, match="The output of the `schedule` function should be a float. Got: 1"):
        fit(m, [keras.callbacks.LearningRateScheduler(lambda epoch: 1)], epochs=1)


def test_terminate_on_nan():
    m = make(lr=1e20)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            h = m.fit(X * 1e10, Y, epochs=3, batch_size=2, verbose=0, shuffle=False,
                      callbacks=[keras.callbacks.TerminateOnNaN()])
    assert out.getvalue() == "Batch 1: Invalid loss, terminating training\n"
    assert h.epoch == [0] and h.history == {"loss": [np.inf], "mae": [np.inf]}


def test_lambda_callback_and_hook_order():
    events = []
    lc = keras.callbacks.LambdaCallback(
        on_epoch_begin=lambda e, logs: events.append(("eb", e, logs)),
        on_epoch_end=lambda e, logs: events.append(("ee", e, sorted(logs))),
        on_train_begin=lambda logs: events.append(("tb", logs)),
        on_train_end=lambda logs: events.append(("te", sorted(logs))),
        on_batch_end=lambda b, logs: events.append(("be", b, sorted(logs))))
    fit(make(), [lc], epochs=2, batch_size=4)
    assert events == [("tb", {}), ("eb", 0, {}), ("be", 0, ["loss", "mae"]), ("be", 1, ["loss", "mae"]),
                      ("ee", 0, ["loss", "mae"]), ("eb", 1, {}), ("be", 0, ["loss", "mae"]),
                      ("be", 1, ["loss", "mae"]), ("ee", 1, ["loss", "mae"]), ("te", ["loss", "mae"])]

    class Rec(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.seen = []

        def on_train_begin(self, logs=None):
            self.seen.append(("train_begin", logs, self.params))

        def on_test_begin(self, logs=None):
            self.seen.append(("test_begin",))

        def on_test_end(self, logs=None):
            self.seen.append(("test_end", sorted(logs)))

        def on_train_batch_end(self, batch, logs=None):
            self.seen.append(("tbe", batch))

        def on_epoch_end(self, epoch, logs=None):
            self.seen.append(("epoch_end", sorted(logs)))
    m, r = make(), Rec()
    fit(m, [r], epochs=1, batch_size=4, validation_data=(X, Y))
    assert r.model is m and r.seen == [
        ("train_begin", {}, {"verbose": 0, "epochs": 1, "steps": 2}), ("tbe", 0), ("tbe", 1), ("test_begin",),
        ("test_end", ["loss", "mae"]), ("epoch_end", ["loss", "mae", "val_loss", "val_mae"])]
    r2 = Rec()
    m.evaluate(X, Y, verbose=0, callbacks=[r2])
    assert r2.seen == [("test_begin",), ("test_end", ["loss", "mae"])]
    assert r2.params == {"verbose": 0, "epochs": 1, "steps": 1}


def test_csv_logger(tmp_path):
    path = tmp_path / "log.csv"
    m = make()
    fit(m, [keras.callbacks.CSVLogger(path)], epochs=2, batch_size=4, validation_data=(X, Y))
    lines = path.read_text().splitlines()
    assert lines[0] == "epoch,loss,mae,val_loss,val_mae" and len(lines) == 3 and lines[2].startswith("1,")
    fit(m, [keras.callbacks.CSVLogger(path, append=True, separator=";")], epochs=1, batch_size=4)
    lines = path.read_text().splitlines()
    assert len(lines) == 4 and lines[3].startswith("0;") and lines[3].endswith(";NA;NA")
    with open(path, "rb") as f:
        assert f.readline().endswith(b"\r\n")  # csv's excel dialect, as Keras writes it
