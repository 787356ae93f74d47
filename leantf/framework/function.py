"""tf.function, run eagerly: the decorated Python body executes on every call.

leantf does not trace functions into graphs yet. A ``tf.function`` here behaves as TF does
under ``tf.config.run_functions_eagerly(True)`` (a documented TF mode): the body is plain
eager Python on each call, so gradient tapes, optimizers and ``print`` all work, and
**Python side effects such as ``print`` happen on every call** — a traced TF function
prints only while tracing. Numbers are the same either way.

What a caller sees at the boundary follows the TF mode the program asked for:

* ``tf.config.functions_run_eagerly()`` False (TF's default): TF would trace, so leantf
  does what tracing does to the inputs and outputs — arguments are bound to an
  ``input_signature`` (TF's errors), NumPy array arguments arrive as tensors, returned
  numbers and arrays come back as tensors, and ``experimental_get_tracing_count()``
  counts the traces TF would have made.
* True: the call is exactly the Python call, as in TF (no binding, results unchanged,
  no traces counted).
"""
import functools
import inspect
import weakref

import numpy as np

from . import nest
from .sparse_tensor import SparseTensor
from .tensor import Tensor, convert_to_tensor
from .tensor_spec import TensorSpec

__all__ = ["Function", "function", "run_functions_eagerly", "functions_run_eagerly"]

# tf.config.run_functions_eagerly's flag; a one-item list so every Function reads it live.
_RUN_EAGERLY = [False]


def run_functions_eagerly(run_eagerly):
    _RUN_EAGERLY[0] = bool(run_eagerly)


def functions_run_eagerly():
    return _RUN_EAGERLY[0]


def function(func=None, input_signature=None, autograph=True, jit_compile=None, reduce_retracing=False,
             experimental_implements=None, experimental_autograph_options=None, experimental_attributes=None,
             experimental_relax_shapes=None, experimental_compile=None, experimental_follow_type_hints=None):
    """Make ``func`` a tf.function: ``@tf.function``, ``@tf.function(...)`` or ``tf.function(fn)``.

    The body runs eagerly on every call (see the module docstring): Python side effects
    such as ``print`` repeat on each call. ``autograph``, ``jit_compile`` and the
    ``experimental_*`` options are accepted and have no effect on an eager body.
    """
    if experimental_compile is not None:
        if jit_compile is not None:
            raise ValueError("Cannot specify both 'experimental_compile' and 'jit_compile'.")
        jit_compile = experimental_compile
    if experimental_relax_shapes is not None:  # TF's older name for reduce_retracing
        reduce_retracing = reduce_retracing or bool(experimental_relax_shapes)
    options = {"autograph": autograph, "jit_compile": jit_compile, "reduce_retracing": reduce_retracing,
               "experimental_implements": experimental_implements,
               "experimental_autograph_options": experimental_autograph_options,
               "experimental_attributes": experimental_attributes,
               "experimental_follow_type_hints": experimental_follow_type_hints}

    def decorate(fn):
        if not callable(fn):
            raise TypeError(f"{fn!r} is not a callable object")
        return Function(fn, input_signature, **options)

    return decorate if func is None else decorate(func)


