"""Write HDF5 files the way h5py does with its default settings (``libver="earliest"``).

The whole tree is built in memory (groups, attributes, references to the arrays), then laid
out in one pass: superblock version 0, version-1 object headers, old-style groups (a local
heap of names, a version-1 B-tree, symbol table nodes), attributes in the object headers,
variable-length strings in global heap collections, and contiguous datasets. Any HDF5 reader
(h5py, the C library, Keras) opens the result.

The file is written to a temporary file in the target's directory, flushed to disk and
moved over the target with ``os.replace``: a crash never leaves a half-written file under
the final name, and an existing file stays intact until the new one is complete.
"""
import os
import secrets

import numpy as np

from ._base import UNDEF, pad8
from ._types import encode_dataspace, encode_datatype, vlen_str_type

__all__ = ["FileWriter", "WGroup", "WDataset", "atomic_write"]

_LEAF_K, _INTERNAL_K = 4, 16             # the superblock's defaults: 8 links per node, 32 children
_SNOD_SIZE = 8 + 2 * _LEAF_K * 40
_BTREE_SIZE = 24 + (2 * _INTERNAL_K + 1) * 8 + 2 * _INTERNAL_K * 8
_GCOL_MIN = 4096                         # HDF5's minimum global heap collection size
_MAX_MESSAGE = 0xFFFF
_FREE_NULL = 1                           # "no free block" in a local heap's free list


def _attr_payload(value):
    """(datatype bytes, shape, raw bytes or list of str) for an attribute value, with h5py's
    conversions: str/bytes -> variable-length string, lists of strings -> arrays of them,
    Python ints/floats -> int64/float64, an empty list -> float64 of shape (0,)."""
    if isinstance(value, (str, bytes)):
        return vlen_str_type(isinstance(value, str)), (), [value]
    if isinstance(value, (list, tuple)):
        if not value:
            return encode_datatype(np.float64), (0,), b""
        if all(isinstance(v, (str, bytes)) for v in value):
            return vlen_str_type(True), (len(value),), list(value)
        value = np.asarray(value)
    if isinstance(value, np.ndarray) and value.dtype.kind in "UO":
        flat = value.reshape(-1).tolist()
        if not all(isinstance(v, (str, bytes)) for v in flat):
            raise TypeError(f"Object arrays may hold only strings; received {value!r}")
        return vlen_str_type(True), value.shape, flat
    if value is None:
        raise TypeError("Cannot store None as an HDF5 attribute")
    arr = np.asarray(value)
    if arr.dtype.kind in "iu" and isinstance(value, int) and not isinstance(value, bool):
        arr = np.asarray(value, np.int64)
    arr = _little_endian(arr)
    return encode_datatype(arr.dtype), arr.shape, _array_bytes(arr)


def _little_endian(arr):
    if arr.dtype.byteorder == ">" or (arr.dtype.byteorder == "=" and np.little_endian is False):
        return arr.astype(arr.dtype.newbyteorder("<"))
    return arr


def _array_bytes(arr):
    arr = np.ascontiguousarray(arr)
    if arr.dtype.kind == "b":
        arr = arr.astype(np.uint8)
    return arr.reshape(-1).view(np.uint8).tobytes()


class _WNode:
    def __init__(self):
        self.attrs = {}


class WDataset(_WNode):
    def __init__(self, data):
        super().__init__()
        if isinstance(data, np.ndarray) and data.dtype.kind in "UO":
            flat = data.reshape(-1).tolist()
            if not all(isinstance(v, str) for v in flat):
                raise TypeError("Object datasets may hold only str")
            self.strings, self.shape, self.data = flat, data.shape, None
            return
        arr = np.asarray(data)
        if arr.dtype.kind in "UO":
            return self.__init__(arr.astype(object))
        arr = _little_endian(arr)
        encode_datatype(arr.dtype)  # refuse unsupported dtypes now, not at close()
        self.strings, self.shape, self.data = None, arr.shape, arr

    @property
    def dtype(self):
        return np.dtype(object) if self.strings is not None else self.data.dtype


