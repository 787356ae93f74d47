"""Linear algebra: matmul, einsum, tensordot, norm and the tf.linalg matrix functions.

``__all__`` is the tf.linalg namespace. Of these, only ``TOP_LEVEL`` are also top-level
``tf.*`` names in TensorFlow; ``tf.linalg.transpose`` is ``matrix_transpose`` here so
that a star import can never shadow ``tf.transpose``.
"""
import collections
import functools
import re
import string

import numpy as np

from ..backend import blas
from ..framework import dtypes
from ..framework.errors import InvalidArgumentError, eager_message
from ..framework.tape import needed_inputs
from ..framework.primitive import ShapeError, primitive, tf_type_name
from ..framework.tensor import convert_to_tensor
from ..framework.tensor_shape import TensorShape
from .basic_ops import ones_like, sum_to
from .core import as_tensor, binary_inputs, same_dtype_inputs
from .math_extra_ops import global_norm
from .shape_rules import broadcast_shapes, dims_text

__all__ = ["matmul", "tensordot", "einsum", "norm", "eye", "inv", "det", "slogdet", "logdet", "solve",
           "triangular_solve", "cholesky", "diag", "diag_part", "set_diag", "trace", "matrix_transpose",
           "adjoint", "band_part", "matvec", "global_norm"]

TOP_LEVEL = ["matmul", "tensordot", "einsum", "norm", "eye"]

_MATMUL_TYPES = (dtypes.bfloat16, dtypes.float16, dtypes.float32, dtypes.float64, dtypes.int32,
                 dtypes.int64, dtypes.complex64, dtypes.complex128)


def _relabel(error, op, label):
    """TF's oneDNN build names the wrapped kernel (``_MklMatMul``) in dtype-mismatch messages."""
    return InvalidArgumentError(None, None, str(error).replace(f"cannot compute {op} ", f"cannot compute {label} ", 1))


def _conj(x):
    from .math_ops import conj
    return conj(x) if x.dtype.is_complex else x


# -- matmul --------------------------------------------------------------------------------
def _matmul_kernel(a, b, transpose_a, transpose_b):
    if transpose_a:
        a = np.swapaxes(a, -1, -2)
    if transpose_b:
        b = np.swapaxes(b, -1, -2)
    return blas.matmul(a, b)  # np.matmul, with BLAS threads chosen for the size (backend/blas.py)


@primitive("MatMul", allowed=_MATMUL_TYPES, signature="a:T, b:T -> product:T", kernel_label="__MklMatMul")
def _matmul(a, b, transpose_a=False, transpose_b=False):
    return _matmul_kernel(a, b, transpose_a, transpose_b)


@_matmul.spec
def _(a, b, transpose_a=False, transpose_b=False):
    sa, sb = a.shape, b.shape
    if sa.rank is None or sb.rank is None:
        return TensorShape(None), a.dtype
    if sa.rank < 2:
        raise ShapeError("In[0] ndims must be >= 2", f"Shape must be at least rank 2 but is rank {sa.rank}")
    if sb.rank < 2:
        raise ShapeError("In[1] ndims must be >= 2", f"Shape must be at least rank 2 but is rank {sb.rank}")
    m, k = (sa[-1], sa[-2]) if transpose_a else (sa[-2], sa[-1])
    k2, n = (sb[-1], sb[-2]) if transpose_b else (sb[-2], sb[-1])
    if k is not None and k2 is not None and k != k2:
        if sa.rank == 2 and sb.rank == 2:
            raise ShapeError(f"Matrix size-incompatible: In[0]: {dims_text(sa)}, In[1]: {dims_text(sb)}",
                             f"Dimensions must be equal, but are {k} and {k2}")
        raise ShapeError(f"In[0] mismatch In[1] shape: {k} vs. {k2}: {dims_text(sa)} {dims_text(sb)} "
                         f"{int(transpose_a)} {int(transpose_b)}",
                         f"Dimensions must be equal, but are {k} and {k2}")
    batch = broadcast_shapes(sa[:-2], sb[:-2])
    return batch.concatenate([m, n]), a.dtype


@_matmul.vjp
def _(g, y, a, b, transpose_a=False, transpose_b=False):
    # Complex products take the adjoint (TF's convention): conjugate, then the real formulas.
    # Only the needed side is computed: the input batch of a first Dense layer needs none.
    need_a, need_b = needed_inputs(2)
    a_, b_ = (_conj(a), _conj(b)) if a.dtype.is_complex else (a, b)
    ga = gb = None
    if not transpose_a and not transpose_b:
        ga = _matmul(g, b_, transpose_b=True) if need_a else None
        gb = _matmul(a_, g, transpose_a=True) if need_b else None
    elif not transpose_a:
        ga = _matmul(g, b_) if need_a else None
        gb = _matmul(g, a_, transpose_a=True) if need_b else None
    elif not transpose_b:
        ga = _matmul(b_, g, transpose_b=True) if need_a else None
        gb = _matmul(a_, g) if need_b else None
    else:
        ga = _matmul(b_, g, transpose_a=True, transpose_b=True) if need_a else None
        gb = _matmul(g, a_, transpose_a=True, transpose_b=True) if need_b else None
    return (sum_to(ga, a) if ga is not None else None), (sum_to(gb, b) if gb is not None else None)


