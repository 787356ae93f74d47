"""The seed's MLP custom training loop: batch 50 of 28x28x1 images -> Flatten -> Dense(100, relu)
-> Dense(10) -> tf.nn.softmax, sparse categorical crossentropy + reduce_mean, tape.gradient over
model.variables, Adam.apply_gradients. Figures: milliseconds per step, best and median of
several repeats, wall time and this thread's CPU time (the CPU figure stays comparable on a
busy machine as long as the work is single-threaded).

    python benchmarks/bench_mlp_loop.py [--steps N] [--repeat R] [--busy K]

Data: /work/shared/data/mnist-10k.npz when present (the seed's MNIST subset), random images
otherwise. With TensorFlow or PyTorch importable in the same interpreter, the same loop in
them follows. ``--busy K`` runs K spinning processes beside the loop (a shared machine).
"""
import argparse
import importlib
import os
import subprocess
import sys
import time

import numpy as np

DATA = "/work/shared/data/mnist-10k.npz"
BATCH = 50


def load_data():
    if os.path.exists(DATA):
        d = np.load(DATA)
        return np.expand_dims(d["x_train"].astype(np.float32) / 255.0, -1), d["y_train"].astype(np.int32)
    rng = np.random.default_rng(0)
    return rng.random((8000, 28, 28, 1), dtype=np.float32), rng.integers(0, 10, 8000).astype(np.int32)


def timed(step, batches, steps, repeat):
    """ms/step: (best wall, median wall, best CPU) over ``repeat`` runs of ``steps`` steps."""
    for xb, yb in batches[:20]:  # warm up (builds the layers, fills caches)
        step(xb, yb)
    wall, cpu = [], []
    for r in range(repeat):
        t0, c0 = time.perf_counter(), time.thread_time()
        for i in range(steps):
            xb, yb = batches[(r * steps + i) % len(batches)]
            step(xb, yb)
        wall.append((time.perf_counter() - t0) / steps * 1e3)
        cpu.append((time.thread_time() - c0) / steps * 1e3)
    wall.sort()
    return wall[0], wall[len(wall) // 2], min(cpu)


def tf_like_step(tf):
    """The seed's loop, for leantf or TensorFlow."""
    class MLP(tf.keras.Model):
        def __init__(self):
            super().__init__()
            self.flatten = tf.keras.layers.Flatten()
            self.dense1 = tf.keras.layers.Dense(units=100, activation=tf.nn.relu)
            self.dense2 = tf.keras.layers.Dense(units=10)

        def call(self, inputs):
            x = self.flatten(inputs)
            x = self.dense1(x)
            x = self.dense2(x)
            return tf.nn.softmax(x)

    model = MLP()
    optimizer = tf.keras.optimizers.Adam(learning_rate=0.001)

    def step(X, Y):
        with tf.GradientTape() as tape:
            y_pred = model(X)
            loss = tf.keras.losses.sparse_categorical_crossentropy(y_true=Y, y_pred=y_pred)
            loss = tf.reduce_mean(loss)
        grads = tape.gradient(loss, model.variables)
        optimizer.apply_gradients(grads_and_vars=zip(grads, model.variables))
        return loss
    return step


def torch_step(torch):
    model = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, 100), torch.nn.ReLU(),
                                torch.nn.Linear(100, 10), torch.nn.Softmax(dim=-1))
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001)

    def step(X, Y):
        probs = model(torch.from_numpy(X))
        # Keras' crossentropy of probabilities: log of the clipped probabilities.
        loss = torch.nn.functional.nll_loss(torch.log(probs.clamp(1e-7, 1 - 1e-7)), torch.from_numpy(Y).long())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        return loss
    return step


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--busy", type=int, default=0, help="spinning processes to run beside the loop")
    args = parser.parse_args()
    x, y = load_data()
    rng = np.random.default_rng(0)
    batches = []
    for _ in range(64):
        idx = rng.integers(0, len(x), BATCH)
        batches.append((x[idx], y[idx]))
    busy = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.busy)]
    try:
        try:
            import leantf
        except ImportError:  # run from a checkout without `pip install -e .`
            sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
            import leantf
        results = {"leantf": timed(tf_like_step(leantf), batches, args.steps, args.repeat)}
        for name in ("tensorflow", "torch"):
            try:
                mod = importlib.import_module(name)
            except ImportError:
                continue
            step = tf_like_step(mod) if name == "tensorflow" else torch_step(mod)
            results[name] = timed(step, batches, max(args.steps // (20 if name == "tensorflow" else 1), 5),
                                  args.repeat)
        load = open("/proc/loadavg").read().split()[:3] if os.path.exists("/proc/loadavg") else "?"
        print(f"seed MLP custom loop, batch {BATCH}, {args.busy} busy processes beside it, load {load}")
        print(f"{'':12s} {'best ms/step':>12s} {'median':>8s} {'CPU ms/step':>12s}")
        for lib, (best, med, cpu) in results.items():
            print(f"{lib:12s} {best:12.3f} {med:8.3f} {cpu:12.3f}")
    finally:
        for p in busy:
            p.kill()
            p.wait()


if __name__ == "__main__":
    main()
