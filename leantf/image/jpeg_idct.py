"""The 8x8 inverse DCT and colour steps of libjpeg's decoder, vectorised over all blocks.

TF decodes with libjpeg-turbo. Its default ``dct_method`` ("") selects the "ifast" IDCT
(Arai-Agui-Nakajima with 8-bit constants and truncating shifts, the scale factors folded
into the dequantisation table); "INTEGER_ACCURATE" selects "islow" (a fixed-point LLM
factorisation with 13-bit constants and rounding). Chroma uses "fancy" triangle-filter
upsampling and colour uses fixed-point YCbCr -> RGB tables. Reproducing that integer
arithmetic (rather than a float IDCT) makes decoded pixels equal TF's, not off by a few.
"""
import numpy as np

__all__ = ["idct_islow", "idct_ifast", "upsample", "ycc_to_rgb"]

_CONST_BITS, _PASS1_BITS = 13, 2
# round(c * 2**13) for the rotation constants of the LLM IDCT
_F0298, _F0390, _F0541, _F0765 = 2446, 3196, 4433, 6270
_F0899, _F1175, _F1501, _F1847 = 7373, 9633, 12299, 15137
_F1961, _F2053, _F2562, _F3072 = 16069, 16819, 20995, 25172


def _idct_1d(v, axis, dc_bias):
    """One 1-D pass along ``axis`` of int64 data; returns the 8 un-shifted outputs (scaled by 2**13)."""
    x = [np.take(v, i, axis=axis) for i in range(8)]
    # even part
    z1 = (x[2] + x[6]) * _F0541
    t2 = z1 - x[6] * _F1847
    t3 = z1 + x[2] * _F0765
    dc = x[0] + dc_bias
    t0 = (dc + x[4]) << _CONST_BITS
    t1 = (dc - x[4]) << _CONST_BITS
    t10, t13, t11, t12 = t0 + t3, t0 - t3, t1 + t2, t1 - t2
    # odd part
    o0, o1, o2, o3 = x[7], x[5], x[3], x[1]
    z1, z2, z3, z4 = o0 + o3, o1 + o2, o0 + o2, o1 + o3
    z5 = (z3 + z4) * _F1175
    o0, o1, o2, o3 = o0 * _F0298, o1 * _F2053, o2 * _F3072, o3 * _F1501
    z1, z2 = z1 * -_F0899, z2 * -_F2562
    z3, z4 = z3 * -_F1961 + z5, z4 * -_F0390 + z5
    o0, o1, o2, o3 = o0 + z1 + z3, o1 + z2 + z4, o2 + z2 + z3, o3 + z1 + z4
    outs = [t10 + o3, t11 + o2, t12 + o1, t13 + o0, t13 - o0, t12 - o1, t11 - o2, t10 - o3]
    return np.stack(outs, axis=axis)


def idct_islow(coefs):
    """(N, 8, 8) dequantised coefficients (row = vertical frequency) -> (N, 8, 8) uint8 samples."""
    c = coefs.astype(np.int64)
    shift1 = _CONST_BITS - _PASS1_BITS
    cols = (_idct_1d(c, 1, 0) + (1 << (shift1 - 1))) >> shift1          # pass 1: down the columns
    # pass 2 along rows; the rounding for the final shift is folded into the DC term as libjpeg does
    shift2 = _CONST_BITS + _PASS1_BITS + 3
    rows = _idct_1d(cols, 2, 1 << (_PASS1_BITS + 2)) >> shift2
    return np.clip(rows + 128, 0, 255).astype(np.uint8)


# AAN scale factors 2**14 * a[row] * a[col], a[0] = 1, a[k] = sqrt(2) cos(k pi / 16)
_AAN = np.array([1.0] + [np.sqrt(2) * np.cos(k * np.pi / 16) for k in range(1, 8)])
_AAN_SCALES = np.round(16384 * np.outer(_AAN, _AAN)).astype(np.int64)


def _mul8(v, c):
    return (v * c) >> 8  # ifast's MULTIPLY: 8-bit constants, truncating


