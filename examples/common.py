"""Helpers shared by the examples: the quick switch and the MNIST digits.

Set ``LEANTF_EXAMPLE_QUICK=1`` to run any example in a shortened form (a few steps on a little
data). The tests in tests/examples/ do that, so every example runs in CI in seconds; the
printed figures of a quick run only show that the program works, not how well it learns.
"""
import os

import numpy as np

QUICK = os.environ.get("LEANTF_EXAMPLE_QUICK", "") not in ("", "0")


def pick(full, quick):
    """``full`` normally, ``quick`` under LEANTF_EXAMPLE_QUICK=1."""
    return quick if QUICK else full


def load_mnist():
    """``(x_train, y_train), (x_test, y_test)`` as uint8 arrays, like ``mnist.load_data()``.

    Under leantf these are the 10,000 digits embedded in the package (8,000 to train, 2,000 to
    test: a sample, not the full MNIST), so the examples run offline. Under real TensorFlow the
    full MNIST is downloaded instead. Quick runs keep the first 1,000 / 500 digits.
    """
    try:
        from leantf.sample_data import load_mnist_10k
    except ImportError:  # running on TensorFlow itself
        import tensorflow as tf
        (x_train, y_train), (x_test, y_test) = tf.keras.datasets.mnist.load_data()
    else:
        (x_train, y_train), (x_test, y_test) = load_mnist_10k()
    if QUICK:
        x_train, y_train, x_test, y_test = x_train[:1000], y_train[:1000], x_test[:500], y_test[:500]
    return (x_train, y_train), (x_test, y_test)


class MNISTLoader:
    """The notes' data loader: images scaled to [0, 1] with a channel axis, int32 labels,
    and random batches for hand-written training loops."""

    def __init__(self):
        (train_data, train_label), (test_data, test_label) = load_mnist()
        self.train_data = np.expand_dims(train_data.astype(np.float32) / 255.0, axis=-1)  # [n, 28, 28, 1]
        self.test_data = np.expand_dims(test_data.astype(np.float32) / 255.0, axis=-1)
        self.train_label = train_label.astype(np.int32)
        self.test_label = test_label.astype(np.int32)
        self.num_train_data, self.num_test_data = len(self.train_data), len(self.test_data)

    def get_batch(self, batch_size):
        index = np.random.randint(0, self.num_train_data, batch_size)
        return self.train_data[index, :], self.train_label[index]
