"""Optimizer behaviour users rely on beyond the golden numbers: the seed's training loops,
snapshot semantics of updated variables, learning rates, clipping, configs, custom optimizers."""
import warnings

import numpy as np
import pytest

import leantf as tf
from leantf import keras
from leantf.framework.tensor import wrap

ALL = ["SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta", "Adamax", "Nadam"]
VARIANTS = [("SGD", {}), ("SGD", {"momentum": 0.9}), ("SGD", {"momentum": 0.9, "nesterov": True}),
            ("Adam", {}), ("Adam", {"amsgrad": True}), ("AdamW", {}), ("RMSprop", {}),
            ("RMSprop", {"momentum": 0.5, "centered": True}), ("Adagrad", {}), ("Adadelta", {}),
            ("Adamax", {}), ("Nadam", {}), ("SGD", {"use_ema": True, "momentum": 0.5}),
            ("Adam", {"gradient_accumulation_steps": 2}), ("SGD", {"clipnorm": 0.1}),
            ("Adam", {"global_clipnorm": 0.1}), ("RMSprop", {"clipvalue": 0.01}), ("SGD", {"weight_decay": 0.1})]


def _mlp_variables(rng):
    shapes = {"dense/kernel": (4, 3), "dense/bias": (3,), "dense_1/kernel": (3, 1), "dense_1/bias": (1,)}
    return [keras.Variable(rng.standard_normal(s).astype("float32"), name=p.split("/")[1], path=p)
            for p, s in shapes.items()]


def test_seed_linear_regression_loop():
    """The seed's first program: two scalar tf.Variables, a tape, SGD via apply_gradients(zip(...))."""
    x_raw = np.array([2013, 2014, 2015, 2016, 2017], dtype=np.float32)
    y_raw = np.array([12000, 14000, 15000, 16500, 17500], dtype=np.float32)
    X = tf.constant((x_raw - x_raw.min()) / (x_raw.max() - x_raw.min()))
    y = tf.constant((y_raw - y_raw.min()) / (y_raw.max() - y_raw.min()))
    a = tf.Variable(initial_value=0.)
    b = tf.Variable(initial_value=0.)
    variables = [a, b]
    optimizer = tf.keras.optimizers.SGD(learning_rate=5e-4)
    # The same loop in plain float32 NumPy: SGD must be exactly w - lr * g.
    na, nb, lr = np.float32(0), np.float32(0), np.float32(5e-4)
    xn, yn = X.numpy(), y.numpy()
    for _ in range(300):
        with tf.GradientTape() as tape:
            y_pred = a * X + b
            loss = tf.reduce_sum(tf.square(y_pred - y))
        grads = tape.gradient(loss, variables)
        optimizer.apply_gradients(grads_and_vars=zip(grads, variables))
        ga, gb = grads[0].numpy(), grads[1].numpy()
        na, nb = na - ga * lr, nb - gb * lr
    assert a.numpy() == na and b.numpy() == nb
    assert a.dtype == tf.float32 and a.shape == ()
    assert int(optimizer.iterations.numpy()) == 300


@pytest.mark.parametrize("name,kwargs", VARIANTS, ids=[f"{n}-{'-'.join(k)}" for n, k in VARIANTS])
def test_updates_never_write_into_earlier_arrays(name, kwargs):
    rng = np.random.default_rng(0)
    variables = _mlp_variables(rng)
    opt = getattr(keras.optimizers, name)(**kwargs)
    grads = [rng.standard_normal(v.shape).astype("float32") for v in variables]
    grad_copies = [g.copy() for g in grads]
    opt.apply_gradients(zip([tf.constant(g) for g in grads], variables))
    reads = [v.value for v in variables]
    before = [(v, v._value, np.array(v._value, copy=True)) for v in variables + opt.variables]
    for _ in range(3):
        opt.apply_gradients(zip([tf.constant(g) for g in grads], variables))
    for v, arr, copy in before:
        np.testing.assert_array_equal(arr, copy, err_msg=f"{name}: {v.path} was written in place")
    for r, (_, _, copy) in zip(reads, before):
        np.testing.assert_array_equal(r.numpy(), copy)
    for g, c in zip(grads, grad_copies):
        np.testing.assert_array_equal(g, c)
    for v in variables:
        assert v.numpy().dtype == np.float32 and v.numpy().shape == tuple(v.shape)


