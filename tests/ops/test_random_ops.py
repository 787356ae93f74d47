"""tf.random: TF's exact numbers (golden programs from tools/golden_random.py), seeding rules,
errors, the Generator, graph nodes, and the glibc arithmetic behind normal samples."""
import ctypes
import ctypes.util
import importlib.util
import json
import os
import platform

import numpy as np
import pytest

import leantf as tf
from leantf.framework.symbolic import evaluate, placeholder
from leantf.ops import philox, random_ops


FIXTURE = os.path.join(os.path.dirname(__file__), "..", "fixtures", "random_golden.json")
with open(FIXTURE) as _f:
    GOLDEN = json.load(_f)
HAVE_ML_DTYPES = importlib.util.find_spec("ml_dtypes") is not None


def _run(code):
    tf.random.set_seed(None)
    scope = {"tf": tf}
    exec(code, scope)
    out = scope["out"]
    return out if isinstance(out, list) else [out]


@pytest.mark.parametrize("case", GOLDEN["cases"], ids=[c["name"] for c in GOLDEN["cases"]])
def test_programs_draw_tensorflows_exact_numbers(case, monkeypatch):
    if case["name"] == "bfloat16" and not HAVE_ML_DTYPES:
        pytest.skip("bfloat16 needs ml_dtypes")
    if case["name"] == "split_fold_in" and not hasattr(tf.random, "split"):
        pytest.skip("leantf/random.py does not re-export random_ops.RANDOM_NAMES yet")
    # Multinomial's numbers depend on TF's thread-pool size when rows are split into shards.
    monkeypatch.setattr(random_ops, "INTRA_OP_THREADS", GOLDEN["intra_op_threads"])
    outs = _run(case["code"])
    assert len(outs) == len(case["results"])
    for out, want in zip(outs, case["results"]):
        got = np.asarray(out.numpy())
        assert out.dtype.name == want["dtype"]
        assert list(got.shape) == want["shape"]
        if out.dtype.is_integer:
            assert [int(v) for v in got.reshape(-1)] == want["values"]
        else:
            np.testing.assert_array_equal(got.reshape(-1).astype(np.float64), np.array(want["values"]))


def test_the_three_brief_checks_by_value():
    np.testing.assert_array_equal(tf.random.stateless_uniform([3], seed=[1, 2]).numpy(),
                                  np.float32([0.8440604209899902, 0.19204533100128174, 0.9962232112884521]))
    g = tf.random.Generator.from_seed(1)
    np.testing.assert_array_equal(g.normal([3]).numpy(),
                                  np.float32([0.4384227395057678, -0.5343984365463257, -0.07710261642932892]))
    np.testing.assert_array_equal(g.state.numpy(), [769, 0, 0])
    tf.random.set_seed(1)
    np.testing.assert_array_equal(tf.random.uniform([3]).numpy(),
                                  np.float32([0.1651308536529541, 0.9014812707901001, 0.6309741735458374]))


# -- seeding rules ---------------------------------------------------------------------------------
def _program():
    return [tf.random.uniform([4]).numpy(), tf.random.normal([2, 2]).numpy(), tf.random.uniform([3], seed=9).numpy(),
            tf.random.shuffle(tf.range(6)).numpy()]


def test_a_global_seed_makes_a_program_repeatable():
    tf.random.set_seed(42)
    first = _program()
    tf.random.set_seed(42)
    second = _program()
    for a, b in zip(first, second):
        np.testing.assert_array_equal(a, b)
    tf.random.set_seed(43)
    assert not np.array_equal(_program()[0], first[0])


def test_each_call_advances_and_set_seed_restarts_the_stream():
    tf.random.set_seed(5)
    a = tf.random.uniform([3], seed=1).numpy()
    b = tf.random.uniform([3], seed=1).numpy()
    assert not np.array_equal(a, b)
    tf.random.set_seed(5)
    np.testing.assert_array_equal(tf.random.uniform([3], seed=1).numpy(), a)


def test_calls_share_a_stream_per_op_seed_and_dtype_not_per_shape():
    tf.random.set_seed(None)
    tf.random.uniform([3], seed=2)
    # The same kernel serves any shape: this call continues 3 * 256 blocks further on.
    tail = tf.random.uniform([2], seed=2).numpy()
    np.testing.assert_array_equal(tail, philox.uniform(87654321, (2 << 64) + 3 * 256, 2, np.float32))
    # Another dtype is another kernel with a fresh stream.
    other = tf.random.uniform([3], seed=2, dtype=tf.float64).numpy()
    np.testing.assert_array_equal(other, philox.uniform(87654321, 2 << 64, 3, np.float64))


