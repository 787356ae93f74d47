import os
import struct

import numpy as np
import pytest

import leantf as tf
from leantf.io.crc32c import crc32c, masked_crc32c
from leantf.io.tfrecord import read_records
from tests.io.io_golden import GOLDEN, build_example, fixture

EXPECTED = [build_example(tf, GOLDEN["single"][name]["spec"]).SerializeToString()
            for name in GOLDEN["record_order"]]


def test_crc32c_known_values_and_paths_agree():
    assert crc32c(b"123456789") == 0xE3069283  # the standard CRC-32C check value
    assert crc32c(b"") == 0
    data = np.random.default_rng(1).integers(0, 256, size=200_003, dtype=np.uint8).tobytes()
    # Vectorised lanes (large input) must equal the byte-by-byte definition chained over pieces.
    assert crc32c(data) == crc32c(data[100_000:], crc32c(data[:100_000]))
    assert crc32c(data) == crc32c(data[7:], crc32c(data[:7]))


def test_masked_crc_matches_tf_header():
    # First record header of a TF file holding b"hello": length 5 and its masked CRC.
    assert struct.pack("<I", masked_crc32c(struct.pack("<Q", 5))).hex() == "eab2043e"


@pytest.mark.parametrize("name,compression", [("examples.tfrecord", ""), ("examples.tfrecord.gz", "GZIP"),
                                              ("examples.tfrecord.zlib", "ZLIB")])
def test_reads_files_written_by_tf(name, compression):
    assert list(read_records(fixture(name), compression)) == EXPECTED


def test_reads_big_gzip_record_written_by_tf():
    (record,) = list(read_records(fixture("big_record.tfrecord.gz"), "GZIP"))
    block = np.random.default_rng(0).integers(0, 256, size=4096, dtype=np.uint8)
    assert record == np.tile(block, 768).tobytes()


@pytest.mark.parametrize("name,compression", [("examples.tfrecord", ""), ("examples.tfrecord.gz", "GZIP"),
                                              ("examples.tfrecord.zlib", "ZLIB")])
def test_writer_output_is_byte_identical_to_tf(tmp_path, name, compression):
    path = str(tmp_path / "out")
    with tf.io.TFRecordWriter(path, options=tf.io.TFRecordOptions(compression_type=compression)) as w:
        for record in EXPECTED:
            w.write(record)
    with open(path, "rb") as a, open(fixture(name), "rb") as b:
        assert a.read() == b.read()


def test_writer_accepts_string_options_and_str_records(tmp_path):
    path = tmp_path / "s.gz"
    writer = tf.io.TFRecordWriter(str(path), "GZIP")
    writer.write("héllo")
    writer.flush()
    assert list(read_records(str(path), "GZIP")) == ["héllo".encode()]  # readable after flush
    writer.write(b"x")
    writer.close()
    assert list(read_records(str(path), "GZIP")) == ["héllo".encode(), b"x"]
    with pytest.raises(tf.errors.FailedPreconditionError, match="Writer is closed."):
        writer.write(b"y")


def test_compression_type_validation():
    with pytest.raises(ValueError, match='Not a valid compression_type: "BAD"'):
        tf.io.TFRecordOptions("BAD")
    assert tf.io.TFRecordOptions.get_compression_type_string(None) == ""
    assert tf.io.TFRecordOptions.get_compression_type_string(tf.io.TFRecordOptions("ZLIB")) == "ZLIB"


@pytest.mark.parametrize("case", sorted(GOLDEN["tfrecord_errors"]))
def test_corrupt_and_truncated_files_fail_like_tf(tmp_path, case):
    expected = GOLDEN["tfrecord_errors"][case]
    path = tmp_path / case
    path.write_bytes(bytes.fromhex(expected["file"]))
    got = []
    if expected["error"] is None:
        got = [r.hex() for r in read_records(str(path))]
    else:
        cls = getattr(tf.errors, expected["error"][0])
        with pytest.raises(cls) as info:
            for r in read_records(str(path)):
                got.append(r.hex())
        assert str(info.value) == expected["error"][1]
    assert got == expected["records"]


def test_missing_file_is_not_found(tmp_path):
    missing = str(tmp_path / "nope")
    with pytest.raises(tf.errors.NotFoundError) as info:
        list(read_records(missing))
    assert str(info.value) == f"{missing}; No such file or directory"


def test_compressed_file_read_without_compression_is_data_loss():
    with pytest.raises(tf.errors.DataLossError, match=r"corrupted record at 0 \(Is this even a TFRecord file\?\)"):
        list(read_records(fixture("examples.tfrecord.gz")))
