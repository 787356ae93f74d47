"""Whole-model `.keras` files: layout, round trips, files from real Keras 3.15, safe mode,
atomic writes, Keras's errors, resumed training, ModelCheckpoint."""
import json
import os
import warnings
import zipfile

import numpy as np
import pytest

from leantf import keras
from leantf.keras.callbacks.model_checkpoint import ModelCheckpoint
from leantf.keras.saving import weights_h5

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "..", "fixtures", "keras_archive")


@keras.saving.register_keras_serializable(package="leantf_fixtures")
class TinyNet(keras.Model):  # the class tools/golden_keras_archive.py registers in Keras
    def __init__(self, units=3, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.hidden = keras.layers.Dense(units, activation="tanh")
        self.head = keras.layers.Dense(1)

    def call(self, inputs):
        return self.head(self.hidden(inputs))

    def get_config(self):
        return {**super().get_config(), "units": self.units}


def seq_model(seed=0):
    keras.utils.set_random_seed(seed)
    m = keras.Sequential([keras.Input((4,)), keras.layers.Dense(5, activation="relu"), keras.layers.Dense(2)])
    m.compile(optimizer="adam", loss="mse", metrics=["mae"])
    return m


def func_model():
    a, b = keras.Input((3,), name="a"), keras.Input((2,), name="b")
    h = keras.layers.Concatenate()([keras.layers.Dense(4, name="da")(a), b])
    m = keras.Model([a, b], keras.layers.Dense(1, name="out")(h), name="two_inputs")
    m.compile(optimizer="sgd", loss="mse")
    return m


@pytest.fixture(autouse=True)
def fresh_session():
    # Layer names are global counters; later tests expect them back at zero.
    keras.backend.clear_session()
    yield
    keras.backend.clear_session()


X = np.random.RandomState(1).rand(6, 4).astype("float32")
Y = np.random.RandomState(2).rand(6, 2).astype("float32")
XF = [np.random.RandomState(3).rand(6, 3).astype("float32"), np.random.RandomState(4).rand(6, 2).astype("float32")]


def test_archive_layout_matches_keras(tmp_path):
    m = seq_model()
    m.fit(X, Y, verbose=0)
    path = tmp_path / "m.keras"
    m.save(path)
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
        assert [i.filename for i in infos] == ["metadata.json", "config.json", "model.weights.h5"]
        assert {i.compress_type for i in infos} == {zipfile.ZIP_STORED}
        assert infos[0].date_time == infos[1].date_time == (1980, 1, 1, 0, 0, 0)
        meta = json.loads(z.read("metadata.json"))
        config = json.loads(z.read("config.json"))
    assert list(meta) == ["keras_version", "date_saved"] and meta["keras_version"] == "3.15.1"
    assert len(meta["date_saved"]) == 19 and meta["date_saved"][10] == "@"
    assert (config["module"], config["class_name"], config["registered_name"]) == ("keras", "Sequential", None)
    assert config["build_config"] == {"input_shape": [None, 4]}
    assert config["compile_config"]["optimizer"]["class_name"] == "Adam"
    assert config["compile_config"]["loss"] == "mse" and config["compile_config"]["metrics"] == ["mae"]


def test_sequential_round_trip_and_resume(tmp_path):
    m = seq_model()
    m.fit(X, Y, epochs=2, batch_size=3, verbose=0)
    m.save(tmp_path / "m.keras")
    loaded = keras.models.load_model(tmp_path / "m.keras")
    assert type(loaded) is keras.Sequential and loaded.compiled
    assert loaded.get_config() == m.get_config()
    np.testing.assert_array_equal(loaded.predict(X, verbose=0), m.predict(X, verbose=0))
    assert int(loaded.optimizer.iterations.numpy()) == 4
    for a, b in zip(loaded.optimizer.variables, m.optimizer.variables):
        np.testing.assert_array_equal(a.numpy(), b.numpy())
    # One more epoch after loading equals three epochs without saving.
    loaded.fit(X, Y, epochs=1, batch_size=3, shuffle=False, verbose=0)
    straight = seq_model()
    straight.fit(X, Y, epochs=2, batch_size=3, verbose=0)
    straight.fit(X, Y, epochs=1, batch_size=3, shuffle=False, verbose=0)
    for a, b in zip(loaded.weights, straight.weights):
        np.testing.assert_allclose(a.numpy(), b.numpy(), rtol=1e-6, atol=1e-7)


def test_functional_round_trip(tmp_path):
    m = func_model()
    m.fit(XF, Y[:, :1], verbose=0)
    keras.saving.save_model(m, tmp_path / "f.keras")
    with zipfile.ZipFile(tmp_path / "f.keras") as z:
        config = json.loads(z.read("config.json"))
    assert (config["module"], config["class_name"], config["registered_name"]) == \
        ("keras.src.models.functional", "Functional", "Functional")
    assert config["config"]["input_layers"] == [["a", 0, 0], ["b", 0, 0]]
    assert config["config"]["output_layers"] == ["out", 0, 0]  # one output tensor: flat, as Keras
    concat = next(l for l in config["config"]["layers"] if l["name"] == "concatenate")
    assert [t["config"]["keras_history"] for t in concat["inbound_nodes"][0]["args"][0]] == [["da", 0, 0],
                                                                                              ["b", 0, 0]]
    loaded = keras.saving.load_model(tmp_path / "f.keras")
    assert loaded.get_config() == m.get_config()
    assert [l.name for l in loaded.layers] == [l.name for l in m.layers]
    np.testing.assert_array_equal(loaded.predict(XF, verbose=0), m.predict(XF, verbose=0))


def test_subclassed_round_trip_and_unregistered_class(tmp_path):
    m = TinyNet(units=4, name="tiny")
    m(X)
    m.save(tmp_path / "s.keras")
    loaded = keras.saving.load_model(tmp_path / "s.keras")
    assert type(loaded) is TinyNet and loaded.units == 4 and loaded.name == "tiny"
    np.testing.assert_array_equal(loaded.predict(X, verbose=0), m.predict(X, verbose=0))
    with zipfile.ZipFile(tmp_path / "s.keras") as z:
        config = json.loads(z.read("config.json"))
    assert config["registered_name"] == "leantf_fixtures>TinyNet"
    config["registered_name"] = "elsewhere>TinyNet"  # not registered: refused, nothing imported
    with pytest.raises(TypeError, match="Could not locate class 'TinyNet'"):
        keras.saving.deserialize_keras_object(config)


def test_compile_false_and_custom_objects(tmp_path):
    m = seq_model()
    m.fit(X, Y, verbose=0)
    m.save(tmp_path / "m.keras")
    loaded = keras.saving.load_model(tmp_path / "m.keras", compile=False)
    assert not loaded.compiled
    np.testing.assert_array_equal(loaded.predict(X, verbose=0), m.predict(X, verbose=0))


@pytest.mark.parametrize("name", ["seq", "func", "sub"])
def test_loads_files_written_by_keras(name):
    with open(os.path.join(FIXTURES, "expected.json")) as f:
        expected = json.load(f)
    model = keras.saving.load_model(os.path.join(FIXTURES, f"{name}.keras"))
    x = expected["inputs"][name]
    x = [np.asarray(v, "float32") for v in x] if name == "func" else np.asarray(x, "float32")
    np.testing.assert_allclose(model.predict(x, verbose=0), np.asarray(expected["predictions"][name]),
                               rtol=1e-5, atol=1e-6)
    if name == "seq":  # compiled with Adam after one fit step: the optimizer state came with it
        assert model.compiled and type(model.optimizer).__name__ == "Adam"
        assert int(model.optimizer.iterations.numpy()) == 1
        before = int(model.optimizer.iterations.numpy())
        model.fit(x, np.zeros((len(x),), "int64"), verbose=0)
        assert int(model.optimizer.iterations.numpy()) == before + 1


def test_resaving_a_keras_file_keeps_its_config():
    source = os.path.join(FIXTURES, "func.keras")
    with zipfile.ZipFile(source) as z:
        keras_config = json.loads(z.read("config.json"))
    model = keras.saving.load_model(source)
    assert model.get_config()["input_layers"] == keras_config["config"]["input_layers"]
    # Same layers; leantf lists input layers before the others where Keras interleaves them
    # by depth (functional.map_graph), which does not change any weight path.
    assert sorted(l["name"] for l in model.get_config()["layers"]) == \
        sorted(l["name"] for l in keras_config["config"]["layers"])


def _archive_with_config(path, config, weights_from=None):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("metadata.json", json.dumps({"keras_version": "3.15.1", "date_saved": "x"}))
        z.writestr("config.json", json.dumps(config))
        z.writestr("model.weights.h5", weights_from or b"")


LAMBDA_CONFIG = {"module": "keras", "class_name": "Sequential", "registered_name": None, "config": {
    "name": "s", "layers": [{"module": "keras.layers", "class_name": "Lambda", "registered_name": None, "config": {
        "name": "evil", "function": {"class_name": "__lambda__", "config": {"value": ["", None, None]}}}}]}}


def test_safe_mode_refuses_lambda(tmp_path, monkeypatch):
    path = tmp_path / "evil.keras"
    _archive_with_config(path, LAMBDA_CONFIG)
    called = []
    import leantf.keras.utils.python_utils as python_utils
    monkeypatch.setattr(python_utils, "func_load", lambda *a, **k: called.append(a))
    with pytest.raises(ValueError, match="Requested the deserialization of a .*Python lambda"):
        keras.saving.load_model(path)
    assert called == []  # nothing from the file ran


def test_safe_mode_cannot_be_switched_off_by_the_file(tmp_path):
    config = {"module": "keras.config", "class_name": "function", "registered_name": None,
              "config": "enable_unsafe_deserialization"}
    path = tmp_path / "evil.keras"
    _archive_with_config(path, {"module": "keras", "class_name": "Sequential", "registered_name": None,
                                "config": {"name": "s", "layers": [config]}})
    with pytest.raises(Exception):
        keras.saving.load_model(path)
    from leantf.keras.saving.serialization import in_safe_mode
    assert in_safe_mode() in (None, True)


def test_atomic_write_keeps_previous_file(tmp_path, monkeypatch):
    m = seq_model()
    path = tmp_path / "m.keras"
    m.save(path)
    before = path.read_bytes()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")
    monkeypatch.setattr(weights_h5, "_save_state", broken)
    m.fit(X, Y, verbose=0)
    with pytest.raises(RuntimeError, match="disk full"):
        m.save(path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["m.keras"]  # no temporary file left behind


def test_keras_errors_for_paths(tmp_path):
    m = seq_model()
    m.build((None, 4))
    with pytest.raises(ValueError) as e:
        m.save(tmp_path / "m.txt")
    assert str(e.value) == ("Invalid filepath extension for saving. Please add either a `.keras` extension for the "
                            "native Keras format (recommended) or a `.h5` extension. Use `model.export(filepath)` if "
                            "you want to export a SavedModel for use with TFLite/TFServing/etc. Received: "
                            f"filepath={tmp_path / 'm.txt'}.")
    with pytest.raises(ValueError, match=r"When using `zipped=False`, the `filepath` argument should not end in "
                                         r"`.keras`"):
        m.save(tmp_path / "m.keras", zipped=False)
    with pytest.raises(ValueError, match=r"The following argument\(s\) are not supported: \['bogus'\]"):
        m.save(tmp_path / "m.keras", bogus=1)
    with pytest.raises(NotImplementedError, match="legacy HDF5"):
        m.save(tmp_path / "m.h5")
    with pytest.raises(ValueError) as e:
        keras.models.load_model(tmp_path / "missing.keras")
    assert str(e.value) == (f"File not found: filepath={tmp_path / 'missing.keras'}. Please ensure the file is an "
                            "accessible `.keras` zip file.")
    with pytest.raises(ValueError, match=r"^File format not supported: filepath=.*m\.txt\. Keras 3 only supports "
                                         r"V3 `\.keras` files, legacy H5 format files"):
        keras.models.load_model(tmp_path / "m.txt")
    assert os.listdir(tmp_path) == []


def test_overwrite_false_asks(tmp_path, monkeypatch):
    m = seq_model()
    m.build((None, 4))
    path = tmp_path / "m.keras"
    path.write_bytes(b"old")
    monkeypatch.setattr("builtins.input", lambda prompt="": "n")
    m.save(path, overwrite=False)
    assert path.read_bytes() == b"old"
    monkeypatch.setattr("builtins.input", lambda prompt="": "y")
    m.save(path, overwrite=False)
    assert zipfile.is_zipfile(path)


def test_missing_optimizer_vars_only_warn(tmp_path):
    m = seq_model()
    m.build((None, 4))  # compiled, never trained: no optimizer variables saved
    m.save(tmp_path / "m.keras")
    with pytest.warns(UserWarning, match="Skipping variable loading for optimizer 'adam(_[0-9]+)?', because it has 10 variables whereas the saved optimizer has 2 variables"):
        loaded = keras.saving.load_model(tmp_path / "m.keras")
    np.testing.assert_array_equal(loaded.predict(X, verbose=0), m.predict(X, verbose=0))


def test_zip_bomb_refused(tmp_path, monkeypatch):
    m = seq_model()
    m.build((None, 4))
    m.save(tmp_path / "m.keras")
    from leantf.keras.saving import keras_archive
    monkeypatch.setattr(keras_archive, "_BOMB_FLOOR_BYTES", 10)
    monkeypatch.setattr(keras_archive, "_BOMB_MAX_EXPANSION", 0)
    with pytest.raises(ValueError, match="refusing to load a potential decompression bomb"):
        keras.saving.load_model(tmp_path / "m.keras")


def test_model_checkpoint_saves_whole_models(tmp_path):
    m = seq_model()
    cb = ModelCheckpoint(str(tmp_path / "best.keras"), monitor="loss", save_best_only=True)
    m.fit(X, Y, epochs=3, verbose=0, callbacks=[cb])
    loaded = keras.saving.load_model(tmp_path / "best.keras")
    assert loaded.compiled
    np.testing.assert_array_equal(loaded.predict(X, verbose=0), m.predict(X, verbose=0))
    assert os.listdir(tmp_path) == ["best.keras"]
