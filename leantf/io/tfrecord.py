"""TFRecord files: ``read_records`` (used by tf.data.TFRecordDataset), TFRecordWriter,
TFRecordOptions.

Each record on disk is::

    uint64 length (little endian)
    uint32 masked CRC32C of those 8 length bytes
    length bytes of data
    uint32 masked CRC32C of the data

The whole file may be wrapped in one GZIP or ZLIB stream ("compression_type").
"""
import os
import struct
import zlib

from ..framework import errors
from .crc32c import masked_crc32c

__all__ = ["read_records", "TFRecordWriter", "TFRecordOptions", "TFRecordCompressionType"]

_HEADER = struct.Struct("<QI")
_FOOTER = struct.Struct("<I")
_READ_CHUNK = 1 << 20


class TFRecordCompressionType:
    """The v1 enum of compression kinds (``tf.compat.v1.io.TFRecordCompressionType``)."""
    NONE = 0
    ZLIB = 1
    GZIP = 2


# zlib's window-bits convention: 15 = zlib header, 15 + 16 = gzip header.
_WINDOW_BITS = {"ZLIB": zlib.MAX_WBITS, "GZIP": zlib.MAX_WBITS + 16}


class TFRecordOptions:
    """Options for writing TFRecord files: mainly ``compression_type``."""

    compression_type_map = {
        TFRecordCompressionType.ZLIB: "ZLIB",
        TFRecordCompressionType.GZIP: "GZIP",
        TFRecordCompressionType.NONE: "",
    }

    def __init__(self, compression_type=None, flush_mode=None, input_buffer_size=None,
                 output_buffer_size=None, window_bits=None, compression_level=None,
                 compression_method=None, mem_level=None, compression_strategy=None):
        # Validates like TF (ValueError for unknown kinds) but keeps the value as given.
        self.get_compression_type_string(compression_type)
        self.compression_type = compression_type
        self.flush_mode = flush_mode
        self.input_buffer_size = input_buffer_size
        self.output_buffer_size = output_buffer_size
        self.window_bits = window_bits
        self.compression_level = compression_level
        self.compression_method = compression_method
        self.mem_level = mem_level
        self.compression_strategy = compression_strategy

    @classmethod
    def get_compression_type_string(cls, options):
        """``""``, ``"ZLIB"`` or ``"GZIP"`` for options, an enum value or a string."""
        if not options:
            return ""
        if isinstance(options, TFRecordOptions):
            return cls.get_compression_type_string(options.compression_type)
        if not isinstance(options, str) and options in cls.compression_type_map:
            return cls.compression_type_map[options]
        if options in cls.compression_type_map.values():
            return options
        raise ValueError(f'Not a valid compression_type: "{options}"')


def _path_string(path):
    if hasattr(path, "numpy"):  # a scalar string tensor
        path = path.numpy()
    if isinstance(path, bytes):
        return path.decode("utf-8")
    return os.fspath(path)


def _open_for_reading(path):
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise errors.NotFoundError(None, None, f"{path}; No such file or directory") from None
    except IsADirectoryError:
        raise errors.FailedPreconditionError(None, None, f"{path}; Is a directory") from None


class _InflatingReader:
    """``read(n)`` over a ZLIB/GZIP stream, decompressing the file a chunk at a time."""

    def __init__(self, raw, window_bits):
        self._raw = raw
        self._window_bits = window_bits
        self._inflater = zlib.decompressobj(window_bits)
        self._buffer = bytearray()

    def _fill(self, wanted):
        while len(self._buffer) < wanted:
            if self._inflater.eof:
                # Concatenated gzip members (e.g. files appended to) form one stream.
                rest = self._inflater.unused_data
                self._inflater = zlib.decompressobj(self._window_bits)
                chunk = rest or self._raw.read(_READ_CHUNK)
            else:
                chunk = self._raw.read(_READ_CHUNK)
            if not chunk:
                self._buffer += self._inflater.flush()
                return
            try:
                self._buffer += self._inflater.decompress(chunk)
            except zlib.error as e:
                raise errors.DataLossError(None, None, f"{e}") from None

    def read(self, n):
        self._fill(n)
        out = bytes(self._buffer[:n])
        del self._buffer[:n]
        return out

    def close(self):
        self._raw.close()


