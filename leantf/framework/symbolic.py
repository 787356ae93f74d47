"""Symbolic tensors: a shape (dims may be None), a dtype and the node that produces them.

Every primitive accepts symbolic inputs: it runs its spec rule instead of its kernel
and returns symbolic outputs attached to a new :class:`Node`. The nodes form a graph by
reference; :func:`evaluate` replays it with concrete values (through the eager path,
so a recording tape sees every op). ``tf.function``, Keras ``Input`` and
``tf.compat.v1`` build on this.
"""
import collections
import itertools

from . import dtypes
from .errors import InvalidArgumentError
from .tensor import Tensor
from .tensor_shape import TensorShape

__all__ = ["SymbolicTensor", "Node", "placeholder", "build_node", "evaluate"]

_name_counts = collections.defaultdict(itertools.count)


def unique_name(base):
    n = next(_name_counts[base])
    return base if n == 0 else f"{base}_{n}"


class Node:
    """One primitive application in a graph."""
    __slots__ = ("prim", "inputs", "attrs", "outputs", "name")

    def __init__(self, prim, inputs, attrs, name):
        self.prim = prim
        self.inputs = inputs
        self.attrs = attrs
        self.outputs = ()
        self.name = name

    def __repr__(self):
        return f"<Node {self.name} ({self.prim.name if self.prim else 'Placeholder'})>"


class SymbolicTensor(Tensor):
    __slots__ = ("_shape", "_dtype", "node", "index", "_name", "__weakref__", "__dict__")
    _is_symbolic = True

    def __init__(self, shape, dtype, node=None, index=0, name=None):
        self._shape = shape if isinstance(shape, TensorShape) else TensorShape(shape)
        self._dtype = dtypes.as_dtype(dtype)
        self.node = node
        self.index = index
        self._name = name

    @classmethod
    def _make(cls, shape, dtype, node, index, name):
        """An op's output; subclasses (KerasTensor) override to keep their own naming."""
        return SymbolicTensor(shape, dtype, node, index, name)

    @property
    def shape(self):
        return self._shape

    @property
    def dtype(self):
        return self._dtype

    @property
    def ndim(self):
        return self._shape.rank

    @property
    def name(self):
        return self._name

    @property
    def op(self):
        return self.node

    @property
    def device(self):
        return ""

    def __array__(self, dtype=None, copy=None):
        raise NotImplementedError(f"Cannot convert a symbolic tf.Tensor ({self._name}) to a numpy array. "
                                  "This error may indicate that you're trying to pass a Tensor to a NumPy "
                                  "call, which is not supported.")

    def numpy(self):
        raise NotImplementedError("numpy() is only available when eager execution is enabled.")

    def __len__(self):
        raise TypeError(f"len is not well defined for a symbolic Tensor ({self._name}). Please call "
                        "`x.shape` rather than `len(x)` for shape information.")

    def __iter__(self):
        first = self._shape[0] if self._shape.rank else None
        if first is None:
            raise TypeError("Cannot iterate over a tensor with unknown first dimension.")
        getitem = type(self).__getitem__
        return (getitem(self, i) for i in range(first))

    def __bool__(self):
        raise TypeError("Using a symbolic `tf.Tensor` as a Python `bool` is not allowed. You can attempt "
                        "the following resolutions to the problem: If you are running in Graph mode, use "
                        "Eager execution mode or decorate this function with @tf.function. If you are "
                        "using AutoGraph, you can try decorating this function with @tf.function. If that "
                        "does not work, then you may be using an unsupported feature or your source code "
                        "may not be visible to AutoGraph.")

    def __repr__(self):
        return f"<tf.Tensor '{self._name}' shape={self._shape} dtype={self._dtype.name}>"

    def __str__(self):
        return f'Tensor("{self._name}", shape={self._shape}, dtype={self._dtype.name})'


def placeholder(shape=None, dtype=dtypes.float32, name=None):
    """A source of a graph: a symbolic tensor with no producing node."""
    name = unique_name(name or "Placeholder")
    return SymbolicTensor(shape, dtype, None, 0, f"{name}:0")


def _dims_text(shape):
    if shape.rank is None:
        return "?"
    return "[" + ",".join("?" if d is None else str(d) for d in shape) + "]"


