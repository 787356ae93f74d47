"""InputSpec and the input checks a layer runs before it is called (Keras 3 texts)."""
from ...framework import nest

__all__ = ["InputSpec", "assert_input_compatibility"]


class InputSpec:
    def __init__(self, dtype=None, shape=None, ndim=None, max_ndim=None, min_ndim=None, axes=None,
                 allow_last_axis_squeeze=False, name=None, optional=False):
        self.dtype = dtype
        self.shape = tuple(shape) if shape is not None else None
        self.ndim = len(shape) if shape is not None else ndim
        self.max_ndim = max_ndim
        self.min_ndim = min_ndim
        self.name = name
        self.optional = optional
        self.allow_last_axis_squeeze = allow_last_axis_squeeze
        axes = axes or {}
        self.axes = {int(k): v for k, v in axes.items()}
        if self.axes and (self.ndim is not None or self.max_ndim is not None):
            max_dim = (self.ndim if self.ndim is not None else self.max_ndim) - 1
            if max(self.axes) > max_dim:
                raise ValueError(f"Axis {max(self.axes)} is greater than the maximum allowed value: {max_dim}")

    def __repr__(self):
        spec = [f"dtype={self.dtype}" if self.dtype else "", f"shape={self.shape}" if self.shape else "",
                f"ndim={self.ndim}" if self.ndim else "", f"max_ndim={self.max_ndim}" if self.max_ndim else "",
                f"min_ndim={self.min_ndim}" if self.min_ndim else "", f"axes={self.axes}" if self.axes else ""]
        return f"InputSpec({', '.join(x for x in spec if x)})"

    def get_config(self):
        return {"dtype": self.dtype, "shape": self.shape, "ndim": self.ndim, "max_ndim": self.max_ndim,
                "min_ndim": self.min_ndim, "axes": self.axes}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def _shape_of(x):
    shape = getattr(x, "shape", None)
    if shape is None:
        return None
    try:
        return tuple(shape.as_list()) if hasattr(shape, "as_list") else tuple(shape)
    except ValueError:
        return None


def assert_input_compatibility(input_spec, inputs, layer_name):
    if not input_spec:
        return
    specs = nest.flatten(input_spec)
    flat = nest.flatten(inputs)
    if len(flat) != len(specs):
        raise ValueError(f'Layer "{layer_name}" expects {len(specs)} input(s), but it received {len(flat)} '
                         f"input tensors. Inputs received: {inputs}")
    for index, (x, spec) in enumerate(zip(flat, specs)):
        if spec is None:
            continue
        shape = _shape_of(x)
        if shape is None:
            continue
        ndim = len(shape)
        if spec.ndim is not None and not spec.allow_last_axis_squeeze and ndim != spec.ndim:
            raise ValueError(f'Input {index} of layer "{layer_name}" is incompatible with the layer: '
                             f"expected ndim={spec.ndim}, found ndim={ndim}. Full shape received: {shape}")
        if spec.max_ndim is not None and ndim > spec.max_ndim:
            raise ValueError(f'Input {index} of layer "{layer_name}" is incompatible with the layer: '
                             f"expected max_ndim={spec.max_ndim}, found ndim={ndim}")
        if spec.min_ndim is not None and ndim < spec.min_ndim:
            raise ValueError(f'Input {index} of layer "{layer_name}" is incompatible with the layer: '
                             f"expected min_ndim={spec.min_ndim}, found ndim={ndim}. Full shape received: "
                             f"{shape}")
        for axis, value in spec.axes.items():
            if value is None:
                continue
            if axis >= ndim or axis < -ndim or shape[axis] not in (value, None):
                raise ValueError(f"Input {index} with name '{spec.name}' of layer '{layer_name}' is incompatible "
                                 f"with the layer: expected axis {axis} of input shape to have value {value}, "
                                 f"but received input with shape {shape}")
        if spec.shape is not None:
            for want, got in zip(spec.shape, shape):
                if want is not None and got is not None and want != got:
                    raise ValueError(f'Input {index} of layer "{layer_name}" is incompatible with the layer: '
                                     f"expected shape={spec.shape}, found shape={shape}")
