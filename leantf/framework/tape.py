"""GradientTape: records primitive calls on watched tensors and runs them backwards.

A record is ``(primitive, inputs, outputs, attrs)``. Tensors are keyed by ``id``;
the records keep every keyed object alive, so an id cannot be reused while the tape
lives. Variables are keyed by the Variable object itself: reading one on a tape
leaves a ``ReadVariableOp`` record whose input is the variable.
"""
import contextlib
import enum
import functools
import logging

import numpy as np

from . import nest
from .tensor import EagerTensor, Tensor, convert_to_tensor, wrap

__all__ = ["GradientTape", "UnconnectedGradients", "custom_gradient", "RECORDING", "record",
           "record_variable_read", "stop_recording_all"]

# The tapes that are recording now, innermost last. Primitives test this list's
# truth value on every call, so it is mutated in place and never rebound.
RECORDING = []

_log = logging.getLogger("leantf")


class UnconnectedGradients(enum.Enum):
    NONE = "none"
    ZERO = "zero"


def record(prim, inputs, outputs, attrs):
    for tape in RECORDING:
        watched = tape._watched
        for x in inputs:
            if id(x) in watched:
                break
        else:
            continue
        tape._records.append((prim, inputs, outputs, attrs))
        for y in outputs:
            if y._dtype._kind in "fc":
                watched.add(id(y))


def record_variable_read(var, tensor):
    for tape in RECORDING:
        key = id(var)
        if key not in tape._watched:
            if not (tape._watch_accessed and var.trainable):
                continue
            tape._watch_variable(var)
        tape._records.append((_read_variable(), (var,), (tensor,), {}))
        tape._watched.add(id(tensor))


@functools.lru_cache(maxsize=None)
def _read_variable():
    from .primitive import PRIMITIVES
    return PRIMITIVES["ReadVariableOp"]


def _prim(name):
    from .primitive import PRIMITIVES
    return PRIMITIVES[name]


def _add(a, b):
    return _prim("AddV2")(a, b)


def _zeros_like(x):
    return wrap(np.zeros(np.shape(x._value), dtype=x._value.dtype))


@contextlib.contextmanager
def stop_recording_all():
    """Pause every tape (used while running user code that must not be recorded)."""
    saved = list(RECORDING)
    RECORDING.clear()
    try:
        yield
    finally:
        RECORDING[:] = saved


