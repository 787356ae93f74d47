"""Functional models against Keras 3.15: shared layers, nested models, dict inputs, tf ops on
Keras tensors, sub-model extraction, input checks (expected values measured with TF 2.21)."""
import warnings

import numpy as np
import pytest

import leantf as tf
from leantf import keras
from leantf.keras import layers as L


@pytest.fixture(autouse=True)
def fresh_session():
    keras.backend.clear_session()


def test_shared_layer_and_multiple_io():
    d = L.Dense(2, name="shared_d")
    a, b = keras.Input((3,), name="a"), keras.Input((3,), name="b")
    oa, ob = d(a), d(b)
    assert (oa.name, ob.name) == ("keras_tensor", "keras_tensor_1")
    assert d.output is oa and d.input is a  # the first call, as Keras answers
    with pytest.raises(AttributeError, match="The layer dense has never been called and thus has no defined output."):
        L.Dense(2).output
    m = keras.Model([a, b], [oa, ob], name="two")
    assert [l.name for l in m.layers] == ["a", "b", "shared_d"]
    assert m.get_layer(index=2) is d and m.inputs == [a, b] and m.outputs == [oa, ob]
    assert m.input_shape == [(None, 3), (None, 3)] and m.output_shape == [(None, 2), (None, 2)]
    assert m.output_names == ["shared_d", "shared_d"]
    with pytest.raises(ValueError, match=r"No such layer: nope. Existing layers are: \['a', 'b', 'shared_d'\]."):
        m.get_layer("nope")
    out = m([np.ones((2, 3), "float32"), np.ones((2, 3), "float32")])
    assert isinstance(out, list) and [o.shape for o in out] == [(2, 2), (2, 2)]
    np.testing.assert_array_equal(out[0].numpy(), out[1].numpy())
    single = keras.Model(a, [oa])  # a one-element output list comes back unpacked
    assert isinstance(single(np.ones((1, 3), "float32")), tf.Tensor) and single.output == [oa]


def test_nested_models_and_sub_model_extraction():
    inner = keras.Sequential([L.Dense(4, name="i1"), L.Dense(3, name="i2")], name="inner")
    x = keras.Input((5,), name="x")
    y = inner(x)
    outer = keras.Model(x, L.Dense(1, name="head")(y), name="outer")
    assert [l.name for l in outer.layers] == ["x", "inner", "head"]
    assert [w.path for w in outer.weights] == ["inner/i1/kernel", "inner/i1/bias", "inner/i2/kernel",
                                               "inner/i2/bias", "head/kernel", "head/bias"]
    # A Sequential's input/output are those of its own first call; its inner layers keep one node.
    assert inner.input is x and inner.output is y
    assert len(inner.get_layer("i2")._inbound_nodes) == 1
    sub = keras.Model(outer.input, outer.get_layer("inner").output)
    assert [l.name for l in sub.layers] == ["x", "inner"]
    data = np.random.RandomState(0).rand(2, 5).astype("float32")
    np.testing.assert_allclose(sub(data).numpy(), inner(data).numpy())


def test_dict_inputs_copy_and_pop():
    di = {"u": keras.Input((2,), name="u"), "v": keras.Input((3,), name="v")}
    dm = keras.Model(di, L.Dense(1, name="out")(L.Concatenate()([di["u"], di["v"]])))
    assert isinstance(dm.input, dict) and list(dm.input) == ["u", "v"]
    extracted = dm.input.copy()
    extracted.pop("v")
    assert list(extracted) == ["u"] and list(dm.input) == ["u", "v"]
    assert dm({"u": np.ones((1, 2)), "v": np.ones((1, 3))}).shape == (1, 1)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert dm([np.ones((1, 2)), np.ones((1, 3))]).shape == (1, 1)
    assert str(caught[0].message) == ("The structure of `inputs` doesn't match the expected structure.\n"
                                      "Expected: {'u': 'u', 'v': 'v'}\n"
                                      "Received: inputs=['Tensor(shape=(1, 2))', 'Tensor(shape=(1, 3))']")
    with pytest.raises(ValueError) as info:
        dm({"u": np.ones((1, 2))})
    assert str(info.value) == ("Missing data for input \"v\". You passed a data dictionary with keys ['u']. "
                               "Expected the following keys: ['u', 'v']")
    with pytest.raises(ValueError, match="Graph disconnected"):
        keras.Model(extracted, dm.output)


def test_tf_ops_on_keras_tensors():
    inputs = keras.Input((5,))
    flag1, flag2 = inputs[:, 3], inputs[:, 4]
    x = L.Dense(5, use_bias=False, kernel_initializer="ones")(inputs)
    x1 = L.Dense(1, use_bias=False, kernel_initializer="ones")(x)
    x2 = L.Dense(1, use_bias=False, kernel_initializer="ones")(x)
    outputs = x1 * flag1 + x2 * flag2
    reshaped = tf.reshape(inputs, (-1, 5, 1))
    assert outputs.shape.as_list() == [None, None] or outputs.shape.as_list()[0] is None
    assert reshaped.shape.as_list() == [None, 5, 1]
    model = keras.Model(inputs, [outputs, reshaped])
    data = np.array([[1.0, 2.0, 3.0, 1.0, 0.0], [1.0, 1.0, 1.0, 0.0, 2.0]], "float32")
    out, r = model(data)
    s = data.sum(1) * 5  # every unit of x is the row sum; x1 = x2 = 5 * sum
    np.testing.assert_allclose(out.numpy(), (s[:, None] * data[:, 3] + s[:, None] * data[:, 4]))
    assert r.shape == (2, 5, 1)


def test_functional_input_checks():
    inp = keras.Input((3,))
    fm = keras.Model(inp, L.Dense(2)(inp))
    with pytest.raises(ValueError) as info:
        fm(tf.zeros((2, 4)))
    assert str(info.value) == ("Input 0 with name 'input_layer' of layer 'functional' is incompatible with the "
                               "layer: expected shape=(None, 3), found shape=(2, 4)")
    with pytest.raises(ValueError) as info:
        fm([tf.zeros((2, 3)), tf.zeros((2, 3))])
    assert str(info.value) == ('Layer "functional" expects 1 named input(s) with keys [\'input_layer\'], but it '
                               "received 2 input tensors. Pass inputs as a dict, e.g. `layer({'input_layer': ...})`.")
    assert fm(tf.zeros((2, 3, 1))).shape == (2, 2)  # a trailing axis of 1 is squeezed
    inp2 = keras.Input((3, 1))
    assert keras.Model(inp2, L.Flatten()(inp2))(tf.zeros((2, 3))).shape == (2, 3)  # ... or added
    assert fm(np.zeros((2, 3))).dtype == tf.float32  # float64 data is cast to the Input's dtype
    assert repr(fm.input_spec) == "[InputSpec(shape=(None, 3), ndim=2)]"