def test_op_seed_without_global_seed_pairs_with_the_default_graph_seed():
    tf.random.set_seed(None)
    assert random_ops.get_seed(7) == (87654321, 7)
    assert random_ops.get_seed(None) == (None, None)
    tf.random.set_seed(1)
    assert random_ops.get_seed(None) == (1, 577090037)   # Python's Random(1).randint(0, 2**31 - 1)
    tf.random.set_seed(0)
    assert random_ops.get_seed(0) == (0, 2 ** 31 - 1)    # (0, 0) would mean "unseeded"


def test_unseeded_ops_differ_between_calls():
    tf.random.set_seed(None)
    assert not np.array_equal(tf.random.uniform([8]).numpy(), tf.random.uniform([8]).numpy())


def test_distributions_look_right():
    tf.random.set_seed(0)
    u = tf.random.uniform([20000]).numpy()
    assert u.dtype == np.float32 and u.min() >= 0 and u.max() < 1 and abs(u.mean() - 0.5) < 0.01
    n = tf.random.normal([20000], mean=3.0, stddev=2.0).numpy()
    assert abs(n.mean() - 3) < 0.05 and abs(n.std() - 2) < 0.05
    t = tf.random.truncated_normal([20000]).numpy()
    assert np.abs(t).max() < 2 and 0.85 < t.std() < 0.9
    i = tf.random.uniform([20000], -3, 4, dtype=tf.int64).numpy()
    assert set(np.unique(i)) == set(range(-3, 4))
    s = tf.random.shuffle(tf.range(100)).numpy()
    assert sorted(s.tolist()) == list(range(100))
    c = tf.random.categorical(tf.math.log([[0.1, 0.9]]), 5000).numpy()
    assert c.shape == (1, 5000) and 0.85 < c.mean() < 0.95


def test_shapes_accept_tensorshape_scalars_and_int64_tensors():
    assert tf.random.uniform(()).shape == ()
    assert tf.random.uniform(tf.TensorShape([2, 3])).shape == (2, 3)
    assert tf.random.normal(tf.constant([4], tf.int64)).shape == (4,)
    assert tf.random.uniform([0, 3]).shape == (0, 3)
    assert tf.random.stateless_normal((2,), seed=[1, 1]).dtype == tf.float32


def test_random_values_carry_gradients_to_mean_and_stddev():
    mean, std = tf.Variable(1.0), tf.Variable(2.0)
    tf.random.set_seed(None)
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(tf.random.normal([5], mean=mean, stddev=std, seed=1))
    g_mean, g_std = tape.gradient(y, [mean, std])
    assert float(g_mean) == 5.0
    tf.random.set_seed(None)
    assert np.isclose(float(g_std), float(tf.reduce_sum(tf.random.normal([5], seed=1))))


# -- errors (texts from TF 2.21) ---------------------------------------------------------------------
_WRAP = "{{function_node __wrapped__%s_device_/job:localhost/replica:0/task:0/device:CPU:0}} %s [Op:%s] name: "


