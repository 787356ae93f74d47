"""matmul and tf.linalg."""
import numpy as np
import pytest

import leantf as tf
from leantf.testing import GradCase

rng = np.random.default_rng(4)
A = rng.standard_normal((3, 4))
B = rng.standard_normal((4, 5))
BA = rng.standard_normal((2, 3, 4))

GRADIENT_CASES = {
    "MatMul": [GradCase(tf.matmul, [A, B]),
               GradCase(lambda a, b: tf.matmul(a, b, transpose_a=True), [A.T, B]),
               GradCase(lambda a, b: tf.matmul(a, b, transpose_b=True), [A, B.T]),
               GradCase(lambda a, b: tf.matmul(a, b, transpose_a=True, transpose_b=True), [A.T, B.T]),
               GradCase(tf.matmul, [BA, B])],
}


def test_matmul_matches_numpy_with_flags_and_batches():
    np.testing.assert_allclose(tf.matmul(A, B).numpy(), A @ B)
    np.testing.assert_allclose(tf.matmul(A.T, B, transpose_a=True).numpy(), A @ B)
    np.testing.assert_allclose(tf.matmul(BA, B).numpy(), BA @ B)
    assert tf.matmul(tf.ones((2, 1, 2, 3)), tf.ones((4, 3, 5))).shape == (2, 4, 2, 5)


def test_matmul_size_mismatch_is_invalid_argument():
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.matmul(tf.ones((2, 3)), tf.ones((2, 3)))
    assert str(e.value) == ("{{function_node __wrapped____MklMatMul_device_/job:localhost/replica:0/task:0/"
                            "device:CPU:0}} Matrix size-incompatible: In[0]: [2,3], In[1]: [2,3] "
                            "[Op:MatMul] name: ")


def test_matmul_operator_and_int_matmul():
    out = tf.ones((2, 3), dtype=tf.int32) @ tf.ones((3, 3), dtype=tf.int32)
    assert out.dtype == tf.int32
    np.testing.assert_array_equal(out.numpy(), np.full((2, 3), 3))


# -- einsum, tensordot, tf.linalg -----------------------------------------------------------------
from leantf.framework.symbolic import placeholder  # noqa: E402
from leantf.testing import check_gradients  # noqa: E402

SQ = rng.standard_normal((3, 3)) + 3 * np.eye(3)       # well conditioned
SQB = rng.standard_normal((2, 3, 3)) + 3 * np.eye(3)
RHS = rng.standard_normal((3, 2))
LOW = np.tril(rng.standard_normal((3, 3))) + 3 * np.eye(3)


def _sym_pd(m):
    # A symmetric positive-definite function of an unconstrained matrix, so that the
    # check perturbs both triangles of cholesky's input consistently.
    return tf.matmul(m, m, transpose_b=True) + 3.0 * tf.eye(3, dtype=tf.float64)


GRADIENT_CASES["Einsum"] = [
    GradCase(lambda a, b: tf.einsum("ij,jk->ik", a, b), [A, B]),
    GradCase(lambda a, b: tf.einsum("...ij,...jk->...ik", a, b), [rng.standard_normal((1, 3, 4)), rng.standard_normal((2, 4, 5))]),
    GradCase(lambda a, b: tf.einsum("bij,jk->bki", a, b), [BA, B]),
    GradCase(lambda a: tf.einsum("ii->i", a), [SQ]),
    GradCase(lambda a: tf.einsum("ii", a), [SQ]),
    GradCase(lambda a: tf.einsum("ij->", a), [A]),
    GradCase(lambda a, b: tf.einsum("iij,jk->ik", a, b), [rng.standard_normal((3, 3, 4)), B]),
    GradCase(lambda a, b: tf.einsum("ij,kl->ik", a, b), [A, B]),
    GradCase(lambda a, b, c: tf.einsum("ij,jk,kl->il", a, b, c), [A, B, rng.standard_normal((5, 2))]),
    GradCase(lambda a, b: tf.einsum("i,j->ij", a, b), [A[0], B[0]]),
    GradCase(lambda a, b: tf.tensordot(a, b, [[0, 1], [1, 0]]), [A, A.T]),
    GradCase(lambda a: tf.linalg.diag_part(a, k=1), [A]),
    GradCase(lambda a: tf.linalg.diag(a, k=-1), [A]),
    GradCase(lambda a, d: tf.linalg.set_diag(a, d), [A, A[:, 0]]),
    GradCase(lambda a: tf.linalg.trace(a), [BA]),
    GradCase(lambda a: tf.linalg.matrix_transpose(a), [BA]),
]
GRADIENT_CASES["MatrixInverse"] = [GradCase(tf.linalg.inv, [SQ]), GradCase(tf.linalg.inv, [SQB]),
                                   GradCase(lambda a: tf.linalg.inv(a, adjoint=True), [SQ])]
