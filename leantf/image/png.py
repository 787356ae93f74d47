"""PNG reading and writing with zlib and NumPy (no libpng).

Decoding follows libpng's transformations as TensorFlow configures them, so that
pixel values agree with TF exactly: palettes expand to RGB (RGBA with a tRNS chunk),
low bit depths scale to 8 bits, RGB -> gray uses libpng's fixed-point weights
(9797, 19234, 3737) / 32768, 16 -> 8 bits keeps the high byte and 8 -> 16 multiplies by 257.
"""
import struct
import zlib

import numpy as np

__all__ = ["decode_png_bytes", "encode_png_bytes", "PNG_SIGNATURE", "PngError"]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# colour type -> samples per pixel (before palette expansion)
_SAMPLES = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
_ALLOWED_DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}
# Adam7 passes: (x start, y start, x step, y step)
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))


class PngError(ValueError):
    """``header=True``: the file could not even be opened (TF: 'Failed to initialize decoder')."""

    def __init__(self, detail, header=False):
        super().__init__(detail)
        self.header = header


def _chunks(data):
    pos = 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        crc = data[pos + 8 + length:pos + 12 + length]
        if len(body) < length or len(crc) < 4:
            raise PngError("truncated chunk", header=kind == b"IHDR")
        if struct.unpack(">I", crc)[0] != zlib.crc32(kind + body):
            raise PngError(f"CRC error in {kind!r}", header=kind == b"IHDR")
        yield kind, body
        if kind == b"IEND":
            return
        pos += 12 + length
    raise PngError("missing IEND")


def _paeth_row(raw, prior, bpp):
    # Each byte depends on the already reconstructed byte bpp to its left: a sequential
    # loop, done on Python ints (cheaper than NumPy scalars for this access pattern).
    out = bytearray(raw)
    for i in range(len(out)):
        a = out[i - bpp] if i >= bpp else 0
        b = prior[i]
        c = prior[i - bpp] if i >= bpp else 0
        p = a + b - c
        pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
        pred = a if (pa <= pb and pa <= pc) else (b if pb <= pc else c)
        out[i] = (out[i] + pred) & 0xFF
    return out


def _average_row(raw, prior, bpp):
    out = bytearray(raw)
    for i in range(len(out)):
        a = out[i - bpp] if i >= bpp else 0
        out[i] = (out[i] + ((a + prior[i]) >> 1)) & 0xFF
    return out


def _unfilter(data, height, row_bytes, bpp):
    """Undo the per-row filters; returns a (height, row_bytes) uint8 array."""
    stride = row_bytes + 1
    if len(data) < height * stride:
        raise PngError("not enough image data")
    rows = np.frombuffer(data, np.uint8, height * stride).reshape(height, stride)
    kinds, raw = rows[:, 0], rows[:, 1:]
    out = np.empty((height, row_bytes), np.uint8)
    prior = np.zeros(row_bytes, np.uint8)
    for y in range(height):
        kind, line = kinds[y], raw[y]
        if kind == 0:
            cur = line
        elif kind == 1:  # Sub: a running sum (mod 256) within each byte lane of a pixel
            pad = (-row_bytes) % bpp
            lanes = np.concatenate([line, np.zeros(pad, np.uint8)]).reshape(-1, bpp)
            cur = np.cumsum(lanes, axis=0, dtype=np.uint8).reshape(-1)[:row_bytes]
        elif kind == 2:  # Up
            cur = line + prior
        elif kind == 3:
            cur = np.frombuffer(_average_row(line.tobytes(), prior.tobytes(), bpp), np.uint8)
        elif kind == 4:
            cur = np.frombuffer(_paeth_row(line.tobytes(), prior.tobytes(), bpp), np.uint8)
        else:
            raise PngError(f"bad filter type {kind}")
        out[y] = cur
        prior = out[y]
    return out


def _samples(rows, width, depth, samples):
    """Filtered-free row bytes -> (height, width, samples) integer array of raw sample values."""
    height = rows.shape[0]
    if depth == 16:
        return rows.view(">u2").reshape(height, -1)[:, :width * samples].reshape(height, width, samples)
    if depth == 8:
        return rows[:, :width * samples].reshape(height, width, samples)
    per_byte = 8 // depth
    shifts = np.arange(8 - depth, -1, -depth, dtype=np.uint8)
    vals = (rows[:, :, None] >> shifts) & ((1 << depth) - 1)
    return vals.reshape(height, -1)[:, :width].reshape(height, width, 1)


