"""Test helpers users can import: the numerical gradient checker."""
from .gradient_checker import GradCase, check_gradients, numerical_vjp  # noqa: F401
