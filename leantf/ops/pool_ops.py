"""Pooling: max_pool/avg_pool in 1, 2 and 3 spatial dimensions.

Kernels work on the padded input through one strided slice per kernel tap: the Python
loops run over the taps of the window (4 for 2x2), never over positions. Max pooling's
gradient routes each output's gradient to the FIRST maximum of its window in row-major
tap order (TF's CPU rule), found by a tap loop over branch-free mask operations. Average pooling with SAME padding divides by the number of real (unpadded)
elements of each window, as TF does.

Primitives follow TF: ``MaxPool``, ``MaxPoolGrad(orig_input, orig_output, grad)`` and
``MaxPoolGradGrad`` (each one's gradient is the other, so any order works), ``AvgPool``
and ``AvgPoolGrad(orig_input_shape, grad)`` (linear: each is the other's gradient).
"""

import numpy as np

from ..framework import dtypes
from ..framework.errors import UnimplementedError
from ..framework.primitive import ShapeError, primitive
from ..framework.tensor import EagerTensor, convert_to_tensor
from ..framework.tensor_shape import TensorShape
from . import sliding_windows as sw
from .core import as_tensor

__all__ = ["max_pool", "max_pool1d", "max_pool2d", "max_pool3d", "avg_pool", "avg_pool1d", "avg_pool2d",
           "avg_pool3d"]

_MAXPOOL_TYPES = (dtypes.float16, dtypes.bfloat16, dtypes.float32, dtypes.float64, dtypes.int32, dtypes.int64,
                  dtypes.uint8, dtypes.int16, dtypes.int8, dtypes.uint16)
_AVGPOOL_TYPES = (dtypes.float16, dtypes.bfloat16, dtypes.float32, dtypes.float64)
_POOL3D_TYPES = (dtypes.float16, dtypes.bfloat16, dtypes.float32)

_FMT = 'attr=data_format:string,default="NHWC",allowed=["NHWC", "NCHW"'
_OPDEF = {
    "MaxPool": ("Op<name=MaxPool; signature=input:T -> output:T; attr=T:type,default=DT_FLOAT,allowed=[DT_HALF, "
                "DT_BFLOAT16, DT_FLOAT, DT_DOUBLE, DT_INT32, DT_INT64, DT_UINT8, DT_INT16, DT_INT8, DT_UINT16, "
                "DT_QINT8]; attr=ksize:list(int),min=4; attr=strides:list(int),min=4; attr=padding:string,allowed="
                '["SAME", "VALID", "EXPLICIT"]; attr=explicit_paddings:list(int),default=[]; '
                f'{_FMT}, "NCHW_VECT_C"]>'),
    "AvgPool": ("Op<name=AvgPool; signature=value:T -> output:T; attr=ksize:list(int),min=4; attr=strides:"
                'list(int),min=4; attr=padding:string,allowed=["SAME", "VALID"]; '
                f"{_FMT}]; attr=T:type,allowed=[DT_HALF, DT_BFLOAT16, DT_FLOAT, DT_DOUBLE]>"),
    "MaxPool3D": ("Op<name=MaxPool3D; signature=input:T -> output:T; attr=ksize:list(int),min=5; attr=strides:"
                  'list(int),min=5; attr=padding:string,allowed=["SAME", "VALID"]; attr=data_format:string,'
                  'default="NDHWC",allowed=["NDHWC", "NCDHW"]; attr=T:type,allowed=[DT_HALF, DT_BFLOAT16, '
                  "DT_FLOAT]>"),
    "AvgPool3D": ("Op<name=AvgPool3D; signature=input:T -> output:T; attr=ksize:list(int),min=5; attr=strides:"
                  'list(int),min=5; attr=padding:string,allowed=["SAME", "VALID"]; attr=data_format:string,'
                  'default="NDHWC",allowed=["NDHWC", "NCDHW"]; attr=T:type,allowed=[DT_HALF, DT_BFLOAT16, '
                  "DT_FLOAT, DT_DOUBLE]>"),
}
# op type -> (allowed dtypes in TF's order, paddings, data formats, kernel label)
_OPS = {
    "MaxPool": (_MAXPOOL_TYPES, ("SAME", "VALID", "EXPLICIT"), ("NHWC", "NCHW", "NCHW_VECT_C"), None),
    "AvgPool": (_AVGPOOL_TYPES, ("SAME", "VALID"), ("NHWC", "NCHW"), "__MklNativeAvgPool"),
    "MaxPool3D": (_POOL3D_TYPES, ("SAME", "VALID"), ("NDHWC", "NCDHW"), None),
    "AvgPool3D": (_AVGPOOL_TYPES, ("SAME", "VALID"), ("NDHWC", "NCDHW"), None),
}