@pytest.mark.parametrize("name", ALL)
def test_plain_variables_and_generators(name):
    a, b = tf.Variable(1.0), tf.Variable([1.0, -1.0])
    opt = getattr(keras.optimizers, name)(learning_rate=0.1)
    pairs = ((g, v) for g, v in [(tf.constant(2.0), a), (tf.constant([1.0, 3.0]), b)])
    assert opt.apply_gradients(pairs) is opt.iterations
    assert a.numpy() < 1.0 and b.numpy()[0] < 1.0
    assert [type(v).__name__ for v in opt.variables] == ["Variable"] * len(opt.variables)
    assert all(isinstance(v, keras.Variable) for v in opt.variables)


def test_scalar_update_cost_stays_on_numpy_scalars():
    # Rank-0 values come back as NumPy scalars (fast), never as Python floats or 0-d arrays.
    v = tf.Variable(0.0)
    opt = keras.optimizers.Adam()
    opt.apply_gradients([(wrap(np.float32(1.0)), v)])
    assert type(v._value) is np.float32
    updated = [s for s in opt.variables if s is not opt._learning_rate]
    assert all(type(s._value) in (np.float32, np.int64) for s in updated)


def test_learning_rate_variable_property_and_setter():
    opt = keras.optimizers.SGD(learning_rate=0.5)
    assert isinstance(opt.learning_rate, keras.Variable)
    assert opt.learning_rate.path == f"{opt.name}/learning_rate"
    v = tf.Variable(1.0)
    opt.apply_gradients([(tf.constant(1.0), v)])
    assert v.numpy() == np.float32(0.5)
    opt.learning_rate = 0.25
    opt.apply_gradients([(tf.constant(1.0), v)])
    assert v.numpy() == np.float32(0.25)
    opt.learning_rate.assign(0.125)  # assigning the variable directly is seen too
    opt.apply_gradients([(tf.constant(1.0), v)])
    assert v.numpy() == np.float32(0.125)


def test_learning_rate_schedule_evaluated_at_iterations():
    sched = keras.optimizers.schedules.PiecewiseConstantDecay([1, 2], [0.5, 0.25, 0.125])
    opt = keras.optimizers.SGD(learning_rate=sched)
    v = tf.Variable(0.0)
    seen = []
    for _ in range(4):
        seen.append(float(opt.learning_rate))
        opt.apply_gradients([(tf.constant(-1.0), v)])
    assert seen == [0.5, 0.5, 0.25, 0.125]
    assert v.numpy() == np.float32(1.375)
    assert [x.path for x in opt.variables] == [f"{opt.name}/iteration"]


def test_learning_rate_callable():
    rate = {"lr": 0.5}
    opt = keras.optimizers.SGD(learning_rate=lambda: rate["lr"])
    v = tf.Variable(0.0)
    opt.apply_gradients([(tf.constant(-1.0), v)])
    rate["lr"] = 0.25
    opt.apply_gradients([(tf.constant(-1.0), v)])
    assert v.numpy() == np.float32(0.75)


def test_user_schedule_subclass():
    class Halving(keras.optimizers.schedules.LearningRateSchedule):
        def __call__(self, step):
            return 1.0 / (tf.cast(step, tf.float32) + 1.0)

    opt = keras.optimizers.SGD(learning_rate=Halving())
    v = tf.Variable(0.0)
    for _ in range(3):
        opt.apply_gradients([(tf.constant(-1.0), v)])
    assert v.numpy() == np.float32(1 + 0.5 + 1 / 3)


def test_none_gradients_warn_and_skip():
    a, b = tf.Variable(1.0, name="a"), tf.Variable(2.0, name="b")
    opt = keras.optimizers.Adam()
    with pytest.warns(UserWarning, match=r"Gradients do not exist for variables \['a:0'\] when minimizing the loss"):
        opt.apply_gradients(zip([None, tf.constant(1.0)], [a, b]))
    assert a.numpy() == 1.0 and b.numpy() < 2.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        opt.apply_gradients(zip([tf.constant(1.0), tf.constant(1.0)], [a, b]))
    with pytest.raises(ValueError, match=r"^No gradients provided for any variable\.$"):
        opt.apply_gradients(zip([None, None], [a, b]))
    assert int(opt.iterations.numpy()) == 2


