"""tf.data.Dataset: the base class, its iterator, and the methods users call.

Each transformation is a small subclass (sources.py, transforms.py, buffering.py) that
knows its element_spec, its cardinality and how to produce its elements. Elements move
through the pipeline as structures of NumPy arrays and become EagerTensors only when the
user receives them (iteration, mapped functions, reduce).
"""
import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError, OutOfRangeError, eager_message
from ..framework.tensor import EagerTensor, constant
from . import structure

__all__ = ["Dataset", "AUTOTUNE", "INFINITE_CARDINALITY", "UNKNOWN_CARDINALITY", "OwnedIterator",
           "int64_arg"]

AUTOTUNE = -1
INFINITE_CARDINALITY = -1
UNKNOWN_CARDINALITY = -2


def int64_arg(value):
    """A scalar int64 argument (count, batch_size...) as TF converts it, with TF's TypeError."""
    if isinstance(value, (bool, np.bool_)):
        return int(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, EagerTensor) and value.dtype.is_integer and value.ndim == 0:
        return int(value)
    raise TypeError(f"Cannot convert {value!r} to EagerTensor of dtype int64")


def iterator_error(error_class, detail, n_components):
    """An error raised while producing an element: TF reports it from IteratorGetNext."""
    kernel = f"IteratorGetNext_output_types_{n_components}"
    return error_class(None, None, eager_message("IteratorGetNext", detail, kernel=kernel))


class OwnedIterator:
    """What ``iter(dataset)`` returns: yields the elements as EagerTensors."""

    def __init__(self, dataset):
        self._dataset = dataset
        self._elements = dataset._elements()

    def __iter__(self):
        return self

    def __next__(self):
        return structure.to_tensors(next(self._elements))

    def get_next(self):
        try:
            return self.__next__()
        except StopIteration:
            n = len(structure.flatten(self._dataset.element_spec))
            raise iterator_error(OutOfRangeError, "End of sequence", n) from None

    @property
    def element_spec(self):
        return self._dataset.element_spec

    def __del__(self):
        close = getattr(self._elements, "close", None)
        if close is not None:
            close()  # stops background workers of prefetch/parallel map promptly


class NumpyIterator:
    """What ``as_numpy_iterator()`` returns: NumPy values (bytes for strings, NumPy scalars)."""

    def __init__(self, dataset):
        self._iterator = OwnedIterator(dataset)

    def __iter__(self):
        return self

    def __next__(self):
        return structure.to_numpy(next(self._iterator._elements))

    def __repr__(self):
        return f"NumpyIterator(iterator={self._iterator!r})"


