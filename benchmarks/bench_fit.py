"""Keras `fit` on the MNIST sample: the seed's MLP and CNN, ms per training step, with
TensorFlow's figures from the same run when it is importable (ratios printed).

    python benchmarks/bench_fit.py [--mlp-epochs 2] [--cnn-samples 1500]
"""
import argparse
import importlib
import os
import time

import numpy as np

DATA = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "mnist-10k.npz")


def load(path):
    d = np.load(path)
    return d["x_train"].astype(np.float32)[..., None] / 255.0, d["y_train"].astype(np.int32)


def mlp(tf):
    L = tf.keras.layers
    return tf.keras.Sequential([L.Flatten(), L.Dense(100, activation="relu"), L.Dense(10), L.Softmax()])


def cnn(tf):
    L = tf.keras.layers
    return tf.keras.Sequential([
        tf.keras.Input((28, 28, 1)), L.Conv2D(32, [5, 5], padding="same", activation=tf.nn.relu),
        L.MaxPool2D([2, 2], strides=2), L.Conv2D(64, [5, 5], padding="same", activation=tf.nn.relu),
        L.MaxPool2D([2, 2], strides=2), L.Reshape((7 * 7 * 64,)), L.Dense(1024, activation=tf.nn.relu),
        L.Dense(10), L.Softmax()])


def ms_per_step(tf, build, x, y, epochs, batch_size=50):
    model = build(tf)
    model.compile(optimizer=tf.keras.optimizers.Adam(0.001), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(x[:2 * batch_size], y[:2 * batch_size], epochs=1, batch_size=batch_size, verbose=0)  # warm up
    start = time.perf_counter()
    model.fit(x, y, epochs=epochs, batch_size=batch_size, verbose=0)
    steps = epochs * int(np.ceil(len(x) / batch_size))
    return (time.perf_counter() - start) / steps * 1e3


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=DATA)
    parser.add_argument("--mlp-epochs", type=int, default=2)
    parser.add_argument("--cnn-samples", type=int, default=1500)
    args = parser.parse_args()
    x, y = load(args.data)
    libs = {"leantf": importlib.import_module("leantf")}
    try:
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        libs["tensorflow"] = importlib.import_module("tensorflow")
    except ImportError:
        pass
    rows = {}
    for name, tf in libs.items():
        rows[name] = {"MLP fit (batch 50)": ms_per_step(tf, mlp, x, y, args.mlp_epochs),
                      "CNN fit (batch 50)": ms_per_step(tf, cnn, x[:args.cnn_samples], y[:args.cnn_samples], 1)}
    for metric in rows["leantf"]:
        line = f"{metric:22s}" + "".join(f"  {lib}: {r[metric]:8.2f} ms/step" for lib, r in rows.items())
        if "tensorflow" in rows:
            line += f"  (tensorflow/leantf = {rows['tensorflow'][metric] / rows['leantf'][metric]:.2f}x)"
        print(line)


if __name__ == "__main__":
    main()
