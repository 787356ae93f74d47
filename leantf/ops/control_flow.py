"""Eager control flow: tf.cond, tf.case, tf.switch_case, tf.while_loop, tf.py_function,
tf.numpy_function, and the no-ops of graph ordering (tf.group, tf.no_op,
tf.control_dependencies, tf.identity_n).

leantf executes eagerly, so a branch or a loop body is plain Python run once per use: the ops
of the branch taken (and of every loop iteration that ran) reach any GradientTape like other
ops, and gradients follow them with no help from this module. What is kept here is TF 2.21's
*eager surface*: which arguments are checked and with which texts, and which structure comes
back. Several of those are quirks that TF code relies on, noted where they are implemented
(a while_loop returns the structure of the body's last output; tf.case unwraps one-element
results unless ``strict``; predicates are read with NumPy's truth rules).
"""
import functools
import itertools
import sys
import traceback
from threading import get_ident

import numpy as np

from ..framework import dtypes, nest
from ..framework import errors
from ..framework.errors import InvalidArgumentError, eager_message
from ..framework.primitive import Primitive
from ..framework.tape import RECORDING, GradientTape, UnconnectedGradients, record, stop_recording_all
from ..framework.tensor import EagerTensor, Tensor, convert_to_tensor, wrap_as
from ..framework.tracing_state import TRACING
from ..framework.tensor_spec import TensorSpec
from .basic_ops import identity

__all__ = ["cond", "case", "switch_case", "while_loop", "py_function", "numpy_function", "identity_n",
           "group", "no_op", "control_dependencies"]


def _truth(pred):
    """A predicate's Python truth, read as TF's eager cond reads it: through NumPy.

    That is stricter than ``bool(tensor)``: an empty predicate is an error here (NumPy's
    "truth value of an empty array" text), while ``bool(tf.zeros([0]))`` is False.
    """
    if pred is True or pred is False:
        return pred
    return bool(np.asarray(convert_to_tensor(pred)))


# -- cond ---------------------------------------------------------------------------------
def cond(pred, true_fn=None, false_fn=None, name=None):
    if true_fn is None:
        raise TypeError("cond(): 'true_fn' argument required")
    if false_fn is None:
        raise TypeError("cond(): 'false_fn' argument required")
    if not callable(true_fn):
        raise TypeError("'true_fn' must be callable.")
    if not callable(false_fn):
        raise TypeError("'false_fn' must be callable.")
    # The branch's value comes back as it is (Python numbers stay Python numbers, a
    # one-element list stays a list): TF's eager cond does not convert or unwrap.
    return true_fn() if _truth(pred) else false_fn()


# -- case ---------------------------------------------------------------------------------
# TF raises this while formatting its own error message (it reads ``pred.name``, which eager
# tensors refuse), so a non-bool predicate or a non-callable fn surfaces as this text.
_EAGER_NAME_ERROR = "Tensor.name is undefined when eager execution is enabled."


def _case_pairs(pred_fn_pairs, exclusive):
    if isinstance(pred_fn_pairs, dict):
        if not exclusive:
            raise ValueError("Unordered dictionaries are not supported for the 'pred_fn_pairs' argument when "
                             "`exclusive=False` and eager mode is enabled.")
        pred_fn_pairs = list(pred_fn_pairs.items())
    elif not isinstance(pred_fn_pairs, (list, tuple)):
        raise TypeError(f"'pred_fn_pairs' must be a list, tuple, or dict. Received: {type(pred_fn_pairs)}")
    for entry in pred_fn_pairs:
        if not isinstance(entry, tuple) or len(entry) != 2:
            raise TypeError(f"Each entry in 'pred_fn_pairs' must be a 2-tuple. Received {entry}.")
        pred, fn = entry
        if not isinstance(pred, Tensor):
            raise TypeError(f"pred must be a Tensor, got: {pred}")
        if pred.dtype is not dtypes.bool or not callable(fn):
            raise AttributeError(_EAGER_NAME_ERROR)
    return list(pred_fn_pairs)


def _case_assert_failed(summary, preds):
    """TF's text for case's failed runtime assertion (an Assert op on a False condition)."""
    values = ", ".join(str(np.asarray(p)) for p in preds)
    return InvalidArgumentError(None, None, f"Expected 'tf.Tensor(False, shape=(), dtype=bool)' to be true. "
                                            f"Summarized data: b'{summary}'\n{values}")


