"""keras.callbacks.ModelCheckpoint (weights mode), with Keras 3.15's checks and messages."""
import os
import time

import numpy as np
import pytest

import leantf as tf
from leantf.io import hdf5
from leantf.keras.callbacks.model_checkpoint import ModelCheckpoint

from ..io.h5_helpers import expected

MESSAGES = expected()["messages"]


def make_model():
    tf.keras.backend.clear_session()
    model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(2)])
    model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
    return model


def data(n=16):
    rng = np.random.default_rng(0)
    return rng.random((n, 3)).astype("float32"), rng.random((n, 2)).astype("float32")


def fit(model, callback, epochs=3, **kwargs):
    x, y = data()
    kwargs.setdefault("validation_data", (x, y))
    return model.fit(x, y, epochs=epochs, verbose=0, callbacks=[callback], **kwargs)


def test_filepath_and_save_freq_checks():
    with pytest.raises(ValueError) as e:
        ModelCheckpoint("w.h5", save_weights_only=True)
    assert str(e.value) == MESSAGES["ckpt_weights_suffix"][1]
    with pytest.raises(ValueError) as e:
        ModelCheckpoint("m.txt")
    assert str(e.value) == MESSAGES["ckpt_model_suffix"][1]
    with pytest.raises(ValueError) as e:
        ModelCheckpoint("m.keras", save_freq="batch")
    assert str(e.value) == MESSAGES["ckpt_save_freq"][1]
    cb = ModelCheckpoint("m.keras")  # accepted: the full-model check comes when training starts
    assert (cb.monitor, cb.mode, cb.best, cb.save_freq) == ("val_loss", "auto", None, "epoch")
    with pytest.warns(UserWarning, match="ModelCheckpoint mode 'up' is unknown, fallback to auto mode."):
        assert ModelCheckpoint("m.keras", mode="up").mode == "auto"


def test_every_epoch_with_formatted_names(tmp_path):
    model = make_model()
    pattern = str(tmp_path / "ck" / "w-{epoch:02d}-{val_loss:.3f}.weights.h5")  # directory created on demand
    history = fit(model, ModelCheckpoint(pattern, save_weights_only=True))
    names = sorted(os.listdir(tmp_path / "ck"))
    assert [n[:5] for n in names] == ["w-01-", "w-02-", "w-03-"]
    assert names[-1] == f"w-03-{history.history['val_loss'][-1]:.3f}.weights.h5"
    with hdf5.File(tmp_path / "ck" / names[-1]) as f:
        np.testing.assert_array_equal(f["layers/dense/vars/0"].read(), model.weights[0].numpy())
        assert f["optimizer/vars"].attrs["name"] == "sgd"


def test_save_best_only_and_messages(tmp_path, capsys):
    model = make_model()
    target = str(tmp_path / "best.weights.h5")
    cb = ModelCheckpoint(target, save_weights_only=True, save_best_only=True, verbose=1)
    history = fit(model, cb, epochs=3)
    losses = history.history["val_loss"]
    out = capsys.readouterr().out
    assert f"\nEpoch 1: val_loss improved from None to {losses[0]:.5f}, saving model to {target}\n" in out
    assert f"\nEpoch 1: finished saving model to {target}\n" in out
    assert cb.best == pytest.approx(min(losses))


def test_save_best_only_skips_worse_epochs(tmp_path, capsys):
    model = make_model()
    target = tmp_path / "best.weights.h5"
    cb = ModelCheckpoint(str(target), save_weights_only=True, save_best_only=True, mode="max", verbose=1,
                         monitor="loss")
    cb.set_model(model)
    cb.on_train_begin()
    cb.on_epoch_end(0, {"loss": 0.5})
    first = target.read_bytes()
    model.layers[0].weights[0].assign(np.zeros((3, 2), "float32"))
    cb.on_epoch_end(1, {"loss": 0.25})  # lower is worse in "max" mode: not saved
    assert target.read_bytes() == first
    assert "\nEpoch 2: loss did not improve from 0.50000\n" in capsys.readouterr().out
    cb.on_epoch_end(2, {"loss": 0.75})
    assert target.read_bytes() != first


