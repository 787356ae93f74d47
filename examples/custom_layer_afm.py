"""Custom Keras layers from the notes: a fully connected LinearLayer, and AFM, the attentional
factorization machine's pairwise-interaction pooling.

AFM takes `(batch, fields, embedding)` and returns `(batch, embedding)`: every pair of field
embeddings is multiplied element-wise, a small attention net scores each pair, and the pairs are
summed with those weights. Here it sits on an Embedding layer in a tiny click-prediction model
trained with fit on synthetic data in which the label depends on one pair of fields.
"""
import numpy as np
import leantf as tf
from leantf.keras import backend as K
from leantf.keras import initializers, regularizers
from leantf.keras.layers import Dropout, Layer

from common import pick


class LinearLayer(tf.keras.layers.Layer):
    def __init__(self, units):
        super().__init__()
        self.units = units

    def build(self, input_shape):  # input_shape: the shape of the first call's inputs
        self.w = self.add_weight(name='w', shape=[input_shape[-1], self.units],
                                 initializer=tf.zeros_initializer())
        self.b = self.add_weight(name='b', shape=[self.units], initializer=tf.zeros_initializer())

    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b


class AFM(Layer):
    """Input: `(batch_size, feature_num, embedding_size)`; output: `(batch_size, embedding_size)`."""

    def __init__(self, attention_factor, l2_reg=0, dropout_rate=0.1,
                 kernel_initializer='glorot_uniform', bias_initializer='zeros', **kwargs):
        super().__init__(**kwargs)
        self.attention_factor = attention_factor
        self.l2_reg = regularizers.l2(l2_reg)
        self.dropout_rate = dropout_rate
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        # Created once here: a layer made inside call() would be a new layer at every step.
        self.dropout = Dropout(dropout_rate)

    def build(self, input_shape):
        if len(input_shape) != 3:
            raise ValueError('AFM layer requires input shape of `(batch_size, feature_num, embedding_size)`!')
        self.embedding_size = input_shape[2]
        self.attention_w = self.add_weight('attention_w', shape=[self.embedding_size, self.attention_factor],
                                           initializer=self.kernel_initializer, regularizer=self.l2_reg)
        self.attention_b = self.add_weight('attention_b', shape=[self.attention_factor],
                                           initializer=self.bias_initializer, regularizer=self.l2_reg)
        self.attention_p = self.add_weight('attention_p', shape=[self.attention_factor, 1],
                                           initializer=self.kernel_initializer, regularizer=self.l2_reg)

    def call(self, inputs, training=None):
        num_fields = inputs.shape[1]
        # 1. element-wise products of every pair of field embeddings
        cross = K.expand_dims(inputs, axis=1) * K.expand_dims(inputs, axis=2)  # [batch, f, f, emb]
        cross = K.reshape(cross, shape=(-1, num_fields ** 2, self.embedding_size))
        # 2. a two-layer attention net scores each pair; softmax over the pairs
        a1 = K.relu(K.dot(cross, self.attention_w) + self.attention_b)  # [batch, f*f, factor]
        a_matrix = K.softmax(K.dot(a1, self.attention_p), axis=1)       # [batch, f*f, 1]
        # 3. attention-weighted sum of the pairs
        a_cross = self.dropout(cross * a_matrix, training=training)
        return K.sum(a_cross, axis=1)                                   # [batch, emb]

    def compute_output_shape(self, input_shape):
        return None, self.embedding_size

    def get_config(self):
        config = super().get_config()
        config.update({'attention_factor': self.attention_factor, 'dropout_rate': self.dropout_rate})
        return config


tf.keras.utils.set_random_seed(0)
linear = LinearLayer(units=2)
print("LinearLayer:", linear(tf.ones((3, 4))).shape, [w.name for w in linear.weights])

num_fields, vocab, emb = 4, 20, 8
rng = np.random.default_rng(0)
n = pick(4000, 400)
values = rng.integers(0, vocab, size=(n, num_fields))
# A click happens when fields 0 and 1 hold values of the same parity: a pure pairwise
# interaction, which no sum of per-field effects can express.
clicks = ((values[:, 0] % 2) == (values[:, 1] % 2)).astype("float32")
# Each field gets its own block of embedding rows, as field-aware models number features.
ids = values + vocab * np.arange(num_fields)

inputs = tf.keras.Input(shape=(num_fields,), dtype="int32")
x = tf.keras.layers.Embedding(vocab * num_fields, emb)(inputs)
x = AFM(attention_factor=8, l2_reg=1e-5, dropout_rate=0.1, name="afm")(x)
outputs = tf.keras.layers.Dense(1, activation="sigmoid")(x)
model = tf.keras.Model(inputs, outputs)
model.summary()
model.compile(optimizer=tf.keras.optimizers.Adam(0.02), loss="binary_crossentropy", metrics=["accuracy"])
history = model.fit(ids[: n * 3 // 4], clicks[: n * 3 // 4], epochs=pick(20, 2), batch_size=64, verbose=0)
_, accuracy = model.evaluate(ids[n * 3 // 4:], clicks[n * 3 // 4:], verbose=0)
print(f"AFM model: training loss {history.history['loss'][0]:.4f} -> {history.history['loss'][-1]:.4f}, "
      f"held-out accuracy {accuracy:.4f}")
print("AFM config:", {k: model.get_layer("afm").get_config()[k] for k in ("attention_factor", "dropout_rate")})