def case(pred_fn_pairs, default=None, exclusive=False, strict=False, name="case"):
    pairs = _case_pairs(pred_fn_pairs, exclusive)
    if not pairs:
        raise ValueError("not enough values to unpack (expected 2, got 0)")
    truths = [_truth(p) for p, _ in pairs]
    if default is None:
        # No default: the last pair serves as the default, after TF has asserted that some
        # predicate (the last one included) holds.
        if not any(truths):
            raise _case_assert_failed("Input error: None of conditions evaluated as True:", [p for p, _ in pairs])
        default = pairs[-1][1]
        pairs, truths = pairs[:-1], truths[:-1]
    elif not callable(default):
        raise TypeError("'false_fn' must be callable.")
    if exclusive and sum(truths) > 1:
        marks = ", ".join("?" for _ in pairs)
        raise _case_assert_failed(f"Input error: exclusive=True: more than 1 conditions ({marks}) evaluated as True:",
                                  [p for p, _ in pairs])
    if not pairs:
        return default()  # a lone pair is called straight, so its result is never unwrapped
    fn = next((f for (_, f), t in zip(pairs, truths) if t), default)
    result = fn()
    if not strict and isinstance(result, (list, tuple)) and len(result) == 1:
        result = result[0]
    return result


# -- switch_case ----------------------------------------------------------------------------
def _switch_branches(branch_fns):
    """The branch functions in key order, checked as TF checks them."""
    if isinstance(branch_fns, dict):
        items = list(branch_fns.items())
    elif isinstance(branch_fns, (list, tuple)):
        if not branch_fns:
            raise ValueError("Must provide at least one item in 'branch_fns'")
        if all(callable(fn) for fn in branch_fns):
            return list(branch_fns)
        items = list(branch_fns)
        for entry in items:
            if not isinstance(entry, tuple) or len(entry) != 2:
                raise TypeError(f"Each entry in 'branch_fns' must be a 2-tuple. Received {entry}.")
    else:
        raise TypeError("'branch_fns' must be a list, tuple, or dict")
    if not items:
        raise ValueError("Must provide at least one item in 'branch_fns'")
    for key, fn in items:
        if not isinstance(key, int):
            raise TypeError(f"key must be a Python `int`, got {type(key)}")
        if not callable(fn):
            raise TypeError(f"fn for key {key} must be callable.")
    items.sort(key=lambda kv: kv[0])
    keys = [k for k, _ in items]
    if keys != list(range(len(items))):
        found = ",".join(str(k) for k in keys)
        raise ValueError(f"branch indices (keys) must form contiguous range of [0 to {len(items)}) "
                         f"but found {{{found}}}")
    return [fn for _, fn in items]


def _select_error(index):
    # TF clamps the index with the v1 Select op, which refuses a non-scalar index this way.
    shape = index.shape
    if shape.rank == 1:
        detail = "'then' must be at least a vector, but saw shape: []"
    else:
        dims = ",".join(str(d) for d in shape.as_list())
        detail = f"Inputs to operation Select of type Select must have the same size and shape.  Input 0: [{dims}] != input 1: []"
    return InvalidArgumentError(None, None, eager_message("Select", detail))


def switch_case(branch_index, branch_fns, default=None, name="switch_case"):
    if not isinstance(branch_index, Tensor):
        raise TypeError(f"'branch_index' must be a Tensor, got {type(branch_index)}")
    if not branch_index.dtype.is_integer:
        raise TypeError(f"'branch_index' must be an integer Tensor, got {branch_index.dtype}")
    branches = _switch_branches(branch_fns)
    if branch_index.shape.rank:
        raise _select_error(branch_index)
    i = int(np.asarray(branch_index))
    if 0 <= i < len(branches):
        return branches[i]()
    # Out of range: the default, or else the last branch (TF clamps, it does not raise).
    return default() if default is not None else branches[-1]()


# -- while_loop ------------------------------------------------------------------------------
def _spec(t):
    return TensorSpec(t.shape, t.dtype)


def _check_body_output(expected, got):
    """Raise TF's structure error when the body's output does not match the loop variables.

    ``expected`` holds the converted loop variables; the error shows them as TensorSpecs
    (built only on failure, so a matching iteration pays one structure walk).
    """
    try:
        nest.assert_same_structure(expected, got)
    except (ValueError, TypeError):
        nest.assert_same_structure(nest.map_structure(_spec, expected), got)
        raise


