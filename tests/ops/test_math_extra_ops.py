"""Clipping, scans, top_k, segment reductions, bincount and complex helpers.

Expected values marked "TF" were produced by TensorFlow 2.21 on CPU.
"""
import numpy as np
import pytest

import leantf as tf
from leantf.framework.primitive import PRIMITIVES
from leantf.framework.symbolic import placeholder
from leantf.ops import math_extra_ops as mx
from leantf.testing import GradCase, check_gradients

rng = np.random.default_rng(7)
X = rng.standard_normal((3, 4))
POS = rng.uniform(0.5, 2.0, (3, 4))
DISTINCT = rng.permutation(12).reshape(3, 4) * 0.37 - 2.0  # no ties: top_k and max are smooth here
IDS = tf.constant([0, 2, 0, 1])  # unsorted ids for 4 rows
SORTED = tf.constant([0, 0, 2, 2])
NEG_IDS = tf.constant([0, -1, 2, 0])

_take, _put = PRIMITIVES["TakeAlongAxis"], PRIMITIVES["PutAlongAxis"]
_gather = PRIMITIVES["GatherDropNegatives"]
IDX = tf.constant([[3, 0], [1, 2], [0, 0]])

GRADIENT_CASES = {
    "Cumsum": [GradCase(lambda x: tf.cumsum(x, axis=1), [X]),
               GradCase(lambda x: tf.cumsum(x, axis=0, exclusive=True, reverse=True), [X]),
               GradCase(lambda x: tf.cumsum(x, axis=-1, reverse=True), [X])],
    "Cumprod": [GradCase(lambda x: mx.cumprod(x, axis=1), [POS]),
                GradCase(lambda x: mx.cumprod(x, axis=0, exclusive=True, reverse=True), [POS])],
    # The log-space gradient meets -inf - (-inf) in its own derivative (as TF's does), so
    # only the first order is checked; exp() turns an exclusive scan's leading -inf into 0.
    "CumulativeLogsumexp": [GradCase(lambda x: mx.cumulative_logsumexp(x, axis=1), [X], order=1),
                            GradCase(lambda x: tf.exp(mx.cumulative_logsumexp(x, exclusive=True, reverse=True)),
                                     [X], order=1)],
    "TopKV2": [GradCase(lambda x: mx.top_k(x, 2).values, [DISTINCT]),
               GradCase(lambda x: mx.top_k(x, 4).values * 1.5, [DISTINCT[0]])],
    "TakeAlongAxis": [GradCase(lambda h: _take(h, IDX), [X])],
    "PutAlongAxis": [GradCase(lambda g: _put(g, IDX, tf.zeros((3, 4), tf.float64)), [X[:, :2]])],
    "GatherDropNegatives": [GradCase(lambda p: _gather(p, NEG_IDS), [X])],
    "UnsortedSegmentSum": [GradCase(lambda d: mx.unsorted_segment_sum(d, IDS, 4), [X.T]),
                           GradCase(lambda d: mx.unsorted_segment_sum(d, NEG_IDS, 3), [X.T]),
                           GradCase(lambda d: mx.unsorted_segment_mean(d, IDS, 3), [X.T]),
                           GradCase(lambda d: mx.unsorted_segment_sqrt_n(d, IDS, 3), [X.T])],
    "SegmentSum": [GradCase(lambda d: mx.segment_sum(d, SORTED), [X.T]),
                   GradCase(lambda d: mx.segment_mean(d, SORTED), [X.T])],
    "SegmentMax": [GradCase(lambda d: mx.segment_max(d, SORTED), [DISTINCT.T])],
    "SegmentMin": [GradCase(lambda d: mx.segment_min(d, SORTED), [DISTINCT.T])],
    "UnsortedSegmentMax": [GradCase(lambda d: mx.unsorted_segment_max(d, IDS, 3), [DISTINCT.T]),
                           GradCase(lambda d: mx.unsorted_segment_max(d, [0, -1, 1, 0], 2), [DISTINCT.T])],
    "UnsortedSegmentMin": [GradCase(lambda d: mx.unsorted_segment_min(d, IDS, 3), [DISTINCT.T])],
    "Complex": [GradCase(lambda a, b: mx.real(tf.complex(a, b)) * mx.imag(tf.complex(b, a)), [X, POS])],
    "Real": [GradCase(lambda a, b: mx.real(tf.complex(a, b)) ** 2, [X, POS])],
    "Imag": [GradCase(lambda a, b: mx.imag(tf.complex(a, b)) ** 2, [X, POS])],
    "Angle": [GradCase(lambda a, b: mx.angle(tf.complex(a, b)), [X, POS])],
}