class Function:
    """What ``tf.function`` returns: a callable wrapping ``python_function``."""

    def __init__(self, python_function, input_signature=None, autograph=True, jit_compile=None,
                 reduce_retracing=False, _bound_to=None, **experimental_options):
        self._python_function = python_function
        self._autograph = autograph
        self._jit_compile = jit_compile
        self._reduce_retracing = reduce_retracing
        self._experimental_options = experimental_options
        self._bound_to = _bound_to
        # The callable the arguments are handed to; a method gets its instance in front.
        self._target = python_function if _bound_to is None else python_function.__get__(_bound_to)
        self._input_signature = None
        self._binder = None
        if input_signature is not None:
            self._input_signature = _checked_signature(input_signature)
            self._binder = SignatureBinder(self._target, self._input_signature, is_method=_bound_to is not None)
        self._traces = set()
        self._relaxed_traces = set()
        self._call_signature = None  # inspect.Signature of the target, read on first need
        self._instances = None  # instance -> its bound Function, made on first method access
        functools.update_wrapper(self, self._target)

    @property
    def python_function(self):
        return self._python_function

    @property
    def input_signature(self):
        return self._input_signature

    def experimental_get_tracing_count(self):
        """How many graphs TF would have traced by now.

        leantf builds no graph, so this counts what makes TF trace anew: each distinct
        combination of tensor shapes/dtypes and Python argument values (one trace in all
        with an ``input_signature``).
        """
        return len(self._traces) + len(self._relaxed_traces)

    def __call__(self, *args, **kwargs):
        if _RUN_EAGERLY[0]:
            return self._target(*args, **kwargs)
        if self._binder is not None:
            args, kwargs = self._binder.bind(args, kwargs)
            self._traces.add(None)
        else:
            args, kwargs = self._canonical_arguments(args, kwargs)
            key, args, kwargs = _trace_inputs(args, kwargs)
            self._count_trace(key)
        return _as_function_outputs(self._target(*args, **kwargs), self._python_function)

    def _canonical_arguments(self, args, kwargs):
        """The call with keyword arguments moved into place and defaults filled in.

        TF binds before it looks up a trace, so ``f(x, y=2)``, ``f(x, 2)`` and (when 2 is
        the default) ``f(x)`` share one. The common call — every positional parameter
        given positionally — is returned as it is, without binding.
        """
        signature = self._call_signature
        if signature is None:
            try:
                signature = inspect.signature(self._target)
            except (TypeError, ValueError):  # a builtin or C callable: keep calls as given
                signature = False
            self._call_signature = signature
            self._n_positional = signature and sum(
                p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) for p in signature.parameters.values())
        if signature is False or (not kwargs and len(args) == self._n_positional):
            return args, kwargs
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError:  # let the call itself raise Python's error
            return args, kwargs
        bound.apply_defaults()
        return bound.args, bound.kwargs

    def _count_trace(self, key):
        if key in self._traces:
            return
        if self._reduce_retracing:
            # TF's reduce_retracing: a call that misses every trace only by tensor shapes
            # gets one more trace with those dims unknown, which later such calls reuse.
            relaxed = _relaxed(key)
            if relaxed in self._relaxed_traces:
                return
            if any(_relaxed(old) == relaxed for old in self._traces):
                self._relaxed_traces.add(relaxed)
                return
        self._traces.add(key)

    def __get__(self, instance, owner=None):
        # A decorated method: each instance gets its own Function (its own traces in TF),
        # kept while the instance lives, so `obj.step is obj.step` as in TF.
        if instance is None or self._bound_to is not None:
            return self
        if self._instances is None:
            self._instances = weakref.WeakKeyDictionary()
        try:
            bound = self._instances.get(instance)
        except TypeError:  # unhashable or not weak-referenceable: a fresh binding each time
            return self._bind_to(instance)
        if bound is None:
            bound = self._instances[instance] = self._bind_to(instance)
        return bound

    def _bind_to(self, instance):
        return Function(self._python_function, self._input_signature, self._autograph, self._jit_compile,
                        self._reduce_retracing, _bound_to=instance, **self._experimental_options)


def _checked_signature(input_signature):
    if not isinstance(input_signature, (tuple, list)):
        raise TypeError(f"input_signature must be either a tuple or a list, got {type(input_signature)}.")
    invalid = [x for x in nest.flatten(input_signature) if not isinstance(x, TensorSpec)]
    if invalid:
        raise TypeError("input_signature must be a possibly nested sequence of TensorSpec objects, got invalid "
                        f"args {invalid} with types {[type(x) for x in invalid]}.")
    return tuple(input_signature)


def _trace_inputs(args, kwargs):
    """The trace key of a call (what TF retraces on) and its inputs as a trace sees them.

    NumPy arrays become tensors, as when TF traces; everything else is passed unchanged.
    """
    arg_keys, new_args = _key_and_value(args)
    if not kwargs:
        return arg_keys, new_args, kwargs
    kw_keys, new_kwargs = _key_and_value(kwargs)
    return (arg_keys, kw_keys), new_args, new_kwargs


