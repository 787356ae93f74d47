"""Eager tensors: construction, conversion rules, Python protocols and printed text.

Expected values and messages are TensorFlow 2.21's (see tools/golden_framework.py, which
checks many more cases against recorded TF output).
"""
import copy
import pickle

import numpy as np
import pytest

import leantf as tf

MIXED = "Can't convert Python sequence with mixed types to Tensor."
RAGGED = "Can't convert non-rectangular Python sequence to Tensor."
INT_RANGE = "Can't convert Python sequence with out-of-range integer to Tensor."
FLOAT_RANGE = "Can't convert Python sequence with a value out of range for a double-precision float."


def dtype_and_value(t):
    return t.dtype.name, t.numpy().tolist() if t.shape.rank else t.numpy()


# -- inference from Python values ----------------------------------------------------
@pytest.mark.parametrize("value,dtype", [
    (9.0, "float32"), (3, "int32"), (True, "bool"), ("abc", "string"), (b"abc", "string"),
    (1 + 2j, "complex128"), ([1, 2.5], "float32"), ([[1, 2], [3, 4]], "int32"), ([], "float32"),
    ([[], []], "float32"), (2 ** 31 - 1, "int32"), (2 ** 31, "int64"), (-2 ** 31, "int32"),
    ([1, 2 ** 31], "int64"), (2 ** 63 - 1, "int64"), ((1, 2), "int32"), (range(3), "int32"),
    ([1.0, True], "float32"), ([1, True], "int32"), ([2j, 1.0], "complex128"), (["a", b"b"], "string"),
    # NumPy scalars inside lists: ints count as Python ints, floats keep their width.
    ([np.int64(1), 2], "int32"), ([np.float64(1.0), 2.0], "float64"), ([np.float32(1.0), 2.0], "float32"),
    ([np.float16(1), 2.0], "float16"), ([2.0, np.float64(1.0)], "float32"), ([1, np.float64(1.0)], "float32"),
    ([np.array([1, 2]), [3, 4]], "int32"), ([np.array([1., 2.]), [3., 4.]], "float64"),
])
def test_python_inference(value, dtype):
    assert tf.constant(value).dtype.name == dtype
    assert tf.convert_to_tensor(value).dtype.name == dtype


@pytest.mark.parametrize("value,error,text", [
    ([1, "a"], ValueError, MIXED), ([True, 1], ValueError, MIXED), ([1, 2j], ValueError, MIXED),
    ([1.0, 2j], ValueError, MIXED), ([1, None], ValueError, MIXED), ([1, [2]], ValueError, MIXED),
    ([[1, 2], [3]], ValueError, RAGGED), ([[1, 2], 3], ValueError, RAGGED), ([[1], []], ValueError, RAGGED),
    (2 ** 63, ValueError, INT_RANGE), ([2 ** 63, -1], ValueError, INT_RANGE), ([2 ** 64], ValueError, INT_RANGE),
    (1e40, ValueError, FLOAT_RANGE), ([1, 3.5e38], ValueError, FLOAT_RANGE),
    (None, ValueError, "Attempt to convert a value (None) with an unsupported type (<class 'NoneType'>) to a "
                       "Tensor."),
    ({"a": 1}, ValueError, "Attempt to convert a value ({'a': 1}) with an unsupported type (<class 'dict'>) "
                           "to a Tensor."),
])
def test_python_conversion_errors(value, error, text):
    with pytest.raises(error) as e:
        tf.constant(value)
    assert str(e.value) == text


def test_empty_dimension_skips_the_checks():
    # TF infers the shape from first elements and stops at a zero-length dimension.
    t = tf.constant([[], [1, "a"]])
    assert t.shape == (2, 0) and t.dtype is tf.float32


