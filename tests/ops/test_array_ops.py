"""Array ops: values against NumPy, TF's errors (texts taken from TensorFlow 2.21), symbolic shapes,
and the gradient cases of every array and indexing primitive."""
import numpy as np
import pytest

import leantf as tf
from leantf.framework.primitive import PRIMITIVES
from leantf.framework.symbolic import placeholder
from leantf.testing import GradCase

rng = np.random.default_rng(7)
A = rng.standard_normal((3, 4))
B = rng.standard_normal((3, 2))
C = rng.standard_normal((2, 3, 4))
V = rng.standard_normal((5,))
X = np.arange(6, dtype=np.float32).reshape(2, 3)
PRE = "{{function_node __wrapped__%s_device_/job:localhost/replica:0/task:0/device:CPU:0}} "


def _err(op, detail, tail="", kernel=None):
    return PRE % (kernel or op) + detail + f" [Op:{op}]" + tail


def _prim(name):
    return PRIMITIVES[name]


GRADIENT_CASES = {
    "StridedSlice": [GradCase(lambda x: x[1:, ::-2], [A]), GradCase(lambda x: x[None, 1, ..., 2], [C]),
                     GradCase(lambda x: tf.strided_slice(x, [0, 1], [2, 4], [1, 2]), [A])],
    "StridedSliceGrad": [GradCase(lambda g: _prim("StridedSliceGrad")(tf.constant(A), g,
                                                                      key=(slice(1, None), slice(None, None, -2))),
                                  [A[1:, ::-2]])],
    "Transpose": [GradCase(lambda x: tf.transpose(x, [2, 0, 1]), [C])],
    "ConcatV2": [GradCase(lambda x, y: tf.concat([x, y, x], axis=1), [A, B])],
    "SplitV": [GradCase(lambda x: tf.split(x, [1, 3], axis=1)[1] * 2.0, [A]),
               GradCase(lambda x: tf.split(x, 2, axis=-1), [A])],
    "Squeeze": [GradCase(lambda x: tf.squeeze(x, axis=1), [A[:, :1]])],
    "ExpandDims": [GradCase(lambda x: tf.expand_dims(x, -1), [A])],
    "Tile": [GradCase(lambda x: tf.tile(x, [2, 3]), [B])],
    "Pad": [GradCase(lambda x: tf.pad(x, [[1, 0], [2, 3]]), [A])],
    "PadV2": [GradCase(lambda x: tf.pad(x, [[1, 2], [0, 1]], constant_values=3.0), [A])],
    "MirrorPad": [GradCase(lambda x: tf.pad(x, [[1, 2], [3, 2]], mode="REFLECT"), [A]),
                  GradCase(lambda x: tf.pad(x, [[2, 3], [4, 1]], mode="SYMMETRIC"), [A])],
    "MirrorPadGrad": [GradCase(lambda g: _prim("MirrorPadGrad")(g, paddings=((1, 2), (2, 1)), mode="REFLECT"),
                               [rng.standard_normal((6, 7))])],
    "GatherV2": [GradCase(lambda x: tf.gather(x, [2, 0, 2], axis=1), [A]),
                 GradCase(lambda x: tf.gather(x, [[1, 0], [2, 2]], axis=2, batch_dims=1), [C]),
                 GradCase(lambda x: tf.sort(x, axis=0), [A]),
                 GradCase(lambda x: tf.boolean_mask(x, [[True, False, True, True]] * 3), [A])],
    "GatherV2Grad": [GradCase(lambda g: _prim("GatherV2Grad")(tf.constant(A), g, tf.constant([3, 1, 3]), axis=1,
                                                              batch_dims=0), [B[:, :1].repeat(3, 1)])],
    "GatherNd": [GradCase(lambda x: tf.gather_nd(x, [[0, 1], [2, 3], [0, 1]]), [A])],
    "ScatterNd": [GradCase(lambda u: tf.scatter_nd([[1], [3], [1]], u, [5, 2]), [B])],
    "TensorScatterUpdate": [GradCase(lambda x, u: tf.tensor_scatter_nd_update(x, [[0, 1], [2, 3]], u),
                                     [A, V[:2]])],
    "TensorScatterAdd": [GradCase(lambda x, u: tf.tensor_scatter_nd_add(x, [[0], [0]], u), [A, A[:2]])],
    "TensorScatterSub": [GradCase(lambda x, u: tf.tensor_scatter_nd_sub(x, [[2]], u), [A, A[:1]])],
    "ReverseV2": [GradCase(lambda x: tf.reverse(x, [0, -1]), [C])],
}


