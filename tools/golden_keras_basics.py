"""Golden values for keras initializers, activations, regularizers, constraints, backend (K),
utils, config and config (de)serialization, taken from real TensorFlow 2.21 / Keras 3.15.1.

Run with the TensorFlow virtualenv (never a dependency of leantf):

    /work/tfenv/bin/python tools/golden_keras_basics.py

Every case is source text run with ``tf`` bound to TensorFlow, ``keras`` to Keras 3 (the
``keras`` package: ``tf.keras`` lacks ``keras.saving``), ``K`` to ``tf.keras.backend`` (the
Keras 2 backend functions TF 2.21 still ships), ``TFI`` to the module holding
``tf.zeros_initializer`` & co. (``tf`` itself here) and ``np`` to NumPy. The
outcome (values with dtype and shape, printed text, or the exception's class and message)
goes to tests/fixtures/keras_basics_golden.json. tests/keras/test_keras_basics_golden.py
runs the same text with ``tf``/``keras`` bound to leantf and compares: texts and messages
exactly, numbers to float32 round-off.

Each case starts from a clean session (``clear_session``, default floatx/epsilon, no
registered custom objects). A one-line source is an expression whose value is described;
a multi-line source is executed and its variable ``result`` is described.
"""
import linecache
import os
import sys
import types
import warnings

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # the tests load this file by path
from _golden_common import CaseList, evaluate_source, outcome_of, write_fixture  # noqa: E402

FIXTURE = os.path.join(os.path.dirname(__file__), os.pardir, "tests", "fixtures", "keras_basics_golden.json")

CASES = CaseList()
case, cases = CASES.case, CASES.cases


# ---------------------------------------------------------------------------------------------
# initializers
# ---------------------------------------------------------------------------------------------
_INITS = ["Zeros", "Ones", "Constant", "Identity", "RandomNormal", "RandomUniform", "TruncatedNormal",
          "VarianceScaling", "GlorotUniform", "GlorotNormal", "HeUniform", "HeNormal", "LecunUniform",
          "LecunNormal", "Orthogonal"]
for _name in _INITS:
    case(f"init_config_{_name}", f"keras.initializers.{_name}().get_config()")
    case(f"init_serialize_{_name}", f"keras.initializers.serialize(keras.initializers.{_name}(seed=3))"
         if _name not in ("Zeros", "Ones", "Constant", "Identity") else
         f"keras.initializers.serialize(keras.initializers.{_name}())")
for _name in ["RandomNormal", "RandomUniform", "TruncatedNormal", "VarianceScaling", "GlorotUniform",
              "GlorotNormal", "HeUniform", "HeNormal", "LecunUniform", "LecunNormal", "Orthogonal"]:
    case(f"init_seeded_{_name}", f"keras.initializers.{_name}(seed=1)((4, 3))")
    case(f"init_seeded_f64_{_name}", f"keras.initializers.{_name}(seed=12)((3, 5), dtype='float64')")
cases("init_values", [
    "keras.initializers.GlorotUniform(seed=5)((3, 3, 2, 4))",
    "keras.initializers.HeNormal(seed=2)((2, 2, 3, 2))",
    "keras.initializers.VarianceScaling(2.0, 'fan_out', 'untruncated_normal', seed=4)((3, 4))",
    "keras.initializers.VarianceScaling(0.5, 'fan_avg', 'uniform', seed=4)((6,))",
    "keras.initializers.VarianceScaling(1.0, 'fan_in', 'normal', seed=4).get_config()",
    "keras.initializers.VarianceScaling(seed=4, input_axes=[0], output_axes=[1, 2])((2, 3, 4))",
    "keras.initializers.RandomUniform(-1, 1, seed=-7)((5,))",
    "keras.initializers.RandomUniform(0, 10, seed=3)((4,), dtype='int32')",
    "keras.initializers.RandomNormal(2.0, 3.0, seed=2**40)((3,))",
    "keras.initializers.Orthogonal(gain=2.0, seed=9)((3, 5))",
    "keras.initializers.Orthogonal(seed=9)((2, 2, 3))",
    "keras.initializers.Constant(3)((2, 2))",
    "keras.initializers.Constant([1.0, 2.0])((3, 2))",
    "keras.initializers.Constant(2)((3,), dtype='int32')",
    "keras.initializers.Constant(np.array([1.5, 2.5])).get_config()",
    "keras.initializers.Identity(gain=3.0)((2, 3))",
    "keras.initializers.Zeros()((2, 3), dtype='int32')",
    "keras.initializers.Ones()((2,), dtype='float64')",
    "keras.initializers.Ones()(())",
    """
i = keras.initializers.GlorotUniform()
result = bool(np.array_equal(i((3, 3)).numpy(), i((3, 3)).numpy()))
""",
    """
keras.utils.set_random_seed(7)
a = keras.initializers.GlorotUniform()((3, 2))
keras.utils.set_random_seed(7)
b = keras.initializers.GlorotUniform()
result = (a, b((3, 2)), bool(np.array_equal(a.numpy(), b((3, 2)).numpy())))
""",
    """
keras.utils.set_random_seed(11)
result = [keras.initializers.RandomNormal()((2,)), keras.initializers.HeUniform()((2, 2)),
          keras.initializers.Orthogonal()((2, 2))]
""",
    "keras.initializers.compute_fans((3, 3, 8, 16)) if hasattr(keras.initializers, 'compute_fans') else None",
])
cases("init_get", [f"type(keras.initializers.get({n!r})).__name__" for n in [
    "zeros", "Zeros", "zero", "ones", "one", "constant", "identity", "IdentityInitializer", "random_normal",
    "normal", "random_uniform", "uniform", "truncated_normal", "variance_scaling", "glorot_uniform",
    "glorot_normal", "he_uniform", "he_normal", "lecun_uniform", "lecun_normal", "orthogonal",
    "OrthogonalInitializer", "GlorotUniform"]] + [
    "keras.initializers.get('nope')",
    "keras.initializers.get(None)",
    "type(keras.initializers.get(keras.initializers.HeNormal)).__name__",
    "keras.initializers.get({'class_name': 'RandomUniform', 'config': {'minval': -1, 'maxval': 1, 'seed': 1}})((3,))",
    "keras.initializers.get({'module': 'keras.initializers', 'class_name': 'HeUniform', 'config': {'seed': 2}, "
    "'registered_name': None}).get_config()",
    "keras.initializers.get(np.array([[1.0, 2.0], [3.0, 4.0]]))((2, 2))",
    "keras.initializers.get(np.array([[1.0, 2.0], [3.0, 4.0]]))((2, 3))",
    "keras.initializers.get(tf.constant([1, 2]))((2,), dtype='float32')",
    "keras.initializers.get(5)",
    "keras.initializers.deserialize('glorot_uniform').get_config()",
    "keras.initializers.deserialize({'class_name': 'Foo', 'config': {}})",
    "keras.initializers.deserialize({'module': None, 'class_name': 'Foo', 'config': {}})",
    "keras.initializers.GlorotUniform.from_config({'seed': 4, 'input_axes': None, 'output_axes': None})((2,))",
    "keras.initializers.Constant.from_config(keras.initializers.Constant(np.array([1, 2])).get_config()).value",
    "type(keras.initializers.HeNormal(seed=1).clone()).__name__",
])
cases("init_error", [
    "keras.initializers.VarianceScaling(scale=0.0)",
    "keras.initializers.VarianceScaling(mode='fan_x')",
    "keras.initializers.VarianceScaling(distribution='gamma')",
    "keras.initializers.RandomNormal(seed='a')",
    "keras.initializers.RandomNormal(seed=1.5)",
    "keras.initializers.Orthogonal()((3,))",
    "keras.initializers.Identity()((2, 2, 2))",
    "keras.initializers.Initializer()((2,))",
])

