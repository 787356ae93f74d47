"""Record one eager call as a flat program of kernel calls, then replay it.

Why: a training step of a small model spends most of its time in Python around the
kernels (layer calls, loss wrappers, the tape, metric bookkeeping), not in NumPy. A step
that has run once eagerly has shown every kernel it needs; replaying just those kernels on
the next batch gives the same numbers for a fraction of the Python.

How: while a :class:`Recorder` is active (it sits in ``TRACING``), every primitive call,
variable read and variable write is appended to a list of steps. Values are identified by
their raw array objects, which kernels never mutate: an array produced by a recorded
step, fed as an argument or read from a variable gets a slot; any other array an op
consumes is a constant of the program. Dead steps are dropped; writes always stay.

What cannot be replayed is detected, never guessed: a value read into Python (``float(t)``,
``t.numpy()``, ``if t:``), a variable created, an op that failed. (Stateful random ops
replay correctly: their kernels reserve fresh Philox counters from a state object on every
call.) Beyond that, :class:`ReplayedFunction` trusts a program only after replaying it once beside an
eager run of the same call and finding the same outputs, the same variable writes and the
same sequence of kernels; a value computed outside the primitives (a stale constant) or
Python control flow that depends on values shows up there. Until then, and for every call
that failed the check, the function simply runs eagerly.
"""
from threading import get_ident

import numpy as np

from . import nest
from .tensor import EagerTensor, wrap_as
from .tracing_state import TRACING

__all__ = ["Recorder", "Program", "ReplayedFunction", "TRACING"]


class Recorder:
    """Collects the steps of one eager call; use as a context manager around the call."""

    def __init__(self):
        self.slot_of = {}        # id(raw array) -> slot
        self.values = []         # slot -> the array it held when recorded (this also keeps every
                                 # keyed array alive, so that no id is reused while recording)
        self.constants = {}      # slot -> value known at record time
        self.steps = []          # (fn, input slots, attrs, output slot | tuple of slots | None)
        self.feed_slots = []
        self.failure = None      # why this call cannot be replayed, once known
        self.created_variable = False
        self.n_slots = 0
        # Only the recording thread's ops belong to the call: tf.data's prefetch and map
        # workers run primitives of their own at the same time.
        self.thread = get_ident()

    def __enter__(self):
        TRACING.append(self)
        return self

    def __exit__(self, *exc):
        TRACING.remove(self)
        if exc[0] is not None and self.failure is None:
            self.failure = f"the call raised {exc[0].__name__}"
        return False

    # -- slots --------------------------------------------------------------------------------
    def _new_slot(self, array):
        s = self.n_slots
        self.n_slots += 1
        self.slot_of[id(array)] = s
        self.values.append(array)
        return s

    def _input_slot(self, x):
        if getattr(x, "_is_variable", False):
            return self._read_step(x)
        v = x._value
        s = self.slot_of.get(id(v))
        if s is None:
            s = self._new_slot(v)
            self.constants[s] = v
        return s

    def _read_step(self, var):
        s = self._new_slot(var._value)
        self.steps.append((_Reader(var), (), None, s))
        return s

    def feed(self, tensor):
        s = self._new_slot(tensor._value)
        self.feed_slots.append(s)

    def fail(self, reason):
        if self.failure is None:
            self.failure = reason

    # -- hooks (called by primitives, variables and tensors while recording) -------------------
    def op(self, prim, kernel, inputs, attrs, out):
        if get_ident() != self.thread:
            return
        ins = tuple([self._input_slot(x) for x in inputs])
        if type(out) is tuple:
            outs = tuple([self._new_slot(o._value) for o in out])
        else:
            outs = self._new_slot(out._value)
        self.steps.append((kernel, ins, attrs or None, outs))

    def read(self, var, tensor):
        if get_ident() != self.thread:
            return
        s = self._read_step(var)
        self.slot_of[id(tensor._value)] = s

    def wrote(self, var, array):
        if get_ident() != self.thread:
            return
        s = self.slot_of.get(id(array))
        if s is None:  # a literal (e.g. a metric reset to 0) or a value computed outside primitives
            s = self._new_slot(array)
            self.constants[s] = array
        self.steps.append((_Writer(var), (s,), None, None))

    def updated(self, var, numpy_op, delta):
        if get_ident() != self.thread:
            return
        s = self.slot_of.get(id(delta))
        if s is None:
            s = self._new_slot(delta)
            self.constants[s] = delta
        self.steps.append((_Updater(var, numpy_op), (s,), None, None))
        self._new_slot(var._value)  # the updated value is read as the variable, never as a constant

    def escaped(self, array):
        if get_ident() != self.thread:
            return
        s = self.slot_of.get(id(array))
        if s is not None and s not in self.constants:
            self.fail("a tensor's value was read into Python")

    def variable_created(self):
        if get_ident() != self.thread:
            return
        self.created_variable = True
        self.fail("a variable was created")

    # -- result -------------------------------------------------------------------------------
    def program(self, outputs):
        """The recorded call as a :class:`Program` returning ``outputs`` (a nest of tensors)."""
        flat = nest.flatten(outputs)
        out_slots, out_dtypes = [], []
        for t in flat:
            if type(t) is not EagerTensor:
                out_slots.append(None)
                out_dtypes.append(t)  # a Python value or None: returned as it was
                continue
            s = self.slot_of.get(id(t._value))
            if s is None:
                s = self._new_slot(t._value)
                self.constants[s] = t._value
            out_slots.append(s)
            out_dtypes.append(t._dtype)
        return Program(self, out_slots, out_dtypes, outputs)


