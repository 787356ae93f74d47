"""Tensor.__getitem__, strided_slice/slice, gather, gather_nd, scatters and boolean_mask.

Expected error texts were taken from TensorFlow 2.21 (eager CPU).
"""
import numpy as np
import pytest

import leantf as tf
from leantf.framework.symbolic import evaluate, placeholder

X = np.arange(12, dtype=np.float32).reshape(3, 4)
X3 = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
SS = "{{function_node __wrapped__StridedSlice_device_/job:localhost/replica:0/task:0/device:CPU:0}} "
BAD_INDEX = ("Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar tf.int32/tf.int64 "
             "tensors are valid indices, got ")


def _ss_error(detail):
    return SS + detail + " [Op:StridedSlice] name: strided_slice/"


# -- __getitem__ ----------------------------------------------------------------------
@pytest.mark.parametrize("key", [
    1, -1, (slice(None), 3), (Ellipsis, 2), slice(None, None, -1), (slice(None, None, -2), slice(None, None, -1)),
    (None, Ellipsis, None, 1), (slice(-100, 100), slice(2, -100)), (slice(1, None), slice(None, 2)), (),
    (1, 2), (slice(None), None), (Ellipsis,), [0, 1],
])
def test_getitem_matches_numpy(key):
    np_key = tuple(key) if isinstance(key, list) else key
    out = tf.constant(X)[key]
    np.testing.assert_array_equal(out.numpy(), X[np_key])
    assert out.dtype == tf.float32


def test_getitem_3d_ellipsis_and_negative_steps():
    t = tf.constant(X3)
    np.testing.assert_array_equal(t[1, ..., 2].numpy(), X3[1, ..., 2])
    np.testing.assert_array_equal(t[::-1, 2:0:-1, -1::-2].numpy(), X3[::-1, 2:0:-1, -1::-2])
    assert t[1:100:2, -100::3].shape == (1, 1, 4)


def test_getitem_scalar_tensor_indices():
    t = tf.constant(X)
    np.testing.assert_array_equal(t[tf.constant(1)].numpy(), X[1])
    np.testing.assert_array_equal(t[tf.constant(1, tf.int64)].numpy(), X[1])
    np.testing.assert_array_equal(t[tf.constant(1):tf.constant(3)].numpy(), X[1:3])
    np.testing.assert_array_equal(t[::tf.constant(2)].numpy(), X[::2])
    np.testing.assert_array_equal(t[tf.Variable(2)].numpy(), X[2])
    np.testing.assert_array_equal(t[np.int64(1)].numpy(), X[1])
    np.testing.assert_array_equal(t[np.array(1)].numpy(), X[1])


def test_getitem_on_variables_strings_and_scalars():
    v = tf.Variable([1., 2., 3.])
    np.testing.assert_array_equal(v[1:].numpy(), [2., 3.])
    s = tf.constant(["a", "b"])[1]
    assert s.dtype == tf.string and s.numpy() == b"b"
    assert tf.constant(3.0)[...].shape == ()
    assert tf.constant(3.0)[None].shape == (1,)
    assert tf.constant([True, False])[1].numpy() == False  # noqa: E712


def test_getitem_boolean_mask_key():
    out = tf.constant(X)[tf.constant([True, False, True])]
    np.testing.assert_array_equal(out.numpy(), X[[0, 2]])
    with pytest.raises(ValueError, match="mask cannot be scalar."):
        tf.constant(X)[True]


@pytest.mark.parametrize("key, detail", [
    (5, "slice index 5 of dimension 0 out of bounds."),
    ((slice(None), 5), "slice index 5 of dimension 1 out of bounds."),
    (-4, "slice index -1 of dimension 0 out of bounds."),
    ((slice(None), -5), "slice index -1 of dimension 1 out of bounds."),
    ((1, 2, 3), "Index out of range using input dim 2; input has only 2 dims"),
    (slice(None, None, 0), "strides[0] must be non-zero"),
    ((Ellipsis, Ellipsis), "Multiple ellipses in slice spec not allowed"),
    (2 ** 40, "slice index 1099511627776 of dimension 0 out of bounds."),
    ((None, 1, slice(None, None, 0)), "strides[1] must be non-zero"),
    ((5, slice(None, None, 0)), "slice index 5 of dimension 0 out of bounds."),
])
def test_getitem_errors_match_tf(key, detail):
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.constant(X)[key]
    assert str(e.value) == _ss_error(detail)