# ---------------------------------------------------------------------------------------------
# activations
# ---------------------------------------------------------------------------------------------
_X = "np.array([-6.0, -3.0, -1.5, -0.5, -0.0, 0.25, 1.0, 2.5, 7.0], 'float32')"
_X2 = "np.array([[-2.0, 0.5, 1.0, 3.0], [0.1, -0.2, 0.3, -4.0], [5.0, 5.0, -5.0, 0.0]], 'float32')"
_ACTS = ["relu", "leaky_relu", "relu6", "softmax", "celu", "elu", "selu", "softplus", "softsign", "squareplus",
         "soft_shrink", "sparse_plus", "silu", "swish", "gelu", "tanh", "tanh_shrink", "sigmoid",
         "sparse_sigmoid", "exponential", "hard_sigmoid", "hard_silu", "hard_swish", "hard_tanh", "hard_shrink",
         "linear", "mish", "log_softmax", "log_sigmoid", "sparsemax"]
for _a in _ACTS:
    case(f"act_{_a}", f"keras.activations.{_a}({_X})")
    case(f"act2_{_a}", f"keras.activations.{_a}(tf.constant({_X2}))")
    case(f"act_get_{_a}", f"keras.activations.get({_a!r}).__name__")
    case(f"act_serialize_{_a}", f"keras.activations.serialize(keras.activations.{_a})")
cases("act_args", [
    f"keras.activations.relu({_X}, negative_slope=0.1)",
    f"keras.activations.relu({_X}, max_value=2.0)",
    f"keras.activations.relu({_X}, max_value=6)",
    f"keras.activations.relu({_X}, threshold=1.0)",
    f"keras.activations.relu({_X}, negative_slope=0.2, max_value=3.0, threshold=0.5)",
    f"keras.activations.relu({_X}, negative_slope=0.2, threshold=-1.0)",
    f"keras.activations.leaky_relu({_X}, negative_slope=0.5)",
    f"keras.activations.elu({_X}, alpha=0.5)",
    f"keras.activations.celu({_X}, alpha=2.0)",
    f"keras.activations.gelu({_X}, approximate=True)",
    f"keras.activations.softmax({_X2}, axis=0)",
    f"keras.activations.softmax({_X2}, axis=(0, 1))",
    f"keras.activations.log_softmax({_X2}, axis=0)",
    f"keras.activations.glu({_X2})",
    f"keras.activations.glu({_X2}, axis=0)",
    f"keras.activations.threshold({_X}, 0.3, -1.0)",
    f"keras.activations.soft_shrink({_X}, threshold=1.0)",
    f"keras.activations.hard_shrink({_X}, threshold=1.0)",
    f"keras.activations.squareplus({_X}, b=1)",
    f"keras.activations.sparsemax({_X2}, axis=0)",
    "keras.activations.relu(tf.constant([-1.0, 2.0], dtype=tf.float64))",
    "keras.activations.sigmoid(tf.constant([-1.0, 2.0], dtype=tf.float64))",
    "keras.activations.tanh([[0.5, -0.5]])",
])
cases("act_api", [
    "keras.activations.get(None).__name__",
    "keras.activations.get('nope')",
    "keras.activations.get(7)",
    "keras.activations.get(tf.nn.relu) is tf.nn.relu",
    "keras.activations.get({'module': 'keras.activations', 'class_name': 'function', 'config': 'elu', "
    "'registered_name': 'elu'}).__name__",
    "keras.activations.get({'module': 'builtins', 'class_name': 'function', 'config': 'tanh', "
    "'registered_name': 'function'}).__name__",
    "keras.activations.deserialize('relu').__name__",
    "keras.activations.deserialize('swish').__name__",
    "keras.activations.deserialize('nope')",
    "keras.activations.serialize(tf.nn.relu)",
    "keras.activations.serialize(tf.nn.sigmoid)",
    "keras.activations.serialize(tf.nn.tanh)",
    "keras.activations.serialize(tf.nn.elu)",
    "keras.activations.serialize(tf.nn.gelu)",
    "keras.activations.serialize(tf.nn.relu6)",
    "keras.activations.serialize(tf.nn.leaky_relu)",
    "keras.activations.serialize(tf.nn.selu)",
    "keras.activations.serialize(tf.nn.softplus)",
    "keras.activations.serialize(tf.nn.softsign)",
    """
def my_act(x):
    return x * 2.0
result = keras.activations.serialize(my_act)
""",
    """
@keras.saving.register_keras_serializable(package='acts')
def my_act(x):
    return x * 2.0
result = (keras.activations.serialize(my_act), keras.saving.serialize_keras_object(my_act))
""",
    """
@keras.saving.register_keras_serializable(package='acts')
def my_act(x):
    return x * 2.0
cfg = keras.activations.serialize(my_act)
result = keras.activations.deserialize(cfg) is my_act
""",
    "keras.saving.serialize_keras_object(keras.activations.relu)",
    "keras.activations.serialize(5)",
])

