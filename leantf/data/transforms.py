"""Element-wise and ordering transformations: map, filter, shuffle, repeat, take, skip, shard,
concatenate, flat_map, interleave, with_options."""
import os
import threading

import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError, eager_message
from . import structure
from .dataset import AUTOTUNE, INFINITE_CARDINALITY, UNKNOWN_CARDINALITY, Dataset, int64_arg
from ..framework.tensor_spec import TensorSpec

__all__ = ["MapDataset", "FilterDataset", "ShuffleDataset", "RepeatDataset", "TakeDataset", "SkipDataset",
           "ShardDataset", "ConcatenateDataset", "FlatMapDataset", "InterleaveDataset", "OptionsDataset",
           "trace"]


def trace(fn, input_spec):
    """Call ``fn`` once on symbolic tensors to learn what it returns without touching data,
    as TF's tracing does. Returns None when the function cannot run symbolically (it reads
    values, builds a dataset from them...); callers then fall back to a real element."""
    from ..framework.symbolic import placeholder
    try:
        args = structure.map_structure(lambda s: placeholder(s.shape, s.dtype, name="args"), input_spec)
        return structure.normalize_return(structure.call_with(fn, args))
    except Exception:  # noqa: BLE001 - any failure only means "not traceable"
        return None


def _apply(fn, element):
    """Run a dataset function eagerly on one element; its result as an element of arrays."""
    out = structure.call_with(fn, structure.to_tensors(element))
    return structure.to_arrays(structure.normalize_return(out))


def worker_count(num_parallel_calls):
    n = int64_arg(num_parallel_calls)
    if n == AUTOTUNE:
        return os.cpu_count() or 1
    if n <= 0:
        raise ValueError(f"num_parallel_calls must be positive or AUTOTUNE; got {n}.")
    return n


class MapDataset(Dataset):
    def __init__(self, input_dataset, fn, num_parallel_calls=None, deterministic=None):
        super().__init__([input_dataset])
        self._fn = fn
        self._workers = None if num_parallel_calls is None else worker_count(num_parallel_calls)
        self._deterministic = deterministic is not False
        self._repr_name = "_MapDataset" if num_parallel_calls is None else "_ParallelMapDataset"

    def _compute_spec(self):
        out = trace(self._fn, self._inputs[0].element_spec)
        if out is not None:
            try:
                return structure.spec_of(out)
            except (TypeError, ValueError):
                pass
        return self._first_element_spec()

    def _cardinality(self):
        return self._inputs[0]._cardinality()

    def _elements(self):
        if self._workers is None or self._workers == 1:
            fn = self._fn
            for element in self._inputs[0]._elements():
                yield _apply(fn, element)
            return
        yield from _parallel_map(self._fn, self._inputs[0]._elements(), self._workers, self._deterministic)


def _parallel_map(fn, source, workers, deterministic):
    """Map with a thread pool (NumPy releases the GIL in its big kernels). Keeps at most
    2*workers calls in flight; yields in input order unless ``deterministic`` is False."""
    from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
    import collections
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="leantf-data-map")
    pending = collections.deque()
    exhausted = False
    try:
        while True:
            while not exhausted and len(pending) < 2 * workers:
                element = next(source, None)
                if element is None:
                    exhausted = True
                    break
                pending.append(pool.submit(_apply, fn, element))
            if not pending:
                return
            if deterministic:
                yield pending.popleft().result()
            else:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                future = next(f for f in pending if f in done)
                pending.remove(future)
                yield future.result()
    finally:
        for f in pending:
            f.cancel()
        pool.shutdown(wait=False)
        getattr(source, "close", lambda: None)()


class FilterDataset(Dataset):
    _repr_name = "_FilterDataset"

    def __init__(self, input_dataset, predicate):
        super().__init__([input_dataset])
        self._predicate = predicate
        out = trace(predicate, input_dataset.element_spec)
        if out is not None:
            try:
                spec = structure.spec_of(out)
            except (TypeError, ValueError):
                spec = None
            if spec is not None:
                self._check_predicate_spec(spec)

    @staticmethod
    def _check_predicate_spec(spec):
        if not (isinstance(spec, TensorSpec) and spec.dtype == dtypes.bool and spec.shape.rank == 0):
            raise ValueError("Invalid `predicate`. `predicate` must return a `tf.bool` scalar tensor, but its "
                             f"return type is {spec}.")

    def _elements(self):
        predicate = self._predicate
        for element in self._inputs[0]._elements():
            keep = _apply(predicate, element)
            if not isinstance(keep, np.ndarray) or keep.dtype != np.bool_ or keep.ndim != 0:
                self._check_predicate_spec(structure.spec_of(keep))
            if keep:
                yield element


