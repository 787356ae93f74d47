"""Reuters newswires: 11,228 word-index sequences labelled with one of 46 topics.
Index 1 starts a newswire, 2 marks an unknown word; words start at ``index_from`` + 1."""
import json

import numpy as np

from ..utils import file_utils
from . import _common
from ._npz import load_npz

_TOPICS = ("cocoa", "grain", "veg-oil", "earn", "acq", "wheat", "copper", "housing", "money-supply", "coffee",
           "sugar", "trade", "reserves", "ship", "cotton", "carcass", "crude", "nat-gas", "cpi", "money-fx",
           "interest", "gnp", "meal-feed", "alum", "oilseed", "gold", "tin", "strategic-metal", "livestock",
           "retail", "ipi", "iron-steel", "rubber", "heat", "jobs", "lei", "bop", "zinc", "orange", "pet-chem",
           "dlr", "gas", "silver", "wpi", "hog", "lead")


def load_data(path="reuters.npz", num_words=None, skip_top=0, maxlen=None, test_split=0.2, seed=113,
              start_char=1, oov_char=2, index_from=3):
    """``(x_train, y_train), (x_test, y_test)``: object arrays of lists of ints and int label
    arrays; one seeded shuffle, then the first ``1 - test_split`` of it trains.

    ``num_words``, ``skip_top``, ``maxlen``, ``start_char``, ``oov_char`` and ``index_from``
    work as in ``imdb.load_data``.
    """
    path = file_utils.fetch(path, origin=f"{_common.ORIGIN_FOLDER}reuters.npz",
                            file_hash="d6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916")
    arrays = load_npz(path)
    xs, labels = arrays["x"], arrays["y"]
    indices = np.arange(len(xs))
    np.random.RandomState(seed).shuffle(indices)
    xs, labels = xs[indices], labels[indices]

    if start_char is not None or index_from:
        xs = _common.shift_indices(xs, start_char, index_from)
    # else Keras keeps the arrays' own items (the lists as stored).
    if maxlen:
        xs, labels = _common.drop_long(maxlen, xs, labels)
    xs = _common.limit_vocabulary(xs, num_words, skip_top, oov_char)
    split = int(len(xs) * (1 - test_split))
    return ((_common.object_array(xs[:split]), np.array(labels[:split])),
            (_common.object_array(xs[split:]), np.array(labels[split:])))


def get_word_index(path="reuters_word_index.json"):
    """``{word: index}`` for the Reuters vocabulary (indices before the ``index_from`` shift)."""
    path = file_utils.fetch(path, origin=f"{_common.ORIGIN_FOLDER}reuters_word_index.json",
                            file_hash="4d44cc38712099c9e383dc6e5f11a921")
    with open(path) as f:
        return json.load(f)


def get_label_names():
    """The 46 topic names, in label order."""
    return _TOPICS
