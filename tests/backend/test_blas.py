"""backend/blas.py: the BLAS thread count per product size, and failing soft without a library."""
import numpy as np
import pytest

import leantf as tf
from leantf.backend import blas


@pytest.fixture
def fresh_blas(monkeypatch):
    """Each test finds the library afresh; the process's state is restored afterwards."""
    saved = (dict(blas._lib), list(blas._current), list(blas._max), dict(blas._auto))
    monkeypatch.setattr(blas, "_lib", {"path": None, "set": None, "get": None, "loaded": False})
    monkeypatch.setattr(blas, "_current", [None])
    monkeypatch.setattr(blas, "_max", [0])
    monkeypatch.setattr(blas, "_auto", {"threads": None, "next": 0.0, "sample": None})
    for name in blas._USER_ENV:
        monkeypatch.delenv(name, raising=False)
    yield blas
    blas._lib.clear()
    blas._lib.update(saved[0])
    blas._current[:] = saved[1]
    blas._max[:] = saved[2]
    if saved[0]["set"] is not None and saved[1][0] is not None:
        saved[0]["set"](saved[1][0])  # the count the process had


def test_matmul_is_numpy_matmul():
    rng = np.random.default_rng(0)
    for a_shape, b_shape in [((3, 4), (4, 5)), ((2, 3, 4), (4, 5)), ((4, 5), (2, 5, 3)), ((4,), (4, 2)), ((3, 4), (4,))]:
        a = rng.random(a_shape, dtype=np.float32)
        b = rng.random(b_shape, dtype=np.float32)
        np.testing.assert_array_equal(blas.matmul(a, b), np.matmul(a, b))


def test_small_products_take_one_thread_large_ones_the_configured_count(fresh_blas):
    if not fresh_blas.available():
        pytest.skip("no BLAS library with a thread-count entry point in this process")
    fresh_blas.gemm_threads(2 * 50 * 784 * 100)  # the seed MLP's Dense layer
    assert fresh_blas.get_num_threads() == 1
    fresh_blas.set_max_threads(2)
    fresh_blas.gemm_threads(fresh_blas.SMALL_GEMM_FLOPS * 4)
    assert fresh_blas.get_num_threads() == 2
    fresh_blas.gemm_threads(10)
    assert fresh_blas.get_num_threads() == 1
    fresh_blas.set_max_threads(0)  # automatic: every core unless other processes keep them busy
    assert 1 <= fresh_blas.max_threads() <= fresh_blas._cpu_count()


def test_products_agree_whatever_the_thread_count(fresh_blas):
    rng = np.random.default_rng(1)
    a = rng.random((300, 400), dtype=np.float32)
    b = rng.random((400, 300), dtype=np.float32)
    fresh_blas.set_max_threads(1)
    one = fresh_blas.matmul(a, b)
    fresh_blas.set_max_threads(2)
    two = fresh_blas.matmul(a, b)
    np.testing.assert_allclose(one, two, rtol=1e-5)


def test_no_library_means_no_control_and_no_error(fresh_blas, monkeypatch):
    monkeypatch.setattr(fresh_blas, "_candidate_paths", lambda: [])
    assert fresh_blas.available() is False
    assert fresh_blas.library_path() is None and fresh_blas.get_num_threads() is None
    fresh_blas.set_num_threads(2)
    fresh_blas.gemm_threads(1e12)
    a = np.ones((3, 3), np.float32)
    np.testing.assert_array_equal(fresh_blas.matmul(a, a), a @ a)


def test_a_thread_count_the_user_set_in_the_environment_is_left_alone(fresh_blas, monkeypatch):
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "2")
    assert fresh_blas.available() is False


def test_tf_config_sets_the_count_for_large_products(fresh_blas):
    try:
        tf.config.threading.set_intra_op_parallelism_threads(1)
        assert fresh_blas.max_threads() == 1
        if fresh_blas.available():
            x = tf.constant(np.ones((400, 400), np.float32))
            tf.matmul(x, x)
            assert fresh_blas.get_num_threads() == 1
    finally:
        tf.config.threading.set_intra_op_parallelism_threads(0)
