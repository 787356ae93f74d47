"""A small protocol-buffer message base class, enough for the tf.train.Example family.

It follows the behaviour of the Python protobuf classes TensorFlow ships (the ``upb``
implementation): keyword constructors, attribute access that hands out default
sub-messages without marking them present, presence that appears as soon as a
sub-message is modified, ``oneof`` switching, the same errors for wrong value types,
``SerializeToString``/``ParseFromString`` and the text format ``print(msg)`` gives.

Map fields are serialized in the order upb's *deterministic* mode uses. upb's default
order follows its hash table, which is seeded per process, so TF itself produces a
different byte order on every run for maps with several keys; the deterministic order is
the one stable choice, and equals TF's ``SerializeToString(deterministic=True)``.
Unknown fields met while parsing are skipped, not kept.
"""
import functools

import numpy as np

from ..io import proto_wire as wire


class DecodeError(Exception):
    """Raised when bytes are not a valid serialization of the message."""


class Field:
    """One field of a message schema.

    kind: "bytes", "float", "int64" (all repeated scalars here), "message",
    "repeated_message" or "map" (string keys, message values).
    """
    __slots__ = ("name", "number", "kind", "message_type", "oneof")

    def __init__(self, name, number, kind, message_type=None, oneof=None):
        self.name = name
        self.number = number
        self.kind = kind
        self.message_type = message_type
        self.oneof = oneof


# ---------------------------------------------------------------------------
# Value checks (same exception classes and texts as upb)
# ---------------------------------------------------------------------------
_INT64_MIN, _INT64_MAX = -(1 << 63), (1 << 63) - 1


def _check_bytes(value, full_name):
    if isinstance(value, bytes):
        return value
    raise TypeError(f"expected bytes, {type(value).__name__} found")


def _check_int64(value, full_name):
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"Field {full_name}: Expected an int, got a boolean.")
    if isinstance(value, (float, np.floating)):
        raise TypeError("'float' object cannot be interpreted as an integer")
    try:
        number = value.__index__()
    except AttributeError:
        raise TypeError(f"'{type(value).__name__}' object cannot be interpreted as an integer") from None
    if not _INT64_MIN <= number <= _INT64_MAX:
        raise ValueError(f"Value out of range: {number}")
    return number


def _check_float(value, full_name):
    if isinstance(value, (str, bytes)):
        raise TypeError(f"must be real number, not {type(value).__name__}")
    # Stored as float32, so reading back gives the rounded value, as in protobuf.
    return float(np.float32(value))


_CHECKS = {"bytes": _check_bytes, "int64": _check_int64, "float": _check_float}


def _map_key_order(a, b):
    # upb's map sorter: bytes compared in *reverse* order, a prefix before the longer
    # key. Text format prints in this order; serialization writes it back to front.
    common = min(len(a), len(b))
    if a[:common] != b[:common]:
        return -1 if a[:common] > b[:common] else 1
    return len(a) - len(b)


_MAP_SORT_KEY = functools.cmp_to_key(lambda x, y: _map_key_order(x[0].encode(), y[0].encode()))


# ---------------------------------------------------------------------------
# Containers
# ---------------------------------------------------------------------------
class RepeatedScalarContainer:
    """The list-like value of a repeated scalar field (``BytesList.value`` ...)."""
    __slots__ = ("_items", "_owner", "_check", "_full_name")

    def __init__(self, owner, kind, full_name):
        self._items = []
        self._owner = owner
        self._check = _CHECKS[kind]
        self._full_name = full_name

    def _converted(self, values):
        if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
            raise TypeError("Value must be iterable")
        if self._check is _check_float and isinstance(values, np.ndarray) and values.dtype.kind in "fiu":
            return values.astype(np.float32).ravel().tolist()  # fast path: image pixels
        check, name = self._check, self._full_name
        return [check(v, name) for v in values]

    def append(self, value):
        self._items.append(self._check(value, self._full_name))
        self._owner._modified()

    def extend(self, values):
        self._items.extend(self._converted(values))
        self._owner._modified()

    def insert(self, index, value):
        self._items.insert(index, self._check(value, self._full_name))
        self._owner._modified()

    def remove(self, value):
        self._items.remove(value)

    def pop(self, index=-1):
        return self._items.pop(index)

    def __setitem__(self, index, value):
        if isinstance(index, slice):
            self._items[index] = self._converted(value)
        else:
            self._items[index] = self._check(value, self._full_name)
        self._owner._modified()

    def __delitem__(self, index):
        del self._items[index]

    def __getitem__(self, index):
        return self._items[index]

    def __len__(self):
        return len(self._items)

    def __iter__(self):
        return iter(self._items)

    def __eq__(self, other):
        if isinstance(other, RepeatedScalarContainer):
            return self._items == other._items
        return self._items == list(other) if hasattr(other, "__iter__") else NotImplemented

    __hash__ = None

    def __repr__(self):
        return repr(self._items)


