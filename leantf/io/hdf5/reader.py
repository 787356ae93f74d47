"""Read HDF5 files: superblock, object headers, groups, attributes, datasets.

Supported: superblock versions 0-3, object header versions 1 and 2 (with continuation
chunks), old-style groups (symbol table: v1 B-tree + local heap + symbol nodes), new-style
groups (link messages, and dense link storage in a fractal heap), attributes (compact and
dense), committed (shared) datatypes, and dataset layouts compact, contiguous and chunked
(see ``_chunks``). Values come back as NumPy arrays; strings as ``str``.

Safety (principle 8 and reference/security.md): nothing in the file is ever executed; soft,
external and user-defined links are refused rather than followed; external-storage and
virtual datasets are refused; every size is checked against the file and against
``LIMITS`` before memory is allocated, so a tiny file cannot declare a huge array.
"""
import math

import numpy as np

from . import _chunks, _dense
from ._base import (LIMITS, SIGNATURE, UNDEF, Cursor, HDF5Error, NotAllowedError, Source,
                    UnsupportedFeatureError, pad8)
from ._types import check_extent, decode_dataspace, decode_datatype

__all__ = ["File", "Group", "Dataset", "AttributeManager", "Link"]

# Object header message types used here.
_NIL, _DATASPACE, _LINK_INFO, _DATATYPE, _FILL_OLD, _FILL, _LINK, _EXTERNAL = 0, 1, 2, 3, 4, 5, 6, 7
_LAYOUT, _FILTERS, _ATTRIBUTE, _CONTINUATION, _SYMBOL_TABLE, _ATTR_INFO = 8, 11, 12, 16, 17, 21

_LINK_KINDS = {0: "hard", 1: "soft", 64: "external"}
# Keras's wording (saving_lib.safe_get_h5_group) for links it refuses to follow.
_LINK_CLASS_NAMES = {"soft": "SoftLink", "external": "ExternalLink", "user": "UserDefinedLink"}


class Link:
    """Where a name in a group points: ``kind`` is "hard" (``target`` = header address),
    "soft" (a path), "external" (``(filename, path)``) or "user"."""
    __slots__ = ("kind", "target")

    def __init__(self, kind, target):
        self.kind = kind
        self.target = target

    def __repr__(self):
        return f"Link({self.kind}, {self.target!r})"