def matmul(a, b, transpose_a=False, transpose_b=False, adjoint_a=False, adjoint_b=False,
           a_is_sparse=False, b_is_sparse=False, output_type=None, grad_a=False, grad_b=False, name=None):
    try:
        a, b = binary_inputs(a, b, "MatMul")
    except InvalidArgumentError as e:
        raise _relabel(e, "MatMul", "_MklMatMul") from None
    if adjoint_a or adjoint_b:
        if adjoint_a:
            a, transpose_a = _conj(a), True
        if adjoint_b:
            b, transpose_b = _conj(b), True
    return _matmul(a, b, transpose_a=bool(transpose_a), transpose_b=bool(transpose_b))


# -- einsum: parsing -------------------------------------------------------------------------
_TERM = r"[a-zA-Z]*(?:\.\.\.[a-zA-Z]*)?"
_EQUATION = re.compile(rf"^{_TERM}(?:,{_TERM})*(?:->{_TERM})?$")


def _unique(letters):
    return "".join(dict.fromkeys(letters))


def _parse(equation, n):
    """Split an equation into input terms and an explicit output term (may hold '...')."""
    eq = equation.replace(" ", "")
    if not _EQUATION.match(eq):
        raise ValueError(f"Subscripts have incorrect format: {equation}")
    lhs, arrow, out = eq.partition("->")
    terms = lhs.split(",")
    if len(terms) != n:
        raise ValueError(f'Got {n} inputs for equation "{equation}", expecting {len(terms)}')
    letters = "".join(terms).replace(".", "")
    if not arrow:  # implicit mode: labels seen once, sorted, after any ellipsis
        out = ("..." if "..." in lhs else "") + "".join(sorted(c for c in set(letters) if letters.count(c) == 1))
    for c in out.replace(".", ""):
        if c not in letters:
            raise ValueError(f"Output subscripts contain the label {c} not present in the input subscripts.")
        if out.count(c) > 1:
            raise ValueError(f"Output subscripts contain a label appearing more than once: {eq}")
    return terms, out


def _fresh_letters(used):
    return iter(c for c in string.ascii_letters if c not in used)


def _expand_ellipses(terms, out, shapes):
    """Replace '...' by explicit labels; a broadcast size-1 dim gets a label of its own."""
    fresh = _fresh_letters(set("".join(terms) + out))
    ell_dims = []
    for i, (t, s) in enumerate(zip(terms, shapes)):
        named = len(t.replace("...", ""))
        if "..." in t:
            if len(s) < named:
                raise ShapeError(f"Expected input {i} to have rank at least {named} but got: {len(s)}",
                                 f"Shape must be at least rank {named} but is rank {len(s)}")
            ell_dims.append(list(s[t.index("..."):len(s) - (len(t) - t.index("...") - 3)]))
        else:
            if len(s) != named:
                raise ShapeError(f"Expected input {i} to have rank {named} but got: {len(s)}",
                                 f"Shape must be rank {named} but is rank {len(s)}")
            ell_dims.append(None)
    rank = max((len(d) for d in ell_dims if d is not None), default=0)
    ell_labels = "".join(next(fresh) for _ in range(rank))
    full = [None] * rank  # the broadcast ellipsis shape (None: not known yet)
    for dims in ell_dims:
        for j, d in enumerate(dims or ()):
            pos = rank - len(dims) + j
            if d is None:
                continue
            if full[pos] in (None, 1):
                full[pos] = d
            elif d not in (1, full[pos]):
                raise ShapeError(f"In[0] and In[1] must have compatible batch dimensions: "
                                 f"{dims_text(shapes[0])} vs. {dims_text(shapes[1])}",
                                 f"Dimensions must be equal, but are {full[pos]} and {d}")
    new_terms = []
    for t, dims in zip(terms, ell_dims):
        if dims is None:
            new_terms.append(t)
            continue
        labels = "".join(next(fresh) if d == 1 and full[rank - len(dims) + j] not in (None, 1) else
                         ell_labels[rank - len(dims) + j] for j, d in enumerate(dims))
        new_terms.append(t.replace("...", labels))
    return new_terms, out.replace("...", ell_labels)


