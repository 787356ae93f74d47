"""Config (de)serialization: the allowlist, safe mode, the registry API for other Keras
modules, shared objects. The security tests check that a config can reach nothing but
registered objects and cannot change the loader's policy."""
import builtins
import importlib

import warnings

import numpy as np
import pytest

import leantf as tf
from leantf import keras
from leantf.keras import initializers
from leantf.keras.saving import serialization as ser
from leantf.keras.saving.keras_saveable import KerasSaveable

deserialize = keras.utils.deserialize_keras_object
serialize = keras.utils.serialize_keras_object

LAMBDA_MESSAGE = "Requested the deserialization of a Python lambda."


@pytest.fixture(autouse=True)
def _clean_session():
    keras.utils.clear_session()
    keras.utils.get_custom_objects().clear()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "The object being serialized includes a `lambda`")
        yield
    keras.utils.clear_session()
    keras.utils.get_custom_objects().clear()


@pytest.fixture
def registry_snapshot():
    saved = ({k: dict(v) for k, v in ser._BUILTINS.items()}, {k: dict(v) for k, v in ser._ALIASES.items()},
             dict(ser._NAMES))
    yield
    ser._BUILTINS.clear()
    ser._BUILTINS.update(saved[0])
    ser._ALIASES.clear()
    ser._ALIASES.update(saved[1])
    ser._NAMES.clear()
    ser._NAMES.update(saved[2])


def _fn(module, name, registered_name=None):
    return {"module": module, "class_name": "function", "config": name, "registered_name": registered_name}


def _cls(module, name, config=None, registered_name=None):
    return {"module": module, "class_name": name, "config": config or {}, "registered_name": registered_name}


HOSTILE = [
    _fn("os", "system"), _fn("builtins", "system", "function"), _fn("builtins", "eval", "function"),
    _fn("builtins", "__import__", "function"), _fn("importlib", "import_module"),
    _cls("subprocess", "Popen", {"args": "true"}), _cls("builtins", "eval"), _cls("builtins", "object"),
    _cls("os", "system", registered_name="os>system"), _cls("os.path", "join"),
    _fn("leantf.keras.saving.serialization", "enable_unsafe_deserialization"),
    _cls("leantf.keras.utils.python_utils", "func_load"),
    _fn("keras.src.saving.serialization_lib", "enable_unsafe_deserialization"),
    _fn("keras.config", "enable_unsafe_deserialization"), _cls("keras.config", "enable_unsafe_deserialization"),
    _fn("keras.utils", "get_file"), _fn("keras.saving", "load_model"), _fn("keras.models", "load_model"),
    _cls("keras", "__dict__"), _cls("keras", "__builtins__"), _cls("keras.initializers", "__class__"),
    _cls("keras.initializers", "np"), _cls("keras.initializers", "tf"), _cls("keras.activations", "warnings"),
    _fn("keras.activations", "_ser"), _fn("keras.backend", "clear_session"), _fn("builtins", "clear_session"),
    _fn("keras.initializers", "GlorotUniform.__init__"), _cls("keras_hub.models", "Anything"),
    {"class_name": "__typespec__", "spec_name": "Popen", "module": "subprocess", "config": [], "registered_name": None},
]


def _case_id(c):
    return f"{c.get('module')}.{c['config'] if c['class_name'] == 'function' else c['class_name']}"


@pytest.mark.parametrize("config", HOSTILE, ids=_case_id)
def test_unregistered_names_are_refused(config):
    with pytest.raises((TypeError, ValueError)):
        deserialize(config)
    with pytest.raises((TypeError, ValueError)):
        deserialize(config, safe_mode=False)


def test_deserializing_hostile_configs_imports_nothing_named_in_them(monkeypatch):
    deserialize(_cls("keras.initializers", "Zeros"))  # warm up the lazy imports of the allowlist
    statements, dynamic = [], []
    real_import, real_import_module = builtins.__import__, importlib.import_module

    def spy_import(name, *args, **kwargs):
        statements.append(name)
        return real_import(name, *args, **kwargs)

    def spy_import_module(name, package=None):
        dynamic.append(name)
        return real_import_module(name, package)

    monkeypatch.setattr(builtins, "__import__", spy_import)
    monkeypatch.setattr(importlib, "import_module", spy_import_module)
    for config in HOSTILE:
        try:
            deserialize(config, safe_mode=False)
        except (TypeError, ValueError):
            pass
    # Dynamic imports load only our own Keras namespaces (from a fixed table) ...
    assert all(m.startswith("leantf.keras.") for m in dynamic), dynamic
    # ... and no module a config named was imported by any means.
    named = {c.get("module") for c in HOSTILE} - {None, "builtins"}
    assert not named & (set(statements) | set(dynamic))


