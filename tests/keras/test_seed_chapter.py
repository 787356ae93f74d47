"""Every code block of the seed's chapter "TF模型建立与训练" runs on leantf.

The blocks are read from shared/seed/000_*.txt and executed as they are, with only these
substitutions (each one asserted to hit, so a change in the notes is noticed):

- ``import tensorflow``/``from tensorflow`` lines import leantf instead;
- data: ``tf.keras.datasets.mnist.load_data()`` returns the 10,000-digit sample in
  leantf.sample_data (the full MNIST is not available offline); the California housing
  data of "eg1" is synthetic data of the same shape (20640, 8), and matplotlib/pandas/sklearn
  are small stand-in modules (version strings, train_test_split, StandardScaler);
- run length, to keep CI short: the MLP loop runs 1 epoch instead of 5, the CNN loop 20 batches
  and a fifth of the test set, Keras fit 1 epoch, eg1 2 epochs instead of 100;
- the MLP block has one line indented with a tab (a TabError in Python 3): it is re-indented.

What is checked against TensorFlow 2.21 text is written out below; the rest (accuracy after
training on the sample) is checked against thresholds.
"""
import contextlib
import io
import re
import sys
import types
from pathlib import Path

import numpy as np
import pytest

import leantf as tf
import leantf.keras  # noqa: F401  (so monkeypatch can set keras.datasets)

from leantf.sample_data import MNIST_10K_PATH as MNIST
from tests.seed_notes import SEED_PATH as SEED


def _blocks():
    text = SEED.read_text(encoding="utf-8")
    chapter = text[text.index("# TF模型建立与训练"):text.index("# TF常用模块")]
    return re.findall(r"```python\n(.*?)```", chapter, re.S)


BLOCKS = _blocks() if SEED.exists() else []


def _source(index, subs=()):
    src = BLOCKS[index]
    for old, new in subs:
        assert old in src, f"substitution target not found in block {index}: {old!r}"
        src = src.replace(old, new)
    lines = []
    for line in src.splitlines():
        if re.match(r"\s*(import|from) tensorflow\b", line):
            line = line.replace("tensorflow", "leantf")
        lines.append(line)
    return "\n".join(lines) + "\n"


def run_block(index, ns, subs=()):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(_source(index, subs), f"<seed block {index}>", "exec"), ns)
    return out.getvalue()


@pytest.fixture
def mnist(monkeypatch):
    data = np.load(MNIST)

    def load_data():
        return (data["x_train"], data["y_train"]), (data["x_test"], data["y_test"])
    # Set in the module's namespace directly: keras.datasets (downloads) is not part of this test.
    monkeypatch.setitem(tf.keras.__dict__, "datasets",
                        types.SimpleNamespace(mnist=types.SimpleNamespace(load_data=load_data)))


@pytest.fixture
def ns():
    tf.keras.backend.clear_session()
    np.random.seed(0)
    tf.random.set_seed(0)
    return {"tf": tf, "np": np, "__name__": "__seed__"}


MLP_SUBS = [("\tgrads = tape.gradient", "        grads = tape.gradient"), ("num_epochs = 5", "num_epochs = 1")]


def test_model_template_and_linear_regression(ns):
    run_block(0, ns)  # the template class only has to be definable
    assert issubclass(ns["MyModel"], tf.keras.Model)
    out = run_block(1, ns)
    # TensorFlow 2.21 prints exactly this (zero initial weights, plain SGD).
    assert out == ("[<Variable path=linear/dense/kernel, shape=(3, 1), dtype=float32, value=[[0.40784496]\n"
                   " [1.191065  ]\n [1.9742855 ]]>, <Variable path=linear/dense/bias, shape=(1,), dtype=float32, "
                   "value=[0.78322077]>]\n")


def test_mlp_training_loop_and_metric(ns, mnist):
    out = run_block(2, ns, MLP_SUBS)
    losses = [float(v) for v in re.findall(r"^batch \d+: loss (\S+)$", out, re.M)]
    assert len(losses) == 8000 // 50
    assert losses[0] > 2.0 and np.mean(losses[-20:]) < 0.6
    accuracy = float(re.search(r"test accuracy: (\S+)", out).group(1))
    assert accuracy >= 0.85
    model = ns["model"]
    assert [v.path for v in model.variables] == ["mlp/dense/kernel", "mlp/dense/bias", "mlp/dense_1/kernel",
                                                 "mlp/dense_1/bias"]


def test_cnn_model_with_the_mlp_loop(ns, mnist):
    run_block(3, ns)
    # "其他部分和 MLP 保持一致": the MLP block's loop, training the CNN for 20 batches.
    subs = MLP_SUBS[:1] + [("model = MLP()", "model = CNN()"),
                           ("num_batches = int(data_loader.num_train_data // batch_size * num_epochs)",
                            "num_batches = 20"),
                           ("num_batches = int(data_loader.num_test_data // batch_size)",
                            "num_batches = int(data_loader.num_test_data // batch_size) // 5")]
    out = run_block(2, ns, subs)
    accuracy = float(re.search(r"test accuracy: (\S+)", out).group(1))
    assert accuracy >= 0.4  # 20 steps of Adam(1e-3) from scratch; chance is 0.1
    shapes = [tuple(v.shape) for v in ns["model"].variables]
    assert shapes == [(5, 5, 1, 32), (32,), (5, 5, 32, 64), (64,), (3136, 1024), (1024,), (1024, 10), (10,)]


