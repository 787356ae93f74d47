"""keras.losses behaviour beyond the golden values: seed usage, subclasses, config and
serialization round trips, gradients (float64 central differences), symbolic inputs."""
import numpy as np
import pytest

import leantf as tf
from leantf.framework import symbolic
from leantf.keras import backend
from leantf.testing import check_gradients

keras = tf.keras
RNG = np.random.RandomState(7)
YT = RNG.rand(5, 3)
YP = RNG.rand(5, 3) + 0.05
LABELS = np.array([0, 2, 1, 1, 0])
ONEHOT = np.eye(3)[LABELS]
BIN = (RNG.rand(5, 3) > 0.5).astype(np.float64)
LOGITS = RNG.randn(5, 3) * 2


@pytest.fixture(autouse=True)
def _fresh_names():
    backend.clear_session()


# -- the seed's usages ---------------------------------------------------------------------------
def test_seed_sparse_crossentropy_keyword_form():
    probs = tf.nn.softmax(tf.constant(LOGITS, tf.float32))
    y = LABELS.astype(np.int32)
    loss = tf.reduce_mean(tf.keras.losses.sparse_categorical_crossentropy(y_true=y, y_pred=probs))
    p = np.asarray(probs)
    expected = np.mean(-np.log(p[np.arange(5), y]))
    assert loss.dtype == tf.float32
    np.testing.assert_allclose(float(loss), expected, rtol=1e-5)
    onehot = tf.one_hot(y, depth=tf.shape(probs)[-1])
    loss2 = tf.reduce_mean(tf.keras.losses.categorical_crossentropy(y_true=onehot, y_pred=probs))
    np.testing.assert_allclose(float(loss2), expected, rtol=1e-5)


def test_seed_mean_squared_error_float64_labels_float32_predictions():
    y_batch = RNG.rand(8)  # float64 targets, as NumPy data arrives
    y_pred = tf.constant(RNG.rand(8, 1).astype(np.float32))
    y_pred = tf.squeeze(y_pred, 1)
    loss = keras.losses.mean_squared_error(y_batch, y_pred)
    assert loss.dtype == tf.float32 and loss.shape == ()
    np.testing.assert_allclose(float(loss), np.mean((y_batch.astype(np.float32) - np.asarray(y_pred)) ** 2),
                               rtol=1e-6)


def test_seed_loss_subclass():
    class MeanSquaredError(tf.keras.losses.Loss):
        def call(self, y_true, y_pred):
            return tf.reduce_mean(tf.square(y_pred - y_true))

    loss = MeanSquaredError()
    assert loss.name == "mean_squared_error"
    assert MeanSquaredError().name == "mean_squared_error_1"
    assert loss.reduction == "sum_over_batch_size"
    value = loss(YT.astype(np.float32), YP.astype(np.float32))
    assert value.dtype == tf.float32
    np.testing.assert_allclose(float(value), np.mean((YT - YP) ** 2), rtol=1e-5)
    # a scalar loss is not reduced further, but a sample weight still scales it
    np.testing.assert_allclose(float(loss(YT, YP, sample_weight=2.0)), 2 * np.mean((YT - YP) ** 2), rtol=1e-5)


def test_legacy_names_are_the_same_functions():
    L = keras.losses
    assert L.mse is L.MSE is L.mean_squared_error
    assert L.kld is L.kullback_leibler_divergence is L.kl_divergence
    assert L.logcosh is L.log_cosh
    assert keras.metrics.mse is L.mean_squared_error
    assert keras.Loss is L.Loss


# -- reductions and weights --------------------------------------------------------------------
@pytest.mark.parametrize("reduction,expected", [
    ("sum", lambda v, w: np.sum(v * w)),
    ("sum_over_batch_size", lambda v, w: np.sum(v * w) / v.size),
    ("mean", lambda v, w: np.sum(v * w) / v.size),
    ("mean_with_sample_weight", lambda v, w: np.sum(v * w) / np.sum(w)),
    ("none", lambda v, w: v * w),
    (None, lambda v, w: v * w),
])
def test_reductions(reduction, expected):
    w = np.array([1.0, 0.0, 2.0, 0.5, 1.0])
    per_sample = np.mean((YT - YP) ** 2, axis=-1)
    got = keras.losses.MeanSquaredError(reduction=reduction, dtype="float64")(YT, YP, sample_weight=w)
    np.testing.assert_allclose(np.asarray(got), expected(per_sample, w), rtol=1e-12)