class _Context:
    """State shared by every object of one open file."""

    def __init__(self, src, osize, lsize):
        self.src = src
        self.osize = osize
        self.lsize = lsize
        self.headers = {}
        self.global_heaps = {}

    def cursor(self, data, what):
        return Cursor(data, osize=self.osize, lsize=self.lsize, what=what)

    def read(self, addr, n, what):
        return self.src.read(addr, n, what)

    # -- object headers -----------------------------------------------------------------------
    def header(self, addr):
        """Messages of the object header at ``addr``: a list of (type, flags, payload)."""
        cached = self.headers.get(addr)
        if cached is None:
            cached = self.headers[addr] = self._read_header(addr)
        return cached

    def _read_header(self, addr):
        first = self.read(addr, 4, "object header")
        if first == b"OHDR":
            return self._read_header_v2(addr)
        if first[0] != 1:
            raise HDF5Error(f"Corrupt HDF5 file: no object header at address {addr}")
        prefix = self.cursor(self.read(addr, 16, "object header"), "object header")
        prefix.skip(2)
        prefix.u16()  # message count: not trusted, the chunks are parsed by size
        prefix.u32()
        size = prefix.u32()
        messages = []
        chunks = [(addr + 16, size)]
        seen = set()
        while chunks:
            caddr, clen = chunks.pop(0)
            self._guard_chunk(caddr, seen)
            cur = self.cursor(self.read(caddr, clen, "object header chunk"), "object header")
            while cur.remaining() >= 8:
                mtype, msize, mflags = cur.u16(), cur.u16(), cur.u8()
                cur.skip(3)
                payload = cur.bytes(msize)
                if mtype == _CONTINUATION:
                    c = self.cursor(payload, "continuation message")
                    chunks.append((c.offset(), c.length()))
                elif mtype != _NIL:
                    messages.append((mtype, mflags, payload))
        return messages

    def _guard_chunk(self, caddr, seen):
        # A hostile file can chain continuation chunks in a loop or without end.
        if caddr in seen or len(seen) >= LIMITS.max_header_chunks:
            raise HDF5Error("Corrupt HDF5 file: object header continuation chunks loop or are too many")
        seen.add(caddr)

    def _read_header_v2(self, addr):
        head = self.cursor(self.read(addr, 6, "object header"), "object header")
        head.skip(4)
        version, flags = head.u8(), head.u8()
        if version != 2:
            raise HDF5Error(f"Corrupt HDF5 file: object header version {version}")
        extra = (16 if flags & 0x20 else 0) + (4 if flags & 0x10 else 0)
        width = 1 << (flags & 0x03)
        size = int.from_bytes(self.read(addr + 6 + extra, width, "object header"), "little")
        with_order = bool(flags & 0x04)
        messages = []
        seen = set()
        chunks = [(addr + 6 + extra + width, size)]
        first = True
        while chunks:
            caddr, clen = chunks.pop(0)
            self._guard_chunk(caddr, seen)
            if not first:  # "OCHK" + messages + checksum
                if self.read(caddr, 4, "object header continuation") != b"OCHK":
                    raise HDF5Error("Corrupt HDF5 file: bad object header continuation signature")
                caddr, clen = caddr + 4, clen - 8
            first = False
            cur = self.cursor(self.read(caddr, clen, "object header chunk"), "object header")
            hsize = 6 if with_order else 4
            while cur.remaining() >= hsize:
                mtype, msize, mflags = cur.u8(), cur.u16(), cur.u8()
                if with_order:
                    cur.u16()
                payload = cur.bytes(msize)
                if mtype == _CONTINUATION:
                    c = self.cursor(payload, "continuation message")
                    chunks.append((c.offset(), c.length()))
                elif mtype != _NIL:
                    messages.append((mtype, mflags, payload))
        return messages

    def message(self, messages, mtype, depth=0):
        """Payload of the first message of ``mtype``, following a shared (committed) message."""
        for t, flags, payload in messages:
            if t == mtype:
                if flags & 0x02:
                    return self._shared(mtype, payload, depth)
                return payload
        return None

    def _shared(self, mtype, payload, depth):
        if depth > 8:
            raise HDF5Error("Corrupt HDF5 file: shared messages refer to each other in a loop")
        cur = self.cursor(payload, "shared message")
        version, kind = cur.u8(), cur.u8()
        if version == 1:
            cur.skip(6)
        elif version == 3 and kind == 1:
            raise UnsupportedFeatureError("HDF5 shared object header message tables are not supported")
        addr = cur.offset()
        found = self.message(self.header(addr), mtype, depth + 1)
        if found is None:
            raise HDF5Error("Corrupt HDF5 file: shared message points at an object without it")
        return found

    # -- heaps ----------------------------------------------------------------------------------
    def local_heap(self, addr):
        cur = self.cursor(self.read(addr, 8 + 2 * self.lsize + self.osize, "local heap"), "local heap")
        if cur.bytes(4) != b"HEAP":
            raise HDF5Error("Corrupt HDF5 file: bad local heap signature")
        cur.skip(4)
        size = cur.length()
        cur.length()
        data_addr = cur.offset()
        return self.read(data_addr, size, "local heap data")

    def global_heap_object(self, addr, index):
        objects = self.global_heaps.get(addr)
        if objects is None:
            objects = self.global_heaps[addr] = self._read_global_heap(addr)
        if index not in objects:
            raise HDF5Error(f"Corrupt HDF5 file: global heap object {index} missing at address {addr}")
        return objects[index]

    def _read_global_heap(self, addr):
        head = self.cursor(self.read(addr, 8 + self.lsize, "global heap"), "global heap")
        if head.bytes(4) != b"GCOL":
            raise HDF5Error("Corrupt HDF5 file: bad global heap signature")
        head.skip(4)
        size = head.length()
        cur = self.cursor(self.read(addr, size, "global heap collection"), "global heap")
        cur.pos = 8 + self.lsize
        objects = {}
        hdr = 8 + self.lsize
        while cur.remaining() >= hdr:
            index, _refs = cur.u16(), cur.u16()
            cur.skip(4)
            osize = cur.length()
            if index == 0:  # the free space: everything after it is unused
                break
            objects[index] = cur.bytes(osize)
            cur.skip(min(pad8(osize) - osize, cur.remaining()))
        return objects

    def vlen_strings(self, raw, count, h5type):
        """Decode ``count`` variable-length string references (length, heap address, index)."""
        step = 4 + self.osize + 4
        if len(raw) < count * step:
            raise HDF5Error("Corrupt HDF5 file: variable-length string data is truncated")
        out = []
        cur = self.cursor(raw, "variable-length string")
        for _ in range(count):
            length, addr, index = cur.u32(), cur.offset(), cur.u32()
            if length == 0 and (addr in (0, UNDEF)):
                out.append("")
                continue
            data = self.global_heap_object(addr, index)
            if length > len(data):
                raise HDF5Error("Corrupt HDF5 file: string longer than its heap object")
            text = data[:length]
            out.append(text.split(b"\0", 1)[0].decode("utf-8", "surrogateescape"))
        return out

    def values(self, h5type, shape, raw):
        """NumPy value of ``shape`` elements of ``h5type`` in the bytes ``raw``."""
        count = math.prod(shape) if shape else 1
        if h5type.kind == "vstr":
            strings = self.vlen_strings(raw, count, h5type)  # checks the length before allocating
            arr = np.empty(count, dtype=object)
            arr[:] = strings
            return arr.reshape(shape)
        dtype = h5type.dtype
        if h5type.kind == "unsupported":
            h5type.numpy_dtype  # raises with the reason
        need = count * h5type.size
        if len(raw) < need:
            raise HDF5Error("Corrupt HDF5 file: stored data is shorter than its shape and type declare")
        if h5type.kind == "bool":
            return np.frombuffer(raw, np.uint8, count).reshape(shape) != 0
        arr = np.frombuffer(raw, dtype, count).reshape(shape)
        return arr.astype(h5type.numpy_dtype) if arr.dtype != h5type.numpy_dtype else arr.copy()


