"""MultiHeadAttention (Keras 3.15): project query/key/value per head with EinsumDense
sublayers, scaled dot product, masked softmax over the attention axes, mix the values,
project back with a fourth EinsumDense.

Masks combine, as in Keras: the query's Keras mask (B, T, 1), the value's and key's (B, 1, S),
the causal mask (1, T, S) and an explicit ``attention_mask`` are ANDed together.

Keras computes the probabilities two ways and the difference shows on rows where every key
is masked: with ``return_attention_scores``, dropout, or more than one sequence axis it uses
its Softmax layer (masked logits get -1e9, masked probabilities are zeroed afterwards, so a
fully masked row gives zeros); otherwise it uses ``dot_product_attention`` (masked logits get
-0.7 * float32 max, nothing is zeroed, so a fully masked row averages all values). Both are
kept here so the outputs agree with Keras row for row.
"""
import math
import string

import leantf as tf

from ... import constraints, initializers, regularizers
from ..core.einsum_dense import EinsumDense
from ..layer import Layer, get_keras_mask, set_keras_mask

__all__ = ["MultiHeadAttention"]

_SOFTMAX_MASK_VALUE = -1e9                      # Keras's Softmax layer (float32)
_FUSED_MASK_VALUE = 3.38953e38 * -0.7           # Keras's TF dot_product_attention (float32)


def _projection_equation(free_dims, bound_dims, output_dims):
    """``(equation, bias_axes, output_rank)`` of a projection that keeps ``free_dims`` axes,
    contracts ``bound_dims`` and adds ``output_dims`` new ones, e.g. ``abc,cde->abde``."""
    letters = string.ascii_lowercase
    free = letters[:free_dims]
    bound = letters[free_dims:free_dims + bound_dims]
    new = letters[free_dims + bound_dims:free_dims + bound_dims + output_dims]
    return f"{free}{bound},{bound}{new}->{free}{new}", new, free_dims + output_dims


def _partial_shape(output_rank, last_dims):
    return [None] * (output_rank - len(last_dims)) + list(last_dims)


def _attention_equations(rank, attention_axes):
    """Einsum equations for the scores (key, query -> scores) and for mixing the values
    (scores, value -> output) over projected tensors of rank ``rank``, whose last two axes
    are (heads, channels). Non-attention axes and the head axis are batch-like."""
    letters = string.ascii_lowercase
    target = letters[:rank]
    batch_axes = [i for i in range(rank) if i not in attention_axes and i != rank - 1]
    source, fresh = "", rank
    for i in range(rank):
        if i in batch_axes or i == rank - 1:
            source += target[i]
        else:  # an attention axis of the key/value side gets its own letter
            source += letters[fresh]
            fresh += 1
    scores = ("".join(target[i] for i in batch_axes) + "".join(target[i] for i in attention_axes)
              + "".join(source[i] for i in attention_axes))
    return f"{source},{target}->{scores}", f"{scores},{source}->{target}", len(scores)


def _check_positive_int(value, name, allow_none=False):
    if allow_none and value is None:
        return
    if not isinstance(value, int) or value <= 0:
        expected = "a positive integer or `None`" if allow_none else "a positive integer"
        raise ValueError(f"Received an invalid value for argument `{name}`, expected {expected}. "
                         f"Received: {name}={value}")


