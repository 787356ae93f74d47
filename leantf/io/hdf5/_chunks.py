"""Where a dataset's bytes are: layout messages, chunk indexes, filters, fill values.

Layouts: compact (inside the header), contiguous (one block) and chunked. Chunk indexes: the
version-1 B-tree (what h5py writes by default), and from layout version 4 the single-chunk,
implicit and fixed-array indexes. Filters: deflate (zlib, stdlib), shuffle, fletcher32.

Before any output buffer is allocated the declared size is checked: a contiguous dataset
must fit in the file, and a chunked one must not expand more than ``LIMITS.max_expansion``
times what it stores once it declares more than ``LIMITS.bomb_floor_bytes`` (Keras's rule).
Decompression never produces more than one chunk's bytes.
"""
import math
import zlib

import numpy as np

from ._base import LIMITS, UNDEF, HDF5Error, NotAllowedError, UnsupportedFeatureError, pad8, readable_size

__all__ = ["decode_layout", "fill_value", "read_raw"]


class Layout:
    __slots__ = ("kind", "addr", "size", "data", "chunk", "index", "single_size", "single_mask", "page_bits",
                 "version")

    def __init__(self, kind, version):
        self.kind = kind
        self.version = version
        self.addr = UNDEF
        self.size = 0
        self.data = b""
        self.chunk = None          # chunk dims (without the element-size dimension)
        self.index = None          # "btree1", "single", "implicit", "farray", or another name
        self.single_size = None
        self.single_mask = 0
        self.page_bits = 0


_INDEX_NAMES = {1: "single", 2: "implicit", 3: "farray", 4: "earray", 5: "btree2"}


def decode_layout(ctx, payload, shape):
    cur = ctx.cursor(payload, "layout message")
    version = cur.u8()
    if version in (1, 2):
        rank, cls = cur.u8(), cur.u8()
        cur.skip(5)
        lay = Layout({0: "compact", 1: "contiguous", 2: "chunked"}.get(cls, "unknown"), version)
        if cls != 0:
            lay.addr = cur.offset()
        dims = [cur.u32() for _ in range(rank)]
        if cls == 2:
            raise UnsupportedFeatureError("HDF5 chunked datasets with a version 1/2 layout message are not "
                                          "supported")
        if cls == 0:
            n = cur.u32()
            lay.data = cur.bytes(n)
            lay.size = n
        else:
            lay.size = math.prod(dims)
        return lay
    if version not in (3, 4, 5):
        raise HDF5Error(f"Corrupt HDF5 file: layout message version {version}")
    cls = cur.u8()
    if cls == 0:
        lay = Layout("compact", version)
        lay.size = cur.u16()
        lay.data = cur.bytes(lay.size)
    elif cls == 1:
        lay = Layout("contiguous", version)
        lay.addr, lay.size = cur.offset(), cur.length()
    elif cls == 2:
        lay = Layout("chunked", version)
        if version == 3:
            ndims = cur.u8()
            lay.addr = cur.offset()
            dims = [cur.u32() for _ in range(ndims)]
            lay.index = "btree1"
        else:
            flags, ndims, width = cur.u8(), cur.u8(), cur.u8()
            dims = [cur.uint(width) for _ in range(ndims)]
            itype = cur.u8()
            lay.index = _INDEX_NAMES.get(itype, f"index type {itype}")
            if itype == 1:
                if flags & 0x02:
                    lay.single_size, lay.single_mask = cur.length(), cur.u32()
            elif itype == 3:
                lay.page_bits = cur.u8()
            elif itype == 4:
                cur.skip(5)
            elif itype == 5:
                cur.skip(6)
            lay.addr = cur.offset()
        lay.chunk = tuple(dims[:-1])  # the last "dimension" is the element size
        if (shape is not None and len(lay.chunk) != len(shape)) or any(d == 0 for d in lay.chunk):
            raise HDF5Error("Corrupt HDF5 file: chunk dimensions do not match the dataspace")
    elif cls == 3:
        lay = Layout("virtual", version)
    else:
        raise HDF5Error(f"Corrupt HDF5 file: layout class {cls}")
    return lay


