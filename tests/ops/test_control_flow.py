"""tf.cond / case / switch_case / while_loop / py_function / numpy_function and the eager
no-ops. Expected values, structures and error texts were taken from TensorFlow 2.21 (eager)."""
import re

import numpy as np
import pytest

import leantf as tf
from leantf.framework import errors
from leantf.ops import control_flow as cf

T = tf.constant


def _val(x):
    return x.numpy().tolist() if hasattr(x, "numpy") else x


# -- cond ---------------------------------------------------------------------------------
def test_cond_returns_the_taken_branch_unconverted():
    assert cf.cond(True, lambda: 1, lambda: 2) == 1          # a Python int stays an int
    assert cf.cond(0, lambda: 1, lambda: 2) == 2
    r = cf.cond(T(False), lambda: T(1.), lambda: T(2.))
    assert r.dtype == tf.float32 and float(r) == 2.0
    assert cf.cond(True, lambda: [T(1.)], lambda: [T(2.)])[0].numpy() == 1.0   # no unwrapping
    assert cf.cond(True, lambda: (1, 2), lambda: (3, 4)) == (1, 2)


def test_cond_reads_the_predicate_with_numpy_rules():
    assert cf.cond(T([True]), lambda: "t", lambda: "f") == "t"
    assert cf.cond(T(""), lambda: "t", lambda: "f") == "f"
    assert cf.cond(tf.Variable(True), lambda: "t", lambda: "f") == "t"
    with pytest.raises(ValueError, match="truth value of an array with more than one element is ambiguous"):
        cf.cond(T([True, False]), lambda: 1, lambda: 2)
    # bool(tf.zeros([0])) is False, but cond refuses an empty predicate (TF 2.21).
    with pytest.raises(ValueError, match="The truth value of an empty array is ambiguous"):
        cf.cond(tf.zeros([0], tf.bool), lambda: 1, lambda: 2)
    with pytest.raises(ValueError, match=re.escape("Attempt to convert a value (None) with an unsupported type")):
        cf.cond(None, lambda: 1, lambda: 2)


@pytest.mark.parametrize("args, text", [
    ((True, None, lambda: 2), "cond(): 'true_fn' argument required"),
    ((True, lambda: 1), "cond(): 'false_fn' argument required"),
    ((True, 1, lambda: 2), "'true_fn' must be callable."),
    ((True, lambda: 1, 2), "'false_fn' must be callable."),
])
def test_cond_branch_errors(args, text):
    with pytest.raises(TypeError, match=re.escape(text)):
        cf.cond(*args)


def test_cond_gradient_flows_through_taken_branch():
    x = tf.Variable(3.)
    with tf.GradientTape() as t:
        y = cf.cond(x > 2, lambda: x * x, lambda: x)
    assert float(t.gradient(y, x)) == 6.0
    with tf.GradientTape() as t:
        y = cf.cond(x > 5, lambda: x * x, lambda: 4. * x)
    assert float(t.gradient(y, x)) == 4.0


# -- case ---------------------------------------------------------------------------------
def test_case_first_true_pair_wins_and_default():
    assert cf.case([(T(False), lambda: 1), (T(True), lambda: 2)], default=lambda: 3) == 2
    assert cf.case([(T(True), lambda: 1), (T(True), lambda: 2)], default=lambda: 3) == 1
    assert cf.case([(T(False), lambda: 1)], default=lambda: 3) == 3
    assert cf.case([(T(False), lambda: 1), (T(True), lambda: 2)]) == 2   # last pair is the default


def test_case_unwraps_single_element_results_unless_strict():
    pairs = [(T(True), lambda: [1])]
    assert cf.case(pairs, default=lambda: [2]) == 1
    assert cf.case(pairs, default=lambda: [2], strict=True) == [1]
    assert cf.case(pairs) == [1]        # a lone pair without default is called as is (TF 2.21)
    assert cf.case([(T(False), lambda: [1])], default=lambda: [2]) == 2
    assert cf.case([(T(True), lambda: [[1, 2]])], default=lambda: [[3]]) == [1, 2]
    assert cf.case([(T(True), lambda: {"a": 1})], default=lambda: {"a": 2}) == {"a": 1}


