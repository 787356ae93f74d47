"""tf.linalg."""
from . import _api
from .ops.linalg_ops import matrix_transpose as transpose  # noqa: F401  (tf.linalg.transpose)

globals().update(_api.collect("LINALG"))
