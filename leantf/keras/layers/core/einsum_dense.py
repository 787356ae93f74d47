"""EinsumDense: a dense layer whose product is any two-operand einsum with a kernel.

``EinsumDense("abc,cde->abde", output_shape=(None, 4, 8), bias_axes="de")`` maps a
``(batch, seq, c)`` input to ``(batch, seq, 4, 8)``. The kernel's shape is read off the
equation: each kernel letter takes its size from the output (if the letter is there) or
else from the input. MultiHeadAttention's projections are such layers.
"""
import re

from .... import ops  # noqa: F401  (registers primitives)
from ....ops.linalg_ops import einsum
from ....ops.math_ops import add
from ... import activations, constraints, initializers, regularizers
from ..input_spec import InputSpec
from ..layer import Layer

__all__ = ["EinsumDense", "analyze_einsum_equation"]

# The three spellings Keras accepts: no ellipsis, a leading one, or a trailing one (which
# needs at least two explicit input letters). Keras matches from the start of the string only.
_PLAIN = re.compile(r"([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)")
_LEADING = re.compile(r"\.\.\.([a-zA-Z]+),([a-zA-Z]+)->\.\.\.([a-zA-Z]+)")
_TRAILING = re.compile(r"([a-zA-Z]{2,})\.\.\.,([a-zA-Z]+)->([a-zA-Z]+)\.\.\.")


def analyze_einsum_equation(equation, bias_axes, input_shape, output_shape):
    """``(kernel_shape, bias_shape, full_output_shape, input_axes, output_axes)`` for an
    EinsumDense. ``output_shape`` leaves out the batch axis and the ellipsis axes;
    ``input_axes``/``output_axes`` are the kernel axes that count as fan-in / fan-out."""
    input_shape = list(input_shape)
    for pattern, leading in ((_PLAIN, False), (_LEADING, True), (_TRAILING, False)):
        match = pattern.match(equation)
        if match:
            break
    else:
        raise ValueError(f"Invalid einsum equation '{equation}'. Equations must be in the form "
                         "[X],[Y]->[Z], ...[X],[Y]->...[Z], or [X]...,[Y]->[Z]....")
    in_letters, kernel_letters, out_letters = match.groups()
    n_elided = len(input_shape) - len(in_letters)

    full = [output_shape] if isinstance(output_shape, int) else list(output_shape)
    full.insert(0, input_shape[0])
    if n_elided > 0 and leading:
        # Axes hidden by a leading ellipsis (after the batch axis) come straight across.
        full[1:1] = input_shape[1:n_elided]
    elif n_elided > 0:
        full.extend(input_shape[len(input_shape) - n_elided:])

    if leading:
        # Letters after a leading ellipsis are counted from the end of the input, and from
        # after the copied axes in the output.
        in_pos = {c: i + n_elided - len(input_shape) for i, c in enumerate(in_letters)}
        out_pos = {c: i + n_elided for i, c in enumerate(out_letters)}
    else:
        in_pos = {c: i for i, c in enumerate(in_letters)}
        out_pos = {c: i for i, c in enumerate(out_letters)}

    for c in in_letters:
        if c in out_pos:
            want, have = full[out_pos[c]], input_shape[in_pos[c]]
            if want is not None and want != have:
                raise ValueError(f"Input shape and output shape do not match at shared dimension '{c}'. "
                                 f"Input shape is {have}, and output shape is {want}.")
    for c in out_letters:
        if c not in in_letters and c not in kernel_letters:
            raise ValueError(f"Dimension '{c}' was specified in the output '{out_letters}' but has no "
                             f"corresponding dim in the input spec '{in_letters}' or weight spec "
                             f"'{out_letters}'")

    kernel_shape, input_axes, output_axes = [], [], []
    for i, c in enumerate(kernel_letters):
        if c in out_pos:
            kernel_shape.append(full[out_pos[c]])
            output_axes.append(i)
        elif c in in_pos:
            kernel_shape.append(input_shape[in_pos[c]])
            input_axes.append(i)
        else:
            raise ValueError(f"Weight dimension '{c}' did not have a match in either the input spec "
                             f"'{in_letters}' or the output spec '{out_letters}'. For this layer, the weight "
                             "must be fully specified.")

    bias_shape = None
    if bias_axes is not None:
        offset = n_elided if leading else 0
        size_of = {c: full[i + offset] for i, c in enumerate(out_letters)}
        for c in bias_axes:
            if c not in out_letters:
                raise ValueError(f"Bias dimension '{c}' was requested, but is not part of the output spec "
                                 f"'{out_letters}'")
        # The bias spans from its first output letter to the end, with 1 on the axes it
        # does not cover, so that it broadcasts against the output.
        first = min(out_letters.find(c) for c in bias_axes)
        bias_shape = [size_of[c] if c in bias_axes else 1 for c in out_letters[first:]]
        if not leading:
            bias_shape.extend([1] * max(n_elided, 0))
    return kernel_shape, bias_shape, full, input_axes, output_axes