# -- geometry ---------------------------------------------------------------------------------
def _cl(data_format):
    return data_format[-1] == "C"


def _geometry(shape, ksize, strides, padding, explicit_paddings):
    nd = len(ksize)
    if len(shape) != nd + 2:
        raise ShapeError("Input must be 4 or 5-dimensional" if nd < 3 else "input must be 5-dimensional")
    return sw.geometry(shape[1:-1], ksize, strides, (1,) * nd, padding, explicit_paddings)


def _lowest(dtype):
    return np.iinfo(dtype).min if dtype.kind in "iu" else -np.inf


def _taps(ksize, strides, outs):
    return sw.tap_slices(ksize, strides, (1,) * len(ksize), outs)


def _at(sl):
    return (slice(None),) + sl


def _first_max_masks(xp, taps, best=None):
    """For every tap, the boolean mask of output positions whose window maximum it holds first.

    Branch-free passes (max, compare, and-not) instead of a tracked argmax: NumPy's
    masked copies branch per element and are an order of magnitude slower on such masks.
    ``best`` is the windows' maximum when known (the pooling's output).
    """
    views = [xp[_at(sl)] for _, sl in taps]
    if best is None:
        best = views[0].copy()
        for v in views[1:]:
            np.maximum(best, v, out=best)
    seen = None
    for v in views:
        hit = v == best
        if seen is None:
            seen = hit
        else:
            np.greater(hit, seen, out=hit)  # hit and not seen: an earlier tap holds this maximum
            seen |= hit
        yield hit


def _overlapping(ksize, strides):
    return any(s < k for k, s in zip(ksize, strides))


# -- kernels ------------------------------------------------------------------------------------
def _max_pool_kernel(x, ksize, strides, padding, explicit_paddings, data_format):
    cl = _cl(data_format)
    x = sw.to_channels_last(x, cl)
    outs, pads = _geometry(x.shape, ksize, strides, padding, explicit_paddings)
    xp = sw.pad(x, pads, _lowest(x.dtype))
    out = None
    for _, sl in _taps(ksize, strides, outs):
        v = xp[_at(sl)]
        if out is None:
            out = v.copy()
        else:
            np.maximum(out, v, out=out)
    return sw.from_channels_last(out, cl)


def _max_pool_grad_kernel(x, y, g, ksize, strides, padding, explicit_paddings, data_format):
    cl = _cl(data_format)
    x, y, g = sw.to_channels_last(x, cl), sw.to_channels_last(y, cl), sw.to_channels_last(g, cl)
    outs, pads = _geometry(x.shape, ksize, strides, padding, explicit_paddings)
    xp = sw.pad(x, pads, _lowest(x.dtype))
    taps = _taps(ksize, strides, outs)
    dxp = np.zeros(xp.shape, dtype=g.dtype)
    overlap = _overlapping(ksize, strides)
    # The forward output is each window's maximum: no need to find it again, unless the
    # caller passed one of another shape (then the masks' own pass finds it).
    best = y if y.shape == g.shape and y.dtype == x.dtype else None
    finite = g.dtype.kind != "f" or bool(np.isfinite(g).all())
    for (_, sl), hit in zip(taps, _first_max_masks(xp, taps, best)):
        if finite and not overlap:  # disjoint windows: each input element receives from one output
            np.multiply(g, hit, out=dxp[_at(sl)])
            continue
        picked = g * hit if finite else np.where(hit, g, g.dtype.type(0))  # sw.masked, checked once
        if overlap:
            dxp[_at(sl)] += picked
        else:
            dxp[_at(sl)] = picked
    dx = sw.crop(dxp, pads, x.shape[1:-1])
    return np.ascontiguousarray(sw.from_channels_last(dx, cl))


def _max_pool_grad_grad_kernel(x, y, gg, ksize, strides, padding, explicit_paddings, data_format):
    cl = _cl(data_format)
    x, gg = sw.to_channels_last(x, cl), sw.to_channels_last(gg, cl)
    outs, pads = _geometry(x.shape, ksize, strides, padding, explicit_paddings)
    xp = sw.pad(x, pads, _lowest(x.dtype))
    ggp = sw.pad(gg, pads)
    taps = _taps(ksize, strides, outs)
    out = None
    for (_, sl), hit in zip(taps, _first_max_masks(xp, taps)):
        picked = sw.masked(ggp[_at(sl)], hit)
        out = picked if out is None else np.add(out, picked, out=out)
    return sw.from_channels_last(out, cl)