# -- transpose -----------------------------------------------------------------------------
def test_transpose_values_and_errors():
    np.testing.assert_array_equal(tf.transpose(X).numpy(), X.T)
    np.testing.assert_array_equal(tf.transpose(C, [2, 0, 1]).numpy(), C.transpose(2, 0, 1))
    np.testing.assert_array_equal(tf.transpose(X, tf.constant([1, 0])).numpy(), X.T)
    assert tf.transpose(tf.constant(1.)).numpy() == 1.
    out = tf.transpose(tf.constant([[1 + 2j]]), conjugate=True)
    assert out.numpy()[0, 0] == 1 - 2j
    for perm, detail in (([0, 0], "1 is missing from {0,0}."),
                         ([0], "transpose expects a vector of size 2. But input(1) is a vector of size 1"),
                         ([0, 2], "2 is out of range [0 .. 2)")):
        with pytest.raises(tf.errors.InvalidArgumentError) as e:
            tf.transpose(X, perm)
        assert str(e.value) == _err("Transpose", detail)


def test_transpose_symbolic():
    x = placeholder([None, 5])
    assert tf.transpose(x).shape.as_list() == [5, None]
    with pytest.raises(ValueError, match="1 is missing from"):
        tf.transpose(x, [0, 0])


# -- concat / split --------------------------------------------------------------------------
def test_concat_values():
    np.testing.assert_array_equal(tf.concat([X, X], 0).numpy(), np.concatenate([X, X], 0))
    np.testing.assert_array_equal(tf.concat([X, X], -1).numpy(), np.concatenate([X, X], 1))
    np.testing.assert_array_equal(tf.concat([X], 0).numpy(), X)
    out = tf.concat([[1, 2], [3]], 0)
    assert out.dtype == tf.int32 and out.numpy().tolist() == [1, 2, 3]
    assert tf.concat([tf.constant(X), [[1., 2., 3.]]], 0).shape == (3, 3)
    assert tf.concat([X, X], tf.constant(1)).shape == (2, 6)


@pytest.mark.parametrize("values, axis, detail", [
    ([X, X], 2, "ConcatOp : Expected concatenating dimensions in the range [-2, 2), but got 2"),
    ([X, np.zeros(3, np.float32)], 0, "ConcatOp : Ranks of all input tensors should match: shape[0] = [2,3] vs. "
                                      "shape[1] = [3]"),
    ([X, X, np.zeros((2, 4), np.float32)], 0, "ConcatOp : Dimension 1 in both shapes must be equal: shape[0] = "
                                              "[2,3] vs. shape[2] = [2,4]"),
    ([np.float32(1), np.float32(2)], 0, "ConcatOp : Can't concatenate scalars (use tf.stack instead)"),
])
def test_concat_errors_match_tf(values, axis, detail):
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.concat([tf.constant(v) for v in values], axis)
    assert str(e.value) == _err("ConcatV2", detail, " name: concat", f"ConcatV2_N_{len(values)}")


def test_concat_dtype_errors():
    with pytest.raises(TypeError, match=r"Cannot convert \[3.0\] to EagerTensor of dtype int32"):
        tf.concat([[1, 2], [3.0]], 0)
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.concat([tf.constant(X), tf.zeros((2, 3), tf.int32)], 0)
    assert str(e.value) == ("cannot compute ConcatV2 as input #1(zero-based) was expected to be a float tensor but "
                            "is a int32 tensor [Op:ConcatV2] name: concat")


def test_concat_symbolic_shapes_and_errors():
    x = placeholder([None, 5])
    assert tf.concat([x, x], 1).shape.as_list() == [None, 10]
    assert tf.concat([x, tf.zeros((3, 5))], 0).shape.as_list() == [None, 5]
    with pytest.raises(ValueError, match="Shape must be rank 2 but is rank 3"):
        tf.concat([x, placeholder([None, 4, 2])], 1)
    with pytest.raises(ValueError, match="Dimension 1 in both shapes must be equal, but are 5 and 4"):
        tf.concat([x, placeholder([3, 4])], 0)


