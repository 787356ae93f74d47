"""Layer core behaviour against Keras 3.15 (texts and values measured with TF 2.21 / Keras 3.15.1):
input-spec messages, the "Exception encountered when calling X.call()" wrapping, training and
mask propagation, weights and losses, names, Keras variables."""
import warnings

import numpy as np
import pytest

import leantf as tf
from leantf import keras
from leantf.keras import layers as L
from leantf.keras.saving.keras_saveable import KerasSaveable


@pytest.fixture(autouse=True)
def fresh_session():
    keras.backend.clear_session()


def _message(fn):
    with pytest.raises(Exception) as info:
        fn()
    return type(info.value).__name__, str(info.value)


class Spec(L.Layer):
    def __init__(self, spec, **kwargs):
        super().__init__(**kwargs)
        self.input_spec = spec

    def call(self, x):
        return x


def test_input_spec_messages():
    z = np.zeros
    assert _message(lambda: L.Conv2D(2, 3)(z((2, 5, 5), "float32"))) == (
        "ValueError", "Input 0 with name 'None' of layer 'conv2d' is incompatible with the layer: expected "
                      "min_ndim=4, found ndim=3. Full shape received: (2, 5, 5)")
    d = L.Dense(3)
    d(z((2, 3), "float32"))
    assert _message(lambda: d(z((2, 5), "float32")))[1] == (
        "Input 0 with name 'None' of layer 'dense' is incompatible with the layer: expected axis -1 of input shape "
        "to have value 3, but received input with shape (2, 5)")
    assert _message(lambda: d(keras.Input((5,))))[1].endswith("received input with shape (None, 5)")
    cases = [
        (keras.InputSpec(ndim=2, name="foo"), (2, 5, 1), "Input 0 with name 'foo' of layer 'spec' is incompatible "
         "with the layer: expected ndim=2, found ndim=3. Full shape received: (2, 5, 1)"),
        (keras.InputSpec(max_ndim=2), (2, 5, 1), "Input 0 with name 'None' of layer 'spec_1' is incompatible with "
         "the layer: expected max_ndim=2, found ndim=3"),
        (keras.InputSpec(dtype="int32"), (2, 5), "Input 0 with name 'None' of layer 'spec_2' is incompatible with "
         "the layer: expected dtype=int32, found dtype=float32"),
        (keras.InputSpec(shape=(None, 4)), (2, 5), "Input 0 with name 'None' of layer 'spec_3' is incompatible "
         "with the layer: expected shape=(None, 4), found shape=(2, 5)"),
    ]
    for spec, shape, text in cases:
        assert _message(lambda: Spec(spec)(z(shape, "float32"))) == ("ValueError", text)
    two = Spec([keras.InputSpec(ndim=2), keras.InputSpec(ndim=2)])
    assert _message(lambda: two(z((2, 5), "float32")))[1].startswith(
        'Layer "spec_4" expects 2 input(s), but it received 1 input tensors. Inputs received: [<tf.Tensor: '
        "shape=(2, 5), dtype=float32, numpy=")
    assert repr(keras.InputSpec(shape=(None, 3), dtype="float32", name="x")) == \
        "InputSpec(dtype=float32, shape=(None, 3), ndim=2)"
    assert keras.InputSpec(min_ndim=2, axes={-1: 3}).get_config() == {
        "dtype": None, "shape": None, "ndim": None, "max_ndim": None, "min_ndim": 2, "axes": {-1: 3},
        "optional": False}


class Bad(L.Layer):
    def call(self, x, training=None, scale=2.0, **kw):
        raise ValueError("boom")