def test_getitem_scalar_and_empty_dimension_errors():
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.constant(1.0)[0]
    assert str(e.value) == _ss_error("Attempting to slice scalar input.")
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.zeros((3, 0))[:, 0]
    assert str(e.value) == _ss_error("slice index 0 of dimension 1 out of bounds.")
    assert tf.zeros((0, 3))[1:].shape == (0, 3)


@pytest.mark.parametrize("key, shown", [
    (1.0, "1.0"), (slice(1.0, None), "1.0"), ("a", "'a'"), (np.array([0, 1]), "array([0, 1])"),
    (np.bool_(True), "np.True_"), ((0, [1]), "[1]"),
])
def test_getitem_bad_index_types(key, shown):
    with pytest.raises(TypeError) as e:
        tf.constant(X)[key]
    assert str(e.value) == BAD_INDEX + shown


def test_getitem_bad_tensor_indices():
    for idx in (tf.constant(1.0), tf.constant(1, tf.int8), tf.constant([1])):
        with pytest.raises(TypeError) as e:
            tf.constant(X)[idx]
        assert str(e.value) == BAD_INDEX + repr(idx)


def test_iterating_a_tensor_uses_getitem():
    rows = [r.numpy().tolist() for r in tf.constant(X)]
    assert rows == X.tolist()


def test_getitem_gradient_scatters_back():
    x = tf.Variable(X)
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(x[1:, ::-2] * 2.0)
    g = tape.gradient(y, x).numpy()
    expected = np.zeros_like(X)
    expected[1:, ::-2] = 2.0
    np.testing.assert_array_equal(g, expected)


def test_getitem_symbolic_shapes():
    x = placeholder([None, 5])
    assert x[:, 3].shape.as_list() == [None]
    assert x[0].shape.as_list() == [5]
    assert x[..., None].shape.as_list() == [None, 5, 1]
    assert x[1:, ::2].shape.as_list() == [None, 3]
    with pytest.raises(ValueError, match="slice index 7 of dimension 1 out of bounds."):
        x[:, 7]


def test_getitem_symbolic_index_is_a_graph_input():
    x, i = placeholder([None, 5]), placeholder([], tf.int32)
    y, z = x[i], x[:, i:]
    assert y.shape.as_list() == [5] and z.shape.as_list() == [None, None]
    xv = np.arange(10.).reshape(2, 5)
    feeds = [(x, tf.constant(xv)), (i, tf.constant(1))]
    np.testing.assert_array_equal(evaluate(y, feeds).numpy(), xv[1])
    np.testing.assert_array_equal(evaluate(z, feeds).numpy(), xv[:, 1:])


# -- strided_slice / slice --------------------------------------------------------------
def test_strided_slice_masks():
    x = tf.constant(X[:2, :3])
    np.testing.assert_array_equal(tf.strided_slice(x, [0, 2], [2, 0], [1, -1]).numpy(), X[:2, 2:0:-1])
    out = tf.strided_slice(x, [1, 0], [0, 0], [1, 1], end_mask=2, shrink_axis_mask=1)
    np.testing.assert_array_equal(out.numpy(), X[1, :3])
    out = tf.strided_slice(x, [0, 1], [0, 2], [1, 1], ellipsis_mask=1)
    np.testing.assert_array_equal(out.numpy(), X[:2, 1:2])
    assert tf.strided_slice(x, [0, 1], [0, 2], [1, 1], new_axis_mask=1).shape == (1, 1, 3)
    assert tf.strided_slice(x, [0], [1]).shape == (1, 3)


def test_slice_values_and_errors():
    x = tf.constant(X[:2, :3])
    np.testing.assert_array_equal(tf.slice(x, [0, 1], [2, -1]).numpy(), X[:2, 1:3])
    np.testing.assert_array_equal(tf.slice(x, tf.constant([1, 0]), tf.constant([1, 2])).numpy(), X[1:2, 0:2])
    pre = "{{function_node __wrapped__Slice_device_/job:localhost/replica:0/task:0/device:CPU:0}} "
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.slice(x, [0, 1], [3, 1])
    assert str(e.value) == pre + "Expected size[0] in [0, 2], but got 3 [Op:Slice]"
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.slice(x, [0], [3])
    assert str(e.value) == pre + ("Expected begin and size arguments to be 1-D tensors of size 2, but got shapes "
                                  "[1] and [1] instead. [Op:Slice]")