def _window_counts(spatial, ksize, strides, outs, pads):
    """Real (unpadded) elements per window, shaped to broadcast against [N, *out, C]."""
    total = np.ones((1,) * (len(spatial) + 2))
    for i, (n, k, s, o, (b, _)) in enumerate(zip(spatial, ksize, strides, outs, pads)):
        start = np.arange(o) * s - b
        count = np.minimum(start + k, n) - np.maximum(start, 0)
        shape = [1] * (len(spatial) + 2)
        shape[i + 1] = o
        total = total * count.reshape(shape)
    return total


def _avg_pool_kernel(x, ksize, strides, padding, explicit_paddings, data_format):
    cl = _cl(data_format)
    x = sw.to_channels_last(x, cl)
    outs, pads = _geometry(x.shape, ksize, strides, padding, explicit_paddings)
    dt = x.dtype
    xp = sw.pad(x, pads).astype(sw.compute_dtype(dt), copy=False)
    acc = None
    for _, sl in _taps(ksize, strides, outs):
        v = xp[_at(sl)]
        acc = v.copy() if acc is None else np.add(acc, v, out=acc)
    counts = _window_counts(x.shape[1:-1], ksize, strides, outs, pads).astype(acc.dtype)
    return sw.from_channels_last((acc / counts).astype(dt, copy=False), cl)


def _avg_pool_grad_kernel(sizes, g, ksize, strides, padding, explicit_paddings, data_format):
    cl = _cl(data_format)
    xs = sw.shape_to_channels_last(tuple(int(d) for d in sizes), cl)
    g = sw.to_channels_last(g, cl)
    outs, pads = _geometry(xs, ksize, strides, padding, explicit_paddings)
    dt = g.dtype
    ct = sw.compute_dtype(dt)
    gs = g.astype(ct) / _window_counts(xs[1:-1], ksize, strides, outs, pads).astype(ct)
    padded = (xs[0],) + tuple(n + b + a for n, (b, a) in zip(xs[1:-1], pads)) + (xs[-1],)
    dxp = np.zeros(padded, dtype=ct)
    for _, sl in _taps(ksize, strides, outs):
        dxp[_at(sl)] += gs
    dx = sw.crop(dxp, pads, xs[1:-1])
    return np.ascontiguousarray(sw.from_channels_last(dx, cl), dtype=dt)


# -- primitives ---------------------------------------------------------------------------------
def _pool_spec(x, ksize, strides, padding, explicit_paddings, data_format):
    cl = _cl(data_format)
    if x.shape.rank is None:
        return TensorShape([None] * (len(ksize) + 2)), x.dtype
    dims = list(sw.shape_to_channels_last(x.shape.as_list(), cl))
    outs, _ = _geometry(dims, ksize, strides, padding, explicit_paddings)
    return TensorShape(list(sw.shape_from_channels_last([dims[0]] + outs + [dims[-1]], cl))), x.dtype


def _shape_tensor(x):
    dims = x.shape.as_list() if x.shape.rank is not None else None
    if dims is not None and None not in dims:
        return convert_to_tensor(np.array(dims, dtype=np.int32))
    from .basic_ops import shape
    return shape(x)


def _register(names, allowed, label):
    fwd_name, grad_name, gradgrad_name, avg_name, avg_grad_name = names
    max_allowed, avg_allowed = allowed
    mp = primitive(fwd_name, allowed=max_allowed, signature="input:T -> output:T")(_max_pool_kernel)
    mpg = primitive(grad_name, allowed=max_allowed, signature="orig_input:T, orig_output:T, grad:T -> output:T")(
        _max_pool_grad_kernel)
    mpgg = primitive(gradgrad_name, allowed=max_allowed,
                     signature="orig_input:T, orig_output:T, grad:T -> output:T")(_max_pool_grad_grad_kernel)
    ap = primitive(avg_name, allowed=avg_allowed, signature="value:T -> output:T", kernel_label=label)(
        _avg_pool_kernel)
    apg = primitive(avg_grad_name, signature="orig_input_shape:int32, grad:T -> output:T")(_avg_pool_grad_kernel)

    mp.spec(_pool_spec)
    ap.spec(_pool_spec)
    mpg.spec(lambda x, y, g, **a: (x.shape, x.dtype))
    mpgg.spec(lambda x, y, g, **a: (y.shape, y.dtype))

    @apg.spec
    def _(sizes, g, **attrs):
        if isinstance(sizes, EagerTensor):
            return TensorShape([int(d) for d in np.asarray(sizes._value).reshape(-1)]), g.dtype
        return TensorShape([None] * (len(attrs["ksize"]) + 2)), g.dtype

    mp.vjp(lambda g, y, x, **a: (mpg(x, y, g, **a),))
    # MaxPoolGrad is linear in its gradient input and only routes it: its own gradient
    # gathers at the same argmax positions, and that gather's gradient routes again.
    mpg.vjp(lambda gg, dx, x, y, g, **a: (None, None, mpgg(x, y, gg, **a)))
    mpgg.vjp(lambda ggg, out, x, y, gg, **a: (None, None, mpg(x, y, ggg, **a)))
    ap.vjp(lambda g, y, x, **a: (apg(_shape_tensor(x), g, **a),))
    apg.vjp(lambda gg, dx, sizes, g, **a: (None, ap(gg, **a)))
    return mp, ap


