"""keras.initializers beyond the golden cases: statistics of large draws, seeding rules,
dtypes, and use through keras.Variable. (Exact values and configs against Keras are in
test_keras_basics_golden.py.)"""
import math
import random

import numpy as np
import pytest

import leantf as tf
from leantf import keras
from leantf import initializers_compat
from leantf.keras import initializers


@pytest.fixture(autouse=True)
def _clean():
    keras.config.set_floatx("float32")
    yield
    keras.config.set_floatx("float32")


@pytest.mark.parametrize("cls, scale, mode", [
    (initializers.GlorotUniform, 1.0, "fan_avg"), (initializers.HeUniform, 2.0, "fan_in"),
    (initializers.LecunUniform, 1.0, "fan_in")])
def test_uniform_variance_scaling_statistics(cls, scale, mode):
    fan_in, fan_out = 300, 200
    n = {"fan_in": fan_in, "fan_avg": (fan_in + fan_out) / 2}[mode]
    limit = math.sqrt(3.0 * scale / n)
    w = cls(seed=7)((fan_in, fan_out)).numpy()
    assert w.dtype == np.float32 and w.shape == (fan_in, fan_out)
    assert np.all(np.abs(w) <= limit)
    assert abs(w.mean()) < 0.02 * limit
    assert w.var() == pytest.approx(limit ** 2 / 3, rel=0.03)


@pytest.mark.parametrize("cls, scale, mode", [
    (initializers.GlorotNormal, 1.0, "fan_avg"), (initializers.HeNormal, 2.0, "fan_in"),
    (initializers.LecunNormal, 1.0, "fan_in")])
def test_truncated_normal_variance_scaling_statistics(cls, scale, mode):
    fan_in, fan_out = 400, 300
    n = {"fan_in": fan_in, "fan_avg": (fan_in + fan_out) / 2}[mode]
    target_std = math.sqrt(scale / n)
    w = cls(seed=3)((fan_in, fan_out)).numpy()
    # the draw is truncated at 2 stddev of the *untruncated* normal, whose stddev is
    # target / .8796 so that the truncated values have the target stddev
    assert np.all(np.abs(w) <= 2 * target_std / 0.87962566103423978 + 1e-6)
    assert w.std() == pytest.approx(target_std, rel=0.03)


def test_conv_kernel_fans():
    # (3, 3, 8, 16): fan_in = 3*3*8, fan_out = 3*3*16
    w = initializers.GlorotUniform(seed=1)((3, 3, 8, 16)).numpy()
    assert np.abs(w).max() <= math.sqrt(6 / (72 + 144))
    assert np.abs(w).max() > 0.9 * math.sqrt(6 / (72 + 144))


def test_random_normal_and_uniform_statistics():
    w = initializers.RandomNormal(mean=1.0, stddev=0.5, seed=2)((200, 200)).numpy()
    assert w.mean() == pytest.approx(1.0, abs=0.01) and w.std() == pytest.approx(0.5, rel=0.02)
    u = initializers.RandomUniform(-2.0, 3.0, seed=2)((200, 200)).numpy()
    assert u.min() >= -2.0 and u.max() < 3.0 and u.mean() == pytest.approx(0.5, abs=0.03)
    t = initializers.TruncatedNormal(stddev=1.0, seed=2)((200, 200)).numpy()
    assert np.abs(t).max() <= 2.0


def test_orthogonal_is_orthonormal():
    q = initializers.Orthogonal(seed=5)((6, 4)).numpy().astype(np.float64)
    np.testing.assert_allclose(q.T @ q, np.eye(4), atol=1e-6)
    r = initializers.Orthogonal(gain=3.0, seed=5)((4, 6)).numpy().astype(np.float64)
    np.testing.assert_allclose(r @ r.T, 9 * np.eye(4), atol=1e-5)
    k = initializers.Orthogonal(seed=1)((2, 3, 5)).numpy().reshape(6, 5).astype(np.float64)
    np.testing.assert_allclose(k.T @ k, np.eye(5), atol=1e-6)


