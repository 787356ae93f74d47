"""What Layer.__call__ knows about a layer's ``call`` signature, and Keras's wrapping of an
error raised inside ``call``: the original message in bold, then the arguments received.

The text follows Keras 3.15 (``Exception encountered when calling Dense.call().``); only the
innermost failing call adds it.
"""
import inspect

from ...framework import nest
from ...framework.errors import OpError
from ...framework.symbolic import SymbolicTensor
from ...framework.tensor import Tensor

__all__ = ["signature_info", "with_call_info", "with_symbolic_call_info", "message_of", "rebuild"]


class _Info:
    __slots__ = ("params", "names", "first_name", "has_training", "has_mask", "has_named_masks", "training_default",
                 "signature", "positional", "var_keyword")

    def __init__(self, fn):
        sig = inspect.signature(fn)
        params = list(sig.parameters.values())[1:]  # drop `self`
        self.signature = sig.replace(parameters=params)
        self.params = {p.name: p for p in params}
        self.names = [p.name for p in params]
        self.positional = [p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        first = params[0] if params else None
        self.first_name = first.name if first is not None and first.kind in (
            first.POSITIONAL_ONLY, first.POSITIONAL_OR_KEYWORD) else None
        self.has_mask = "mask" in self.params
        # Arguments named `<tensor argument>_mask` (MultiHeadAttention's value_mask...): Keras
        # fills them from the inputs' masks when a call takes several tensors.
        self.has_named_masks = any(name.endswith("_mask") for name in self.params)
        self.var_keyword = next((p.name for p in params if p.kind is p.VAR_KEYWORD), None)
        default = self.params["training"].default if "training" in self.params else None
        self.training_default = None if default is inspect.Parameter.empty else default
        # Keras passes `training` only to a call that names it (not through **kwargs).
        self.has_training = "training" in self.params

    def check_nested_kwargs(self, kwargs):
        """Keras refuses a nested keyword argument that mixes tensors and other values."""
        extra = {k: v for k, v in kwargs.items() if k not in self.params}
        items = [(k, v) for k, v in kwargs.items() if k in self.params]
        if extra and self.var_keyword:
            items.append((self.var_keyword, extra))
        for name, value in items:
            if isinstance(value, (list, tuple, dict)) and value:
                flat = nest.flatten(value)
                if any(isinstance(x, Tensor) for x in flat) and \
                        not all(x is None or isinstance(x, Tensor) or getattr(x, "_is_variable", False) for x in flat):
                    raise ValueError("In a nested call() argument, you cannot mix tensors and non-tensors. Received "
                                     f"invalid mixed argument: {name}={value}")

    def tensor_arguments(self, args, kwargs):
        """(name, value) of each argument holding tensors, as Keras finds the one to take a mask from."""
        out = []
        for name, value in zip(self.positional, args):
            if _holds_tensor(value):
                out.append((name, value))
        for name, value in kwargs.items():
            if name not in ("mask", "training") and not name.endswith("_mask") and _holds_tensor(value):
                out.append((name, value))
        return out


def _holds_tensor(value):
    if isinstance(value, Tensor):
        return True
    if isinstance(value, (list, tuple, dict)):
        return any(isinstance(x, Tensor) for x in nest.flatten(value))
    return False


def signature_info(cls):
    info = cls.__dict__.get("_leantf_call_info")
    if info is None or info[0] is not cls.call:
        info = (cls.call, _Info(cls.call))
        cls._leantf_call_info = info
    return info[1]


def _format_leaf(value):
    if isinstance(value, Tensor) or getattr(value, "_is_variable", False):
        return f"tf.Tensor(shape={tuple(value.shape.as_list())}, dtype={value.dtype.name})"
    return repr(value)


def _format(value):
    """Keras formats each leaf (tensors briefly, others by repr) and prints the structure."""
    if isinstance(value, list):
        return [_format(v) for v in value]
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(_format(v) for v in value)
    if isinstance(value, dict):
        return {k: _format(v) for k, v in value.items()}
    return _format_leaf(value)


def message_of(error):
    if isinstance(error, OpError):
        return error.message
    if error.args:
        return error.args[0]
    return ""


def rebuild(error, message):
    """The same kind of exception carrying `message` (a RuntimeError if it cannot be rebuilt)."""
    if isinstance(error, OpError):
        new = OpError.__new__(type(error))
        type(error).__init__(new, getattr(error, "node_def", None), getattr(error, "op", None), message)
        return new
    try:
        return type(error)(message)
    except Exception:
        return RuntimeError(message)


def _wrap(error, display, lines):
    message = (f"Exception encountered when calling {display}.\n\n\x1b[1m{message_of(error)}\x1b[0m\n\n"
               f"Arguments received by {display}:\n" + "\n".join(lines))
    new = rebuild(error, message)
    new._keras_call_info_injected = True
    return new.with_traceback(error.__traceback__)


def with_call_info(error, layer, fn, args, kwargs):
    """Keras's wrapping of an exception raised in `layer.call(*args, **kwargs)`."""
    if getattr(error, "_keras_call_info_injected", False):
        return error
    info = signature_info(type(layer))
    try:
        bound = info.signature.bind(*args, **kwargs)
    except TypeError:
        return error  # arguments that do not fit the signature: the error stays as it is
    lines = []
    for name, param in info.params.items():
        if name in bound.arguments:
            value = _format(bound.arguments[name])
        else:
            value = param.default
        lines.append(f"  • {name}={value}")
    if not lines:
        return error
    return _wrap(error, f"{type(layer).__name__}.call()", lines)


def with_symbolic_call_info(error, layer, args, kwargs):
    """The wrapping of a failed symbolic call: Keras reports its `symbolic_call(*args, **kwargs)`."""
    if getattr(error, "_keras_call_info_injected", False):
        return error

    def fmt(value):
        if isinstance(value, SymbolicTensor):
            return _keras_repr(value)
        if isinstance(value, (list, tuple, dict)):
            return nest.map_structure(fmt, value)
        return _format_leaf(value)
    lines = [f"  • args={tuple(fmt(a) for a in args)}",
             f"  • kwargs={ {k: fmt(v) for k, v in kwargs.items()} if kwargs else inspect.Parameter.empty}"]
    return _wrap(error, f"{type(layer).__name__}.call()", lines)


def _keras_repr(t):
    return (f"<KerasTensor shape={tuple(t.shape.as_list())}, dtype={t.dtype.name}, sparse=False, ragged=False, "
            f"name={t.name}>")