_max_pool2d, _avg_pool2d = _register(("MaxPool", "MaxPoolGrad", "MaxPoolGradGrad", "AvgPool", "AvgPoolGrad"),
                                     (_MAXPOOL_TYPES, _AVGPOOL_TYPES), "__MklNativeAvgPool")
# The public functions enforce TF's dtype lists; the 3-D max-pool primitives also take
# float64 so that their gradients can be checked numerically.
_max_pool3d, _avg_pool3d = _register(("MaxPool3D", "MaxPool3DGrad", "MaxPool3DGradGrad", "AvgPool3D",
                                      "AvgPool3DGrad"), (_AVGPOOL_TYPES, _AVGPOOL_TYPES), None)
_PRIMS = {"MaxPool": _max_pool2d, "AvgPool": _avg_pool2d, "MaxPool3D": _max_pool3d, "AvgPool3D": _avg_pool3d}


# -- public API -------------------------------------------------------------------------------------
def _pool(op_type, input, ksize, strides, padding, data_format, explicit=None, spatial_from=0):
    """Validate TF's full-rank ksize/strides and run the pooling primitive.

    ``spatial_from`` drops the leading spatial entries that TF's 1-D wrappers add (the
    dummy height of a 1-D pool run as a 2-D one); the kernels are rank-generic.
    """
    x = as_tensor(input)
    allowed, paddings, formats, label = _OPS[op_type]
    opdef = _OPDEF[op_type]
    if padding not in paddings:
        raise sw.attr_error(op_type, op_type, "padding", f'"{padding}"', sw.quoted(paddings), opdef)
    if data_format not in formats:
        raise sw.attr_error(op_type, op_type, "data_format", f'"{data_format}"', sw.quoted(formats), opdef)
    if x.dtype not in allowed:
        raise sw.dtype_error(op_type, op_type, x.dtype, allowed, opdef)
    cl = data_format[-1] == "C"
    if any(k <= 0 for k in ksize):
        raise sw.invalid(op_type, "Sliding window ksize must be positive. The specified or inferred ksize is: "
                         + ",".join(str(k) for k in ksize), label)
    for s in strides:
        if s <= 0:
            raise sw.invalid(op_type, f"Stride must be > 0, but got {s}", label)
    kb, kc = sw.batch_and_channel_of(ksize, cl)
    sb, sc = sw.batch_and_channel_of(strides, cl)
    if kb != 1 or sb != 1:
        raise sw.op_error(UnimplementedError, op_type, "Pooling is not yet supported on the batch dimension.", label)
    if kc != 1 or sc != 1:
        raise sw.op_error(UnimplementedError, op_type, "MaxPooling supports exactly one of pooling across depth or "
                                                       "pooling across width/height.", label)
    pads = ()
    if padding == "EXPLICIT":
        pairs = [tuple(explicit[i:i + 2]) for i in range(0, len(explicit), 2)]
        if any(p < 0 for p in explicit):
            raise sw.invalid(op_type, "All elements of explicit_paddings must be nonnegative", label)
        pads = sw.spatial_of(pairs, cl)[spatial_from:]
    attrs = dict(ksize=sw.spatial_of(ksize, cl)[spatial_from:], strides=sw.spatial_of(strides, cl)[spatial_from:],
                 padding=padding, explicit_paddings=pads, data_format=data_format)
    rank = x.shape.rank
    nd = len(attrs["ksize"])
    if rank is not None and rank != nd + 2:
        raise sw.invalid(op_type, "Input must be 4 or 5-dimensional" if nd < 3 else "input must be 5-dimensional",
                         label)
    return _PRIMS[op_type](x, **attrs)


def _index(data_format, nd):
    return 1 if data_format is not None and data_format.startswith("NC") else nd + 1


def _string_padding(padding):
    if not isinstance(padding, str):
        raise TypeError(f"Expected string for argument 'padding' not {padding!r}.")
    return padding