@pytest.mark.parametrize("build_block", [5, 6], ids=["sequential", "functional"])
def test_keras_pipeline_fit_evaluate(ns, mnist, build_block):
    run_block(2, ns, MLP_SUBS[:1] + [("num_epochs = 5", "num_epochs = 0"),
                                     ("test accuracy: %f", "MLP accuracy: %f")])  # data_loader, batch_size
    ns["num_epochs"] = 1
    run_block(build_block, ns)
    out = run_block(7, ns)
    model = ns["model"]
    h = model.history
    assert h.params == {"verbose": "auto", "epochs": 1, "steps": 160}
    assert list(h.history) == ["loss", "sparse_categorical_accuracy"]
    assert h.history["sparse_categorical_accuracy"][0] > 0.8
    assert "160/160" in out and "63/63" in out  # the fit bar, then evaluate's (2000 samples / 32)
    result = model.evaluate(ns["data_loader"].test_data, ns["data_loader"].test_label, verbose=0)
    assert isinstance(result, list) and len(result) == 2 and all(isinstance(v, float) for v in result)
    assert result[1] >= 0.85
    kinds = [type(l).__name__ for l in model.layers]
    assert kinds == (["InputLayer"] if build_block == 6 else []) + ["Flatten", "Dense", "Dense", "Softmax"]


def _layer_ns(ns):
    from leantf.keras import backend as K, initializers, regularizers
    from leantf.keras.layers import Dropout, Layer
    ns.update(Layer=Layer, Dropout=Dropout, K=K, regularizers=regularizers, initializers=initializers)
    return ns


def test_custom_layer_blocks(ns):
    run_block(8, ns)  # the template (its `add_weight(...)` placeholders never run)
    run_block(9, ns)
    linear = ns["LinearLayer"](units=2)
    y = linear(tf.ones((3, 4)))
    assert y.shape == (3, 2) and [w.name for w in linear.weights] == ["w", "b"]
    assert isinstance(linear.built and linear._build_shapes, tf.TensorShape)


def test_afm_layer(ns):
    run_block(10, _layer_ns(ns))
    AFM = ns["AFM"]
    afm = AFM(attention_factor=4, l2_reg=1e-4, dropout_rate=0.0)
    x = np.random.RandomState(0).rand(6, 3, 5).astype("float32")
    y = afm(x)
    assert y.shape == (6, 5)
    # The Keras-2 positional form add_weight('attention_w', shape=...) names the weights.
    assert [w.name for w in afm.weights] == ["attention_w", "attention_b", "attention_p"]
    assert [tuple(w.shape) for w in afm.weights] == [(5, 4), (4,), (4, 1)]
    assert len(afm.losses) == 3  # one l2 penalty per weight
    assert afm.compute_output_shape((None, 3, 5)) == (None, 5)
    config = afm.get_config()
    assert config["attention_factor"] == 4 and config["dropout_rate"] == 0.0
    with pytest.raises(ValueError, match="AFM layer requires input shape"):
        AFM(2)(np.zeros((2, 3), "float32"))
    # In a Functional model, trained by fit.
    inp = tf.keras.Input((3, 5))
    out = tf.keras.layers.Dense(1)(AFM(4, name="afm")(inp))
    model = tf.keras.Model(inp, out)
    assert model.get_layer("afm").output.shape.as_list() == [None, 5]
    model.compile(optimizer="adam", loss="mse")
    h = model.fit(x, np.ones((6, 1), "float32"), epochs=2, verbose=0)
    assert len(h.history["loss"]) == 2


def test_custom_loss_and_metric(ns):
    run_block(11, ns)
    run_block(12, ns)
    loss = ns["MeanSquaredError"]()
    assert float(loss(tf.constant([[1.0], [2.0]]), tf.constant([[1.5], [2.0]]))) == 0.125
    metric = ns["SparseCategoricalAccuracy"]()
    metric.update_state(tf.constant([1, 2]), tf.constant([[0.1, 0.9, 0.0], [0.8, 0.1, 0.1]]))
    assert [v.name for v in metric.variables] == ["total", "count"]
    assert str(metric.result()) == "tf.Tensor(0.5, shape=(), dtype=float32)"


