"""keras.layers.Layer: weights, tracking, build-on-first-call, symbolic calls.

A layer called on concrete tensors runs ``call`` eagerly. Called on Keras tensors (the
Functional API) it runs the same ``call`` on symbolic tensors -- every tf op infers its
output shape -- and returns fresh Keras tensors that remember this call (a ``Node``), so
output shapes come from tracing, never from hand-written shape functions.
"""
import inspect

import numpy as np

from ...framework import dtypes, nest
from ...framework.errors import OpError
from ...framework.symbolic import SymbolicTensor
from ...framework.tape import stop_recording_all
from ...framework.tensor import EagerTensor, Tensor, convert_to_tensor
from ...framework.tensor_shape import TensorShape
from ...ops.basic_ops import cast
from .. import naming
from ..keras_tensor import KerasHistory, KerasTensor
from ..variables import Variable
from .input_spec import assert_input_compatibility

__all__ = ["Layer", "Node", "current_path", "name_scope"]

# Names of the layers being built/called, outermost first: a variable's path is this stack
# plus its own name ("sequential/dense/kernel").
_SCOPE = []
# The `training` value of the call in progress, inherited by nested layer calls.
_TRAINING = []

_ALLOWED_KWARGS = {"input_shape", "input_dim", "batch_input_shape", "batch_size", "weights",
                   "activity_regularizer", "autocast", "input_dtype"}


class name_scope:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        _SCOPE.append(self.name)

    def __exit__(self, *exc):
        _SCOPE.pop()


def current_path(name):
    return "/".join(_SCOPE + [name])


class Node:
    """One call of a layer on Keras tensors: what went in, what came out."""
    __slots__ = ("operation", "call_args", "call_kwargs", "outputs", "input_tensors")

    def __init__(self, operation, call_args, call_kwargs, outputs):
        self.operation = operation
        self.call_args = call_args
        self.call_kwargs = call_kwargs
        self.outputs = outputs
        self.input_tensors = [x for x in nest.flatten((call_args, call_kwargs))
                              if isinstance(x, SymbolicTensor)]

    @property
    def output_tensors(self):
        return nest.flatten(self.outputs)

    @property
    def parent_nodes(self):
        out = []
        for x in self.input_tensors:
            h = getattr(x, "_keras_history", None)
            if h is not None:
                out.append(h[0]._inbound_nodes[h[1]])
        return out


def _call_signature_info(cls):
    info = cls.__dict__.get("_call_info_cache")
    if info is None:
        params = inspect.signature(cls.call).parameters
        training_default = params["training"].default if "training" in params else None
        if training_default is inspect.Parameter.empty:
            training_default = None
        info = ("training" in params, "mask" in params, training_default, params)
        cls._call_info_cache = info
    return info