def max_pool2d(input, ksize, strides, padding, data_format="NHWC", name=None):
    data_format = data_format or "NHWC"
    ci = _index(data_format, 2)
    ksize = sw.get_sequence(ksize, 2, ci, "ksize")
    strides = sw.get_sequence(strides, 2, ci, "strides")
    padding, explicit = sw.convert_padding(padding)
    return _pool("MaxPool", input, ksize, strides, padding, data_format, explicit)


def max_pool1d(input, ksize, strides, padding, data_format="NWC", name=None):
    data_format = data_format or "NWC"
    ci = 1 if data_format.startswith("NC") else 2
    ksize = [1] + sw.get_sequence(ksize, 1, ci, "ksize")
    strides = [1] + sw.get_sequence(strides, 1, ci, "strides")
    padding, explicit = sw.convert_padding(padding, 3)
    if padding == "EXPLICIT":
        explicit = [0, 0] + explicit
    fmt = "NHWC" if data_format == "NWC" else "NCHW"
    # TF pools a height-1 image; the rank-generic kernel pools the 1-D signal directly.
    return _pool("MaxPool", input, ksize, strides, padding, fmt, explicit, spatial_from=1)


def max_pool3d(input, ksize, strides, padding, data_format="NDHWC", name=None):
    data_format = data_format or "NDHWC"
    ci = _index(data_format, 3)
    return _pool("MaxPool3D", input, sw.get_sequence(ksize, 3, ci, "ksize"), sw.get_sequence(strides, 3, ci, "strides"),
                 _string_padding(padding), data_format)


def avg_pool2d(input, ksize, strides, padding, data_format="NHWC", name=None):
    data_format = data_format or "NHWC"
    ci = _index(data_format, 2)
    return _pool("AvgPool", input, sw.get_sequence(ksize, 2, ci, "ksize"), sw.get_sequence(strides, 2, ci, "strides"),
                 _string_padding(padding), data_format)


def avg_pool1d(input, ksize, strides, padding, data_format="NWC", name=None):
    data_format = data_format or "NWC"
    ci = 1 if data_format.startswith("NC") else 2
    ksize = [1] + sw.get_sequence(ksize, 1, ci, "ksize")
    strides = [1] + sw.get_sequence(strides, 1, ci, "strides")
    fmt = "NHWC" if data_format == "NWC" else "NCHW"
    return _pool("AvgPool", input, ksize, strides, _string_padding(padding), fmt, spatial_from=1)


def avg_pool3d(input, ksize, strides, padding, data_format="NDHWC", name=None):
    data_format = data_format or "NDHWC"
    ci = _index(data_format, 3)
    return _pool("AvgPool3D", input, sw.get_sequence(ksize, 3, ci, "ksize"), sw.get_sequence(strides, 3, ci, "strides"),
                 _string_padding(padding), data_format)


def _rank_of(input, data_format):
    x = as_tensor(input)
    if x.shape.rank is not None:
        n = x.shape.rank - 2
    elif data_format is not None:
        n = len(data_format) - 2
    else:
        raise ValueError("`input` must have a static shape or a data format must be given. "
                         f"Received: input.shape={x.shape} and data_format={data_format}")
    if not 1 <= n <= 3:
        raise ValueError(f"`input.shape.rank` must be 3, 4 or 5. Received: input.shape={x.shape} of rank {n + 2}.")
    return x, n


def max_pool(input, ksize, strides, padding, data_format=None, name=None):
    x, n = _rank_of(input, data_format)
    ci = n + 1 if data_format is None else (1 if data_format.startswith("NC") else n + 1)
    ksize = sw.get_sequence(ksize, n, ci, "ksize")
    strides = sw.get_sequence(strides, n, ci, "strides")
    if isinstance(padding, (list, tuple)) and n == 3:
        raise ValueError(f"Explicit padding is not supported with an input tensor of rank 5. Received: "
                         f"padding={padding}")
    fn = (max_pool1d, max_pool2d, max_pool3d)[n - 1]
    return fn(x, ksize, strides, padding, data_format=data_format)


def avg_pool(input, ksize, strides, padding, data_format=None, name=None):
    x, n = _rank_of(input, data_format)
    ci = n + 1 if data_format is None else (1 if data_format.startswith("NC") else n + 1)
    ksize = sw.get_sequence(ksize, n, ci, "ksize")
    strides = sw.get_sequence(strides, n, ci, "strides")
    fn = (avg_pool1d, avg_pool2d, avg_pool3d)[n - 1]
    return fn(x, ksize, strides, padding, data_format=data_format)