def test_call_errors_are_wrapped_with_the_arguments():
    head = "Exception encountered when calling Bad.call().\n\n\x1b[1mboom\x1b[0m\n\nArguments received by Bad.call():\n"
    assert _message(lambda: Bad()(tf.zeros((2, 3)), training=True)) == ("ValueError", head + (
        "  • x=tf.Tensor(shape=(2, 3), dtype=float32)\n  • training=True\n  • scale=2.0\n"
        "  • kw=<class 'inspect._empty'>"))
    assert _message(lambda: Bad()((tf.zeros((1,)), np.zeros((2,)))))[1] == head + (
        "  • x=('tf.Tensor(shape=(1,), dtype=float32)', 'tf.Tensor(shape=(2,), dtype=float32)')\n  • training=None\n"
        "  • scale=2.0\n  • kw=<class 'inspect._empty'>")
    # Symbolic calls report Keras's "could not infer the output shape" error.
    name, text = _message(lambda: Bad()(keras.Input((3,), name="inp")))
    assert name == "ValueError" and text == (
        "Exception encountered when calling Bad.call().\n\n\x1b[1mCould not automatically infer the output shape "
        "/ dtype of 'bad_2' (of type Bad). Either the `Bad.call()` method is incorrect, or you need to implement "
        "the `Bad.compute_output_spec() / compute_output_shape()` method. Error encountered:\n\nboom\x1b[0m\n\n"
        "Arguments received by Bad.call():\n  • args=('<KerasTensor shape=(None, 3), dtype=float32, sparse=False, "
        "ragged=False, name=inp>',)\n  • kwargs=<class 'inspect._empty'>")
    # Only tensors positionally; no mixing tensors and other values in a nested keyword argument.
    assert _message(lambda: Bad()(tf.zeros((2, 3)), 5))[1] == (
        "Only input tensors may be passed as positional arguments. The following argument value should be passed "
        "as a keyword argument: 5 (of type <class 'int'>)")
    assert _message(lambda: L.Dense(2)([[1.0, 2.0]]))[1].endswith(": 1.0 (of type <class 'float'>)")
    assert _message(lambda: Bad()(tf.zeros((1,)), foo="a", bar=[tf.zeros((2,)), 1]))[1].startswith(
        "In a nested call() argument, you cannot mix tensors and non-tensors. Received invalid mixed argument: kw=")
    # An op error keeps its class; the innermost failing call adds the text, once.
    name, text = _message(lambda: L.Dense(2)(tf.zeros((2, 3), "int32")) if False else
                          Outer()(tf.zeros((2, 3))))
    assert name == "ValueError" and text.startswith("Exception encountered when calling Bad.call().")


class Outer(L.Layer):
    def __init__(self):
        super().__init__()
        self.inner = Bad()

    def call(self, x):
        return self.inner(x)


def test_sequential_errors_name_the_model_and_training_flag():
    m = keras.Sequential([keras.Input((3,)), L.Dense(2, name="dd")])
    tail = ("Arguments received by Sequential.call():\n  • inputs=tf.Tensor(shape=(2, 5), dtype=float32)\n"
            "  • training={}\n  • mask=None\n  • kwargs=<class 'inspect._empty'>")
    assert _message(lambda: m(np.zeros((2, 5), "float32")))[1].endswith(tail.format(None))
    assert _message(lambda: m.predict(np.zeros((2, 5), "float32"), verbose=0))[1].endswith(tail.format(False))


class Probe(L.Layer):
    def __init__(self, log):
        super().__init__()
        self.log = log

    def call(self, x, training=None):
        self.log.append(training)
        return x


class Pair(L.Layer):
    def __init__(self, log):
        super().__init__()
        self.a, self.b = Probe(log), Probe(log)

    def call(self, x, training=None):
        return self.b(self.a(x), training=False)


def test_training_flag_propagates_like_keras():
    log = []
    pair = Pair(log)
    pair(np.ones((1, 1), "float32"))
    pair(np.ones((1, 1), "float32"), training=True)
    assert log == [None, False, True, False]

    class M(keras.Model):
        def __init__(self):
            super().__init__()
            self.p = Probe(log)

        def call(self, x):  # no `training`: fit/predict pass none, inner layers see None
            return self.p(x)
    log.clear()
    m = M()
    m.compile(loss="mse", optimizer="sgd")
    m.predict(np.ones((1, 1), "float32"), verbose=0)
    m.fit(np.ones((1, 1), "float32"), np.ones((1, 1), "float32"), verbose=0)
    assert log == [None, None]


