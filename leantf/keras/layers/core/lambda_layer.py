"""Lambda: wraps a function as a layer.

Config: a named function is stored by name (resolved again through the registry); a
Python lambda is stored as marshalled bytecode, which ``from_config`` refuses to load in
safe mode (the default) because loading it would run code from the file.
"""
import inspect
import types

from ...saving import serialization as _ser
from ...utils import python_utils
from ..layer import Layer

__all__ = ["Lambda"]


class Lambda(Layer):
    def __init__(self, function, output_shape=None, mask=None, arguments=None, **kwargs):
        super().__init__(**kwargs)
        self.arguments = arguments or {}
        self.function = function
        self.supports_masking = mask is not None
        self.mask = mask
        self._output_shape = output_shape
        params = inspect.getfullargspec(function).args
        self._fn_expects_training_arg = "training" in params
        self._fn_expects_mask_arg = "mask" in params

    def call(self, inputs, mask=None, training=None):
        kwargs = dict(self.arguments)
        if self._fn_expects_mask_arg:
            kwargs["mask"] = mask
        if self._fn_expects_training_arg:
            kwargs["training"] = training
        return self.function(inputs, **kwargs)

    def compute_mask(self, inputs, mask=None):
        if callable(self.mask):
            return self.mask(inputs, mask)
        return self.mask

    def compute_output_shape(self, input_shape):
        if self._output_shape is None:
            return super().compute_output_shape(input_shape)
        if callable(self._output_shape):
            return self._output_shape(input_shape)
        batch = input_shape[0] if input_shape and not isinstance(input_shape[0], (list, tuple)) else None
        return (batch,) + tuple(self._output_shape)

    def get_config(self):
        config = {"function": self._serialize_function(self.function)}
        if self._output_shape is not None:
            config["output_shape"] = self._serialize_function(self._output_shape) \
                if callable(self._output_shape) else self._output_shape
        if self.mask is not None:
            config["mask"] = self._serialize_function(self.mask) if callable(self.mask) \
                else _ser.serialize_keras_object(self.mask)
        config["arguments"] = _ser.serialize_keras_object(self.arguments)
        return {**super().get_config(), **config}

    @staticmethod
    def _serialize_function(fn):
        if isinstance(fn, types.LambdaType) and fn.__name__ == "<lambda>":
            code, defaults, closure = python_utils.func_dump(fn)
            return {"class_name": "__lambda__", "config": {"code": code, "defaults": defaults, "closure": closure}}
        if callable(fn):
            return _ser.serialize_keras_object(fn)
        raise ValueError(f"Invalid input type for serialization. Received: {fn} of type {type(fn)}.")

    @staticmethod
    def _raise_for_lambda_deserialization(safe_mode):
        if safe_mode:
            raise ValueError("Requested the deserialization of a `Lambda` layer whose `function` is a Python lambda. "
                             "This carries a potential risk of arbitrary code execution and thus it is disallowed by "
                             "default. If you trust the source of the artifact, you can override this error by "
                             "passing `safe_mode=False` to the loading function, or calling "
                             "`keras.config.enable_unsafe_deserialization().")

    @classmethod
    def _load_function(cls, fn_config, safe_mode, custom_objects):
        if isinstance(fn_config, dict) and fn_config.get("class_name") == "__lambda__":
            # Checked before anything is decoded: in safe mode no bytes of the code are touched.
            cls._raise_for_lambda_deserialization(safe_mode)
            inner = fn_config["config"]
            return python_utils.func_load(inner["code"], defaults=inner["defaults"], closure=inner["closure"])
        return _ser.deserialize_keras_object(fn_config, custom_objects=custom_objects)

    @classmethod
    def from_config(cls, config, custom_objects=None, safe_mode=None):
        config = dict(config)
        effective = safe_mode if safe_mode is not None else _ser.in_safe_mode()
        safe_mode = effective is not False  # unset means safe
        config["function"] = cls._load_function(config["function"], safe_mode, custom_objects)
        if "output_shape" in config:
            fn_config = config["output_shape"]
            if isinstance(fn_config, dict) and fn_config.get("class_name") == "__lambda__":
                config["output_shape"] = cls._load_function(fn_config, safe_mode, custom_objects)
            else:
                shape = _ser.deserialize_keras_object(fn_config, custom_objects=custom_objects)
                if isinstance(shape, list) and all(isinstance(e, (int, type(None))) for e in shape):
                    shape = tuple(shape)
                config["output_shape"] = shape
        if "arguments" in config:
            config["arguments"] = _ser.deserialize_keras_object(config["arguments"], custom_objects=custom_objects)
        return cls(**config)
