"""tf.image.resize against TF's golden outputs (tools/golden_image.py) and TF's error texts."""
import os

import numpy as np
import pytest

import leantf as tf

GOLDEN = np.load(os.path.join(os.path.dirname(__file__), "..", "fixtures", "image", "resize.npz"))
CASES = [k for k in GOLDEN.files if k.startswith(("bilinear|", "nearest|"))]


@pytest.mark.parametrize("key", CASES)
def test_resize_matches_tf(key):
    method, size = key.split("|")
    h, w = map(int, size.split("x"))
    out = tf.image.resize(GOLDEN["images"], [h, w], method=method)
    assert out.dtype == tf.float32 and out.shape == GOLDEN[key].shape
    np.testing.assert_allclose(out.numpy(), GOLDEN[key], rtol=1e-6, atol=1e-6)
    single = tf.image.resize(GOLDEN["images"][1], [h, w], method=method)  # 3-D input gives 3-D output
    np.testing.assert_allclose(single.numpy(), GOLDEN[key][1], rtol=1e-6, atol=1e-6)


def test_uint8_bilinear_gives_float32_and_nearest_keeps_dtype():
    bilinear = tf.image.resize(GOLDEN["images_u8"], [4, 13])
    assert bilinear.dtype == tf.float32
    np.testing.assert_allclose(bilinear.numpy(), GOLDEN["bilinear_u8|4x13"], rtol=1e-6)
    nearest = tf.image.resize(GOLDEN["images_u8"], [4, 13], method=tf.image.ResizeMethod.NEAREST_NEIGHBOR)
    assert nearest.dtype == tf.uint8
    np.testing.assert_array_equal(nearest.numpy(), GOLDEN["nearest_u8|4x13"])
    as_double = tf.image.resize(GOLDEN["images"].astype(np.float64), [3, 4])
    assert as_double.dtype == tf.float32
    np.testing.assert_allclose(as_double.numpy(), GOLDEN["bilinear|3x4"], rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("size", [(4, 4), (10, 30)])
def test_preserve_aspect_ratio(size):
    out = tf.image.resize(GOLDEN["images"], size, preserve_aspect_ratio=True)
    key = f"aspect|{size[0]}x{size[1]}"
    assert out.shape == GOLDEN[key].shape
    np.testing.assert_allclose(out.numpy(), GOLDEN[key], rtol=1e-6, atol=1e-6)


def test_resize_errors():
    with pytest.raises(ValueError, match="^'images' must have either 3 or 4 dimensions.$"):
        tf.image.resize(np.zeros((4, 4), np.float32), [2, 2])
    with pytest.raises(ValueError, match="^Resize method is not implemented: foo$"):
        tf.image.resize(np.zeros((4, 4, 3), np.float32), [2, 2], method="foo")
    with pytest.raises(ValueError, match="must be a 1-D Tensor of 2 elements: new_height, new_width"):
        tf.image.resize(np.zeros((4, 4, 3), np.float32), [2, 2, 2])
    with pytest.raises(ValueError, match="^'size' must be a 1-D int32 Tensor$"):
        tf.image.resize(np.zeros((4, 4, 3), np.float32), [2.5, 2])
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"output dimensions must be positive \[Op:ResizeBilinear\]"):
        tf.image.resize(np.zeros((4, 4, 3), np.float32), [0, 2])


def test_bilinear_gradient_spreads_each_output_over_its_four_neighbours():
    x = tf.constant(np.arange(16, dtype=np.float32).reshape(1, 4, 4, 1))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.image.resize(x, [2, 2])
    g = tape.gradient(y, x).numpy()[0, :, :, 0]
    # 4 -> 2 samples at input 0.5 and 2.5: each output averages a 2x2 patch with weight 1/4.
    np.testing.assert_allclose(g, np.full((4, 4), 0.25))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.image.resize(x, [3, 3], method="nearest")
    assert tape.gradient(y, x).numpy().sum() == 9.0