def fill_value(ctx, old_style, payload):
    """The fill value bytes of a fill value message, or None when it is the default (zeros)."""
    cur = ctx.cursor(payload, "fill value message")
    if old_style:
        n = cur.u32()
        return cur.bytes(n) if n else None
    version = cur.u8()
    if version in (1, 2):
        cur.skip(2)
        defined = cur.u8()
        if version == 1 or defined:
            n = cur.u32() if cur.remaining() >= 4 else 0
            return cur.bytes(n) if n else None
        return None
    if version == 3:
        flags = cur.u8()
        if flags & 0x20:
            n = cur.u32()
            return cur.bytes(n) if n else None
        return None
    raise HDF5Error(f"Corrupt HDF5 file: fill value message version {version}")


def _check_unstored(nbytes, name):
    # A dataset that stores nothing is all fill value; its size costs the file nothing, so it
    # is capped well below the general shape-bomb floor.
    if nbytes > LIMITS.max_unstored_bytes:
        raise NotAllowedError(f"Not allowed: H5 dataset '{_base_name(name)}' declares {readable_size(nbytes)} but "
                              f"stores no data; refusing to load a potential shape bomb.")


def _base_name(name):
    return name.rstrip("/").rsplit("/", 1)[-1]


def _filled(nbytes, fill):
    if fill is None or not any(fill):
        return np.zeros(nbytes, np.uint8)
    return np.tile(np.frombuffer(fill, np.uint8), nbytes // len(fill))


def read_raw(ctx, lay, filters, shape, itemsize, fill, name):
    """The dataset's bytes as a flat uint8 array (a fresh, writable buffer)."""
    count = math.prod(shape)
    nbytes = count * itemsize
    if lay.kind == "compact":
        if len(lay.data) < nbytes:
            raise HDF5Error(f"Corrupt HDF5 file: compact dataset {name!r} stores fewer bytes than it declares")
        return np.frombuffer(lay.data, np.uint8, nbytes).copy()
    if lay.kind == "contiguous":
        if lay.addr == UNDEF:  # never written: every element is the fill value
            _check_unstored(nbytes, name)
            return _filled(nbytes, fill)
        available = ctx.src.size - ctx.src.base - lay.addr
        if nbytes > available or lay.size < nbytes:
            stored = max(0, min(available, lay.size))
            raise NotAllowedError(f"Not allowed: H5 dataset '{_base_name(name)}' declares {readable_size(nbytes)} "
                                  f"but only {readable_size(stored)} are stored in the file; refusing to load a "
                                  f"corrupt dataset or shape bomb.")
        out = np.empty(nbytes, np.uint8)
        ctx.src.read_into(lay.addr, memoryview(out), f"dataset {name!r}")
        return out
    if lay.kind == "chunked":
        return _read_chunked(ctx, lay, filters, shape, itemsize, fill, name)
    raise UnsupportedFeatureError(f"HDF5 layout {lay.kind!r} is not supported")


# -- chunked ------------------------------------------------------------------------------------------

def _read_chunked(ctx, lay, filters, shape, itemsize, fill, name):
    pipeline = _decode_filters(ctx, filters) if filters is not None else []
    chunk = lay.chunk
    chunk_bytes = math.prod(chunk) * itemsize
    grid = tuple(-(-s // c) for s, c in zip(shape, chunk))
    chunks = _chunk_list(ctx, lay, shape, chunk, grid, chunk_bytes, bool(pipeline))
    nbytes = math.prod(shape) * itemsize
    stored = sum(size for _, _, size, _ in chunks)
    # Keras's shape-bomb rule, applied before the output is allocated.
    if nbytes > LIMITS.bomb_floor_bytes and nbytes > LIMITS.max_expansion * stored:
        raise NotAllowedError(f"Not allowed: H5 dataset '{_base_name(name)}' declares {readable_size(nbytes)} but "
                              f"only {readable_size(stored)} are stored on disk; refusing to load a potential "
                              f"decompression/shape bomb.")
    end = ctx.src.size - ctx.src.base
    if not chunks:
        _check_unstored(nbytes, name)
    for _, addr, size, _ in chunks:
        if addr == UNDEF or addr + size > end:
            raise HDF5Error(f"Corrupt HDF5 file: a chunk of dataset {name!r} lies outside the file")
    out = _filled(nbytes, fill).reshape(tuple(shape) + (itemsize,))
    for offset, addr, size, mask in chunks:
        data = ctx.read(addr, size, f"chunk of dataset {name!r}")
        data = _unfilter(pipeline, mask, data, chunk_bytes, itemsize)
        if len(data) != chunk_bytes:
            raise HDF5Error(f"Corrupt HDF5 file: a chunk of dataset {name!r} has the wrong size")
        block = np.frombuffer(data, np.uint8).reshape(tuple(chunk) + (itemsize,))
        dst, src = [], []
        for o, c, s in zip(offset, chunk, shape):
            if o >= s or o % c:
                raise HDF5Error(f"Corrupt HDF5 file: chunk offset outside dataset {name!r}")
            n = min(c, s - o)
            dst.append(slice(o, o + n))
            src.append(slice(0, n))
        out[tuple(dst)] = block[tuple(src)]
    return out.reshape(-1)


def _chunk_list(ctx, lay, shape, chunk, grid, chunk_bytes, filtered):
    """[(element offset tuple, address, stored size, filter mask)] of every stored chunk."""
    if lay.index == "btree1":
        return _btree1_chunks(ctx, lay.addr, len(shape)) if lay.addr != UNDEF else []
    if lay.index == "single":
        if lay.addr == UNDEF:
            return []
        size = lay.single_size if lay.single_size is not None else chunk_bytes
        return [(tuple(0 for _ in shape), lay.addr, size, lay.single_mask)]
    if lay.index == "implicit":
        if lay.addr == UNDEF:
            return []
        return [(_offset(i, grid, chunk), lay.addr + i * chunk_bytes, chunk_bytes, 0)
                for i in range(math.prod(grid))]
    if lay.index == "farray":
        return _fixed_array_chunks(ctx, lay, grid, chunk, chunk_bytes, filtered) if lay.addr != UNDEF else []
    raise UnsupportedFeatureError(f"HDF5 chunk index {lay.index!r} is not supported")


def _offset(linear, grid, chunk):
    idx = []
    for g in reversed(grid):
        idx.append(linear % g)
        linear //= g
    return tuple(i * c for i, c in zip(reversed(idx), chunk))


def _btree1_chunks(ctx, root, rank):
    osize = ctx.osize
    key_size = 8 + 8 * (rank + 1)
    out, seen, stack = [], set(), [(root, 0)]
    while stack:
        addr, depth = stack.pop()
        if addr in seen or depth > LIMITS.max_btree_depth:
            raise HDF5Error("Corrupt HDF5 file: chunk B-tree has a cycle or is too deep")
        seen.add(addr)
        head = ctx.cursor(ctx.read(addr, 8 + 2 * osize, "chunk B-tree node"), "chunk B-tree node")
        if head.bytes(4) != b"TREE" or head.u8() != 1:
            raise HDF5Error("Corrupt HDF5 file: bad chunk B-tree node")
        level, entries = head.u8(), head.u16()
        body = ctx.cursor(ctx.read(addr + 8 + 2 * osize, entries * (key_size + osize) + key_size,
                                   "chunk B-tree node"), "chunk B-tree node")
        children = []
        for _ in range(entries):
            size, mask = body.u32(), body.u32()
            offset = tuple(body.u64() for _ in range(rank + 1))[:-1]
            children.append((offset, body.offset(), size, mask))
        if level > 0:
            stack.extend((child, depth + 1) for _, child, _, _ in reversed(children))
        else:
            out.extend(children)
    return out


def _fixed_array_chunks(ctx, lay, grid, chunk, chunk_bytes, filtered):
    osize, lsize = ctx.osize, ctx.lsize
    head = ctx.cursor(ctx.read(lay.addr, 12 + lsize + osize + 4, "fixed array header"), "fixed array header")
    if head.bytes(4) != b"FAHD":
        raise HDF5Error("Corrupt HDF5 file: bad fixed array header signature")
    head.skip(2)
    entry_size, page_bits = head.u8(), head.u8()
    count, block = head.length(), head.offset()
    if count != math.prod(grid):
        raise HDF5Error("Corrupt HDF5 file: fixed array size does not match the chunk grid")
    if block == UNDEF:
        return []
    prefix = 6 + osize
    page = 1 << page_bits
    entries = []
    if count <= page:
        data = ctx.read(block + prefix, count * entry_size, "fixed array data block")
        entries.append((0, data))
    else:
        npages = -(-count // page)
        bitmap = ctx.read(block + prefix, (npages + 7) // 8, "fixed array page bitmap")
        pos = block + prefix + (npages + 7) // 8 + 4
        for p in range(npages):
            n = min(page, count - p * page)
            if bitmap[p // 8] & (0x80 >> (p % 8)):
                entries.append((p * page, ctx.read(pos, n * entry_size, "fixed array page")))
            pos += n * entry_size + 4
    out = []
    for first, data in entries:
        cur = ctx.cursor(data, "fixed array entry")
        for i in range(len(data) // entry_size):
            addr = cur.offset()
            if filtered:
                size = cur.uint(entry_size - osize - 4)
                mask = cur.u32()
            else:
                size, mask = chunk_bytes, 0
            if addr != UNDEF:
                out.append((_offset(first + i, grid, chunk), addr, size, mask))
    return out


# -- filters ------------------------------------------------------------------------------------------

_DEFLATE, _SHUFFLE, _FLETCHER32 = 1, 2, 3
_FILTER_NAMES = {4: "szip", 5: "nbit", 6: "scaleoffset", 32000: "lzf", 32001: "blosc", 32004: "lz4",
                 32008: "bitshuffle", 32015: "zstd"}


def _decode_filters(ctx, payload):
    cur = ctx.cursor(payload, "filter pipeline message")
    version, count = cur.u8(), cur.u8()
    if version == 1:
        cur.skip(6)
    elif version != 2:
        raise HDF5Error(f"Corrupt HDF5 file: filter pipeline version {version}")
    out = []
    for _ in range(count):
        fid = cur.u16()
        name_len = cur.u16() if (version == 1 or fid >= 256) else 0
        flags, nvalues = cur.u16(), cur.u16()
        cur.skip(pad8(name_len) if version == 1 else name_len)
        values = [cur.u32() for _ in range(nvalues)]
        if version == 1 and nvalues % 2:
            cur.skip(4)
        out.append((fid, flags, values))
    return out


def _unfilter(pipeline, mask, data, limit, itemsize):
    for i in range(len(pipeline) - 1, -1, -1):
        fid, _flags, values = pipeline[i]
        if mask & (1 << i):
            continue  # this filter was skipped when the chunk was written
        if fid == _DEFLATE:
            d = zlib.decompressobj()
            try:
                out = d.decompress(data, limit + 1)  # never inflate past one chunk: no zip bomb
            except zlib.error as e:
                raise HDF5Error(f"Corrupt HDF5 file: deflate data: {e}") from None
            if len(out) > limit:
                raise HDF5Error("Corrupt HDF5 file: a compressed chunk inflates past its size")
            data = out
        elif fid == _SHUFFLE:
            size = values[0] if values else itemsize
            data = _unshuffle(data, size)
        elif fid == _FLETCHER32:
            if len(data) < 4:
                raise HDF5Error("Corrupt HDF5 file: chunk too short for its checksum")
            data = data[:-4]  # checksum dropped, not verified
        else:
            name = _FILTER_NAMES.get(fid, f"filter {fid}")
            raise UnsupportedFeatureError(f"HDF5 {name} filter is not supported (only gzip/deflate, shuffle "
                                          f"and fletcher32)")
    return data


def _unshuffle(data, size):
    if size <= 1:
        return data
    n = len(data) // size
    arr = np.frombuffer(data, np.uint8)
    body = arr[:n * size].reshape(size, n).T.reshape(-1)
    return body.tobytes() + bytes(arr[n * size:])