# -- requested dtypes -----------------------------------------------------------------
@pytest.mark.parametrize("value,dtype,expected", [
    (1, "float32", ("float32", 1.0)), (True, "int32", ("int32", 1)), (True, "float32", ("float32", 1.0)),
    (2 ** 40, "int32", ("int32", 0)), (-1, "uint8", ("uint8", 255)), (300, "int8", ("int8", 44)),
    (2 ** 63, "uint64", ("uint64", 2 ** 63)), (1e40, "float32", ("float32", np.inf)),
    (1.5, "complex64", ("complex64", 1.5 + 0j)), ([1, 2.5], "float16", ("float16", [1.0, 2.5])),
    ([1, True], "int8", ("int8", [1, 1])), ([True, 1], "int32", ("int32", [1, 1])),
    (np.array([1.5, -1.5]), "int32", ("int32", [1, -1])), (np.float64(1.5), "int32", ("int32", 1)),
    (np.array(["1.5"]), "float32", ("float32", [1.5])),
])
def test_requested_dtype(value, dtype, expected):
    assert dtype_and_value(tf.constant(value, dtype=dtype)) == expected


@pytest.mark.parametrize("value,dtype,error,text", [
    (2.0, "int32", TypeError, "Cannot convert 2.0 to EagerTensor of dtype int32"),
    ([1, 2.5], "int32", TypeError, "Cannot convert [1, 2.5] to EagerTensor of dtype int32"),
    (1, "bool", TypeError, "Cannot convert 1 to EagerTensor of dtype bool"),
    ("a", "float32", TypeError, "Cannot convert 'a' to EagerTensor of dtype float"),
    ("a", "float64", TypeError, "Cannot convert 'a' to EagerTensor of dtype double"),
    ("a", "float16", TypeError, "Cannot convert 'a' to EagerTensor of dtype half"),
    (1, "string", TypeError, "Cannot convert 1 to EagerTensor of dtype string"),
    (True, "uint8", TypeError, "Cannot convert True to EagerTensor of dtype uint8"),
    ([True, 1], "complex64", ValueError, MIXED), ([1, "a"], "string", ValueError, MIXED),
    ([2 ** 63], "int8", ValueError, INT_RANGE),
    (np.array([1.5]), "string", ValueError,
     "Failed to convert a NumPy array to a Tensor (Unsupported object type float)."),
])
def test_requested_dtype_errors(value, dtype, error, text):
    with pytest.raises(error) as e:
        tf.constant(value, dtype=dtype)
    assert str(e.value) == text


def test_tensor_inputs():
    t = tf.constant([1.5, 2.5])
    assert tf.convert_to_tensor(t) is t and tf.convert_to_tensor(t, dtype=tf.float32) is t
    with pytest.raises(ValueError) as e:
        tf.convert_to_tensor(t, dtype=tf.int32)
    assert str(e.value) == ("Tensor conversion requested dtype int32 for Tensor with dtype float32: "
                            "<tf.Tensor: shape=(2,), dtype=float32, numpy=array([1.5, 2.5], dtype=float32)>")
    with pytest.raises(TypeError) as e:
        tf.constant(t, dtype=tf.int32)
    assert str(e.value) == "Expected tensor [1.5 2.5] with dtype tf.int32, but got dtype tf.float32."
    assert tf.constant(tf.Variable([1, 2]), dtype=tf.float32).dtype is tf.float32  # variables are cast


def test_dtype_hint_and_tf2_signature():
    assert tf.convert_to_tensor(1, dtype_hint=tf.float32).dtype is tf.float32
    assert tf.convert_to_tensor(1.5, dtype_hint=tf.int32).dtype is tf.float32  # a hint that does not fit
    with pytest.raises(TypeError, match="^Got an unexpected keyword argument 'preferred_dtype'$"):
        tf.convert_to_tensor(1, preferred_dtype=tf.int64)


