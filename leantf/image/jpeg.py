"""Baseline (sequential Huffman) JPEG decoding.

Markers are parsed, the entropy-coded data is Huffman-decoded block by block (the only
sequential part, a Python loop with a 16-bit lookup table per code table), and then the
inverse DCT, chroma upsampling and colour conversion run as NumPy array operations over
all blocks at once (jpeg_idct.py). Progressive and arithmetic-coded files are reported
as unsupported.
"""
import re
import struct

import numpy as np

from .jpeg_idct import idct_ifast, idct_islow, upsample, ycc_to_rgb

__all__ = ["decode_jpeg_bytes", "JpegError", "JpegUnsupported", "jpeg_shape"]


class JpegError(ValueError):
    """Corrupt or truncated JPEG data."""


class JpegUnsupported(JpegError):
    """A valid JPEG using a coding process this decoder does not implement."""


# zigzag position -> natural (row-major) position in the 8x8 block
_ZIGZAG = np.array([
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7,
    14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39,
    46, 53, 60, 61, 54, 47, 55, 62, 63])
_UNSUPPORTED_SOF = {0xC2: "progressive", 0xC3: "lossless", 0xC5: "hierarchical", 0xC6: "hierarchical",
                    0xC7: "hierarchical", 0xC9: "arithmetic-coded", 0xCA: "arithmetic-coded",
                    0xCB: "arithmetic-coded", 0xCD: "arithmetic-coded", 0xCE: "arithmetic-coded",
                    0xCF: "arithmetic-coded"}


def _huffman_table(counts, symbols):
    """A 65536-entry lookup: next 16 bits -> (code length << 8) | symbol (0: invalid code)."""
    table = [0] * 65536
    code, k = 0, 0
    for length in range(1, 17):
        for _ in range(counts[length - 1]):
            if k >= len(symbols) or code >= (1 << length):
                raise JpegError("bad Huffman table")
            span = 1 << (16 - length)
            start = code << (16 - length)
            table[start:start + span] = [(length << 8) | symbols[k]] * span
            code += 1
            k += 1
        code <<= 1
    return table


