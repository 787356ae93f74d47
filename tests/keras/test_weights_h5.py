"""Keras 3 ``.weights.h5`` files: leantf loads what Keras 3.15 wrote (fixtures), writes the
same layout, round-trips, and reports Keras's errors."""
import json
import os
import re
import subprocess
import warnings

import numpy as np
import pytest

import leantf as tf
from leantf.io import hdf5
from leantf.keras.saving.weights_h5 import load_weights, save_weights

from ..io.h5_helpers import FIXTURES, TOOL, cross_python, expected, inventory
from . import h5_models

EXPECTED = expected()
ARRAYS = np.load(os.path.join(FIXTURES, "keras_models.npz"))
MESSAGES = EXPECTED["messages"]


def fixture(name):
    return os.path.join(FIXTURES, name)


def build(tag):
    tf.keras.backend.clear_session()
    return getattr(h5_models, tag)(tf.keras)


def predict(model, x):
    return np.asarray(model.predict(x, verbose=0), np.float32)


def assert_weights(model, tag):
    weights = model.weights
    assert len(weights) == EXPECTED["keras"][tag]["weights"]
    for i, w in enumerate(weights):
        np.testing.assert_array_equal(np.asarray(w.numpy()).astype(np.float32), ARRAYS[f"{tag}/w{i}"])


def structure(items):
    """Paths, group attributes and dataset dtypes/shapes (not the values) of an inventory."""
    out = {}
    for path, entry in items.items():
        if entry["type"] == "group":
            # Automatic names ("input_layer_1") depend on the session's counters: compare stems.
            attrs = {k: re.sub(r"_\d+$", "", v["value"]) if k == "name" else v for k, v in entry["attrs"].items()}
            out[path] = ("group", json.dumps(attrs, sort_keys=True), tuple(entry["members"]))
        else:
            data = entry["data"]
            out[path] = ("dataset", tuple(entry["shape"]), data.get("dtype", data["kind"]),
                         json.dumps(entry["attrs"], sort_keys=True))
    return out


# -- Keras -> leantf -------------------------------------------------------------------------------------

@pytest.mark.parametrize("tag", ["seq", "functional", "nested", "subclassed"])
def test_load_keras_file(tag):
    model, x = build(tag)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # seq: the unbuilt optimizer skips its variables, as in Keras
        load_weights(model, fixture(f"keras_{tag}.weights.h5"))
    assert_weights(model, tag)
    np.testing.assert_allclose(predict(model, x), ARRAYS[f"{tag}/y"], rtol=1e-5, atol=1e-6)


def test_load_keras_bfloat16_weights():
    pytest.importorskip("ml_dtypes")
    model, _ = build("bf16")
    load_weights(model, fixture("keras_bf16.weights.h5"))
    assert model.weights[0].dtype.name == "bfloat16"
    assert_weights(model, "bf16")


def test_load_optimizer_state_from_keras():
    model, x = build("seq")
    model.optimizer.build(model.trainable_variables)
    load_weights(model, fixture("keras_seq.weights.h5"))
    state = np.concatenate([np.asarray(v.numpy(), np.float64).reshape(-1) for v in model.optimizer.variables])
    np.testing.assert_allclose(state, ARRAYS["seq/opt"], rtol=1e-6)
    assert int(model.optimizer.iterations.numpy()) == 1


def test_load_weights_from_keras_archive():
    model, x = build("seq")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        load_weights(model, fixture("keras_seq.keras"))
    assert_weights(model, "seq")


def test_unbuilt_optimizer_warns_as_keras():
    model, _ = build("seq")
    with pytest.warns(UserWarning, match="Skipping variable loading for optimizer 'adam', because it has 2 "
                                         "variables whereas the saved optimizer has 10 variables."):
        load_weights(model, fixture("keras_seq.weights.h5"))


# -- leantf -> file ----------------------------------------------------------------------------------------

