"""California housing prices: 20,640 block groups of 8 features, target the median value."""
import numpy as np

from ..utils import file_utils
from ._common import ORIGIN_FOLDER, check_test_split, shuffle_and_split


def load_data(version="large", path="california_housing.npz", test_split=0.2, seed=113):
    """``(x_train, y_train), (x_test, y_test)`` after a seeded shuffle: 16512 / 4128 rows for
    ``version="large"``; ``"small"`` keeps the file's first 600 rows (480 / 120)."""
    check_test_split(test_split)
    path = file_utils.fetch(path, origin=f"{ORIGIN_FOLDER}california_housing.npz",
                            file_hash="1a2e3a52e0398de6463aebe6f4a8da34fb21fbb6b934cf88c3425e766f2a1a6f")
    with np.load(path, allow_pickle=False) as f:
        x, y = f["x"], f["y"]
    if version == "small":
        # The subset is taken before shuffling, as Keras does.
        x, y = x[:600], y[:600]
    elif version != "large":
        raise ValueError(f"Argument `version` must be one of 'small', 'large'. Received: version={version}")
    return shuffle_and_split(x, y, test_split, seed)