GRADIENT_CASES["MatrixDeterminant"] = [GradCase(tf.linalg.det, [SQ]), GradCase(tf.linalg.det, [SQB])]
GRADIENT_CASES["LogMatrixDeterminant"] = [GradCase(lambda a: tf.linalg.slogdet(a).log_abs_determinant, [SQB])]
GRADIENT_CASES["MatrixSolve"] = [GradCase(tf.linalg.solve, [SQ, RHS]),
                                 GradCase(lambda a, b: tf.linalg.solve(a, b, adjoint=True), [SQ, RHS])]
GRADIENT_CASES["MatrixTriangularSolve"] = [
    GradCase(tf.linalg.triangular_solve, [LOW, RHS]),
    GradCase(lambda a, b: tf.linalg.triangular_solve(a, b, lower=False), [LOW.T, RHS]),
    GradCase(lambda a, b: tf.linalg.triangular_solve(a, b, adjoint=True), [LOW, RHS]),
    GradCase(tf.linalg.triangular_solve, [LOW, rng.standard_normal((2, 3, 2))]),
]
GRADIENT_CASES["Cholesky"] = [GradCase(lambda m: tf.linalg.cholesky(_sym_pd(m)), [SQ]),
                              GradCase(lambda m: tf.linalg.logdet(_sym_pd(m)), [SQ])]
GRADIENT_CASES["MatrixBandPart"] = [GradCase(lambda a: tf.linalg.band_part(a, 1, 0), [A]),
                                    GradCase(lambda a: tf.linalg.band_part(a, -1, 1), [BA])]


def _eager_text(kernel, detail, op, name=" name: "):
    return (f"{{{{function_node __wrapped__{kernel}_device_/job:localhost/replica:0/task:0/device:CPU:0}}}} "
            f"{detail} [Op:{op}]{name}")


@pytest.mark.parametrize("eq, shapes", [
    ("ij,jk->ik", [(2, 3), (3, 4)]), ("ij,jk", [(2, 3), (3, 4)]), ("ba", [(2, 3)]),
    ("i j , j k -> i k", [(2, 3), (3, 4)]), ("...ij,...jk->...ik", [(1, 2, 3), (5, 3, 4)]),
    ("...ij,jk->...ik", [(7, 2, 3), (3, 4)]), ("ii->i", [(3, 3)]), ("ii", [(3, 3)]), ("i,j->ij", [(2,), (3,)]),
    ("ij,jk,kl->il", [(2, 3), (3, 4), (4, 5)]), ("...ij->...", [(4, 2, 3)]), ("...ij", [(4, 2, 3)]),
    ("i...j,j", [(4, 2, 3), (3,)]), ("...ij,...jk,...->...ik", [(2, 1, 2, 3), (5, 3, 4), (7, 1, 1)]),
    ("aecd,abcd->acbe", [(2, 3, 4, 5), (2, 6, 4, 5)]), ("iij,jk->ik", [(3, 3, 2), (2, 4)]),
    ("ij,ij->", [(2, 3), (2, 3)]), ("iJ,Jk->ik", [(2, 3), (3, 4)]), ("ij,kl->", [(2, 3), (4, 5)]),
])
def test_einsum_matches_numpy(eq, shapes):
    ops = [rng.standard_normal(s) for s in shapes]
    np.testing.assert_allclose(tf.einsum(eq, *ops).numpy(), np.einsum(eq, *ops), rtol=1e-10, atol=1e-12)


def test_einsum_keeps_integer_and_half_dtypes():
    out = tf.einsum("ij,jk->ik", tf.constant([[1, 2]]), tf.constant([[3], [4]]))
    assert out.dtype == tf.int32 and out.numpy().tolist() == [[11]]
    assert tf.einsum("ij,jk->ik", tf.constant([[1.]], tf.float16), tf.constant([[2.]], tf.float16)).dtype == tf.float16


