"""Merge layers: Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot,
and their functional forms (``keras.layers.add([a, b])`` ...).

Inputs of lower rank are given size-1 axes after the batch axis so they broadcast, as in
Keras. Masks riding on the inputs (``_keras_mask``) are honoured the way Keras does.
"""
import leantf as tf

from ...config import epsilon as backend_epsilon
from .._validation import shape_tuple
from ..layer import Layer

__all__ = ["Merge", "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate", "Dot", "add",
           "subtract", "multiply", "average", "maximum", "minimum", "concatenate", "dot", "batch_dot"]


def _shapes(input_shape):
    """The build shapes as Keras sees them: a list of tuples for a list of inputs, else one tuple."""
    if isinstance(input_shape, (list, tuple)) and input_shape and hasattr(input_shape[0], "as_list"):
        return [shape_tuple(s) for s in input_shape]
    if hasattr(input_shape, "as_list"):
        return shape_tuple(input_shape)
    return input_shape


def _mask_of(x):
    return getattr(x, "_keras_mask", None)


def _set_mask(x, mask):
    try:
        x._keras_mask = mask
    except AttributeError:  # a tensor type without room for it: the mask is dropped
        pass


class Merge(Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self._reshape_required = False

    def _merge_function(self, inputs):
        raise NotImplementedError

    def _apply_merge_op_and_or_mask(self, op_fn, inputs):
        """Fold ``op_fn`` over the inputs; a masked-out value takes the other operand's value."""
        output = output_mask = None
        for x in inputs:
            mask = _mask_of(x)
            if mask is not None:
                mask = tf.broadcast_to(tf.expand_dims(mask, -1), tf.shape(x))
            if output is None:
                output, output_mask = x, mask
                continue
            if mask is not None:
                x = tf.where(mask, x, output)
            if output_mask is not None:
                output = tf.where(output_mask, output, x)
            output_mask = tf.logical_or(output_mask, mask) if mask is not None and output_mask is not None \
                else None
            output = op_fn(output, x)
        if output_mask is not None:
            _set_mask(output, tf.reduce_any(output_mask, axis=-1, keepdims=False))
        return output

    @staticmethod
    def _elemwise_shape(shape1, shape2):
        if shape1 is None or shape2 is None:
            return None
        if len(shape1) < len(shape2):
            return Merge._elemwise_shape(shape2, shape1)
        if not shape2:
            return shape1
        out = list(shape1[:-len(shape2)])
        for i, j in zip(shape1[-len(shape2):], shape2):
            if i is None or j is None:
                out.append(None)
            elif i == 1:
                out.append(j)
            elif j == 1 or i == j:
                out.append(i)
            else:
                raise ValueError(f"Inputs have incompatible shapes. Received shapes {shape1} and {shape2}")
        return tuple(out)

    def build(self, input_shape):
        input_shape = _shapes(input_shape)
        if not isinstance(input_shape, list) or not isinstance(input_shape[0], (tuple, list)):
            raise ValueError("A merge layer should be called on a list of inputs. Received: "
                             f"input_shape={input_shape} (not a list of shapes)")
        if len(input_shape) < 1:
            raise ValueError("A merge layer should be called on a list of at least 1 input. Received "
                             f"{len(input_shape)} inputs. Full input_shape received: {input_shape}")
        batch_sizes = {s[0] for s in input_shape if s} - {None}
        if len(batch_sizes) > 1:
            raise ValueError(f"Cannot merge tensors with different batch sizes. Received tensors with shapes "
                             f"{input_shape}")
        output_shape = input_shape[0][1:]
        for shape in input_shape[1:]:
            output_shape = self._elemwise_shape(output_shape, shape[1:])
        self._reshape_required = len({len(s) for s in input_shape}) != 1

    def call(self, inputs):
        if not isinstance(inputs, (list, tuple)):
            raise ValueError(f"A merge layer should be called on a list of inputs. Received: inputs={inputs} (not a "
                             "list of tensors)")
        if self._reshape_required:
            # Lower-rank inputs get size-1 axes right after the batch axis, then broadcast.
            max_ndim = max(len(x.shape) for x in inputs)
            expanded = []
            for x in inputs:
                for _ in range(max_ndim - len(x.shape)):
                    x = tf.expand_dims(x, axis=1)
                expanded.append(x)
            inputs = expanded
        return self._merge_function(inputs)

    def compute_mask(self, inputs, mask=None):
        if mask is None:
            return None
        if not isinstance(mask, (tuple, list)):
            raise ValueError(f"`mask` should be a list. Received: mask={mask}")
        if not isinstance(inputs, (tuple, list)):
            raise ValueError(f"`inputs` should be a list. Received: inputs={inputs}")
        if len(mask) != len(inputs):
            raise ValueError(f"The lists `inputs` and `mask` should have the same length. Received: inputs={inputs} "
                             f"of length {len(inputs)}, and mask={mask} of length {len(mask)}")
        if any(m is None for m in mask):
            return None
        output_mask = mask[0]
        for m in mask[1:]:
            output_mask = tf.logical_or(output_mask, m)
        return output_mask


class Add(Merge):
    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = tf.add(output, x)
        return output


class Subtract(Merge):
    def build(self, input_shape):
        super().build(input_shape)
        if len(input_shape) != 2:
            raise ValueError(f"A `Subtract` layer should be called on exactly 2 inputs. Received: "
                             f"input_shape={_shapes(input_shape)}")

    def _merge_function(self, inputs):
        if len(inputs) != 2:
            raise ValueError(f"A `Subtract` layer should be called on exactly 2 inputs. Received: inputs={inputs}")
        return tf.subtract(inputs[0], inputs[1])


class Multiply(Merge):
    def _merge_function(self, inputs):
        masks = [_mask_of(x) for x in inputs]
        has_output_mask = all(m is not None for m in masks)
        output = output_mask = None
        for x, mask in zip(inputs, masks):
            if mask is not None:
                # A masked-out value acts as 1, the identity of the product.
                mask = tf.broadcast_to(tf.expand_dims(mask, -1), tf.shape(x))
                x = tf.where(mask, x, tf.ones_like(x))
                if has_output_mask:
                    output_mask = mask if output_mask is None else tf.logical_or(output_mask, mask)
            output = x if output is None else tf.multiply(output, x)
        if has_output_mask:
            output = tf.where(output_mask, output, tf.zeros_like(output))
            _set_mask(output, tf.reduce_any(output_mask, axis=-1, keepdims=False))
        return output


class Average(Merge):
    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = tf.add(output, x)
        return output / len(inputs)


class Maximum(Merge):
    def _merge_function(self, inputs):
        return self._apply_merge_op_and_or_mask(tf.maximum, inputs)


class Minimum(Merge):
    def _merge_function(self, inputs):
        return self._apply_merge_op_and_or_mask(tf.minimum, inputs)


class Concatenate(Merge):
    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis
        self.supports_masking = True
        self._reshape_required = False

    def build(self, input_shape):
        input_shape = _shapes(input_shape)
        if not isinstance(input_shape, list) or len(input_shape) < 1 or \
                not isinstance(input_shape[0], (tuple, list)):
            raise ValueError("A `Concatenate` layer should be called on a list of at least 1 input. Received: "
                             f"input_shape={input_shape}")
        # Every input must agree on every axis but the concatenation one (unknown sizes
        # agree with anything).
        reduced = set()
        for shape in input_shape:
            dims = list(shape)
            if len(dims) > self.axis:
                del dims[self.axis]
            reduced.add(tuple(dims))
        if len(reduced) != 1:
            err_msg = ("A `Concatenate` layer requires inputs with matching shapes except for the concatenation "
                       f"axis. Received: input_shape={input_shape}")
            ranks = {len(s) for s in reduced}
            if len(ranks) != 1:
                raise ValueError(err_msg)
            (rank,) = ranks
            for axis in range(rank):
                if len({s[axis] for s in reduced if s[axis] is not None}) > 1:
                    raise ValueError(err_msg)

    def _merge_function(self, inputs):
        return tf.concat(list(inputs), axis=self.axis)

    def compute_mask(self, inputs, mask=None):
        if mask is None:
            return None
        if not isinstance(mask, (tuple, list)):
            raise ValueError(f"`mask` should be a list. Received mask={mask}")
        if not isinstance(inputs, (tuple, list)):
            raise ValueError(f"`inputs` should be a list. Received: inputs={inputs}")
        if len(mask) != len(inputs):
            raise ValueError(f"The lists `inputs` and `mask` should have the same length. Received: inputs={inputs} "
                             f"of length {len(inputs)}, and mask={mask} of length {len(mask)}")
        if all(m is None for m in mask):
            return None
        masks = []
        for x, m in zip(inputs, mask):
            if m is None:
                masks.append(tf.ones_like(x, dtype="bool"))
            elif len(m.shape) < len(x.shape):
                masks.append(tf.logical_or(tf.expand_dims(m, axis=-1), tf.zeros_like(x, dtype="bool")))
            else:
                masks.append(m)
        return tf.reduce_any(tf.concat(masks, axis=self.axis), axis=-1, keepdims=False)

    def get_config(self):
        return {**super().get_config(), "axis": self.axis}


def _l2_normalize(x, axis):
    """Keras's ``normalize``: ``x * min(rsqrt(sum(x**2)), 1/epsilon)``."""
    inv_norm = tf.math.rsqrt(tf.reduce_sum(tf.square(x), axis=axis, keepdims=True))
    return x * tf.minimum(inv_norm, tf.cast(1.0 / backend_epsilon(), x.dtype))


def batch_dot(x, y, axes=None):
    """Keras's batchwise dot product of ``x`` and ``y`` along ``axes`` (one per input)."""
    x_shape, y_shape = shape_tuple(x.shape), shape_tuple(y.shape)
    x_ndim, y_ndim = len(x_shape), len(y_shape)
    if x_ndim < 2 or y_ndim < 2:
        raise ValueError(f"Cannot do batch_dot on inputs with rank < 2. Received inputs with shapes {x_shape} and "
                         f"{y_shape}.")
    if x_shape[0] is not None and y_shape[0] is not None and x_shape[0] != y_shape[0]:
        raise ValueError(f"Cannot do batch_dot on inputs with different batch sizes. Received inputs with shapes "
                         f"{x_shape} and {y_shape}.")
    if isinstance(axes, int):
        axes = [axes, axes]
    if axes is None:
        axes = [x_ndim - 1, y_ndim - 1] if y_ndim == 2 else [x_ndim - 1, y_ndim - 2]
    if any(isinstance(a, (list, tuple)) for a in axes):
        raise ValueError(f"Multiple target dimensions are not supported. Expected: None, int, (int, int), Provided: "
                         f"{axes} ")
    a0, a1 = [a + n if a < 0 else a for a, n in zip(axes, (x_ndim, y_ndim))]
    if 0 in (a0, a1):
        raise ValueError("Cannot perform batch_dot over axis 0. If your inputs are not batched, add a dummy batch "
                         "dimension to your inputs using keras.ops.expand_dims(x, 0)")
    d1, d2 = x_shape[a0], y_shape[a1]
    if d1 is not None and d2 is not None and d1 != d2:
        raise ValueError(f"Cannot do batch_dot on inputs with shapes {x_shape} and {y_shape} with axes={[a0, a1]}. "
                         f"x.shape[{a0}] != y.shape[{a1}] ({d1} != {d2}).")
    # Bring x's contracted axis last and y's to position 1, flatten the rest, one batched
    # matmul, then restore the free axes.
    x_free = [i for i in range(1, x_ndim) if i != a0]
    y_free = [i for i in range(1, y_ndim) if i != a1]
    xt = tf.transpose(x, [0] + x_free + [a0])
    yt = tf.transpose(y, [0, a1] + y_free)
    x_mid = [x_shape[i] for i in x_free]
    y_mid = [y_shape[i] for i in y_free]
    xt = tf.reshape(xt, [-1, _prod(x_mid), d1 if d1 is not None else d2])
    yt = tf.reshape(yt, [-1, d2 if d2 is not None else d1, _prod(y_mid)])
    result = tf.matmul(xt, yt)
    out = [-1] + x_mid + y_mid
    if len(out) == 1:  # both inputs were 2D: Keras returns (batch, 1)
        out = [-1, 1]
    return tf.reshape(result, out)


def _prod(dims):
    n = 1
    for d in dims:
        if d is None:
            raise ValueError("batch_dot needs the non-batch sizes of its inputs to be known.")
        n *= d
    return n


class Dot(Merge):
    def __init__(self, axes, normalize=False, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(axes, int):
            if not isinstance(axes, (list, tuple)):
                raise TypeError(f"Invalid type for argument `axes`: it should be a list or an int. Received: "
                                f"axes={axes}")
            if len(axes) != 2:
                raise ValueError(f"Invalid format for argument `axes`: it should contain two elements. Received: "
                                 f"axes={axes}")
            if not isinstance(axes[0], int) or not isinstance(axes[1], int):
                raise ValueError(f"Invalid format for argument `axes`: list elements should be integers. Received: "
                                 f"axes={axes}")
        self.axes = axes
        self.normalize = normalize
        self.supports_masking = True
        self._reshape_required = False

    def _resolved_axes(self, rank1, rank2):
        if isinstance(self.axes, int):
            return [self.axes % rank1, self.axes % rank2] if self.axes < 0 else [self.axes] * 2
        return [a % r if a < 0 else a for a, r in zip(self.axes, (rank1, rank2))]

    def build(self, input_shape):
        input_shape = _shapes(input_shape)
        if not isinstance(input_shape, list) or not isinstance(input_shape[0], (tuple, list)) or \
                len(input_shape) != 2:
            raise ValueError(f"A `Dot` layer should be called on a list of 2 inputs. Received: "
                             f"input_shape={input_shape}")
        shape1, shape2 = input_shape
        if isinstance(self.axes, int):
            axes = self._resolved_axes(len(shape1), len(shape2))
        else:
            axes = list(self.axes)  # Keras checks the axes as given here
        if shape1[axes[0]] != shape2[axes[1]]:
            raise ValueError(f"Incompatible input shapes: axis values {shape1[axes[0]]} (at axis {axes[0]}) != "
                             f"{shape2[axes[1]]} (at axis {axes[1]}). Full input shapes: {shape1}, {shape2}")

    def _merge_function(self, inputs):
        if len(inputs) != 2:
            raise ValueError(f"A `Dot` layer should be called on exactly 2 inputs. Received: inputs={inputs}")
        x1, x2 = inputs
        axes = self._resolved_axes(len(x1.shape), len(x2.shape))
        if self.normalize:
            x1 = _l2_normalize(x1, axes[0])
            x2 = _l2_normalize(x2, axes[1])
        return batch_dot(x1, x2, axes)

    def compute_mask(self, inputs, mask=None):
        return None

    def get_config(self):
        return {**super().get_config(), "axes": self.axes, "normalize": self.normalize}


def add(inputs, **kwargs):
    return Add(**kwargs)(inputs)


def subtract(inputs, **kwargs):
    return Subtract(**kwargs)(inputs)


def multiply(inputs, **kwargs):
    return Multiply(**kwargs)(inputs)


def average(inputs, **kwargs):
    return Average(**kwargs)(inputs)


def maximum(inputs, **kwargs):
    return Maximum(**kwargs)(inputs)


def minimum(inputs, **kwargs):
    return Minimum(**kwargs)(inputs)


def concatenate(inputs, axis=-1, **kwargs):
    return Concatenate(axis=axis, **kwargs)(inputs)


def dot(inputs, axes=-1, **kwargs):
    return Dot(axes=axes, **kwargs)(inputs)
