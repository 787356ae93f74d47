"""Elementwise math: values against NumPy, TF's dtype rules, and gradient cases."""
import numpy as np
import pytest

import leantf as tf
from leantf.testing import GradCase

rng = np.random.default_rng(1)
A = rng.standard_normal((3, 4))
B = rng.standard_normal((3, 4))
ROW = rng.standard_normal((4,))
POS = rng.uniform(0.5, 2.0, (3, 4))
UNIT = rng.uniform(-0.8, 0.8, (3, 4))


def _unary(fn, x=A):
    return [GradCase(fn, [x])]


GRADIENT_CASES = {
    "AddV2": [GradCase(tf.add, [A, B]), GradCase(tf.add, [A, ROW])],
    "Sub": [GradCase(tf.subtract, [A, ROW])],
    "Mul": [GradCase(tf.multiply, [A, B]), GradCase(tf.multiply, [ROW, A])],
    "RealDiv": [GradCase(tf.divide, [A, POS]), GradCase(tf.divide, [A, POS[0]])],
    "DivNoNan": [GradCase(tf.math.divide_no_nan, [A, POS]), GradCase(tf.math.divide_no_nan, [A, ROW])],
    "FloorMod": [GradCase(tf.math.floormod, [POS * 3, POS[:, :1] + 0.1], order=1)],
    "FloorDiv": [GradCase(lambda x, y: tf.math.floordiv(x, y) + x, [POS * 3, POS + 0.1])],
    "Pow": [GradCase(tf.pow, [POS, B])],
    "Maximum": [GradCase(tf.maximum, [A, B])],
    "Minimum": [GradCase(tf.minimum, [A, ROW])],
    "SquaredDifference": [GradCase(tf.math.squared_difference, [A, B])],
    "Atan2": [GradCase(tf.math.atan2, [A, B])],
    "Neg": _unary(tf.negative),
    "Abs": _unary(tf.abs),
    "Sign": _unary(lambda x: tf.sign(x) * x),
    "Reciprocal": _unary(tf.math.reciprocal, POS),
    "Square": _unary(tf.square),
    "Sqrt": _unary(tf.sqrt, POS),
    "Rsqrt": _unary(tf.math.rsqrt, POS),
    "Exp": _unary(tf.exp),
    "Log": _unary(tf.math.log, POS),
    "Log1p": _unary(tf.math.log1p, POS),
    "Expm1": _unary(tf.math.expm1),
    "Sin": _unary(tf.sin),
    "Cos": _unary(tf.cos),
    "Tan": _unary(tf.tan, UNIT),
    "Asin": _unary(tf.math.asin, UNIT),
    "Acos": _unary(tf.math.acos, UNIT),
    "Atan": _unary(tf.math.atan),
    "Sinh": _unary(tf.math.sinh),
    "Cosh": _unary(tf.math.cosh),
    "Tanh": _unary(tf.tanh),
    "Sigmoid": _unary(tf.sigmoid),
    "Erf": _unary(tf.math.erf),
    "Floor": _unary(lambda x: tf.floor(x) + x),
    "Ceil": _unary(lambda x: tf.math.ceil(x) + x),
    "Round": _unary(lambda x: tf.round(x) + x),
    "Conj": [GradCase(lambda x: tf.math.real(tf.math.conj(tf.complex(x, x))) if hasattr(tf.math, "complex")
                      else x, [A], order=1)],
}


@pytest.mark.parametrize("name, np_fn, x", [
    ("exp", np.exp, A), ("log", np.log, POS), ("sqrt", np.sqrt, POS), ("tanh", np.tanh, A),
    ("sin", np.sin, A), ("abs", np.abs, A), ("square", np.square, A), ("floor", np.floor, A),
])
def test_unary_values_match_numpy(name, np_fn, x):
    out = getattr(tf.math, name)(tf.constant(x, dtype=tf.float32))
    assert out.dtype == tf.float32
    np.testing.assert_allclose(out.numpy(), np_fn(x.astype(np.float32)), rtol=1e-6)


def test_sigmoid_is_stable_for_large_inputs():
    out = tf.sigmoid(tf.constant([-1000.0, 0.0, 1000.0])).numpy()
    np.testing.assert_array_equal(out, [0.0, 0.5, 1.0])


