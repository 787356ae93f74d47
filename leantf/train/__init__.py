"""tf.train: the Example protocol buffers (checkpoint classes join this package later)."""
from .example_pb import (BytesList, Example, Feature, FeatureList, FeatureLists, Features,  # noqa: F401
                         FloatList, Int64List, SequenceExample)
