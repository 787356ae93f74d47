"""tf.print and tf.debugging: printing tensors TF's way, numeric checks and assertions.

tf.print builds its line as TF does: a template from the inputs (``pprint`` of Python
structures with a placeholder per tensor), filled with each tensor's summary
(:mod:`tensor_text`). Printing is the ``PrintV2`` primitive, so a graph built from symbolic
tensors prints when it runs. Assertions check eagerly with TF's messages; given symbolic
tensors they build the ``Assert`` primitive, which raises TF's graph-mode text when run.
"""
import builtins
import collections
import logging
import os
import pprint
import random as _pyrandom
import sys

import numpy as np

from ..framework import dtypes, nest
from ..framework.errors import InvalidArgumentError
from ..framework.primitive import ShapeError, primitive, tf_type_name
from ..framework.tensor import Tensor, convert_to_tensor
from .core import as_tensor, is_tensor_like
from .tensor_text import summarize_v1, summarize_v2

# Names TF exports at the top level; the rest live only in tf.debugging.
TOP_LEVEL_NAMES = ["print", "Assert", "assert_equal", "assert_greater", "assert_less", "assert_rank"]
DEBUGGING_NAMES = [
    "Assert", "assert_all_finite", "assert_equal", "assert_greater", "assert_greater_equal", "assert_integer",
    "assert_less", "assert_less_equal", "assert_near", "assert_negative", "assert_non_negative",
    "assert_non_positive", "assert_none_equal", "assert_positive", "assert_proper_iterable", "assert_rank",
    "assert_rank_at_least", "assert_rank_in", "assert_same_float_dtype", "assert_scalar", "assert_shapes",
    "assert_type", "check_numerics", "is_numeric_tensor", "enable_traceback_filtering",
    "disable_traceback_filtering", "is_traceback_filtering_enabled", "set_log_device_placement",
    "get_log_device_placement"]
__all__ = TOP_LEVEL_NAMES + [n for n in DEBUGGING_NAMES if n not in TOP_LEVEL_NAMES]


def _symbolic(*xs):
    return any(getattr(x, "_is_symbolic", False) for x in xs)


# -- tf.print ---------------------------------------------------------------------------------
def _write_stream(f, text):
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # Bytes that are not UTF-8 (kept as surrogates): TF writes them raw.
        data = text.encode("utf-8", errors="surrogateescape")
        if hasattr(f, "buffer"):
            f.flush()
            f.buffer.write(data)
            f.buffer.flush()
            return
        text = data.decode("utf-8", errors="replace")
    f.write(text)
    f.flush()


def _write(text, stream):
    if stream in ("stdout", "stderr"):
        _write_stream(sys.stdout if stream == "stdout" else sys.stderr, text)
    elif stream.startswith("file://"):
        with open(stream[len("file://"):], "a", encoding="utf-8", errors="surrogateescape") as f:
            f.write(text)
    else:
        level = {"log(info)": logging.INFO, "log(warning)": logging.WARNING}.get(stream, logging.ERROR)
        logging.getLogger("tensorflow").log(level, text)


@primitive("PrintV2", differentiable=False)
def _print_v2(*values, template, placeholder, summarize, output_stream, end):
    if template is None:   # a lone string scalar prints raw
        v = np.asarray(values[0]).reshape(-1)[0]
        text = v.decode("utf-8", errors="surrogateescape") if isinstance(v, bytes) else str(v)
    else:
        pieces = template.split(placeholder)
        if len(pieces) != len(values) + 1:
            raise ShapeError(f"num placeholders in template and num inputs must match: {len(pieces) - 1} vs. "
                             f"{len(values)}")
        out = [pieces[0]]
        for v, piece in zip(values, pieces[1:]):
            out.append(summarize_v2(v, summarize))
            out.append(piece)
        text = "".join(out)
    _write(text + end, output_stream)
    return np.zeros((), np.bool_)


_print_v2.spec(lambda *values, **attrs: ((), dtypes.bool))


