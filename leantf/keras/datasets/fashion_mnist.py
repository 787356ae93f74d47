"""Fashion-MNIST: 60,000 training and 10,000 test images of clothing, 28x28 uint8.

Keras pins no hash for these four files, so neither does leantf (a cache made by Keras
is accepted as it is); the files are only parsed as raw bytes, never executed.
"""
import gzip
import os

import numpy as np

from ..utils import file_utils
from ._common import ORIGIN_FOLDER

_FILES = ("train-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
          "t10k-images-idx3-ubyte.gz")


def _read_idx(path, header_bytes):
    # IDX files: a big-endian header (magic, counts, sizes) then raw uint8 values.
    with gzip.open(path, "rb") as f:
        return np.frombuffer(f.read(), np.uint8, offset=header_bytes)


def load_data():
    """``(x_train, y_train), (x_test, y_test)``: uint8 arrays of shape (60000, 28, 28),
    (60000,), (10000, 28, 28), (10000,). Labels: 0 T-shirt/top, 1 Trouser, 2 Pullover,
    3 Dress, 4 Coat, 5 Sandal, 6 Shirt, 7 Sneaker, 8 Bag, 9 Ankle boot."""
    subdir = os.path.join("datasets", "fashion-mnist")
    paths = [file_utils.fetch(name, origin=ORIGIN_FOLDER + name, cache_subdir=subdir) for name in _FILES]
    y_train = _read_idx(paths[0], 8)
    x_train = _read_idx(paths[1], 16).reshape(len(y_train), 28, 28)
    y_test = _read_idx(paths[2], 8)
    x_test = _read_idx(paths[3], 16).reshape(len(y_test), 28, 28)
    return (x_train, y_train), (x_test, y_test)
