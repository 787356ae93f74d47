"""tf.compat: only what the seed's Keras notes call (``tf.compat.v1.enable_eager_execution()``).

The graph-mode ``tf.compat.v1`` API (placeholders, Session) belongs to a later part of leantf;
this package is the seam it will fill in.
"""
from . import v1  # noqa: F401
