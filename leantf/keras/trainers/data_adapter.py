"""Turn what fit/evaluate/predict receive (arrays, lists/dicts of arrays, generators, datasets)
into batches, with Keras 3's checks and messages."""
import math
import warnings

import numpy as np

from ...framework import nest
from ...framework.tensor import EagerTensor

__all__ = ["make_adapter", "DatasetAdapter", "split_for_validation", "unpack", "check_cardinality"]

_RAN_OUT = ("Your input ran out of data; interrupting training. Make sure that your dataset or generator can "
            "generate at least `steps_per_epoch * epochs` batches. You may need to use the `.repeat()` function "
            "when building your dataset.")


def _is_array(x):
    return isinstance(x, (np.ndarray, EagerTensor)) or getattr(x, "_is_variable", False)


def _structure_to_numpy(x, what):
    """Arrays (NumPy, tensors) in lists/tuples/dicts; anything else is Keras's 'Unrecognized data type'."""
    if x is None:
        return None

    def convert(leaf):
        if isinstance(leaf, np.ndarray):
            return leaf
        if _is_array(leaf):
            return np.asarray(leaf)
        return None
    flat = nest.flatten(x)
    converted = [convert(v) for v in flat]
    if any(c is None for c in converted) or not flat:
        raise ValueError(f"Unrecognized data type: {what}={x} (of type {type(x)})")
    return nest.pack_sequence_as(x, converted)


def check_cardinality(x, y, sample_weight):
    groups = [("x", x), ("y", y), ("sample_weight", sample_weight)]
    sizes = {name: [int(a.shape[0]) for a in nest.flatten(v)] for name, v in groups if v is not None}
    flat = {s for v in sizes.values() for s in v}
    if len(flat) > 1:
        msg = "Data cardinality is ambiguous. Make sure all arrays contain the same number of samples."
        for name, s in sizes.items():
            msg += f"'{name}' sizes: {', '.join(str(n) for n in s)}\n"
        raise ValueError(msg)
    return flat.pop() if flat else 0


def _take(structure, index):
    return nest.map_structure(lambda a: a[index], structure) if structure is not None else None


def class_weights_for(y, class_weight):
    """Per-sample weights from a {class: weight} dict, read off the (first) target."""
    labels = np.asarray(nest.flatten(y)[0])
    if labels.ndim > 1 and labels.shape[-1] > 1:
        labels = labels.argmax(axis=-1)
    labels = np.round(labels.reshape(-1)).astype(np.int64)
    return np.array([class_weight.get(int(c), 1.0) for c in labels], dtype=np.float32)


class ArrayAdapter:
    """In-memory data: batches are slices, reshuffled each epoch when asked. With `steps` set,
    an epoch takes the next `steps` batches and the data starts over when it runs out."""

    def __init__(self, x, y=None, sample_weight=None, batch_size=None, shuffle=False, class_weight=None,
                 steps=None):
        self.x = _structure_to_numpy(x, "x")
        self.y = _structure_to_numpy(y, "y")
        self.sample_weight = _structure_to_numpy(sample_weight, "sample_weight")
        self.num_samples = check_cardinality(self.x, self.y, self.sample_weight)
        if class_weight is not None and self.y is not None:
            cw = class_weights_for(self.y, class_weight)
            self.sample_weight = cw if self.sample_weight is None else self.sample_weight * cw
        self.batch_size = batch_size or 32
        self.shuffle = shuffle
        self.num_batches = math.ceil(self.num_samples / self.batch_size)
        self.steps = steps if steps else self.num_batches
        self._pending = None

    def _batches(self):
        n, bs = self.num_samples, self.batch_size
        if self.shuffle == "batch":
            starts = np.random.permutation(self.num_batches) * bs
            for s in starts:
                yield slice(int(s), min(int(s) + bs, n))
            return
        order = np.random.permutation(n) if self.shuffle else None
        for b in range(self.num_batches):
            yield slice(b * bs, min((b + 1) * bs, n)) if order is None else order[b * bs:(b + 1) * bs]

    def __iter__(self):
        for _ in range(self.steps):
            if self._pending is None:
                self._pending = self._batches()
            index = next(self._pending, None)
            if index is None:
                self._pending = self._batches()
                index = next(self._pending)
            yield _take(self.x, index), _take(self.y, index), _take(self.sample_weight, index)
        if self.steps == self.num_batches:
            self._pending = None  # a full epoch: the next one starts at the beginning


class GeneratorAdapter:
    """A Python generator/iterable yielding (x,), (x, y) or (x, y, sample_weight) tuples."""

    def __init__(self, data, steps=None, class_weight=None, is_generator=True):
        self.data = data
        self.steps = steps
        self.num_batches = None
        self.class_weight = class_weight
        self.is_generator = is_generator
        self._iterator = None
        self.exhausted = False

    def __iter__(self):
        if self._iterator is None or not self.is_generator:
            self._iterator = iter(self.data)
        count = 0
        while self.steps is None or count < self.steps:
            try:
                batch = next(self._iterator)
            except StopIteration:
                if self.is_generator:
                    self.exhausted = True
                    if count or self.steps is not None:
                        warnings.warn(_RAN_OUT, stacklevel=4)
                self._iterator = None
                return
            count += 1
            x, y, sw = unpack(batch, strict=self.is_generator)
            if self.class_weight is not None and y is not None:
                cw = class_weights_for(y, self.class_weight)
                sw = cw if sw is None else np.asarray(sw) * cw
            yield x, y, sw