class Layer:
    def __new__(cls, *args, **kwargs):
        obj = super().__new__(cls)
        # Set before any user __init__ runs, so attribute tracking works from the first line.
        object.__setattr__(obj, "_own_variables", [])
        object.__setattr__(obj, "_losses", [])
        object.__setattr__(obj, "_regularizers", [])
        object.__setattr__(obj, "_inbound_nodes", [])
        object.__setattr__(obj, "built", False)
        return obj

    def __init__(self, *, activity_regularizer=None, trainable=True, dtype=None, autocast=True, name=None,
                 **kwargs):
        unknown = {k: v for k, v in kwargs.items() if k not in _ALLOWED_KWARGS}
        if unknown:
            raise ValueError(f"Unrecognized keyword arguments passed to {type(self).__name__}: {unknown}")
        if name is not None and (not isinstance(name, str) or "/" in name):
            raise ValueError(f"Argument `name` must be a string and cannot contain character `/`. "
                             f"Received: name={name} (of type {type(name)})")
        self.name = name or naming.uniquify(naming.to_snake_case(type(self).__name__))
        self._trainable = bool(trainable)
        self._dtype = dtypes.as_dtype(getattr(dtype, "name", dtype) or "float32") \
            if not isinstance(dtype, dict) else dtypes.as_dtype(dtype.get("config", {}).get("name", "float32"))
        self.autocast = autocast
        self.input_spec = None
        self.supports_masking = False
        self.activity_regularizer = activity_regularizer
        shape = kwargs.get("batch_input_shape")
        if shape is None and "input_shape" in kwargs:
            shape = (kwargs.get("batch_size"),) + tuple(kwargs["input_shape"])
        if shape is None and "input_dim" in kwargs:
            shape = (kwargs.get("batch_size"), kwargs["input_dim"])
        self._batch_input_shape = tuple(shape) if shape is not None else None
        self._initial_weights = kwargs.get("weights")
        self._build_shapes = None

    # -- dtype ----------------------------------------------------------------------------
    @property
    def dtype(self):
        return self._dtype.name

    @property
    def compute_dtype(self):
        return self._dtype.name

    @property
    def variable_dtype(self):
        return self._dtype.name

    @property
    def dtype_policy(self):
        from ..mixed_precision import DTypePolicy
        return DTypePolicy(self._dtype.name)

    # -- weights --------------------------------------------------------------------------
    def add_weight(self, *args, shape=None, initializer=None, dtype=None, trainable=True, autocast=True,
                   regularizer=None, constraint=None, aggregation="none", overwrite_with_gradient=False,
                   name=None, **kwargs):
        # Keras-2 code passes the name first, positionally: add_weight('w', shape=...).
        if args:
            if isinstance(args[0], str) and name is None:
                name, args = args[0], args[1:]
            if args and shape is None:
                shape, args = args[0], args[1:]
        from .. import initializers
        dtype = dtypes.as_dtype(dtype) if dtype is not None else self._dtype
        shape = () if shape is None else tuple(int(d) for d in shape)
        if initializer is None:
            initializer = "glorot_uniform" if dtype.is_floating else "zeros"
        init = initializers.get(initializer)
        name = name or "variable"
        value = init(shape, dtype=dtype) if callable(init) else init
        var = Variable(value, dtype=dtype, trainable=trainable, name=name, path=current_path_for(self, name),
                       constraint=constraint)
        self._own_variables.append(var)
        if regularizer is not None:
            from .. import regularizers
            self._regularizers.append((var, regularizers.get(regularizer)))
        return var

    def _tracked(self):
        """Sub-layers and variables held in attributes (directly, or in lists/tuples/dicts)."""
        layers, variables = [], []
        seen = set()

        def visit(value, depth=0):
            if isinstance(value, Layer):
                if id(value) not in seen and value is not self:
                    seen.add(id(value))
                    layers.append(value)
            elif getattr(value, "_is_variable", False):
                if id(value) not in seen:
                    seen.add(id(value))
                    variables.append(value)
            elif isinstance(value, (list, tuple)) and depth < 4:
                for v in value:
                    visit(v, depth + 1)
            elif isinstance(value, dict) and depth < 4:
                for v in value.values():
                    visit(v, depth + 1)

        for key, value in self.__dict__.items():
            if key not in _UNTRACKED:
                visit(value)
        return layers, variables

    @property
    def _layers(self):
        return self._tracked()[0]

    def _own_vars(self):
        own = list(self._own_variables)
        ids = {id(v) for v in own}
        for v in self._tracked()[1]:
            if id(v) not in ids:
                ids.add(id(v))
                own.append(v)
        return own

    def _flatten_layers(self, include_self=True):
        out, seen, stack = [], set(), [self] if include_self else list(reversed(self._layers))
        while stack:
            layer = stack.pop()
            if id(layer) in seen:
                continue
            seen.add(id(layer))
            out.append(layer)
            stack.extend(reversed(layer._layers))
        return out

    def _collect(self, trainable):
        out, seen = [], set()

        def add(v):
            if id(v) not in seen:
                seen.add(id(v))
                out.append(v)
        for v in self._own_vars():
            if trainable is None or (v.trainable and self._trainable) == trainable:
                add(v)
        for layer in self._layers:
            for v in layer._collect(trainable if self._trainable or trainable is None else None):
                if trainable is None or self._trainable or not trainable:
                    add(v)
        return out

    @property
    def variables(self):
        return self._collect(None)

    weights = variables

    @property
    def trainable_variables(self):
        return self._collect(True) if self._trainable else []

    trainable_weights = trainable_variables

    @property
    def non_trainable_variables(self):
        if not self._trainable:
            return self.variables
        return self._collect(False)

    non_trainable_weights = non_trainable_variables

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        for layer in self._flatten_layers():
            layer._trainable = bool(value)

    def get_weights(self):
        return [v.numpy() for v in self.weights]

    def set_weights(self, weights):
        params = self.weights
        if len(params) != len(weights):
            raise ValueError(f"You called `set_weights(weights)` on layer '{self.name}' with a weight list of "
                             f"length {len(weights)}, but the layer was expecting {len(params)} weights.")
        for v, w in zip(params, weights):
            w = np.asarray(w)
            if tuple(v.shape) != w.shape:
                raise ValueError(f"Layer {self.name} weight shape {tuple(v.shape)} is not compatible with "
                                 f"provided weight shape {w.shape}.")
            v.assign(w)

    def count_params(self):
        if not self.built:
            raise ValueError(f"You tried to call `count_params` on layer '{self.name}', but the layer isn't "
                             f"built. You can build it manually via: `layer.build(input_shape)`.")
        return int(sum(np.prod(v.shape.as_list()) for v in self.weights))

    # -- losses ---------------------------------------------------------------------------
    def add_loss(self, loss):
        self._losses.append(loss)

    @property
    def losses(self):
        out = []
        for layer in self._flatten_layers():
            out.extend(layer._losses)
            for var, reg in layer._regularizers:
                out.append(reg(var))
        return out

    # -- building ---------------------------------------------------------------------------
    def build(self, input_shape):
        self.built = True

    def _maybe_build(self, inputs):
        if self.built:
            return
        shapes = nest.map_structure(lambda x: TensorShape(x.shape) if hasattr(x, "shape") else None, inputs)
        self._build_shapes = shapes
        self.build(shapes)
        self.built = True
        if self._initial_weights is not None:
            self.set_weights(self._initial_weights)
            self._initial_weights = None

    def build_from_config(self, config):
        shape = config.get("input_shape")
        if shape is not None and not self.built:
            self.build(TensorShape(shape) if not (shape and isinstance(shape[0], (list, tuple))) else
                       [TensorShape(s) for s in shape])
            self.built = True

    def get_build_config(self):
        if self._build_shapes is None:
            return None
        return {"input_shape": nest.map_structure(
            lambda s: None if s is None else tuple(s.as_list()) if hasattr(s, "as_list") else s,
            self._build_shapes)}

    # -- calling -----------------------------------------------------------------------------
    def call(self, inputs, *args, **kwargs):
        raise NotImplementedError(f"Layer {type(self).__name__} does not have a `call()` method implemented.")

    def __call__(self, *args, **kwargs):
        if not args:
            if "inputs" not in kwargs:
                raise ValueError("A layer must be called on at least one input.")
            args = (kwargs.pop("inputs"),)
        inputs = self._convert_inputs(args[0])
        args = (inputs,) + args[1:]
        has_training, has_mask, training_default, _ = _call_signature_info(type(self))
        training = kwargs.get("training")
        if training is None:
            training = _TRAINING[-1] if _TRAINING else training_default
        if has_training:
            kwargs["training"] = training
        else:
            kwargs.pop("training", None)
        if not has_mask:
            kwargs.pop("mask", None)
        assert_input_compatibility(self.input_spec, inputs, self.name)
        symbolic = any(isinstance(x, SymbolicTensor) for x in nest.flatten(inputs))
        _SCOPE.append(self.name)
        _TRAINING.append(training)
        try:
            self._maybe_build(inputs)
            if symbolic:
                return self._symbolic_call(args, kwargs)
            outputs = self._call_with_context(args, kwargs)
        finally:
            _SCOPE.pop()
            _TRAINING.pop()
        if self.activity_regularizer is not None:
            from .. import regularizers
            reg = regularizers.get(self.activity_regularizer)
            for o in nest.flatten(outputs):
                self.add_loss(reg(o))
        return outputs

    def _call_with_context(self, args, kwargs):
        try:
            return self.call(*args, **kwargs)
        except Exception as e:
            raise _with_call_info(e, self, args, kwargs) from None

    def _symbolic_call(self, args, kwargs):
        with stop_recording_all():
            raw = self._call_with_context(args, kwargs)
        node_index = len(self._inbound_nodes)
        flat = nest.flatten(raw)
        outs = []
        for i, t in enumerate(flat):
            t = t if isinstance(t, Tensor) else convert_to_tensor(t)
            kt = KerasTensor(t.shape, t.dtype)
            kt._keras_history = KerasHistory((self, node_index, i))
            outs.append(kt)
        outputs = nest.pack_sequence_as(raw, outs)
        self._inbound_nodes.append(Node(self, args, kwargs, outputs))
        return outputs

    def _convert_inputs(self, inputs):
        """NumPy/Python inputs become tensors; floating inputs are cast to the layer's dtype (autocast)."""
        def convert(x):
            if isinstance(x, SymbolicTensor):
                return x
            if isinstance(x, np.ndarray):
                if x.dtype.kind == "f" and self.autocast and self._dtype.is_floating:
                    return convert_to_tensor(x.astype(self._dtype.np_dtype, copy=False))
                return convert_to_tensor(x)
            if type(x) is EagerTensor:
                if self.autocast and x._dtype is not self._dtype and x._dtype.is_floating and \
                        self._dtype.is_floating:
                    return cast(x, self._dtype)
                return x
            if isinstance(x, (float, int, list)) and not isinstance(x, bool):
                return convert_to_tensor(x) if not isinstance(x, list) or not x or \
                    not isinstance(x[0], (Tensor, np.ndarray)) else x
            return x
        if type(inputs) is EagerTensor or isinstance(inputs, (np.ndarray, SymbolicTensor)):
            return convert(inputs)
        if isinstance(inputs, (list, tuple, dict)):
            return nest.map_structure(convert, inputs)
        return convert(inputs)

    # -- shapes ----------------------------------------------------------------------------
    def compute_output_shape(self, input_shape):
        """Traced: call the layer on symbolic inputs of that shape and read the result."""
        def placeholder(shape):
            return KerasTensor(TensorShape(shape), self._dtype)
        if isinstance(input_shape, (list, tuple)) and input_shape and isinstance(input_shape[0], (list, tuple)):
            inputs = [placeholder(s) for s in input_shape]
        else:
            inputs = placeholder(input_shape)
        with stop_recording_all():
            self._maybe_build(inputs)
            out = self.call(inputs)
        return nest.map_structure(lambda t: tuple(t.shape.as_list()), out)

    def compute_output_spec(self, *args, **kwargs):
        with stop_recording_all():
            return self.call(*args, **kwargs)

    # -- Functional-API views --------------------------------------------------------------
    def _node_attr(self, attr, what):
        if not self._inbound_nodes:
            raise AttributeError(f"The layer {self.name} has never been called and thus has no defined {what}.")
        if len(self._inbound_nodes) > 1 and what == "output":
            raise AttributeError(f"The layer {self.name} has multiple inbound nodes, with different output "
                                 f"shapes. Hence the notion of \"output\" is ill-defined for the layer. "
                                 f"Use `get_output_at(node_index)` instead.")
        node = self._inbound_nodes[0]
        if attr == "outputs":
            return node.outputs
        tensors = node.input_tensors
        return tensors[0] if len(tensors) == 1 else tensors

    @property
    def input(self):
        return self._node_attr("inputs", "input")

    @property
    def output(self):
        return self._node_attr("outputs", "output")

    # -- config ----------------------------------------------------------------------------
    def get_config(self):
        config = {"name": self.name, "trainable": self.trainable,
                  "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": self.dtype},
                            "registered_name": None}}
        own = type(self).__init__
        if own is not Layer.__init__ and type(self).get_config is Layer.get_config:
            params = [p for p in inspect.signature(own).parameters.values() if p.name != "self"
                      and p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)]
            if params:
                missing = [p.name for p in params if p.name not in self.__dict__]
                if missing:
                    raise NotImplementedError(
                        f"Layer {type(self).__name__} was passed non-JSON-serializable arguments. Arguments "
                        f"had types: {{}}. They cannot be serialized out when saving the model.")
                config.update({p.name: self.__dict__[p.name] for p in params})
        return config

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        try:
            return cls(**config)
        except TypeError as e:
            raise TypeError(f"Error when deserializing class '{cls.__name__}' using config={config}.\n\n"
                            f"Exception encountered: {e}") from None

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}, built={self.built}>"

    def __setattr__(self, name, value):
        if name == "name" and "name" in self.__dict__ and not isinstance(value, str):
            raise ValueError("Layer name must be a string.")
        object.__setattr__(self, name, value)


