"""BLAS threads: the GEMMs of the seed's MLP and CNN steps on 1 thread and on every core,
on a quiet machine and with a busy process beside them (``--busy``), through NumPy's
OpenBLAS. The figures chose ``leantf.backend.blas.SMALL_GEMM_FLOPS``.

    python benchmarks/bench_blas.py [--busy N] [--repeat R]
"""
import argparse
import os
import subprocess
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from leantf.backend import blas  # noqa: E402

# (label, m, k, n): C[m, n] = A[m, k] @ B[k, n], float32
SHAPES = [
    ("MLP dense2 fwd 50x100x10", 50, 100, 10),
    ("MLP dense2 dW 100x50x10", 100, 50, 10),
    ("MLP dense1 fwd 50x784x100", 50, 784, 100),
    ("MLP dense1 dW 784x50x100", 784, 50, 100),
    ("128x128x128", 128, 128, 128),
    ("MLP batch 200 dense1 fwd", 200, 784, 100),
    ("256x256x256", 256, 256, 256),
    ("100x784x256", 100, 784, 256),
    ("CNN conv1 fwd 39200x25x32", 39200, 25, 32),
    ("CNN dense 50x3136x1024", 50, 3136, 1024),
    ("CNN conv2 fwd 9800x800x64", 9800, 800, 64),
    ("CNN conv2 dX 9800x64x800", 9800, 64, 800),
    ("CNN conv2 dW 800x9800x64", 800, 9800, 64),
]


def time_gemm(a, b, threads, budget_s=0.4, repeat=5):
    blas.set_num_threads(threads)
    out = np.empty((a.shape[0], b.shape[1]), np.float32)
    np.matmul(a, b, out=out)
    t = time.perf_counter()
    np.matmul(a, b, out=out)
    one = max(time.perf_counter() - t, 1e-7)
    number = max(1, int(budget_s / repeat / one))
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        for _ in range(number):
            np.matmul(a, b, out=out)
        runs.append((time.perf_counter() - t) / number)
    runs.sort()
    return runs[0] * 1e6, runs[len(runs) // 2] * 1e6


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--busy", type=int, default=0, help="spinning processes to run beside the GEMMs")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if not blas.available():
        print("no BLAS thread control found: nothing to measure")
        return
    cores = blas.max_threads()
    busy = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.busy)]
    try:
        time.sleep(0.2 if busy else 0)
        print(f"library: {blas.library_path()}")
        print(f"cores: {cores}, busy processes: {args.busy}, load: {open('/proc/loadavg').read().split()[:3]}")
        print(f"{'GEMM':30s} {'MFLOP':>8s}  {'1 thread best/median us':>24s}  "
              f"{f'{cores} threads best/median us':>24s}  speed-up")
        rng = np.random.default_rng(0)
        for label, m, k, n in SHAPES:
            a = rng.random((m, k), dtype=np.float32)
            b = rng.random((k, n), dtype=np.float32)
            one = time_gemm(a, b, 1, repeat=args.repeat)
            many = time_gemm(a, b, cores, repeat=args.repeat)
            print(f"{label:30s} {2 * m * k * n / 1e6:8.1f}  {one[0]:11.1f} /{one[1]:11.1f}  "
                  f"{many[0]:11.1f} /{many[1]:11.1f}  {one[1] / many[1]:6.2f}x")
    finally:
        for p in busy:
            p.kill()
            p.wait()


if __name__ == "__main__":
    main()
