"""Elementwise math: unary and binary primitives with their gradients, comparisons, logic."""
import math as _math
import operator

import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError
from ..framework.primitive import (FLOAT_COMPLEX, FLOATS, REAL_NUMERIC, SIGNED_NUMERIC, ShapeError,
                                   primitive)
from ..framework.tape import needed_inputs
from ..framework.tensor import EagerTensor, convert_to_tensor, wrap_as
from .basic_ops import cast, sum_to, where, zeros_like
from .core import as_tensor, binary_inputs, is_tensor_like
from .shape_rules import broadcast_shapes

__all__ = [
    "add", "subtract", "multiply", "divide", "truediv", "realdiv", "floordiv", "floormod", "mod", "pow",
    "maximum", "minimum", "squared_difference", "negative", "abs", "sign", "reciprocal", "square",
    "sqrt", "rsqrt", "exp", "log", "log1p", "expm1", "sin", "cos", "tan", "asin", "acos", "atan",
    "sinh", "cosh", "tanh", "sigmoid", "erf", "floor", "ceil", "round", "equal", "not_equal", "less",
    "less_equal", "greater", "greater_equal", "logical_and", "logical_or", "logical_not", "logical_xor",
    "is_nan", "is_finite", "is_inf", "add_n", "divide_no_nan", "scalar_mul", "atan2", "conj",
    "bitwise_and", "bitwise_or", "bitwise_xor", "invert",
]

NUMERIC = REAL_NUMERIC + (dtypes.complex64, dtypes.complex128)
INTEGERS = (dtypes.int8, dtypes.int16, dtypes.int32, dtypes.int64, dtypes.uint8, dtypes.uint16,
            dtypes.uint32, dtypes.uint64)
_BINARY_SIG = "x:T, y:T -> z:T"
_INF = float("inf")


def _broadcast_spec(x, y):
    return broadcast_shapes(x.shape, y.shape), x.dtype


def _compare_spec(x, y):
    return broadcast_shapes(x.shape, y.shape), dtypes.bool


def _binary(name, kernel, allowed=NUMERIC, differentiable=True, spec=_broadcast_spec):
    p = primitive(name, allowed=allowed, signature=_BINARY_SIG, differentiable=differentiable)(kernel)
    p.spec(spec)
    return p


def _unary(name, kernel, allowed=FLOAT_COMPLEX, differentiable=True):
    p = primitive(name, allowed=allowed, differentiable=differentiable)(kernel)
    p.spec(lambda x: (x.shape, x.dtype))
    return p


# -- binary arithmetic -------------------------------------------------------------------
_add = _binary("AddV2", np.add)
_sub = _binary("Sub", np.subtract)
_mul = _binary("Mul", np.multiply)
# Python's operators for the floating types: on two NumPy scalars (rank-0 values) NumPy's
# scalar math is ~10x faster than a ufunc call, and on arrays it calls the same ufunc.
# Integers keep the ufunc, whose overflow wraps silently as TF's does (scalar math warns).
_SCALAR_MATH_TYPES = (dtypes.float16, dtypes.float32, dtypes.float64, dtypes.complex64, dtypes.complex128)
_add.dtype_kernel(_SCALAR_MATH_TYPES, operator.add)
_sub.dtype_kernel(_SCALAR_MATH_TYPES, operator.sub)
_mul.dtype_kernel(_SCALAR_MATH_TYPES, operator.mul)


def _true_divide(x, y):
    if type(y) is not np.ndarray and y.dtype.kind == "f" and (1 <= y < _INF or -_INF < y <= -1):
        # A finite scalar divisor of magnitude >= 1 (a mean's count, a batch size) can neither
        # divide by zero, overflow nor make a NaN: no np.errstate (~1 us) needed.
        return x / y
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.true_divide(x, y)


_div = _binary("RealDiv", _true_divide, allowed=NUMERIC)


def _div_no_nan_kernel(x, y):
    # One kernel rather than a composite of seven ops (not_equal, where, ones_like...): the
    # metrics' result() divides this way on every training step.
    out = np.zeros(np.broadcast_shapes(np.shape(x), np.shape(y)), dtype=x.dtype)
    with np.errstate(over="ignore", invalid="ignore"):
        np.divide(x, y, out=out, where=(y != 0))  # 0 wherever y is 0, whatever x is (TF's DivNoNan)
    return out


