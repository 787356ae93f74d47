"""tf.random."""
from . import _api
from .ops.random_ops import experimental  # noqa: F401

globals().update(_api.collect("RANDOM"))
