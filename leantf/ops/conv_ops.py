"""Convolutions: conv1d/2d/3d, depthwise, transposed, and the generic tf.nn.convolution.

Speed model (see DESIGN "Performance model"): a convolution is ONE large GEMM. The padded
input is viewed as windows ``[N, *out, *k, C]`` through ``as_strided`` (no copy), one reshape
copies it into the im2col matrix ``[N*out, k*C]``, and a single matmul with the filter
``[k*C, O]`` gives the output. The filter gradient is the transposed GEMM on the same
matrix. The input gradient is one batched GEMM that yields every tap's contribution
``[taps, *out, N, C]`` — laid out so that each tap is one contiguous block — followed by a
scatter-add loop over the kernel taps (25 for 5x5; never over pixels) into a
``[*spatial, N, C]`` buffer whose runs are long and contiguous.

Primitives follow TF: ``Conv2D(input, filter)``, ``Conv2DBackpropInput(input_sizes, filter,
out_backprop)`` and ``Conv2DBackpropFilter(input, filter_sizes, out_backprop)``. The two
backprops are linear in their tensor inputs, so each one's gradient is again a
conv/backprop primitive: gradients of any order stay in this family. The same
rank-generic kernels serve 1-D (TF runs conv1d as a Conv2D too), 2-D and 3-D.
"""
import math

import numpy as np

from ..backend.blas import matmul  # np.matmul with BLAS threads chosen by size (backend/blas.py)
from ..framework import dtypes
from ..framework.errors import InvalidArgumentError, UnimplementedError
from ..framework.tape import needed_inputs
from ..framework.primitive import ShapeError, primitive
from ..framework.tensor import EagerTensor, convert_to_tensor
from ..framework.tensor_shape import TensorShape
from . import sliding_windows as sw
from .core import as_tensor, is_tensor_like, same_dtype_inputs
from .shape_rules import dims_text

__all__ = ["conv1d", "conv2d", "conv3d", "convolution", "depthwise_conv2d", "conv2d_transpose",
           "conv1d_transpose", "conv3d_transpose", "conv_transpose", "separable_conv2d", "atrous_conv2d",
           "depthwise_conv2d_backprop_input", "depthwise_conv2d_backprop_filter",
           # pooling lives in pool_ops.py; re-exported so that tf.nn picks it up from here
           "max_pool", "max_pool1d", "max_pool2d", "max_pool3d", "avg_pool", "avg_pool1d", "avg_pool2d",
           "avg_pool3d"]

_CONV_TYPES = (dtypes.float16, dtypes.bfloat16, dtypes.float32, dtypes.float64, dtypes.int32)
_DEPTHWISE_TYPES = (dtypes.float16, dtypes.bfloat16, dtypes.float32, dtypes.float64)
_MKL_TYPES = (dtypes.float32, dtypes.bfloat16, dtypes.float16)
_CONV_SIG = "input:T, filter:T -> output:T"


# -- shape checks shared by kernels (raw shapes) and spec rules (dims may be None) --------------
def _check_conv(xs, ws, nd, depthwise=False):
    """Rank and depth checks with TF's texts; returns the number of groups (None if unknown)."""
    if len(ws) != nd + 2:
        raise ShapeError(f"filter must be {max(nd, 2) + 2}-dimensional: {dims_text(list(ws))}")
    if len(xs) != nd + 2:
        raise ShapeError(f"input must be {max(nd, 2) + 2}-dimensional{dims_text(list(xs))}")
    c, cg = xs[-1], ws[-2]
    if c is None or cg is None:
        return None
    if nd == 3 and c != cg:  # TF's Conv3D has no grouped form
        raise ShapeError(f"input and filter must have the same depth: {c} vs {cg}")
    if depthwise:
        if c != cg:
            raise ShapeError(f"input depth must be evenly divisible by filter depth: {c} vs {cg}")
        return c
    if cg == 0 or c % cg:
        raise ShapeError(f"input depth must be evenly divisible by filter depth: {c} vs {cg}")
    groups = c // cg
    if ws[-1] is not None and ws[-1] % groups:
        raise ShapeError(f"output depth must be evenly divisible by number of groups: {ws[-1]} vs {groups}")
    return groups


def _spatial_out(xs, ksize, strides, dilations, padding, explicit):
    sw.check_positive(strides)
    sw.check_positive(dilations, "Dilated rates")
    outs, pads = sw.geometry(xs[1:-1], ksize, strides, dilations, padding, explicit)
    return outs, pads


def _cl(data_format):
    return data_format[-1] == "C"


# -- kernels --------------------------------------------------------------------------------
def _im2col(x, ksize, strides, dilations, padding, explicit, groups):
    """The im2col matrix ``[groups, P, k*Cg]`` (one copy) and the output spatial sizes."""
    outs, pads = _spatial_out(x.shape, ksize, strides, dilations, padding, explicit)
    xp = sw.pad(x, pads)
    view = sw.windows(xp, outs, ksize, strides, dilations)
    n_pos = x.shape[0] * math.prod(outs)
    cg = x.shape[-1] // groups
    k = math.prod(ksize) * cg
    if groups == 1:
        return view.reshape(1, n_pos, k), outs
    view = view.reshape(view.shape[:-1] + (groups, cg))       # still a view: splits the channel axis
    return np.moveaxis(view, -2, 0).reshape(groups, n_pos, k), outs


def _grouped_filter(w, groups):
    """Filter ``[*k, Cg, O]`` as ``[groups, k*Cg, O/groups]``."""
    og = w.shape[-1] // groups
    return np.moveaxis(w.reshape(-1, groups, og), 1, 0)


