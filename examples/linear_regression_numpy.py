"""Linear regression y = a*x + b by hand-written gradient descent, in NumPy alone.

The notes' housing-price data (five years, five prices), normalised to [0, 1]. This is the
baseline the TensorFlow version (linear_regression_tf.py) replaces: here the gradients of the
squared error are derived on paper and typed in.
"""
import numpy as np

from common import pick

X_raw = np.array([2013, 2014, 2015, 2016, 2017], dtype=np.float32)
y_raw = np.array([12000, 14000, 15000, 16500, 17500], dtype=np.float32)
X = (X_raw - X_raw.min()) / (X_raw.max() - X_raw.min())
y = (y_raw - y_raw.min()) / (y_raw.max() - y_raw.min())

a, b = 0.0, 0.0
num_epoch = pick(10000, 500)
learning_rate = 5e-4
for e in range(num_epoch):
    y_pred = a * X + b
    # loss = sum((a*X + b - y)^2): d/da = 2 * sum(err * X), d/db = 2 * sum(err)
    err = y_pred - y
    grad_a, grad_b = 2 * err.dot(X), 2 * err.sum()
    a, b = a - learning_rate * grad_a, b - learning_rate * grad_b

loss = float(np.sum(np.square(a * X + b - y)))
print(f"after {num_epoch} epochs: a = {a:.4f}, b = {b:.4f}, loss = {loss:.4f}")