class RepeatedMessageContainer:
    """The list-like value of a repeated message field (``FeatureList.feature``)."""
    __slots__ = ("_items", "_owner", "_type")

    def __init__(self, owner, message_type):
        self._items = []
        self._owner = owner
        self._type = message_type

    def add(self, **kwargs):
        child = self._type(**kwargs)
        child._owner = self._owner
        self._items.append(child)
        self._owner._modified()
        return child

    def append(self, message):
        self.add().CopyFrom(message)

    def extend(self, messages):
        for message in messages:
            self.append(message)

    def __getitem__(self, index):
        return self._items[index]

    def __delitem__(self, index):
        del self._items[index]

    def __len__(self):
        return len(self._items)

    def __iter__(self):
        return iter(self._items)

    def __eq__(self, other):
        return list(self) == list(other) if hasattr(other, "__iter__") else NotImplemented

    __hash__ = None

    def __repr__(self):
        return repr(self._items)


class MessageMap:
    """A ``map<string, Message>`` field: reading a missing key creates its entry."""
    __slots__ = ("_items", "_owner", "_type")

    def __init__(self, owner, message_type):
        self._items = {}
        self._owner = owner
        self._type = message_type

    def get_or_create(self, key):
        return self[key]

    def __getitem__(self, key):
        child = self._items.get(key)
        if child is None:
            if not isinstance(key, str):
                raise TypeError("bad argument type for built-in operation")
            child = self._type()
            child._owner = self._owner
            self._items[key] = child
            self._owner._modified()
        return child

    def __setitem__(self, key, value):
        raise ValueError("May not set values directly, call my_map[key].foo = 5")

    def __delitem__(self, key):
        del self._items[key]

    def get(self, key, default=None):
        return self._items.get(key, default)

    def __contains__(self, key):
        return key in self._items

    def __len__(self):
        return len(self._items)

    def __iter__(self):
        return iter(self._items)

    def keys(self):
        return self._items.keys()

    def values(self):
        return self._items.values()

    def items(self):
        return self._items.items()

    def __eq__(self, other):
        if isinstance(other, MessageMap):
            return self._items == other._items
        return dict(self._items) == other if isinstance(other, dict) else NotImplemented

    __hash__ = None

    def __repr__(self):
        return repr(self._items)


