"""tf.summary writes TensorBoard event files: read them back and check what TensorBoard sees.

The layouts checked here were confirmed against real TF 2.21 + TensorBoard with
tools/check_tensorboard_files.py (leantf's events equal TF's apart from wall_time and
PNG compression bytes).
"""
import glob
import os
import re
import struct
import subprocess
import sys

import numpy as np
import pytest

import leantf as tf
from leantf.image.png import decode_png_bytes
from leantf.io.tfrecord import read_records
from leantf.summary import read_events


def _only_file(logdir):
    files = glob.glob(os.path.join(str(logdir), "*"))
    assert len(files) == 1, files
    return files[0]


def _values(logdir):
    """[(step, Value)] of the summary events in the one file of logdir."""
    return [(e.step, v) for e in read_events(_only_file(logdir)) for v in e.values]


def test_file_name_and_version_event(tmp_path):
    writer = tf.summary.create_file_writer(str(tmp_path / "logs"))
    path = _only_file(tmp_path / "logs")  # created (with its directory) by the writer itself
    name = os.path.basename(path)
    match = re.fullmatch(r"events\.out\.tfevents\.(\d{10})\.(.+)\.(\d+)\.(\d+)\.v2", name)
    assert match, name
    assert int(match.group(3)) == os.getpid()
    first = next(read_events(path))
    assert first.file_version == "brain.Event:2" and first.values == []
    writer.close()


def test_writer_counter_makes_names_unique(tmp_path):
    a = tf.summary.create_file_writer(str(tmp_path))
    b = tf.summary.create_file_writer(str(tmp_path))
    names = sorted(os.listdir(tmp_path))
    assert len(names) == 2
    counters = sorted(int(n.split(".")[-2]) for n in names)
    assert counters[1] == counters[0] + 1
    a.close()
    b.close()


def test_scalar_record_bytes_match_tf(tmp_path):
    # TF's bytes for scalar("loss", 0.5, step=1), after the 9 bytes of wall_time.
    with tf.summary.create_file_writer(str(tmp_path)).as_default():
        tf.summary.scalar("loss", 0.5, step=1)
    records = list(read_records(_only_file(tmp_path)))
    expected = (bytes.fromhex("1001 2a21 0a1f 0a04") + b"loss"
                + bytes.fromhex("420a 0801 1200 2204 0000003f 4a0b 0a09 0a07") + b"scalars")
    assert records[1][0] == 0x09 and records[1][9:] == expected


def test_scalars_steps_and_default_step(tmp_path):
    writer = tf.summary.create_file_writer(str(tmp_path))
    with writer.as_default(step=3):
        assert tf.summary.experimental.get_step() == 3
        assert bool(tf.summary.scalar("loss", 0.5))
        tf.summary.scalar("loss", tf.constant(0.25), step=4)
        tf.summary.scalar("count", 7)  # ints are written as float32
    assert tf.summary.experimental.get_step() is None  # as_default restores the step
    got = [(s, v.tag, v.plugin_name, v.dtype, v.shape, v.tensor.item()) for s, v in _values(tmp_path)]
    assert got == [(3, "loss", "scalars", 1, (), 0.5), (4, "loss", "scalars", 1, (), 0.25),
                   (3, "count", "scalars", 1, (), 7.0)]


def test_set_step_is_used(tmp_path):
    writer = tf.summary.create_file_writer(str(tmp_path))
    tf.summary.experimental.set_step(11)
    try:
        with writer.as_default():
            tf.summary.scalar("x", 1.0)
    finally:
        tf.summary.experimental.set_step(None)
    assert [s for s, _ in _values(tmp_path)] == [11]


def test_missing_step_is_a_value_error(tmp_path):
    with tf.summary.create_file_writer(str(tmp_path)).as_default():
        with pytest.raises(ValueError, match=re.escape(
                "No step set. Please specify one either through the `step` argument or through "
                "tf.summary.experimental.set_step()")):
            tf.summary.scalar("x", 1.0)


def test_no_default_writer_returns_false():
    result = tf.summary.scalar("x", 1.0)  # no writer: no error even without a step
    assert isinstance(result, tf.Tensor) and result.dtype == tf.bool and not bool(result)
    assert not tf.summary.should_record_summaries()


def test_record_if_false_skips(tmp_path):
    with tf.summary.create_file_writer(str(tmp_path)).as_default(step=0):
        with tf.summary.record_if(False):
            assert not bool(tf.summary.scalar("skipped", 1.0))
        with tf.summary.record_if(lambda: True):
            assert bool(tf.summary.scalar("kept", 1.0))
    assert [v.tag for _, v in _values(tmp_path)] == ["kept"]


def test_description_is_kept(tmp_path):
    with tf.summary.create_file_writer(str(tmp_path)).as_default(step=0):
        tf.summary.scalar("x", 1.0, description="the x")
    assert _values(tmp_path)[0][1].description == "the x"


