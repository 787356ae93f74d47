"""The tf.train.Example protocol buffers (tensorflow/core/example/{feature,example}.proto).

Field numbers and names follow the .proto files, so the bytes are those TF writes:

    BytesList { repeated bytes value = 1; }
    FloatList { repeated float value = 1 [packed]; }
    Int64List { repeated int64 value = 1 [packed]; }
    Feature { oneof kind { BytesList bytes_list = 1; FloatList float_list = 2;
                           Int64List int64_list = 3; } }
    Features { map<string, Feature> feature = 1; }
    FeatureList { repeated Feature feature = 1; }
    FeatureLists { map<string, FeatureList> feature_list = 1; }
    Example { Features features = 1; }
    SequenceExample { Features context = 1; FeatureLists feature_lists = 2; }
"""
from .proto_message import DecodeError, Field, Message

__all__ = ["BytesList", "FloatList", "Int64List", "Feature", "Features", "FeatureList",
           "FeatureLists", "Example", "SequenceExample", "DecodeError"]


class BytesList(Message):
    __slots__ = ()
    FULL_NAME = "tensorflow.BytesList"
    FIELDS = (Field("value", 1, "bytes"),)


class FloatList(Message):
    __slots__ = ()
    FULL_NAME = "tensorflow.FloatList"
    FIELDS = (Field("value", 1, "float"),)


class Int64List(Message):
    __slots__ = ()
    FULL_NAME = "tensorflow.Int64List"
    FIELDS = (Field("value", 1, "int64"),)


class Feature(Message):
    __slots__ = ()
    FULL_NAME = "tensorflow.Feature"
    FIELDS = (Field("bytes_list", 1, "message", BytesList, oneof="kind"),
              Field("float_list", 2, "message", FloatList, oneof="kind"),
              Field("int64_list", 3, "message", Int64List, oneof="kind"))


class Features(Message):
    __slots__ = ()
    FULL_NAME = "tensorflow.Features"
    FIELDS = (Field("feature", 1, "map", Feature),)


class FeatureList(Message):
    __slots__ = ()
    FULL_NAME = "tensorflow.FeatureList"
    FIELDS = (Field("feature", 1, "repeated_message", Feature),)


class FeatureLists(Message):
    __slots__ = ()
    FULL_NAME = "tensorflow.FeatureLists"
    FIELDS = (Field("feature_list", 1, "map", FeatureList),)


class Example(Message):
    __slots__ = ()
    FULL_NAME = "tensorflow.Example"
    FIELDS = (Field("features", 1, "message", Features),)


class SequenceExample(Message):
    __slots__ = ()
    FULL_NAME = "tensorflow.SequenceExample"
    FIELDS = (Field("context", 1, "message", Features),
              Field("feature_lists", 2, "message", FeatureLists))
