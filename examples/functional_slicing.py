"""The notes' eg2: a Functional model that slices its input tensor and mixes TensorFlow
operators with layers.

Columns 3 and 4 of the input are flags that pick which of two heads answers:
`outputs = x1 * flag1 + x2 * flag2`. A head whose flag is 0 gets no gradient, which the printed
gradients show, and Adam moves each weight with a gradient by about the learning rate per step.
"""
import numpy as np
import leantf as tf

from common import pick

tf.keras.utils.set_random_seed(0)
X = tf.constant([
    [1.0, 2.0, 3.0, 1.0, 0.],  # flag1 = 1: the first head answers
])
y = tf.constant([
    [10.],
])

inputs = tf.keras.layers.Input(shape=X.shape[1:])
flag1 = inputs[:, 3]
flag2 = inputs[:, 4]
x = tf.keras.layers.Dense(units=5, use_bias=False)(inputs)
x1 = tf.keras.layers.Dense(units=1, use_bias=False)(x)
x2 = tf.keras.layers.Dense(units=1, use_bias=False)(x)
outputs = x1 * flag1 + x2 * flag2
model = tf.keras.Model(inputs, outputs)
model.summary()

optimizer = tf.keras.optimizers.Adam(learning_rate=0.001)
for step in range(pick(3, 2)):
    with tf.GradientTape() as tape:
        y_pred = tf.squeeze(model(X), 1)
        loss = tf.reduce_sum(tf.square(y_pred - y))
    grads = tape.gradient(loss, model.variables)
    print(f"\nstep {step + 1}: loss {loss.numpy():.4f}")
    before = [v.numpy().copy() for v in model.variables]
    optimizer.apply_gradients(zip(grads, model.variables))
    for variable, grad, old in zip(model.variables, grads, before):
        size = float(tf.reduce_max(tf.abs(grad)))
        moved = float(np.abs(variable.numpy() - old).max())
        print(f"  {variable.path:<15} shape {str(tuple(variable.shape)):<7} largest |gradient| {size:9.4f}"
              f"  largest change {moved:.6f}")