def _eager_text(op, detail, name=" name: "):
    return (f"{{{{function_node __wrapped__{op}_device_/job:localhost/replica:0/task:0/device:CPU:0}}}} "
            f"{detail} [Op:{op}]{name}")


# -- clipping ---------------------------------------------------------------------------------
def test_clip_by_value_values_dtypes_and_broadcast_check():
    x = tf.constant([[1., 2.], [3., 4.]])
    assert tf.clip_by_value(x, 1.5, 3.5).numpy().tolist() == [[1.5, 2.], [3., 3.5]]
    assert tf.clip_by_value(tf.constant([1, 5, 9]), 2, 6).numpy().tolist() == [2, 5, 6]
    assert tf.clip_by_value(x, tf.constant([1., 2.]), 3.).numpy().tolist() == [[1., 2.], [3., 3.]]
    assert tf.clip_by_value(x, 3., 1.).numpy().tolist() == [[3., 3.], [3., 3.]]  # TF: max wins last
    with pytest.raises(ValueError, match=r"^Shapes \(2,\) and \(2, 2\) are incompatible$"):
        tf.clip_by_value(tf.constant([1., 5.]), [[0.], [2.]], 3.)
    with pytest.raises(TypeError):
        tf.clip_by_value(tf.constant([1, 5, 9]), 2.5, 6)


def test_clip_by_value_gradient_passes_at_the_bounds():
    v = tf.constant([1., 2., 3., 2.5, 4.])
    with tf.GradientTape() as tape:
        tape.watch(v)
        y = tf.clip_by_value(v, 2., 3.)
    assert tape.gradient(y, v).numpy().tolist() == [0., 1., 1., 1., 0.]  # TF


def test_clip_by_norm_matches_tf():
    x = tf.constant([[1., 2.], [3., 4.]])
    np.testing.assert_allclose(tf.clip_by_norm(x, 2.).numpy(), [[0.36514837, 0.73029673], [1.095445, 1.4605935]])
    np.testing.assert_allclose(tf.clip_by_norm(x, 2., axes=[1]).numpy(), [[0.8944272, 1.7888544], [1.2, 1.6]])
    np.testing.assert_allclose(tf.clip_by_norm(x, [1., 2.]).numpy(),
                               [[0.18257418, 0.73029673], [0.5477225, 1.4605935]], rtol=1e-6)
    assert tf.clip_by_norm(tf.zeros((2,)), 2.).numpy().tolist() == [0., 0.]
    assert tf.clip_by_norm(x, 100.).numpy().tolist() == x.numpy().tolist()
    with pytest.raises(tf.errors.InvalidArgumentError, match="(?s)Value for attr 'T' of int32 .* \\[Op:Sqrt\\]"):
        tf.clip_by_norm(tf.constant([3, 4]), 2)


def test_clip_by_norm_gradient_is_finite_at_zero_rows():
    x = tf.constant([[3., 4.], [0., 0.]])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.clip_by_norm(x, 2., axes=[1])
    np.testing.assert_allclose(tape.gradient(y, x).numpy(), [[0.064, -0.048], [1., 1.]], atol=1e-6)  # TF
    check_gradients(lambda t: tf.clip_by_norm(t, 1.0, axes=[1]), [X], order=2)


