"""Boston housing prices: 506 samples of 13 features, target in thousands of dollars."""
import numpy as np

from ..utils import file_utils
from ._common import ORIGIN_FOLDER, check_test_split, shuffle_and_split


def load_data(path="boston_housing.npz", test_split=0.2, seed=113):
    """``(x_train, y_train), (x_test, y_test)`` after a seeded shuffle: 404 / 102 rows with
    the defaults; x is float64 (n, 13), y float64 (n,)."""
    check_test_split(test_split)
    path = file_utils.fetch(path, origin=f"{ORIGIN_FOLDER}boston_housing.npz",
                            file_hash="f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5")
    with np.load(path, allow_pickle=False) as f:
        x, y = f["x"], f["y"]
    return shuffle_and_split(x, y, test_split, seed)