def test_masks_ride_on_tensors():
    x = np.array([[1, 2, 0, 0], [3, 0, 0, 0]], "int32")
    init = keras.initializers.Constant(np.arange(10).reshape(5, 2) / 10)
    e = L.Embedding(5, 2, mask_zero=True, embeddings_initializer=init)(x)
    expected = [[True, True, False, False], [True, False, False, False]]
    assert e._keras_mask.numpy().tolist() == expected
    assert L.Dense(3)(e)._keras_mask.numpy().tolist() == expected  # Dense passes it on
    pooled = L.GlobalAveragePooling1D()(e)
    np.testing.assert_allclose(pooled.numpy(), [[0.3, 0.4], [0.6, 0.7]], rtol=1e-6)
    assert getattr(pooled, "_keras_mask", None) is None

    class NoMask(L.Layer):
        def call(self, inputs):
            return inputs * 2
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = NoMask()(e)
    assert [str(w.message) for w in caught] == [
        "Layer 'no_mask' (of type NoMask) was passed an input with a mask attached to it. However, this layer does "
        "not support masking and will therefore destroy the mask information. Downstream layers will not see the "
        "mask."]
    assert getattr(out, "_keras_mask", None) is None

    class Takes(L.Layer):
        def call(self, inputs, mask=None):
            self.seen = mask
            return inputs
    t = Takes()
    t(e)
    assert t.seen.numpy().tolist() == expected
    # Symbolic: the mask is a Keras tensor of its own; the model applies it on data.
    i = keras.Input((4,), dtype="int32")
    se = L.Embedding(5, 2, mask_zero=True, embeddings_initializer=init)(i)
    assert repr(se._keras_mask) == ("<KerasTensor shape=(None, 4), dtype=bool, sparse=False, ragged=False, "
                                    "name=keras_tensor_2>")
    model = keras.Model(i, L.GlobalAveragePooling1D()(se))
    np.testing.assert_allclose(model(x).numpy(), [[0.3, 0.4], [0.6, 0.7]], rtol=1e-6)
    seq = keras.Sequential([L.Embedding(5, 2, mask_zero=True, embeddings_initializer=init),
                            L.GlobalAveragePooling1D()])
    np.testing.assert_allclose(seq(x).numpy(), [[0.3, 0.4], [0.6, 0.7]], rtol=1e-6)


class Weights(L.Layer):
    def __init__(self):
        super().__init__()
        self.acc = keras.metrics.Mean()
        self.w = self.add_weight(shape=(1,), initializer="ones")
        self.v = self.add_weight(shape=(1,), initializer="ones", trainable=False)
        self.u = self.add_weight(shape=(1,))

    def call(self, x):
        self.add_loss(tf.reduce_sum(x))
        return x * self.w


def test_weights_losses_and_freezing():
    layer = Weights()
    # Unnamed weights count up per session; trainable ones are listed first; metric state is not a weight.
    assert [v.path for v in layer.variables] == ["weights/variable", "weights/variable_2", "weights/variable_1"]
    assert [v.name for v in layer.trainable_weights] == ["variable", "variable_2"]
    assert [v.name for v in layer.non_trainable_weights] == ["variable_1"]
    layer(np.ones((2, 1), "float32"))
    layer(np.ones((2, 1), "float32"))
    assert [float(v) for v in layer.losses] == [2.0]  # only the latest call's add_loss
    layer.trainable = False
    assert (len(layer.trainable_weights), len(layer.non_trainable_weights)) == (0, 3)
    assert not layer.w.trainable
    layer.trainable = True
    assert layer.w.trainable and not layer.v.trainable
    # Activity penalties are divided by the batch size; weight penalties only count trainable weights.
    d = L.Dense(2, activity_regularizer="l2", kernel_initializer="ones")
    d(np.ones((4, 3), "float32"))
    assert np.isclose(float(d.losses[0]), 0.18)
    d2 = L.Dense(2, kernel_regularizer=keras.regularizers.l2(0.1), kernel_initializer="ones")
    d2(np.ones((4, 3), "float32"))
    assert np.isclose(float(d2.losses[0]), 0.6)
    d2.trainable = False
    assert d2.losses == []


