"""A pickle *reader* that rebuilds data and nothing else: no pickle module, no imports.

The CIFAR batches and the object arrays inside the IMDB / Reuters ``.npz`` files are
Python pickles. Python's own unpickler calls whatever a file names, so a tampered file
could run code. This reader interprets the opcodes itself and can only produce dicts,
lists, tuples, bytes, str, ints, floats, bools, None and NumPy arrays. The only globals
it knows are the four that array pickles use (``numpy.ndarray``, ``numpy.dtype``,
``numpy.core.multiarray._reconstruct`` / ``numpy._core.multiarray._reconstruct``) plus
``_codecs.encode(text, "latin1")`` and ``bytes()``, which is how protocol 2 spells ``bytes``
under Python 3.
They are never imported: each maps to a small builder here. Any other global or opcode
raises UnpicklingError naming it, before anything from the file is called.
"""
import struct

import numpy as np

__all__ = ["UnpicklingError", "loads"]


class UnpicklingError(ValueError):
    """The stream is not a pickle this reader accepts (unknown global or opcode, bad data)."""


# Globals: (module, name) -> the marker standing for it on the stack.
_RECONSTRUCT, _NDARRAY, _DTYPE = "reconstruct", "ndarray", "dtype"
_CODECS_ENCODE, _EMPTY_BYTES = "codecs.encode", "bytes"
_ALLOWED_GLOBALS = {
    ("numpy.core.multiarray", "_reconstruct"): _RECONSTRUCT,
    ("numpy._core.multiarray", "_reconstruct"): _RECONSTRUCT,
    ("numpy", "ndarray"): _NDARRAY,
    ("numpy", "dtype"): _DTYPE,
    ("_codecs", "encode"): _CODECS_ENCODE,
    ("__builtin__", "bytes"): _EMPTY_BYTES,
    ("builtins", "bytes"): _EMPTY_BYTES,
}


class _Global:
    __slots__ = ("kind",)

    def __init__(self, kind):
        self.kind = kind


class _Pending:
    """An array or dtype between REDUCE and BUILD: its final value needs the BUILD state.
    ``memo_keys`` records where it was memoized so the finished object replaces it there."""
    __slots__ = ("kind", "args", "memo_keys")

    def __init__(self, kind, args):
        self.kind, self.args, self.memo_keys = kind, args, []


_MARK = object()


def _refuse(what):
    raise UnpicklingError(f"Refusing to load {what} from a dataset file: only plain data and NumPy "
                          "arrays are read. The file may be corrupted or malicious.")


def _check_data(value, where):
    if isinstance(value, (_Pending, _Global)):
        _refuse(f"an incomplete object in {where}")
    return value


# ---------------------------------------------------------------------------- builders

def _reduce(func, args, text_encoding):
    if not isinstance(func, _Global) or not isinstance(args, tuple):
        _refuse("a call of something that is not an allowed global")
    if func.kind == _RECONSTRUCT:
        # _reconstruct(ndarray, shape, typecode) makes an empty array that BUILD fills.
        if len(args) != 3 or not (isinstance(args[0], _Global) and args[0].kind == _NDARRAY):
            _refuse("a _reconstruct call of anything but numpy.ndarray")
        return _Pending(_NDARRAY, args)
    if func.kind == _DTYPE:
        if not args or not isinstance(args[0], (str, bytes)):
            _refuse("a numpy.dtype call without a type string")
        return _Pending(_DTYPE, args)
    if func.kind == _CODECS_ENCODE:
        if len(args) == 2 and isinstance(args[0], str) and args[1] in ("latin1", "latin-1"):
            return args[0].encode("latin-1")
        _refuse("a _codecs.encode call other than (str, 'latin1')")
    if func.kind == _EMPTY_BYTES:
        if args == ():
            return b""
        _refuse("a bytes() call with arguments")
    _refuse(f"a call of {func.kind}")


def _text(value):
    return value.decode("latin-1") if isinstance(value, bytes) else value


def _build_dtype(pending, state):
    descr = _text(pending.args[0])
    if not isinstance(state, tuple) or len(state) < 8:
        _refuse("a numpy.dtype state of an unknown layout")
    byteorder, subarray, names, fields = _text(state[1]), state[2], state[3], state[4]
    if subarray is not None or names is not None or fields is not None:
        _refuse("a structured or sub-array numpy.dtype")
    try:
        dtype = np.dtype(descr)
    except TypeError:
        _refuse(f"the numpy.dtype {descr!r}")
    if dtype.kind == "V":
        _refuse(f"the numpy.dtype {descr!r}")
    if byteorder in ("<", ">"):
        dtype = dtype.newbyteorder(byteorder)
    return dtype


