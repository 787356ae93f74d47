"""Golden values for tf.image from real TensorFlow 2.21 (run with /work/tfenv/bin/python).

Writes tests/fixtures/image/:
  *.png, *.jpg           small synthetic images (gradients, noise, text-like edges), encoded by
                         TF's encoders, by Pillow (4:2:2, restart markers, progressive JPEG) or by
                         the hand-written PNG writer below (each filter type forced, palettes,
                         1/2/4-bit gray, Adam7 interlacing)
  decoded.npz            TF's decode of each file for each channels/dtype combination
  resize.npz, color.npz  inputs and TF's outputs of resize / convert_image_dtype /
                         per_image_standardization / rgb_to_grayscale / adjust_brightness

Rerun after changing a case; the tests read only the committed files.
"""
import io
import os
import struct
import zlib

import numpy as np
import tensorflow as tf
from PIL import Image

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "image")
rng = np.random.default_rng(2021)


def synthetic(h, w, channels, depth=8):
    """Gradient + noise patch + text-like strokes, so every filter and DCT path has work."""
    top = (1 << depth) - 1
    yy, xx = np.mgrid[0:h, 0:w]
    planes = [(xx * top // max(w - 1, 1)), (yy * top // max(h - 1, 1)), ((xx + yy) * top // (h + w))]
    img = np.stack(planes * 2, -1)[..., :channels].astype(np.int64)
    img[h // 4:h // 2, w // 4:3 * w // 4] = rng.integers(0, top + 1, (h // 2 - h // 4, 3 * w // 4 - w // 4, channels))
    for x0 in range(2, w - 4, 6):        # "letters": vertical strokes and a bar across
        img[3 * h // 4 - 4:3 * h // 4 + 3, x0] = top
        img[3 * h // 4 - 4, x0:x0 + 3] = 0
    return img.astype(np.uint16 if depth == 16 else np.uint8)


# --- a hand-written PNG writer: explicit filter per row, palettes, low bit depths, Adam7 ---
def _chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _filter_rows(rows, bpp, kinds):
    out, prior = [], bytes(len(rows[0]))
    for row, kind in zip(rows, kinds):
        f = bytearray()
        for i, v in enumerate(row):
            a = row[i - bpp] if i >= bpp else 0
            b = prior[i]
            c = prior[i - bpp] if i >= bpp else 0
            if kind == 0:
                pred = 0
            elif kind == 1:
                pred = a
            elif kind == 2:
                pred = b
            elif kind == 3:
                pred = (a + b) // 2
            else:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            f.append((v - pred) & 0xFF)
        out.append(bytes([kind]) + bytes(f))
        prior = row
    return b"".join(out)


def _pack(samples, depth):
    """(h, w, s) sample values -> list of row byte strings."""
    h = samples.shape[0]
    if depth == 16:
        return [samples[y].astype(">u2").tobytes() for y in range(h)]
    if depth == 8:
        return [samples[y].astype(np.uint8).tobytes() for y in range(h)]
    rows = []
    for y in range(h):
        bits = "".join(format(int(v), f"0{depth}b") for v in samples[y].reshape(-1))
        bits += "0" * (-len(bits) % 8)
        rows.append(bytes(int(bits[i:i + 8], 2) for i in range(0, len(bits), 8)))
    return rows


def write_png(samples, depth, ctype, filters, palette=None, trns=None, interlace=False):
    h, w, s = samples.shape
    bpp = max(1, depth * s // 8)
    if not interlace:
        data = _filter_rows(_pack(samples, depth), bpp, [filters[y % len(filters)] for y in range(h)])
    else:
        data = b""
        for x0, y0, dx, dy in ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2),
                               (0, 1, 1, 2)):
            sub = samples[y0::dy, x0::dx]
            if sub.size:
                data += _filter_rows(_pack(sub, depth), bpp, [filters[y % len(filters)] for y in range(sub.shape[0])])
    png = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0, int(interlace)))
    if palette is not None:
        png += _chunk(b"PLTE", palette.astype(np.uint8).tobytes())
    if trns is not None:
        png += _chunk(b"tRNS", trns)
    return png + _chunk(b"IDAT", zlib.compress(data)) + _chunk(b"IEND", b"")


def pil_jpeg(img, **kw):
    buf = io.BytesIO()
    Image.fromarray(img.squeeze(-1) if img.shape[-1] == 1 else img).save(buf, "JPEG", **kw)
    return buf.getvalue()


def png_files():
    files = {}
    for name, ch, depth in [("gray8", 1, 8), ("gray16", 1, 16), ("ga8", 2, 8), ("rgb8", 3, 8), ("rgba8", 4, 8),
                            ("rgb16", 3, 16), ("rgba16", 4, 16)]:
        files[f"tf_{name}.png"] = tf.image.encode_png(synthetic(13, 17, ch, depth)).numpy()
    rgb, gray16 = synthetic(11, 10, 3), synthetic(9, 7, 1, 16)
    for kind in range(5):
        files[f"filter{kind}_rgb8.png"] = write_png(rgb, 8, 2, [kind])
        files[f"filter{kind}_gray16.png"] = write_png(gray16, 16, 0, [kind])
    files["mixed_filters_rgba8.png"] = write_png(synthetic(12, 9, 4), 8, 6, [0, 1, 2, 3, 4])
    palette = rng.integers(0, 256, (16, 3))
    index = rng.integers(0, 16, (10, 13, 1))
    files["palette4.png"] = write_png(index, 4, 3, [4, 1], palette=palette)
    files["palette8_trns.png"] = write_png(index, 8, 3, [2, 3], palette=palette, trns=bytes(range(0, 160, 20)))
    for depth in (1, 2, 4):
        files[f"gray{depth}bit.png"] = write_png(rng.integers(0, 1 << depth, (9, 11, 1)), depth, 0, [0, 4])
    files["interlaced_rgb8.png"] = write_png(synthetic(19, 21, 3), 8, 2, [1, 4, 3], interlace=True)
    return files


def jpeg_files():
    img = synthetic(37, 45, 3)
    return {
        "tf_420.jpg": tf.image.encode_jpeg(img).numpy(),
        "tf_444.jpg": tf.image.encode_jpeg(img, chroma_downsampling=False).numpy(),
        "tf_gray.jpg": tf.image.encode_jpeg(img[..., :1], format="grayscale").numpy(),
        "tf_q30.jpg": tf.image.encode_jpeg(synthetic(24, 40, 3), quality=30).numpy(),
        "pil_422.jpg": pil_jpeg(img, subsampling=1, quality=90),
        "pil_restart.jpg": pil_jpeg(img, subsampling=2, restart_marker_blocks=3),
        "pil_progressive.jpg": pil_jpeg(img, progressive=True),
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    decoded = {}
    for name, data in {**png_files(), **jpeg_files()}.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
        if name.endswith(".png"):
            for ch in (0, 1, 3, 4):
                for dt in (tf.uint8, tf.uint16):
                    decoded[f"{name}|{ch}|{dt.name}"] = tf.image.decode_png(data, channels=ch, dtype=dt).numpy()
        elif "progressive" not in name:
            for ch in (0, 1, 3):
                decoded[f"{name}|{ch}|uint8"] = tf.image.decode_jpeg(data, channels=ch).numpy()
            decoded[f"{name}|accurate"] = tf.image.decode_jpeg(data, dct_method="INTEGER_ACCURATE").numpy()
            decoded[f"{name}|nofancy"] = tf.image.decode_jpeg(data, fancy_upscaling=False).numpy()
        else:
            decoded[f"{name}|tf"] = tf.image.decode_jpeg(data).numpy()  # TF decodes it; leantf refuses
    np.savez_compressed(os.path.join(OUT, "decoded.npz"), **decoded)

    images = rng.uniform(-1, 2, (2, 5, 7, 3)).astype(np.float32)
    resized = {"images": images, "images_u8": synthetic(6, 9, 3)}
    for size in [(3, 4), (10, 14), (5, 7), (1, 1), (8, 3), (2, 13)]:
        for method in ("bilinear", "nearest"):
            resized[f"{method}|{size[0]}x{size[1]}"] = tf.image.resize(images, size, method=method).numpy()
    resized["bilinear_u8|4x13"] = tf.image.resize(resized["images_u8"], (4, 13)).numpy()
    resized["nearest_u8|4x13"] = tf.image.resize(resized["images_u8"], (4, 13), method="nearest").numpy()
    resized["aspect|4x4"] = tf.image.resize(images, (4, 4), preserve_aspect_ratio=True).numpy()
    resized["aspect|10x30"] = tf.image.resize(images, (10, 30), preserve_aspect_ratio=True).numpy()
    np.savez_compressed(os.path.join(OUT, "resize.npz"), **resized)

    floats = np.array([-0.5, 0.0, 0.1, 0.5, 0.999, 1.0, 1.2, 2.5], np.float32)
    ints8 = np.array([0, 1, 127, 128, 200, 255], np.uint8)
    int32s = np.array([0, 1, 2 ** 20, 2 ** 31 - 1], np.int32)
    color = {"floats": floats, "ints8": ints8, "int32s": int32s}
    for src_name, src in (("floats", floats), ("ints8", ints8), ("int32s", int32s)):
        for dt in (tf.uint8, tf.int16, tf.int32, tf.uint16, tf.float32, tf.float64):
            for sat in (False, True):
                out = tf.image.convert_image_dtype(src, dt, saturate=sat).numpy()
                color[f"convert|{src_name}|{dt.name}|{sat}"] = out
    pixels = synthetic(6, 5, 3)
    color["pixels"] = pixels
    color["standardized_u8"] = tf.image.per_image_standardization(pixels).numpy()
    color["standardized_batch"] = tf.image.per_image_standardization(images).numpy()
    color["standardized_flat"] = tf.image.per_image_standardization(np.full((3, 3, 1), 7.0, np.float32)).numpy()
    color["gray_u8"] = tf.image.rgb_to_grayscale(pixels).numpy()
    color["gray_float"] = tf.image.rgb_to_grayscale(images).numpy()
    color["brightness_u8"] = tf.image.adjust_brightness(pixels, 0.3).numpy()
    color["brightness_float"] = tf.image.adjust_brightness(images, -0.25).numpy()
    np.savez_compressed(os.path.join(OUT, "color.npz"), **color)


if __name__ == "__main__":
    main()