def test_lambda_refused_in_safe_mode_everywhere():
    cfg = serialize(lambda x: x + 1)
    assert cfg["class_name"] == "__lambda__"
    with pytest.raises(ValueError, match=LAMBDA_MESSAGE):
        deserialize(cfg)
    nested = _cls("keras.initializers", "Constant", {"value": cfg})
    with pytest.raises(ValueError, match=LAMBDA_MESSAGE):
        deserialize(nested)
    with pytest.raises(ValueError, match=LAMBDA_MESSAGE):
        keras.initializers.get(nested)
    assert deserialize(cfg, safe_mode=False)(1) == 2


def test_enclosing_safe_mode_scope_wins_over_argument():
    cfg = serialize(lambda x: x * 3)
    with ser.SafeModeScope(True):
        with pytest.raises(ValueError, match=LAMBDA_MESSAGE):
            deserialize(cfg, safe_mode=False)
    with ser.SafeModeScope(False):
        assert deserialize(cfg)(2) == 6
    assert ser.in_safe_mode() is None


def test_safe_mode_reaches_from_config_of_nested_objects():
    seen = []

    class Probe(initializers.Initializer):
        @classmethod
        def from_config(cls, config):
            seen.append(ser.in_safe_mode())
            return cls()

    deserialize(_cls(None, "Probe", registered_name="Probe"), custom_objects={"Probe": Probe})
    deserialize(_cls(None, "Probe", registered_name="Probe"), custom_objects={"Probe": Probe}, safe_mode=False)
    assert seen == [True, False]


def test_config_cannot_switch_safe_mode_off():
    attempts = [_fn("keras.config", "enable_unsafe_deserialization"),
                _cls("keras.config", "enable_unsafe_deserialization"),
                _fn("builtins", "enable_unsafe_deserialization", "function"),
                _fn("leantf.keras.config", "enable_unsafe_deserialization"),
                _fn("keras.src.saving.serialization_lib", "enable_unsafe_deserialization")]
    for cfg in attempts:
        with pytest.raises((TypeError, ValueError)):
            deserialize(cfg)
        with pytest.raises((TypeError, ValueError)):
            deserialize({"a": [cfg]})
    assert ser.in_safe_mode() is None
    with pytest.raises(ValueError, match=LAMBDA_MESSAGE):
        deserialize(serialize(lambda x: x))


def test_unsafe_mode_is_explicit_and_session_scoped():
    cfg = serialize(lambda x: -x)
    keras.config.enable_unsafe_deserialization()
    assert deserialize(cfg)(4) == -4
    keras.utils.clear_session()
    with pytest.raises(ValueError, match=LAMBDA_MESSAGE):
        deserialize(cfg)


def test_custom_objects_and_registered_names():
    class Mine(initializers.Initializer):
        def __init__(self, v=0):
            self.v = v

        def get_config(self):
            return {"v": self.v}

    cfg = serialize(Mine(2))
    assert cfg["registered_name"] == "Mine"
    with pytest.raises(TypeError, match="Could not locate class 'Mine'"):
        deserialize(cfg)
    assert deserialize(cfg, custom_objects={"Mine": Mine}).v == 2
    with keras.utils.custom_object_scope({"Mine": Mine}):
        assert deserialize(cfg).v == 2
    keras.utils.register_keras_serializable("pkg")(Mine)
    cfg = serialize(Mine(5))
    assert cfg["registered_name"] == "pkg>Mine" and deserialize(cfg).v == 5


def test_custom_object_overrides_builtin_only_by_explicit_lookup_key():
    class Fake(initializers.Initializer):
        pass

    explicit_none = _cls("keras.initializers", "Zeros", registered_name=None)
    assert type(deserialize(explicit_none, custom_objects={"Zeros": Fake})) is initializers.Zeros
    no_key = {"module": "keras.initializers", "class_name": "Zeros", "config": {}}
    assert type(deserialize(no_key, custom_objects={"Zeros": Fake})) is Fake


