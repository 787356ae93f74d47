"""tf.GradientTape and tf.custom_gradient, with TensorFlow 2.21's results and errors."""
import numpy as np
import pytest

import leantf as tf

NOT_REUSABLE = "A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)"


def values(x):
    if x is None:
        return None
    if isinstance(x, (list, tuple)):
        return type(x)(values(v) for v in x)
    if isinstance(x, dict):
        return {k: values(v) for k, v in x.items()}
    return x.numpy().tolist()


# -- basics --------------------------------------------------------------------------------
def test_variables_are_watched_constants_are_not():
    x, c = tf.Variable(3.), tf.constant(3.)
    with tf.GradientTape() as tape:
        y = x * x + c * c
    assert values(tape.gradient(y, [x, c])) == [6.0, None]
    with tf.GradientTape() as tape:
        tape.watch(c)
        y = c * c
    assert values(tape.gradient(y, c)) == 6.0


def test_unwatched_ops_leave_no_records():
    a, b = tf.constant(1.), tf.constant(2.)
    with tf.GradientTape() as tape:
        a * b
        a + b
    assert tape._records == []


def test_integer_paths_have_no_gradient():
    x = tf.Variable(3.)
    with tf.GradientTape() as tape:
        y = tf.cast(tf.cast(x, tf.int32), tf.float32) * 2.
    assert tape.gradient(y, x) is None
    n = tf.constant(3)
    with tf.GradientTape() as tape:
        tape.watch(n)
        y = n * n
    assert tape.gradient(y, n) is None
    v = tf.Variable(3)
    with tf.GradientTape() as tape:
        y = v * v
    assert tape.gradient(y, v) is None and len(tape.watched_variables()) == 1  # watched all the same


def test_gradient_dtype_follows_source():
    x = tf.Variable(3.)
    with tf.GradientTape() as tape:
        y = tf.cast(x, tf.float64) * 2.
    g = tape.gradient(y, x)
    assert g.dtype is tf.float32 and g.numpy() == 2.0


def test_stop_gradient():
    x = tf.Variable(3.)
    with tf.GradientTape() as tape:
        y = tf.stop_gradient(x * x) + x
    assert values(tape.gradient(y, x)) == 1.0


# -- persistence and the tape's state machine ----------------------------------------------
def test_non_persistent_tape_is_used_once():
    x = tf.Variable(3.)
    with tf.GradientTape() as tape:
        y = x * x
    tape.gradient(y, x)
    with pytest.raises(RuntimeError, match=f"^{NOT_REUSABLE}$".replace("(", r"\(").replace(")", r"\)")):
        tape.gradient(y, x)
    with pytest.raises(RuntimeError):
        tape.jacobian(y, x)
    with pytest.raises(RuntimeError):
        tf.GradientTape().gradient(tf.constant(1.), tf.constant(1.))  # never entered


def test_persistent_tape():
    x = tf.constant(3.)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x * x
        z = y * y
    assert values([tape.gradient(z, x), tape.gradient(y, x), tape.gradient(z, y)]) == [108.0, 6.0, 18.0]


def test_gradient_inside_the_context_stops_a_non_persistent_tape():
    x = tf.Variable(3.)
    with tf.GradientTape() as tape:
        y = x * x
        g = tape.gradient(y, x)
        y * 2.  # not recorded any more
    assert values(g) == 6.0 and not tape._recording


def test_reentering_a_tape():
    x = tf.Variable(3.)
    tape = tf.GradientTape(persistent=True)
    with tape:
        y = x * 2.
    with tape:  # a persistent tape continues its recording
        z = x * x
    assert values(tape.gradient([y, z], x)) == 8.0
    with tape:
        with pytest.raises(ValueError, match="^Tape is still recording, This can happen if you try to re-enter an "
                                             "already-active tape.$"):
            with tape:
                pass


def test_stop_recording():
    x = tf.Variable(3.)
    with tf.GradientTape() as tape:
        y = x * x
        with tape.stop_recording():
            z = x * x * x
        w = y + z
    assert values(tape.gradient(w, x)) == 6.0
    with pytest.raises(RuntimeError, match="^Trying to stop recording a tape which is not recording.$"):
        with tf.GradientTape().stop_recording():
            pass
    t = tf.GradientTape()
    with t:
        pass
    with pytest.raises(ValueError, match="^Tape is not recording.$"):
        with t.stop_recording():
            pass


def test_stop_recording_only_pauses_that_tape():
    x = tf.Variable(2.)
    with tf.GradientTape() as outer:
        with tf.GradientTape() as inner:
            y = x * x
            with inner.stop_recording():
                z = x * x * x
    assert values([inner.gradient(y, x), outer.gradient(z, x)]) == [4.0, 12.0]


