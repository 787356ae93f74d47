"""GradientTape: records primitive calls on watched tensors and runs them backwards.

A record is ``(primitive, inputs, output, attrs)``: ``output`` is the output tensor of a
single-output primitive (nearly all of them) and the tuple of outputs otherwise. Tensors
are keyed by ``id``; the records keep every keyed object alive, so an id cannot be reused
while the tape lives. Variables are keyed by the Variable object itself: reading one on a
tape leaves a ``(tensor, variable)`` pair in the tape's reads (TF's ``ReadVariableOp``,
whose gradient is the identity), and after the backward walk each read's gradient is
added to its variable's. Kept apart from the records, reads cost the walk nothing.
"""
import contextlib
import enum
import functools
import inspect
import logging

import numpy as np

from . import nest
from .tensor import EagerTensor, Tensor, convert_to_tensor, wrap

__all__ = ["GradientTape", "UnconnectedGradients", "custom_gradient", "RECORDING", "record", "record1",
           "record_variable_read", "stop_recording_all"]

# The tapes that are recording now, innermost last. Primitives test this list's
# truth value on every call, so it is mutated in place and never rebound.
RECORDING = []

# The backward pass in progress: the inputs of the record being differentiated and the
# ids the tape watches. An input that is not watched cannot lead to a source, so a gradient
# rule may skip it (needed_inputs); outside a backward pass every input is needed. The
# answer is built only when a rule asks, so records whose rules do not ask pay nothing.
_BACKWARD = [None, None]
_ALL_NEEDED = {n: (True,) * n for n in range(1, 5)}

# Types that are certainly valid gradient sources (variables.py adds its own): a set lookup
# instead of attribute probing for each source.
SOURCE_TYPES = {EagerTensor}


def needed_inputs(n):
    inputs, watched = _BACKWARD
    if inputs is None or len(inputs) != n:
        return _ALL_NEEDED.get(n) or (True,) * n
    if n == 2:
        return id(inputs[0]) in watched, id(inputs[1]) in watched
    return tuple([id(x) in watched for x in inputs])


_log = logging.getLogger("leantf")


class UnconnectedGradients(enum.Enum):
    NONE = "none"
    ZERO = "zero"


def record(prim, inputs, outputs, attrs):
    """Record a primitive call with a tuple of ``outputs`` on the tapes watching an input."""
    if len(outputs) == 1:
        return record1(prim, inputs, outputs[0], attrs)
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


def record1(prim, inputs, y, attrs):
    """record() for the common single-output call: no outputs tuple to build or walk."""
    for tape in RECORDING:
        watched = tape._watched
        for x in inputs:
            if id(x) in watched:
                break
        else:
            continue
        tape._records.append((prim, inputs, y, attrs))
        if y._dtype._kind in "fc":
            watched.add(id(y))


def record_variable_read(var, tensor):
    key = id(var)
    for tape in RECORDING:
        watched = tape._watched
        if key not in watched:
            if not (tape._watch_accessed_variables and var.trainable):
                continue
            watched.add(key)  # tape._watch_variable(var), inlined
            tape._variables.append(var)
        tape._reads.append((tensor, var))
        watched.add(id(tensor))


# The primitive registry, handed over by primitive.py when it is imported (primitive.py
# imports this module, so this one cannot import it back at load time).
PRIMITIVES = {}


def _prim(name):
    return PRIMITIVES[name]


def _add(a, b):
    return PRIMITIVES["AddV2"](a, b)


def _zeros_like(x):
    return wrap(np.zeros(np.shape(x._value), dtype=x._value.dtype))


_SCALAR_ONES = {}  # NumPy dtype -> the scalar 1 as a tensor (tensors are immutable: shared)


def _ones_seed(t):
    """The default output gradient: ones shaped like target ``t`` (a tensor or variable)."""
    v = t._value
    if v.ndim == 0:
        one = _SCALAR_ONES.get(v.dtype)
        if one is None:
            one = _SCALAR_ONES[v.dtype] = wrap(v.dtype.type(1))
        return one
    return wrap(np.ones(v.shape, dtype=v.dtype))


@contextlib.contextmanager
def stop_recording_all():
    """Pause every tape (used while running user code that must not be recorded)."""
    saved = list(RECORDING)
    RECORDING.clear()
    try:
        yield
    finally:
        RECORDING[:] = saved


_NOT_REUSABLE = "A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)"