def test_concat_gradient_with_unknown_sizes_slices_by_shape():
    from leantf.framework.symbolic import evaluate
    x, y, g = placeholder([None, 3]), placeholder([None, 3]), placeholder([None, 3])
    gx, gy = PRIMITIVES["ConcatV2"].vjp_rule(g, None, x, y, axis=0)
    assert gx.shape.as_list() == [None, 3] and gy.shape.as_list() == [None, 3]
    gv = np.arange(15.).reshape(5, 3)
    out = evaluate([gx, gy], [(x, np.zeros((2, 3))), (y, np.zeros((3, 3))), (g, gv)])
    np.testing.assert_array_equal(out[0].numpy(), gv[:2])
    np.testing.assert_array_equal(out[1].numpy(), gv[2:])


def test_split_values():
    parts = tf.split(X, 3, axis=1)
    assert len(parts) == 3 and all(p.shape == (2, 1) for p in parts)
    for sizes in ([1, 2], [1, -1], tf.constant([1, 2])):
        a, b = tf.split(X, sizes, axis=1)
        np.testing.assert_array_equal(a.numpy(), X[:, :1])
        np.testing.assert_array_equal(b.numpy(), X[:, 1:])
    one = tf.split(X, 1, axis=1)
    assert isinstance(one, list) and one[0].shape == (2, 3)


def test_split_errors_match_tf():
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.split(X, 2, axis=1)
    assert str(e.value) == _err("Split", "Number of ways to split should evenly divide the split dimension, but "
                                         "got split_dim 1 (size = 3) and num_split 2", " name: split",
                                "Split_num_split_2")
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.split(X, 2, axis=3)
    assert str(e.value) == _err("Split", "-input rank(-2) <= split_dim < input rank (2), but got 3", " name: split",
                                "Split_num_split_2")
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.split(X, [1, 1], axis=1)
    assert str(e.value) == _err("SplitV", "Determined shape must either match input shape along split_dim exactly "
                                          "if fully specified, or be less than the size of the input along "
                                          "split_dim if not fully specified.  Got: 2", " name: split",
                                "SplitV_num_split_2")
    with pytest.raises(tf.errors.InvalidArgumentError, match="Value for attr 'num_split' of 0 must be at least"):
        tf.split(X, 0, axis=1)


def test_split_symbolic():
    x = placeholder([None, 5])
    assert [t.shape.as_list() for t in tf.split(x, [2, 3], 1)] == [[None, 2], [None, 3]]
    with pytest.raises(ValueError, match="evenly divide"):
        tf.split(x, 2, 1)


# -- squeeze / expand_dims / tile --------------------------------------------------------------
def test_squeeze_and_expand_dims():
    z = tf.zeros((1, 2, 1))
    assert tf.squeeze(z).shape == (2,)
    assert tf.squeeze(z, axis=[2]).shape == (1, 2)
    assert tf.squeeze(z, axis=-1).shape == (1, 2)
    assert tf.squeeze(z, axis=(0, 2)).shape == (2,)
    assert tf.expand_dims(X, -1).shape == (2, 3, 1)
    assert tf.expand_dims(X, [1]).shape == (2, 1, 3)
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.squeeze(z, axis=1)
    assert str(e.value) == _err("Squeeze", "Can not squeeze dim[1], expected a dimension of 1, got 2", " name: ")
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.squeeze(z, axis=3)
    assert str(e.value) == _err("Squeeze", "Tried to squeeze dim index 3 for tensor with 3 dimensions.", " name: ")
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.expand_dims(X, -4)
    assert str(e.value) == _err("ExpandDims", "Tried to expand dim index -4 for tensor with 2 dimensions.",
                                " name: ")
    with pytest.raises(ValueError, match=r"Attempt to convert a value \(None\)"):
        tf.expand_dims(X, None)


