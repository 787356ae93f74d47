"""tf.nn."""
from . import _api

globals().update(_api.collect("NN"))