def test_histogram_layout(tmp_path):
    with tf.summary.create_file_writer(str(tmp_path)).as_default(step=2):
        tf.summary.histogram("h3", [1.0, 2, 2, 3, 10], buckets=3)
        tf.summary.histogram("default", np.arange(100.0))
        tf.summary.histogram("same", [5.0, 5.0])
        tf.summary.histogram("empty", np.zeros(0))
    values = {v.tag: v for _, v in _values(tmp_path)}
    assert all(v.plugin_name == "histograms" and v.dtype == 2 for v in values.values())
    np.testing.assert_array_equal(values["h3"].tensor, [[1, 4, 4], [4, 7, 0], [7, 10, 1]])
    default = values["default"].tensor
    assert default.shape == (30, 3) and default[:, 2].sum() == 100
    np.testing.assert_allclose(default[:, 0], np.linspace(0, 99, 31)[:-1])
    assert default[-1, 1] == 99
    same = values["same"].tensor
    assert (same[:, :2] == 5).all() and same[:, 2].tolist() == [0] * 29 + [2]
    np.testing.assert_array_equal(values["empty"].tensor, np.zeros((30, 3)))


def test_image_layout_and_pixels(tmp_path):
    floats = np.random.RandomState(0).rand(4, 3, 5, 3).astype(np.float32)
    gray = np.arange(12, dtype=np.uint8).reshape(1, 3, 4, 1)
    with tf.summary.create_file_writer(str(tmp_path)).as_default(step=1):
        tf.summary.image("rgb", floats, max_outputs=2)
        tf.summary.image("gray", gray)
    values = {v.tag: v for _, v in _values(tmp_path)}
    rgb = values["rgb"]
    assert rgb.plugin_name == "images" and rgb.dtype == 7 and rgb.shape == (4,)
    assert list(rgb.tensor[:2]) == [b"5", b"3"]  # width first, then height
    # Floats become uint8 as convert_image_dtype(saturate=True): x * 255.5, truncated.
    expected = (floats[:2] * 255.5).astype(np.uint8)
    for png, want in zip(rgb.tensor[2:], expected):
        np.testing.assert_array_equal(decode_png_bytes(png), want)
    assert list(values["gray"].tensor[:2]) == [b"4", b"3"]
    np.testing.assert_array_equal(decode_png_bytes(values["gray"].tensor[2]), gray[0])


def test_image_needs_rank_4(tmp_path):
    with tf.summary.create_file_writer(str(tmp_path)).as_default(step=1):
        with pytest.raises(ValueError):
            tf.summary.image("bad", np.zeros((3, 4, 1)))


def test_text(tmp_path):
    with tf.summary.create_file_writer(str(tmp_path)).as_default(step=5):
        tf.summary.text("note", "hello *world*")
        tf.summary.text("grid", [["a", "b"], ["c", "é"]])
    values = {v.tag: v for _, v in _values(tmp_path)}
    assert values["note"].plugin_name == "text" and values["note"].shape == ()
    assert values["note"].tensor.item() == b"hello *world*"
    assert values["grid"].shape == (2, 2)
    assert values["grid"].tensor.tolist() == [[b"a", b"b"], [b"c", "é".encode()]]


def test_events_are_queued_until_flush(tmp_path):
    writer = tf.summary.create_file_writer(str(tmp_path), max_queue=100, flush_millis=10**9)
    path = _only_file(tmp_path)
    with writer.as_default(step=0):
        tf.summary.scalar("x", 1.0)
        assert len(list(read_events(path))) == 1  # only the version event so far
        writer.flush()
        assert len(list(read_events(path))) == 2
        tf.summary.scalar("y", 2.0)
        writer.close()  # close flushes too
    assert [v.tag for e in read_events(path) for v in e.values] == ["x", "y"]


def test_full_queue_flushes(tmp_path):
    writer = tf.summary.create_file_writer(str(tmp_path), max_queue=2, flush_millis=10**9)
    path = _only_file(tmp_path)
    with writer.as_default(step=0):
        for i in range(3):
            tf.summary.scalar("x", float(i))
        # The third event overfills the queue of 2, and all three are written.
        assert len(list(read_events(path))) == 4
    writer.close()


def test_as_default_on_closed_writer_raises(tmp_path):
    writer = tf.summary.create_file_writer(str(tmp_path))
    writer.close()
    with pytest.raises(RuntimeError):
        with writer.as_default():
            pass


def test_summary_loads_lazily():
    code = "import sys, leantf; print('leantf.summary' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
    assert out.stdout.strip() == "False"


def test_crc_is_checked(tmp_path):
    # The files are real TFRecord files: a flipped byte is reported, not silently read.
    with tf.summary.create_file_writer(str(tmp_path)).as_default(step=1):
        tf.summary.scalar("loss", 0.5)
    path = _only_file(tmp_path)
    data = bytearray(open(path, "rb").read())
    data[-8] ^= 0xFF
    open(path, "wb").write(bytes(data))
    with pytest.raises(tf.errors.DataLossError):
        list(read_events(path))
    assert struct.unpack("<Q", data[:8])[0] > 0
