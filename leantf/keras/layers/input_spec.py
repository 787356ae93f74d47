"""InputSpec and the input checks a layer runs before it is called (Keras 3.15 texts:
``Input 0 with name 'None' of layer 'conv2d' is incompatible with the layer: ...``)."""
from ...framework import dtypes, nest

__all__ = ["InputSpec", "assert_input_compatibility"]


class InputSpec:
    def __init__(self, dtype=None, shape=None, ndim=None, max_ndim=None, min_ndim=None, axes=None,
                 allow_last_axis_squeeze=False, name=None, optional=False):
        self.dtype = dtypes.as_dtype(getattr(dtype, "name", dtype)).name if dtype is not None else None
        self.shape = tuple(None if d is None else int(d) for d in shape) if shape is not None else None
        self.ndim = len(self.shape) if shape is not None else ndim
        self.max_ndim = max_ndim
        self.min_ndim = min_ndim
        self.name = name
        self.optional = optional
        self.allow_last_axis_squeeze = allow_last_axis_squeeze
        try:
            self.axes = {int(k): v for k, v in (axes or {}).items()}
        except (ValueError, TypeError):
            raise TypeError(f"Argument `axes` must be a dict with integer keys. Received: axes={axes}") from None
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
                "min_ndim": self.min_ndim, "axes": self.axes, "optional": self.optional}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def _shape_of(x):
    shape = x.shape
    try:
        return tuple(shape.as_list()) if hasattr(shape, "as_list") else tuple(shape)
    except ValueError:  # unknown rank
        return None


def assert_input_compatibility(input_spec, inputs, layer_name):
    """Raise Keras's ValueError when `inputs` do not meet the layer's InputSpec(s)."""
    if not input_spec:
        return
    specs = nest.flatten(input_spec)
    if isinstance(inputs, dict):
        # Named inputs are matched to the specs by name.
        names = [s.name for s in specs]
        if all(names):
            for n in names:
                if n not in inputs:
                    raise ValueError(f'Missing data for input "{n}". You passed a data dictionary with keys '
                                     f"{list(inputs.keys())}. Expected the following keys: {names}")
            inputs = [inputs[n] for n in names]
    flat = nest.flatten(inputs)
    if len(flat) != len(specs):
        names = [s.name for s in specs if s is not None]
        if len(names) == len(specs) and all(names):
            keys = ", ".join(f"'{n}': ..." for n in names)
            raise ValueError(f'Layer "{layer_name}" expects {len(specs)} named input(s) with keys {names}, but it '
                             f"received {len(flat)} input tensors. Pass inputs as a dict, e.g. `layer({{{keys}}})`.")
        raise ValueError(f'Layer "{layer_name}" expects {len(specs)} input(s), but it received {len(flat)} '
                         f"input tensors. Inputs received: {flat}")
    for index, (x, spec) in enumerate(zip(flat, specs)):
        if spec is None or (x is None and spec.optional):
            continue
        if not hasattr(x, "shape"):
            raise ValueError(f"Inputs to a layer should be tensors. Got '{x}' (of type {type(x)}) as input for "
                             f"layer '{layer_name}'.")
        shape = _shape_of(x)
        if shape is None:
            continue
        ndim = len(shape)
        head = f"Input {index} with name '{spec.name}' of layer '{layer_name}' is incompatible with the layer: "
        if spec.ndim is not None and not spec.allow_last_axis_squeeze and ndim != spec.ndim:
            raise ValueError(f"{head}expected ndim={spec.ndim}, found ndim={ndim}. Full shape received: {shape}")
        if spec.max_ndim is not None and ndim > spec.max_ndim:
            raise ValueError(f"{head}expected max_ndim={spec.max_ndim}, found ndim={ndim}")
        if spec.min_ndim is not None and ndim < spec.min_ndim:
            raise ValueError(f"{head}expected min_ndim={spec.min_ndim}, found ndim={ndim}. Full shape received: "
                             f"{shape}")
        if spec.dtype is not None:
            found = dtypes.as_dtype(x.dtype).name
            if found != spec.dtype:
                raise ValueError(f"{head}expected dtype={spec.dtype}, found dtype={found}")
        for axis, value in spec.axes.items():
            if value is not None and shape[axis] not in (value, None):
                raise ValueError(f"{head}expected axis {axis} of input shape to have value {value}, but received "
                                 f"input with shape {shape}")
        if spec.shape is not None:
            want, got = spec.shape, shape
            if spec.allow_last_axis_squeeze:
                # A trailing axis of size 1 may be present on one side only.
                if got and got[-1] == 1:
                    got = got[:-1]
                if want and want[-1] == 1:
                    want = want[:-1]
            for w, g in zip(want, got):
                if w is not None and g is not None and w != g:
                    raise ValueError(f"{head}expected shape={spec.shape}, found shape={got}")
