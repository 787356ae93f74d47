"""TensorFlow's C++ text for tensor values (Tensor::SummarizeValue), used by tf.print and Assert.

tf.print formats with the "v2" layout: nested brackets, rows on new lines, and at most
``summarize`` leading and trailing entries per dimension around "...". The graph-mode
Assert kernel uses the older flat layout. Elements are written as TF's StrCat writes them:
floats in the shortest of %.6g / %.9g (%.15g / %.17g for doubles) that reads back exactly,
bools as 1/0, strings C-escaped (quoted in v2), and types without a printer (complex) as "?".
"""
import numpy as np

__all__ = ["summarize_v2", "summarize_v1", "c_escape"]

_ESCAPES = {0x0A: b"\\n", 0x0D: b"\\r", 0x09: b"\\t", 0x22: b'\\"', 0x27: b"\\'", 0x5C: b"\\\\"}


def c_escape(data):
    """absl's Utf8SafeCEscape: escape quotes, backslash and control bytes; keep bytes >= 0x80."""
    out = bytearray()
    for b in data:
        esc = _ESCAPES.get(b)
        if esc is not None:
            out += esc
        elif b < 0x20 or b == 0x7F:
            out += b"\\%03o" % b
        else:
            out.append(b)
    # Invalid UTF-8 survives as surrogates; the printer writes those bytes back out raw.
    return out.decode("utf-8", errors="surrogateescape")


def _float_text(v, short, long_, same):
    """TF's FloatToBuffer: %g with few digits, more when the short text does not read back."""
    f = float(v)
    if f != f:
        return "-nan" if np.signbit(v) else "nan"
    if f in (float("inf"), float("-inf")):
        return "inf" if f > 0 else "-inf"
    text = "%.*g" % (short, f)
    if not same(text, v):
        text = "%.*g" % (long_, f)
    return text


def _same_f32(text, v):
    return np.float32(float(text)) == v


def _same_f64(text, v):
    return float(text) == v


def _flush_subnormals(flat):
    # TF's CPU threads run with denormals flushed to zero: they print as (signed) zero.
    tiny = (flat != 0) & (np.abs(flat) < np.finfo(flat.dtype).tiny)
    return np.where(tiny, np.copysign(np.zeros((), flat.dtype), flat), flat) if tiny.any() else flat


def _elements(flat, kind):
    """Text of each element of a flat array (kind: 'f32', 'f64', 'int', 'bool')."""
    if kind == "f32":
        return [_float_text(v, 6, 9, _same_f32) for v in _flush_subnormals(flat.astype(np.float32))]
    if kind == "f64":
        return [_float_text(v, 15, 17, _same_f64) for v in _flush_subnormals(flat)]
    if kind == "bool":
        return ["1" if v else "0" for v in flat]
    return [str(int(v)) for v in flat]


def _kind(arr):
    k = arr.dtype.kind
    if k == "f":
        return "f64" if arr.dtype == np.float64 else "f32"   # half and bfloat16 print as float
    if k == "V" or arr.dtype.name == "bfloat16":
        return "f32"
    if k in "iu":
        return "int"
    if k == "b":
        return "bool"
    if k in "OSU":
        return "str"
    return "other"


def _string_texts(flat, quote):
    out = []
    for v in flat:
        b = v if isinstance(v, bytes) else str(v).encode("utf-8")
        t = c_escape(b)
        out.append(f'"{t}"' if quote else t)
    return out


def _irregular(arr, limit, v2):
    """Types TF cannot print element-wise: '?' per element, flat."""
    text = " ".join(["?"] * limit)
    if limit < arr.size:
        text += "..."
    return f"[{text}]" if v2 and arr.ndim > 0 else text


def _dim_spacing(dim, ndims):
    if dim == ndims - 1:
        return " "
    return "\n" * (ndims - dim - 1) + " " * (dim + 1)


def summarize_v2(value, summarize=3):
    """The text tf.print shows for an array (TF's SummarizeValue(summarize, print_v2=true))."""
    arr = np.asarray(value)
    n = arr.size
    limit = n if summarize is None or summarize < 0 else min(summarize, n)
    kind = _kind(arr)
    if kind == "other":
        return _irregular(arr, limit, True)
    flat = arr.reshape(-1)
    if arr.ndim == 0:
        return _texts(flat[:1], kind, True)[0]
    edge = limit
    shape = arr.shape
    # Which flat positions get printed: the first and last `edge` along every dimension.
    keep = np.zeros(shape, bool) if n else None
    if n:
        idx = [np.r_[0:min(edge, d), max(edge, d - edge):d] for d in shape]
        keep[np.ix_(*idx)] = True
        pos = np.flatnonzero(keep.reshape(-1))
        texts = dict(zip(pos.tolist(), _texts(flat[pos], kind, True)))
    else:
        texts = {}
    out = []
    strides = [int(np.prod(shape[i + 1:])) for i in range(len(shape))]

    def one_dim(dim, base):
        if dim == len(shape):
            out.append(texts[base])
            return
        out.append("[")
        count = shape[dim]
        start_of_end = max(edge, count - edge)
        for i in range(min(edge, count)):
            if i > 0:
                out.append(_dim_spacing(dim, len(shape)))
            one_dim(dim + 1, base + strides[dim] * i)
        if count > 2 * edge:
            out.append(_dim_spacing(dim, len(shape)))
            out.append("...")
        for i in range(start_of_end, count):
            out.append(_dim_spacing(dim, len(shape)))
            one_dim(dim + 1, base + strides[dim] * i)
        out.append("]")

    one_dim(0, 0)
    return "".join(out)


def _texts(flat, kind, quote):
    if kind == "str":
        return _string_texts(flat, quote)
    return _elements(flat, kind)


def summarize_v1(value, summarize=3):
    """The older flat layout (SummarizeValue(summarize, print_v2=false)) of graph-mode Assert."""
    arr = np.asarray(value)
    n = arr.size
    limit = n if summarize is None or summarize < 0 else min(summarize, n)
    kind = _kind(arr)
    if kind == "other":
        return _irregular(arr, limit, False)
    texts = _texts(arr.reshape(-1)[:limit], kind, False)
    if arr.ndim == 0:
        text = " ".join(texts)
        return text + "..." if n > limit else text
    out = []
    pos = [0]

    def one_dim(dim):
        if pos[0] >= limit:
            return
        count = arr.shape[dim]
        if dim == arr.ndim - 1:
            for i in range(count):
                if pos[0] >= limit:
                    if dim != 0:
                        out.append("...")
                    return
                if i > 0:
                    out.append(" ")
                out.append(texts[pos[0]])
                pos[0] += 1
            return
        for _ in range(count):
            opened = pos[0] < limit
            if opened:
                out.append("[")
            one_dim(dim + 1)
            if pos[0] < limit or opened:
                out.append("]")

    one_dim(0)
    if n > limit:
        out.append("...")
    return "".join(out)
