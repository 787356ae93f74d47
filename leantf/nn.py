"""tf.nn."""
from .ops.nn_ops import *  # noqa: F401,F403
from .ops.conv_ops import *  # noqa: F401,F403
from .ops.math_ops import sigmoid, tanh  # noqa: F401
