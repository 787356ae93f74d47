"""keras.layers.RNN: runs a cell over the time axis of a (batch, time, features) input.

The loop is plain Python over the time steps with leantf ops, so the tape sees every
step (gradients need nothing special) and ``fit`` can record and replay it. The built-in
cells expose ``project_inputs`` / ``recurrent_step``: the input kernel is applied to all
time steps with one matmul before the loop, leaving only the recurrent product and the
gate arithmetic per step. A user cell (anything with ``state_size`` and
``call(inputs, states)``) is called step by step as Keras does.

Masking follows Keras's TensorFlow backend: at a masked step the states are carried over
unchanged and the output repeats the previous step's output (zeros before the first
unmasked step), or is zero with ``zero_output_for_mask``. With ``go_backwards`` the
sequence is read from the end and the returned sequence is in that (reversed) order.
"""
import leantf as tf

from ....framework import nest
from ...saving import serialization
from ..layer import Layer
from .dropout_cell import DropoutRNNCell

__all__ = ["RNN"]


class RNN(Layer):
    def __init__(self, cell, return_sequences=False, return_state=False, go_backwards=False, stateful=False,
                 unroll=False, zero_output_for_mask=False, **kwargs):
        if isinstance(cell, (list, tuple)):
            raise NotImplementedError("leantf does not implement StackedRNNCells yet: stack RNN layers instead.")
        if "call" not in dir(cell):
            raise ValueError(f"Argument `cell` should have a `call` method. Received: cell={cell}")
        if "state_size" not in dir(cell):
            raise ValueError("The RNN cell should have a `state_size` attribute (single integer or list of "
                             f"integers, one integer per RNN state). Received: cell={cell}")
        super().__init__(**kwargs)
        self.zero_output_for_mask = zero_output_for_mask
        self.cell = cell
        self.return_sequences = return_sequences
        self.return_state = return_state
        self.go_backwards = go_backwards
        self.stateful = stateful
        self.unroll = unroll
        self.supports_masking = True
        self.states = None
        state_size = getattr(cell, "state_size", None)
        if state_size is None:
            raise ValueError("state_size must be specified as property on the RNN cell.")
        if not isinstance(state_size, (list, tuple, int)):
            raise ValueError("state_size must be an integer, or a list/tuple of integers (one for each state "
                             "tensor).")
        self.single_state = isinstance(state_size, int)
        self.state_size = [state_size] if self.single_state else list(state_size)

    # -- shapes and masks ----------------------------------------------------------------------
    def compute_output_shape(self, sequences_shape, initial_state_shape=None):
        batch, length = sequences_shape[0], sequences_shape[1]
        states = [(batch, s) for s in self.state_size]
        output_size = getattr(self.cell, "output_size", None) or self.state_size[0]
        output = (batch, length, output_size) if self.return_sequences else (batch, output_size)
        return (output, *states) if self.return_state else output

    def compute_mask(self, _, mask):
        # The input's time mask still describes a returned sequence; a last output or a state has none.
        mask = nest.flatten(mask)[0] if mask is not None else None
        output_mask = mask if self.return_sequences else None
        if self.return_state:
            return [output_mask] + [None for _ in self.state_size]
        return output_mask

    # -- building and states ------------------------------------------------------------------
    def build(self, sequences_shape, initial_state_shape=None):
        step_shape = (sequences_shape[0],) + tuple(sequences_shape[2:])
        if isinstance(self.cell, Layer) and not self.cell.built:
            # Called from __call__ (or a wrapper's build), this layer's name is already the open scope.
            self.cell.build(tf.TensorShape(step_shape))
            self.cell.built = True
        if self.stateful:
            if sequences_shape[0] is None:
                raise ValueError("When using `stateful=True` in a RNN, the batch size must be static. Found "
                                 f"dynamic batch size: sequence.shape={tuple(sequences_shape)}")
            if self.states is None:
                self.states = [tf.Variable(s, trainable=False, name="rnn_state")
                               for s in self.get_initial_state(sequences_shape[0])]
        self.built = True

    def get_initial_state(self, batch_size):
        make = getattr(self.cell, "get_initial_state", None)
        if make is None:
            dtype = getattr(self.cell, "compute_dtype", "float32")
            return [tf.zeros((batch_size, s), dtype=dtype) for s in self.state_size]
        state = make(batch_size=batch_size)
        return list(state) if isinstance(state, (list, tuple)) else [state]

    def reset_state(self):
        if self.states is not None:
            for v in self.states:
                v.assign(tf.zeros_like(v))

    reset_states = reset_state  # Keras's older name

    # -- the loop -----------------------------------------------------------------------------
    def call(self, sequences, initial_state=None, mask=None, training=False):
        timesteps = sequences.shape[1]
        if timesteps is None:
            return self._unknown_length_outputs(sequences)
        if initial_state is None:
            initial_state = list(self.states) if self.stateful else \
                self.get_initial_state(_batch_size(sequences))
        states = list(initial_state) if isinstance(initial_state, (list, tuple)) else [initial_state]
        states = [tf.cast(s, sequences.dtype) if s.dtype != sequences.dtype else s
                  for s in map(tf.convert_to_tensor, states)]
        if isinstance(mask, (list, tuple)):
            mask = mask[0]

        last, outputs, states = self._run(sequences, states, mask, bool(training))

        if self.stateful:
            for variable, value in zip(self.states, states):
                variable.assign(value)
        output = outputs if self.return_sequences else last
        return (output, *states) if self.return_state else output

    def _run(self, sequences, states, mask, training):
        cell = self.cell
        time_major = tf.transpose(sequences, [1, 0] + list(range(2, len(sequences.shape))))
        uses_dropout = isinstance(cell, DropoutRNNCell) and training
        fast = hasattr(cell, "project_inputs") and hasattr(cell, "recurrent_step") and len(sequences.shape) == 3
        try:
            if fast:
                dp_mask = cell.get_dropout_mask(time_major[0]) if uses_dropout and cell.dropout else None
                rec_mask = cell.get_recurrent_dropout_mask(states[0]) \
                    if uses_dropout and cell.recurrent_dropout else None
                projected = cell.project_inputs(time_major, dp_mask)
                steps = tf.unstack(tf.reshape(projected, [sequences.shape[1], -1, projected.shape[-1]]), axis=0)

                def step(x_t, states):
                    return cell.recurrent_step(x_t, states, rec_mask)
            else:
                steps = tf.unstack(time_major, axis=0)
                step = self._generic_step(training)
            step_masks = tf.unstack(tf.expand_dims(tf.cast(tf.transpose(mask), "bool"), -1), axis=0) \
                if mask is not None else None
            return self._loop(step, steps, states, step_masks)
        finally:
            if isinstance(cell, DropoutRNNCell):
                cell.reset_dropout_mask()
                cell.reset_recurrent_dropout_mask()

    def _generic_step(self, training):
        cell = self.cell
        kwargs = {"training": training} if _takes_training(cell) else {}

        def step(x_t, states):
            output, new_states = cell.call(x_t, states, **kwargs)  # Keras hands a cell a list of states
            return output, list(new_states) if isinstance(new_states, (list, tuple)) else [new_states]
        return step

    def _loop(self, step, steps, states, step_masks):
        if self.go_backwards:
            steps = steps[::-1]
            step_masks = step_masks[::-1] if step_masks is not None else None
        outputs = []
        prev_output = None
        for t, x_t in enumerate(steps):
            output, new_states = step(x_t, states)
            if step_masks is not None:
                keep = step_masks[t]  # (batch, 1): broadcasts over the units
                if prev_output is None:
                    prev_output = tf.zeros_like(output)
                fallback = tf.zeros_like(output) if self.zero_output_for_mask else prev_output
                output = tf.where(keep, output, fallback)
                new_states = [tf.where(keep, n, s) for n, s in zip(new_states, states)]
                prev_output = output
            states = new_states
            if self.return_sequences:
                outputs.append(output)
        sequence = tf.stack(outputs, axis=1) if self.return_sequences else None
        return output, sequence, states

    def _unknown_length_outputs(self, sequences):
        """Symbolic call with an unknown number of time steps (``Input(shape=(None, 8))``): the
        loop cannot be traced, so return tensors of the right shapes computed from one step."""
        first = self.get_initial_state(_batch_size(sequences))
        step = self._generic_step(False)
        output, states = step(sequences[:, 0], first)
        if self.return_sequences:
            # Broadcasting against the input's (batch, time, 1) slice gives the unknown time axis.
            output = tf.expand_dims(output, 1) + tf.zeros_like(sequences[:, :, :1])
        return (output, *states) if self.return_state else output

    def get_config(self):
        config = {"return_sequences": self.return_sequences, "return_state": self.return_state,
                  "go_backwards": self.go_backwards, "stateful": self.stateful, "unroll": self.unroll,
                  "zero_output_for_mask": self.zero_output_for_mask,
                  "cell": serialization.serialize_keras_object(self.cell)}
        return {**super().get_config(), **config}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        cell = serialization.deserialize_keras_object(config.pop("cell"), custom_objects=custom_objects)
        return cls(cell, **config)


def _batch_size(x):
    return x.shape[0] if x.shape[0] is not None else tf.shape(x)[0]


def _takes_training(cell):
    import inspect
    try:
        return "training" in inspect.signature(cell.call).parameters
    except (TypeError, ValueError):
        return False