@pytest.mark.parametrize("eq, shapes, exc, text", [
    ("ij,jk->ik", [(2, 3), (2, 3)], tf.errors.InvalidArgumentError, _eager_text(
        "__MklEinsum_N_2", "Expected dimension 3 at axis 0 of the input shaped [2,3] but got dimension 2", "Einsum")),
    ("ijk,jk->ik", [(2, 3), (3, 4)], tf.errors.InvalidArgumentError, _eager_text(
        "__MklEinsum_N_2", "Expected input 0 to have rank 3 but got: 2", "Einsum")),
    ("ii->i", [(2, 3)], tf.errors.InvalidArgumentError, _eager_text(
        "__MklEinsum_N_1", "Expected dimension 2 at axis 1 of the input shaped [2,3] but got dimension 3", "Einsum")),
    ("...ijk->i", [(2, 3)], tf.errors.InvalidArgumentError, _eager_text(
        "__MklEinsum_N_1", "Expected input 0 to have rank at least 3 but got: 2", "Einsum")),
    ("...ij,...jk->...ik", [(2, 2, 3), (5, 3, 4)], tf.errors.InvalidArgumentError, _eager_text(
        "__MklEinsum_N_2", "In[0] and In[1] must have compatible batch dimensions: [2,2,3] vs. [5,3,4]", "Einsum")),
    ("ij,ij->ij", [(1, 3), (2, 3)], tf.errors.InvalidArgumentError, _eager_text(
        "__MklEinsum_N_2", "Expected dimension 1 at axis 0 of the input shaped [2,3] but got dimension 2", "Einsum")),
    ("ij,jk->ik", [(2, 3)], ValueError, 'Got 1 inputs for equation "ij,jk->ik", expecting 2'),
    ("ij->ik", [(2, 3)], ValueError, "Output subscripts contain the label k not present in the input subscripts."),
    ("ij->ii", [(2, 3)], ValueError, "Output subscripts contain a label appearing more than once: ij->ii"),
    ("i1,jk->ik", [(2, 3), (3, 4)], ValueError, "Subscripts have incorrect format: i1,jk->ik"),
    ("ij->j->i", [(2, 3)], ValueError, "Subscripts have incorrect format: ij->j->i"),
])
def test_einsum_errors_match_tf(eq, shapes, exc, text):
    with pytest.raises(exc) as e:
        tf.einsum(eq, *[tf.zeros(s) for s in shapes])
    assert str(e.value) == text


def test_einsum_and_matmul_dtype_mismatch_name_the_mkl_kernel():
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.einsum("ij,jk->ik", tf.zeros((2, 3)), tf.zeros((3, 4), tf.float64))
    assert str(e.value) == ("cannot compute _MklEinsum as input #1(zero-based) was expected to be a float tensor "
                            "but is a double tensor [Op:Einsum] name: ")
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.matmul(tf.zeros((2, 2)), tf.zeros((2, 2), tf.float64))
    assert str(e.value).startswith("cannot compute _MklMatMul as input #1(zero-based)")


def test_einsum_symbolic_shapes_and_graph_error():
    x, y = placeholder([None, 3]), placeholder([3, None])
    assert tf.einsum("ij,jk->ik", x, y).shape.as_list() == [None, None]
    b = placeholder([None, 2, 3])
    assert tf.einsum("...ij,...jk->...ik", b, placeholder([None, 3, 4])).shape.as_list() == [None, 2, 4]
    assert tf.einsum("...ij,jk->...ik", placeholder(None), placeholder([3, 4])).shape.rank is None
    with pytest.raises(ValueError, match=r"Dimensions must be equal, but are 3 and 2 for '\{\{node Einsum\}\} = "
                                         r"Einsum\[N=2, T=DT_FLOAT, equation=\"ij,jk->ik\"\]"):
        tf.einsum("ij,jk->ik", placeholder([2, 3]), placeholder([2, 4]))


def test_einsum_complex_gradient_is_conjugated_like_matmul():
    c = tf.complex(tf.constant([[1., 2.]]), tf.constant([[3., -1.]]))
    d = tf.complex(tf.constant([[1.], [2.]]), tf.constant([[0.5], [2.]]))
    for f in (lambda: tf.einsum("ij,jk->ik", c, d), lambda: tf.matmul(c, d)):
        with tf.GradientTape() as tape:
            tape.watch([c, d])
            y = f()
        gc, gd = tape.gradient(y, [c, d])
        np.testing.assert_allclose(gc.numpy(), [[1 - 0.5j, 2 - 2j]])  # values from TF 2.21
        np.testing.assert_allclose(gd.numpy(), [[1 - 3j], [2 + 1j]])


