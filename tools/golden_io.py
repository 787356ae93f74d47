"""Golden data for tf.io / tf.train.Example, made by real TensorFlow 2.21.

    /work/tfenv/bin/python tools/golden_io.py            # writes tests/fixtures/io/
    /work/tfenv/bin/python tools/golden_io.py --check    # TF reads files leantf wrote

Examples are described as plain data (EXAMPLES) so the tests can rebuild them with
leantf and compare bytes, text format and parse results against what TF produced.
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import tensorflow as tf

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "io")

# name -> {key: [kind, values]}; bytes values are written as latin-1 strings.
EXAMPLES = {
    "ints": {"label": ["int64", [1, -1, 300, 2 ** 62, -(2 ** 63)]]},
    "floats": {"x": ["float", [0.1, 1.5, 3.0, 1e10, -0.0, 1e-7, 123456789.0, -2.5e-38, 65504.0]]},
    "bytes": {"raw": ["bytes", ["x", "\x00\xff\"'\\\n\t\r\x7f", "\u00c3\u00a9", ""]]},
    "empty_lists": {"e": ["bytes", []]},
    "image_like": {"image_raw": ["bytes", ["".join(chr(i % 256) for i in range(300))]],
                   },
    "many_floats": {"pixels": ["float", [i / 7.0 for i in range(200)]]},
}
# Several keys: TF's default map order is per-process random, so only the text format
# and the deterministic serialization are compared for these.
MULTI = {
    "mixed": {"height": ["int64", [28]], "width": ["int64", [28]], "depth": ["int64", [3]],
              "label": ["int64", [7]], "image_raw": ["bytes", ["abc"]], "score": ["float", [0.25, 2.0]]},
    "key_order": {k: ["int64", [i]] for i, k in enumerate(["m", "b", "zz", "a", "k", "c10", "c2", "B", "_x", "",
                                                            "c", "ca", "cb"])},
}


def feature(kind, values):
    if kind == "int64":
        return tf.train.Feature(int64_list=tf.train.Int64List(value=values))
    if kind == "float":
        return tf.train.Feature(float_list=tf.train.FloatList(value=values))
    return tf.train.Feature(bytes_list=tf.train.BytesList(value=[v.encode("latin-1") for v in values]))


def example(spec):
    return tf.train.Example(features=tf.train.Features(feature={k: feature(*kv) for k, kv in spec.items()}))


def error_text(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - we record whatever TF raises
        return [type(e).__name__, str(e)]
    return None


def sequence_example():
    return tf.train.SequenceExample(
        context=tf.train.Features(feature={"length": feature("int64", [2])}),
        feature_lists=tf.train.FeatureLists(feature_list={
            "tokens": tf.train.FeatureList(feature=[feature("bytes", ["hi"]), feature("bytes", ["there"])]),
            "weights": tf.train.FeatureList(feature=[feature("float", [0.5]), feature("float", [2.0])])}))


def parse_cases(serialized):
    p = tf.io.parse_single_example
    pe = tf.io.parse_example
    FLF, VLF, SEQ = tf.io.FixedLenFeature, tf.io.VarLenFeature, tf.io.FixedLenSequenceFeature
    cases = {
        "missing": lambda: p(serialized, {"nope": FLF([], tf.float32)}),
        "wrong_type_dense": lambda: p(serialized, {"height": FLF([1], tf.float32)}),
        "wrong_type_sparse": lambda: p(serialized, {"height": VLF(tf.string)}),
        "wrong_count": lambda: p(serialized, {"score": FLF([3], tf.float32)}),
        "batch_missing": lambda: pe([serialized, b""], {"height": FLF([], tf.int64)}),
        "batch_wrong_type": lambda: pe([serialized], {"height": FLF([], tf.float32)}),
        "batch_wrong_count": lambda: pe([serialized], {"score": FLF([3], tf.float32)}),
        "bad_dtype": lambda: p(serialized, {"height": FLF([], tf.int32)}),
        "no_features": lambda: p(serialized, {}),
        "not_scalar": lambda: p([serialized], {"height": FLF([], tf.int64)}),
        "seq_not_allowed": lambda: p(serialized, {"score": SEQ([], tf.float32)}),
        "default_wrong_size": lambda: p(serialized, {"nope": FLF([2], tf.float32, default_value=1.0)}),
        "garbage": lambda: p(b"garbage", {"height": FLF([], tf.int64)}),
    }
    return {name: error_text(fn) for name, fn in cases.items()}


def write_records(path, records, compression):
    with tf.io.TFRecordWriter(path, options=tf.io.TFRecordOptions(compression_type=compression)) as w:
        for r in records:
            w.write(r)


def tfrecord_errors(tmp):
    good = os.path.join(tmp, "good")
    write_records(good, [b"hello", b"world!!"], "")
    data = open(good, "rb").read()
    variants = {"truncated_footer": data[:-3], "truncated_data": data[:14], "partial_header": data[:25]}
    flipped = bytearray(data)
    flipped[13] ^= 1
    variants["bad_data_crc"] = bytes(flipped)
    flipped = bytearray(data)
    flipped[8] ^= 1
    variants["bad_length_crc"] = bytes(flipped)
    flipped = bytearray(data)
    flipped[21 + 14] ^= 1
    variants["bad_second_record"] = bytes(flipped)
    out = {}
    for name, blob in variants.items():
        path = os.path.join(tmp, name)
        with open(path, "wb") as f:
            f.write(blob)
        got = []
        try:
            for r in tf.compat.v1.io.tf_record_iterator(path):
                got.append(r.hex())
            out[name] = {"records": got, "error": None}
        except Exception as e:  # noqa: BLE001
            out[name] = {"records": got, "error": [type(e).__name__, str(e)], "file": blob.hex()}
        out[name]["file"] = blob.hex()
    return out


def generate():
    os.makedirs(OUT, exist_ok=True)
    golden = {"single": {}, "multi": {}, "tf_version": tf.__version__}
    for name, spec in EXAMPLES.items():
        ex = example(spec)
        golden["single"][name] = {"spec": spec, "serialized": ex.SerializeToString().hex(), "text": str(ex),
                                  "values": {k: [float(v) if kv[0] == "float" else v for v in
                                                 (ex.features.feature[k].float_list.value if kv[0] == "float"
                                                  else kv[1])] for k, kv in spec.items()}}
    for name, spec in MULTI.items():
        ex = example(spec)
        golden["multi"][name] = {"spec": spec, "text": str(ex),
                                 "deterministic": ex.SerializeToString(deterministic=True).hex()}
    seq = sequence_example()
    golden["sequence_example"] = {"serialized": seq.SerializeToString(deterministic=True).hex(), "text": str(seq)}
    mixed = example(MULTI["mixed"]).SerializeToString()
    golden["parse_errors"] = parse_cases(mixed)
    golden["mutations"] = {
        "append_through_map": (lambda e: (e.features.feature["q"].int64_list.value.append(5), e)[1])(
            tf.train.Example()).SerializeToString().hex(),
        "touch_map_entry": (lambda e: (e.features.feature["k"], e)[1])(tf.train.Example()).SerializeToString().hex(),
        "empty_features": tf.train.Example(features=tf.train.Features()).SerializeToString().hex(),
    }
    golden["value_errors"] = {
        "bytes_str": error_text(lambda: tf.train.BytesList(value=["abc"])),
        "int_float": error_text(lambda: tf.train.Int64List(value=[1.5])),
        "int_bool": error_text(lambda: tf.train.Int64List(value=[True])),
        "int_range": error_text(lambda: tf.train.Int64List(value=[2 ** 63])),
        "float_str": error_text(lambda: tf.train.FloatList(value=["a"])),
        "unknown_field": error_text(lambda: tf.train.Example(foo=1)),
        "assign_message": error_text(lambda: setattr(tf.train.Example(), "features", tf.train.Features())),
        "assign_repeated": error_text(lambda: setattr(tf.train.BytesList(), "value", [b"a"])),
        "decode": error_text(lambda: tf.train.Example.FromString(b"\x0a\x05abc")),
    }
    with tempfile.TemporaryDirectory() as tmp:
        golden["tfrecord_errors"] = tfrecord_errors(tmp)
    golden["record_order"] = list(EXAMPLES)  # json keys are sorted; files keep this order
    records = [example(spec).SerializeToString() for spec in EXAMPLES.values()]
    for compression, fname in [("", "examples.tfrecord"), ("GZIP", "examples.tfrecord.gz"),
                               ("ZLIB", "examples.tfrecord.zlib")]:
        write_records(os.path.join(OUT, fname), records, compression)
    # 3 MiB record (exercises the vectorised CRC path); a repeated 4 KiB random block keeps
    # the compressed fixture small.
    block = np.random.default_rng(0).integers(0, 256, size=4096, dtype=np.uint8)
    big = np.tile(block, 768).tobytes()
    write_records(os.path.join(OUT, "big_record.tfrecord.gz"), [big], "GZIP")
    with open(os.path.join(OUT, "io_golden.json"), "w") as f:
        json.dump(golden, f, indent=1, sort_keys=True)
        f.write("\n")


def check_leantf_files():
    """Write files with leantf (in a subprocess without TF) and read them back with TF."""
    with tempfile.TemporaryDirectory() as tmp:
        script = (
            "import sys, leantf as tf\n"
            "for ct in ['', 'GZIP', 'ZLIB']:\n"
            "    with tf.io.TFRecordWriter(f'{sys.argv[1]}/l{ct}', tf.io.TFRecordOptions(ct)) as w:\n"
            "        for i in range(3):\n"
            "            ex = tf.train.Example(features=tf.train.Features(feature={\n"
            "                'i': tf.train.Feature(int64_list=tf.train.Int64List(value=[i, -i])),\n"
            "                'b': tf.train.Feature(bytes_list=tf.train.BytesList(value=[bytes(range(i * 90))]))}))\n"
            "            w.write(ex.SerializeToString())\n")
        env = dict(os.environ, PYTHONPATH=ROOT)
        subprocess.run(["python3", "-c", script, tmp], check=True, env=env)
        for ct in ["", "GZIP", "ZLIB"]:
            ds = tf.data.TFRecordDataset(os.path.join(tmp, "l" + ct), compression_type=ct)
            for i, rec in enumerate(ds):
                parsed = tf.io.parse_single_example(rec, {"i": tf.io.FixedLenFeature([2], tf.int64),
                                                          "b": tf.io.FixedLenFeature([], tf.string)})
                assert parsed["i"].numpy().tolist() == [i, -i]
                assert parsed["b"].numpy() == bytes(range(i * 90))
            assert i == 2
            print(f"TF read leantf's {ct or 'uncompressed'} file: OK")


if __name__ == "__main__":
    if "--check" in sys.argv:
        check_leantf_files()
    else:
        generate()