def test_clip_by_global_norm_matches_tf():
    x = tf.constant([[1., 2.], [3., 4.]])
    clipped, norm = tf.clip_by_global_norm([x, None, tf.constant([3.])], 2.)
    assert clipped[1] is None
    np.testing.assert_allclose(clipped[0].numpy(), [[0.32025632, 0.64051265], [0.96076894, 1.2810253]])
    np.testing.assert_allclose(clipped[2].numpy(), [0.96076894])
    np.testing.assert_allclose(norm.numpy(), 6.244998)
    same, norm = tf.clip_by_global_norm((x,), 100.)
    assert same[0].numpy().tolist() == x.numpy().tolist() and norm.dtype == tf.float32
    nan, norm = tf.clip_by_global_norm([tf.constant([np.inf, 1.])], 2.)
    assert np.isnan(nan[0].numpy()).all() and norm.numpy() == np.inf
    scaled, _ = tf.clip_by_global_norm([x], 2., use_norm=tf.constant(10.))
    np.testing.assert_allclose(scaled[0].numpy(), x.numpy() * 0.2)
    empty, norm = tf.clip_by_global_norm([], 1.)
    assert empty == [] and norm.numpy() == 0.0 and norm.dtype == tf.float32
    f64, norm = tf.clip_by_global_norm([tf.constant([1., 2.], tf.float64)], 1.)
    assert f64[0].dtype == tf.float64 and norm.dtype == tf.float64
    with pytest.raises(TypeError) as e:
        tf.clip_by_global_norm(x, 2.)
    assert str(e.value).startswith("`t_list` should be a sequence of tensors. Received <class ")


def test_clip_by_global_norm_gradient():
    check_gradients(lambda a, b: tf.clip_by_global_norm([a, b], 1.0)[0][0], [X, POS], order=2)


# -- scans --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("axis", [0, 1, -1])
@pytest.mark.parametrize("exclusive", [False, True])
@pytest.mark.parametrize("reverse", [False, True])
def test_cumsum_and_cumprod_match_numpy(axis, exclusive, reverse):
    def ref(fn, x, fill):
        y = np.flip(x, axis) if reverse else x
        out = fn(y, axis=axis)
        if exclusive:
            out = np.concatenate([np.full_like(np.take(out, [0], axis), fill), np.delete(out, -1, axis)], axis)
        return np.flip(out, axis) if reverse else out
    kw = dict(axis=axis, exclusive=exclusive, reverse=reverse)
    np.testing.assert_allclose(tf.cumsum(X, **kw).numpy(), ref(np.cumsum, X, 0))
    np.testing.assert_allclose(mx.cumprod(X, **kw).numpy(), ref(np.cumprod, X, 1))
    np.testing.assert_allclose(mx.cumulative_logsumexp(X, **kw).numpy(), ref(np.logaddexp.accumulate, X, -np.inf))


def test_scan_values_and_dtypes_match_tf():
    x = tf.constant([[1., 2.], [3., 4.]])
    assert tf.cumsum(x, axis=1, exclusive=True, reverse=True).numpy().tolist() == [[2., 0.], [4., 0.]]
    assert tf.cumsum(tf.constant([200, 100], tf.uint8)).numpy().tolist() == [200, 44]  # wraps like TF
    assert tf.cumsum(tf.constant([1, 2, 3])).dtype == tf.int32
    assert mx.cumprod(tf.constant([1., 2., 3.]), exclusive=True, reverse=True).numpy().tolist() == [6., 3., 1.]
    assert tf.cumsum(x, axis=tf.constant(1)).numpy().tolist() == [[1., 3.], [3., 7.]]
    np.testing.assert_allclose(mx.cumulative_logsumexp(tf.constant([1., 2., 3.]), exclusive=True).numpy(),
                               [-np.inf, 1., 2.3132617])
    assert tf.math.cumsum is tf.cumsum
    assert placeholder([None, 3]).shape.as_list() == tf.cumsum(placeholder([None, 3]), axis=1).shape.as_list()