# -- gather -----------------------------------------------------------------------------
G = "{{function_node __wrapped__GatherV2_device_/job:localhost/replica:0/task:0/device:CPU:0}} "


def test_gather_values():
    x = tf.constant(X[:2, :3])
    np.testing.assert_array_equal(tf.gather(x, [2, 0], axis=1).numpy(), X[:2, [2, 0]])
    np.testing.assert_array_equal(tf.gather(x, 1).numpy(), X[1, :3])
    np.testing.assert_array_equal(tf.gather(x, tf.constant([1], tf.int64)).numpy(), X[[1], :3])
    np.testing.assert_array_equal(tf.gather(x, [1], axis=tf.constant(1)).numpy(), X[:2, [1]])
    np.testing.assert_array_equal(tf.gather(x, [[1], [0]], axis=1, batch_dims=1).numpy(), [[1.], [4.]])
    np.testing.assert_array_equal(tf.gather(x, [[1], [0]], batch_dims=-1).numpy(), [[1.], [4.]])
    # TF's wrapper ignores batch_dims when axis is 0
    assert tf.gather(tf.zeros((2, 3, 4)), tf.zeros((2, 3), tf.int32), axis=0, batch_dims=1).shape == (2, 3, 3, 4)


def test_gather_batch_dims_matches_numpy():
    p = np.arange(120).reshape(2, 3, 4, 5)
    i = np.array([[[1, 0], [2, 2], [0, 3]], [[3, 3], [1, 0], [2, 1]]])
    out = tf.gather(p, i, axis=2, batch_dims=2).numpy()
    expected = np.stack([np.stack([p[a, b][i[a, b]] for b in range(3)]) for a in range(2)])
    np.testing.assert_array_equal(out, expected)
    out = tf.gather(p, i[:, 0], axis=3, batch_dims=1).numpy()
    expected = np.stack([p[a][..., i[a, 0]] for a in range(2)])
    np.testing.assert_array_equal(out, expected)


def test_gather_errors_match_tf():
    x = tf.constant(X[:2, :3])
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.gather(x, [[0, 5]], axis=1)
    assert str(e.value) == G + "indices[0,1] = 5 is not in [0, 3) [Op:GatherV2]"
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.gather(x, [-1])
    assert str(e.value) == G + "indices[0] = -1 is not in [0, 2) [Op:GatherV2]"
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.gather(x, [0], axis=2)
    assert str(e.value) == G + "Shape must be at least rank 3 but is rank 2 [Op:GatherV2]"
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.gather(tf.zeros((2, 3, 4)), tf.zeros((3, 3), tf.int32), axis=1, batch_dims=1)
    assert str(e.value) == G + "params.shape[0]: 2 should be equal to indices.shape[0]: 3 [Op:GatherV2] name: "
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.gather(x, [0.])
    assert str(e.value).startswith("Value for attr 'Tindices' of float is not in the list of allowed values: "
                                   "int16, int32, int64\n\t; NodeDef: {{node GatherV2}}; Op<name=GatherV2; ")


def test_gather_gradient_accumulates_repeated_indices():
    x = tf.Variable(X)
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(tf.gather(x, [0, 2, 0], axis=0))
    np.testing.assert_array_equal(tape.gradient(y, x).numpy(), np.array([[2.] * 4, [0.] * 4, [1.] * 4]))


# -- gather_nd / scatter_nd / tensor_scatter ---------------------------------------------
def test_gather_nd_values_and_errors():
    x = tf.constant(X[:2, :3])
    np.testing.assert_array_equal(tf.gather_nd(x, [[0, 1], [1, 2]]).numpy(), [1., 6.])
    np.testing.assert_array_equal(tf.gather_nd(x, [[1]]).numpy(), X[[1], :3])
    p = tf.reshape(tf.range(12), (2, 3, 2))
    np.testing.assert_array_equal(tf.gather_nd(p, [[1], [0]], batch_dims=1).numpy(), [[2, 3], [6, 7]])
    pre = "{{function_node __wrapped__GatherNd_device_/job:localhost/replica:0/task:0/device:CPU:0}} "
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.gather_nd(x, [[[0, 1], [1, 3]]])
    assert str(e.value) == pre + ("indices[0,1] = [1, 3] does not index into param shape [2,3], node name: "
                                  "GatherNd [Op:GatherNd]")
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.gather_nd(x, [[0, 1, 0]])
    assert str(e.value) == pre + "index innermost dimension length must be <= params rank; saw: 3 vs. 2 [Op:GatherNd]"


