"""Shared by test_attention.py and test_misc_layers.py: runs a case of
tools/golden_attention.py on leantf and compares it with the arrays Keras recorded."""
import importlib.util
import json
import os

import numpy as np

import leantf as tf
from leantf import keras
from leantf.keras.layers.attention import AdditiveAttention, Attention, MultiHeadAttention
from leantf.keras.layers.core.einsum_dense import EinsumDense
from leantf.keras.layers.core.misc import ActivityRegularization, AlphaDropout, Identity, Masking
from leantf.keras.layers.normalization.group_unit_normalization import GroupNormalization, UnitNormalization

_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
_spec = importlib.util.spec_from_file_location("golden_attention", os.path.join(_ROOT, "tools", "golden_attention.py"))
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)

FIXTURE = np.load(golden.FIXTURE)
META = json.loads(str(FIXTURE["__meta__"]))

CLASSES = {c.__name__: c for c in (MultiHeadAttention, Attention, AdditiveAttention, EinsumDense, Masking, Identity,
                                   ActivityRegularization, AlphaDropout, GroupNormalization, UnitNormalization)}

# float32 results of different summation orders; the brief's bound for outputs is 1e-5.
OUT_TOL, GRAD_TOL = 1e-5, 1e-4


def recorded(case):
    prefix = case + "/"
    return {k[len(prefix):]: FIXTURE[k] for k in FIXTURE.files if k.startswith(prefix)}


def check_case(case):
    """Runs `case` on leantf with Keras's weights; asserts every recorded array matches."""
    expected = recorded(case)
    weights = [expected[f"w{i}"] for i in range(sum(1 for k in expected if k.startswith("w")))]
    layer, got = golden.run_case(case, tf, keras, CLASSES.__getitem__, weights=weights)
    assert sorted(got) == sorted(expected), (sorted(got), sorted(expected))
    for key, want in expected.items():
        tol = GRAD_TOL if key.startswith("g") else OUT_TOL
        if want.dtype == bool:
            np.testing.assert_array_equal(got[key], want, err_msg=key)
        else:
            np.testing.assert_allclose(got[key], want, rtol=tol, atol=tol, err_msg=key)
    return layer


def check_description(case, layer):
    """Config (name aside), weight paths below the layer's own name, parameter count."""
    meta = META[case]
    got = golden.describe(layer)
    assert got["config"] == meta["config"]
    assert list(got["config"]) == list(meta["config"])  # key order is what saved JSON holds
    strip = lambda paths: [p.split("/", 1)[1] for p in paths]  # noqa: E731
    assert strip(got["weight_paths"]) == strip(meta["weight_paths"])
    assert got["param_count"] == meta["param_count"]
    clone = type(layer).from_config(layer.get_config())
    assert clone.get_config() == layer.get_config()
