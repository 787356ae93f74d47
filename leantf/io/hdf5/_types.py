"""HDF5 datatype and dataspace messages <-> NumPy dtypes and shapes.

Read: fixed-point integers (any byte order), IEEE floats of 2/4/8 bytes (plus the 16-bit
bfloat16 layout), fixed-length and variable-length strings, opaque (what h5py writes for
ml_dtypes.bfloat16, which it does not know), enums (h5py's bool is an int8 enum
FALSE=0/TRUE=1), bitfields. Compound, reference, array and time types are recognised and
reported as unsupported only when their values are actually read.

Write: exactly the encodings h5py produces with its default settings, so files look the
same to any HDF5 reader.
"""
import math

import numpy as np

from ._base import LIMITS, HDF5Error, UnsupportedFeatureError, pad8

__all__ = ["H5Type", "decode_datatype", "encode_datatype", "decode_dataspace", "encode_dataspace",
           "VLEN_STR", "vlen_str_type", "check_extent"]

_CLASS_NAMES = {0: "integer", 1: "float", 2: "time", 3: "string", 4: "bitfield", 5: "opaque", 6: "compound",
                7: "reference", 8: "enum", 9: "variable-length", 10: "array", 11: "complex"}

# (exponent location, exponent size, mantissa location, mantissa size, bias) of the IEEE
# layouts NumPy has, keyed by size; bfloat16 shares float16's size, so it is separate.
_IEEE = {2: (10, 5, 0, 10, 15), 4: (23, 8, 0, 23, 127), 8: (52, 11, 0, 52, 1023)}
_BF16 = (7, 8, 0, 7, 127)
# NumPy cannot describe larger elements; HDF5 files that need them are not weight files.
_MAX_ELEMENT_SIZE = (1 << 31) - 1


def _bfloat16():
    import ml_dtypes  # only files that really hold bfloat16 need it
    return np.dtype(ml_dtypes.bfloat16)


class H5Type:
    """A decoded datatype. ``kind`` is one of: "num" (``dtype`` is the NumPy dtype, possibly
    big-endian), "bool", "enum", "opaque", "fstr", "vstr", "unsupported"."""
    __slots__ = ("kind", "size", "dtype", "charset", "strpad", "members", "reason")

    def __init__(self, kind, size, dtype=None, charset=0, strpad=0, members=None, reason=None):
        self.kind = kind
        self.size = size
        self.dtype = dtype
        self.charset = charset
        self.strpad = strpad
        self.members = members
        self.reason = reason

    @property
    def numpy_dtype(self):
        """The dtype values are returned with (native byte order; object for strings)."""
        if self.kind == "unsupported":
            raise UnsupportedFeatureError(f"HDF5 datatype not supported: {self.reason}")
        if self.kind == "vstr":
            return np.dtype(object)
        if self.kind == "bool":
            return np.dtype(np.bool_)
        return self.dtype.newbyteorder("=") if self.dtype.byteorder not in ("|", "=") else self.dtype

    def __repr__(self):
        return f"H5Type({self.kind}, size={self.size}, dtype={self.dtype})"


def decode_datatype(cur):
    """Decode one datatype message at ``cur`` (advancing it past the message)."""
    head = cur.u8()
    version, cls = head >> 4, head & 0x0F
    b0, b1, b2 = cur.u8(), cur.u8(), cur.u8()
    size = cur.u32()
    if version < 1 or version > 5:
        raise HDF5Error(f"Corrupt HDF5 file: datatype message version {version}")
    if size == 0 or size > _MAX_ELEMENT_SIZE:
        raise HDF5Error(f"Corrupt HDF5 file: datatype element size {size}")
    if cls in (0, 4):  # fixed-point / bitfield
        bit_offset, precision = cur.u16(), cur.u16()
        if size not in (1, 2, 4, 8) or bit_offset != 0 or precision != 8 * size:
            return H5Type("unsupported", size, reason=f"{precision}-bit integer at bit offset {bit_offset} "
                                                       f"in {size} bytes")
        signed = bool(b0 & 0x08) and cls == 0
        order = ">" if b0 & 0x01 else "<"
        return H5Type("num", size, np.dtype(f"{order}{'i' if signed else 'u'}{size}"))
    if cls == 1:
        bit_offset, precision = cur.u16(), cur.u16()
        layout = (cur.u8(), cur.u8(), cur.u8(), cur.u8(), cur.u32())
        if b0 & 0x40:
            return H5Type("unsupported", size, reason="VAX-order float")
        order = ">" if b0 & 0x01 else "<"
        if bit_offset == 0 and precision == 8 * size and b1 == 8 * size - 1:
            if size in _IEEE and layout == _IEEE[size]:
                return H5Type("num", size, np.dtype(f"{order}f{size}"))
            if size == 2 and layout == _BF16:
                dt = _bfloat16()
                return H5Type("num", size, dt if order == "<" else dt.newbyteorder(">"))
        return H5Type("unsupported", size, reason=f"non-IEEE {size}-byte float layout {layout}")
    if cls == 3:
        return H5Type("fstr", size, np.dtype(f"S{size}"), charset=(b0 >> 4) & 0x0F, strpad=b0 & 0x0F)
    if cls == 5:
        tag_len = b0
        cur.skip(tag_len)
        return H5Type("opaque", size, np.dtype(f"V{size}"))
    if cls == 8:
        n = b0 | (b1 << 8)
        base = decode_datatype(cur)
        names = []
        for _ in range(n):
            start = cur.pos
            names.append(cur.cstring())
            if version < 3:  # names are NUL-padded to a multiple of 8 bytes before version 3
                cur.pos = start + pad8(cur.pos - start)
        if base.kind != "num" or base.dtype.kind not in "iu" or base.size != size:
            return H5Type("unsupported", size, reason="enum with a non-integer base type")
        raw = cur.bytes(n * base.size)
        values = np.frombuffer(raw, base.dtype).astype(np.int64).tolist()
        members = dict(zip((m.decode("utf-8", "replace") for m in names), values))
        if base.size == 1 and members == {"FALSE": 0, "TRUE": 1}:
            return H5Type("bool", 1, np.dtype(np.bool_), members=members)
        return H5Type("enum", size, base.dtype, members=members)
    if cls == 9:
        kind = b0 & 0x0F
        base = decode_datatype(cur)
        if kind == 1:
            return H5Type("vstr", size, charset=b1 & 0x0F, strpad=(b0 >> 4) & 0x0F)
        return H5Type("unsupported", size, reason=f"variable-length sequence of {base.kind}")
    # Compound, reference, array, time, complex: the caller knows the message size, so the
    # properties need not be parsed; values of this type raise when read.
    cur.pos = len(cur.data)
    return H5Type("unsupported", size, reason=f"{_CLASS_NAMES.get(cls, f'class {cls}')} datatype")