def _conv_kernel(x, w, strides, dilations, padding, explicit_paddings, data_format):
    cl = _cl(data_format)
    x = sw.to_channels_last(x, cl)
    nd = x.ndim - 2
    groups = _check_conv(x.shape, w.shape, nd)
    dt = x.dtype
    ct = sw.compute_dtype(dt)
    cols, outs = _im2col(x, w.shape[:nd], strides, dilations, padding, explicit_paddings, groups)
    if ct is not dt:
        cols, w = cols.astype(ct), w.astype(ct)
    if groups == 1:
        y = matmul(cols[0], w.reshape(-1, w.shape[-1]))
    else:
        y = np.moveaxis(matmul(cols, _grouped_filter(w, groups)), 0, 1)
    y = y.reshape((x.shape[0],) + tuple(outs) + (w.shape[-1],))
    return sw.from_channels_last(y.astype(dt, copy=False), cl)


def _backprop_filter_kernel(x, filter_sizes, g, strides, dilations, padding, explicit_paddings,
                            data_format):
    cl = _cl(data_format)
    x, g = sw.to_channels_last(x, cl), sw.to_channels_last(g, cl)
    fs = tuple(int(d) for d in filter_sizes)
    nd = x.ndim - 2
    groups = _check_conv(x.shape, fs, nd)
    dt = x.dtype
    ct = sw.compute_dtype(dt)
    cols, outs = _im2col(x, fs[:nd], strides, dilations, padding, explicit_paddings, groups)
    _check_backprop_shape("Conv2DCustomBackpropFilter", g.shape, x.shape, fs[:nd], fs[-1], outs, strides,
                          dilations)
    gm = g.reshape(-1, groups, fs[-1] // groups)
    if ct is not dt:
        cols, gm = cols.astype(ct), gm.astype(ct)
    if groups == 1:
        dw = matmul(cols[0].T, gm[:, 0])                          # [k*C, O]: the transposed GEMM
    else:
        dw = matmul(cols.transpose(0, 2, 1), gm.transpose(1, 0, 2))      # [G, k*Cg, Og]
        dw = np.moveaxis(dw, 0, 1)
    return dw.reshape(fs).astype(dt, copy=False)


def _backprop_input_kernel(input_sizes, w, g, strides, dilations, padding, explicit_paddings,
                           data_format):
    cl = _cl(data_format)
    xs = sw.shape_to_channels_last(tuple(int(d) for d in input_sizes), cl)
    g = sw.to_channels_last(g, cl)
    nd = len(xs) - 2
    groups = _check_conv(xs, w.shape, nd)
    ksize = w.shape[:nd]
    outs, pads = _spatial_out(xs, ksize, strides, dilations, padding, explicit_paddings)
    _check_backprop_shape("Conv2DCustomBackpropInput", g.shape, xs, ksize, w.shape[-1], outs, strides,
                          dilations)
    dt = g.dtype
    ct = sw.compute_dtype(dt)
    n, c = xs[0], xs[-1]
    cg, o = w.shape[-2], w.shape[-1]
    taps = math.prod(ksize)
    # Every tap's contribution [taps, *out, N, C] from one batched GEMM: positions ordered
    # (*out, N) with channels innermost, so each tap adds into a [*spatial, N, C] buffer in
    # runs of out_w*N*C contiguous elements (a single [P, taps*C] GEMM would leave runs of
    # C, and a tap-major [taps*C, P] one runs of out_w*N: 3-4x slower scatter-adds).
    gm = np.moveaxis(g, 0, -2).reshape(-1, o).astype(ct, copy=False)
    wt = w.reshape(taps, cg, o).astype(ct, copy=False)
    if groups == 1:
        cols = matmul(gm, wt.transpose(0, 2, 1))                               # [taps, P, C]
    else:
        og = o // groups
        gg = gm.reshape(-1, groups, og).transpose(1, 0, 2)[:, None]            # [G, 1, P, Og]
        wg = wt.reshape(taps, cg, groups, og).transpose(2, 0, 3, 1)            # [G, taps, Og, Cg]
        cols = np.moveaxis(matmul(gg, wg), 0, -2).reshape(taps, -1, c)        # [taps, P, C]
    cols = cols.reshape((taps,) + tuple(outs) + (n, c))
    padded = tuple(s + b + a for s, (b, a) in zip(xs[1:-1], pads))
    dxp = np.zeros(padded + (n, c), dtype=ct)
    for t, (_, sl) in enumerate(sw.tap_slices(ksize, strides, dilations, outs)):
        dxp[sl] += cols[t]
    inner = tuple(slice(b, b + s) for s, (b, _) in zip(xs[1:-1], pads))
    dx = np.moveaxis(dxp[inner], -2, 0)                                         # [N, *S, C]
    if not cl:
        dx = np.moveaxis(dx, -1, 1)
    return np.ascontiguousarray(dx, dtype=dt)


def _check_backprop_shape(label, gs, xs, ksize, o, outs, strides, dilations):
    """TF's out_backprop checks (conv_grad_shape_utils), channels-last shapes."""
    if len(gs) != len(xs):
        raise ShapeError(f"{label}: out_backprop must be {len(xs)}-dimensional")
    if gs[0] != xs[0]:
        raise ShapeError(f"{label}: input and out_backprop must have the same batch size. Input batch: "
                         f"{xs[0]}, outbackprop batch: {gs[0]}, batch_dim: 0")
    for i, (actual, computed) in enumerate(zip(gs[1:-1], outs)):
        if actual != computed:
            raise ShapeError(f"{label}: Size of out_backprop doesn't match computed: actual = {actual}, "
                             f"computed = {computed} spatial_dim: {i + 1} input: {xs[i + 1]} filter: "
                             f"{ksize[i]} output: {actual} stride: {strides[i]} dilation: {dilations[i]}")
    if gs[-1] != o:
        raise ShapeError(f"{label}: filter and out_backprop must have the same out_depth")


# -- depthwise kernels: one window view, a loop over taps, no loop over positions ----------------
def _depthwise_kernel(x, w, strides, dilations, padding, explicit_paddings, data_format):
    cl = _cl(data_format)
    x = sw.to_channels_last(x, cl)
    nd = x.ndim - 2
    _check_conv(x.shape, w.shape, nd, depthwise=True)
    ksize = w.shape[:nd]
    dt = x.dtype
    ct = sw.compute_dtype(dt)
    outs, pads = _spatial_out(x.shape, ksize, strides, dilations, padding, explicit_paddings)
    xp = sw.pad(x, pads).astype(ct, copy=False)
    w = w.astype(ct, copy=False)
    c, m = w.shape[-2], w.shape[-1]
    y = np.zeros((x.shape[0],) + tuple(outs) + (c, m), dtype=ct)
    for tap, sl in sw.tap_slices(ksize, strides, dilations, outs):
        y += xp[(slice(None),) + sl][..., None] * w[tap]
    return sw.from_channels_last(y.reshape(y.shape[:-2] + (c * m,)).astype(dt, copy=False), cl)


def _depthwise_backprop_input_kernel(input_sizes, w, g, strides, dilations, padding, explicit_paddings,
                                     data_format):
    cl = _cl(data_format)
    xs = sw.shape_to_channels_last(tuple(int(d) for d in input_sizes), cl)
    g = sw.to_channels_last(g, cl)
    nd = len(xs) - 2
    _check_conv(xs, w.shape, nd, depthwise=True)
    ksize = w.shape[:nd]
    dt = g.dtype
    ct = sw.compute_dtype(dt)
    outs, pads = _spatial_out(xs, ksize, strides, dilations, padding, explicit_paddings)
    c, m = w.shape[-2], w.shape[-1]
    _check_backprop_shape("DepthwiseConv2dNativeBackpropInput", g.shape, xs, ksize, c * m, outs, strides,
                          dilations)
    g5 = g.reshape(g.shape[:-1] + (c, m)).astype(ct, copy=False)
    w = w.astype(ct, copy=False)
    padded = (xs[0],) + tuple(s + b + a for s, (b, a) in zip(xs[1:-1], pads)) + (c,)
    dxp = np.zeros(padded, dtype=ct)
    for tap, sl in sw.tap_slices(ksize, strides, dilations, outs):
        dxp[(slice(None),) + sl] += (g5 * w[tap]).sum(-1) if m > 1 else g5[..., 0] * w[tap][:, 0]
    dx = sw.crop(dxp, pads, xs[1:-1])
    return np.ascontiguousarray(sw.from_channels_last(dx, cl), dtype=dt)


def _depthwise_backprop_filter_kernel(x, filter_sizes, g, strides, dilations, padding, explicit_paddings,
                                      data_format):
    cl = _cl(data_format)
    x, g = sw.to_channels_last(x, cl), sw.to_channels_last(g, cl)
    fs = tuple(int(d) for d in filter_sizes)
    nd = x.ndim - 2
    _check_conv(x.shape, fs, nd, depthwise=True)
    ksize = fs[:nd]
    dt = x.dtype
    ct = sw.compute_dtype(dt)
    outs, pads = _spatial_out(x.shape, ksize, strides, dilations, padding, explicit_paddings)
    c, m = fs[-2], fs[-1]
    _check_backprop_shape("DepthwiseConv2dNativeBackpropFilter", g.shape, x.shape, ksize, c * m, outs, strides,
                          dilations)
    xp = sw.pad(x, pads).astype(ct, copy=False)
    g3 = g.reshape(-1, c, m).astype(ct, copy=False)                           # [P, C, M]
    dw = np.empty(fs, dtype=ct)
    for tap, sl in sw.tap_slices(ksize, strides, dilations, outs):
        xt = xp[(slice(None),) + sl].reshape(-1, c, 1)                        # [P, C, 1]
        dw[tap] = np.einsum("pcm,pcm->cm", np.broadcast_to(xt, g3.shape), g3)
    return dw.astype(dt, copy=False)


# -- primitive families -----------------------------------------------------------------------
def _conv_spec(x, w, strides, dilations, padding, explicit_paddings, data_format, depthwise=False):
    cl = _cl(data_format)
    xs, ws = x.shape, w.shape
    nd = len(strides)
    if xs.rank is None or ws.rank is None:
        return TensorShape([None] * (nd + 2) if xs.rank is None else [None] * xs.rank), x.dtype
    xd = list(sw.shape_to_channels_last(xs.as_list(), cl))
    wd = ws.as_list()
    _check_conv(xd, wd, nd, depthwise)
    outs, _ = _spatial_out(xd, [1 if k is None else k for k in wd[:nd]], strides, dilations, padding,
                           explicit_paddings) if None not in wd[:nd] else ([None] * nd, None)
    if depthwise:
        o = None if wd[-2] is None or wd[-1] is None else wd[-2] * wd[-1]
    else:
        o = wd[-1]
    return TensorShape(list(sw.shape_from_channels_last([xd[0]] + list(outs) + [o], cl))), x.dtype


def _sizes_spec(sizes, nd):
    """Shape of a backprop output from its size tensor (known only when that tensor is eager)."""
    if isinstance(sizes, EagerTensor):
        return TensorShape([int(d) for d in np.asarray(sizes._value).reshape(-1)])
    n = sizes.shape[0] if sizes.shape.rank else None
    return TensorShape([None] * (n if n is not None else nd + 2))


def _shape_tensor(x):
    """``tf.shape(x)`` as an int32 tensor; a constant when the static shape is fully known."""
    dims = x.shape.as_list() if x.shape.rank is not None else None
    if dims is not None and None not in dims:
        return convert_to_tensor(np.array(dims, dtype=np.int32))
    from .basic_ops import shape
    return shape(x)


def _register_family(fwd_name, input_name, filter_name, label, depthwise=False, allowed=_CONV_TYPES):
    kernels = ((_depthwise_kernel, _depthwise_backprop_input_kernel, _depthwise_backprop_filter_kernel)
               if depthwise else (_conv_kernel, _backprop_input_kernel, _backprop_filter_kernel))
    fwd = primitive(fwd_name, allowed=allowed, signature=_CONV_SIG,
                    kernel_label=label and f"__Mkl{label}{fwd_name}")(kernels[0])
    bin_ = primitive(input_name, allowed=allowed, error_name=None,
                     signature="input_sizes:int32, filter:T, out_backprop:T -> output:T",
                     kernel_label=label and f"__Mkl{label}{input_name}")(kernels[1])
    bfil = primitive(filter_name, allowed=allowed, error_name=None,
                     signature="input:T, filter_sizes:int32, out_backprop:T -> output:T",
                     kernel_label=label and f"__Mkl{label}{filter_name}")(kernels[2])
    # Backprop-input's first input is the size vector: TF checks T on the filter.
    bin_.allowed = None

    @fwd.spec
    def _(x, w, **attrs):
        return _conv_spec(x, w, depthwise=depthwise, **attrs)

    @bin_.spec
    def _(sizes, w, g, **attrs):
        return _sizes_spec(sizes, len(attrs["strides"])), g.dtype

    @bfil.spec
    def _(x, sizes, g, **attrs):
        return _sizes_spec(sizes, len(attrs["strides"])), x.dtype

    @fwd.vjp
    def _(g, y, x, w, **attrs):
        # The image batch of a first layer needs no gradient: skip the col2im for it.
        need_x, need_w = needed_inputs(2)
        return (bin_(_shape_tensor(x), w, g, **attrs) if need_x else None,
                bfil(x, _shape_tensor(w), g, **attrs) if need_w else None)

    @bin_.vjp
    def _(gg, dx, sizes, w, g, **attrs):
        # dx = A(w)^T g is linear in w and g: <gg, dx> = <conv(gg, w), g>.
        return None, bfil(gg, _shape_tensor(w), g, **attrs), fwd(gg, w, **attrs)

    @bfil.vjp
    def _(gw, dw, x, sizes, g, **attrs):
        return bin_(_shape_tensor(x), gw, g, **attrs), None, fwd(x, gw, **attrs)

    return fwd, bin_, bfil


_conv2d, _conv2d_backprop_input, _conv2d_backprop_filter = _register_family(
    "Conv2D", "Conv2DBackpropInput", "Conv2DBackpropFilter", "Native")
_conv3d, _conv3d_backprop_input, _conv3d_backprop_filter = _register_family(
    "Conv3D", "Conv3DBackpropInputV2", "Conv3DBackpropFilterV2", "Native")
_depthwise, _depthwise_backprop_input, _depthwise_backprop_filter = _register_family(
    "DepthwiseConv2dNative", "DepthwiseConv2dNativeBackpropInput", "DepthwiseConv2dNativeBackpropFilter",
    "Native", depthwise=True, allowed=_DEPTHWISE_TYPES)


# -- op definitions as TF prints them in attr errors --------------------------------------------
_PAD3 = '"SAME", "VALID", "EXPLICIT"'
_OPDEF = {
    "Conv2D": ("Op<name=Conv2D; signature=input:T, filter:T -> output:T; attr=T:type,allowed=[DT_HALF, "
               "DT_BFLOAT16, DT_FLOAT, DT_DOUBLE, DT_INT32]; attr=strides:list(int); attr=use_cudnn_on_gpu:bool,"
               f"default=true; attr=padding:string,allowed=[{_PAD3}]; attr=explicit_paddings:list(int),default=[]; "
               'attr=data_format:string,default="NHWC",allowed=["NHWC", "NCHW"]; attr=dilations:list(int),'
               "default=[1, 1, 1, 1]>"),
    "_MklNativeConv2D": ("Op<name=_MklNativeConv2D; signature=input:T, filter:T -> output:T; attr=T:type,"
                         "allowed=[DT_BFLOAT16, DT_FLOAT, DT_HALF]; attr=strides:list(int); attr=use_cudnn_on_gpu:"
                         "bool,default=true; attr=is_filter_const:bool,default=false; attr=padding:string,"
                         f"allowed=[{_PAD3}]; attr=explicit_paddings:list(int),default=[]; attr=data_format:string,"
                         'default="NHWC",allowed=["NHWC", "NCHW"]; attr=dilations:list(int),default=[1, 1, 1, 1]>'),
    "Conv3D": ("Op<name=Conv3D; signature=input:T, filter:T -> output:T; attr=T:type,allowed=[DT_HALF, "
               "DT_BFLOAT16, DT_FLOAT, DT_DOUBLE]; attr=strides:list(int),min=5; attr=padding:string,allowed=["
               '"SAME", "VALID"]; attr=data_format:string,default="NDHWC",allowed=["NDHWC", "NCDHW"]; '
               "attr=dilations:list(int),default=[1, 1, 1, 1, 1]>"),
    "_MklNativeConv3D": ("Op<name=_MklNativeConv3D; signature=input:T, filter:T -> output:T; attr=T:type,"
                         "allowed=[DT_BFLOAT16, DT_FLOAT, DT_HALF]; attr=strides:list(int),min=5; "
                         'attr=is_filter_const:bool,default=false; attr=padding:string,allowed=["SAME", "VALID"]; '
                         'attr=data_format:string,default="NDHWC",allowed=["NDHWC", "NCDHW"]; '
                         "attr=dilations:list(int),default=[1, 1, 1, 1, 1]>"),
    "DepthwiseConv2dNative": ("Op<name=DepthwiseConv2dNative; signature=input:T, filter:T -> output:T; "
                              "attr=T:type,allowed=[DT_HALF, DT_BFLOAT16, DT_FLOAT, DT_DOUBLE]; attr=strides:"
                              f"list(int); attr=padding:string,allowed=[{_PAD3}]; attr=explicit_paddings:list(int),"
                              'default=[]; attr=data_format:string,default="NHWC",allowed=["NHWC", "NCHW"]; '
                              "attr=dilations:list(int),default=[1, 1, 1, 1]>"),
    "_MklNativeDepthwiseConv2dNative": (
        "Op<name=_MklNativeDepthwiseConv2dNative; signature=input:T, filter:T -> output:T; attr=T:type,"
        "allowed=[DT_HALF, DT_BFLOAT16, DT_FLOAT, DT_DOUBLE]; attr=strides:list(int); attr=is_filter_const:bool,"
        f"default=false; attr=padding:string,allowed=[{_PAD3}]; attr=data_format:string,default=\"NHWC\","
        'allowed=["NHWC", "NCHW"]; attr=explicit_paddings:list(int),default=[]; attr=dilations:list(int),'
        "default=[1, 1, 1, 1]>"),
}
# op type -> (allowed dtypes in TF's order, padding values, data formats, oneDNN node name, kernel label)
_OPS = {
    "Conv2D": (_CONV_TYPES, ("SAME", "VALID", "EXPLICIT"), ("NHWC", "NCHW"), "_MklNativeConv2D",
               "__MklNativeConv2D"),
    "Conv3D": ((dtypes.float16, dtypes.bfloat16, dtypes.float32, dtypes.float64), ("SAME", "VALID"),
               ("NDHWC", "NCDHW"), "_MklNativeConv3D", "__MklNativeConv3D"),
    "DepthwiseConv2dNative": (_DEPTHWISE_TYPES, ("SAME", "VALID", "EXPLICIT"), ("NHWC", "NCHW"),
                              "_MklNativeDepthwiseConv2dNative", "__MklNativeDepthwiseConv2dNative"),
}
_PRIMS = {"Conv2D": _conv2d, "Conv3D": _conv3d, "DepthwiseConv2dNative": _depthwise}
_BACKPROP_INPUT = {"Conv2D": _conv2d_backprop_input, "Conv3D": _conv3d_backprop_input,
                   "DepthwiseConv2dNative": _depthwise_backprop_input}
_BACKPROP_FILTER = {"Conv2D": _conv2d_backprop_filter, "Conv3D": _conv3d_backprop_filter,
                    "DepthwiseConv2dNative": _depthwise_backprop_filter}


def _node(op_type, dtype):
    mkl = _OPS[op_type][3]
    return mkl if dtype in _MKL_TYPES or op_type == "DepthwiseConv2dNative" else op_type


def _conv_inputs(input, filters, op_type):
    """Convert (input, filters) under TF's rules, with TF's text for a dtype clash."""
    if is_tensor_like(input) and is_tensor_like(filters) and input.dtype != filters.dtype:
        from ..framework.primitive import tf_type_name
        node = _node(op_type, input.dtype)
        raise InvalidArgumentError(None, None, f"cannot compute {node} as input #1(zero-based) was expected to be "
                                               f"a {tf_type_name(input.dtype)} tensor but is a "
                                               f"{tf_type_name(filters.dtype)} tensor [Op:{op_type}] name: ")
    if type(input) is EagerTensor and type(filters) is EagerTensor:
        return input, filters
    x, w = same_dtype_inputs([input, filters], op_type)
    return x, w


def _attrs(op_type, dtype, strides, dilations, padding, explicit, data_format):
    """Validate full-rank TF attributes; return the primitive's spatial attributes."""
    allowed, paddings, formats, mkl, label = _OPS[op_type]
    node = _node(op_type, dtype)
    opdef = _OPDEF.get(node, _OPDEF[op_type])
    if padding not in paddings:
        raise sw.attr_error(op_type, node, "padding", f'"{padding}"', sw.quoted(paddings), opdef)
    if data_format not in formats:
        raise sw.attr_error(op_type, node, "data_format", f'"{data_format}"', sw.quoted(formats), opdef)
    if dtype not in allowed:
        plain = _OPDEF[op_type]
        raise sw.dtype_error(op_type, op_type, dtype, allowed, plain)
    nd = len(data_format) - 2
    cl = data_format[-1] == "C"
    if len(strides) not in (nd + 2, nd + 3):
        raise sw.invalid(op_type, f"Sliding window strides field must specify {nd + 2} or {nd + 3} dimensions",
                         label)
    if len(dilations) != len(strides):
        raise sw.invalid(op_type, f"Dilation rates field must specify {len(strides)} dimensions", label)
    if len(strides) != nd + 2:
        raise sw.invalid(op_type, f"Sliding window strides field must specify {nd + 2} dimensions", label)
    if any(s != 1 for s in sw.batch_and_channel_of(strides, cl)):
        raise sw.op_error(UnimplementedError, op_type, "Current implementation does not yet support strides in "
                                                       "the batch and depth dimensions.", label)
    if any(d != 1 for d in sw.batch_and_channel_of(dilations, cl)):
        raise sw.invalid(op_type, "Current implementation does not yet support dilations in the batch and depth "
                                  "dimensions.", label)
    pads = ()
    if padding == "EXPLICIT":
        pairs = [tuple(explicit[i:i + 2]) for i in range(0, len(explicit), 2)]
        if len(pairs) != nd + 2:
            raise sw.invalid(op_type, f"explicit_paddings attribute must contain {2 * (nd + 2)} values, but "
                                      f"got: {len(explicit)}", label)
        if any(p < 0 for p in explicit):
            raise sw.invalid(op_type, "All elements of explicit_paddings must be nonnegative", label)
        pads = sw.spatial_of(pairs, cl)
    return dict(strides=sw.spatial_of(strides, cl), dilations=sw.spatial_of(dilations, cl), padding=padding,
                explicit_paddings=pads, data_format=data_format)


def _with_batch_dims(x, inner_rank, fn):
    """TF's squeeze_batch_dims: fold extra leading dims into the batch, run ``fn``, unfold."""
    from .basic_ops import reshape
    dims = x.shape.as_list()
    lead, inner = dims[:-inner_rank], dims[-inner_rank:]
    y = fn(reshape(x, [-1] + [(-1 if d is None else d) for d in inner]))
    out_inner = y.shape.as_list()[1:]
    return reshape(y, [(-1 if d is None else d) for d in lead] + out_inner)


def _channel_index(data_format, nd):
    return 1 if data_format is not None and data_format.startswith("NC") else nd + 1


def conv2d(input, filters, strides, padding, data_format="NHWC", dilations=None, name=None):
    x, w = _conv_inputs(input, filters, "Conv2D")
    padding, explicit = sw.convert_padding(padding)
    data_format = data_format or "NHWC"
    ci = _channel_index(data_format, 2)
    attrs = _attrs("Conv2D", x.dtype, sw.get_sequence(strides, 2, ci, "strides"),
                   sw.get_sequence(dilations, 2, ci, "dilations"), padding, explicit, data_format)
    if x.shape.rank is not None and x.shape.rank > 4:
        return _with_batch_dims(x, 3, lambda t: _conv2d(t, w, **attrs))
    return _conv2d(x, w, **attrs)


def _conv1d_format(data_format):
    if data_format is None or data_format in ("NHWC", "NWC"):
        return "NHWC", 2
    if data_format in ("NCHW", "NCW"):
        return "NCHW", 1
    raise ValueError(f"`data_format` must be 'NWC' or 'NCW'. Received: data_format={data_format}")


def _string_padding(padding, op):
    if not isinstance(padding, str):
        raise TypeError(f"Expected string for argument 'padding' not {padding!r}.")
    return padding


def conv1d(input, filters, stride, padding, data_format="NWC", dilations=None, name=None):
    """TF runs conv1d as a Conv2D over a height-1 image; the rank-generic kernel runs it as is."""
    x, w = _conv_inputs(input, filters, "Conv2D")
    fmt, ci = _conv1d_format(data_format)
    padding = _string_padding(padding, "conv2d")
    strides = [1] + sw.get_sequence(stride, 1, ci, "stride")
    dils = [1] + sw.get_sequence(dilations, 1, ci, "dilations")
    attrs = _attrs("Conv2D", x.dtype, strides, dils, padding, [], fmt)
    attrs["strides"], attrs["dilations"] = attrs["strides"][1:], attrs["dilations"][1:]
    if x.shape.rank is not None and x.shape.rank > 3:
        return _with_batch_dims(x, 2, lambda t: _conv2d(t, w, **attrs))
    return _conv2d(x, w, **attrs)


def _list_attr(value, name, op):
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"Expected list for '{name}' argument to '{op}' Op, not {value!r}.")
    return [int(v) for v in value]