class _Reader:
    __slots__ = ("var",)

    def __init__(self, var):
        self.var = var

    def __call__(self):
        return self.var._value


class _Writer:
    __slots__ = ("var",)

    def __init__(self, var):
        self.var = var

    def __call__(self, value):
        self.var._value = value


class _Updater:
    __slots__ = ("var", "numpy_op")

    def __init__(self, var, numpy_op):
        self.var = var
        self.numpy_op = numpy_op

    def __call__(self, delta):
        var = self.var
        var._value = self.numpy_op(var._value, delta)


class Program:
    """A recorded call, reduced to the steps its outputs and variable writes need."""

    def __init__(self, recorder, out_slots, out_meta, structure):
        constants = dict(recorder.constants)
        steps = _fold_constants(recorder.steps, constants, recorder.values)
        steps = _live_steps(steps, [s for s in out_slots if s is not None])
        self.steps = steps
        self.template = [None] * recorder.n_slots
        for s, v in constants.items():
            self.template[s] = v
        self.feed_slots = recorder.feed_slots
        self.out_slots = out_slots
        self.out_meta = out_meta
        # The outputs' nesting only: the recorded tensors themselves need not stay alive.
        self.structure = nest.map_structure(lambda _: None, structure)
        # What the validation compares: the kernels in order (a different sequence means
        # Python took another path) and the variables written.
        self.signature = [(fn if not isinstance(fn, (_Reader, _Writer, _Updater)) else type(fn), ins, outs)
                          for fn, ins, _, outs in steps]
        self.written = list({id(fn.var): fn.var for fn, _, _, _ in steps
                             if isinstance(fn, (_Writer, _Updater))}.values())
        # Attributes that carry state between calls (a random op's Philox position).
        self.streams = list({id(v): v for _, _, attrs, _ in steps if attrs
                             for v in attrs.values() if hasattr(v, "snapshot")}.values())

    def run(self, feeds):
        vals = self.template.copy()
        for s, v in zip(self.feed_slots, feeds):
            vals[s] = v
        for fn, ins, attrs, out in self.steps:
            args = [vals[i] for i in ins]
            r = fn(*args, **attrs) if attrs else fn(*args)
            if out is None:
                continue
            if type(out) is int:
                vals[out] = r
            else:
                for o, v in zip(out, r):
                    vals[o] = v
        # out_meta holds each tensor output's dtype, and a Python output's value itself.
        flat = [m if s is None else wrap_as(vals[s], m) for s, m in zip(self.out_slots, self.out_meta)]
        return nest.pack_sequence_as(self.structure, flat)


def _fold_constants(steps, constants, recorded):
    """Drop the kernel steps whose inputs are all constants (shapes, seeds of ones and zeros,
    casts of literals): their outputs are constants too, and were recorded."""
    kept = []
    for step in steps:
        fn, ins, attrs, out = step
        foldable = (out is not None and not isinstance(fn, _Reader) and all(i in constants for i in ins)
                    and not (attrs and any(hasattr(v, "snapshot") for v in attrs.values())))
        if not foldable:
            kept.append(step)
            continue
        for o in ((out,) if type(out) is int else out):
            constants[o] = recorded[o]
    return kept


def _live_steps(steps, needed_slots):
    needed = set(needed_slots)
    live = []
    for step in reversed(steps):
        fn, ins, _, out = step
        if out is None:
            keep = True  # a variable write: a side effect
        elif type(out) is int:
            keep = out in needed
        else:
            keep = any(o in needed for o in out)
        if keep:
            live.append(step)
            needed.update(ins)
    live.reverse()
    return live