# ---------------------------------------------------------------------------
# Message base
# ---------------------------------------------------------------------------
class Message:
    """Base of the generated-style message classes; subclasses set FULL_NAME and FIELDS."""

    FULL_NAME = ""
    FIELDS = ()
    __slots__ = ("_values", "_present", "_owner")

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls._BY_NAME = {f.name: f for f in cls.FIELDS}
        cls._BY_NUMBER = {f.number: f for f in cls.FIELDS}

    def __init__(self, **kwargs):
        object.__setattr__(self, "_values", {})
        object.__setattr__(self, "_present", set())
        object.__setattr__(self, "_owner", None)
        for name, value in kwargs.items():
            field = self._BY_NAME.get(name)
            if field is None:
                raise ValueError(f'Protocol message {type(self).__name__} has no "{name}" field.')
            if value is None:
                continue
            self._init_field(field, value)

    def _init_field(self, field, value):
        kind = field.kind
        if kind == "message":
            if isinstance(value, dict):
                value = field.message_type(**value)
            elif not isinstance(value, field.message_type):
                raise TypeError("Parameter to initialize message field must be dict or instance of "
                                f"same class: expected {field.message_type!r} got {type(value)!r}.")
            self._field_value(field).CopyFrom(value)
            self._set_present(field)
        elif kind == "map":
            if not isinstance(value, dict):
                raise TypeError("Value must be a mapping")  # upb rejects non-mappings too
            target = self._field_value(field)
            for key, item in value.items():
                if isinstance(item, dict):
                    item = field.message_type(**item)
                target[key].CopyFrom(item)
        elif kind == "repeated_message":
            target = self._field_value(field)
            for item in value:
                target.append(field.message_type(**item) if isinstance(item, dict) else item)
        else:
            self._field_value(field).extend(value)

    # -- presence ---------------------------------------------------------------------
    def _modified(self):
        owner = self._owner
        if owner is not None:
            for field in owner.FIELDS:
                if field.kind == "message" and owner._values.get(field.name) is self:
                    owner._set_present(field)
                    return
            owner._modified()

    def _set_present(self, field):
        if field.oneof is not None:
            for other in self.FIELDS:
                if other.oneof == field.oneof and other is not field:
                    self._present.discard(other.name)
                    self._values.pop(other.name, None)
        self._present.add(field.name)
        self._modified()

    def _field_value(self, field):
        value = self._values.get(field.name)
        if value is None:
            kind = field.kind
            if kind == "message":
                value = field.message_type()
                value._owner = self
            elif kind == "map":
                value = MessageMap(self, field.message_type)
            elif kind == "repeated_message":
                value = RepeatedMessageContainer(self, field.message_type)
            else:
                value = RepeatedScalarContainer(self, kind, f"{self.FULL_NAME}.{field.name}")
            self._values[field.name] = value
        return value

    def __getattr__(self, name):
        field = type(self)._BY_NAME.get(name) if not name.startswith("_") else None
        if field is None:
            raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")
        return self._field_value(field)

    def __setattr__(self, name, value):
        if name in ("_owner",):
            object.__setattr__(self, name, value)
            return
        field = self._BY_NAME.get(name)
        if field is None:
            raise AttributeError(f'Assignment not allowed (no field "{name}" in protocol message object).')
        if field.kind == "message":
            raise AttributeError(f'Assignment not allowed to message field "{name}" in protocol message object.')
        raise AttributeError(f'Assignment not allowed to map, or repeated field "{name}" '
                             "in protocol message object.")

    # -- protobuf API -----------------------------------------------------------------
    def _field_or_error(self, name):
        field = self._BY_NAME.get(name)
        if field is None:
            raise ValueError(f'Protocol message {type(self).__name__} has no "{name}" field.')
        return field

    def HasField(self, field_name):
        field = self._field_or_error(field_name)
        if field.kind != "message":
            raise ValueError(f'Protocol message {type(self).__name__} has no singular "{field_name}" field.')
        return field_name in self._present

    def WhichOneof(self, oneof_group):
        for field in self.FIELDS:
            if field.oneof == oneof_group and field.name in self._present:
                return field.name
        if not any(f.oneof == oneof_group for f in self.FIELDS):
            raise ValueError(f'Protocol message has no oneof "{oneof_group}" field.')
        return None

    def ClearField(self, field_name):
        field = self._field_or_error(field_name)
        self._values.pop(field.name, None)
        self._present.discard(field.name)

    def Clear(self):
        self._values.clear()
        self._present.clear()

    def ListFields(self):
        out = []
        for field in self.FIELDS:
            if field.kind == "message":
                if field.name in self._present:
                    out.append((field, self._values[field.name]))
            elif len(self._values.get(field.name, ())):
                out.append((field, self._values[field.name]))
        return out

    def CopyFrom(self, other):
        if not isinstance(other, type(self)):
            raise TypeError("Parameter to CopyFrom() must be instance of same class: "
                            f"expected {type(self)!r} got {type(other)!r}.")
        if other is self:
            return
        self.Clear()
        self.MergeFrom(other)

    def MergeFrom(self, other):
        if not isinstance(other, type(self)):
            raise TypeError("Parameter to MergeFrom() must be instance of same class: "
                            f"expected {type(self)!r} got {type(other)!r}.")
        self.MergeFromString(other.SerializeToString())
        self._modified()

    def IsInitialized(self):
        return True

    def SerializeToString(self, deterministic=None):
        return bytes(self._serialize())

    SerializePartialToString = SerializeToString

    def ByteSize(self):
        return len(self._serialize())

    def ParseFromString(self, serialized):
        self.Clear()
        return self.MergeFromString(serialized)

    def MergeFromString(self, serialized):
        try:
            self._merge(memoryview(serialized))
        except wire.WireError:
            raise DecodeError(
                f"Error parsing message with type '{self.FULL_NAME}': Wire format was corrupt") from None
        return len(serialized)

    @classmethod
    def FromString(cls, serialized):
        message = cls()
        message.ParseFromString(serialized)
        return message

    def __eq__(self, other):
        if not isinstance(other, Message):
            return NotImplemented
        return type(self) is type(other) and self.SerializeToString() == other.SerializeToString()

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    __hash__ = None

    def __str__(self):
        lines = []
        self._text(lines, "")
        return "".join(lines)

    __repr__ = __str__

    def __deepcopy__(self, memo=None):
        return type(self).FromString(self.SerializeToString())

    def __reduce__(self):
        # Plain bytes round trip; unpickling parses data, it runs nothing from it.
        return type(self).FromString, (self.SerializeToString(),)

    # -- encoding ---------------------------------------------------------------------
    def _serialize(self):
        out = bytearray()
        values = self._values
        for field in self.FIELDS:
            value = values.get(field.name)
            if value is None:
                continue
            kind, number = field.kind, field.number
            if kind == "message":
                if field.name in self._present:
                    out += wire.length_delimited(number, value._serialize())
            elif kind == "bytes":
                for item in value._items:
                    out += wire.length_delimited(number, item)
            elif kind == "float":
                if value._items:
                    out += wire.length_delimited(number, wire.encode_packed_floats(value._items))
            elif kind == "int64":
                if value._items:
                    out += wire.length_delimited(
                        number, b"".join([wire.encode_varint(v) for v in value._items]))
            elif kind == "repeated_message":
                for item in value._items:
                    out += wire.length_delimited(number, item._serialize())
            else:  # map: upb writes its sorted order back to front
                for key, item in sorted(value._items.items(), key=_MAP_SORT_KEY, reverse=True):
                    entry = wire.length_delimited(1, key.encode("utf-8")) + \
                        wire.length_delimited(2, item._serialize())
                    out += wire.length_delimited(number, entry)
        return out

    def _merge(self, data):
        by_number = self._BY_NUMBER
        for number, wire_type, value in wire.iter_fields(data):
            field = by_number.get(number)
            if field is None:
                continue  # unknown field: skipped (see module docstring)
            kind = field.kind
            target = self._field_value(field)
            if kind == "bytes":
                self._expect(wire_type, wire.LENGTH_DELIMITED)
                target._items.append(bytes(value))
            elif kind == "float":
                if wire_type == wire.LENGTH_DELIMITED:
                    target._items.extend(wire.decode_packed_floats(value))
                else:
                    self._expect(wire_type, wire.FIXED32)
                    target._items.append(wire.decode_fixed32_float(value))
            elif kind == "int64":
                if wire_type == wire.LENGTH_DELIMITED:
                    target._items.extend(wire.to_int64(v) for v in wire.decode_packed_varints(value))
                else:
                    self._expect(wire_type, wire.VARINT)
                    target._items.append(wire.to_int64(value))
            else:
                self._expect(wire_type, wire.LENGTH_DELIMITED)
                if kind == "message":
                    target._merge(value)
                    self._set_present(field)
                elif kind == "repeated_message":
                    child = field.message_type()
                    child._owner = self
                    child._merge(value)
                    target._items.append(child)
                else:
                    self._merge_map_entry(field, target, value)

    @staticmethod
    def _expect(wire_type, wanted):
        if wire_type != wanted:
            raise wire.WireError("wire type does not match the field")

    @staticmethod
    def _merge_map_entry(field, target, entry):
        key = ""
        payload = None
        for number, wire_type, value in wire.iter_fields(entry):
            if number == 1 and wire_type == wire.LENGTH_DELIMITED:
                try:
                    key = bytes(value).decode("utf-8")
                except UnicodeDecodeError:
                    raise wire.WireError("map key is not UTF-8") from None
            elif number == 2 and wire_type == wire.LENGTH_DELIMITED:
                payload = value
        child = field.message_type()
        if payload is not None:
            child._merge(payload)
        child._owner = target._owner
        target._items[key] = child  # a repeated key: the last entry wins

    # -- text format --------------------------------------------------------------------
    def _text(self, lines, indent):
        values = self._values
        for field in self.FIELDS:
            value = values.get(field.name)
            if value is None:
                continue
            kind, name = field.kind, field.name
            if kind == "message":
                if name in self._present:
                    _text_message(lines, indent, name, value)
            elif kind == "bytes":
                lines.extend(f"{indent}{name}: {wire.text_bytes(v)}\n" for v in value._items)
            elif kind == "float":
                lines.extend(f"{indent}{name}: {wire.text_float(v)}\n" for v in value._items)
            elif kind == "int64":
                lines.extend(f"{indent}{name}: {v}\n" for v in value._items)
            elif kind == "repeated_message":
                for item in value._items:
                    _text_message(lines, indent, name, item)
            else:
                inner = indent + "  "
                for key, item in sorted(value._items.items(), key=_MAP_SORT_KEY):
                    lines.append(f"{indent}{name} {{\n")
                    lines.append(f"{inner}key: {wire.text_bytes(key.encode('utf-8'))}\n")
                    _text_message(lines, inner, "value", item)
                    lines.append(f"{indent}}}\n")


def _text_message(lines, indent, name, message):
    lines.append(f"{indent}{name} {{\n")
    message._text(lines, indent + "  ")
    lines.append(f"{indent}}}\n")
