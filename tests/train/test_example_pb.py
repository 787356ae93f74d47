import copy

import numpy as np
import pytest

import leantf as tf
from leantf.train.example_pb import DecodeError
from tests.io.io_golden import GOLDEN, build_example

SINGLE = GOLDEN["single"]
MULTI = GOLDEN["multi"]


@pytest.mark.parametrize("name", sorted(SINGLE))
def test_serialize_and_text_match_tf(name):
    ex = build_example(tf, SINGLE[name]["spec"])
    assert ex.SerializeToString().hex() == SINGLE[name]["serialized"]
    assert str(ex) == SINGLE[name]["text"]
    assert repr(ex) == SINGLE[name]["text"]


@pytest.mark.parametrize("name", sorted(SINGLE))
def test_parse_round_trip_and_float32_values(name):
    data = bytes.fromhex(SINGLE[name]["serialized"])
    ex = tf.train.Example.FromString(data)
    assert ex == build_example(tf, SINGLE[name]["spec"])
    assert ex.SerializeToString() == data
    for key, values in SINGLE[name]["values"].items():
        feature = ex.features.feature[key]
        kind = feature.WhichOneof("kind")
        got = list(getattr(feature, kind).value)
        if kind == "bytes_list":
            values = [v.encode("latin-1") for v in values]
        assert got == values


@pytest.mark.parametrize("name", sorted(MULTI))
def test_several_keys_use_tf_deterministic_order(name):
    ex = build_example(tf, MULTI[name]["spec"])
    assert str(ex) == MULTI[name]["text"]
    assert ex.SerializeToString().hex() == MULTI[name]["deterministic"]
    assert tf.train.Example.FromString(ex.SerializeToString()) == ex


def test_sequence_example():
    F = tf.train.Feature
    seq = tf.train.SequenceExample(
        context=tf.train.Features(feature={"length": F(int64_list=tf.train.Int64List(value=[2]))}),
        feature_lists=tf.train.FeatureLists(feature_list={
            "tokens": tf.train.FeatureList(feature=[F(bytes_list=tf.train.BytesList(value=[b"hi"])),
                                                    F(bytes_list=tf.train.BytesList(value=[b"there"]))]),
            "weights": tf.train.FeatureList(feature=[F(float_list=tf.train.FloatList(value=[0.5])),
                                                     F(float_list=tf.train.FloatList(value=[2.0]))])}))
    assert seq.SerializeToString().hex() == GOLDEN["sequence_example"]["serialized"]
    assert str(seq) == GOLDEN["sequence_example"]["text"]
    again = tf.train.SequenceExample()
    again.ParseFromString(seq.SerializeToString())
    assert again == seq and len(again.feature_lists.feature_list["tokens"].feature) == 2


def test_presence_follows_mutation_like_protobuf():
    m = GOLDEN["mutations"]
    ex = tf.train.Example()
    ex.features.feature["q"].int64_list.value.append(5)
    assert ex.SerializeToString().hex() == m["append_through_map"]
    touched = tf.train.Example()
    touched.features.feature["k"]  # reading a map key creates the entry
    assert touched.SerializeToString().hex() == m["touch_map_entry"]
    untouched = tf.train.Example()
    untouched.features.feature  # reading a sub-message does not make it present
    assert untouched.SerializeToString() == b"" and not untouched.HasField("features")
    assert tf.train.Example(features=tf.train.Features()).SerializeToString().hex() == m["empty_features"]


def test_oneof_switches_kind():
    feature = tf.train.Feature(bytes_list=tf.train.BytesList(value=[b"a"]))
    assert feature.WhichOneof("kind") == "bytes_list"
    feature.int64_list.value.append(1)
    assert feature.WhichOneof("kind") == "int64_list" and not feature.HasField("bytes_list")
    assert str(feature) == "int64_list {\n  value: 1\n}\n"


@pytest.mark.parametrize("case,build", [
    ("bytes_str", lambda: tf.train.BytesList(value=["abc"])),
    ("int_float", lambda: tf.train.Int64List(value=[1.5])),
    ("int_bool", lambda: tf.train.Int64List(value=[True])),
    ("int_range", lambda: tf.train.Int64List(value=[2 ** 63])),
    ("float_str", lambda: tf.train.FloatList(value=["a"])),
    ("unknown_field", lambda: tf.train.Example(foo=1)),
    ("assign_message", lambda: setattr(tf.train.Example(), "features", tf.train.Features())),
    ("assign_repeated", lambda: setattr(tf.train.BytesList(), "value", [b"a"])),
    ("decode", lambda: tf.train.Example.FromString(b"\x0a\x05abc")),
])
def test_bad_values_raise_protobuf_errors(case, build):
    cls_name, text = GOLDEN["value_errors"][case]
    with pytest.raises(Exception) as info:
        build()
    assert type(info.value).__name__ == cls_name
    assert str(info.value) == text


def test_numpy_values_and_copies():
    floats = tf.train.FloatList(value=np.array([0.1, 2.0], dtype=np.float64))
    assert list(floats.value) == [float(np.float32(0.1)), 2.0]
    ints = tf.train.Int64List(value=np.array([3, -4]))
    assert list(ints.value) == [3, -4]
    ex = tf.train.Example(features={"feature": {"a": {"int64_list": {"value": [1]}}}})
    clone = copy.deepcopy(ex)
    clone.features.feature["a"].int64_list.value.append(2)
    assert list(ex.features.feature["a"].int64_list.value) == [1] and clone != ex


def test_unpacked_repeated_fields_are_accepted():
    # Older writers emit one tag per value; parsers must accept both encodings.
    data = b"\x0d\x00\x00\x80\x3f\x0d\x00\x00\x00\x40"  # FloatList value: 1.0, 2.0 unpacked
    assert list(tf.train.FloatList.FromString(data).value) == [1.0, 2.0]
    assert list(tf.train.Int64List.FromString(b"\x08\x05\x08\x7f").value) == [5, 127]
    with pytest.raises(DecodeError):
        tf.train.Int64List.FromString(b"\x08")
