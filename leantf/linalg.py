"""tf.linalg."""
from .ops.linalg_ops import *  # noqa: F401,F403