def _stream_name(output_stream):
    if isinstance(output_stream, str) and output_stream.startswith("file://"):
        return output_stream
    table = {sys.stdout: "stdout", sys.stderr: "stderr",
             logging.INFO: "log(info)", logging.info: "log(info)",
             logging.WARNING: "log(warning)", logging.warning: "log(warning)", logging.warn: "log(warning)",
             logging.ERROR: "log(error)", logging.error: "log(error)"}
    name = table.get(output_stream)
    if not name:
        raise ValueError("Unsupported output stream, logging level, or file." + str(output_stream) +
                         ". Supported streams are sys.stdout, sys.stderr, tf.logging.info, tf.logging.warning, "
                         "tf.logging.error. File needs to be in the form of 'file://<filepath>'.")
    return name


def _placeholder_for(text):
    """A placeholder that does not occur in the text (TF draws digits from Random(5))."""
    placeholder = "{}"
    rng = _pyrandom.Random(5)
    while placeholder in text:
        placeholder += str(rng.randint(0, 9))
    return placeholder


def print(*inputs, **kwargs):  # noqa: A001 - TF's public name
    """tf.print: print tensors (summarised like TF) and Python values to a stream."""
    output_stream = kwargs.pop("output_stream", sys.stderr)
    kwargs.pop("name", None)
    summarize = kwargs.pop("summarize", 3)
    sep = kwargs.pop("sep", " ")
    end = kwargs.pop("end", os.linesep)
    if kwargs:
        raise ValueError("Unrecognized keyword arguments for tf.print: %s" % kwargs)
    stream = _stream_name(output_stream)
    summarize = 3 if summarize is None else summarize
    attrs = dict(summarize=summarize, output_stream=stream, end=end)
    if len(inputs) == 1 and is_tensor_like(inputs[0]):
        t = as_tensor(inputs[0])
        if t.shape.rank == 0 and t.dtype is dtypes.string:
            return _emitted(_print_v2(t, template=None, placeholder=None, **attrs))
    # OrderedDicts print in key order, matching the order nest.flatten gives their values.
    ordered = [collections.OrderedDict(sorted(x.items())) if isinstance(x, collections.OrderedDict) else x
               for x in inputs]
    tensor_free = nest.map_structure(lambda x: "" if is_tensor_like(x) else x, ordered)
    placeholder = _placeholder_for(" ".join(pprint.pformat(x) for x in tensor_free))
    templates, tensors = [], []
    for value in inputs:
        slots = []
        for x in nest.flatten(value):
            if is_tensor_like(x):
                tensors.append(as_tensor(x))
                slots.append(placeholder)
            else:
                slots.append(x)
        templates.append(value if isinstance(value, str) else
                         pprint.pformat(nest.pack_sequence_as(value, slots)))
    template = sep.join(templates).replace("'" + placeholder + "'", placeholder)
    return _emitted(_print_v2(*tensors, template=template, placeholder=placeholder, **attrs))


def _emitted(result):
    # Eagerly the line is already printed and TF returns None; a graph keeps the node.
    return result if getattr(result, "_is_symbolic", False) else None


# -- check_numerics -------------------------------------------------------------------------------
@primitive("CheckNumerics")
def _check_numerics(tensor, message):
    nan, inf = bool(np.isnan(tensor).any()), bool(np.isinf(tensor).any())
    if nan or inf:
        what = "Inf and NaN" if nan and inf else "NaN" if nan else "Inf"
        raise ShapeError(f"{message} : Tensor had {what} values")
    return tensor


_check_numerics.spec(lambda tensor, message: (tensor.shape, tensor.dtype))


@_check_numerics.vjp
def _(g, y, tensor, message):
    return (check_numerics(g, "Not a number (NaN) or infinity (Inf) values detected in gradient. %s" % message),)


_CHECK_NUMERICS_T = (dtypes.bfloat16, dtypes.float16, dtypes.float32, dtypes.float64)


