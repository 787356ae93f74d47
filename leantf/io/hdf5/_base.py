"""Low-level pieces shared by the HDF5 reader and writer: errors, limits, byte access.

Every read of the file goes through ``Source.read``, which refuses offsets outside the file,
so a corrupt or hostile address can never make the reader seek past the end, read from
another file, or ask for an absurd buffer.
"""
import io
import os
import struct

__all__ = ["HDF5Error", "UnsupportedFeatureError", "NotAllowedError", "SIGNATURE", "UNDEF", "Source",
           "Cursor", "pad8", "LIMITS", "readable_size"]

SIGNATURE = b"\x89HDF\r\n\x1a\n"
UNDEF = 0xFFFFFFFFFFFFFFFF  # "undefined address" for 8-byte offsets (all bits set)


class HDF5Error(ValueError):
    """The file is not valid HDF5, or is damaged."""


class UnsupportedFeatureError(HDF5Error):
    """Valid HDF5 that uses a feature this small implementation does not read."""


class NotAllowedError(HDF5Error):
    """A feature refused for safety: links to other files, external storage, shape bombs."""


class _Limits:
    """Resource bounds applied while reading. Module-level so tests (and cautious callers)
    can tighten them; the defaults accept anything h5py/Keras write for real models."""

    # Keras's own shape-bomb rule (saving_lib.safe_get_h5_dataset): a dataset declaring more
    # than 4 GiB must not expand more than 1000x the bytes it really stores.
    bomb_floor_bytes = 1 << 32
    max_expansion = 1000
    # A dataset with no stored data at all (never written) is refused above this size:
    # its data would be nothing but fill value, and it would cost a hostile file nothing.
    max_unstored_bytes = 1 << 26
    # HDF5 itself caps the rank at 32.
    max_rank = 32
    # Walking structures: continuation chunks per object header, B-tree depth.
    max_header_chunks = 4096
    max_btree_depth = 64


LIMITS = _Limits()


def readable_size(n):
    """Keras's readable_memory_size ("4.00 GB"), so refusal messages read as Keras's do."""
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if n / 1024 < 1:
            return f"{n:.2f} {unit}"
        n /= 1024
    return f"{n:.2f} PB"


def pad8(n):
    return (n + 7) & ~7


class Source:
    """Random access to the bytes of one HDF5 file (a path, a binary file object or bytes)."""

    def __init__(self, source):
        self._owned = False
        if isinstance(source, (bytes, bytearray, memoryview)):
            self._buf = memoryview(source).cast("B") if not isinstance(source, bytes) else memoryview(source)
            self._fh = None
            self.size = len(self._buf)
            self.name = "<bytes>"
        else:
            if isinstance(source, (str, os.PathLike)):
                self._fh = open(source, "rb")
                self._owned = True
                self.name = os.fspath(source)
            elif hasattr(source, "read") and hasattr(source, "seek"):
                self._fh = source
                self.name = getattr(source, "name", "<file object>")
            else:
                raise TypeError(f"Expected a path, a binary file object or bytes; received {type(source)}")
            self._buf = None
            self._fh.seek(0, io.SEEK_END)
            self.size = self._fh.tell()
        self.base = 0  # the superblock's base address; every stored address is relative to it

    def close(self):
        if self._owned and self._fh is not None:
            self._fh.close()
        self._fh = None
        self._buf = None

    def _check(self, addr, n, what):
        if addr is None or addr == UNDEF or n < 0:
            raise HDF5Error(f"Corrupt HDF5 file: {what} has an undefined address")
        start = self.base + addr
        if start < 0 or start + n > self.size:
            raise HDF5Error(f"Corrupt or truncated HDF5 file: {what} at offset {start} (+{n} bytes) lies "
                            f"outside the file ({self.size} bytes)")
        return start

    def read(self, addr, n, what="data"):
        start = self._check(addr, n, what)
        if self._buf is not None:
            return bytes(self._buf[start:start + n])
        self._fh.seek(start)
        data = self._fh.read(n)
        if len(data) != n:
            raise HDF5Error(f"Truncated HDF5 file: short read of {what} at offset {start}")
        return data

    def read_into(self, addr, out, what="data"):
        """Fill the writable buffer ``out`` (a byte memoryview) from ``addr`` without an extra copy."""
        n = len(out)
        start = self._check(addr, n, what)
        if self._buf is not None:
            out[:] = self._buf[start:start + n]
            return
        self._fh.seek(start)
        got = self._fh.readinto(out)
        if got != n:
            raise HDF5Error(f"Truncated HDF5 file: short read of {what} at offset {start}")

    def read_raw_at(self, pos, n):
        """Bytes at an absolute position (used only to find the superblock)."""
        if pos < 0 or pos + n > self.size:
            return b""
        if self._buf is not None:
            return bytes(self._buf[pos:pos + n])
        self._fh.seek(pos)
        return self._fh.read(n)


class Cursor:
    """Sequential little-endian decoding of one in-memory structure, with bounds checks."""
    __slots__ = ("data", "pos", "osize", "lsize", "what")

    def __init__(self, data, pos=0, osize=8, lsize=8, what="structure"):
        self.data = data
        self.pos = pos
        self.osize = osize
        self.lsize = lsize
        self.what = what

    def need(self, n):
        if n < 0 or self.pos + n > len(self.data):
            raise HDF5Error(f"Corrupt HDF5 file: {self.what} is truncated")

    def bytes(self, n):
        self.need(n)
        out = self.data[self.pos:self.pos + n]
        self.pos += n
        return bytes(out)

    def skip(self, n):
        self.need(n)
        self.pos += n

    def uint(self, n):
        self.need(n)
        v = int.from_bytes(self.data[self.pos:self.pos + n], "little")
        self.pos += n
        return v

    def u8(self):
        return self.uint(1)

    def u16(self):
        return self.uint(2)

    def u32(self):
        return self.uint(4)

    def u64(self):
        return self.uint(8)

    def offset(self):
        v = self.uint(self.osize)
        return UNDEF if v == (1 << (8 * self.osize)) - 1 else v

    def length(self):
        return self.uint(self.lsize)

    def cstring(self, limit=None):
        end = self.data.find(b"\0", self.pos, None if limit is None else self.pos + limit)
        if end < 0:
            raise HDF5Error(f"Corrupt HDF5 file: unterminated name in {self.what}")
        out = bytes(self.data[self.pos:end])
        self.pos = end + 1
        return out

    def remaining(self):
        return len(self.data) - self.pos


def pack_u(n, size):
    return n.to_bytes(size, "little")


_U16 = struct.Struct("<H")
_U32 = struct.Struct("<I")
_U64 = struct.Struct("<Q")