def test_numpy_inputs_keep_their_dtype_and_are_copied():
    a = np.array([1, 2])
    t = tf.constant(a)
    a[0] = 9
    assert t.dtype is tf.int64 and t.numpy().tolist() == [1, 2]
    assert tf.constant(np.array(["a", "é"])).numpy().tolist() == [b"a", "é".encode()]
    with pytest.raises(ValueError, match=r"Unsupported object type int\)\.$"):
        tf.constant(np.array([1, "a"], dtype=object))
    with pytest.raises(ValueError, match=r"Unsupported numpy type: NPY_DATETIME\)\.$"):
        tf.constant(np.array(["2020-01-01"], dtype="datetime64[D]"))


def test_tensor_shapes_convert_to_int32():
    assert dtype_and_value(tf.convert_to_tensor(tf.TensorShape([2, 3]))) == ("int32", [2, 3])
    assert dtype_and_value(tf.convert_to_tensor(tf.TensorShape([]))) == ("int32", [])
    with pytest.raises(ValueError, match=r"^Cannot convert a partially known TensorShape \(None, 3\) to a "
                                         r"Tensor\.$"):
        tf.convert_to_tensor(tf.TensorShape([None, 3]))


def test_lists_of_tensors_are_packed():
    assert dtype_and_value(tf.convert_to_tensor([tf.constant(1.), 2.])) == ("float32", [1.0, 2.0])
    assert dtype_and_value(tf.convert_to_tensor([2, tf.constant(1.)])) == ("float32", [2.0, 1.0])
    assert tf.convert_to_tensor([[tf.constant(1.)], [2]]).shape == (2, 1)
    assert dtype_and_value(tf.convert_to_tensor([tf.constant(1)], dtype=tf.float32)) == ("float32", [1.0])
    with pytest.raises(TypeError, match="^Cannot convert 2.5 to EagerTensor of dtype int32$"):
        tf.convert_to_tensor([tf.constant(1), 2.5])
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.convert_to_tensor([tf.constant(1), tf.constant(2.)])
    assert str(e.value) == ("cannot compute Pack as input #1(zero-based) was expected to be a int32 tensor but "
                            "is a float tensor [Op:Pack] name: packed")
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.convert_to_tensor([tf.constant([1., 2.]), tf.constant([1., 2., 3.])])
    assert str(e.value) == ("{{function_node __wrapped__Pack_N_2_device_/job:localhost/replica:0/task:0/device:"
                            "CPU:0}} Shapes of all inputs must match: values[0].shape = [2] != values[1].shape = "
                            "[3] [Op:Pack] name: packed")


def test_packing_is_differentiable():
    x = tf.Variable(3.)
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(tf.convert_to_tensor([x * 2., x * x]))
    assert float(tape.gradient(y, x)) == 8.0


def test_constant_shape_argument():
    assert tf.constant(7, shape=(2,)).numpy().tolist() == [7, 7]
    assert tf.constant([1, 2, 3, 4], shape=[2, 2]).shape == (2, 2)
    with pytest.raises(TypeError) as e:
        tf.constant([1, 2, 3, 4], shape=[3])
    assert str(e.value) == ("Eager execution of tf.constant with unsupported shape. Tensor [1 2 3 4] (converted "
                            "from [1, 2, 3, 4]) has 4 elements, but got `shape` (3,) with 3 elements).")
    with pytest.raises(ValueError, match="^Dimension -1 must be >= 0$"):
        tf.constant(1., shape=[-1])


# -- printed text ----------------------------------------------------------------------
def test_str_and_repr_match_tf():
    m = tf.constant([[1., 2.], [3., 4.]])
    assert str(m) == "tf.Tensor(\n[[1. 2.]\n [3. 4.]], shape=(2, 2), dtype=float32)"
    assert repr(m) == ("<tf.Tensor: shape=(2, 2), dtype=float32, numpy=\narray([[1., 2.],\n       [3., 4.]], "
                       "dtype=float32)>")
    assert str(tf.constant(9.0)) == "tf.Tensor(9.0, shape=(), dtype=float32)"
    assert repr(tf.constant(3)) == "<tf.Tensor: shape=(), dtype=int32, numpy=3>"
    assert repr(tf.constant([1, 2], dtype=tf.int64)) == "<tf.Tensor: shape=(2,), dtype=int64, numpy=array([1, 2])>"
    assert str(tf.constant([True, False])) == "tf.Tensor([ True False], shape=(2,), dtype=bool)"
    assert repr(tf.constant(True)) == "<tf.Tensor: shape=(), dtype=bool, numpy=True>"