def _find_superblock(src):
    pos = 0
    while pos + 8 <= src.size:
        if src.read_raw_at(pos, 8) == SIGNATURE:
            return pos
        pos = 512 if pos == 0 else pos * 2  # a user block shifts the superblock to 512, 1024, ...
    raise HDF5Error(f"Not an HDF5 file (no superblock signature): {src.name}")


def _open(src):
    pos = _find_superblock(src)
    head = src.read_raw_at(pos, 16)
    if len(head) < 16:
        raise HDF5Error(f"Truncated HDF5 file: {src.name}")
    version = head[8]
    if version in (0, 1):
        osize, lsize = head[13], head[14]
        after = 24 + (4 if version == 1 else 0)
    elif version in (2, 3):
        osize, lsize = head[9], head[10]
        after = 12
    else:
        raise UnsupportedFeatureError(f"HDF5 superblock version {version} is not supported")
    if osize not in (2, 4, 8) or lsize not in (2, 4, 8):
        raise HDF5Error(f"Corrupt HDF5 file: sizes of offsets/lengths {osize}/{lsize}")
    cur = Cursor(src.read_raw_at(pos + after, 6 * osize), osize=osize, lsize=lsize, what="superblock")
    base = cur.offset()
    if version < 2:
        cur.offset()  # free-space info
        eof = cur.offset()
        cur.offset()  # driver info
        cur.offset()  # root symbol table entry: link name offset, then the header address
        root = cur.offset()
    else:
        cur.offset()  # superblock extension
        eof = cur.offset()
        root = cur.offset()
    src.base = base if base != UNDEF else pos
    # The end-of-file address counts from the start of the file (a user block included).
    if eof != UNDEF and eof > src.size:
        raise HDF5Error(f"Truncated HDF5 file: it should be {eof} bytes but is {src.size}")
    return _Context(src, osize, lsize), root


