"""Datasets that start a pipeline: from tensors, slices, a range, a Python generator, a zip."""
import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError, eager_message
from ..framework.tensor import EagerTensor
from ..framework.tensor_shape import TensorShape
from . import structure
from .dataset import INFINITE_CARDINALITY, UNKNOWN_CARDINALITY, Dataset, int64_arg, iterator_error
from ..framework.tensor_spec import TensorSpec

__all__ = ["TensorSliceDataset", "TensorDataset", "RangeDataset", "ZipDataset", "GeneratorDataset"]


class TensorDataset(Dataset):
    _repr_name = "_TensorDataset"

    def __init__(self, tensors):
        super().__init__()
        self._element = structure.to_arrays(tensors)

    def _compute_spec(self):
        return structure.spec_of(self._element)

    def _cardinality(self):
        return 1

    def _elements(self):
        yield self._element


class TensorSliceDataset(Dataset):
    _repr_name = "_TensorSliceDataset"

    def __init__(self, tensors):
        super().__init__()
        self._arrays = structure.to_arrays(tensors)
        flat = structure.flatten(self._arrays)
        n = None
        for a in flat:
            if a.ndim == 0:
                raise ValueError("Unbatching a tensor is only supported for rank >= 1")
            if n is not None and a.shape[0] != n:
                raise ValueError(f"Dimensions {n} and {a.shape[0]} are not compatible")
            n = a.shape[0]
        self._flat = flat
        self._n = n

    def _compute_spec(self):
        return structure.map_structure(
            lambda a: TensorSpec(a.shape[1:], dtypes.from_numpy(a.dtype)), self._arrays)

    def _cardinality(self):
        return self._n

    def _elements(self):
        flat, template = self._flat, self._arrays
        if not isinstance(template, (tuple, dict)) and len(flat) == 1:
            array = flat[0]
            for i in range(self._n):
                yield array[i, ...]  # `...` keeps a 0-d array (not a Python/NumPy scalar)
            return
        for i in range(self._n):
            yield structure.pack(template, [a[i, ...] for a in flat])


class RangeDataset(Dataset):
    _repr_name = "_RangeDataset"

    def __init__(self, args, output_type=dtypes.int64):
        super().__init__()
        bounds = [int64_arg(a) for a in args]
        if not 1 <= len(bounds) <= 3:
            raise ValueError(f"Invalid arguments to RangeDataset: {args}")
        if len(bounds) == 1:
            bounds = [0, bounds[0], 1]
        elif len(bounds) == 2:
            bounds.append(1)
        if bounds[2] == 0:
            raise InvalidArgumentError(None, None, eager_message("RangeDataset", "step must be a non-zero integer."))
        self._range = range(*bounds)
        self._dtype = dtypes.as_dtype(output_type)

    def _compute_spec(self):
        return TensorSpec([], self._dtype)

    def _cardinality(self):
        return len(self._range)

    def _elements(self):
        np_dtype = self._dtype.np_dtype
        for i in self._range:
            yield np.array(i, dtype=np_dtype)


def _zip_cardinality(counts):
    result = INFINITE_CARDINALITY
    for n in counts:
        if n == UNKNOWN_CARDINALITY:
            return UNKNOWN_CARDINALITY
        if n == INFINITE_CARDINALITY:
            continue
        result = n if result == INFINITE_CARDINALITY else min(result, n)
    return result


class ZipDataset(Dataset):
    _repr_name = "_ZipDataset"

    def __init__(self, datasets):
        flat = structure.flatten(datasets)
        for ds in flat:
            if not isinstance(ds, Dataset):
                raise TypeError("Invalid input to `zip`. Inputs are expected to be (nested) structures of "
                                f"`tf.data.Dataset` objects but encountered object of type {type(ds)}.")
        super().__init__(flat)
        self._structure = datasets

    def _compute_spec(self):
        return structure.map_structure(lambda ds: ds.element_spec, self._structure)

    def _cardinality(self):
        return _zip_cardinality([ds._cardinality() for ds in self._inputs])

    def _elements(self):
        iterators = [ds._elements() for ds in self._inputs]
        try:
            while True:
                parts = []
                for it in iterators:
                    part = next(it, None)
                    if part is None:
                        return
                    parts.append(part)
                yield structure.pack(self._structure, parts)
        finally:
            for it in iterators:
                getattr(it, "close", lambda: None)()


def _signature_from_types(output_types, output_shapes):
    """The older from_generator arguments as a structure of TensorSpecs."""
    def to_dtype(t):
        return dtypes.as_dtype(t)
    types = _map_types(output_types, to_dtype)
    if output_shapes is None:
        return structure.map_structure(lambda d: TensorSpec(TensorShape(None), d), types)
    flat_types = structure.flatten(types)
    flat_shapes = _flatten_shapes(output_shapes, types)
    return structure.pack(types, [TensorSpec(s, d) for s, d in zip(flat_shapes, flat_types)])


