"""Write tests/fixtures/debugging_golden.json: what TensorFlow prints and raises for tf.print and tf.debugging.

Run with real TensorFlow (never a leantf dependency):

    /path/to/tf-venv/bin/python tools/golden_debugging.py

``print`` cases hold the arguments of one tf.print call and the exact text TF wrote (TF's
``file://`` output stream captures what its C++ printer writes). ``calls`` cases hold an
expression and either the exception class and message it raised or the repr it returned.
"""
import collections  # noqa: F401  (used by the evaluated cases)
import json
import os
import tempfile

import numpy as np  # noqa: F401  (used by the evaluated cases)
import tensorflow as tf

PRINT_CASES = [
    "tf.constant([[1., 2.], [3., 4.]])",
    "tf.constant(1/3)", "tf.constant(1/3, tf.float64)", "tf.constant(9.0)", "tf.constant(9)",
    "tf.constant([0.1, 1e-10, 1e20, 123456789.0, 1.5, -0.0, 100.0, 1e6, 1e7, 12345.678]), summarize=-1",
    "tf.constant([0.1, 1e-10, 1e20, 123456789.0, 1.5, -0.0, 1e16, 1e17, 12345.678], tf.float64), summarize=-1",
    "tf.constant([1e5, 1e6, 123456.7, 1234567.0, 0.0001, 0.00001]), summarize=10",
    "tf.constant([3.14159265, 2.718281828, 1.0000001, 0.30000001192092896])",
    "tf.constant([3.141592653589793, 0.1 + 0.2, 1.0, 2.5e-300], tf.float64), summarize=4",
    "tf.constant([np.nan, -np.nan, np.inf, -np.inf, -0.0])", "tf.constant([-np.nan, -0.0], tf.float64)",
    "tf.constant([-1e-45, 1e-45, -1e-40, 3.4028235e38], tf.float32)", "tf.constant([-5e-324], tf.float64)",
    "tf.constant([0.1, 1/3, 1000.5], tf.float16)", "tf.constant([6e-8, -6e-8], tf.float16)",
    "tf.constant([1, -2, 3])", "tf.constant([-128, 127], tf.int8)", "tf.constant([1, 200], tf.uint8)",
    "tf.constant([2**40, -5], tf.int64)", "tf.constant([2**63 + 5], tf.uint64)", "tf.constant([1, 60000], tf.uint16)",
    "tf.constant([True, False])", "tf.constant(True)", "tf.constant([[True, False], [False, True]])",
    "tf.constant(['a', 'b c', 'q\"uote'])", "tf.constant('hello')", "'x', tf.constant('hello')",
    "tf.constant([\"it's\", 'back\\\\slash', 'cr\\r', 'ctl\\x01\\x7f', ''])", "tf.constant('a\\nb')",
    "tf.constant(['a'] * 10)", "tf.constant([['a', 'b'], ['c', 'd']])",
    "tf.constant([['aa', 'bb', 'cc', 'dd'], ['e', 'f', 'g', 'h']]), summarize=1",
    "tf.constant([1 + 2j, 3 - 4j])", "tf.constant(1 + 2j)", "tf.constant([[1 + 2j, 3j], [1, 2]])",
    "tf.constant(np.ones(10) * 1j)", "tf.constant([[1 + 2j, 3j], [1, 2]]), summarize=-1",
    "tf.constant([], tf.float32)", "tf.zeros([0, 3])", "tf.zeros([2, 0])", "tf.zeros([2, 0, 3])",
    "tf.zeros([3, 1]), summarize=0",
    "tf.range(10)", "tf.reshape(tf.range(100), (10, 10))", "tf.reshape(tf.range(24), (2, 3, 4))",
    "tf.reshape(tf.range(5 * 6 * 7), (5, 6, 7))", "tf.reshape(tf.range(16), (2, 2, 2, 2))",
    "tf.range(10), summarize=1", "tf.range(10), summarize=0", "tf.range(10), summarize=-1",
    "tf.range(10), summarize=None", "tf.reshape(tf.range(100), (10, 10)), summarize=2",
    "tf.reshape(tf.range(27), (3, 3, 3)), summarize=1", "tf.reshape(tf.range(24), (2, 3, 4)), summarize=2",
    "tf.reshape(tf.range(24) / 2, (2, 3, 4)), summarize=-1", "tf.constant([[[5]]])",
    "tf.constant([[1, 2, 3, 4, 5, 6, 7]])", "tf.constant([True, False] * 5)",
    "'a', 1.5, [1, 2], {'b': 1, 'a': 2}, None, True, (3,)",
    "{'x': tf.constant(1), 'y': [tf.constant([1.5, 2.5]), 'txt']}", "[tf.constant(1), 2, 'three']",
    "(tf.constant(1),)", "[tf.constant([1, 2]), tf.constant([[3]])]", "[1.0, tf.constant(2.0)]",
    "collections.OrderedDict([('b', tf.constant(1)), ('a', 2)])",
    "'a', tf.constant(1), 'b', sep=', '", "'a', tf.constant(1), end='!'", "'x', end=''",
    "'value {} here', tf.constant(1)", "{'k': '{}'}, tf.constant(2)", "'{}', tf.constant(1)",
    "'{}{}5', tf.constant(1)", "'loss:', tf.constant(0.25), 'acc:', tf.constant(0.5)",
    "tf.Variable([1., 2.])", "tf.constant([1, 2]), tf.constant([[1.5]])", "list(range(30))",
    "{'aaaaaaaaaaaaaaa': tf.constant(1), 'bbbbbbbbbbbbbbbbbbbbbbb': 2, 'cccccccccccccccccccccccc': [1, 2, 3, 4, 5], "
    "'ddddd': 'eeeeeeeeeeeeeeeeeeeee'}",
    "b'abc', 'x'", "np.array([1, 2])", "tf.constant([1]).shape", "tf.float32", "{3, 1, 2}", "",
    "tf.constant([0.1, 1/3, 1000.5], tf.bfloat16)",
]

