"""fit / evaluate / predict with tf.data.Dataset input, as Keras 3 handles it."""
import warnings

import numpy as np
import pytest

import leantf as tf

keras = tf.keras


def _data(n=10):
    rng = np.random.default_rng(0)
    return rng.random((n, 3), dtype=np.float32), rng.random((n, 1), dtype=np.float32)


def _model():
    m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
    m.compile("sgd", "mse")
    return m


def test_fit_dataset_matches_fit_arrays():
    x, y = _data()
    a, b = _model(), _model()
    b.set_weights(a.get_weights())
    ha = a.fit(x, y, batch_size=4, epochs=2, shuffle=False, verbose=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        hb = b.fit(tf.data.Dataset.from_tensor_slices((x, y)).batch(4), epochs=2, verbose=0)
    np.testing.assert_allclose(ha.history["loss"], hb.history["loss"], rtol=1e-5)
    np.testing.assert_allclose(a.evaluate(x, y, verbose=0),
                               b.evaluate(tf.data.Dataset.from_tensor_slices((x, y)).batch(4), verbose=0), rtol=1e-5)


def test_fit_dataset_warns_that_shuffle_is_ignored():
    x, y = _data()
    with pytest.warns(UserWarning, match="will be ignored since the data `x` was provided as a tf.data.Dataset"):
        _model().fit(tf.data.Dataset.from_tensor_slices((x, y)).batch(4), verbose=0)


def test_dataset_rejects_y_sample_weight_and_validation_split():
    x, y = _data()
    ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(4)
    m = _model()
    with pytest.raises(ValueError, match="When providing `x` as a tf.data.Dataset, `y` should not be passed"):
        m.fit(ds, y, verbose=0)
    with pytest.raises(ValueError, match="`sample_weights` should not be passed"):
        m.fit(ds, sample_weight=np.ones(10), verbose=0)
    with pytest.raises(ValueError, match="Argument `validation_split` is only supported for tensors or NumPy arrays"):
        m.fit(ds, validation_split=0.2, verbose=0)


def test_steps_per_epoch_with_repeat_and_validation_dataset():
    x, y = _data()
    ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(4)
    m = _model()
    h = m.fit(ds.repeat(), steps_per_epoch=3, epochs=2, validation_data=ds, shuffle=False, verbose=0)
    assert len(h.history["loss"]) == 2 and len(h.history["val_loss"]) == 2


def test_steps_beyond_a_finite_dataset_warn_and_restart():
    x, y = _data()
    ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(4)
    with pytest.warns(UserWarning, match="Your input ran out of data"):
        h = _model().fit(ds, steps_per_epoch=5, epochs=2, shuffle=False, verbose=0)
    assert len(h.history["loss"]) == 2


def test_unknown_cardinality_learns_batches_after_first_epoch(capsys):
    x, y = _data()
    ds = tf.data.Dataset.from_tensor_slices((x, y)).filter(lambda a, b: True).batch(4)
    with pytest.warns(UserWarning, match="Your input ran out of data"):
        _model().fit(ds, epochs=2, shuffle=False, verbose=1)
    out = capsys.readouterr().out
    assert "1/Unknown" in out  # Keras shows no target in the first epoch
    assert "3/3" in out


def test_sample_weights_from_dataset_and_predict():
    x, y = _data()
    m = _model()
    zero = tf.data.Dataset.from_tensor_slices((x, y, np.zeros(10, np.float32))).batch(5)
    before = [w.copy() for w in m.get_weights()]
    m.fit(zero, shuffle=False, verbose=0)
    for w0, w1 in zip(before, m.get_weights()):
        np.testing.assert_allclose(w0, w1)  # zero weights: no gradient
    pred = m.predict(tf.data.Dataset.from_tensor_slices(x).batch(4), verbose=0)
    # Batches of 4 against one of 10: the products are blocked differently, so float32 round-off.
    np.testing.assert_allclose(pred, m.predict(x, verbose=0), rtol=1e-5, atol=1e-7)
    assert m.predict(tf.data.Dataset.from_tensor_slices((x, y)).batch(3), verbose=0).shape == (10, 1)


def test_evaluate_steps_limits_batches():
    x, y = _data()
    m = _model()
    ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(4)
    full = m.evaluate(ds, verbose=0)
    first_two = m.evaluate(ds, steps=2, verbose=0)
    manual = m.evaluate(x[:8], y[:8], batch_size=4, verbose=0)
    np.testing.assert_allclose(first_two, manual, rtol=1e-6)
    assert not np.isclose(full, first_two)
