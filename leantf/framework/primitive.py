"""The primitive registry: one op = one kernel + one output-spec rule + one gradient.

A primitive is called with tensors (already converted) and keyword attributes:

    y = PRIMITIVES["Tanh"](x)

With concrete inputs it runs the kernel on their NumPy values and wraps the result
(the eager fast path: no spec rule, no dict building); when a tape is recording it
also leaves a record for the tape. With a symbolic input it runs the spec rule and
returns symbolic outputs attached to a new graph node.

Kernels take and return raw arrays. Spec rules take the input tensors (they only
read ``.shape`` and ``.dtype``) and return ``(shape, dtype)`` or a list of them.
Gradient rules take ``(g, y, *inputs, **attrs)`` as leantf tensors and return one
gradient per input (``None`` where an input gets none), written with leantf ops so
that gradients are differentiable again.
"""
import operator

from . import dtypes as _dt
from .errors import InvalidArgumentError, eager_message
from . import tape as _tape_module
from .tape import RECORDING, record
from .tracing_state import TRACING
from .dtypes import _BY_NUMPY, from_numpy
from .tensor import EagerTensor, wrap

_get_value = operator.attrgetter("_value")
_new_tensor = object.__new__
_dtype_of = _BY_NUMPY.get
from .tensor_shape import TensorShape

__all__ = ["Primitive", "primitive", "PRIMITIVES", "ShapeError", "NoGradient"]

PRIMITIVES = {}
_tape_module.PRIMITIVES = PRIMITIVES  # the tape looks primitives up here

# TF's own names for dtypes, used in its "allowed values" messages.
_TF_TYPE_NAME = {"float16": "half", "float32": "float", "float64": "double"}


def tf_type_name(dtype):
    return _TF_TYPE_NAME.get(dtype.name, dtype.name)


class ShapeError(Exception):
    """Raised by spec rules. ``detail`` is TF's eager text, ``graph_detail`` its graph-mode text."""

    def __init__(self, detail, graph_detail=None):
        super().__init__(detail)
        self.detail = detail
        self.graph_detail = graph_detail or detail


class NoGradient:
    """Marker vjp for primitives that are not differentiable (argmax, equal, shape...)."""


