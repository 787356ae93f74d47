"""Learning-rate schedules: formulas, dtypes, steps given as tensors or variables, configs."""
import math

import numpy as np
import pytest

import leantf as tf
from leantf import keras

S = keras.optimizers.schedules


def test_values_follow_the_formulas():
    assert float(S.ExponentialDecay(0.1, 10, 0.5)(20)) == pytest.approx(0.025, rel=1e-6)
    assert float(S.ExponentialDecay(0.1, 10, 0.5, staircase=True)(19)) == pytest.approx(0.05, rel=1e-6)
    assert float(S.InverseTimeDecay(0.1, 10, 1.0)(10)) == pytest.approx(0.05, rel=1e-6)
    assert float(S.PolynomialDecay(0.1, 10, end_learning_rate=0.0)(5)) == pytest.approx(0.05, rel=1e-6)
    assert float(S.PolynomialDecay(0.1, 10, end_learning_rate=0.01)(50)) == pytest.approx(0.01, rel=1e-6)
    assert float(S.CosineDecay(0.1, 10)(5)) == pytest.approx(0.05, rel=1e-6)
    assert float(S.CosineDecay(0.1, 10)(100)) == pytest.approx(0.0, abs=1e-9)
    warm = S.CosineDecay(0.0, 10, warmup_target=1.0, warmup_steps=4)
    assert [float(warm(s)) for s in (0, 2, 4)] == pytest.approx([0.0, 0.5, 1.0])
    assert float(warm(9)) == pytest.approx(0.5 * (1 + math.cos(math.pi * 0.5)), rel=1e-6)
    pw = S.PiecewiseConstantDecay([10, 20], [1.0, 0.5, 0.1])
    assert [float(pw(s)) for s in (0, 10, 11, 20, 21)] == pytest.approx([1.0, 1.0, 0.5, 0.5, 0.1])


def test_steps_as_tensors_and_variables():
    sched = S.ExponentialDecay(0.1, 10, 0.5)
    want = sched(3).numpy()
    assert sched(tf.constant(3)).numpy() == want
    assert sched(tf.Variable(3, dtype=tf.int64)).numpy() == want
    assert sched(keras.Variable(3, dtype="int64")).numpy() == want
    assert sched(np.int64(3)).numpy() == want


def test_result_dtype_follows_initial_rate():
    assert S.ExponentialDecay(0.1, 10, 0.5)(1).dtype == tf.float32
    assert S.ExponentialDecay(np.float64(0.1), 10, 0.5)(1).dtype == tf.float64
    assert S.PiecewiseConstantDecay([1], [3, 1])(0).dtype == tf.int32
    assert isinstance(S.CosineDecay(0.1, 10)(1), tf.Tensor)


@pytest.mark.parametrize("sched", [
    S.ExponentialDecay(0.1, 10, 0.96, staircase=True, name="e"),
    S.PiecewiseConstantDecay([1, 2], [0.3, 0.2, 0.1]),
    S.PolynomialDecay(0.1, 10, 0.001, power=2.0, cycle=True),
    S.InverseTimeDecay(0.1, 10, 0.5),
    S.CosineDecay(0.1, 100, alpha=0.1, warmup_target=0.2, warmup_steps=5),
    S.CosineDecayRestarts(0.1, 10, t_mul=3.0, m_mul=0.5, alpha=0.01),
], ids=lambda s: type(s).__name__)
def test_config_round_trip(sched):
    config = sched.get_config()
    clone = type(sched).from_config(config)
    assert clone.get_config() == config
    ser = S.serialize(sched)
    assert ser["module"] == "keras.optimizers.schedules" and ser["class_name"] == type(sched).__name__
    again = S.deserialize(ser)
    assert type(again) is type(sched) and again.get_config() == config
    for step in (0, 1, 7, 33):
        assert again(step).numpy() == sched(step).numpy()


def test_custom_schedule_needs_call_and_config():
    class Mine(S.LearningRateSchedule):
        pass

    with pytest.raises(NotImplementedError, match="Learning rate schedule 'Mine' must override"):
        Mine()(0)
    with pytest.raises(NotImplementedError, match="must override `get_config\\(\\)`"):
        Mine().get_config()