class GradientTape:
    def __init__(self, persistent=False, watch_accessed_variables=True):
        self._persistent = persistent
        self._watch_accessed = watch_accessed_variables
        self._records = []
        self._watched = set()
        self._keep = []            # explicitly watched tensors, kept alive so their ids stay valid
        self._variables = []       # watched variables in first-access order
        self._recording = False
        self._used = False

    # -- context ---------------------------------------------------------
    def __enter__(self):
        self._push()
        return self

    def __exit__(self, typ, value, traceback):
        if self._recording:
            self._pop()

    def _push(self):
        if self._used and not self._persistent:
            # A consumed non-persistent tape starts over when re-entered, as in TF.
            self._reset_state()
            self._used = False
        RECORDING.append(self)
        self._recording = True

    def _pop(self):
        if self in RECORDING:
            RECORDING.remove(self)
        self._recording = False

    def _reset_state(self):
        self._records = []
        self._watched = set()
        self._keep = []
        self._variables = []

    # -- watching ---------------------------------------------------------
    def watch(self, tensor):
        for t in nest.flatten(tensor):
            if getattr(t, "_is_variable", False):
                self._watch_variable(t)
                continue
            if not isinstance(t, Tensor):
                t = convert_to_tensor(t)
            if t.dtype._kind not in "fc":
                _log.warning("The dtype of the watched tensor must be floating (e.g. tf.float32), "
                             "got %r", t.dtype)
            self._keep.append(t)
            self._watched.add(id(t))

    def _watch_variable(self, var):
        if id(var) not in self._watched:
            self._watched.add(id(var))
            self._variables.append(var)

    def watched_variables(self):
        return tuple(self._variables)

    @contextlib.contextmanager
    def stop_recording(self):
        if not self._recording:
            raise ValueError("Tape is not recording.")
        self._pop()
        try:
            yield
        finally:
            self._push()

    def reset(self):
        self._reset_state()

    # -- differentiation -------------------------------------------------
    def gradient(self, target, sources, output_gradients=None,
                 unconnected_gradients=UnconnectedGradients.NONE):
        if self._used and not self._persistent:
            raise RuntimeError("A non-persistent GradientTape can only be used to compute one set of "
                               "gradients (or jacobians)")
        if self._recording and not self._persistent:
            # TF stops the tape here: its own gradient ops are not recorded on it.
            self._pop()
        result = self._gradient(target, sources, output_gradients, unconnected_gradients)
        self._finish()
        return result

    def _finish(self):
        if not self._persistent:
            self._used = True
            self._reset_state()

    def _gradient(self, target, sources, output_gradients, unconnected_gradients):
        unconnected_gradients = UnconnectedGradients(unconnected_gradients)
        flat_sources = nest.flatten(sources)
        flat_targets = [_as_target(t) for t in nest.flatten(target)]
        if output_gradients is not None:
            flat_out = [None if g is None else convert_to_tensor(g) for g in nest.flatten(output_gradients)]
        else:
            flat_out = [None] * len(flat_targets)
        cot = {}
        for t, g in zip(flat_targets, flat_out):
            if t._dtype._kind not in "fc":
                continue
            if g is None:
                g = wrap(np.ones(np.shape(t._value), dtype=t._value.dtype))
            k = id(t)
            cot[k] = g if k not in cot else _add(cot[k], g)
        records = self._records
        for i in range(len(records) - 1, -1, -1):
            prim, inputs, outputs, attrs = records[i]
            if len(outputs) == 1:
                g = cot.get(id(outputs[0]))
                if g is None:
                    continue
                y = outputs[0]
            else:
                gs = [cot.get(id(o)) for o in outputs]
                if all(x is None for x in gs):
                    continue
                g = tuple(_zeros_like(o) if x is None else x for o, x in zip(outputs, gs))
                y = outputs
            rule = prim.vjp_rule
            if rule is None:
                raise LookupError(f"No gradient defined for operation '{prim.name}' (op type: {prim.name}).")
            grads = rule(g, y, *inputs, **attrs)
            if not isinstance(grads, (tuple, list)):
                grads = (grads,)
            for x, gx in zip(inputs, grads):
                if gx is None:
                    continue
                k = id(x)
                prev = cot.get(k)
                cot[k] = gx if prev is None else _add(prev, gx)
        out = []
        for s in flat_sources:
            g = cot.get(id(s))
            if g is None and unconnected_gradients is UnconnectedGradients.ZERO:
                g = _zeros_like(_as_target(s))
            elif g is not None and g._dtype is not s.dtype and s.dtype._kind in "fc":
                g = _prim("Cast")(g, dtype=s.dtype)
            out.append(g)
        return nest.pack_sequence_as(sources, out)

    def jacobian(self, target, sources, unconnected_gradients=UnconnectedGradients.NONE,
                 parallel_iterations=None, experimental_use_pfor=True):
        if self._used and not self._persistent:
            raise RuntimeError("A non-persistent GradientTape can only be used to compute one set of "
                               "gradients (or jacobians)")
        if self._recording and not self._persistent:
            self._pop()
        target = _as_target(target)
        flat_sources = nest.flatten(sources)
        n = int(np.prod(target.shape.as_list()))
        rows = []
        for i in range(n):
            seed = np.zeros(n, dtype=target._value.dtype)
            seed[i] = 1
            seed = wrap(seed.reshape(np.shape(target._value)))
            rows.append(nest.flatten(self._gradient(target, flat_sources, seed, unconnected_gradients)))
        out = []
        stack, reshape = _prim("Pack"), _prim("Reshape")
        for j, s in enumerate(flat_sources):
            col = [r[j] for r in rows]
            if any(c is None for c in col):
                out.append(None)
                continue
            shape = tuple(target.shape.as_list()) + tuple(s.shape.as_list())
            out.append(reshape(stack(*col, axis=0), shape=shape) if col else
                       wrap(np.zeros(shape, dtype=target._value.dtype)))
        self._finish()
        return nest.pack_sequence_as(sources, out)

    def batch_jacobian(self, target, source, unconnected_gradients=UnconnectedGradients.NONE,
                       parallel_iterations=None, experimental_use_pfor=True):
        if self._used and not self._persistent:
            raise RuntimeError("A non-persistent GradientTape can only be used to compute one set of "
                               "gradients (or jacobians)")
        if self._recording and not self._persistent:
            self._pop()
        target = _as_target(target)
        tshape = target.shape.as_list()
        batch, inner = tshape[0], tshape[1:]
        m = int(np.prod(inner))
        cols = []
        for i in range(m):
            seed = np.zeros((batch, m), dtype=target._value.dtype)
            seed[:, i] = 1
            g = self._gradient(target, source, wrap(seed.reshape(tshape)), unconnected_gradients)
            if g is None:
                self._finish()
                return None
            cols.append(g)
        sshape = source.shape.as_list()
        stacked = _prim("Pack")(*cols, axis=1) if cols else wrap(np.zeros([batch, 0] + sshape[1:]))
        self._finish()
        return _prim("Reshape")(stacked, shape=tuple([batch] + inner + sshape[1:]))