def test_squeeze_expand_symbolic():
    x = placeholder([None, 1, 3])
    assert tf.squeeze(x, 1).shape.as_list() == [None, 3]
    assert tf.squeeze(x).shape.rank is None      # unknown dims may or may not be 1
    assert tf.expand_dims(x, 1).shape.as_list() == [None, 1, 1, 3]


def test_tile_values_and_errors():
    np.testing.assert_array_equal(tf.tile(X, [2, 1]).numpy(), np.tile(X, (2, 1)))
    np.testing.assert_array_equal(tf.tile(X, tf.constant([1, 2])).numpy(), np.tile(X, (1, 2)))
    assert tf.tile(tf.constant(1.), []).numpy() == 1.
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.tile(X, [2])
    assert str(e.value) == _err("Tile", "Expected multiples argument to be a vector of length 2 but got length 1")
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.tile(X, [-1, 1])
    assert str(e.value) == _err("Tile", "Expected multiples[0] >= 0, but got -1")


def test_tile_symbolic_multiples():
    x = placeholder([None, 5])
    assert tf.tile(x, [2, 3]).shape.as_list() == [None, 15]
    assert tf.tile(x, [tf.shape(x)[0], 1]).shape.as_list() == [None, 5]
    # the gradient of a dynamically tiled tensor folds the copies back
    t = tf.constant(B)
    with tf.GradientTape() as tape:
        tape.watch(t)
        y = tf.reduce_sum(tf.tile(t, [tf.constant(2), 3]))
    np.testing.assert_array_equal(tape.gradient(y, t).numpy(), np.full(B.shape, 6.))


# -- pad ---------------------------------------------------------------------------------------
def test_pad_values():
    np.testing.assert_array_equal(tf.pad(X, [[1, 0], [0, 2]], constant_values=9).numpy(),
                                  np.pad(X, [[1, 0], [0, 2]], constant_values=9))
    np.testing.assert_array_equal(tf.pad(X, [[1, 1], [2, 2]], mode="REFLECT").numpy(),
                                  np.pad(X, [[1, 1], [2, 2]], mode="reflect"))
    np.testing.assert_array_equal(tf.pad(X, [[1, 1], [2, 3]], mode="symmetric").numpy(),
                                  np.pad(X, [[1, 1], [2, 3]], mode="symmetric"))
    assert tf.pad(tf.constant([1, 2]), [[1, 1]], constant_values=7).numpy().tolist() == [7, 1, 2, 7]
    assert tf.pad(tf.constant([True]), [[1, 1]]).numpy().tolist() == [False, True, False]
    assert tf.pad(tf.constant(["a"]), [[1, 1]]).numpy().tolist() == [b"", b"a", b""]
    assert tf.pad(tf.zeros((1, 2)), tf.constant([[1, 1], [0, 0]])).shape == (3, 2)


def test_pad_errors_match_tf():
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.pad(X, [[2, 0], [0, 0]], mode="REFLECT")
    assert str(e.value) == _err("MirrorPad", "paddings must be less than the dimension size: 2, 0 not less than 2")
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.pad(X, [[3, 0], [0, 0]], mode="SYMMETRIC")
    assert str(e.value) == _err("MirrorPad", "paddings must be no greater than the dimension size: 3, 0 greater "
                                             "than 2")
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.pad(X, [[1, 1]])
    assert str(e.value) == _err("Pad", "The first dimension of paddings must be the rank of inputs[1,2] [2,3]")
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.pad(X, [[-1, 0], [0, 0]])
    assert str(e.value) == _err("Pad", "Paddings must be non-negative: -1 0")
    with pytest.raises(ValueError) as e:
        tf.pad(X, [[1, 1], [1, 1]], mode="foo")
    assert str(e.value) == ('Value of argument `mode` expected to be one of "CONSTANT", "REFLECT", or "SYMMETRIC". '
                            'Received `mode` = FOO')
    with pytest.raises(TypeError, match="Cannot convert 1.5 to EagerTensor of dtype int32"):
        tf.pad(tf.constant([1, 2]), [[1, 1]], constant_values=1.5)


def test_mirror_pad_gradient_folds_borders():
    x = tf.constant(np.arange(4.))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.pad(x, [[2, 1]], mode="REFLECT")   # [2, 1, 0, 1, 2, 3, 2]
    np.testing.assert_array_equal(tape.gradient(y, x).numpy(), [1., 2., 3., 1.])


