"""keras.metrics behaviour beyond the golden values: the seed's programs, subclassing and
add_weight forms, state handling, config/serialization round trips."""
import io
import contextlib

import numpy as np
import pytest

import leantf as tf
from leantf.keras import backend

keras = tf.keras
RNG = np.random.RandomState(3)


@pytest.fixture(autouse=True)
def _fresh_names():
    backend.clear_session()


def _printed(fn):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        fn()
    return out.getvalue()


def test_seed_mean_squared_error_metric_prints():
    def program():
        metric = keras.metrics.MeanSquaredError()
        print(metric([5.], [2.]))
        print(metric([0.], [1.]))
        print(metric.result())
        metric.reset_states()  # the seed's Keras 2 spelling
        metric([1.], [3.])
        print(metric.result())
        print(metric.result().numpy())
    assert _printed(program) == ("tf.Tensor(9.0, shape=(), dtype=float32)\n"
                                 "tf.Tensor(5.0, shape=(), dtype=float32)\n"
                                 "tf.Tensor(5.0, shape=(), dtype=float32)\n"
                                 "tf.Tensor(4.0, shape=(), dtype=float32)\n"
                                 "4.0\n")


def test_seed_sparse_categorical_accuracy_loop():
    probs = RNG.rand(100, 10).astype(np.float32)
    labels = RNG.randint(0, 10, size=100).astype(np.int32)
    metric = tf.keras.metrics.SparseCategoricalAccuracy()
    for start in range(0, 100, 50):
        metric.update_state(y_true=labels[start:start + 50], y_pred=probs[start:start + 50])
    expected = np.mean(np.argmax(probs, -1) == labels)
    assert _printed(lambda: print("test accuracy: %f" % metric.result())) == f"test accuracy: {expected:f}\n"


def _seed_style_metric(initializer):
    class SparseCategoricalAccuracy(tf.keras.metrics.Metric):
        def __init__(self):
            super().__init__()
            self.total = self.add_weight(name='total', dtype=tf.int32, initializer=initializer)
            self.count = self.add_weight(name='count', dtype=tf.int32, initializer=initializer)

        def update_state(self, y_true, y_pred, sample_weight=None):
            values = tf.cast(tf.equal(y_true, tf.argmax(y_pred, axis=-1, output_type=tf.int32)), tf.int32)
            self.total.assign_add(tf.shape(y_true)[0])
            self.count.assign_add(tf.reduce_sum(values))

        def result(self):
            return self.count / self.total
    return SparseCategoricalAccuracy()


class _ZerosObject:
    """An initializer object of the ``__call__(shape, dtype=None)`` kind (tf.zeros_initializer())."""

    def __call__(self, shape, dtype=None):
        return np.zeros(shape, dtype=np.dtype(tf.as_dtype(dtype).as_numpy_dtype))


@pytest.mark.parametrize("initializer", [
    "zeros",
    lambda shape, dtype: np.zeros(shape),
    _ZerosObject(),
    pytest.param("tf.zeros_initializer", id="tf.zeros_initializer"),
])
def test_seed_custom_metric_with_each_initializer_form(initializer):
    if initializer == "tf.zeros_initializer":
        if not hasattr(tf, "zeros_initializer"):
            pytest.skip("tf.zeros_initializer is not provided yet")
        initializer = tf.zeros_initializer()
    m = _seed_style_metric(initializer)
    assert m.name == "sparse_categorical_accuracy"
    assert [v.path for v in m.variables] == ["sparse_categorical_accuracy/total", "sparse_categorical_accuracy/count"]
    assert all(v.dtype == tf.int32 and not v.trainable for v in m.variables)
    m.update_state(np.array([1, 2, 0, 1], np.int32), np.eye(3, dtype=np.float32)[[1, 2, 2, 0]])
    assert _printed(lambda: print("test accuracy: %f" % m.result())) == "test accuracy: 0.500000\n"
    m.reset_state()
    assert [int(v.numpy()) for v in m.variables] == [0, 0]


def test_add_weight_shapes_and_defaults():
    class Counts(keras.metrics.Metric):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.a = self.add_weight(name="a", initializer="zeros")
            self.b = self.add_weight(name="b", shape=(2,), initializer="ones")
            self.c = self.add_variable(shape=(2, 2), initializer=lambda shape, dtype=None: np.full(shape, 7.0),
                                       name="c")

        def update_state(self, x):
            self.a.assign_add(tf.reduce_sum(x))

        def result(self):
            return tf.convert_to_tensor(self.a)

    m = Counts(name="counts")
    assert [v.path for v in m.variables] == ["counts/a", "counts/b", "counts/c"]
    assert [tuple(v.shape) for v in m.variables] == [(), (2,), (2, 2)]
    assert all(v.dtype == tf.float32 for v in m.variables)  # floatx, whatever the initializer returns
    np.testing.assert_array_equal(m.c.numpy(), np.full((2, 2), 7.0))
    assert float(m([1.0, 2.5])) == 3.5
    m.reset_state()
    assert all(not np.any(v.numpy()) for v in m.variables)


def test_add_weight_without_initializer_fails_as_keras():
    m = keras.metrics.Mean()
    with pytest.raises(ValueError, match=r"Attempt to convert a value \(None\)"):
        m.add_weight(name="w")


def test_forgetting_super_init_is_reported():
    class Bad(keras.metrics.Metric):
        def __init__(self):
            pass

    with pytest.raises(RuntimeError, match="You forgot to call `super\\(\\).__init__\\(\\)`"):
        Bad().add_weight(name="w", initializer="zeros")


