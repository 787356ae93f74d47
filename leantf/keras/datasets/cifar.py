"""Reading a CIFAR python batch: a Python 2 pickle of a dict of a uint8 array and labels."""
import numpy as np

from . import _restricted_pickle


def load_batch(fpath, label_key="labels"):
    """``(data, labels)`` of one batch file: data (n, 3, 32, 32) uint8, labels a list of ints."""
    with open(fpath, "rb") as f:
        # encoding="bytes" as Keras: the Python 2 strings (keys, file names) stay bytes.
        batch = _restricted_pickle.loads(f.read(), encoding="bytes")
    if not isinstance(batch, dict):
        raise _restricted_pickle.UnpicklingError(f"{fpath} does not hold a CIFAR batch dict.")
    batch = {(k.decode("utf8") if isinstance(k, bytes) else k): v for k, v in batch.items()}
    data = batch["data"]
    labels = batch[label_key]
    return data.reshape(data.shape[0], 3, 32, 32), labels


def to_image_format(x):
    """NCHW batches as the configured image format: NHWC for "channels_last"."""
    from .. import config
    return x.transpose(0, 2, 3, 1) if config.image_data_format() == "channels_last" else x


def as_column(labels):
    labels = np.asarray(labels) if not isinstance(labels, np.ndarray) else labels
    return np.reshape(labels, (len(labels), 1))