@pytest.mark.parametrize("fn, text", [
    (lambda: tf.cumsum(tf.ones((2, 2)), axis=2),
     _eager_text("Cumsum", "ScanOp: Expected scan axis in the range [-2, 2), but got 2")),
    (lambda: tf.cumsum(tf.ones((2, 2)), axis=-3),
     _eager_text("Cumsum", "ScanOp: Expected scan axis in the range [-2, 2), but got -1")),
    (lambda: tf.cumsum(tf.constant(1.)), _eager_text("Cumsum", "ScanOp: Expected scan axis in the range [0, 0), but got 0")),
    (lambda: tf.cumsum(tf.ones((2, 2)), axis=[1]), _eager_text("Cumsum", "ScanOp: axis must be a scalar, not [1]", "")),
])
def test_scan_errors_match_tf(fn, text):
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        fn()
    assert str(e.value) == text


def test_scan_dtype_errors_match_tf():
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.cumsum(tf.constant([True, False]))
    assert str(e.value) == (
        "Value for attr 'T' of bool is not in the list of allowed values: float, double, int32, uint8, int16, int8, "
        "complex64, int64, qint8, quint8, qint32, bfloat16, qint16, quint16, uint16, complex128, half, uint32, uint64"
        "\n\t; NodeDef: {{node Cumsum}}; Op<name=Cumsum; signature=x:T, axis:Tidx -> out:T; "
        "attr=exclusive:bool,default=false; attr=reverse:bool,default=false; attr=T:type,allowed=[DT_FLOAT, "
        "DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT16, DT_INT8, DT_COMPLEX64, DT_INT64, DT_QINT8, DT_QUINT8, DT_QINT32, "
        "DT_BFLOAT16, DT_QINT16, DT_QUINT16, DT_UINT16, DT_COMPLEX128, DT_HALF, DT_UINT32, DT_UINT64]; "
        "attr=Tidx:type,default=DT_INT32,allowed=[DT_INT32, DT_INT64]> [Op:Cumsum] name: ")
    with pytest.raises(tf.errors.InvalidArgumentError, match="(?s)Value for attr 'T' of int32 .*CumulativeLogsumexp"):
        mx.cumulative_logsumexp(tf.constant([1, 2]))
    with pytest.raises(TypeError):
        tf.cumsum(tf.ones((2, 2)), axis=1.0)


def test_cumprod_gradient_is_zero_past_a_zero_like_tf():
    w = tf.constant([1., 0., 3., 2.])
    with tf.GradientTape() as tape:
        tape.watch(w)
        y = mx.cumprod(w)
    assert tape.gradient(y, w).numpy().tolist() == [1., 0., 0., 0.]  # TF's divide_no_nan convention


# -- top_k -------------------------------------------------------------------------------------------
def test_top_k_values_ties_and_nan_match_tf():
    x = tf.constant([[1., 3., 3., 2.], [5., 5., 5., 0.]])
    out = mx.top_k(x, 2)
    assert type(out).__name__ == "TopKV2" and out._fields == ("values", "indices")
    assert out.values.numpy().tolist() == [[3., 3.], [5., 5.]]
    assert out.indices.numpy().tolist() == [[1, 2], [0, 1]] and out.indices.dtype == tf.int32
    nan = mx.top_k(tf.constant([1., np.nan, 2.]), 2)
    assert np.isnan(nan.values.numpy()[0]) and nan.indices.numpy().tolist() == [1, 2]
    ints = mx.top_k(tf.constant([3, 1, 2]), 2)
    assert ints.values.numpy().tolist() == [3, 2] and ints.indices.numpy().tolist() == [0, 2]
    assert mx.top_k(tf.constant([[1, 1, 1]]), 2).indices.numpy().tolist() == [[0, 1]]
    assert mx.top_k(tf.constant([np.iinfo(np.int32).min, 0], tf.int32), 1).values.numpy().tolist() == [0]
    assert mx.top_k(x, 0).values.shape == (2, 0)
    assert mx.top_k(x, tf.constant(1), index_type=tf.int64).indices.dtype == tf.int64
    assert mx.top_k(x).values.shape == (2, 1)


