"""PNG/JPEG decoding against TF's own decode of the committed fixture files (tools/golden_image.py)."""
import os

import numpy as np
import pytest

import leantf as tf

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "fixtures", "image")
GOLDEN = np.load(os.path.join(FIXTURES, "decoded.npz"))


def _read(name):
    with open(os.path.join(FIXTURES, name), "rb") as f:
        return f.read()


PNG_KEYS = [k for k in GOLDEN.files if k.split("|")[0].endswith(".png")]
JPEG_KEYS = [k for k in GOLDEN.files if k.split("|")[0].endswith(".jpg") and "progressive" not in k]


@pytest.mark.parametrize("key", PNG_KEYS)
def test_decode_png_matches_tf_exactly(key):
    name, channels, dtype = key.split("|")
    out = tf.image.decode_png(_read(name), channels=int(channels), dtype=getattr(tf, dtype))
    assert out.dtype == getattr(tf, dtype)
    np.testing.assert_array_equal(out.numpy(), GOLDEN[key])


@pytest.mark.parametrize("key", JPEG_KEYS)
def test_decode_jpeg_matches_tf_exactly(key):
    name, mode = key.split("|")[:2]
    data = _read(name)
    if mode == "accurate":
        out = tf.image.decode_jpeg(data, dct_method="INTEGER_ACCURATE")
    elif mode == "nofancy":
        out = tf.image.decode_jpeg(data, fancy_upscaling=False)
    else:
        out = tf.io.decode_jpeg(data, channels=int(mode)) if hasattr(tf.io, "decode_jpeg") else \
            tf.image.decode_jpeg(data, channels=int(mode))
    assert out.dtype == tf.uint8
    np.testing.assert_array_equal(out.numpy(), GOLDEN[key])


def test_decode_image_and_cross_format_decoding():
    png, jpg = _read("tf_rgb8.png"), _read("tf_444.jpg")
    np.testing.assert_array_equal(tf.image.decode_image(png).numpy(), GOLDEN["tf_rgb8.png|0|uint8"])
    np.testing.assert_array_equal(tf.image.decode_png(jpg).numpy(), GOLDEN["tf_444.jpg|0|uint8"])
    as_float = tf.image.decode_image(png, dtype=tf.float32)
    assert as_float.dtype == tf.float32
    np.testing.assert_allclose(as_float.numpy(), GOLDEN["tf_rgb8.png|0|uint8"] / 255.0, rtol=1e-6)
    assert bool(tf.image.is_jpeg(jpg)) and not bool(tf.image.is_jpeg(png))
    assert tf.image.extract_jpeg_shape(jpg).numpy().tolist() == [37, 45, 3]


def test_decode_and_crop_jpeg_is_a_window_of_the_full_decode():
    data = _read("tf_420.jpg")
    out = tf.image.decode_and_crop_jpeg(data, [3, 5, 10, 20])
    np.testing.assert_array_equal(out.numpy(), GOLDEN["tf_420.jpg|0|uint8"][3:13, 5:25])


@pytest.mark.parametrize("shape,dtype", [((5, 7, 1), np.uint8), ((4, 3, 2), np.uint8), ((6, 6, 3), np.uint8),
                                         ((3, 9, 4), np.uint8), ((5, 4, 3), np.uint16), ((2, 2, 1), np.uint16)])
def test_encode_png_round_trips(shape, dtype):
    top = np.iinfo(dtype).max
    image = np.random.default_rng(1).integers(0, top + 1, shape).astype(dtype)
    data = tf.image.encode_png(image)
    assert data.dtype == tf.string and data.shape == ()
    assert data.numpy()[:8] == b"\x89PNG\r\n\x1a\n"
    back = tf.image.decode_png(data, dtype=tf.as_dtype(dtype))
    np.testing.assert_array_equal(back.numpy(), image)


def _error(fn):
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        fn()
    return str(info.value)


DEVICE = "{{function_node __wrapped__%s_device_/job:localhost/replica:0/task:0/device:CPU:0}} "


def test_decode_errors_have_tfs_texts():
    assert _error(lambda: tf.image.decode_png(b"garbage")) == (
        DEVICE % "DecodePng" + "Unknown image file format. One of JPEG, JPEG XL, PNG, GIF, BMP, WebP required. "
        "[Op:DecodePng]")
    assert _error(lambda: tf.image.decode_jpeg(b"")) == DEVICE % "DecodeJpeg" + "Input is empty. [Op:DecodeJpeg]"
    png = _read("tf_rgb8.png")
    assert _error(lambda: tf.image.decode_png(png, channels=2)) == (
        DEVICE % "DecodePng" + "`channels` must be 0, 1, 3 or 4 but got 2 [Op:DecodePng] name: ")
    assert _error(lambda: tf.image.decode_png(png[:-30])) == (
        DEVICE % "DecodePng" + f"Invalid PNG data, size {len(png) - 30} [Op:DecodePng]")
    assert _error(lambda: tf.image.decode_png(png[:20])).endswith("Invalid PNG. Failed to initialize decoder. [Op:DecodePng]")
    assert _error(lambda: tf.image.decode_png([png])).endswith("`contents` must be scalar but got shape[1] [Op:DecodePng] name: ")
    jpg = _read("tf_420.jpg")
    assert _error(lambda: tf.image.decode_jpeg(jpg, channels=4)).endswith("JPEG does not support 4 channels [Op:DecodeJpeg]")
    assert _error(lambda: tf.image.decode_jpeg(jpg[:300])).endswith(
        "jpeg::Uncompress failed. Invalid JPEG data or crop window. [Op:DecodeJpeg]")
    assert "Value for attr 'dtype' of float is not in the list of allowed values: uint8, uint16" in \
        _error(lambda: tf.image.decode_png(png, dtype=tf.float32))


def test_progressive_jpeg_is_reported_unsupported():
    text = _error(lambda: tf.image.decode_jpeg(_read("pil_progressive.jpg")))
    assert "progressive" in text and "unsupported" in text and text.endswith("[Op:DecodeJpeg]")


def test_encode_png_errors():
    assert "Value for attr 'T' of float is not in the list of allowed values: uint8, uint16" in \
        _error(lambda: tf.image.encode_png(np.zeros((2, 2, 3), np.float32)))
    assert _error(lambda: tf.image.encode_png(np.zeros((2, 2), np.uint8))).endswith(
        "images must be at least rank 3[2,2] [Op:EncodePng] name: ")
    assert _error(lambda: tf.image.encode_png(np.zeros((2, 2, 5), np.uint8))).endswith(
        "image must have 1, 2, 3, or 4 channels, got 5 [Op:EncodePng] name: ")
