"""zeros/ones/fill/eye/range/linspace/one_hot: values, dtypes and TF's errors (texts from TensorFlow 2.21)."""
import numpy as np
import pytest

import leantf as tf
from leantf.framework.symbolic import placeholder
from leantf.testing import GradCase

PRE = "{{function_node __wrapped__%s_device_/job:localhost/replica:0/task:0/device:CPU:0}} "

GRADIENT_CASES = {
    "Fill": [GradCase(lambda v: tf.fill([2, 3], v) * tf.constant(np.arange(6.).reshape(2, 3)), [np.array(1.5)])],
}


def _err(op, detail, tail=""):
    return PRE % op + detail + f" [Op:{op}]" + tail


# -- zeros / ones / fill --------------------------------------------------------------------
def test_zeros_and_ones():
    z = tf.zeros(3)
    assert z.dtype == tf.float32 and z.numpy().tolist() == [0, 0, 0]
    assert tf.zeros(shape=(2)).shape == (2,)
    assert tf.zeros([2], tf.int32).dtype == tf.int32
    assert tf.zeros([2], "float64").dtype == tf.float64
    assert tf.zeros([]).shape == ()
    assert tf.zeros(tf.constant([2, 1])).shape == (2, 1)
    assert tf.zeros(tf.TensorShape([2, 1])).shape == (2, 1)
    assert tf.zeros(np.array([2])).shape == (2,)
    assert tf.zeros([2], tf.string).numpy().tolist() == [b"", b""]
    assert tf.zeros([2], tf.bool).numpy().tolist() == [False, False]
    o = tf.ones((2,), dtype=tf.int64)
    assert o.dtype == tf.int64 and o.numpy().tolist() == [1, 1]
    assert tf.ones([2], tf.complex64).numpy().tolist() == [1 + 0j, 1 + 0j]


def test_zeros_errors_match_tf():
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.zeros([-1])
    assert str(e.value) == _err("Fill", "Dimension -1 must be >= 0", " name: ")
    with pytest.raises(TypeError, match=r"Cannot convert \[2.0\] to EagerTensor of dtype int32"):
        tf.zeros([2.0])
    with pytest.raises(ValueError, match=r"Attempt to convert a value \(None\)"):
        tf.zeros([None])
    with pytest.raises(TypeError, match="Cannot convert 1 to EagerTensor of dtype string"):
        tf.ones([2], tf.string)
    with pytest.raises(TypeError, match="Cannot convert the argument `type_value`: 'foo' to a TensorFlow DType."):
        tf.zeros([2], dtype="foo")


def test_fill():
    f = tf.fill([2, 2], 1.5)
    assert f.dtype == tf.float32 and f.numpy().tolist() == [[1.5, 1.5], [1.5, 1.5]]
    assert tf.fill([2], 3).dtype == tf.int32
    assert tf.fill(2, 1).numpy().tolist() == [1, 1]
    assert tf.fill([2], "a").numpy().tolist() == [b"a", b"a"]
    assert tf.fill([2], tf.constant(1.5, tf.float64)).dtype == tf.float64
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.fill([2], [1, 2])
    assert str(e.value) == _err("Fill", "value must represent a scalar, got shape [2]")
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.fill([-2], 1)
    assert str(e.value) == _err("Fill", "Dimension -2 must be >= 0")


def test_fill_and_zeros_with_symbolic_shapes():
    x = placeholder([None, 5])
    assert tf.fill([tf.shape(x)[0], 3], 1.0).shape.as_list() == [None, 3]
    assert tf.zeros(tf.shape(x)).shape.as_list() == [None, None]
    assert tf.ones([tf.shape(x)[0], 2], tf.int32).dtype == tf.int32


# -- eye -----------------------------------------------------------------------------------
def test_eye():
    np.testing.assert_array_equal(tf.eye(2).numpy(), np.eye(2, dtype=np.float32))
    e = tf.eye(2, 3, dtype=tf.int32)
    assert e.dtype == tf.int32
    np.testing.assert_array_equal(e.numpy(), np.eye(2, 3))
    assert tf.eye(2, batch_shape=[3]).shape == (3, 2, 2)
    np.testing.assert_array_equal(tf.eye(2, 1, batch_shape=[2]).numpy(), [[[1.], [0.]], [[1.], [0.]]])
    assert tf.eye(2, dtype=tf.bool).numpy().tolist() == [[True, False], [False, True]]
    with pytest.raises(tf.errors.InvalidArgumentError) as err:
        tf.eye(-1)
    assert str(err.value) == _err("Fill", "Dimension -1 must be >= 0", " name: ")
    with pytest.raises(TypeError) as err:
        tf.eye(2.0)
    assert str(err.value) == ("Arguments `num_rows` and `num_columns` must be positive integer values. Received: "
                              "num_rows=2.0, num_columns=2.0")