def test_invalid_reduction_message():
    with pytest.raises(ValueError, match=r"Invalid value for argument `reduction`. Expected one of .* "
                                         r"Received: reduction=auto"):
        keras.losses.MeanSquaredError(reduction="auto")


def test_all_zero_weights_give_zero_not_nan():
    got = keras.losses.MeanSquaredError(reduction="mean_with_sample_weight")(YT, YP, sample_weight=np.zeros(5))
    assert float(got) == 0.0


# -- gradients ------------------------------------------------------------------------------------
_GRAD_FNS = {
    "mse": lambda p: keras.losses.mean_squared_error(YT, p),
    "mape": lambda p: keras.losses.mean_absolute_percentage_error(YT, p),
    "msle": lambda p: keras.losses.mean_squared_logarithmic_error(YT, p),
    "huber": lambda p: keras.losses.huber(YT, p, delta=0.2),
    "log_cosh": lambda p: keras.losses.log_cosh(YT, p),
    "poisson": lambda p: keras.losses.poisson(YT, p),
    "kld": lambda p: keras.losses.kl_divergence(YT / YT.sum(-1, keepdims=True), p / 2),
    "cosine": lambda p: keras.losses.cosine_similarity(YT, p),
    "squared_hinge": lambda p: keras.losses.squared_hinge(BIN, p),
    "bce": lambda p: keras.losses.binary_crossentropy(BIN, p / 2, label_smoothing=0.1),
    "bce_logits": lambda p: keras.losses.binary_crossentropy(BIN, p, from_logits=True),
    "cce": lambda p: keras.losses.categorical_crossentropy(ONEHOT, p, label_smoothing=0.2),
    "cce_logits": lambda p: keras.losses.categorical_crossentropy(ONEHOT, p, from_logits=True),
    "scce": lambda p: keras.losses.sparse_categorical_crossentropy(LABELS, p),
    "scce_logits": lambda p: keras.losses.sparse_categorical_crossentropy(LABELS, p, from_logits=True),
    "bfce": lambda p: keras.losses.binary_focal_crossentropy(BIN, p / 2, apply_class_balancing=True),
    "cfce": lambda p: keras.losses.categorical_focal_crossentropy(ONEHOT, p, from_logits=True),
    "object_weighted": lambda p: keras.losses.CategoricalCrossentropy(from_logits=True, dtype="float64")(
        ONEHOT, p, sample_weight=np.array([1.0, 0.5, 0.0, 2.0, 1.0])),
    "object_scce_ignore": lambda p: keras.losses.SparseCategoricalCrossentropy(ignore_class=1, dtype="float64")(
        LABELS, p),
}


@pytest.mark.parametrize("name", sorted(_GRAD_FNS))
def test_gradients_match_central_differences(name):
    # YP lies inside (0, 1) away from the clipping bounds and the kinks
    check_gradients(_GRAD_FNS[name], [YP], order=1, rtol=1e-5, atol=1e-7)


def test_loss_object_gradient_reaches_model_variables():
    w = tf.Variable(RNG.randn(3, 3).astype(np.float32))
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    x = tf.constant(YT.astype(np.float32))
    with tf.GradientTape() as tape:
        loss = loss_fn(LABELS, tf.matmul(x, w))
    g = tape.gradient(loss, w)
    assert g is not None and g.shape == (3, 3) and np.all(np.isfinite(np.asarray(g)))