def _label_sizes(terms, shapes):
    """Every label's size; TF requires equal sizes for a label (no broadcasting)."""
    sizes = {}
    for t, s in zip(terms, shapes):
        for axis, (c, d) in enumerate(zip(t, s)):
            known = sizes.get(c)
            if known is None:
                sizes[c] = d
            elif d is not None and d != known:
                raise ShapeError(f"Expected dimension {known} at axis {axis} of the input shaped {dims_text(s)} "
                                 f"but got dimension {d}", f"Dimensions must be equal, but are {known} and {d}")
    return sizes


_PLANS = {}


def _einsum_plan(equation, shapes):
    """The letters-only equation the Einsum primitive runs (cached per equation and shapes)."""
    key = (equation, shapes)
    plan = _PLANS.get(key)
    if plan is None:
        terms, out = _parse(equation, len(shapes))
        if any(s is None for s in shapes):  # unknown rank: only a plain equation can be checked
            plan = ",".join(terms) + "->" + out
        else:
            terms, out = _expand_ellipses(terms, out, shapes)
            _label_sizes(terms, shapes)
            plan = ",".join(terms) + "->" + out
        if len(_PLANS) > 4096:
            _PLANS.clear()
        _PLANS[key] = plan
    return plan


# -- einsum: the primitive -------------------------------------------------------------------
@functools.lru_cache(maxsize=1024)
def _program(equation):
    """The shape-independent part of running a letters-only equation (parsed once).

    Returns the per-operand reductions (diagonals, labels no other term needs) and the
    pairwise contractions, each as (labels of a, labels of b, batch, free a, summed,
    free b, labels kept for later).
    """
    lhs, out = equation.split("->")
    terms = lhs.split(",")
    reduce = []
    for k, t in enumerate(terms):
        elsewhere = set(out).union(*(terms[j] for j in range(len(terms)) if j != k))
        reduce.append((t, "".join(c for c in _unique(t) if c in elsewhere)))
    steps, sa = [], reduce[0][1]
    for i in range(1, len(reduce)):
        sb = reduce[i][1]
        later = set(out).union(*(keep for _, keep in reduce[i + 1:]))
        target = "".join(c for c in _unique(sa + sb) if c in later)
        batch = "".join(c for c in target if c in sa and c in sb)
        contract = "".join(c for c in sa if c in sb and c not in target)
        fa = "".join(c for c in sa if c not in sb)
        fb = "".join(c for c in sb if c not in sa)
        steps.append((sa, sb, batch, fa, contract, fb, target))
        sa = target
    final = None if sa == out else [sa.index(c) for c in out]
    return reduce, steps, final


def _contract_pair(a, b, step):
    """Contract two operands with one BLAS matmul: [batch, free_a, k] @ [batch, k, free_b]."""
    sa, sb, batch, fa, contract, fb, target = step
    size = dict(zip(sa, a.shape))
    size.update(zip(sb, b.shape))
    nb, nm, nk, nn = (int(np.prod([size[c] for c in group], dtype=np.int64))
                      for group in (batch, fa, contract, fb))
    a3 = np.transpose(a, [sa.index(c) for c in batch + fa + contract]).reshape(nb, nm, nk)
    b3 = np.transpose(b, [sb.index(c) for c in batch + contract + fb]).reshape(nb, nk, nn)
    if not contract:
        c3 = a3 * b3  # nothing summed: an outer product per batch entry
    elif nb == 1:
        c3 = (a3[0] @ b3[0])[None]
    else:
        c3 = np.matmul(a3, b3)
    got = batch + fa + fb
    c = c3.reshape([size[x] for x in got])
    return c if got == target else np.transpose(c, [got.index(x) for x in target])


def _einsum_kernel(*operands, equation):
    if "." in equation:  # unknown-rank graph input: left to NumPy
        return np.einsum(equation, *operands)
    reduce, steps, final = _program(equation)
    work = [np.einsum(f"{t}->{keep}", x) if keep != t else x for (t, keep), x in zip(reduce, operands)]
    acc = work[0]
    for step, b in zip(steps, work[1:]):
        acc = _contract_pair(acc, b, step)
    return acc if final is None else np.transpose(acc, final)


_EINSUM_TYPES = (dtypes.bfloat16, dtypes.float16, dtypes.float32, dtypes.float64, dtypes.int32, dtypes.int64,
                 dtypes.uint64, dtypes.complex64, dtypes.complex128)
_einsum_p = primitive("Einsum", allowed=_EINSUM_TYPES)(_einsum_kernel)


@_einsum_p.spec
def _(*operands, equation):
    lhs, out = equation.split("->")
    if "." in equation:
        return TensorShape(None), operands[0].dtype
    terms = lhs.split(",")
    shapes = [o.shape.as_list() if o.shape.rank is not None else [None] * len(t) for o, t in zip(operands, terms)]
    sizes = _label_sizes(terms, shapes)
    return TensorShape([sizes[c] for c in out]), operands[0].dtype