class WGroup(_WNode):
    def __init__(self):
        super().__init__()
        self._children = {}

    def _split(self, path):
        parts = [p for p in path.split("/") if p]
        if not parts or "." in parts:
            raise ValueError(f"Invalid HDF5 name: {path!r}")
        group = self
        for part in parts[:-1]:
            group = group.require_group(part)
        return group, parts[-1]

    def create_group(self, name):
        group, leaf = self._split(name)
        if leaf in group._children:
            raise ValueError(f"Unable to create group (name already exists): {name!r}")
        child = group._children[leaf] = WGroup()
        return child

    def require_group(self, name):
        group, leaf = self._split(name)
        child = group._children.get(leaf)
        if child is None:
            child = group._children[leaf] = WGroup()
        elif not isinstance(child, WGroup):
            raise TypeError(f"Incompatible object (dataset) already exists: {name!r}")
        return child

    def create_dataset(self, name, data):
        group, leaf = self._split(name)
        if leaf in group._children:
            raise ValueError(f"Unable to create dataset (name already exists): {name!r}")
        ds = group._children[leaf] = WDataset(data)
        return ds

    def __setitem__(self, name, data):
        self.create_dataset(name, data)

    def __getitem__(self, name):
        node = self
        for part in (p for p in name.split("/") if p):
            node = node._children[part]
        return node

    def __contains__(self, name):
        try:
            self[name]
            return True
        except (KeyError, AttributeError):
            return False

    def keys(self):
        return list(self._children)

    def __len__(self):
        return len(self._children)


def atomic_write(path, write):
    """Call ``write(fileobj)`` on a fresh temporary file next to ``path``, fsync it, then move
    it over ``path`` in one step. On any error the temporary file is removed."""
    path = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(path))
    tmp = os.path.join(directory, f".{os.path.basename(path)}.{secrets.token_hex(8)}.tmp")
    # O_EXCL: never follow a planted symlink or reuse a file; 0o666 lets the umask apply,
    # so the result gets the same permissions an ordinary open() would give it.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:  # make the rename itself durable (POSIX); not possible on every platform
        dfd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass


class FileWriter(WGroup):
    """A new HDF5 file, built in memory and written on ``close()`` (or at the end of a
    ``with`` block that raised nothing). ``target`` is a path, a binary file object, or None
    for a file only wanted as bytes (``tobytes()``). Datasets keep a reference to the arrays
    given to them (no copy) until the file is written."""

    def __init__(self, target, mode="w"):
        super().__init__()
        if mode not in ("w", "w-", "x"):
            raise ValueError(f"Invalid mode for writing: {mode!r}")
        if mode in ("w-", "x") and isinstance(target, (str, os.PathLike)) and os.path.exists(target):
            raise FileExistsError(f"Unable to create file (file exists): {os.fspath(target)!r}")
        self._target = target
        self._closed = False

    def tobytes(self):
        import io
        buf = io.BytesIO()
        _Layout(self).write(buf)
        return buf.getvalue()

    def close(self):
        if self._closed:
            return
        self._closed = True
        if self._target is None:
            return
        layout = _Layout(self)
        if isinstance(self._target, (str, os.PathLike)):
            atomic_write(self._target, layout.write)
        else:
            layout.write(self._target)

    def discard(self):
        """Drop the file without writing anything."""
        self._closed = True

    def __enter__(self):
        return self

    def __exit__(self, exc_type, *exc):
        if exc_type is None:
            self.close()
        else:
            self.discard()


# -- layout ---------------------------------------------------------------------------------------------

def _u(n, size=8):
    return int(n).to_bytes(size, "little")


def _header(messages):
    """A version-1 object header: 16-byte prefix, then (type, size, flags) + 8-aligned data."""
    body = bytearray()
    for mtype, flags, data in messages:
        size = pad8(len(data))
        if size > _MAX_MESSAGE:
            raise ValueError("Unable to create attribute (object header message is too large)")
        body += _u(mtype, 2) + _u(size, 2) + bytes([flags, 0, 0, 0]) + data + b"\0" * (size - len(data))
    return bytes([1, 0]) + _u(len(messages), 2) + _u(1, 4) + _u(len(body), 4) + b"\0" * 4 + bytes(body)


class _GlobalHeap:
    """Variable-length strings, packed into global heap collections of at least 4 KiB."""

    def __init__(self):
        self.collections = []   # [[bytes, ...]]
        self.addrs = []
        self._used = None

    def add(self, text):
        data = text.encode("utf-8", "surrogateescape") if isinstance(text, str) else bytes(text)
        need = 16 + pad8(len(data))
        if not self.collections or self._used + need > _GCOL_MIN or len(self.collections[-1]) >= 0xFFFF:
            self.collections.append([])
            self._used = 16
        self.collections[-1].append(data)
        self._used += need
        return len(self.collections) - 1, len(self.collections[-1]), len(data)

    def sizes(self):
        return [max(_GCOL_MIN, 16 + sum(16 + pad8(len(d)) for d in objs)) for objs in self.collections]

    def blocks(self):
        for addr, size, objs in zip(self.addrs, self.sizes(), self.collections):
            out = bytearray(b"GCOL" + bytes([1, 0, 0, 0]) + _u(size))
            for i, data in enumerate(objs, 1):
                out += _u(i, 2) + _u(0, 2) + _u(0, 4) + _u(len(data)) + data + b"\0" * (pad8(len(data)) - len(data))
            free = size - len(out)
            if free >= 16:  # object 0 describes the free space, its own header included
                out += _u(0, 2) + _u(0, 2) + _u(0, 4) + _u(free)
            out += b"\0" * (size - len(out))
            yield addr, bytes(out)


