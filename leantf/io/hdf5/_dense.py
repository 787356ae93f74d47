"""Dense link and attribute storage (HDF5 1.8+ "new-style" objects with many members).

When a group holds more than a few links, or an object more than a few attributes (and the
file was written with ``libver="latest"``), the link/attribute messages move out of the
object header into a fractal heap, indexed by name in a version-2 B-tree. Reading them
means walking that B-tree for the heap IDs and looking each one up in the heap's direct
blocks. Every address is visited at most once and depths are bounded, so a corrupt file
cannot loop.
"""
from ._base import LIMITS, UNDEF, HDF5Error, UnsupportedFeatureError

__all__ = ["dense_link_messages", "dense_attribute_messages"]


def dense_link_messages(ctx, info):
    """Raw link messages of a group whose link info message is ``info``."""
    cur = ctx.cursor(info, "link info message")
    cur.u8()
    flags = cur.u8()
    if flags & 0x01:
        cur.u64()
    heap, names = cur.offset(), cur.offset()
    if heap == UNDEF or names == UNDEF:
        return []
    return _objects(ctx, heap, names, lambda rec, idlen: (rec[4:4 + idlen], 0))


def dense_attribute_messages(ctx, info):
    """Raw attribute messages of an object whose attribute info message is ``info``."""
    cur = ctx.cursor(info, "attribute info message")
    cur.u8()
    flags = cur.u8()
    if flags & 0x01:
        cur.u16()
    heap, names = cur.offset(), cur.offset()
    if heap == UNDEF or names == UNDEF:
        return []
    return _objects(ctx, heap, names, lambda rec, idlen: (rec[:8], rec[8]))


def _objects(ctx, heap_addr, btree_addr, record_id):
    heap = _FractalHeap(ctx, heap_addr)
    out = []
    for record in _btree2_records(ctx, btree_addr):
        heap_id, msg_flags = record_id(record, heap.id_len)
        if msg_flags & 0x02:
            raise UnsupportedFeatureError("HDF5 shared attribute messages in dense storage are not supported")
        out.append(heap.get(heap_id))
    return out


def _limit_enc_size(n):
    """Bytes HDF5 uses to encode counts up to ``n`` (H5VM_limit_enc_size)."""
    return (max(n, 1).bit_length() - 1) // 8 + 1


