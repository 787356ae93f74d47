"""tf.TensorShape and its dimensions (texts measured on TensorFlow 2.21)."""
import pickle

import numpy as np
import pytest

import leantf as tf
from leantf.framework.tensor_shape import Dimension, as_dimension


def test_str_and_repr():
    assert str(tf.TensorShape([2, 3])) == "(2, 3)" and repr(tf.TensorShape([2, 3])) == "TensorShape([2, 3])"
    assert str(tf.TensorShape([2])) == "(2,)" and str(tf.TensorShape([])) == "()"
    assert str(tf.TensorShape([None, 3])) == "(None, 3)" and repr(tf.TensorShape([None, 3])) == \
        "TensorShape([None, 3])"
    assert str(tf.TensorShape(None)) == "<unknown>" and repr(tf.TensorShape(None)) == "TensorShape(None)"


@pytest.mark.parametrize("dims", [(2, 3), [2, 3], np.array([2, 3]), [np.int64(2), np.int32(3)],
                                  tf.TensorShape([2, 3]), [tf.constant(2), 3]])
def test_constructors(dims):
    assert tf.TensorShape(dims).as_list() == [2, 3]


def test_single_dimension_and_tensor_dims():
    assert tf.TensorShape(3).as_list() == [3]
    assert tf.TensorShape(tf.constant(4)).as_list() == [4]


def test_construction_errors():
    with pytest.raises(TypeError) as e:
        tf.TensorShape("a")
    assert str(e.value) == ("Failed to convert ''a'' to a shape: ''a''could not be converted to a dimension. A "
                            "shape should either be single dimension (e.g. 10), or an iterable of dimensions "
                            "(e.g. [1, 10, None]).")
    with pytest.raises(TypeError) as e:
        tf.TensorShape([1.5])
    assert str(e.value) == ("Dimension value must be integer or None or have an __index__ method, got value "
                            "'1.5' with type '<class 'float'>'")
    with pytest.raises(ValueError, match=r"^Dimension -1 must be >= 0$"):
        tf.TensorShape([-1])


def test_equality():
    s = tf.TensorShape([2, 3])
    assert s == [2, 3] and s == (2, 3) and [2, 3] == s and s == tf.TensorShape([2, 3])
    assert s != [2, 4] and s != [2] and s != "abc" and not (s == None)  # noqa: E711
    assert tf.TensorShape([None]) == tf.TensorShape([None])  # TF compares dims, unknowns included
    assert tf.TensorShape(None) == tf.TensorShape(None) and tf.TensorShape(None) == None  # noqa: E711
    assert tf.TensorShape([2]) == 2
    assert hash(tf.TensorShape([2, 3])) == hash(tf.TensorShape((2, 3)))


def test_merge_and_compatibility():
    assert tf.TensorShape([None, 3]).merge_with([2, None]) == [2, 3]
    assert tf.TensorShape(None).merge_with([2]) == [2]
    with pytest.raises(ValueError, match=r"^Shapes \(2, 3\) and \(2, 4\) are not compatible$"):
        tf.TensorShape([2, 3]).merge_with([2, 4])
    assert tf.TensorShape([2, 3]).is_compatible_with([2, None])
    assert not tf.TensorShape([2, 3]).is_compatible_with([2])
    assert tf.TensorShape(None).is_compatible_with([2])
    with pytest.raises(ValueError, match=r"^Shapes \(2, 3\) and \[2, 4\] are incompatible$"):
        tf.TensorShape([2, 3]).assert_is_compatible_with([2, 4])
    assert tf.TensorShape([2, 3]).most_specific_compatible_shape([2, 4]) == tf.TensorShape([2, None])
    assert tf.TensorShape([2, 3]).most_specific_compatible_shape([2]).rank is None


def test_concatenate():
    assert tf.TensorShape([2, 3]).concatenate([4]) == [2, 3, 4]
    assert tf.TensorShape([2, 3]) + [4] == [2, 3, 4] and [1] + tf.TensorShape([2]) == [1, 2]
    assert tf.TensorShape([2]).concatenate(tf.TensorShape(None)).rank is None