def _map_types(types, fn):
    # Types nest like elements, except that a list of types is a tuple of components.
    if isinstance(types, list):
        types = tuple(types)
    if isinstance(types, dict):
        return {k: _map_types(v, fn) for k, v in types.items()}
    if isinstance(types, tuple):
        return tuple(_map_types(v, fn) for v in types)
    return fn(types)


def _flatten_shapes(shapes, types):
    # A shape is a list/tuple of dims, so it is recognised by the matching type being a leaf.
    if isinstance(types, dict):
        return [s for k in sorted(types) for s in _flatten_shapes(shapes[k], types[k])]
    if isinstance(types, tuple):
        return [s for sub_s, sub_t in zip(shapes, types) for s in _flatten_shapes(sub_s, sub_t)]
    return [shapes if isinstance(shapes, TensorShape) else TensorShape(shapes)]


def _shape_text(shape):
    return "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


class GeneratorDataset(Dataset):
    # TF builds from_generator from a range and a flat_map, which shows in its repr.
    _repr_name = "_FlatMapDataset"

    def __init__(self, generator, output_types, output_shapes, args, output_signature):
        super().__init__()
        if not callable(generator):
            raise TypeError("`generator` must be a Python callable.")
        if output_signature is not None:
            if output_types is not None:
                raise TypeError("The `output_types` argument can not be used together with the "
                                "`output_signature` argument.")
            if output_shapes is not None:
                raise TypeError("The `output_shapes` argument can not be used together with the "
                                "`output_signature` argument.")
            for spec in structure.flatten(output_signature):
                if not isinstance(spec, TensorSpec):
                    raise TypeError("`output_signature` must contain objects that are subclass of "
                                    f"`tf.TypeSpec` but found {type(spec)} which is not.")
            self._signature = output_signature
        else:
            if output_types is None:
                raise TypeError("To specify the output signature you need to provide either the "
                                "`output_signature` argument or the `output_types` argument.")
            self._signature = _signature_from_types(output_types, output_shapes)
        self._generator = generator
        self._args = tuple(structure.to_numpy(structure.to_arrays(a)) for a in (args or ()))

    def _compute_spec(self):
        return self._signature

    def _elements(self):
        specs = structure.flatten(self._signature)
        types_text = _types_text(self._signature)
        for value in self._generator(*self._args):
            value = structure.normalize_return(value) if isinstance(self._signature, tuple) else value
            yield self._convert(value, specs, types_text)

    def _convert(self, value, specs, types_text):
        n = len(specs)
        if not _matches(self._signature, value):
            raise iterator_error(InvalidArgumentError, "TypeError: `generator` yielded an element that did not "
                                 f"match the expected structure. The expected structure was {types_text}, but "
                                 f"the yielded element was {value}.", n)
        arrays = []
        for leaf, spec in zip(structure.flatten(value), specs):
            try:
                if isinstance(leaf, EagerTensor):
                    leaf = leaf._numpy()
                if spec.dtype == dtypes.string:
                    array = structure.to_arrays(np.asarray(leaf))
                else:
                    array = np.asarray(leaf).astype(spec.dtype.np_dtype)
            except (ValueError, TypeError):
                raise iterator_error(InvalidArgumentError, "TypeError: `generator` yielded an element that could "
                                     "not be converted to the expected type. The expected type was "
                                     f"{spec.dtype.name}, but the yielded element was {leaf}.", n) from None
            if not spec.shape.is_compatible_with(TensorShape(array.shape)):
                raise iterator_error(InvalidArgumentError, "TypeError: `generator` yielded an element of shape "
                                     f"{_shape_text(array.shape)} where an element of shape "
                                     f"{_shape_text(spec.shape.as_list())} was expected.", n)
            arrays.append(array)
        return structure.pack(self._signature, arrays)


def _matches(signature, value):
    if isinstance(signature, tuple):
        return isinstance(value, (tuple, list)) and len(value) == len(signature) and \
            all(_matches(s, v) for s, v in zip(signature, value))
    if isinstance(signature, dict):
        return isinstance(value, dict) and sorted(value) == sorted(signature) and \
            all(_matches(signature[k], value[k]) for k in signature)
    return True


def _types_text(signature):
    if isinstance(signature, tuple):
        inner = ", ".join(_types_text(s) for s in signature)
        return f"({inner}{',' if len(signature) == 1 else ''})"
    if isinstance(signature, dict):
        return "{" + ", ".join(f"{k!r}: {_types_text(v)}" for k, v in signature.items()) + "}"
    return repr(signature.dtype)
