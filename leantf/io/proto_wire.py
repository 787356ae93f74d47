"""Protocol-buffer wire format: the byte-level pieces (varints, tags, fields) and the
scalar spellings of the text format, written for the few TensorFlow messages leantf
reads and writes itself (tf.train.Example, TensorProto, ...).

Wire types: 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32 (3/4, groups, are
obsolete and rejected).
"""
import struct

import numpy as np

VARINT, FIXED64, LENGTH_DELIMITED, FIXED32 = 0, 1, 2, 5

_U64 = (1 << 64) - 1


class WireError(ValueError):
    """Malformed bytes; message classes turn it into their own DecodeError."""


def encode_varint(value):
    """Varint bytes of an int; negative numbers use 64-bit two's complement (10 bytes)."""
    value &= _U64
    if value < 0x80:
        return bytes((value,))
    out = bytearray()
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def tag(field_number, wire_type):
    return encode_varint((field_number << 3) | wire_type)


def length_delimited(field_number, payload):
    return tag(field_number, LENGTH_DELIMITED) + encode_varint(len(payload)) + payload


def decode_varint(data, pos):
    """(value, next position) of the unsigned varint starting at ``data[pos]``."""
    result = 0
    shift = 0
    end = len(data)
    while True:
        if pos >= end or shift > 63:
            raise WireError("truncated or overlong varint")
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result & _U64, pos
        shift += 7


def to_int64(unsigned):
    return unsigned - (1 << 64) if unsigned >= (1 << 63) else unsigned


def iter_fields(data, start=0, end=None):
    """Yield ``(field_number, wire_type, value)`` over a serialized message.

    ``value`` is an int for varint/fixed fields and a memoryview slice for
    length-delimited ones (no copy until a caller needs bytes).
    """
    view = memoryview(data)
    pos = start
    end = len(view) if end is None else end
    while pos < end:
        key, pos = decode_varint(view, pos)
        number, wire_type = key >> 3, key & 7
        if number == 0:
            raise WireError("field number 0")
        if wire_type == VARINT:
            value, pos = decode_varint(view, pos)
        elif wire_type == LENGTH_DELIMITED:
            size, pos = decode_varint(view, pos)
            if pos + size > end:
                raise WireError("length past the end")
            value = view[pos:pos + size]
            pos += size
        elif wire_type == FIXED32:
            if pos + 4 > end:
                raise WireError("truncated fixed32")
            value = view[pos:pos + 4]
            pos += 4
        elif wire_type == FIXED64:
            if pos + 8 > end:
                raise WireError("truncated fixed64")
            value = view[pos:pos + 8]
            pos += 8
        else:
            raise WireError(f"unsupported wire type {wire_type}")
        yield number, wire_type, value


def decode_packed_varints(payload):
    values = []
    pos = 0
    end = len(payload)
    while pos < end:
        value, pos = decode_varint(payload, pos)
        values.append(value)
    return values


def encode_packed_floats(values):
    return np.asarray(values, dtype="<f4").tobytes()


def decode_packed_floats(payload):
    if len(payload) % 4:
        raise WireError("packed float length not a multiple of 4")
    return np.frombuffer(payload, dtype="<f4").tolist()


def decode_fixed32_float(payload):
    return struct.unpack("<f", payload)[0]


# ---------------------------------------------------------------------------
# Text format scalars
# ---------------------------------------------------------------------------
_ESCAPES = {ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t", ord('"'): '\\"',
            ord("'"): "\\'", ord("\\"): "\\\\"}
_BYTE_TEXT = [_ESCAPES.get(b, chr(b) if 0x20 <= b < 0x7F else f"\\{b:03o}") for b in range(256)]


def text_bytes(value):
    """A bytes value quoted as protobuf's text format prints it (octal for non-ASCII)."""
    return '"' + "".join([_BYTE_TEXT[b] for b in value]) + '"'


def text_float(value):
    """Shortest of 6 or 9 significant digits that reads back as the same float32."""
    if value != value:
        return "nan"
    short = "%.6g" % value
    if np.float32(float(short)) == np.float32(value):
        return short
    return "%.9g" % value