class _Frame:
    def __init__(self, body):
        precision, self.height, self.width, n = struct.unpack(">BHHB", body[:6])
        if precision != 8:
            raise JpegUnsupported(f"{precision}-bit samples")
        if self.height == 0 or self.width == 0 or n not in (1, 3):
            raise JpegError("Invalid components value" if n not in (1, 3) else "empty image")
        self.components = []
        for i in range(n):
            cid, hv, tq = body[6 + 3 * i:9 + 3 * i]
            self.components.append({"id": cid, "h": hv >> 4, "v": hv & 15, "tq": tq})
        self.hmax = max(c["h"] for c in self.components)
        self.vmax = max(c["v"] for c in self.components)
        self.mcux = -(-self.width // (8 * self.hmax))
        self.mcuy = -(-self.height // (8 * self.vmax))
        for c in self.components:
            if c["h"] not in (1, 2, 3, 4) or c["v"] not in (1, 2, 3, 4):
                raise JpegError("bad sampling factors")
            c["coefs"] = np.zeros((self.mcuy * c["v"], self.mcux * c["h"], 64), np.int32)
            c["bw"] = -(-self.width * c["h"] // self.hmax)   # component size in samples
            c["bh"] = -(-self.height * c["v"] // self.vmax)


class _BitReader:
    __slots__ = ("data", "pos", "acc", "nbits")

    def __init__(self, data):
        self.data = data + b"\x00" * 8  # libjpeg pads a short segment with zero bits
        self.pos, self.acc, self.nbits = 0, 0, 0


def _decode_scan(segments, scomps, frame, restart_interval):
    """Huffman-decode one scan's coefficients into each component's ``coefs`` array."""
    if len(scomps) == 1:  # non-interleaved: the component's own blocks, no MCU padding
        c = scomps[0][0]
        cols, rows = -(-c["bw"] // 8), -(-c["bh"] // 8)
        units = [[(c, r, q, scomps[0][1], scomps[0][2])] for r in range(rows) for q in range(cols)]
    else:
        units = []
        for my in range(frame.mcuy):
            for mx in range(frame.mcux):
                blocks = []
                for c, dc, ac in scomps:
                    for by in range(c["v"]):
                        for bx in range(c["h"]):
                            blocks.append((c, my * c["v"] + by, mx * c["h"] + bx, dc, ac))
                units.append(blocks)
    per_segment = restart_interval or len(units)
    zigzag = _ZIGZAG.tolist()
    for seg_index, start in enumerate(range(0, len(units), per_segment)):
        if seg_index >= len(segments):
            raise JpegError("missing restart segment")
        data = segments[seg_index] + b"\x00" * 8
        limit = len(segments[seg_index]) + 6  # the reader prefetches up to 4 bytes past the end
        pos, acc, nbits = 0, 0, 0
        preds = {}
        for blocks in units[start:start + per_segment]:
            for c, row, col, dc_table, ac_table in blocks:
                block = [0] * 64
                k = 0
                table = dc_table
                while k < 64:
                    if nbits < 16:  # refill to at least 16 bits
                        acc = (acc << 16) | (data[pos] << 8) | data[pos + 1]
                        pos += 2
                        nbits += 16
                    entry = table[(acc >> (nbits - 16)) & 0xFFFF]
                    if not entry:
                        raise JpegError("bad Huffman code")
                    nbits -= entry >> 8
                    sym = entry & 0xFF
                    if k == 0:
                        size, run = sym, 0
                    else:
                        run, size = sym >> 4, sym & 15
                        if size == 0:
                            if run != 15:
                                break  # end of block
                            k += 16
                            continue
                    value = 0
                    if size:
                        if nbits < size:
                            acc = (acc << 16) | (data[pos] << 8) | data[pos + 1]
                            pos += 2
                            nbits += 16
                        nbits -= size
                        value = (acc >> nbits) & ((1 << size) - 1)
                        if value < (1 << (size - 1)):
                            value -= (1 << size) - 1
                    acc &= (1 << nbits) - 1
                    if k == 0:
                        value += preds.get(id(c), 0)
                        preds[id(c)] = value
                        block[0] = value
                        k, table = 1, ac_table
                    else:
                        k += run
                        if k > 63:
                            raise JpegError("coefficient index out of range")
                        block[zigzag[k]] = value
                        k += 1
                    if pos > limit:
                        raise JpegError("Premature end of JPEG data")
                c["coefs"][row, col] = block


def _split_entropy(data, start):
    """Entropy-coded bytes from ``start`` up to the next non-RST marker, split at RST markers."""
    end = start
    while True:
        end = data.find(b"\xff", end)
        if end < 0 or end + 1 >= len(data):
            raise JpegError("Premature end of JPEG data")
        nxt = data[end + 1]
        if nxt == 0 or 0xD0 <= nxt <= 0xD7 or nxt == 0xFF:
            end += 1 if nxt == 0xFF else 2
            continue
        break
    parts = re.split(rb"\xff[\xd0-\xd7]", data[start:end])
    return [p.replace(b"\xff\x00", b"\xff") for p in parts], end


def _next_segment(data, pos):
    """(marker, body, position after the body) of the marker segment at ``pos``."""
    while True:
        if pos >= len(data) or data[pos] != 0xFF:
            raise JpegError("Premature end of JPEG data" if pos >= len(data) else "expected a marker")
        while pos < len(data) and data[pos] == 0xFF:  # fill bytes
            pos += 1
        if pos >= len(data):
            raise JpegError("Premature end of JPEG data")
        marker = data[pos]
        pos += 1
        if marker == 0xD9:
            return marker, b"", pos
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # parameterless markers
            continue
        length = struct.unpack(">H", data[pos:pos + 2])[0] if pos + 2 <= len(data) else 0
        body = data[pos + 2:pos + length]
        if length < 2 or len(body) != length - 2:
            raise JpegError("Premature end of JPEG data")
        return marker, body, pos + length


def _read_dqt(body, qtables):
    pos = 0
    while pos < len(body):
        pq, tq = body[pos] >> 4, body[pos] & 15
        n = 128 if pq else 64
        vals = np.frombuffer(body[pos + 1:pos + 1 + n], ">u2" if pq else np.uint8).astype(np.int32)
        if len(vals) != 64:
            raise JpegError("bad DQT")
        table = np.zeros(64, np.int32)
        table[_ZIGZAG] = vals
        qtables[tq] = table
        pos += 1 + n


def _read_dht(body, tables):
    pos = 0
    while pos < len(body):
        tc, th = body[pos] >> 4, body[pos] & 15
        counts = list(body[pos + 1:pos + 17])
        total = sum(counts)
        symbols = list(body[pos + 17:pos + 17 + total])
        if len(counts) != 16 or len(symbols) != total:
            raise JpegError("bad DHT")
        tables[(tc, th)] = _huffman_table(counts, symbols)
        pos += 17 + total


def _parse_and_decode(data):
    if data[:2] != b"\xff\xd8":
        raise JpegError("not a JPEG")
    qtables, htables, frame, restart, scanned = {}, {}, None, 0, False
    pos = 2
    while True:
        marker, body, pos = _next_segment(data, pos)
        if marker == 0xD9:
            break
        if marker in _UNSUPPORTED_SOF:
            raise JpegUnsupported(_UNSUPPORTED_SOF[marker])
        if marker in (0xC0, 0xC1):
            frame = _Frame(body)
        elif marker == 0xDB:
            _read_dqt(body, qtables)
        elif marker == 0xC4:
            _read_dht(body, htables)
        elif marker == 0xDD:
            restart = struct.unpack(">H", body[:2])[0]
        elif marker == 0xDA:
            if frame is None:
                raise JpegError("scan before frame header")
            n = body[0]
            by_id = {c["id"]: c for c in frame.components}
            scomps = []
            for i in range(n):
                cid, tables = body[1 + 2 * i], body[2 + 2 * i]
                if cid not in by_id or (0, tables >> 4) not in htables or (1, tables & 15) not in htables:
                    raise JpegError("bad scan header")
                scomps.append((by_id[cid], htables[(0, tables >> 4)], htables[(1, tables & 15)]))
            segments, pos = _split_entropy(data, pos)
            _decode_scan(segments, scomps, frame, restart)
            scanned = True
    if frame is None or not scanned:
        raise JpegError("no image data")
    return frame, qtables


def _component_planes(frame, qtables, accurate):
    planes = []
    for c in frame.components:
        if c["tq"] not in qtables:
            raise JpegError("missing quantization table")
        rows, cols, _ = c["coefs"].shape
        quant = qtables[c["tq"]]
        coefs = c["coefs"].reshape(-1, 8, 8)
        blocks = idct_islow(coefs * quant.reshape(8, 8)) if accurate else idct_ifast(coefs, quant)
        pixels = blocks.reshape(rows, cols, 8, 8).transpose(0, 2, 1, 3).reshape(rows * 8, cols * 8)
        planes.append((c, pixels[:c["bh"], :c["bw"]]))
    return planes


def jpeg_shape(data):
    """(height, width, components) from the frame header, without decoding."""
    if data[:2] != b"\xff\xd8":
        raise JpegError("not a JPEG")
    pos = 2
    while True:
        marker, body, pos = _next_segment(data, pos)
        if marker in (0xC0, 0xC1) or marker in _UNSUPPORTED_SOF:
            return struct.unpack(">HHB", body[1:6])
        if marker in (0xDA, 0xD9):
            raise JpegError("no frame header")


def decode_jpeg_bytes(data, channels=0, fancy_upsampling=True, dct_method=""):
    """JPEG bytes -> (height, width, channels) uint8 array (channels 0: as stored, 1 or 3).

    ``dct_method`` as TF: "" and "INTEGER_FAST" use the ifast IDCT, "INTEGER_ACCURATE" islow.
    """
    frame, qtables = _parse_and_decode(data)
    planes = _component_planes(frame, qtables, dct_method == "INTEGER_ACCURATE")
    if len(planes) == 1 or channels == 1:
        y = planes[0][1][:frame.height, :frame.width]   # gray output of a colour file: luma only
        return np.repeat(y[..., None], 3, axis=-1) if channels == 3 else y[..., None]
    full = []
    for c, plane in planes:
        fy, fx = frame.vmax // c["v"], frame.hmax // c["h"]
        if frame.vmax % c["v"] or frame.hmax % c["h"]:
            raise JpegUnsupported("fractional sampling factors")
        full.append(upsample(plane, fx, fy, fancy_upsampling)[:frame.height, :frame.width])
    return ycc_to_rgb(*full)