def test_metric_is_not_a_layer_and_tracks_sub_metrics():
    class Pair(keras.metrics.Metric):
        def __init__(self):
            super().__init__(name="pair")
            self.first = keras.metrics.Mean(name="first")
            self.second = keras.metrics.Sum(name="second")

        def update_state(self, x):
            self.first.update_state(x)
            self.second.update_state(x)

        def result(self):
            return self.first.result() + self.second.result()

    m = Pair()
    assert not isinstance(m, keras.layers.Layer)
    assert [v.path for v in m.variables] == ["first/total", "first/count", "second/total"]
    assert float(m([1.0, 3.0])) == 6.0
    m.reset_state()
    assert float(m.result()) == 0.0


def test_results_are_snapshots():
    m = keras.metrics.Mean()
    m.update_state([1.0, 2.0])
    before = m.result()
    array_before = m.total._value
    m.update_state([10.0])
    assert float(before) == 1.5 and float(m.result()) == pytest.approx(13.0 / 3)
    assert float(array_before) == 3.0  # replaced, never written in place


def test_loss_tracker_style_update_with_integer_weight():
    # the trainer feeds each step's scalar loss weighted by its batch size
    m = keras.metrics.Mean(name="loss")
    m.update_state(tf.constant(2.0), sample_weight=32)
    m.update_state(tf.constant(4.0), sample_weight=16)
    assert float(m.result()) == pytest.approx((2 * 32 + 4 * 16) / 48)


def test_metric_functions_in_the_metrics_namespace():
    assert keras.metrics.mean_squared_error is keras.losses.mean_squared_error
    assert keras.metrics.mse is keras.losses.mse
    acc = keras.metrics.sparse_categorical_accuracy(np.array([1, 0]), np.array([[0.1, 0.9], [0.8, 0.2]]))
    assert acc.dtype == tf.float32 and acc.numpy().tolist() == [1.0, 1.0]


_CLASSES = {
    "Mean": {}, "Sum": {}, "Accuracy": {}, "BinaryAccuracy": {"threshold": 0.3}, "CategoricalAccuracy": {},
    "SparseCategoricalAccuracy": {}, "TopKCategoricalAccuracy": {"k": 2},
    "SparseTopKCategoricalAccuracy": {"k": 3}, "MeanSquaredError": {}, "MeanAbsoluteError": {},
    "MeanAbsolutePercentageError": {}, "MeanSquaredLogarithmicError": {}, "RootMeanSquaredError": {},
    "CosineSimilarity": {}, "LogCoshError": {}, "Hinge": {}, "SquaredHinge": {}, "CategoricalHinge": {},
    "KLDivergence": {}, "Poisson": {}, "BinaryCrossentropy": {"from_logits": True},
    "CategoricalCrossentropy": {"label_smoothing": 0.1}, "SparseCategoricalCrossentropy": {"ignore_class": 2},
    "AUC": {"num_thresholds": 50, "curve": "PR"}, "Precision": {"thresholds": [0.2, 0.7]},
    "Recall": {"top_k": 2, "class_id": 1}, "TruePositives": {}, "FalsePositives": {"thresholds": [0.5, 0.9]},
    "TrueNegatives": {}, "FalseNegatives": {},
}


@pytest.mark.parametrize("name", sorted(_CLASSES))
def test_config_and_serialization_round_trip(name):
    cls = getattr(keras.metrics, name)
    obj = cls(name="renamed", **_CLASSES[name])
    again = cls.from_config(obj.get_config())
    assert again.get_config() == obj.get_config()
    config = keras.metrics.serialize(obj)
    assert config["module"] == "keras.metrics" and config["class_name"] == name
    restored = keras.metrics.deserialize(config)
    assert type(restored) is cls and restored.get_config() == obj.get_config()
    assert type(keras.metrics.get(name)) is cls
    assert repr(obj) == f"<{name} name=renamed>"


def test_mean_metric_wrapper_of_a_custom_function():
    def doubled_error(y_true, y_pred, factor=2.0):
        return factor * tf.reduce_mean(tf.abs(y_true - y_pred), axis=-1)

    m = keras.metrics.MeanMetricWrapper(doubled_error, factor=3.0)
    assert m.name == "mean_metric_wrapper"
    m.update_state(np.array([[1.0, 2.0]]), np.array([[0.0, 0.0]]))
    assert float(m.result()) == pytest.approx(4.5)
    assert m.get_config()["factor"] == 3.0


def test_auc_matches_the_exact_roc_area_for_separable_thresholds():
    # with predictions on the threshold grid, the interpolated ROC-AUC is the exact
    # Mann-Whitney statistic (ties count half)
    y_true = np.array([0, 0, 1, 1, 0, 1, 1, 0], np.float32)
    y_pred = np.array([0.1, 0.4, 0.35, 0.8, 0.65, 0.9, 0.4, 0.2], np.float32)
    m = keras.metrics.AUC(num_thresholds=1001)
    m.update_state(y_true, y_pred)
    pos, neg = y_pred[y_true == 1], y_pred[y_true == 0]
    exact = np.mean([(p > q) + 0.5 * (p == q) for p in pos for q in neg])
    assert float(m.result()) == pytest.approx(exact, abs=1e-6)


def test_auc_update_on_many_samples_is_bucketed():
    y_true = (RNG.rand(20000) > 0.5).astype(np.float32)
    y_pred = np.clip(y_true * 0.3 + RNG.rand(20000) * 0.7, 0, 1).astype(np.float32)
    m = keras.metrics.AUC()
    m.update_state(y_true, y_pred)
    tp = m.true_positives.numpy()
    assert tp[0] == y_true.sum() and np.all(np.diff(tp) <= 0)
    assert 0.5 < float(m.result()) <= 1.0