def _key_and_value(value):
    if isinstance(value, Tensor):
        return ("Tensor", _dims(value.shape), value.dtype), value
    if getattr(value, "_is_variable", False):
        return ("Variable", _dims(value.shape), value.dtype), value
    if isinstance(value, np.ndarray):
        tensor = convert_to_tensor(value)
        return ("Tensor", value.shape, tensor.dtype), tensor
    if isinstance(value, (list, tuple)):
        pairs = [_key_and_value(item) for item in value]
        keys = tuple(key for key, _ in pairs)
        if any(new is not old for (_, new), old in zip(pairs, value)):
            items = [new for _, new in pairs]
            value = type(value)(*items) if hasattr(value, "_fields") else type(value)(items)
        return (type(value), keys), value
    if isinstance(value, dict):
        pairs = {k: _key_and_value(v) for k, v in value.items()}
        keys = tuple(sorted(((repr(k), key) for k, (key, _) in pairs.items()), key=lambda kv: kv[0]))
        if any(new is not value[k] for k, (_, new) in pairs.items()):
            value = type(value)((k, new) for k, (_, new) in pairs.items())
        return (type(value), keys), value
    try:
        hash(value)
    except TypeError:  # an unhashable object is told apart by identity, as TF does
        return ("id", id(value)), value
    return (type(value), value), value


def _dims(shape):
    return None if shape.rank is None else tuple(shape.as_list())


def _relaxed(key):
    """``key`` with every tensor dim unknown (the rank is kept)."""
    if isinstance(key, tuple):
        if len(key) == 3 and key[0] in ("Tensor", "Variable"):
            return (key[0], None if key[1] is None else (None,) * len(key[1]), key[2])
        return tuple(_relaxed(part) for part in key)
    return key


def _as_function_outputs(result, python_function):
    """What a traced TF function returns for ``result``: leaves become tensors, None stays."""
    if result is None or isinstance(result, Tensor):
        return result

    def convert(leaf):
        if leaf is None or isinstance(leaf, (Tensor, SparseTensor)):
            return leaf
        try:
            return convert_to_tensor(leaf)
        except (TypeError, ValueError):
            raise TypeError("To be compatible with tf.function, Python functions must return zero or more "
                            "Tensors or ExtensionTypes or None values; in compilation of "
                            f"{python_function!r}, found return value of type {type(leaf).__name__}, which is "
                            "not a Tensor or ExtensionType.") from None

    return nest.map_structure(convert, result)


_CAPTURED = "<captured_default_value>"


