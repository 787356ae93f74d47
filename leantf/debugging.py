"""tf.debugging."""
from .ops.debugging_ops import *  # noqa: F401,F403
