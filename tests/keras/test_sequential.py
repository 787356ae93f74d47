"""keras.Sequential against Keras 3.15: building from Input / input_shape= / the first call,
add and pop, and the errors (expected values measured with TF 2.21)."""
import warnings

import numpy as np
import pytest

from leantf import keras
from leantf.keras import layers as L


@pytest.fixture(autouse=True)
def fresh_session():
    keras.backend.clear_session()


def test_input_first_builds_at_once():
    s = keras.Sequential([keras.Input((3,)), L.Dense(2, name="d1")])
    assert s.built and [l.name for l in s.layers] == ["d1"]
    assert repr(s.inputs) == "[<KerasTensor shape=(None, 3), dtype=float32, sparse=False, ragged=False, name=keras_tensor>]"
    with pytest.raises(AttributeError, match="The layer sequential has never been called and thus has no defined input."):
        s.input
    with pytest.raises(ValueError, match=r"has already been configured to use input shape \(None, 3\)"):
        s.add(keras.Input((3,)))
    with pytest.raises(ValueError) as info:
        s.add(L.Dense(2, name="d1"))
    assert str(info.value) == ("All layers added to a Sequential model should have unique names. Name 'd1' is "
                               "already the name of a layer in this model. Update the `name` argument to pass a "
                               "unique name.")
    with pytest.raises(ValueError) as info:
        s.add(3)
    assert str(info.value) == ("Only instances of `keras.Layer` can be added to a Sequential model. Received: 3 "
                               "(of type <class 'int'>)")


def test_input_shape_on_first_layer():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        s = keras.Sequential([L.Dense(2, input_shape=(4,), name="d2")])
    assert "Do not pass an `input_shape`/`input_dim` argument to a layer." in str(caught[0].message)
    assert s.built and s.input_shape == (None, 4) and s.output_shape == (None, 2)
    assert [w.path for w in s.weights] == ["sequential/d2/kernel", "sequential/d2/bias"]


def test_built_by_first_call_then_pop():
    s = keras.Sequential()
    assert not s.built
    with pytest.raises(AttributeError, match="Sequential model 'sequential' has no defined inputs yet."):
        s.inputs
    with pytest.raises(IndexError):
        s.pop()
    s.add(L.Dense(3, name="a3"))
    s.add(L.Dense(1, name="b3"))
    assert not s.built and s.weights == []
    assert s(np.ones((2, 5), "float32")).shape == (2, 1)
    # Built from the data it first saw (batch size included), as Keras does.
    assert s.built and s.input_shape == (2, 5)
    assert [w.path for w in s.weights] == ["sequential/a3/kernel", "sequential/a3/bias", "sequential/b3/kernel",
                                           "sequential/b3/bias"]
    assert s.pop().name == "b3"
    assert [l.name for l in s.layers] == ["a3"] and s.built and s.output_shape == (2, 3)


def test_input_added_later_and_get_layer():
    s = keras.Sequential(name="seqx")
    s.add(keras.Input((5,)))
    s.add(L.Dense(2))
    assert s.built and s.input_shape == (None, 5) and s.get_layer(index=0).name == "dense"
    np.testing.assert_allclose(s.predict(np.ones((3, 5)), verbose=0).shape, (3, 2))
