"""CIFAR-100: 50,000 training and 10,000 test 32x32 colour images in 100 fine classes
grouped into 20 coarse ones."""
import os

from ..utils import file_utils
from .cifar import as_column, load_batch, to_image_format


def load_data(label_mode="fine"):
    """``(x_train, y_train), (x_test, y_test)``: uint8 images (50000, 32, 32, 3) and
    (10000, 32, 32, 3), labels (n, 1) with ``label_mode`` "fine" (0-99) or "coarse" (0-19)."""
    if label_mode not in ["fine", "coarse"]:
        raise ValueError(f'`label_mode` must be one of `"fine"`, `"coarse"`. Received: label_mode={label_mode}.')
    path = file_utils.fetch(fname="cifar-100-python-target",
                            origin="https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz", extract=True,
                            file_hash="85cd44d02ba6437773c5bbd22e183051d648de2e7d6b014e1ef29b855ba677a7")
    # The archive holds one top-level folder inside the extraction folder.
    folder = os.path.join(path, "cifar-100-python")
    x_train, y_train = load_batch(os.path.join(folder, "train"), label_key=f"{label_mode}_labels")
    x_test, y_test = load_batch(os.path.join(folder, "test"), label_key=f"{label_mode}_labels")
    y_train, y_test = as_column(y_train), as_column(y_test)
    return (to_image_format(x_train), y_train), (to_image_format(x_test), y_test)