_div_no_nan = _binary("DivNoNan", _div_no_nan_kernel, allowed=FLOAT_COMPLEX)


def _floor_divide(x, y):
    if x.dtype.kind in "iu" and np.any(np.asarray(y) == 0):
        raise ShapeError("Integer division by zero")
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.floor_divide(x, y)


def _floor_mod(x, y):
    if x.dtype.kind in "iu" and np.any(np.asarray(y) == 0):
        raise ShapeError("Integer division by zero")
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.mod(x, y)


def _power(x, y):
    if x.dtype.kind in "iu" and np.any(np.asarray(y) < 0):
        raise ShapeError("Integers to negative integer powers are not allowed")
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return np.power(x, y)


_floordiv = _binary("FloorDiv", _floor_divide, allowed=REAL_NUMERIC)
_floormod = _binary("FloorMod", _floor_mod, allowed=REAL_NUMERIC)
_pow = _binary("Pow", _power)
_maximum = _binary("Maximum", np.maximum, allowed=REAL_NUMERIC)
_minimum = _binary("Minimum", np.minimum, allowed=REAL_NUMERIC)
_sqdiff = _binary("SquaredDifference", lambda x, y: np.square(x - y))
_atan2 = _binary("Atan2", np.arctan2, allowed=FLOATS)


# The binary rules compute only the gradients the tape needs (needed_inputs): in
# `w * x + b - y` nothing needs the gradient for the data x or the target y.
@_add.vjp
def _(g, z, x, y):
    need_x, need_y = needed_inputs(2)
    return sum_to(g, x) if need_x else None, sum_to(g, y) if need_y else None


@_sub.vjp
def _(g, z, x, y):
    need_x, need_y = needed_inputs(2)
    return sum_to(g, x) if need_x else None, sum_to(negative(g), y) if need_y else None


@_mul.vjp
def _(g, z, x, y):
    need_x, need_y = needed_inputs(2)
    return (sum_to(_mul(g, y), x) if need_x else None), (sum_to(_mul(x, g), y) if need_y else None)


@_div.vjp
def _(g, z, x, y):
    need_x, need_y = needed_inputs(2)
    return (sum_to(_div(g, y), x) if need_x else None,
            sum_to(negative(_mul(g, _div(z, y))), y) if need_y else None)


@_div_no_nan.vjp
def _(g, z, x, y):
    need_x, need_y = needed_inputs(2)
    return (sum_to(_div_no_nan(g, y), x) if need_x else None,
            sum_to(_mul(g, _div_no_nan(_div_no_nan(negative(x), y), y)), y) if need_y else None)


@_floordiv.vjp
def _(g, z, x, y):
    return None, None


@_floormod.vjp
def _(g, z, x, y):
    return sum_to(g, x), sum_to(negative(_mul(g, _floordiv(x, y))), y)


@_pow.vjp
def _(g, z, x, y):
    one = _const_like(1, y)
    gx = _mul(g, _mul(y, _pow(x, _sub(y, one))))
    # d/dy x**y = x**y * log(x), taken as 0 where x <= 0 (TF's convention).
    positive = greater(x, _const_like(0, x))
    safe_x = where(positive, x, _const_like(1, x))
    gy = _mul(g, _mul(z, where(positive, log(safe_x), zeros_like(x))))
    return sum_to(gx, x), sum_to(gy, y)


def _extremum_vjp(pick_x_fn):
    def vjp(g, z, x, y):
        # (clip_by_value's bounds are constants: their select and sum are skipped)
        need_x, need_y = needed_inputs(2)
        pick_x = pick_x_fn(x, y)
        zeros = zeros_like(g)
        return (sum_to(where(pick_x, g, zeros), x) if need_x else None,
                sum_to(where(pick_x, zeros, g), y) if need_y else None)
    return vjp


_maximum.vjp(_extremum_vjp(lambda x, y: greater_equal(x, y)))
_minimum.vjp(_extremum_vjp(lambda x, y: less_equal(x, y)))