def test_top_k_partial_selection_matches_full_sort():
    big = rng.integers(0, 50, (4, 400)).astype(np.float32)  # many ties at the k-th value
    for k in (1, 3, 20, 399):
        out = mx.top_k(big, k)
        order = np.argsort(-big, axis=-1, kind="stable")[:, :k]
        np.testing.assert_array_equal(out.indices.numpy(), order)
        np.testing.assert_array_equal(out.values.numpy(), np.take_along_axis(big, order, -1))
    spread = rng.standard_normal((3, 1000))
    np.testing.assert_array_equal(mx.top_k(spread, 5).indices.numpy(), np.argsort(-spread, axis=-1)[:, :5])


def test_top_k_gradient_goes_back_to_the_chosen_positions():
    x = tf.constant([[1., 5., 3.], [2., 2., 1.]])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = mx.top_k(x, 2).values
    g = tape.gradient(y, x, output_gradients=tf.constant([[1., 10.], [1., 10.]]))
    assert g.numpy().tolist() == [[0., 1., 10.], [1., 10., 0.]]  # TF


@pytest.mark.parametrize("fn, text", [
    (lambda: mx.top_k(tf.ones((2, 4)), 5), _eager_text("TopKV2", "input must have at least k columns. Had 4, needed 5")),
    (lambda: mx.top_k(tf.ones((2, 4)), -1), _eager_text("TopKV2", "Need k >= 0, got -1")),
    (lambda: mx.top_k(tf.constant(3.), 1), _eager_text("TopKV2", "input must be >= 1-D, got shape []")),
])
def test_top_k_errors_match_tf(fn, text):
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        fn()
    assert str(e.value) == text


def test_top_k_dtype_error_and_symbolic_shapes():
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        mx.top_k(tf.constant([True, False]), 1)
    assert str(e.value).startswith("Value for attr 'T' of bool is not in the list of allowed values: float, double, "
                                   "int32, uint8, int16, int8, int64, bfloat16, uint16, half, uint32, uint64\n\t; "
                                   "NodeDef: {{node TopKV2}}; Op<name=TopKV2; signature=input:T, k:Tk -> values:T, "
                                   "indices:index_type; attr=sorted:bool,default=true; attr=T:type,allowed=[DT_FLOAT")
    values, indices = mx.top_k(placeholder([None, 5]), 2)
    assert values.shape.as_list() == [None, 2] and indices.dtype == tf.int32
    with pytest.raises(ValueError, match="input must have last dimension >= k = 2 but is 1"):
        mx.top_k(placeholder([None, 1]), 2)


# -- segment reductions ------------------------------------------------------------------------------
def test_sorted_segment_reductions_match_tf():
    d = tf.constant([1., 2., 3., 4.])
    assert mx.segment_sum(d, [0, 0, 2, 2]).numpy().tolist() == [3., 0., 7.]
    assert mx.segment_mean(d, [0, 0, 2, 2]).numpy().tolist() == [1.5, 0., 3.5]
    assert mx.segment_max(d, [0, 0, 2, 2]).numpy().tolist() == [2., 0., 4.]
    assert mx.segment_min(d, [0, 0, 2, 2]).numpy().tolist() == [1., 0., 3.]
    assert mx.segment_mean(tf.constant([1, 2, 3, 4]), [0, 0, 2, 2]).numpy().tolist() == [1, 0, 3]
    assert mx.segment_mean(tf.constant([-3, 0]), [0, 0]).numpy().tolist() == [-1]  # truncates toward 0
    assert mx.segment_min(tf.constant([3, 1]), [0, 2]).numpy().tolist() == [3, 0, 1]
    assert mx.segment_sum(tf.constant([[1., 2.], [3., 4.]]), [1, 1]).numpy().tolist() == [[0., 0.], [4., 6.]]
    assert mx.segment_max(np.zeros(0, np.float32), np.zeros(0, np.int32)).shape == (0,)