def test_scatter_nd_sums_duplicates_and_checks_shapes():
    np.testing.assert_array_equal(tf.scatter_nd([[1], [3]], [9., 10.], [5]).numpy(), [0, 9, 0, 10, 0])
    np.testing.assert_array_equal(tf.scatter_nd([[1], [1]], [9., 10.], tf.constant([5])).numpy(), [0, 19, 0, 0, 0])
    pre = "{{function_node __wrapped__ScatterNd_device_/job:localhost/replica:0/task:0/device:CPU:0}} "
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.scatter_nd([[1], [7]], [9., 10.], [5])
    assert str(e.value) == pre + "indices[1] = [7] does not index into shape [5] [Op:ScatterNd]"
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.scatter_nd([[1], [3]], [9., 10., 3.], [5])
    assert str(e.value) == pre + ("Dimensions [0,1) of indices[shape=[2,1]] must match dimensions [0,1) of "
                                  "updates[shape=[3]] [Op:ScatterNd]")


def test_tensor_scatter_ops():
    x = tf.constant(X[:2, :3])
    np.testing.assert_array_equal(tf.tensor_scatter_nd_update(x, [[0, 0], [1, 2]], [10., 20.]).numpy(),
                                  [[10, 1, 2], [4, 5, 20]])
    np.testing.assert_array_equal(tf.tensor_scatter_nd_update(x, [[1]], [[7, 8, 9]]).numpy(), [[0, 1, 2], [7, 8, 9]])
    np.testing.assert_array_equal(tf.tensor_scatter_nd_add(x, [[1], [1]], [[7., 8., 9.], [1., 1., 1.]]).numpy(),
                                  [[0, 1, 2], [12, 14, 16]])
    np.testing.assert_array_equal(tf.tensor_scatter_nd_sub(x, [[0]], [[1., 1., 1.]]).numpy(), [[-1, 0, 1], [4, 5, 6]])
    np.testing.assert_array_equal(x.numpy(), X[:2, :3])  # inputs are never modified
    pre = "{{function_node __wrapped__TensorScatterUpdate_device_/job:localhost/replica:0/task:0/device:CPU:0}} "
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.tensor_scatter_nd_update(x, [[5]], [[7., 8., 9.]])
    assert str(e.value) == pre + "indices[0] = [5] does not index into shape [2,3] [Op:TensorScatterUpdate]"
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.tensor_scatter_nd_update(x, [[1]], [[7., 8.]])
    assert str(e.value) == pre + ("The inner 1 dimensions of output.shape=[2,3] must match the inner 1 dimensions "
                                  "of updates.shape=[1,2] [Op:TensorScatterUpdate]")


# -- boolean_mask -------------------------------------------------------------------------
def test_boolean_mask():
    x = tf.constant(X[:2, :3])
    np.testing.assert_array_equal(tf.boolean_mask(x, [True, False]).numpy(), X[:1, :3])
    m2 = np.array([[True, False, True], [False, True, False]])
    np.testing.assert_array_equal(tf.boolean_mask(x, m2).numpy(), X[:2, :3][m2])
    np.testing.assert_array_equal(tf.boolean_mask(x, [True, False, True], axis=1).numpy(), X[:2, [0, 2]])
    np.testing.assert_array_equal(tf.boolean_mask(x, [1, 0]).numpy(), X[:1, :3])
    t3 = np.arange(24).reshape(2, 3, 4)
    np.testing.assert_array_equal(tf.boolean_mask(t3, m2).numpy(), t3[m2])
    with pytest.raises(ValueError, match=r"Shapes \(2,\) and \(3,\) are incompatible"):
        tf.boolean_mask(x, [True, False, True])


def test_boolean_mask_symbolic_and_gradient():
    x = placeholder([None, 5])
    assert tf.boolean_mask(x, placeholder([None], tf.bool)).shape.as_list() == [None, 5]
    v = tf.Variable(X)
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(tf.boolean_mask(v, [True, False, True]))
    np.testing.assert_array_equal(tape.gradient(y, v).numpy(), [[1.] * 4, [0.] * 4, [1.] * 4])