def conv3d(input, filters, strides, padding, data_format="NDHWC", dilations=None, name=None):
    x, w = _conv_inputs(input, filters, "Conv3D")
    strides = _list_attr(strides, "strides", "conv3d")
    dilations = _list_attr([1] * 5 if dilations is None else dilations, "dilations", "conv3d")
    padding = _string_padding(padding, "conv3d")
    node = _node("Conv3D", x.dtype)
    for attr, v in (("strides", strides),):
        if len(v) < 5:
            raise InvalidArgumentError(None, None, f"Length for attr '{attr}' of {len(v)} must be at least minimum 5"
                                                   f"\n\t; NodeDef: {{{{node {node}}}}}; "
                                                   f"{_OPDEF.get(node, _OPDEF['Conv3D'])} [Op:Conv3D] name: ")
    attrs = _attrs("Conv3D", x.dtype, strides, dilations, padding, [], data_format or "NDHWC")
    return _conv3d(x, w, **attrs)


def convolution(input, filters, strides=None, padding="VALID", data_format=None, dilations=None, name=None):
    filters = filters if is_tensor_like(filters) else as_tensor(filters)
    input = input if is_tensor_like(input) else as_tensor(input)
    fr, xr = filters.shape.rank, input.shape.rank
    if fr:
        nd = fr - 2
    elif xr:
        nd = xr - 2
    else:
        raise ValueError("When `num_spatial_dims` is not set, one of `input.shape.rank` or `filters.shape.rank` "
                         f"must be known. Received: input.shape={input.shape} of rank {xr} and "
                         f"filters.shape={filters.shape} of rank {fr}")
    if nd not in (1, 2, 3):
        raise ValueError(f"`num_spatial_dims` must be 1, 2, or 3. Received: num_spatial_dims={nd}.")
    batch_dims = xr - nd - 1 if xr else 1
    channels_last = data_format is None or not data_format.startswith("NC")
    ci = batch_dims + nd if channels_last else batch_dims
    dil = sw.get_sequence(dilations, nd, ci, "dilations")
    st = sw.get_sequence(strides, nd, ci, "strides")
    sp_st, sp_dil = (st[1:-1], dil[1:-1]) if ci != 1 else (st[2:], dil[2:])
    if any(d != 1 for d in dil) and any(s != 1 for s in sp_st):
        raise ValueError("`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: "
                         f"strides={np.array(sp_st)} and dilation_rate={np.array(sp_dil)}")
    if nd == 1:
        return conv1d(input, filters, st, padding, data_format=data_format, dilations=dil)
    if nd == 2:
        return conv2d(input, filters, st, padding, data_format=data_format or "NHWC", dilations=dil)
    return conv3d(input, filters, st, padding, data_format=data_format or "NDHWC", dilations=dil)