@_sqdiff.vjp
def _(g, z, x, y):
    d = _mul(_mul(g, _const_like(2, x)), _sub(x, y))
    return sum_to(d, x), sum_to(negative(d), y)


@_atan2.vjp
def _(g, z, y_in, x_in):
    denom = _add(square(x_in), square(y_in))
    return sum_to(_div(_mul(g, x_in), denom), y_in), sum_to(negative(_div(_mul(g, y_in), denom)), x_in)


def _const_like(value, like):
    return _scalar(value, like.dtype)


_SCALARS = {}


def _scalar(value, dtype):
    """A constant scalar tensor; tensors are immutable, so each (value, dtype) is made once."""
    key = (value, dtype._enum)  # (the enum hashes in C; DType.__hash__ is Python)
    t = _SCALARS.get(key)
    if t is None:
        t = _SCALARS[key] = wrap_as(dtype.np_dtype.type(value), dtype)
    return t


# -- public binary functions --------------------------------------------------------------
def add(x, y, name=None):
    x, y = binary_inputs(x, y, "AddV2")
    try:
        return _add(x, y)
    except InvalidArgumentError:
        if x.dtype is dtypes.string:  # TF routes strings to its Add op (concatenation)
            return _string_add(x, y)
        raise


@primitive("Add", allowed=(dtypes.string,), signature=_BINARY_SIG, differentiable=False)
def _string_add(x, y):
    out = np.add(x, y)  # bytes + bytes on object arrays; a bare bytes object for scalars
    return out if isinstance(out, np.ndarray) else np.array(out, dtype=object)


_string_add.spec(_broadcast_spec)


def subtract(x, y, name=None):
    x, y = binary_inputs(x, y, "Sub")
    return _sub(x, y)


def multiply(x, y, name=None):
    x, y = binary_inputs(x, y, "Mul")
    return _mul(x, y)


def scalar_mul(scalar, x, name=None):
    return multiply(scalar, x)


def realdiv(x, y, name=None):
    x, y = binary_inputs(x, y, "RealDiv")
    return _div(x, y)


def truediv(x, y, name=None):
    """x / y; integer inputs are first cast to float (int8/16 -> float32, int32/64 -> float64), as TF."""
    x, y = binary_inputs(x, y, "truediv")
    return _truediv_converted(x, y)


def _truediv_converted(x, y):
    if x._dtype._kind in "fc":  # floats divide as they are (the table maps them all to None)
        return _div(x, y)
    target = _TRUEDIV_TABLE.get(x._dtype, _NOT_DIVISIBLE)
    if target is not None:
        if target is _NOT_DIVISIBLE:
            names = ", ".join(repr(d) for d in _TRUEDIV_TABLE)
            raise TypeError(f"Invalid dtype {x.dtype!r} in __truediv__. Expected one of {{{names}}}.")
        x, y = cast(x, target), cast(y, target)
    return _div(x, y)


# TF's table (and its order, which its error message shows): integers divide as floats.
_TRUEDIV_TABLE = {dtypes.uint8: dtypes.float32, dtypes.int8: dtypes.float32, dtypes.uint16: dtypes.float32,
                  dtypes.int16: dtypes.float32, dtypes.uint32: dtypes.float64, dtypes.int32: dtypes.float64,
                  dtypes.uint64: dtypes.float64, dtypes.int64: dtypes.float64, dtypes.bfloat16: None,
                  dtypes.float16: None, dtypes.float32: None, dtypes.float64: None, dtypes.complex64: None,
                  dtypes.complex128: None}
_NOT_DIVISIBLE = object()


def divide(x, y, name=None):
    # TF first makes x a tensor, of y's dtype when y is one.
    if type(x) is not EagerTensor and not is_tensor_like(x):
        x = convert_to_tensor(x, y.dtype if is_tensor_like(y) else None)
    return truediv(x, y)


def divide_no_nan(x, y, name=None):
    x, y = binary_inputs(x, y, "DivNoNan")
    if x._dtype._kind not in "fc":  # integers divide as floats, by truediv's table
        target = _TRUEDIV_TABLE.get(x._dtype)
        if target is not None:
            x, y = cast(x, target), cast(y, target)
    return _div_no_nan(x, y)


