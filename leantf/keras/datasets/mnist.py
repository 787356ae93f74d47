"""MNIST digits: 60,000 training and 10,000 test images, 28x28 uint8."""
import numpy as np

from ..utils import file_utils
from ._common import ORIGIN_FOLDER

_OFFLINE_NOTE = ("Without the file, `leantf.sample_data.load_mnist_10k()` returns a 10,000-digit "
                 "sample of MNIST (8,000 train / 2,000 test) that ships with leantf; it is not the full "
                 "dataset.")


def load_data(path="mnist.npz"):
    """``(x_train, y_train), (x_test, y_test)``: uint8 arrays of shape (60000, 28, 28),
    (60000,), (10000, 28, 28), (10000,). ``path`` is the file name in the Keras cache."""
    path = file_utils.fetch(fname=path, origin=f"{ORIGIN_FOLDER}mnist.npz",
                            file_hash="731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1",
                            offline_note=_OFFLINE_NOTE)
    with np.load(path, allow_pickle=False) as f:
        return (f["x_train"], f["y_train"]), (f["x_test"], f["y_test"])