def test_case_assertion_errors():
    with pytest.raises(errors.InvalidArgumentError) as e:
        cf.case([(T(False), lambda: 1), (T(False), lambda: 7)])
    assert str(e.value) == ("Expected 'tf.Tensor(False, shape=(), dtype=bool)' to be true. Summarized data: "
                            "b'Input error: None of conditions evaluated as True:'\nFalse, False")
    with pytest.raises(errors.InvalidArgumentError) as e:
        cf.case([(T(True), lambda: 1), (T(False), lambda: 2), (T(True), lambda: 3)], default=lambda: 0,
                exclusive=True)
    assert str(e.value) == ("Expected 'tf.Tensor(False, shape=(), dtype=bool)' to be true. Summarized data: "
                            "b'Input error: exclusive=True: more than 1 conditions (?, ?, ?) evaluated as True:'"
                            "\nTrue, False, True")
    # Without a default the last pair is not part of the exclusivity check.
    assert cf.case([(T(True), lambda: 1), (T(False), lambda: 2), (T(True), lambda: 3)], exclusive=True) == 1


@pytest.mark.parametrize("call, cls, text", [
    (lambda: cf.case([(False, lambda: 1)], default=lambda: 3), TypeError, "pred must be a Tensor, got: False"),
    (lambda: cf.case([(T(1), lambda: 1)], default=lambda: 3), AttributeError,
     "Tensor.name is undefined when eager execution is enabled."),
    (lambda: cf.case([(T(True), 1)], default=lambda: 3), AttributeError,
     "Tensor.name is undefined when eager execution is enabled."),
    (lambda: cf.case([T(True)], default=lambda: 3), TypeError,
     "Each entry in 'pred_fn_pairs' must be a 2-tuple. Received True."),
    (lambda: cf.case([(T(True), lambda: 1)], default=3), TypeError, "'false_fn' must be callable."),
    (lambda: cf.case([], default=lambda: 3), ValueError, "not enough values to unpack (expected 2, got 0)"),
    (lambda: cf.case({False: lambda: 1}, default=lambda: 3), ValueError,
     "Unordered dictionaries are not supported for the 'pred_fn_pairs' argument when `exclusive=False` and "
     "eager mode is enabled."),
    (lambda: cf.case(T(True), default=lambda: 3), TypeError, "'pred_fn_pairs' must be a list, tuple, or dict."),
])
def test_case_argument_errors(call, cls, text):
    with pytest.raises(cls, match=re.escape(text)):
        call()


def test_case_gradient():
    x = tf.Variable(3.)
    with tf.GradientTape() as t:
        y = cf.case([(x > 5, lambda: x), (x < 5, lambda: 2 * x)])
    assert float(t.gradient(y, x)) == 2.0


# -- switch_case ----------------------------------------------------------------------------
@pytest.mark.parametrize("index, plain, with_default", [(0, 10, 10), (2, 12, 12), (3, 12, 99), (-1, 12, 99),
                                                         (5, 12, 99)])
def test_switch_case_out_of_range_goes_to_default_or_last(index, plain, with_default):
    fns = [lambda: 10, lambda: 11, lambda: 12]
    assert cf.switch_case(T(index), fns) == plain
    assert cf.switch_case(T(index), fns, default=lambda: 99) == with_default


def test_switch_case_branch_forms():
    assert cf.switch_case(T(0), [(1, lambda: 11), (0, lambda: 10)]) == 10
    assert cf.switch_case(T(0), {1: lambda: 11, 0: lambda: 10}) == 10
    assert cf.switch_case(T(1, tf.uint8), (lambda: 10, lambda: 11)) == 11
    assert _val(cf.switch_case(T(0), [lambda: [T(1)]])[0]) == 1     # results are not unwrapped