def floordiv(x, y, name=None):
    x, y = binary_inputs(x, y, "FloorDiv")
    return _floordiv(x, y)


def floormod(x, y, name=None):
    x, y = binary_inputs(x, y, "FloorMod")
    return _floormod(x, y)


mod = floormod


def pow(x, y, name=None):  # noqa: A001 - TF's public name
    x, y = binary_inputs(x, y, "Pow")
    return _pow(x, y)


def maximum(x, y, name=None):
    x, y = binary_inputs(x, y, "Maximum")
    return _maximum(x, y)


def minimum(x, y, name=None):
    x, y = binary_inputs(x, y, "Minimum")
    return _minimum(x, y)


def squared_difference(x, y, name=None):
    x, y = binary_inputs(x, y, "SquaredDifference")
    return _sqdiff(x, y)


def atan2(y, x, name=None):
    y, x = binary_inputs(y, x, "Atan2")
    return _atan2(y, x)


def add_n(inputs, name=None):
    if not inputs:
        raise ValueError("Inputs must be an iterable of at least one Tensor/IndexedSlices with the same "
                         "dtype and shape.")
    total = as_tensor(inputs[0])
    for t in inputs[1:]:
        total = add(total, t)
    return total


# -- unary ------------------------------------------------------------------------------------
def _quiet(fn):
    def kernel(x):
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            return fn(x)
    kernel.__name__ = fn.__name__
    return kernel


def _sigmoid_kernel(x):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-x))


def _rsqrt_kernel(x):
    with np.errstate(divide="ignore", invalid="ignore"):
        return 1 / np.sqrt(x)


_erf_ufunc = None


def _erf_kernel(x):
    global _erf_ufunc
    if _erf_ufunc is None:
        try:  # SciPy's erf is vectorised; fall back on the standard library's, element by element
            from scipy.special import erf as _erf_ufunc
        except ImportError:
            _erf_ufunc = np.frompyfunc(_math.erf, 1, 1)
    return np.asarray(_erf_ufunc(x), dtype=x.dtype)[()] if np.ndim(x) == 0 else \
        np.asarray(_erf_ufunc(x)).astype(x.dtype)


_neg = _unary("Neg", np.negative, allowed=SIGNED_NUMERIC)
_abs = _unary("Abs", np.abs, allowed=SIGNED_NUMERIC)
_sign = _unary("Sign", np.sign, allowed=SIGNED_NUMERIC)
_reciprocal = _unary("Reciprocal", _quiet(np.reciprocal), allowed=SIGNED_NUMERIC)
_square = _unary("Square", np.square, allowed=SIGNED_NUMERIC + (dtypes.uint8, dtypes.uint16,
                                                                  dtypes.uint32, dtypes.uint64))
_sqrt = _unary("Sqrt", _quiet(np.sqrt))
_rsqrt = _unary("Rsqrt", _rsqrt_kernel)
_exp = _unary("Exp", _quiet(np.exp))
_log = _unary("Log", _quiet(np.log))
_log1p = _unary("Log1p", _quiet(np.log1p))
_expm1 = _unary("Expm1", _quiet(np.expm1))
_sin = _unary("Sin", np.sin)
_cos = _unary("Cos", np.cos)
_tan = _unary("Tan", _quiet(np.tan))
_asin = _unary("Asin", _quiet(np.arcsin))
_acos = _unary("Acos", _quiet(np.arccos))
_atan = _unary("Atan", np.arctan)
_sinh = _unary("Sinh", _quiet(np.sinh))
_cosh = _unary("Cosh", _quiet(np.cosh))
_tanh = _unary("Tanh", np.tanh)
_sigmoid = _unary("Sigmoid", _sigmoid_kernel)
_erf = _unary("Erf", _erf_kernel, allowed=FLOATS)
_floor = _unary("Floor", np.floor, allowed=FLOATS)
_ceil = _unary("Ceil", np.ceil, allowed=FLOATS)
_round = _unary("Round", np.round, allowed=SIGNED_NUMERIC)


def _one(x):
    return _scalar(1, x.dtype)


