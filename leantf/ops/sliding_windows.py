"""Window geometry shared by convolution and pooling: argument normalisation, output sizes,
padding, strided window views and the per-tap slices used to scatter gradients back.

Kernels here work channels-last on any number of spatial dimensions ``x[N, *spatial, C]``;
the primitives move NCHW data to that layout and back. Everything is vectorised over
positions: a "window view" is one ``as_strided`` view ``[N, *out, *k, C]`` of the padded
input (no copy), and the only Python loops run over kernel taps, never over pixels.
"""
import itertools

import numpy as np
from numpy.lib.stride_tricks import as_strided

from ..framework.errors import InvalidArgumentError, eager_message
from ..framework.primitive import ShapeError

_SIZED = (list, tuple)


# -- Python-side argument normalisation (TF's nn_ops helpers) ------------------------------------
def get_sequence(value, n, channel_index, name):
    """TF's expansion of strides/ksize/dilations to a full-rank list (batch and channel dims = 1)."""
    if value is None:
        return [1] * (n + 2)
    if isinstance(value, list):
        pass
    elif isinstance(value, tuple):
        value = list(value)
    elif isinstance(value, int):
        value = [value]
    elif not hasattr(value, "__len__"):
        value = [value]
    else:
        value = list(value)
    value = [int(v) for v in value]
    if len(value) == n + 2:
        return value
    if len(value) == 1:
        value = value * n
    elif len(value) != n:
        raise ValueError(f"{name} should be of length 1, {n} or {n + 2}. "
                         f"Received: {name}={value} of length {len(value)}")
    return [1, 1] + value if channel_index == 1 else [1] + value + [1]


def convert_padding(padding, expected_length=4):
    """TF's (padding, explicit_paddings) from a padding string or a list of [before, after] pairs."""
    explicit = []
    if padding == "EXPLICIT":
        raise ValueError("'EXPLICIT' is not a valid value for `padding`. To use explicit padding, "
                         "`padding` must be a list.")
    if isinstance(padding, _SIZED):
        for i, pair in enumerate(padding):
            if not isinstance(pair, _SIZED):
                raise ValueError("When `padding` is a list, each element of `padding` must be a list/tuple "
                                 f"of size 2. Received: padding={padding} with element at index {i} of type "
                                 f"{type(pair)}")
            if len(pair) != 2:
                raise ValueError("When `padding` is a list, each element of `padding` must be a list/tuple "
                                 f"of size 2. Received: padding={padding} with element at index {i} of size "
                                 f"{len(pair)}")
            explicit.extend(int(p) for p in pair)
        if len(padding) != expected_length:
            raise ValueError(f"When padding is a list, it must be of size {expected_length}. "
                             f"Received: padding={padding} of size {len(padding)}")
        padding = "EXPLICIT"
    return padding, explicit


def spatial_of(full, channels_last):
    """The spatial entries of a full-rank strides/ksize/dilations/paddings list."""
    return tuple(full[1:-1]) if channels_last else tuple(full[2:])


def batch_and_channel_of(full, channels_last):
    return (full[0], full[-1]) if channels_last else (full[0], full[1])


def op_error(cls, op_type, detail, kernel=None, name=""):
    """An eager kernel error with TF's text, for checks done before the primitive runs."""
    return cls(None, None, eager_message(op_type, detail, kernel, name))


def check_positive(values, what="Stride"):
    for v in values:
        if v <= 0:
            raise ShapeError(f"{what} must be > 0, but got {v}")


# -- geometry ----------------------------------------------------------------------------------
def _trunc_div(a, b):
    # C++ integer division (TF's shape code) truncates toward zero.
    return a // b if a >= 0 else -((-a) // b)