def atrous_conv2d(value, filters, rate, padding, name=None):
    return convolution(value, filters, padding=padding, dilations=rate)


def depthwise_conv2d(input, filter, strides, padding, data_format=None, dilations=None, name=None):
    x, w = _conv_inputs(input, filter, "DepthwiseConv2dNative")
    strides = _list_attr(strides, "strides", "depthwise_conv2d_native")
    rate = [1, 1] if dilations is None else [int(d) for d in dilations]  # TF iterates it: an int is a TypeError
    if any(r > 1 for r in rate) and any(st != 1 for st in strides):
        import warnings
        warnings.warn("When dilation rate is greater than 1, then all values of strides must be 1. "
                      f"Received: `dilation rate` {list(dilations)} and `strides` {strides}")
    data_format = data_format or "NHWC"
    cl = data_format[-1] == "C"
    if len(rate) == 2:
        rate = [1] + rate + [1] if cl else [1, 1] + rate
    padding, explicit = sw.convert_padding(padding)
    attrs = _attrs("DepthwiseConv2dNative", x.dtype, strides, rate, padding, explicit, data_format)
    if any(r != 1 for r in attrs["dilations"]) and any(st != 1 for st in attrs["strides"]):
        return _depthwise_space_to_batch(x, w, attrs)
    return _depthwise(x, w, **attrs)


