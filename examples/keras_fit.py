"""The notes' Keras pipeline: compile, fit, evaluate -- for the MLP or the CNN.

    python keras_fit.py            # the MLP, 5 epochs (the notes' setting)
    python keras_fit.py cnn        # the CNN, 2 epochs (what `leantf demo` runs)

The model is built with the Sequential API, as the notes' "Keras pipeline" section does.
"""
import sys

import numpy as np
import leantf as tf

from common import MNISTLoader, pick

kind = sys.argv[1] if len(sys.argv) > 1 else "mlp"
if kind == "mlp":
    model = tf.keras.models.Sequential([
        tf.keras.layers.Flatten(),
        tf.keras.layers.Dense(100, activation=tf.nn.relu),
        tf.keras.layers.Dense(10),
        tf.keras.layers.Softmax()
    ])
    num_epochs = pick(5, 1)
elif kind == "cnn":
    model = tf.keras.models.Sequential([
        tf.keras.layers.Conv2D(32, [5, 5], padding='same', activation=tf.nn.relu),
        tf.keras.layers.MaxPool2D(pool_size=[2, 2], strides=2),
        tf.keras.layers.Conv2D(64, [5, 5], padding='same', activation=tf.nn.relu),
        tf.keras.layers.MaxPool2D(pool_size=[2, 2], strides=2),
        tf.keras.layers.Reshape(target_shape=(7 * 7 * 64,)),
        tf.keras.layers.Dense(1024, activation=tf.nn.relu),
        tf.keras.layers.Dense(10),
        tf.keras.layers.Softmax()
    ])
    num_epochs = pick(2, 1)
else:
    sys.exit(f"usage: {sys.argv[0]} [mlp|cnn]")

tf.keras.utils.set_random_seed(0)
data_loader = MNISTLoader()
if kind == "cnn" and pick(False, True):
    # quick: 4 CNN steps are enough to show the path works
    data_loader.train_data, data_loader.train_label = data_loader.train_data[:200], data_loader.train_label[:200]

model.compile(
    optimizer=tf.keras.optimizers.Adam(learning_rate=0.001),
    loss=tf.keras.losses.sparse_categorical_crossentropy,
    metrics=[tf.keras.metrics.sparse_categorical_accuracy]
)
history = model.fit(
    x=data_loader.train_data,
    y=data_loader.train_label,
    epochs=num_epochs,
    batch_size=50,
    validation_data=None,
    verbose=pick("auto", 2),
)
loss, accuracy = model.evaluate(data_loader.test_data, data_loader.test_label, verbose=0)
print(f"{kind}: test loss {loss:.4f}, test accuracy {accuracy:.4f}")
print("training loss per epoch:", np.round(history.history["loss"], 4).tolist())