@pytest.mark.parametrize("call, cls, text", [
    (lambda: cf.switch_case(1, [lambda: 10]), TypeError, "'branch_index' must be a Tensor, got <class 'int'>"),
    (lambda: cf.switch_case(T(1.), [lambda: 10]), TypeError,
     "'branch_index' must be an integer Tensor, got <dtype: 'float32'>"),
    (lambda: cf.switch_case(T(True), [lambda: 10]), TypeError,
     "'branch_index' must be an integer Tensor, got <dtype: 'bool'>"),
    (lambda: cf.switch_case(T(0), []), ValueError, "Must provide at least one item in 'branch_fns'"),
    (lambda: cf.switch_case(T(0), lambda: 1), TypeError, "'branch_fns' must be a list, tuple, or dict"),
    (lambda: cf.switch_case(T(0), [1, 2]), TypeError, "Each entry in 'branch_fns' must be a 2-tuple. Received 1."),
    (lambda: cf.switch_case(T(0), {0: lambda: 10, 2: lambda: 12}), ValueError,
     "branch indices (keys) must form contiguous range of [0 to 2) but found {0,2}"),
    (lambda: cf.switch_case(T(0), {"a": lambda: 10}), TypeError, "key must be a Python `int`, got <class 'str'>"),
    (lambda: cf.switch_case(T(0), [(0, lambda: 1), (1, 2)]), TypeError, "fn for key 1 must be callable."),
    (lambda: cf.switch_case(T([1]), [lambda: 10, lambda: 11]), errors.InvalidArgumentError,
     "{{function_node __wrapped__Select_device_/job:localhost/replica:0/task:0/device:CPU:0}} 'then' must be at "
     "least a vector, but saw shape: [] [Op:Select] name: "),
])
def test_switch_case_errors(call, cls, text):
    with pytest.raises(cls, match=re.escape(text)):
        call()


def test_switch_case_gradient():
    x = tf.Variable(3.)
    with tf.GradientTape() as t:
        y = cf.switch_case(T(1), [lambda: x, lambda: x * x * x])
    assert float(t.gradient(y, x)) == 27.0


# -- while_loop ------------------------------------------------------------------------------
def test_while_loop_result_structure():
    r = cf.while_loop(lambda i: i < 3, lambda i: [i + 1], [0])
    assert type(r) is list and r[0].dtype == tf.int32 and int(r[0]) == 3
    r = cf.while_loop(lambda i: i < 3, lambda i: (i + 1,), (0,))
    assert type(r) is tuple and int(r[0]) == 3
    # The result has the structure of the body's last output, not of loop_vars.
    r = cf.while_loop(lambda i, x: i < 3, lambda i, x: (i + 1, x * 2), [0, 1.])
    assert type(r) is tuple and [_val(v) for v in r] == [3, 8.0] and r[1].dtype == tf.float32
    r = cf.while_loop(lambda i, x: i < 3, lambda i, x: [i + 1, x * 2], (0, 1.))
    assert type(r) is list
    # ... unless the body never ran.
    assert type(cf.while_loop(lambda i: i < 0, lambda i: i, (5,))) is tuple
    r = cf.while_loop(lambda d: d["i"] < 3, lambda d: [{"i": d["i"] + 1}], [{"i": 0}])
    assert type(r) is list and int(r[0]["i"]) == 3
    r = cf.while_loop(lambda i, p: i < 2, lambda i, p: (i + 1, (p[0] + 1, [p[1][0] * 2])), (0, (1, [2.])))
    assert int(r[0]) == 2 and int(r[1][0]) == 3 and float(r[1][1][0]) == 8.0 and type(r[1][1]) is list


def test_while_loop_passes_python_values_and_converts_the_result():
    seen = []
    r = cf.while_loop(lambda i: i < 1, lambda i: (seen.append(type(i)), [i + 1])[1], [0])
    assert seen == [int] and r[0].dtype == tf.int32
    assert cf.while_loop(lambda i: i < 3, lambda i: [i + 0.5], [0])[0].dtype == tf.float32
    assert cf.while_loop(lambda x: False, lambda x: x, [2 ** 40])[0].dtype == tf.int64
    assert cf.while_loop(lambda i: i < 0, lambda i: [i], [np.float64(5)])[0].dtype == tf.float64
    r = cf.while_loop(lambda i: tf.size(i) < 3, lambda i: [tf.concat([i, [1]], 0)], [T([1])])
    assert _val(r[0]) == [1, 1, 1]   # shapes may change: eager loops check no invariants