def _fake_science_modules(monkeypatch):
    def module(name, **attrs):
        m = types.ModuleType(name)
        m.__dict__.update(attrs)
        monkeypatch.setitem(sys.modules, name, m)
        return m

    def fetch_california_housing():
        rng = np.random.default_rng(0)
        data = rng.standard_normal((20640, 8))
        target = data @ rng.standard_normal(8) * 0.5 + 2.0 + 0.1 * rng.standard_normal(20640)
        return types.SimpleNamespace(data=data, target=target, DESCR="synthetic California housing")

    def train_test_split(x, y, random_state=None):
        order = np.random.RandomState(random_state).permutation(len(x))
        n_test = int(np.ceil(0.25 * len(x)))
        return x[order[n_test:]], x[order[:n_test]], y[order[n_test:]], y[order[:n_test]]

    class StandardScaler:
        def fit_transform(self, x):
            self.mean_, self.scale_ = x.mean(0), x.std(0)
            return self.transform(x)

        def transform(self, x):
            return (x - self.mean_) / self.scale_

    mpl = module("matplotlib", __version__="0-stand-in")
    mpl.pyplot = module("matplotlib.pyplot")
    module("pandas", __version__="0-stand-in")
    sk = module("sklearn", __version__="0-stand-in")
    sk.datasets = module("sklearn.datasets", fetch_california_housing=fetch_california_housing)
    sk.model_selection = module("sklearn.model_selection", train_test_split=train_test_split)
    sk.preprocessing = module("sklearn.preprocessing", StandardScaler=StandardScaler)


def test_eg1_custom_gradient_descent(ns, monkeypatch):
    _fake_science_modules(monkeypatch)
    out = run_block(13, ns, [("epochs = 100 ", "epochs = 2 ")])
    lines = out.split("\n")
    assert "(20640, 8)" in lines and "(20640,)" in lines
    assert "(11610, 8) (11610,)" in lines and "(3870, 8) (3870,)" in lines and "(5160, 8) (5160,)" in lines
    # The metric block, as TensorFlow prints it.
    assert ("tf.Tensor(9.0, shape=(), dtype=float32)\ntf.Tensor(5.0, shape=(), dtype=float32)\n"
            "tf.Tensor(5.0, shape=(), dtype=float32)\ntf.Tensor(4.0, shape=(), dtype=float32)\n") in out
    valid = [float(v) for v in re.findall(r"valid mse:  (\S+)", out)]
    assert len(valid) == 2 and valid[1] < valid[0] < 1.0
    assert out.count("\rEpoch 1  train mse:") == 11610 // 32


def test_eg2_functional_with_tf_ops(ns):
    out = run_block(14, ns)
    model = ns["model"]
    assert [l.name for l in model.layers][:2] == ["input_layer", "dense"]
    grads = re.findall(r"step: (\d), \[\[", out)
    assert grads == ["1", "2"]
    # Each step prints the weights before and after Adam's update: a weight with a gradient
    # moves by about the learning rate.
    arrays = re.findall(r"\[array\(.*?\)\]", out, re.S)
    assert len(arrays) == 4
    w = model.get_weights()
    assert [a.shape for a in w] == [(5, 5), (5, 1), (5, 1)]


def test_submodel_extraction(ns):
    from leantf.keras import Model
    combine_ids = [3, 7]
    inputs = {f"resource_id_{i}": tf.keras.Input(shape=(1,), name=f"resource_id_{i}", dtype="int32")
              for i in combine_ids}
    inputs["user_feat"] = tf.keras.Input(shape=(4,), name="user_feat")
    emb = [tf.keras.layers.Flatten()(tf.keras.layers.Embedding(10, 3)(inputs[f"resource_id_{i}"]))
           for i in combine_ids]
    shared = tf.keras.layers.Dense(8, activation="relu", name="shared")(inputs["user_feat"])
    p1 = tf.keras.layers.Dense(1, activation="sigmoid", name="prob_task1")(shared)
    p2 = tf.keras.layers.Dense(1, activation="sigmoid", name="prob_task2")(
        tf.keras.layers.Concatenate()([shared] + emb))
    model = Model(inputs, [p1, p2])
    ns.update(model=model, Model=Model, combine_ids=combine_ids, optimizer=tf.keras.optimizers.Adam(0.01))
    out = run_block(15, ns)
    assert out.startswith("1\n(None, 1)\n\nmodel compliling\nModel: \"functional_1\"\n")
    assert "│ user_feat (InputLayer)          │ (None, 4)              │             0 │" in out
    assert "│ prob_task1 (Dense)              │ (None, 1)              │             9 │" in out
    task1 = ns["model_task1"]
    assert list(task1.input) == ["user_feat"] and [l.name for l in task1.layers] == ["user_feat", "shared",
                                                                                      "prob_task1"]
    x = {"user_feat": np.random.RandomState(0).rand(16, 4).astype("float32")}
    y = (x["user_feat"].sum(1, keepdims=True) > 2).astype("float32")
    h = task1.fit(x, y, epochs=2, batch_size=8, verbose=0)
    assert sorted(h.history) == ["auc", "loss"]
    assert task1.predict(x, verbose=0).shape == (16, 1)
    # The extracted model shares its weights with the full one.
    assert task1.get_layer("shared") is model.get_layer("shared")