def _expand_gradient(grad, have, term, x, used):
    """Lay a gradient over labels ``have`` back onto operand labels ``term``.

    Labels of ``term`` missing from ``have`` were summed away (broadcast back with ones);
    a repeated label was a diagonal (put back with an identity matrix).
    """
    if have == term:
        return grad
    fresh = _fresh_letters(set(used))
    renamed, pairs = "", []
    for c in term:
        if c in renamed:
            f = next(fresh)
            pairs.append((c, f, x.shape[term.index(c)]))
            renamed += f
        else:
            renamed += c
    operands, terms = [grad], [have]
    paired = {c for c, _, _ in pairs}
    if any(c not in have and c not in paired for c in _unique(term)):
        operands.append(ones_like(x))
        terms.append(renamed)
    for c, f, n in pairs:
        if n is None:
            raise NotImplementedError("einsum gradient of a diagonal needs its size to be known")
        operands.append(convert_to_tensor(np.eye(n, dtype=x.dtype.np_dtype)))
        terms.append(c + f)
    return _einsum_p(*operands, equation=",".join(terms) + "->" + renamed)


@_einsum_p.vjp
def _(g, y, *operands, equation):
    if "." in equation:
        raise NotImplementedError("einsum gradient needs inputs of known rank")
    lhs, out = equation.split("->")
    terms = lhs.split(",")
    grads = []
    # The gradient of an einsum is an einsum: the cotangent with every other operand,
    # written out over this operand's labels.
    for k, (t, x) in enumerate(zip(terms, operands)):
        if x.dtype._kind not in "fc":
            grads.append(None)
            continue
        others = [j for j in range(len(terms)) if j != k]
        available = set(out).union(*(terms[j] for j in others))
        have = "".join(c for c in _unique(t) if c in available)
        eq = ",".join([out] + [terms[j] for j in others]) + "->" + have
        grad = _einsum_p(g, *(_conj(operands[j]) for j in others), equation=eq)
        grads.append(_expand_gradient(grad, have, t, x, equation))
    return tuple(grads)


def einsum(equation, *inputs, **kwargs):
    if len(inputs) > 1:
        try:
            tensors = same_dtype_inputs(list(inputs), "Einsum")
        except InvalidArgumentError as e:
            raise _relabel(e, "Einsum", "_MklEinsum") from None
    else:
        tensors = [as_tensor(x) for x in inputs]
    try:
        plan = _einsum_plan(equation, tuple(None if t.shape.rank is None else tuple(t.shape.as_list())
                                            for t in tensors))
    except ShapeError as e:
        if any(getattr(t, "_is_symbolic", False) for t in tensors):  # TF's graph-construction text
            names = ", ".join(getattr(x, "_name", None) or "Const" for x in tensors)
            attrs = f'N={len(tensors)}, T=DT_{tf_type_name(tensors[0].dtype).upper()}, equation="{equation}"'
            raise ValueError(f"{e.graph_detail} for '{{{{node Einsum}}}} = Einsum[{attrs}]({names})' with input "
                             f"shapes: {', '.join(dims_text(x.shape) for x in tensors)}.") from None
        raise InvalidArgumentError(None, None, eager_message(
            "Einsum", e.detail, f"__MklEinsum_N_{min(len(tensors), 2)}")) from None
    return _einsum_p(*tensors, equation=plan)


# -- tensordot -----------------------------------------------------------------------------------
def _show(t):
    return str(t) if getattr(t, "_is_symbolic", False) else str(np.asarray(t))


def _tensordot_axes(a, b, axes):
    ra, rb = a.shape.rank, b.shape.rank
    if hasattr(axes, "numpy") or isinstance(axes, np.ndarray):
        axes = np.asarray(axes).tolist()
    if isinstance(axes, (int, np.integer)):
        if axes < 0:
            raise ValueError(f"`axes` must be at least 0. Received: {axes}.")
        if axes > ra:
            raise ValueError(f"`axes` must not be larger than the number of dimensions of tensor {_show(a)}.  "
                             f"Received {axes}, vs tensor dimensions {ra}.")
        return list(range(ra - axes, ra)), list(range(axes))
    if not isinstance(axes, (list, tuple)) or len(axes) != 2:
        raise ValueError(f"`axes` must be an integer or have length 2. Received {axes}.")
    a_axes, b_axes = ([x] if isinstance(x, (int, np.integer)) else list(x) for x in axes)
    if len(a_axes) != len(b_axes):
        raise ValueError(f"Different number of contraction axes `a` and `b`, {len(a_axes)} != {len(b_axes)}.")
    for ax, rank in [(x, ra) for x in a_axes] + [(x, rb) for x in b_axes]:
        if not -rank <= int(ax) < rank:
            raise IndexError("list index out of range")
    return [int(x) % ra for x in a_axes], [int(x) % rb for x in b_axes]


