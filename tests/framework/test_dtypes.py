"""tf.DType: attributes, conversions and errors (facts measured on TensorFlow 2.21)."""
import pickle

import numpy as np
import pytest

import leantf as tf

try:
    import ml_dtypes  # noqa: F401
    HAVE_ML_DTYPES = True
except ImportError:
    HAVE_ML_DTYPES = False

# name: (is_floating, is_integer, is_unsigned, is_bool, is_complex, is_numeric, size, enum)
ATTRS = {
    "float16": (True, False, False, False, False, True, 2, 19),
    "float32": (True, False, False, False, False, True, 4, 1),
    "float64": (True, False, False, False, False, True, 8, 2),
    "int8": (False, True, False, False, False, True, 1, 6),
    "int16": (False, True, False, False, False, True, 2, 5),
    "int32": (False, True, False, False, False, True, 4, 3),
    "int64": (False, True, False, False, False, True, 8, 9),
    "uint8": (False, True, True, False, False, True, 1, 4),
    "uint16": (False, True, True, False, False, True, 2, 17),
    "uint32": (False, True, True, False, False, True, 4, 22),
    "uint64": (False, True, True, False, False, True, 8, 23),
    "bool": (False, False, False, True, False, False, 1, 10),
    "complex64": (False, False, False, False, True, True, 8, 8),
    "complex128": (False, False, False, False, True, True, 16, 18),
    "string": (False, False, False, False, False, False, 0, 7),
}


@pytest.mark.parametrize("name", sorted(ATTRS))
def test_attributes(name):
    d = getattr(tf, name)
    fl, it, un, bo, co, nu, size, enum = ATTRS[name]
    assert (d.is_floating, d.is_integer, d.is_unsigned, d.is_bool, d.is_complex, d.is_numeric) == \
        (fl, it, un, bo, co, nu)
    assert d.size == size and d.as_datatype_enum == enum
    assert d.name == name and repr(d) == f"tf.{name}" and str(d) == f"<dtype: '{name}'>"
    assert d.base_dtype is d and not d.is_quantized


def test_singletons_and_aliases():
    assert tf.half is tf.float16 and tf.double is tf.float64
    assert tf.as_dtype("float32") is tf.float32
    assert tf.dtypes.float32 is tf.float32 and isinstance(tf.float32, tf.DType)


@pytest.mark.parametrize("value,expected", [
    ("float", "float32"), ("double", "float64"), ("half", "float16"), ("string", "string"),
    (np.float32, "float32"), (np.dtype("float64"), "float64"), (np.int64, "int64"), (np.bool_, "bool"),
    (np.str_, "string"), (np.bytes_, "string"), (np.object_, "string"), (np.dtype("<U3"), "string"),
    (float, "float32"), (bool, "bool"), (object, "string"), (1, "float32"), (9, "int64"),
])
def test_as_dtype_accepts(value, expected):
    assert tf.as_dtype(value) is getattr(tf, expected)


@pytest.mark.parametrize("value", ["foo", "int", "str", None, 3.5, [1], 1000, int, str, bytes, complex])
def test_as_dtype_refuses_with_tf_message(value):
    with pytest.raises(TypeError) as e:
        tf.as_dtype(value)
    assert str(e.value) == f"Cannot convert the argument `type_value`: {value!r} to a TensorFlow DType."


def test_as_dtype_refuses_tensors():
    with pytest.raises(TypeError, match="Cannot convert the argument `type_value`: <tf.Tensor"):
        tf.as_dtype(tf.constant(1.))


def test_equality_and_hashing():
    assert tf.float32 == "float32" and tf.float32 == np.float32 and tf.float32 != tf.float64
    assert not (tf.float32 == "foo") and not (tf.float32 == None)  # noqa: E711
    assert tf.float32 == 1  # TF compares through as_dtype, and 1 is float32's enum
    assert tf.float32 != "float64"
    assert {tf.float32: 1}[tf.as_dtype("float32")] == 1
    assert hash(tf.float32) == hash(tf.as_dtype(np.float32))
    assert tf.float32.is_compatible_with("float32") and not tf.float32.is_compatible_with(tf.float64)


def test_numpy_types():
    assert tf.float32.as_numpy_dtype is np.float32
    assert tf.string.as_numpy_dtype is object
    assert tf.int8.as_numpy_dtype(3) == np.int8(3)
    with pytest.raises(KeyError):
        tf.resource.as_numpy_dtype
    assert tf.string.is_numpy_compatible and not tf.resource.is_numpy_compatible


def test_min_max():
    assert tf.int8.min == -128 and type(tf.int8.min) is int and tf.uint64.max == 2 ** 64 - 1
    assert tf.float32.max == np.float32(3.4028235e38) and type(tf.float32.max) is np.float32
    assert tf.float16.min == np.float16(-65504)
    for d, text in [(tf.bool, "<dtype: 'bool'> with type <dtype: 'bool'>"),
                    (tf.string, "<dtype: 'string'> with type <dtype: 'string'>"),
                    (tf.complex64, "<dtype: 'complex64'> with type <dtype: 'complex64'>"),
                    (tf.resource, "<dtype: 'resource'>")]:
        with pytest.raises(TypeError) as e:
            d.min
        assert str(e.value) == f"Cannot find minimum value of {text}."
        with pytest.raises(TypeError) as e:
            d.max
        assert str(e.value) == f"Cannot find maximum value of {text}."


def test_limits():
    assert tf.int8.limits == (0, 127) and tf.uint8.limits == (0, 255)
    assert tf.float32.limits == (0, 1) and tf.float64.limits == (0, 1)
    assert tf.bool.limits == (0, True)
    for d in (tf.float16, tf.string, tf.complex64):
        with pytest.raises(ValueError, match=f"^{d} does not have defined limits.$"):
            d.limits


def test_real_dtype():
    assert tf.complex64.real_dtype is tf.float32 and tf.complex128.real_dtype is tf.float64
    assert tf.float32.real_dtype is tf.float32


def test_pickle_round_trip():
    assert pickle.loads(pickle.dumps(tf.float64)) is tf.float64
    assert tf.float32.__reduce__()[1] == ("float32",)


@pytest.mark.skipif(not HAVE_ML_DTYPES, reason="bfloat16 values need ml_dtypes")
def test_bfloat16():
    d = tf.bfloat16
    assert d.is_floating and d.size == 2 and d.as_datatype_enum == 14
    assert d.as_numpy_dtype.__name__ == "bfloat16"
    assert float(d.max) == pytest.approx(3.38953e38, rel=1e-5)
    with pytest.raises(ValueError, match="does not have defined limits"):
        d.limits