def test_scalar_repr_shows_the_python_value():
    # repr of a scalar is repr(value.item()): every digit of the float32 value.
    assert repr(tf.constant(0.1)) == "<tf.Tensor: shape=(), dtype=float32, numpy=0.10000000149011612>"
    assert str(tf.constant(0.1)) == "tf.Tensor(0.1, shape=(), dtype=float32)"
    assert repr(tf.constant(1.1 + 2.2j, tf.complex64)) == \
        "<tf.Tensor: shape=(), dtype=complex64, numpy=(1.100000023841858+2.200000047683716j)>"


def test_strings_print_as_bytes():
    assert repr(tf.constant("abc")) == "<tf.Tensor: shape=(), dtype=string, numpy=b'abc'>"
    assert str(tf.constant(["a", "bc"])) == "tf.Tensor([b'a' b'bc'], shape=(2,), dtype=string)"
    assert repr(tf.constant(["a", "é"])) == \
        "<tf.Tensor: shape=(2,), dtype=string, numpy=array([b'a', b'\\xc3\\xa9'], dtype=object)>"
    assert tf.constant("é").numpy() == "é".encode() and type(tf.constant("a").numpy()) is bytes


def test_long_arrays_are_summarised_like_numpy():
    t = tf.constant(np.arange(2000))
    assert str(t) == "tf.Tensor([   0    1    2 ... 1997 1998 1999], shape=(2000,), dtype=int64)"
    assert repr(t) == ("<tf.Tensor: shape=(2000,), dtype=int64, numpy=array([   0,    1,    2, ..., 1997, 1998, "
                       "1999], shape=(2000,))>")


def test_format():
    assert f"{tf.constant(9.0)}" == "9.0" and f"{tf.constant(1.234):.2f}" == "1.23"
    assert f"{tf.constant([[1., 2.], [3., 4.]])}" == "[[1. 2.]\n [3. 4.]]"  # no leading newline here
    assert f"{tf.constant(True):d}" == "1" and "%.2f" % tf.constant(2.0) == "2.00"
    with pytest.raises(TypeError, match="^unsupported format string passed to numpy.ndarray.__format__$"):
        f"{tf.constant([1., 2.]):.2f}"


# -- protocols ----------------------------------------------------------------------------
def test_len_iter_bool():
    assert len(tf.constant([1., 2., 3.])) == 3
    assert [x.numpy() for x in tf.constant([1, 2])] == [1, 2]
    assert list(tf.constant([], dtype=tf.int32)) == []
    assert bool(tf.constant(1.)) and not bool(tf.constant(0)) and not bool(tf.constant([]))
    with pytest.raises(TypeError, match="^Scalar tensor has no `len\\(\\)`$"):
        len(tf.constant(1.))
    with pytest.raises(TypeError, match="^Cannot iterate over a scalar tensor.$"):
        iter(tf.constant(1.))
    with pytest.raises(ValueError, match="The truth value of an array with more than one element is ambiguous"):
        bool(tf.constant([1., 2.]))