def test_tensordot_values_and_shapes():
    a, b = rng.standard_normal((2, 3)), rng.standard_normal((3, 4))
    np.testing.assert_allclose(tf.tensordot(a, b, 1).numpy(), a @ b)
    assert tf.tensordot(a, b, 0).shape == (2, 3, 3, 4)
    np.testing.assert_allclose(tf.tensordot(a, b, [[1], [0]]).numpy(), a @ b)
    np.testing.assert_allclose(tf.tensordot(a, b, [1, 0]).numpy(), a @ b)
    np.testing.assert_allclose(tf.tensordot(a, b, [[-1], [0]]).numpy(), a @ b)
    c, d = rng.standard_normal((2, 3, 4)), rng.standard_normal((3, 4, 5))
    np.testing.assert_allclose(tf.tensordot(c, d, 2).numpy(), np.tensordot(c, d, 2))
    assert tf.tensordot(tf.constant([1, 2]), tf.constant([3, 4]), 1).numpy() == 11
    assert tf.tensordot(placeholder([None, 3]), placeholder([3, None]), 1).shape.as_list() == [None, None]


def test_tensordot_errors_match_tf():
    a, b = tf.zeros((2, 3)), tf.zeros((3, 4))
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.tensordot(a, b, [[0], [0]])
    assert str(e.value) == _eager_text("__MklMatMul", "Matrix size-incompatible: In[0]: [3,2], In[1]: [3,4]", "MatMul")
    with pytest.raises(ValueError, match=r"^`axes` must be at least 0. Received: -1.$"):
        tf.tensordot(a, b, -1)
    with pytest.raises(ValueError, match=r"Received 3, vs tensor dimensions 2.$"):
        tf.tensordot(a, b, 3)
    with pytest.raises(ValueError, match=r"^Different number of contraction axes `a` and `b`, 2 != 1.$"):
        tf.tensordot(a, b, [[1, 0], [0]])
    with pytest.raises(ValueError, match=r"^`axes` must be an integer or have length 2"):
        tf.tensordot(a, b, [[1], [0], [1]])


def test_norm_matches_tf():
    x = tf.constant([[1., -2.], [3., 4.]])
    cases = [({}, 5.4772257), ({"ord": 1}, 10.), ({"ord": np.inf}, 4.), ({"ord": 3}, 4.641589),
             ({"ord": 0.5}, 37.77657), ({"ord": "fro", "axis": [0, 1]}, 5.4772257), ({"ord": 1, "axis": [0, 1]}, 6.),
             ({"ord": np.inf, "axis": [0, 1]}, 7.), ({"ord": 1, "axis": (-1, -2)}, 7.)]
    for kwargs, want in cases:
        np.testing.assert_allclose(tf.norm(x, **kwargs).numpy(), want, rtol=1e-6)
    np.testing.assert_allclose(tf.norm(x, axis=1).numpy(), [2.236068, 5.])
    assert tf.norm(x, axis=1, keepdims=True).shape == (2, 1)
    assert tf.norm(x, keepdims=True).shape == (1, 1)
    assert tf.norm(x, axis=(-2, -1), keepdims=True).shape == (1, 1)
    np.testing.assert_allclose(tf.norm(x, ord=np.inf, axis=0).numpy(), [3., 4.])
    assert tf.norm(tf.complex([3.], [4.])).dtype == tf.complex64
    assert tf.linalg.norm is tf.norm


@pytest.mark.parametrize("kwargs, text", [
    ({"ord": "fro"}, "'ord' must be a supported vector norm, got fro"),
    ({"ord": 3, "axis": [0, 1]}, "'ord' must be a supported matrix norm in ['euclidean', 'fro', 1, 2, inf], got 3"),
    ({"axis": [0, 1, 2]}, "'axis' must be None, an integer, or a tuple of 2 unique integers, got [0, 1, 2]"),
    ({"axis": [0, 0]}, "'axis' must be None, an integer, or a tuple of 2 unique integers, got (0, 0)"),
    ({"ord": -1}, "'ord' must be a supported vector norm, got -1"),
    ({"ord": "x"}, "'ord' must be a supported vector norm, got x"),
])
def test_norm_argument_errors(kwargs, text):
    with pytest.raises(ValueError) as e:
        tf.norm(tf.zeros((2, 2)), **kwargs)
    assert str(e.value) == text