class AttributeManager:
    """``obj.attrs``: read-only mapping of attribute names to values (h5py-like)."""

    def __init__(self, ctx, messages):
        self._ctx = ctx
        self._messages = messages
        self._cache = None

    def _all(self):
        if self._cache is None:
            ctx, out = self._ctx, {}
            for mtype, _flags, payload in self._messages:
                if mtype == _ATTRIBUTE:
                    name, value = _decode_attribute(ctx, payload)
                    out[name] = value
            info = ctx.message(self._messages, _ATTR_INFO)
            if info is not None:
                for payload in _dense.dense_attribute_messages(ctx, info):
                    name, value = _decode_attribute(ctx, payload)
                    out[name] = value
            self._cache = out
        return self._cache

    def keys(self):
        return list(self._all().keys())

    def __iter__(self):
        return iter(self.keys())

    def __len__(self):
        return len(self._all())

    def __contains__(self, name):
        return name in self._all()

    def __getitem__(self, name):
        entry = self._all()[name]
        return entry() if callable(entry) else entry

    def get(self, name, default=None):
        return self[name] if name in self else default

    def items(self):
        return [(k, self[k]) for k in self.keys()]


def _decode_attribute(ctx, payload):
    """(name, value) of an attribute message. The value is decoded lazily (a callable), so an
    attribute of an unsupported type only fails when it is read."""
    cur = ctx.cursor(payload, "attribute message")
    version = cur.u8()
    flags = cur.u8()
    name_size, type_size, space_size = cur.u16(), cur.u16(), cur.u16()
    if version == 3:
        cur.u8()  # name character set
    elif version not in (1, 2):
        raise HDF5Error(f"Corrupt HDF5 file: attribute message version {version}")
    padded = pad8 if version == 1 else (lambda n: n)
    name = cur.bytes(padded(name_size)).split(b"\0", 1)[0].decode("utf-8", "surrogateescape")
    type_bytes = cur.bytes(padded(type_size))[:type_size]
    space_bytes = cur.bytes(padded(space_size))[:space_size]
    raw = payload[cur.pos:]
    if flags & 0x01:  # committed datatype: the bytes are a reference to it
        type_bytes = ctx._shared(_DATATYPE, type_bytes, 0)
    if flags & 0x02:
        raise UnsupportedFeatureError("HDF5 shared dataspaces in attributes are not supported")
    h5type = decode_datatype(ctx.cursor(type_bytes, "attribute datatype"))
    shape = decode_dataspace(ctx.cursor(space_bytes, "attribute dataspace"))
    if shape is not None:
        check_extent(shape, h5type.size)

    def value():
        if shape is None:
            return None
        arr = ctx.values(h5type, shape, raw)
        if shape == ():
            item = arr.reshape(())
            return item.item() if h5type.kind == "vstr" else item[()]
        return arr
    return name, value


class _Object:
    def __init__(self, ctx, addr, name, messages):
        self._ctx = ctx
        self._addr = addr
        self.name = name
        self._messages = messages
        self.attrs = AttributeManager(ctx, messages)

    @property
    def id(self):
        return self._addr


