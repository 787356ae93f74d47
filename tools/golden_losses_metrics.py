"""Golden values for keras.losses and keras.metrics, taken from real TensorFlow/Keras.

Run with the TensorFlow virtualenv (never a dependency of leantf):

    /work/tfenv/bin/python tools/golden_losses_metrics.py

Every case is a snippet of source text run with ``tf`` bound to TensorFlow 2.21,
``keras`` to Keras 3.15 (the full Keras 3 namespace: real ``tf.keras.losses`` lacks
some Keras 3 names such as ``mean_squared_error``), ``np`` to NumPy and ``D`` to the
fixed inputs of :func:`make_data`. The outcome (values with dtype and shape, printed
text, or the exception's class and message) goes to
tests/fixtures/losses_metrics_golden.json. tests/keras/test_losses_metrics_golden.py
runs the same text with ``tf``/``keras`` bound to leantf and compares: printed text and
messages exactly, numbers to float32 round-off (TF's reductions and transcendental
kernels are not NumPy's, so the last bits may differ).

A one-line source is an expression whose value is described; a multi-line source is
executed and its variable ``result`` is described.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # the tests load this file by path
from _golden_common import CaseList, evaluate_source, outcome_of, write_fixture  # noqa: E402

FIXTURE = os.path.join(os.path.dirname(__file__), os.pardir, "tests", "fixtures",
                       "losses_metrics_golden.json")


def make_data():
    """The fixed inputs every case reads (RandomState's stream is frozen across NumPy versions)."""
    rng = np.random.RandomState(1234)
    f32 = np.float32
    logits = (rng.randn(4, 3) * 2).astype(f32)
    e = np.exp(logits - logits.max(-1, keepdims=True))
    probs = (e / e.sum(-1, keepdims=True)).astype(f32)
    labels = np.array([0, 2, 1, 2], np.int32)
    onehot = np.eye(3, dtype=f32)[labels]
    d = {
        "yt": rng.rand(4, 3).astype(f32),
        "yp": (rng.rand(4, 3) * 2 - 0.5).astype(f32),
        "yp_pos": (rng.rand(4, 3) * 3 + 0.1).astype(f32),
        "yt1": rng.rand(4).astype(f32),
        "yp1": rng.rand(4, 1).astype(f32),
        "yt3": rng.rand(2, 2, 3).astype(f32),
        "yp3": rng.rand(2, 2, 3).astype(f32),
        "logits": logits,
        "probs": probs,
        # unnormalised "probabilities" with exact 0 and 1 entries: exercises renormalising and clipping
        "probs_raw": np.array([[0.2, 0.3, 0.0], [1.0, 0.5, 0.5], [0.1, 0.1, 0.8], [0.0, 1.0, 0.0]], f32),
        "labels": labels,
        "labels64": labels.astype(np.int64),
        "labels_col": labels.reshape(4, 1),
        "labels_f": labels.astype(f32),
        "onehot": onehot,
        "bin_true": (rng.rand(4, 3) > 0.5).astype(f32),
        "bin_pred": rng.rand(4, 3).astype(f32),
        "bin_pred_edge": np.array([[0.0, 1.0, 0.5], [1.0, 0.0, 0.2], [0.7, 0.3, 0.9], [0.5, 0.5, 0.5]], f32),
        "pm1": np.where(rng.rand(4, 3) > 0.5, 1.0, -1.0).astype(f32),
        "sw": np.array([1.0, 0.5, 2.0, 0.0], f32),
        "sw5": np.array([1.0, 0.5, 2.0, 0.0, 1.5], f32),
        "sw_col": np.array([[1.0], [0.5], [2.0], [0.0]], f32),
        "sw_full": rng.rand(4, 3).astype(f32),
        "labels3": np.array([[0, 2], [1, 1]], np.int32),
        "logits3": (rng.randn(2, 2, 3)).astype(f32),
        # ranking data: 40 samples for AUC / precision / recall, with ties and the exact edges 0, 0.5, 1
        "auc_true": (rng.rand(40) > 0.4).astype(f32),
        "auc_pred": np.concatenate([rng.rand(34), [0.0, 1.0, 0.5, 0.5, 0.25, 0.75]]).astype(f32),
        "auc_sw": rng.rand(40).astype(f32),
        "ml_true": (rng.rand(20, 3) > 0.5).astype(f32),
        "ml_pred": rng.rand(20, 3).astype(f32),
        "ml_logits": rng.randn(20, 3).astype(f32),
        "topk_pred": np.array([[0.1, 0.5, 0.4, 0.0], [0.3, 0.3, 0.2, 0.2], [0.05, 0.15, 0.5, 0.3],
                               [0.25, 0.25, 0.25, 0.25], [0.6, 0.1, 0.1, 0.2]], f32),
        "topk_labels": np.array([2, 1, 3, 0, 3], np.int32),
    }
    d["topk_onehot"] = np.eye(4, dtype=f32)[d["topk_labels"]]
    return d


CASES = CaseList()
case = CASES.case


# ---------------------------------------------------------------------------
# Loss functions
# ---------------------------------------------------------------------------
_REGRESSION = ["mean_squared_error", "mean_absolute_error", "mean_absolute_percentage_error",
               "mean_squared_logarithmic_error", "huber", "log_cosh", "poisson", "kl_divergence",
               "cosine_similarity", "hinge", "squared_hinge", "categorical_hinge"]
for _fn in _REGRESSION:
    case(f"fn_{_fn}", f"keras.losses.{_fn}(D['yt'], D['yp'])")
    case(f"fn_{_fn}_positive", f"keras.losses.{_fn}(D['yt'], D['yp_pos'])")
    case(f"fn_{_fn}_rank_mismatch", f"keras.losses.{_fn}(D['yt1'], D['yp1'])")
    case(f"fn_{_fn}_rank_mismatch_rev", f"keras.losses.{_fn}(D['yp1'], D['yt1'])")
    case(f"fn_{_fn}_rank3", f"keras.losses.{_fn}(D['yt3'], D['yp3'])")
    case(f"fn_{_fn}_vector", f"keras.losses.{_fn}(D['yt'][0], D['yp'][0])")
    case(f"fn_{_fn}_lists", f"keras.losses.{_fn}([[1., 0.], [0.5, 2.]], [[0.8, 0.1], [1., 1.]])")
    case(f"fn_{_fn}_float64", f"keras.losses.{_fn}(D['yt'].astype('float64'), D['yp_pos'].astype('float64'))")
    case(f"fn_{_fn}_tensors", f"keras.losses.{_fn}(tf.constant(D['yt']), tf.constant(D['yp']))")

case("fn_mse_ints", "keras.losses.mean_squared_error(tf.constant([[1, 2], [3, 4]]), tf.constant([[1, 0], [0, 4]]))")
case("fn_mae_int_true", "keras.losses.mean_absolute_error(np.array([[1, 2]]), np.array([[0.5, 2.5]], 'float32'))")
case("fn_huber_delta", "keras.losses.huber(D['yt'], D['yp'], delta=0.3)")
case("fn_cosine_axis0", "keras.losses.cosine_similarity(D['yt'], D['yp'], axis=0)")
case("fn_cosine_zero", "keras.losses.cosine_similarity([[0., 0.], [1., 1.]], [[1., 2.], [-1., -1.]])")
case("fn_hinge_pm1", "keras.losses.hinge(D['pm1'], D['yp'])")
case("fn_hinge_binary", "keras.losses.hinge(D['bin_true'], D['yp'])")
case("fn_squared_hinge_binary", "keras.losses.squared_hinge(D['bin_true'], D['yp'])")
case("fn_categorical_hinge_onehot", "keras.losses.categorical_hinge(D['onehot'], D['yp'])")
case("fn_kld_probs", "keras.losses.kl_divergence(D['probs'], D['probs_raw'])")
case("fn_msle_negative", "keras.losses.mean_squared_logarithmic_error(D['yp'], -D['yt'])")
case("fn_mape_zero_true", "keras.losses.mean_absolute_percentage_error([[0., 1.], [2., 0.]], [[0.5, 1.], [1., 1.]])")

# crossentropies
case("fn_bce", "keras.losses.binary_crossentropy(D['bin_true'], D['bin_pred'])")
case("fn_bce_edges", "keras.losses.binary_crossentropy(D['bin_true'], D['bin_pred_edge'])")
case("fn_bce_logits", "keras.losses.binary_crossentropy(D['bin_true'], D['logits'], from_logits=True)")
case("fn_bce_smoothing", "keras.losses.binary_crossentropy(D['bin_true'], D['bin_pred'], label_smoothing=0.2)")
case("fn_bce_logits_smoothing",
     "keras.losses.binary_crossentropy(D['bin_true'], D['logits'], from_logits=True, label_smoothing=0.1)")
case("fn_bce_axis0", "keras.losses.binary_crossentropy(D['bin_true'], D['bin_pred'], axis=0)")
case("fn_bce_int_true", "keras.losses.binary_crossentropy(D['bin_true'].astype('int32'), D['bin_pred'])")
case("fn_bce_column", "keras.losses.binary_crossentropy(D['bin_true'][:, :1], D['bin_pred'][:, :1])")
case("fn_bce_vector", "keras.losses.binary_crossentropy(D['bin_true'][:, 0], D['bin_pred'][:, 0])")
case("fn_bce_float64", "keras.losses.binary_crossentropy(D['bin_true'].astype('float64'), "
     "D['bin_pred_edge'].astype('float64'))")
case("fn_cce", "keras.losses.categorical_crossentropy(D['onehot'], D['probs'])")
case("fn_cce_raw", "keras.losses.categorical_crossentropy(D['onehot'], D['probs_raw'])")
case("fn_cce_logits", "keras.losses.categorical_crossentropy(D['onehot'], D['logits'], from_logits=True)")
case("fn_cce_smoothing", "keras.losses.categorical_crossentropy(D['onehot'], D['probs_raw'], label_smoothing=0.2)")
case("fn_cce_logits_smoothing",
     "keras.losses.categorical_crossentropy(D['onehot'], D['logits'], from_logits=True, label_smoothing=0.1)")
case("fn_cce_axis0", "keras.losses.categorical_crossentropy(D['onehot'].T, D['probs_raw'].T, axis=0)")
case("fn_cce_logits_axis0",
     "keras.losses.categorical_crossentropy(D['onehot'].T, D['logits'].T, from_logits=True, axis=0)")
case("fn_cce_soft_targets", "keras.losses.categorical_crossentropy(D['probs'], D['probs_raw'])")
case("fn_cce_one_hot_op", "keras.losses.categorical_crossentropy("
     "y_true=tf.one_hot(D['labels'], depth=tf.shape(D['probs'])[-1]), y_pred=D['probs'])")
case("fn_cce_rank3", "keras.losses.categorical_crossentropy(D['yt3'], D['yp3'])")
case("fn_scce", "keras.losses.sparse_categorical_crossentropy(D['labels'], D['probs'])")
case("fn_scce_kw", "tf.keras.losses.sparse_categorical_crossentropy(y_true=D['labels'], y_pred=D['probs'])")
case("fn_scce_raw", "keras.losses.sparse_categorical_crossentropy(D['labels'], D['probs_raw'])")
case("fn_scce_int64", "keras.losses.sparse_categorical_crossentropy(D['labels64'], D['probs'])")
case("fn_scce_float_labels", "keras.losses.sparse_categorical_crossentropy(D['labels_f'], D['probs'])")
case("fn_scce_col", "keras.losses.sparse_categorical_crossentropy(D['labels_col'], D['probs'])")
case("fn_scce_logits", "keras.losses.sparse_categorical_crossentropy(D['labels'], D['logits'], from_logits=True)")
case("fn_scce_ignore", "keras.losses.sparse_categorical_crossentropy(D['labels'], D['probs'], ignore_class=2)")
case("fn_scce_ignore_logits", "keras.losses.sparse_categorical_crossentropy("
     "D['labels'], D['logits'], from_logits=True, ignore_class=0)")
case("fn_scce_rank3", "keras.losses.sparse_categorical_crossentropy(D['labels3'], D['logits3'], from_logits=True)")
case("fn_scce_tensors", "keras.losses.sparse_categorical_crossentropy(tf.constant(D['labels']), "
     "tf.constant(D['probs']))")
case("fn_scce_float64", "keras.losses.sparse_categorical_crossentropy(D['labels'], D['probs'].astype('float64'))")
case("fn_bfce", "keras.losses.binary_focal_crossentropy(D['bin_true'], D['bin_pred'])")
case("fn_bfce_balanced", "keras.losses.binary_focal_crossentropy(D['bin_true'], D['bin_pred'], "
     "apply_class_balancing=True, alpha=0.4, gamma=1.5)")
case("fn_bfce_logits", "keras.losses.binary_focal_crossentropy(D['bin_true'], D['logits'], from_logits=True, "
     "label_smoothing=0.1)")
case("fn_cfce", "keras.losses.categorical_focal_crossentropy(D['onehot'], D['probs_raw'])")
case("fn_cfce_logits", "keras.losses.categorical_focal_crossentropy(D['onehot'], D['logits'], from_logits=True, "
     "alpha=0.5, gamma=1.0, label_smoothing=0.1)")
for _alias in ["mse", "MSE", "mae", "MAE", "mape", "MAPE", "msle", "MSLE", "kld", "KLD",
               "kullback_leibler_divergence", "logcosh"]:
    case(f"fn_legacy_{_alias}", f"tf.keras.losses.{_alias}(D['yt'], D['yp_pos'])")
    case(f"fn_legacy_metrics_{_alias}", f"tf.keras.metrics.{_alias}(D['yt'], D['yp_pos'])")

# ---------------------------------------------------------------------------
# Gradients through the loss functions (d sum(loss) / d y_pred)
# ---------------------------------------------------------------------------
_GRAD = {
    "mse": "keras.losses.mean_squared_error(D['yt'], p)",
    "mae": "keras.losses.mean_absolute_error(D['yt'], p)",
    "mape": "keras.losses.mean_absolute_percentage_error(D['yt'], p)",
    "msle": "keras.losses.mean_squared_logarithmic_error(D['yt'], p)",
    "huber": "keras.losses.huber(D['yt'], p, delta=0.3)",
    "log_cosh": "keras.losses.log_cosh(D['yt'], p)",
    "poisson": "keras.losses.poisson(D['yt'], p)",
    "kld": "keras.losses.kl_divergence(D['probs'], p)",
    "cosine": "keras.losses.cosine_similarity(D['yt'], p)",
    "hinge": "keras.losses.hinge(D['pm1'], p)",
    "squared_hinge": "keras.losses.squared_hinge(D['pm1'], p)",
    "categorical_hinge": "keras.losses.categorical_hinge(D['onehot'], p)",
    "bce": "keras.losses.binary_crossentropy(D['bin_true'], p)",
    "bce_logits": "keras.losses.binary_crossentropy(D['bin_true'], p, from_logits=True, label_smoothing=0.1)",
    "cce": "keras.losses.categorical_crossentropy(D['onehot'], p)",
    "cce_logits": "keras.losses.categorical_crossentropy(D['onehot'], p, from_logits=True)",
    "scce": "keras.losses.sparse_categorical_crossentropy(D['labels'], p)",
    "scce_logits": "keras.losses.sparse_categorical_crossentropy(D['labels'], p, from_logits=True)",
    "bfce": "keras.losses.binary_focal_crossentropy(D['bin_true'], p)",
}
for _name, _expr in _GRAD.items():
    _src = "probs" if _name in ("kld", "bce", "cce", "scce", "bfce") else "yp_pos"
    if _name in ("bce_logits", "cce_logits", "scce_logits", "hinge", "squared_hinge", "categorical_hinge",
                 "huber", "log_cosh", "mse", "mae", "cosine"):
        _src = "logits" if "logits" in _name else "yp"
    case(f"grad_{_name}", f"""
p = tf.Variable(D['{_src}'])
with tf.GradientTape() as tape:
    loss = tf.reduce_sum({_expr})
result = [loss, tape.gradient(loss, p)]
""")
case("grad_bce_edges", """
p = tf.Variable(D['bin_pred_edge'])
with tf.GradientTape() as tape:
    loss = tf.reduce_sum(keras.losses.binary_crossentropy(D['bin_true'], p))
result = [loss, tape.gradient(loss, p)]
""")
case("grad_cce_raw", """
p = tf.Variable(D['probs_raw'])
with tf.GradientTape() as tape:
    loss = tf.reduce_sum(keras.losses.categorical_crossentropy(D['onehot'], p))
result = [loss, tape.gradient(loss, p)]
""")
case("grad_loss_object_weighted", """
p = tf.Variable(D['logits'])
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
with tf.GradientTape() as tape:
    loss = loss_fn(D['labels'], p, sample_weight=D['sw'])
result = [loss, tape.gradient(loss, p)]
""")

# ---------------------------------------------------------------------------
# Loss classes: reductions, sample weights, configs
# ---------------------------------------------------------------------------
_CLASSES = {
    "MeanSquaredError": ("yt", "yp"), "MeanAbsoluteError": ("yt", "yp"),
    "MeanAbsolutePercentageError": ("yt", "yp"), "MeanSquaredLogarithmicError": ("yt", "yp_pos"),
    "CosineSimilarity": ("yt", "yp"), "Huber": ("yt", "yp"), "LogCosh": ("yt", "yp"),
    "Hinge": ("pm1", "yp"), "SquaredHinge": ("bin_true", "yp"), "CategoricalHinge": ("onehot", "yp"),
    "KLDivergence": ("probs", "probs_raw"), "Poisson": ("yt", "yp_pos"),
    "BinaryCrossentropy": ("bin_true", "bin_pred"), "BinaryFocalCrossentropy": ("bin_true", "bin_pred"),
    "CategoricalCrossentropy": ("onehot", "probs_raw"), "CategoricalFocalCrossentropy": ("onehot", "probs"),
    "SparseCategoricalCrossentropy": ("labels", "probs"),
}
for _cls, (_t, _p) in _CLASSES.items():
    case(f"cls_{_cls}", f"keras.losses.{_cls}()(D['{_t}'], D['{_p}'])")
    case(f"cls_{_cls}_config", f"keras.losses.{_cls}().get_config()")
    case(f"cls_{_cls}_roundtrip", f"""
obj = keras.losses.{_cls}(reduction='sum', name='custom_name')
again = keras.losses.{_cls}.from_config(obj.get_config())
result = [again.get_config(), again(D['{_t}'], D['{_p}']), again.name, again.reduction]
""")
    for _red in ["sum", "none", "mean", "mean_with_sample_weight", None]:
        case(f"cls_{_cls}_{_red}", f"keras.losses.{_cls}(reduction={_red!r})(D['{_t}'], D['{_p}'])")
    for _sw in ["sw", "sw_col"]:
        case(f"cls_{_cls}_{_sw}", f"keras.losses.{_cls}()(D['{_t}'], D['{_p}'], sample_weight=D['{_sw}'])")
        case(f"cls_{_cls}_{_sw}_mws",
             f"keras.losses.{_cls}(reduction='mean_with_sample_weight')(D['{_t}'], D['{_p}'], "
             f"sample_weight=D['{_sw}'])")
    case(f"cls_{_cls}_sw_scalar", f"keras.losses.{_cls}(reduction='sum')(D['{_t}'], D['{_p}'], sample_weight=2.0)")

case("cls_options_bce", "keras.losses.BinaryCrossentropy(from_logits=True, label_smoothing=0.1, "
     "reduction='none')(D['bin_true'], D['logits'])")
case("cls_options_cce", "keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=0.1, "
     "reduction='none')(D['onehot'], D['logits'])")
case("cls_options_scce_logits", "keras.losses.SparseCategoricalCrossentropy(from_logits=True)(D['labels'], "
     "D['logits'])")
for _red in ["sum_over_batch_size", "sum", "none", "mean_with_sample_weight"]:
    case(f"cls_scce_ignore_{_red}", f"keras.losses.SparseCategoricalCrossentropy(ignore_class=2, reduction={_red!r})"
         "(D['labels'], D['probs'])")
    case(f"cls_scce_ignore_{_red}_sw", f"keras.losses.SparseCategoricalCrossentropy(ignore_class=2, "
         f"reduction={_red!r})(D['labels'], D['probs'], sample_weight=D['sw'])")
case("cls_scce_ignore_all", "keras.losses.SparseCategoricalCrossentropy(ignore_class=1)(np.array([1, 1]), "
     "np.array([[0.2, 0.8], [0.4, 0.6]], 'float32'))")
case("cls_huber_delta", "keras.losses.Huber(delta=0.25)(D['yt'], D['yp'])")
case("cls_cosine_axis0", "keras.losses.CosineSimilarity(axis=0, reduction='none')(D['yt'], D['yp'])")
case("cls_sw_full", "keras.losses.MeanSquaredError(reduction='none')(D['yt3'], D['yp3'], "
     "sample_weight=D['yt3'][..., 0])")
case("cls_sw_full_elementwise", "keras.losses.BinaryCrossentropy()(D['bin_true'], D['bin_pred'], "
     "sample_weight=D['sw_full'][:, 0])")
case("cls_rank_mismatch", "keras.losses.MeanSquaredError(reduction='none')(D['yt1'], D['yp1'])")
case("cls_ints", "keras.losses.MeanSquaredError()([[1, 2], [3, 4]], [[1, 0], [0, 4]])")
case("cls_float64_inputs", "keras.losses.MeanSquaredError()(D['yt'].astype('float64'), D['yp'].astype('float64'))")
case("cls_dtype_float64", """
loss = keras.losses.MeanSquaredError(dtype='float64')
result = [loss.dtype, loss(D['yt'], D['yp'])]
""")
case("cls_empty_batch", "keras.losses.MeanSquaredError()(np.zeros((0, 3), 'float32'), np.zeros((0, 3), 'float32'))")
case("cls_names", "[keras.losses.Huber().name, keras.losses.LogCosh().name, keras.losses.KLDivergence().name, "
     "keras.losses.CosineSimilarity().name]")
case("loss_subclass_seed", """
class MeanSquaredError(tf.keras.losses.Loss):
    def call(self, y_true, y_pred):
        return tf.reduce_mean(tf.square(y_pred - y_true))
loss = MeanSquaredError()
result = [loss(D['yt'], D['yp']), loss(D['yt'], D['yp'], sample_weight=D['sw']), loss.reduction,
          loss.get_config()['reduction'], loss.dtype]
""")
case("loss_subclass_per_sample", """
class Cubed(keras.losses.Loss):
    def __init__(self, power=3.0, **kwargs):
        super().__init__(**kwargs)
        self.power = power
    def call(self, y_true, y_pred):
        return tf.reduce_mean(tf.abs(y_pred - y_true) ** self.power, axis=-1)
    def get_config(self):
        return {**super().get_config(), "power": self.power}
loss = Cubed(power=2.0, reduction='sum')
again = Cubed.from_config(loss.get_config())
result = [loss(D['yt'], D['yp']), loss(D['yt'], D['yp'], sample_weight=D['sw']), again.get_config(),
          again(D['yt'], D['yp'])]
""")
case("loss_subclass_unimplemented", "keras.losses.Loss()(D['yt'], D['yp'])")
case("loss_base_config", "keras.losses.Loss(name='base', reduction='sum').get_config()")
case("loss_reduction_legacy", "[tf.keras.losses.Reduction.SUM, tf.keras.losses.Reduction.NONE, "
     "tf.keras.losses.Reduction.AUTO, tf.keras.losses.Reduction.SUM_OVER_BATCH_SIZE, "
     "tf.keras.losses.Reduction.all()]")

# errors
case("err_reduction", """
try:
    keras.losses.MeanSquaredError(reduction='auto')
except ValueError as e:
    result = str(e).split('Expected one of')[0] + str(e).split('}')[1]
""")
case("err_cce_shape", "keras.losses.categorical_crossentropy(D['onehot'][:, :2], D['probs'])")
case("err_cce_rank", "keras.losses.categorical_crossentropy(D['labels'], D['probs'])")
case("err_bce_shape", "keras.losses.binary_crossentropy(D['bin_true'][:, :2], D['bin_pred'])")
case("err_scce_axis", "keras.losses.sparse_categorical_crossentropy(D['labels'], D['probs'], axis=0)")
case("err_scce_rank", "keras.losses.sparse_categorical_crossentropy(D['labels'][:, None, None], D['probs'])")
case("err_scce_shape", "keras.losses.sparse_categorical_crossentropy(D['labels'][:3], D['probs'])")
case("err_cce_axis_bool", "keras.losses.categorical_crossentropy(D['onehot'], D['probs'], axis=True)")
case("err_get_loss", "keras.losses.get('foo')")
case("err_get_loss_int", "keras.losses.get(3)")
case("err_get_metric", "keras.metrics.get('foo')")
case("err_get_metric_acc", "keras.metrics.get('acc')")

# get / serialize / deserialize
case("get_losses", "[getattr(keras.losses.get(n), '__name__', type(keras.losses.get(n)).__name__) for n in "
     "['mse', 'MSE', 'mae', 'mape', 'msle', 'kld', 'bce', 'BCE', 'mean_squared_error', 'categorical_crossentropy', "
     "'sparse_categorical_crossentropy', 'binary_crossentropy', 'huber', 'log_cosh', 'MeanSquaredError', "
     "'CategoricalCrossentropy', 'Huber', 'hinge', 'poisson', 'cosine_similarity']]")
case("get_loss_passthrough", "[keras.losses.get(None), keras.losses.get(keras.losses.mean_squared_error) is "
     "keras.losses.mean_squared_error]")
case("get_loss_class_config", "keras.losses.get('SparseCategoricalCrossentropy').get_config()")
case("serialize_loss_class", "keras.losses.serialize(keras.losses.SparseCategoricalCrossentropy(from_logits=True))")
case("serialize_loss_fn", "keras.losses.serialize(keras.losses.mean_squared_error)")
case("deserialize_loss_dict", """
obj = keras.losses.deserialize({'module': 'keras.losses', 'class_name': 'Huber',
                                'config': {'name': 'h', 'reduction': 'sum'}, 'registered_name': None})
result = [type(obj).__name__, obj.get_config(), obj(D['yt'], D['yp'])]
""")
case("deserialize_loss_roundtrip", """
obj = keras.losses.deserialize(keras.losses.serialize(keras.losses.BinaryCrossentropy(label_smoothing=0.1)))
result = [type(obj).__name__, obj.get_config()]
""")
case("deserialize_loss_fn", "keras.losses.deserialize(keras.losses.serialize(keras.losses.hinge)).__name__")
case("deserialize_loss_str", "[keras.losses.deserialize('mean_squared_error').__name__, "
     "type(keras.losses.deserialize('CategoricalCrossentropy')).__name__]")
case("deserialize_loss_alias", "keras.losses.deserialize('mse')")
case("get_metrics", "[type(keras.metrics.get(n)).__name__ if not hasattr(keras.metrics.get(n), '__name__') else "
     "keras.metrics.get(n).__name__ for n in ['mse', 'MSE', 'mae', 'mape', 'msle', 'bce', 'accuracy', "
     "'binary_accuracy', 'BinaryAccuracy', 'categorical_accuracy', 'sparse_categorical_accuracy', 'AUC', "
     "'Precision', 'recall', 'mean_squared_error', 'MeanSquaredError', 'top_k_categorical_accuracy', "
     "'sparse_top_k_categorical_accuracy', 'root_mean_squared_error', 'Mean', 'sum']]")
case("get_metric_fn", "keras.metrics.get(keras.metrics.sparse_categorical_accuracy).__name__")
case("serialize_metric", "keras.metrics.serialize(keras.metrics.AUC(name='auc_fixed'))")
case("serialize_metric_wrapper", "keras.metrics.serialize(keras.metrics.MeanMetricWrapper("
     "keras.losses.mean_squared_error, name='mmw'))")
case("serialize_metric_fn", "keras.metrics.serialize(keras.metrics.binary_accuracy)")
case("deserialize_metric", """
m = keras.metrics.deserialize({'module': 'keras.metrics', 'class_name': 'Precision',
                               'config': {'name': 'p', 'thresholds': [0.3, 0.6]}, 'registered_name': None})
result = [type(m).__name__, m.get_config()]
""")
case("deserialize_metric_wrapper", """
m = keras.metrics.deserialize(keras.metrics.serialize(keras.metrics.MeanMetricWrapper(
    keras.losses.mean_absolute_error, name='mmw2')))
m.update_state(D['yt'], D['yp'])
result = [type(m).__name__, m.name, m.result()]
""")
case("deserialize_metric_str", "[type(keras.metrics.deserialize(n)).__name__ for n in "
     "['mse', 'accuracy', 'AUC', 'BinaryAccuracy', 'binary_accuracy']]")

# ---------------------------------------------------------------------------
# Metrics
# ---------------------------------------------------------------------------
case("seed_metric_mse", """
metric = keras.metrics.MeanSquaredError()
print(metric([5.], [2.]))
print(metric([0.], [1.]))
print(metric.result())
metric.reset_state()
metric([1.], [3.])
print(metric.result())
print(metric.result().numpy())
print(repr(metric.result()))
print(metric)
print(metric.variables)
""")
case("seed_sparse_accuracy", """
sparse_categorical_accuracy = tf.keras.metrics.SparseCategoricalAccuracy()
for start in (0, 2):
    sparse_categorical_accuracy.update_state(
        y_true=D['labels'][start:start + 2],
        y_pred=D['probs'][start:start + 2]
    )
print("test accuracy: %f" % sparse_categorical_accuracy.result())
print(sparse_categorical_accuracy.result())
result = sparse_categorical_accuracy.variables
""")
case("seed_custom_metric", """
class SparseCategoricalAccuracy(tf.keras.metrics.Metric):
    def __init__(self):
        super().__init__()
        self.total = self.add_weight(name='total', dtype=tf.int32, initializer=tf.zeros_initializer())
        self.count = self.add_weight(name='count', dtype=tf.int32, initializer=tf.zeros_initializer())

    def update_state(self, y_true, y_pred, sample_weight=None):
        values = tf.cast(tf.equal(y_true, tf.argmax(y_pred, axis=-1, output_type=tf.int32)), tf.int32)
        self.total.assign_add(tf.shape(y_true)[0])
        self.count.assign_add(tf.reduce_sum(values))

    def result(self):
        return self.count / self.total
m = SparseCategoricalAccuracy()
m.update_state(D['labels'], D['probs'])
print("test accuracy: %f" % m.result())
print(m.variables)
print(m.result())
m.reset_state()
print(m.variables)
result = [m.name, m.dtype, m.get_config()]
""")
case("metric_add_weight_forms", """
class Counts(keras.metrics.Metric):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.a = self.add_weight(name='a', initializer='zeros')
        self.b = self.add_weight(name='b', shape=(2,), initializer='ones')
        self.c = self.add_weight(name='c', shape=(3,), initializer=lambda shape, dtype=None: np.full(shape, 7.0))
        self.d = self.add_variable(shape=(2, 2), initializer='zeros', dtype='int32', name='d')
    def update_state(self, x):
        self.a.assign_add(tf.reduce_sum(x))
    def result(self):
        return self.a
m = Counts(name='counts')
m.update_state([1., 2.])
out = [tf.convert_to_tensor(m.result()), [v.path for v in m.variables], [v.trainable for v in m.variables],
       [v.numpy() for v in m.variables]]
m.reset_state()
result = out + [m.variables]
""")
case("metric_no_super", """
class Bad(keras.metrics.Metric):
    def __init__(self):
        self.x = 1
    def update_state(self, x):
        pass
    def result(self):
        return 0.0
try:
    Bad().add_weight(name='w')
except Exception as e:
    result = [type(e).__name__, str(e)]
""")
case("metric_base_unimplemented", """
class Half(keras.metrics.Metric):
    pass
m = Half()
try:
    m.update_state(1.0)
except NotImplementedError as e:
    result = [type(e).__name__, str(e), m.name, repr(m), m.get_config()]
""")
case("metric_names_unique", "[keras.metrics.AUC().name == keras.metrics.AUC().name, "
     "keras.metrics.Mean().name, keras.metrics.Mean().name]")

_M_BASIC = [
    ("Mean", "", "[1., 3., 5., 7.]", ""),
    ("Mean", "", "[1., 3., 5., 7.]", ", sample_weight=[1., 1., 0., 0.]"),
    ("Mean", "", "D['yt']", ""),
    ("Mean", "", "D['yt']", ", sample_weight=D['sw']"),
    ("Mean", "", "D['yt']", ", sample_weight=D['sw_full']"),
    ("Mean", "", "D['yt3']", ", sample_weight=D['sw'][:2]"),
    ("Mean", "", "5.0", ""),
    ("Mean", "", "[1, 2, 4]", ""),
    ("Sum", "", "[1., 3., 5., 7.]", ""),
    ("Sum", "", "[1., 3., 5., 7.]", ", sample_weight=[1., 1., 0., 0.]"),
    ("Sum", "", "D['yt']", ", sample_weight=D['sw']"),
    ("Sum", "", "D['yt3']", ""),
]
for _i, (_cls, _init, _x, _kw) in enumerate(_M_BASIC):
    case(f"metric_{_cls}_{_i}", f"""
m = keras.metrics.{_cls}({_init})
m.update_state({_x}{_kw})
r1 = m.result()
m.update_state({_x})
result = [r1, m.result(), m.variables]
""")

_M_WRAPPED = {
    "Accuracy": [("D['labels']", "tf.argmax(D['probs'], -1, output_type=tf.int32)"),
                 ("[[1], [2], [3]]", "[[1.], [2.], [4.]]"), ("[1, 2, 3]", "[[1.], [2.], [4.]]")],
    "BinaryAccuracy": [("D['bin_true']", "D['bin_pred']"), ("D['bin_true']", "D['bin_pred_edge']"),
                       ("D['bin_true'][:, 0]", "D['bin_pred'][:, :1]"),
                       ("D['bin_true'].astype('int32')", "D['bin_pred']")],
    "CategoricalAccuracy": [("D['onehot']", "D['probs']"), ("D['topk_onehot']", "D['topk_pred']"),
                            ("D['yt3']", "D['yp3']")],
    "SparseCategoricalAccuracy": [("D['labels']", "D['probs']"), ("D['labels_col']", "D['probs']"),
                                  ("D['labels_f']", "D['probs']"), ("D['topk_labels']", "D['topk_pred']"),
                                  ("D['labels3']", "D['logits3']")],
    "TopKCategoricalAccuracy": [("D['topk_onehot']", "D['topk_pred']"), ("D['onehot']", "D['probs']")],
    "SparseTopKCategoricalAccuracy": [("D['topk_labels']", "D['topk_pred']"), ("D['labels']", "D['probs']"),
                                      ("D['labels3']", "D['logits3']")],
    "MeanSquaredError": [("D['yt']", "D['yp']"), ("D['yt1']", "D['yp1']"), ("[5.]", "[2.]")],
    "MeanAbsoluteError": [("D['yt']", "D['yp']")],
    "MeanAbsolutePercentageError": [("D['yt']", "D['yp']")],
    "MeanSquaredLogarithmicError": [("D['yt']", "D['yp_pos']")],
    "RootMeanSquaredError": [("D['yt']", "D['yp']"), ("D['yt1']", "D['yp1']")],
    "CosineSimilarity": [("D['yt']", "D['yp']")],
    "LogCoshError": [("D['yt']", "D['yp']")],
    "Hinge": [("D['pm1']", "D['yp']")],
    "SquaredHinge": [("D['bin_true']", "D['yp']")],
    "CategoricalHinge": [("D['onehot']", "D['yp']")],
    "KLDivergence": [("D['probs']", "D['probs_raw']")],
    "Poisson": [("D['yt']", "D['yp_pos']")],
    "BinaryCrossentropy": [("D['bin_true']", "D['bin_pred']")],
    "CategoricalCrossentropy": [("D['onehot']", "D['probs_raw']")],
    "SparseCategoricalCrossentropy": [("D['labels']", "D['probs']")],
}
for _cls, _pairs in _M_WRAPPED.items():
    case(f"metric_{_cls}_config", f"keras.metrics.{_cls}().get_config()")
    for _i, (_t, _p) in enumerate(_pairs):
        case(f"metric_{_cls}_{_i}", f"""
m = keras.metrics.{_cls}()
r1 = m({_t}, {_p})
m.update_state({_t}, {_p}, sample_weight=D['sw5'][:len(np.asarray({_t}))])
result = [r1, m.result(), m.variables]
""")
case("metric_topk_k1", """
m = keras.metrics.TopKCategoricalAccuracy(k=1)
m.update_state(D['topk_onehot'], D['topk_pred'])
n = keras.metrics.SparseTopKCategoricalAccuracy(k=2)
n.update_state(D['topk_labels'], D['topk_pred'])
result = [m.result(), n.result(), m.get_config(), n.get_config()]
""")
case("metric_binary_accuracy_threshold", """
m = keras.metrics.BinaryAccuracy(threshold=0.7)
m.update_state(D['bin_true'], D['bin_pred'])
result = [m.result(), m.get_config()]
""")
case("metric_options_configs", "[keras.metrics.BinaryCrossentropy(from_logits=True, label_smoothing=0.1)"
     ".get_config(), keras.metrics.CategoricalCrossentropy(axis=0).get_config(), "
     "keras.metrics.SparseCategoricalCrossentropy(from_logits=True, ignore_class=1).get_config(), "
     "keras.metrics.SparseTopKCategoricalAccuracy(k=3, from_sorted_ids=True).get_config()]")
case("metric_scce_logits_ignore", """
m = keras.metrics.SparseCategoricalCrossentropy(from_logits=True, ignore_class=1)
m.update_state(D['labels'], D['logits'])
result = [m.result(), m.variables]
""")
case("metric_mean_wrapper", """
m = keras.metrics.MeanMetricWrapper(fn=keras.losses.huber, name='huber_metric', delta=0.3)
m.update_state(D['yt'], D['yp'], sample_weight=D['sw'])
result = [m.result(), m.name, m.get_config()['name'], m.get_config()['delta']]
""")
case("metric_function_values", "[keras.metrics.binary_accuracy(D['bin_true'], D['bin_pred']), "
     "keras.metrics.binary_accuracy(D['bin_true'], D['bin_pred'], threshold=0.2), "
     "keras.metrics.categorical_accuracy(D['onehot'], D['probs']), "
     "keras.metrics.sparse_categorical_accuracy(D['labels'], D['probs']), "
     "keras.metrics.sparse_categorical_accuracy(D['labels_col'], D['probs']), "
     "keras.metrics.top_k_categorical_accuracy(D['topk_onehot'], D['topk_pred'], k=2), "
     "keras.metrics.sparse_top_k_categorical_accuracy(D['topk_labels'], D['topk_pred'], k=1), "
     "keras.metrics.sparse_top_k_categorical_accuracy(D['labels3'], D['logits3'], k=2), "
     "keras.metrics.top_k_categorical_accuracy(D['yt3'], D['yp3'], k=1), "
     "keras.metrics.mean_squared_error(D['yt'], D['yp']), keras.metrics.hinge(D['pm1'], D['yp']), "
     "keras.metrics.binary_crossentropy(D['bin_true'], D['bin_pred']), "
     "keras.metrics.sparse_categorical_crossentropy(D['labels'], D['probs']), "
     "keras.metrics.kl_divergence(D['probs'], D['probs_raw']), keras.metrics.log_cosh(D['yt'], D['yp']), "
     "keras.metrics.huber(D['yt'], D['yp'])]")
case("metric_sorted_ids", "keras.metrics.sparse_top_k_categorical_accuracy([2, 0, 1], "
     "[[2, 1, 0], [1, 2, 0], [0, 2, 1]], k=2, from_sorted_ids=True)")
case("metric_reset_state", """
m = keras.metrics.AUC(num_thresholds=5)
m.update_state(D['auc_true'], D['auc_pred'])
m.reset_state()
n = keras.metrics.Mean()
n.update_state([1., 2.])
n.reset_state()
result = [m.result(), m.variables, n.result(), n.variables]
""")

# confusion-matrix metrics
_CONF = [
    ("Precision", ""), ("Recall", ""), ("Precision", "thresholds=[0.3, 0.5, 0.7]"),
    ("Recall", "thresholds=[0.7, 0.3, 0.5]"), ("Precision", "thresholds=[0.0, 0.5, 1.0]"),
    ("Recall", "thresholds=[0.0, 0.25, 0.5, 0.75, 1.0]"), ("Precision", "thresholds=0.25"),
    ("TruePositives", ""), ("FalsePositives", "thresholds=[0.2, 0.6]"),
    ("TrueNegatives", "thresholds=[0.0, 0.5, 1.0]"), ("FalseNegatives", ""),
]
for _i, (_cls, _init) in enumerate(_CONF):
    case(f"conf_{_cls}_{_i}", f"""
m = keras.metrics.{_cls}({_init})
m.update_state(D['auc_true'], D['auc_pred'])
r1 = m.result()
m.update_state(D['auc_true'][:30], D['auc_pred'][10:], sample_weight=D['auc_sw'][:30])
result = [r1, m.result(), m.variables, m.get_config()]
""")
case("conf_topk_classid", """
out = []
for kw in [dict(top_k=1), dict(top_k=2), dict(class_id=1), dict(class_id=2, top_k=2),
           dict(top_k=2, thresholds=[0.1, 0.3]), dict(class_id=0, thresholds=[0.2, 0.5, 0.8])]:
    for cls in (keras.metrics.Precision, keras.metrics.Recall):
        m = cls(**kw)
        m.update_state(D['topk_onehot'], D['topk_pred'])
        m.update_state(D['ml_true'], D['ml_pred'], sample_weight=D['auc_sw'][:20])
        out.append(m.result())
result = out
""")
case("conf_multi_dim", """
m = keras.metrics.Precision()
m.update_state(D['ml_true'], D['ml_pred'], sample_weight=D['ml_pred'][:, 0])
n = keras.metrics.Recall(thresholds=[0.0, 0.5, 1.0])
n.update_state(D['ml_true'], D['ml_pred'], sample_weight=D['ml_pred'])
result = [m.result(), n.result(), n.variables]
""")
case("conf_empty", "[keras.metrics.Precision().result(), keras.metrics.Recall(thresholds=[0.2, 0.4]).result()]")
case("err_precision_thresholds", "keras.metrics.Precision(thresholds=[0.5, 1.5])")
case("err_precision_class_id_rank", """
m = keras.metrics.Precision(class_id=1)
m.update_state(D['auc_true'], D['auc_pred'])
""")

_AUC = [
    "", "curve='PR'", "summation_method='majoring'", "summation_method='minoring'",
    "curve='PR', summation_method='majoring'", "curve='PR', summation_method='minoring'",
    "num_thresholds=7", "num_thresholds=2", "num_thresholds=7, curve='PR'", "num_thresholds=1000",
    "thresholds=[0.2, 0.5, 0.8]", "thresholds=[0.8, 0.25, 0.5, 0.75]", "curve='pr', thresholds=[0.3, 0.6]",
    "from_logits=True", "curve='PRGAIN'", "curve='PRGAIN', summation_method='minoring'",
    "num_thresholds=3", "curve='roc', summation_method='Interpolation'",
]
for _i, _init in enumerate(_AUC):
    _pred = "D['ml_logits'][:, 0]" if "logits" in _init else "D['auc_pred'][:20]"
    case(f"auc_{_i:02d}", f"""
m = keras.metrics.AUC({_init})
m.update_state(D['auc_true'], D['auc_pred'])
r1 = m.result()
m.update_state(D['auc_true'][:20], {_pred}, sample_weight=D['auc_sw'][:20])
result = [r1, m.result(), m.thresholds[:3], m.thresholds[-3:], len(m.thresholds), m.get_config(),
          [v.path for v in m.variables], [v.shape for v in m.variables]]
""")
case("auc_variables", """
m = keras.metrics.AUC(num_thresholds=5)
m.update_state(D['auc_true'], D['auc_pred'], sample_weight=D['auc_sw'])
result = m.variables
""")
case("auc_multi_label", """
out = []
for kw in [dict(multi_label=True), dict(multi_label=True, curve='PR'), dict(multi_label=True, num_labels=3),
           dict(multi_label=True, label_weights=[0.2, 0.5, 0.3]),
           dict(multi_label=True, curve='PR', label_weights=[1.0, 0.0, 2.0]),
           dict(multi_label=False, label_weights=[0.2, 0.5, 0.3]),
           dict(multi_label=True, num_thresholds=9, summation_method='minoring'),
           dict(multi_label=True, thresholds=[0.3, 0.5, 0.9]), dict(multi_label=True, from_logits=True)]:
    m = keras.metrics.AUC(**kw)
    pred = D['ml_logits'] if kw.get('from_logits') else D['ml_pred']
    m.update_state(D['ml_true'], pred)
    m.update_state(D['ml_true'][:10], pred[5:15], sample_weight=D['auc_sw'][:10])
    out.append(m.result())
    out.append([v.shape for v in m.variables])
result = out
""")
case("auc_2d_single_label", """
m = keras.metrics.AUC()
m.update_state(D['ml_true'], D['ml_pred'], sample_weight=D['auc_sw'][:20])
n = keras.metrics.AUC(curve='PR', num_thresholds=13)
n.update_state(D['ml_true'], D['ml_pred'], sample_weight=D['ml_pred'])
result = [m.result(), n.result()]
""")
case("auc_all_one_class", """
m = keras.metrics.AUC()
m.update_state([1., 1., 1.], [0.2, 0.6, 0.9])
n = keras.metrics.AUC(curve='PR')
n.update_state([0., 0.], [0.3, 0.7])
result = [m.result(), n.result(), keras.metrics.AUC().result()]
""")
case("auc_config_thresholds", """
m = keras.metrics.AUC(thresholds=[0.5, 0.1], name='my_auc', from_logits=True)
again = keras.metrics.AUC.from_config(m.get_config())
result = [m.get_config(), again.get_config(), again.thresholds]
""")
case("err_auc_num_thresholds", "keras.metrics.AUC(num_thresholds=1)")
case("err_auc_curve", "keras.metrics.AUC(curve='bad')")
case("err_auc_summation", "keras.metrics.AUC(summation_method='trapezoid')")
case("err_auc_num_labels", "keras.metrics.AUC(num_labels=3)")
case("err_auc_multi_label_rank", """
m = keras.metrics.AUC(multi_label=True)
m.update_state(D['auc_true'], D['auc_pred'])
""")


# ---------------------------------------------------------------------------
# Running cases (shared with the test, which runs them on leantf)
# ---------------------------------------------------------------------------
def describe(value, tf):
    """A JSON-able description of a value, computed the same way for TF and leantf."""
    if value is None:
        return {"kind": "None"}
    if isinstance(value, tf.Variable) or tf.is_tensor(value):
        arr = np.asarray(value)
        # Keras 3 variables report their dtype as a string, tensors as a DType
        dtype = getattr(value.dtype, "name", value.dtype)
        out = {"kind": "Tensor", "dtype": dtype, "shape": list(arr.shape)}
        if arr.dtype.kind in "fc":
            out["value"] = arr.astype(np.float64).tolist()
        else:
            out["value"] = arr.tolist()
        path = getattr(value, "path", None)
        if isinstance(path, str):
            out["path"] = path
        return out
    if isinstance(value, tf.TensorShape):
        return {"kind": "TensorShape", "value": value.as_list() if value.rank is not None else None}
    if isinstance(value, dict):
        return {"kind": "dict", "items": [[repr(k), describe(v, tf)] for k, v in value.items()]}
    if isinstance(value, (list, tuple)):
        # list subclasses (Keras's TrackedList for lists held by metrics) describe as lists
        kind = "tuple" if isinstance(value, tuple) else "list"
        return {"kind": kind, "items": [describe(v, tf) for v in value]}
    if isinstance(value, np.ndarray):
        return {"kind": "ndarray", "dtype": value.dtype.name, "value": value.tolist()}
    if isinstance(value, (np.floating, float)):
        return {"kind": "float", "value": float(value)}
    if isinstance(value, tf.DType):
        return {"kind": "DType", "repr": repr(value)}
    if isinstance(value, (bool, int, str, np.integer, np.bool_)):
        return {"kind": type(value).__name__, "repr": repr(value)}
    return {"kind": "object", "type": type(value).__name__}


def run_case(source, tf, keras, data):
    """Run one case; returns the outcome description."""
    namespace = {"tf": tf, "keras": keras, "np": np, "D": data}
    return outcome_of(lambda: evaluate_source(source, namespace), lambda value: describe(value, tf))


def main():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import warnings
    warnings.simplefilter("ignore")
    import tensorflow as tf
    import keras

    def run(case_id, source):
        keras.utils.clear_session()  # automatic names (auc, auc_1, ...) start over in every case
        return run_case(source, tf, keras, make_data())
    write_fixture(FIXTURE, CASES, run, {"tensorflow": tf.__version__, "keras": keras.__version__})


if __name__ == "__main__":
    main()