class EinsumDense(Layer):
    def __init__(self, equation, output_shape, activation=None, bias_axes=None, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None, kernel_constraint=None,
                 bias_constraint=None, lora_rank=None, lora_alpha=None, gptq_unpacked_column_size=None,
                 quantization_config=None, **kwargs):
        super().__init__(**kwargs)
        if lora_rank:
            raise NotImplementedError("leantf's EinsumDense does not implement LoRA (`lora_rank`).")
        if quantization_config is not None:
            raise NotImplementedError("leantf's EinsumDense does not implement quantization.")
        self.equation = equation
        self.partial_output_shape = (output_shape,) if isinstance(output_shape, int) else tuple(output_shape)
        self.bias_axes = bias_axes
        self.activation = activations.get(activation)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.lora_rank = None
        self.lora_alpha = None
        self.lora_enabled = False
        self.quantization_config = None

    def _fan_aware_initializer(self, input_axes, output_axes):
        # A variance-scaling initializer must count fans over the kernel's input and output
        # axes (a (dim, heads, head_size) kernel is not (receptive field, in, out)). Keras
        # passes a copy that keeps the drawn seed, so the values stay those of the original.
        init = self.kernel_initializer
        if isinstance(init, initializers.VarianceScaling) and (init.input_axes is None or init.output_axes is None):
            config = dict(init.get_config(), seed=init.seed, input_axes=input_axes, output_axes=output_axes)
            return type(init).from_config(config)
        return init

    def build(self, input_shape):
        kernel_shape, bias_shape, _, input_axes, output_axes = analyze_einsum_equation(
            self.equation, self.bias_axes, list(input_shape), self.partial_output_shape)
        self.input_spec = InputSpec(ndim=len(input_shape))
        self.kernel = self.add_weight(name="kernel", shape=tuple(kernel_shape),
                                      initializer=self._fan_aware_initializer(input_axes, output_axes),
                                      regularizer=self.kernel_regularizer, constraint=self.kernel_constraint)
        self.bias = self.add_weight(name="bias", shape=tuple(bias_shape), initializer=self.bias_initializer,
                                    regularizer=self.bias_regularizer, constraint=self.bias_constraint) \
            if bias_shape is not None else None
        self.built = True

    def compute_output_shape(self, input_shape):
        return tuple(analyze_einsum_equation(self.equation, self.bias_axes, list(input_shape),
                                             self.partial_output_shape)[2])

    def call(self, inputs, training=None):
        x = einsum(self.equation, inputs, self.kernel)
        if self.bias is not None:
            x = add(x, self.bias)
        if self.activation is not None:
            x = self.activation(x)
        return x

    def get_config(self):
        config = super().get_config()
        config.update({
            "output_shape": self.partial_output_shape, "equation": self.equation,
            "activation": activations.serialize(self.activation), "bias_axes": self.bias_axes,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
            "quantization_config": None,
        })
        return config