def _trained_seq():
    model, x = build("seq")
    rng = np.random.default_rng(0)
    model.fit(rng.random((8, 4, 3)).astype("float32"), rng.integers(0, 3, 8), epochs=1, batch_size=8, verbose=0)
    return model, x


@pytest.mark.parametrize("tag", ["seq", "functional", "nested", "subclassed"])
def test_saved_layout_matches_keras(tmp_path, tag):
    model, _ = _trained_seq() if tag == "seq" else build(tag)
    save_weights(model, tmp_path / "m.weights.h5")
    assert structure(inventory(tmp_path / "m.weights.h5")) == structure(EXPECTED["keras"][tag]["paths"])


@pytest.mark.parametrize("tag", ["seq", "functional", "nested", "subclassed"])
def test_round_trip(tmp_path, tag):
    model, x = _trained_seq() if tag == "seq" else build(tag)
    save_weights(model, tmp_path / "m.weights.h5")
    fresh, _ = build(tag)
    if tag == "seq":
        fresh.optimizer.build(fresh.trainable_variables)
    load_weights(fresh, tmp_path / "m.weights.h5")
    for a, b in zip(model.weights, fresh.weights):
        np.testing.assert_array_equal(a.numpy(), b.numpy())
    np.testing.assert_array_equal(predict(fresh, x), predict(model, x))
    if tag == "seq":
        for a, b in zip(model.optimizer.variables, fresh.optimizer.variables):
            np.testing.assert_array_equal(a.numpy(), b.numpy())


def test_saving_is_deterministic_and_atomic(tmp_path):
    model, _ = build("functional")
    save_weights(model, tmp_path / "a.weights.h5")
    save_weights(model, tmp_path / "b.weights.h5")
    assert (tmp_path / "a.weights.h5").read_bytes() == (tmp_path / "b.weights.h5").read_bytes()
    save_weights(model, tmp_path / "a.weights.h5")  # overwriting goes through a temporary file
    assert sorted(os.listdir(tmp_path)) == ["a.weights.h5", "b.weights.h5"]


def test_overwrite_false_asks(tmp_path, monkeypatch):
    model, _ = build("nested")
    target = tmp_path / "m.weights.h5"
    target.write_bytes(b"keep me")
    answers = iter(["maybe", "n"])
    prompts = []
    monkeypatch.setattr("builtins.input", lambda p: prompts.append(p) or next(answers))
    save_weights(model, target, overwrite=False)
    assert target.read_bytes() == b"keep me"
    assert prompts == [f"[WARNING] {target} already exists - overwrite? [y/n]",
                       'Enter "y" (overwrite) or "n" (cancel).']


def test_objects_to_skip(tmp_path):
    model, _ = build("nested")
    top = model.get_layer("top")
    save_weights(model, tmp_path / "m.weights.h5", objects_to_skip=[top])
    with hdf5.File(tmp_path / "m.weights.h5") as f:
        assert "layers/dense" not in f and "layers/sequential/layers/dense/vars/0" in f
    fresh, _ = build("nested")
    before = fresh.get_layer("top").weights[0].numpy().copy()
    load_weights(fresh, tmp_path / "m.weights.h5", objects_to_skip=[fresh.get_layer("top")])
    np.testing.assert_array_equal(fresh.get_layer("top").weights[0].numpy(), before)


# -- errors, with Keras's messages ---------------------------------------------------------------------------

def normalize(text):
    """Keras's texts name layers by its session counters and print variable values."""
    text = re.sub(r"\b(dense|sequential)_\d+\b", r"\1_N", text)
    text = re.sub(r"\b(dense|sequential)\b(?!_N)", r"\1_N", text)
    return re.sub(r", value=\[.*?\]>", ", value=...>", text, flags=re.S)