def tensordot(a, b, axes, name=None):
    try:
        a, b = same_dtype_inputs([a, b], "MatMul")
    except InvalidArgumentError as e:
        raise _relabel(e, "MatMul", "_MklMatMul") from None
    if a.shape.rank is None or b.shape.rank is None:
        raise NotImplementedError("tf.tensordot needs inputs of known rank")
    a_axes, b_axes = _tensordot_axes(a, b, axes)
    letters = iter(string.ascii_letters)
    ta = [next(letters) for _ in range(a.shape.rank)]
    tb = [None] * b.shape.rank
    for i, j in zip(a_axes, b_axes):
        tb[j] = ta[i]
    tb = [c or next(letters) for c in tb]
    out = [c for i, c in enumerate(ta) if i not in a_axes] + [c for j, c in enumerate(tb) if j not in b_axes]
    sa, sb = a.shape.as_list(), b.shape.as_list()
    ka, kb = [sa[i] for i in a_axes], [sb[j] for j in b_axes]
    if None not in ka + kb and ka != kb:
        # TF reshapes both sides to matrices and lets MatMul report the mismatch.
        def prod(v):
            return None if None in v else int(np.prod(v, dtype=np.int64))
        in0 = [prod([d for i, d in enumerate(sa) if i not in a_axes]), prod(ka)]
        in1 = [prod(kb), prod([d for j, d in enumerate(sb) if j not in b_axes])]
        raise InvalidArgumentError(None, None, eager_message(
            "MatMul", f"Matrix size-incompatible: In[0]: {dims_text(in0)}, In[1]: {dims_text(in1)}", "__MklMatMul"))
    return _einsum_p(a, b, equation="".join(ta) + "," + "".join(tb) + "->" + "".join(out))


# -- matrix structure: transpose, diagonals, bands ------------------------------------------------
def _batch_letters(rank, used="ij"):
    return "".join(c for c in string.ascii_letters if c not in used)[:rank]


def matrix_transpose(a, name="matrix_transpose", conjugate=False):
    a = as_tensor(a)
    if a.shape.rank is not None and a.shape.rank < 2:
        raise ValueError("Argument `a` should be a (batch) matrix with rank >= 2.  Received `a` = "
                         f"{_show(a)} with shape: {a.shape}")
    if a.shape.rank is None:
        out = _einsum_p(a, equation="...ij->...ji")
    else:
        b = _batch_letters(a.shape.rank - 2)
        out = _einsum_p(a, equation=f"{b}ij->{b}ji")
    return _conj(out) if conjugate else out


def adjoint(matrix, name=None):
    return matrix_transpose(matrix, conjugate=True)


def _selectors(rows, cols, k, dtype):
    """0/1 matrices picking diagonal ``k`` of a rows x cols matrix: S[i, d], T[j, d]."""
    n = max(min(rows + min(k, 0), cols - max(k, 0)), 0)
    s = np.zeros((rows, n), dtype=dtype.np_dtype)
    t = np.zeros((cols, n), dtype=dtype.np_dtype)
    d = np.arange(n)
    s[d + max(-k, 0), d] = 1
    t[d + max(k, 0), d] = 1
    return convert_to_tensor(s), convert_to_tensor(t)


def diag_part(input, name="diag_part", k=0, padding_value=0, align="RIGHT_LEFT"):
    x = as_tensor(input)
    if x.shape.rank is not None and x.shape.rank < 2:
        raise InvalidArgumentError(None, None, eager_message(
            "MatrixDiagPartV3", f"input must be at least 2-dim, received shape: {dims_text(x.shape)}", None, name))
    k = int(k)
    rows, cols = (x.shape[-2], x.shape[-1]) if x.shape.rank is not None else (None, None)
    b = "..." if x.shape.rank is None else _batch_letters(x.shape.rank - 2)
    if k == 0 and (rows == cols or rows is None or cols is None):
        return _einsum_p(x, equation=f"{b}ii->{b}i")
    # A rectangular or offset diagonal: contract with 0/1 selector matrices (linear, so
    # its gradient is the same contraction run backwards).
    s, t = _selectors(rows, cols, k, x.dtype)
    return _einsum_p(x, s, t, equation=f"{b}ij,id,jd->{b}d")


def diag(diagonal, name="diag", k=0, num_rows=-1, num_cols=-1, padding_value=0, align="RIGHT_LEFT"):
    v = as_tensor(diagonal)
    if v.shape.rank == 0:
        raise InvalidArgumentError(None, None, eager_message(
            "MatrixDiagV3", "diagonal must be at least 1-dim, received shape: []", None, name))
    k, n = int(k), v.shape[-1]
    rows = n + abs(k) if num_rows in (-1, None) else int(num_rows)
    cols = n + abs(k) if num_cols in (-1, None) else int(num_cols)
    s, t = _selectors(rows, cols, k, v.dtype)
    b = _batch_letters(v.shape.rank - 1, "ijd")
    out = _einsum_p(v, s, t, equation=f"{b}d,id,jd->{b}ij")
    if padding_value:
        out = out + convert_to_tensor((1 - np.eye(rows, cols, k)) * padding_value, dtype=v.dtype)
    return out