def test_numeric_conversions():
    assert float(tf.constant(2.5)) == 2.5 and int(tf.constant(-2.7)) == -2
    with pytest.raises(TypeError, match="^only 0-dimensional arrays can be converted to Python scalars$"):
        int(tf.constant([3]))  # NumPy 2's rule, which TF inherits
    assert complex(tf.constant(1 + 2j)) == 1 + 2j
    assert [10, 20, 30][tf.constant(1)] == 20 and [10, 20, 30][tf.constant(1, dtype=tf.int64)] == 20
    assert list(range(5))[tf.constant(1):tf.constant(3)] == [1, 2]
    with pytest.raises(AttributeError, match="^'numpy.float32' object has no attribute '__index__'$"):
        [10, 20, 30][tf.constant(1.)]
    with pytest.raises(AttributeError, match="^'numpy.bool' object has no attribute '__index__'$"):
        [10, 20, 30][tf.constant(True)]
    with pytest.raises(TypeError, match="^only integer scalar arrays can be converted to a scalar index$"):
        [10, 20, 30][tf.constant([1])]


def test_numpy_and_array_protocol():
    assert type(tf.constant(1.).numpy()) is np.float32 and type(tf.constant(True).numpy()) is np.bool_
    a = tf.constant([1., 2.]).numpy()
    assert a.dtype == np.float32 and np.asarray(tf.constant([1, 2])).dtype == np.int32
    assert np.array(tf.constant([1, 2]), dtype=np.float64).dtype == np.float64
    assert np.sum(tf.constant([1., 2.])) == 3.0


def test_hash_and_ref():
    t = tf.constant(1.)
    with pytest.raises(TypeError, match=r"^Tensor is unhashable. Instead, use tensor.ref\(\) as the key.$"):
        hash(t)
    assert t.ref() == t.ref() and hash(t.ref()) == hash(t.ref()) and t.ref().deref() is t
    assert tf.constant(1.).ref() != tf.constant(1.).ref()


def test_eager_only_attributes():
    t = tf.constant(1.)
    assert t.device == "/job:localhost/replica:0/task:0/device:CPU:0" and t.backing_device == t.device
    for name in ("name", "op", "graph"):
        with pytest.raises(AttributeError, match=f"^Tensor.{name} is undefined when eager execution is enabled.$"):
            getattr(t, name)
    with pytest.raises(AttributeError, match="^EagerTensor object has no attribute 'astype'. \n"):
        t.astype
    with pytest.raises(AttributeError, match="^EagerTensor object has no attribute 'astype'"):
        round(t)
    with pytest.raises(AttributeError, match="object has no attribute 'foo'$"):
        t.foo


def test_copies_share_the_immutable_value():
    t = tf.constant([1., 2.])
    assert copy.copy(t) is t and copy.deepcopy(t) is t
    u = pickle.loads(pickle.dumps(t))
    assert u.dtype is tf.float32 and u.numpy().tolist() == [1.0, 2.0]


def test_is_tensor():
    assert tf.is_tensor(tf.constant(1.)) and tf.is_tensor(tf.Variable(1.))
    assert not tf.is_tensor(1.0) and not tf.is_tensor(np.array(1.0))
    assert isinstance(tf.constant(1.), tf.Tensor) and not isinstance(tf.Variable(1.), tf.Tensor)


# -- operators -----------------------------------------------------------------------------
def test_python_scalars_take_the_tensor_dtype():
    assert dtype_and_value(tf.constant([1., 2.]) * 2) == ("float32", [2.0, 4.0])
    assert dtype_and_value(tf.constant([1, 2]) + True) == ("int32", [2, 3])
    assert dtype_and_value(tf.constant([1, 2]) + np.array([1.5, 2.5])) == ("int32", [2, 4])  # NumPy is cast
    assert dtype_and_value(np.array([1.5, 2.5]) + tf.constant([1., 2.])) == ("float32", [2.5, 4.5])
    for f in (lambda: tf.constant([1, 2]) * 2.0, lambda: 2.0 * tf.constant([1, 2]),
              lambda: tf.multiply(tf.constant(1), 2.0), lambda: tf.multiply(1, 2.0)):
        with pytest.raises(TypeError, match="^Cannot convert 2.0 to EagerTensor of dtype int32$"):
            f()