def test_unsorted_segment_reductions_match_tf():
    d = tf.constant([1., 2., 3., 4.])
    assert mx.unsorted_segment_sum(d, [0, 2, 0, 1], 4).numpy().tolist() == [4., 4., 2., 0.]
    assert mx.unsorted_segment_sum(d, [0, -1, 0, 1], 4).numpy().tolist() == [4., 4., 0., 0.]  # -1 is dropped
    lowest = float(np.finfo(np.float32).min)
    assert mx.unsorted_segment_max(d, [0, 2, 0, 0], 4).numpy().tolist() == [4., lowest, 2., lowest]
    big = int(np.iinfo(np.int32).max)
    assert mx.unsorted_segment_min(tf.constant([1, 2, 3, 4]), [0, 2, 0, 0], 4).numpy().tolist() == [1, big, 2, big]
    np.testing.assert_allclose(mx.unsorted_segment_mean(d, [0, 2, 0, 0], 4).numpy(), [2.6666667, 0., 2., 0.])
    np.testing.assert_allclose(mx.unsorted_segment_sqrt_n(d, [0, 2, 0, 0], 4).numpy(), [4.618802, 0., 2., 0.])
    mean = mx.unsorted_segment_mean(tf.constant([-3, 0]), [0, 0], 1)
    assert mean.dtype == tf.float64 and mean.numpy().tolist() == [-1.5]
    two_d = mx.unsorted_segment_sum(tf.constant([[1., 2.], [3., 4.]]), [[0, 1], [1, 1]], 3)
    assert two_d.numpy().tolist() == [1., 9., 0.]
    assert mx.unsorted_segment_sum(d[:2], tf.constant([0, 1], tf.int64), tf.constant(3)).numpy().tolist() == [1., 2., 0.]
    np.testing.assert_allclose(mx.unsorted_segment_sum(X.T, [0, 2, 0, 1], 3).numpy(),
                               np.stack([X.T[[0, 2]].sum(0), X.T[3], X.T[1]]))


@pytest.mark.parametrize("fn, text", [
    (lambda: mx.segment_sum(tf.constant([1., 2., 3., 4.]), [0, 2, 1, 2]), _eager_text(
        "SegmentSum", "segment ids are not increasing", "")),
    (lambda: mx.segment_sum(tf.constant([1., 2., 3., 4.]), [-1, 0, 1, 2]), _eager_text(
        "SegmentSum", "Segment id -1 out of range [0, 3), possibly because 'segment_ids' input is not sorted.", "")),
    (lambda: mx.segment_sum(tf.constant([1., 2., 3., 4.]), [0, 0, 1]), _eager_text(
        "SegmentSum", "segment_ids should be the same size as dimension 0 of input.", "")),
    (lambda: mx.segment_sum(tf.constant([[1.]]), [[0]]), _eager_text("SegmentSum", "segment_ids should be a vector.", "")),
    (lambda: mx.segment_sum(tf.constant(1.), [0]), _eager_text("SegmentSum", "input must be at least rank 1", "")),
    (lambda: mx.unsorted_segment_sum(tf.constant([1., 2., 3., 4.]), [0, 5, 0, 1], 4), _eager_text(
        "UnsortedSegmentSum", "segment_ids[1] = 5 is out of range [0, 4)")),
    (lambda: mx.unsorted_segment_sum(tf.constant([[1., 2.], [3., 4.]]), [[0, 1], [1, 7]], 3), _eager_text(
        "UnsortedSegmentSum", "segment_ids[1,1] = 7 is out of range [0, 3)")),
    (lambda: mx.unsorted_segment_sum(tf.constant([1., 2., 3., 4.]), [0, 1], 4), _eager_text(
        "UnsortedSegmentSum", "data.shape = [4] does not start with segment_ids.shape = [2]")),
])
def test_segment_errors_match_tf(fn, text):
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        fn()
    assert str(e.value) == text


