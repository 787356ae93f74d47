"""keras.callbacks."""
from .callback import Callback, CallbackList  # noqa: F401
from .history import History  # noqa: F401
from .progbar_logger import ProgbarLogger  # noqa: F401
