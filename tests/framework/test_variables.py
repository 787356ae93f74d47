"""tf.Variable: creation, printed text, assignment semantics and errors (TF 2.21's)."""
import copy

import numpy as np
import pytest

import leantf as tf


def test_repr_and_str():
    assert repr(tf.Variable(3.)) == "<tf.Variable 'Variable:0' shape=() dtype=float32, numpy=3.0>"
    assert str(tf.Variable(3.)) == repr(tf.Variable(3.))
    assert repr(tf.Variable([[1., 2.], [3., 4.]])) == (
        "<tf.Variable 'Variable:0' shape=(2, 2) dtype=float32, numpy=\narray([[1., 2.],\n       [3., 4.]], "
        "dtype=float32)>")
    assert repr(tf.Variable([1, 2], name="v")) == \
        "<tf.Variable 'v:0' shape=(2,) dtype=int32, numpy=array([1, 2], dtype=int32)>"
    assert repr(tf.Variable(0.1)) == "<tf.Variable 'Variable:0' shape=() dtype=float32, numpy=0.10000000149011612>"
    assert f"{tf.Variable([1., 2.])}" == repr(tf.Variable([1., 2.]))


def test_class_and_names():
    v = tf.Variable(1.)
    assert type(v).__name__ == "ResourceVariable" and isinstance(v, tf.Variable)
    assert not isinstance(v, tf.Tensor) and tf.is_tensor(v)
    assert v.name == "Variable:0" and tf.Variable(1., name="x").name == "x:0"  # no uniquifying in eager mode


def test_attributes():
    v = tf.Variable([1., 2.])
    assert v.dtype is tf.float32 and v.shape == (2,) and v.get_shape() == [2] and v.trainable
    assert v.device == "/job:localhost/replica:0/task:0/device:CPU:0"
    assert not tf.Variable(1., trainable=False).trainable
    assert not tf.Variable(1., synchronization=tf.VariableSynchronization.ON_READ).trainable
    assert repr(v.aggregation) == "<VariableAggregation.NONE: 0>"
    assert repr(tf.VariableAggregation.SUM) == "<VariableAggregationV2.SUM: 1>"
    with pytest.raises(RuntimeError, match="^This property is not supported when eager execution is enabled.$"):
        v.initial_value
    with pytest.raises(AttributeError, match="^'ResourceVariable' object has no attribute 'ndim'$"):
        v.ndim


def test_creation_conversions():
    assert tf.Variable(1, dtype=tf.float32).numpy() == 1.0
    assert tf.Variable(np.array([1.5]), dtype=tf.float32).dtype is tf.float32
    assert tf.Variable(lambda: [1., 2.], dtype=tf.float64).dtype is tf.float64
    with pytest.raises(TypeError, match="^Cannot convert 1.5 to EagerTensor of dtype int32$"):
        tf.Variable(1.5, dtype=tf.int32)
    with pytest.raises(ValueError) as e:
        tf.Variable(tf.constant([1.5]), dtype=tf.int32)
    assert str(e.value) == ("initial_value: Tensor conversion requested dtype int32 for Tensor with dtype float32: "
                            "<tf.Tensor: shape=(1,), dtype=float32, numpy=array([1.5], dtype=float32)>")


def test_creation_errors():
    with pytest.raises(ValueError, match="^The `initial_value` arg to `tf.Variable` must be specified except"):
        tf.Variable()
    with pytest.raises(ValueError) as e:
        tf.Variable([1., 2.], constraint=3)
    assert str(e.value) == ("Argument `constraint` must be None or a callable. a callable. Got a <class 'int'>:  3")
    with pytest.raises(ValueError) as e:
        tf.Variable([1., 2.], shape=[3])
    assert str(e.value) == ("In this `tf.Variable` creation, the initial value's shape ((2,)) is not compatible "
                            "with the explicitly supplied `shape` argument ([3]).")


def test_declared_shape_with_unknown_dims():
    v = tf.Variable([[1., 2.]], shape=[None, 2])
    assert str(v.shape) == "(None, 2)" and "shape=(None, 2)" in repr(v)
    v.assign([[1., 2.], [3., 4.]])
    assert v.numpy().shape == (2, 2) and v.value().shape == (2, 2)
    with pytest.raises(ValueError) as e:
        v.assign([[1., 2., 3.]])
    assert str(e.value) == ("Cannot assign value to variable ' Variable:0': Shape mismatch.The variable shape "
                            "(None, 2), and the assigned value shape (1, 3) are incompatible.")


def test_assign_returns_an_unread_handle():
    v = tf.Variable([1., 2.])
    r = v.assign([5., 6.])
    assert r.name == "UnreadVariable" and type(r).__name__ == "_UnreadVariable"
    assert repr(r) == "<tf.Variable 'UnreadVariable' shape=(2,) dtype=float32, numpy=array([5., 6.], dtype=float32)>"
    v.assign([7., 8.])
    assert r.numpy().tolist() == [7.0, 8.0]  # it reads the variable, not a snapshot
    r.assign([1., 1.])
    assert v.numpy().tolist() == [1.0, 1.0]
    assert (r + 1).numpy().tolist() == [2.0, 2.0]
    assert v.assign([3., 4.], read_value=False) is None
    assert v.assign_add([1., 1.]).assign_add([1., 1.]).numpy().tolist() == [5.0, 6.0]


