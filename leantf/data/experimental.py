"""tf.data.experimental: the few names code written for TF 2.x still reaches for."""
import numpy as np

from ..framework.tensor import constant
from .dataset import AUTOTUNE, INFINITE_CARDINALITY, UNKNOWN_CARDINALITY, Dataset
from .options import AutoShardPolicy

__all__ = ["AUTOTUNE", "INFINITE_CARDINALITY", "UNKNOWN_CARDINALITY", "AutoShardPolicy", "cardinality"]


def cardinality(dataset):
    if not isinstance(dataset, Dataset):
        raise TypeError(f"`dataset` must be a `tf.data.Dataset` object. Got {type(dataset)}.")
    return constant(np.int64(dataset._cardinality()))
