"""Encode and decode the few protobuf messages a TensorBoard event file holds.

Only the fields TF2's summary writer sets are handled (numbers from event.proto,
summary.proto, tensor.proto and tensor_shape.proto):

    Event           wall_time=1 (double), step=2 (int64), file_version=3, summary=5,
                    source_metadata=10 {writer=1}
    Summary         value=1 (repeated)
    Summary.Value   tag=1, tensor=8, metadata=9
    SummaryMetadata plugin_data=1 {plugin_name=1, content=2}, summary_description=3
    TensorProto     dtype=1, tensor_shape=2 {dim=2 {size=1}}, tensor_content=4,
                    string_val=8 (repeated)

The encoder writes fields in field-number order and leaves proto3 defaults out, which is
what protobuf's own serializer does, so the bytes match TF's.
"""
import collections
import struct

import numpy as np

from ..io import proto_wire as wire

# TensorFlow's DataType enum values for the dtypes summaries produce.
DT_FLOAT, DT_DOUBLE, DT_STRING = 1, 2, 7
_NUMPY_OF_DTYPE = {DT_FLOAT: np.dtype("<f4"), DT_DOUBLE: np.dtype("<f8")}

_FIXED64 = wire.FIXED64


def _double(field_number, value):
    return wire.tag(field_number, _FIXED64) + struct.pack("<d", value)


def _varint(field_number, value):
    return wire.tag(field_number, wire.VARINT) + wire.encode_varint(value)


def encode_tensor(dtype, shape, content=None, strings=None):
    """TensorProto bytes: numbers go in ``tensor_content``, strings in ``string_val``."""
    dims = b"".join(wire.length_delimited(2, _varint(1, d) if d else b"") for d in shape)
    # TF always writes tensor_shape, even the empty one of a scalar (bytes `12 00`).
    out = _varint(1, dtype) + wire.length_delimited(2, dims)
    if content:
        out += wire.length_delimited(4, content)
    for s in strings or ():
        out += wire.length_delimited(8, s)
    return out


def encode_metadata(plugin_name, content=b"", description=""):
    plugin = wire.length_delimited(1, plugin_name.encode("utf-8"))
    if content:
        plugin += wire.length_delimited(2, content)
    out = wire.length_delimited(1, plugin)
    if description:
        out += wire.length_delimited(3, description.encode("utf-8"))
    return out


def encode_value(tag, tensor, metadata):
    return (wire.length_delimited(1, tag.encode("utf-8")) + wire.length_delimited(8, tensor)
            + wire.length_delimited(9, metadata))


def encode_event(wall_time, step=0, file_version=None, summary_values=(), source_writer=None):
    out = _double(1, wall_time) if wall_time else b""
    if step:
        out += _varint(2, step)
    if file_version is not None:
        out += wire.length_delimited(3, file_version.encode("utf-8"))
    if summary_values:
        out += wire.length_delimited(5, b"".join(wire.length_delimited(1, v) for v in summary_values))
    if source_writer is not None:
        out += wire.length_delimited(10, wire.length_delimited(1, source_writer.encode("utf-8")))
    return out


# ---------------------------------------------------------------------------
# Decoding: plain named tuples, enough for tests and for users inspecting their logs.
# ---------------------------------------------------------------------------
Event = collections.namedtuple("Event", "wall_time step file_version values")
Value = collections.namedtuple("Value", "tag plugin_name plugin_content description dtype shape tensor")


def _decode_tensor(data):
    dtype, shape, content, strings = 0, [], b"", []
    for number, _, value in wire.iter_fields(data):
        if number == 1:
            dtype = value
        elif number == 2:
            for dnum, _, dim in wire.iter_fields(value):
                if dnum == 2:
                    size = 0
                    for snum, _, s in wire.iter_fields(dim):
                        if snum == 1:
                            size = wire.to_int64(s)
                    shape.append(size)
        elif number == 4:
            content = bytes(value)
        elif number == 8:
            strings.append(bytes(value))
    if dtype == DT_STRING:
        array = np.array(strings, dtype=object).reshape(shape)
    else:
        array = np.frombuffer(content, _NUMPY_OF_DTYPE[dtype]).reshape(shape)
    return dtype, tuple(shape), array


def _decode_value(data):
    tag, plugin, content, description, tensor = "", "", b"", "", (0, (), None)
    for number, _, value in wire.iter_fields(data):
        if number == 1:
            tag = bytes(value).decode("utf-8")
        elif number == 8:
            tensor = _decode_tensor(value)
        elif number == 9:
            for mnum, _, m in wire.iter_fields(value):
                if mnum == 1:
                    for pnum, _, p in wire.iter_fields(m):
                        if pnum == 1:
                            plugin = bytes(p).decode("utf-8")
                        elif pnum == 2:
                            content = bytes(p)
                elif mnum == 3:
                    description = bytes(m).decode("utf-8")
    return Value(tag, plugin, content, description, *tensor)


def decode_event(data):
    """One serialized Event -> ``Event(wall_time, step, file_version, values)``."""
    wall_time, step, file_version, values = 0.0, 0, "", []
    for number, _, value in wire.iter_fields(data):
        if number == 1:
            wall_time = struct.unpack("<d", value)[0]
        elif number == 2:
            step = wire.to_int64(value)
        elif number == 3:
            file_version = bytes(value).decode("utf-8")
        elif number == 5:
            values.extend(_decode_value(v) for n, _, v in wire.iter_fields(value) if n == 1)
    return Event(wall_time, step, file_version, values)


def read_events(path):
    """Yield the decoded events of one event file (CRCs checked by the TFRecord reader)."""
    from ..io.tfrecord import read_records
    for record in read_records(path):
        yield decode_event(record)
