"""The array backend. Kernels use NumPy today; a GPU backend would plug in here."""
import numpy as xp

__all__ = ["xp"]
