"""Philox4x32-10 and TensorFlow's CPU random distributions, vectorised in NumPy.

TensorFlow draws every random number on the CPU from Philox4x32-10 (Salmon et al., "Parallel
random numbers: as easy as 1, 2, 3"): a 64-bit key and a 128-bit counter give four 32-bit
words; the next block uses counter + 1. The distributions turn those words into values
exactly as TF's kernels do, so that seeded programs print TF's numbers:

- uniform float32: 23 random mantissa bits under exponent 0 give [1, 2), minus 1;
  float64 takes 52 bits from two words; half and bfloat16 take 10 and 7 bits of one word.
- integers in [lo, hi): ``lo + word % (hi - lo)`` (two words per 64-bit value).
- normal: Box-Muller on pairs of uniforms. TF calls the C library's logf/sincosf in
  float32; :func:`_logf` and :func:`_sincosf` reproduce glibc's algorithms (the ones TF
  runs on Linux) for the arguments Box-Muller can produce, bit for bit. float64 calls the
  platform's libm through Python's ``math`` module, as TF does.
- truncated normal: rejection of |x| >= 2, each group of outputs reading its own
  region of the stream (256 blocks per output group), as TF's sharded kernel does.

Draws work on whole arrays of counters, never a Python loop per number. Only tiny draws (a
few blocks) take Python ints and floats instead: same arithmetic, without NumPy's per-call
overhead. The constants of glibc's float polynomials and tables below are numeric facts of
those libraries, needed to round exactly as TF's libm calls do.
"""
import math
import struct

import numpy as np

MASK32 = 0xFFFFFFFF
MASK64 = (1 << 64) - 1
MASK128 = (1 << 128) - 1

# Philox4x32 round multipliers and Weyl key increments (constants of the algorithm).
_MUL_A, _MUL_B = np.uint64(0xD2511F53), np.uint64(0xCD9E8D57)
_WEYL_A, _WEYL_B = 0x9E3779B9, 0xBB67AE85
_LO = np.uint64(MASK32)
_SHIFT = np.uint64(32)

# TF's kernels reserve 256 blocks per output element (and skip that much per group of a
# variable-sample distribution), so that shards of one op never share counters.
RESERVED_PER_OUTPUT = 256


def blocks(key, counter, offsets):
    """Philox4x32-10 output for counters ``counter + offsets``: a (len(offsets), 4) uint32 array.

    ``key`` is a 64-bit int (low word first), ``counter`` a 128-bit int, ``offsets`` a
    uint64 array (or a count n, meaning 0..n-1).
    """
    if not isinstance(offsets, np.ndarray):
        if offsets <= _SMALL:
            return _blocks_py(key, counter, range(offsets))
        offsets = np.arange(offsets, dtype=np.uint64)
    elif offsets.shape[0] <= _SMALL:
        return _blocks_py(key, counter, offsets.tolist())
    n = offsets.shape[0]
    out = np.empty((n, 4), np.uint32)
    base_lo = np.uint64(counter & MASK64)
    base_hi = np.uint64((counter >> 64) & MASK64)
    for start in range(0, n, _CHUNK):
        lo = offsets[start:start + _CHUNK] + base_lo   # wraps modulo 2**64 like the C++ counter
        hi = (lo < base_lo).astype(np.uint64) + base_hi
        c0, c1, c2, c3 = lo & _LO, lo >> _SHIFT, hi & _LO, hi >> _SHIFT
        _rounds(c0, c1, c2, c3, key & MASK32, (key >> 32) & MASK32)
        o = out[start:start + _CHUNK]
        o[:, 0], o[:, 1], o[:, 2], o[:, 3] = c0, c1, c2, c3
    return out


# Cache-sized chunks and in-place ufuncs: Philox is ~100 array ops, so memory traffic dominates.
_CHUNK = 16384


def _rounds(c0, c1, c2, c3, k0, k1):
    """Ten Philox rounds in place on uint64 arrays holding 32-bit words."""
    p0, p1 = np.empty_like(c0), np.empty_like(c0)
    for _ in range(10):
        # 32x32 -> 64-bit products fit uint64 exactly: their halves are the round's new words.
        np.multiply(c0, _MUL_A, out=p0)
        np.multiply(c2, _MUL_B, out=p1)
        np.right_shift(p1, _SHIFT, out=c0)
        c0 ^= c1
        c0 ^= np.uint64(k0)
        np.bitwise_and(p1, _LO, out=c1)
        np.right_shift(p0, _SHIFT, out=c2)
        c2 ^= c3
        c2 ^= np.uint64(k1)
        np.bitwise_and(p0, _LO, out=c3)
        k0 = (k0 + _WEYL_A) & MASK32
        k1 = (k1 + _WEYL_B) & MASK32


