"""A custom loss (mean squared error) and a custom metric (sparse categorical accuracy), as the
notes write them, checked against Keras's built-in ones and then used in compile/fit."""
import numpy as np
import leantf as tf

from common import MNISTLoader, pick


class MeanSquaredError(tf.keras.losses.Loss):
    def call(self, y_true, y_pred):
        return tf.reduce_mean(tf.square(y_pred - y_true))


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


# The custom pieces agree with the built-in ones.
y_true = tf.constant([[1.0], [2.0], [3.0]])
y_pred = tf.constant([[1.5], [2.0], [2.0]])
print("custom MSE:  ", MeanSquaredError()(y_true, y_pred))
print("built-in MSE:", tf.keras.losses.MeanSquaredError()(y_true, y_pred))

labels = tf.constant([1, 2, 0])
probs = tf.constant([[0.1, 0.9, 0.0], [0.8, 0.1, 0.1], [0.6, 0.3, 0.1]])
mine, builtin = SparseCategoricalAccuracy(), tf.keras.metrics.SparseCategoricalAccuracy()
mine.update_state(labels, probs)
builtin.update_state(labels, probs)
print("custom accuracy:  ", mine.result())
print("built-in accuracy:", builtin.result())

# Both in a model: regress the one-hot digit with the custom MSE, score with the custom metric.
tf.keras.utils.set_random_seed(0)
data = MNISTLoader()
model = tf.keras.Sequential([
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(100, activation="relu"),
    tf.keras.layers.Dense(10, activation="softmax"),
])
# The custom loss compares one-hot rows and the custom metric integer labels, so the metric
# scores the predictions after training instead of riding along in compile().
model.compile(optimizer=tf.keras.optimizers.Adam(0.001), loss=MeanSquaredError())
one_hot = np.eye(10, dtype=np.float32)
model.fit(data.train_data, one_hot[data.train_label], epochs=pick(3, 1), batch_size=50, verbose=0)
metric = SparseCategoricalAccuracy()
metric.update_state(data.test_label, model.predict(data.test_data, verbose=0))
print(f"MLP trained on the custom MSE: test accuracy by the custom metric {float(metric.result()):.4f}")