def test_reset():
    x = tf.Variable(3.)
    with tf.GradientTape(persistent=True) as tape:
        y = x * x
        tape.reset()
        z = x * 5.
    assert values([tape.gradient(y, x), tape.gradient(z, x)]) == [None, 5.0]
    t = tf.GradientTape()
    with t:
        pass
    with pytest.raises(ValueError, match="^Tape is not recording.$"):
        t.reset()


# -- watching ------------------------------------------------------------------------------
def test_watch_accessed_variables_false():
    x, w = tf.Variable(3.), tf.Variable(2.)
    with tf.GradientTape(watch_accessed_variables=False) as tape:
        tape.watch(x)
        y = x * w
    assert values(tape.gradient(y, [x, w])) == [2.0, None]
    assert tape.watched_variables() == (x,)
    assert tape._watch_accessed_variables is False and tape._persistent is False


def test_non_trainable_variables_need_a_watch():
    x, w = tf.Variable(3.), tf.Variable(2., trainable=False)
    with tf.GradientTape(persistent=True) as tape:
        y = x * w
    assert values(tape.gradient(y, [x, w])) == [2.0, None]
    with tf.GradientTape() as tape:
        tape.watch(w)
        y = x * w
    assert values(tape.gradient(y, [x, w])) == [2.0, 3.0]


def test_watched_variables_in_creation_order_and_kept_after_use():
    a, b = tf.Variable(1.), tf.Variable(2.)
    with tf.GradientTape() as tape:
        y = b * a + b
    assert tape.watched_variables() == (a, b)
    tape.gradient(y, a)
    assert tape.watched_variables() == (a, b)


def test_watch_refuses_python_values():
    with tf.GradientTape() as tape:
        with pytest.raises(ValueError, match="^Passed in object 3.0 of type 'float', not tf.Tensor or tf.Variable "
                                             "or ExtensionType.$"):
            tape.watch(3.0)
        tape.watch([tf.constant(1.), {"a": tf.constant(2.)}])  # nested structures are fine


# -- targets, sources, output gradients ------------------------------------------------------
def test_nested_targets_and_sources():
    x, w = tf.Variable(2.), tf.Variable(3.)
    with tf.GradientTape() as tape:
        a = x * w
        b = x * x
    assert values(tape.gradient([a, b], {"x": x, "w": w})) == {"x": 7.0, "w": 2.0}
    with tf.GradientTape() as tape:
        a = x * w
    assert values(tape.gradient({"k": a, "j": [a, a]}, (x, [w, (x,)]))) == (9.0, [6.0, (9.0,)])


def test_argument_errors():
    x = tf.Variable(2.)
    for sources, error, text in [
            (2.0, AttributeError, "'float' object has no attribute '_id'"),
            (None, TypeError, "Cannot convert the argument `type_value`: None to a TensorFlow DType.")]:
        with tf.GradientTape() as tape:
            y = x * x
        with pytest.raises(error) as e:
            tape.gradient(y, sources)
        assert str(e.value) == text
    with tf.GradientTape() as tape:
        y = x * x
    with pytest.raises(TypeError, match="^Argument `target` should be a list or nested structure of Tensors"):
        tape.gradient(None, x)
    with tf.GradientTape() as tape:
        y = x * x
    with pytest.raises(ValueError, match="^Unknown value for unconnected_gradients: 'bogus'$"):
        tape.gradient(y, x, unconnected_gradients="bogus")


def test_output_gradients():
    x = tf.Variable([1., 2.])
    with tf.GradientTape() as tape:
        y = x * x
    assert values(tape.gradient(y, x, output_gradients=tf.constant([2., 3.]))) == [4.0, 12.0]
    with tf.GradientTape() as tape:
        y = x * x
    assert values(tape.gradient(y, x, output_gradients=[10., 10.])) == [20.0, 40.0]


def test_unconnected_gradients_zero():
    x, v = tf.Variable([[1, 2]]), tf.Variable([1., 2.])
    d = tf.Variable(1., dtype=tf.float64)
    with tf.GradientTape() as tape:
        y = v * 2.
    g = tape.gradient(y, [x, v, d], unconnected_gradients=tf.UnconnectedGradients.ZERO)
    assert values(g) == [[[0, 0]], [2.0, 2.0], 0.0] and g[0].dtype is tf.int32 and g[2].dtype is tf.float64
    assert tf.UnconnectedGradients("zero") is tf.UnconnectedGradients.ZERO