_neg.vjp(lambda g, y, x: (negative(g),))
_abs.vjp(lambda g, y, x: (_mul(g, sign(x)),))
_sign.vjp(lambda g, y, x: (zeros_like(x),))
_reciprocal.vjp(lambda g, y, x: (negative(_mul(g, _mul(y, y))),))
_square.vjp(lambda g, y, x: (_mul(g, _mul(_scalar(2, x._dtype), x)),))
_sqrt.vjp(lambda g, y, x: (_div(_mul(g, _scalar(0.5, x.dtype)), y),))
_rsqrt.vjp(lambda g, y, x: (_mul(g, _mul(_scalar(-0.5, x.dtype), _mul(y, _mul(y, y)))),))
_exp.vjp(lambda g, y, x: (_mul(g, y),))
_log.vjp(lambda g, y, x: (_div(g, x),))
_log1p.vjp(lambda g, y, x: (_div(g, _add(_one(x), x)),))
_expm1.vjp(lambda g, y, x: (_mul(g, _add(y, _one(x))),))
_sin.vjp(lambda g, y, x: (_mul(g, cos(x)),))
_cos.vjp(lambda g, y, x: (negative(_mul(g, sin(x))),))
_tan.vjp(lambda g, y, x: (_mul(g, _add(_one(x), _mul(y, y))),))
_asin.vjp(lambda g, y, x: (_mul(g, rsqrt(_sub(_one(x), _mul(x, x)))),))
_acos.vjp(lambda g, y, x: (negative(_mul(g, rsqrt(_sub(_one(x), _mul(x, x))))),))
_atan.vjp(lambda g, y, x: (_div(g, _add(_one(x), _mul(x, x))),))
_sinh.vjp(lambda g, y, x: (_mul(g, cosh(x)),))
_cosh.vjp(lambda g, y, x: (_mul(g, sinh(x)),))
_tanh.vjp(lambda g, y, x: (_mul(g, _sub(_one(x), _mul(y, y))),))
_sigmoid.vjp(lambda g, y, x: (_mul(g, _mul(y, _sub(_one(x), y))),))
_erf.vjp(lambda g, y, x: (_mul(g, _mul(_scalar(2 / _math.sqrt(_math.pi), x.dtype),
                                       exp(negative(_mul(x, x))))),))
# Piecewise-constant functions: TF defines their gradient as None.
_floor.vjp(lambda g, y, x: (None,))
_ceil.vjp(lambda g, y, x: (None,))
_round.vjp(lambda g, y, x: (None,))


def _unary_api(prim, name):
    def fn(x, name=None):
        return prim(x if type(x) is EagerTensor else as_tensor(x))
    fn.__name__ = name
    fn.__qualname__ = name
    return fn


negative = _unary_api(_neg, "negative")
sign = _unary_api(_sign, "sign")
reciprocal = _unary_api(_reciprocal, "reciprocal")
square = _unary_api(_square, "square")
sqrt = _unary_api(_sqrt, "sqrt")
rsqrt = _unary_api(_rsqrt, "rsqrt")
exp = _unary_api(_exp, "exp")
log = _unary_api(_log, "log")
log1p = _unary_api(_log1p, "log1p")
expm1 = _unary_api(_expm1, "expm1")
sin = _unary_api(_sin, "sin")
cos = _unary_api(_cos, "cos")
tan = _unary_api(_tan, "tan")
asin = _unary_api(_asin, "asin")
acos = _unary_api(_acos, "acos")
atan = _unary_api(_atan, "atan")
sinh = _unary_api(_sinh, "sinh")
cosh = _unary_api(_cosh, "cosh")
tanh = _unary_api(_tanh, "tanh")
sigmoid = _unary_api(_sigmoid, "sigmoid")
erf = _unary_api(_erf, "erf")
floor = _unary_api(_floor, "floor")
ceil = _unary_api(_ceil, "ceil")
round = _unary_api(_round, "round")  # noqa: A001 - TF's public name


def _abs_complex_aware(x, name=None):
    x = as_tensor(x)
    if x.dtype.is_complex:
        from ..framework.tensor import wrap
        return wrap(np.abs(x._value))
    return _abs(x)