def check_numerics(tensor, message, name=None):
    """tf.debugging.check_numerics: ``tensor`` unchanged, or InvalidArgumentError on NaN/Inf."""
    tensor = as_tensor(tensor)
    if tensor.dtype not in _CHECK_NUMERICS_T:
        raise InvalidArgumentError(None, None, (
            f"Value for attr 'T' of {tf_type_name(tensor.dtype)} is not in the list of allowed values: bfloat16, "
            "half, float, double\n\t; NodeDef: {{node CheckNumerics}}; Op<name=CheckNumerics; signature=tensor:T "
            "-> output:T; attr=T:type,allowed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE]; attr=message:string; "
            "is_stateful=true> [Op:CheckNumerics] name: "))
    return _check_numerics(tensor, message=message)


def assert_all_finite(x, message, name=None):
    return check_numerics(x, message)


# -- Assert -------------------------------------------------------------------------------------
@primitive("Assert", differentiable=False)
def _assert(condition, *data, summarize):
    if not np.all(condition):
        raise InvalidArgumentError(None, None, "assertion failed: " +
                                   " ".join(f"[{summarize_v1(d, summarize)}]" for d in data))
    return np.zeros((), np.bool_)


_assert.spec(lambda condition, *data, **attrs: ((), dtypes.bool))


def _summarize_eager(t, summarize):
    if summarize is None:
        summarize = 3
    elif summarize < 0:
        summarize = int(np.size(t._value))
    if t.shape.rank:
        flat = t.numpy().reshape(-1)
        texts = [str(v) for v in flat[:summarize]]
        if len(texts) < flat.size:
            texts.append("...")
    else:
        texts = [str(t.numpy())] if summarize != 0 else []
    return ", ".join(texts)


def Assert(condition, data, summarize=None, name=None):  # noqa: N802 - TF's public name
    """tf.debugging.Assert: raise InvalidArgumentError showing ``data`` when ``condition`` is false."""
    if _symbolic(condition, *data):
        xs = [as_tensor(d) for d in data]
        return _assert(as_tensor(condition), *xs, summarize=3 if summarize is None else summarize)
    if not condition:
        xs = [as_tensor(d) for d in data]
        raise InvalidArgumentError(None, None, "Expected '%s' to be true. Summarized data: %s" % (
            condition, "\n".join(_summarize_eager(x, summarize) for x in xs)))
    return None


# -- element-wise assertions -----------------------------------------------------------------------
def _message_prefix(message):
    return "%s.  " % message if message else ""


def _pretty_print(item, summarize):
    if isinstance(item, Tensor):
        arr = item.numpy()
        if np.isscalar(arr):
            return str(arr)
        flat = arr.reshape(-1)
        texts = [str(v) for v in flat[:int(summarize)]]
        if len(texts) < flat.size:
            texts.append("...")
        return str(texts)
    return str(item)


def _msg_data(sym, x, y, summarize, test):
    data = ["Condition x %s y did not hold." % sym]
    if summarize > 0:
        if x.shape == y.shape and x.shape.as_list():
            # Same shapes: show where they differ (TF skips this when broadcasting).
            mask = ~np.asarray(test._value)
            idx = np.argwhere(mask)
            n = int(min(summarize, idx.shape[0]))
            data += ["Indices of first %d different values:" % n, idx[:n],
                     "Corresponding x values:", np.asarray(x._value)[mask].reshape(-1)[:n],
                     "Corresponding y values:", np.asarray(y._value)[mask].reshape(-1)[:n]]
        xf, yf = np.asarray(x._value).reshape(-1), np.asarray(y._value).reshape(-1)
        nx, ny = int(min(xf.size, summarize)), int(min(yf.size, summarize))
        data += ["First %d elements of x:" % nx, xf[:nx], "First %d elements of y:" % ny, yf[:ny]]
    return data


