"""CIFAR-10: 50,000 training and 10,000 test 32x32 colour images in 10 classes.

Classes: 0 airplane, 1 automobile, 2 bird, 3 cat, 4 deer, 5 dog, 6 frog, 7 horse, 8 ship,
9 truck.
"""
import os

import numpy as np

from ..utils import file_utils
from .cifar import as_column, load_batch, to_image_format


def load_data():
    """``(x_train, y_train), (x_test, y_test)``: uint8 arrays (50000, 32, 32, 3), (50000, 1),
    (10000, 32, 32, 3), (10000, 1) (channels first when the image format says so)."""
    path = file_utils.fetch(fname="cifar-10-batches-py-target",
                            origin="https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz", extract=True,
                            file_hash="6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce")
    # The archive holds one top-level folder inside the extraction folder.
    folder = os.path.join(path, "cifar-10-batches-py")
    # Keras fills fixed 50,000-row buffers; concatenating gives the same arrays and also
    # reads smaller batches.
    parts = [load_batch(os.path.join(folder, f"data_batch_{i}")) for i in range(1, 6)]
    x_train = np.concatenate([data for data, _ in parts]).astype("uint8", copy=False)
    y_train = np.concatenate([np.asarray(labels, dtype="uint8") for _, labels in parts])
    x_test, y_test = load_batch(os.path.join(folder, "test_batch"))
    y_train, y_test = as_column(y_train), as_column(y_test)
    x_train, x_test = to_image_format(x_train), to_image_format(x_test)
    # Keras fills uint8 training buffers and casts the test part to match.
    return (x_train, y_train), (x_test.astype(x_train.dtype), y_test.astype(y_train.dtype))