def set_diag(input, diagonal, name="set_diag", k=0, align="RIGHT_LEFT"):
    x, v = same_dtype_inputs([input, diagonal], "MatrixSetDiagV3")
    rows, cols = x.shape[-2], x.shape[-1]
    keep = convert_to_tensor(1 - np.eye(rows, cols, int(k)), dtype=x.dtype)
    return x * keep + diag(v, k=k, num_rows=rows, num_cols=cols)


def trace(x, name=None):
    from .reduction_ops import reduce_sum
    return reduce_sum(diag_part(x), axis=-1)


@primitive("MatrixBandPart")
def _band_part(x, num_lower, num_upper):
    if np.ndim(x) < 2:
        raise ShapeError(f"input must be at least 2-dim, received shape: {dims_text(list(np.shape(x)))}")
    m, n = x.shape[-2:]
    if num_lower > m:
        raise ShapeError(f"num_lower must be negative or less or equal to number of rows ({m}) got: {num_lower}")
    if num_upper > n:
        raise ShapeError(f"num_upper must be negative or less or equal to number of columns ({n}) got: "
                         f"{num_upper}")
    offset = np.arange(n)[None, :] - np.arange(m)[:, None]  # j - i
    keep = ((num_lower < 0) | (-offset <= num_lower)) & ((num_upper < 0) | (offset <= num_upper))
    return np.where(keep, x, np.zeros((), dtype=x.dtype))


_band_part.spec(lambda x, num_lower, num_upper: (x.shape, x.dtype))


@_band_part.vjp
def _(g, y, x, num_lower, num_upper):
    return (_band_part(g, num_lower=num_lower, num_upper=num_upper),)


def band_part(input, num_lower, num_upper, name=None):
    return _band_part(as_tensor(input), num_lower=int(num_lower), num_upper=int(num_upper))


def eye(num_rows, num_columns=None, batch_shape=None, dtype=dtypes.float32, name=None):
    dtype = dtypes.as_dtype(dtype)
    m = np.eye(int(num_rows), int(num_rows if num_columns is None else num_columns), dtype=dtype.np_dtype)
    if batch_shape is not None:
        m = np.broadcast_to(m, tuple(int(d) for d in batch_shape) + m.shape).copy()
    return convert_to_tensor(m, dtype=dtype)


def matvec(a, b, transpose_a=False, adjoint_a=False, a_is_sparse=False, b_is_sparse=False, name=None):
    if adjoint_a:
        a, transpose_a = adjoint(a), False
    return einsum("...ji,...j->...i" if transpose_a else "...ij,...j->...i", a, b)


# -- decompositions and solves ------------------------------------------------------------------------
_INV_TYPES = (dtypes.float16, dtypes.float32, dtypes.float64, dtypes.complex64, dtypes.complex128)


def _check_square(x, index=0):
    if np.ndim(x) < 2:
        raise ShapeError(f"Input tensor {index} must have rank >= 2, got {np.ndim(x)}")
    if x.shape[-1] != x.shape[-2]:
        raise ShapeError("Input matrix must be square.")


def _square_spec(x):
    s = x.shape
    if s.rank is not None and s.rank < 2:
        raise ShapeError(f"Input tensor 0 must have rank >= 2, got {s.rank}",
                         f"Shape must be at least rank 2 but is rank {s.rank}")
    if s.rank is not None and None not in (s[-1], s[-2]) and s[-1] != s[-2]:
        raise ShapeError("Input matrix must be square.", f"Dimensions must be equal, but are {s[-2]} and {s[-1]}")
    return s


def _lapack(fn, x, *rest):
    """Run a NumPy linalg routine; float16 goes through float32 (LAPACK has no half)."""
    if x.dtype == np.float16:
        out = fn(x.astype(np.float32), *(r.astype(np.float32) for r in rest))
        return tuple(o.astype(np.float16) for o in out) if isinstance(out, tuple) else out.astype(np.float16)
    return fn(x, *rest)


def _h(x):
    return np.conj(np.swapaxes(x, -1, -2))


@primitive("MatrixInverse", allowed=_INV_TYPES)
def _inverse(x, adjoint):
    _check_square(x)
    try:
        out = _lapack(np.linalg.inv, x)
    except np.linalg.LinAlgError:
        raise ShapeError("Input is not invertible.") from None
    return _h(out) if adjoint else out