class Group(_Object):
    """A group: a mapping of names to groups and datasets (h5py-like, read-only)."""

    def __init__(self, ctx, addr, name, messages, root=None):
        super().__init__(ctx, addr, name, messages)
        self._link_cache = None
        self._root = root if root is not None else self

    # -- links ---------------------------------------------------------------------------------
    def _links(self):
        if self._link_cache is None:
            ctx, msgs = self._ctx, self._messages
            stab = ctx.message(msgs, _SYMBOL_TABLE)
            if stab is not None:
                c = ctx.cursor(stab, "symbol table message")
                links = _symbol_table_links(ctx, c.offset(), c.offset())
            else:
                links = {}
                for mtype, _flags, payload in msgs:
                    if mtype == _LINK:
                        name, link = decode_link(ctx, payload)
                        links[name] = link
                info = ctx.message(msgs, _LINK_INFO)
                if info is not None:
                    for payload in _dense.dense_link_messages(ctx, info):
                        name, link = decode_link(ctx, payload)
                        links[name] = link
                links = dict(sorted(links.items(), key=lambda kv: kv[0].encode("utf-8", "surrogateescape")))
            self._link_cache = links
        return self._link_cache

    def keys(self):
        return list(self._links().keys())

    def __iter__(self):
        return iter(self.keys())

    def __len__(self):
        return len(self._links())

    def get_link(self, name):
        """The ``Link`` stored under one ``name`` of this group (nothing is followed)."""
        return self._links()[name]

    def __contains__(self, path):
        try:
            self._resolve(path, check_only=True)
            return True
        except KeyError:
            return False

    def __getitem__(self, path):
        return self._resolve(path)

    def get(self, path, default=None):
        try:
            return self._resolve(path)
        except KeyError:
            return default

    def items(self):
        return [(k, self[k]) for k in self.keys()]

    def values(self):
        return [self[k] for k in self.keys()]

    def _resolve(self, path, check_only=False):
        if not isinstance(path, str):
            raise TypeError(f"Group member names are strings; received {path!r}")
        node = self._root if path.startswith("/") else self
        parts = [p for p in path.split("/") if p not in ("", ".")]
        if not parts:
            return node
        for i, part in enumerate(parts):
            if not isinstance(node, Group):
                raise KeyError(path)
            links = node._links()
            if part not in links:
                raise KeyError(path)
            link = links[part]
            if check_only and i == len(parts) - 1:
                return None  # the name exists, whatever kind of link it is
            if link.kind != "hard":
                # Links are never followed: a soft link could point anywhere in the file and
                # an external link at any file on the host (CVE-2026-1669).
                raise NotAllowedError(f"Not allowed: H5 file with {_LINK_CLASS_NAMES[link.kind]}")
            node = _open_object(self._ctx, link.target, f"{node.name.rstrip('/')}/{part}", self._root)
        return node

    def visit_items(self, func):
        """Call ``func(path, obj)`` for every object below this group (hard links only; each
        object once, so link cycles end). Stops when ``func`` returns something not None."""
        seen = {self._addr}
        stack = [("", self)]
        while stack:
            prefix, group = stack.pop()
            for name in group.keys():
                link = group.get_link(name)
                if link.kind != "hard" or link.target in seen:
                    continue
                seen.add(link.target)
                obj = group[name]
                path = f"{prefix}{name}"
                result = func(path, obj)
                if result is not None:
                    return result
                if isinstance(obj, Group):
                    stack.append((path + "/", obj))
        return None

    def __repr__(self):
        return f"<HDF5 group {self.name!r} ({len(self)} members)>"


