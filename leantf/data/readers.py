"""File-based datasets: list_files, TextLineDataset and TFRecordDataset."""
import glob
import gzip
import os
import zlib

import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError, NotFoundError, OpError
from ..framework.tensor import EagerTensor
from . import structure
from .dataset import Dataset, iterator_error
from ..framework.tensor_spec import TensorSpec

__all__ = ["list_files", "TextLineDataset", "TFRecordDataset"]


def _as_str(name):
    if isinstance(name, EagerTensor):
        name = name.numpy()
    if isinstance(name, (bytes, np.bytes_)):
        return bytes(name).decode("utf-8")
    return os.fspath(name)


def list_files(file_pattern, shuffle=None, seed=None):
    from .sources import TensorSliceDataset
    patterns = file_pattern
    if isinstance(patterns, EagerTensor):
        patterns = [p for p in np.asarray(patterns).reshape(-1)]
    elif isinstance(patterns, (str, bytes, os.PathLike)):
        patterns = [patterns]
    patterns = [_as_str(p) for p in patterns]
    matches = sorted({m for p in patterns for m in glob.glob(p)})
    if not matches:
        raise InvalidArgumentError(None, None, "Expected 'tf.Tensor(False, shape=(), dtype=bool)' to be true. "
                                   f"Summarized data: b'No files matched pattern: {', '.join(patterns)}'")
    dataset = TensorSliceDataset(np.array([m.encode() for m in matches], dtype=object))
    if shuffle is None or shuffle:
        dataset = dataset.shuffle(len(matches), seed=seed)
    return dataset


class _FileReaderDataset(Dataset):
    """Elements are scalar strings read from each file of ``filenames`` in turn."""

    def __init__(self, filenames, compression_type=None):
        super().__init__()
        if isinstance(filenames, Dataset):
            self._filenames = filenames
        else:
            if isinstance(filenames, EagerTensor):
                filenames = list(np.asarray(filenames).reshape(-1))
            elif isinstance(filenames, (str, bytes, os.PathLike)):
                filenames = [filenames]
            self._filenames = [_as_str(f) for f in filenames]
        compression = _as_str(compression_type) if compression_type is not None else ""
        if compression not in ("", "ZLIB", "GZIP"):
            raise InvalidArgumentError(None, None, f"Unsupported compression_type: {compression}.")
        self._compression = compression

    def _compute_spec(self):
        return TensorSpec([], dtypes.string)

    def _names(self):
        if isinstance(self._filenames, Dataset):
            for element in self._filenames._elements():
                yield _as_str(element[()])
        else:
            yield from self._filenames

    def _elements(self):
        for name in self._names():
            try:
                for record in self._records(name):
                    yield np.array(record, dtype=object)
            except OpError as exc:
                # The reader's own error, reported as TF does from the iterator.
                raise iterator_error(type(exc), exc.message, 1) from None

    def _records(self, name):
        raise NotImplementedError


class TextLineDataset(_FileReaderDataset):
    _repr_name = "TextLineDatasetV2"

    def __init__(self, filenames, compression_type=None, buffer_size=None, num_parallel_reads=None, name=None):
        super().__init__(filenames, compression_type)

    def _records(self, name):
        try:
            with open(name, "rb") as f:
                data = f.read()
        except FileNotFoundError:
            raise NotFoundError(None, None, f"{name}; No such file or directory") from None
        if self._compression == "GZIP":
            data = gzip.decompress(data)
        elif self._compression == "ZLIB":
            data = zlib.decompress(data)
        if not data:
            return
        lines = data.split(b"\n")
        if lines[-1] == b"":
            lines.pop()  # a final newline ends the last line; it does not start an empty one
        for line in lines:
            yield line[:-1] if line.endswith(b"\r") else line


class TFRecordDataset(_FileReaderDataset):
    _repr_name = "TFRecordDatasetV2"

    def __init__(self, filenames, compression_type=None, buffer_size=None, num_parallel_reads=None, name=None):
        super().__init__(filenames, compression_type)

    def _records(self, name):
        from ..io.tfrecord import read_records
        return read_records(name, self._compression)
