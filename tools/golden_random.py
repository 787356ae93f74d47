"""Write tests/fixtures/random_golden.json: TensorFlow's own random numbers for a set of programs.

Run with real TensorFlow (never a leantf dependency):

    /path/to/tf-venv/bin/python tools/golden_random.py

Each case is a small program using ``tf`` that leaves its result in ``out`` (a tensor, a
variable or a list of them). The fixture stores the program with the exact values TF gave,
so tests/ops/test_random_ops.py can run the same program on leantf and compare bit for bit.
Every case starts from ``tf.random.set_seed(None)``, which clears TF's per-op random streams.
"""
import json
import os
import sys

import numpy as np
import tensorflow as tf

CASES = {
    # The three checks named in leantf's random-op brief.
    "stateless_uniform_seed_1_2": "out = tf.random.stateless_uniform([3], seed=[1, 2])",
    "generator_from_seed_normal": "g = tf.random.Generator.from_seed(1)\nout = [g.normal([3]), g.state]",
    "set_seed_then_uniform": "tf.random.set_seed(1)\nout = tf.random.uniform([3])",
    # Global seed + op seeds: op seeds drawn in order, shared streams per op and seed.
    "global_seed_sequence": """
tf.random.set_seed(1234)
out = [tf.random.uniform([2]), tf.random.uniform([2]), tf.random.normal([3]),
       tf.random.truncated_normal([3]), tf.random.uniform([2], seed=1), tf.random.uniform([2], seed=1),
       tf.random.uniform([5], maxval=10, dtype=tf.int32), tf.random.shuffle(tf.range(8)),
       tf.random.categorical([[0.5, 1.0, 2.0]], 6), tf.random.uniform([], dtype=tf.float64)]""",
    "set_seed_restarts_streams": """
tf.random.set_seed(7)
a = tf.random.uniform([3], seed=3)
tf.random.set_seed(7)
out = [a, tf.random.uniform([3], seed=3), tf.random.uniform([3], seed=3)]""",
    "op_seed_without_global_seed": """
out = [tf.random.uniform([3], seed=7), tf.random.uniform([3], seed=7), tf.random.uniform([2], seed=7),
       tf.random.normal([3], seed=7), tf.random.uniform([3], seed=7, dtype=tf.float64),
       tf.random.uniform(tf.constant([2], tf.int64), seed=7), tf.random.uniform([2], seed=-3),
       tf.random.uniform([2], seed=2**40)]""",
    "stateful_dtypes_and_ranges": """
tf.random.set_seed(3)
out = [tf.random.uniform([2, 3], dtype=tf.float16), tf.random.uniform([2, 3], dtype=tf.float64),
       tf.random.uniform([5], -3., 7.), tf.random.uniform([5], -3, 7, dtype=tf.int64),
       tf.random.uniform([3], maxval=2**40, dtype=tf.int64), tf.random.normal([5], 2., 3., dtype=tf.float64),
       tf.random.normal([7], dtype=tf.float16), tf.random.truncated_normal([9], 1., 0.5),
       tf.random.truncated_normal([5], dtype=tf.float64), tf.random.uniform([3], minval=[0., 1., 2.], maxval=5.),
       tf.random.uniform(())]""",
    "shuffle": """
tf.random.set_seed(3)
out = [tf.random.shuffle(tf.range(20)), tf.random.shuffle(tf.range(20), seed=4),
       tf.random.shuffle(tf.range(20), seed=4), tf.random.shuffle(tf.reshape(tf.range(24), (6, 4)), seed=4),
       tf.random.shuffle(tf.constant([[1, 2]]), seed=4), tf.random.shuffle([5.5], seed=4)]""",
    "categorical": """
tf.random.set_seed(5)
out = [tf.random.categorical(tf.math.log([[0.2, 0.3, 0.5], [0.9, 0.05, 0.05]]), 6),
       tf.random.categorical([[1., 2., 3.]], 7, seed=2), tf.random.categorical([[1., 2., 3.]], 7, seed=2),
       tf.random.categorical([[1., 2., 3.]], 1, seed=2, dtype=tf.int32),
       tf.random.categorical(tf.zeros([3, 4], tf.float64), 2, seed=9),
       tf.random.categorical(tf.zeros([3, 4], tf.float16), 2, seed=9),
       tf.random.categorical([[1., -float('inf'), float('nan')], [-float('inf'), -float('inf'), 0.]], 4, seed=1)]""",
    # Rows split into shards across TF's thread pool (the fixture records the pool size).
    "categorical_sharded": """
out = [tf.random.categorical(tf.math.sin(tf.reshape(tf.range(b * c, dtype=tf.float32), (b, c))), s, seed=1)
       for b, c, s in [(200, 10, 5), (1000, 10, 5), (16, 1000, 50), (2, 100000, 3)]]""",
    "stateless_normal_float32_many": "out = tf.random.stateless_normal([2000], seed=[11, 12])",
    "stateless_normal_other_dtypes": """
out = [tf.random.stateless_normal([301], seed=[3, 4], dtype=tf.float64),
       tf.random.stateless_normal([101], seed=[3, 4], dtype=tf.float16),
       tf.random.stateless_normal([2, 3], seed=[3, 4], mean=1., stddev=2.)]""",
    "stateless_truncated_normal": """
out = [tf.random.stateless_truncated_normal([1001], seed=[5, 6]),
       tf.random.stateless_truncated_normal([203], seed=[5, 6], dtype=tf.float64),
       tf.random.stateless_truncated_normal([37], seed=[5, 6], dtype=tf.float16),
       tf.random.stateless_truncated_normal([64, 32], seed=[1337, 0], stddev=0.05)]""",
    "stateless_uniform_dtypes": """
out = [tf.random.stateless_uniform([7], seed=[1, 2], dtype=tf.float64),
       tf.random.stateless_uniform([7], seed=[1, 2], dtype=tf.float16),
       tf.random.stateless_uniform([7], seed=[1, 2], minval=-5, maxval=1000, dtype=tf.int32),
       tf.random.stateless_uniform([7], seed=[1, 2], minval=-5, maxval=10**12, dtype=tf.int64),
       tf.random.stateless_uniform([7], seed=[1, 2], minval=None, maxval=None, dtype=tf.int32),
       tf.random.stateless_uniform([7], seed=[1, 2], minval=None, maxval=None, dtype=tf.uint32),
       tf.random.stateless_uniform([7], seed=[1, 2], minval=None, maxval=None, dtype=tf.int64),
       tf.random.stateless_uniform([7], seed=[1, 2], minval=None, maxval=None, dtype=tf.uint64),
       tf.random.stateless_uniform([3], seed=[-1, -2]),
       tf.random.stateless_uniform([3], seed=tf.constant([2**40, 5], tf.int64)),
       tf.random.stateless_uniform([3], seed=[1, 2], alg='philox'),
       tf.random.stateless_uniform([3], seed=[1, 2], minval=[0., 1., 2.], maxval=5.)]""",
    "stateless_categorical": """
out = [tf.random.stateless_categorical([[1., 2., 3.], [0., 0., 5.]], 8, seed=[7, 8]),
       tf.random.stateless_categorical([[1., 2.]], 3, seed=[7, 8], dtype=tf.int32)]""",
    "split_fold_in": """
out = [tf.random.split([1, 2], 3), tf.random.split(tf.constant([1, 2], tf.int64)),
       tf.random.fold_in([1, 2], 5), tf.random.experimental.stateless_split([3, 4]),
       tf.random.experimental.stateless_fold_in([3, 4], 7)]""",
    "generator_methods": """
g = tf.random.Generator.from_seed(42)
out = [g.normal([4]), g.uniform([3], 0, 10), g.uniform([3], 0, 10, dtype=tf.int64), g.truncated_normal([6]),
       g.state, g.uniform_full_int([2], tf.int32), g.uniform([2], dtype=tf.int64, minval=None, maxval=None),
       g.make_seeds(3), g.split(2)[1].normal([2]), g.state]
g.reset_from_seed(42)
out += [g.normal([4]), g.skip(10), g.state, g.normal([2], dtype=tf.float64),
        g.uniform([2], dtype=tf.float16)]""",
    "generator_states": """
out = [tf.random.Generator.from_seed(-5).state, tf.random.Generator.from_seed(2**70 + 3).state,
       tf.random.Generator.from_seed([1, 2]).state, tf.random.Generator.from_seed([1, 2, 3, 4]).state,
       tf.random.Generator.from_key_counter(5, [1, 2], 'philox').normal([3]),
       tf.random.Generator(state=[1, 2, 3], alg='philox').uniform([3]),
       tf.random.create_rng_state(7, 'philox'), tf.random.create_rng_state(7, 'threefry'),
       [s.state for s in tf.random.Generator.from_seed(1).split(2)][1]]""",
    "bfloat16": """
out = [tf.random.stateless_uniform([9], seed=[1, 2], dtype=tf.bfloat16),
       tf.random.stateless_normal([9], seed=[1, 2], dtype=tf.bfloat16),
       tf.random.stateless_truncated_normal([9], seed=[1, 2], dtype=tf.bfloat16),
       tf.random.categorical(tf.zeros([2, 3], tf.bfloat16), 3, seed=4)]""",
}


def _record(value):
    if isinstance(value, tf.Variable):
        value = value.read_value()
    arr = value.numpy()
    dtype = value.dtype.name
    flat = np.asarray(arr).reshape(-1)
    values = [int(v) for v in flat] if value.dtype.is_integer else [float(v) for v in flat.astype(np.float64)]
    return {"dtype": dtype, "shape": list(arr.shape), "values": values}


def main():
    cases = []
    for name, code in CASES.items():
        tf.random.set_seed(None)
        scope = {"tf": tf}
        exec(code.strip(), scope)
        out = scope["out"]
        outs = out if isinstance(out, list) else [out]
        cases.append({"name": name, "code": code.strip(), "results": [_record(o) for o in outs]})
    threads = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    fixture = {"tensorflow": tf.__version__, "intra_op_threads": threads, "platform": sys.platform,
               "cases": cases}
    path = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "random_golden.json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {os.path.normpath(path)}")


if __name__ == "__main__":
    main()
