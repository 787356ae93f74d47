"""Record what real TensorFlow does for the tf.data cases in tests/data/golden_cases.py.

Run with TensorFlow installed (not a leantf dependency):
    /work/tfenv/bin/python tools/golden_data.py
Writes tests/fixtures/data_golden.json: per case the repr, element_spec, cardinality, len()
outcome and elements (dtype, shape, values), or the error class and message.
"""
import json
import os
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "data"))
from golden_cases import CASES  # noqa: E402


def leaf(v):
    a = np.asarray(v)
    if a.dtype == object or a.dtype.kind == "S":
        values = [b.decode("latin-1") for b in a.reshape(-1).tolist()]
        return {"dtype": "string", "shape": list(a.shape), "values": values}
    return {"dtype": a.dtype.name, "shape": list(a.shape), "values": a.reshape(-1).tolist()}


def describe_value(value, tf):
    return [leaf(x) for x in tf.nest.flatten(value)]


def describe(tf, build, max_elements=20):
    try:
        ds = build(tf)
        if not isinstance(ds, tf.data.Dataset):
            return {"value": describe_value(ds, tf)}
        out = {"repr": repr(ds), "spec": repr(ds.element_spec), "cardinality": int(ds.cardinality())}
        try:
            out["len"] = len(ds)
        except TypeError as e:
            out["len_error"] = str(e)
        elements = []
        for i, element in enumerate(ds.as_numpy_iterator()):
            if i == max_elements:
                break
            elements.append([leaf(x) for x in tf.nest.flatten(element)])
        out["elements"] = elements
        return out
    except Exception as e:  # noqa: BLE001 - the error is the recorded behaviour
        return {"error": type(e).__name__, "message": str(e).split("\nTraceback")[0]}


def main():
    import tensorflow as tf
    results = {name: describe(tf, build) for name, build in CASES.items()}
    path = os.path.join(ROOT, "tests", "fixtures", "data_golden.json")
    with open(path, "w") as f:
        json.dump(results, f, indent=1, sort_keys=True)
    print(f"wrote {len(results)} cases to {path}")


if __name__ == "__main__":
    main()
