"""A whole program, timed from the outside: the seed's MLP trained 5 epochs with `fit` on the
8,000 training digits of the embedded MNIST sample, then evaluated on the 2,000 test digits.

    /usr/bin/time -v python benchmarks/whole_mlp.py            # leantf
    /usr/bin/time -v python benchmarks/whole_mlp.py tensorflow # the same program on TensorFlow

Wall time and peak memory ("Maximum resident set size") cover interpreter start, import,
data loading, training and evaluation.
"""
import importlib
import os
import sys

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
tf = importlib.import_module(sys.argv[1] if len(sys.argv) > 1 else "leantf")
DATA = os.path.join(os.path.dirname(__file__), "..", "leantf", "sample_data", "mnist-10k.npz")

with np.load(DATA) as d:
    x_train = np.expand_dims(d["x_train"].astype(np.float32) / 255.0, -1)
    y_train, x_test, y_test = d["y_train"], np.expand_dims(d["x_test"].astype(np.float32) / 255.0, -1), d["y_test"]

model = tf.keras.Sequential([tf.keras.layers.Flatten(), tf.keras.layers.Dense(100, activation=tf.nn.relu),
                             tf.keras.layers.Dense(10), tf.keras.layers.Softmax()])
model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=0.001),
              loss=tf.keras.losses.sparse_categorical_crossentropy,
              metrics=[tf.keras.metrics.sparse_categorical_accuracy])
model.fit(x_train, y_train, epochs=5, batch_size=50, verbose=0)
loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"{tf.__name__}: test accuracy {accuracy:.4f}")
