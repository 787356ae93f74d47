"""Shared access to tests/fixtures/io (made by tools/golden_io.py with real TF 2.21)."""
import json
import os

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(__file__)), "fixtures", "io")

with open(os.path.join(FIXTURES, "io_golden.json")) as _f:
    GOLDEN = json.load(_f)


def fixture(name):
    return os.path.join(FIXTURES, name)


def build_example(tf, spec):
    """A tf.train.Example from the fixture's plain-data description."""
    features = {}
    for key, (kind, values) in spec.items():
        if kind == "int64":
            features[key] = tf.train.Feature(int64_list=tf.train.Int64List(value=values))
        elif kind == "float":
            features[key] = tf.train.Feature(float_list=tf.train.FloatList(value=values))
        else:
            features[key] = tf.train.Feature(
                bytes_list=tf.train.BytesList(value=[v.encode("latin-1") for v in values]))
    return tf.train.Example(features=tf.train.Features(feature=features))