@pytest.mark.parametrize("call, exc, text", [
    (lambda: tf.random.uniform([-1]), tf.errors.InvalidArgumentError,
     _WRAP % ("RandomUniform", "Dimension -1 must be >= 0", "RandomUniform")),
    (lambda: tf.random.uniform([[2]]), tf.errors.InvalidArgumentError,
     _WRAP % ("RandomUniform", "shape must be a vector of {int32,int64}, got shape [1,1]", "RandomUniform")),
    (lambda: tf.random.uniform(2), tf.errors.InvalidArgumentError,
     _WRAP % ("RandomUniform", "shape must be a vector of {int32,int64}, got shape []", "RandomUniform")),
    (lambda: tf.random.uniform([2], dtype=tf.int32), ValueError, "Must specify maxval for integer dtype tf.int32"),
    (lambda: tf.random.uniform([2], minval=5, maxval=3, dtype=tf.int32), tf.errors.InvalidArgumentError,
     _WRAP % ("RandomUniformInt", "Need minval < maxval, got 5 >= 3", "RandomUniformInt")),
    (lambda: tf.random.uniform([2], dtype=tf.uint8, maxval=3), ValueError,
     "Argument `dtype` got invalid value <dtype: 'uint8'>. Accepted dtypes are (tf.float16, tf.bfloat16, "
     "tf.float32, tf.float64, tf.int32, tf.int64)."),
    (lambda: tf.random.uniform([2.5]), tf.errors.InvalidArgumentError,
     "Value for attr 'T' of float is not in the list of allowed values: int32, int64\n\t; NodeDef: {{node "
     "RandomUniform}}; Op<name=RandomUniform; signature=shape:T -> output:dtype; attr=seed:int,default=0; "
     "attr=seed2:int,default=0; attr=dtype:type,allowed=[DT_HALF, DT_BFLOAT16, DT_FLOAT, DT_DOUBLE]; "
     "attr=T:type,allowed=[DT_INT32, DT_INT64]; is_stateful=true> [Op:RandomUniform] name: "),
    (lambda: tf.random.normal([2], dtype=tf.int32), TypeError, "Cannot convert 0.0 to EagerTensor of dtype int32"),
    (lambda: tf.random.stateless_uniform([2], seed=[1, 2, 3]), tf.errors.InvalidArgumentError,
     "{{function_node __wrapped__StatelessRandomGetKeyCounter_device_/job:localhost/replica:0/task:0/device:CPU:0}}"
     " seed must have shape [2], not [3] [Op:StatelessRandomGetKeyCounter]"),
    (lambda: tf.random.stateless_uniform([2], seed=1), tf.errors.InvalidArgumentError,
     _WRAP % ("StatelessRandomGetKeyCounter", "seed must have shape [2], not []", "StatelessRandomGetKeyCounter")),
    (lambda: tf.random.stateless_uniform([2], seed=[1, 2], dtype=tf.int32), ValueError,
     "For integer `dtype` argument <dtype: 'int32'>, argument `minval` and `maxval` must be both None or not "
     "None. Got `minval`=0 and `maxval`=None."),
    (lambda: tf.random.stateless_uniform([3], seed=[1, 2], alg="bad"), ValueError,
     "Argument `alg` got unsupported value bad. Supported values are philox for the Philox algorithm, threefry "
     "for the ThreeFry algorithm, and auto_select for auto-selection."),
    (lambda: tf.random.stateless_uniform([3], seed=[1, 2], alg="threefry"), tf.errors.InvalidArgumentError,
     _WRAP % ("StatelessRandomUniformV2", "counter must be a vector with length at least 2; got shape: [1]. "
              "(Note that batched counters are not supported yet.)", "StatelessRandomUniformV2")),
    (lambda: tf.random.categorical([0., 1.], 2), tf.errors.InvalidArgumentError,
     _WRAP % ("Multinomial", "logits should be a matrix, got shape [2]", "Multinomial")),
    (lambda: tf.random.categorical([[0., 1.]], -1), tf.errors.InvalidArgumentError,
     _WRAP % ("Multinomial", "num_samples should be non-negative, got -1", "Multinomial")),
    (lambda: tf.random.categorical(tf.zeros([2, 0]), 2), tf.errors.InvalidArgumentError,
     _WRAP % ("Multinomial", "num_classes should be positive, got 0", "Multinomial")),
    (lambda: tf.random.categorical([[0., 1.]], 2, dtype=tf.float32), ValueError,
     "Argument `dtype` got invalid value <dtype: 'float32'>. Accepted dtypes are (tf.int32, tf.int64)."),
    (lambda: tf.random.Generator.from_seed(1).uniform([2], dtype=tf.int32), ValueError,
     "For integer dtype <dtype: 'int32'>, minval and maxval must be both `None` or both non-`None`; got "
     "minval=0 and maxval=None"),
    (lambda: tf.random.Generator.from_seed(1, alg="threefry").normal([2]), tf.errors.UnimplementedError,
     _WRAP % ("RngReadAndSkip", "Non-XLA devices don't support the ThreeFry algorithm.", "RngReadAndSkip")),
])
def test_errors_match_tensorflow(call, exc, text):
    with pytest.raises(exc) as e:
        call()
    assert str(e.value) == text


def test_categorical_on_integer_logits_has_no_kernel():
    with pytest.raises(tf.errors.NotFoundError) as e:
        tf.random.categorical([[0, 1]], 2)
    assert str(e.value).startswith("Could not find device for node: {{node Multinomial}} = Multinomial[T=DT_INT32, "
                                   "output_dtype=DT_INT64, seed=0, seed2=0]\nAll kernels registered for op")


# -- Generator ---------------------------------------------------------------------------------------
def test_generator_state_advances_256_blocks_per_value():
    g = tf.random.Generator.from_seed(1)
    g.uniform([5])
    np.testing.assert_array_equal(g.state.numpy(), [1 + 5 * 256, 0, 0])
    assert g.state.name == "StateVar:0" and g.state.dtype == tf.int64 and not g.state.trainable
    assert g.algorithm == 1


