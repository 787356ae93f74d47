"""Golden values for keras.optimizers, taken from real TensorFlow 2.21 / Keras 3.15.

Run with the TensorFlow virtualenv (never a dependency of leantf):

    /work/tfenv/bin/python tools/golden_optimizers.py

It writes tests/fixtures/optimizers_golden.json with three sections, which
tests/keras/optimizers/test_golden.py replays on leantf:

- ``runs``: an optimizer (from RUNS) applied for a few steps to fixed variables with fixed
  gradients (both stored in the fixture); the variables' values after every step, and the
  optimizer's variables (name, path, dtype, value), iterations and config at the end.
- ``schedules``: each learning-rate schedule's value and dtype at a list of steps, and its config.
- ``snippets``: short sources (errors, warnings, names, configs) run with ``keras``, ``tf`` and
  ``np`` bound; the outcome is described as the value, or the exception's class and message,
  plus the warnings raised. Sources name their optimizers so automatic numbering cannot leak in.
"""
import json
import os
import warnings

import numpy as np

FIXTURE = os.path.join(os.path.dirname(__file__), os.pardir, "tests", "fixtures", "optimizers_golden.json")

# Model variables every run uses: (path, shape). Keras variables get these paths; plain tf.Variables
# are named after the last component.
VARIABLES = [("dense/kernel", (3, 2)), ("dense/bias", (2,)), ("head/scale", ())]

# id -> (optimizer class, kwargs, options). Options: steps (default 5), tf_vars (plain tf.Variable),
# dtype, schedule (learning_rate from a schedule dict), exclude (exclude_from_weight_decay kwargs),
# none (step -> variable indices whose gradient is None), set_lr (step -> new learning rate before it).
RUNS = {
    "sgd": ("SGD", {"learning_rate": 0.1}, {}),
    "sgd_momentum": ("SGD", {"learning_rate": 0.05, "momentum": 0.9}, {}),
    "sgd_nesterov": ("SGD", {"learning_rate": 0.05, "momentum": 0.9, "nesterov": True}, {}),
    "sgd_tf_vars": ("SGD", {"learning_rate": 0.05, "momentum": 0.5}, {"tf_vars": True}),
    "adam": ("Adam", {"learning_rate": 0.01}, {}),
    "adam_long": ("Adam", {"learning_rate": 0.01}, {"steps": 30}),
    "adam_amsgrad": ("Adam", {"learning_rate": 0.01, "beta_1": 0.8, "amsgrad": True}, {}),
    "adam_tf_vars": ("Adam", {"learning_rate": 0.01}, {"tf_vars": True}),
    "adam_float64": ("Adam", {"learning_rate": 0.01}, {"dtype": "float64"}),
    "adamw": ("AdamW", {"learning_rate": 0.01, "weight_decay": 0.1}, {}),
    "adamw_exclude": ("AdamW", {"learning_rate": 0.01, "weight_decay": 0.1},
                      {"exclude": {"var_names": ["bias"]}}),
    "rmsprop": ("RMSprop", {"learning_rate": 0.01}, {}),
    "rmsprop_momentum": ("RMSprop", {"learning_rate": 0.01, "momentum": 0.5}, {}),
    "rmsprop_centered": ("RMSprop", {"learning_rate": 0.01, "centered": True}, {}),
    "rmsprop_both": ("RMSprop", {"learning_rate": 0.01, "momentum": 0.5, "centered": True}, {}),
    "adagrad": ("Adagrad", {"learning_rate": 0.1}, {}),
    "adadelta": ("Adadelta", {"learning_rate": 1.0}, {}),
    "adamax": ("Adamax", {"learning_rate": 0.01}, {}),
    "nadam": ("Nadam", {"learning_rate": 0.01}, {}),
    "nadam_float64": ("Nadam", {"learning_rate": 0.01}, {"dtype": "float64"}),
    "sgd_clipnorm": ("SGD", {"learning_rate": 0.1, "clipnorm": 0.5}, {}),
    "adam_clipvalue": ("Adam", {"learning_rate": 0.01, "clipvalue": 0.3}, {}),
    "sgd_global_clipnorm": ("SGD", {"learning_rate": 0.1, "global_clipnorm": 1.0}, {}),
    "sgd_weight_decay": ("SGD", {"learning_rate": 0.1, "weight_decay": 0.05}, {}),
    "sgd_loss_scale": ("SGD", {"learning_rate": 0.1, "loss_scale_factor": 4.0}, {}),
    "sgd_ema": ("SGD", {"learning_rate": 0.1, "momentum": 0.5, "use_ema": True, "ema_momentum": 0.9,
                        "ema_overwrite_frequency": 3}, {"steps": 7}),
    "adam_accumulate": ("Adam", {"learning_rate": 0.01, "gradient_accumulation_steps": 2}, {"steps": 6}),
    "adam_none_grad": ("Adam", {"learning_rate": 0.01}, {"none": {"1": [1], "3": [0, 2]}}),
    "sgd_set_lr": ("SGD", {"learning_rate": 0.1}, {"set_lr": {"2": 0.02}}),
    "sgd_exponential": ("SGD", {}, {"schedule": {"class_name": "ExponentialDecay", "config": {
        "initial_learning_rate": 0.1, "decay_steps": 2, "decay_rate": 0.5}}}),
    "adam_cosine_warmup": ("Adam", {}, {"steps": 8, "schedule": {"class_name": "CosineDecay", "config": {
        "initial_learning_rate": 0.0, "decay_steps": 10, "warmup_target": 0.05, "warmup_steps": 3}}}),
    "sgd_piecewise": ("SGD", {}, {"schedule": {"class_name": "PiecewiseConstantDecay", "config": {
        "boundaries": [1, 3], "values": [0.1, 0.05, 0.01]}}}),
    "adamw_schedule": ("AdamW", {"weight_decay": 0.2}, {"schedule": {"class_name": "InverseTimeDecay", "config": {
        "initial_learning_rate": 0.05, "decay_steps": 1, "decay_rate": 0.5}}}),
}