def test_add_uses_a_dtype_hint():
    # tf.add and + keep a value that does not fit x's dtype, and AddV2 reports the clash.
    for f in (lambda: tf.add(1, 2.0), lambda: tf.constant([1, 2]) + 2.5, lambda: tf.add([1], 2.5),
              lambda: tf.constant(1) + tf.constant(1.0)):
        with pytest.raises(tf.errors.InvalidArgumentError) as e:
            f()
        assert str(e.value) == ("cannot compute AddV2 as input #1(zero-based) was expected to be a int32 tensor "
                                "but is a float tensor [Op:AddV2] name: ")
    assert dtype_and_value(tf.add(1.0, 2)) == ("float32", 3.0)
    with pytest.raises(TypeError, match="^Cannot convert 2.5 to EagerTensor of dtype int32$"):
        2.5 + tf.constant([1, 2])  # the reflected operator converts to the tensor's dtype


def test_division():
    assert dtype_and_value(tf.constant([1, 2]) / tf.constant([2, 2])) == ("float64", [0.5, 1.0])
    assert tf.constant([1, 2], dtype=tf.int8) / tf.constant([2, 2], dtype=tf.int8) is not None
    assert (tf.constant([1, 2], dtype=tf.int8) / tf.constant([2, 2], dtype=tf.int8)).dtype is tf.float32
    with pytest.raises(TypeError, match=r"^`x` and `y` must have the same dtype, got tf.int32 != tf.float32.$"):
        tf.constant([1, 2]) / 2.5
    with pytest.raises(TypeError, match=r"^Invalid dtype tf.bool in __truediv__. Expected one of \{tf.uint8, "):
        tf.constant([True]) / tf.constant([True])
    assert dtype_and_value(tf.constant([-3, 2]) // tf.constant([2, 2])) == ("int32", [-2, 1])
    assert dtype_and_value(tf.constant([-3, 2]) % tf.constant([2, 2])) == ("int32", [1, 0])


def test_bool_and_string_operators():
    assert dtype_and_value(tf.constant([True, False]) & tf.constant([True, True])) == ("bool", [True, False])
    assert dtype_and_value(tf.constant([1, 3]) & tf.constant([1, 2])) == ("int32", [1, 2])
    assert dtype_and_value(~tf.constant([True, False])) == ("bool", [False, True])
    assert dtype_and_value(True & tf.constant([True, False])) == ("bool", [True, False])
    assert dtype_and_value(tf.constant([True]) * tf.constant([False])) == ("bool", [False])  # as int32, cast back
    assert dtype_and_value(tf.constant(["a"]) + tf.constant(["b"])) == ("string", [b"ab"])
    assert dtype_and_value(tf.add("a", "b")) == ("string", b"ab")
    with pytest.raises(tf.errors.InvalidArgumentError, match="^Value for attr 'T' of bool is not in the list"):
        -tf.constant([True, False])


def test_equality_operators():
    a = tf.constant([1., 2.])
    assert dtype_and_value(a == tf.constant([1., 3.])) == ("bool", [True, False])
    assert (a == None) is False and (a != None) is True  # noqa: E711
    assert dtype_and_value(a == tf.constant([1., 2., 3.])) == ("bool", False)  # shapes that do not broadcast
    assert dtype_and_value(a != tf.constant([1., 2., 3.])) == ("bool", True)
    with pytest.raises(TypeError, match="^Cannot convert 'a' to EagerTensor of dtype float$"):
        a == "a"
    with pytest.raises(tf.errors.InvalidArgumentError, match="^cannot compute Equal as input #1"):
        a == tf.constant([1, 2])


def test_shape_errors_in_operators():
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.constant([[1., 2., 3.], [1., 2., 3.]]) + tf.constant([1., 2., 3., 4.])
    assert str(e.value) == ("{{function_node __wrapped__AddV2_device_/job:localhost/replica:0/task:0/device:CPU:0}"
                            "} Incompatible shapes: [2,3] vs. [4] [Op:AddV2] name: ")
