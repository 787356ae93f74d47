"""Attention layers: MultiHeadAttention, Attention, AdditiveAttention."""
from .attention import AdditiveAttention, Attention  # noqa: F401
from .multi_head_attention import MultiHeadAttention  # noqa: F401