def test_clipping():
    v = tf.Variable([0.0, 0.0])
    keras.optimizers.SGD(learning_rate=1.0, clipnorm=1.0).apply_gradients([(tf.constant([3.0, 4.0]), v)])
    np.testing.assert_allclose(v.numpy(), [-0.6, -0.8], rtol=1e-6)
    v = tf.Variable([0.0, 0.0])
    keras.optimizers.SGD(learning_rate=1.0, clipvalue=0.5).apply_gradients([(tf.constant([3.0, -0.25]), v)])
    np.testing.assert_array_equal(v.numpy(), [-0.5, 0.25])
    a, b = tf.Variable([0.0, 0.0]), tf.Variable(0.0)
    keras.optimizers.SGD(learning_rate=1.0, global_clipnorm=2.6).apply_gradients(
        [(tf.constant([3.0, 4.0]), a), (tf.constant(12.0), b)])
    np.testing.assert_allclose(a.numpy(), [-0.6, -0.8], rtol=1e-6)
    np.testing.assert_allclose(b.numpy(), -2.4, rtol=1e-6)
    # Below the threshold gradients pass unchanged (up to the rounding of g * c / c).
    v = tf.Variable([0.0, 0.0])
    keras.optimizers.SGD(learning_rate=1.0, clipnorm=10.0).apply_gradients([(tf.constant([3.0, 4.0]), v)])
    np.testing.assert_allclose(v.numpy(), [-3.0, -4.0], rtol=1e-6)


def test_weight_decay_exclusions():
    rng = np.random.default_rng(1)
    kernel, bias, _, _ = _mlp_variables(rng)
    k0, b0 = kernel.numpy(), bias.numpy()
    opt = keras.optimizers.SGD(learning_rate=0.5, weight_decay=0.1)
    opt.exclude_from_weight_decay(var_names=["bias"])
    zeros = [tf.zeros(kernel.shape), tf.zeros(bias.shape)]
    opt.apply_gradients(zip(zeros, [kernel, bias]))
    np.testing.assert_allclose(kernel.numpy(), k0 - k0 * np.float32(0.1) * np.float32(0.5), rtol=1e-7)
    np.testing.assert_array_equal(bias.numpy(), b0)


def test_minimize_callable_and_tape():
    v = tf.Variable(3.0)
    opt = keras.optimizers.SGD(learning_rate=0.1)
    opt.minimize(lambda: v * v, [v])
    assert v.numpy() == np.float32(3.0 - 0.1 * 6.0)
    with tf.GradientTape() as tape:
        loss = v * v
    opt.minimize(loss, [v], tape=tape)
    assert int(opt.iterations.numpy()) == 2
    with pytest.raises(ValueError, match="`tape` is required when a `Tensor` loss is passed"):
        opt.minimize(loss, [v])


def test_apply_after_build_and_update_step():
    a, b = tf.Variable([1.0, 2.0]), tf.Variable(3.0)
    opt = keras.optimizers.SGD(learning_rate=0.5, momentum=0.5)
    opt.build([a, b])
    assert opt.built and len(opt.variables) == 4
    opt.apply([tf.constant([1.0, 1.0]), tf.constant(2.0)])
    np.testing.assert_array_equal(a.numpy(), [0.5, 1.5])
    assert b.numpy() == 2.0
    # update_step updates one variable (and its slot) without counting a step.
    opt.update_step(tf.constant(2.0), b, opt.learning_rate)
    assert b.numpy() == np.float32(2.0 + (-1.0 * 0.5 - 2.0 * 0.5)) and int(opt.iterations.numpy()) == 1


def test_custom_optimizer_subclasses():
    class LoggedAdam(keras.optimizers.Adam):
        calls = 0

        def update_step(self, gradient, variable, learning_rate):
            LoggedAdam.calls += 1
            super().update_step(gradient, variable, learning_rate)

    rng = np.random.default_rng(2)
    v1, v2 = _mlp_variables(rng)[:2], _mlp_variables(np.random.default_rng(2))[:2]
    grads = [tf.constant(rng.standard_normal(v.shape).astype("float32")) for v in v1]
    fused, generic = keras.optimizers.Adam(weight_decay=0.01, clipnorm=0.5), LoggedAdam(weight_decay=0.01,
                                                                                        clipnorm=0.5)
    for _ in range(3):
        fused.apply_gradients(zip(grads, v1))
        generic.apply_gradients(zip(grads, v2))
    assert LoggedAdam.calls == 6
    for x, y in zip(v1 + fused.variables, v2 + generic.variables):
        np.testing.assert_array_equal(x.numpy(), y.numpy())


def test_nadam_product_variable_paths():
    a = tf.Variable(1.0)
    direct = keras.optimizers.Nadam(name="nd")
    direct.build([a])
    assert direct.variables[-1].path.startswith("variable") and direct.variables[-1].trainable
    applied = keras.optimizers.Nadam(name="na")
    applied.apply_gradients([(tf.constant(1.0), a)])
    assert applied.variables[-1].path.startswith("na/variable")


