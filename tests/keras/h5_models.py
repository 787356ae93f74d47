"""Models shared by the weight-file fixtures (built with real Keras by tools/make_h5_fixtures.py)
and the leantf tests (built with leantf.keras): the same code, given either ``keras`` module,
builds the same architecture, so file paths and weight orders must agree.

Each builder takes the ``keras`` namespace and returns ``(model, inputs)``; ``inputs`` is a
fixed NumPy input (or list of inputs) for comparing predictions.
"""
import numpy as np


def _rng(seed):
    return np.random.default_rng(seed)


def seq(keras):
    layers = keras.layers
    model = keras.Sequential([keras.Input((4, 3)), layers.Flatten(), layers.Dense(5, activation="relu"),
                              layers.Dense(3), layers.Softmax()])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model, _rng(10).random((2, 4, 3)).astype("float32")


def functional(keras):
    """Two inputs; the Dense named "head" is saved as layers/dense (Keras's own walk order)."""
    layers = keras.layers
    img = keras.Input((6, 6, 2), name="img")
    tok = keras.Input((5,), name="tok", dtype="int32")
    x = layers.Conv2D(3, 3, name="conv2d")(img)
    x = layers.MaxPooling2D(name="max_pooling2d")(x)
    x = layers.BatchNormalization(name="batch_normalization")(x)
    x = layers.Dropout(0.5, name="dropout")(x)
    x = layers.Flatten(name="flatten_1")(x)
    t = layers.Embedding(10, 3, name="embedding")(tok)
    t = layers.GlobalAveragePooling1D(name="global_average_pooling1d")(t)
    x = layers.Dense(4, name="head")(x)
    out = layers.Dense(1, name="dense_2")(layers.Concatenate(name="concatenate")([x, t]))
    model = keras.Model([img, tok], out, name="func")
    rng = _rng(11)
    return model, [rng.random((2, 6, 6, 2)).astype("float32"), rng.integers(0, 10, (2, 5)).astype("int32")]


def nested(keras):
    layers = keras.layers
    inner = keras.Sequential([layers.Dense(3, name="in_dense")], name="inner")
    i = keras.Input((4,))
    model = keras.Model(i, layers.Dense(2, name="top")(inner(i)), name="outer")
    return model, _rng(12).random((2, 4)).astype("float32")


def subclassed(keras):
    """Attributes, a list of layers, a BatchNormalization, a layer's own add_weight."""
    layers = keras.layers

    class Block(layers.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.proj = layers.Dense(4)
            self.stack = [layers.Dense(4, activation="relu"), layers.Dense(4)]
            self.norm = layers.BatchNormalization()

        def build(self, input_shape):
            self.scale = self.add_weight(shape=(4,), initializer="ones", name="scale")

        def call(self, x):
            h = self.proj(x)
            for layer in self.stack:
                h = layer(h)
            return self.norm(h) * self.scale

    class Net(keras.Model):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.block = Block()
            self.head = layers.Dense(2)

        def call(self, x):
            return self.head(self.block(x))

    model = Net(name="net")
    x = _rng(13).random((2, 3)).astype("float32")
    model(x)
    return model, x


def bf16(keras):
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, dtype="bfloat16")])
    return model, _rng(14).random((2, 3)).astype("float32")


MODELS = {"seq": seq, "functional": functional, "nested": nested, "subclassed": subclassed, "bf16": bf16}