class _Layout:
    def __init__(self, root):
        self.root = root
        self.heap = _GlobalHeap()
        self.end = 96                       # the version-0 superblock
        self.blocks = []                    # (address, bytes or array)
        self.nodes = []                     # every node, parents first
        self._collect(root, "/")
        self.heap.addrs = [self._alloc(size) for size in self.heap.sizes()]
        for node in self.nodes:
            self._place(node)
        for node in self.nodes:
            if isinstance(node, WDataset) and node.strings is None and node.data.nbytes:
                node._data_addr = self._alloc(node.data.nbytes, align=8)
        for node in self.nodes:
            self._emit(node)

    def _alloc(self, size, align=1):
        self.end = (self.end + align - 1) // align * align
        addr = self.end
        self.end += size
        return addr

    # strings first: attribute messages need the heap addresses
    def _collect(self, node, path):
        self.nodes.append(node)
        node._attr_items = []
        for name, value in node.attrs.items():
            dtype, shape, raw = _attr_payload(value)
            refs = [self.heap.add(s) for s in raw] if isinstance(raw, list) else None
            node._attr_items.append((str(name), dtype, shape, raw if refs is None else refs))
        if isinstance(node, WDataset) and node.strings is not None:
            node._refs = [self.heap.add(s) for s in node.strings]
        if isinstance(node, WGroup):
            node._names = sorted(node._children, key=lambda n: n.encode("utf-8", "surrogateescape"))
            for name in node._names:
                self._collect(node._children[name], f"{path}{name}/")

    def _vlen_refs(self, refs):
        return b"".join(_u(length, 4) + _u(self.heap.addrs[c]) + _u(i, 4) for c, i, length in refs)

    def _attr_messages(self, node):
        out = []
        for name, dtype, shape, raw in node._attr_items:
            data = self._vlen_refs(raw) if isinstance(raw, list) else raw
            bname = name.encode("utf-8") + b"\0"
            space = encode_dataspace(shape)
            body = (bytes([1, 0]) + _u(len(bname), 2) + _u(len(dtype), 2) + _u(len(space), 2)
                    + bname + b"\0" * (pad8(len(bname)) - len(bname))
                    + dtype + b"\0" * (pad8(len(dtype)) - len(dtype))
                    + space + b"\0" * (pad8(len(space)) - len(space)) + data)
            out.append((0x000C, 0, body))
        return out

    def _messages(self, node):
        if isinstance(node, WGroup):
            return [(0x0011, 0, _u(node._btree_addr) + _u(node._lheap_addr))] + self._attr_messages(node)
        if node.strings is not None:
            dtype, nbytes = vlen_str_type(True), 16 * len(node.strings)
        else:
            dtype, nbytes = encode_datatype(node.data.dtype), node.data.nbytes
        addr = getattr(node, "_data_addr", UNDEF)
        return [(0x0001, 0, encode_dataspace(node.shape)),
                (0x0003, 1, dtype),
                (0x0005, 1, bytes([2, 2, 2, 1]) + _u(0, 4)),   # fill value: library default
                (0x0008, 0, bytes([3, 1]) + _u(addr) + _u(nbytes))] + self._attr_messages(node)

    def _place(self, node):
        node._btree_addr = node._lheap_addr = 0
        if isinstance(node, WDataset) and node.strings is not None and node.strings:
            node._data_addr = 0  # placeholder; allocated right after the header
        node._hdr_addr = self._alloc(len(_header(self._messages(node))))
        if isinstance(node, WDataset):
            if node.strings:
                node._data_addr = self._alloc(16 * len(node.strings))
            return
        # Local heap of names: offset 0 is the empty string, then each name NUL-padded to 8.
        heap = bytearray(8)
        node._name_offsets = {}
        for name in node._names:
            node._name_offsets[name] = len(heap)
            raw = name.encode("utf-8", "surrogateescape") + b"\0"
            heap += raw + b"\0" * (pad8(len(raw)) - len(raw))
        node._heap_data = bytes(heap)
        node._lheap_addr = self._alloc(32 + len(heap))
        # Symbol table nodes of up to 8 entries, under a B-tree of up to 32 children per node.
        names = node._names
        snods = [names[i:i + 2 * _LEAF_K] for i in range(0, len(names), 2 * _LEAF_K)]
        node._snods = [(self._alloc(_SNOD_SIZE), chunk) for chunk in snods]
        # Each tree entry: (address, names it covers: first key offset, last key offset).
        level = [(addr, chunk[-1]) for addr, chunk in node._snods]
        node._tree = []
        depth = 0
        while True:
            groups = [level[i:i + 2 * _INTERNAL_K] for i in range(0, len(level), 2 * _INTERNAL_K)] or [[]]
            nodes = [(self._alloc(_BTREE_SIZE), children) for children in groups]
            node._tree.append((depth, nodes))
            if len(nodes) == 1:
                node._btree_addr = nodes[0][0]
                break
            level = [(addr, children[-1][1]) for addr, children in nodes]
            depth += 1

    def _emit(self, node):
        self.blocks.append((node._hdr_addr, _header(self._messages(node))))
        if isinstance(node, WDataset):
            if node.strings:
                self.blocks.append((node._data_addr, self._vlen_refs(node._refs)))
            elif node.data.nbytes:
                self.blocks.append((node._data_addr, node.data))
            return
        free = _u(_FREE_NULL)
        self.blocks.append((node._lheap_addr, b"HEAP" + bytes(4) + _u(len(node._heap_data)) + free
                            + _u(node._lheap_addr + 32) + node._heap_data))
        for addr, chunk in node._snods:
            body = bytearray(b"SNOD" + bytes([1, 0]) + _u(len(chunk), 2))
            for name in chunk:
                body += self._entry(node._name_offsets[name], node._children[name])
            self.blocks.append((addr, bytes(body) + b"\0" * (_SNOD_SIZE - len(body))))
        offsets = node._name_offsets
        prev_last = 0  # the first key of the leftmost node is the empty string (offset 0)
        for depth, nodes in node._tree:
            prev_last = 0
            for i, (addr, children) in enumerate(nodes):
                left = nodes[i - 1][0] if i else UNDEF
                right = nodes[i + 1][0] if i + 1 < len(nodes) else UNDEF
                body = bytearray(b"TREE" + bytes([0, depth]) + _u(len(children), 2) + _u(left) + _u(right))
                body += _u(prev_last)
                for child_addr, last_name in children:
                    body += _u(child_addr) + _u(offsets[last_name])
                prev_last = offsets[children[-1][1]] if children else 0
                self.blocks.append((addr, bytes(body) + b"\0" * (_BTREE_SIZE - len(body))))

    @staticmethod
    def _entry(name_offset, child):
        if isinstance(child, WGroup):  # cache the group's B-tree and heap, as HDF5 does
            return _u(name_offset) + _u(child._hdr_addr) + _u(1, 4) + _u(0, 4) + _u(child._btree_addr) + \
                _u(child._lheap_addr)
        return _u(name_offset) + _u(child._hdr_addr) + _u(0, 4) + _u(0, 4) + bytes(16)

    def superblock(self):
        root = self.root
        return (b"\x89HDF\r\n\x1a\n" + bytes([0, 0, 0, 0, 0, 8, 8, 0]) + _u(_LEAF_K, 2) + _u(_INTERNAL_K, 2)
                + _u(0, 4) + _u(0) + _u(UNDEF) + _u(self.end) + _u(UNDEF)
                + _u(0) + _u(root._hdr_addr) + _u(1, 4) + _u(0, 4) + _u(root._btree_addr) + _u(root._lheap_addr))

    def write(self, f):
        blocks = [(0, self.superblock())] + list(self.heap.blocks()) + self.blocks
        blocks.sort(key=lambda b: b[0])
        pos = 0
        for addr, data in blocks:
            if addr < pos:
                raise AssertionError("HDF5 writer: overlapping blocks")
            if addr > pos:
                f.write(b"\0" * (addr - pos))
            if isinstance(data, np.ndarray):
                arr = np.ascontiguousarray(data)
                if arr.dtype.kind == "b":
                    arr = arr.astype(np.uint8)
                f.write(memoryview(arr.reshape(-1).view(np.uint8)))
                pos = addr + arr.nbytes
            else:
                f.write(data)
                pos = addr + len(data)
        if pos != self.end:
            raise AssertionError("HDF5 writer: file size does not match the end-of-file address")
