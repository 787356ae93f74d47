"""Keras preprocessing layers: Rescaling and Normalization."""
from .normalization import Normalization  # noqa: F401
from .rescaling import Rescaling  # noqa: F401