# -- reverse / shape queries -----------------------------------------------------------------
def test_reverse():
    np.testing.assert_array_equal(tf.reverse(X, [1]).numpy(), X[:, ::-1])
    np.testing.assert_array_equal(tf.reverse(X, [-1, 0]).numpy(), X[::-1, ::-1])
    assert tf.reverse(X, []).shape == (2, 3)
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.reverse(X, [1, -1])
    assert str(e.value) == _err("ReverseV2", "axis 1 specified more than once.")
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.reverse(X, [2])
    assert str(e.value) == _err("ReverseV2", "'axis'[0] = 2 is out of valid range [0, 1")
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.reverse(X, 1)
    assert str(e.value) == _err("ReverseV2", "'dims' must be 1-dimension, not 0", " name: ")


def test_shape_n_size_rank():
    s = tf.shape_n([X, tf.zeros(3)])
    assert [t.numpy().tolist() for t in s] == [[2, 3], [3]]
    assert tf.shape_n([X], out_type=tf.int64)[0].dtype == tf.int64
    assert tf.size(X).numpy() == 6 and tf.size(X).dtype == tf.int32
    assert tf.size(X, out_type=tf.int64).dtype == tf.int64
    assert tf.size(X, out_type=tf.float32).numpy() == 6.
    assert tf.rank(X).numpy() == 2 and tf.rank(X).dtype == tf.int32
    x = placeholder([None, 5])
    assert tf.size(x).shape.as_list() == [] and tf.size(x).dtype == tf.int32
    assert tf.rank(x).numpy() == 2


# -- meshgrid ----------------------------------------------------------------------------------
def test_meshgrid():
    a, b = tf.meshgrid([1, 2, 3], [4, 5])
    ea, eb = np.meshgrid([1, 2, 3], [4, 5])
    np.testing.assert_array_equal(a.numpy(), ea)
    np.testing.assert_array_equal(b.numpy(), eb)
    a, b = tf.meshgrid([1, 2, 3], [4, 5], indexing="ij")
    ea, eb = np.meshgrid([1, 2, 3], [4, 5], indexing="ij")
    np.testing.assert_array_equal(a.numpy(), ea)
    np.testing.assert_array_equal(b.numpy(), eb)
    assert [t.shape for t in tf.meshgrid([1, 2, 3], [4, 5], [1, 2, 3, 4])] == [(2, 3, 4)] * 3
    assert tf.meshgrid() == []
    with pytest.raises(ValueError, match="Argument `indexing` parameter must be either 'xy' or 'ij', got 'foo'"):
        tf.meshgrid([1], indexing="foo")
    with pytest.raises(TypeError, match="'foo' is an invalid keyword argument for this function"):
        tf.meshgrid([1], foo=1)


# -- sort / argsort -----------------------------------------------------------------------------
def test_sort_and_argsort():
    v = tf.constant([3., 1., 2., 1.])
    np.testing.assert_array_equal(tf.sort(v).numpy(), [1, 1, 2, 3])
    np.testing.assert_array_equal(tf.sort(v, direction="DESCENDING").numpy(), [3, 2, 1, 1])
    assert tf.argsort(v).numpy().tolist() == [1, 3, 2, 0]
    assert tf.argsort(v).dtype == tf.int32
    assert tf.argsort(tf.constant([1., 3., 1., 3.]), direction="DESCENDING").numpy().tolist() == [1, 3, 0, 2]
    assert tf.argsort(tf.constant([-2 ** 31, 3, 1, 3])).numpy().tolist() == [0, 2, 1, 3]
    m = rng.integers(0, 5, (2, 3, 4))
    np.testing.assert_array_equal(tf.sort(m, axis=1).numpy(), np.sort(m, axis=1))
    np.testing.assert_array_equal(tf.argsort(m, axis=0).numpy(), np.argsort(m, axis=0, kind="stable"))
    np.testing.assert_array_equal(tf.sort(tf.constant([3, 1, 255], tf.uint8)).numpy(), [1, 3, 255])


