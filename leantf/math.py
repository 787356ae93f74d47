"""tf.math."""
from .ops.math_ops import *  # noqa: F401,F403
from .ops.reduction_ops import *  # noqa: F401,F403
from .ops.math_extra_ops import *  # noqa: F401,F403
from .ops.math_ops import bitwise_and, bitwise_or, bitwise_xor, conj, invert  # noqa: F401
from .ops.linalg_ops import matmul  # noqa: F401
from .ops.nn_ops import *  # noqa: F401,F403  (tf.math.softplus, tf.math.sigmoid ... live here too)