# ---------------------------------------------------------------------------------------------
# regularizers and constraints
# ---------------------------------------------------------------------------------------------
_W = "tf.constant([[1.0, -2.0, 0.5], [0.0, 3.0, -1.5], [2.0, 0.25, 1.0], [-0.5, -1.0, 4.0]])"
cases("reg", [
    "keras.regularizers.L1().get_config()",
    "keras.regularizers.L1(0.3).get_config()",
    "keras.regularizers.L2().get_config()",
    "keras.regularizers.L2(0.3).get_config()",
    "keras.regularizers.L1L2().get_config()",
    "keras.regularizers.L1L2(l1=0.1, l2=None).get_config()",
    "keras.regularizers.OrthogonalRegularizer().get_config()",
    "keras.regularizers.OrthogonalRegularizer(0.1, 'columns').get_config()",
    f"keras.regularizers.L1(0.1)({_W})",
    f"keras.regularizers.L2(0.1)({_W})",
    f"keras.regularizers.L1L2(0.1, 0.2)({_W})",
    f"keras.regularizers.L1L2()({_W})",
    f"keras.regularizers.L2(0.1)(tf.cast({_W}, tf.float64))",
    f"keras.regularizers.L1(0.1)(tf.cast({_W}, tf.float64))",
    f"keras.regularizers.OrthogonalRegularizer(0.5)({_W})",
    f"keras.regularizers.OrthogonalRegularizer(0.5, mode='columns')({_W})",
    "keras.regularizers.OrthogonalRegularizer()(tf.ones((2, 2, 2)))",
    "keras.regularizers.OrthogonalRegularizer(mode='diag')",
    "keras.regularizers.L1(-1.0)",
    "keras.regularizers.L2('a')",
    "keras.regularizers.L1L2(l1=float('nan'))",
    "keras.regularizers.serialize(keras.regularizers.L2(0.5))",
    "keras.regularizers.serialize(keras.regularizers.l1_l2(0.5, 0.25))",
    "keras.regularizers.get('l1').get_config()",
    "keras.regularizers.get('l2').get_config()",
    "type(keras.regularizers.get('L1L2')).__name__",
    "keras.regularizers.get('l1_l2')",
    "type(keras.regularizers.get('l1l2')).__name__",
    "type(keras.regularizers.get('orthogonal_regularizer')).__name__",
    "keras.regularizers.get(None)",
    "keras.regularizers.get({'class_name': 'L2', 'config': {'l2': 0.2}}).get_config()",
    "keras.regularizers.get('nope')",
    "keras.regularizers.deserialize({'module': 'keras.regularizers', 'class_name': 'L1', 'config': {'l1': 0.5}, "
    "'registered_name': None}).get_config()",
    "keras.regularizers.Regularizer().get_config()",
    "keras.regularizers.Regularizer()(tf.ones(2))",
    "[c.__name__ for c in (keras.regularizers.l1, keras.regularizers.l2, keras.regularizers.l1_l2)]",
])
cases("constraint", [
    f"keras.constraints.MaxNorm(2.0)({_W})",
    f"keras.constraints.MaxNorm(1.0, axis=1)({_W})",
    f"keras.constraints.NonNeg()({_W})",
    f"keras.constraints.UnitNorm()({_W})",
    f"keras.constraints.UnitNorm(axis=1)({_W})",
    f"keras.constraints.MinMaxNorm(1.0, 2.0, rate=0.5)({_W})",
    f"keras.constraints.MinMaxNorm(0.5, 1.5, axis=[0, 1])({_W})",
    "keras.constraints.MaxNorm().get_config()",
    "keras.constraints.MinMaxNorm().get_config()",
    "keras.constraints.UnitNorm().get_config()",
    "keras.constraints.NonNeg().get_config()",
    "keras.constraints.serialize(keras.constraints.MaxNorm(3))",
    "type(keras.constraints.get('max_norm')).__name__",
    "type(keras.constraints.get('non_neg')).__name__",
    "type(keras.constraints.get('UnitNorm')).__name__",
    "keras.constraints.get('nope')",
    "keras.constraints.get({'class_name': 'MinMaxNorm', 'config': {'min_value': 0.2}}).get_config()",
    "keras.constraints.Constraint()(tf.ones(2))",
])