_inverse.spec(lambda x, adjoint: (_square_spec(x), x.dtype))


@_inverse.vjp
def _(g, y, x, adjoint):
    # Y = inv(A): dY = -Y dA Y, so dA-bar = -Y^H G Y^H (and -Y G^H Y for the adjoint form).
    from .math_ops import negative
    if adjoint:
        return (negative(matmul(y, matmul(g, y, adjoint_a=True))),)
    return (negative(matmul(y, matmul(g, y, adjoint_b=True), adjoint_a=True)),)


def inv(input, adjoint=False, name=None):
    return _inverse(as_tensor(input), adjoint=bool(adjoint))


def _scale_matrices(scalars, matrices):
    """scalars[..., None, None] * matrices, for any batch rank."""
    b = _batch_letters(scalars.shape.rank)
    return _einsum_p(scalars, matrices, equation=f"{b},{b}ij->{b}ij")


def _batch_spec(x):
    s = _square_spec(x)
    return TensorShape(None) if s.rank is None else TensorShape(s.as_list()[:-2])


@primitive("MatrixDeterminant", allowed=_INV_TYPES)
def _det(x):
    _check_square(x)
    return _lapack(np.linalg.det, x)


_det.spec(lambda x: (_batch_spec(x), x.dtype))


@_det.vjp
def _(g, y, x):
    from .math_ops import multiply
    # d det(A) = det(A) tr(A^-1 dA): the gradient is g det(A) A^-H.
    return (_scale_matrices(multiply(g, _conj(y)), inv(x, adjoint=True)),)


def det(input, name=None):
    return _det(as_tensor(input))


@primitive("LogMatrixDeterminant", n_outputs=2, allowed=_INV_TYPES)
def _slogdet(x):
    _check_square(x)
    sign, logabs = _lapack(np.linalg.slogdet, x)
    return np.asarray(sign, dtype=x.dtype), np.asarray(logabs).astype(x.dtype)


_slogdet.spec(lambda x: [(_batch_spec(x), x.dtype)] * 2)


@_slogdet.vjp
def _(gs, ys, x):
    # Only log|det| is differentiable: its gradient is A^-H.
    return (_scale_matrices(gs[1], inv(x, adjoint=True)),)


LogMatrixDeterminant = collections.namedtuple("LogMatrixDeterminant", ["sign", "log_abs_determinant"])


def slogdet(input, name=None):
    return LogMatrixDeterminant(*_slogdet(as_tensor(input)))


def logdet(matrix, name=None):
    from .math_extra_ops import real
    from .math_ops import log, multiply
    from .reduction_ops import reduce_sum
    # log det of a positive-definite matrix: twice the log of the Cholesky diagonal.
    chol = cholesky(matrix)
    return multiply(2.0, reduce_sum(log(real(diag_part(chol))), axis=-1))


@primitive("MatrixSolve", allowed=_INV_TYPES)
def _solve(a, b, adjoint):
    if np.ndim(a) != np.ndim(b):
        raise ShapeError("All input tensors must have the same rank.")
    _check_square(a)
    if a.shape[:-2] != b.shape[:-2]:
        raise ShapeError("All input tensors must have the same outer dimensions.")
    if a.shape[-1] != b.shape[-2]:
        raise ShapeError("Input matrix and rhs are incompatible.")
    try:
        return _lapack(np.linalg.solve, _h(a) if adjoint else a, b)
    except np.linalg.LinAlgError:
        raise ShapeError("Input matrix is not invertible.") from None


@_solve.spec
def _(a, b, adjoint):
    _square_spec(a)
    return b.shape, b.dtype


@_solve.vjp
def _(g, x, a, b, adjoint):
    from .math_ops import negative
    # op(A) X = B: B-bar = op(A)^-H G, and op(A)-bar = -B-bar X^H.
    gb = _solve(a, g, adjoint=not adjoint)
    ga = matmul(x, gb, adjoint_b=True) if adjoint else matmul(gb, x, adjoint_b=True)
    return negative(ga), gb


def solve(matrix, rhs, adjoint=False, name=None):
    a, b = same_dtype_inputs([matrix, rhs], "MatrixSolve")
    return _solve(a, b, adjoint=bool(adjoint))


@primitive("MatrixTriangularSolve", allowed=_INV_TYPES)
def _trisolve(a, b, lower, adjoint):
    t = np.tril(a) if lower else np.triu(a)  # the other triangle is ignored, as in TF
    with np.errstate(divide="ignore", invalid="ignore"):
        try:
            return _lapack(np.linalg.solve, _h(t) if adjoint else t, b)
        except np.linalg.LinAlgError:
            raise ShapeError("Input matrix is not invertible.") from None


