"""tf.function (the body runs eagerly on every call), tf.config.run_functions_eagerly,
tf.name_scope, tf.init_scope and tf.autograph. Expected texts and values come from TF 2.21."""
import textwrap

import numpy as np
import pytest

import leantf as tf
from leantf.framework import function as function_module
from tests.cli.helpers import leantf as leantf_cmd


@pytest.fixture(autouse=True)
def traced_mode():
    # Every test starts in TF's default mode and leaves the flag as it found it.
    tf.config.run_functions_eagerly(False)
    yield
    tf.config.run_functions_eagerly(False)


SPEC_VECTOR = "TensorSpec(shape=(None,), dtype=tf.float32, name=None)"


def vector_identity():
    return tf.function(lambda x: x, input_signature=[tf.TensorSpec([None], tf.float32)])


def binding_error(cause, received, signature=f"(x: {SPEC_VECTOR})"):
    return (f"Binding inputs to tf.function failed due to `{cause}`. Received args: {received} and kwargs: {{}} "
            f"for signature: {signature}.")


def test_every_decorator_spelling_makes_a_function():
    @tf.function
    def plain(x):
        """Adds one."""
        return x + 1

    @tf.function(jit_compile=True, reduce_retracing=True, autograph=False, experimental_implements=None,
                 experimental_autograph_options=None, experimental_attributes=None,
                 experimental_follow_type_hints=None, experimental_relax_shapes=True)
    def with_options(x):
        return x * 2

    direct = tf.function(lambda x: x - 1)
    for f, expected in [(plain, 3.0), (with_options, 4.0), (direct, 1.0)]:
        assert isinstance(f, function_module.Function)
        assert float(f(tf.constant(2.0))) == expected
    assert float(tf.function(jit_compile=True)(lambda x: x)(tf.constant(5.0))) == 5.0


def test_function_wraps_the_python_function():
    def add_one(x):
        """Adds one."""
        return x + 1
    f = tf.function(add_one)
    assert f.python_function is add_one and f.__wrapped__ is add_one
    assert (f.__name__, f.__doc__) == ("add_one", "Adds one.")
    assert f.input_signature is None
    assert vector_identity().input_signature == (tf.TensorSpec([None], tf.float32),)


def test_invalid_options_raise_tf_errors():
    with pytest.raises(ValueError, match="^Cannot specify both 'experimental_compile' and 'jit_compile'.$"):
        tf.function(lambda x: x, jit_compile=True, experimental_compile=True)
    with pytest.raises(TypeError, match="^1 is not a callable object$"):
        tf.function(1)
    with pytest.raises(TypeError) as info:
        tf.function(lambda x: x, input_signature=tf.TensorSpec([None]))
    assert str(info.value) == ("input_signature must be either a tuple or a list, got "
                               "<class 'leantf.framework.tensor_spec.TensorSpec'>.")
    with pytest.raises(TypeError) as info:
        tf.function(lambda x: x, input_signature=[1])
    assert str(info.value) == ("input_signature must be a possibly nested sequence of TensorSpec objects, got "
                               "invalid args [1] with types [<class 'int'>].")
    two = [tf.TensorSpec([]), tf.TensorSpec([])]
    with pytest.raises(TypeError, match="^input_signature contains 1 extra type constraints.$"):
        tf.function(lambda x: x, input_signature=two)
    with pytest.raises(TypeError, match="^input_signature missing type constraint for y$"):
        tf.function(lambda x, y: x, input_signature=two[:1])
    with pytest.raises(TypeError, match="^Since input_signature is defined, keyword-only parameter `k` must "
                                        "have a default value$"):
        tf.function(lambda x, *, k: x, input_signature=two[:1])


def test_body_runs_on_every_call_and_tapes_see_it(capsys):
    v = tf.Variable(3.0)

    @tf.function
    def square(x):
        print("running")
        return v * v * x

    with tf.GradientTape() as tape:
        y = square(tf.constant(2.0))
    square(tf.constant(2.0))
    assert capsys.readouterr().out == "running\nrunning\n"  # (a traced TF function prints once)
    assert float(y) == 18.0 and float(tape.gradient(y, v)) == 12.0


def test_results_come_back_as_a_traced_function_returns_them():
    # TF 2.21 (default mode): numbers and arrays become tensors, None stays, structure is kept.
    out = tf.function(lambda: (1, [2.0, None], {"a": np.array([1, 2])}))()
    assert isinstance(out, tuple) and isinstance(out[1], list) and out[1][1] is None
    assert repr(out[0]) == "<tf.Tensor: shape=(), dtype=int32, numpy=1>"
    assert repr(out[1][0]) == "<tf.Tensor: shape=(), dtype=float32, numpy=2.0>"
    assert repr(out[2]["a"]) == "<tf.Tensor: shape=(2,), dtype=int64, numpy=array([1, 2])>"
    assert tf.function(lambda: None)() is None
    assert repr(tf.function(lambda: "s")()) == "<tf.Tensor: shape=(), dtype=string, numpy=b's'>"
    v = tf.Variable(1.0)
    assert repr(tf.function(lambda: v)()) == "<tf.Tensor: shape=(), dtype=float32, numpy=1.0>"

    def returns_object():
        return object()
    with pytest.raises(TypeError) as info:
        tf.function(returns_object)()
    assert str(info.value) == (
        "To be compatible with tf.function, Python functions must return zero or more Tensors or ExtensionTypes or "
        f"None values; in compilation of {returns_object!r}, found return value of type object, which is not a "
        "Tensor or ExtensionType.")


