"""Activation layers: ReLU, LeakyReLU, ELU, PReLU."""
from .activations import ELU, LeakyReLU, PReLU, ReLU  # noqa: F401