@_trisolve.spec
def _(a, b, lower, adjoint):
    batch = broadcast_shapes(a.shape[:-2], b.shape[:-2]) if a.shape.rank and b.shape.rank else None
    if batch is None or batch.rank is None:
        return TensorShape(None), b.dtype
    return batch.concatenate(b.shape[-2:]), b.dtype


@_trisolve.vjp
def _(g, x, a, b, lower, adjoint):
    from .math_ops import negative
    gb = _trisolve(a, g, lower=lower, adjoint=not adjoint)
    ga = matmul(x, gb, adjoint_b=True) if adjoint else matmul(gb, x, adjoint_b=True)
    ga = _band_part(negative(ga), num_lower=-1 if lower else 0, num_upper=0 if lower else -1)
    return sum_to(ga, a), sum_to(gb, b)


def triangular_solve(matrix, rhs, lower=True, adjoint=False, name=None):
    a, b = same_dtype_inputs([matrix, rhs], "MatrixTriangularSolve")
    return _trisolve(a, b, lower=bool(lower), adjoint=bool(adjoint))


@primitive("Cholesky", allowed=_INV_TYPES)
def _cholesky(x):
    _check_square(x)
    try:
        return _lapack(np.linalg.cholesky, x)
    except np.linalg.LinAlgError:
        pass
    # Some matrix is not positive definite: TF fills that one with NaN and goes on.
    flat = x.reshape((-1,) + x.shape[-2:])
    out = np.empty_like(flat)
    for i, m in enumerate(flat):
        try:
            out[i] = _lapack(np.linalg.cholesky, m)
        except np.linalg.LinAlgError:
            out[i] = np.nan
    return out.reshape(x.shape)


_cholesky.spec(lambda x: (_square_spec(x), x.dtype))


@_cholesky.vjp
def _(g, chol, x):
    from .math_ops import add, multiply, subtract
    # A = L L^H. With Phi = lower triangle with the diagonal halved:
    # A-bar = sym(L^-H Phi(L^H G) L^-1), sym(S) = (S + S^H) / 2.
    n = x.shape[-1]
    identity = eye(n, dtype=x.dtype)
    l_inv = _trisolve(chol, identity, lower=True, adjoint=False)
    middle = matmul(chol, g, adjoint_a=True)
    middle = subtract(_band_part(middle, num_lower=-1, num_upper=0),
                      multiply(0.5, _band_part(middle, num_lower=0, num_upper=0)))
    s = matmul(l_inv, matmul(middle, l_inv), adjoint_a=True)
    return (multiply(0.5, add(s, adjoint(s))),)


def cholesky(input, name=None):
    return _cholesky(as_tensor(input))


# -- norms -----------------------------------------------------------------------------------------------
def norm(tensor, ord="euclidean", axis=None, keepdims=None, name=None):
    from .math_ops import abs as abs_, conj, multiply, pow, sqrt
    from .reduction_ops import reduce_max, reduce_sum
    keepdims = bool(keepdims)
    matrix = isinstance(axis, (tuple, list)) and len(axis) == 2
    if matrix:
        axis = tuple(axis)
        if not all(isinstance(a, int) for a in axis) or axis[0] == axis[1]:
            raise ValueError(f"'axis' must be None, an integer, or a tuple of 2 unique integers, got {axis}")
        supported = ["euclidean", "fro", 1, 2, np.inf]
        if ord not in supported:
            raise ValueError(f"'ord' must be a supported matrix norm in {supported}, got {ord}")
    else:
        if not (axis is None or isinstance(axis, int)):
            raise ValueError(f"'axis' must be None, an integer, or a tuple of 2 unique integers, got {axis}")
        numeric = isinstance(ord, (int, float, np.number)) and not isinstance(ord, bool)
        if ord not in ["euclidean", 1, 2, np.inf] and not (numeric and ord > 0):
            raise ValueError(f"'ord' must be a supported vector norm, got {ord}")
        if axis is not None:
            axis = (axis,)
    x = as_tensor(tensor)
    if ord in ("fro", "euclidean", 2, 2.0):
        if matrix and ord == 2:
            raise NotImplementedError("tf.norm: the matrix 2-norm needs an SVD, which leantf does not have yet")
        return sqrt(reduce_sum(multiply(x, conj(x)), axis, keepdims=keepdims))
    mag = abs_(x)
    if ord == 1:
        if not matrix:
            return reduce_sum(mag, axis, keepdims=keepdims)
        # Largest column sum: sum down axis[0], then the max over axis[1].
        return reduce_max(reduce_sum(mag, axis[0], keepdims=True), list(axis), keepdims=keepdims)
    if ord == np.inf:
        if not matrix:
            return reduce_max(mag, axis, keepdims=keepdims)
        return reduce_max(reduce_sum(mag, axis[1], keepdims=True), list(axis), keepdims=keepdims)
    return pow(reduce_sum(pow(mag, ord), axis, keepdims=keepdims), 1.0 / ord)