def while_loop(cond, body, loop_vars, shape_invariants=None, parallel_iterations=10, back_prop=True,
               swap_memory=False, maximum_iterations=None, name=None):
    if not callable(cond):
        raise TypeError("'cond' must be callable.")
    if not callable(body):
        raise TypeError("'body' must be callable.")
    if parallel_iterations < 1:
        raise TypeError("'parallel_iterations' must be a positive integer.")
    if not loop_vars:
        raise ValueError("'loop_vars' must be provided.")
    len(loop_vars)  # TF takes the length here, so a bare number fails with Python's len() TypeError
    # The variables are converted once for the structure check and the result, but cond and
    # body see what the caller passed (Python numbers stay numbers inside the loop, as in TF).
    converted = nest.map_structure(convert_to_tensor, loop_vars)
    ran = False
    if maximum_iterations is None:
        while cond(*loop_vars):
            out = body(*loop_vars)
            # Only the outer container's type may change. (Built here, not before the loop:
            # a loop_vars that is not a list, e.g. one string, is fine when the body never runs.)
            _check_body_output(list(converted), list(out))
            loop_vars, ran = out, True
    else:
        limit = convert_to_tensor(maximum_iterations)
        if limit.shape.rank != 0:
            raise ValueError(f"'maximum_iterations' must be a scalar. Received shape: {limit.shape}")
        limit = int(np.asarray(limit).item())
        # TF carries an iteration counter beside the variables; the structure check then
        # covers [counter, loop_vars] and an inner list/tuple swap is an error.
        expected = [convert_to_tensor(0), converted]
        count = 0
        while count < limit and cond(*loop_vars):
            out = body(*loop_vars)
            _check_body_output(expected, [count + 1, out])
            loop_vars, ran, count = out, True, count + 1
    # The result takes the structure of the body's last output (a list body turns tuple
    # loop_vars into a list), or of loop_vars when the body never ran.
    return nest.map_structure(convert_to_tensor, loop_vars) if ran else converted


# -- graph-ordering ops, which have nothing to order in eager execution -----------------------
def identity_n(input, name=None):
    return [identity(x) for x in input]


def no_op(name=None):
    return None


def group(*inputs, **kwargs):
    # Eager ops have already run: there is nothing to group, and TF ignores the arguments.
    return None


class NullContextmanager:
    """What tf.control_dependencies returns eagerly (TF's class name): enters to None."""

    def __enter__(self):
        return None

    def __exit__(self, *exc_info):
        return False


def control_dependencies(control_inputs):
    if control_inputs is not None:
        for control in control_inputs:
            if callable(control):  # TF runs callables now: in eager that is the dependency
                control()
    return NullContextmanager()


# -- py_function / numpy_function ------------------------------------------------------------
def _missing_tout(api):
    return TypeError(f"Missing required argument: 'Tout'\n  If using tf.{api} as a decorator, set `Tout`\n"
                     f"  **by name** above the function:\n  `@tf.{api}(Tout=tout)`")


def _missing_inp(api):
    return TypeError("Missing argument `inp`:\n  You must set the `inp` argument (the list of arguments to the\n"
                     f"  function), unless you use `tf.{api}` as a decorator(`func=None`).")


def _decorator(api_fn, Tout, name):
    """``@tf.py_function(Tout=...)``: the decorated function takes its inputs positionally."""
    def decorate(func):
        @functools.wraps(func)
        def call(*args, **kwargs):
            for k in kwargs:
                raise TypeError(f"{func.__name__}() got an unexpected keyword argument '{k}'")
            return api_fn(func, list(args), Tout, name=name)
        return call
    return decorate


def _leave_replay():
    # The Python function's work is invisible to fit's kernel replay (and may not be
    # repeatable), so a step that calls one stays eager.
    if TRACING and TRACING[-1].thread == get_ident():
        TRACING[-1].fail("a tf.py_function/tf.numpy_function ran inside the step")


# TF turns an exception of the Python function into the op's error by its class.
_PY_TO_TF_ERROR = ((ValueError, errors.InvalidArgumentError), (TypeError, errors.InvalidArgumentError),
                   (StopIteration, errors.OutOfRangeError), (MemoryError, errors.ResourceExhaustedError),
                   (NotImplementedError, errors.UnimplementedError))

_PYFUNC_TOKENS = itertools.count()  # TF names each registered function pyfunc_<n>


def _op_error(exc, kernel):
    """The TF error for ``exc`` raised by the function (or by converting its results).

    TF's text carries the Python traceback; it also prints that traceback to stderr.
    """
    trace = "\n".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    sys.stderr.write(trace + "\n")
    head = f"{type(exc).__name__}: {exc}\n"  # the bare class name, even for TF's own error classes
    error_class = next((tf_class for py_class, tf_class in _PY_TO_TF_ERROR if isinstance(exc, py_class)),
                       errors.UnknownError)
    return error_class(None, None, eager_message("EagerPyFunc", f"{head}{trace}\n", kernel=kernel))


def _out_dtypes(Tout):
    def one(t):
        return t.dtype if isinstance(t, TensorSpec) else dtypes.as_dtype(t)
    if isinstance(Tout, (list, tuple)):
        return [one(t) for t in Tout], True
    return [one(Tout)], False


