"""keras.utils.

Names load from their submodule on first use. Submodules listed in ``_FROM`` but not written
yet (``get_file``, ``pad_sequences`` ...) belong to other parts of leantf.keras; their authors
only need to create the module named here. Until then the name reads as missing
(AttributeError), so ``hasattr`` works.
"""
import importlib

# name -> module under leantf.keras that defines it
_FROM = {
    "to_categorical": "utils.numerical_utils", "normalize": "utils.numerical_utils",
    "set_random_seed": "utils.rng_utils",
    # the object registry lives with saving, as in Keras
    "get_custom_objects": "saving.object_registration", "register_keras_serializable":
        "saving.object_registration", "custom_object_scope": "saving.object_registration",
    "CustomObjectScope": "saving.object_registration", "get_registered_name": "saving.object_registration",
    "get_registered_object": "saving.object_registration",
    "serialize_keras_object": "saving.serialization", "deserialize_keras_object": "saving.serialization",
    "clear_session": "backend", "standardize_dtype": "backend", "is_keras_tensor": "backend",
    "enable_interactive_logging": "config", "disable_interactive_logging": "config",
    "is_interactive_logging_enabled": "config",
    # written elsewhere in leantf.keras
    "Progbar": "utils.progbar", "get_file": "utils.file_utils", "pad_sequences": "utils.sequence_utils",
    "PyDataset": "utils.py_dataset", "Sequence": "utils.py_dataset", "plot_model": "utils.model_visualization",
    "model_to_dot": "utils.model_visualization", "timeseries_dataset_from_array": "utils.timeseries_dataset_utils",
    "image_dataset_from_directory": "utils.image_dataset_utils",
    "text_dataset_from_directory": "utils.text_dataset_utils",
    "split_dataset": "utils.dataset_utils", "array_to_img": "utils.image_utils", "img_to_array": "utils.image_utils",
    "load_img": "utils.image_utils", "save_img": "utils.image_utils", "get_source_inputs": "utils.summary_utils",
    "pack_x_y_sample_weight": "utils.data_utils", "unpack_x_y_sample_weight": "utils.data_utils",
}


def __getattr__(name):
    if name in _FROM:
        module = f"leantf.keras.{_FROM[name]}"
        try:
            return getattr(importlib.import_module(module), name)
        except ModuleNotFoundError as e:
            if e.name != module:
                raise
    raise AttributeError(f"module 'leantf.keras.utils' has no attribute '{name}'")


def __dir__():
    return sorted(set(globals()) | set(_FROM))