def _same_values(a, b):
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape or a.dtype != b.dtype:
        return False
    if a.dtype.kind in "fc":
        # Multithreaded BLAS may split a product differently from one call to the next.
        return bool(np.allclose(a, b, rtol=1e-5, atol=1e-6, equal_nan=True))
    return bool(np.array_equal(a, b))


class ReplayedFunction:
    """Call ``fn`` eagerly until a recorded program of it has been checked, then replay it.

    ``fn`` takes a nest of tensors (the feeds) and returns a nest of tensors and Python
    values. A program is kept per input signature (structure, shapes and dtypes), since
    kernels' attributes are fixed for given shapes. ``max_attempts`` bounds the recordings
    of a signature that keep failing the check.
    """

    def __init__(self, fn, max_attempts=2, max_signatures=16):
        self.fn = fn
        self.max_attempts = max_attempts
        # Inputs whose shapes keep changing (sequences of every length) would each record a
        # program; past this many signatures, new ones simply run eagerly.
        self.max_signatures = max_signatures
        self._programs = {}   # signature -> [state, program, attempts]

    def __call__(self, *args):
        flat = nest.flatten(args)
        key = (_structure_key(args),
               tuple([(t._value.shape, t._dtype) if type(t) is EagerTensor else _python_key(t) for t in flat]))
        entry = self._programs.get(key)
        if entry is None:
            if len(self._programs) >= self.max_signatures:
                return self.fn(*args)
            entry = self._programs[key] = ["record", None, 0]
        state = entry[0]
        if state == "trusted":
            return self._replay(entry[1], args, flat)
        if state == "eager":
            return self.fn(*args)
        if state == "validate":
            return self._validate(entry, args, flat)
        return self._record(entry, args, flat)

    def _replay(self, program, args, flat):
        saved = [(v, v._value) for v in program.written]
        try:
            return program.run([t._value for t in flat if type(t) is EagerTensor])
        except Exception:
            # A kernel refused this batch's values (a label out of range, say). Undo any write
            # the replay made and run the call eagerly: it raises TF's error for it, with TF's
            # text, as the primitives do; or, should it pass, gives the right result.
            for v, value in saved:
                v._value = value
            return self.fn(*args)

    def _eager_recorded(self, args, flat):
        """Run the call eagerly under a new Recorder fed with the call's tensors."""
        recorder = Recorder()
        with recorder:
            for t in flat:
                if type(t) is EagerTensor:
                    recorder.feed(t)
            result = self.fn(*args)
        return recorder, result

    def _record(self, entry, args, flat):
        entry[2] += 1
        recorder, result = self._eager_recorded(args, flat)
        if recorder.failure is not None:
            # Variables made on the first call (a model building itself) are normal: try again.
            retry = recorder.created_variable and entry[2] < self.max_attempts + 1
            entry[0] = "record" if retry else "eager"
        else:
            entry[0], entry[1] = "validate", recorder.program(result)
        return result

    def _validate(self, entry, args, flat):
        program = entry[1]
        saved = [(v, v._value) for v in program.written]
        positions = [(s, s.snapshot()) for s in program.streams]
        try:
            replayed = program.run([t._value for t in flat if type(t) is EagerTensor])
            replayed_writes = [v._value for v in program.written]
        except Exception:  # the program cannot even run on this batch: it is not trusted
            replayed = replayed_writes = None
        for v, value in saved:
            v._value = value
        for stream, position in positions:  # the eager run draws the same random numbers again
            stream.restore(position)
        recorder, result = self._eager_recorded(args, flat)
        ok = recorder.failure is None and replayed is not None
        if ok:
            again = recorder.program(result)
            ok = (again.signature == program.signature
                  and all(_same_values(v._value, w) for v, w in zip(program.written, replayed_writes))
                  and _same_outputs(nest.flatten(result), nest.flatten(replayed)))
            if ok:
                entry[0], entry[1] = "trusted", again
        if not ok:
            entry[0] = "record" if entry[2] < self.max_attempts else "eager"
        return result


def _same_outputs(eager, replayed):
    if len(eager) != len(replayed):
        return False
    for a, b in zip(eager, replayed):
        if type(a) is EagerTensor:
            if type(b) is not EagerTensor or a._dtype is not b._dtype or not _same_values(a._value, b._value):
                return False
        elif a is not b and a != b:
            return False
    return True


def _structure_key(value):
    if isinstance(value, (list, tuple)):
        return (type(value), tuple([_structure_key(v) for v in value]))
    if isinstance(value, dict):
        return (dict, tuple([(k, _structure_key(v)) for k, v in sorted(value.items())]))
    return None


def _python_key(value):
    try:
        hash(value)
        return value
    except TypeError:
        return (type(value), id(value))