def test_generator_copies_resets_and_global_generator():
    g = tf.random.Generator.from_seed(3)
    h = tf.random.Generator(copy_from=g)
    np.testing.assert_array_equal(g.normal([4]).numpy(), h.normal([4]).numpy())
    g.reset_from_seed(3)
    np.testing.assert_array_equal(g.state.numpy(), [3, 0, 0])
    g.reset([9, 8, 7])
    np.testing.assert_array_equal(g.state.numpy(), [9, 8, 7])
    g.reset_from_key_counter(5, [1, 2])
    np.testing.assert_array_equal(g.state.numpy(), [1, 2, 5])
    mine = tf.random.Generator.from_seed(11)
    tf.random.set_global_generator(mine)
    assert tf.random.get_global_generator() is mine
    assert random_ops.experimental.Generator is tf.random.Generator


def test_global_generator_is_not_seeded_by_set_seed():
    tf.random.set_global_generator(None)
    tf.random.set_seed(1)
    a = tf.random.get_global_generator().normal([4]).numpy()
    tf.random.set_global_generator(None)
    tf.random.set_seed(1)
    assert not np.array_equal(a, tf.random.get_global_generator().normal([4]).numpy())


# -- graphs ------------------------------------------------------------------------------------------
def test_a_graph_node_owns_its_stream():
    tf.random.set_seed(None)
    shape = placeholder([1], tf.int32)
    y = tf.random.uniform(shape, seed=4)
    assert y.shape.as_list() == [None]
    first = evaluate(y, [(shape, tf.constant([3]))]).numpy()
    second = evaluate(y, [(shape, tf.constant([3]))]).numpy()
    assert not np.array_equal(first, second)
    tf.random.set_seed(None)
    np.testing.assert_array_equal(first, tf.random.uniform([3], seed=4).numpy())


def test_stateless_ops_take_symbolic_seeds():
    seed = placeholder([2], tf.int32)
    y = tf.random.stateless_normal([3], seed=seed)
    got = evaluate(y, [(seed, tf.constant([1, 2]))]).numpy()
    np.testing.assert_array_equal(got, tf.random.stateless_normal([3], seed=[1, 2]).numpy())


# -- the arithmetic under the numbers -----------------------------------------------------------------
@pytest.mark.parametrize("key, counter, want", [
    # Random123's known-answer vectors for Philox4x32-10 (counter and key words low first).
    (0, 0, [0x6627E8D5, 0xE169C58D, 0xBC57AC4C, 0x9B00DBD8]),
    ((1 << 64) - 1, (1 << 128) - 1, [0x408F276D, 0x41C83B0E, 0xA20BC7C6, 0x6D5451FD]),
    (0xA4093822 | 0x299F31D0 << 32, 0x243F6A88 | 0x85A308D3 << 32 | 0x13198A2E << 64 | 0x03707344 << 96,
     [0xD16CFE09, 0x94FDCCEB, 0x5001E420, 0x24126EA1]),
])
def test_philox_matches_the_published_known_answers(key, counter, want):
    assert [int(v) for v in philox.blocks(key, counter, 1)[0]] == want


def _glibc_libm():
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return None
    major, minor = (int(p) for p in platform.libc_ver()[1].split(".")[:2])
    if (major, minor) < (2, 28):        # glibc's current logf/sincosf arrived in 2.28
        return None
    return ctypes.CDLL(ctypes.util.find_library("m"))


@pytest.mark.skipif(_glibc_libm() is None, reason="compares with glibc >= 2.28's libm")
def test_float_logf_and_sincosf_reproduce_glibc():
    libm = _glibc_libm()
    for fn in ("logf", "sinf", "cosf"):
        getattr(libm, fn).restype = ctypes.c_float
        getattr(libm, fn).argtypes = [ctypes.c_float]
    bits = np.random.default_rng(0).integers(0, 2 ** 23, 20000, dtype=np.uint32)
    bits = np.concatenate([bits, np.arange(64, dtype=np.uint32), 2 ** 23 - 1 - np.arange(64, dtype=np.uint32)])
    u = np.maximum(philox._unit_f32(bits), np.float32(1e-7))
    want = np.array([libm.logf(float(v)) for v in u], np.float32)
    np.testing.assert_array_equal(philox._logf(u), want)
    angle = (2 * np.pi * philox._unit_f32(bits).astype(np.float64)).astype(np.float32)
    s, c = philox._sincosf(angle)
    np.testing.assert_array_equal(s, np.array([libm.sinf(float(v)) for v in angle], np.float32))
    np.testing.assert_array_equal(c, np.array([libm.cosf(float(v)) for v in angle], np.float32))