def test_while_loop_maximum_iterations():
    assert int(cf.while_loop(lambda i: True, lambda i: [i + 1], [0], maximum_iterations=4)[0]) == 4
    assert int(cf.while_loop(lambda i: i < 2, lambda i: (i + 1,), (0,), maximum_iterations=10)[0]) == 2
    assert int(cf.while_loop(lambda i: i < 10, lambda i: [i + 1], [0], maximum_iterations=-1)[0]) == 0
    assert int(cf.while_loop(lambda i: True, lambda i: [i + 1], [0], maximum_iterations=T(3))[0]) == 3
    with pytest.raises(ValueError, match=re.escape("'maximum_iterations' must be a scalar. Received shape: (1,)")):
        cf.while_loop(lambda i: i < 10, lambda i: [i + 1], [0], maximum_iterations=[2])
    # With a counter in the loop state, an inner list/tuple swap is refused (TF 2.21).
    with pytest.raises(TypeError, match="The two namedtuples don't have the same sequence type"):
        cf.while_loop(lambda i, x: True, lambda i, x: (i + 1, x * 2), [0, 1.], maximum_iterations=3)


def test_while_loop_structure_error_text():
    with pytest.raises(ValueError) as e:
        cf.while_loop(lambda i, x: i < 3, lambda i, x: (i + 1,), [0, 1.])
    assert str(e.value) == (
        "The two structures don't have the same nested structure.\n\nFirst structure: type=list "
        "str=[TensorSpec(shape=(), dtype=tf.int32, name=None), TensorSpec(shape=(), dtype=tf.float32, name=None)]"
        "\n\nSecond structure: type=list str=[1]\n\nMore specifically: The two structures don't have the same "
        "number of elements. First structure: type=list str=[TensorSpec(shape=(), dtype=tf.int32, name=None), "
        "TensorSpec(shape=(), dtype=tf.float32, name=None)]. Second structure: type=list str=[1]\n"
        "Entire first structure:\n[., .]\nEntire second structure:\n[.]")


@pytest.mark.parametrize("call, cls, text", [
    (lambda: cf.while_loop(lambda i: i < 3, lambda i: i + 1, [0]), TypeError, "'int' object is not iterable"),
    (lambda: cf.while_loop(lambda i: i < 3, lambda i: i + 1, [T(0)]), TypeError,
     "Cannot iterate over a scalar tensor."),
    (lambda: cf.while_loop(lambda i: i < 3, lambda i: i + 1, 0), ValueError, "'loop_vars' must be provided."),
    (lambda: cf.while_loop(lambda i: i < 0, lambda i: i, 5), TypeError, "object of type 'int' has no len()"),
    (lambda: cf.while_loop(1, lambda i: i, [0]), TypeError, "'cond' must be callable."),
    (lambda: cf.while_loop(lambda i: i, 1, [0]), TypeError, "'body' must be callable."),
    (lambda: cf.while_loop(lambda i: i, lambda i: [i], [0], parallel_iterations=0), TypeError,
     "'parallel_iterations' must be a positive integer."),
    (lambda: cf.while_loop(lambda i, n: i < 3, lambda i, n: (i + 1, n), [0, None]), ValueError,
     "Attempt to convert a value (None) with an unsupported type (<class 'NoneType'>) to a Tensor."),
])
def test_while_loop_errors(call, cls, text):
    with pytest.raises(cls, match=re.escape(text)):
        call()


def test_while_loop_gradient():
    x = tf.Variable(2.)
    with tf.GradientTape() as t:
        _, y = cf.while_loop(lambda i, y: i < 3, lambda i, y: (i + 1, y * x), [0, T(1.)])
    assert float(y) == 8.0 and float(t.gradient(y, x)) == 12.0