def _build_array(pending, state):
    if not isinstance(state, tuple) or len(state) != 5:
        _refuse("a numpy.ndarray state of an unknown layout")
    _version, shape, dtype, is_fortran, raw = state
    if not isinstance(dtype, np.dtype) or not isinstance(shape, tuple) or \
            not all(isinstance(n, int) and n >= 0 for n in shape):
        _refuse("a numpy.ndarray state with a bad shape or dtype")
    order = "F" if is_fortran else "C"
    count = int(np.prod(shape, dtype=np.int64))
    if dtype.hasobject:
        if not isinstance(raw, list) or len(raw) != count:
            _refuse("an object array whose item list does not match its shape")
        array = np.empty(count, dtype=object)
        for i, item in enumerate(raw):   # element-wise: np.array(list) would merge equal-length lists
            array[i] = _check_data(item, "an object array")
        return array.reshape(shape, order=order)
    if isinstance(raw, str):
        raw = raw.encode("latin-1")     # Python 2 str read with a text encoding
    if not isinstance(raw, (bytes, bytearray)) or len(raw) != count * dtype.itemsize:
        _refuse("an array whose data size does not match its shape and dtype")
    return np.frombuffer(raw, dtype=dtype).reshape(shape, order=order).copy(order="K")


# ---------------------------------------------------------------------------- reader

