"""Summary writers and the default-writer / step / record_if state of tf.summary.

A file writer keeps a queue of serialized events and writes them with the TFRecord
framing (length, masked CRC32C, data, masked CRC32C) that TensorBoard reads. The queue
is written out when it holds more than ``max_queue`` events, when ``flush_millis`` has
passed since the last flush (checked at each write: leantf runs no background thread),
on ``flush()``/``close()``, when an ``as_default()`` block ends and at interpreter exit.
"""
import atexit
import contextlib
import itertools
import os
import socket
import threading
import time
import weakref

import numpy as np

from . import event_pb

__all__ = ["SummaryWriter", "create_file_writer", "create_noop_writer", "flush", "record_if",
           "should_record_summaries", "get_step", "set_step"]

# TF numbers every events file a process opens; the counter makes names unique even when
# two writers open in the same second.
_file_counter = itertools.count()
_live_writers = weakref.WeakSet()


class _State(threading.local):
    # Per-thread, as in TF: a default writer set in one thread is not seen by another.
    def __init__(self):
        self.writer = None
        self.step = None
        self.record_if = True


_state = _State()


def get_step():
    """The default step set by ``set_step`` or ``as_default(step=...)``, else None."""
    return _state.step


def set_step(step):
    """Set the step summaries use when they are given no ``step`` argument."""
    _state.step = step


def _resolve_step(step):
    if step is None:
        step = _state.step
    if step is None:
        raise ValueError("No step set. Please specify one either through the `step` argument "
                         "or through tf.summary.experimental.set_step()")
    # Steps may be ints, tensors or variables (Keras passes optimizer.iterations).
    return int(np.asarray(step))


@contextlib.contextmanager
def record_if(condition):
    """Summaries inside the block are written only while ``condition`` (or ``condition()``) holds."""
    old = _state.record_if
    _state.record_if = condition
    try:
        yield
    finally:
        _state.record_if = old


def should_record_summaries():
    """True when a default writer is set and the record_if condition holds."""
    if _state.writer is None or isinstance(_state.writer, _NoopSummaryWriter):
        return False
    condition = _state.record_if
    if callable(condition):
        condition = condition()
    return bool(np.asarray(condition))


class SummaryWriter:
    """The interface of tf.summary writers."""

    def set_as_default(self, step=None):
        """Make this the default writer for the rest of the thread (no context to leave)."""
        self._check_open()
        _state.writer = self
        if step is not None:
            _state.step = step

    @contextlib.contextmanager
    def as_default(self, step=None):
        """Make this the default writer (and ``step`` the default step) inside the block."""
        self._check_open()
        old_writer, old_step = _state.writer, _state.step
        try:
            _state.writer = self
            if step is not None:
                _state.step = step
            yield self
            # A finished block is a natural point for the data to be visible in TensorBoard.
            self.flush()
        finally:
            _state.writer, _state.step = old_writer, old_step

    def init(self):
        pass

    def flush(self):
        pass

    def close(self):
        pass

    def _check_open(self):
        pass


class _NoopSummaryWriter(SummaryWriter):
    """What ``create_noop_writer`` (and ``create_file_writer(None)``) give: drops everything."""


class _FileWriter(SummaryWriter):
    def __init__(self, logdir, max_queue, flush_millis, filename_suffix):
        from ..io.tfrecord import TFRecordWriter
        os.makedirs(logdir, exist_ok=True)
        name = "events.out.tfevents.%010d.%s.%d.%d%s" % (
            int(time.time()), socket.gethostname(), os.getpid(), next(_file_counter),
            filename_suffix)
        self._path = os.path.join(logdir, name)
        self._max_queue = max_queue
        self._flush_seconds = flush_millis / 1000.0
        self._queue = []
        self._closed = False
        self._records = TFRecordWriter(self._path)
        # The version event goes out at once: the file is a valid, readable log from the start.
        self._records.write(event_pb.encode_event(
            time.time(), file_version="brain.Event:2",
            source_writer="tensorflow.core.util.events_writer"))
        self._records.flush()
        self._last_flush = time.monotonic()
        _live_writers.add(self)

    def _check_open(self):
        if self._closed:
            raise RuntimeError("SummaryWriter is already closed")

    def _add_event(self, serialized_event):
        if self._closed:
            return False
        self._queue.append(serialized_event)
        if (len(self._queue) > self._max_queue
                or time.monotonic() - self._last_flush >= self._flush_seconds):
            self.flush()
        return True

    def flush(self):
        """Write the queued events to the file."""
        if self._closed:
            return
        for record in self._queue:
            self._records.write(record)
        self._queue.clear()
        self._records.flush()
        self._last_flush = time.monotonic()

    def close(self):
        """Flush and close the file; later writes are dropped."""
        if self._closed:
            return
        self.flush()
        self._records.close()
        self._closed = True
        if _state.writer is self:
            _state.writer = None

    def __del__(self):
        try:
            self.close()
        except Exception:  # interpreter shutdown may have torn down modules already
            pass


@atexit.register
def _flush_all_at_exit():
    for writer in list(_live_writers):
        writer.flush()


def create_file_writer(logdir, max_queue=None, flush_millis=None, filename_suffix=None,
                       name=None, experimental_trackable=False, experimental_mesh=None):
    """A writer for event files in ``logdir`` (created if missing); None gives a no-op writer."""
    if logdir is None:
        return _NoopSummaryWriter()
    if hasattr(logdir, "numpy"):
        logdir = logdir.numpy()
    if isinstance(logdir, bytes):
        logdir = logdir.decode("utf-8")
    return _FileWriter(os.fspath(logdir), 10 if max_queue is None else int(max_queue),
                       120000 if flush_millis is None else int(flush_millis),
                       ".v2" if filename_suffix is None else filename_suffix)


def create_noop_writer():
    return _NoopSummaryWriter()


def flush(writer=None, name=None):
    """Flush ``writer``, or the default writer when none is given."""
    writer = writer if writer is not None else _state.writer
    if writer is not None:
        writer.flush()


def write_event(tag, tensor, metadata, step):
    """Append one summary value to the default writer; False when nothing is recorded.

    The writer check comes before the step check, as in TF: with no writer a summary is
    a quiet no-op even when no step is known.
    """
    if not should_record_summaries():
        return False
    step = _resolve_step(step)
    value = event_pb.encode_value(tag, tensor, metadata)
    return _state.writer._add_event(event_pb.encode_event(time.time(), step, summary_values=[value]))
