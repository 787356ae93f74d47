"""The three ways Keras builds a model -- Sequential, Functional, subclassed -- for one MLP.

Each is compiled and fitted the same way on the MNIST sample; all three have the same 79,510
parameters and reach about the same accuracy. Only the Functional and Sequential models know
their shapes before seeing data, so only they can print a summary up front.
"""
import leantf as tf

from common import MNISTLoader, pick


def sequential():
    return tf.keras.models.Sequential([
        tf.keras.Input(shape=(28, 28, 1)),
        tf.keras.layers.Flatten(),
        tf.keras.layers.Dense(100, activation=tf.nn.relu),
        tf.keras.layers.Dense(10),
        tf.keras.layers.Softmax()
    ], name="sequential_mlp")


def functional():
    inputs = tf.keras.Input(shape=(28, 28, 1))
    x = tf.keras.layers.Flatten()(inputs)
    x = tf.keras.layers.Dense(units=100, activation=tf.nn.relu)(x)
    x = tf.keras.layers.Dense(units=10)(x)
    outputs = tf.keras.layers.Softmax()(x)
    return tf.keras.Model(inputs=inputs, outputs=outputs, name="functional_mlp")


class SubclassedMLP(tf.keras.Model):
    def __init__(self):
        super().__init__(name="subclassed_mlp")
        self.flatten = tf.keras.layers.Flatten()
        self.dense1 = tf.keras.layers.Dense(units=100, activation=tf.nn.relu)
        self.dense2 = tf.keras.layers.Dense(units=10)

    def call(self, inputs):
        return tf.nn.softmax(self.dense2(self.dense1(self.flatten(inputs))))


data_loader = MNISTLoader()
functional().summary()
for build in (sequential, functional, SubclassedMLP):
    tf.keras.utils.set_random_seed(0)
    model = build()
    model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=0.001),
                  loss=tf.keras.losses.sparse_categorical_crossentropy,
                  metrics=[tf.keras.metrics.sparse_categorical_accuracy])
    model.fit(data_loader.train_data, data_loader.train_label, epochs=pick(2, 1), batch_size=50, verbose=0)
    _, accuracy = model.evaluate(data_loader.test_data, data_loader.test_label, verbose=0)
    print(f"{model.name:>15}: {model.count_params():,} parameters, test accuracy {accuracy:.4f}")