# ---------------------------------------------------------------------------------------------
# K (tf.keras.backend)
# ---------------------------------------------------------------------------------------------
_A3 = "tf.constant(np.arange(24, dtype='float32').reshape(2, 3, 4) / 10)"
_B2 = "tf.constant(np.arange(20, dtype='float32').reshape(4, 5) / 7)"
cases("K", [
    f"K.dot({_A3}, {_B2})",
    f"K.dot({_B2}, tf.constant(np.ones((3, 5, 2), 'float32')))",
    "K.dot(tf.ones((2, 3)), tf.ones((3, 4)))",
    "K.dot(tf.ones((2, 3, 4)), tf.ones((5, 4, 6))).shape",
    "K.batch_dot(tf.ones((32, 20, 1)), tf.ones((32, 30, 20)), axes=(1, 2)).shape",
    f"K.batch_dot({_A3}, tf.transpose({_A3}, (0, 2, 1)))",
    "K.batch_dot(tf.constant([[1., 2.], [3., 4.]]), tf.constant([[5., 6.], [7., 8.]]))",
    "K.batch_dot(tf.constant([[1., 2.], [3., 4.]]), tf.constant([[5., 6.], [7., 8.]]), axes=1)",
    "K.batch_dot(tf.ones((2, 3, 4, 5)), tf.ones((2, 5, 6)), axes=(3, 1)).shape",
    "K.batch_dot(tf.ones((2, 3)), tf.ones((2, 3, 4, 5)), axes=(1, 1)).shape",
    "K.batch_dot(tf.ones((2, 3)), tf.ones((3, 3)))",
    "K.batch_dot(tf.ones((2, 3)), tf.ones((2, 4)))",
    "K.batch_dot(tf.ones((2, 3)), tf.ones((2, 3)), axes=0)",
    "K.batch_dot(tf.ones((2,)), tf.ones((2, 3)))",
    f"K.softmax({_A3}, axis=1)",
    f"K.softmax({_A3}, axis=(1, 2))",
    "K.softmax(tf.constant([1.0, 2.0]))",
    f"K.sum({_A3}, axis=1)",
    f"K.sum({_A3}, axis=[0, 2], keepdims=True)",
    f"K.mean({_A3})",
    "K.mean(tf.constant([True, False, True, True]))",
    f"K.max({_A3}, axis=-1)",
    f"K.min({_A3}, axis=0)",
    f"K.prod({_B2}, axis=1)",
    f"K.std({_B2}, axis=0)",
    f"K.var({_B2})",
    f"K.square({_B2})",
    "K.sqrt(tf.constant([-1.0, 4.0, 2.0]))",
    "K.exp(tf.constant([0.0, 1.0]))",
    "K.log(tf.constant([1.0, 10.0]))",
    "K.abs(tf.constant([-1.5, 2.0]))",
    "K.clip(tf.constant([-1.0, 0.5, 3.0]), 0.0, 1.0)",
    "K.clip(tf.constant([-1.0, 0.5, 3.0]), 2.0, 1.0)",
    "K.clip(tf.constant([-1.0, 0.5, 3.0]), None, 1.0)",
    "K.expand_dims(tf.ones((2, 3))).shape",
    "K.expand_dims(tf.ones((2, 3)), 0).shape",
    "K.reshape(tf.range(6), (2, 3))",
    "K.concatenate([tf.ones((2, 1)), tf.zeros((2, 2))])",
    "K.concatenate([tf.ones((2, 1)), tf.zeros((3, 1))], axis=0).shape",
    "K.stack([tf.ones(2), tf.zeros(2)], axis=1)",
    "K.shape(tf.ones((2, 3)))",
    "K.int_shape(tf.ones((2, 3)))",
    "K.int_shape(K.variable(np.ones((3,))))",
    "K.ndim(tf.ones((2, 3, 1)))",
    "K.cast(tf.constant([1.7, -2.2]), 'int32')",
    "K.cast_to_floatx(np.array([1, 2]))",
    "K.relu(tf.constant([-2.0, -0.5, 0.5, 3.0, 8.0]))",
    "K.relu(tf.constant([-2.0, -0.5, 0.5, 3.0, 8.0]), alpha=0.1)",
    "K.relu(tf.constant([-2.0, -0.5, 0.5, 3.0, 8.0]), alpha=0.1, max_value=2.0, threshold=0.2)",
    "K.relu(tf.constant([-2.0, -0.5, 0.5, 3.0, 8.0]), max_value=6)",
    "K.hard_sigmoid(tf.constant([-3.0, -1.0, 0.0, 1.0, 3.0]))",
    "K.elu(tf.constant([-2.0, 1.0]), alpha=0.5)",
    "K.sigmoid(tf.constant([0.0, 2.0]))",
    "K.tanh(tf.constant([0.0, 2.0]))",
    "K.softplus(tf.constant([0.0, 2.0]))",
    "K.softsign(tf.constant([0.0, 2.0]))",
    "K.epsilon()",
    "K.floatx()",
    "K.image_data_format()",
    "K.backend()",
    """
K.set_epsilon(1e-5)
K.set_floatx('float64')
result = (K.epsilon(), K.floatx(), K.variable(1.0).dtype,
          K.constant(2).dtype, keras.initializers.Zeros()((1,)).dtype)
""",
    "K.variable(np.array([1.0, 2.0]))",
    "K.variable([[1, 2]], dtype='int32', name='v')",
    "K.constant([1, 2])",
    "K.constant(3.0, shape=(2, 2))",
    "K.zeros((2, 3))",
    "K.zeros((2, 0))",
    "K.ones((2,), dtype='int32')",
    "K.eye(3)",
    "K.zeros_like(tf.ones((2, 2)))",
    "K.ones_like(tf.zeros((2,)), dtype='int32')",
    "K.eval(tf.constant([1.0, 2.0]))",
    "K.get_value(K.variable([3.0]))",
    "K.get_value(5)",
    """
v = K.variable(np.zeros((2,)))
K.set_value(v, [1, 2])
result = (K.get_value(v), K.batch_get_value([v, tf.ones(1)]))
""",
    """
v = K.variable(np.zeros((2,)))
K.update_add(v, tf.ones(2))
K.update_sub(v, tf.constant([0.5, 0.5]))
result = v.numpy()
""",
    "K.count_params(tf.ones((3, 4)))",
    "K.dtype(tf.ones(1))",
    "K.batch_flatten(tf.ones((2, 3, 4))).shape",
    "K.flatten(tf.ones((2, 3))).shape",
    "K.permute_dimensions(tf.ones((2, 3, 4)), (2, 0, 1)).shape",
    "K.repeat(tf.constant([[1., 2.]]), 3)",
    "K.repeat_elements(tf.constant([[1., 2.], [3., 4.]]), 2, axis=1)",
    "K.tile(tf.constant([1, 2]), 2)",
    "K.one_hot(tf.constant([0, 2]), 3)",
    "K.argmax(tf.constant([[1., 3., 2.]]))",
    "K.arange(5)",
    "K.arange(1, 7, 2, dtype='float32')",
    "K.all(tf.constant([1, 0]))",
    "K.any(tf.constant([1, 0]))",
    "K.switch(tf.constant([True, False]), tf.constant([1., 2.]), tf.constant([3., 4.]))",
    "K.switch(tf.constant(True), tf.constant([1., 2.]), tf.constant([3., 4.]))",
    "K.switch(tf.constant([[True], [False]]), tf.ones((2, 3)), tf.zeros((2, 3)))",
    "K.squeeze(tf.ones((2, 1, 3)), 1).shape",
    "K.gather(tf.constant([10, 20, 30]), [2, 0])",
    "K.reverse(tf.constant([[1, 2], [3, 4]]), 1)",
    "K.temporal_padding(tf.ones((1, 2, 1))).shape",
    "K.spatial_2d_padding(tf.ones((1, 2, 2, 1)), ((1, 0), (0, 2))).shape",
    "K.bias_add(tf.ones((2, 3)), tf.constant([1., 2., 3.]))",
    "K.l2_normalize(tf.constant([3.0, 4.0]), axis=0)",
    "K.binary_crossentropy(tf.constant([1., 0.]), tf.constant([0.8, 0.3]))",
    "K.binary_crossentropy(tf.constant([1., 0.]), tf.constant([0.8, -0.3]), from_logits=True)",
    "K.categorical_crossentropy(tf.constant([[0., 1.]]), tf.constant([[0.3, 0.9]]))",
    "K.categorical_crossentropy(tf.constant([[0., 1.]]), tf.constant([[0.3, 0.9]]), from_logits=True)",
    "K.sparse_categorical_crossentropy(tf.constant([1, 0]), tf.constant([[0.2, 0.8], [0.6, 0.4]]))",
    "K.sparse_categorical_crossentropy(tf.constant([[1], [0]]), tf.constant([[0.2, 0.8], [0.6, 0.4]]))",
    "[K.get_uid('x'), K.get_uid('x'), K.get_uid('y')]",
    """
a = K.get_uid('dense')
K.clear_session()
result = (a, K.get_uid('dense'))
""",
    "[K.is_float_dtype('float16'), K.is_float_dtype('int32'), "
    "K.is_int_dtype('uint8'), K.standardize_dtype(tf.float64), "
    "K.standardize_dtype(None), K.standardize_dtype(float)]",
    "K.standardize_dtype('floaty')",
    "K.is_keras_tensor(tf.ones(1))",
    "K.is_sparse(tf.ones(1))",
])