class Dataset:
    """Base class; ``Dataset.range(3)`` etc. build the concrete subclasses."""

    _leantf_dataset = True   # lets Keras's data adapter recognise datasets without importing us
    _repr_name = "DatasetV2"

    def __init__(self, inputs=()):
        self._inputs = tuple(inputs)
        self._spec = None
        self._options = None

    # -- what subclasses provide -----------------------------------------------------------
    def _elements(self):
        """A fresh iterator over the elements (structures of arrays)."""
        raise NotImplementedError

    def _compute_spec(self):
        return self._inputs[0].element_spec

    def _cardinality(self):
        return UNKNOWN_CARDINALITY

    # -- description -------------------------------------------------------------------------
    @property
    def element_spec(self):
        if self._spec is None:
            self._spec = self._compute_spec()
        return self._spec

    def _first_element_spec(self):
        """Fallback spec where a function could not be traced: look at the first element."""
        it = self._elements()
        try:
            first = next(it, None)
        finally:
            getattr(it, "close", lambda: None)()
        if first is None:
            raise ValueError("Could not determine the element_spec of an empty dataset whose function "
                             "leantf cannot trace.")
        return structure.spec_of(first)

    def cardinality(self):
        return constant(np.int64(self._cardinality()))

    def __len__(self):
        n = self._cardinality()
        if n == INFINITE_CARDINALITY:
            raise TypeError("The dataset is infinite.")
        if n == UNKNOWN_CARDINALITY:
            raise TypeError("The dataset length is unknown.")
        return n

    def __bool__(self):
        return True  # a dataset is always truthy, whatever its length

    def __repr__(self):
        return f"<{self._repr_name} element_spec={self.element_spec!r}>"

    def __iter__(self):
        return OwnedIterator(self)

    def as_numpy_iterator(self):
        return NumpyIterator(self)

    def options(self):
        from .options import Options
        for ds in self._walk():
            if ds._options is not None:
                return ds._options
        return Options()

    def _walk(self):
        yield self
        for ds in self._inputs:
            yield from ds._walk()

    # -- consuming ---------------------------------------------------------------------------
    def reduce(self, initial_state, reduce_func):
        state = structure.to_tensors(structure.to_arrays(initial_state))
        state_dtypes = [t.dtype for t in structure.flatten(state)]
        for element in self._elements():
            new = structure.normalize_return(reduce_func(state, structure.to_tensors(element)))
            new = structure.to_tensors(structure.to_arrays(new))
            if not structure.same_structure(new, state):
                raise TypeError(f"The structure of the new state must match the initial state. "
                                f"Expected {state!r}; got {new!r}.")
            for want, t in zip(state_dtypes, structure.flatten(new)):
                if t.dtype != want:
                    raise TypeError(f"The element types for the new state must match the initial state. "
                                    f"Expected {want} but got {t.dtype}.")
            state = new
        return state

    def get_single_element(self, name=None):
        it = self._elements()
        first = next(it, None)
        n = len(structure.flatten(self.element_spec))
        kernel = f"DatasetToSingleElement_output_types_{n}"
        if first is None:
            raise InvalidArgumentError(None, None, eager_message(
                "DatasetToSingleElement", "Dataset was empty.", kernel=kernel))
        if next(it, None) is not None:
            raise InvalidArgumentError(None, None, eager_message(
                "DatasetToSingleElement", "Dataset had more than one element.", kernel=kernel))
        return structure.to_tensors(first)

    # -- sources -----------------------------------------------------------------------------
    @staticmethod
    def from_tensor_slices(tensors, name=None):
        from .sources import TensorSliceDataset
        return TensorSliceDataset(tensors)

    @staticmethod
    def from_tensors(tensors, name=None):
        from .sources import TensorDataset
        return TensorDataset(tensors)

    @staticmethod
    def range(*args, output_type=dtypes.int64, name=None):
        from .sources import RangeDataset
        return RangeDataset(args, output_type)

    @staticmethod
    def zip(*args, datasets=None, name=None):
        from .sources import ZipDataset
        if datasets is not None:
            if args:
                raise TypeError("Both `*args` and `datasets` cannot be set.")
            return ZipDataset(datasets)
        if not args:
            raise TypeError("Must pass at least one dataset to `zip`.")
        return ZipDataset(args[0] if len(args) == 1 else tuple(args))

    @staticmethod
    def from_generator(generator, output_types=None, output_shapes=None, args=None, output_signature=None,
                       name=None):
        from .sources import GeneratorDataset
        return GeneratorDataset(generator, output_types, output_shapes, args, output_signature)

    @staticmethod
    def list_files(file_pattern, shuffle=None, seed=None, name=None):
        from .readers import list_files
        return list_files(file_pattern, shuffle, seed)

    # -- transformations ---------------------------------------------------------------------
    def map(self, map_func, num_parallel_calls=None, deterministic=None, synchronous=None,
            use_unbounded_threadpool=False, name=None):
        from .transforms import MapDataset
        return MapDataset(self, map_func, num_parallel_calls, deterministic)

    def filter(self, predicate, name=None):
        from .transforms import FilterDataset
        return FilterDataset(self, predicate)

    def batch(self, batch_size, drop_remainder=False, num_parallel_calls=None, deterministic=None, name=None):
        from .batching import BatchDataset
        return BatchDataset(self, batch_size, drop_remainder, parallel=num_parallel_calls is not None)

    def padded_batch(self, batch_size, padded_shapes=None, padding_values=None, drop_remainder=False, name=None):
        from .batching import PaddedBatchDataset
        return PaddedBatchDataset(self, batch_size, padded_shapes, padding_values, drop_remainder)

    def unbatch(self, name=None):
        from .batching import UnbatchDataset
        return UnbatchDataset(self)

    def shuffle(self, buffer_size, seed=None, reshuffle_each_iteration=True, name=None):
        from .transforms import ShuffleDataset
        return ShuffleDataset(self, buffer_size, seed, reshuffle_each_iteration)

    def repeat(self, count=None, name=None):
        from .transforms import RepeatDataset
        return RepeatDataset(self, count)

    def take(self, count, name=None):
        from .transforms import TakeDataset
        return TakeDataset(self, count)

    def skip(self, count, name=None):
        from .transforms import SkipDataset
        return SkipDataset(self, count)

    def shard(self, num_shards, index, name=None):
        from .transforms import ShardDataset
        return ShardDataset(self, num_shards, index)

    def concatenate(self, dataset, name=None):
        from .transforms import ConcatenateDataset
        return ConcatenateDataset(self, dataset)

    def enumerate(self, start=0, name=None):
        from .sources import RangeDataset, ZipDataset
        # As TF: a zip with an unbounded range, so the repr and cardinality are the zip's.
        return ZipDataset((RangeDataset((int64_arg(start), np.iinfo(np.int64).max), dtypes.int64), self))

    def flat_map(self, map_func, name=None):
        from .transforms import FlatMapDataset
        return FlatMapDataset(self, map_func)

    def interleave(self, map_func, cycle_length=None, block_length=None, num_parallel_calls=None,
                   deterministic=None, name=None):
        from .transforms import InterleaveDataset
        return InterleaveDataset(self, map_func, cycle_length, block_length, num_parallel_calls)

    def prefetch(self, buffer_size, name=None):
        from .buffering import PrefetchDataset
        return PrefetchDataset(self, buffer_size)

    def cache(self, filename="", name=None):
        from .buffering import CacheDataset
        return CacheDataset(self, filename)

    def with_options(self, options, name=None):
        from .transforms import OptionsDataset
        return OptionsDataset(self, options)

    def apply(self, transformation_func):
        dataset = transformation_func(self)
        if not isinstance(dataset, Dataset):
            raise TypeError(f"`transformation_func` must return a `tf.data.Dataset` object. Got {type(dataset)}.")
        return dataset