class Primitive:
    __slots__ = ("name", "_kernel", "spec_rule", "vjp_rule", "n_outputs", "differentiable",
                 "_allowed", "_overrides", "_kernels", "signature", "kernel_label", "error_name",
                 "__weakref__")

    def __init__(self, name, kernel, n_outputs=1, differentiable=True, allowed=None,
                 signature="x:T -> y:T", kernel_label=None, error_name=""):
        self.name = name
        self.error_name = error_name
        self._overrides = {}
        self._allowed = None
        self.kernel = kernel
        self.spec_rule = None
        self.vjp_rule = None
        self.n_outputs = n_outputs
        self.differentiable = differentiable
        self.allowed = allowed
        self.signature = signature
        self.kernel_label = kernel_label

    @property
    def allowed(self):
        """The dtypes the first input may have (None: any)."""
        return self._allowed

    @allowed.setter
    def allowed(self, dtypes):
        self._allowed = frozenset(dtypes) if dtypes is not None else None
        self._build_kernel_table()

    @property
    def kernel(self):
        """The kernel (for dtypes without one of their own: see dtype_kernel)."""
        return self._kernel

    @kernel.setter
    def kernel(self, fn):
        self._kernel = fn
        self._build_kernel_table()

    def dtype_kernel(self, dtypes, fn):
        """Use ``fn`` as the kernel when the first input has one of ``dtypes``.

        For speed only: e.g. Python's operators on float scalars, where the generic
        kernel must take NumPy's ufunc for integers. Results must not differ.
        """
        for d in dtypes:
            self._overrides[d._enum] = fn
        self._build_kernel_table()
        return fn

    def _build_kernel_table(self):
        # One dict lookup on the first input's dtype enum both checks TF's allowed dtypes and
        # picks the kernel (DType.__hash__ is a Python method; the enum hashes in C).
        if self._allowed is None and not self._overrides:
            self._kernels = None
            return
        allowed = self._allowed if self._allowed is not None else _dt._ALL
        self._kernels = {d._enum: self._overrides.get(d._enum, self._kernel) for d in allowed}

    # decorators -----------------------------------------------------------
    def spec(self, fn):
        self.spec_rule = fn
        return fn

    def vjp(self, fn):
        self.vjp_rule = fn
        return fn

    def __repr__(self):
        return f"<primitive {self.name}>"

    # binding ----------------------------------------------------------------
    def __call__(self, *inputs, **attrs):
        # The eager fast path: unwrap, run the kernel, wrap. Every line here is paid on
        # every op call (~0.5 us of Python in all), so one- and two-input calls unwrap
        # without a temporary tuple, and an empty ``attrs`` is not unpacked.
        n = len(inputs)
        try:
            if n == 2:
                a = inputs[0]._value
                b = inputs[1]._value
            elif n == 1:
                a = inputs[0]._value
            else:
                vals = tuple(map(_get_value, inputs))
        except AttributeError:  # a symbolic input (no ``_value``)
            return bind_symbolic(self, inputs, attrs)
        table = self._kernels
        if table is None or not n:
            kernel = self._kernel
        else:
            kernel = table.get(inputs[0]._dtype._enum)
            if kernel is None:  # a dtype the op does not allow
                raise InvalidArgumentError(None, None, self._dtype_message(inputs[0]._dtype))
        try:
            if attrs:
                out = (kernel(a, b, **attrs) if n == 2 else kernel(a, **attrs) if n == 1
                       else kernel(*vals, **attrs))
            else:
                out = kernel(a, b) if n == 2 else kernel(a) if n == 1 else kernel(*vals)
        except InvalidArgumentError:
            raise
        except Exception as e:
            raise self._eager_failure(inputs, attrs, e) from e
        if self.n_outputs == 1:
            y = _new_tensor(EagerTensor)
            y._value = out
            y._dtype = _dtype_of(out.dtype) or from_numpy(out.dtype)
            if RECORDING and self.differentiable:
                for tape in RECORDING:  # tape.record1, inlined: every op under a tape passes here
                    watched = tape._watched
                    for x in inputs:
                        if id(x) in watched:
                            break
                    else:
                        continue
                    tape._records.append((self, inputs, y, attrs))
                    if y._dtype._kind in "fc":
                        watched.add(id(y))
            if TRACING:
                TRACING[-1].op(self, kernel, inputs, attrs, y)
            return y
        ys = tuple(wrap(o) for o in out)
        if RECORDING and self.differentiable:
            record(self, inputs, ys, attrs)
        if TRACING:
            TRACING[-1].op(self, kernel, inputs, attrs, ys)
        return ys

    def _dtype_message(self, dtype):
        # TF's text comes from each op's definition (type order, extra attributes); it is
        # recorded per op in op_def_texts.py. Ops missing there get a text built from ``allowed``.
        from .op_def_texts import OP_DEF_TEXTS
        recorded = OP_DEF_TEXTS.get(self.name)
        if recorded is not None:
            return recorded.replace("{dtype}", tf_type_name(dtype)) + f" [Op:{self.name}] name: "
        names = ", ".join(tf_type_name(d) for d in _ordered(self.allowed))
        dts = ", ".join("DT_" + tf_type_name(d).upper() for d in _ordered(self.allowed))
        return (f"Value for attr 'T' of {tf_type_name(dtype)} is not in the list of allowed values: {names}\n"
                f"\t; NodeDef: {{{{node {self.name}}}}}; Op<name={self.name}; signature={self.signature}; "
                f"attr=T:type,allowed=[{dts}]> [Op:{self.name}] name: ")

    def _eager_failure(self, inputs, attrs, exc):
        """Turn a kernel's NumPy exception into TF's InvalidArgumentError text."""
        detail = None
        if self.spec_rule is not None:
            try:
                self.spec_rule(*inputs, **attrs)
            except ShapeError as e:
                detail = e.detail
            except Exception:  # a spec rule that cannot judge concrete values: keep the kernel's text
                pass
        if detail is None:
            detail = str(exc)
        return InvalidArgumentError(None, None, eager_message(self.name, detail, self.kernel_label, self.error_name))


_DTYPE_ORDER = ["bfloat16", "float16", "float32", "float64", "int8", "int16", "int32", "int64",
                "uint8", "uint16", "uint32", "uint64", "complex64", "complex128", "bool", "string"]


def _ordered(dts):
    return sorted(dts, key=lambda d: _DTYPE_ORDER.index(d.name) if d.name in _DTYPE_ORDER else 99)


def primitive(name, n_outputs=1, differentiable=True, allowed=None, signature="x:T -> y:T",
              kernel_label=None, error_name=""):
    """Decorator: register ``kernel`` as primitive ``name`` and return the Primitive."""
    def make(kernel):
        if name in PRIMITIVES:
            raise ValueError(f"primitive {name} registered twice")
        p = Primitive(name, kernel, n_outputs, differentiable, allowed, signature, kernel_label, error_name)
        if not differentiable:
            p.vjp_rule = NoGradient
        PRIMITIVES[name] = p
        return p
    return make


# Allowed-dtype sets TF ops declare, shared by many primitives.
FLOATS = (_dt.bfloat16, _dt.float16, _dt.float32, _dt.float64)
FLOAT_COMPLEX = FLOATS + (_dt.complex64, _dt.complex128)
SIGNED_NUMERIC = FLOAT_COMPLEX + (_dt.int8, _dt.int16, _dt.int32, _dt.int64)
REAL_NUMERIC = FLOATS + (_dt.int8, _dt.int16, _dt.int32, _dt.int64, _dt.uint8, _dt.uint16,
                         _dt.uint32, _dt.uint64)


def bind_symbolic(prim, inputs, attrs):
    # Imported here: symbolic.py needs this module, and the symbolic path is never hot.
    from .symbolic import build_node
    return build_node(prim, inputs, attrs)


def as_shape_tuple(shape):
    """A spec rule's shape (TensorShape, list or tuple) as a TensorShape."""
    return shape if isinstance(shape, TensorShape) else TensorShape(shape)
