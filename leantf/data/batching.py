"""batch, padded_batch and unbatch."""
import numpy as np

from ..framework import dtypes
from ..framework.errors import DataLossError, InvalidArgumentError, eager_message
from ..framework.tensor import EagerTensor, convert_to_tensor
from ..framework.tensor_shape import TensorShape
from . import structure
from .dataset import INFINITE_CARDINALITY, UNKNOWN_CARDINALITY, Dataset, int64_arg, iterator_error
from ..framework.tensor_spec import TensorSpec

__all__ = ["BatchDataset", "PaddedBatchDataset", "UnbatchDataset"]


def _dims_text(shape):
    return "[" + ",".join(str(d) for d in shape) + "]"


def _batched_cardinality(n, batch_size, drop_remainder):
    if n < 0:
        return n
    return n // batch_size if drop_remainder else -(-n // batch_size)


def _prepend(spec, batch_dim):
    if spec.shape.rank is None:
        return TensorSpec(TensorShape(None), spec.dtype)
    return TensorSpec([batch_dim] + spec.shape.as_list(), spec.dtype)


def _check_batch_size(batch_size, op):
    size = int64_arg(batch_size)
    if size <= 0:
        raise InvalidArgumentError(None, None, eager_message(op, "Batch size must be greater than zero."))
    return size


def _chunks(source, size, drop_remainder):
    chunk = []
    for element in source:
        chunk.append(element)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk and not drop_remainder:
        yield chunk


class BatchDataset(Dataset):
    def __init__(self, input_dataset, batch_size, drop_remainder=False, parallel=False):
        super().__init__([input_dataset])
        self._batch_size = _check_batch_size(batch_size, "BatchDatasetV2")
        self._drop_remainder = bool(drop_remainder)
        self._repr_name = "_ParallelBatchDataset" if parallel else "_BatchDataset"

    def _compute_spec(self):
        dim = self._batch_size if self._drop_remainder else None
        return structure.map_structure(lambda s: _prepend(s, dim), self._inputs[0].element_spec)

    def _cardinality(self):
        return _batched_cardinality(self._inputs[0]._cardinality(), self._batch_size, self._drop_remainder)

    def _elements(self):
        for chunk in _chunks(self._inputs[0]._elements(), self._batch_size, self._drop_remainder):
            flats = [structure.flatten(e) for e in chunk]
            n = len(flats[0])
            columns = [self._column([f[c] for f in flats], c, n) for c in range(n)]
            yield structure.pack(chunk[0], columns)

    def _column(self, parts, c, n):
        """Component ``c`` of the elements of one batch (``n`` components each), stacked."""
        first = parts[0].shape
        for p in parts[1:]:
            if p.shape != first:
                raise iterator_error(InvalidArgumentError, "Cannot add tensor to the batch: number of "
                                     "elements does not match. Shapes are: [tensor]: "
                                     f"{_dims_text(p.shape)}, [batch]: {_dims_text(first)}", n)
        return np.stack(parts)


def _padding_value(value, spec):
    # TF converts the value on its own (a Python int is int32) and then insists the dtypes match.
    t = value if isinstance(value, EagerTensor) else convert_to_tensor(value)
    if t.dtype != spec.dtype:
        raise TypeError(f"Invalid `padding_values`. `padding_values` values type {t.dtype} does not "
                        f"match type {spec.dtype} of the corresponding input component.")
    return np.asarray(t._value)


def _padded_shape(shape_like, spec):
    if shape_like is None:
        return spec.shape
    if isinstance(shape_like, (int, np.integer)):
        shape_like = [int(shape_like)]
    if isinstance(shape_like, EagerTensor):
        shape_like = [int(d) for d in np.asarray(shape_like).reshape(-1)]
    dims = shape_like if isinstance(shape_like, TensorShape) else TensorShape(
        [None if d is not None and int(d) == -1 else d for d in shape_like])
    if spec.shape.rank is not None and dims.rank is not None and not dims.is_compatible_with(spec.shape) \
            and dims.rank != spec.shape.rank:
        raise ValueError(f"The padded shape {dims} is not compatible with the shape {spec.shape} of the "
                         "corresponding input component.")
    return dims


