"""The notes' MLP on MNIST digits with a hand-written training loop.

Random batches from MNISTLoader, forward pass under a GradientTape, sparse categorical
cross-entropy, Adam; then SparseCategoricalAccuracy over the test set, batch by batch, with
model.predict -- the notes' program, with a loss line every 100 batches instead of every one.
"""
import numpy as np
import leantf as tf

from common import MNISTLoader, pick


class MLP(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.flatten = tf.keras.layers.Flatten()  # [batch, 28, 28, 1] -> [batch, 784]
        self.dense1 = tf.keras.layers.Dense(units=100, activation=tf.nn.relu)
        self.dense2 = tf.keras.layers.Dense(units=10)

    def call(self, inputs):
        x = self.flatten(inputs)
        x = self.dense1(x)
        x = self.dense2(x)
        output = tf.nn.softmax(x)
        return output


num_epochs = pick(5, 1)
batch_size = 50
learning_rate = 0.001

np.random.seed(0)
tf.keras.utils.set_random_seed(0)
model = MLP()
data_loader = MNISTLoader()
optimizer = tf.keras.optimizers.Adam(learning_rate=learning_rate)

num_batches = pick(int(data_loader.num_train_data // batch_size * num_epochs), 20)
for batch_index in range(num_batches):
    X, y = data_loader.get_batch(batch_size)
    with tf.GradientTape() as tape:
        y_pred = model(X)
        loss = tf.keras.losses.sparse_categorical_crossentropy(y_true=y, y_pred=y_pred)
        loss = tf.reduce_mean(loss)
    if batch_index % 100 == 0 or batch_index == num_batches - 1:
        print("batch %d: loss %f" % (batch_index, loss.numpy()))
    grads = tape.gradient(loss, model.variables)
    optimizer.apply_gradients(grads_and_vars=zip(grads, model.variables))

sparse_categorical_accuracy = tf.keras.metrics.SparseCategoricalAccuracy()
num_batches = int(data_loader.num_test_data // batch_size)
for batch_index in range(num_batches):
    start_index, end_index = batch_index * batch_size, (batch_index + 1) * batch_size
    y_pred = model.predict(data_loader.test_data[start_index: end_index], verbose=0)
    sparse_categorical_accuracy.update_state(
        y_true=data_loader.test_label[start_index: end_index],
        y_pred=y_pred
    )
print("test accuracy: %f" % sparse_categorical_accuracy.result())
