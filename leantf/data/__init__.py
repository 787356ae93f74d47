"""tf.data: input pipelines (``tf.data.Dataset`` and its transformations) on NumPy."""
from . import experimental
from .dataset import AUTOTUNE, INFINITE_CARDINALITY, UNKNOWN_CARDINALITY, Dataset, NumpyIterator, OwnedIterator
from .options import Options, ThreadingOptions
from .readers import TextLineDataset, TFRecordDataset

Iterator = OwnedIterator
DatasetV2 = Dataset

__all__ = ["Dataset", "DatasetV2", "Iterator", "AUTOTUNE", "INFINITE_CARDINALITY", "UNKNOWN_CARDINALITY",
           "Options", "ThreadingOptions", "TextLineDataset", "TFRecordDataset", "experimental", "NumpyIterator"]
