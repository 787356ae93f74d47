"""tf.math."""
from . import _api

globals().update(_api.collect("MATH"))