# -- higher order, jacobians -----------------------------------------------------------------
def test_nested_tapes_give_higher_derivatives():
    x = tf.Variable(1.5)
    with tf.GradientTape() as t1:
        with tf.GradientTape() as t2:
            with tf.GradientTape() as t3:
                y = x ** 4
            d1 = t3.gradient(y, x)
        d2 = t2.gradient(d1, x)
    d3 = t1.gradient(d2, x)
    assert values([d1, d2, d3]) == pytest.approx([4 * 1.5 ** 3, 12 * 1.5 ** 2, 24 * 1.5])


def test_persistent_tape_differentiates_its_own_gradient():
    x = tf.Variable(3.)
    with tf.GradientTape(persistent=True) as tape:
        y = x * x
        dy = tape.gradient(y, x)
    assert values([dy, tape.gradient(dy, x)]) == [6.0, 2.0]


def test_jacobian():
    x = tf.Variable([1., 2., 3.])
    with tf.GradientTape() as tape:
        y = x * x
    assert values(tape.jacobian(y, x)) == [[2.0, 0.0, 0.0], [0.0, 4.0, 0.0], [0.0, 0.0, 6.0]]
    z = tf.Variable(5.)
    with tf.GradientTape() as tape:
        y = x * 2.
    assert values(tape.jacobian(y, [x, z]))[1] is None
    with tf.GradientTape() as tape:
        y = x * 2.
    assert values(tape.jacobian(y, z, unconnected_gradients="zero")) == [0.0, 0.0, 0.0]
    with tf.GradientTape() as tape:
        y = x * 2.
    with pytest.raises(RuntimeError, match="^GradientTape must be created with persistent=True to compute the "
                                           "jacobian with eager execution enabled and with  experimental_use_pfor "
                                           "set to False.$"):
        tape.jacobian(y, x, experimental_use_pfor=False)


