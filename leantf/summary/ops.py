"""tf.summary.scalar / histogram / image / text: TF2 tensor summaries.

Each writes one Summary.Value holding a TensorProto and a SummaryMetadata naming the
TensorBoard plugin that displays it. The tensor layouts are TF's:

  scalar     DT_FLOAT, shape []
  histogram  DT_DOUBLE, shape [buckets, 3], rows (left edge, right edge, count)
  image      DT_STRING, shape [2 + n]: width, height (as decimal text), then n PNGs
  text       DT_STRING, the shape of the input
"""
import numpy as np

from . import event_pb
from .writer import should_record_summaries, write_event

__all__ = ["scalar", "histogram", "image", "text"]

DEFAULT_BUCKET_COUNT = 30


def _numpy(data):
    return data.numpy() if hasattr(data, "numpy") else np.asarray(data)


def _result(written):
    from ..framework.tensor import constant
    return constant(bool(written))


def _write(name, plugin, tensor, step, description):
    # Data is converted only when something will be written, so summaries inside a
    # disabled record_if (or without a writer) cost next to nothing.
    if not should_record_summaries():
        return _result(False)
    metadata = event_pb.encode_metadata(plugin, description=description or "")
    return _result(write_event(name, tensor(), metadata, step))


def scalar(name, data, step=None, description=None):
    """Write a float32 scalar shown on TensorBoard's Scalars dashboard."""
    def tensor():
        value = _numpy(data)
        if value.ndim != 0:
            raise ValueError(f"Expected scalar shape, saw shape: {value.shape}.")
        return event_pb.encode_tensor(event_pb.DT_FLOAT, (), value.astype("<f4").tobytes())
    return _write(name, "scalars", tensor, step, description)


def histogram_buckets(values, bucket_count=DEFAULT_BUCKET_COUNT):
    """The (bucket_count, 3) float64 array TF2's histogram summary stores.

    Edges split [min, max] evenly; a value lands in bucket floor((x - min) / width),
    with the maximum folded into the last bucket. All-equal data has every edge at that
    value and the whole count in the last bucket; empty data gives all zeros.
    """
    values = np.asarray(values, dtype=np.float64).ravel()
    k = int(bucket_count)
    out = np.zeros((k, 3), np.float64)
    if values.size == 0 or k == 0:
        return out
    low, high = values.min(), values.max()
    if low == high:
        out[:, :2] = low
        out[-1, 2] = values.size
        return out
    width = (high - low) / k
    index = np.minimum(np.floor((values - low) / width).astype(np.int64), k - 1)
    edges = np.linspace(low, high, k + 1)
    out[:, 0] = edges[:-1]
    out[:, 1] = edges[1:]
    out[:, 2] = np.bincount(index, minlength=k)
    return out


def histogram(name, data, step=None, buckets=None, description=None):
    """Write a histogram of ``data`` (any shape) with ``buckets`` buckets (30 by default)."""
    def tensor():
        k = DEFAULT_BUCKET_COUNT if buckets is None else int(_numpy(buckets))
        table = histogram_buckets(_numpy(data), k)
        return event_pb.encode_tensor(event_pb.DT_DOUBLE, table.shape, table.astype("<f8").tobytes())
    return _write(name, "histograms", tensor, step, description)


def image(name, data, step=None, max_outputs=3, description=None):
    """Write up to ``max_outputs`` images of a [k, h, w, c] batch (c = 1, 3 or 4) as PNGs."""
    def tensor():
        from ..image.color import convert_image_dtype
        from ..image.png import encode_png_bytes
        batch = _numpy(data)
        if batch.ndim != 4:
            raise ValueError(f"Shape {batch.shape} must have rank 4")
        # Floats in [0, 1] become uint8 with TF's rounding; saturate keeps out-of-range
        # values (e.g. negative weights) at 0/255 instead of wrapping.
        pixels = _numpy(convert_image_dtype(batch[:int(max_outputs)], "uint8", saturate=True))
        height, width = batch.shape[1], batch.shape[2]
        strings = [str(width).encode(), str(height).encode()]
        strings += [encode_png_bytes(np.ascontiguousarray(img)) for img in pixels]
        return event_pb.encode_tensor(event_pb.DT_STRING, (len(strings),), strings=strings)
    return _write(name, "images", tensor, step, description)


def text(name, data, step=None, description=None):
    """Write a string (or array of strings) shown on TensorBoard's Text dashboard (Markdown)."""
    def tensor():
        array = _numpy(data)
        flat = [s if isinstance(s, bytes) else str(s).encode("utf-8") for s in array.ravel()]
        return event_pb.encode_tensor(event_pb.DT_STRING, array.shape, strings=flat)
    return _write(name, "text", tensor, step, description)
