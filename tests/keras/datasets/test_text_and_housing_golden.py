"""imdb, reuters, boston_housing and california_housing against real Keras 3.15.

tools/golden_datasets.py ran Keras's own loaders on the tiny files in
tests/fixtures/datasets/ and recorded their outputs; the same files go through leantf's
loaders here (through the cache, as a user's download would)."""
import json
import os

import numpy as np
import pytest

import leantf as tf

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "..", "fixtures", "datasets")
with open(os.path.join(FIXTURES, "datasets_golden.json")) as _f:
    GOLDEN = json.load(_f)
ORIGIN_NAME = {"imdb": "imdb.npz", "reuters": "reuters.npz", "boston_housing": "boston_housing.npz",
               "california_housing": "california_housing.npz"}
TINY_FILE = {"imdb": "imdb_tiny.npz", "reuters": "reuters_tiny.npz", "boston_housing": "boston_tiny.npz",
             "california_housing": "california_tiny.npz"}


def _case_id(case):
    args = ",".join(f"{k}={v}" for k, v in case["kwargs"].items())
    return f"{case['loader']}({args})"


def _sequences(array):
    return [list(seq) if isinstance(seq, list) else int(seq) for seq in array.reshape(-1)]


def _check_array(actual, expected, source=None):
    assert isinstance(actual, np.ndarray)
    assert str(actual.dtype) == expected["dtype"]
    assert list(actual.shape) == expected["shape"]
    if source is not None:   # housing: the exact input rows, in Keras's order
        rows = np.asarray(source).reshape(len(source), -1)[expected["rows_of_input"]]
        np.testing.assert_array_equal(actual.reshape(len(actual), -1), rows)
    elif actual.dtype == object:
        assert _sequences(actual) == expected["flat"]
        assert all(type(w) is int for seq in actual.reshape(-1) if isinstance(seq, list) for w in seq)
    else:
        assert actual.reshape(-1).tolist() == expected["flat"]


@pytest.mark.parametrize("case", GOLDEN["cases"], ids=_case_id)
def test_loader_matches_keras(case, serve):
    loader = case["loader"]
    with open(os.path.join(FIXTURES, TINY_FILE[loader]), "rb") as f:
        serve(ORIGIN_NAME[loader], f.read())
    load_data = getattr(tf.keras.datasets, loader).load_data
    expected = case["expected"]
    if "error" in expected:
        with pytest.raises(Exception) as e:
            load_data(**case["kwargs"])
        assert (type(e.value).__name__, str(e.value)) == (expected["error"], expected["message"])
        return
    (x_train, y_train), (x_test, y_test) = load_data(**case["kwargs"])
    source = None
    if loader.endswith("housing"):
        with np.load(os.path.join(FIXTURES, TINY_FILE[loader])) as f:
            source = {"x": f["x"], "y": f["y"]}
    for name, array in (("x_train", x_train), ("y_train", y_train), ("x_test", x_test), ("y_test", y_test)):
        _check_array(array, expected[name], None if source is None else source[name[0]])


def test_origins_cache_names_and_hashes_are_keras(serve):
    for loader in ORIGIN_NAME:
        with open(os.path.join(FIXTURES, TINY_FILE[loader]), "rb") as f:
            serve(ORIGIN_NAME[loader], f.read())
        getattr(tf.keras.datasets, loader).load_data()
    base = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
    assert serve.requested == [
        ("imdb.npz", base + "imdb.npz", "69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f",
         "datasets"),
        ("reuters.npz", base + "reuters.npz", "d6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916",
         "datasets"),
        ("boston_housing.npz", base + "boston_housing.npz",
         "f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5", "datasets"),
        ("california_housing.npz", base + "california_housing.npz",
         "1a2e3a52e0398de6463aebe6f4a8da34fb21fbb6b934cf88c3425e766f2a1a6f", "datasets"),
    ]


def test_word_indexes_and_label_names(serve, keras_home):
    serve("imdb_word_index.json", json.dumps({"the": 1, "and": 2}).encode())
    serve("reuters_word_index.json", json.dumps({"said": 1}).encode())
    assert tf.keras.datasets.imdb.get_word_index() == {"the": 1, "and": 2}
    assert tf.keras.datasets.reuters.get_word_index() == {"said": 1}
    assert os.path.exists(keras_home / "datasets" / "imdb_word_index.json")
    # Keras pins these two with md5 hashes (32 characters).
    assert [h for _, _, h, _ in serve.requested] == ["bfafd718b763782e994055a2d397834f",
                                                     "4d44cc38712099c9e383dc6e5f11a921"]
    names = tf.keras.datasets.reuters.get_label_names()
    assert len(names) == 46 and names[:3] == ("cocoa", "grain", "veg-oil") and names[-1] == "lead"