class GradientTape:
    """tf.GradientTape.

    State follows TF's: ``_has_tape`` is TF's "self._tape is not None" (set on the first
    entry, cleared when a non-persistent tape has produced its gradients), ``_recording``
    says whether the tape is on the stack of recording tapes now.
    """

    # Slots: a tape is made and entered on every step of a training loop.
    __slots__ = ("_persistent", "_watch_accessed_variables", "_records", "_reads", "_watched", "_keep",
                 "_variables", "_recording", "_has_tape", "_last_watched", "__weakref__")

    def __init__(self, persistent=False, watch_accessed_variables=True):
        self._persistent = persistent
        self._watch_accessed_variables = watch_accessed_variables
        self._records = []
        self._reads = []           # (tensor, variable) for each read of a watched variable
        self._watched = set()
        self._keep = []            # explicitly watched tensors, kept alive so their ids stay valid
        self._variables = []       # watched variables
        self._recording = False
        self._has_tape = False
        self._last_watched = ()    # what watched_variables() reports once the tape is consumed

    # -- context ---------------------------------------------------------
    def __enter__(self):
        if not self._has_tape and not self._recording and not self._watched:
            # A fresh tape (nothing watched: nothing recorded either): what _push does, minus its checks.
            self._has_tape = True
            self._recording = True
            RECORDING.append(self)
        else:
            self._push()
        return self

    def __exit__(self, typ, value, traceback):
        if self._recording:
            self._pop()

    def _push(self):
        if self._recording:
            raise ValueError("Tape is still recording, This can happen if you try to re-enter an "
                             "already-active tape.")
        if not self._has_tape:
            if self._watched:  # (anything recorded or watched put ids here; a new tape is clean)
                self._reset_state()
            self._has_tape = True
        RECORDING.append(self)
        self._recording = True

    def _pop(self):
        if not self._recording:
            raise ValueError("Tape is not recording.")
        try:
            RECORDING.remove(self)
        except ValueError:  # (stop_recording_all took it off the stack)
            pass
        self._recording = False

    def _reset_state(self):
        self._records = []
        self._reads = []
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
                raise ValueError(f"Passed in object {t} of type {type(t).__name__!r}, not tf.Tensor or "
                                 f"tf.Variable or ExtensionType.")
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
        """The watched variables in the order they were created (as TF sorts them)."""
        if self._has_tape:
            self._last_watched = self._variables
        return tuple(sorted(self._last_watched, key=lambda v: v._unique_id))

    @contextlib.contextmanager
    def stop_recording(self):
        if not self._has_tape:
            raise RuntimeError("Trying to stop recording a tape which is not recording.")
        self._pop()
        try:
            yield
        finally:
            self._push()

    def reset(self):
        """Forget everything recorded so far; the tape keeps recording."""
        self._pop()
        self._has_tape = False
        self._push()

    # -- differentiation -------------------------------------------------
    def _start_differentiating(self):
        if not self._has_tape:
            raise RuntimeError(_NOT_REUSABLE)
        if self._recording and not self._persistent:
            # TF stops the tape here: its own gradient ops are not recorded on it.
            self._pop()

    def gradient(self, target, sources, output_gradients=None,
                 unconnected_gradients=UnconnectedGradients.NONE):
        if not self._has_tape or self._recording:
            self._start_differentiating()
        if target is None:
            raise TypeError("Argument `target` should be a list or nested structure of Tensors, Variables or "
                            "CompositeTensors to be differentiated, but received None.")
        result = self._gradient(target, sources, output_gradients, unconnected_gradients)
        if not self._persistent:  # _finish, inlined
            self._last_watched = self._variables  # still reported after use, as TF does
            self._has_tape = False
            self._reset_state()
        return result

    def _finish(self):
        if not self._persistent:
            self._last_watched = self._variables  # still reported after use, as TF does
            self._has_tape = False
            self._reset_state()

    def _gradient(self, target, sources, output_gradients, unconnected_gradients):
        if unconnected_gradients is not UnconnectedGradients.NONE:
            try:
                unconnected_gradients = UnconnectedGradients(unconnected_gradients)
            except ValueError:
                raise ValueError(f"Unknown value for unconnected_gradients: {unconnected_gradients!r}") from None
        # A plain list of tensors and variables (the usual sources) needs no nest work.
        flat_list = type(sources) is list
        if flat_list:
            for s in sources:
                if type(s) not in SOURCE_TYPES and not getattr(s, "_is_variable", False):
                    flat_list = False
                    break
        if flat_list:
            flat_sources = sources
        else:
            flat_sources = nest.flatten(sources)
            for s in flat_sources:
                if type(s) is not EagerTensor and not getattr(s, "_is_variable", False):
                    _check_source(s)
        if type(target) is EagerTensor and output_gradients is None:  # one loss tensor: the usual call
            cot = {id(target): _ones_seed(target)} if target._dtype._kind in "fc" else {}
        else:
            flat_targets = [_as_target(t) for t in nest.flatten(target)]
            if output_gradients is not None:
                flat_out = [convert_to_tensor(g) for g in nest.flatten(output_gradients)]
            else:
                flat_out = (None,) * len(flat_targets)
            cot = {}
            for t, g in zip(flat_targets, flat_out):
                if t._dtype._kind not in "fc":
                    continue
                if g is None:
                    g = _ones_seed(t)
                k = id(t)
                cot[k] = g if k not in cot else _add(cot[k], g)
        get = cot.get
        watched = self._watched
        backward = _BACKWARD
        saved_inputs, saved_watched = backward  # a rule may run a gradient of its own (nested tapes)
        backward[1] = watched
        try:
            for prim, inputs, y, attrs in reversed(self._records):
                if type(y) is tuple:  # a primitive with several outputs
                    gs = [cot.get(id(o)) for o in y]
                    if all(x is None for x in gs):
                        continue
                    g = tuple(_zeros_like(o) if x is None else x for o, x in zip(y, gs))
                else:
                    g = get(id(y))
                    if g is None:
                        continue
                rule = prim.vjp_rule
                if rule is None:
                    raise LookupError(f"No gradient defined for operation '{prim.name}' (op type: {prim.name}).")
                backward[0] = inputs
                grads = rule(g, y, *inputs, **attrs) if attrs else rule(g, y, *inputs)
                if type(grads) is not tuple and not isinstance(grads, list):
                    grads = (grads,)
                for x, gx in zip(inputs, grads):
                    if gx is not None:
                        k = id(x)
                        if k in watched:  # as TF: an unwatched tensor gets no gradient, even as a source
                            prev = get(k)
                            cot[k] = gx if prev is None else _add(prev, gx)
            # Variable reads, latest first as the walk would meet them: d(read)/d(variable) = 1.
            for t, var in reversed(self._reads):
                g = get(id(t))
                if g is not None:
                    k = id(var)
                    prev = get(k)
                    cot[k] = g if prev is None else _add(prev, g)
        finally:
            backward[0] = saved_inputs
            backward[1] = saved_watched
        out = []
        for s in flat_sources:
            g = cot.get(id(s))
            if g is None:
                if unconnected_gradients is UnconnectedGradients.ZERO:
                    g = _zeros_like(_as_target(s))
            elif g._dtype is not s._dtype and s._dtype._kind in "fc":
                g = _prim("Cast")(g, dtype=s._dtype)
            out.append(g)
        return out if flat_list else nest.pack_sequence_as(sources, out)

    def jacobian(self, target, sources, unconnected_gradients=UnconnectedGradients.NONE,
                 parallel_iterations=None, experimental_use_pfor=True):
        self._start_differentiating()
        if not experimental_use_pfor and not self._persistent:
            raise RuntimeError("GradientTape must be created with persistent=True to compute the jacobian with "
                               "eager execution enabled and with  experimental_use_pfor set to False.")
        target = _as_target(target)
        flat_sources = nest.flatten(sources)
        for s in flat_sources:
            _check_source(s)
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
            shape = tuple(target.shape.as_list()) + tuple(s.shape.as_list())
            if not col:
                out.append(wrap(np.zeros(shape, dtype=target._value.dtype)))
            elif any(c is None for c in col):
                out.append(None)
            else:
                out.append(reshape(stack(*col, axis=0), shape=shape))
        self._finish()
        return nest.pack_sequence_as(sources, out)

    def batch_jacobian(self, target, source, unconnected_gradients=UnconnectedGradients.NONE,
                       parallel_iterations=None, experimental_use_pfor=True):
        self._start_differentiating()
        target = _as_target(target)
        tshape, sshape = target.shape, source.shape
        dim = tshape[0] if tshape.rank else None
        tshape.with_rank_at_least(2)
        sshape.with_rank_at_least(2)
        if dim is not None and sshape[0] is not None and dim != sshape[0]:
            raise ValueError(f"Need first dimension of target shape ({tshape}) and source shape ({sshape}) "
                             f"to match.")
        if not experimental_use_pfor and not self._persistent:
            raise RuntimeError("GradientTape must be created with persistent=True to compute the batch_jacobian "
                               "with eager execution enabled and  with experimental_use_pfor set to False.")
        tdims, sdims = tshape.as_list(), sshape.as_list()
        batch, inner = tdims[0], tdims[1:]
        m = int(np.prod(inner))
        cols = []
        for i in range(m):
            seed = np.zeros((batch, m), dtype=target._value.dtype)
            seed[:, i] = 1
            g = self._gradient(target, source, wrap(seed.reshape(tdims)), unconnected_gradients)
            if g is None:
                self._finish()
                return wrap(np.zeros([batch] + inner + sdims[1:], dtype=target._value.dtype))
            cols.append(g)
        stacked = _prim("Pack")(*cols, axis=1) if cols else wrap(np.zeros([batch, 0] + sdims[1:],
                                                                         dtype=target._value.dtype))
        self._finish()
        return _prim("Reshape")(stacked, shape=tuple([batch] + inner + sdims[1:]))


