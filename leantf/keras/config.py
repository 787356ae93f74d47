"""keras.config: process-wide Keras settings.

floatx / epsilon / image_data_format are plain module globals, as in Keras: they survive
``clear_session``. The safe-mode and interactive-logging flags are session state.
"""
import os

from .saving.serialization import enable_unsafe_deserialization  # noqa: F401
from .utils import global_state

__all__ = ["floatx", "set_floatx", "epsilon", "set_epsilon", "image_data_format", "set_image_data_format",
           "standardize_data_format", "backend", "enable_unsafe_deserialization",
           "enable_interactive_logging", "disable_interactive_logging", "is_interactive_logging_enabled",
           "enable_traceback_filtering", "disable_traceback_filtering", "is_traceback_filtering_enabled",
           "max_epochs", "set_max_epochs", "max_steps_per_epoch", "set_max_steps_per_epoch",
           "enable_flash_attention", "disable_flash_attention", "is_flash_attention_enabled", "is_nnx_enabled"]

_FLOATX = "float32"
_EPSILON = 1e-7
_IMAGE_DATA_FORMAT = "channels_last"
# Debugging caps for fit(), also settable from the environment as in Keras.
_MAX_EPOCHS = int(os.environ["KERAS_MAX_EPOCHS"]) if "KERAS_MAX_EPOCHS" in os.environ else None
_MAX_STEPS_PER_EPOCH = (int(os.environ["KERAS_MAX_STEPS_PER_EPOCH"])
                        if "KERAS_MAX_STEPS_PER_EPOCH" in os.environ else None)


def backend():
    """The name of the backend Keras runs on; leantf stands in for TensorFlow."""
    return "tensorflow"


def floatx():
    """The default float type, as a string (``'float32'``)."""
    return _FLOATX


def set_floatx(value):
    global _FLOATX
    accepted_dtypes = {"bfloat16", "float16", "float32", "float64"}
    if value not in accepted_dtypes:
        raise ValueError(f"Unknown `floatx` value: {value}. Expected one of {accepted_dtypes}")
    _FLOATX = str(value)


def epsilon():
    """The fuzz factor used in numeric expressions (``1e-07``)."""
    return _EPSILON


def set_epsilon(value):
    global _EPSILON
    _EPSILON = value


def image_data_format():
    """``'channels_last'`` or ``'channels_first'``."""
    return _IMAGE_DATA_FORMAT


def set_image_data_format(data_format):
    global _IMAGE_DATA_FORMAT
    _IMAGE_DATA_FORMAT = standardize_data_format(data_format)


def standardize_data_format(data_format):
    """``data_format`` checked and lower-cased; None means the global setting."""
    if data_format is None:
        return image_data_format()
    data_format = str(data_format).lower()
    if data_format not in {"channels_first", "channels_last"}:
        raise ValueError("The `data_format` argument must be one of {'channels_first', 'channels_last'}. "
                         f"Received: data_format={data_format}")
    return data_format


# -- interactive logging: the progress bar prints when enabled, else logs through absl ----
def enable_interactive_logging():
    global_state.set_global_attribute("interactive_logging", True)


def disable_interactive_logging():
    global_state.set_global_attribute("interactive_logging", False)


def is_interactive_logging_enabled():
    return global_state.get_global_attribute("interactive_logging", True)


# -- traceback filtering: a flag only; leantf shows whole tracebacks either way ----------
def enable_traceback_filtering():
    global_state.set_global_attribute("traceback_filtering", True)


def disable_traceback_filtering():
    global_state.set_global_attribute("traceback_filtering", False)


def is_traceback_filtering_enabled():
    return global_state.get_global_attribute("traceback_filtering", True)


# -- debugging caps read by fit() ---------------------------------------------------------
def max_epochs():
    return _MAX_EPOCHS


def set_max_epochs(max_epochs):
    global _MAX_EPOCHS
    _MAX_EPOCHS = max_epochs


def max_steps_per_epoch():
    return _MAX_STEPS_PER_EPOCH


def set_max_steps_per_epoch(max_steps_per_epoch):
    global _MAX_STEPS_PER_EPOCH
    _MAX_STEPS_PER_EPOCH = max_steps_per_epoch


# -- flash attention: no fused attention kernel here, the flag is only remembered --------
def enable_flash_attention():
    global_state.set_global_attribute("flash_attention", None)


def disable_flash_attention():
    global_state.set_global_attribute("flash_attention", False)


def is_flash_attention_enabled():
    return global_state.get_global_attribute("flash_attention", default=None)


def is_nnx_enabled():
    return False