def test_save_suffix_message(tmp_path):
    model, _ = build("nested")
    with pytest.raises(ValueError) as e:
        save_weights(model, "x.h5")
    assert str(e.value) == MESSAGES["save_h5_suffix"][1]
    with pytest.raises(ValueError, match="must end in `.weights.json`"):
        save_weights(model, "x.h5", max_shard_size=1)
    with pytest.raises(NotImplementedError, match="Sharded"):
        save_weights(model, tmp_path / "x.weights.json", max_shard_size=1)


def test_load_suffix_and_legacy_messages():
    model, _ = build("nested")
    with pytest.raises(ValueError) as e:
        load_weights(model, "x.txt")
    assert str(e.value) == MESSAGES["load_bad_suffix"][1]
    with pytest.raises(ValueError, match="Invalid keyword arguments"):
        load_weights(model, "x.weights.h5", bogus=1)


def test_unbuilt_model_messages(tmp_path):
    unbuilt = tf.keras.Sequential([tf.keras.layers.Dense(2)])
    with pytest.raises(ValueError) as e:
        save_weights(unbuilt, tmp_path / "u.weights.h5")
    assert str(e.value) == MESSAGES["save_unbuilt"][1]
    with pytest.raises(ValueError) as e:
        load_weights(unbuilt, fixture("keras_seq.weights.h5"))
    assert str(e.value) == MESSAGES["load_unbuilt"][1]
    assert not (tmp_path / "u.weights.h5").exists()


def _seq_variant(**dense_kwargs):
    tf.keras.backend.clear_session()
    layers = tf.keras.layers
    return tf.keras.Sequential([tf.keras.Input((4, 3)), layers.Flatten(), layers.Dense(**dense_kwargs),
                                layers.Dense(3), layers.Softmax()])


def test_shape_mismatch_message():
    model = _seq_variant(units=6, activation="relu")
    with pytest.raises(ValueError) as e:
        load_weights(model, fixture("keras_seq.weights.h5"))
    assert normalize(str(e.value)) == normalize(MESSAGES["load_shape_mismatch"][1])


def test_count_mismatch_message():
    model = _seq_variant(units=5, use_bias=False)
    with pytest.raises(ValueError) as e:
        load_weights(model, fixture("keras_seq.weights.h5"))
    assert normalize(str(e.value)) == normalize(MESSAGES["load_count_mismatch"][1])


def test_skip_mismatch_warns_and_loads_the_rest():
    model = _seq_variant(units=5, use_bias=False)
    with pytest.warns(UserWarning) as record:
        load_weights(model, fixture("keras_seq.weights.h5"), skip_mismatch=True)
    messages = [str(w.message) for w in record]
    assert normalize(MESSAGES["load_count_mismatch"][1]) in [normalize(m) for m in messages]
    last = model.layers[-2]  # the next Dense matches the file and is loaded
    np.testing.assert_array_equal(last.weights[0].numpy(), ARRAYS["seq/w2"])
    np.testing.assert_array_equal(last.weights[1].numpy(), ARRAYS["seq/w3"])


def test_failed_layer_is_left_untouched():
    model = _seq_variant(units=6, activation="relu")
    dense = model.layers[1]
    before = [w.numpy().copy() for w in dense.weights]
    with pytest.raises(ValueError):
        load_weights(model, fixture("keras_seq.weights.h5"))
    for w, b in zip(dense.weights, before):
        np.testing.assert_array_equal(w.numpy(), b)


# -- legacy .h5 files -----------------------------------------------------------------------------------

def test_load_legacy_h5():
    model, x = build("seq")
    load_weights(model, fixture("keras_seq_legacy.h5"))
    assert_weights(model, "seq")
    np.testing.assert_allclose(predict(model, x), ARRAYS["seq/y"], rtol=1e-5, atol=1e-6)


