"""keras.utils.set_random_seed: one call seeds every random source a program uses."""
import random

import numpy as np

from . import global_state

__all__ = ["set_random_seed", "get_random_seed"]


def set_random_seed(seed):
    """Seed Python's ``random``, NumPy's global RNG and TensorFlow's global seed, and drop
    Keras's global seed generator so it is re-created from the new seed.

    Unseeded Keras initializers draw their seed from Python's ``random`` when constructed,
    so after this call a model is built with the same weights every run.
    """
    if not isinstance(seed, int):
        raise ValueError("Expected `seed` argument to be an integer. "
                         f"Received: seed={seed} (of type {type(seed)})")
    global_state.set_global_attribute("global_random_seed", seed)
    global_state.set_global_attribute("global_seed_generator", None)
    random.seed(seed)
    np.random.seed(seed)
    import leantf as tf
    tf.random.set_seed(seed)


def get_random_seed():
    """The seed last given to ``set_random_seed`` in this session, or None."""
    return global_state.get_global_attribute("global_random_seed")