# -- py_function / numpy_function ------------------------------------------------------------
def test_py_function_calls_with_tensors_and_converts_to_tout():
    seen = []
    r = cf.py_function(lambda a: (seen.append(type(a)), a)[1], [1.5], tf.float32)
    assert seen == [type(T(0.))] and r.dtype == tf.float32 and float(r) == 1.5
    assert cf.py_function(lambda a: 3, [T(2.)], tf.float32).dtype == tf.float32
    assert cf.py_function(lambda a: np.array([1, 2]), [T(2.)], tf.int32).dtype == tf.int32
    r = cf.py_function(lambda a, b: (a + b, a * b), [T(2.), T(3.)], [tf.float32, tf.float32])
    assert type(r) is list and [_val(v) for v in r] == [5.0, 6.0]
    assert type(cf.py_function(lambda a: a, [T(2)], (tf.int32,))) is list
    assert cf.py_function(lambda a: None, [T(2.)], []) == []
    # Extra results are dropped; a list for a single Tout gives its first element (TF 2.21).
    assert [_val(v) for v in cf.py_function(lambda a: (a, a * 2), [T(2.)], [tf.float32])] == [2.0]
    assert _val(cf.py_function(lambda a: [[1., 2.], [3., 4.]], [T(1.)], tf.float32)) == [1.0, 2.0]


def test_py_function_output_errors():
    with pytest.raises(errors.InvalidArgumentError, match=re.escape(
            "{{function_node __wrapped__EagerPyFunc_Tin_1_Tout_2_device_/job:localhost/replica:0/task:0/device:"
            "CPU:0}} pyfunc_") + r"\d+" + re.escape(" returns 1 values, but expects to see 2 values. "
                                                   "[Op:EagerPyFunc] name: ")):
        cf.py_function(lambda a: a, [T(2.)], [tf.float32, tf.float32])
    with pytest.raises(errors.InvalidArgumentError) as e:
        cf.py_function(lambda a: a, [T(2.)], tf.int32)
    text = str(e.value)
    assert text.startswith("{{function_node __wrapped__EagerPyFunc_Tin_1_Tout_1_device_/job:localhost/replica:0/"
                           "task:0/device:CPU:0}} ValueError: Tensor conversion requested dtype int32 for Tensor "
                           "with dtype float32: <tf.Tensor: shape=(), dtype=float32, numpy=2.0>\nTraceback")
    assert text.endswith("\n\n [Op:EagerPyFunc] name: ")
    with pytest.raises(errors.InvalidArgumentError, match="TypeError: Cannot convert 3.5 to EagerTensor of dtype int32"):
        cf.py_function(lambda a: 3.5, [T(2.)], tf.int32)


@pytest.mark.parametrize("exc, cls", [(ValueError, errors.InvalidArgumentError), (TypeError, errors.InvalidArgumentError),
                                      (ZeroDivisionError, errors.UnknownError), (StopIteration, errors.OutOfRangeError),
                                      (NotImplementedError, errors.UnimplementedError),
                                      (MemoryError, errors.ResourceExhaustedError), (KeyError, errors.UnknownError)])
def test_py_function_exception_classes(exc, cls, capsys):
    def f(a):
        raise exc("x")
    with pytest.raises(cls) as e:
        cf.py_function(f, [T(1.)], tf.float32)
    assert type(e.value) is cls
    head = f"{exc.__name__}: {exc('x')}\nTraceback (most recent call last):"
    assert head in str(e.value)
    assert "Traceback (most recent call last):" in capsys.readouterr().err   # TF prints it too


@pytest.mark.parametrize("call, cls, text", [
    (lambda: cf.py_function(lambda a: a, [T(2.)]), TypeError,
     "Missing required argument: 'Tout'\n  If using tf.py_function as a decorator, set `Tout`\n  **by name** "
     "above the function:\n  `@tf.py_function(Tout=tout)`"),
    (lambda: cf.py_function(lambda: 1., None, tf.float32), TypeError,
     "Missing argument `inp`:\n  You must set the `inp` argument (the list of arguments to the\n  function), "
     "unless you use `tf.py_function` as a decorator(`func=None`)."),
    (lambda: cf.py_function(1, [T(2.)], tf.float32), ValueError,
     "Expected func to be callable. Received func=1 of type <class 'int'>."),
    (lambda: cf.py_function(lambda a: a, T(2), tf.int32), TypeError, "Cannot iterate over a scalar tensor."),
    (lambda: cf.numpy_function(lambda a: a, [T(2.)]), TypeError,
     "Missing required argument: 'Tout'\n  If using tf.numpy_function as a decorator"),
    (lambda: cf.numpy_function(lambda a: 1 / 0, [T(2.)], tf.float32), ZeroDivisionError, "division by zero"),
])
def test_py_function_argument_errors(call, cls, text):
    with pytest.raises(cls, match=re.escape(text)):
        call()


