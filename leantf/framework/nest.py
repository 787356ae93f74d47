"""tf.nest: flatten and rebuild nested lists, tuples, dicts and namedtuples."""
import collections.abc as _abc

__all__ = ["flatten", "pack_sequence_as", "map_structure", "is_nested", "assert_same_structure"]


_LEAF_TYPES = set()  # types seen not to be nested: skips the slow ABC check next time


def is_nested(x):
    t = type(x)
    if t is list or t is tuple or t is dict:
        return True
    if t in _LEAF_TYPES:
        return False
    if isinstance(x, (list, tuple, _abc.Mapping)):
        return True
    _LEAF_TYPES.add(t)
    return False


def _children(x):
    if isinstance(x, _abc.Mapping):
        return [x[k] for k in sorted(x, key=_sort_key)]
    return list(x)


def _sort_key(k):
    return (type(k).__name__, k) if not isinstance(k, str) else ("str", k)


def flatten(structure, expand_composites=False):
    if not is_nested(structure):
        return [structure]
    if type(structure) is list or type(structure) is tuple:
        for x in structure:
            if is_nested(x):
                break
        else:  # a flat list or tuple, the common case for gradient sources
            return list(structure)
    out = []
    stack = [structure]
    # Depth-first, left to right, without recursion limits for deep structures.
    while stack:
        x = stack.pop()
        if is_nested(x):
            stack.extend(reversed(_children(x)))
        else:
            out.append(x)
    return out


def _rebuild(template, it):
    if not is_nested(template):
        return next(it)
    if isinstance(template, _abc.Mapping):
        keys = sorted(template, key=_sort_key)
        values = {k: _rebuild(template[k], it) for k in keys}
        return _same_mapping(template, values)
    items = [_rebuild(c, it) for c in template]
    if isinstance(template, tuple) and hasattr(template, "_fields"):
        return type(template)(*items)
    return type(template)(items)


def _same_mapping(template, values):
    out = type(template)() if type(template) is not dict else {}
    for k in template:
        out[k] = values[k]
    return out


def pack_sequence_as(structure, flat_sequence, expand_composites=False):
    flat_sequence = list(flat_sequence)
    if type(structure) is list and len(structure) == len(flat_sequence) and \
            not any(is_nested(x) for x in structure):
        return flat_sequence
    n = len(flatten(structure))
    if n != len(flat_sequence):
        raise ValueError(f"Could not pack sequence. Structure had {n} atoms, but flat_sequence had "
                         f"{len(flat_sequence)} items.")
    return _rebuild(structure, iter(flat_sequence))


def assert_same_structure(nest1, nest2, check_types=True, expand_composites=False):
    n1, n2 = len(flatten(nest1)), len(flatten(nest2))
    if n1 != n2:
        raise ValueError("The two structures don't have the same number of elements.\n\n"
                         f"First structure: {nest1!r}\n\nSecond structure: {nest2!r}")


def map_structure(func, *structure, **kwargs):
    if not structure:
        raise ValueError("Must provide at least one structure")
    for s in structure[1:]:
        assert_same_structure(structure[0], s)
    flats = [flatten(s) for s in structure]
    return pack_sequence_as(structure[0], [func(*xs) for xs in zip(*flats)])
