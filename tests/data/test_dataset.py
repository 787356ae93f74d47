"""tf.data behaviour that golden values cannot pin down: shuffling, threads, caches, files."""
import os
import threading

import numpy as np
import pytest

import leantf as tf
from leantf.data.buffering import CACHE_SUFFIX
from leantf.framework.tensor_spec import TensorSpec

D = tf.data.Dataset


def values(ds):
    return [int(v) for v in ds.as_numpy_iterator()]


# -- shuffle: TF's order comes from its own RNG, so only the properties are asserted ------------
def test_shuffle_is_a_permutation_and_mixes():
    out = values(D.range(100).shuffle(100, seed=3))
    assert sorted(out) == list(range(100))
    assert out != list(range(100))


def test_shuffle_seed_is_reproducible_across_datasets():
    assert values(D.range(50).shuffle(10, seed=7)) == values(D.range(50).shuffle(10, seed=7))


def test_shuffle_reshuffles_each_iteration_unless_told_not_to():
    ds = D.range(50).shuffle(50, seed=1)
    first, second = values(ds), values(ds)
    assert sorted(first) == sorted(second) and first != second
    fixed = D.range(50).shuffle(50, seed=1, reshuffle_each_iteration=False)
    assert values(fixed) == values(fixed)


def test_shuffle_buffer_limits_displacement():
    # With a buffer of 1 nothing can move; with 2 an element can only be delayed, never advanced far.
    assert values(D.range(10).shuffle(1, seed=0)) == list(range(10))
    out = values(D.range(100).shuffle(2, seed=5))
    assert all(out[i] <= i + 1 for i in range(100))


def test_global_seed_makes_unseeded_shuffle_reproducible():
    try:
        tf.random.set_seed(11)
        a = values(D.range(30).shuffle(30))
        tf.random.set_seed(11)
        b = values(D.range(30).shuffle(30))
    finally:
        tf.random.set_seed(None)  # later tests expect no global seed
    assert a == b


# -- map with parallel workers ---------------------------------------------------------------
def test_parallel_map_runs_on_several_threads_and_keeps_order():
    seen = set()
    barrier = threading.Barrier(2, timeout=5)

    def slow(x):
        seen.add(threading.get_ident())
        if int(x) < 2:
            barrier.wait()  # only passes if two calls run at the same time
        return x * 2
    out = values(D.range(8).map(slow, num_parallel_calls=2))
    assert out == [0, 2, 4, 6, 8, 10, 12, 14]
    assert len(seen) >= 2


def test_parallel_map_nondeterministic_yields_everything():
    out = values(D.range(20).map(lambda x: x + 1, num_parallel_calls=4, deterministic=False))
    assert sorted(out) == list(range(1, 21))


def test_map_receives_eager_tensors():
    kinds = []
    list(D.range(2).map(lambda x: kinds.append(type(x).__name__) or x))
    assert "EagerTensor" in kinds


# -- prefetch --------------------------------------------------------------------------------
def test_prefetch_produces_in_a_background_thread():
    producer = []
    ds = D.range(5).map(lambda x: producer.append(threading.get_ident()) or x).prefetch(2)
    assert values(ds) == [0, 1, 2, 3, 4]
    assert threading.get_ident() not in producer[-5:]


def test_prefetch_passes_errors_to_the_consumer():
    def fail(x):
        raise ValueError("boom")
    ds = D.range(3).map(lambda x: x).prefetch(1)
    assert values(ds) == [0, 1, 2]
    bad = D.from_generator(lambda: (fail(i) for i in range(3)), output_types=tf.int64).prefetch(1)
    with pytest.raises(ValueError, match="boom"):
        list(bad)


# -- cache -----------------------------------------------------------------------------------
def test_memory_cache_runs_upstream_once():
    calls = []
    ds = D.range(4).map(lambda x: calls.append(1) or x).cache()
    assert values(ds) == [0, 1, 2, 3]
    before = len(calls)
    assert before >= 4
    assert values(ds) == [0, 1, 2, 3]
    assert len(calls) == before  # the second pass reads the cache


def test_file_cache_round_trip_without_pickle(tmp_path):
    base = str(tmp_path / "cache")
    calls = []
    src = D.from_tensor_slices((np.arange(6, dtype=np.float32).reshape(3, 2), ["a", "bb", ""]))
    ds = src.map(lambda x, s: (calls.append(1) or x, s)).cache(base)
    first = list(ds.as_numpy_iterator())
    assert os.path.exists(base + CACHE_SUFFIX)
    with np.load(base + CACHE_SUFFIX, allow_pickle=False) as data:  # plain arrays only
        assert all(data[k].dtype != object for k in data.files)
    n = len(calls)
    again = list(src.map(lambda x, s: (calls.append(1) or x, s)).cache(base).as_numpy_iterator())
    assert len(calls) - n <= 1  # read from the file: at most the one symbolic trace of the function
    for (x1, s1), (x2, s2) in zip(first, again):
        np.testing.assert_array_equal(x1, x2)
        assert s1 == s2
    assert [s for _, s in again] == [b"a", b"bb", b""]