def _convert_output(value, dtype):
    if getattr(value, "_is_variable", False):
        raise RuntimeError("Attempting to return a variable from an eagerly executed py_func. Only numeric data "
                           "structures like Tensors or NumPy arrays should be returned; to return the value of a "
                           "variable, make sure to obtain the Tensor backing it by calling `.read_value()` on the "
                           f"variable in question: {value!r}")
    return convert_to_tensor(value, dtype)


def _convert_outputs(ret, out_dtypes):
    """TF's reading of the function's return value: a list/tuple is the outputs (extra ones are
    dropped), None is no outputs, anything else is the first output."""
    if ret is None:
        return []
    if isinstance(ret, (list, tuple)):
        return [_convert_output(v, d) for v, d in zip(ret, out_dtypes)]
    return [_convert_output(ret, out_dtypes[0])]  # IndexError for Tout=[], as in TF


def _record_py_function(args, inner, inner_outs, outs):
    """Let the tapes differentiate ``outs`` through the function, as TF's EagerPyFunc gradient
    does: only with respect to the inputs (variables the function reads get no gradient), and
    an output the function did not compute from an input gives a zero gradient, not None."""
    def vjp(g, y, *inputs):
        grads = list(g) if isinstance(g, tuple) else [g]
        return tuple(inner.gradient(inner_outs, list(args), output_gradients=grads,
                                    unconnected_gradients=UnconnectedGradients.ZERO))
    prim = Primitive("EagerPyFunc", None, n_outputs=len(outs))
    prim.vjp_rule = vjp
    record(prim, tuple(args), tuple(outs), {})


def py_function(func=None, inp=None, Tout=None, name=None):
    if Tout is None:
        raise _missing_tout("py_function")
    if func is None:
        return _decorator(py_function, Tout, name)
    if not callable(func):
        raise ValueError(f"Expected func to be callable. Received func={func} of type {type(func)}.")
    if inp is None:
        raise _missing_inp("py_function")
    out_dtypes, as_list = _out_dtypes(Tout)
    args = [convert_to_tensor(x) for x in inp]
    token = next(_PYFUNC_TOKENS)
    kernel = f"EagerPyFunc_Tin_{len(args)}_Tout_{len(out_dtypes)}"
    _leave_replay()
    differentiable = bool(RECORDING) and bool(out_dtypes)
    inner = None
    with stop_recording_all():  # the outer tapes see the op, not the ops inside the function
        try:
            if differentiable:
                inner = GradientTape(persistent=True, watch_accessed_variables=False)
                with inner:
                    inner.watch(args)
                    inner_outs = _convert_outputs(func(*args), out_dtypes)
            else:
                inner_outs = _convert_outputs(func(*args), out_dtypes)
        except Exception as exc:
            raise _op_error(exc, kernel) from None
    if len(inner_outs) < len(out_dtypes):
        raise InvalidArgumentError(None, None, eager_message(
            "EagerPyFunc", f"pyfunc_{token} returns {len(inner_outs)} values, but expects to see "
                           f"{len(out_dtypes)} values.", kernel=kernel))
    # Fresh output tensors: the function may hand back one of its inputs, and the op's
    # outputs must be tensors of their own for the tape.
    outs = [wrap_as(t._value, t._dtype) for t in inner_outs]
    if inner is not None:
        _record_py_function(args, inner, inner_outs, outs)
    return outs if as_list else outs[0]


def _host_array(x):
    # Tensors arrive as writable copies (the function may modify its arrays in place
    # without touching the tensor); other inputs go through NumPy's own conversion, so a
    # Python int becomes int64 here where tf.constant would make int32 — as in TF.
    if isinstance(x, EagerTensor) or getattr(x, "_is_variable", False):
        return np.array(x)
    return np.asarray(x)


def _detached(value):
    if value is None:
        return None
    t = convert_to_tensor(value)
    return wrap_as(t._value, t._dtype)


def numpy_function(func=None, inp=None, Tout=None, stateful=True, name=None):
    if Tout is None:
        raise _missing_tout("numpy_function")
    if func is None:
        return _decorator(numpy_function, Tout, name)
    if inp is None:
        raise _missing_inp("numpy_function")
    _leave_replay()
    arrays = [_host_array(x) for x in inp]
    # TF 2.21's eager numpy_function calls the function directly: its exceptions pass
    # through unchanged, Tout is not applied (results keep the dtypes they convert to), and
    # the results are flattened, one result coming back bare.
    with stop_recording_all():
        ret = func(*arrays)
    results = [_detached(v) for v in nest.flatten(ret)]
    return results[0] if len(results) == 1 else results
