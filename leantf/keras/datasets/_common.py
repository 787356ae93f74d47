"""What the dataset loaders share: Keras's download folder and the seeded shuffles."""
import numpy as np

# Keras's mirror of the small datasets; origins and hashes must stay Keras's so a cache
# written by real Keras is found and accepted.
ORIGIN_FOLDER = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"


def check_test_split(test_split):
    if not 0 <= test_split < 1:
        raise ValueError(f"Invalid `test_split` argument: {test_split}. It must be between 0 and 1 "
                         "(exclusive of 1).")


def shuffle_and_split(x, y, test_split, seed):
    """Keras's housing split: one RandomState(seed) permutation, then the first
    ``int(len * (1 - test_split))`` rows train and the rest test."""
    indices = np.arange(len(x))
    np.random.RandomState(seed).shuffle(indices)
    x, y = x[indices], y[indices]
    cut = int(len(x) * (1 - test_split))
    return (np.array(x[:cut]), np.array(y[:cut])), (np.array(x[cut:]), np.array(y[cut:]))


def shift_indices(sequences, start_char, index_from):
    """Prefix ``start_char`` and add ``index_from`` to every word index, as Keras does."""
    if start_char is not None:
        return [[start_char] + [w + index_from for w in x] for x in sequences]
    if index_from:
        return [[w + index_from for w in x] for x in sequences]
    return [list(x) for x in sequences]


def drop_long(maxlen, sequences, labels):
    """Keep only the sequences strictly shorter than ``maxlen`` (Keras's remove_long_seq)."""
    kept, kept_labels = [], []
    for x, y in zip(sequences, labels):
        if len(x) < maxlen:
            kept.append(x)
            kept_labels.append(y)
    return kept, kept_labels


def limit_vocabulary(sequences, num_words, skip_top, oov_char):
    """Words outside ``[skip_top, num_words)`` become ``oov_char``, or are dropped when it
    is None. ``num_words`` None or 0 means the largest index present, as in Keras (so that
    index itself counts as out of range: Keras's quirk, kept)."""
    if not num_words:
        num_words = max(max(x) for x in sequences)
    if oov_char is not None:
        return [[w if skip_top <= w < num_words else oov_char for w in x] for x in sequences]
    return [[w for w in x if skip_top <= w < num_words] for x in sequences]


def object_array(sequences):
    """``np.array(sequences, dtype="object")`` as Keras builds it: 1-D of lists when they are
    ragged, but 2-D when every list has the same length (kept for identical results)."""
    return np.array(sequences, dtype="object")