# ---------------------------------------------------------------------------------------------
# utils, config
# ---------------------------------------------------------------------------------------------
cases("utils", [
    "keras.utils.to_categorical([0, 2, 1])",
    "keras.utils.to_categorical(np.array([[1], [0]]))",
    "keras.utils.to_categorical([1, 3], num_classes=5)",
    "keras.utils.to_categorical(np.array([[0, 1], [2, 2]]))",
    "keras.utils.to_categorical(3)",
    "keras.utils.to_categorical(tf.constant([0, 2, 1]), 3)",
    "keras.utils.to_categorical(tf.constant([[1], [0]]), 2)",
    "keras.utils.to_categorical(np.array([0., 1.]))",
    "keras.utils.normalize(np.array([[3.0, 4.0], [0.0, 0.0]]))",
    "keras.utils.normalize(np.array([[3.0, 4.0], [1.0, 1.0]]), axis=0, order=1)",
    "keras.utils.normalize(np.array([3.0, 4.0]), axis=0)",
    "keras.utils.normalize(tf.constant([[3.0, 4.0], [0.0, 0.0]]))",
    "keras.utils.normalize(tf.constant([[3.0, 4.0], [1.0, 1.0]]), order=1)",
    "keras.utils.set_random_seed(1.5)",
    """
keras.utils.set_random_seed(3)
import random
result = (random.random(), np.random.rand())
""",
    """
keras.utils.set_random_seed(3)
a = tf.random.uniform((2,))
keras.utils.set_random_seed(3)
result = bool(np.array_equal(a.numpy(), tf.random.uniform((2,)).numpy()))
""",
    "keras.utils.get_custom_objects()",
    """
@keras.utils.register_keras_serializable()
class Foo:
    def get_config(self):
        return {}
result = (keras.utils.get_registered_name(Foo), sorted(keras.utils.get_custom_objects()),
          keras.utils.get_registered_object('Custom>Foo') is Foo)
""",
    """
@keras.saving.register_keras_serializable('pkg', 'Bar')
class Foo:
    def get_config(self):
        return {}
result = (keras.saving.get_registered_name(Foo), keras.saving.get_registered_object('pkg>Bar') is Foo,
          keras.saving.get_registered_object('pkg>Foo'))
""",
    """
@keras.saving.register_keras_serializable()
class NoConfig:
    pass
""",
    """
def fn(x):
    return x
result = (keras.saving.get_registered_name(fn), keras.saving.get_registered_object('fn'),
          keras.saving.get_registered_object('fn', custom_objects={'fn': fn}) is fn,
          keras.saving.get_registered_object('fn', module_objects={'fn': 1}))
""",
    """
def fn(x):
    return x
with keras.utils.custom_object_scope({'fn': fn}):
    inside = keras.saving.get_registered_object('fn') is fn
    with keras.saving.CustomObjectScope({'other': 1}):
        nested = keras.saving.get_registered_object('fn')
    after = keras.saving.get_registered_object('fn') is fn
result = (inside, nested, after, keras.saving.get_registered_object('fn'))
""",
])
cases("config", [
    "[keras.config.floatx(), keras.config.epsilon(), keras.config.image_data_format(), keras.config.backend()]",
    """
keras.config.set_image_data_format('CHANNELS_FIRST')
result = keras.config.image_data_format()
""",
    "keras.config.set_image_data_format('nchw')",
    "keras.config.is_interactive_logging_enabled()",
    """
keras.config.disable_interactive_logging()
a = keras.config.is_interactive_logging_enabled()
K.clear_session()
result = (a, keras.config.is_interactive_logging_enabled())
""",
    """
keras.config.set_epsilon(1e-3)
K.clear_session()
result = keras.config.epsilon()
""",
])