def test_partial_pass_does_not_write_cache(tmp_path):
    base = str(tmp_path / "partial")
    it = iter(D.range(5).cache(base))
    next(it)
    assert not os.path.exists(base + CACHE_SUFFIX)


# -- iteration and numpy ---------------------------------------------------------------------
def test_iterator_get_next_raises_out_of_range_at_end():
    it = iter(D.range(1))
    assert int(it.get_next()) == 0
    with pytest.raises(tf.errors.OutOfRangeError, match="End of sequence"):
        it.get_next()


def test_for_loop_yields_eager_tensors_with_tf_repr():
    out = [repr(x) for x in D.from_tensor_slices([1, 2])]
    assert out == ["<tf.Tensor: shape=(), dtype=int32, numpy=1>", "<tf.Tensor: shape=(), dtype=int32, numpy=2>"]


def test_cardinality_helpers():
    assert tf.data.INFINITE_CARDINALITY == -1 and tf.data.UNKNOWN_CARDINALITY == -2
    assert tf.data.AUTOTUNE == -1 and tf.data.experimental.AUTOTUNE == -1
    assert int(tf.data.experimental.cardinality(D.range(3).repeat())) == -1
    assert tf.data.experimental.cardinality(D.range(3)).dtype == tf.int64


# -- files -----------------------------------------------------------------------------------
def test_text_line_dataset(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(b"a\r\nbb\n\nccc")
    b.write_bytes(b"x\n")
    ds = tf.data.TextLineDataset([str(a), str(b)])
    assert repr(ds) == "<TextLineDatasetV2 element_spec=TensorSpec(shape=(), dtype=tf.string, name=None)>"
    assert list(ds.as_numpy_iterator()) == [b"a", b"bb", b"", b"ccc", b"x"]
    assert int(ds.cardinality()) == -2


def test_text_line_dataset_missing_file(tmp_path):
    missing = str(tmp_path / "nope.txt")
    with pytest.raises(tf.errors.NotFoundError, match="No such file or directory"):
        list(tf.data.TextLineDataset(missing))


def test_list_files(tmp_path):
    for name in ("b.txt", "a.txt", "c.csv"):
        (tmp_path / name).write_text("")
    pattern = str(tmp_path / "*.txt")
    ordered = D.list_files(pattern, shuffle=False)
    assert repr(ordered).startswith("<_TensorSliceDataset")
    assert [p.decode() for p in ordered.as_numpy_iterator()] == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    assert repr(D.list_files(pattern)).startswith("<_ShuffleDataset")
    with pytest.raises(tf.errors.InvalidArgumentError, match="No files matched pattern"):
        D.list_files(str(tmp_path / "*.none"))


def test_tfrecord_dataset_reads_records(tmp_path):
    from leantf.io.tfrecord import TFRecordWriter
    path = str(tmp_path / "data.tfrecord")
    with TFRecordWriter(path) as w:
        for rec in (b"one", b"", b"three"):
            w.write(rec)
    ds = tf.data.TFRecordDataset(path)
    assert repr(ds) == "<TFRecordDatasetV2 element_spec=TensorSpec(shape=(), dtype=tf.string, name=None)>"
    assert list(ds.as_numpy_iterator()) == [b"one", b"", b"three"]
    assert [x.dtype for x in ds] == [tf.string] * 3


def test_tfrecord_dataset_reports_corruption(tmp_path):
    from leantf.io.tfrecord import TFRecordWriter
    path = str(tmp_path / "bad.tfrecord")
    with TFRecordWriter(path) as w:
        w.write(b"payload")
    raw = bytearray(open(path, "rb").read())
    raw[14] ^= 0xFF  # inside the data: its CRC no longer matches
    open(path, "wb").write(bytes(raw))
    with pytest.raises(tf.errors.DataLossError, match="corrupted record"):
        list(tf.data.TFRecordDataset(path))


# -- TensorSpec ------------------------------------------------------------------------------
def test_tensor_spec():
    spec = TensorSpec([None, 3], tf.float32, name="x")
    assert repr(spec) == "TensorSpec(shape=(None, 3), dtype=tf.float32, name='x')"
    assert TensorSpec([None, 3]) == TensorSpec((None, 3), tf.float32)
    assert hash(TensorSpec([2])) == hash(TensorSpec([2]))
    assert TensorSpec([None, 3]).is_compatible_with(tf.zeros([2, 3]))
    assert not TensorSpec([None, 3]).is_compatible_with(tf.zeros([2, 4]))
    assert repr(TensorSpec.from_tensor(tf.zeros([2, 3]))) == "TensorSpec(shape=(2, 3), dtype=tf.float32, name=None)"
    assert str(TensorSpec(None).shape) == "<unknown>"
    assert TensorSpec([None, 3]).most_specific_compatible_type(TensorSpec([2, 3])) == TensorSpec([None, 3])