def test_sparse_gradient_is_applied_densely():
    class Slices:  # the IndexedSlices protocol: values for rows `indices` of a dense_shape tensor
        indices = np.array([0, 2, 0])
        values = np.array([[1.0, 1.0], [2.0, 2.0], [1.0, 0.0]], dtype=np.float32)
        dense_shape = np.array([3, 2])

    v = tf.Variable(np.zeros((3, 2), np.float32))
    keras.optimizers.SGD(learning_rate=1.0).apply_gradients([(Slices(), v)])
    np.testing.assert_array_equal(v.numpy(), [[-2.0, -1.0], [0.0, 0.0], [-2.0, -2.0]])


@pytest.mark.parametrize("dtype", ["float16", "float64"])
def test_other_float_dtypes(dtype):
    v = tf.Variable(np.ones((3,), dtype))
    opt = keras.optimizers.Adam(learning_rate=0.1)
    opt.apply_gradients([(tf.constant(np.ones((3,), dtype)), v)])
    assert v.numpy().dtype == np.dtype(dtype) and all(v.numpy() < 1)
    assert [getattr(s.dtype, 'name', s.dtype) for s in opt.variables[2:]] == [dtype, dtype]


@pytest.mark.parametrize("name", ALL)
def test_config_round_trip(name):
    cls = getattr(keras.optimizers, name)
    opt = cls(learning_rate=0.25, clipnorm=2.0, name="x")
    config = opt.get_config()
    assert config["learning_rate"] == 0.25 and config["name"] == "x"
    clone = cls.from_config(config)
    assert type(clone) is cls and clone.get_config() == config
    ser = keras.optimizers.serialize(opt)
    assert ser == {"module": "keras.optimizers", "class_name": name, "config": config, "registered_name": None}
    again = keras.optimizers.deserialize(ser)
    assert type(again) is cls and again.get_config() == config
    assert type(keras.optimizers.get(name.lower())) is cls
    assert keras.optimizers.get(opt) is opt


def test_config_round_trip_with_schedule():
    sched = keras.optimizers.schedules.CosineDecay(0.1, 100, alpha=0.1, warmup_target=0.5, warmup_steps=10)
    opt = keras.optimizers.Adam(learning_rate=sched, name="a")
    ser = keras.optimizers.serialize(opt)
    assert ser["config"]["learning_rate"]["class_name"] == "CosineDecay"
    again = keras.optimizers.deserialize(ser)
    assert isinstance(again._learning_rate, keras.optimizers.schedules.CosineDecay)
    assert again._learning_rate.get_config() == sched.get_config()


def test_state_save_and_load():
    a = tf.Variable([1.0, 2.0])
    opt = keras.optimizers.Adam()
    opt.apply_gradients([(tf.constant([1.0, -1.0]), a)])
    store = {}
    opt.save_own_variables(store)
    assert sorted(store) == ["0", "1", "2", "3"] and store["0"] == 1
    other = keras.optimizers.Adam()
    other.build([tf.Variable([0.0, 0.0])])
    other.load_own_variables(store)
    for x, y in zip(opt.variables, other.variables):
        np.testing.assert_array_equal(x.numpy(), y.numpy())
    with pytest.warns(UserWarning, match="Skipping variable loading for optimizer"):
        keras.optimizers.Adam(name="fresh").load_own_variables(store)
    other.set_weights([v.numpy() for v in opt.variables])
    with pytest.raises(ValueError, match="not compatible with provided weight shape"):
        other.set_weights([np.int64(0), np.float32(0), np.zeros(3)])


def test_namespaces():
    assert tf.keras.optimizers.Adam is keras.optimizers.Adam
    assert keras.Optimizer is keras.optimizers.Optimizer
    assert issubclass(keras.optimizers.AdamW, keras.optimizers.Adam)
    assert {"ExponentialDecay", "PiecewiseConstantDecay", "PolynomialDecay", "InverseTimeDecay", "CosineDecay",
            "CosineDecayRestarts", "LearningRateSchedule", "serialize", "deserialize"} <= set(
        dir(keras.optimizers.schedules))


def test_hyperparameters_changed_between_steps_take_effect():
    v = tf.Variable(0.0)
    opt = keras.optimizers.SGD(learning_rate=1.0, momentum=0.5)
    opt.apply_gradients([(tf.constant(-1.0), v)])   # m = 1, v = 1
    opt.momentum = 0.0
    opt.apply_gradients([(tf.constant(-1.0), v)])   # m = 0 * 1 + 1 = 1, v = 2
    assert v.numpy() == 2.0