def _as_target(t):
    """Targets and sources are tensors or variables (both carry ``_value`` and ``_dtype``)."""
    if isinstance(t, EagerTensor) or getattr(t, "_is_variable", False):
        return t
    return convert_to_tensor(t)


def custom_gradient(f=None):
    """tf.custom_gradient: ``f`` returns ``(y, grad_fn)``; the tape uses ``grad_fn`` for ``y``."""
    if f is None:
        return custom_gradient

    @functools.wraps(f)
    def wrapped(*args, **kwargs):
        from .primitive import Primitive
        args = [a if isinstance(a, Tensor) or getattr(a, "_is_variable", False) else convert_to_tensor(a)
                for a in args]
        if any(getattr(a, "_is_symbolic", False) for a in args):
            return f(*args, **kwargs)[0]
        spy = GradientTape(watch_accessed_variables=True)
        with stop_recording_all():
            RECORDING.append(spy)
            try:
                result, grad_fn = f(*args, **kwargs)
            finally:
                RECORDING.remove(spy)
        variables = list(spy.watched_variables())
        flat = nest.flatten(result)
        outs = tuple(wrap(convert_to_tensor(r)._value) for r in flat)
        if not RECORDING:
            return nest.pack_sequence_as(result, list(outs))
        n_args = len(args)

        def vjp(g, y, *inputs):
            dys = g if isinstance(g, tuple) else (g,)
            if variables:
                arg_grads, var_grads = grad_fn(*dys, variables=variables)
            else:
                arg_grads, var_grads = grad_fn(*dys), []
            arg_grads = list(nest.flatten(arg_grads)) if isinstance(arg_grads, (list, tuple)) else [arg_grads]
            arg_grads += [None] * (n_args - len(arg_grads))
            return tuple(None if a is None else convert_to_tensor(a) for a in arg_grads) + tuple(var_grads)

        prim = Primitive("CustomGradient", None, n_outputs=len(outs))
        prim.vjp_rule = vjp
        for tape in RECORDING:        # variables read inside f count as accessed by the tapes
            if tape._watch_accessed:
                for v in variables:
                    if v.trainable:
                        tape._watch_variable(v)
        record(prim, tuple(args) + tuple(variables), outs, {})
        return nest.pack_sequence_as(result, list(outs))

    return wrapped