# ---------------------------------------------------------------------------------------------
# serialization: config formats, the allowlist, safe mode
# ---------------------------------------------------------------------------------------------
cases("ser", [
    "keras.saving.serialize_keras_object(None)",
    "keras.saving.serialize_keras_object([1, 'a', 2.5, True, (1, 2)])",
    "keras.saving.serialize_keras_object({'a': (1, 2), 'b': {'c': None}})",
    "keras.saving.serialize_keras_object(np.array([[1, 2], [3, 4]], dtype='int32'))",
    "keras.saving.serialize_keras_object(np.float32(1.5))",
    "keras.saving.serialize_keras_object(np.array(3))",
    "keras.saving.serialize_keras_object(b'hi')",
    "keras.saving.serialize_keras_object(slice(1, None, 2))",
    "keras.saving.serialize_keras_object(Ellipsis)",
    "keras.saving.serialize_keras_object(tf.constant([1.5, 2.0]))",
    "keras.saving.serialize_keras_object(tf.TensorShape([None, 3]))",
    "keras.saving.serialize_keras_object(tf.float16)",
    "keras.saving.serialize_keras_object(keras.initializers.Orthogonal(gain=2.0, seed=1))",
    "keras.saving.serialize_keras_object(keras.regularizers.L1L2(0.1, 0.2))",
    "keras.saving.serialize_keras_object(keras.constraints.NonNeg())",
    "keras.saving.serialize_keras_object(keras.initializers.Initializer())",
    "keras.saving.serialize_keras_object(keras.regularizers.Regularizer())",
    "keras.saving.serialize_keras_object(object())",
    """
class Mine:
    def get_config(self):
        return {'a': 1}
result = keras.saving.serialize_keras_object(Mine())
""",
    """
@keras.saving.register_keras_serializable(package='my')
class Mine(keras.initializers.Initializer):
    def __init__(self, v=1):
        self.v = v
    def __call__(self, shape, dtype=None):
        return tf.fill(shape, float(self.v))
    def get_config(self):
        return {'v': self.v}
cfg = keras.saving.serialize_keras_object(Mine(3))
obj = keras.saving.deserialize_keras_object(cfg)
result = (cfg, type(obj).__name__, obj.v, keras.initializers.get(cfg)((2,)))
""",
    """
class Mine(keras.initializers.Initializer):
    def __init__(self, v=1):
        self.v = v
    def get_config(self):
        return {'v': self.v}
cfg = keras.saving.serialize_keras_object(Mine(3))
obj = keras.saving.deserialize_keras_object(cfg, custom_objects={'Mine': Mine})
result = (type(obj).__name__, obj.v)
""",
    """
class Mine(keras.initializers.Initializer):
    def get_config(self):
        return {}
with keras.saving.custom_object_scope({'Mine': Mine}):
    result = type(keras.initializers.get('Mine')).__name__
""",
    "keras.saving.deserialize_keras_object(None)",
    "keras.saving.deserialize_keras_object('relu')",
    "keras.saving.deserialize_keras_object([1, {'a': 2}])",
    "keras.saving.deserialize_keras_object({'class_name': '__numpy__', 'config': {'value': [1, 2], 'dtype': 'int16'}})",
    "keras.saving.deserialize_keras_object({'class_name': '__tensor__', "
    "'config': {'value': [1.5], 'dtype': 'float64'}})",
    "keras.saving.deserialize_keras_object({'class_name': '__bytes__', 'config': {'value': 'ab'}})",
    "keras.saving.deserialize_keras_object({'class_name': '__slice__', "
    "'config': {'start': 1, 'stop': 5, 'step': None}})",
    "keras.saving.deserialize_keras_object({'class_name': '__ellipsis__', 'config': {}})",
    "keras.saving.deserialize_keras_object({'module': 'keras.initializers', 'class_name': 'GlorotNormal', "
    "'config': {'seed': 1}, 'registered_name': None}).get_config()",
    "keras.saving.deserialize_keras_object({'module': 'keras.initializers', 'class_name': 'glorot_normal', "
    "'config': {'seed': 1}})((2,))",
    "keras.saving.deserialize_keras_object({'module': 'keras.regularizers', 'class_name': 'L2', "
    "'config': {'l2': 0.5}, 'registered_name': None}).get_config()",
    "keras.saving.deserialize_keras_object({'module': 'keras.constraints', 'class_name': 'MaxNorm', "
    "'config': {'max_value': 3, 'axis': 0}, 'registered_name': None}).get_config()",
    "keras.saving.deserialize_keras_object({'module': 'keras.activations', 'class_name': 'function', "
    "'config': 'gelu', 'registered_name': 'gelu'}).__name__",
    "keras.saving.deserialize_keras_object({'module': 'builtins', 'class_name': 'function', "
    "'config': 'hard_sigmoid', 'registered_name': 'function'}).__name__",
    "keras.saving.deserialize_keras_object({'module': 'builtins', 'class_name': 'function', "
    "'config': 'system', 'registered_name': 'function'})",
    "keras.saving.deserialize_keras_object({'module': 'os', 'class_name': 'function', "
    "'config': 'system', 'registered_name': 'system'})",
    "keras.saving.deserialize_keras_object({'module': 'subprocess', 'class_name': 'Popen', "
    "'config': {'args': 'ls'}, 'registered_name': None})",
    "keras.saving.deserialize_keras_object({'module': 'builtins', 'class_name': 'eval', "
    "'config': {}, 'registered_name': None})",
    "keras.saving.deserialize_keras_object({'module': 'keras.config', 'class_name': 'function', "
    "'config': 'enable_unsafe_deserialization', 'registered_name': None})",
    "keras.saving.deserialize_keras_object({'module': 'keras.utils', 'class_name': 'get_file', "
    "'config': {}, 'registered_name': None})",
    "keras.saving.deserialize_keras_object({'module': 'keras.models', 'class_name': 'function', "
    "'config': 'load_model', 'registered_name': None})",
    "keras.saving.deserialize_keras_object({'module': 'keras.initializers', 'class_name': 'Nope', "
    "'config': {}, 'registered_name': None})",
    "keras.saving.deserialize_keras_object({'module': 'keras.initializers', 'class_name': 'GlorotUniform', "
    "'config': {}, 'registered_name': 'evil>GlorotUniform'})",
    "keras.saving.deserialize_keras_object({'module': 'my_module', 'class_name': 'Thing', "
    "'config': {}, 'registered_name': 'Thing'})",
    "keras.saving.deserialize_keras_object({'module': 'keras_hub.models', 'class_name': 'Thing', "
    "'config': {}, 'registered_name': None})",
    "keras.saving.deserialize_keras_object({'module': 'keras.initializers', 'class_name': 'GlorotUniform', "
    "'config': [1], 'registered_name': None})",
    "keras.saving.deserialize_keras_object({'module': 'keras.activations', 'class_name': 'function', "
    "'config': {'a': 1}, 'registered_name': None})",
    "keras.saving.deserialize_keras_object({'module': 'keras.initializers', 'class_name': 'GlorotUniform', "
    "'config': {'bogus': 1}, 'registered_name': None})",
    "keras.saving.deserialize_keras_object(5.5)",
    "keras.saving.deserialize_keras_object({'class_name': 'X'})",
    "keras.saving.deserialize_keras_object(object())",
    """
def double(x):
    return x * 2
cfg = {'class_name': '__lambda__', 'config': {'value': ['abc', None, None]}}
result = keras.saving.deserialize_keras_object(cfg)
""",
    """
cfg = {'module': 'keras.initializers', 'class_name': 'Constant',
       'config': {'value': {'class_name': '__lambda__', 'config': {'value': ['abc', None, None]}}},
       'registered_name': None}
result = keras.saving.deserialize_keras_object(cfg)
""",
    """
cfg = {'module': 'keras.initializers', 'class_name': 'Constant',
       'config': {'value': {'class_name': '__lambda__', 'config': {'value': ['abc', None, None]}}},
       'registered_name': None}
result = keras.initializers.deserialize(cfg)
""",
    """
f = lambda x: x + 1
cfg = keras.saving.serialize_keras_object(f)
result = (sorted(cfg), cfg['class_name'], type(cfg['config']['value']).__name__)
""",
    """
f = lambda x, y=3: x + y
cfg = keras.saving.serialize_keras_object(f)
g = keras.saving.deserialize_keras_object(cfg, safe_mode=False)
result = (g(1), g.__name__)
""",
    """
f = lambda x: x + 1
cfg = keras.saving.serialize_keras_object(f)
keras.config.enable_unsafe_deserialization()
g = keras.saving.deserialize_keras_object(cfg)
K.clear_session()
try:
    keras.saving.deserialize_keras_object(cfg)
    after = 'loaded'
except ValueError as e:
    after = 'refused'
result = (g(1), after)
""",
    """
cfg = {'module': 'keras.config', 'class_name': 'function', 'config': 'enable_unsafe_deserialization',
       'registered_name': None}
try:
    keras.saving.deserialize_keras_object(cfg)
except ValueError:
    pass
lam = keras.saving.serialize_keras_object(lambda x: x)
try:
    keras.saving.deserialize_keras_object(lam)
    result = 'lambda loaded'
except ValueError as e:
    result = str(e)
""",
    """
init = keras.initializers.HeNormal(seed=3)
cfg = keras.saving.serialize_keras_object([init, init])
result = cfg
""",
])