def test_batch_jacobian():
    x = tf.constant([[1., 2.], [3., 4.]])
    w = tf.constant([[1., 0., 2.], [0., 1., 3.]])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.matmul(x, w)
    j = tape.batch_jacobian(y, x)
    assert j.shape == (2, 3, 2) and values(j[0]) == [[1.0, 0.0], [0.0, 1.0], [2.0, 3.0]]
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(x * x, axis=1)
    with pytest.raises(ValueError, match=r"^Shape \(2,\) must have rank at least 2$"):
        tape.batch_jacobian(y, x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * 2.
    with pytest.raises(ValueError, match=r"^Need first dimension of target shape \(\(2, 2\)\) and source shape "
                                         r"\(\(3, 2\)\) to match.$"):  # TF's doubled parentheses
        tape.batch_jacobian(y, tf.constant([[1., 2.], [3., 4.], [5., 6.]]))


# -- custom_gradient -----------------------------------------------------------------------------
def test_custom_gradient():
    @tf.custom_gradient
    def log1pexp(x):
        e = tf.exp(x)

        def grad(upstream):
            return upstream * (1 - 1 / (1 + e))
        return tf.math.log(1 + e), grad

    x = tf.constant(100.)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = log1pexp(x)
    assert values(tape.gradient(y, x)) == 1.0 and log1pexp.__name__ == "log1pexp"


def test_custom_gradient_several_inputs_and_python_arguments():
    @tf.custom_gradient
    def f(x, y):
        def grad(upstream):
            return upstream * 0.5, upstream * 2.
        return x * y, grad

    a, b = tf.constant(3.), tf.constant(4.)
    with tf.GradientTape() as tape:
        tape.watch([a, b])
        z = f(a, b)
    assert values(tape.gradient(z, [a, b])) == [0.5, 2.0]
    with tf.GradientTape() as tape:
        tape.watch(a)
        z = f(a, 2.)
    assert values(tape.gradient(z, a)) == 0.5


def test_custom_gradient_with_variables():
    v = tf.Variable(2.)

    @tf.custom_gradient
    def f(x):
        def grad(upstream, variables):
            assert variables == [v]
            return upstream * 3., [upstream * 10.]
        return x * v, grad

    x = tf.constant(5.)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    assert values(y) == 10.0 and values(tape.gradient(y, [x, v])) == [3.0, 10.0]


def test_custom_gradient_must_accept_variables():
    v = tf.Variable(2.)

    @tf.custom_gradient
    def f(x):
        def grad(upstream):
            return upstream
        return x * v, grad

    with pytest.raises(TypeError) as e:
        f(tf.constant(5.))
    assert str(e.value) == ("@tf.custom_gradient grad_fn must accept keyword argument 'variables', since function "
                            "uses variables: [<tf.Variable 'Variable:0' shape=() dtype=float32, numpy=2.0>]")


def test_custom_gradient_variable_arguments_are_inputs():
    @tf.custom_gradient
    def f(x):
        def grad(upstream):
            return upstream * 7.
        return x * 2., grad

    x = tf.Variable(5.)
    with tf.GradientTape() as tape:
        y = f(x)
    assert values(tape.gradient(y, x)) == 7.0


def test_custom_gradient_counts_its_gradients():
    @tf.custom_gradient
    def f(x, y):
        def grad(upstream):
            return upstream
        return x * y, grad

    a = tf.constant(3.)
    with tf.GradientTape() as tape:
        tape.watch(a)
        z = f(a, a)
    with pytest.raises(ValueError, match="^custom_gradient function expected to return 2 gradients, but returned 1 "
                                         "instead.$"):
        tape.gradient(z, a)


def test_custom_gradient_is_differentiable_again():
    @tf.custom_gradient
    def f(x):
        def grad(upstream):
            return tf.square(upstream) * x
        return x * 2., grad

    x = tf.Variable(3.)
    with tf.GradientTape() as t1:
        with tf.GradientTape() as t2:
            y = f(x)
        g = t2.gradient(y, x)
    assert values([g, t1.gradient(g, x)]) == [3.0, 1.0]


def test_custom_gradient_outside_a_tape_returns_fresh_tensors():
    @tf.custom_gradient
    def f(x):
        return x, lambda dy: dy

    x = tf.constant([1., 2.])
    y = f(x)
    assert y is not x and values(y) == [1.0, 2.0]
    assert np.shares_memory(np.asarray(y), np.asarray(x))  # no copy of the data


# -- the backward walk's bookkeeping (fast paths in tape.py) ---------------------------------
def test_an_input_used_twice_by_one_op_gets_both_gradients():
    # AddV2's rule returns the same tensor for both inputs: both must be added up.
    x = tf.constant(3.)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x + x
    assert values(tape.gradient(y, x)) == 2.0
    v = tf.Variable([1., 2.])
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(v * v + v)
    assert values(tape.gradient(y, v)) == [3.0, 5.0]


def test_variable_read_many_times_sums_its_reads():
    v = tf.Variable(2.)
    with tf.GradientTape() as tape:
        a = v * 3.
        b = v * v
        c = v.read_value()
        y = a + b + c
    assert values(tape.gradient(y, v)) == 3.0 + 4.0 + 1.0
    with tf.GradientTape() as tape:  # a read is a tensor of its own: a valid source
        r = v.read_value()
        y = r * r
    assert values(tape.gradient(y, [r, v])) == [4.0, 4.0]


def test_second_order_through_variables_and_scalar_seeds():
    v = tf.Variable(3.)
    with tf.GradientTape() as outer:
        with tf.GradientTape() as inner:
            y = tf.reduce_sum(tf.square(v * tf.constant([1., 2.])))  # 5 v^2
        g = inner.gradient(y, v)
    assert values([g, outer.gradient(g, v)]) == [30.0, 10.0]


def test_gradient_sources_in_structures_and_tuples():
    x, w = tf.Variable(3.), tf.Variable(2.)
    with tf.GradientTape(persistent=True) as tape:
        y = x * w
    assert values(tape.gradient(y, (x, w))) == (2.0, 3.0)
    assert values(tape.gradient(y, {"a": x, "b": [w]})) == {"a": 2.0, "b": [3.0]}
    assert values(tape.gradient(y, [x, [w]])) == [2.0, [3.0]]
    assert values(tape.gradient([y, y], [x])) == [4.0]
    with pytest.raises(TypeError, match="to a TensorFlow DType"):
        tape.gradient(y, [x, None])


def test_needed_inputs_and_unwatched_sources():
    from leantf.framework.tape import needed_inputs
    assert needed_inputs(2) == (True, True)  # outside a backward pass every input is needed
    x, c = tf.Variable(2.), tf.constant(5.)
    seen = []

    @tf.custom_gradient
    def f(a, b):
        def grad(dy):
            seen.append(needed_inputs(2))  # the record being differentiated: x is watched, c is not
            return dy * b, dy * a
        return a * b, grad
    with tf.GradientTape() as tape:
        y = tf.maximum(f(x, c), c) * c   # the clip-like Maximum with a constant bound
    # As TF: c is a source but was never watched, so it gets None even though f's rule returns
    # a gradient for it.
    assert values(tape.gradient(y, [x, c])) == [25.0, None]
    assert seen == [(True, False)]
    assert needed_inputs(2) == (True, True)