class SignatureBinder:
    """Binds a call's arguments to an ``input_signature`` the way TF's tf.function does.

    TF rewrites the Python signature: parameters covered by a TensorSpec take (and are
    converted to) tensors; other parameters must have defaults and accept only that value;
    ``*args`` is unrolled into positional-only parameters ``a_0, a_1, ...``; ``**kwargs``
    is dropped. Python's own ``Signature.bind`` then produces TF's inner messages
    ("too many positional arguments", "missing a required argument: 'x'").
    """

    def __init__(self, target, input_signature, is_method):
        params = list(inspect.signature(target).parameters.values())
        if not is_method and params and params[0].name == "self":
            params = params[1:]  # a method decorated in its class, seen before binding
        positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        varargs = next((p for p in params if p.kind == p.VAR_POSITIONAL), None)
        specs = list(input_signature)
        if len(specs) > len(positional) and varargs is None:
            raise TypeError(f"input_signature contains {len(specs) - len(positional)} extra type constraints.")
        # With *args present TF makes every parameter positional-only.
        only_positional = varargs is not None
        new_params, self._specs = [], {}
        for i, p in enumerate(positional):
            if i < len(specs):
                self._specs[p.name] = specs[i]
                new_params.append(inspect.Parameter(p.name, p.POSITIONAL_ONLY if only_positional else p.kind))
            elif p.default is p.empty:
                raise TypeError(f"input_signature missing type constraint for {p.name}")
            else:
                new_params.append(inspect.Parameter(p.name, p.POSITIONAL_ONLY if only_positional else p.kind,
                                                     default=p.default))
        for i, spec in enumerate(specs[len(positional):]):
            name = f"{varargs.name}_{i}"
            self._specs[name] = spec
            new_params.append(inspect.Parameter(name, inspect.Parameter.POSITIONAL_ONLY))
        for p in params:
            if p.kind == p.KEYWORD_ONLY:
                if p.default is p.empty:
                    raise TypeError(f"Since input_signature is defined, keyword-only parameter `{p.name}` must "
                                    "have a default value")
                new_params.append(p.replace(annotation=p.empty))
        self._signature = inspect.Signature(new_params)
        self._text = _signature_text(new_params, self._specs)

    def bind(self, args, kwargs):
        """(args, kwargs) for the Python function: tensors where the signature has specs."""
        try:
            bound = self._signature.bind(*args, **kwargs)
            bound.apply_defaults()
            call_args, call_kwargs = [], {}
            for p in self._signature.parameters.values():
                value = bound.arguments[p.name]
                spec = self._specs.get(p.name)
                if spec is not None:
                    value = _cast_structure(spec, value)
                elif value is not p.default and (isinstance(value, Tensor) or value != p.default):
                    raise TypeError(f"Can not cast {value!r} to Literal[{p.default!r}]")
                if p.kind == p.KEYWORD_ONLY:
                    call_kwargs[p.name] = value
                else:
                    call_args.append(value)
        except (TypeError, ValueError) as error:
            raise TypeError(f"Binding inputs to tf.function failed due to `{error}`. Received args: {args!r} and "
                            f"kwargs: {kwargs!r} for signature: {self._text}.") from None
        return call_args, call_kwargs


def _cast_structure(spec, value):
    """``value`` converted leaf by leaf to a (possibly nested) signature entry."""
    if isinstance(spec, TensorSpec):
        return _cast_to_spec(spec, value)
    if isinstance(spec, dict):
        if not isinstance(value, dict) or set(value) != set(spec):
            raise TypeError(f"Can not cast {value!r} to {_constraint_text(spec)}")
        return {k: _cast_structure(spec[k], value[k]) for k in spec}
    if not isinstance(value, (list, tuple)) or len(value) != len(spec):
        raise TypeError(f"Can not cast {value!r} to {_constraint_text(spec)}")
    return type(spec)(_cast_structure(s, v) for s, v in zip(spec, value))


def _cast_to_spec(spec, value):
    if isinstance(value, Tensor):
        tensor = value
    else:
        # Python values, NumPy arrays and variables take the spec's dtype; a variable of
        # another dtype raises its own "Incompatible type conversion" error, as in TF.
        tensor = convert_to_tensor(value, dtype=spec.dtype)
    if tensor.dtype != spec.dtype or not spec.shape.is_compatible_with(tensor.shape):
        raise TypeError(f"Can not cast {TensorSpec(tensor.shape, tensor.dtype)!r} to {spec!r}")
    return tensor


def _signature_text(params, specs):
    """TF's rendering of a bound signature: "(x: TensorSpec(...), y: Literal[2] = ...)"."""
    parts = []
    for p in params:
        if p.name in specs:
            parts.append(f"{p.name}: {_constraint_text(specs[p.name])}")
        else:
            parts.append(f"{p.name}: Literal[{p.default!r}] = {_CAPTURED}")
    if params and params[-1].kind == inspect.Parameter.POSITIONAL_ONLY:
        parts.append("/")
    return f"({', '.join(parts)})"


def _constraint_text(spec):
    if isinstance(spec, list):
        return f"List[{', '.join(_constraint_text(s) for s in spec)}]"
    if isinstance(spec, tuple):
        return f"Tuple[{', '.join(_constraint_text(s) for s in spec)}]"
    if isinstance(spec, dict):
        return f"Dict[{', '.join(f'[{k!r}, {_constraint_text(v)}]' for k, v in spec.items())}]"
    return repr(spec)
