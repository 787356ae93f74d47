"""Functional models: a graph of layer calls (and tf ops) between Keras tensors.

The graph is found by walking ``_keras_history`` back from the outputs, and ordered as
Keras orders it (by depth, ties by first visit), because that order names weights in saved
files. Calling the model replays the nodes in that order on concrete tensors (or on plain
symbolic ones when the model is itself a layer of a bigger graph).
"""
import collections
import warnings

import numpy as np

from ...framework import nest
from ...framework.symbolic import SymbolicTensor
from ...framework.tensor import EagerTensor, Tensor, convert_to_tensor
from ...ops.array_ops import expand_dims, squeeze
from ...ops.basic_ops import cast
from ..layers import _call_info
from ..layers.input_layer import InputLayer
from ..layers.input_spec import InputSpec, assert_input_compatibility
from ..layers.layer import Layer, Node, get_keras_mask, set_keras_mask
from .model import Model

__all__ = ["Functional"]


def _history(t):
    return getattr(t, "_keras_history", None)


def map_graph(inputs, outputs, input_ops):
    """Nodes ordered for execution and operations ordered as Keras lists them.

    `input_ops` maps id(input tensor) to the operation standing for it (its InputLayer)."""
    finished, in_progress = set(), set()
    order = []
    op_index = {}

    def visit(tensor):
        if id(tensor) in input_ops:
            return
        h = _history(tensor)
        op, node_index = h[0], h[1]
        node = op._inbound_nodes[node_index]
        if id(node) in finished:
            return
        if id(node) in in_progress:
            raise ValueError(f"Tensor {tensor} from operation '{op.name}' is part of a cycle.")
        if isinstance(op, InputLayer):
            done = [n.operation.name for n in order]
            raise ValueError(f"Graph disconnected: cannot find parents for tensor {tensor} at layer '{op.name}'. "
                             f"The following previous operations were accessed without issue: {done}")
        op_index.setdefault(id(op), (len(op_index), op))
        in_progress.add(id(node))
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
        for x in node.input_tensors:
            if id(x) in input_ops:
                continue
            h = _history(x)
            parent = h[0]._inbound_nodes[h[1]]
            node_depth[id(parent)] = max(depth + 1, node_depth.get(id(parent), 0))
    max_depth = max(op_depth.values(), default=-1) + 1
    for t in inputs:
        op = input_ops[id(t)]
        if id(op) not in op_depth:
            op_depth[id(op)] = max_depth
            op_index[id(op)] = (-1, op)
    by_depth = collections.defaultdict(list)
    for op_id, depth in op_depth.items():
        by_depth[depth].append(op_index[op_id])
    operations = []
    for depth in sorted(by_depth, reverse=True):
        operations.extend(op for _, op in sorted(by_depth[depth], key=lambda x: x[0]))
    nodes = sorted(order, key=lambda n: -node_depth[id(n)])
    return nodes, operations