def build_node(prim, inputs, attrs):
    from .primitive import ShapeError, tf_type_name
    if prim.allowed is not None and inputs and inputs[0].dtype not in prim.allowed:
        raise TypeError(f"Value passed to parameter 'x' has DataType {inputs[0].dtype.name} not in list of "
                        f"allowed values: " + ", ".join(d.name for d in prim.allowed))
    if prim.spec_rule is None:
        raise NotImplementedError(f"primitive {prim.name} has no spec rule for symbolic inputs")
    name = unique_name(prim.name)
    try:
        spec = prim.spec_rule(*inputs, **attrs)
    except ShapeError as e:
        names = ", ".join(getattr(x, "_name", None) or "Const" for x in inputs)
        shapes = ", ".join(_dims_text(x.shape) for x in inputs)
        dt = tf_type_name(inputs[0].dtype).upper() if inputs else "FLOAT"
        raise ValueError(f"{e.graph_detail} for '{{{{node {name}}}}} = {prim.name}[T=DT_{dt}]({names})' "
                         f"with input shapes: {shapes}.") from None
    node = Node(prim, tuple(inputs), attrs, name)
    # Outputs take the class of the first symbolic input, so ops on Keras tensors give Keras tensors.
    cls = next(type(x) for x in inputs if getattr(x, "_is_symbolic", False))
    if prim.n_outputs == 1:
        shape, dtype = spec
        out = cls._make(shape, dtype, node, 0, f"{name}:0")
        node.outputs = (out,)
        return out
    outs = tuple(cls._make(s, d, node, i, f"{name}:{i}") for i, (s, d) in enumerate(spec))
    node.outputs = outs
    return outs


def evaluate(outputs, feeds):
    """Compute symbolic ``outputs`` given ``feeds``.

    ``feeds`` maps placeholders (or any symbolic tensors) to values: a dict keyed by
    ``tensor.ref()`` or a list of ``(tensor, value)`` pairs. Values are converted to the
    placeholder's dtype and checked against its static shape (``(id(tensor), eager_tensor)``
    pairs are also accepted and taken as they are). ``outputs`` may be one
    tensor or a list; the result has the same form. Ops run through the eager path, so a
    recording GradientTape sees them.
    """
    single = not isinstance(outputs, (list, tuple))
    targets = [outputs] if single else list(outputs)
    values = {}
    for k, v in (feeds.items() if isinstance(feeds, dict) else feeds):
        if isinstance(k, int):  # already an id(tensor) key: taken as it is
            values[k] = v
            continue
        k = k.deref() if hasattr(k, "deref") else k  # tensors are unhashable: dicts key them by ref()
        values[id(k)] = _fed_value(k, v)
    for t in _topological(targets, values):
        node = t.node
        if node is None:
            raise InvalidArgumentError(None, None, f"You must feed a value for placeholder tensor "
                                                   f"'{t.name}' with dtype {t.dtype.name}")
        args = [values[id(x)] if getattr(x, "_is_symbolic", False) else x for x in node.inputs]
        result = node.prim(*args, **node.attrs)
        if node.prim.n_outputs == 1:
            result = (result,)
        for o, r in zip(node.outputs, result):
            values[id(o)] = r
    out = [values[id(t)] if getattr(t, "_is_symbolic", False) else t for t in targets]
    return out[0] if single else out


def _fed_value(placeholder, value):
    """A feed as an eager tensor of the placeholder's dtype, checked against its static shape."""
    from .tensor import EagerTensor, convert_to_tensor
    if type(value) is not EagerTensor:
        value = convert_to_tensor(value, dtype=placeholder.dtype)
    shape = getattr(placeholder, "shape", None)
    if shape is not None and not shape.is_compatible_with(value.shape):
        raise ValueError(f"Cannot feed value of shape {tuple(value.shape.as_list())} for Tensor "
                         f"{placeholder.name}, which has shape {shape}")
    return value


def _topological(targets, known):
    """Symbolic tensors to compute, producers before consumers (iterative DFS)."""
    order, seen = [], set(known)
    stack = [(t, False) for t in reversed(targets) if getattr(t, "_is_symbolic", False)]
    while stack:
        t, expanded = stack.pop()
        if id(t) in seen:
            continue
        if expanded or t.node is None:
            seen.add(id(t))
            if t.node is not None:
                for o in t.node.outputs:
                    seen.add(id(o))
            order.append(t)
            continue
        stack.append((t, True))
        for x in reversed(t.node.inputs):
            if getattr(x, "_is_symbolic", False) and id(x) not in seen:
                stack.append((x, False))
    return order


def is_symbolic(x):
    return getattr(x, "_is_symbolic", False)