CALL_CASES = [
    "tf.debugging.check_numerics(tf.constant([1., np.nan]), 'bad')",
    "tf.debugging.check_numerics(tf.constant([1., np.inf]), 'bad')",
    "tf.debugging.check_numerics(tf.constant([np.nan, np.inf]), 'msg here')",
    "tf.debugging.check_numerics(tf.constant([1, 2]), 'int')",
    "tf.debugging.check_numerics(tf.constant([1., 2.]), 'ok')",
    "tf.debugging.check_numerics(tf.constant([1., np.nan], tf.float64), 'f64')",
    "tf.debugging.check_numerics(tf.constant([1., np.nan], tf.float16), 'f16')",
    "tf.debugging.assert_all_finite(tf.constant([np.nan]), 'fin')",
    "tf.debugging.assert_equal(tf.constant([1, 2]), tf.constant([1, 3]))",
    "tf.debugging.assert_equal(tf.constant([1, 2]), tf.constant([1, 2]))",
    "tf.debugging.assert_equal(tf.constant([1, 2]), [1, 3], message='custom')",
    "tf.debugging.assert_equal(tf.constant([1., 2.]), 1.)",
    "tf.debugging.assert_equal(tf.constant([1, 2]), tf.constant([1, 2, 3]))",
    "tf.debugging.assert_equal(tf.constant(list(range(10))), tf.constant(list(range(1, 11))))",
    "tf.debugging.assert_equal(tf.constant([1, 2]), tf.constant([1., 2.]))",
    "tf.debugging.assert_equal(tf.constant([[1, 2], [3, 4]]), tf.constant([[1, 2], [3, 5]]))",
    "tf.debugging.assert_equal(tf.constant(['a']), tf.constant(['b']))",
    "tf.debugging.assert_equal(1, 1)",
    "tf.assert_equal(tf.constant([1, 2]), tf.constant([1, 3]), summarize=1)",
    "tf.assert_equal(tf.constant([1, 2]), tf.constant([0, 3]), summarize=-1)",
    "tf.assert_equal(tf.constant([1, 2]), tf.constant([0, 3]), summarize=0)",
    "tf.debugging.assert_near(tf.constant([1., 2.]), tf.constant([1., 2.1]))",
    "tf.debugging.assert_near(tf.constant([1., 2.]), tf.constant([1., 2.0000001]))",
    "tf.debugging.assert_near(tf.constant([1., 2.]), tf.constant([1., 2.1]), rtol=0.01, atol=0.01, message='nn')",
    "tf.debugging.assert_near(tf.constant([1., 2., 3., 4.], tf.float64), tf.constant([1., 2., 3., 5.], tf.float64))",
    "tf.debugging.assert_near(tf.constant([1, 2]), tf.constant([1, 3]))",
    "tf.debugging.assert_greater(tf.constant([1, 2]), tf.constant([0, 2]))",
    "tf.debugging.assert_greater(tf.constant([1, 2]), 0)",
    "tf.assert_less(tf.constant([1, 2]), tf.constant([0, 3]))",
    "tf.debugging.assert_less(tf.constant([1.5, 2.5]), tf.constant(1.0), message='lt', summarize=1)",
    "tf.debugging.assert_less_equal(tf.constant([1, 2]), 1)",
    "tf.debugging.assert_greater_equal(tf.constant([1, 2]), 2)",
    "tf.debugging.assert_none_equal(tf.constant([1, 2]), 2)",
    "tf.debugging.assert_positive(tf.constant([1, -2]))",
    "tf.debugging.assert_positive(tf.constant([1., -2., 3., 4.]), message='pos', summarize=2)",
    "tf.debugging.assert_negative(tf.constant([1, -2]))",
    "tf.debugging.assert_non_negative(tf.constant([1, -2]))",
    "tf.debugging.assert_non_positive(tf.constant([1, -2]))",
    "tf.debugging.assert_rank(tf.constant([1, 2]), 2)",
    "tf.debugging.assert_rank(tf.constant([1, 2]), 1)",
    "tf.assert_rank(tf.constant([1, 2]), 2, message='mm')",
    "tf.debugging.assert_rank(tf.constant([1, 2]), [2])",
    "tf.debugging.assert_rank_at_least(tf.constant([1, 2]), 2)",
    "tf.debugging.assert_rank_in(tf.constant([1, 2]), [0, 2])",
    "tf.debugging.assert_rank_in(tf.constant([1, 2]), [3])",
    "tf.debugging.assert_scalar(tf.constant([1, 2]))",
    "tf.debugging.assert_scalar(tf.constant(2), message='sc')",
    "tf.debugging.assert_type(tf.constant([1, 2]), tf.float32)",
    "tf.debugging.assert_type(tf.constant([1, 2]), tf.float32, message='mt')",
    "tf.debugging.assert_type(tf.constant([1, 2]), tf.int32)",
    "tf.debugging.assert_integer(tf.constant([1., 2.]))",
    "tf.debugging.assert_integer(tf.constant([1, 2]))",
    "tf.debugging.Assert(False, ['hello', tf.constant([1, 2])])",
    "tf.debugging.Assert(tf.constant(False), [tf.constant([1., 2., 3., 4.])], summarize=2)",
    "tf.Assert(tf.constant(False), [tf.constant([1., 2., 3., 4.]), 'x', 3], summarize=-1)",
    "tf.debugging.Assert(False, [tf.constant(5)], summarize=0)",
    "tf.debugging.Assert(True, ['x'])",
    "tf.debugging.Assert(tf.constant([True]), ['x'])",
    "tf.debugging.assert_shapes([(tf.ones((2, 3)), ('N', 'Q')), (tf.ones((2, 4)), ('N', 'Q'))])",
    "tf.debugging.assert_shapes([(tf.ones((2, 3)), ('N', 'Q')), (tf.ones((3,)), ('N',))])",
    "tf.debugging.assert_shapes([(tf.ones((2, 3)), (2, 3))])",
    "tf.debugging.assert_shapes([(tf.ones((2, 3)), (2, 4))])",
    "tf.debugging.assert_shapes([(tf.ones((2, 3)), ('N',))])",
    "tf.debugging.assert_shapes([(tf.ones((2, 3)), ())])",
    "tf.debugging.assert_shapes([(tf.ones(()), ('N',))])",
    "tf.debugging.assert_shapes([(tf.ones((2, 3, 4)), (..., 'Q'))])",
    "tf.debugging.assert_shapes([(tf.ones((2, 3, 4)), ('*', 3, 4)), (tf.ones((5, 4)), (..., 'Q'))])",
    "tf.debugging.assert_shapes([(tf.ones((2, 3, 4)), ('*', 3, 'Q')), (tf.ones((5, 3)), (..., 'Q'))])",
    "tf.debugging.assert_shapes([(tf.ones((2, 3, 4)), ('N', ..., 5))])",
    "tf.debugging.assert_shapes([(tf.ones((2, 3)), ('N', 'Q'))], message='mm')",
    "tf.debugging.assert_shapes([(tf.ones((2, 3)), (3, 'Q'))], message='mm')",
    "tf.debugging.assert_shapes([(tf.ones((2, 3)), ('N', None)), (tf.ones((2, 5)), ('N', '.'))])",
    "tf.debugging.assert_shapes([(tf.ones((2, 3)), 5)])",
    "tf.debugging.assert_shapes([(tf.ones((2, 3)), ('N', 'Q', 'R'))])",
    "tf.debugging.assert_shapes({'x': ('N',)})",
    "tf.debugging.is_numeric_tensor(tf.constant([1]))",
    "tf.debugging.is_numeric_tensor(tf.constant(['a']))",
    "tf.debugging.is_numeric_tensor(tf.constant([True]))",
    "tf.debugging.is_numeric_tensor([1])",
    "tf.debugging.assert_same_float_dtype([tf.constant(1.), tf.constant(1., tf.float64)])",
    "tf.debugging.assert_same_float_dtype([tf.constant(1.), tf.constant(1.)])",
    "tf.debugging.assert_same_float_dtype([tf.constant(1)])",
    "tf.debugging.assert_same_float_dtype(None, tf.float16)",
    "tf.debugging.assert_proper_iterable('abc')",
    "tf.debugging.assert_proper_iterable(5)",
    "tf.debugging.assert_proper_iterable([1])",
    "tf.print(1, output_stream=open(os.devnull, 'w'))",
    "tf.print(1, foo=2)",
]


def _printed(args):
    fd, path = tempfile.mkstemp(suffix=".txt")
    os.close(fd)
    try:
        sep = ", " if args else ""
        eval(f"tf.print({args}{sep}output_stream='file://{path}')")
        with open(path, "rb") as f:
            return f.read().decode("utf-8")
    finally:
        os.remove(path)


def _called(expr):
    try:
        value = eval(expr)
    except Exception as e:  # noqa: BLE001 - recording whatever TF raises is the point
        return {"exc": type(e).__name__, "message": str(e)}
    return {"ret": repr(value)}


def main():
    fixture = {"tensorflow": tf.__version__,
               "print": [{"args": a, "text": _printed(a)} for a in PRINT_CASES],
               "calls": [dict(expr=e, **_called(e)) for e in CALL_CASES]}
    path = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "debugging_golden.json")
    with open(path, "w") as f:
        json.dump(fixture, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {len(PRINT_CASES)} print cases and {len(CALL_CASES)} call cases to {os.path.normpath(path)}")


if __name__ == "__main__":
    main()
