"""keras.layers."""
from .input_layer import Input, InputLayer  # noqa: F401
from .input_spec import InputSpec  # noqa: F401
from .layer import Layer  # noqa: F401
from .core.dense import Dense  # noqa: F401
from .core.simple import Activation, Dropout, Flatten, Reshape, Softmax  # noqa: F401