_SMALL = 4   # up to this many blocks, Python ints beat NumPy's per-call overhead


def _blocks_py(key, counter, offsets):
    out = []
    for off in offsets:
        c = (counter + off) & MASK128
        c0, c1, c2, c3 = c & MASK32, (c >> 32) & MASK32, (c >> 64) & MASK32, c >> 96
        k0, k1 = key & MASK32, (key >> 32) & MASK32
        for _ in range(10):
            p0 = 0xD2511F53 * c0
            p1 = 0xCD9E8D57 * c2
            c0, c1, c2, c3 = (p1 >> 32) ^ c1 ^ k0, p1 & MASK32, (p0 >> 32) ^ c3 ^ k1, p0 & MASK32
            k0 = (k0 + _WEYL_A) & MASK32
            k1 = (k1 + _WEYL_B) & MASK32
        out.append((c0, c1, c2, c3))
    return np.array(out, np.uint32).reshape(-1, 4)


def words(key, counter, n):
    """The first ``n`` 32-bit words of the stream starting at ``counter`` (a uint32 array)."""
    return blocks(key, counter, (n + 3) // 4).reshape(-1)[:n]


def key_counter_from_seed(seed0, seed1):
    """TF's scramble of a stateless seed pair into a Philox key and counter.

    One Philox call with a fixed key on the counter (seed0, seed1) gives the key (first two
    words) and the high half of the counter (last two words), so that nearby seeds give
    unrelated streams.
    """
    mix = blocks(0x02461E293EC8F720, (seed0 & MASK64) | ((seed1 & MASK64) << 64), 1)[0]
    key = int(mix[0]) | (int(mix[1]) << 32)
    counter = (int(mix[2]) | (int(mix[3]) << 32)) << 64
    return key, counter


# -- words -> uniform values ---------------------------------------------------------------
def _unit_f32(w):
    return ((w & np.uint32(0x7FFFFF)) | np.uint32(0x3F800000)).view(np.float32) - np.float32(1)


def _unit_f64(w_hi, w_lo):
    man = ((w_hi.astype(np.uint64) & np.uint64(0xFFFFF)) << _SHIFT) | w_lo.astype(np.uint64)
    return (man | np.uint64(1023 << 52)).view(np.float64) - 1.0


def _unit_f16(w):
    bits = (w.astype(np.uint16) & np.uint16(0x3FF)) | np.uint16(15 << 10)
    return bits.view(np.float16) - np.float16(1)


def _unit_bf16(w, bf16):
    bits = (w.astype(np.uint16) & np.uint16(0x7F)) | np.uint16(127 << 7)
    return (bits.view(bf16).astype(np.float32) - np.float32(1)).astype(bf16)  # exact in bf16


def uniform(key, counter, n, np_dtype):
    """n values in [0, 1) of a float dtype, TF's RandomUniform / StatelessRandomUniformV2."""
    if np_dtype == np.float64:
        w = blocks(key, counter, (n + 1) // 2).reshape(-1, 2)[:n]
        return _unit_f64(w[:, 0], w[:, 1])
    w = words(key, counter, n)
    if np_dtype == np.float32:
        return _unit_f32(w)
    if np_dtype == np.float16:
        return _unit_f16(w)
    return _unit_bf16(w, np_dtype)


def _bits64(key, counter, n):
    w = blocks(key, counter, (n + 1) // 2).reshape(-1, 2)[:n].astype(np.uint64)
    return w[:, 0] | (w[:, 1] << _SHIFT)


def uniform_int(key, counter, n, lo, hi, np_dtype):
    """n integers in [lo, hi): ``lo + bits % (hi - lo)``, with unsigned wrap-around like TF."""
    if np.dtype(np_dtype).itemsize == 8:
        rng = np.uint64((hi - lo) & MASK64)
        r = _bits64(key, counter, n) % rng
        return (r + np.uint64(lo & MASK64)).view(np.int64).astype(np_dtype)
    rng = np.uint32((hi - lo) & MASK32)
    r = words(key, counter, n) % rng
    return (r + np.uint32(lo & MASK32)).view(np.int32).astype(np_dtype)


def full_int(key, counter, n, np_dtype):
    """n integers covering the whole range of an integer dtype (one or two words each)."""
    if np.dtype(np_dtype).itemsize == 8:
        return _bits64(key, counter, n).view(np_dtype)
    return words(key, counter, n).view(np_dtype)


# -- glibc's float logf / sincosf --------------------------------------------------------------
# Box-Muller in float32 calls logf and sincosf; NumPy's float32 log/sin/cos round differently
# in about 1% of cases, so the algorithms of glibc (>= 2.28, from Arm's optimized-routines) are
# reproduced for the arguments that occur here: logf on [1e-7, 1) and sincosf on [0, 2*pi).
# Both evaluate in double and round once; checked against glibc for every possible argument.
_H = float.fromhex
# logf: x = 2**k * z, log(x) = k*ln2 + log(c) + log1p(z/c - 1) with c from a 16-entry table.
_LOGF_INVC = np.array([_H(s) for s in (
    "0x1.661ec79f8f3bep+0", "0x1.571ed4aaf883dp+0", "0x1.49539f0f010bp+0", "0x1.3c995b0b80385p+0",
    "0x1.30d190c8864a5p+0", "0x1.25e227b0b8eap+0", "0x1.1bb4a4a1a343fp+0", "0x1.12358f08ae5bap+0",
    "0x1.0953f419900a7p+0", "0x1p+0", "0x1.e608cfd9a47acp-1", "0x1.ca4b31f026aap-1",
    "0x1.b2036576afce6p-1", "0x1.9c2d163a1aa2dp-1", "0x1.886e6037841edp-1", "0x1.767dcf5534862p-1")])
_LOGF_LOGC = np.array([_H(s) for s in (
    "-0x1.57bf7808caadep-2", "-0x1.2bef0a7c06ddbp-2", "-0x1.01eae7f513a67p-2", "-0x1.b31d8a68224e9p-3",
    "-0x1.6574f0ac07758p-3", "-0x1.1aa2bc79c81p-3", "-0x1.a4e76ce8c0e5ep-4", "-0x1.1973c5a611cccp-4",
    "-0x1.252f438e10c1ep-5", "0x0p+0", "0x1.aa5aa5df25984p-5", "0x1.c5e53aa362eb4p-4",
    "0x1.526e57720db08p-3", "0x1.bc2860d22477p-3", "0x1.1058bc8a07ee1p-2", "0x1.4043057b6ee09p-2")])
_LOGF_A = [_H("-0x1.00ea348b88334p-2"), _H("0x1.5575b0be00b6ap-2"), _H("-0x1.ffffef20a4123p-2")]
_LN2 = _H("0x1.62e42fefa39efp-1")


def _logf(x):
    """glibc's logf for positive normal float32 ``x``."""
    ix = x.view(np.uint32)
    tmp = ix - np.uint32(0x3F330000)           # uint32 arithmetic of the C code (wraps)
    i = (tmp >> np.uint32(19)) & np.uint32(15)
    k = tmp.view(np.int32) >> np.int32(23)     # arithmetic shift
    z = (ix - (tmp & np.uint32(0xFF800000))).view(np.float32).astype(np.float64)
    r = z * _LOGF_INVC[i] - 1.0
    y0 = _LOGF_LOGC[i] + k * _LN2
    r2 = r * r
    y = _LOGF_A[1] * r + _LOGF_A[2]
    y = _LOGF_A[0] * r2 + y
    return (y * r2 + (y0 + r)).astype(np.float32)


# sincosf: reduce by multiples of pi/2 (one multiply-subtract below 120), then a degree-4
# cosine and degree-3 sine polynomial in double; odd quadrants swap sin and cos.
_HPI_INV = _H("0x1.45F306DC9C883p+23")   # 2/pi scaled by 2**24: the quadrant lands in bits 24+
_HPI = _H("0x1.921FB54442D18p0")
_COS_C = [1.0, _H("-0x1.ffffffd0c621cp-2"), _H("0x1.55553e1068f19p-5"), _H("-0x1.6c087e89a359dp-10"),
          _H("0x1.99343027bf8c3p-16")]
_SIN_S = [_H("-0x1.555545995a603p-3"), _H("0x1.1107605230bc4p-7"), _H("-0x1.994eb3774cf24p-13")]
_QUADRANT_SIGN = np.array([1.0, -1.0, -1.0, 1.0])


def _abstop12(x):
    return (x.view(np.uint32) >> 20) & 0x7FF


def _sincosf(y):
    """glibc's sincosf for float32 ``y`` in [0, 120).

    Below pi/4 glibc skips the reduction, which would give quadrant 0 and the same x anyway.
    The second coefficient table (quadrants 2, 3) negates the cosine and the quadrant sign
    flips the sine; both are exact sign changes, applied to the results here.
    """
    x = y.astype(np.float64)
    n = ((x * _HPI_INV).astype(np.int32) + 0x800000) >> 24
    x = x - n * _HPI
    x2 = x * x
    x3 = x2 * x
    x4 = x2 * x2
    sin_v = (x + x3 * _SIN_S[0]) + (x3 * x2) * (_SIN_S[1] + x2 * _SIN_S[2])
    cos_v = (_COS_C[0] + x2 * _COS_C[1] + x4 * _COS_C[2]) + (x4 * x2) * (_COS_C[3] + x2 * _COS_C[4])
    sin_v = (sin_v * _QUADRANT_SIGN[n & 3]).astype(np.float32)
    cos_v = (cos_v * _COS_SIGN[n & 3]).astype(np.float32)
    odd = (n & 1).astype(bool)
    sin_r, cos_r = np.where(odd, cos_v, sin_v), np.where(odd, sin_v, cos_v)
    tiny = _abstop12(y) < _TOP_TINY   # sin(y) = y, cos(y) = 1 below 2**-12
    if tiny.any():
        sin_r, cos_r = np.where(tiny, y, sin_r), np.where(tiny, np.float32(1), cos_r)
    return sin_r, cos_r


_COS_SIGN = np.array([1.0, 1.0, -1.0, -1.0])


_EPS_F32 = np.float32(1e-7)
_TWO_PI = 2 * math.pi


_F32 = struct.Struct("<f")
_U32 = struct.Struct("<I")
_EPS_PY = float(np.float32(1e-7))
_TOP_PIO4 = int(_abstop12(np.float32(_H("0x1.921FB54442D18p-1"))))
_TOP_TINY = int(_abstop12(np.float32(2.0 ** -12)))


def _f32(x):
    return _F32.unpack(_F32.pack(x))[0]


def _logf_py(x):
    """:func:`_logf` for one value, in Python floats (the same IEEE double steps)."""
    ix = _U32.unpack(_F32.pack(x))[0]
    tmp = (ix - 0x3F330000) & MASK32
    i = (tmp >> 19) & 15
    k = ((tmp ^ 0x80000000) - 0x80000000) >> 23
    z = _F32.unpack(_U32.pack((ix - (tmp & 0xFF800000)) & MASK32))[0]
    r = z * _LOGF_INVC_PY[i] - 1.0
    y0 = _LOGF_LOGC_PY[i] + k * _LN2
    r2 = r * r
    y = _LOGF_A[1] * r + _LOGF_A[2]
    y = _LOGF_A[0] * r2 + y
    return _f32(y * r2 + (y0 + r))


def _sincosf_py(y):
    """:func:`_sincosf` for one value in [0, 120), in Python floats."""
    top = (_U32.unpack(_F32.pack(y))[0] >> 20) & 0x7FF
    if top < _TOP_TINY:
        return y, 1.0
    x, n = y, 0
    if top >= _TOP_PIO4:
        n = (int(x * _HPI_INV) + 0x800000) >> 24
        x = x - n * _HPI
    neg = -1.0 if n & 2 else 1.0
    xs = x * _QUADRANT_SIGN_PY[n & 3]
    x2 = x * x
    x3 = x2 * xs
    x4 = x2 * x2
    c2 = _COS_C[3] * neg + x2 * (_COS_C[4] * neg)
    s1 = _SIN_S[1] + x2 * _SIN_S[2]
    c1 = _COS_C[0] * neg + x2 * (_COS_C[1] * neg)
    s = xs + x3 * _SIN_S[0]
    c = c1 + x4 * (_COS_C[2] * neg)
    sin_v, cos_v = _f32(s + (x3 * x2) * s1), _f32(c + (x4 * x2) * c2)
    return (cos_v, sin_v) if n & 1 else (sin_v, cos_v)


_LOGF_INVC_PY, _LOGF_LOGC_PY = _LOGF_INVC.tolist(), _LOGF_LOGC.tolist()
_QUADRANT_SIGN_PY = _QUADRANT_SIGN.tolist()


def _box_muller_f32_py(w0, w1):
    # A few values: Python floats avoid ~60 NumPy calls; float32 products of float32 values
    # are exact in double, so rounding once gives float32 arithmetic.
    f0, f1 = [], []
    for a, b in zip(_unit_f32(w0).tolist(), _unit_f32(w1).tolist()):
        u2 = _f32(math.sqrt(-2.0 * _logf_py(max(a, _EPS_PY))))
        s, c = _sincosf_py(_f32(_TWO_PI * b))
        f0.append(s * u2)
        f1.append(c * u2)
    return np.array(f0, np.float32), np.array(f1, np.float32)


def _box_muller_f32(w0, w1):
    if w0.shape[0] <= 8:
        return _box_muller_f32_py(w0, w1)
    u1 = np.maximum(_unit_f32(w0), _EPS_F32)    # keep log() away from 0
    v1 = (_TWO_PI * _unit_f32(w1).astype(np.float64)).astype(np.float32)
    u2 = np.sqrt(np.float32(-2) * _logf(u1))
    s, c = _sincosf(v1)
    return s * u2, c * u2


def _libm(fn, x):
    # The platform's libm through Python's math module (a C-level map, no Python loop body):
    # NumPy's SIMD float64 log rounds differently from glibc's in ~0.1% of cases.
    return np.fromiter(map(fn, x.tolist()), np.float64, x.shape[0])


def _box_muller_f64(w0, w1, w2, w3):
    u1 = np.maximum(_unit_f64(w0, w1), 1e-7)
    v1 = _TWO_PI * _unit_f64(w2, w3)
    u2 = np.sqrt(-2.0 * _libm(math.log, u1))
    return _libm(math.sin, v1) * u2, _libm(math.cos, v1) * u2


def _interleave(a, b):
    out = np.empty(a.shape[0] * 2, a.dtype)
    out[0::2], out[1::2] = a, b
    return out


def normal(key, counter, n, np_dtype):
    """n standard normal values, TF's RandomStandardNormal / StatelessRandomNormalV2."""
    if np_dtype == np.float64:
        w = blocks(key, counter, (n + 1) // 2)
        return _interleave(*_box_muller_f64(w[:, 0], w[:, 1], w[:, 2], w[:, 3]))[:n]
    w = blocks(key, counter, (n + 3) // 4).reshape(-1)
    out = _interleave(*_box_muller_f32(w[0::2], w[1::2]))[:n]
    return out if np_dtype == np.float32 else out.astype(np_dtype)


def truncated_normal(key, counter, n, np_dtype):
    """n standard normal values with |x| < 2, TF's TruncatedNormal kernels.

    Output group g (4 values; 2 for float64) reads the stream from block g * 256 (g * 128)
    and keeps Box-Muller candidates in order until the group is full. Groups are drawn
    together; the few that reject too often draw further blocks in another pass.
    """
    f64 = np_dtype == np.float64
    group = 2 if f64 else 4
    stride = RESERVED_PER_OUTPUT * group // 4
    n_groups = (n + group - 1) // group
    out = np.empty((n_groups, group), np.float64 if f64 else np.float32)
    filled = np.zeros(n_groups, np.int64)
    pending = np.arange(n_groups, dtype=np.uint64)
    per_pass = 1                                 # blocks per group and pass: 4 or 2 candidates
    used = 0
    while pending.size:
        offsets = (pending[:, None] * np.uint64(stride) + np.uint64(used)
                   + np.arange(per_pass, dtype=np.uint64)).reshape(-1)
        w = blocks(key, counter, offsets)
        if f64:
            a, b = _box_muller_f64(w[:, 0], w[:, 1], w[:, 2], w[:, 3])
        else:
            w = w.reshape(-1)
            a, b = _box_muller_f32(w[0::2], w[1::2])
        cand = _interleave(a, b).reshape(pending.size, -1)
        ok = np.abs(cand) < 2.0
        rows = pending.astype(np.int64)
        slot = filled[rows][:, None] + np.cumsum(ok, axis=1) - 1
        take = ok & (slot < group)
        out[np.broadcast_to(rows[:, None], take.shape)[take], slot[take]] = cand[take]
        filled[rows] += take.sum(axis=1)
        pending = pending[filled[rows] < group]
        used += per_pass
    out = out.reshape(-1)[:n]
    return out if out.dtype == np_dtype else out.astype(np_dtype)


def unit_doubles(key, counter, n):
    """n doubles in [0, 1) from consecutive word pairs (TF's SimplePhilox::RandDouble)."""
    w = words(key, counter, 2 * n).reshape(-1, 2)
    return _unit_f64(w[:, 0], w[:, 1])
