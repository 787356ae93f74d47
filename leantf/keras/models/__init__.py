"""keras.models."""
from ..saving.serialization import register_builtin as _register_builtin
from .functional import Functional  # noqa: F401
from .model import Model  # noqa: F401
from .sequential import Sequential  # noqa: F401

# The names Keras serializes models under (and that configs from Keras files resolve to):
# keras.Sequential / keras.Model first, as Keras's export lists have them; Functional by
# its source module with registered_name "Functional".
_register_builtin("keras", Sequential)
_register_builtin("keras.models", Sequential)
_register_builtin("keras", Model)
_register_builtin("keras.models", Model)
_register_builtin("keras.src.models.functional", Functional, public=False)
_register_builtin("keras.src.models.sequential", Sequential)
_register_builtin("keras.src.models.model", Model)


def __getattr__(name):
    # Loaded on first use so that `import leantf` does not pay for zipfile/json.
    if name in ("load_model", "save_model"):
        from ..saving import saving_api
        return getattr(saving_api, name)
    raise AttributeError(f"module 'leantf.keras.models' has no attribute '{name}'")