def test_erf_matches_reference_values():
    out = tf.math.erf(tf.constant([0.0, 0.5, 1.0, -2.0], dtype=tf.float64)).numpy()
    np.testing.assert_allclose(out, [0.0, 0.5204998778130465, 0.8427007929497149, -0.9953222650189527])


def test_int_division_follows_tf():
    a, b = tf.constant([-3, 2]), tf.constant([2, 2])
    assert (a / b).dtype == tf.float64
    np.testing.assert_array_equal((a // b).numpy(), [-2, 1])
    np.testing.assert_array_equal((a % b).numpy(), [1, 0])


def test_integer_division_by_zero_is_an_error():
    with pytest.raises(tf.errors.InvalidArgumentError, match="Integer division by zero"):
        tf.constant([1]) // tf.constant([0])


def test_negative_integer_power_message():
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match=r"Integers to negative integer powers are not allowed \[Op:Pow\]"):
        tf.constant([1, 2]) ** -1


def test_sqrt_of_int_lists_allowed_types():
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.sqrt(tf.constant(4))
    assert str(e.value).startswith("Value for attr 'T' of int32 is not in the list of allowed values: "
                                   "bfloat16, half, float, double, complex64, complex128\n\t; NodeDef: "
                                   "{{node Sqrt}}; Op<name=Sqrt; signature=x:T -> y:T; attr=T:type,allowed="
                                   "[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_COMPLEX64, DT_COMPLEX128]>")


def test_round_is_half_to_even():
    np.testing.assert_array_equal(tf.round(tf.constant([0.5, 1.5, 2.5, -0.5])).numpy(), [0, 2, 2, -0.0])


def test_comparisons_and_logic():
    a = tf.constant([1.0, 2.0, 3.0])
    np.testing.assert_array_equal((a > 1.5).numpy(), [False, True, True])
    np.testing.assert_array_equal(tf.math.logical_xor(a > 1.5, a < 2.5).numpy(), [True, False, True])
    t, f = tf.constant([True, False]), tf.constant([True, True])
    np.testing.assert_array_equal((t & f).numpy(), [True, False])
    np.testing.assert_array_equal((~t).numpy(), [False, True])
    np.testing.assert_array_equal((tf.constant([1, 3]) & tf.constant([1, 2])).numpy(), [1, 2])


def test_add_n_sums_inputs():
    out = tf.add_n([tf.constant([1.0, 2.0]), tf.constant([3.0, 4.0]), tf.constant([5.0, 6.0])])
    np.testing.assert_array_equal(out.numpy(), [9.0, 12.0])


def test_maximum_gradient_goes_to_the_larger_input():
    x, y = tf.Variable([1.0, 5.0]), tf.Variable([3.0, 2.0])
    with tf.GradientTape() as tape:
        z = tf.reduce_sum(tf.maximum(x, y))
    gx, gy = tape.gradient(z, [x, y])
    np.testing.assert_array_equal(gx.numpy(), [0.0, 1.0])
    np.testing.assert_array_equal(gy.numpy(), [1.0, 0.0])


def test_divide_no_nan_is_zero_wherever_the_divisor_is():
    x = tf.constant([1.0, np.nan, np.inf, -4.0, 6.0])
    y = tf.constant([0.0, 0.0, 0.0, 2.0, 0.5])
    np.testing.assert_array_equal(tf.math.divide_no_nan(x, y).numpy(), [0.0, 0.0, 0.0, -2.0, 12.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([x, y])
        z = tf.math.divide_no_nan(tf.constant([3.0, 1.0]), y[3:])
        w = tf.math.divide_no_nan(x[:1], y[:1])
    np.testing.assert_allclose(tape.gradient(z, y).numpy(), [0.0, 0.0, 0.0, -3.0 / 4.0, -1.0 / 0.25])
    assert tape.gradient(w, x).numpy().tolist() == [0.0] * 5
    # Integers divide as floats (int32 -> float64), as tf.truediv does.
    r = tf.math.divide_no_nan(tf.constant([1, 2]), tf.constant([2, 0]))
    assert r.dtype == tf.float64 and r.numpy().tolist() == [0.5, 0.0]