# ---------------------------------------------------------------------------------------------
# TF's own initializers (tf.zeros_initializer ...), reached as TFI.<name>: TFI is ``tf`` for
# TensorFlow and leantf.initializers_compat for leantf, until leantf re-exports them at top level.
# ---------------------------------------------------------------------------------------------
cases("tfinit", [
    "TFI.zeros_initializer()((2, 3))",
    "TFI.zeros_initializer()((2,), dtype=tf.int32)",
    "TFI.zeros_initializer()((2,), dtype=tf.string)",
    "TFI.zeros_initializer()((2,), foo=1)",
    "TFI.ones_initializer()([2, 1], 'float64')",
    "TFI.ones_initializer()((2,), dtype=tf.bool)",
    "type(TFI.ones_initializer()).__name__",
    "TFI.constant_initializer(3.0)((2, 2))",
    "TFI.constant_initializer(2)((2,), tf.int32)",
    "TFI.constant_initializer([1, 2, 3, 4])((2, 2))",
    "TFI.constant_initializer([1, 2, 3])((2,))",
    "TFI.constant_initializer({'a': 1})",
    "TFI.constant_initializer([1, 2]).get_config()",
    "TFI.constant_initializer(1.0)((2,), partition_shape=(1,))",
    "TFI.random_uniform_initializer(seed=3)((4,))",
    "TFI.random_uniform_initializer(0, 10, seed=3)((4,), dtype=tf.int32)",
    "TFI.random_uniform_initializer()((2,), dtype=tf.bool)",
    "TFI.random_uniform_initializer().get_config()",
    "TFI.random_normal_initializer(seed=3)((4,), dtype=tf.float64)",
    "TFI.random_normal_initializer(1.0, 2.0, seed=0)((3,))",
    "TFI.random_normal_initializer()((2,), dtype=tf.int32)",
    "TFI.random_normal_initializer(seed=5).get_config()",
    """
i = TFI.random_normal_initializer(seed=3)
result = bool(np.array_equal(i((3,)).numpy(), i((3,)).numpy()))
""",
    """
tf.random.set_seed(1)
i = TFI.random_normal_initializer()
a, b = i((3,)), i((3,))
tf.random.set_seed(1)
result = (a, b, bool(np.array_equal(a.numpy(), i((3,)).numpy())), bool(np.array_equal(a.numpy(), b.numpy())))
""",
    """
tf.random.set_seed(4)
result = (TFI.random_uniform_initializer(-1.0, 1.0)((3,)), tf.random.uniform((2,)))
""",
    "TFI.random_uniform_initializer.from_config({'minval': 0.0, 'maxval': 1.0, 'seed': 2, 'dtype': 'float32'})((2,))",
])