def _binary_assert(sym, op_name, x, y, data, summarize, message):
    from . import math_ops, reduction_ops
    op_func = getattr(math_ops, op_name)
    x, y = convert_to_tensor(x), convert_to_tensor(y)
    if _symbolic(x, y):
        if data is None:
            data = ["Condition x %s y did not hold element-wise:" % sym, "x (%s) = " % x.name, x,
                    "y (%s) = " % y.name, y]
        if message is not None:
            data = [message] + list(data)
        return Assert(reduction_ops.reduce_all(op_func(x, y)), data, summarize=summarize)
    test = op_func(x, y)
    if reduction_ops.reduce_all(test):
        return None
    if summarize is None:
        summarize = 3
    elif summarize < 0:
        summarize = 1e9   # "everything", as TF spells it
    if data is None:
        data = _msg_data(sym, x, y, summarize, test)
    if message is not None:
        data = [message] + list(data)
    raise InvalidArgumentError(None, None, "\n".join(_pretty_print(d, summarize) for d in data))


def assert_equal(x, y, message=None, summarize=None, name=None, data=None):
    if x is y:
        return None
    return _binary_assert("==", "equal", x, y, data, summarize, message)


def assert_none_equal(x, y, summarize=None, message=None, name=None, data=None):
    return _binary_assert("!=", "not_equal", x, y, data, summarize, message)


def assert_less(x, y, message=None, summarize=None, name=None, data=None):
    return _binary_assert("<", "less", x, y, data, summarize, message)


def assert_less_equal(x, y, message=None, summarize=None, name=None, data=None):
    return _binary_assert("<=", "less_equal", x, y, data, summarize, message)


def assert_greater(x, y, message=None, summarize=None, name=None, data=None):
    return _binary_assert(">", "greater", x, y, data, summarize, message)


def assert_greater_equal(x, y, message=None, summarize=None, name=None, data=None):
    return _binary_assert(">=", "greater_equal", x, y, data, summarize, message)


def _shape_and_dtype_str(t):
    return "shape=%s dtype=%s" % (t.shape, t.dtype.name)


def _sign_assert(x, message, summarize, condition_text, op, zero_first):
    message = _message_prefix(message)
    x = convert_to_tensor(x)
    name = x.name if _symbolic(x) else _shape_and_dtype_str(x)
    data = [message, condition_text, "x (%s) = " % name, x]
    if condition_text.startswith("Condition x <= 0"):
        # TF's assert_non_positive lacks a comma here, so two lines run together.
        data = [message, condition_text + "x (%s) = " % name, x]
    zero = convert_to_tensor(0, x.dtype)
    a, b = (zero, x) if zero_first else (x, zero)
    return _binary_assert({"less": "<", "less_equal": "<="}[op], op, a, b, data, summarize, None)


def assert_positive(x, message=None, summarize=None, name=None):
    return _sign_assert(x, message, summarize, "Condition x > 0 did not hold element-wise:", "less", True)


def assert_negative(x, message=None, summarize=None, name=None):
    return _sign_assert(x, message, summarize, "Condition x < 0 did not hold element-wise:", "less", False)


def assert_non_negative(x, message=None, summarize=None, name=None):
    return _sign_assert(x, message, summarize, "Condition x >= 0 did not hold element-wise:", "less_equal", True)


def assert_non_positive(x, message=None, summarize=None, name=None):
    return _sign_assert(x, message, summarize, "Condition x <= 0 did not hold element-wise:", "less_equal",
                        False)


def assert_near(x, y, rtol=None, atol=None, message=None, summarize=None, name=None):
    """tf.debugging.assert_near: |x - y| <= atol + rtol * |y| element-wise (defaults 10 eps)."""
    from . import math_ops, reduction_ops
    message = _message_prefix(message)
    x = convert_to_tensor(x)
    y = convert_to_tensor(y, x.dtype)
    dtype = x.dtype.real_dtype
    eps = np.finfo(dtype.as_numpy_dtype).eps
    rtol = convert_to_tensor(10 * eps if rtol is None else rtol, dtype)
    atol = convert_to_tensor(10 * eps if atol is None else atol, dtype)
    sym = _symbolic(x, y)
    x_name = x.name if sym else _shape_and_dtype_str(x)
    y_name = y.name if sym else _shape_and_dtype_str(y)
    data = [message, "x and y not equal to tolerance rtol = %s, atol = %s" % (rtol, atol),
            "x (%s) = " % x_name, x, "y (%s) = " % y_name, y]
    tol = atol + rtol * math_ops.abs(y)
    condition = reduction_ops.reduce_all(math_ops.less(math_ops.abs(x - y), tol))
    return Assert(condition, data, summarize=summarize)


