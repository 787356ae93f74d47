"""Reshaping layers."""
from .reshaping import (Cropping1D, Cropping2D, Permute, RepeatVector, UpSampling1D, UpSampling2D,  # noqa: F401
                        ZeroPadding1D, ZeroPadding2D)