class ShuffleDataset(Dataset):
    """TF's algorithm (a buffer of ``buffer_size`` elements, each output drawn uniformly from
    it and replaced by the next input). The order differs from TF's: TF draws from its own RNG."""
    _repr_name = "_ShuffleDataset"

    def __init__(self, input_dataset, buffer_size, seed=None, reshuffle_each_iteration=True):
        super().__init__([input_dataset])
        size = int64_arg(buffer_size)
        if size == 0 or size < UNKNOWN_CARDINALITY:
            raise InvalidArgumentError(None, None, eager_message(
                "ShuffleDatasetV3", "buffer_size must be greater than zero or UNKNOWN_CARDINALITY"))
        self._buffer_size = None if size in (UNKNOWN_CARDINALITY, INFINITE_CARDINALITY) else size
        self._seed = _seed_entropy(seed)
        self._reshuffle = reshuffle_each_iteration is None or bool(reshuffle_each_iteration)
        self._epoch = 0
        self._lock = threading.Lock()

    def _cardinality(self):
        return self._inputs[0]._cardinality()

    def _elements(self):
        with self._lock:
            epoch = self._epoch
            if self._reshuffle:
                self._epoch += 1
        rng = np.random.default_rng(list(self._seed) + [epoch])
        buffer = []
        size = self._buffer_size
        for element in self._inputs[0]._elements():
            if size is None or len(buffer) < size:
                buffer.append(element)
                continue
            i = int(rng.integers(len(buffer)))
            out, buffer[i] = buffer[i], element
            yield out
        while buffer:
            i = int(rng.integers(len(buffer)))
            buffer[i], buffer[-1] = buffer[-1], buffer[i]
            yield buffer.pop()


def _seed_entropy(seed):
    """The seed words of a shuffle, from the op seed and the global seed as TF combines them
    (random_seed.get_seed): reproducible when either is set, fresh entropy otherwise."""
    from ..ops.random_ops import get_seed
    seed, seed2 = get_seed(None if seed is None else int64_arg(seed))
    if seed is None:
        return [int(x) for x in np.random.SeedSequence().generate_state(2)]
    return [int(seed), int(seed2)]


class RepeatDataset(Dataset):
    _repr_name = "_RepeatDataset"

    def __init__(self, input_dataset, count=None):
        super().__init__([input_dataset])
        self._count = -1 if count is None else int64_arg(count)

    def _cardinality(self):
        n = self._inputs[0]._cardinality()
        if self._count < 0:
            return 0 if n == 0 else INFINITE_CARDINALITY
        if self._count == 0:
            return 0
        if n in (INFINITE_CARDINALITY, UNKNOWN_CARDINALITY):
            return n
        return n * self._count

    def _elements(self):
        epoch = 0
        while self._count < 0 or epoch < self._count:
            produced = False
            for element in self._inputs[0]._elements():
                produced = True
                yield element
            if not produced:
                return  # an empty input repeated forever is still empty
            epoch += 1


class TakeDataset(Dataset):
    _repr_name = "_TakeDataset"

    def __init__(self, input_dataset, count):
        super().__init__([input_dataset])
        self._count = int64_arg(count)

    def _cardinality(self):
        n = self._inputs[0]._cardinality()
        if self._count < 0:
            return n
        if n == INFINITE_CARDINALITY:
            return self._count
        if n == UNKNOWN_CARDINALITY:
            return UNKNOWN_CARDINALITY
        return min(n, self._count)

    def _elements(self):
        if self._count == 0:
            return
        it = self._inputs[0]._elements()
        try:
            for i, element in enumerate(it, 1):
                yield element
                if i == self._count:
                    return
        finally:
            getattr(it, "close", lambda: None)()


class SkipDataset(Dataset):
    _repr_name = "_SkipDataset"

    def __init__(self, input_dataset, count):
        super().__init__([input_dataset])
        self._count = int64_arg(count)

    def _cardinality(self):
        n = self._inputs[0]._cardinality()
        if n in (INFINITE_CARDINALITY, UNKNOWN_CARDINALITY):
            return n
        if self._count < 0:
            return 0
        return max(n - self._count, 0)

    def _elements(self):
        if self._count < 0:
            for _ in self._inputs[0]._elements():
                pass  # TF consumes the whole input when skipping everything
            return
        for i, element in enumerate(self._inputs[0]._elements()):
            if i >= self._count:
                yield element


