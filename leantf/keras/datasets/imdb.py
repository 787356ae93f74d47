"""IMDB movie reviews: 25,000 training and 25,000 test reviews as word-index sequences,
labelled 1 (positive) or 0 (negative). Index 1 starts a review, 2 marks an unknown word;
real words start at ``index_from`` + 1, ranked by frequency."""
import json

import numpy as np

from ..utils import file_utils
from . import _common
from ._npz import load_npz


def load_data(path="imdb.npz", num_words=None, skip_top=0, maxlen=None, seed=113, start_char=1, oov_char=2,
              index_from=3, **kwargs):
    """``(x_train, y_train), (x_test, y_test)``: object arrays of lists of ints and int
    label arrays, shuffled and filtered exactly as Keras does.

    ``num_words`` keeps the most frequent words (others become ``oov_char``, or are dropped
    when it is None), ``skip_top`` also drops the most frequent ones, ``maxlen`` removes
    reviews not shorter than it, ``seed`` drives the shuffle.
    """
    path = file_utils.fetch(fname=path, origin=f"{_common.ORIGIN_FOLDER}imdb.npz",
                            file_hash="69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f")
    arrays = load_npz(path)
    x_train, labels_train = arrays["x_train"], arrays["y_train"]
    x_test, labels_test = arrays["x_test"], arrays["y_test"]

    # One generator for both permutations: the test order depends on the train shuffle.
    rng = np.random.RandomState(seed)
    indices = np.arange(len(x_train))
    rng.shuffle(indices)
    x_train, labels_train = x_train[indices], labels_train[indices]
    indices = np.arange(len(x_test))
    rng.shuffle(indices)
    x_test, labels_test = x_test[indices], labels_test[indices]

    x_train = _common.shift_indices(x_train, start_char, index_from)
    x_test = _common.shift_indices(x_test, start_char, index_from)
    if maxlen:
        x_train, labels_train = _common.drop_long(maxlen, x_train, labels_train)
        x_test, labels_test = _common.drop_long(maxlen, x_test, labels_test)
        if not x_train or not x_test:
            raise ValueError(f"After filtering for sequences shorter than maxlen={maxlen}, no sequence was "
                             "kept. Increase maxlen.")

    # The vocabulary limit is taken over train and test together.
    xs = _common.limit_vocabulary(x_train + x_test, num_words, skip_top, oov_char)
    labels = np.concatenate([labels_train, labels_test])
    split = len(x_train)
    return ((_common.object_array(xs[:split]), labels[:split]),
            (_common.object_array(xs[split:]), labels[split:]))


def get_word_index(path="imdb_word_index.json"):
    """``{word: index}`` for the IMDB vocabulary (indices before the ``index_from`` shift)."""
    path = file_utils.fetch(fname=path, origin=f"{_common.ORIGIN_FOLDER}imdb_word_index.json",
                            file_hash="bfafd718b763782e994055a2d397834f")
    with open(path) as f:
        return json.load(f)