def test_numpy_arguments_arrive_as_tensors_python_values_stay_python():
    seen = []
    f = tf.function(lambda x, n: seen.append((type(x), type(n))))
    f(np.array([1.0, 2.0]), 3)
    assert issubclass(seen[0][0], tf.Tensor) and seen[0][1] is int


def test_tracing_count_follows_tf_retracing():
    f = tf.function(lambda x, y=1: x)
    counts = []
    for call in [lambda: f(tf.constant(1.0)), lambda: f(tf.constant(2.0)), lambda: f(tf.constant([2.0])),
                 lambda: f(1.0), lambda: f(2.0), lambda: f(1.0), lambda: f(tf.constant(1.0), y=2),
                 lambda: f(tf.constant(1.0), 2), lambda: f(tf.constant([1, 2])), lambda: f(tf.Variable(1.0)),
                 lambda: f([1.0, 2.0])]:
        call()
        counts.append(f.experimental_get_tracing_count())
    assert counts == [1, 1, 2, 3, 4, 4, 5, 5, 6, 7, 8]  # measured in TF 2.21


def test_reduce_retracing_generalizes_shapes_after_a_second_shape():
    f = tf.function(lambda x: x, reduce_retracing=True)
    for n in (1, 2, 3, 4):
        f(tf.zeros([n]))
    assert f.experimental_get_tracing_count() == 2


def test_input_signature_converts_and_checks_arguments():
    f = vector_identity()
    out = f([1, 2])
    assert repr(out) == "<tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>"
    f(tf.constant([3.0, 4.0, 5.0]))
    assert f.experimental_get_tracing_count() == 1
    cases = [
        ((tf.constant([[1.0]]),), binding_error(
            f"Can not cast TensorSpec(shape=(1, 1), dtype=tf.float32, name=None) to {SPEC_VECTOR}",
            "(<tf.Tensor: shape=(1, 1), dtype=float32, numpy=array([[1.]], dtype=float32)>,)")),
        ((tf.constant([1]),), binding_error(
            f"Can not cast TensorSpec(shape=(1,), dtype=tf.int32, name=None) to {SPEC_VECTOR}",
            "(<tf.Tensor: shape=(1,), dtype=int32, numpy=array([1], dtype=int32)>,)")),
        ((tf.constant([1.0]), 2), binding_error(
            "too many positional arguments",
            "(<tf.Tensor: shape=(1,), dtype=float32, numpy=array([1.], dtype=float32)>, 2)")),
        ((), binding_error("missing a required argument: 'x'", "()")),
        (("abc",), binding_error("Cannot convert 'abc' to EagerTensor of dtype float", "('abc',)")),
        ((1.0,), binding_error(f"Can not cast TensorSpec(shape=(), dtype=tf.float32, name=None) to {SPEC_VECTOR}",
                               "(1.0,)")),
    ]
    for args, message in cases:
        with pytest.raises(TypeError) as info:
            f(*args)
        assert str(info.value) == message


def test_input_signature_with_varargs_nesting_and_defaults():
    scalar = "TensorSpec(shape=(), dtype=tf.float32, name=None)"
    varargs = tf.function(lambda x, *a: (x, a), input_signature=[tf.TensorSpec([]), tf.TensorSpec([None])])
    x, rest = varargs(1.0, [2.0])
    assert float(x) == 1.0 and rest[0].shape == (1,)
    with pytest.raises(TypeError) as info:
        varargs(1.0, 2.0)
    assert str(info.value) == binding_error(
        f"Can not cast {scalar} to {SPEC_VECTOR}", "(1.0, 2.0)", f"(x: {scalar}, a_0: {SPEC_VECTOR}, /)")

    nested = tf.function(lambda x, k=None: x,
                         input_signature=[(tf.TensorSpec([]), {"a": tf.TensorSpec([None])})])
    first, second = nested((1.0, {"a": [2.0]}))
    assert float(first) == 1.0 and second["a"].dtype == tf.float32
    with pytest.raises(TypeError) as info:
        nested((1.0, {"a": "q"}))
    assert str(info.value) == binding_error(
        "Cannot convert 'q' to EagerTensor of dtype float", "((1.0, {'a': 'q'}),)",
        f"(x: Tuple[{scalar}, Dict[['a', {SPEC_VECTOR}]]], k: Literal[None] = <captured_default_value>)")

    with_default = tf.function(lambda x, y=2: x, input_signature=[tf.TensorSpec([])])
    with pytest.raises(TypeError) as info:
        with_default(1.0, y=3)
    assert str(info.value) == (
        "Binding inputs to tf.function failed due to `Can not cast 3 to Literal[2]`. Received args: (1.0,) and "
        f"kwargs: {{'y': 3}} for signature: (x: {scalar}, y: Literal[2] = <captured_default_value>).")