def test_norm_gradients():
    check_gradients(lambda x: tf.norm(x), [A], order=2)
    check_gradients(lambda x: tf.norm(x, ord=3, axis=1), [A + 5], order=2)
    check_gradients(lambda x: tf.norm(x, ord=1, axis=[0, 1]), [A], order=1)
    check_gradients(lambda x: tf.norm(x, ord=np.inf), [A], order=1)


def test_inverse_determinant_solve_match_numpy():
    np.testing.assert_allclose(tf.linalg.inv(SQB).numpy(), np.linalg.inv(SQB))
    np.testing.assert_allclose(tf.linalg.inv(SQ, adjoint=True).numpy(), np.linalg.inv(SQ.T))
    np.testing.assert_allclose(tf.linalg.det(SQB).numpy(), np.linalg.det(SQB))
    sign, logabs = tf.linalg.slogdet(SQB)
    np.testing.assert_allclose(sign.numpy() * np.exp(logabs.numpy()), np.linalg.det(SQB))
    np.testing.assert_allclose(tf.linalg.solve(SQ, RHS).numpy(), np.linalg.solve(SQ, RHS))
    np.testing.assert_allclose(tf.linalg.solve(SQ, RHS, adjoint=True).numpy(), np.linalg.solve(SQ.T, RHS))
    assert tf.linalg.det(tf.constant([[1., -2.], [3., 4.]])).numpy() == 10.
    pd = SQ @ SQ.T
    np.testing.assert_allclose(tf.linalg.cholesky(pd).numpy(), np.linalg.cholesky(pd))
    np.testing.assert_allclose(tf.linalg.logdet(pd).numpy(), np.log(np.linalg.det(pd)))
    slog = tf.linalg.slogdet(tf.constant([[0., 1.], [1., 0.]]))
    assert type(slog).__name__ == "LogMatrixDeterminant" and slog.sign.numpy() == -1.0
    assert tf.linalg.slogdet(tf.ones((2, 2))).log_abs_determinant.numpy() == -np.inf


def test_triangular_solve_uses_one_triangle_and_broadcasts():
    a = tf.constant([[2., 5.], [1., 1.]])
    b = tf.constant([[2.], [3.]])
    assert tf.linalg.triangular_solve(a, b).numpy().tolist() == [[1.], [2.]]
    assert tf.linalg.triangular_solve(a, b, lower=False).numpy().tolist() == [[-6.5], [3.]]
    assert tf.linalg.triangular_solve(a, b, adjoint=True).numpy().tolist() == [[-0.5], [3.]]
    assert tf.linalg.triangular_solve(a, tf.ones((3, 2, 1))).shape == (3, 2, 1)


def test_cholesky_reads_the_lower_triangle_and_fills_nan_when_not_positive_definite():
    np.testing.assert_allclose(tf.linalg.cholesky(tf.constant([[4., 100.], [2., 3.]])).numpy(),
                               [[2., 0.], [1., np.sqrt(2.)]], rtol=1e-6)
    out = tf.linalg.cholesky(tf.constant([[[1., 2.], [2., 1.]], [[4., 2.], [2., 3.]]])).numpy()
    assert np.isnan(out[0]).all() and not np.isnan(out[1]).any()


@pytest.mark.parametrize("fn, op, detail", [
    (lambda: tf.linalg.inv(tf.ones((2, 2))), "MatrixInverse", "Input is not invertible."),
    (lambda: tf.linalg.inv(tf.ones((2, 3))), "MatrixInverse", "Input matrix must be square."),
    (lambda: tf.linalg.inv(tf.ones((2,))), "MatrixInverse", "Input tensor 0 must have rank >= 2, got 1"),
    (lambda: tf.linalg.det(tf.ones((2, 3))), "MatrixDeterminant", "Input matrix must be square."),
    (lambda: tf.linalg.cholesky(tf.ones((2, 3))), "Cholesky", "Input matrix must be square."),
    (lambda: tf.linalg.solve(tf.ones((2, 2)), tf.ones((2,))), "MatrixSolve", "All input tensors must have the same rank."),
    (lambda: tf.linalg.solve(tf.eye(2), tf.ones((3, 1))), "MatrixSolve", "Input matrix and rhs are incompatible."),
    (lambda: tf.linalg.solve(tf.ones((2, 2)), tf.ones((2, 1))), "MatrixSolve", "Input matrix is not invertible."),
    (lambda: tf.linalg.solve(tf.ones((2, 2, 2)), tf.ones((3, 2, 1))), "MatrixSolve",
     "All input tensors must have the same outer dimensions."),
    (lambda: tf.linalg.band_part(tf.ones((3,)), 1, 0), "MatrixBandPart", "input must be at least 2-dim, received shape: [3]"),
    (lambda: tf.linalg.band_part(tf.ones((3, 3)), 5, 0), "MatrixBandPart",
     "num_lower must be negative or less or equal to number of rows (3) got: 5"),
])
def test_linalg_kernel_errors_match_tf(fn, op, detail):
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        fn()
    assert str(e.value) == _eager_text(op, detail, op)


