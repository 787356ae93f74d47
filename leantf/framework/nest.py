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
    if not is_nested(flat_sequence):
        raise TypeError(f"Attempted to pack value:\n  {flat_sequence}\ninto a structure, but found incompatible "
                        f"type `{type(flat_sequence)}` instead.")
    flat_sequence = list(flat_sequence)
    if type(structure) is list and len(structure) == len(flat_sequence) and \
            not any(is_nested(x) for x in structure):
        return flat_sequence
    if not is_nested(structure):
        if len(flat_sequence) != 1:
            raise ValueError(f"The target structure is of type `{type(structure)}`\n  {structure}\nHowever the "
                             f"input is a sequence ({type(flat_sequence)}) of length {len(flat_sequence)}.\n  "
                             f"{flat_sequence}\nnest cannot guarantee that it is safe to map one to the other.")
        return flat_sequence[0]
    n = len(flatten(structure))
    if n != len(flat_sequence):
        raise ValueError(f"Could not pack sequence. Structure had {n} atoms, but flat_sequence had "
                         f"{len(flat_sequence)} items.  Structure: {structure}, flat_sequence: {flat_sequence}.")
    return _rebuild(structure, iter(flat_sequence))


class _Mismatch(Exception):
    """Where two structures first differ: the error class TF raises and its detail text."""

    def __init__(self, error_class, detail):
        super().__init__(detail)
        self.error_class = error_class
        self.detail = detail


def _described(x):
    return f"type={type(x).__name__} str={x}"


class _Dot:
    """A leaf in TF's skeleton drawing of a structure ("[., (., .)]")."""

    def __repr__(self):
        return "."


_DOT = _Dot()


def _compare(a, b, check_types):
    """Walk two structures together; raise _Mismatch where they differ (TF's checks, in TF's order)."""
    seq_a, seq_b = is_nested(a), is_nested(b)
    if seq_a != seq_b:
        seq, leaf = (a, b) if seq_a else (b, a)
        raise _Mismatch(ValueError, f'Substructure "{_described(seq)}" is a sequence, while substructure '
                                    f'"{_described(leaf)}" is not')
    if not seq_a:
        return
    map_a, map_b = isinstance(a, _abc.Mapping), isinstance(b, _abc.Mapping)
    if check_types and type(a) is not type(b) and not (map_a and map_b):
        raise _Mismatch(TypeError, f"The two namedtuples don't have the same sequence type. First structure "
                                   f"{_described(a)} has type {type(a).__name__}, while second structure "
                                   f"{_described(b)} has type {type(b).__name__}")
    if map_a and map_b:
        keys_a, keys_b = sorted(a, key=_sort_key), sorted(b, key=_sort_key)
        if keys_a != keys_b:
            raise _Mismatch(ValueError, f"The two dictionaries don't have the same set of keys. First structure "
                                        f"has keys {_described(keys_a)}, while second structure has keys "
                                        f"{_described(keys_b)}")
    if len(a) != len(b):
        raise _Mismatch(ValueError, f"The two structures don't have the same number of elements. First "
                                    f"structure: {_described(a)}. Second structure: {_described(b)}")
    for x, y in zip(_children(a), _children(b)):
        _compare(x, y, check_types)


def assert_same_structure(nest1, nest2, check_types=True, expand_composites=False):
    try:
        _compare(nest1, nest2, check_types)
    except _Mismatch as m:
        skeleton1 = _rebuild(nest1, iter([_DOT] * len(flatten(nest1))))
        skeleton2 = _rebuild(nest2, iter([_DOT] * len(flatten(nest2))))
        raise m.error_class(
            f"The two structures don't have the same nested structure.\n\nFirst structure: {_described(nest1)}\n\n"
            f"Second structure: {_described(nest2)}\n\nMore specifically: {m.detail}\n"
            f"Entire first structure:\n{skeleton1}\nEntire second structure:\n{skeleton2}") from None


def map_structure(func, *structure, **kwargs):
    if not structure:
        raise ValueError("Must provide at least one structure")
    check_types = kwargs.pop("check_types", True)
    kwargs.pop("expand_composites", None)
    for k in kwargs:
        raise ValueError(f"Only valid keyword arguments are `check_types` and `expand_composites`, not: `{k}`")
    for s in structure[1:]:
        assert_same_structure(structure[0], s, check_types=check_types)
    flats = [flatten(s) for s in structure]
    return pack_sequence_as(structure[0], [func(*xs) for xs in zip(*flats)])