# -- encoding (what h5py writes) --------------------------------------------------------------------

VLEN_STR = "vlen_str"  # marker "dtype" for variable-length UTF-8 strings


def vlen_str_type(utf8=True):
    # Version 1, class 9; string, NUL-terminated; charset; 16-byte (length, heap id) element;
    # base type: unsigned 8-bit integer, as HDF5's C library encodes it.
    return (bytes([0x19, 0x01, 0x01 if utf8 else 0x00, 0x00]) + (16).to_bytes(4, "little")
            + bytes([0x10, 0, 0, 0]) + (1).to_bytes(4, "little") + (0).to_bytes(2, "little")
            + (8).to_bytes(2, "little"))


def encode_datatype(dtype):
    """The datatype message h5py writes for a NumPy dtype (little-endian)."""
    if isinstance(dtype, str) and dtype == VLEN_STR:
        return vlen_str_type(True)
    dtype = np.dtype(dtype)
    size = dtype.itemsize
    if dtype.name == "bfloat16" or dtype.kind == "V":
        if dtype.fields is not None:
            raise TypeError(f"Structured dtypes are not supported by leantf's HDF5 writer: {dtype}")
        # h5py has no bfloat16: it stores the raw 2 bytes as an untagged opaque type.
        return bytes([0x15, 0, 0, 0]) + size.to_bytes(4, "little")
    if dtype.kind == "b":
        base = bytes([0x10, 0x08, 0, 0]) + (1).to_bytes(4, "little") + (0).to_bytes(2, "little") + \
            (8).to_bytes(2, "little")
        names = b"FALSE\0\0\0" + b"TRUE\0\0\0\0"
        return bytes([0x18, 2, 0, 0]) + (1).to_bytes(4, "little") + base + names + b"\x00\x01"
    if dtype.kind in "iu":
        if size not in (1, 2, 4, 8):
            raise TypeError(f"Unsupported integer size: {dtype}")
        flags = 0x08 if dtype.kind == "i" else 0
        return bytes([0x10, flags, 0, 0]) + size.to_bytes(4, "little") + (0).to_bytes(2, "little") + \
            (8 * size).to_bytes(2, "little")
    if dtype.kind == "f":
        if size not in _IEEE:
            raise TypeError(f"Unsupported float type: {dtype}")
        eloc, esize, mloc, msize, bias = _IEEE[size]
        return (bytes([0x11, 0x20, 8 * size - 1, 0]) + size.to_bytes(4, "little") + (0).to_bytes(2, "little")
                + (8 * size).to_bytes(2, "little") + bytes([eloc, esize, mloc, msize]) + bias.to_bytes(4, "little"))
    if dtype.kind == "S":
        # NUL-padded ASCII, h5py's mapping of NumPy "S" arrays.
        return bytes([0x13, 0x01, 0, 0]) + max(size, 1).to_bytes(4, "little")
    raise TypeError(f"leantf's HDF5 writer cannot store dtype {dtype}")


def decode_dataspace(cur):
    """Shape tuple of a dataspace message; None for a null (empty) dataspace."""
    version = cur.u8()
    rank = cur.u8()
    flags = cur.u8()
    if version == 1:
        cur.skip(5)
        kind = 1 if rank > 0 else 0
    elif version == 2:
        kind = cur.u8()
    else:
        raise HDF5Error(f"Corrupt HDF5 file: dataspace message version {version}")
    if rank > LIMITS.max_rank:
        raise HDF5Error(f"Corrupt HDF5 file: dataspace rank {rank} exceeds {LIMITS.max_rank}")
    dims = tuple(cur.length() for _ in range(rank))
    if kind == 2:
        return None
    if kind == 0:
        return ()
    return dims


def check_extent(shape, itemsize):
    """Refuse extents NumPy cannot even describe (it multiplies the non-zero dimensions)."""
    if shape and math.prod(d for d in shape if d) * max(itemsize, 1) >= 1 << 62:
        raise HDF5Error(f"Corrupt HDF5 file: dataspace {shape} is impossibly large")


def encode_dataspace(shape):
    """Version-1 dataspace as h5py writes it: maximum dims equal to the dims."""
    rank = len(shape)
    if rank == 0:
        return bytes([1, 0, 0, 0, 0, 0, 0, 0])
    dims = b"".join(int(d).to_bytes(8, "little") for d in shape)
    return bytes([1, rank, 1, 0, 0, 0, 0, 0]) + dims + dims