# -- range ---------------------------------------------------------------------------------
@pytest.mark.parametrize("args, kwargs, expected, dtype", [
    ((5,), {}, [0, 1, 2, 3, 4], tf.int32),
    ((2, 10, 3), {}, [2, 5, 8], tf.int32),
    ((5, 0, -2), {}, [5, 3, 1], tf.int32),
    ((1, 2.5), {}, [1., 2.], tf.float32),
    ((5,), {"dtype": tf.float64}, [0., 1., 2., 3., 4.], tf.float64),
    ((np.int64(3),), {}, [0, 1, 2], tf.int64),
    ((np.float64(3),), {}, [0., 1., 2.], tf.float64),
    ((2 ** 40, 2 ** 40 + 2), {}, [2 ** 40, 2 ** 40 + 1], tf.int64),
])
def test_range_values_and_dtypes(args, kwargs, expected, dtype):
    out = tf.range(*args, **kwargs)
    assert out.dtype == dtype
    assert out.numpy().tolist() == expected


def test_range_float_values_match_tf():
    # TF computes start + i * delta in the tensors' dtype (not an accumulated sum)
    np.testing.assert_array_equal(tf.range(0, 1, 0.3).numpy(),
                                  np.array([0., 0.3, 0.6, 0.90000004], dtype=np.float32))
    r = tf.range(0., 100., 0.7).numpy()
    assert len(r) == 143 and r[-3:].tolist() == [98.0, 98.69999694824219, 99.4000015258789]
    assert tf.range(tf.constant(3.)).dtype == tf.float32
    assert tf.range(tf.constant(1), 2.5).numpy().tolist() == [1., 2.]


def test_range_errors_match_tf():
    for args, detail in (((0, 5, 0), "Requires delta != 0: 0"),
                         ((5, 0), "Requires start <= limit when delta > 0: 5/0"),
                         ((0, 5, -1), "Requires start >= limit when delta < 0: 0/5"),
                         ((5.5, 0.), "Requires start <= limit when delta > 0: 5.5/0")):
        with pytest.raises(tf.errors.InvalidArgumentError) as e:
            tf.range(*args)
        assert str(e.value) == _err("Range", detail, " name: ")
    with pytest.raises(TypeError, match="Cannot convert 1.5 to EagerTensor of dtype int32"):
        tf.range(1.5, dtype=tf.int32)
    with pytest.raises(tf.errors.InvalidArgumentError, match="Value for attr 'Tidx' of uint8 is not in the list"):
        tf.range(3, dtype=tf.uint8)


def test_range_with_symbolic_limit():
    x = placeholder([None, 5])
    r = tf.range(tf.shape(x)[0])
    assert r.shape.as_list() == [None] and r.dtype == tf.int32
    assert tf.range(tf.shape(x)[1]).shape.as_list() == [5]


# -- linspace ---------------------------------------------------------------------------------
def test_linspace_values_match_tf():
    np.testing.assert_array_equal(tf.linspace(0., 1., 5).numpy(), [0., 0.25, 0.5, 0.75, 1.])
    expected = [0.10000000149011612, 0.8200000524520874, 1.540000081062317, 2.259999990463257, 2.9800000190734863,
                3.700000047683716, 4.420000076293945, 5.139999866485596, 5.860000133514404, 6.580000400543213,
                7.300000190734863]
    assert tf.linspace(0.1, 7.3, 11).numpy().tolist() == expected
    out = tf.linspace(0, 10, 4)
    assert out.dtype == tf.float64
    np.testing.assert_allclose(out.numpy(), [0., 10 / 3, 20 / 3, 10.])
    assert tf.linspace(3., 10., 1).numpy().tolist() == [3.]
    assert tf.linspace(3., 10., 0).shape == (0,)
    np.testing.assert_array_equal(tf.linspace([0., 1.], [1., 3.], 3).numpy(), [[0., 1.], [.5, 2.], [1., 3.]])
    np.testing.assert_array_equal(tf.linspace([0., 1.], [1., 3.], 3, axis=-1).numpy(), [[0., .5, 1.], [1., 2., 3.]])
    assert tf.linspace(tf.constant(0., tf.float64), 1., 3).dtype == tf.float64


