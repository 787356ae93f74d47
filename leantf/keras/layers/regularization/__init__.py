"""Regularization layers (noise and spatial dropout)."""
from .noise import GaussianNoise, SpatialDropout1D, SpatialDropout2D, SpatialDropout3D  # noqa: F401
