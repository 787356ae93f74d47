"""Linear regression y = a*x + b with tf.GradientTape and an optimizer, as in the notes.

Same data and learning rate as linear_regression_numpy.py: the tape derives the gradients
that the NumPy version writes by hand, and SGD applies them. Both print the same a and b.
"""
import numpy as np
import leantf as tf

from common import pick

X_raw = np.array([2013, 2014, 2015, 2016, 2017], dtype=np.float32)
y_raw = np.array([12000, 14000, 15000, 16500, 17500], dtype=np.float32)
X = (X_raw - X_raw.min()) / (X_raw.max() - X_raw.min())
y = (y_raw - y_raw.min()) / (y_raw.max() - y_raw.min())

X = tf.constant(X)
y = tf.constant(y)

a = tf.Variable(initial_value=0.)
b = tf.Variable(initial_value=0.)
variables = [a, b]

num_epoch = pick(10000, 500)
optimizer = tf.keras.optimizers.SGD(learning_rate=5e-4)
for e in range(num_epoch):
    # The tape records the forward computation so it can differentiate the loss.
    with tf.GradientTape() as tape:
        y_pred = a * X + b
        loss = tf.reduce_sum(tf.square(y_pred - y))
    grads = tape.gradient(loss, variables)
    optimizer.apply_gradients(grads_and_vars=zip(grads, variables))

print(f"after {num_epoch} epochs: a = {a.numpy():.4f}, b = {b.numpy():.4f}, loss = {loss.numpy():.4f}")
print(a)