def current_path_for(layer, name):
    """Path of a weight created in `layer`'s build: the enclosing scopes, the layer, the weight."""
    scope = list(_SCOPE)
    if not scope or scope[-1] != layer.name:
        scope.append(layer.name)
    return "/".join(scope + [name])


_UNTRACKED = {"_own_variables", "_losses", "_regularizers", "_inbound_nodes", "_build_shapes",
              "input_spec", "_initial_weights", "activity_regularizer", "_functional", "_input_layers_cache",
              "_output_tensors", "_input_tensors", "_plan", "_compiled", "optimizer", "compiled_loss",
              "compiled_metrics", "loss", "history", "stop_training", "_trainer_state"}


def _format_arg(value):
    if isinstance(value, EagerTensor) or getattr(value, "_is_variable", False):
        return f"tf.Tensor(shape={tuple(value.shape.as_list())}, dtype={value.dtype.name})"
    if isinstance(value, SymbolicTensor):
        return repr(value)
    if isinstance(value, np.ndarray):
        return f"np.ndarray(shape={value.shape}, dtype={value.dtype})"
    if isinstance(value, (list, tuple)):
        inner = ", ".join(_format_arg(v) for v in value)
        return f"[{inner}]" if isinstance(value, list) else f"({inner})"
    return repr(value)


