"""tf.nest: flattening order, packing, mapping and TF's structure-mismatch errors."""
import collections

import pytest

import leantf as tf

Point = collections.namedtuple("Point", "x y")


def test_flatten_orders_dict_keys_and_keeps_leaves():
    assert tf.nest.flatten({"b": 1, "a": [2, (3, 4)], "c": None}) == [2, 3, 4, 1, None]
    assert tf.nest.flatten(5) == [5] and tf.nest.flatten(None) == [None] and tf.nest.flatten([]) == []
    assert tf.nest.flatten(Point(1, [2, 3])) == [1, 2, 3]
    assert tf.nest.flatten(collections.OrderedDict([("b", 1), ("a", 2)])) == [2, 1]
    s = {1, 2}
    assert tf.nest.flatten(s) == [s]  # sets and strings are leaves
    assert not tf.nest.is_nested("ab") and tf.nest.is_nested({"a": 1})


def test_pack_sequence_as_rebuilds_containers():
    assert tf.nest.pack_sequence_as({"b": 0, "a": [0, 0]}, [1, 2, 3]) == {"b": 3, "a": [1, 2]}
    assert tf.nest.pack_sequence_as(Point(0, 0), [1, 2]) == Point(1, 2)
    packed = tf.nest.pack_sequence_as(collections.OrderedDict([("b", 0), ("a", 0)]), [1, 2])
    assert list(packed.items()) == [("b", 2), ("a", 1)]
    assert tf.nest.pack_sequence_as(0, [7]) == 7


def test_pack_sequence_as_errors():
    with pytest.raises(ValueError) as e:
        tf.nest.pack_sequence_as([0, 0], [1])
    assert str(e.value) == ("Could not pack sequence. Structure had 2 atoms, but flat_sequence had 1 items.  "
                            "Structure: [0, 0], flat_sequence: [1].")
    with pytest.raises(TypeError, match="^Attempted to pack value:\n  5\ninto a structure"):
        tf.nest.pack_sequence_as([0], 5)
    with pytest.raises(ValueError, match="^The target structure is of type `<class 'int'>`"):
        tf.nest.pack_sequence_as(0, [7, 8])


def test_map_structure():
    assert tf.nest.map_structure(lambda x: x * 2, {"a": [1, 2], "b": 3}) == {"a": [2, 4], "b": 6}
    assert tf.nest.map_structure(lambda x, y: x + y, [1, (2, 3)], [10, (20, 30)]) == [11, (22, 33)]
    assert tf.nest.map_structure(lambda x, y: x + y, [1, 2], (1, 2), check_types=False) == [2, 4]
    with pytest.raises(ValueError, match="^Only valid keyword arguments are `check_types` and "
                                         "`expand_composites`, not: `foo`$"):
        tf.nest.map_structure(lambda x: x, [1], foo=1)


def test_structure_mismatch_messages():
    with pytest.raises(ValueError) as e:
        tf.nest.assert_same_structure([1, [2, 3]], [1, [2]])
    assert str(e.value) == (
        "The two structures don't have the same nested structure.\n\nFirst structure: type=list str=[1, [2, 3]]\n\n"
        "Second structure: type=list str=[1, [2]]\n\nMore specifically: The two structures don't have the same "
        "number of elements. First structure: type=list str=[2, 3]. Second structure: type=list str=[2]\n"
        "Entire first structure:\n[., [., .]]\nEntire second structure:\n[., [.]]")
    with pytest.raises(TypeError, match="The two namedtuples don't have the same sequence type"):
        tf.nest.assert_same_structure([1, 2], (1, 2))
    tf.nest.assert_same_structure([1, 2], (1, 2), check_types=False)
    tf.nest.assert_same_structure({"a": 1}, collections.OrderedDict(a=1))  # mappings of any type match
    with pytest.raises(ValueError, match="The two dictionaries don't have the same set of keys"):
        tf.nest.assert_same_structure({"a": {"b": 1}}, {"a": {"c": 1}})
    with pytest.raises(ValueError, match='Substructure "type=list str=\\[2, 3\\]" is a sequence, while '
                                         'substructure "type=int str=5" is not'):
        tf.nest.assert_same_structure([1, 5], [1, [2, 3]])
