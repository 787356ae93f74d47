"""The config of a Functional model, as Keras 3 writes and reads it.

``{"name", "trainable", "layers", "input_layers", "output_layers"}``: ``layers`` lists every
operation in the model's own order (the order weight files are walked in), each entry being
the layer's serialized config plus ``name`` and ``inbound_nodes``; an inbound node is the
call's ``{"args", "kwargs"}`` with every Keras tensor written as ``__keras_tensor__`` naming
``[layer name, node index, tensor index]``. Node indices count only the calls that belong to
this model, so a layer shared with another model still reads back correctly.

Keras quirk kept for compatibility: a Functional model used as a layer owns one extra node in
Keras (the one made when it was constructed), so Keras numbers its call nodes from 1. leantf
models have no such node; the offset is added when writing and removed when reading.

Reading rebuilds the graph by calling each deserialized layer on the tensors its node names,
retrying nodes whose inputs are not ready yet, exactly as Keras's ``functional_from_config``.
Every object comes from ``deserialize_keras_object`` (the allowlist) and must be a Layer.
"""
from ...framework import nest
from ...framework.symbolic import SymbolicTensor
from .serialization import deserialize_keras_object, serialize_keras_object

__all__ = ["functional_get_config", "functional_from_config", "is_functional_config", "has_functional_constructor"]

_FUNCTIONAL_KEYS = ("name", "layers", "input_layers", "output_layers")


def _functional_cls():
    from ..models.functional import Functional
    return Functional


def _own_node_ids(model):
    ids = {id(n) for n in model._nodes}
    for t in model._input_tensors:  # input layers' nodes are part of the model, though never run
        op = model._input_ops[id(t)]
        ids.update(id(n) for n in op._inbound_nodes)
    return ids


def _node_index_map(model, own):
    """(id(op), original node index) -> index among the nodes this model owns."""
    functional = _functional_cls()
    reindex = {}
    for op in model._operations:
        kept = 1 if isinstance(op, functional) else 0
        for i, node in enumerate(op._inbound_nodes):
            if id(node) in own:
                reindex[(id(op), i)] = kept
                kept += 1
    return reindex


def _serialize_node(node, reindex):
    if not node.input_tensors:
        return None

    def tensor_config(x):
        if not isinstance(x, SymbolicTensor) or getattr(x, "_keras_history", None) is None:
            return serialize_keras_object(x)
        op, node_index, tensor_index = x._keras_history
        return {"class_name": "__keras_tensor__",
                "config": {"shape": None if x.shape.rank is None else x.shape.as_list(), "dtype": x.dtype.name,
                           "keras_history": [op.name, reindex[(id(op), node_index)], tensor_index]}}

    args = nest.map_structure(tensor_config, list(node.call_args))
    kwargs = {k: nest.map_structure(tensor_config, v) for k, v in (node.call_kwargs or {}).items()}
    return {"args": args, "kwargs": kwargs}


def functional_get_config(model):
    own = _own_node_ids(model)
    reindex = _node_index_map(model, own)
    layers = []
    for op in model._operations:
        inbound = []
        for node in op._inbound_nodes:
            if id(node) in own:
                data = _serialize_node(node, reindex)
                if data is not None:
                    inbound.append(data)
        entry = serialize_keras_object(op)
        entry["name"] = op.name
        entry["inbound_nodes"] = inbound
        layers.append(entry)

    def tensor_ref(t):
        op, node_index, tensor_index = t._keras_history
        return [op.name, reindex[(id(op), node_index)], tensor_index]

    def refs(struct):
        if isinstance(struct, dict):
            return {k: refs(v) for k, v in struct.items()}
        if isinstance(struct, (list, tuple)):
            return [refs(v) for v in struct]
        return tensor_ref(struct)

    return {"name": model.name, "trainable": model.trainable, "layers": layers,
            "input_layers": refs(model._inputs_struct), "output_layers": refs(model._outputs_struct)}


def is_functional_config(config):
    return isinstance(config, dict) and all(k in config for k in _FUNCTIONAL_KEYS)