class DatasetAdapter:
    """A tf.data.Dataset of batches, stepped through as Keras 3's epoch iterator does.

    Without ``steps`` every epoch is one fresh pass. A dataset of unknown cardinality learns its
    number of batches when the first pass ends (Keras warns that the input ran out there). With
    ``steps`` one iterator is kept across epochs (so ``.repeat()`` data continues where it left
    off) and restarted once a finite dataset's batches are used up, with the same warning.
    An infinite dataset without ``steps`` trains until stopped, as in Keras 3.
    """

    def __init__(self, dataset, steps=None, class_weight=None):
        self.data = dataset
        n = dataset._cardinality()
        self.num_batches = n if n >= 0 else None
        self.steps = steps
        self.class_weight = class_weight
        self._iterator = None
        self._seen = 0

    def _convert(self, batch):
        x, y, sw = unpack(batch)
        if self.class_weight is not None and y is not None:
            cw = class_weights_for(y, self.class_weight)
            sw = cw if sw is None else np.asarray(sw) * cw
        return x, y, sw

    def __iter__(self):
        if self.steps is None:
            count = 0
            for batch in self.data:
                count += 1
                yield self._convert(batch)
            if self.num_batches is None:
                self.num_batches = count
                warnings.warn(_RAN_OUT, stacklevel=4)
            return
        if self._iterator is None:
            self._iterator, self._seen = iter(self.data), 0
        for _ in range(self.steps):
            if self.num_batches and self._seen >= self.num_batches:
                warnings.warn(_RAN_OUT, stacklevel=4)
                break
            try:
                batch = next(self._iterator)
            except StopIteration:
                if self.num_batches is None:
                    self.num_batches = self._seen
                warnings.warn(_RAN_OUT, stacklevel=4)
                self._iterator = None
                return
            self._seen += 1
            yield self._convert(batch)
        if self.num_batches and self._seen >= self.num_batches:
            self._iterator = None  # used up: the next epoch starts a new pass


def _unsupported_with_dataset(arg, what):
    return ValueError(f"When providing `x` as a tf.data.Dataset, `{arg}` should not be passed. Instead, {what} "
                      "should be included as part of the tf.data.Dataset.")


def unpack(data, strict=False):
    if isinstance(data, tuple):
        if len(data) == 1:
            return data[0], None, None
        if len(data) == 2:
            return data[0], data[1], None
        if len(data) == 3:
            return data
        raise ValueError("Data is expected to be in format `x`, `(x,)`, `(x, y)`, or `(x, y, sample_weight)`, "
                         f"found: {data}")
    if strict:
        raise ValueError("When passing a Python generator to a Keras model, the generator must return a tuple, "
                         "either (input,) or (inputs, targets) or (inputs, targets, sample_weights). Received: "
                         f"{data}")
    return data, None, None


def _is_generator_like(x):
    return hasattr(x, "__next__") or (hasattr(x, "__iter__") and not isinstance(x, (np.ndarray, list, tuple, dict,
                                                                                       str, bytes))
                                      and not _is_array(x))


def make_adapter(x, y=None, sample_weight=None, batch_size=None, shuffle=False, class_weight=None, steps=None):
    if getattr(x, "_leantf_dataset", False):  # tf.data.Dataset (checked without importing leantf.data)
        if y is not None:
            raise _unsupported_with_dataset("y", "the targets")
        if sample_weight is not None:
            raise _unsupported_with_dataset("sample_weights", "the sample weights")
        if shuffle:
            warnings.warn("`shuffle=True` was passed, but will be ignored since the data `x` was provided as a "
                          "tf.data.Dataset. The Dataset is expected to already be shuffled (via "
                          "`.shuffle(buffer_size)`).", stacklevel=3)
        return DatasetAdapter(x, steps, class_weight)
    if _is_generator_like(x):
        if y is not None:
            raise ValueError("When providing `x` as a generator, `y` should not be passed. Instead, the targets "
                             "should be included as part of the generator.")
        if sample_weight is not None:
            raise ValueError("When providing `x` as a generator, `sample_weight` should not be passed. Instead, "
                             "the sample weights should be included as part of the generator.")
        if shuffle is True:
            warnings.warn("`shuffle=True` was passed, but will be ignored since the data `x` was provided as a "
                          "generator. The generator is expected to yield already-shuffled data.", stacklevel=3)
        return GeneratorAdapter(x, steps, class_weight)
    return ArrayAdapter(x, y, sample_weight, batch_size, shuffle, class_weight, steps)


def split_for_validation(x, y, sample_weight, validation_split):
    """The last ``validation_split`` of the samples, taken before any shuffling (as Keras)."""
    for a in nest.flatten((x, y, sample_weight)):
        if a is not None and not _is_array(a):
            raise ValueError("Argument `validation_split` is only supported for tensors or NumPy arrays."
                             f"Found incompatible type in the input: {[type(v) for v in nest.flatten(x)]}")
    x, y = _structure_to_numpy(x, "x"), _structure_to_numpy(y, "y")
    sample_weight = _structure_to_numpy(sample_weight, "sample_weight")
    n = check_cardinality(x, y, sample_weight)
    split_at = int(math.floor(n * (1.0 - validation_split)))
    if split_at == 0 or split_at == n:
        raise ValueError(f"Training data contains {n} samples, which is not sufficient to split it into a "
                         f"validation and training set as specified by `validation_split={validation_split}`. "
                         "Either provide more data, or a different value for the `validation_split` argument.")
    train = tuple(_take(v, slice(0, split_at)) for v in (x, y, sample_weight))
    val = tuple(_take(v, slice(split_at, None)) for v in (x, y, sample_weight))
    return train, val