def test_add_weight_forms():
    layer = L.Layer()
    w = layer.add_weight("legacy", (2, 3), initializer="zeros")  # Keras 2 order: name, shape
    assert (w.name, tuple(w.shape)) == ("legacy", (2, 3))
    v = layer.add_weight((4,), "ones", "float64")  # Keras 3 order: shape, initializer, dtype
    assert tuple(v.shape) == (4,) and v.dtype == tf.float64 and v.numpy().tolist() == [1.0] * 4
    with pytest.raises(ValueError, match="`shape` was passed both positionally and as a keyword argument."):
        layer.add_weight((1,), shape=(1,))


def test_keras_variables_and_names():
    v = keras.Variable(0.001)
    assert repr(v) == "<Variable path=variable, shape=(), dtype=float32, value=0.0010000000474974513>"
    assert keras.Variable(1.0).name == "variable_1"
    assert repr(keras.Variable([[1., 2.], [3, 4]])) == \
        "<Variable path=variable_2, shape=(2, 2), dtype=float32, value=[[1. 2.]\n [3. 4.]]>"
    assert str(keras.Variable(3)) == "<Variable path=variable_3, shape=(), dtype=int32, value=3>"
    # clear_session starts names and Keras tensor names over.
    assert repr(keras.Input((3,))).endswith("name=keras_tensor>")
    x = L.Dense(2)(keras.Input((3,), name="zz"))
    assert x.name == "keras_tensor_1"
    keras.backend.clear_session()
    assert keras.Input((3,)).name == "keras_tensor" and keras.Variable(1.0).name == "variable"
    assert L.Dense(2).name == "dense"


def test_layers_and_models_are_keras_saveable():
    assert isinstance(L.Dense(1), KerasSaveable) and isinstance(keras.Sequential(), KerasSaveable)
    assert L.Dense(1)._obj_type() == "Layer" and keras.Sequential()._obj_type() == "Model"
    inp = keras.Input((2,))
    assert keras.Model(inp, inp * 2)._obj_type() == "Functional"


def test_nested_layers_make_no_nodes_when_traced():
    class Block(L.Layer):
        def __init__(self):
            super().__init__()
            self.d1, self.d2 = L.Dense(4), L.Dense(2)

        def call(self, x):
            return self.d2(self.d1(x))
    block = Block()
    out = block(keras.Input((3,)))
    assert out.shape.as_list() == [None, 2] and out.name == "keras_tensor_1"
    assert block.d1._inbound_nodes == [] and len(block._inbound_nodes) == 1
    assert [w.path for w in block.weights] == ["block/dense/kernel", "block/dense/bias", "block/dense_1/kernel",
                                               "block/dense_1/bias"]


def test_named_mask_arguments_are_filled_from_the_inputs_masks():
    # Keras: a call taking several tensors gets `<name>_mask` from each tensor's Keras mask.
    class Pair(keras.layers.Layer):
        def call(self, query, value, query_mask=None, value_mask=None):
            self.seen = (query_mask, value_mask)
            return query

    embed = keras.layers.Embedding(5, 2, mask_zero=True)
    ids = np.array([[1, 2, 0]])
    layer = Pair()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Pair does not support masking: Keras warns, as here
        layer(embed(ids), embed(np.array([[3, 0, 0]])))
    assert layer.seen[0].numpy().tolist() == [[True, True, False]]
    assert layer.seen[1].numpy().tolist() == [[True, False, False]]