# ---------------------------------------------------------------------------------------------
def describe(value, tf):
    """A JSON-able description of a value, computed the same way for TF and leantf."""
    if value is None:
        return {"kind": "None"}
    if isinstance(value, tf.Variable):
        arr = np.asarray(value)
        return {"kind": "Variable", "dtype": value.dtype.name, "shape": list(arr.shape), "value": _num(arr),
                "repr": repr(value)}
    if tf.is_tensor(value):
        arr = np.asarray(value)
        return {"kind": "Tensor", "dtype": value.dtype.name, "shape": list(arr.shape), "value": _num(arr)}
    if isinstance(value, tf.TensorShape):
        return {"kind": "TensorShape", "value": value.as_list() if value.rank is not None else None}
    if isinstance(value, dict):
        return {"kind": "dict", "items": [[repr(k), describe(v, tf)] for k, v in value.items()]}
    if isinstance(value, (list, tuple)):
        return {"kind": type(value).__name__, "items": [describe(v, tf) for v in value]}
    if isinstance(value, np.ndarray):
        return {"kind": "ndarray", "dtype": value.dtype.name, "shape": list(value.shape), "value": _num(value)}
    if isinstance(value, (np.floating, float)):
        return {"kind": "float", "value": float(value)}
    if isinstance(value, tf.DType):
        return {"kind": "DType", "repr": repr(value)}
    if isinstance(value, (bool, int, str, bytes, np.integer, np.bool_, slice)) or value is Ellipsis:
        return {"kind": type(value).__name__, "repr": repr(value)}
    if isinstance(value, types.FunctionType):
        return {"kind": "function", "name": value.__name__}
    if isinstance(value, type):
        return {"kind": "class", "name": value.__name__}
    return {"kind": "object", "type": type(value).__name__}


def _num(arr):
    return arr.astype(np.float64).tolist() if arr.dtype.kind in "fc" else arr.tolist()


def reset_session(keras):
    """What every case starts from, on either implementation."""
    keras.utils.clear_session(free_memory=False)
    keras.config.set_floatx("float32")
    keras.config.set_epsilon(1e-7)
    keras.config.set_image_data_format("channels_last")
    keras.utils.get_custom_objects().clear()


def run_case(source, tf, keras, K, case_id="case", tfi=None):
    """Run one case; returns the outcome description."""
    reset_session(keras)
    namespace = {"tf": tf, "keras": keras, "K": K, "np": np, "TFI": tfi if tfi is not None else tf}
    # Give the snippet a file name linecache knows, so inspect.getsource works on its lambdas.
    filename = f"<golden {case_id}>"
    linecache.cache[filename] = (len(source), None, [line + "\n" for line in source.splitlines()], filename)

    def evaluate():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return evaluate_source(source, namespace, filename)
    try:
        return outcome_of(evaluate, lambda value: describe(value, tf))
    finally:
        reset_session(keras)


def main():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf
    import keras
    write_fixture(FIXTURE, CASES, lambda case_id, source: run_case(source, tf, keras, tf.keras.backend, case_id),
                  {"tensorflow": tf.__version__, "keras": keras.__version__})


if __name__ == "__main__":
    main()