def output_size(n, k, s, d, padding, pads=(0, 0)):
    """``(out, pad_before, pad_after)`` for one spatial dim; None where ``n`` is unknown."""
    keff = (k - 1) * d + 1
    if padding == "SAME":
        if n is None:
            return None, None, None
        out = -(-n // s)
        total = max((out - 1) * s + keff - n, 0)
        return out, total // 2, total - total // 2
    before, after = (0, 0) if padding == "VALID" else pads
    if n is None:
        return None, before, after
    out = _trunc_div(n + before + after - keff + s, s)
    if out < 0:
        raise ShapeError(f"Computed output size would be negative: {out} [input_size: {n}, "
                         f"effective_filter_size: {keff}, stride: {s}]")
    return out, before, after


def geometry(spatial, ksize, strides, dilations, padding, explicit):
    """Output sizes and (before, after) pads for every spatial dim."""
    outs, pads = [], []
    for i, n in enumerate(spatial):
        pair = explicit[i] if explicit else (0, 0)
        out, b, a = output_size(n, ksize[i], strides[i], dilations[i], padding, pair)
        outs.append(out)
        pads.append((b, a))
    return outs, pads


def pad(x, pads, fill=0):
    """``x[N, *spatial, C]`` padded on the spatial dims (one copy; none when no padding)."""
    if not any(b or a for b, a in pads):
        return x
    shape = (x.shape[0],) + tuple(n + b + a for n, (b, a) in zip(x.shape[1:-1], pads)) + (x.shape[-1],)
    out = np.full(shape, fill, dtype=x.dtype) if fill else np.zeros(shape, dtype=x.dtype)
    out[(slice(None),) + tuple(slice(b, b + n) for n, (b, _) in zip(x.shape[1:-1], pads))] = x
    return out


def windows(xp, outs, ksize, strides, dilations):
    """The strided view ``[N, *out, *k, C]`` of the padded input: window positions, then taps."""
    st = xp.strides
    sp = st[1:-1]
    shape = (xp.shape[0],) + tuple(outs) + tuple(ksize) + (xp.shape[-1],)
    strides_ = ((st[0],) + tuple(a * s for a, s in zip(sp, strides))
                + tuple(a * d for a, d in zip(sp, dilations)) + (st[-1],))
    return as_strided(xp, shape, strides_, writeable=False)


def tap_slices(ksize, strides, dilations, outs):
    """For every kernel tap: its index tuple and the spatial slices of the padded input it reads."""
    taps = []
    for tap in itertools.product(*(range(k) for k in ksize)):
        sl = tuple(slice(t * d, t * d + s * (o - 1) + 1, s) if o > 0 else slice(0, 0)
                   for t, d, s, o in zip(tap, dilations, strides, outs))
        taps.append((tap, sl))
    return taps


def crop(xp, pads, spatial):
    """Undo ``pad``: the interior of ``xp[N, *spatial_padded, C]``."""
    if not any(b or a for b, a in pads):
        return xp
    return xp[(slice(None),) + tuple(slice(b, b + n) for n, (b, _) in zip(spatial, pads))]


# -- layouts ---------------------------------------------------------------------------------
def to_channels_last(x, channels_last):
    return x if channels_last else np.moveaxis(x, 1, -1)


def from_channels_last(x, channels_last):
    return x if channels_last else np.moveaxis(x, -1, 1)


def shape_to_channels_last(shape, channels_last):
    shape = tuple(shape)
    return shape if channels_last else (shape[0],) + shape[2:] + (shape[1],)


def shape_from_channels_last(shape, channels_last):
    shape = tuple(shape)
    return shape if channels_last else (shape[0], shape[-1]) + shape[1:-1]


def compute_dtype(dtype):
    """NumPy has no BLAS for half types: accumulate float16/bfloat16 in float32, as TF's CPU kernels do."""
    return np.float32 if dtype.itemsize == 2 and dtype.kind == "f" or dtype.name == "bfloat16" else dtype


def invalid(op_type, detail, kernel=None, name=""):
    return op_error(InvalidArgumentError, op_type, detail, kernel, name)


def attr_error(op_type, node, attr, value, allowed, opdef):
    """TF's "Value for attr ... is not in the list of allowed values" error (raised at op creation)."""
    return InvalidArgumentError(None, None, f"Value for attr '{attr}' of {value} is not in the list of allowed "
                                            f"values: {allowed}\n\t; NodeDef: {{{{node {node}}}}}; {opdef} "
                                            f"[Op:{op_type}] name: ")


def dtype_error(op_type, node, dtype, allowed_dtypes, opdef):
    from ..framework.primitive import tf_type_name
    return attr_error(op_type, node, "T", tf_type_name(dtype), ", ".join(tf_type_name(d) for d in allowed_dtypes),
                      opdef)


def quoted(values):
    return ", ".join(f'"{v}"' for v in values)


def masked(g, mask):
    """``g`` where ``mask``, +0 elsewhere (TF's select) -- branch-free when ``g`` is finite.

    ``np.where`` branches per element and runs 10-40x slower on the random masks of
    ReLU/max-pool gradients; multiplying by the boolean mask is exact unless ``g`` holds
    inf/nan (0 * inf = nan), which the cheap check sends to ``np.where``.
    """
    out = g * mask
    if out.dtype.kind == "f" and not np.isfinite(g).all():
        return np.where(mask, g, g.dtype.type(0))
    return out