class _Reader:
    def __init__(self, data, encoding):
        self.data = data
        self.pos = 0
        self.encoding = encoding
        self.stack = []
        self.marks = []
        self.memo = {}

    def take(self, n):
        start = self.pos
        end = start + n
        if end > len(self.data):
            raise UnpicklingError("pickle data was truncated")
        self.pos = end
        return self.data[start:end]

    def line(self):
        end = self.data.find(b"\n", self.pos)
        if end < 0:
            raise UnpicklingError("pickle data was truncated")
        text = self.data[self.pos:end].decode("utf-8")
        self.pos = end + 1
        return text

    def pop_mark(self):
        if not self.marks:
            raise UnpicklingError("could not find MARK")
        start = self.marks.pop()
        items = self.stack[start:]
        del self.stack[start:]
        return items

    def py2_string(self, raw):
        # Python 2 ``str`` (BINSTRING): bytes under encoding="bytes", else decoded text.
        return raw if self.encoding == "bytes" else raw.decode(self.encoding)

    def memoize(self, key):
        value = self.stack[-1]
        self.memo[key] = value
        if isinstance(value, _Pending):
            value.memo_keys.append(key)

    def get(self, key):
        try:
            self.stack.append(self.memo[key])
        except KeyError:
            raise UnpicklingError(f"memo key {key} is not defined") from None

    def global_(self, module, name):
        kind = _ALLOWED_GLOBALS.get((module, name))
        if kind is None:
            _refuse(f"the global `{module}.{name}`")
        self.stack.append(_Global(kind))

    def build(self):
        state = self.stack.pop()
        pending = self.stack[-1]
        if not isinstance(pending, _Pending):
            _refuse("a BUILD on something that is not a NumPy array or dtype")
        value = _build_array(pending, state) if pending.kind == _NDARRAY else _build_dtype(pending, state)
        self.stack[-1] = value
        for key in pending.memo_keys:
            self.memo[key] = value

    def read_int_run(self, pos):
        """Push the run of BININT1/BININT2/BININT opcodes starting at ``pos``; return the
        position after it. Kept apart and tight because an IMDB file is millions of them."""
        data, push, size = self.data, self.stack.append, len(self.data)
        while pos < size:
            op = data[pos]
            if op == 0x4B:      # K BININT1
                push(data[pos + 1])
                pos += 2
            elif op == 0x4D:    # M BININT2
                push(data[pos + 1] | (data[pos + 2] << 8))
                pos += 3
            elif op == 0x4A:    # J BININT
                if pos + 5 > size:
                    raise UnpicklingError("pickle data was truncated")
                push(int.from_bytes(data[pos + 1:pos + 5], "little", signed=True))
                pos += 5
            else:
                break
        return pos

    def run(self):
        data, stack, take = self.data, self.stack, self.take
        unpack_from = struct.unpack_from
        size = len(data)
        while self.pos < size:
            op = data[self.pos]
            if op in (0x4B, 0x4D, 0x4A):    # integers: K BININT1, M BININT2, J BININT
                self.pos = self.read_int_run(self.pos)
                continue
            self.pos += 1
            if op == 0x94:      # MEMOIZE
                self.memoize(len(self.memo))
            elif op == 0x71:    # q BINPUT
                self.memoize(take(1)[0])
            elif op == 0x72:    # r LONG_BINPUT
                self.memoize(unpack_from("<I", take(4))[0])
            elif op == 0x68:    # h BINGET
                self.get(take(1)[0])
            elif op == 0x6A:    # j LONG_BINGET
                self.get(unpack_from("<I", take(4))[0])
            elif op == 0x28:    # ( MARK
                self.marks.append(len(stack))
            elif op == 0x65:    # e APPENDS
                items = self.pop_mark()
                target = stack[-1]
                if not isinstance(target, list):
                    _refuse("APPENDS on something that is not a list")
                target.extend(items)
            elif op == 0x61:    # a APPEND
                item = stack.pop()
                if not isinstance(stack[-1], list):
                    _refuse("APPEND on something that is not a list")
                stack[-1].append(item)
            elif op == 0x5D:    # ] EMPTY_LIST
                stack.append([])
            elif op == 0x7D:    # } EMPTY_DICT
                stack.append({})
            elif op == 0x29:    # ) EMPTY_TUPLE
                stack.append(())
            elif op == 0x75:    # u SETITEMS
                items = self.pop_mark()
                self.set_items(stack[-1], items)
            elif op == 0x73:    # s SETITEM
                value = stack.pop()
                key = stack.pop()
                self.set_items(stack[-1], [key, value])
            elif op == 0x74:    # t TUPLE
                stack.append(tuple(self.pop_mark()))
            elif op in (0x85, 0x86, 0x87):   # TUPLE1/2/3
                n = op - 0x84
                if len(stack) < n:
                    raise UnpicklingError("stack underflow")
                items = tuple(stack[-n:])
                del stack[-n:]
                stack.append(items)
            elif op == 0x4E:    # N NONE
                stack.append(None)
            elif op == 0x88:    # NEWTRUE
                stack.append(True)
            elif op == 0x89:    # NEWFALSE
                stack.append(False)
            elif op == 0x47:    # G BINFLOAT
                stack.append(struct.unpack(">d", take(8))[0])
            elif op == 0x8A:    # LONG1
                stack.append(int.from_bytes(take(take(1)[0]), "little", signed=True))
            elif op == 0x8B:    # LONG4
                n = unpack_from("<i", take(4))[0]
                if n < 0:
                    raise UnpicklingError("negative LONG4 size")
                stack.append(int.from_bytes(take(n), "little", signed=True))
            elif op == 0x8C:    # SHORT_BINUNICODE
                stack.append(take(take(1)[0]).decode("utf-8", "surrogatepass"))
            elif op == 0x58:    # X BINUNICODE
                stack.append(take(unpack_from("<I", take(4))[0]).decode("utf-8", "surrogatepass"))
            elif op == 0x8D:    # BINUNICODE8
                stack.append(take(unpack_from("<Q", take(8))[0]).decode("utf-8", "surrogatepass"))
            elif op == 0x55:    # U SHORT_BINSTRING (Python 2 str)
                stack.append(self.py2_string(take(take(1)[0])))
            elif op == 0x54:    # T BINSTRING (Python 2 str)
                n = unpack_from("<i", take(4))[0]
                if n < 0:
                    raise UnpicklingError("negative BINSTRING size")
                stack.append(self.py2_string(take(n)))
            elif op == 0x43:    # C SHORT_BINBYTES
                stack.append(take(take(1)[0]))
            elif op == 0x42:    # B BINBYTES
                stack.append(take(unpack_from("<I", take(4))[0]))
            elif op == 0x8E:    # BINBYTES8
                stack.append(take(unpack_from("<Q", take(8))[0]))
            elif op == 0x63:    # c GLOBAL "module\nname\n"
                module = self.line()
                self.global_(module, self.line())
            elif op == 0x93:    # STACK_GLOBAL
                name = stack.pop()
                module = stack.pop()
                if not (isinstance(module, str) and isinstance(name, str)):
                    raise UnpicklingError("STACK_GLOBAL needs two strings")
                self.global_(module, name)
            elif op == 0x52:    # R REDUCE
                args = stack.pop()
                stack[-1] = _reduce(stack[-1], args, self.encoding)
            elif op == 0x62:    # b BUILD
                self.build()
            elif op == 0x80:    # PROTO
                if take(1)[0] > 5:
                    raise UnpicklingError("unsupported pickle protocol")
            elif op == 0x95:    # FRAME: a length prefix only, the data follows in line
                take(8)
            elif op == 0x2E:    # . STOP
                if len(stack) != 1 or self.marks:
                    raise UnpicklingError("pickle stack is not a single value at STOP")
                return _check_data(stack[0], "the result")
            else:
                _refuse(f"the pickle opcode {bytes([op])!r} (0x{op:02x})")
        raise UnpicklingError("pickle data was truncated (no STOP)")

    def set_items(self, target, items):
        if not isinstance(target, dict):
            _refuse("SETITEMS on something that is not a dict")
        for i in range(0, len(items) - 1, 2):
            key = items[i]
            if not isinstance(key, (str, bytes, int, float, tuple, type(None))):
                _refuse("a dict key that is not plain data")
            target[key] = _check_data(items[i + 1], "a dict")


def loads(data, encoding="ASCII"):
    """The object pickled in ``data`` (bytes). ``encoding`` decodes Python 2 strings as
    Python's unpickler does ("bytes" keeps them as bytes, as Keras does for CIFAR)."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError("loads() expects the pickle as bytes")
    try:
        return _Reader(bytes(data), encoding).run()
    except (IndexError, struct.error, UnicodeDecodeError) as e:
        raise UnpicklingError(f"malformed pickle data: {e}") from None
