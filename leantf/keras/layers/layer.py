"""keras.layers.Layer: weights, tracking, build-on-first-call, symbolic calls, masks.

A layer called on concrete tensors runs ``call`` eagerly. Called on Keras tensors (the
Functional API) it runs the same ``call`` on plain symbolic tensors -- every tf op infers
its output shape -- and returns fresh Keras tensors that remember this call (a ``Node``).
Tracing with plain symbolic tensors (not Keras tensors) is what keeps layers nested inside
the traced call from recording nodes of their own, as Keras's ``compute_output_spec`` does.
"""
import inspect
import warnings

import numpy as np

from ...framework import dtypes, nest
from ...framework.symbolic import SymbolicTensor
from ...framework.tape import stop_recording_all
from ...framework.tensor import EagerTensor, Tensor, convert_to_tensor
from ...framework.tensor_shape import TensorShape
from ...ops.basic_ops import cast
from .. import naming
from ..keras_tensor import KerasHistory, KerasTensor, TracedTensor
from ..saving.keras_saveable import KerasSaveable
from ..variables import Variable
from . import _call_info
from .input_spec import assert_input_compatibility

__all__ = ["Layer", "Node", "current_path", "name_scope"]

# Names of the layers being built/called, outermost first: a variable's path is this stack
# plus its own name ("sequential/dense/kernel").
_SCOPE = []
# The context of the outermost layer call in progress: [entry layer, training value]. Keras
# keeps one such object per outermost call; every nested call reads and overwrites `training`.
_CONTEXT = []

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
                              if isinstance(x, SymbolicTensor) and getattr(x, "_keras_history", None) is not None]

    @property
    def output_tensors(self):
        return nest.flatten(self.outputs)

    @property
    def parent_nodes(self):
        out = []
        for x in self.input_tensors:
            h = x._keras_history
            out.append(h[0]._inbound_nodes[h[1]])
        return out


def _is_tensor(x):
    return isinstance(x, Tensor) or getattr(x, "_is_variable", False)


def get_keras_mask(x):
    try:
        return x._keras_mask
    except AttributeError:
        return None


def set_keras_mask(x, mask):
    try:
        x._keras_mask = mask
    except AttributeError:  # a value with no room for it (a NumPy array, a Python number)
        pass