def _depthwise_space_to_batch(x, w, attrs):
    """TF's depthwise_conv2d runs a dilated filter through ``with_space_to_batch``: the
    padded input is split into rate_h*rate_w phase images, each convolved with the
    undilated filter (VALID, the given strides), and the results interleaved. With
    stride 1 that equals a dilated convolution (the primitive's own path); with
    strides > 1 (which TF documents as unsupported but runs) the sampled positions
    differ, so this composition reproduces TF's results."""
    from .array_ops import pad, transpose
    from .basic_ops import reshape
    cl = _cl(attrs["data_format"])
    if not cl:
        x = transpose(x, [0, 2, 3, 1])
    n, h, wd, c = x.shape.as_list()
    n = -1 if n is None else n
    (rh, rw), ksize = attrs["dilations"], w.shape.as_list()[:2]
    pads = []
    for size, k, r in ((h, ksize[0], rh), (wd, ksize[1], rw)):
        extra = (k - 1) * r if attrs["padding"] == "SAME" else 0
        start, end = extra // 2, extra - extra // 2
        round_up = (r - (size + start + end) % r) % r
        pads.append((start, end + round_up, round_up))
    xp = pad(x, [[0, 0], list(pads[0][:2]), list(pads[1][:2]), [0, 0]])
    hb, wb = (h + sum(pads[0][:2])) // rh, (wd + sum(pads[1][:2])) // rw
    phases = reshape(transpose(reshape(xp, (n, hb, rh, wb, rw, c)), [2, 4, 0, 1, 3, 5]), (-1, hb, wb, c))
    sub = _depthwise(phases, w, strides=attrs["strides"], dilations=(1, 1), padding="VALID", explicit_paddings=(),
                     data_format="NHWC")
    oh, ow, cm = sub.shape.as_list()[1:]
    out = reshape(transpose(reshape(sub, (rh, rw, n, oh, ow, cm)), [2, 3, 0, 4, 1, 5]), (n, oh * rh, ow * rw, cm))
    out = out[:, :oh * rh - pads[0][2], :ow * rw - pads[1][2], :]
    return out if cl else transpose(out, [0, 3, 1, 2])


