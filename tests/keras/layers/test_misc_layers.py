"""Masking, Identity, UnitNormalization, GroupNormalization, ActivityRegularization and
AlphaDropout against real Keras 3.15 (fixtures from tools/golden_attention.py), plus the
generic layer contract and the behaviour each exists for."""
import numpy as np
import pytest

import leantf as tf
from leantf import keras
from leantf.keras.layers.core.misc import ActivityRegularization, AlphaDropout, Identity, Masking
from leantf.keras.layers.normalization.group_unit_normalization import GroupNormalization, UnitNormalization
from leantf.testing.layer_test import run_layer_test

from ._attention_golden import check_case, check_description, golden, recorded

MISC_CASES = [c for c, s in golden.CASES.items()
              if s["layer"][0] in ("Masking", "Identity", "UnitNormalization", "GroupNormalization",
                                   "ActivityRegularization", "AlphaDropout")]


@pytest.mark.parametrize("case", MISC_CASES)
def test_matches_keras(case):
    layer = check_case(case)
    check_description(case, layer)


def test_masking_mask_reaches_downstream_layer():
    x, _ = golden.make_raw_inputs("masking")
    inp = keras.Input((4, 3))
    h = Masking()(inp)
    pooled = keras.layers.GlobalAveragePooling1D()(h)  # averages only unmasked steps
    got = keras.Model(inp, pooled).predict(x["inputs"], verbose=0)
    keep = recorded("masking")["y_mask"]
    want = (x["inputs"] * keep[..., None]).sum(1) / keep.sum(1, keepdims=True)
    np.testing.assert_allclose(got, want, rtol=1e-6)


def test_identity_returns_input_with_its_mask():
    h = keras.layers.Embedding(5, 2, mask_zero=True)(np.array([[1, 0]]))
    out = Identity()(h)
    np.testing.assert_array_equal(out._keras_mask.numpy(), [[True, False]])


def test_activity_regularization_adds_loss_divided_by_batch():
    x = np.arange(6, dtype="float32").reshape(2, 3) - 2
    layer = ActivityRegularization(l1=0.1, l2=0.01)
    layer(x)
    want = (0.1 * np.abs(x).sum() + 0.01 * (x ** 2).sum()) / 2
    assert len(layer.losses) == 1
    np.testing.assert_allclose(float(layer.losses[0]), want, rtol=1e-6)


def test_alpha_dropout_keeps_selu_statistics_in_training():
    x = np.random.default_rng(0).standard_normal((400, 250)).astype("float32")
    y = AlphaDropout(0.2, seed=3)(x, training=True).numpy()
    assert abs(y.mean()) < 0.02 and abs(y.std() - 1) < 0.03
    sat = -1.6732632423543772 * 1.0507009873554805  # SELU's negative saturation
    a = ((1 - 0.2) * (1 + 0.2 * sat ** 2)) ** -0.5
    dropped = a * sat - a * sat * 0.2
    assert 0.18 < np.mean(np.isclose(y, dropped, atol=1e-6)) < 0.22  # dropped units all take this value
    np.testing.assert_array_equal(AlphaDropout(0.2)(x).numpy(), x)  # inference: untouched


def test_group_normalization_errors_match_keras():
    with pytest.raises(ValueError, match=r"cannot be more than the number of channels \(4\)"):
        GroupNormalization(groups=8)(np.zeros((1, 4), "float32"))
    with pytest.raises(ValueError, match=r"Number of groups \(3\) must be a multiple of the number of channels"):
        GroupNormalization(groups=3)(np.zeros((1, 4), "float32"))
    with pytest.raises(ValueError, match="expected a positive integer"):
        GroupNormalization(groups=0)


@pytest.mark.parametrize("cls,kwargs,shape,trainable", [
    (Masking, {"mask_value": 0.5}, (2, 3, 4), 0),
    (Identity, {}, (2, 3), 0),
    (UnitNormalization, {"axis": -1}, (2, 3), 0),
    (GroupNormalization, {"groups": 2}, (2, 5, 4), 2),
    (GroupNormalization, {"groups": -1, "axis": 1, "center": False}, (2, 3, 4), 1),
    (ActivityRegularization, {"l1": 0.1}, (2, 3), 0),
    (AlphaDropout, {"rate": 0.1}, (2, 3), 0),
])
def test_layer_contract(cls, kwargs, shape, trainable):
    run_layer_test(cls, kwargs, input_shape=shape, expected_num_trainable_weights=trainable,
                   expected_num_non_trainable_weights=0, supports_masking=True)