def _ifast_1d(v, axis):
    x = [np.take(v, i, axis=axis) for i in range(8)]
    t10, t11, t13 = x[0] + x[4], x[0] - x[4], x[2] + x[6]
    t12 = _mul8(x[2] - x[6], 362) - t13                     # 362 = 256 * sqrt(2)
    e0, e3, e1, e2 = t10 + t13, t10 - t13, t11 + t12, t11 - t12
    z13, z10, z11, z12 = x[5] + x[3], x[5] - x[3], x[1] + x[7], x[1] - x[7]
    t7 = z11 + z13
    t11 = _mul8(z11 - z13, 362)
    z5 = _mul8(z10 + z12, 473)                              # 256 * 2 cos(pi/8)
    t10 = _mul8(z12, 277) - z5                              # 256 * 2 (c2 - c6)
    t12 = _mul8(z10, -669) + z5                             # -256 * 2 (c2 + c6)
    t6 = t12 - t7
    t5 = t11 - t6
    t4 = t10 + t5
    outs = [e0 + t7, e1 + t6, e2 + t5, e3 - t4, e3 + t4, e2 - t5, e1 - t6, e0 - t7]
    return np.stack(outs, axis=axis)


def idct_ifast(coefs, quant):
    """(N, 8, 8) quantised coefficients and their (64,) natural-order table -> (N, 8, 8) uint8."""
    mult = (quant.reshape(8, 8).astype(np.int64) * _AAN_SCALES + 2048) >> 12
    rows = _ifast_1d(_ifast_1d(coefs.astype(np.int64) * mult, 1), 2)
    return np.clip((rows >> 5) + 128, 0, 255).astype(np.uint8)   # >> (PASS1_BITS + 3), no rounding


def _pad_edges(a, axis):
    first = np.take(a, [0], axis=axis)
    last = np.take(a, [a.shape[axis] - 1], axis=axis)
    return np.concatenate([first, a, last], axis=axis)


def _triangle_2x(a, axis, bias_lo, bias_hi, scale):
    """Double ``a`` along ``axis``: each output is 3/4 nearest + 1/4 next-nearest sample."""
    p = _pad_edges(a, axis)
    n = a.shape[axis]
    centre = np.take(p, range(1, n + 1), axis=axis) * 3
    before = np.take(p, range(0, n), axis=axis)
    after = np.take(p, range(2, n + 2), axis=axis)
    lo, hi = centre + before, centre + after
    if scale:
        lo, hi = (lo + bias_lo) >> scale, (hi + bias_hi) >> scale
    out = np.stack([lo, hi], axis=axis + 1)
    shape = list(a.shape)
    shape[axis] *= 2
    return out.reshape(shape)


def upsample(plane, h_factor, v_factor, fancy=True):
    """Stretch a (downsampled) chroma plane by integer factors, as libjpeg's upsamplers do."""
    p = plane.astype(np.int32)
    if fancy and h_factor == 2 and v_factor == 2:
        colsum = _triangle_2x(p, 0, 0, 0, 0)                 # 3*near + far rows, kept unscaled
        return _triangle_2x(colsum, 1, 8, 7, 4).astype(np.uint8)
    if fancy and h_factor == 2 and v_factor == 1:
        return _triangle_2x(p, 1, 1, 2, 2).astype(np.uint8)
    if fancy and h_factor == 1 and v_factor == 2:
        return _triangle_2x(p, 0, 1, 2, 2).astype(np.uint8)
    return np.repeat(np.repeat(plane, v_factor, axis=0), h_factor, axis=1)


_ONE_HALF = 1 << 15


def _fix(x):
    return int(x * 65536 + 0.5)


_X = np.arange(256, dtype=np.int64) - 128
_CR_R = (_fix(1.40200) * _X + _ONE_HALF) >> 16
_CB_B = (_fix(1.77200) * _X + _ONE_HALF) >> 16
_CR_G = -_fix(0.71414) * _X
_CB_G = -_fix(0.34414) * _X + _ONE_HALF


def ycc_to_rgb(y, cb, cr):
    """libjpeg's fixed-point JFIF YCbCr -> RGB on uint8 planes."""
    y = y.astype(np.int64)
    r = y + _CR_R[cr]
    g = y + ((_CB_G[cb] + _CR_G[cr]) >> 16)
    b = y + _CB_B[cb]
    return np.clip(np.stack([r, g, b], axis=-1), 0, 255).astype(np.uint8)
