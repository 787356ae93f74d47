"""Write the keras.datasets fixtures: tiny dataset files and what real Keras makes of them.

Run with real Keras 3.15 (never a leantf dependency):

    /path/to/tf-venv/bin/python tools/golden_datasets.py

It writes into tests/fixtures/datasets/:

- ``imdb_tiny.npz``, ``reuters_tiny.npz``: ragged object arrays of word indices laid out
  like Keras's imdb.npz (x_train, y_train, x_test, y_test) and reuters.npz (x, y), saved
  by ``np.savez`` (so the sequences are NumPy object-array pickles, as in the real files);
- ``boston_tiny.npz``, ``california_tiny.npz``: float64 x / y like the housing files
  (california has 650 rows so that ``version="small"`` takes its 600-row prefix);
- ``datasets_golden.json``: for each case (loader + keyword arguments) the arrays real
  Keras's ``load_data`` returned (for housing: which input row each output row is), or the
  error it raised.

Keras's loaders are run unchanged except that their ``get_file`` is replaced by one that
returns the tiny file, so the shuffles, index shifts, filters and splits are Keras's own.
tests/keras/datasets/test_text_and_housing.py runs the same cases on leantf.
"""
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "fixtures", "datasets")

CASES = [
    ("imdb", {}),
    ("imdb", {"num_words": 15}),
    ("imdb", {"num_words": 15, "skip_top": 5}),
    ("imdb", {"maxlen": 8}),
    ("imdb", {"start_char": None}),
    ("imdb", {"start_char": None, "index_from": 0}),
    ("imdb", {"oov_char": None, "num_words": 12}),
    ("imdb", {"seed": 7, "index_from": 2, "start_char": 9, "oov_char": 4, "num_words": 20, "skip_top": 3}),
    ("imdb", {"maxlen": 1}),
    ("reuters", {}),
    ("reuters", {"test_split": 0.3}),
    ("reuters", {"num_words": 10, "skip_top": 2}),
    ("reuters", {"maxlen": 6}),
    ("reuters", {"start_char": None, "index_from": 0}),
    ("reuters", {"oov_char": None, "num_words": 14, "seed": 1}),
    ("boston_housing", {}),
    ("boston_housing", {"test_split": 0.25, "seed": 3}),
    ("boston_housing", {"test_split": 1}),
    ("california_housing", {}),
    ("california_housing", {"version": "small"}),
    ("california_housing", {"version": "small", "test_split": 0.1, "seed": 5}),
    ("california_housing", {"version": "medium"}),
]

FILES = {"imdb": "imdb_tiny.npz", "reuters": "reuters_tiny.npz", "boston_housing": "boston_tiny.npz",
         "california_housing": "california_tiny.npz"}


def _ragged(rng, count, vocab):
    seqs = np.empty(count, dtype=object)
    for i in range(count):
        seqs[i] = [int(w) for w in rng.randint(1, vocab, size=rng.randint(1, 14))]
    return seqs


def write_inputs():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.RandomState(20260321)
    np.savez(os.path.join(OUT, FILES["imdb"]), x_train=_ragged(rng, 12, 40), y_train=rng.randint(0, 2, 12),
             x_test=_ragged(rng, 10, 40), y_test=rng.randint(0, 2, 10))
    np.savez(os.path.join(OUT, FILES["reuters"]), x=_ragged(rng, 20, 30), y=rng.randint(0, 46, 20))
    np.savez(os.path.join(OUT, FILES["boston_housing"]), x=rng.rand(30, 13) * 100, y=rng.rand(30) * 50)
    np.savez(os.path.join(OUT, FILES["california_housing"]), x=rng.rand(650, 8), y=rng.rand(650) * 5e5)


def describe(array):
    array = np.asarray(array)
    if array.dtype == object:
        # 1-D arrays hold lists; Keras's np.array(..., dtype="object") is 2-D of ints when
        # every sequence has the same length.
        items = [list(map(int, seq)) if isinstance(seq, list) else int(seq) for seq in array.reshape(-1)]
    else:
        items = array.reshape(-1).tolist()
    return {"dtype": str(array.dtype), "shape": list(array.shape), "flat": items}


def describe_rows(array, source):
    """Housing outputs as the row numbers they come from in the input file (its rows are
    distinct random floats), which is compact and says exactly what was shuffled where."""
    lookup = {row.tobytes(): i for i, row in enumerate(np.asarray(source).reshape(len(source), -1))}
    rows = [lookup[row.tobytes()] for row in np.asarray(array).reshape(len(array), -1)]
    return {"dtype": str(array.dtype), "shape": list(array.shape), "rows_of_input": rows}


def run_case(loader, kwargs):
    import importlib
    module = importlib.import_module(f"keras.src.datasets.{loader}")
    path = os.path.join(OUT, FILES[loader])
    module.get_file = lambda *args, **kw: path
    try:
        (x_train, y_train), (x_test, y_test) = module.load_data(**kwargs)
    except Exception as e:  # the error a user would see is part of the behaviour
        return {"error": type(e).__name__, "message": str(e)}
    if loader.endswith("housing"):
        with np.load(path) as f:
            x, y = f["x"], f["y"]
        return {"x_train": describe_rows(x_train, x), "y_train": describe_rows(y_train, y),
                "x_test": describe_rows(x_test, x), "y_test": describe_rows(y_test, y)}
    return {"x_train": describe(x_train), "y_train": describe(y_train), "x_test": describe(x_test),
            "y_test": describe(y_test)}


def main():
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    import keras
    write_inputs()
    cases = [{"loader": loader, "kwargs": kwargs, "expected": run_case(loader, kwargs)}
             for loader, kwargs in CASES]
    with open(os.path.join(OUT, "datasets_golden.json"), "w") as f:
        # One case per line: reviewable diffs without a 70 kB indented file.
        f.write(f'{{"keras_version": "{keras.__version__}", "numpy_version": "{np.__version__}", "cases": [\n')
        f.write(",\n".join(json.dumps(case) for case in cases))
        f.write("\n]}\n")
    print(f"wrote {len(cases)} cases to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