# -- symbolic inputs (graphs: Keras functional models, tf.function) -----------------------------------
def test_losses_build_graphs_with_unknown_batch():
    yt = symbolic.placeholder([None, 3], tf.float32)
    yp = symbolic.placeholder([None, 3], tf.float32)
    out = keras.losses.CategoricalCrossentropy(label_smoothing=0.1)(yt, yp)
    assert out.shape == ()
    feeds = [(yt, ONEHOT.astype(np.float32)), (yp, YP.astype(np.float32))]
    eager = keras.losses.CategoricalCrossentropy(label_smoothing=0.1)(ONEHOT, YP.astype(np.float32))
    np.testing.assert_allclose(np.asarray(symbolic.evaluate(out, feeds)), np.asarray(eager), rtol=1e-6)


def test_softmax_in_a_graph_is_traced_back_to_its_logits():
    # Keras's TF backend uses the logits behind a Softmax op instead of clipped probabilities.
    logits = symbolic.placeholder([None, 2], tf.float32)
    probs = tf.nn.softmax(logits)
    out = keras.losses.categorical_crossentropy([[1.0, 0.0]], probs)
    value = symbolic.evaluate(out, [(logits, np.array([[0.0, 100.0]], np.float32))])
    np.testing.assert_allclose(np.asarray(value), [100.0], rtol=1e-6)
    # eagerly, the probabilities are all there is: clipped at epsilon
    eager = keras.losses.categorical_crossentropy([[1.0, 0.0]], tf.nn.softmax(tf.constant([[0.0, 100.0]])))
    np.testing.assert_allclose(np.asarray(eager), [-np.log(np.float32(1e-7))], rtol=1e-5)


# -- config, get, serialize -----------------------------------------------------------------------
_CLASSES = ["MeanSquaredError", "MeanAbsoluteError", "MeanAbsolutePercentageError", "MeanSquaredLogarithmicError",
            "CosineSimilarity", "Huber", "LogCosh", "Hinge", "SquaredHinge", "CategoricalHinge", "KLDivergence",
            "Poisson", "BinaryCrossentropy", "BinaryFocalCrossentropy", "CategoricalCrossentropy",
            "CategoricalFocalCrossentropy", "SparseCategoricalCrossentropy"]


@pytest.mark.parametrize("name", _CLASSES)
def test_config_and_serialization_round_trip(name):
    cls = getattr(keras.losses, name)
    obj = cls(reduction="sum", name="renamed")
    again = cls.from_config(obj.get_config())
    assert again.get_config() == obj.get_config()
    config = keras.losses.serialize(obj)
    assert config["module"] == "keras.losses" and config["class_name"] == name
    restored = keras.losses.deserialize(config)
    assert type(restored) is cls and restored.get_config() == obj.get_config()
    assert keras.losses.get(name).__class__ is cls


def test_get_accepts_functions_instances_and_none():
    fn = keras.losses.get("categorical_crossentropy")
    assert fn is keras.losses.categorical_crossentropy
    obj = keras.losses.Huber()
    assert keras.losses.get(obj) is obj
    assert keras.losses.get(None) is None
    with pytest.raises(ValueError, match="Could not interpret loss identifier: nope"):
        keras.losses.get("nope")


def test_function_serializes_by_name():
    config = keras.losses.serialize(keras.losses.hinge)
    assert config == {"module": "builtins", "class_name": "function", "config": "hinge",
                      "registered_name": "function"}
    assert keras.losses.deserialize(config) is keras.losses.hinge


def test_repr_of_loss_objects_names_the_function():
    assert repr(keras.losses.Huber()).startswith("<LossFunctionWrapper(<function huber at 0x")
    assert repr(keras.losses.Huber()).endswith(", kwargs={'delta': 1.0})>")


def test_custom_subclass_config_round_trip():
    class Scaled(keras.losses.Loss):
        def __init__(self, scale=1.0, **kwargs):
            super().__init__(**kwargs)
            self.scale = scale

        def call(self, y_true, y_pred):
            return self.scale * tf.reduce_mean(tf.abs(y_true - y_pred), axis=-1)

        def get_config(self):
            return {**super().get_config(), "scale": self.scale}

    obj = Scaled(scale=3.0, reduction="sum")
    assert obj.name == "scaled"
    again = Scaled.from_config(obj.get_config())
    np.testing.assert_allclose(float(again(YT, YP)), 3.0 * np.sum(np.mean(np.abs(YT - YP), -1)), rtol=1e-5)