class Layer(KerasSaveable):
    def __new__(cls, *args, **kwargs):
        obj = super().__new__(cls)
        # Set before any user __init__ runs, so attribute tracking works from the first line.
        d = obj.__dict__
        d["_trainable_vars"] = []
        d["_non_trainable_vars"] = []
        d["_losses"] = []
        d["_inbound_nodes"] = []
        d["built"] = False
        d["_trainable"] = True
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
        self._supports_masking = type(self).compute_mask is not Layer.compute_mask
        self._allow_non_tensor_positional_args = False
        self._convert_input_args = True
        self.activity_regularizer = activity_regularizer
        if "input_shape" in kwargs or "input_dim" in kwargs:
            warnings.warn("Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential "
                          "models, prefer using an `Input(shape)` object as the first layer in the model "
                          "instead.", stacklevel=3)
        shape = kwargs.get("batch_input_shape")
        if shape is None and "input_shape" in kwargs:
            shape = (kwargs.get("batch_size"),) + tuple(kwargs["input_shape"])
        if shape is None and "input_dim" in kwargs:
            shape = (kwargs.get("batch_size"), kwargs["input_dim"])
        self._batch_input_shape = tuple(shape) if shape is not None else None
        self._initial_weights = kwargs.get("weights")
        self._build_shapes = None

    def _obj_type(self):
        return "Layer"

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
    def input_dtype(self):
        return self._dtype.name

    @property
    def dtype_policy(self):
        from ..mixed_precision import DTypePolicy
        return DTypePolicy(self._dtype.name)

    # -- masking ----------------------------------------------------------------------------
    @property
    def supports_masking(self):
        return self.__dict__.get("_supports_masking", False)

    @supports_masking.setter
    def supports_masking(self, value):
        self.__dict__["_supports_masking"] = bool(value)

    def compute_mask(self, inputs, previous_mask=None):
        return previous_mask

    # -- weights --------------------------------------------------------------------------
    def add_weight(self, *args, shape=None, initializer=None, dtype=None, trainable=True, autocast=True,
                   regularizer=None, constraint=None, aggregation="none", overwrite_with_gradient=False,
                   name=None, **kwargs):
        if args:
            if isinstance(args[0], str):
                # Keras 2 order (the seed's AFM layer): add_weight(name, shape, dtype, initializer,
                # regularizer, trainable, constraint). Keras 3.15 refuses a positional name.
                legacy = dict(zip(("name", "shape", "dtype", "initializer", "regularizer", "trainable",
                                   "constraint"), args))
                name = legacy.get("name", name)
                shape = legacy.get("shape", shape)
                dtype = legacy.get("dtype", dtype)
                initializer = legacy.get("initializer", initializer)
                regularizer = legacy.get("regularizer", regularizer)
                trainable = legacy.get("trainable", trainable)
                constraint = legacy.get("constraint", constraint)
            else:
                if len(args) > 3:
                    raise TypeError(f"add_weight() takes at most 3 positional arguments but {len(args)} were given.")
                if shape is not None:
                    raise ValueError("`shape` was passed both positionally and as a keyword argument.")
                shape = args[0]
                if len(args) > 1:
                    if initializer is not None:
                        raise ValueError("`initializer` was passed both positionally and as a keyword argument.")
                    initializer = args[1]
                if len(args) > 2:
                    if dtype is not None:
                        raise ValueError("`dtype` was passed both positionally and as a keyword argument.")
                    dtype = args[2]
        # Keras-2 keywords some code still passes; they mean nothing here.
        kwargs.pop("use_resource", None)
        kwargs.pop("synchronization", None)
        kwargs.pop("partitioner", None)
        if kwargs:
            raise TypeError(f"add_weight() got an unexpected keyword argument '{next(iter(kwargs))}'")
        from .. import constraints, initializers, regularizers
        dtype = getattr(dtype, "name", dtype)
        if dtype in ("int", "float"):  # Keras's generic names: int64, and the float default
            from ..config import floatx
            dtype = "int64" if dtype == "int" else floatx()
        dtype = dtypes.as_dtype(dtype) if dtype is not None else self._dtype
        shape = () if shape is None else tuple(int(d) for d in shape)
        if initializer is None:
            initializer = "glorot_uniform" if dtype.is_floating else "zeros"
        init = initializers.get(initializer)
        if name is None:
            name = naming.uniquify("variable")  # Keras names unnamed variables per session
        value = init(shape, dtype=dtype) if callable(init) else init
        var = Variable(value, dtype=dtype, trainable=trainable, name=name, path=current_path_for(self, name),
                       constraint=constraints.get(constraint))
        var.regularizer = regularizers.get(regularizer)
        (self._trainable_vars if trainable else self._non_trainable_vars).append(var)
        return var

    def _tracked(self):
        """Sub-layers, variables and metrics held in attributes (directly, or in lists/tuples/dicts).

        Cached: every training step asks for the variables, and scanning the attributes each
        time cost more than the step's small ops. Setting or deleting an attribute drops the
        cache; a list or dict attribute that changes length (``self.blocks.append(...)``) does too.
        Containers are kept as the user's own objects (no wrapping), so aliasing behaves as usual.
        """
        cached = self.__dict__.get("_tracked_cache")
        if cached is not None:
            result, containers = cached
            for container, length in containers:
                if len(container) != length:
                    break
            else:
                return result
        result = self._scan_attributes()
        containers = [(v, len(v)) for k, v in self.__dict__.items()
                      if k not in _UNTRACKED and isinstance(v, (list, dict))]
        object.__setattr__(self, "_tracked_cache", (result, containers))
        return result

    def _scan_attributes(self):
        layers, variables, metrics = [], [], []
        seen = {id(self)}

        def visit(value, depth=0):
            if isinstance(value, Layer):
                if id(value) not in seen:
                    seen.add(id(value))
                    layers.append(value)
            elif getattr(value, "_is_variable", False):
                if id(value) not in seen:
                    seen.add(id(value))
                    variables.append(value)
            elif isinstance(value, (list, tuple)):
                if depth < 4:
                    for v in value:
                        visit(v, depth + 1)
            elif isinstance(value, dict):
                if depth < 4:
                    for v in value.values():
                        visit(v, depth + 1)
            elif _is_metric(value) and id(value) not in seen:
                seen.add(id(value))
                metrics.append(value)

        for key, value in self.__dict__.items():
            if key not in _UNTRACKED:
                visit(value)
        return layers, variables, metrics

    @property
    def _layers(self):
        return self._tracked()[0]

    def _own_weights(self):
        """This layer's own weights: created by add_weight (trainable first, as Keras lists them), then
        tf.Variables assigned to attributes."""
        own = self._trainable_vars + self._non_trainable_vars
        ids = {id(v) for v in own}
        extra = [v for v in self._tracked()[1] if id(v) not in ids]
        if extra:
            own = own + [v for v in extra if v.trainable] + [v for v in extra if not v.trainable]
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

    def _gather(self):
        out, seen = [], set()
        for group in [self._own_weights()] + [layer._gather() for layer in self._layers]:
            for v in group:
                if id(v) not in seen:
                    seen.add(id(v))
                    out.append(v)
        return out

    @property
    def weights(self):
        """Every weight of the layer and its sub-layers: own trainable ones first, then own
        non-trainable ones, then each sub-layer's in turn."""
        return self._gather()

    @property
    def variables(self):
        # Keras 3 adds random-seed state here; metric state held by a layer is not included.
        return self._gather()

    @property
    def trainable_weights(self):
        if not self._trainable:
            return []
        return [v for v in self.weights if v.trainable]

    @property
    def non_trainable_weights(self):
        if not self._trainable:
            return self.weights
        return [v for v in self.weights if not v.trainable]

    @property
    def trainable_variables(self):
        if not self._trainable:
            return []
        return [v for v in self.variables if v.trainable]

    @property
    def non_trainable_variables(self):
        if not self._trainable:
            return self.variables
        return [v for v in self.variables if not v.trainable]

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        # As Keras: freezing a layer also flips the `trainable` flag of the weights it created as
        # trainable, and recurses into sub-layers.
        value = bool(value)
        self._trainable = value
        for v in self._trainable_vars:
            v.trainable = value
        for layer in self._layers:
            layer.trainable = value

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

    def _clear_losses(self):
        for layer in self._flatten_layers():
            layer._losses.clear()

    @property
    def losses(self):
        """Losses added during the last call (add_loss, activity regularizers) and the penalties of
        the trainable weights' regularizers."""
        out = []
        for layer in self._flatten_layers():
            out.extend(layer._losses)
        for v in self.trainable_weights:
            reg = getattr(v, "regularizer", None)
            if reg is not None:
                out.append(reg(v))
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
            shapes = TensorShape(shape) if not (shape and isinstance(shape[0], (list, tuple))) else \
                [TensorShape(s) for s in shape]
            self._build_shapes = shapes  # so that a loaded model saves its build_config again
            self.build(shapes)
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

    def _convert(self, x):
        """Keras's input conversion: arrays become tensors; floats are cast to the layer's dtype."""
        if isinstance(x, EagerTensor) or isinstance(x, SymbolicTensor) or getattr(x, "_is_variable", False):
            d = x.dtype
            if self.autocast and d is not self._dtype and d.is_floating and self._dtype.is_floating:
                mask = get_keras_mask(x)
                x = cast(x, self._dtype)
                if mask is not None:
                    set_keras_mask(x, mask)
            return x
        if isinstance(x, np.ndarray) or (hasattr(x, "__array__") and not isinstance(x, (str, bytes))):
            arr = np.asarray(x)
            if arr.dtype.kind == "f" and self.autocast and self._dtype.is_floating:
                arr = arr.astype(self._dtype.np_dtype, copy=False)
            return convert_to_tensor(arr)
        return x

    def __call__(self, *args, **kwargs):
        info = _call_info.signature_info(type(self))
        if not args:
            first = info.first_name
            if first is None or first not in kwargs:
                raise ValueError("A layer must be called on at least one input.")
            first_arg = kwargs[first]
        else:
            first_arg = args[0]
        # 1. Arrays become tensors; floating inputs are cast to the layer's dtype.
        if self._convert_input_args and (kwargs or len(args) != 1 or type(first_arg) is not EagerTensor or (
                first_arg._dtype is not self._dtype and first_arg._dtype.is_floating)):
            args = tuple(nest.map_structure(self._convert, a) for a in args)
            if kwargs:
                kwargs = {k: nest.map_structure(self._convert, v) for k, v in kwargs.items()}
            first_arg = args[0] if args else kwargs[info.first_name]
        # 2. Only tensors may come positionally (None stands for an absent optional input).
        if not self._allow_non_tensor_positional_args:
            for a in nest.flatten(args):
                if a is not None and not _is_tensor(a):
                    raise ValueError("Only input tensors may be passed as positional arguments. The following "
                                     f"argument value should be passed as a keyword argument: {a} (of type "
                                     f"{type(a)})")
        if kwargs:
            info.check_nested_kwargs(kwargs)
        # 3. The input spec is checked on the first argument only.
        self._assert_input_compatibility(first_arg)
        keras_symbolic = _any_keras_tensor(args, kwargs)
        # What the caller passed is what a graph node records (not the filled-in training/mask).
        call_kwargs = dict(kwargs) if keras_symbolic else None
        outer = not _CONTEXT
        if outer:
            _CONTEXT.append([self, None])
            if not keras_symbolic:
                self._clear_losses()  # `losses` reflects the latest forward pass, as in Keras
        context = _CONTEXT[0]
        _SCOPE.append(self.name)
        try:
            self._maybe_build(first_arg)
            # 4. training: passed explicitly, else inherited from an outer call, else the default.
            if "training" in kwargs and kwargs["training"] is not None:
                training = kwargs["training"]
            elif context[1] is not None:
                training = context[1]
            else:
                training = kwargs.get("training", info.training_default)
            context[1] = training
            if info.has_training:
                if training is not None:
                    kwargs["training"] = training
            else:
                kwargs.pop("training", None)
            # 5. The mask riding on the input is handed to a `call` that takes one.
            previous_mask = self._populate_masks(info, args, kwargs, first_arg)
            if keras_symbolic:
                return self._symbolic_call(args, kwargs, previous_mask, call_kwargs)
            try:
                outputs = self.call(*args, **kwargs)
            except Exception as e:
                raise _call_info.with_call_info(e, self, self.call, args, kwargs) from None
            self.built = True
            if self.activity_regularizer is not None:
                self._add_activity_losses(outputs)
            self._set_output_masks(first_arg, outputs, previous_mask)
            return outputs
        finally:
            _SCOPE.pop()
            if outer:
                _CONTEXT.clear()

    def _assert_input_compatibility(self, first_arg):
        if self.input_spec is not None:
            assert_input_compatibility(self.input_spec, first_arg, self.name)

    def _populate_masks(self, info, args, kwargs, first_arg):
        if (info.has_mask and kwargs.get("mask") is None) or info.has_named_masks:
            tensor_args = info.tensor_arguments(args, kwargs)
            if len(tensor_args) == 1:
                if info.has_mask and kwargs.get("mask") is None:
                    kwargs["mask"] = nest.map_structure(get_keras_mask, tensor_args[0][1])
            elif len(tensor_args) > 1:
                for name, value in tensor_args:
                    if f"{name}_mask" in info.params and kwargs.get(f"{name}_mask") is None:
                        kwargs[f"{name}_mask"] = nest.map_structure(get_keras_mask, value)
        if kwargs.get("mask") is not None:
            return kwargs["mask"]
        if not info.has_mask:
            kwargs.pop("mask", None)
        if type(first_arg) is EagerTensor:
            return get_keras_mask(first_arg)
        return nest.map_structure(get_keras_mask, first_arg)

    def _set_output_masks(self, inputs, outputs, previous_mask):
        flat_prev = [m for m in nest.flatten(previous_mask) if m is not None] if previous_mask is not None else []
        if not self.supports_masking:
            if flat_prev:
                warnings.warn(f"Layer '{self.name}' (of type {type(self).__name__}) was passed an input with a "
                              "mask attached to it. However, this layer does not support masking and will "
                              "therefore destroy the mask information. Downstream layers will not see the mask.",
                              stacklevel=3)
            return
        flat_out = nest.flatten(outputs)
        if all(get_keras_mask(o) is not None for o in flat_out):
            return
        if type(self).compute_mask is Layer.compute_mask:
            if not flat_prev:
                return
            masks = previous_mask
        else:
            masks = self.compute_mask(inputs, previous_mask)
        if masks is None:
            return
        flat_masks = nest.flatten(masks)
        if len(flat_masks) == 1 and len(flat_out) > 1:
            flat_masks = flat_masks * len(flat_out)
        for o, m in zip(flat_out, flat_masks):
            if m is not None and get_keras_mask(o) is None:
                set_keras_mask(o, m)

    def _add_activity_losses(self, outputs):
        from ...ops.math_ops import truediv
        from .. import regularizers
        reg = regularizers.get(self.activity_regularizer)
        for o in nest.flatten(outputs):
            if _is_tensor(o):
                loss = reg(o)
                if o.shape.rank:
                    # Keras divides by the batch size so the penalty does not grow with it
                    batch = o.shape[0] if o.shape[0] is not None else 1
                    loss = truediv(loss, cast(batch, loss.dtype)) if batch else loss
                self.add_loss(loss)

    def _symbolic_call(self, args, kwargs, previous_mask, call_kwargs):
        # Trace `call` on plain symbolic stand-ins of the Keras tensors, so nested layers do not
        # record nodes; then hand out fresh Keras tensors that remember this call.
        stand_ins = {}

        def plain(x):
            if isinstance(x, KerasTensor):
                p = stand_ins.get(id(x))
                if p is None:
                    p = TracedTensor(x.shape, x.dtype, name=x.name)
                    m = get_keras_mask(x)
                    if m is not None:
                        set_keras_mask(p, plain(m))
                    stand_ins[id(x)] = p
                return p
            return x
        t_args = tuple(nest.map_structure(plain, a) for a in args)
        t_kwargs = {k: nest.map_structure(plain, v) for k, v in kwargs.items()}
        with stop_recording_all():
            try:
                raw = self.call(*t_args, **t_kwargs)
            except Exception as e:
                raw = self._output_spec_fallback(e, t_args, t_kwargs)
            first = t_args[0] if t_args else next(iter(t_kwargs.values()))
            if self.supports_masking:
                self._set_output_masks(first, raw, nest.map_structure(plain, previous_mask)
                                       if previous_mask is not None else None)
        node_index = len(self._inbound_nodes)
        flat = nest.flatten(raw)
        outs = []
        for i, t in enumerate(flat):
            t = t if isinstance(t, Tensor) else convert_to_tensor(t)
            kt = KerasTensor(t.shape, t.dtype)
            kt._keras_history = KerasHistory((self, node_index, i))
            m = get_keras_mask(t)
            if m is not None and isinstance(m, SymbolicTensor):
                set_keras_mask(kt, KerasTensor(m.shape, m.dtype))
            outs.append(kt)
        outputs = nest.pack_sequence_as(raw, outs)
        self._inbound_nodes.append(Node(self, args, call_kwargs, outputs))
        return outputs

    def _output_spec_fallback(self, error, args, kwargs):
        """When tracing fails: a layer that states its output shape is taken at its word; otherwise
        Keras's "Could not automatically infer the output shape" error."""
        if type(self).compute_output_shape is not Layer.compute_output_shape:
            try:
                shape = self.compute_output_shape(
                    nest.map_structure(lambda t: tuple(t.shape.as_list()) if _is_tensor(t) else t, args[0]))
                return TracedTensor(TensorShape(shape), self._dtype, name="output")
            except Exception:
                pass
        cls = type(self).__name__
        message = (f"Could not automatically infer the output shape / dtype of '{self.name}' (of type {cls}). "
                   f"Either the `{cls}.call()` method is incorrect, or you need to implement the "
                   f"`{cls}.compute_output_spec() / compute_output_shape()` method. Error encountered:\n\n"
                   f"{_call_info.message_of(error)}")
        new = _call_info.rebuild(error, message)
        raise _call_info.with_symbolic_call_info(new, self, args, kwargs).with_traceback(
            error.__traceback__) from None

    # -- shapes ----------------------------------------------------------------------------
    def compute_output_shape(self, input_shape):
        """Traced: call the layer on symbolic inputs of that shape and read the result."""
        def stand_in(shape):
            return TracedTensor(TensorShape(shape), self._dtype, name="input")
        if isinstance(input_shape, (list, tuple)) and input_shape and isinstance(input_shape[0], (list, tuple)):
            inputs = [stand_in(s) for s in input_shape]
        else:
            inputs = stand_in(input_shape)
        with stop_recording_all():
            self._maybe_build(inputs)
            out = self.call(inputs)
        return nest.map_structure(lambda t: tuple(t.shape.as_list()), out)

    def compute_output_spec(self, *args, **kwargs):
        with stop_recording_all():
            return self.call(*args, **kwargs)

    # -- Functional-API views --------------------------------------------------------------
    def _node_attr(self, what):
        if not self._inbound_nodes:
            raise AttributeError(f"The layer {self.name} has never been called and thus has no defined {what}.")
        node = self._inbound_nodes[0]  # Keras answers with the first call
        tensors = node.output_tensors if what == "output" else node.input_tensors
        return tensors[0] if len(tensors) == 1 else tensors

    @property
    def input(self):
        return self._node_attr("input")

    @property
    def output(self):
        return self._node_attr("output")

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
        if type(value) not in _SCALAR_TYPES:  # a bool/number/string (self.built = True) tracks nothing
            object.__setattr__(self, "_tracked_cache", None)

    def __delattr__(self, name):
        object.__delattr__(self, name)
        object.__setattr__(self, "_tracked_cache", None)