abs = _abs_complex_aware  # noqa: A001 - TF's public name


# -- comparisons and logic ----------------------------------------------------------------------
_equal = _binary("Equal", np.equal, allowed=None, differentiable=False, spec=_compare_spec)
_not_equal = _binary("NotEqual", np.not_equal, allowed=None, differentiable=False, spec=_compare_spec)
_less = _binary("Less", np.less, allowed=REAL_NUMERIC, differentiable=False, spec=_compare_spec)
_less_equal = _binary("LessEqual", np.less_equal, allowed=REAL_NUMERIC, differentiable=False,
                      spec=_compare_spec)
_greater = _binary("Greater", np.greater, allowed=REAL_NUMERIC, differentiable=False, spec=_compare_spec)
_greater_equal = _binary("GreaterEqual", np.greater_equal, allowed=REAL_NUMERIC, differentiable=False,
                         spec=_compare_spec)
_logical_and = _binary("LogicalAnd", np.logical_and, allowed=(dtypes.bool,), differentiable=False)
_logical_or = _binary("LogicalOr", np.logical_or, allowed=(dtypes.bool,), differentiable=False)
_logical_not = _unary("LogicalNot", np.logical_not, allowed=(dtypes.bool,), differentiable=False)
_bitwise_and = _binary("BitwiseAnd", np.bitwise_and, allowed=INTEGERS, differentiable=False)
_bitwise_or = _binary("BitwiseOr", np.bitwise_or, allowed=INTEGERS, differentiable=False)
_bitwise_xor = _binary("BitwiseXor", np.bitwise_xor, allowed=INTEGERS, differentiable=False)
_invert = _unary("Invert", np.invert, allowed=INTEGERS, differentiable=False)
_is_nan = _unary("IsNan", np.isnan, allowed=FLOATS, differentiable=False)
_is_finite = _unary("IsFinite", np.isfinite, allowed=FLOATS, differentiable=False)
_is_inf = _unary("IsInf", np.isinf, allowed=FLOATS, differentiable=False)
for _p in (_is_nan, _is_finite, _is_inf):
    _p.spec(lambda x: (x.shape, dtypes.bool))


def _compare_api(prim, name, op_name):
    def fn(x, y, name=None):
        x, y = binary_inputs(x, y, op_name)
        return prim(x, y)
    fn.__name__ = name
    return fn


equal = _compare_api(_equal, "equal", "Equal")
not_equal = _compare_api(_not_equal, "not_equal", "NotEqual")
less = _compare_api(_less, "less", "Less")
less_equal = _compare_api(_less_equal, "less_equal", "LessEqual")
greater = _compare_api(_greater, "greater", "Greater")
greater_equal = _compare_api(_greater_equal, "greater_equal", "GreaterEqual")
logical_and = _compare_api(_logical_and, "logical_and", "LogicalAnd")
logical_or = _compare_api(_logical_or, "logical_or", "LogicalOr")
bitwise_and = _compare_api(_bitwise_and, "bitwise_and", "BitwiseAnd")
bitwise_or = _compare_api(_bitwise_or, "bitwise_or", "BitwiseOr")
bitwise_xor = _compare_api(_bitwise_xor, "bitwise_xor", "BitwiseXor")
logical_not = _unary_api(_logical_not, "logical_not")
invert = _unary_api(_invert, "invert")
is_nan = _unary_api(_is_nan, "is_nan")
is_finite = _unary_api(_is_finite, "is_finite")
is_inf = _unary_api(_is_inf, "is_inf")


def logical_xor(x, y, name="LogicalXor"):
    return logical_and(logical_or(x, y), logical_not(logical_and(x, y)))


# -- complex helpers ------------------------------------------------------------------------------
@primitive("Conj", allowed=(dtypes.complex64, dtypes.complex128))
def _conj(x):
    return np.conj(x)


_conj.spec(lambda x: (x.shape, x.dtype))
_conj.vjp(lambda g, y, x: (_conj(g),))


def conj(x, name=None):
    x = as_tensor(x)
    return _conj(x) if x.dtype.is_complex else x


def _conj_if_complex(x):
    return conj(x)
