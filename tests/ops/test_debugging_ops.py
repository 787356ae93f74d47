"""tf.print and tf.debugging: printed text and error messages against TF 2.21 (fixture from
tools/golden_debugging.py), streams, graph nodes, and the CheckNumerics gradient."""
import collections  # noqa: F401  (used by the fixture's expressions)
import importlib.util
import json
import os
import sys

import numpy as np
import pytest

import leantf as tf
from leantf.framework.symbolic import evaluate, placeholder
from leantf.ops import debugging_ops
from leantf.testing import GradCase

FIXTURE = os.path.join(os.path.dirname(__file__), "..", "fixtures", "debugging_golden.json")
with open(FIXTURE, encoding="utf-8") as _f:
    GOLDEN = json.load(_f)
HAVE_ML_DTYPES = importlib.util.find_spec("ml_dtypes") is not None

GRADIENT_CASES = {
    "CheckNumerics": [GradCase(lambda x: tf.debugging.check_numerics(x, "m") * x,
                               [np.random.default_rng(5).standard_normal((2, 3))])],
}


def _needs(text):
    if "bfloat16" in text and not HAVE_ML_DTYPES:
        pytest.skip("bfloat16 needs ml_dtypes")


@pytest.mark.parametrize("case", GOLDEN["print"], ids=[c["args"][:60] for c in GOLDEN["print"]])
def test_print_writes_tensorflows_text(case, capsys):
    _needs(case["args"])
    sep = ", " if case["args"] else ""
    eval(f"tf.print({case['args']}{sep}output_stream=sys.stdout)")
    assert capsys.readouterr().out == case["text"]


@pytest.mark.parametrize("case", GOLDEN["calls"], ids=[c["expr"][:70] for c in GOLDEN["calls"]])
def test_debugging_calls_match_tensorflow(case):
    _needs(case["expr"])
    if "exc" in case:
        with pytest.raises(Exception) as e:
            eval(case["expr"])
        assert type(e.value).__name__ == case["exc"]
        assert str(e.value) == case["message"]
    else:
        assert repr(eval(case["expr"])) == case["ret"]


# -- streams ----------------------------------------------------------------------------------------
def test_print_goes_to_stderr_by_default_and_returns_none(capsys):
    assert tf.print("loss", tf.constant(0.5)) is None
    captured = capsys.readouterr()
    assert captured.err == "loss 0.5\n" and captured.out == ""


def test_print_to_a_file_appends(tmp_path):
    path = tmp_path / "log.txt"
    tf.print(tf.constant([1., 2.]), output_stream=f"file://{path}")
    tf.print("second", output_stream=f"file://{path}", end="|")
    assert path.read_text() == "[1 2]\nsecond|"


def test_print_to_logging_levels(caplog):
    import logging
    with caplog.at_level(logging.INFO, logger="tensorflow"):
        tf.print("hello", tf.constant(3), output_stream=logging.info)
        tf.print("careful", output_stream=logging.WARNING)
    assert [r.getMessage() for r in caplog.records] == ["hello 3\n", "careful\n"]


def test_print_writes_non_utf8_bytes_raw(capfdbinary):
    tf.print(tf.constant(b"\xffraw"), output_stream=sys.stdout)
    tf.print(tf.constant([b"\xff"]), output_stream=sys.stdout)
    assert capfdbinary.readouterr().out == b'\xffraw\n["\xff"]\n'


# -- graphs -----------------------------------------------------------------------------------------
def test_print_in_a_graph_prints_each_time_it_runs(capsys):
    x = placeholder([None], tf.int32)
    node = tf.print("x is", x, [x, 1], output_stream=sys.stdout)
    assert capsys.readouterr().out == ""
    evaluate(node, [(x, tf.constant([1, 2]))])
    evaluate(node, [(x, tf.constant([7]))])
    assert capsys.readouterr().out == "x is [1 2] [[1 2], 1]\nx is [7] [[7], 1]\n"


def test_graph_asserts_raise_tensorflows_graph_text():
    x, y = placeholder([2], tf.int32, name="x"), placeholder([2], tf.int32, name="y")
    check = tf.debugging.assert_equal(x, y, message="mm")
    evaluate(check, [(x, tf.constant([1, 2])), (y, tf.constant([1, 2]))])
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        evaluate(check, [(x, tf.constant([1, 2])), (y, tf.constant([1, 3]))])
    # Placeholder names are unique per process: "x:0" here unless another test took it first.
    assert str(e.value) == ("assertion failed: [mm] [Condition x == y did not hold element-wise:] "
                            f"[x ({x.name}) = ] [1 2] [y ({y.name}) = ] [1 3]")
    v = placeholder([4], tf.float32)
    check = tf.debugging.Assert(tf.reduce_all(v > 0), ["bad", v], summarize=2)
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        evaluate(check, [(v, tf.constant([1., -2., 3., 4.]))])
    assert str(e.value) == "assertion failed: [bad] [1 -2...]"


def test_check_numerics_in_a_graph():
    v = placeholder([None], tf.float32)
    y = tf.debugging.check_numerics(v, "in fn")
    assert y.shape.as_list() == [None]
    with pytest.raises(tf.errors.InvalidArgumentError, match="in fn : Tensor had NaN values"):
        evaluate(y, [(v, tf.constant([np.nan]))])


def test_check_numerics_checks_the_gradient_too():
    x = tf.Variable([1.0, 0.0])
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(tf.sqrt(tf.debugging.check_numerics(x, "fwd")))
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tape.gradient(y, x)
    assert "Not a number (NaN) or infinity (Inf) values detected in gradient. fwd : Tensor had Inf values" \
        in str(e.value)


def test_namespaces():
    assert set(debugging_ops.TOP_LEVEL_NAMES) <= set(debugging_ops.__all__)
    for name in debugging_ops.DEBUGGING_NAMES:
        assert getattr(tf.debugging, name) is getattr(debugging_ops, name)
    assert tf.print is debugging_ops.print and tf.assert_equal is tf.debugging.assert_equal
    tf.debugging.disable_traceback_filtering()
    assert not tf.debugging.is_traceback_filtering_enabled()
    tf.debugging.enable_traceback_filtering()
    assert tf.debugging.is_traceback_filtering_enabled()