def test_load_legacy_h5_by_name():
    tf.keras.backend.clear_session()
    layers = tf.keras.layers
    model = tf.keras.Sequential([tf.keras.Input((4, 3)), layers.Flatten(), layers.Dense(5, name="dense_1x"),
                                 layers.Dense(3, name="dense_1")])
    before = model.layers[1].weights[0].numpy().copy()
    load_weights(model, fixture("keras_seq_legacy.h5"), by_name=True)
    np.testing.assert_array_equal(model.layers[1].weights[0].numpy(), before)  # no saved layer of that name
    np.testing.assert_array_equal(model.layers[2].weights[0].numpy(), ARRAYS["seq/w2"])


@pytest.mark.parametrize("key,variant", [("legacy_shape_mismatch", {"units": 6, "activation": "relu"}),
                                         ("legacy_count_mismatch", {"units": 5, "use_bias": False})])
def test_legacy_mismatch_messages(key, variant):
    model = _seq_variant(**variant)
    with pytest.raises(ValueError) as e:
        load_weights(model, fixture("keras_seq_legacy.h5"))
    assert normalize(str(e.value)) == normalize(MESSAGES[key][1])


def test_legacy_layer_count_message():
    tf.keras.backend.clear_session()
    model = tf.keras.Sequential([tf.keras.Input((4, 3)), tf.keras.layers.Flatten(), tf.keras.layers.Dense(3)])
    with pytest.raises(ValueError) as e:
        load_weights(model, fixture("keras_seq_legacy.h5"))
    assert str(e.value) == MESSAGES["legacy_layer_count"][1]


def test_legacy_skip_mismatch_warns():
    model = _seq_variant(units=6, activation="relu")
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        load_weights(model, fixture("keras_seq_legacy.h5"), skip_mismatch=True)
    assert [str(w.message)[:60] for w in record] == [
        "Skipping loading weights for layer #0 (named dense)due to mi",  # kernel and bias
        "Skipping loading weights for layer #0 (named dense)due to mi",
        "Skipping loading weights for layer #1 (named dense_1)due to "]  # kernel only


# -- optional: real Keras loads what leantf wrote ------------------------------------------------------------

def test_real_keras_loads_leantf_files(tmp_path):
    python = cross_python()
    if python is None:
        pytest.skip("LEANTF_TF_PYTHON (an interpreter with Keras) not set")
    manifest = {}
    for tag in ["seq", "functional", "nested", "subclassed"]:
        model, x = _trained_seq() if tag == "seq" else build(tag)
        save_weights(model, tmp_path / f"{tag}.weights.h5")
        xs = x if isinstance(x, list) else [x]
        for i, xi in enumerate(xs):
            np.save(tmp_path / f"{tag}_x{i}.npy", xi)
        np.save(tmp_path / f"{tag}_y.npy", predict(model, x))
        manifest[tag] = {"file": f"{tag}.weights.h5", "inputs": [f"{tag}_x{i}.npy" for i in range(len(xs))],
                         "prediction": f"{tag}_y.npy"}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    out = subprocess.run([python, TOOL, "--keras-load", str(tmp_path)], capture_output=True, text=True,
                         check=True, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"})
    result = json.loads(out.stdout.strip().splitlines()[-1])
    for tag, diff in result.items():
        assert isinstance(diff, float) and diff < 1e-5, (tag, diff)


@pytest.mark.filterwarnings("ignore:Skipping variable loading for optimizer")
def test_links_inside_a_weights_file_are_refused():
    model, _ = build("seq")
    # A variable stored as a soft link: that layer fails (collected, as Keras does) ...
    with pytest.raises(ValueError, match="Not allowed: H5 file with SoftLink") as e:
        load_weights(model, fixture("keras_seq_soft.weights.h5"))
    assert "A total of 1 objects could not be loaded" in str(e.value)
    # ... while a layer group linking to another file stops loading at once.
    with pytest.raises(hdf5.NotAllowedError, match="^Not allowed: H5 file with ExternalLink$"):
        load_weights(model, fixture("keras_seq_external.weights.h5"))