class _Saveable(KerasSaveable):
    def __init__(self, a=1):
        self.a = a

    def get_config(self):
        return {"a": self.a}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class _Plain:
    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        return cls()


def test_register_builtin_canonical_and_alias_names(registry_snapshot):
    ser.register_builtin("keras.layers", _Saveable, "Thing")
    ser.register_builtin("keras.models", _Saveable, "Thing")            # alias, resolvable (KerasSaveable)
    ser.register_builtin("keras.initializers", _Plain, "Plain")
    ser.register_builtin("keras.initializers", _Plain, "plain")         # alias, not resolvable
    cfg = serialize(_Saveable(3))
    assert cfg == {"module": "keras.layers", "class_name": "Thing", "config": {"a": 3}, "registered_name": None}
    assert deserialize(cfg).a == 3
    assert deserialize(_cls("keras.models", "Thing", {"a": 4})).a == 4
    assert type(deserialize(_cls("keras.initializers", "Plain"))) is _Plain
    with pytest.raises(ValueError, match="'keras.initializers.plain' because it is not a KerasSaveable subclass"):
        deserialize(_cls("keras.initializers", "plain"))


def test_register_builtin_non_public(registry_snapshot):
    ser.register_builtin("keras.src.models.functional", _Plain, "Functionalish", public=False)
    cfg = serialize(_Plain())
    assert cfg == {"module": "keras.src.models.functional", "class_name": "Functionalish", "config": {},
                   "registered_name": "Functionalish"}
    assert type(deserialize(cfg)) is _Plain


def test_registered_functions_serialize_by_name():
    assert serialize(keras.activations.relu) == {"module": "builtins", "class_name": "function", "config": "relu",
                                                 "registered_name": "function"}
    assert deserialize(serialize(keras.activations.relu)) is keras.activations.relu
    assert deserialize(_fn("keras.activations", "gelu", "gelu")) is keras.activations.gelu


def test_shared_objects_are_rebuilt_once():
    init = initializers.HeNormal(seed=1)
    with ser.ObjectSharingScope():
        cfg = serialize([init, init, initializers.Zeros()])
    assert cfg[0]["shared_object_id"] == cfg[1]["shared_object_id"] == id(init)
    assert "shared_object_id" not in cfg[2]
    with ser.ObjectSharingScope():
        a, b, c = deserialize(cfg)
    assert a is b and isinstance(a, initializers.HeNormal) and c is not a
    a2, b2, _ = deserialize(cfg)  # outside a scope nothing is shared
    assert a2 is not b2


def test_value_forms_round_trip():
    values = [np.arange(6, dtype=np.int16).reshape(2, 3), b"bytes", slice(1, None, 2), Ellipsis,
              {"nested": [1, (2, 3)]}, tf.TensorShape([None, 4]), tf.float64]
    out = deserialize(serialize(values))
    np.testing.assert_array_equal(out[0], values[0])
    assert out[0].dtype == np.int16
    assert out[1:4] == [b"bytes", slice(1, None, 2), Ellipsis]
    assert out[4] == {"nested": [1, [2, 3]]}  # tuples come back as lists, as in Keras
    assert out[5] == [None, 4] and out[6] == "float64"
    t = deserialize(serialize(tf.constant([[1.5, 2.0]], dtype=tf.float64)))
    assert t.dtype == tf.float64 and t.numpy().tolist() == [[1.5, 2.0]]


def test_keras_tensor_form():
    from leantf.keras.keras_tensor import KerasTensor
    kt = KerasTensor((None, 3), dtype="float32")
    cfg = serialize(kt)
    assert cfg == {"class_name": "__keras_tensor__",
                   "config": {"shape": (None, 3), "dtype": "float32", "keras_history": None}}
    back = deserialize(cfg)
    assert isinstance(back, KerasTensor) and back.shape.as_list() == [None, 3]
    assert back._pre_serialization_keras_history is None


def test_func_dump_round_trip_keeps_defaults_and_closure():
    from leantf.keras.utils.python_utils import func_dump, func_load
    k = 10

    def f(x, y=2):
        return x * y + k

    g = func_load(func_dump(f))
    assert g(3) == 16 and g(3, 1) == 13