def test_segment_type_errors_match_tf():
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        mx.segment_sum(tf.constant([1.]), tf.constant([0.]))
    assert str(e.value) == (
        "Value for attr 'Tindices' of float is not in the list of allowed values: int32, int64\n\t; NodeDef: "
        "{{node SegmentSum}}; Op<name=SegmentSum; signature=data:T, segment_ids:Tindices -> output:T; "
        "attr=T:type,allowed=[DT_FLOAT, DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT16, DT_INT8, DT_COMPLEX64, DT_INT64, "
        "DT_QINT8, DT_QUINT8, DT_QINT32, DT_BFLOAT16, DT_QINT16, DT_QUINT16, DT_UINT16, DT_COMPLEX128, DT_HALF, "
        "DT_UINT32, DT_UINT64]; attr=Tindices:type,allowed=[DT_INT32, DT_INT64]> [Op:SegmentSum] name: ")
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        mx.unsorted_segment_max(tf.constant([1j]), [0], 1)
    assert str(e.value).endswith("attr=Tindices:type,allowed=[DT_INT32, DT_INT64]; attr=Tnumsegments:type,"
                                 "default=DT_INT32,allowed=[DT_INT32, DT_INT64]> [Op:UnsortedSegmentMax]")
    assert "of complex128 is not in the list" in str(e.value)


def test_segment_max_gradient_splits_ties_like_tf():
    v = tf.constant([1., 3., 3., 2.])
    for fn in (lambda: mx.segment_max(v, [0, 0, 0, 1]), lambda: mx.unsorted_segment_max(v, [0, 0, 0, 1], 3)):
        with tf.GradientTape() as tape:
            tape.watch(v)
            y = fn()
        assert tape.gradient(y, v).numpy().tolist() == [0., 0.5, 0.5, 1.]  # TF


def test_segment_symbolic_shapes():
    data, ids = placeholder([None, 5]), placeholder([None], tf.int32)
    assert mx.unsorted_segment_sum(data, ids, 5).shape.as_list() == [5, 5]
    assert mx.segment_sum(data, ids).shape.as_list() == [None, 5]
    assert mx.unsorted_segment_max(data, ids, 3).shape.as_list() == [3, 5]


