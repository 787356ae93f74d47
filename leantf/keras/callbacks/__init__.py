"""keras.callbacks."""
from .callback import Callback, CallbackList  # noqa: F401
from .history import History  # noqa: F401
from .monitoring import EarlyStopping, ReduceLROnPlateau  # noqa: F401
from .progbar_logger import ProgbarLogger  # noqa: F401
from .simple import CSVLogger, LambdaCallback, LearningRateScheduler, TerminateOnNaN  # noqa: F401
from .model_checkpoint import ModelCheckpoint  # noqa: F401
from .remote_monitor import RemoteMonitor  # noqa: F401
from .tensorboard import TensorBoard  # noqa: F401
