"""Dataset pipelines compared with real TensorFlow.

Each case builds a dataset (or raises) from the ``tf`` module it is given, so the same code
runs on TensorFlow (tools/golden_data.py records the results in tests/fixtures/data_golden.json)
and on leantf (tests/data/test_golden.py compares). The fixture holds only data: reprs,
cardinalities, element values and error texts.
"""
import numpy as np


def _x(tf):
    return np.arange(12, dtype=np.float32).reshape(6, 2)


CASES = {
    "slices_scalar": lambda tf: tf.data.Dataset.from_tensor_slices([1, 2, 3]),
    "slices_nested": lambda tf: tf.data.Dataset.from_tensor_slices(
        ({"a": _x(tf), "b": np.arange(6)}, np.arange(6, dtype=np.float64))),
    "slices_strings": lambda tf: tf.data.Dataset.from_tensor_slices((["a", "bb"], [3.0, 4.0])),
    "slices_bad_dims": lambda tf: tf.data.Dataset.from_tensor_slices(([1, 2, 3], [1, 2])),
    "slices_scalar_error": lambda tf: tf.data.Dataset.from_tensor_slices(5),
    "tensors": lambda tf: tf.data.Dataset.from_tensors([1, 2]),
    "range": lambda tf: tf.data.Dataset.range(5),
    "range_step": lambda tf: tf.data.Dataset.range(10, 2, -3),
    "range_float": lambda tf: tf.data.Dataset.range(1.5),
    "range_zero_step": lambda tf: tf.data.Dataset.range(1, 10, 0),
    "map": lambda tf: tf.data.Dataset.range(5).map(lambda x: x * 2),
    "map_parallel": lambda tf: tf.data.Dataset.range(5).map(lambda x: x * 2, num_parallel_calls=tf.data.AUTOTUNE),
    "map_list_return": lambda tf: tf.data.Dataset.from_tensor_slices([[1, 2], [3, 4]]).map(lambda x: [x, x]),
    "map_dict_return": lambda tf: tf.data.Dataset.range(3).map(lambda x: {"a": x, "b": [x, x]}),
    "map_unpack": lambda tf: tf.data.Dataset.from_tensor_slices(([1, 2], [3, 4])).map(lambda x, y: x + y),
    "map_cast_tuple": lambda tf: tf.data.Dataset.range(4).map(lambda x: (x, tf.cast(x, tf.float32) / 2)),
    "map_after_batch": lambda tf: tf.data.Dataset.range(5).batch(2).map(lambda x: x * 2),
    "filter": lambda tf: tf.data.Dataset.range(6).filter(lambda x: x % 2 == 0),
    "filter_bad_predicate": lambda tf: tf.data.Dataset.range(5).filter(lambda x: x),
    "batch": lambda tf: tf.data.Dataset.range(5).batch(2),
    "batch_drop": lambda tf: tf.data.Dataset.range(5).batch(2, drop_remainder=True),
    "batch_parallel": lambda tf: tf.data.Dataset.range(5).batch(2, num_parallel_calls=2),
    "batch_nested": lambda tf: tf.data.Dataset.from_tensor_slices((_x(tf), np.arange(6))).batch(4),
    "batch_zero": lambda tf: tf.data.Dataset.range(3).batch(0),
    "batch_ragged_error": lambda tf: tf.data.Dataset.range(3).map(lambda x: tf.range(x)).batch(2),
    "padded_batch": lambda tf: tf.data.Dataset.range(4).map(lambda x: tf.range(x)).padded_batch(2),
    "padded_batch_shape": lambda tf: tf.data.Dataset.range(4).map(lambda x: tf.range(x)).padded_batch(
        2, padded_shapes=5, padding_values=tf.constant(-1, tf.int64), drop_remainder=True),
    "padded_batch_too_small": lambda tf: tf.data.Dataset.range(4).map(lambda x: tf.range(x)).padded_batch(
        2, padded_shapes=[2]),
    "padded_batch_bad_value": lambda tf: tf.data.Dataset.range(4).map(lambda x: tf.range(x)).padded_batch(
        2, padding_values=-1),
    "padded_batch_strings": lambda tf: tf.data.Dataset.from_tensor_slices(["a", "bb"]).padded_batch(2),
    "unbatch": lambda tf: tf.data.Dataset.from_tensor_slices([[1, 2], [3, 4]]).unbatch(),
    "unbatch_drop": lambda tf: tf.data.Dataset.range(5).batch(2, drop_remainder=True).unbatch(),
    "unbatch_scalar": lambda tf: tf.data.Dataset.range(3).unbatch(),
    "shuffle_card": lambda tf: tf.data.Dataset.range(5).shuffle(2).map(lambda x: x * 0),
    "shuffle_zero": lambda tf: tf.data.Dataset.range(3).shuffle(0),
    "repeat": lambda tf: tf.data.Dataset.range(3).repeat(2),
    "repeat_infinite_take": lambda tf: tf.data.Dataset.range(3).repeat().take(7),
    "repeat_infinite": lambda tf: tf.data.Dataset.range(3).repeat(),
    "repeat_empty": lambda tf: tf.data.Dataset.range(5).take(0).repeat(),
    "take_more": lambda tf: tf.data.Dataset.range(5).take(10),
    "take_all": lambda tf: tf.data.Dataset.range(5).take(-1),
    "take_bad": lambda tf: tf.data.Dataset.range(3).take("a"),
    "skip": lambda tf: tf.data.Dataset.range(5).skip(2),
    "skip_all": lambda tf: tf.data.Dataset.range(5).skip(-1),
    "filter_repeat": lambda tf: tf.data.Dataset.range(5).filter(lambda x: x > 1).repeat().take(5),
    "filter_take": lambda tf: tf.data.Dataset.range(5).filter(lambda x: x > 1).take(3),
    "prefetch": lambda tf: tf.data.Dataset.range(5).prefetch(tf.data.AUTOTUNE),
    "cache": lambda tf: tf.data.Dataset.range(5).cache(),
    "enumerate": lambda tf: tf.data.Dataset.range(3).enumerate(start=3),
    "zip_tuple": lambda tf: tf.data.Dataset.zip((tf.data.Dataset.range(3), tf.data.Dataset.range(5).repeat())),
    "zip_args": lambda tf: tf.data.Dataset.zip(tf.data.Dataset.range(3), tf.data.Dataset.range(4)),
    "zip_dict": lambda tf: tf.data.Dataset.zip({"a": tf.data.Dataset.range(3), "b": tf.data.Dataset.range(2)}),
    "zip_unknown": lambda tf: tf.data.Dataset.zip(
        (tf.data.Dataset.range(5).filter(lambda x: x > 1), tf.data.Dataset.range(2))),
    "zip_bad": lambda tf: tf.data.Dataset.zip((tf.data.Dataset.range(3), 5)),
    "flat_map": lambda tf: tf.data.Dataset.range(4).flat_map(lambda x: tf.data.Dataset.range(x)),
    "interleave": lambda tf: tf.data.Dataset.range(3).interleave(
        lambda x: tf.data.Dataset.range(x).map(lambda y: x * 10 + y), cycle_length=2, block_length=1),
    "interleave_blocks": lambda tf: tf.data.Dataset.range(1, 4).interleave(
        lambda x: tf.data.Dataset.from_tensors(x).repeat(x), cycle_length=2, block_length=2),
    "interleave_parallel": lambda tf: tf.data.Dataset.range(1, 4).interleave(
        lambda x: tf.data.Dataset.from_tensors(x).repeat(x), cycle_length=3, num_parallel_calls=2),
    "concatenate": lambda tf: tf.data.Dataset.range(3).concatenate(tf.data.Dataset.range(2)),
    "shard": lambda tf: tf.data.Dataset.range(7).shard(3, 1),
    "apply": lambda tf: tf.data.Dataset.range(5).apply(lambda d: d.skip(3)),
    "apply_bad": lambda tf: tf.data.Dataset.range(5).apply(lambda d: 5),
    "generator_signature": lambda tf: tf.data.Dataset.from_generator(
        lambda: iter([[1], [2, 3]]), output_signature=tf.TensorSpec((None,), tf.int32)),
    "generator_types_shapes": lambda tf: tf.data.Dataset.from_generator(
        lambda: iter([(1, [1.0, 2.0])]), output_types=(tf.int32, tf.float32), output_shapes=((), (2,))),
    "generator_types_only": lambda tf: tf.data.Dataset.from_generator(
        lambda: iter([(1, [1.0, 2.0])]), output_types=(tf.int32, tf.float32)),
    "generator_args": lambda tf: tf.data.Dataset.from_generator(
        lambda n: iter(range(int(n))), output_types=tf.int32, args=(3,)),
    "generator_float_to_int": lambda tf: tf.data.Dataset.from_generator(
        lambda: iter([1.5]), output_signature=tf.TensorSpec((), tf.int32)),
    "generator_no_signature": lambda tf: tf.data.Dataset.from_generator(lambda: iter([1])),
    "generator_both": lambda tf: tf.data.Dataset.from_generator(
        lambda: iter([1]), output_types=tf.int32, output_signature=tf.TensorSpec((), tf.int32)),
    "generator_not_callable": lambda tf: tf.data.Dataset.from_generator(5, output_types=tf.int32),
    "generator_bad_shape": lambda tf: tf.data.Dataset.from_generator(
        lambda: iter([[1], [2, 3]]), output_signature=tf.TensorSpec((1,), tf.int32)),
    "generator_bad_structure": lambda tf: tf.data.Dataset.from_generator(
        lambda: iter([1]), output_signature=(tf.TensorSpec((), tf.int32), tf.TensorSpec((), tf.int32))),
    "generator_bad_type": lambda tf: tf.data.Dataset.from_generator(
        lambda: iter(["a"]), output_signature=tf.TensorSpec((), tf.int32)),
    "reduce": lambda tf: tf.data.Dataset.range(5).reduce(np.int64(0), lambda s, x: s + x),
    "reduce_tuple": lambda tf: tf.data.Dataset.range(5).reduce(
        (np.int64(0), np.int64(1)), lambda s, x: (s[0] + x, s[1] * 2)),
    "reduce_dtype_change": lambda tf: tf.data.Dataset.range(3).reduce(
        np.int64(0), lambda s, x: tf.cast(s, tf.int32)),
    "single_element_many": lambda tf: tf.data.Dataset.range(3).batch(2).get_single_element(),
    "with_options": lambda tf: tf.data.Dataset.range(3).with_options(tf.data.Options()),
    "pipeline": lambda tf: tf.data.Dataset.from_tensor_slices((_x(tf), np.arange(6))).map(
        lambda x, y: (x / 2.0, y)).cache().batch(4).prefetch(1),
}
