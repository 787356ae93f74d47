"""Convolution layers."""
from .base_conv import Conv1D, Conv2D, Conv3D  # noqa: F401
from .conv_transpose import Conv1DTranspose, Conv2DTranspose, Conv3DTranspose  # noqa: F401
from .depthwise_conv import DepthwiseConv1D, DepthwiseConv2D, SeparableConv1D, SeparableConv2D  # noqa: F401
