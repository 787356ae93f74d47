"""SimpleRNNCell, LSTMCell and GRUCell: one time step each, with Keras's weight layout.

Each cell splits its step in two so that the RNN layer can keep its Python loop light:
``project_inputs`` applies the input kernel (and the input bias) to *all* time steps with
one matmul before the loop, and ``recurrent_step`` does only the work that depends on the
previous state. ``call`` (Keras's one-step API, used when a cell is called on its own)
is the two halves back to back.

Weight names, shapes and gate order follow Keras 3 so that ``set_weights`` with weights
from real Keras gives the same outputs: LSTM gates i, f, c, o; GRU gates z, r, h.
"""
import leantf as tf

from ... import activations, constraints, initializers, regularizers
from ..layer import Layer
from .dropout_cell import DropoutRNNCell

__all__ = ["SimpleRNNCell", "LSTMCell", "GRUCell"]


def _check_units(units):
    if not isinstance(units, int) or isinstance(units, bool) or units <= 0:
        raise ValueError(f"Received an invalid value for argument `units`, expected a positive integer, got {units}.")


class _BaseCell(Layer, DropoutRNNCell):
    """Arguments and config shared by the three cells."""
    n_gates = 1

    def __init__(self, units, activation="tanh", use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros", kernel_regularizer=None,
                 recurrent_regularizer=None, bias_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, dropout=0.0, recurrent_dropout=0.0, seed=None,
                 **kwargs):
        _check_units(units)
        super().__init__(**kwargs)
        self.units = units
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.recurrent_regularizer = regularizers.get(recurrent_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.recurrent_constraint = constraints.get(recurrent_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        # Keras clips the rates into [0, 1] rather than refusing them.
        self.dropout = min(1.0, max(0.0, dropout))
        self.recurrent_dropout = min(1.0, max(0.0, recurrent_dropout))
        self.seed = seed

    @property
    def state_size(self):
        return self.units

    @property
    def output_size(self):
        return self.units

    def _add_kernels(self, input_dim):
        width = self.n_gates * self.units
        self.kernel = self.add_weight(shape=(input_dim, width), name="kernel", initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer, constraint=self.kernel_constraint)
        self.recurrent_kernel = self.add_weight(
            shape=(self.units, width), name="recurrent_kernel", initializer=self.recurrent_initializer,
            regularizer=self.recurrent_regularizer, constraint=self.recurrent_constraint)

    def _add_bias(self, shape, initializer=None):
        self.bias = self.add_weight(shape=shape, name="bias", initializer=initializer or self.bias_initializer,
                                    regularizer=self.bias_regularizer, constraint=self.bias_constraint) \
            if self.use_bias else None

    # -- the two halves of a step --------------------------------------------------------------
    def input_bias(self):
        return self.bias

    def project_inputs(self, inputs, dp_mask=None):
        """``inputs @ kernel + input bias`` as a 2-D (rows, gates * units) tensor. ``inputs`` may be
        (batch, features) or time-major (time, batch, features): the dropout mask (batch, features),
        or one per gate, broadcasts over time, so every step of a sequence drops the same units."""
        depth = inputs.shape[-1]
        bias = self.input_bias()
        if dp_mask is None:
            x = tf.matmul(_rows(inputs, depth), self.kernel)
        elif isinstance(dp_mask, list):  # per-gate masks: one product per gate block
            x = tf.concat([tf.matmul(_rows(inputs * m, depth), k) for m, k in
                           zip(dp_mask, tf.split(self.kernel, self.n_gates, axis=1))], axis=-1)
        else:
            x = tf.matmul(_rows(inputs * dp_mask, depth), self.kernel)
        return x + bias if bias is not None else x

    def _recurrent_parts(self, h, kernel, rec_mask, n):
        """``h @ kernel`` split into ``n`` gate blocks; with per-gate masks, one product per block."""
        if rec_mask is None:
            return tf.split(tf.matmul(h, kernel), n, axis=1) if n > 1 else [tf.matmul(h, kernel)]
        return [tf.matmul(h * m, k) for m, k in zip(rec_mask, tf.split(kernel, self.n_gates, axis=1)[:n])]

    def call(self, inputs, states, training=False):
        dp_mask = self.get_dropout_mask(inputs) if training and self.dropout else None
        rec_mask = self.get_recurrent_dropout_mask(_first(states)) if training and self.recurrent_dropout else None
        output, new_states = self.recurrent_step(self.project_inputs(inputs, dp_mask), states, rec_mask)
        if not isinstance(states, (list, tuple)):
            new_states = new_states[0]
        return output, new_states

    def get_initial_state(self, batch_size=None):
        sizes = self.state_size if isinstance(self.state_size, (list, tuple)) else [self.state_size]
        return [tf.zeros((batch_size, s), dtype=self.compute_dtype) for s in sizes]

    def _base_config(self):
        return {
            "units": self.units, "activation": activations.serialize(self.activation), "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "recurrent_initializer": initializers.serialize(self.recurrent_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "recurrent_regularizer": regularizers.serialize(self.recurrent_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
            "recurrent_constraint": constraints.serialize(self.recurrent_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
            "dropout": self.dropout, "recurrent_dropout": self.recurrent_dropout,
        }


def _rows(x, depth):
    return x if len(x.shape) == 2 else tf.reshape(x, [-1, depth])


def _first(states):
    return states[0] if isinstance(states, (list, tuple)) else states


class SimpleRNNCell(_BaseCell):
    """``h = activation(x @ kernel + bias + h_prev @ recurrent_kernel)``."""
    dropout_mask_count = None  # Keras's SimpleRNNCell always draws a single mask

    def build(self, input_shape):
        self._add_kernels(input_shape[-1])
        self._add_bias((self.units,))
        self.built = True

    def recurrent_step(self, x_t, states, rec_mask=None):
        h_prev = _first(states)
        if rec_mask is not None:
            h_prev = h_prev * rec_mask
        h = x_t + tf.matmul(h_prev, self.recurrent_kernel)
        if self.activation is not None:
            h = self.activation(h)
        return h, [h]

    def get_config(self):
        return {**super().get_config(), **self._base_config(), "seed": self.seed}


class LSTMCell(_BaseCell):
    """Long short-term memory step; states ``[h, c]``."""
    n_gates = 4

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal", bias_initializer="zeros",
                 unit_forget_bias=True, kernel_regularizer=None, recurrent_regularizer=None, bias_regularizer=None,
                 kernel_constraint=None, recurrent_constraint=None, bias_constraint=None, dropout=0.0,
                 recurrent_dropout=0.0, seed=None, **kwargs):
        kwargs.pop("implementation", None)  # Keras's choice of kernel split; the maths is the same
        super().__init__(units, activation=activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
                         recurrent_initializer=recurrent_initializer, bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer, recurrent_regularizer=recurrent_regularizer,
                         bias_regularizer=bias_regularizer, kernel_constraint=kernel_constraint,
                         recurrent_constraint=recurrent_constraint, bias_constraint=bias_constraint,
                         dropout=dropout, recurrent_dropout=recurrent_dropout, seed=seed, **kwargs)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.unit_forget_bias = unit_forget_bias

    @property
    def state_size(self):
        return [self.units, self.units]

    def build(self, input_shape):
        self._add_kernels(input_shape[-1])
        initializer = None
        if self.unit_forget_bias:
            # The forget gate starts open (bias 1) so early gradients flow through the cell state.
            base = self.bias_initializer
            units = self.units

            def initializer(shape, dtype=None):
                return tf.concat([base((units,), dtype=dtype), tf.ones((units,), dtype=dtype),
                                  base((2 * units,), dtype=dtype)], axis=0)
        self._add_bias((4 * self.units,), initializer)
        self.built = True

    def recurrent_step(self, x_t, states, rec_mask=None):
        h_prev, c_prev = states[0], states[1]
        parts = self._recurrent_parts(h_prev, self.recurrent_kernel, rec_mask, 4)
        if len(parts) == 4 and rec_mask is None:
            # One add on the whole (batch, 4u) block is cheaper than four.
            zi, zf, zc, zo = tf.split(x_t + tf.matmul(h_prev, self.recurrent_kernel), 4, axis=1)
        else:
            xi, xf, xc, xo = tf.split(x_t, 4, axis=1)
            zi, zf, zc, zo = xi + parts[0], xf + parts[1], xc + parts[2], xo + parts[3]
        act, rec_act = self.activation, self.recurrent_activation
        i = rec_act(zi)
        f = rec_act(zf)
        c = f * c_prev + i * act(zc)
        o = rec_act(zo)
        h = o * act(c)
        return h, [h, c]

    def get_config(self):
        config = self._base_config()
        config["recurrent_activation"] = activations.serialize(self.recurrent_activation)
        config["unit_forget_bias"] = self.unit_forget_bias
        order = ["units", "activation", "recurrent_activation", "use_bias", "unit_forget_bias"]
        ordered = {k: config.pop(k) for k in order}
        return {**super().get_config(), **ordered, **config, "seed": self.seed}


class GRUCell(_BaseCell):
    """Gated recurrent unit step. ``reset_after=True`` (Keras 3's default, cuDNN's variant)
    applies the reset gate after the recurrent product and keeps a separate recurrent bias:
    bias shape (2, 3 * units), rows (input, recurrent)."""
    n_gates = 3

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal", bias_initializer="zeros",
                 kernel_regularizer=None, recurrent_regularizer=None, bias_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, dropout=0.0, recurrent_dropout=0.0,
                 reset_after=True, seed=None, **kwargs):
        kwargs.pop("implementation", None)
        super().__init__(units, activation=activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
                         recurrent_initializer=recurrent_initializer, bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer, recurrent_regularizer=recurrent_regularizer,
                         bias_regularizer=bias_regularizer, kernel_constraint=kernel_constraint,
                         recurrent_constraint=recurrent_constraint, bias_constraint=bias_constraint,
                         dropout=dropout, recurrent_dropout=recurrent_dropout, seed=seed, **kwargs)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.reset_after = reset_after

    def build(self, input_shape):
        self._add_kernels(input_shape[-1])
        self._add_bias((2, 3 * self.units) if self.reset_after else (3 * self.units,))
        self.built = True

    def input_bias(self):
        if self.bias is None or not self.reset_after:
            return self.bias
        return self.bias[0]

    def recurrent_step(self, x_t, states, rec_mask=None):
        h_prev = _first(states)
        units = self.units
        x_z, x_r, x_h = tf.split(x_t, 3, axis=1)
        if self.reset_after and rec_mask is None:
            inner = tf.matmul(h_prev, self.recurrent_kernel)
            r_z, r_r, r_h = tf.split(inner + self.bias[1] if self.bias is not None else inner, 3, axis=1)
        elif self.reset_after:
            r_z, r_r, r_h = self._recurrent_parts(h_prev, self.recurrent_kernel, rec_mask, 3)
            if self.bias is not None:
                rb_z, rb_r, rb_h = tf.split(self.bias[1], 3, axis=0)
                r_z, r_r, r_h = r_z + rb_z, r_r + rb_r, r_h + rb_h
        else:
            r_z, r_r = self._recurrent_parts(h_prev, self.recurrent_kernel[:, :2 * units], rec_mask, 2)
        z = self.recurrent_activation(x_z + r_z)
        r = self.recurrent_activation(x_r + r_r)
        if self.reset_after:
            recurrent_h = r * r_h
        else:
            h_for_h = h_prev * rec_mask[2] if rec_mask is not None else h_prev
            recurrent_h = tf.matmul(r * h_for_h, self.recurrent_kernel[:, 2 * units:])
        hh = self.activation(x_h + recurrent_h)
        h = z * h_prev + (1 - z) * hh
        return h, [h]

    def get_config(self):
        config = self._base_config()
        config["recurrent_activation"] = activations.serialize(self.recurrent_activation)
        ordered = {k: config.pop(k) for k in ("units", "activation", "recurrent_activation", "use_bias")}
        return {**super().get_config(), **ordered, **config, "reset_after": self.reset_after, "seed": self.seed}