# -- rank, shape and type assertions -------------------------------------------------------------
def _static_rank(x, ranks, condition, describe, message):
    """TF's static rank checks (all an eager tensor needs; an unknown rank is not checked)."""
    x = convert_to_tensor(x)
    values = []
    for r in ranks:
        r = convert_to_tensor(r)
        assert_type(r, dtypes.int32)
        if r.shape.rank != 0:
            raise ValueError("Rank must be a scalar.")
        values.append(int(r.numpy()))
    rank = x.shape.rank
    if rank is not None and not condition(rank, values):
        name = x.name if _symbolic(x) else ""
        raise ValueError("%sTensor %s must have rank %s.  Received rank %d, shape %s"
                         % (_message_prefix(message), name, describe(values), rank, x.shape))
    return None


def assert_rank(x, rank, message=None, name=None):
    return _static_rank(x, [rank], lambda r, v: r == v[0], lambda v: "%d" % v[0], message)


def assert_rank_at_least(x, rank, message=None, name=None):
    return _static_rank(x, [rank], lambda r, v: r >= v[0], lambda v: "at least %d" % v[0], message)


def assert_rank_in(x, ranks, message=None, name=None):
    return _static_rank(x, list(ranks), lambda r, v: r in v, lambda v: "in %s" % (tuple(v),), message)


def assert_type(tensor, tf_type, message=None, name=None):
    tf_type = dtypes.as_dtype(tf_type)
    tensor = convert_to_tensor(tensor)
    if tensor.dtype != tf_type:
        raise TypeError(f'{_message_prefix(message)}{getattr(tensor, "name", "tensor")} must be of type '
                        f"{tf_type!r}; got {tensor.dtype!r}")
    return None


def assert_integer(x, message=None, name=None):
    x = convert_to_tensor(x)
    if not x.dtype.is_integer:
        name = x.name if _symbolic(x) else "tensor"
        raise TypeError('%sExpected "x" to be integer type.  Found: %s of dtype %s'
                        % (_message_prefix(message), name, x.dtype))
    return None


def assert_scalar(tensor, message=None, name=None):
    tensor = convert_to_tensor(tensor)
    if tensor.shape.rank != 0:
        if _symbolic(tensor):
            raise ValueError("%sExpected scalar shape for %s, saw shape: %s."
                             % (_message_prefix(message), tensor.name, tensor.shape))
        raise ValueError("%sExpected scalar shape, saw shape: %s." % (_message_prefix(message), tensor.shape))
    return None   # TF2's assert_scalar returns nothing (the v1 op returned the tensor)


def _known(size):
    if size is None:
        return False
    try:
        int(size)
    except (ValueError, TypeError):
        return False
    return True


