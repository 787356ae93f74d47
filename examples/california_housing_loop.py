"""The notes' "custom gradient descent" (eg1): a Keras Sequential regressor trained by a
GradientTape loop with a Keras metric, in place of fit.

The notes use scikit-learn's California housing data (20,640 districts, 8 features). To stay
offline and free of scikit-learn, this example makes synthetic data of the same shape -- a
noisy linear target plus one non-linear term -- and does the notes' split and standardisation
in NumPy.
"""
import sys

import numpy as np
import leantf as tf
from leantf import keras

from common import pick

print(tf.__version__)
print(sys.version_info)

# 1. data: same shapes as fetch_california_housing()
rng = np.random.default_rng(7)
data = rng.standard_normal((20640, 8))
target = 2.0 + data @ rng.uniform(-0.6, 0.6, 8) + 0.3 * np.maximum(data[:, 0], 0) ** 2 \
    + 0.1 * rng.standard_normal(20640)
print(data.shape)
print(target.shape)


def split(x, y, seed):
    """A 75/25 shuffle split, like sklearn's train_test_split defaults."""
    order = np.random.RandomState(seed).permutation(len(x))
    cut = int(np.ceil(0.25 * len(x)))
    return x[order[cut:]], x[order[:cut]], y[order[cut:]], y[order[:cut]]


x_train_all, x_test, y_train_all, y_test = split(data, target, 7)
x_train, x_valid, y_train, y_valid = split(x_train_all, y_train_all, 11)
print(x_train.shape, y_train.shape)
print(x_valid.shape, y_valid.shape)
print(x_test.shape, y_test.shape)

# Standardise with the training set's statistics only.
mean, std = x_train.mean(axis=0), x_train.std(axis=0)
x_train_scaled, x_valid_scaled, x_test_scaled = [(x - mean) / std for x in (x_train, x_valid, x_test)]

# 2. a metric accumulates across calls until reset
metric = keras.metrics.MeanSquaredError()
print(metric([5.], [2.]))
print(metric([0.], [1.]))
print(metric.result())
metric.reset_state()
metric([1.], [3.])
print(metric.result())

# 3. the training loop that replaces fit
epochs = pick(10, 2)
batch_size = 32
steps_per_epoch = pick(len(x_train_scaled) // batch_size, 20)
optimizer = keras.optimizers.SGD(learning_rate=3e-3)
metric = keras.metrics.MeanSquaredError()


def random_batch(x, y, batch_size=32):
    idx = np.random.randint(0, len(x), size=batch_size)
    return x[idx], y[idx]


np.random.seed(0)
tf.keras.utils.set_random_seed(0)
model = keras.models.Sequential([
    keras.Input(shape=x_train.shape[1:]),
    keras.layers.Dense(30, activation='relu'),
    keras.layers.Dense(1),
])

for epoch in range(epochs):
    metric.reset_state()
    for step in range(steps_per_epoch):
        x_batch, y_batch = random_batch(x_train_scaled, y_train, batch_size)
        with tf.GradientTape() as tape:
            y_pred = tf.squeeze(model(x_batch), 1)
            loss = keras.losses.mean_squared_error(y_batch, y_pred)
        metric(y_batch, y_pred)
        grads = tape.gradient(loss, model.variables)
        optimizer.apply_gradients(zip(grads, model.variables))
        print("\rEpoch", epoch + 1, " train mse:", metric.result().numpy(), end="")
    y_valid_pred = tf.squeeze(model(x_valid_scaled), 1)
    valid_loss = keras.losses.mean_squared_error(y_valid_pred, y_valid)
    print("\t", "valid mse: ", valid_loss.numpy())

test_mse = keras.losses.mean_squared_error(y_test, tf.squeeze(model(x_test_scaled), 1))
print("test mse:", test_mse.numpy(), " (predicting the mean would give", round(float(np.var(y_test)), 4), ")")