def test_seeded_is_deterministic_across_instances():
    a = initializers.HeNormal(seed=42)((5, 5)).numpy()
    b = initializers.HeNormal(seed=42)((5, 5)).numpy()
    np.testing.assert_array_equal(a, b)
    c = initializers.HeNormal(seed=43)((5, 5)).numpy()
    assert not np.array_equal(a, c)


def test_unseeded_instance_repeats_but_instances_differ():
    # Keras 3: an unseeded initializer fixes a seed when constructed
    init = initializers.GlorotUniform()
    np.testing.assert_array_equal(init((4, 4)).numpy(), init((4, 4)).numpy())
    assert not np.array_equal(initializers.GlorotUniform()((4, 4)).numpy(),
                              initializers.GlorotUniform()((4, 4)).numpy())
    assert init.get_config()["seed"] is None  # the drawn seed is not part of the config


def test_unseeded_follows_python_random_seed():
    random.seed(123)
    a = initializers.RandomUniform()((3,)).numpy()
    random.seed(123)
    b = initializers.RandomUniform()((3,)).numpy()
    np.testing.assert_array_equal(a, b)


class _Counter:
    """Stands in for keras.random.SeedGenerator: a new seed per draw."""

    def __init__(self):
        self.n = 0

    def next(self):
        self.n += 1
        return tf.constant([self.n, 0], dtype=tf.int32)


def test_seed_generator_gives_fresh_values():
    gen = _Counter()
    init = initializers.RandomNormal(seed=gen)
    a, b = init((3,)).numpy(), init((3,)).numpy()
    assert gen.n == 2 and not np.array_equal(a, b)


def test_dtype_default_follows_floatx():
    assert initializers.GlorotUniform(seed=1)((2, 2)).dtype == tf.float32
    keras.config.set_floatx("float64")
    assert initializers.GlorotUniform(seed=1)((2, 2)).dtype == tf.float64
    assert initializers.Zeros()((2,)).dtype == tf.float64
    assert initializers.Constant(1)((2,)).dtype == tf.float64
    assert initializers.Ones()((2,), dtype="int32").dtype == tf.int32


def test_float16_draws():
    w = initializers.GlorotNormal(seed=1)((8, 8), dtype="float16")
    assert w.dtype == tf.float16
    q = initializers.Orthogonal(seed=1)((4, 4), dtype="float16")
    assert q.dtype == tf.float16


def test_keras_variable_from_initializer():
    v = keras.Variable(initializers.GlorotUniform(seed=1), shape=(2, 3), name="kernel")
    np.testing.assert_array_equal(v.numpy(), initializers.GlorotUniform(seed=1)((2, 3)).numpy())
    assert v.dtype == tf.float32


def test_get_accepts_instances_classes_and_callables():
    inst = initializers.Ones()
    assert initializers.get(inst) is inst
    assert isinstance(initializers.get(initializers.Zeros), initializers.Zeros)

    def fn(shape, dtype=None):
        return tf.fill(shape, 7.0)
    assert initializers.get(fn) is fn
    assert isinstance(initializers.glorot_uniform(), initializers.GlorotUniform)


def test_config_round_trip_every_class():
    for cls in [initializers.RandomNormal, initializers.RandomUniform, initializers.TruncatedNormal,
                initializers.VarianceScaling, initializers.GlorotUniform, initializers.HeNormal,
                initializers.Orthogonal, initializers.Constant, initializers.Zeros, initializers.Identity]:
        obj = cls()
        clone = initializers.deserialize(initializers.serialize(obj))
        assert type(clone) is cls and clone.get_config() == obj.get_config()


def test_tf_initializers_unseeded_draw_fresh_values():
    init = initializers_compat.random_uniform_initializer()
    assert not np.array_equal(init((5,)).numpy(), init((5,)).numpy())
    # and work as Keras initializers
    assert keras.initializers.get(initializers_compat.zeros_initializer())((2,)).numpy().tolist() == [0.0, 0.0]