def test_initial_value_threshold(tmp_path):
    model = make_model()
    target = tmp_path / "t.weights.h5"
    cb = ModelCheckpoint(str(target), save_weights_only=True, save_best_only=True, initial_value_threshold=1e-9)
    fit(model, cb, epochs=2)
    assert not target.exists() and cb.best == 1e-9


def test_auto_mode_directions():
    model = make_model()
    model.compile(optimizer="sgd", loss="mse", metrics=["accuracy", "mae"])
    x, y = data()
    model.fit(x, y, epochs=1, verbose=0)
    cases = {"val_loss": np.less, "accuracy": np.greater, "val_accuracy": np.greater, "mae": np.less}
    for monitor, op in cases.items():
        cb = ModelCheckpoint("m.weights.h5", save_weights_only=True, monitor=monitor)
        cb.set_model(model)
        cb._set_monitor_op()
        assert cb.monitor_op is op, monitor
    cb = ModelCheckpoint("m.weights.h5", save_weights_only=True, monitor="val_whatever")
    cb.set_model(model)
    with pytest.raises(ValueError, match="ModelCheckpoint callback received monitor=val_whatever, but Keras isn't "
                                         "able to automatically determine"):
        cb._set_monitor_op()


def test_missing_monitor_warns_and_saves(tmp_path):
    model = make_model()
    target = tmp_path / "m.weights.h5"
    cb = ModelCheckpoint(str(target), save_weights_only=True, save_best_only=True, monitor="loss", mode="min")
    cb.set_model(model)
    with pytest.warns(UserWarning, match="Can save best model only with loss available."):
        cb.on_epoch_end(0, {})
    assert target.exists()


def test_integer_save_freq_counts_batches(tmp_path):
    model = make_model()
    saves = []
    cb = ModelCheckpoint(str(tmp_path / "b-{epoch}-{batch}.weights.h5"), save_weights_only=True, save_freq=3)
    original = cb._save_model
    cb._save_model = lambda epoch, batch, logs: saves.append((epoch, batch)) or original(epoch, batch, logs)
    x, y = data(16)
    model.fit(x, y, batch_size=4, epochs=2, verbose=0, callbacks=[cb])  # 4 batches per epoch
    assert saves == [(0, 2), (1, 1)]
    assert sorted(os.listdir(tmp_path)) == ["b-1-3.weights.h5", "b-2-2.weights.h5"]


def test_existing_directory_path(tmp_path):
    model = make_model()
    (tmp_path / "d.weights.h5").mkdir()
    cb = ModelCheckpoint(str(tmp_path / "d.weights.h5"), save_weights_only=True)
    cb.set_model(model)
    with pytest.raises(IOError, match="Please specify a non-directory filepath for ModelCheckpoint. Filepath used "
                                      "is an existing directory: "):
        cb.on_epoch_end(0, {"val_loss": 1.0})


def test_bad_format_key(tmp_path):
    cb = ModelCheckpoint(str(tmp_path / "{nope}.weights.h5"), save_weights_only=True)
    cb.set_model(make_model())
    with pytest.raises(KeyError, match="Failed to format this callback filepath"):
        cb.on_epoch_end(0, {"val_loss": 1.0})


def test_most_recently_modified_file(tmp_path):
    cb = ModelCheckpoint(str(tmp_path / "w-{epoch}.weights.h5"), save_weights_only=True)
    pattern = str(tmp_path / "w-{epoch}.weights.h5")
    assert cb._get_most_recently_modified_file_matching_pattern(pattern) is None
    for i, name in enumerate(["w-1.weights.h5", "w-2.weights.h5", "other.txt"]):
        (tmp_path / name).write_bytes(b"x")
        os.utime(tmp_path / name, (time.time() + i, time.time() + i))
    assert cb._get_most_recently_modified_file_matching_pattern(pattern) == str(tmp_path / "w-2.weights.h5")
    os.utime(tmp_path / "w-1.weights.h5", (time.time() + 5, time.time() + 5))
    assert cb._get_most_recently_modified_file_matching_pattern(pattern) == str(tmp_path / "w-1.weights.h5")
