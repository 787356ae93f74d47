"""tf.debugging."""
from . import _api

globals().update(_api.collect("DEBUGGING"))