def test_linspace_errors_match_tf():
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.linspace(0., 1., -1)
    assert str(e.value) == _err("Range", "Requires start <= limit when delta > 0: 1/-1", " name: ")
    with pytest.raises(TypeError) as e:
        tf.linspace(0., 1., 3.)
    assert str(e.value) == ("Argument `tensor` (name: num) must be of type integer. Received `tensor` = 3.0 of "
                            "dtype: <dtype: 'float32'>")
    with pytest.raises(ValueError, match="^stop: Tensor conversion requested dtype float32 for Tensor with dtype "
                                         "float64"):
        tf.linspace(tf.constant(0.), tf.constant(1., tf.float64), 3)


def test_linspace_gradient_reaches_start_and_stop():
    a, b = tf.constant(1.0), tf.constant(3.0)
    with tf.GradientTape() as tape:
        tape.watch([a, b])
        y = tf.reduce_sum(tf.linspace(a, b, 5))
    ga, gb = tape.gradient(y, [a, b])
    assert ga.numpy() == pytest.approx(2.5) and gb.numpy() == pytest.approx(2.5)


# -- one_hot ----------------------------------------------------------------------------------
def test_one_hot_values():
    np.testing.assert_array_equal(tf.one_hot([0, 2], 3).numpy(), [[1, 0, 0], [0, 0, 1]])
    np.testing.assert_array_equal(tf.one_hot([0, -1, 5], 3).numpy(), [[1, 0, 0], [0, 0, 0], [0, 0, 0]])
    out = tf.one_hot([0, 2], 3, on_value=5, off_value=-1)
    assert out.dtype == tf.int32 and out.numpy().tolist() == [[5, -1, -1], [-1, -1, 5]]
    np.testing.assert_array_equal(tf.one_hot([0, 2], 3, axis=0).numpy(), [[1, 0], [0, 0], [0, 1]])
    assert tf.one_hot([[0, 2]], 3, axis=1).shape == (1, 3, 2)
    assert tf.one_hot([0, 2], 3, dtype=tf.int32).dtype == tf.int32
    assert tf.one_hot([0, 2], 3, on_value=2).numpy().tolist() == [[2, 0, 0], [0, 0, 2]]
    assert tf.one_hot([0, 2], 3, off_value=np.float64(0.5)).dtype == tf.float64
    assert tf.one_hot(tf.constant([0, 2], tf.uint8), tf.constant(3)).shape == (2, 3)
    assert tf.one_hot(placeholder([None], tf.int32), 4).shape.as_list() == [None, 4]


def test_one_hot_errors_match_tf():
    with pytest.raises(TypeError) as e:
        tf.one_hot([0, 2], 3, on_value=1.0, dtype=tf.int32)
    assert str(e.value) == "dtype <dtype: 'float32'> of on_value does not match dtype parameter <dtype: 'int32'>"
    with pytest.raises(TypeError) as e:
        tf.one_hot([0, 2], 3, on_value=1.0, off_value=0)
    assert str(e.value) == "dtype <dtype: 'float32'> of on_value does not match dtype <dtype: 'int32'> of off_value"
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.one_hot([0, 2], 3, axis=3)
    assert str(e.value) == _err("OneHot", "Expected axis to be -1 or between [0, 2).  But received: 3")
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.one_hot([0, 2], -1)
    assert str(e.value) == _err("OneHot", "depth must be non-negative, got: -1")
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.one_hot([0., 2.], 3)
    assert str(e.value).startswith("Value for attr 'TI' of float is not in the list of allowed values: uint8, int8, "
                                   "int32, int64\n\t; NodeDef: {{node OneHot}}; Op<name=OneHot; signature=indices:TI")
    with pytest.raises(TypeError, match="Cannot convert 1 to EagerTensor of dtype bool"):
        tf.one_hot([0, 2], 3, dtype=tf.bool)


def test_one_hot_depth_from_a_symbolic_shape():
    from leantf.framework.symbolic import evaluate
    labels = placeholder([None], tf.int32)
    # a known last dimension is folded into a static depth, as TF's shape inference does
    assert tf.one_hot(labels, depth=tf.shape(placeholder([None, 10]))[-1]).shape.as_list() == [None, 10]
    logits = placeholder([None, None])
    out = tf.one_hot(labels, depth=tf.shape(logits)[-1])
    assert out.shape.as_list() == [None, None]
    got = evaluate(out, [(logits, tf.zeros((2, 3))), (labels, tf.constant([0, 2]))])
    np.testing.assert_array_equal(got.numpy(), [[1, 0, 0], [0, 0, 1]])
