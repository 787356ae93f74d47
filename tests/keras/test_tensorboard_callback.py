"""keras.callbacks.TensorBoard: the tags and steps Keras 3.15 writes (checked against real
Keras's callback on the same tiny model), read back with leantf's event reader."""
import glob
import os

import numpy as np

import leantf as tf
from leantf.summary import read_events


def _fit(logdir, epochs=2, **kwargs):
    tf.keras.utils.set_random_seed(0)
    x = np.random.RandomState(0).rand(8, 3).astype("float32")
    y = (x.sum(1) > 1.5).astype("float32")
    model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(2, activation="relu"),
                                 tf.keras.layers.Dense(1, activation="sigmoid")])
    model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    history = model.fit(x, y, batch_size=4, epochs=epochs, validation_data=(x, y), verbose=0,
                        callbacks=[tf.keras.callbacks.TensorBoard(str(logdir), **kwargs)])
    return model, history


def _tags(logdir, run):
    """{tag: [(step, value)]} for one run directory; value is the plugin name for non-scalars."""
    [path] = glob.glob(os.path.join(str(logdir), run, "events.out.tfevents.*.v2"))
    out = {}
    for event in read_events(path):
        for v in event.values:
            value = v.tensor.item() if v.plugin_name == "scalars" else v.plugin_name
            out.setdefault(v.tag, []).append((event.step, value))
    return out


def test_epoch_scalars_for_train_and_validation(tmp_path):
    _, history = _fit(tmp_path)
    assert sorted(os.listdir(tmp_path)) == ["train", "validation"]
    train = _tags(tmp_path, "train")
    assert list(train) == ["keras", "epoch_accuracy", "epoch_loss", "epoch_learning_rate"]
    assert train["keras"] == [(0, "graph_keras_model")]  # the model's JSON (conceptual graph)
    loss = history.history["loss"]
    assert [s for s, _ in train["epoch_loss"]] == [0, 1]
    np.testing.assert_allclose([v for _, v in train["epoch_loss"]], loss, rtol=1e-6)
    np.testing.assert_allclose([v for _, v in train["epoch_learning_rate"]], [0.001, 0.001], rtol=1e-6)

    val = _tags(tmp_path, "validation")
    # Keras drops the val_ prefix and logs the evaluation against optimizer iterations too.
    assert list(val) == ["evaluation_accuracy_vs_iterations", "evaluation_loss_vs_iterations",
                         "epoch_accuracy", "epoch_loss"]
    assert [s for s, _ in val["evaluation_loss_vs_iterations"]] == [2, 4]
    assert [s for s, _ in val["epoch_loss"]] == [0, 1]
    np.testing.assert_allclose([v for _, v in val["epoch_loss"]], history.history["val_loss"], rtol=1e-6)


def test_batch_update_freq(tmp_path):
    _fit(tmp_path, update_freq="batch", write_graph=False)
    train = _tags(tmp_path, "train")
    assert "keras" not in train
    assert [s for s, _ in train["batch_loss"]] == [1, 2, 3, 4]
    assert [s for s, _ in train["batch_accuracy"]] == [1, 2, 3, 4]
    # The last batch's running loss is the epoch's loss.
    assert train["batch_loss"][1][1] == train["epoch_loss"][0][1]


def test_integer_update_freq_records_every_nth_batch(tmp_path):
    _fit(tmp_path, update_freq=2, write_graph=False)
    assert [s for s, _ in _tags(tmp_path, "train")["batch_loss"]] == [2, 4]


def test_steps_per_second(tmp_path):
    _fit(tmp_path, update_freq="batch", write_steps_per_second=True, write_graph=False)
    train = _tags(tmp_path, "train")
    assert [s for s, _ in train["batch_steps_per_second"]] == [1, 2, 3, 4]
    assert [s for s, _ in train["epoch_steps_per_second"]] == [0, 1]
    assert all(v > 0 for _, v in train["epoch_steps_per_second"])


def test_weight_histograms_and_images(tmp_path):
    model, _ = _fit(tmp_path, epochs=3, histogram_freq=2, write_images=True, write_graph=False)
    train = _tags(tmp_path, "train")
    paths = [w.path for layer in model.layers for w in layer.weights]
    for path in paths:
        assert train[f"{path}/histogram"] == [(0, "histograms"), (2, "histograms")]
    # Kernels and the (2,) bias become images; the last (1,) bias squeezes to a scalar: no image.
    images = sorted(t for t in train if t.endswith("/image"))
    assert images == sorted(f"{p}/image" for p in paths[:3])
    last_kernel = [e for e in read_events(glob.glob(str(tmp_path / "train" / "*"))[0])
                   for v in e.values if v.tag == f"{paths[0]}/histogram"][-1].values[0]
    assert last_kernel.shape == (30, 3) and last_kernel.tensor[:, 2].sum() == 6