SCHEDULES = {
    "exponential": ("ExponentialDecay", {"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.96}),
    "exponential_staircase": ("ExponentialDecay", {"initial_learning_rate": 0.1, "decay_steps": 10,
                                                   "decay_rate": 0.5, "staircase": True}),
    "piecewise": ("PiecewiseConstantDecay", {"boundaries": [10, 20], "values": [1.0, 0.5, 0.1]}),
    "piecewise_int": ("PiecewiseConstantDecay", {"boundaries": [10, 20], "values": [3, 2, 1]}),
    "polynomial": ("PolynomialDecay", {"initial_learning_rate": 0.1, "decay_steps": 50}),
    "polynomial_power": ("PolynomialDecay", {"initial_learning_rate": 0.1, "decay_steps": 50,
                                             "end_learning_rate": 0.01, "power": 0.5}),
    "polynomial_cycle": ("PolynomialDecay", {"initial_learning_rate": 0.1, "decay_steps": 30,
                                             "end_learning_rate": 0.001, "power": 2.0, "cycle": True}),
    "inverse_time": ("InverseTimeDecay", {"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.5}),
    "inverse_time_staircase": ("InverseTimeDecay", {"initial_learning_rate": 0.1, "decay_steps": 10,
                                                    "decay_rate": 0.5, "staircase": True}),
    "cosine": ("CosineDecay", {"initial_learning_rate": 0.1, "decay_steps": 50}),
    "cosine_alpha": ("CosineDecay", {"initial_learning_rate": 0.1, "decay_steps": 50, "alpha": 0.1}),
    "cosine_warmup": ("CosineDecay", {"initial_learning_rate": 0.0, "decay_steps": 40, "warmup_target": 0.2,
                                      "warmup_steps": 15, "alpha": 0.05}),
    "cosine_restarts": ("CosineDecayRestarts", {"initial_learning_rate": 0.1, "first_decay_steps": 10}),
    "cosine_restarts_flat": ("CosineDecayRestarts", {"initial_learning_rate": 0.1, "first_decay_steps": 10,
                                                     "t_mul": 1.0, "m_mul": 0.5, "alpha": 0.1}),
}
SCHEDULE_STEPS = [0, 1, 2, 3, 5, 9, 10, 11, 14, 15, 19, 20, 21, 25, 30, 33, 40, 49, 50, 55, 60, 75, 100, 1000]

_SETUP = """
v1 = tf.Variable([1.0, 2.0], name='v1')
v2 = tf.Variable(3.0, name='v2')
"""

SNIPPETS = [
    ("lr_int", "keras.optimizers.SGD(learning_rate=1)"),
    ("lr_np_float32", "keras.optimizers.SGD(learning_rate=np.float32(0.1))"),
    ("lr_np_float64", "float(keras.optimizers.SGD(learning_rate=np.float64(0.1), name='o').learning_rate.numpy())"),
    ("lr_tf_variable", "keras.optimizers.SGD(learning_rate=tf.Variable(0.5))"),
    ("lr_callable", "keras.optimizers.SGD(learning_rate=lambda: 0.25, name='o').learning_rate"),
    ("momentum_int", "keras.optimizers.SGD(momentum=1)"),
    ("momentum_big", "keras.optimizers.SGD(momentum=2.0)"),
    ("two_clips", "keras.optimizers.SGD(clipnorm=1.0, clipvalue=2.0)"),
    ("unknown_kwargs", "keras.optimizers.Adam(foo=1, bar=2)"),
    ("decay_ignored", "keras.optimizers.SGD(decay=0.1, name='o').name"),
    ("adamw_no_decay", "keras.optimizers.AdamW(weight_decay=None)"),
    ("ema_momentum_bad", "keras.optimizers.SGD(use_ema=True, ema_momentum=2)"),
    ("ema_frequency_bad", "keras.optimizers.SGD(use_ema=True, ema_overwrite_frequency=0.5)"),
    ("accumulation_bad", "keras.optimizers.SGD(gradient_accumulation_steps=1)"),
    ("none_gradient_warns", _SETUP + """
opt = keras.optimizers.SGD(name='o')
it = opt.apply_gradients(zip([None, tf.constant(1.0)], [v1, v2]))
result = (int(it.numpy()), v1.numpy().tolist(), float(v2.numpy()))"""),
    ("none_gradient_keras_path", _SETUP + """
with keras.name_scope('dense'):
    k = keras.Variable(np.ones((2,), 'float32'), name='kernel')
opt = keras.optimizers.Adam(name='o')
opt.apply_gradients([(None, k), (tf.constant(1.0), v2)])
result = k.numpy().tolist()"""),
    ("all_none_gradients", _SETUP + """
opt = keras.optimizers.SGD(name='o')
try:
    opt.apply_gradients(zip([None, None], [v1, v2]))
except ValueError as e:
    result = (str(e), int(opt.iterations.numpy()), opt.built)"""),
    ("empty_zip", "keras.optimizers.SGD(name='o').apply_gradients(zip([], []))"),
    ("empty_apply", "keras.optimizers.SGD(name='o').apply([], [])"),
    ("unknown_variable", _SETUP + """
opt = keras.optimizers.SGD(name='o')
opt.apply_gradients([(tf.constant(1.0), v2)])
opt.apply_gradients([(tf.constant([1.0, 1.0]), v1)])"""),
    ("apply_unbuilt_no_vars", "keras.optimizers.SGD(name='o').apply([tf.constant(1.0)])"),
    ("apply_wrong_count", _SETUP + """
opt = keras.optimizers.SGD(name='o')
opt.build([v1, v2])
opt.apply([tf.constant(1.0)])"""),
    ("apply_after_build", _SETUP + """
opt = keras.optimizers.SGD(name='o')
opt.build([v1, v2])
opt.apply([tf.constant([1.0, 2.0]), tf.constant(3.0)])
result = (v1.numpy().tolist(), float(v2.numpy()), int(opt.iterations.numpy()))"""),
    ("apply_returns", _SETUP + """
opt = keras.optimizers.SGD(name='o')
result = (opt.apply([tf.constant(3.0)], [v2]), opt.apply_gradients([(tf.constant(3.0), v2)]).path)"""),
    ("not_a_pair", _SETUP + "keras.optimizers.SGD(name='o').apply_gradients([tf.constant(1.0)])"),
    ("grad_python_list", _SETUP + """
keras.optimizers.SGD(name='o').apply_gradients([([1.0, 1.0], v1)])
result = v1.numpy().tolist()"""),
    ("grad_numpy", _SETUP + """
keras.optimizers.SGD(name='o').apply_gradients([(np.float32(2.0), v2)])
result = float(v2.numpy())"""),
    ("grad_float64", _SETUP + """
keras.optimizers.SGD(name='o').apply_gradients([(tf.constant(2.0, tf.float64), v2)])
result = float(v2.numpy())"""),
    ("grad_scalar_broadcast", _SETUP + """
keras.optimizers.Adam(name='o').apply_gradients([(tf.constant(1.0), v1)])
result = v1.numpy().tolist()"""),
]
for _opt, _kw in [("SGD", ""), ("SGD", "momentum=0.5"), ("Adam", ""), ("RMSprop", ""), ("Adagrad", ""),
                  ("Adadelta", ""), ("Adamax", ""), ("Nadam", "")]:
    _id = _opt.lower() + ("_momentum" if _kw else "")
    SNIPPETS.append((f"shape_error_{_id}", _SETUP + f"keras.optimizers.{_opt}({_kw}).apply_gradients("
                                                    "[(tf.ones(3), v1)])"))
SNIPPETS += [
    ("set_lr", """
opt = keras.optimizers.SGD(name='o')
opt.learning_rate = 0.5
a = float(opt.learning_rate.numpy())
opt.learning_rate = 1
b = float(opt.learning_rate.numpy())
opt.learning_rate = tf.constant(0.25)
result = (a, b, float(opt.learning_rate.numpy()), [v.path for v in opt.variables])"""),
    ("set_lr_on_schedule", """
opt = keras.optimizers.SGD(learning_rate=keras.optimizers.schedules.ExponentialDecay(0.1, 10, 0.5), name='o')
opt.learning_rate = 0.3"""),
    ("set_schedule_untracks", """
opt = keras.optimizers.SGD(name='o')
opt.learning_rate = keras.optimizers.schedules.ExponentialDecay(0.1, 10, 0.5)
result = ([v.path for v in opt.variables], opt.learning_rate, opt.get_config()['learning_rate'])"""),
    ("schedule_lr_value", """
opt = keras.optimizers.SGD(learning_rate=keras.optimizers.schedules.ExponentialDecay(0.1, 10, 0.5), name='o')
result = (opt.learning_rate, [v.path for v in opt.variables])"""),
    ("auto_names", "[keras.optimizers.RMSprop().name.split('_')[:2], keras.optimizers.AdamW().name.split('_')[:2], "
                   "keras.optimizers.Nadam().name.split('_')[:1]]"),
    ("iterations_variable", """
opt = keras.optimizers.Adam(name='o')
dt = lambda v: getattr(v.dtype, 'name', v.dtype)
result = (opt.iterations.path, opt.iterations.name, dt(opt.iterations), opt.iterations.trainable,
          opt._learning_rate.path, dt(opt._learning_rate), opt._learning_rate.trainable)"""),
    ("slot_names_keras", """
with keras.name_scope('sequential'):
    with keras.name_scope('dense'):
        k = keras.Variable(np.ones((3, 2), 'float32'), name='kernel')
        b = keras.Variable(np.zeros((2,), 'float32'), name='bias')
opt = keras.optimizers.Adam(name='adam')
opt.build([k, b])
result = [(v.name, v.path, getattr(v.dtype, 'name', v.dtype), tuple(v.shape), v.trainable) for v in opt.variables]"""),
    ("slot_names_tf", _SETUP + """
opt = keras.optimizers.RMSprop(momentum=0.5, centered=True, name='rms')
opt.apply_gradients(zip([tf.constant([1.0, 1.0]), tf.constant(1.0)], [v1, v2]))
result = [(v.name, v.path) for v in opt.variables]"""),
    ("slot_names_amsgrad", _SETUP + """
opt = keras.optimizers.Adam(amsgrad=True, name='ams')
opt.build([v1, v2])
result = [v.path for v in opt.variables]"""),
    ("slot_names_ema_accumulate", _SETUP + """
opt = keras.optimizers.SGD(momentum=0.5, use_ema=True, gradient_accumulation_steps=3, name='s')
opt.build([v1, v2])
result = [v.path for v in opt.variables]"""),
    ("nadam_product_in_apply", _SETUP + """
opt = keras.optimizers.Nadam(name='nad')
opt.apply_gradients(zip([tf.constant([1.0, 1.0]), tf.constant(1.0)], [v1, v2]))
result = [p.split('variable')[0] + 'variable' if 'variable' in p else p for p in [v.path for v in opt.variables]]"""),
    ("get_string", "[type(keras.optimizers.get(n)).__name__ for n in ['adam', 'Adam', 'ADAM', 'sgd', 'rmsprop', "
                   "'adamw', 'nadam', 'adagrad', 'adadelta', 'adamax']]"),
    ("get_unknown", "keras.optimizers.get('foo')"),
    ("get_int", "keras.optimizers.get(1)"),
    ("get_none", "keras.optimizers.get(None)"),
    ("get_unknown_dict", "keras.optimizers.get({'class_name': 'Foo', 'config': {}})"),
    ("get_bad_config", "keras.optimizers.get({'class_name': 'Adam', 'config': {'foo': 1}})"),
    ("get_dict", "keras.optimizers.get({'class_name': 'SGD', 'config': {'learning_rate': 0.5, 'momentum': 0.9, "
                 "'name': 'o'}}).get_config()"),
    ("get_class", "keras.optimizers.get(keras.optimizers.SGD)"),
    ("deserialize_unknown", "keras.optimizers.deserialize({'class_name': 'Foo', 'config': {}})"),
    ("deserialize_string", "keras.optimizers.deserialize('adam')"),
    ("deserialize_no_class", "keras.optimizers.deserialize({'config': {}})"),
    ("deserialize_full", "keras.optimizers.deserialize({'module': 'keras.optimizers', 'class_name': 'Nadam', "
                         "'config': {'name': 'n', 'learning_rate': 0.25, 'beta_1': 0.8}, "
                         "'registered_name': None}).get_config()"),
    ("deserialize_schedule_inside", """
cfg = keras.optimizers.serialize(keras.optimizers.SGD(
    learning_rate=keras.optimizers.schedules.PolynomialDecay(0.1, 100), name='o'))
opt = keras.optimizers.deserialize(cfg)
result = (cfg, type(opt._learning_rate).__name__, opt.get_config() == cfg['config'])"""),
    ("from_config_bare_schedule", "keras.optimizers.SGD.from_config({'learning_rate': {'class_name': "
                                  "'ExponentialDecay', 'config': {'initial_learning_rate': 0.1, 'decay_steps': 10, "
                                  "'decay_rate': 0.5}}})"),
    ("config_callable_lr", """
def my_lr():
    return 0.1
result = keras.optimizers.SGD(learning_rate=my_lr, name='o').get_config()"""),
    ("serialize_subclass", """
class MyOpt(keras.optimizers.SGD):
    pass
result = keras.optimizers.serialize(MyOpt(name='m'))"""),
    ("schedule_decay_steps_zero", "keras.optimizers.schedules.ExponentialDecay(0.1, 0, 0.5)"),
    ("schedule_polynomial_zero", "keras.optimizers.schedules.PolynomialDecay(0.1, -1)"),
    ("schedule_restarts_zero", "keras.optimizers.schedules.CosineDecayRestarts(0.1, 0)"),
    ("schedule_piecewise_lengths", "keras.optimizers.schedules.PiecewiseConstantDecay([1, 2], [0.1])"),
    ("schedule_base_call", "keras.optimizers.schedules.LearningRateSchedule()(1)"),
    ("schedule_base_config", "keras.optimizers.schedules.LearningRateSchedule().get_config()"),
    ("schedule_serialize", "keras.optimizers.schedules.serialize(keras.optimizers.schedules.CosineDecay("
                           "0.1, 100, warmup_target=0.5, warmup_steps=10))"),
    ("schedule_deserialize", "keras.optimizers.schedules.deserialize({'class_name': 'InverseTimeDecay', 'config': "
                             "{'initial_learning_rate': 0.1, 'decay_steps': 10, 'decay_rate': 0.5}}).get_config()"),
    ("schedule_deserialize_unknown", "keras.optimizers.schedules.deserialize({'class_name': 'Foo', 'config': {}})"),
    ("schedule_deserialize_lowercase", "keras.optimizers.schedules.deserialize({'class_name': 'exponentialdecay', "
                                       "'config': {}})"),
    ("schedule_float64", "keras.optimizers.schedules.ExponentialDecay(np.float64(0.1), 10, 0.5)(3)"),
    ("schedule_tensor_step", "keras.optimizers.schedules.ExponentialDecay(0.1, 10, 0.5)(tf.constant(3))"),
    ("schedule_variable_step", "keras.optimizers.schedules.PiecewiseConstantDecay([2, 4], [0.3, 0.2, 0.1])"
                               "(tf.Variable(3, dtype=tf.int64))"),
    ("schedule_custom", """
class Halving(keras.optimizers.schedules.LearningRateSchedule):
    def __call__(self, step):
        return 0.5 / (tf.cast(step, tf.float32) + 1.0)
opt = keras.optimizers.SGD(learning_rate=Halving(), name='o')
v = tf.Variable(1.0)
for _ in range(3):
    opt.apply_gradients([(tf.constant(1.0), v)])
result = (float(v.numpy()), opt.learning_rate)"""),
    ("custom_update_step", """
class SignSGD(keras.optimizers.Optimizer):
    def __init__(self, learning_rate=0.1, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
    def update_step(self, gradient, variable, learning_rate):
        self.assign_sub(variable, tf.sign(gradient) * tf.cast(learning_rate, variable.dtype))
v = tf.Variable([1.0, -2.0, 3.0])
opt = SignSGD(name='s')
opt.apply_gradients([(tf.constant([0.5, -0.1, 0.0]), v)])
opt.apply_gradients([(tf.constant([0.5, -0.1, 0.0]), v)])
result = (v.numpy().tolist(), int(opt.iterations.numpy()))"""),
    ("custom_no_super", """
class Broken(keras.optimizers.SGD):
    def __init__(self):
        self.x = 1
Broken()"""),
    ("constraint_applied", """
v = tf.Variable([1.0, -2.0], constraint=lambda x: tf.clip_by_value(x, 0.0, 1.5))
keras.optimizers.SGD(learning_rate=1.0, name='o').apply_gradients([(tf.constant([-1.0, 1.0]), v)])
result = v.numpy().tolist()"""),
    ("exclude_by_variable", _SETUP + """
opt = keras.optimizers.AdamW(weight_decay=0.5, learning_rate=0.1, name='o')
opt.exclude_from_weight_decay(var_list=[v2])
opt.apply_gradients(zip([tf.constant([0.0, 0.0]), tf.constant(0.0)], [v1, v2]))
result = (v1.numpy().tolist(), float(v2.numpy()))"""),
    ("finalize_ema", _SETUP + """
opt = keras.optimizers.SGD(learning_rate=0.5, use_ema=True, ema_momentum=0.5, name='o')
for _ in range(3):
    opt.apply_gradients(zip([tf.constant([1.0, 1.0]), tf.constant(1.0)], [v1, v2]))
before = (v1.numpy().tolist(), float(v2.numpy()))
opt.finalize_variable_values([v1, v2])
result = (before, v1.numpy().tolist(), float(v2.numpy()))"""),
    ("set_weights_unbuilt", "keras.optimizers.SGD(name='o').set_weights([])"),
    ("stateless_apply", "keras.optimizers.SGD(name='o').stateless_apply([], [], [])"),
    ("legacy", "keras.optimizers.legacy.Adam()"),
    ("scale_loss", "keras.optimizers.SGD(loss_scale_factor=8.0, name='o').scale_loss(2.0)"),
]


def _values(x):
    """A JSON form of an array: nested lists of Python numbers (float32 values are exact in a double)."""
    a = np.asarray(x)
    return a.tolist()


def describe(value):
    """A JSON description of a snippet's value, comparable between TensorFlow and leantf."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [describe(v) for v in value]
    if isinstance(value, dict):
        return {"dict": {str(k): describe(v) for k, v in value.items()}}
    if hasattr(value, "path") and hasattr(value, "numpy"):
        return {"keras_variable": [value.path, str(value.dtype), _values(value.numpy())]}
    if hasattr(value, "numpy") and hasattr(value, "dtype"):
        return {"tensor": [value.dtype.name, _values(value.numpy())]}
    if isinstance(value, (np.generic, np.ndarray)):
        return {"numpy": [str(value.dtype), _values(value)]}
    return {"object": type(value).__name__}


def run_snippet(source, env):
    scope = dict(env)
    caught = []
    try:
        with warnings.catch_warnings(record=True) as record:
            warnings.simplefilter("always")
            if "\n" in source.strip("\n"):
                exec(compile(source, "<snippet>", "exec"), scope)
                outcome = {"value": describe(scope.get("result"))}
            else:
                outcome = {"value": describe(eval(compile(source, "<snippet>", "eval"), scope))}
        caught = record
    except Exception as e:  # noqa: BLE001 - the exception is the outcome being recorded
        outcome = {"error": [type(e).__name__, str(e)]}
    outcome["warnings"] = [[w.category.__name__, str(w.message)] for w in caught
                           if "lambda" not in str(w.message)]
    return outcome


def make_inputs(run_id, steps, dtype):
    """Initial values and per-step gradients for a run, from a seed derived from its id."""
    rng = np.random.default_rng(sum(map(ord, run_id)))
    init = [rng.standard_normal(shape).astype(dtype) for _, shape in VARIABLES]
    grads = [[(rng.standard_normal(shape) * 0.7).astype(dtype) for _, shape in VARIABLES] for _ in range(steps)]
    return init, grads


def run_optimizer(keras, tf, run_id, spec):
    cls_name, kwargs, opts = spec
    steps = opts.get("steps", 5)
    dtype = opts.get("dtype", "float32")
    init, grads = make_inputs(run_id, steps, dtype)
    kwargs = dict(kwargs, name="opt")
    if "schedule" in opts:
        sched = opts["schedule"]
        kwargs["learning_rate"] = getattr(keras.optimizers.schedules, sched["class_name"])(**sched["config"])
    opt = getattr(keras.optimizers, cls_name)(**kwargs)
    if opts.get("tf_vars"):
        variables = [tf.Variable(v, name=path.split("/")[-1]) for (path, _), v in zip(VARIABLES, init)]
    else:
        variables = []
        for (path, _), v in zip(VARIABLES, init):
            scope, name = path.split("/")
            with keras.name_scope(scope):
                variables.append(keras.Variable(v, name=name, dtype=dtype))
    if "exclude" in opts:
        opt.exclude_from_weight_decay(**opts["exclude"])
    history = []
    for step in range(steps):
        if str(step) in opts.get("set_lr", {}):
            opt.learning_rate = opts["set_lr"][str(step)]
        none = opts.get("none", {}).get(str(step), [])
        step_grads = [None if i in none else tf.constant(g) for i, g in enumerate(grads[step])]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            opt.apply_gradients(zip(step_grads, variables))
        history.append([_values(v.numpy()) for v in variables])
    return {
        "optimizer": cls_name, "kwargs": dict(spec[1], name="opt"), "options": opts, "dtype": dtype,
        "initial": [_values(v) for v in init], "gradients": [[_values(g) for g in gs] for gs in grads],
        "history": history,
        "optimizer_variables": [{"name": v.name, "path": v.path, "dtype": getattr(v.dtype, "name", v.dtype),
                                 "value": _values(v.numpy())}
                                for v in opt.variables],
        "iterations": int(opt.iterations.numpy()) if not kwargs.get("gradient_accumulation_steps")
        else int(opt._iterations.numpy()),
        "config": {k: v for k, v in opt.get_config().items()},
    }


def main():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import keras
    import tensorflow as tf
    out = {"tensorflow": tf.__version__, "keras": keras.__version__, "variables": VARIABLES,
           "runs": {}, "schedules": {}, "schedule_steps": SCHEDULE_STEPS, "snippets": {}}
    for run_id, spec in RUNS.items():
        out["runs"][run_id] = run_optimizer(keras, tf, run_id, spec)
    for sched_id, (cls_name, config) in SCHEDULES.items():
        sched = getattr(keras.optimizers.schedules, cls_name)(**config)
        values = [sched(step) for step in SCHEDULE_STEPS]
        out["schedules"][sched_id] = {"class_name": cls_name, "config": config, "get_config": sched.get_config(),
                                      "dtype": values[0].dtype.name, "values": [float(v) for v in values]}
    env = {"keras": keras, "tf": tf, "np": np}
    for snippet_id, source in SNIPPETS:
        out["snippets"][snippet_id] = {"source": source, **run_snippet(source, env)}
    with open(FIXTURE, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"wrote {os.path.normpath(FIXTURE)}: {len(out['runs'])} runs, {len(out['schedules'])} schedules, "
          f"{len(out['snippets'])} snippets")


if __name__ == "__main__":
    main()