def separable_conv2d(input, depthwise_filter, pointwise_filter, strides, padding, data_format=None,
                     dilations=None, name=None):
    depth = depthwise_conv2d(input, depthwise_filter, strides, padding, data_format=data_format,
                             dilations=dilations)
    return conv2d(depth, pointwise_filter, [1, 1, 1, 1], "VALID", data_format=data_format or "NHWC")


# -- transposed convolutions: the input-gradient primitive run forwards ----------------------------
def _sizes_tensor(output_shape):
    if is_tensor_like(output_shape):
        t = as_tensor(output_shape)
        return t if t.dtype is dtypes.int32 else _cast_int32(t)
    return convert_to_tensor(np.array([int(d) for d in output_shape], dtype=np.int32))


def _cast_int32(t):
    from .basic_ops import cast
    return cast(t, dtypes.int32)


def _full_sizes(sizes, x, w, data_format):
    """TF accepts spatial-only output shapes: batch from the input, depth from the filter."""
    if not isinstance(sizes, EagerTensor):
        return sizes
    dims = [int(d) for d in np.asarray(sizes._value).reshape(-1)]
    nd = w.shape.rank - 2
    if len(dims) == nd:
        n, c = x.shape[0], w.shape[-2]
        full = [n] + dims + [c] if data_format[-1] == "C" else [n, c] + dims
        return convert_to_tensor(np.array(full, dtype=np.int32))
    return sizes


