import numpy as np
import pytest

import leantf as tf
from tests.io.io_golden import GOLDEN, build_example

MIXED = build_example(tf, GOLDEN["multi"]["mixed"]["spec"]).SerializeToString()
FLF, VLF, SEQ = tf.io.FixedLenFeature, tf.io.VarLenFeature, tf.io.FixedLenSequenceFeature


def test_parse_single_example_dense_and_sparse():
    out = tf.io.parse_single_example(MIXED, {
        "height": FLF([], tf.int64), "image_raw": FLF([], tf.string), "score": FLF([2], tf.float32),
        "label": VLF(tf.int64), "missing": FLF([2], tf.float32, default_value=[1.0, 2.0])})
    assert list(out) == ["label", "height", "image_raw", "missing", "score"]  # sparse first, sorted
    assert out["height"].dtype == tf.int64 and out["height"].numpy() == 28
    assert out["image_raw"].numpy() == b"abc"
    np.testing.assert_array_equal(out["score"].numpy(), np.array([0.25, 2.0], np.float32))
    np.testing.assert_array_equal(out["missing"].numpy(), [1.0, 2.0])
    label = out["label"]
    assert isinstance(label, tf.sparse.SparseTensor)
    assert label.indices.numpy().tolist() == [[0]] and label.values.numpy().tolist() == [7]
    assert label.dense_shape.numpy().tolist() == [1]


def test_parse_example_batches_and_pads():
    other = build_example(tf, {"score": ["float", [1.0, 2.0, 3.0]], "height": ["int64", [5]]})
    batch = tf.constant([MIXED, other.SerializeToString()])
    out = tf.io.parse_example(batch, {"height": FLF([1], tf.int64),
                                      "score": SEQ([], tf.float32, allow_missing=True),
                                      "image_raw": VLF(tf.string)})
    assert out["height"].numpy().tolist() == [[28], [5]]
    np.testing.assert_array_equal(out["score"].numpy(), [[0.25, 2.0, 0.0], [1.0, 2.0, 3.0]])
    raw = out["image_raw"]
    assert raw.indices.numpy().tolist() == [[0, 0]] and raw.dense_shape.numpy().tolist() == [2, 1]
    dense = tf.sparse.to_dense(raw)
    assert dense.numpy().tolist() == [[b"abc"], [b""]]


def test_feature_spec_reprs():
    assert repr(FLF([3], tf.int64)) == "FixedLenFeature(shape=[3], dtype=tf.int64, default_value=None)"
    assert repr(VLF(tf.int64)) == "VarLenFeature(dtype=tf.int64)"
    assert repr(SEQ([], tf.int64)) == ("FixedLenSequenceFeature(shape=[], dtype=tf.int64, "
                                       "allow_missing=False, default_value=None)")


CASES = {
    "missing": lambda: tf.io.parse_single_example(MIXED, {"nope": FLF([], tf.float32)}),
    "wrong_type_dense": lambda: tf.io.parse_single_example(MIXED, {"height": FLF([1], tf.float32)}),
    "wrong_type_sparse": lambda: tf.io.parse_single_example(MIXED, {"height": VLF(tf.string)}),
    "wrong_count": lambda: tf.io.parse_single_example(MIXED, {"score": FLF([3], tf.float32)}),
    "batch_missing": lambda: tf.io.parse_example([MIXED, b""], {"height": FLF([], tf.int64)}),
    "batch_wrong_type": lambda: tf.io.parse_example([MIXED], {"height": FLF([], tf.float32)}),
    "batch_wrong_count": lambda: tf.io.parse_example([MIXED], {"score": FLF([3], tf.float32)}),
    "bad_dtype": lambda: tf.io.parse_single_example(MIXED, {"height": FLF([], tf.int32)}),
    "no_features": lambda: tf.io.parse_single_example(MIXED, {}),
    "not_scalar": lambda: tf.io.parse_single_example([MIXED], {"height": FLF([], tf.int64)}),
    "seq_not_allowed": lambda: tf.io.parse_single_example(MIXED, {"score": SEQ([], tf.float32)}),
    "default_wrong_size": lambda: tf.io.parse_single_example(
        MIXED, {"nope": FLF([2], tf.float32, default_value=1.0)}),
    "garbage": lambda: tf.io.parse_single_example(b"garbage", {"height": FLF([], tf.int64)}),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_errors_match_tf(case):
    cls_name, text = GOLDEN["parse_errors"][case]
    with pytest.raises(Exception) as info:
        CASES[case]()
    assert type(info.value).__name__ == cls_name
    assert str(info.value) == text


def test_tfrecord_pipeline_round_trip(tmp_path):
    # The usual flow: write Examples to a TFRecord file, read back, parse each record.
    from leantf.io.tfrecord import read_records
    path = str(tmp_path / "train.tfrecords")
    images = np.arange(2 * 4 * 4 * 3, dtype=np.uint8).reshape(2, 4, 4, 3)
    with tf.io.TFRecordWriter(path) as writer:
        for label, image in enumerate(images):
            feature = {"image": tf.train.Feature(bytes_list=tf.train.BytesList(value=[image.tobytes()])),
                       "label": tf.train.Feature(int64_list=tf.train.Int64List(value=[label]))}
            writer.write(tf.train.Example(features=tf.train.Features(feature=feature)).SerializeToString())
    spec = {"image": FLF([], tf.string), "label": FLF([], tf.int64)}
    for label, record in enumerate(read_records(path)):
        parsed = tf.io.parse_single_example(record, spec)
        assert parsed["label"].numpy() == label
        restored = np.frombuffer(parsed["image"].numpy(), np.uint8).reshape(4, 4, 3)
        np.testing.assert_array_equal(restored, images[label])