class MultiHeadAttention(Layer):
    def __init__(self, num_heads, key_dim, value_dim=None, dropout=0.0, use_bias=True, output_shape=None,
                 attention_axes=None, sliding_window=None, flash_attention=None, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, use_gate=False, seed=None, **kwargs):
        _check_positive_int(num_heads, "num_heads")
        _check_positive_int(key_dim, "key_dim")
        _check_positive_int(value_dim, "value_dim", allow_none=True)
        super().__init__(**kwargs)
        self.supports_masking = True
        self._num_heads = num_heads
        self._key_dim = key_dim
        self._value_dim = value_dim if value_dim else key_dim
        self._dropout = dropout
        self._use_bias = use_bias
        self._use_gate = use_gate
        if output_shape:
            if isinstance(output_shape, int):
                output_shape = (output_shape,)
            try:
                output_shape = tuple(output_shape)
            except TypeError:
                raise ValueError(f"Invalid `output_shape`: {output_shape}. When specified, the `output_shape` "
                                 "should be of type tuple, list, or int.") from None
        self._output_shape = output_shape
        if flash_attention:
            # Keras's TensorFlow backend has no flash attention either.
            raise ValueError("Flash attention is not supported in tensorflow backend.")
        self._kernel_initializer = initializers.get(kernel_initializer)
        self._bias_initializer = initializers.get(bias_initializer)
        self._kernel_regularizer = regularizers.get(kernel_regularizer)
        self._bias_regularizer = regularizers.get(bias_regularizer)
        self._activity_regularizer = regularizers.get(activity_regularizer)
        self._kernel_constraint = constraints.get(kernel_constraint)
        self._bias_constraint = constraints.get(bias_constraint)
        if isinstance(attention_axes, int):
            attention_axes = (attention_axes,)
        elif attention_axes and not isinstance(attention_axes, (list, tuple)):
            raise ValueError(f"`attention_axes` must be an int, list, or tuple.Received: "
                             f"attention_axes={attention_axes}")
        self._attention_axes = attention_axes
        if sliding_window is not None and (not isinstance(sliding_window, int) or sliding_window <= 0):
            raise ValueError(f"`sliding_window` must be `None` or a positive integer. Received: "
                             f"sliding_window={sliding_window}")
        self._sliding_window = sliding_window
        self.seed = seed
        self._inverse_sqrt_key_dim = 1.0 / math.sqrt(float(self._key_dim))
        self._shapes_dict = None

    num_heads = property(lambda self: self._num_heads)
    key_dim = property(lambda self: self._key_dim)
    value_dim = property(lambda self: self._value_dim)
    dropout = property(lambda self: self._dropout)
    use_bias = property(lambda self: self._use_bias)
    attention_axes = property(lambda self: self._attention_axes)
    # `output_shape` is not exposed, as in Keras: it would shadow the Functional-API property.

    # -- building -------------------------------------------------------------------------
    def _sublayer_kwargs(self):
        # Fresh initializer copies per projection: a shared seeded initializer would give the
        # four kernels the same values.
        def fresh(init):
            return type(init).from_config(init.get_config())
        return dict(kernel_initializer=fresh(self._kernel_initializer),
                    bias_initializer=fresh(self._bias_initializer), kernel_regularizer=self._kernel_regularizer,
                    bias_regularizer=self._bias_regularizer, activity_regularizer=self._activity_regularizer,
                    kernel_constraint=self._kernel_constraint, bias_constraint=self._bias_constraint,
                    dtype=self.dtype)

    def _projection(self, input_rank, last_dims, name, activation=None):
        equation, bias_axes, rank = _projection_equation(input_rank - 1, 1, 2)
        return EinsumDense(equation, output_shape=_partial_shape(rank - 1, last_dims),
                           bias_axes=bias_axes if self._use_bias else None, activation=activation, name=name,
                           **self._sublayer_kwargs())

    def build(self, query_shape, value_shape=None, key_shape=None):
        if value_shape is None:
            # Layer.__call__ builds from the first argument only; the projections need all
            # shapes, so they are made on the first call instead.
            return
        query_shape = [d for d in query_shape]
        value_shape = [d for d in value_shape]
        key_shape = value_shape if key_shape is None else [d for d in key_shape]
        if value_shape[1:-1] != key_shape[1:-1]:
            raise ValueError("All dimensions of `value` and `key`, except the last one, must be equal. "
                             f"Received: value_shape={tuple(value_shape)} and key_shape={tuple(key_shape)}")
        self._shapes_dict = {"query_shape": tuple(query_shape), "value_shape": tuple(value_shape)}
        if key_shape is not value_shape:
            self._shapes_dict["key_shape"] = tuple(key_shape)
        heads_key = [self._num_heads, self._key_dim]
        heads_value = [self._num_heads, self._value_dim]
        # Assigned in Keras's order, which is the order of `weights`.
        self._query_dense = self._projection(len(query_shape), heads_key, "query")
        self._query_dense.build(query_shape)
        self._key_dense = self._projection(len(key_shape), heads_key, "key")
        self._key_dense.build(key_shape)
        if self._use_gate:
            self._gate_dense = self._projection(len(query_shape), heads_value, "gate", activation="sigmoid")
            self._gate_dense.build(query_shape)
        self._value_dense = self._projection(len(value_shape), heads_value, "value")
        self._value_dense.build(value_shape)

        rank = len(query_shape) + 1  # projected tensors: (batch, <axes>, heads, channels)
        if self._attention_axes is None:
            self._attention_axes = tuple(range(1, rank - 2))
        else:
            self._attention_axes = tuple(a if a >= 0 else (rank - 1) + a for a in self._attention_axes)
        self._dot_product_equation, self._combine_equation, scores_rank = _attention_equations(
            rank, self._attention_axes)
        self._norm_axes = tuple(range(scores_rank - len(self._attention_axes), scores_rank))

        out_dims = list(self._output_shape) if self._output_shape else [query_shape[-1]]
        equation, bias_axes, out_rank = _projection_equation(len(query_shape) - 1, 2, len(out_dims))
        self._output_dense = EinsumDense(equation, output_shape=_partial_shape(out_rank - 1, out_dims),
                                         bias_axes=bias_axes if self._use_bias else None, name="attention_output",
                                         **self._sublayer_kwargs())
        self._output_dense.build(tuple(query_shape[:-1]) + (self._num_heads, self._value_dim))
        self.built = True

    def get_build_config(self):
        return None if self._shapes_dict is None else {"shapes_dict": dict(self._shapes_dict)}

    def build_from_config(self, config):
        shapes = config.get("shapes_dict")
        if shapes and "_query_dense" not in self.__dict__:
            self.build(**shapes)
        elif config.get("input_shape") is not None:
            self.build(config["input_shape"])

    query_dense = property(lambda self: self._query_dense)
    key_dense = property(lambda self: self._key_dense)
    value_dense = property(lambda self: self._value_dense)
    output_dense = property(lambda self: self._output_dense)

    # -- masks ----------------------------------------------------------------------------
    def _causal_mask(self, query, value):
        """(1, T, S) lower-triangular boolean mask."""
        q_len, v_len = tf.shape(query)[1], tf.shape(value)[1]
        return tf.linalg.band_part(tf.ones(tf.stack([q_len, v_len]), "bool"), -1, 0)[None]

    def _sliding_window_mask(self, query, value):
        """(1, T, S): key positions within ``sliding_window - 1`` of the query position."""
        rows = tf.range(tf.shape(query)[1])[:, None]
        cols = tf.range(tf.shape(value)[1])[None, :]
        return tf.abs(rows - cols)[None] < self._sliding_window

    def _combined_mask(self, query, value, query_mask, value_mask, key_mask, attention_mask, use_causal_mask):
        parts = []
        if query_mask is not None:
            parts.append(tf.cast(query_mask, "bool")[..., None])       # (B, T, 1)
        for m in (value_mask, key_mask):
            if m is not None:
                parts.append(tf.expand_dims(tf.cast(m, "bool"), -2))  # (B, 1, S)
        if use_causal_mask:
            parts.append(self._causal_mask(query, value))
        if self._sliding_window is not None:
            parts.append(self._sliding_window_mask(query, value))
        if attention_mask is not None:
            parts.insert(0, tf.cast(attention_mask, "bool"))
        if not parts:
            return None
        mask = parts[0]
        for m in parts[1:]:
            mask = tf.logical_and(mask, m)
        return mask

    # -- attention ------------------------------------------------------------------------
    def _expand_mask(self, mask, scores_rank):
        # Missing axes are the leading batch-like ones and the head axis: add them just
        # before the query/key attention axes.
        axis = -len(self._attention_axes) * 2 - 1
        for _ in range(scores_rank - mask.shape.rank):
            mask = tf.expand_dims(mask, axis)
        return mask

    def _softmax(self, scores, mask, fused):
        if mask is not None:
            fill = _FUSED_MASK_VALUE if fused else _SOFTMAX_MASK_VALUE
            mask = self._expand_mask(mask, scores.shape.rank)
            scores = tf.where(mask, scores, tf.constant(fill, scores.dtype))
        if len(self._norm_axes) == 1:
            probs = tf.nn.softmax(scores, axis=self._norm_axes[0])
        else:
            probs = tf.exp(scores - tf.reduce_logsumexp(scores, axis=self._norm_axes, keepdims=True))
        if mask is not None and not fused:
            probs = tf.where(mask, probs, tf.zeros_like(probs))
        return probs

    def _compute_attention(self, query, key, value, attention_mask=None, training=None,
                           return_attention_scores=False):
        fused = not (self._dropout > 0.0 or return_attention_scores or query.shape.rank != 4)
        if fused:
            # dot_product_attention scales the logits, not the query.
            scores = tf.einsum(self._dot_product_equation, key, query) * self._inverse_sqrt_key_dim
        else:
            query = query * tf.cast(self._inverse_sqrt_key_dim, query.dtype)
            scores = tf.einsum(self._dot_product_equation, key, query)
        probs = self._softmax(scores, attention_mask, fused)
        mixed = probs
        if training and self._dropout > 0.0:
            mixed = tf.nn.dropout(probs, rate=self._dropout, seed=self.seed)
        output = tf.einsum(self._combine_equation, mixed, value)
        return output, (None if fused else probs)

    def call(self, query, value, key=None, query_mask=None, value_mask=None, key_mask=None, attention_mask=None,
             return_attention_scores=False, training=None, use_causal_mask=False):
        if "_query_dense" not in self.__dict__:
            self.build(query.shape, value.shape, None if key is None else key.shape)
        # Keras fills `value_mask`/`key_mask` from the inputs' masks; read all of them before
        # any is removed (in self-attention query and value are one tensor).
        query_mask = get_keras_mask(query)
        if value_mask is None:
            value_mask = get_keras_mask(value)
        if key_mask is None and key is not None:
            key_mask = get_keras_mask(key)
        if key is None:
            key = value
        # As Keras: the masks are consumed here, so the projections do not see them.
        for x in (query, value, key):
            if get_keras_mask(x) is not None:
                set_keras_mask(x, None)
        mask = self._combined_mask(query, value, query_mask, value_mask, key_mask, attention_mask, use_causal_mask)

        gate = self._gate_dense(query) if self._use_gate else None
        query = self._query_dense(query)
        key = self._key_dense(key)
        value = self._value_dense(value)
        output, scores = self._compute_attention(query, key, value, mask, training, return_attention_scores)
        if gate is not None:
            output = output * gate
        output = self._output_dense(output)
        if query_mask is not None:
            set_keras_mask(output, query_mask)
        if return_attention_scores:
            return output, scores
        return output

    def get_config(self):
        config = super().get_config()
        config.update({
            "num_heads": self._num_heads, "key_dim": self._key_dim, "value_dim": self._value_dim,
            "dropout": self._dropout, "use_bias": self._use_bias, "use_gate": self._use_gate,
            "output_shape": self._output_shape, "attention_axes": self._attention_axes,
            "sliding_window": self._sliding_window,
            "kernel_initializer": initializers.serialize(self._kernel_initializer),
            "bias_initializer": initializers.serialize(self._bias_initializer),
            "kernel_regularizer": regularizers.serialize(self._kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self._bias_regularizer),
            "activity_regularizer": regularizers.serialize(self._activity_regularizer),
            "kernel_constraint": constraints.serialize(self._kernel_constraint),
            "bias_constraint": constraints.serialize(self._bias_constraint),
            "seed": self.seed,
        })
        return config