def _with_call_info(error, layer, args, kwargs):
    """Keras's wrapping of an exception raised in `call`: the message plus the arguments received."""
    if getattr(error, "_keras_call_info_injected", False):
        return error
    cls_name = type(layer).__name__
    _, _, _, params = _call_signature_info(type(layer))
    names = [p for p in params if p != "self"]
    lines = []
    bound = dict(zip(names, args))
    bound.update(kwargs)
    for p in names:
        param = params[p]
        if param.kind is param.VAR_KEYWORD:
            lines.append(f"  • {p}=<class 'inspect._empty'>")
        elif param.kind is not param.VAR_POSITIONAL:
            value = bound.get(p, param.default if param.default is not param.empty else None)
            lines.append(f"  • {p}={_format_arg(value)}")
    message = (f"Exception encountered when calling {cls_name}.call().\n\n\x1b[1m{error}\x1b[0m\n\n"
               f"Arguments received by {cls_name}.call():\n" + "\n".join(lines))
    try:
        new = OpError.__new__(type(error)) if isinstance(error, OpError) else None
        if new is not None:
            type(error).__init__(new, None, None, message)
        else:
            new = type(error)(message)
    except Exception:
        return error
    new._keras_call_info_injected = True
    return new.with_traceback(error.__traceback__)