# -- bincount ----------------------------------------------------------------------------------------
def test_bincount_matches_tf():
    arr = tf.constant([1, 1, 3])
    out = mx.bincount(arr)
    assert out.dtype == tf.int32 and out.numpy().tolist() == [0, 2, 0, 1]
    assert mx.bincount(np.zeros(0, np.int32)).shape == (0,)
    w = mx.bincount(arr, weights=[0.5, 1., 2.])
    assert w.dtype == tf.float32 and w.numpy().tolist() == [0., 1.5, 0., 2.]
    assert mx.bincount(arr, weights=tf.constant([0.5, 1., 2.], tf.float64)).dtype == tf.float64
    assert mx.bincount(arr, weights=[1, 2, 3]).numpy().tolist() == [0, 3, 0, 3]
    assert mx.bincount(arr, minlength=6).numpy().tolist() == [0, 2, 0, 1, 0, 0]
    assert mx.bincount(tf.constant([1, 1, 3, 5]), maxlength=2).numpy().tolist() == [0, 2]
    assert mx.bincount(tf.constant([1, 2]), maxlength=0).shape == (0,)
    assert mx.bincount(arr, dtype=tf.float32).dtype == tf.float32
    assert mx.bincount(arr, dtype=tf.int64).dtype == tf.int64
    assert mx.bincount(tf.constant([1., 2.])).numpy().tolist() == [0, 1, 1]
    assert mx.bincount(tf.constant([1, 2], tf.int64), minlength=4).dtype == tf.int32
    assert mx.bincount(arr, binary_output=True).numpy().tolist() == [0, 1, 0, 1]
    assert mx.bincount(tf.constant([[1, 2], [2, 0]])).numpy().tolist() == [1, 1, 2]
    rows = mx.bincount(tf.constant([[1, 2], [2, 0]]), weights=tf.constant([[1., 2.], [3., 4.]]), axis=-1)
    assert rows.numpy().tolist() == [[0., 1., 2.], [4., 0., 3.]]
    assert mx.bincount(tf.constant([[1, 1], [2, 0]]), binary_output=True, axis=-1).numpy().tolist() == [
        [0, 1, 0], [1, 0, 1]]
    assert mx.bincount(placeholder([None], tf.int32)).shape.as_list() == [None]


def test_bincount_errors_match_tf():
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        mx.bincount(tf.constant([1, -1, 3]))
    assert str(e.value) == _eager_text("DenseBincount", "Input arr must be non-negative!")
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        mx.bincount(tf.constant([1, 1, 3]), weights=[1., 2.])
    assert str(e.value) == _eager_text("DenseBincount", "`weights` must be the same shape as `arr` or a length-0 "
                                       "`Tensor`, in which case it acts as all weights equal to 1. Received [2]")
    with pytest.raises(tf.errors.InvalidArgumentError, match="Value for attr 'T' of half is not in the list of "
                                                             "allowed values: int32, int64, float, double"):
        mx.bincount(tf.constant([1]), weights=tf.constant([1.], tf.float16))
    with pytest.raises(ValueError, match="mutually exclusive"):
        mx.bincount(tf.constant([1]), weights=[1.], binary_output=True)
    with pytest.raises(ValueError, match=r"^Unsupported value for argument axis=1. Only 0 and -1 are currently "):
        mx.bincount(tf.constant([1]), axis=1)


# -- complex -------------------------------------------------------------------------------------------
def test_complex_helpers_match_tf():
    z = tf.complex(tf.constant([1., -1.]), tf.constant([2., 1.]))
    assert z.dtype == tf.complex64 and z.numpy().tolist() == [1 + 2j, -1 + 1j]
    assert tf.complex(1., 2.).dtype == tf.complex64
    assert tf.complex(tf.constant([1.], tf.float64), tf.constant([2.], tf.float64)).dtype == tf.complex128
    assert mx.real(z).numpy().tolist() == [1., -1.] and mx.real(z).dtype == tf.float32
    assert mx.imag(z).numpy().tolist() == [2., 1.]
    np.testing.assert_allclose(mx.angle(z).numpy(), np.angle(z.numpy()), rtol=1e-6)
    x = tf.constant([-1., 2.])
    assert mx.real(x) is x and mx.imag(x).numpy().tolist() == [0., 0.]
    np.testing.assert_allclose(mx.angle(x).numpy(), [np.pi, 0.])
    with pytest.raises(TypeError) as e:
        tf.complex(tf.constant([1.], tf.float64), tf.constant([2.]))
    assert str(e.value) == ("The `real` and `imag` components have incorrect types: float64 float32. They must be "
                            "consistent, and one of [tf.float32, tf.float64]")
    with pytest.raises(TypeError, match="incorrect types: int32 int32"):
        tf.complex(1, 2)


def test_namespaces():
    for name in mx.TOP_LEVEL_ONLY + ["cumsum"]:
        assert getattr(tf, name) is getattr(mx, name)
    assert tf.linalg.global_norm is mx.global_norm