def _check_source(s):
    """TF's (accidental but stable) errors for sources that are not tensors or variables."""
    if isinstance(s, Tensor) or getattr(s, "_is_variable", False):
        return
    if s is None:
        raise TypeError("Cannot convert the argument `type_value`: None to a TensorFlow DType.")
    raise AttributeError(f"'{type(s).__name__}' object has no attribute '_id'")


def _as_target(t):
    """Targets and sources are tensors or variables (both carry ``_value`` and ``_dtype``)."""
    if isinstance(t, EagerTensor) or getattr(t, "_is_variable", False):
        return t
    return convert_to_tensor(t)


def custom_gradient(f=None):
    """tf.custom_gradient: ``f`` returns ``(y, grad_fn)``; the tape uses ``grad_fn`` for ``y``.

    As in TF, the variables ``f`` reads (other than its arguments) are handed to
    ``grad_fn(*dys, variables=...)``, which returns ``(input_grads, variable_grads)``.
    """
    if f is None:
        return custom_gradient

    @functools.wraps(f)
    def wrapped(*args, **kwargs):
        from .primitive import Primitive
        if any(getattr(a, "_is_symbolic", False) for a in nest.flatten(args)):
            return f(*args, **kwargs)[0]
        spy = GradientTape()  # sees every variable f reads, trainable or not
        spy._has_tape = True
        with stop_recording_all():
            RECORDING.append(spy)
            spy._recording = True
            try:
                result, grad_fn = f(*args, **kwargs)
            finally:
                RECORDING.remove(spy)
        flat_args = nest.flatten(args)
        variables = [v for v in spy._variables if all(v is not a for a in flat_args)]
        if variables and not _accepts_variables(grad_fn):
            raise TypeError(f"@tf.custom_gradient grad_fn must accept keyword argument 'variables', since "
                            f"function uses variables: {variables}")
        flat_result = nest.flatten(result)
        # Fresh output tensors (TF: identity), so the tape links them to grad_fn alone.
        outs = tuple(wrap(convert_to_tensor(r)._value) for r in flat_result)
        if RECORDING:
            inputs = tuple(convert_to_tensor(x) for x in flat_args + variables)
            n_args = len(flat_args)

            def vjp(g, y, *_):
                dys = g if isinstance(g, tuple) else (g,)
                if variables:
                    input_grads, var_grads = grad_fn(*dys, variables=variables)
                    if len(var_grads) != len(variables):
                        raise ValueError("Must return gradient for each variable from @custom_gradient grad_fn.")
                else:
                    input_grads, var_grads = grad_fn(*dys), []
                flat = nest.flatten(input_grads)
                if len(flat) != n_args:
                    raise ValueError(f"custom_gradient function expected to return {n_args} gradients, but "
                                     f"returned {len(flat)} instead.")
                return tuple(None if a is None else convert_to_tensor(a) for a in list(flat) + list(var_grads))

            prim = Primitive(f.__name__, None, n_outputs=len(outs))
            prim.vjp_rule = vjp
            record(prim, inputs, outs, {})
        return nest.pack_sequence_as(result, list(outs))

    return wrapped


def _accepts_variables(fn):
    try:
        spec = inspect.getfullargspec(fn)
    except TypeError:
        return True
    return "variables" in spec.args or "variables" in spec.kwonlyargs or spec.varkw is not None