def test_methods_bind_per_instance():
    class Doubler:
        @tf.function
        def call(self, x):
            """Doubles."""
            return x * 2

        @tf.function(input_signature=[tf.TensorSpec([2])])
        def checked(self, x):
            return x

    a, b = Doubler(), Doubler()
    assert a.call is a.call and a.call is not b.call
    assert Doubler.call is Doubler.__dict__["call"]
    assert a.call.__name__ == "call" and a.call.__doc__ == "Doubles."
    assert a.call.python_function is Doubler.__dict__["call"].python_function
    assert int(a.call(3)) == 6
    assert (a.call.experimental_get_tracing_count(), b.call.experimental_get_tracing_count(),
            Doubler.call.experimental_get_tracing_count()) == (1, 0, 0)
    assert a.checked([1.0, 2.0]).shape == (2,)
    with pytest.raises(TypeError, match=r"Can not cast TensorSpec\(shape=\(\), dtype=tf.float32, name=None\) "
                                        r"to TensorSpec\(shape=\(2,\), dtype=tf.float32, name=None\)"):
        a.checked(tf.constant(1.0))


def test_run_functions_eagerly_makes_the_call_a_plain_python_call():
    assert tf.config.functions_run_eagerly() is False
    tf.config.run_functions_eagerly(1)
    assert tf.config.functions_run_eagerly() is True
    # As in TF: no binding to the signature, results as the body returned them, no traces.
    f = vector_identity()
    assert f([1, 2]) == [1, 2]
    assert tf.function(lambda: 1)() == 1
    g = tf.function(lambda x: x)
    g(1.0)
    assert g.experimental_get_tracing_count() == 0
    tf.config.run_functions_eagerly(False)
    assert tf.config.functions_run_eagerly() is False
    assert isinstance(tf.function(lambda: 1)(), tf.Tensor)


def test_name_scope_strings_follow_eager_tf():
    with tf.name_scope("x") as outer:
        with tf.name_scope("inner") as inner:
            pass
        with tf.name_scope("inner") as again:  # eager TF does not make names unique
            pass
        with tf.name_scope("x/") as absolute:
            pass
        with tf.name_scope("") as root:
            pass
        with tf.name_scope("bad name") as unchecked:  # eager TF does not check characters
            pass
    assert (outer, inner, again, absolute, root, unchecked) == ("x/", "x/inner/", "x/inner/", "x/", "", "x/bad name/")
    scope = tf.name_scope("n")
    assert scope.name == "n"
    with scope as a, scope as b:
        assert (a, b) == ("n/", "n/n/")
    with pytest.raises(ValueError, match="^name for name_scope must be a string.$"):
        tf.name_scope(None)
    with tf.name_scope("x") as after:
        assert after == "x/"


def test_init_scope_pauses_tapes_and_keeps_the_name_scope():
    x = tf.Variable(2.0)
    with tf.GradientTape(persistent=True) as tape:
        with tf.name_scope("a"):
            with tf.init_scope() as value:
                hidden = x * x
                with tf.name_scope("b") as scope:
                    pass
        seen = x * 3
    assert value is None and scope == "a/b/"
    assert tape.gradient(hidden, x) is None and float(tape.gradient(seen, x)) == 3.0


def test_autograph_namespace():
    def body(x):
        return x
    assert tf.autograph.experimental.do_not_convert(body) is body
    assert tf.autograph.experimental.do_not_convert()(body) is body
    tf.autograph.set_verbosity(0)
    tf.autograph.experimental.set_loop_options(maximum_iterations=3)


TRAINING_SCRIPT = """
    import numpy as np
    import tensorflow as tf

    rng = np.random.default_rng(0)
    x_train = rng.normal(size=(64, 3)).astype("float32")
    y_train = x_train @ np.array([[1.0], [-2.0], [0.5]], dtype="float32") + 0.3

    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.build((None, 3))
    optimizer = tf.keras.optimizers.SGD(learning_rate=0.1)
    loss_fn = tf.keras.losses.MeanSquaredError()


    @tf.function
    def train_step(x, y):
        with tf.GradientTape() as tape:
            loss = loss_fn(y, model(x, training=True))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        return loss


    first = float(train_step(x_train, y_train))
    for _ in range(100):
        last = train_step(x_train, y_train)
    print(first > 0.1, float(last) < 1e-4, train_step.experimental_get_tracing_count(), last.dtype.name)
"""


def test_training_script_with_tf_function_runs_through_leantf_run(tmp_path):
    script = tmp_path / "train.py"
    script.write_text(textwrap.dedent(TRAINING_SCRIPT), encoding="utf-8")
    result = leantf_cmd("run", script, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "True True 1 float32\n"  # the same line TF 2.21 prints
