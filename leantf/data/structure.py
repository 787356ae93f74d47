"""Element structures as tf.data sees them.

tf.data nests tuples, namedtuples and dicts but treats a Python *list* as one value to be
converted to a tensor (its own nest rules, unlike tf.nest). Inside the pipeline an element
is that structure with a NumPy array at every leaf (0-d arrays for scalars, object arrays
of bytes for strings); it is wrapped into EagerTensors only where the user sees it.
"""
import collections.abc as _abc

import numpy as np

from ..framework import dtypes
from ..framework.tensor import EagerTensor, Tensor, convert_to_tensor, wrap_as
from ..framework.tensor_shape import TensorShape
from ..framework.tensor_spec import TensorSpec, common_shape

__all__ = ["flatten", "pack", "map_structure", "to_arrays", "spec_of", "to_tensors", "to_numpy",
           "call_with", "normalize_return", "spec_from_values"]


def _is_nested(x):
    return isinstance(x, (tuple, _abc.Mapping))


def _keys(mapping):
    return sorted(mapping)  # TF orders dict components by sorted key


def flatten(structure):
    if not _is_nested(structure):
        return [structure]
    out = []
    items = [structure[k] for k in _keys(structure)] if isinstance(structure, _abc.Mapping) else structure
    for item in items:
        out.extend(flatten(item))
    return out


def _rebuild(template, it):
    if not _is_nested(template):
        return next(it)
    if isinstance(template, _abc.Mapping):
        values = {k: _rebuild(template[k], it) for k in _keys(template)}
        return type(template)((k, values[k]) for k in template) if type(template) is not dict else \
            {k: values[k] for k in template}
    items = [_rebuild(c, it) for c in template]
    if hasattr(template, "_fields"):
        return type(template)(*items)
    return tuple(items)


def pack(template, flat):
    return _rebuild(template, iter(flat))


def map_structure(fn, structure):
    return pack(structure, [fn(leaf) for leaf in flatten(structure)])


def same_structure(a, b):
    """True when ``a`` and ``b`` nest the same way (leaves may differ)."""
    if _is_nested(a) != _is_nested(b):
        return False
    if not _is_nested(a):
        return True
    if isinstance(a, _abc.Mapping):
        return isinstance(b, _abc.Mapping) and _keys(a) == _keys(b) and \
            all(same_structure(a[k], b[k]) for k in a)
    return len(a) == len(b) and all(same_structure(x, y) for x, y in zip(a, b))


def _leaf_array(leaf):
    if leaf is None:
        raise TypeError("Unsupported return value from function passed to a tf.data transformation: None.")
    t = leaf if isinstance(leaf, EagerTensor) else convert_to_tensor(leaf)
    return np.asarray(t._value)  # 0-d values become 0-d arrays: one leaf type everywhere


def to_arrays(element):
    """A user value (tensors, arrays, Python numbers and lists in tuples/dicts) as an element."""
    return map_structure(_leaf_array, element)


def _leaf_spec(leaf):
    if isinstance(leaf, TensorSpec):
        return leaf
    if isinstance(leaf, np.ndarray):
        return TensorSpec(leaf.shape, dtypes.from_numpy(leaf.dtype) if leaf.dtype != object else dtypes.string)
    if not (isinstance(leaf, Tensor) or getattr(leaf, "_is_variable", False)):
        leaf = convert_to_tensor(leaf)
    return TensorSpec(leaf.shape, leaf.dtype)


def spec_of(element):
    """The element_spec of an element (arrays, tensors, symbolic tensors or values)."""
    return map_structure(_leaf_spec, element)


def _wrap_leaf(a):
    return wrap_as(a, dtypes.from_numpy(a.dtype))


def to_tensors(element):
    """Wrap an element's arrays as EagerTensors (no copy: tensors are immutable)."""
    return map_structure(_wrap_leaf, element)


def _numpy_leaf(a):
    if a.ndim == 0:
        return a[()]
    return a.copy()  # the caller owns what it gets; pipeline arrays may be shared


def to_numpy(element):
    return map_structure(_numpy_leaf, element)


def call_with(fn, element):
    """Call a transformation function as TF does: a plain tuple is spread over the arguments."""
    if type(element) is tuple:
        return fn(*element)
    return fn(element)


def normalize_return(value):
    # TF turns a list returned by a dataset function into a tuple of components.
    return tuple(value) if isinstance(value, list) else value


def spec_from_values(values):
    """The most specific spec all the given elements fit (dims that differ become None)."""
    specs = [spec_of(v) for v in values]
    first = specs[0]
    flat = flatten(first)
    for other in specs[1:]:
        flat = [TensorSpec(common_shape(a.shape, b.shape), a.dtype) for a, b in zip(flat, flatten(other))]
    return pack(first, flat)


def shape_dims(shape):
    return None if shape.rank is None else shape.as_list()


def unknown_spec(dtype):
    return TensorSpec(TensorShape(None), dtype)