class Dataset(_Object):
    """A dataset: ``shape``, ``dtype``, ``attrs``; ``read()`` (or ``ds[()]``) returns the data."""

    def __init__(self, ctx, addr, name, messages):
        super().__init__(ctx, addr, name, messages)
        space = ctx.message(messages, _DATASPACE)
        dtype = ctx.message(messages, _DATATYPE)
        layout = ctx.message(messages, _LAYOUT)
        if space is None or dtype is None or layout is None:
            raise HDF5Error(f"Corrupt HDF5 file: dataset {name!r} lacks its dataspace, datatype or layout")
        self._type = decode_datatype(ctx.cursor(dtype, "datatype message"))
        self._shape = decode_dataspace(ctx.cursor(space, "dataspace message"))
        if self._shape is not None:
            check_extent(self._shape, self._type.size)
        self._layout = _chunks.decode_layout(ctx, layout, self._shape)
        self._filters = ctx.message(messages, _FILTERS)
        self._external = ctx.message(messages, _EXTERNAL) is not None

    @property
    def shape(self):
        return self._shape

    @property
    def dtype(self):
        return self._type.numpy_dtype

    @property
    def ndim(self):
        return len(self._shape) if self._shape is not None else 0

    @property
    def size(self):
        return math.prod(self._shape) if self._shape is not None else 0

    @property
    def nbytes(self):
        """Bytes the data declares (elements x element size), before anything is read."""
        return self.size * self._type.size

    @property
    def layout(self):
        return self._layout.kind

    @property
    def external(self):
        return self._external

    @property
    def is_virtual(self):
        return self._layout.kind == "virtual"

    def _fill_bytes(self):
        for mtype in (_FILL, _FILL_OLD):
            msg = self._ctx.message(self._messages, mtype)
            if msg is not None:
                value = _chunks.fill_value(self._ctx, mtype == _FILL_OLD, msg)
                return value if value is not None and len(value) == self._type.size else None
        return None

    def read(self):
        """The whole dataset as a new NumPy array (a 0-d array for a scalar dataset)."""
        if self._shape is None:
            return None
        if self._external:
            raise NotAllowedError(f"Not allowed: H5 file with external Dataset: {self.name}")
        if self._layout.kind == "virtual":
            raise NotAllowedError("Not allowed: H5 file with virtual Dataset")
        h5type = self._type
        if h5type.kind == "unsupported":
            h5type.numpy_dtype
        raw = _chunks.read_raw(self._ctx, self._layout, self._filters, self._shape, h5type.size,
                               self._fill_bytes(), self.name)
        if h5type.kind in ("num", "opaque", "fstr", "enum") and isinstance(raw, np.ndarray):
            if h5type.dtype.itemsize != h5type.size:
                raise HDF5Error(f"Corrupt HDF5 file: element size of dataset {self.name!r} does not match its type")
            arr = raw.view(h5type.dtype).reshape(self._shape)
            if arr.dtype != h5type.numpy_dtype:
                arr = arr.astype(h5type.numpy_dtype)
            return arr
        return self._ctx.values(h5type, self._shape, raw if not isinstance(raw, np.ndarray) else raw.tobytes())

    def __array__(self, dtype=None, copy=None):
        arr = self.read()
        return arr if dtype is None else arr.astype(dtype)

    def __getitem__(self, key):
        arr = self.read()
        if key == () and arr is not None and arr.ndim == 0:
            return arr[()]
        return arr if key in ((), Ellipsis) else arr[key]

    def __len__(self):
        if not self._shape:
            raise TypeError("Attempt to take len() of scalar dataset")
        return self._shape[0]

    def __repr__(self):
        return f"<HDF5 dataset {self.name!r}: shape {self._shape}, type {self._type.kind} {self._type.dtype}>"


def _open_object(ctx, addr, name, root):
    msgs = ctx.header(addr)
    types = {m[0] for m in msgs}
    if _LAYOUT in types:
        return Dataset(ctx, addr, name, msgs)
    if types & {_SYMBOL_TABLE, _LINK_INFO, _LINK, 10}:
        return Group(ctx, addr, name, msgs, root)
    if _DATATYPE in types:
        raise UnsupportedFeatureError(f"HDF5 committed datatype objects cannot be opened: {name}")
    # An object header with no messages that say otherwise: an empty new-style group.
    return Group(ctx, addr, name, msgs, root)