def test_reads_are_snapshots():
    v = tf.Variable([1., 2.])
    t = v.value()
    v.assign([5., 6.])
    assert t.numpy().tolist() == [1.0, 2.0] and v.numpy().tolist() == [5.0, 6.0]


def test_assign_errors():
    with pytest.raises(ValueError) as e:
        tf.Variable([1., 2.]).assign([1., 2., 3.])
    assert str(e.value) == ("Cannot assign value to variable ' Variable:0': Shape mismatch.The variable shape (2,), "
                            "and the assigned value shape (3,) are incompatible.")
    with pytest.raises(TypeError, match=r"^Cannot convert \[1.5, 2.0\] to EagerTensor of dtype int32$"):
        tf.Variable([1, 2]).assign([1.5, 2.])
    with pytest.raises(ValueError, match="^Tensor conversion requested dtype float32 for Tensor with dtype int32"):
        tf.Variable([1., 2.]).assign(tf.constant([1, 2]))
    assert tf.Variable([1., 2.]).assign(np.array([5, 6])).numpy().tolist() == [5.0, 6.0]  # NumPy is cast


def test_in_place_updates_need_equal_shapes():
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.Variable([1., 2.]).assign_add(1.)
    assert str(e.value) == ("{{function_node __wrapped__AssignAddVariableOp_device_/job:localhost/replica:0/task:0/"
                            "device:CPU:0}} Cannot update variable with shape [2] using a Tensor with shape [], "
                            "shapes must be equal. [Op:AssignAddVariableOp] name: ")
    with pytest.raises(tf.errors.InvalidArgumentError, match="AssignSubVariableOp"):
        tf.Variable([1., 2.]).assign_sub([1., 1., 1.])
    v = tf.Variable([1., 2.])
    v.assign_sub([1., 1.])
    assert v.numpy().tolist() == [0.0, 1.0]


def test_conversion_to_tensor():
    v = tf.Variable([1., 2.])
    t = tf.convert_to_tensor(v)
    assert type(t).__name__ == "EagerTensor" and t.numpy().tolist() == [1.0, 2.0]
    with pytest.raises(ValueError) as e:
        tf.convert_to_tensor(v, dtype=tf.int32)
    assert str(e.value) == ("Incompatible type conversion requested to type int32 for `tf.Variable of type "
                            "float32. (Variable: <tf.Variable 'Variable:0' shape=(2,) dtype=float32, "
                            "numpy=array([1., 2.], dtype=float32)>)")


def test_python_protocols():
    assert float(tf.Variable(2.5)) == 2.5 and int(tf.Variable(2)) == 2 and not bool(tf.Variable(0.))
    assert [x.numpy() for x in tf.Variable([1, 2])] == [1, 2]
    assert np.asarray(tf.Variable([1., 2.])).dtype == np.float32
    with pytest.raises(TypeError, match="^object of type 'ResourceVariable' has no len\\(\\)$"):
        len(tf.Variable([1, 2, 3]))
    with pytest.raises(TypeError, match="^list indices must be integers or slices, not ResourceVariable$"):
        [10, 20, 30][tf.Variable(1)]
    with pytest.raises(TypeError, match="^unsupported format string passed to ResourceVariable.__format__$"):
        f"{tf.Variable(2.5):.1f}"
    with pytest.raises(TypeError, match=r"^Variable is unhashable. Instead, use variable.ref\(\) as the key."):
        hash(tf.Variable(1.))
    v = tf.Variable(1.)
    assert v.ref() == v.ref() and v.ref().deref() is v


def test_operators():
    v = tf.Variable([1., 2.])
    assert (v * 2).numpy().tolist() == [2.0, 4.0] and (1 - tf.Variable(2.)).numpy() == -1.0
    assert (v + tf.Variable([3., 4.])).numpy().tolist() == [4.0, 6.0]
    assert (tf.Variable([[1., 2.]]) @ tf.Variable([[1.], [2.]])).numpy().tolist() == [[5.0]]
    assert (v == tf.constant([1., 3.])).numpy().tolist() == [True, False]
    assert (v == tf.constant([1., 2., 3.])).numpy() == np.False_
    with pytest.raises(ValueError, match="^Attempt to convert a value \\(None\\)"):
        v == None  # noqa: E711  (unlike tensors, variables compare with None elementwise)
    with pytest.raises(TypeError, match="^Cannot convert 2.5 to EagerTensor of dtype int32$"):
        tf.Variable(1) * 2.5


def test_deepcopy_makes_an_independent_variable():
    v = tf.Variable([1., 2.], name="w")
    w = copy.deepcopy(v)
    w.assign([3., 4.])
    assert w.name == "w:0" and v.numpy().tolist() == [1.0, 2.0] and copy.copy(v) is v


def test_subclasses_keep_their_class():
    class MyVariable(tf.Variable):
        pass

    v = MyVariable(1.)
    assert type(v) is MyVariable and (v + 1.).numpy() == 2.0
