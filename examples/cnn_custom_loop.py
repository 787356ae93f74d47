"""The notes' CNN (two 5x5 convolutions, max pooling, a 1024-unit dense layer) with the same
hand-written loop as mlp_custom_loop.py.

A full run trains one epoch over the 8,000 sample digits (160 batches of 50).
"""
import numpy as np
import leantf as tf

from common import MNISTLoader, pick


class CNN(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.conv1 = tf.keras.layers.Conv2D(
            filters=32,
            kernel_size=[5, 5],
            padding='same',
            activation=tf.nn.relu
        )
        self.pool1 = tf.keras.layers.MaxPool2D(pool_size=[2, 2], strides=2)
        self.conv2 = tf.keras.layers.Conv2D(
            filters=64,
            kernel_size=[5, 5],
            padding='same',
            activation=tf.nn.relu
        )
        self.pool2 = tf.keras.layers.MaxPool2D(pool_size=[2, 2], strides=2)
        self.flatten = tf.keras.layers.Reshape(target_shape=(7 * 7 * 64,))
        self.dense1 = tf.keras.layers.Dense(units=1024, activation=tf.nn.relu)
        self.dense2 = tf.keras.layers.Dense(units=10)

    def call(self, inputs):
        x = self.conv1(inputs)   # [batch_size, 28, 28, 32]
        x = self.pool1(x)        # [batch_size, 14, 14, 32]
        x = self.conv2(x)        # [batch_size, 14, 14, 64]
        x = self.pool2(x)        # [batch_size, 7, 7, 64]
        x = self.flatten(x)      # [batch_size, 7 * 7 * 64]
        x = self.dense1(x)       # [batch_size, 1024]
        x = self.dense2(x)       # [batch_size, 10]
        output = tf.nn.softmax(x)
        return output


batch_size = 50
np.random.seed(0)
tf.keras.utils.set_random_seed(0)
model = CNN()
data_loader = MNISTLoader()
optimizer = tf.keras.optimizers.Adam(learning_rate=0.001)

num_batches = pick(data_loader.num_train_data // batch_size, 5)
for batch_index in range(num_batches):
    X, y = data_loader.get_batch(batch_size)
    with tf.GradientTape() as tape:
        y_pred = model(X)
        loss = tf.reduce_mean(tf.keras.losses.sparse_categorical_crossentropy(y_true=y, y_pred=y_pred))
    if batch_index % 20 == 0 or batch_index == num_batches - 1:
        print("batch %d: loss %f" % (batch_index, loss.numpy()))
    grads = tape.gradient(loss, model.variables)
    optimizer.apply_gradients(grads_and_vars=zip(grads, model.variables))

accuracy = tf.keras.metrics.SparseCategoricalAccuracy()
for start in range(0, data_loader.num_test_data, 500):
    end = start + 500
    accuracy.update_state(data_loader.test_label[start:end], model(data_loader.test_data[start:end]))
print("test accuracy: %f" % accuracy.result())
