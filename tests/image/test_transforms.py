"""Flips, rot90, crops and pads: values against NumPy, TF's error texts, and gradients through them."""
import numpy as np
import pytest

import leantf as tf

IMG = np.arange(4 * 5 * 2, dtype=np.float32).reshape(4, 5, 2)
BATCH = np.stack([IMG, IMG + 100])


def test_flips_and_rot90_on_images_and_batches():
    np.testing.assert_array_equal(tf.image.flip_left_right(IMG).numpy(), IMG[:, ::-1])
    np.testing.assert_array_equal(tf.image.flip_up_down(BATCH).numpy(), BATCH[:, ::-1])
    for k in range(-1, 6):
        np.testing.assert_array_equal(tf.image.rot90(IMG, k).numpy(), np.rot90(IMG, k, axes=(0, 1)))
        np.testing.assert_array_equal(tf.image.rot90(BATCH, k).numpy(), np.rot90(BATCH, k, axes=(1, 2)))


def test_crop_pad_central_crop_and_resize_with_crop_or_pad():
    np.testing.assert_array_equal(tf.image.crop_to_bounding_box(IMG, 1, 2, 2, 3).numpy(), IMG[1:3, 2:5])
    padded = tf.image.pad_to_bounding_box(BATCH, 1, 2, 7, 8).numpy()
    assert padded.shape == (2, 7, 8, 2)
    np.testing.assert_array_equal(padded[:, 1:5, 2:7], BATCH)
    assert padded.sum() == BATCH.sum()
    big = np.arange(10 * 10, dtype=np.float32).reshape(10, 10, 1)
    np.testing.assert_array_equal(tf.image.central_crop(big, 0.5).numpy(), big[2:8, 2:8])
    np.testing.assert_array_equal(tf.image.resize_with_crop_or_pad(big, 4, 14).numpy()[:, 2:12], big[3:7])


def test_bad_ranks_and_boxes_raise_tfs_value_errors():
    flat = np.zeros((4, 4), np.float32)
    with pytest.raises(ValueError, match=r"^'image' \(shape \(4, 4\)\) must be at least three-dimensional.$"):
        tf.image.flip_left_right(flat)
    with pytest.raises(ValueError, match=r"^'image' \(shape \(1, 2, 3, 4, 5\)\)must have either 3 or 4 dimensions.$"):
        tf.image.flip_up_down(np.zeros((1, 2, 3, 4, 5), np.float32))
    with pytest.raises(ValueError, match=r"^'image' \(shape \(4, 4\)\) must have either 3 or 4 dimensions.$"):
        tf.image.crop_to_bounding_box(flat, 1, 1, 1, 1)
    with pytest.raises(ValueError, match=r"^height must be >= target \+ offset.$"):
        tf.image.crop_to_bounding_box(IMG, 1, 1, 5, 1)
    with pytest.raises(ValueError, match="^offset_width must be >= 0.$"):
        tf.image.crop_to_bounding_box(IMG, -1, -1, 0, 0)
    with pytest.raises(ValueError, match="^width must be <= target - offset$"):
        tf.image.pad_to_bounding_box(IMG, 0, 0, 8, 1)
    with pytest.raises(ValueError, match=r"^central_fraction must be within \(0, 1\]$"):
        tf.image.central_crop(IMG, 0)
    with pytest.raises(ValueError, match="^Shape \\(1,\\) must have rank 0$"):
        tf.image.rot90(IMG, k=tf.constant([1]))


def test_random_flips_are_flips_and_seeded():
    tf.random.set_seed(5)
    a = [tf.image.random_flip_left_right(IMG, seed=3).numpy() for _ in range(8)]
    tf.random.set_seed(5)
    b = [tf.image.random_flip_left_right(IMG, seed=3).numpy() for _ in range(8)]
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)
        assert np.array_equal(x, IMG) or np.array_equal(x, IMG[:, ::-1])
    batch = tf.image.random_flip_up_down(np.stack([IMG] * 16), seed=1).numpy()
    flipped = [np.array_equal(im, IMG[::-1]) for im in batch]
    assert all(f or np.array_equal(im, IMG) for f, im in zip(flipped, batch))
    assert 0 < sum(flipped) < 16


def test_geometric_ops_are_differentiable():
    x = tf.constant(IMG)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.image.rot90(tf.image.flip_left_right(tf.image.crop_to_bounding_box(x, 1, 1, 2, 3)))
        loss = tf.reduce_sum(tf.image.pad_to_bounding_box(y, 1, 1, 6, 6) * 2.0)
    g = tape.gradient(loss, x).numpy()
    expected = np.zeros_like(IMG)
    expected[1:3, 1:4] = 2.0
    np.testing.assert_array_equal(g, expected)
