"""KerasTensor: the symbolic tensor of the Functional API.

It is a leantf SymbolicTensor (so every tf op accepts it and infers its shape) that also
remembers which layer call produced it (``_keras_history``), which is how a Functional
model finds its graph.
"""
import itertools

from ..framework.symbolic import SymbolicTensor
from .utils import global_state

_ids = [itertools.count()]


def _next_name():
    n = next(_ids[0])
    return "keras_tensor" if n == 0 else f"keras_tensor_{n}"


@global_state.on_clear
def _reset_names():
    # clear_session() starts the automatic names over at "keras_tensor", as in Keras.
    _ids[0] = itertools.count()


class KerasHistory(tuple):
    """(layer, node_index, tensor_index), as in Keras."""
    __slots__ = ()

    @property
    def operation(self):
        return self[0]

    @property
    def node_index(self):
        return self[1]

    @property
    def tensor_index(self):
        return self[2]


class KerasTensor(SymbolicTensor):
    def __init__(self, shape, dtype="float32", sparse=False, ragged=False, record_history=True, name=None):
        super().__init__(shape, dtype, None, 0, name or _next_name())
        self._keras_history = None
        self.sparse = sparse
        self.ragged = ragged

    @classmethod
    def _make(cls, shape, dtype, node, index, name):
        """Output of a tf op applied to Keras tensors: a Keras tensor with that op in its history."""
        t = cls(shape, dtype)
        t.node, t.index = node, index
        t._keras_history = KerasHistory((_operation_for(node), 0, index))
        return t

    @property
    def name(self):
        return self._name

    def __repr__(self):
        return (f"<KerasTensor shape={tuple(self._shape.as_list())}, dtype={self._dtype.name}, "
                f"sparse={self.sparse}, ragged={self.ragged}, name={self._name}>")

    __str__ = __repr__


class TracedTensor(KerasTensor):
    """Stands in for a Keras tensor while a layer's ``call`` is traced for its output shape.

    Layer code sees a Keras tensor (so a layer that skips state updates while a graph is being
    built still does), but nothing here records graph history: layers called on it add no
    nodes, and ops on it give more traced tensors without taking an automatic name."""

    @classmethod
    def _make(cls, shape, dtype, node, index, name):
        t = cls(shape, dtype, name=name)
        t.node, t.index = node, index
        return t


def is_keras_tensor(x):
    return isinstance(x, SymbolicTensor)


# Keras's names for the operations tf ops become in a Functional graph (shown by summary()).
_KERAS_OP_NAMES = {"AddV2": "Add", "Sub": "Subtract", "Mul": "Multiply", "RealDiv": "Divide",
                   "StridedSlice": "GetItem", "MatMul": "Matmul", "Neg": "Negative", "Pow": "Power",
                   "ReshapeDynamic": "Reshape", "Pack": "Stack", "ConcatV2": "Concatenate",
                   "FloorDiv": "FloorDivide", "FloorMod": "Mod"}


class TFOpOperation:
    """A tf op recorded in a Functional graph; calling it replays the primitive."""

    def __init__(self, node):
        from . import naming
        self.prim = node.prim
        self.attrs = node.attrs
        cls_name = _KERAS_OP_NAMES.get(node.prim.name, node.prim.name.split(":")[0])
        self.class_name = cls_name
        self.name = naming.uniquify(naming.to_snake_case(cls_name))
        self._graph_node = node
        self._nodes = None
        self.built = True

    @property
    def _inbound_nodes(self):
        # Built on first use: the graph node's outputs exist only once the op has returned.
        if self._nodes is None:
            from .layers.layer import Node
            outs = self._graph_node.outputs
            self._nodes = [Node(self, tuple(self._graph_node.inputs), {},
                                outs[0] if len(outs) == 1 else list(outs))]
        return self._nodes

    def __call__(self, *args, **kwargs):
        return self.prim(*args, **self.attrs)

    def count_params(self):
        return 0

    @property
    def weights(self):
        return []

    variables = trainable_variables = non_trainable_variables = weights


_last_op = [None, None]


def _operation_for(node):
    # One operation per graph node, shared by the node's outputs (created in order).
    if _last_op[0] is not node:
        _last_op[0], _last_op[1] = node, TFOpOperation(node)
    return _last_op[1]