def test_linalg_dtype_error_matches_tf_class():
    with pytest.raises(tf.errors.InvalidArgumentError, match="Value for attr 'T' of int32 is not in the list"):
        tf.linalg.inv(tf.ones((2, 2), tf.int32))


def test_linalg_symbolic_shapes():
    x = placeholder([None, 3, 3])
    assert tf.linalg.inv(x).shape.as_list() == [None, 3, 3]
    assert tf.linalg.det(x).shape.as_list() == [None]
    assert tf.linalg.cholesky(x).shape.as_list() == [None, 3, 3]
    assert tf.linalg.matrix_transpose(placeholder([None, 2, 3])).shape.as_list() == [None, 3, 2]
    assert tf.linalg.diag_part(x).shape.as_list() == [None, 3]
    with pytest.raises(ValueError, match="Dimensions must be equal, but are 3 and 2"):
        tf.linalg.inv(placeholder([None, 3, 2]))


def test_diagonals_bands_and_transposes_match_tf():
    m = np.arange(12.).reshape(3, 4)
    assert tf.linalg.diag_part(m).numpy().tolist() == [0., 5., 10.]
    assert tf.linalg.diag_part(m, k=1).numpy().tolist() == [1., 6., 11.]
    assert tf.linalg.diag_part(m.reshape(4, 3), k=-1).numpy().tolist() == [3., 7., 11.]
    assert tf.linalg.diag([1., 2.]).numpy().tolist() == [[1., 0.], [0., 2.]]
    assert tf.linalg.diag([1., 2.], k=1).numpy().tolist() == [[0., 1., 0.], [0., 0., 2.], [0., 0., 0.]]
    assert tf.linalg.diag([1., 2.], k=-1, num_rows=3, num_cols=4, padding_value=9).numpy().tolist() == [
        [9., 9., 9., 9.], [1., 9., 9., 9.], [9., 2., 9., 9.]]
    assert tf.linalg.diag([[1., 2.], [3., 4.]]).shape == (2, 2, 2)
    assert tf.linalg.set_diag(tf.zeros((3, 4)), [1., 2., 3.], k=1).numpy().tolist() == [
        [0., 1., 0., 0.], [0., 0., 2., 0.], [0., 0., 0., 3.]]
    assert tf.linalg.trace(tf.ones((2, 3))).numpy() == 2.
    assert tf.linalg.trace(tf.ones((2, 2), tf.int32)).dtype == tf.int32
    assert tf.linalg.band_part(tf.ones((3, 3)), 1, 0).numpy().tolist() == [[1, 0, 0], [1, 1, 0], [0, 1, 1]]
    assert tf.linalg.matrix_transpose(tf.ones((2, 3, 4))).shape == (2, 4, 3)
    assert tf.linalg.adjoint(tf.complex([[1., 2.]], [[1., 0.]])).numpy().tolist() == [[1 - 1j], [2 - 0j]]
    assert tf.linalg.matvec(np.arange(6.).reshape(2, 3), np.ones(3)).numpy().tolist() == [3., 12.]
    assert tf.eye(2, 3, batch_shape=[2], dtype=tf.int32).shape == (2, 2, 3)
    assert tf.eye(2).numpy().tolist() == [[1., 0.], [0., 1.]]


def test_diagonal_and_transpose_argument_errors():
    with pytest.raises(ValueError) as e:
        tf.linalg.matrix_transpose(tf.ones((3,)))
    assert str(e.value) == ("Argument `a` should be a (batch) matrix with rank >= 2.  Received `a` = [1. 1. 1.] "
                            "with shape: (3,)")
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.linalg.diag_part(tf.ones((2,)))
    assert str(e.value) == _eager_text("MatrixDiagPartV3", "input must be at least 2-dim, received shape: [2]",
                                       "MatrixDiagPartV3", " name: diag_part")
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.linalg.diag(1.)
    assert str(e.value) == _eager_text("MatrixDiagV3", "diagonal must be at least 1-dim, received shape: []",
                                       "MatrixDiagV3", " name: diag")