_SCALAR_TYPES = frozenset({bool, int, float, str, type(None)})


def _is_metric(value):
    t = type(value)
    return hasattr(t, "update_state") and hasattr(t, "result") and hasattr(t, "reset_state")


def _is_graph_tensor(x):
    """A Keras tensor that belongs to a Functional graph (not a traced stand-in)."""
    return isinstance(x, KerasTensor) and x._keras_history is not None


def _any_keras_tensor(args, kwargs):
    for x in (*args, *kwargs.values()):
        if _is_graph_tensor(x) or (isinstance(x, (list, tuple, dict)) and
                                   any(_is_graph_tensor(y) for y in nest.flatten(x))):
            return True
    return False


def current_path_for(layer, name):
    """Path of a weight created in `layer`'s build: the enclosing scopes, the layer, the weight."""
    scope = list(_SCOPE)
    if not scope or scope[-1] != layer.name:
        scope.append(layer.name)
    return "/".join(scope + [name])


_UNTRACKED = {"_trainable_vars", "_non_trainable_vars", "_losses", "_inbound_nodes", "_build_shapes",
              "input_spec", "_initial_weights", "activity_regularizer", "_functional", "_input_layers_cache",
              "_output_tensors", "_input_tensors", "_plan", "_compiled", "optimizer", "compiled_loss",
              "compiled_metrics", "loss", "history", "stop_training", "_trainer_state", "_loss_tracker",
              "_compile_config", "_compile_loss", "_compile_metrics", "_inputs_struct", "_outputs_struct", "_nodes", "_operations", "_stack",
              "_metrics_container", "_tracked_cache"}