def _transpose(op_type, input, filters, output_shape, strides, padding, data_format, dilations, nd,
               explicit_ok=True):
    x, w = _conv_inputs(input, filters, op_type)
    if explicit_ok:
        padding, explicit = sw.convert_padding(padding)
    else:
        padding, explicit = _string_padding(padding, op_type), []
    ci = _channel_index(data_format, nd)
    st = sw.get_sequence(strides, nd, ci, "strides" if nd > 1 else "stride")
    dil = sw.get_sequence(dilations, nd, ci, "dilations")
    if nd == 1:
        st, dil = [1] + st, [1] + dil
    fmt = {1: ("NCHW" if ci == 1 else "NHWC")}.get(nd, data_format)
    attrs = _attrs(op_type, x.dtype, st, dil, padding, explicit, fmt)
    if nd == 1:
        attrs["strides"], attrs["dilations"] = attrs["strides"][1:], attrs["dilations"][1:]
    sizes = _full_sizes(_sizes_tensor(output_shape), x, w, data_format)
    return _BACKPROP_INPUT[op_type](sizes, w, x, **attrs)


def conv2d_transpose(input, filters, output_shape, strides, padding="SAME", data_format="NHWC", dilations=None,
                     name=None):
    return _transpose("Conv2D", input, filters, output_shape, strides, padding, data_format or "NHWC", dilations, 2)