class Functional(Model):
    def __init__(self, inputs, outputs, name=None, trainable=True, **kwargs):
        super().__init__(name=name or None, trainable=trainable, _functional_name=True, **kwargs)
        if isinstance(inputs, dict):
            for k, v in inputs.items():
                if isinstance(v, SymbolicTensor) and k != v.name:
                    warnings.warn("When providing `inputs` as a dict, all keys in the dict must match the names of "
                                  f"the corresponding tensors. Received key '{k}' mapping to value {v} which has "
                                  f"name '{v.name}'. Change the tensor name to '{k}' (via `Input(..., name='{k}')`)",
                                  stacklevel=3)
            self._inputs_struct = dict(inputs)
        elif isinstance(inputs, (list, tuple)):
            self._inputs_struct = list(inputs)
        else:
            self._inputs_struct = inputs
        self._outputs_struct = list(outputs) if isinstance(outputs, tuple) else outputs
        self._input_tensors = nest.flatten(self._inputs_struct)
        self._output_tensors = nest.flatten(self._outputs_struct)
        for what, group, given in (("inputs", self._input_tensors, inputs), ("outputs", self._output_tensors, outputs)):
            for t in group:
                if not isinstance(t, SymbolicTensor) or _history(t) is None:
                    raise ValueError(f"All `{what}` values must be KerasTensors. Received: {what}={given} "
                                     f"including invalid value {t} of type {type(t)}")
        input_ops = {}
        for t in self._input_tensors:
            op = _history(t)[0]
            if not isinstance(op, InputLayer):
                op = _stand_in_input(t)  # an inner tensor as input: an Input takes its place
            input_ops[id(t)] = op
        self._input_ops = input_ops
        self._nodes, self._operations = map_graph(self._input_tensors, self._output_tensors, input_ops)
        self.built = True
        self._build_shapes = None
        self._convert_input_args = False
        self._allow_non_tensor_positional_args = True
        self.output_names = [_history(t)[0].name for t in self._output_tensors]

    def _obj_type(self):
        return "Functional"

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

    @property
    def output(self):
        return self._outputs_struct

    @property
    def inputs(self):
        return list(self._input_tensors)

    @property
    def outputs(self):
        return list(self._output_tensors)

    @property
    def input_shape(self):
        shapes = nest.map_structure(lambda t: tuple(t.shape.as_list()), self._inputs_struct)
        return shapes[0] if isinstance(shapes, list) and len(shapes) == 1 else shapes

    @property
    def output_shape(self):
        shapes = nest.map_structure(lambda t: tuple(t.shape.as_list()), self._outputs_struct)
        return shapes[0] if isinstance(shapes, list) and len(shapes) == 1 else shapes

    @property
    def input_spec(self):
        manual = self.__dict__.get("_manual_input_spec")
        if manual is not None:
            return manual
        struct = self.__dict__.get("_inputs_struct")
        if struct is None:
            return None

        def spec(t, name=None):
            op = self._input_ops[id(t)]
            dims = list(t.shape.as_list())
            if dims:
                dims[0] = None
            return InputSpec(shape=tuple(dims), allow_last_axis_squeeze=True, name=name or op.name,
                             optional=bool(getattr(op, "optional", False)))
        if isinstance(struct, dict):
            if all(isinstance(v, SymbolicTensor) for v in struct.values()):
                return [spec(struct[k], k) for k in sorted(struct)]
            return None
        return [spec(t) for t in self._input_tensors]

    @input_spec.setter
    def input_spec(self, value):
        self.__dict__["_manual_input_spec"] = value

    # -- running ---------------------------------------------------------------------------------
    def _assert_input_compatibility(self, first_arg):
        for x, t in zip(nest.flatten(first_arg), self._input_tensors):
            if x is None and not getattr(self._input_ops[id(t)], "optional", False):
                raise ValueError(f"The input '{t.name}' is not optional, but None was passed. Please provide a "
                                 "valid tensor.")
        assert_input_compatibility(self.input_spec, first_arg, self.name)

    def _standardize_inputs(self, inputs):
        struct = self._inputs_struct
        must_match = False
        if isinstance(struct, list) and len(struct) == 1 and _is_value(inputs):
            inputs = [inputs]
        elif isinstance(inputs, dict) and not isinstance(struct, dict):
            names = [t.name for t in self._input_tensors]
            if set(names) <= set(inputs):
                inputs = [inputs[n] for n in names]
            else:
                must_match = True
        if isinstance(struct, dict) and not isinstance(inputs, dict) and list(struct) != sorted(struct):
            must_match = True
        self._check_structure(inputs, must_match)
        flat = nest.flatten(inputs)
        out = []
        for x, t in zip(flat, self._input_tensors):
            if x is None:
                out.append(x)
                continue
            mask = get_keras_mask(x)
            x = _to_dtype(x, t.dtype)
            x = self._adjust_rank(x, t)
            if mask is not None:
                set_keras_mask(x, mask)
            out.append(x)
        return out

    def _check_structure(self, inputs, must_match):
        def normalized(s):
            if isinstance(s, (list, tuple)):
                return tuple(normalized(v) for v in s)
            if isinstance(s, dict):
                return {k: normalized(v) for k, v in s.items()}
            return 0
        a, b = normalized(inputs), normalized(self._inputs_struct)
        same = (a == b) if not isinstance(a, dict) or not isinstance(b, dict) else (
            set(a) == set(b) and all(a[k] == b[k] for k in a))
        if same:
            return
        expected = nest.map_structure(lambda t: "None" if t is None else t.name, self._inputs_struct)
        received = nest.map_structure(lambda x: "None" if x is None else f"Tensor(shape={_shape_text(x)})", inputs)
        msg = (f"The structure of `inputs` doesn't match the expected structure.\nExpected: {expected}\n"
               f"Received: inputs={received}")
        if must_match:
            raise ValueError(msg)
        warnings.warn(msg, stacklevel=5)

    def _adjust_rank(self, x, t):
        rank, ref = x.shape.rank, t.shape.rank
        if rank == ref or rank is None or ref is None:
            return x
        if rank == ref + 1 and x.shape[-1] == 1:
            return squeeze(x, axis=-1)
        if rank == ref - 1 and t.shape[-1] == 1:
            return expand_dims(x, -1)
        raise ValueError(f"Invalid input shape for input {x} with name '{t.name}' and path "
                         f"'{self._input_tensors.index(t)}'. Expected shape {tuple(t.shape.as_list())}, but input "
                         f"has incompatible shape {tuple(x.shape.as_list())}")

    def call(self, inputs, training=None, mask=None, **kwargs):
        flat = self._standardize_inputs(inputs)
        if mask is not None:
            for x, m in zip(flat, nest.flatten(mask)):
                if m is not None:
                    set_keras_mask(x, m)
        values = {}
        for t, x in zip(self._input_tensors, flat):
            values[id(t)] = x

        def get(v):
            return values[id(v)] if isinstance(v, SymbolicTensor) and id(v) in values else v
        for node in self._nodes:
            op = node.operation
            args = tuple(nest.map_structure(get, a) for a in node.call_args)
            kw = {k: nest.map_structure(get, v) for k, v in node.call_kwargs.items()} if node.call_kwargs else {}
            if training is not None and isinstance(op, Layer) and \
                    _call_info.signature_info(type(op)).has_training:
                kw["training"] = training  # the model's mode wins over what was recorded
            outs = op(*args, **kw)
            for kt, value in zip(nest.flatten(node.outputs), nest.flatten(outs)):
                values[id(kt)] = value
        out = nest.map_structure(get, self._outputs_struct)
        return out[0] if isinstance(out, list) and len(out) == 1 else out


def _is_value(x):
    return isinstance(x, (Tensor, np.ndarray)) or getattr(x, "_is_variable", False)


def _shape_text(x):
    shape = x.shape
    return str(tuple(shape.as_list())) if hasattr(shape, "as_list") else str(tuple(shape))


def _to_dtype(x, dtype):
    if isinstance(x, (EagerTensor, SymbolicTensor)):
        return x if x.dtype is dtype else cast(x, dtype)
    if getattr(x, "_is_variable", False):
        x = convert_to_tensor(x)
        return x if x.dtype is dtype else cast(x, dtype)
    arr = np.asarray(x)
    if arr.dtype != dtype.np_dtype:
        arr = arr.astype(dtype.np_dtype)
    return convert_to_tensor(arr)


def _stand_in_input(tensor):
    """An InputLayer standing for an inner tensor used as a model input (its history is kept)."""
    layer = InputLayer.__new__(InputLayer)
    Layer.__init__(layer, name=None, dtype=tensor.dtype.name)
    layer._batch_shape = tuple(tensor.shape.as_list())
    layer.sparse = False
    layer.optional = False
    layer.built = True
    layer._input_tensor = tensor
    layer._inbound_nodes.append(Node(layer, (), {}, tensor))
    return layer
