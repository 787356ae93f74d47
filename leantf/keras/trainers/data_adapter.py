"""Turn what fit/evaluate/predict receive (arrays, lists/dicts of arrays, generators) into batches."""
import math

import numpy as np

from ...framework import nest
from ...framework.tensor import EagerTensor

__all__ = ["make_adapter", "split_for_validation", "unpack"]


def _is_array(x):
    return isinstance(x, (np.ndarray, EagerTensor)) or getattr(x, "_is_variable", False)


def _as_numpy(x):
    if isinstance(x, np.ndarray):
        return x
    if _is_array(x):
        return np.asarray(x)
    if isinstance(x, (list, tuple)) and x and not isinstance(x[0], (np.ndarray, EagerTensor, list, tuple, dict)):
        return np.asarray(x)
    return x


def _structure_to_numpy(x):
    if x is None:
        return None
    if isinstance(x, dict):
        return {k: _structure_to_numpy(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)) and x and all(_is_array(v) or isinstance(v, (list, dict)) for v in x):
        return type(x)(_structure_to_numpy(v) for v in x)
    return _as_numpy(x)


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


def _class_weights_for(y, class_weight):
    labels = np.asarray(nest.flatten(y)[0])
    if labels.ndim > 1 and labels.shape[-1] > 1:
        labels = labels.argmax(axis=-1)
    labels = labels.reshape(-1).astype(np.int64)
    return np.array([class_weight.get(int(c), 1.0) for c in labels], dtype=np.float32)


class ArrayAdapter:
    """In-memory data: batches are slices, reshuffled each epoch when asked."""

    def __init__(self, x, y=None, sample_weight=None, batch_size=None, shuffle=False, class_weight=None,
                 steps=None):
        self.x, self.y = _structure_to_numpy(x), _structure_to_numpy(y)
        self.sample_weight = _structure_to_numpy(sample_weight)
        self.num_samples = check_cardinality(self.x, self.y, self.sample_weight)
        if class_weight is not None and self.y is not None:
            cw = _class_weights_for(self.y, class_weight)
            self.sample_weight = cw if self.sample_weight is None else self.sample_weight * cw
        self.batch_size = batch_size or 32
        self.shuffle = shuffle
        full = math.ceil(self.num_samples / self.batch_size)
        self.steps = min(steps, full) if steps else full

    def __iter__(self):
        n, bs = self.num_samples, self.batch_size
        order = np.random.permutation(n) if self.shuffle else None
        for step in range(self.steps):
            index = slice(step * bs, min((step + 1) * bs, n)) if order is None else \
                order[step * bs:(step + 1) * bs]
            yield _take(self.x, index), _take(self.y, index), _take(self.sample_weight, index)


class GeneratorAdapter:
    """A Python generator/iterable yielding x, (x, y) or (x, y, sample_weight) batches."""

    def __init__(self, data, steps=None):
        self.data = data
        self.steps = steps
        self._iterator = None

    def __iter__(self):
        if self._iterator is None or not hasattr(self.data, "__next__"):
            self._iterator = iter(self.data)
        count = 0
        while self.steps is None or count < self.steps:
            try:
                batch = next(self._iterator)
            except StopIteration:
                if self.steps is None:
                    self.steps = count
                self._iterator = None
                return
            count += 1
            yield unpack(batch)


def unpack(data):
    if isinstance(data, tuple):
        if len(data) == 1:
            return data[0], None, None
        if len(data) == 2:
            return data[0], data[1], None
        if len(data) == 3:
            return data
        raise ValueError(f"Data is expected to be in format `x`, `(x,)`, `(x, y)`, or `(x, y, sample_weight)`, "
                         f"found: {data}")
    return data, None, None


def make_adapter(x, y=None, sample_weight=None, batch_size=None, shuffle=False, class_weight=None, steps=None):
    if hasattr(x, "_leantf_dataset"):  # tf.data.Dataset
        return GeneratorAdapter(x, steps)
    if hasattr(x, "__next__") or (hasattr(x, "__iter__") and not isinstance(x, (np.ndarray, list, tuple, dict))
                                  and not _is_array(x)):
        if y is not None:
            raise ValueError("`y` argument is not supported when using python generator as input.")
        return GeneratorAdapter(x, steps)
    return ArrayAdapter(x, y, sample_weight, batch_size, shuffle, class_weight, steps)


def split_for_validation(x, y, sample_weight, validation_split):
    """The last ``validation_split`` of the samples, taken before any shuffling (as Keras)."""
    x, y, sample_weight = _structure_to_numpy(x), _structure_to_numpy(y), _structure_to_numpy(sample_weight)
    for a in nest.flatten((x, y, sample_weight)):
        if a is not None and not isinstance(a, np.ndarray):
            raise ValueError("`validation_split` is only supported for Tensors or NumPy arrays, "
                             f"found following types in the input: {[type(v) for v in nest.flatten(x)]}")
    n = check_cardinality(x, y, sample_weight)
    split_at = int(math.ceil(n * (1.0 - validation_split)))
    if split_at == 0 or split_at == n:
        raise ValueError(f"Training data contains {n} samples, which is not sufficient to split it into a "
                         f"validation and training set as specified by `validation_split={validation_split}`. "
                         "Either provide more data, or a different value for the `validation_split` argument.")
    train = tuple(_take(v, slice(0, split_at)) for v in (x, y, sample_weight))
    val = tuple(_take(v, slice(split_at, None)) for v in (x, y, sample_weight))
    return train, val