def test_sort_errors_match_tf():
    with pytest.raises(ValueError, match="Argument `direction` should be one of ASCENDING, DESCENDING. Received: "
                                         "direction=UP"):
        tf.sort([1.], direction="UP")
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.sort(tf.constant(3.))
    assert "slice index -1 of dimension 0 out of bounds. [Op:StridedSlice]" in str(e.value)
    with pytest.raises(tf.errors.InvalidArgumentError, match="Value for attr 'T' of bool is not in the list"):
        tf.sort(tf.constant([True, False]))


# -- unique -------------------------------------------------------------------------------------
def test_unique():
    y, idx = tf.unique(tf.constant([1, 1, 2, 4, 4, 4, 7, 8, 8]))
    assert y.numpy().tolist() == [1, 2, 4, 7, 8] and idx.numpy().tolist() == [0, 0, 1, 2, 2, 2, 3, 4, 4]
    out = tf.unique(tf.constant([5, 3, 5, 1, 3, 9]))
    assert type(out).__name__ == "Unique"
    assert out.y.numpy().tolist() == [5, 3, 1, 9] and out.idx.numpy().tolist() == [0, 1, 0, 2, 1, 3]
    assert tf.unique(tf.constant([1., 1., 2.]), out_idx=tf.int64).idx.dtype == tf.int64
    assert tf.unique(tf.constant(["a", "b", "a"])).y.numpy().tolist() == [b"a", b"b"]
    c = tf.unique_with_counts(tf.constant([1, 1, 2]))
    assert type(c).__name__ == "UniqueWithCounts" and c.count.numpy().tolist() == [2, 1]
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.unique(tf.constant([[1]]))
    assert str(e.value) == _err("Unique", "unique expects a 1D vector.", " name: ")


# -- sequence_mask / repeat -----------------------------------------------------------------------
def test_sequence_mask():
    np.testing.assert_array_equal(tf.sequence_mask([1, 3, 2], 5).numpy(), np.arange(5) < np.array([[1], [3], [2]]))
    np.testing.assert_array_equal(tf.sequence_mask([1, 3, 2]).numpy(), np.arange(3) < np.array([[1], [3], [2]]))
    assert tf.sequence_mask([[1, 3], [2, 0]]).shape == (2, 2, 3)
    out = tf.sequence_mask([1, 3], 4, dtype=tf.float32)
    assert out.dtype == tf.float32 and out.numpy().tolist() == [[1, 0, 0, 0], [1, 1, 1, 0]]
    assert tf.sequence_mask([1., 3.], 4).dtype == tf.bool
    assert tf.sequence_mask(2, 4).numpy().tolist() == [True, True, False, False]
    with pytest.raises(ValueError) as e:
        tf.sequence_mask([1, 3], [4])
    assert str(e.value) == ("Argument `maxlen` must be scalar for sequence_mask, received `maxlen` = [4] with "
                            "shape '(1,)' instead")
    assert tf.sequence_mask(placeholder([None], tf.int32), 7).shape.as_list() == [None, 7]


def test_repeat():
    m = [[1, 2], [3, 4]]
    np.testing.assert_array_equal(tf.repeat(m, 2).numpy(), np.repeat(m, 2))
    np.testing.assert_array_equal(tf.repeat(m, [1, 2], axis=0).numpy(), np.repeat(m, [1, 2], axis=0))
    np.testing.assert_array_equal(tf.repeat(m, 3, axis=1).numpy(), np.repeat(m, 3, axis=1))
    np.testing.assert_array_equal(tf.repeat(m, [2], axis=1).numpy(), np.repeat(m, 2, axis=1))
    assert tf.repeat(3, 4).numpy().tolist() == [3, 3, 3, 3]
    with pytest.raises(ValueError, match="Dimensions 2 and 3 are not compatible"):
        tf.repeat(m, [1, 2, 3], axis=0)
    with pytest.raises(ValueError, match="axis=2 out of bounds: expected -2<=axis<2"):
        tf.repeat(m, 2, axis=2)
    x = tf.constant(A)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(tf.repeat(x, [1, 0, 3], axis=0))
    np.testing.assert_array_equal(tape.gradient(y, x).numpy(), np.repeat([[1.], [0.], [3.]], 4, axis=1))
