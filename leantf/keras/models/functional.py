"""Functional models: a graph of layer calls (and tf ops) between Keras tensors.

The graph is found by walking ``_keras_history`` back from the outputs, and ordered as
Keras orders it (by depth, ties by first visit), because that order names weights in saved
files. Calling the model replays the nodes in that order on concrete tensors.
"""
import collections

from ...framework import nest
from ...framework.symbolic import SymbolicTensor
from ...framework.tensor import EagerTensor, convert_to_tensor
from ...ops.basic_ops import cast
from ..layers.input_layer import InputLayer
from ..layers.layer import Layer
from .model import Model

__all__ = ["Functional"]


def _history(t):
    return getattr(t, "_keras_history", None)


def map_graph(inputs, outputs):
    """Nodes ordered for execution and operations ordered as Keras lists them."""
    finished, in_progress = set(), set()
    order = []
    op_index = {}
    input_ids = {id(t) for t in inputs}

    def visit(tensor):
        h = _history(tensor)
        if h is None:
            return
        op, node_index = h[0], h[1]
        node = op._inbound_nodes[node_index]
        if id(node) in finished:
            return
        if id(node) in in_progress:
            raise ValueError(f"Tensor {tensor} from operation '{op.name}' is part of a cycle.")
        op_index.setdefault(id(op), (len(op_index), op))
        in_progress.add(id(node))
        if id(tensor) not in input_ids:
            for x in node.input_tensors:
                visit(x)
        in_progress.discard(id(node))
        finished.add(id(node))
        order.append(node)

    for t in outputs:
        visit(t)

    node_depth, op_depth = {}, {}
    for node in reversed(order):
        depth = max(node_depth.setdefault(id(node), 0), op_depth.get(id(node.operation), 0))
        op_depth[id(node.operation)] = depth
        node_depth[id(node)] = depth
        for parent in _parent_nodes(node, input_ids):
            node_depth[id(parent)] = max(depth + 1, node_depth.get(id(parent), 0))
    for t in inputs:
        op = _history(t)[0]
        if id(op) not in op_depth:
            op_depth[id(op)] = 0
            op_index[id(op)] = (-1, op)
    by_depth = collections.defaultdict(list)
    for op_id, depth in op_depth.items():
        by_depth[depth].append(op_index[op_id])
    operations = []
    for depth in sorted(by_depth, reverse=True):
        operations.extend(op for _, op in sorted(by_depth[depth], key=lambda x: x[0]))
    nodes = sorted(order, key=lambda n: -node_depth[id(n)])
    return nodes, operations


def _parent_nodes(node, input_ids):
    out = []
    for x in node.input_tensors:
        h = _history(x)
        if h is not None:
            out.append(h[0]._inbound_nodes[h[1]])
    return out


class Functional(Model):
    def __init__(self, inputs, outputs, name=None, trainable=True, **kwargs):
        super().__init__(name=name or None, trainable=trainable, _functional_name=True, **kwargs)
        if isinstance(inputs, dict):
            self._inputs_struct = dict(inputs)
        elif isinstance(inputs, (list, tuple)):
            self._inputs_struct = list(inputs)
        else:
            self._inputs_struct = inputs
        self._outputs_struct = outputs if not isinstance(outputs, tuple) else list(outputs)
        self._input_tensors = nest.flatten(self._inputs_struct)
        self._output_tensors = nest.flatten(self._outputs_struct)
        for t in self._input_tensors + self._output_tensors:
            if not isinstance(t, SymbolicTensor) or _history(t) is None:
                raise ValueError(f"All `inputs` and `outputs` values must be KerasTensors. Received: "
                                 f"inputs={inputs} including invalid value {t} of type {type(t)}")
        self._nodes, self._operations = map_graph(self._input_tensors, self._output_tensors)
        self.built = True
        self._build_shapes = None

    # -- structure ---------------------------------------------------------------------------
    @property
    def layers(self):
        return [op for op in self._operations if isinstance(op, Layer)]

    @property
    def operations(self):
        return list(self._operations)

    @property
    def _layers(self):
        return self.layers

    @property
    def input(self):
        return self._inputs_struct

    inputs = input

    @property
    def output(self):
        return self._outputs_struct

    outputs = output

    @property
    def input_shape(self):
        return nest.map_structure(lambda t: tuple(t.shape.as_list()), self._inputs_struct)

    @property
    def output_shape(self):
        return nest.map_structure(lambda t: tuple(t.shape.as_list()), self._outputs_struct)

    # -- running ---------------------------------------------------------------------------------
    def _flat_inputs(self, inputs):
        struct = self._inputs_struct
        if isinstance(struct, dict):
            if isinstance(inputs, dict):
                missing = [k for k in struct if k not in inputs]
                if missing:
                    raise ValueError(f"Missing data for input {missing[0]!r}. You passed a data dictionary with "
                                     f"keys {list(inputs)}. Expected the following keys: {list(struct)}")
                return [inputs[k] for k in struct]
            return nest.flatten(inputs)
        if isinstance(inputs, dict):  # matched to the Input tensors by name, else by order
            if all(t.name in inputs for t in self._input_tensors):
                return [inputs[t.name] for t in self._input_tensors]
            return list(inputs.values())
        flat = nest.flatten(inputs)
        if len(flat) != len(self._input_tensors):
            raise ValueError(f'Layer "{self.name}" expects {len(self._input_tensors)} input(s), but it received '
                             f"{len(flat)} input tensors. Inputs received: {inputs}")
        return flat

    def call(self, inputs, training=None, mask=None):
        values = {}
        for t, x in zip(self._input_tensors, self._flat_inputs(inputs)):
            if not isinstance(x, SymbolicTensor):
                x = convert_to_tensor(x) if type(x) is not EagerTensor else x
                if x.dtype is not t.dtype and x.dtype.is_floating and t.dtype.is_floating:
                    x = cast(x, t.dtype)
            values[id(t)] = x

        def get(v):
            return values[id(v)] if isinstance(v, SymbolicTensor) else v
        for node in self._nodes:
            op = node.operation
            if isinstance(op, InputLayer):
                continue
            args = nest.map_structure(get, node.call_args)
            kwargs = nest.map_structure(get, node.call_kwargs) if node.call_kwargs else {}
            if isinstance(op, Layer) and "training" in kwargs:
                kwargs["training"] = training
            outs = op(*args, **kwargs)
            for kt, value in zip(nest.flatten(node.outputs), nest.flatten(outs)):
                values[id(kt)] = value
        return nest.map_structure(get, self._outputs_struct)