def _node_offset(layer):
    return 1 if isinstance(layer, _functional_cls()) else 0


def _output_of(created, name, node_index, tensor_index):
    if name not in created:
        raise ValueError(f"Invalid Functional model configuration. Missing node: {name}")
    layer = created[name]
    node_index -= _node_offset(layer)
    if not 0 <= node_index < len(layer._inbound_nodes):
        # Not created yet: the caller retries this node after the others.
        raise IndexError(f"Layer node index out of bounds.\ninbound_layer = {layer}\ninbound_node_index = "
                         f"{node_index}")
    return nest.flatten(layer._inbound_nodes[node_index].outputs)[tensor_index]


def _revive_node(node_data, created, custom_objects):
    if not node_data:
        return [], {}
    if isinstance(node_data, list):  # Keras 2 style: [[name, node, tensor(, kwargs)], ...]
        tensors, kwargs = [], {}
        for item in node_data:
            if len(item) not in (3, 4):
                raise ValueError("Cannot deserialize the model (invalid config data?)")
            kwargs = item[3] if len(item) == 4 else {}
            tensors.append(_output_of(created, item[0], item[1], item[2]))
        return [tensors[0] if len(tensors) == 1 else tensors], kwargs
    args = deserialize_keras_object(node_data["args"], custom_objects=custom_objects)
    kwargs = deserialize_keras_object(node_data["kwargs"], custom_objects=custom_objects)

    def revive(x):
        history = getattr(x, "_pre_serialization_keras_history", None)
        if history is None:
            return x
        if history[0] not in created:
            raise ValueError(f"Unknown layer: {history[0]}")
        return _output_of(created, *history)
    return nest.map_structure(revive, args), nest.map_structure(revive, kwargs)


def functional_from_config(cls, config, custom_objects=None):
    """An instance of ``cls`` (Functional or a subclass with Functional's constructor)."""
    from ..layers.layer import Layer
    config = dict(config)
    layer_entries = config.pop("layers")
    input_refs, output_refs = config.pop("input_layers"), config.pop("output_layers")
    name, trainable = config.pop("name", None), config.pop("trainable", None)

    created, pending = {}, {}
    for entry in layer_entries:
        layer = deserialize_keras_object(entry, custom_objects=custom_objects)
        if not isinstance(layer, Layer):
            raise ValueError(f"Unexpected object from deserialization, expected a layer or operation, got a "
                             f"{type(layer)}")
        created[entry["name"]] = layer
        if entry.get("inbound_nodes"):
            pending[entry["name"]] = list(entry["inbound_nodes"])

    while pending:
        progressed = False
        for entry in layer_entries:
            nodes = pending.get(entry["name"])
            if not nodes:
                continue
            done = 0
            for node_data in nodes:
                try:
                    args, kwargs = _revive_node(node_data, created, custom_objects)
                except IndexError:
                    break
                created[entry["name"]](*args, **kwargs)
                done += 1
            if done:
                progressed = True
                if done == len(nodes):
                    del pending[entry["name"]]
                else:
                    pending[entry["name"]] = nodes[done:]
        if not progressed:
            raise ValueError("Invalid Functional model configuration. The graph of the Functional model either has "
                             f"loops or disconnected nodes. The following nodes failed to be resolved: {pending}")

    def tensors(refs):
        if isinstance(refs, list) and len(refs) == 3 and isinstance(refs[0], str):
            return _output_of(created, *refs)
        if isinstance(refs, dict):
            return {k: tensors(v) for k, v in refs.items()}
        return [tensors(v) for v in refs]

    kwargs = {} if trainable is None else {"trainable": trainable}
    return cls(inputs=tensors(input_refs), outputs=tensors(output_refs), name=name, **kwargs, **config)


def has_functional_constructor(cls):
    """Keras's ``functional_like_constructor``: ``__init__`` takes Functional's arguments, or
    ``*args, **kwargs``."""
    import inspect
    spec = inspect.getfullargspec(cls.__init__)
    if spec.args[1:] == inspect.getfullargspec(_functional_cls().__init__).args[1:]:
        return True
    return spec.varargs is not None and spec.varkw is not None
