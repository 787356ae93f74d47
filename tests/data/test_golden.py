"""leantf's tf.data against recorded TensorFlow behaviour (tools/golden_data.py)."""
import json
import os

import numpy as np
import pytest

import leantf as tf
from tests.data.golden_cases import CASES

_FIXTURE = os.path.join(os.path.dirname(__file__), "..", "fixtures", "data_golden.json")
with open(_FIXTURE) as _f:
    GOLDEN = json.load(_f)


def _leaf(v):
    a = np.asarray(v)
    if a.dtype == object or a.dtype.kind == "S":
        return {"dtype": "string", "shape": list(a.shape),
                "values": [b.decode("latin-1") for b in a.reshape(-1).tolist()]}
    return {"dtype": a.dtype.name, "shape": list(a.shape), "values": a.reshape(-1).tolist()}


def _flat(value):
    return tf.nest.flatten(value)


def _same_leaves(got, want):
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert (g["dtype"], g["shape"]) == (w["dtype"], w["shape"])
        if w["dtype"].startswith("float"):
            np.testing.assert_allclose(g["values"], w["values"], rtol=1e-6)
        else:
            assert g["values"] == w["values"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_matches_tensorflow(name):
    want = GOLDEN[name]
    if "error" in want:
        with pytest.raises(Exception) as info:
            ds = CASES[name](tf)
            list(ds)  # errors TF raises while iterating
        assert type(info.value).__name__ == want["error"]
        message = str(info.value)
        assert message.startswith(want["message"].rstrip()), (message, want["message"])
        return
    result = CASES[name](tf)
    if "value" in want:
        _same_leaves([_leaf(v) for v in _flat(result)], want["value"])
        return
    assert repr(result) == want["repr"]
    assert repr(result.element_spec) == want["spec"]
    assert int(result.cardinality()) == want["cardinality"]
    if "len" in want:
        assert len(result) == want["len"]
    else:
        with pytest.raises(TypeError, match=want["len_error"]):
            len(result)
    elements = []
    for i, element in enumerate(result.as_numpy_iterator()):
        if i == 20:
            break
        elements.append([_leaf(x) for x in _flat(element)])
    if name.startswith("shuffle"):
        return  # TF's shuffle order comes from its own RNG; see test_dataset.py for its properties
    assert len(elements) == len(want["elements"])
    for got, expected in zip(elements, want["elements"]):
        _same_leaves(got, expected)