def conv1d_transpose(input, filters, output_shape, strides, padding="SAME", data_format="NWC", dilations=None,
                     name=None):
    fmt = data_format or "NWC"
    if fmt not in ("NWC", "NCW"):
        raise ValueError(f"`data_format` must be 'NWC' or 'NCW'. Received: data_format={data_format}")
    return _transpose("Conv2D", input, filters, output_shape, strides, padding, fmt, dilations, 1,
                      explicit_ok=False)


def conv3d_transpose(input, filters, output_shape, strides, padding="SAME", data_format="NDHWC", dilations=None,
                     name=None):
    return _transpose("Conv3D", input, filters, output_shape, strides, padding, data_format or "NDHWC", dilations,
                      3, explicit_ok=False)


def conv_transpose(input, filters, output_shape, strides, padding="SAME", data_format=None, dilations=None,
                   name=None):
    if is_tensor_like(output_shape):
        n = as_tensor(output_shape).shape[0] - 2
    elif hasattr(output_shape, "__len__"):
        n = len(output_shape) - 2
    else:
        raise ValueError(f"`output_shape` must be a tensor or sized collection. Received: output_shape={output_shape}")
    if not 1 <= n <= 3:
        raise ValueError(f"`output_shape` must be of length 3, 4 or 5. Received: output_shape={output_shape} of "
                         f"length {n + 2}.")
    fn = (conv1d_transpose, conv2d_transpose, conv3d_transpose)[n - 1]
    return fn(input, filters, output_shape, strides, padding=padding, data_format=data_format, dilations=dilations)


def _depthwise_backprop_attrs(dtype, strides, padding, data_format, dilations):
    padding, explicit = sw.convert_padding(padding)
    return _attrs("DepthwiseConv2dNative", dtype, list(strides), list(dilations or [1, 1, 1, 1]), padding, explicit,
                  data_format or "NHWC")


def depthwise_conv2d_backprop_input(input_sizes, filter, out_backprop, strides, padding, data_format="NHWC",
                                    dilations=(1, 1, 1, 1), name=None):
    w, g = _conv_inputs(filter, out_backprop, "DepthwiseConv2dNative")
    attrs = _depthwise_backprop_attrs(g.dtype, strides, padding, data_format, dilations)
    return _depthwise_backprop_input(_sizes_tensor(input_sizes), w, g, **attrs)


def depthwise_conv2d_backprop_filter(input, filter_sizes, out_backprop, strides, padding, data_format="NHWC",
                                     dilations=(1, 1, 1, 1), name=None):
    x, g = _conv_inputs(input, out_backprop, "DepthwiseConv2dNative")
    attrs = _depthwise_backprop_attrs(x.dtype, strides, padding, data_format, dilations)
    return _depthwise_backprop_filter(x, _sizes_tensor(filter_sizes), g, **attrs)


from .pool_ops import (avg_pool, avg_pool1d, avg_pool2d, avg_pool3d, max_pool, max_pool1d,  # noqa: E402
                       max_pool2d, max_pool3d)
