"""Dropout masks shared by the recurrent cells.

Keras draws one input mask and one recurrent mask per call of the RNN layer and reuses
them at every time step (the same units are dropped along the whole sequence), which is
what makes recurrent dropout regularise rather than add noise per step. The RNN layer
asks for the masks before its loop and forgets them after it.
"""
import leantf as tf

__all__ = ["DropoutRNNCell"]


class DropoutRNNCell:
    """Mixin: ``dropout`` and ``recurrent_dropout`` rates, and the per-sequence masks."""

    @property
    def dropout_mask_count(self):
        # One mask for all gates, unless recurrent dropout asks for one per gate.
        return self.n_gates if self.recurrent_dropout else None

    def get_dropout_mask(self, step_input):
        mask = self.__dict__.get("_dropout_mask")
        if mask is None and self.dropout > 0:
            mask = _mask_like(step_input, self.dropout, self.seed, self.dropout_mask_count)
            self.__dict__["_dropout_mask"] = mask
        return mask

    def get_recurrent_dropout_mask(self, step_state):
        mask = self.__dict__.get("_recurrent_dropout_mask")
        if mask is None and self.recurrent_dropout > 0:
            mask = _mask_like(step_state, self.recurrent_dropout, self.seed, self.dropout_mask_count)
            self.__dict__["_recurrent_dropout_mask"] = mask
        return mask

    def reset_dropout_mask(self):
        self.__dict__["_dropout_mask"] = None

    def reset_recurrent_dropout_mask(self):
        self.__dict__["_recurrent_dropout_mask"] = None


def _mask_like(x, rate, seed, count):
    # Dropout of ones: kept entries hold 1 / (1 - rate), as Keras's scaled masks do. With
    # recurrent dropout Keras switches its cells to one mask per gate (``dropout_mask_count``).
    ones = tf.ones_like(x)
    if count is None:
        return tf.nn.dropout(ones, rate=rate, seed=seed)
    return [tf.nn.dropout(ones, rate=rate, seed=seed) for _ in range(count)]
