"""convert_image_dtype, per_image_standardization, grayscale and brightness against TF's golden values."""
import os

import numpy as np
import pytest

import leantf as tf

GOLDEN = np.load(os.path.join(os.path.dirname(__file__), "..", "fixtures", "image", "color.npz"))
CONVERT = [k for k in GOLDEN.files if k.startswith("convert|")]


@pytest.mark.parametrize("key", CONVERT)
def test_convert_image_dtype_matches_tf(key):
    _, src, dtype, saturate = key.split("|")
    out = tf.image.convert_image_dtype(GOLDEN[src], getattr(tf, dtype), saturate=saturate == "True")
    assert out.dtype == getattr(tf, dtype)
    np.testing.assert_array_equal(out.numpy(), GOLDEN[key])


def test_convert_image_dtype_errors():
    with pytest.raises(AttributeError, match="^dtype must be either floating point or integer$"):
        tf.image.convert_image_dtype(tf.constant([1.0]), tf.bool)
    with pytest.raises(AttributeError, match="^image dtype must be either floating point or integer$"):
        tf.image.convert_image_dtype(tf.constant([True]), tf.float32)


@pytest.mark.parametrize("src,key", [("pixels", "standardized_u8"), ("images", None), ("flat", "standardized_flat")])
def test_per_image_standardization_matches_tf(src, key):
    if src == "images":
        images = np.load(os.path.join(os.path.dirname(__file__), "..", "fixtures", "image", "resize.npz"))["images"]
        expected = GOLDEN["standardized_batch"]
    elif src == "flat":
        images, expected = np.full((3, 3, 1), 7.0, np.float32), GOLDEN[key]
    else:
        images, expected = GOLDEN[src], GOLDEN[key]
    out = tf.image.per_image_standardization(images)
    assert out.dtype == tf.float32
    np.testing.assert_allclose(out.numpy(), expected, rtol=1e-5, atol=1e-6)


def test_grayscale_and_brightness_match_tf():
    pixels = GOLDEN["pixels"]
    gray = tf.image.rgb_to_grayscale(pixels)
    assert gray.dtype == tf.uint8 and gray.shape == (6, 5, 1)
    np.testing.assert_array_equal(gray.numpy(), GOLDEN["gray_u8"])
    images = np.load(os.path.join(os.path.dirname(__file__), "..", "fixtures", "image", "resize.npz"))["images"]
    np.testing.assert_allclose(tf.image.rgb_to_grayscale(images).numpy(), GOLDEN["gray_float"], rtol=1e-6)
    np.testing.assert_array_equal(tf.image.adjust_brightness(pixels, 0.3).numpy(), GOLDEN["brightness_u8"])
    np.testing.assert_allclose(tf.image.adjust_brightness(images, -0.25).numpy(), GOLDEN["brightness_float"])
    rgb = tf.image.grayscale_to_rgb(gray)
    assert rgb.shape == (6, 5, 3)
    np.testing.assert_array_equal(rgb.numpy(), np.repeat(GOLDEN["gray_u8"], 3, axis=-1))


def test_color_rank_errors():
    with pytest.raises(ValueError, match=r"^'image' \(shape \(4, 4\)\) must be at least three-dimensional.$"):
        tf.image.per_image_standardization(np.zeros((4, 4), np.float32))
    with pytest.raises(ValueError, match="^Last dimension of a grayscale image should be size 1.$"):
        tf.image.grayscale_to_rgb(np.zeros((4, 4, 3), np.float32))
    with pytest.raises(ValueError, match=r"^A grayscale image \(shape \(1,\)\) must be at least two-dimensional.$"):
        tf.image.grayscale_to_rgb(np.zeros((1,), np.float32))
