"""leantf's layers against outputs, gradients, configs and error texts recorded from real
Keras 3.15.1 / TF 2.21 by tools/golden_layers.py (tests/fixtures/layers_golden.npz).

Each case builds the layer on the recorded input, sets the recorded weights, and compares
the output, the gradients of ``sum(y * g)`` (inputs and trainable weights), the weights
after the call (BatchNormalization's moving statistics), the serialized config, the
symbolic output shape, and the automatic name. Numbers agree to float32 round-off.
"""
import importlib.util
import json
import os
import re

import numpy as np
import pytest

import leantf as tf
from leantf import keras

_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
_spec = importlib.util.spec_from_file_location("golden_layers", os.path.join(_ROOT, "tools", "golden_layers.py"))
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)

FIXTURE = np.load(os.path.join(_ROOT, "tests", "fixtures", "layers_golden.npz"))
META = json.loads(str(FIXTURE["__meta__"]))
ERRORS = json.loads(str(FIXTURE["__errors__"]))

# Different summation orders (BLAS GEMMs, reductions) leave a few float32 ulps; sums over
# a few dozen terms of O(1) values stay well inside these.
RTOL, ATOL = 2e-5, 2e-5


def _arrays(case, prefix):
    out, i = [], 0
    while f"{case}/{prefix}{i}" in FIXTURE:
        out.append(FIXTURE[f"{case}/{prefix}{i}"])
        i += 1
    return out


def _build(case):
    spec = golden.CASES[case]
    opts = golden.case_options(spec)
    cls = getattr(keras.layers, spec[0])
    layer = cls(**golden.layer_kwargs(spec, keras))
    xs = _arrays(case, "x")
    multi = isinstance(spec[2], list)
    call_kwargs = {"training": opts["training"]} if "training" in opts else {}
    layer(xs if multi else xs[0], **call_kwargs)
    weights = _arrays(case, "w")
    if weights:
        layer.set_weights(weights)
    return layer, xs, multi, call_kwargs


@pytest.mark.parametrize("case", sorted(golden.CASES))
def test_values_and_gradients(case):
    layer, xs, multi, call_kwargs = _build(case)
    tensors = [tf.constant(x) for x in xs]
    with tf.GradientTape(persistent=True) as tape:
        for t in tensors:
            if t.dtype.is_floating:
                tape.watch(t)
        y = layer(tensors if multi else tensors[0], **call_kwargs)
        loss = tf.reduce_sum(tf.cast(y, "float32") * FIXTURE[f"{case}/g"])
    np.testing.assert_allclose(y.numpy(), FIXTURE[f"{case}/y"], rtol=RTOL, atol=ATOL)
    assert y.dtype.name == FIXTURE[f"{case}/y"].dtype.name
    for i, t in enumerate(tensors):
        key = f"{case}/gx{i}"
        grad = tape.gradient(loss, t) if t.dtype.is_floating else None
        if key in FIXTURE:
            np.testing.assert_allclose(grad.numpy(), FIXTURE[key], rtol=RTOL, atol=ATOL, err_msg=key)
        else:
            assert grad is None or not np.any(grad.numpy()), key
    for i, v in enumerate(layer.trainable_weights):
        grad = tape.gradient(loss, v)
        grad = np.zeros(v.shape.as_list(), "float32") if grad is None else tf.convert_to_tensor(grad).numpy()
        np.testing.assert_allclose(grad, FIXTURE[f"{case}/gw{i}"], rtol=RTOL, atol=ATOL, err_msg=f"{case}/gw{i}")
    after = _arrays(case, "after")
    assert len(after) == len(layer.weights)
    for v, expected in zip(layer.weights, after):
        np.testing.assert_allclose(v.numpy(), expected, rtol=RTOL, atol=ATOL, err_msg=v.name)
    if f"{case}/mask" in FIXTURE:
        np.testing.assert_array_equal(layer.compute_mask(tensors[0]).numpy(), FIXTURE[f"{case}/mask"])


def _jsonable(obj):
    return json.loads(json.dumps(obj))


@pytest.mark.parametrize("case", sorted(golden.CASES))
def test_config_weights_and_symbolic_shape(case):
    layer, xs, multi, call_kwargs = _build(case)
    meta = META[case]
    got = golden.strip_name(keras.saving.serialize_keras_object(layer))
    assert got == meta["serialized"]
    # The key order is the JSON text a saved model holds.
    assert list(got["config"]) == list(meta["serialized"]["config"])
    assert type(layer).__name__ == meta["class_name"]
    assert [w.name for w in layer.weights] == meta["weight_names"]
    assert [bool(w.trainable) for w in layer.weights] == meta["trainable"]
    # A call on Keras Inputs with an unknown batch size infers the same shape as Keras.
    spec = golden.CASES[case]
    opts = golden.case_options(spec)
    shapes = spec[2] if multi else [spec[2]]
    sym_in = [keras.Input(batch_shape=(None,) + tuple(s[1:]), dtype=opts.get("dtype", "float32")) for s in shapes]
    sym_layer = type(layer)(**golden.layer_kwargs(spec, keras))
    sym_out = sym_layer(sym_in if multi else sym_in[0], **call_kwargs)
    assert list(sym_out.shape) == meta["symbolic_shape"]


@pytest.mark.parametrize("case", sorted(golden.CASES))
def test_auto_name(case):
    keras.backend.clear_session()
    spec = golden.CASES[case]
    cls = getattr(keras.layers, spec[0])
    cls(**golden.layer_kwargs(spec, keras))
    second = cls(**golden.layer_kwargs(spec, keras))
    assert second.name == META[case]["auto_name"]


@pytest.mark.parametrize("case", sorted(golden.CASES))
def test_from_config_round_trip(case):
    layer, _, _, _ = _build(case)
    serialized = keras.saving.serialize_keras_object(layer)
    clone = keras.saving.deserialize_keras_object(_jsonable(serialized))
    assert type(clone) is type(layer)
    assert _jsonable(keras.saving.serialize_keras_object(clone))["config"] == _jsonable(serialized)["config"]


def _normalize_sets(text):
    # Keras prints some allowed values as a Python set of strings, whose order follows
    # string hashing and changes from run to run; compare such sets as sets.
    return re.sub(r"\{('[^'{}]*'(?:, '[^'{}]*')*)\}", lambda m: "{" + ", ".join(sorted(m.group(1).split(", "))) + "}",
                  text)


@pytest.mark.parametrize("case", [pytest.param(c, marks=pytest.mark.xfail(reason=golden.KNOWN_DIFFERENCES[c],
                                                                          strict=False))
                                  if c in golden.KNOWN_DIFFERENCES else c for c in sorted(golden.ERRORS)])
def test_error_messages(case):
    keras.backend.clear_session()
    expected = ERRORS[case]
    scope = {"keras": keras, "np": np, "z": lambda *s: np.zeros(s, "float32")}
    if expected is None:
        eval(golden.ERRORS[case], scope)
        return
    with pytest.raises(Exception) as info:
        eval(golden.ERRORS[case], scope)
    assert type(info.value).__name__ == expected[0]
    assert _normalize_sets(str(info.value)) == _normalize_sets(expected[1])