def _btree2_records(ctx, addr):
    osize = ctx.osize
    cur = ctx.cursor(ctx.read(addr, 16 + osize + 2 + ctx.lsize + 4, "v2 B-tree header"), "v2 B-tree header")
    if cur.bytes(4) != b"BTHD":
        raise HDF5Error("Corrupt HDF5 file: bad v2 B-tree header signature")
    cur.u8()
    cur.u8()
    node_size, rec_size, depth = cur.u32(), cur.u16(), cur.u16()
    cur.skip(2)
    root, root_nrec = cur.offset(), cur.u16()
    if rec_size == 0 or node_size < 10 or depth > LIMITS.max_btree_depth:
        raise HDF5Error("Corrupt HDF5 file: bad v2 B-tree parameters")
    # Widths of the child-pointer fields at each depth, as HDF5 derives them from the node size.
    max_nrec = [(node_size - 10) // rec_size]
    cum = [max_nrec[0]]
    cum_size = [0]
    nrec_size = _limit_enc_size(max_nrec[0])
    for d in range(1, depth + 1):
        ptr = osize + nrec_size + (cum_size[d - 1] if d > 1 else 0)
        max_nrec.append((node_size - (10 + ptr)) // (rec_size + ptr))
        cum.append((max_nrec[d] + 1) * cum[d - 1] + max_nrec[d])
        cum_size.append(_limit_enc_size(cum[d]))
    records, seen = [], set()

    def visit(node, nrec, d):
        if node == UNDEF or nrec == 0:
            return
        if node in seen:
            raise HDF5Error("Corrupt HDF5 file: v2 B-tree node referenced twice")
        seen.add(node)
        if nrec > max_nrec[d]:
            raise HDF5Error("Corrupt HDF5 file: v2 B-tree node holds too many records")
        data = ctx.read(node, min(node_size, ctx.src.size), "v2 B-tree node")
        c = ctx.cursor(data, "v2 B-tree node")
        if c.bytes(4) != (b"BTIN" if d else b"BTLF"):
            raise HDF5Error("Corrupt HDF5 file: bad v2 B-tree node signature")
        c.skip(2)
        recs = [c.bytes(rec_size) for _ in range(nrec)]
        if d == 0:
            records.extend(recs)
            return
        children = []
        for _ in range(nrec + 1):
            child = c.offset()
            count = c.uint(nrec_size)
            if d > 1:
                c.uint(cum_size[d - 1])
            children.append((child, count))
        for i, (child, count) in enumerate(children):  # in order: child, record, child, ...
            visit(child, count, d - 1)
            if i < nrec:
                records.append(recs[i])

    visit(root, root_nrec, depth)
    return records


class _FractalHeap:
    def __init__(self, ctx, addr):
        self.ctx = ctx
        osize, lsize = ctx.osize, ctx.lsize
        size = 4 + 1 + 2 + 2 + 1 + 4 + lsize + osize + lsize + osize + 8 * lsize + 2 + 2 * lsize + 2 + 2 + osize + 2
        cur = ctx.cursor(ctx.read(addr, size, "fractal heap header"), "fractal heap header")
        if cur.bytes(4) != b"FRHP":
            raise HDF5Error("Corrupt HDF5 file: bad fractal heap signature")
        cur.u8()
        self.id_len = cur.u16()
        filters_len = cur.u16()
        flags = cur.u8()
        max_managed = cur.u32()
        cur.length()
        cur.offset()
        cur.length()
        cur.offset()
        for _ in range(8):
            cur.length()
        self.width = cur.u16()
        self.start = cur.length()
        self.max_direct = cur.length()
        max_heap_bits = cur.u16()
        cur.u16()
        self.root = cur.offset()
        self.root_rows = cur.u16()
        if filters_len:
            raise UnsupportedFeatureError("HDF5 fractal heaps with I/O filters are not supported")
        if self.width == 0 or self.start == 0 or self.start & (self.start - 1) or \
                self.max_direct & (self.max_direct - 1) or self.width & (self.width - 1):
            raise HDF5Error("Corrupt HDF5 file: bad fractal heap doubling table")
        self.checksummed = bool(flags & 0x02)
        self.off_size = (max_heap_bits + 7) // 8
        self.len_size = min((self.max_direct.bit_length() - 1 + 7) // 8, _limit_enc_size(max_managed))
        self.max_direct_rows = (self.max_direct.bit_length() - 1) - (self.start.bit_length() - 1) + 2
        self._blocks = None

    def _row_size(self, row):
        return self.start if row == 0 else self.start << (row - 1)

    def _direct_blocks(self):
        """[(heap offset, size, address)] of every allocated direct block."""
        if self._blocks is not None:
            return self._blocks
        ctx, out, seen = self.ctx, [], set()
        if self.root == UNDEF:
            self._blocks = out
            return out
        if self.root_rows == 0:
            out.append(self._direct(self.root, self.start))
            self._blocks = out
            return out
        stack = [(self.root, self.root_rows, 0)]
        log_width = self.width.bit_length() - 1
        while stack:
            addr, nrows, depth = stack.pop()
            if addr in seen or depth > LIMITS.max_btree_depth or nrows > 64:
                raise HDF5Error("Corrupt HDF5 file: fractal heap indirect blocks loop or nest too deep")
            seen.add(addr)
            n_direct = min(nrows, self.max_direct_rows) * self.width
            n_indirect = max(0, nrows - self.max_direct_rows) * self.width
            head = 4 + 1 + ctx.osize + self.off_size
            cur = ctx.cursor(ctx.read(addr, head + (n_direct + n_indirect) * ctx.osize, "fractal heap block"),
                             "fractal heap indirect block")
            if cur.bytes(4) != b"FHIB":
                raise HDF5Error("Corrupt HDF5 file: bad fractal heap indirect block signature")
            cur.skip(1 + ctx.osize + self.off_size)
            for i in range(n_direct):
                child = cur.offset()
                if child != UNDEF:
                    out.append(self._direct(child, self._row_size(i // self.width)))
            for i in range(n_indirect):
                child = cur.offset()
                row = self.max_direct_rows + i // self.width
                if child != UNDEF:
                    stack.append((child, row - log_width, depth + 1))
        self._blocks = out
        return out

    def _direct(self, addr, size):
        ctx = self.ctx
        cur = ctx.cursor(ctx.read(addr, 5 + ctx.osize + self.off_size, "fractal heap direct block"),
                         "fractal heap direct block")
        if cur.bytes(4) != b"FHDB":
            raise HDF5Error("Corrupt HDF5 file: bad fractal heap direct block signature")
        cur.skip(1 + ctx.osize)
        return cur.uint(self.off_size), size, addr

    def get(self, heap_id):
        kind = (heap_id[0] >> 4) & 0x03
        if kind == 2:  # tiny: the object lives inside the ID
            if self.id_len <= 18:
                return bytes(heap_id[1:1 + (heap_id[0] & 0x0F) + 1])
            n = (((heap_id[0] & 0x0F) << 8) | heap_id[1]) + 1
            return bytes(heap_id[2:2 + n])
        if kind != 0:
            raise UnsupportedFeatureError("HDF5 huge objects in fractal heaps are not supported")
        cur = self.ctx.cursor(heap_id, "fractal heap ID")
        cur.skip(1)
        offset, length = cur.uint(self.off_size), cur.uint(self.len_size)
        for start, size, addr in self._direct_blocks():
            if start <= offset and offset + length <= start + size:
                return self.ctx.read(addr + (offset - start), length, "fractal heap object")
        raise HDF5Error("Corrupt HDF5 file: fractal heap object outside every direct block")