def read_records(path, compression_type=""):
    """Yield the data bytes of each record in the TFRecord file at ``path``.

    Raises ``DataLossError`` with TF's text for a record whose CRC does not match or
    whose data is cut short; a partial header at the end of the file ends the file
    quietly, as in TensorFlow.
    """
    compression = TFRecordOptions.get_compression_type_string(compression_type)
    path = _path_string(path)
    stream = _open_for_reading(path)
    if compression:
        stream = _InflatingReader(stream, _WINDOW_BITS[compression])
    try:
        offset = 0
        while True:
            header = stream.read(_HEADER.size)
            if len(header) < _HEADER.size:
                return
            length, length_crc = _HEADER.unpack(header)
            if masked_crc32c(header[:8]) != length_crc:
                raise errors.DataLossError(
                    None, None, f"corrupted record at {offset} (Is this even a TFRecord file?)")
            body = stream.read(length + _FOOTER.size)
            if len(body) < length + _FOOTER.size:
                raise errors.DataLossError(
                    None, None,
                    f"truncated record at {offset}' failed with Read less bytes than requested")
            data = body[:length]
            if masked_crc32c(data) != _FOOTER.unpack_from(body, length)[0]:
                # TF reports a bad data checksum at the data's offset, past the header.
                raise errors.DataLossError(
                    None, None, f"corrupted record at {offset + _HEADER.size}")
            yield data
            offset += _HEADER.size + length + _FOOTER.size
    finally:
        stream.close()


def _record_bytes(record):
    if hasattr(record, "numpy"):
        record = record.numpy()
    if isinstance(record, str):
        return record.encode("utf-8")
    return bytes(record)


class TFRecordWriter:
    """Writes records to a TFRecord file (``tf.io.TFRecordWriter``)."""

    def __init__(self, path, options=None):
        self._path = _path_string(path)
        if isinstance(options, TFRecordOptions):
            self._options = options
        else:
            self._options = TFRecordOptions(compression_type=options)
        compression = TFRecordOptions.get_compression_type_string(self._options)
        try:
            self._file = open(self._path, "wb")
        except (FileNotFoundError, NotADirectoryError):
            raise errors.NotFoundError(
                None, None, f"{self._path}; No such file or directory") from None
        self._deflater = None
        if compression:
            self._deflater = self._make_deflater(compression)

    def _make_deflater(self, compression):
        opts = self._options
        level = zlib.Z_DEFAULT_COMPRESSION if opts.compression_level is None else opts.compression_level
        window_bits = zlib.MAX_WBITS if opts.window_bits is None else opts.window_bits
        if compression == "GZIP":
            window_bits += 16
        # TF's ZlibCompressionOptions default mem_level is 9 (zlib's own default is 8);
        # matching it keeps our compressed bytes identical to TF's.
        mem_level = 9 if opts.mem_level is None else opts.mem_level
        strategy = zlib.Z_DEFAULT_STRATEGY if opts.compression_strategy is None else opts.compression_strategy
        return zlib.compressobj(level, zlib.DEFLATED, window_bits, mem_level, strategy)

    def _check_open(self):
        if self._file is None:
            raise errors.FailedPreconditionError(None, None, "Writer is closed.")

    def _emit(self, chunk):
        if self._deflater is not None:
            chunk = self._deflater.compress(chunk)
        self._file.write(chunk)

    def write(self, record):
        """Append one record (bytes; str is written as UTF-8)."""
        self._check_open()
        data = _record_bytes(record)
        length = struct.pack("<Q", len(data))
        self._emit(length + struct.pack("<I", masked_crc32c(length)))
        self._emit(data)
        self._emit(struct.pack("<I", masked_crc32c(data)))

    def flush(self):
        """Push written records to the file (compressed streams stay readable)."""
        self._check_open()
        if self._deflater is not None:
            self._file.write(self._deflater.flush(zlib.Z_SYNC_FLUSH))
        self._file.flush()

    def close(self):
        """Finish the compressed stream, if any, and close the file."""
        if self._file is None:
            return
        if self._deflater is not None:
            self._file.write(self._deflater.flush(zlib.Z_FINISH))
        self._file.close()
        self._file = None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self.close()
