"""Shape rules shared by many primitives' spec functions (dims may be None)."""
from ..framework.primitive import ShapeError
from ..framework.tensor_shape import TensorShape


def dims_text(shape):
    """TF's compact rendering of a shape in error messages: [2,3]."""
    if isinstance(shape, TensorShape):
        if shape.rank is None:
            return "<unknown>"
        shape = shape.as_list()
    return "[" + ",".join("?" if d is None else str(d) for d in shape) + "]"


def broadcast_shapes(a, b):
    """Broadcast two shapes as TF does; raises ShapeError with TF's texts."""
    a, b = TensorShape(a), TensorShape(b)
    if a.rank is None or b.rank is None:
        return TensorShape(None)
    da, db = a.as_list(), b.as_list()
    n = max(len(da), len(db))
    da = [1] * (n - len(da)) + da
    db = [1] * (n - len(db)) + db
    out = []
    for x, y in zip(da, db):
        if x == 1:
            out.append(y)
        elif y == 1:
            out.append(x)
        elif x is None or y is None:
            out.append(x if y is None else y)
        elif x == y:
            out.append(x)
        else:
            raise ShapeError(f"Incompatible shapes: {dims_text(a)} vs. {dims_text(b)}",
                             f"Dimensions must be equal, but are {x} and {y}")
    return TensorShape(out)


def canonical_axis(axis, rank, op_detail=None):
    """A single axis in [0, rank); raises ShapeError for out-of-range axes."""
    if rank is None:
        return axis
    if not -rank <= axis < rank:
        raise ShapeError(op_detail or f"Expected axis in the range [{-rank}, {rank}), but got {axis}")
    return axis % rank if rank else 0


def reduction_axes(axis, rank):
    """The reduced axes as a sorted tuple, or None for all axes."""
    if axis is None:
        return None if rank is None else tuple(range(rank))
    axes = [axis] if isinstance(axis, int) else list(axis)
    out = []
    for a in axes:
        a = int(a)
        if rank is not None and not -rank <= a < rank:
            raise ShapeError(f"Invalid reduction dimension ({a} for input with {rank} dimension(s)",
                             f"Invalid reduction dimension {a} for input with {rank} dimensions")
        out.append(a % rank if rank else a)
    return tuple(sorted(set(out)))


def reduced_shape(shape, axes, keepdims):
    if shape.rank is None:
        return TensorShape(None)
    dims = shape.as_list()
    if axes is None:
        axes = range(len(dims))
    if keepdims:
        return TensorShape([1 if i in axes else d for i, d in enumerate(dims)])
    return TensorShape([d for i, d in enumerate(dims) if i not in axes])