def test_py_function_decorator():
    @cf.py_function(Tout=tf.float32)
    def add(a, b):
        return a + b
    assert float(add(T(1.), T(2.))) == 3.0 and add.__name__ == "add"
    with pytest.raises(TypeError, match=re.escape("add() got an unexpected keyword argument 'a'")):
        add(a=T(1.), b=T(2.))


def test_py_function_gradient_only_through_inputs():
    x = tf.Variable(3.)
    with tf.GradientTape() as t:
        y = cf.py_function(lambda a: a * a, [x], tf.float32)
    assert float(t.gradient(y, x)) == 6.0
    with tf.GradientTape() as t:    # a variable read inside the function is not differentiated
        y = cf.py_function(lambda a: a * x, [T(2.)], tf.float32)
    assert t.gradient(y, x) is None
    with tf.GradientTape() as t:    # computed through NumPy: zero, not None
        y = cf.py_function(lambda a: a.numpy() * 2, [x], tf.float32)
    assert float(t.gradient(y, x)) == 0.0
    with tf.GradientTape() as t:
        y = cf.py_function(lambda a: tf.cast(a, tf.float64) * 2, [x], tf.float64)
    g = t.gradient(y, x)
    assert g.dtype == tf.float32 and float(g) == 2.0
    with tf.GradientTape() as t:
        y = cf.py_function(lambda a: a, [x], tf.float32)   # the function returns its own input
    assert float(t.gradient(y, x)) == 1.0


def test_numpy_function_eager_behaviour():
    seen = []

    def f(*xs):
        seen.extend((type(a), a.dtype) for a in xs)
        return xs[0]
    r = cf.numpy_function(f, [T(2.), 3, [1, 2], 2.5], tf.float32)
    assert float(r) == 2.0
    assert seen == [(np.ndarray, np.float32), (np.ndarray, np.int64), (np.ndarray, np.int64),
                    (np.ndarray, np.float64)]
    # TF 2.21's eager numpy_function does not apply Tout and flattens the results.
    assert cf.numpy_function(lambda a: a, [T(2.)], tf.float64).dtype == tf.float32
    assert cf.numpy_function(lambda a: np.array([1, 2]), [T(2.)], tf.int32).dtype == tf.int64
    assert float(cf.numpy_function(lambda a: a, [T(2.)], [tf.float32, tf.float32])) == 2.0
    assert [_val(v) for v in cf.numpy_function(lambda a: ([a], a), [T(2.)], [tf.float32] * 2)] == [2.0, 2.0]
    assert float(cf.numpy_function(lambda a: {"k": a}, [T(2.)], tf.float32)) == 2.0
    assert cf.numpy_function(lambda a: None, [T(2.)], []) is None
    x = tf.Variable(3.)
    with tf.GradientTape() as t:
        y = cf.numpy_function(lambda a: a * a, [x], tf.float32)
    assert float(y) == 9.0 and t.gradient(y, x) is None


# -- identity_n, group, no_op, control_dependencies ----------------------------------------------
def test_identity_n():
    r = cf.identity_n([1, T(2.), [3, 4]])
    assert type(r) is list and [v.dtype for v in r] == [tf.int32, tf.float32, tf.int32]
    x = tf.Variable(3.)
    with tf.GradientTape() as t:
        a, b = cf.identity_n([x, x * 2])
        y = a + b
    assert float(t.gradient(y, x)) == 3.0
    with pytest.raises(TypeError, match="Cannot iterate over a scalar tensor."):
        cf.identity_n(T(1.))


def test_group_no_op_control_dependencies():
    assert cf.no_op() is None and cf.no_op(name="x") is None
    assert cf.group(T(1), [T(2)], {"a": 1}, name="g") is None
    called = []
    with cf.control_dependencies([T(1), lambda: called.append(1)]) as c:
        assert c is None
    assert called == [1]          # callables run at once in eager mode
    with cf.control_dependencies(None):
        pass
    with pytest.raises(TypeError, match="'int' object is not iterable"):
        cf.control_dependencies(5)