def _decode_pixels(idat, width, height, depth, ctype, interlace):
    samples = _SAMPLES[ctype]
    bits = depth * samples
    bpp = max(1, bits // 8)
    try:
        data = zlib.decompress(idat)
    except zlib.error as e:
        raise PngError(str(e)) from None
    if not interlace:
        rows = _unfilter(data, height, (width * bits + 7) // 8, bpp)
        return _samples(rows, width, depth, samples)
    dtype = np.uint16 if depth == 16 else np.uint8
    image = np.zeros((height, width, samples), dtype)
    pos = 0
    for x0, y0, dx, dy in _ADAM7:
        w, h = (width - x0 + dx - 1) // dx, (height - y0 + dy - 1) // dy
        if w <= 0 or h <= 0:
            continue
        row_bytes = (w * bits + 7) // 8
        rows = _unfilter(data[pos:], h, row_bytes, bpp)
        pos += h * (row_bytes + 1)
        image[y0::dy, x0::dx] = _samples(rows, w, depth, samples)
    return image


def _parse(data):
    if len(data) < 8 or data[:8] != PNG_SIGNATURE:
        raise PngError("not a PNG", header=True)
    header, palette, trns, idat = None, None, None, []
    for kind, body in _chunks(data):
        if kind == b"IHDR":
            if len(body) != 13:
                raise PngError("bad IHDR", header=True)
            header = struct.unpack(">IIBBBBB", body)
        elif header is None:
            raise PngError("IHDR must come first", header=True)
        elif kind == b"PLTE":
            palette = np.frombuffer(body, np.uint8).reshape(-1, 3)
        elif kind == b"tRNS":
            trns = body
        elif kind == b"IDAT":
            idat.append(body)
    width, height, depth, ctype, _, _, interlace = header
    if ctype not in _SAMPLES or depth not in _ALLOWED_DEPTHS[ctype] or width == 0 or height == 0:
        raise PngError("bad IHDR values", header=True)
    if ctype == 3 and palette is None:
        raise PngError("missing PLTE")
    return width, height, depth, ctype, interlace, palette, trns, b"".join(idat)


def _expand(pixels, depth, ctype, palette, trns):
    """Raw samples -> gray / gray+alpha / RGB / RGBA at 8 or 16 bits, as libpng's expand does."""
    if ctype == 3:
        index = pixels[..., 0]
        if index.max(initial=0) >= len(palette):
            raise PngError("palette index out of range")
        rgb = palette[index]
        if trns is None:
            return rgb, 8
        alpha_table = np.full(256, 255, np.uint8)
        alpha_table[:len(trns)] = np.frombuffer(trns, np.uint8)[:256]
        return np.concatenate([rgb, alpha_table[index][..., None]], axis=-1), 8
    out_depth = 16 if depth == 16 else 8
    values = pixels
    if ctype == 0 and depth < 8:
        values = (pixels * (255 // ((1 << depth) - 1))).astype(np.uint8)
    if trns is not None and ctype in (0, 2):
        key = np.frombuffer(trns, ">u2")[:_SAMPLES[ctype]].astype(np.int64)
        opaque = np.any(pixels.astype(np.int64) != key, axis=-1, keepdims=True)
        alpha = np.where(opaque, (1 << out_depth) - 1, 0).astype(values.dtype)
        values = np.concatenate([values, alpha], axis=-1)
    return values, out_depth


def _to_channels(pixels, channels, depth, file_depth):
    have = pixels.shape[-1]
    if channels == 0 or channels == have:
        return pixels
    color = pixels[..., :3] if have >= 3 else pixels[..., :1]
    if channels == 1:
        if have < 3:
            return color
        # libpng's png_do_rgb_to_gray with TF's weights 0.299/0.587 as 15-bit fixed point;
        # 16-bit data is rounded, 8-bit data truncated, as libpng does.
        r, g, b = (color[..., i].astype(np.int64) for i in range(3))
        total = 9797 * r + 19234 * g + 3737 * b + (16384 if depth == 16 else 0)
        return (total >> 15).astype(pixels.dtype)[..., None]
    if color.shape[-1] == 1:
        color = np.repeat(color, 3, axis=-1)
    if channels == 3:
        return color
    # TF asks libpng for an alpha filler of (1 << file bit depth) - 1, so a 4-bit palette or
    # gray file gets alpha 15, not 255: kept for parity.
    alpha = pixels[..., -1:] if have in (2, 4) else np.full(color.shape[:-1] + (1,), (1 << file_depth) - 1,
                                                             pixels.dtype)
    return np.concatenate([color, alpha], axis=-1)


def decode_png_bytes(data, channels=0, dtype=np.uint8):
    """PNG file bytes -> (height, width, channels) array of ``dtype`` (uint8 or uint16)."""
    width, height, depth, ctype, interlace, palette, trns, idat = _parse(data)
    pixels = _decode_pixels(idat, width, height, depth, ctype, interlace)
    pixels, out_depth = _expand(pixels, depth, ctype, palette, trns)
    pixels = _to_channels(np.ascontiguousarray(pixels), channels, out_depth, depth)
    depth = out_depth
    if depth == 16 and dtype == np.uint8:
        return (pixels >> 8).astype(np.uint8)
    if depth == 8 and dtype == np.uint16:
        return pixels.astype(np.uint16) * np.uint16(257)
    return pixels.astype(dtype, copy=False)


def _chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


_COLOR_TYPE = {1: 0, 2: 4, 3: 2, 4: 6}


def encode_png_bytes(image, compression=-1):
    """(height, width, channels) uint8/uint16 array -> PNG bytes (non-interlaced)."""
    height, width, channels = image.shape
    depth = 16 if image.dtype == np.uint16 else 8
    samples = image.astype(">u2") if depth == 16 else image
    rows = np.ascontiguousarray(samples).reshape(height, -1).view(np.uint8)
    # Filter "Up" on every row: vectorised and usually better compressed than no filter.
    up = rows.copy()
    up[1:] -= rows[:-1]
    body = np.concatenate([np.full((height, 1), 2, np.uint8), up], axis=1).tobytes()
    level = 6 if compression is None or compression < 0 else min(int(compression), 9)
    ihdr = struct.pack(">IIBBBBB", width, height, depth, _COLOR_TYPE[channels], 0, 0, 0)
    return (PNG_SIGNATURE + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", zlib.compress(body, level))
            + _chunk(b"IEND", b""))