def assert_shapes(shapes, data=None, summarize=None, message=None, name=None):
    """tf.debugging.assert_shapes: check ranks and named/explicit dimension sizes across tensors."""
    if isinstance(shapes, dict):
        shapes = shapes.items()
    prefix = _message_prefix(message)
    constraints = [(convert_to_tensor(x), s) for x, s in shapes if s is not None]

    def tensor_name(t):
        return t.name if _symbolic(t) else _shape_and_dtype_str(t)

    entries = []
    for t, spec in constraints:
        if not (hasattr(spec, "__iter__") or hasattr(spec, "__getitem__")):
            raise ValueError("%sTensor %s.  Specified shape must be an iterable.  An iterable has the attribute "
                             "`__iter__` or `__getitem__`.  Received specified shape: %s"
                             % (prefix, tensor_name(t), spec))
        spec = tuple(spec)
        innermost = False
        for i, symbol in enumerate(spec):
            if symbol not in [Ellipsis, "*"]:
                continue
            if i != 0:
                raise ValueError("%sTensor %s specified shape index %d.  Symbol `...` or `*` for a variable "
                                 "number of unspecified dimensions is only allowed as the first entry"
                                 % (prefix, tensor_name(t), i))
            innermost = True
        actual = (1,) if t.shape.rank == 0 else tuple(t.shape.as_list()) if t.shape.rank else ()
        symbols = (spec[1:] if innermost else spec) or (1,)   # no dims means rank 0 or 1 of size 1
        entries.append((t, innermost, actual, symbols))
    for t, innermost, _, symbols in entries:
        rank = len(symbols)
        if innermost:
            if rank > 1:
                assert_rank_at_least(t, rank, message=message)
        elif rank in (0, 1):
            assert_rank_in(t, [0, 1], message=message)
        else:
            assert_rank(t, rank, message=message)
    specified = {}
    for t, innermost, actual, symbols in entries:
        for i, symbol in enumerate(symbols):
            if symbol in [None, "."]:
                continue
            dim = i - len(symbols) if innermost else i
            if _known(symbol) or symbol in specified:
                if _known(symbol):
                    size, how = int(symbol), "Specified explicitly"
                else:
                    size, by, at = specified[symbol]
                    how = "Specified by tensor %s dimension %d" % (tensor_name(by), at)
                got = actual[dim] if actual else None
                if _known(got) and _known(size) and int(got) != int(size):
                    raise ValueError("%s%s.  Tensor %s dimension %s must have size %d.  Received size %d, shape %s"
                                     % (prefix, how, tensor_name(t), dim, size, got, t.shape))
            else:
                specified[symbol] = (actual[dim] if actual else None, t, dim)
    return None


_NUMERIC = {dtypes.bfloat16, dtypes.float16, dtypes.float32, dtypes.float64, dtypes.int8, dtypes.int16,
            dtypes.int32, dtypes.int64, dtypes.uint8, dtypes.uint16, dtypes.uint32, dtypes.uint64,
            dtypes.complex64, dtypes.complex128}


def is_numeric_tensor(tensor):
    return isinstance(tensor, Tensor) and tensor.dtype in _NUMERIC


def assert_same_float_dtype(tensors=None, dtype=None):
    if tensors:
        dtype = _same_base_type(tensors, dtype)
    if not dtype:
        dtype = dtypes.float32
    elif not dtype.is_floating:
        raise ValueError("Expected floating point type, got %s." % dtype)
    return dtype


def _same_base_type(items, expected):
    first_text = None
    original = expected
    for item in items:
        if item is None:
            continue
        if not expected:
            expected = item.dtype
            if original is None:
                first_text = item.name if hasattr(item, "name") else str(item)
        elif expected != item.dtype:
            raise ValueError("%s, type=%s, must be of the same type (%s)%s." % (
                item.name if hasattr(item, "name") else str(item), item.dtype, expected,
                (" as %s" % first_text) if first_text else ""))
    return expected


def assert_proper_iterable(values):
    if isinstance(values, (Tensor, np.ndarray, bytes, str)):
        raise TypeError('Expected argument "values" to be a "proper" iterable.  Found: %s' % type(values))
    if not hasattr(values, "__iter__"):
        raise TypeError('Expected argument "values" to be iterable.  Found: %s' % type(values))


# -- switches that only keep state here ---------------------------------------------------------
_FLAGS = {"traceback_filtering": True, "log_device_placement": False}


def enable_traceback_filtering():
    _FLAGS["traceback_filtering"] = True


def disable_traceback_filtering():
    _FLAGS["traceback_filtering"] = False


def is_traceback_filtering_enabled():
    return _FLAGS["traceback_filtering"]


def set_log_device_placement(enabled):
    _FLAGS["log_device_placement"] = builtins.bool(enabled)


def get_log_device_placement():
    return _FLAGS["log_device_placement"]