class PaddedBatchDataset(BatchDataset):
    """A batch whose components are padded to common shapes (BatchDataset's batching and
    cardinality; its own element spec and stacking)."""
    _repr_name = "_PaddedBatchDataset"

    def __init__(self, input_dataset, batch_size, padded_shapes=None, padding_values=None, drop_remainder=False):
        Dataset.__init__(self, [input_dataset])
        self._batch_size = _check_batch_size(batch_size, "PaddedBatchDatasetV2")
        self._drop_remainder = bool(drop_remainder)
        spec = input_dataset.element_spec
        flat_specs = structure.flatten(spec)
        if padded_shapes is None:
            shapes = [s.shape for s in flat_specs]
        elif len(flat_specs) == 1 and not isinstance(spec, (tuple, dict)):
            shapes = [_padded_shape(padded_shapes, flat_specs[0])]
        else:
            shapes = [_padded_shape(p, s) for p, s in zip(structure.flatten(padded_shapes), flat_specs)]
        if padding_values is None:
            values = [np.array(b"" if s.dtype == dtypes.string else 0, dtype=s.dtype.np_dtype)
                      for s in flat_specs]
        elif len(flat_specs) > 1 and isinstance(padding_values, (tuple, dict)):
            values = [_padding_value(v, s) for v, s in zip(structure.flatten(padding_values), flat_specs)]
        else:
            values = [_padding_value(padding_values, s) for s in flat_specs]
        self._shapes, self._values = shapes, values

    def _compute_spec(self):
        dim = self._batch_size if self._drop_remainder else None
        spec = self._inputs[0].element_spec
        flat = [_prepend(TensorSpec(shape, s.dtype), dim) for shape, s in zip(self._shapes, structure.flatten(spec))]
        return structure.pack(spec, flat)

    def _column(self, parts, c, n):
        target = self._target_shape(parts, self._shapes[c])
        out = np.empty((len(parts),) + target, dtype=parts[0].dtype)
        fill = self._values[c]
        out[...] = fill[()] if fill.ndim == 0 else fill  # [()]: an object array's item, not itself
        for i, p in enumerate(parts):
            if p.ndim != len(target) or any(d > t for d, t in zip(p.shape, target)):
                raise iterator_error(DataLossError, "Attempted to pad to a smaller size than the input element.", n)
            out[(i,) + tuple(slice(0, d) for d in p.shape)] = p[()] if p.ndim == 0 else p
        return out

    @staticmethod
    def _target_shape(parts, padded):
        """Fixed dims of the padded shape; the longest in the batch where it is None."""
        longest = tuple(max(p.shape[k] for p in parts) for k in range(parts[0].ndim))
        if padded.rank is None:
            return longest
        return tuple(longest[k] if d is None else d for k, d in enumerate(padded.as_list()))


class UnbatchDataset(Dataset):
    _repr_name = "_UnbatchDataset"

    def __init__(self, input_dataset):
        super().__init__([input_dataset])
        for spec in structure.flatten(input_dataset.element_spec):
            if spec.shape.rank == 0:
                raise ValueError("Cannot unbatch an input with scalar components.")

    def _compute_spec(self):
        def drop_first(s):
            if s.shape.rank is None:
                return s
            return TensorSpec(s.shape.as_list()[1:], s.dtype)
        return structure.map_structure(drop_first, self._inputs[0].element_spec)

    def _cardinality(self):
        n = self._inputs[0]._cardinality()
        if n == INFINITE_CARDINALITY or n == UNKNOWN_CARDINALITY:
            return n
        firsts = {s.shape.as_list()[0] if s.shape.rank else None
                  for s in structure.flatten(self._inputs[0].element_spec)}
        if len(firsts) == 1 and None not in firsts:
            return n * firsts.pop()
        return UNKNOWN_CARDINALITY

    def _elements(self):
        for element in self._inputs[0]._elements():
            flat = structure.flatten(element)
            rows = flat[0].shape[0]
            for k, a in enumerate(flat):
                if a.shape[0] != rows:
                    raise iterator_error(InvalidArgumentError, "Input element must have the same batch size in "
                                         f"each component. Component 0 had size {rows} but component {k} had "
                                         f"size {a.shape[0]}.", len(flat))
            for i in range(rows):
                yield structure.pack(element, [a[i, ...] for a in flat])
