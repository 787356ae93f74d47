"""tf.summary.experimental: the default step."""
from .writer import get_step, set_step  # noqa: F401
