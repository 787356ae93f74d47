"""Pooling layers."""
from .global_pooling import (GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalAveragePooling3D,  # noqa: F401
                             GlobalMaxPooling1D, GlobalMaxPooling2D, GlobalMaxPooling3D)
from .pooling import (AveragePooling1D, AveragePooling2D, AveragePooling3D, MaxPooling1D, MaxPooling2D,  # noqa: F401
                      MaxPooling3D)