def test_rank_queries_and_errors():
    s = tf.TensorShape([2, 3])
    assert s.rank == 2 and s.ndims == 2 and s.num_elements() == 6 and s.is_fully_defined()
    assert tf.TensorShape([None, 3]).num_elements() is None and tf.TensorShape([]).num_elements() == 1
    assert tf.TensorShape(None).rank is None and tf.TensorShape(None).dims is None
    assert s.with_rank(2) is s and tf.TensorShape(None).with_rank(2) == tf.TensorShape([None, None])
    for call, text in [(lambda: s.with_rank(3), "Shape (2, 3) must have rank 3"),
                       (lambda: s.with_rank_at_least(3), "Shape (2, 3) must have rank at least 3"),
                       (lambda: s.with_rank_at_most(1), "Shape (2, 3) must have rank at most 1"),
                       (lambda: s.assert_has_rank(3), "Shape (2, 3) must have rank 3"),
                       (lambda: tf.TensorShape([None, 3]).assert_is_fully_defined(),
                        "Shape (None, 3) is not fully defined"),
                       (lambda: s.assert_same_rank([1]), "Shapes (2, 3) and (1,) must have the same rank"),
                       (lambda: tf.TensorShape(None).as_list(),
                        "as_list() is not defined on an unknown TensorShape."),
                       (lambda: len(tf.TensorShape(None)), "Cannot take the length of shape with unknown rank.")]:
        with pytest.raises(ValueError) as e:
            call()
        assert str(e.value) == text
    s.assert_is_fully_defined()


def test_sequence_protocol():
    s = tf.TensorShape([2, 3, 4])
    assert len(s) == 3 and list(s) == [2, 3, 4] and s[0] == 2 and s[-1] == 4
    assert type(s[0]) is int  # TF2 shapes index as plain ints
    assert s[1:] == tf.TensorShape([3, 4]) and isinstance(s[1:], tf.TensorShape)
    assert tf.TensorShape(None)[0] is None and tf.TensorShape(None)[1:].rank is None
    assert bool(tf.TensorShape([])) and not bool(tf.TensorShape(None))
    with pytest.raises(IndexError):
        s[5]
    with pytest.raises(TypeError, match="tuple indices must be integers or slices, not str"):
        s["a"]


def test_subtypes():
    assert tf.TensorShape([2, 3]).is_subtype_of(tf.TensorShape([None, 3]))
    assert not tf.TensorShape([None, 3]).is_subtype_of(tf.TensorShape([2, 3]))
    assert tf.TensorShape([2]).is_subtype_of(tf.TensorShape(None))


def test_dims_are_dimensions():
    dims = tf.TensorShape([2, None]).dims
    assert repr(dims) == "[Dimension(2), Dimension(None)]"
    assert dims[0] == 2 and dims[1].value is None
    assert (dims[1] == 2) is None  # comparisons with an unknown dimension answer None
    assert str(dims[0]) == "2" and str(dims[1]) == "?" and int(dims[0]) == 2
    assert repr(dims[0] + 1) == "Dimension(3)" and repr(dims[1] * 2) == "Dimension(None)"
    assert tf.TensorShape(dims) == tf.TensorShape([2, None])
    assert as_dimension(3) == Dimension(3) and Dimension(3).merge_with(None).value == 3
    with pytest.raises(ValueError, match="Dimensions 2 and 3 are not compatible"):
        Dimension(2).merge_with(3)


def test_pickle():
    for s in (tf.TensorShape([None, 3]), tf.TensorShape(None), tf.TensorShape([])):
        assert pickle.loads(pickle.dumps(s)) == s


def test_tensor_shapes():
    t = tf.constant([[1, 2]])
    assert t.shape == (1, 2) and t.get_shape() == [1, 2] and t.shape.as_list() == [1, 2]
    assert isinstance(t.shape, tf.TensorShape)
