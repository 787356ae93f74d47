"""tf.bitwise."""
from . import _api

globals().update(_api.collect("BITWISE"))