class ShardDataset(Dataset):
    _repr_name = "_ShardDataset"

    def __init__(self, input_dataset, num_shards, index):
        super().__init__([input_dataset])
        self._num_shards, self._index = int64_arg(num_shards), int64_arg(index)
        if self._num_shards <= 0:
            raise InvalidArgumentError(None, None, eager_message(
                "ShardDataset", "Number of shards must be greater than zero (currently num_shards = "
                f"{self._num_shards})."))
        if not 0 <= self._index < self._num_shards:
            raise InvalidArgumentError(None, None, eager_message(
                "ShardDataset", "Index must be between 0 and "
                f"{self._num_shards - 1} (currently index = {self._index})."))

    def _cardinality(self):
        n = self._inputs[0]._cardinality()
        if n < 0:
            return n
        return n // self._num_shards + (1 if self._index < n % self._num_shards else 0)

    def _elements(self):
        for i, element in enumerate(self._inputs[0]._elements()):
            if i % self._num_shards == self._index:
                yield element


class ConcatenateDataset(Dataset):
    _repr_name = "_ConcatenateDataset"

    def __init__(self, input_dataset, other):
        super().__init__([input_dataset, other])
        a, b = input_dataset.element_spec, other.element_spec
        if not structure.same_structure(a, b) or \
                any(x.dtype != y.dtype for x, y in zip(structure.flatten(a), structure.flatten(b))):
            raise TypeError(f"Incompatible dataset elements:\n  {a} vs.   {b}")

    def _compute_spec(self):
        a, b = self._inputs[0].element_spec, self._inputs[1].element_spec
        return structure.pack(a, [x.most_specific_compatible_type(y)
                                  for x, y in zip(structure.flatten(a), structure.flatten(b))])

    def _cardinality(self):
        a, b = (ds._cardinality() for ds in self._inputs)
        if INFINITE_CARDINALITY in (a, b):
            return INFINITE_CARDINALITY
        if UNKNOWN_CARDINALITY in (a, b):
            return UNKNOWN_CARDINALITY
        return a + b

    def _elements(self):
        for ds in self._inputs:
            yield from ds._elements()


def _dataset_from(fn, element):
    ds = structure.call_with(fn, structure.to_tensors(element))
    if not isinstance(ds, Dataset):
        raise TypeError(f"The `map_func` argument must return a `Dataset` object. Got {type(ds)}.")
    return ds


class FlatMapDataset(Dataset):
    _repr_name = "_FlatMapDataset"

    def __init__(self, input_dataset, fn):
        super().__init__([input_dataset])
        self._fn = fn

    def _compute_spec(self):
        out = trace(self._fn, self._inputs[0].element_spec)
        if isinstance(out, Dataset):
            return out.element_spec
        it = self._inputs[0]._elements()
        first = next(it, None)
        getattr(it, "close", lambda: None)()
        if first is None:
            return self._first_element_spec()
        return _dataset_from(self._fn, first).element_spec

    def _elements(self):
        for element in self._inputs[0]._elements():
            yield from _dataset_from(self._fn, element)._elements()


class InterleaveDataset(FlatMapDataset):
    """TF's interleave order: ``cycle_length`` open inner datasets, ``block_length`` elements
    from each in turn; an exhausted slot is refilled from the input the next time its turn comes."""

    def __init__(self, input_dataset, fn, cycle_length=None, block_length=None, num_parallel_calls=None):
        super().__init__(input_dataset, fn)
        cycle = AUTOTUNE if cycle_length is None else int64_arg(cycle_length)
        self._cycle_length = (os.cpu_count() or 1) if cycle == AUTOTUNE else cycle
        self._block_length = 1 if block_length is None else int64_arg(block_length)
        if self._cycle_length <= 0:
            raise InvalidArgumentError(None, None, eager_message(
                "InterleaveDataset", "cycle_length must be greater than zero."))
        if self._block_length <= 0:
            raise InvalidArgumentError(None, None, eager_message(
                "InterleaveDataset", "block_length must be greater than zero."))
        self._repr_name = "_InterleaveDataset" if num_parallel_calls is None else "_ParallelInterleaveDataset"

    def _elements(self):
        source = self._inputs[0]._elements()
        slots = [None] * self._cycle_length
        open_count, index, block_index, end_of_input = 0, 0, 0, False
        while not end_of_input or open_count > 0:
            if slots[index] is not None:
                if block_index < self._block_length:
                    element = next(slots[index], None)
                    if element is not None:
                        block_index += 1
                        yield element
                        continue
                    slots[index] = None
                    open_count -= 1
                block_index, index = 0, (index + 1) % self._cycle_length
            elif not end_of_input:
                element = next(source, None)
                if element is None:
                    end_of_input = True
                else:
                    slots[index] = _dataset_from(self._fn, element)._elements()
                    open_count += 1
            else:
                block_index, index = 0, (index + 1) % self._cycle_length


class OptionsDataset(Dataset):
    _repr_name = "_OptionsDataset"

    def __init__(self, input_dataset, options):
        super().__init__([input_dataset])
        self._options = input_dataset.options().merge(options)

    def _cardinality(self):
        return self._inputs[0]._cardinality()

    def _elements(self):
        return self._inputs[0]._elements()