def decode_link(ctx, payload):
    cur = ctx.cursor(payload, "link message")
    version, flags = cur.u8(), cur.u8()
    if version != 1:
        raise HDF5Error(f"Corrupt HDF5 file: link message version {version}")
    ltype = cur.u8() if flags & 0x08 else 0
    if flags & 0x04:
        cur.u64()
    if flags & 0x10:
        cur.u8()
    name = cur.bytes(cur.uint(1 << (flags & 0x03))).decode("utf-8", "surrogateescape")
    if ltype == 0:
        return name, Link("hard", cur.offset())
    data = cur.bytes(cur.u16())
    if ltype == 1:
        return name, Link("soft", data.decode("utf-8", "surrogateescape"))
    if ltype == 64:
        parts = data[1:].split(b"\0")
        target = (parts[0].decode("utf-8", "surrogateescape"),
                  parts[1].decode("utf-8", "surrogateescape") if len(parts) > 1 else "")
        return name, Link("external", target)
    return name, Link("user", ltype)


def _symbol_table_links(ctx, btree_addr, heap_addr):
    """Links of an old-style group: walk its v1 B-tree down to the symbol table nodes."""
    heap = ctx.local_heap(heap_addr)

    def heap_name(offset):
        if offset >= len(heap):
            raise HDF5Error("Corrupt HDF5 file: link name outside the local heap")
        end = heap.find(b"\0", offset)
        if end < 0:
            raise HDF5Error("Corrupt HDF5 file: unterminated link name in the local heap")
        return heap[offset:end].decode("utf-8", "surrogateescape")

    osize, lsize = ctx.osize, ctx.lsize
    links = {}
    seen = set()
    stack = [(btree_addr, 0)]
    while stack:
        addr, depth = stack.pop()
        if addr in seen or depth > LIMITS.max_btree_depth:
            raise HDF5Error("Corrupt HDF5 file: group B-tree has a cycle or is too deep")
        seen.add(addr)
        head = ctx.cursor(ctx.read(addr, 8 + 2 * osize, "group B-tree node"), "group B-tree node")
        if head.bytes(4) != b"TREE":
            raise HDF5Error("Corrupt HDF5 file: bad group B-tree signature")
        node_type, level, entries = head.u8(), head.u8(), head.u16()
        if node_type != 0:
            raise HDF5Error("Corrupt HDF5 file: group B-tree node of the wrong type")
        body = ctx.cursor(ctx.read(addr + 8 + 2 * osize, entries * (lsize + osize) + lsize, "group B-tree node"),
                          "group B-tree node")
        children = []
        for _ in range(entries):
            body.length()
            children.append(body.offset())
        if level > 0:
            stack.extend((c, depth + 1) for c in reversed(children))
            continue
        for snod in children:
            if snod in seen:
                raise HDF5Error("Corrupt HDF5 file: symbol table node referenced twice")
            seen.add(snod)
            h = ctx.cursor(ctx.read(snod, 8, "symbol table node"), "symbol table node")
            if h.bytes(4) != b"SNOD":
                raise HDF5Error("Corrupt HDF5 file: bad symbol table node signature")
            h.skip(2)
            count = h.u16()
            esize = 2 * osize + 24
            cur = ctx.cursor(ctx.read(snod + 8, count * esize, "symbol table node"), "symbol table node")
            for _ in range(count):
                name_off, obj = cur.offset(), cur.offset()
                cache_type = cur.u32()
                cur.skip(4)
                scratch = cur.bytes(16)
                name = heap_name(name_off)
                if cache_type == 2:
                    links[name] = Link("soft", heap_name(int.from_bytes(scratch[:4], "little")))
                else:
                    links[name] = Link("hard", obj)
    return links


class File(Group):
    """An HDF5 file opened for reading: ``File(path_or_bytes_or_fileobj)``; use as a context
    manager or call ``close()``. Behaves as its root group."""

    def __init__(self, source):
        src = Source(source)
        try:
            ctx, root = _open(src)
            msgs = ctx.header(root)
        except BaseException:
            src.close()
            raise
        super().__init__(ctx, root, "/", msgs)
        self.filename = src.name

    def close(self):
        self._ctx.src.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        return f"<HDF5 file {self.filename!r} (read-only)>"
