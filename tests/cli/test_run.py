"""`leantf run SCRIPT`: an unmodified TensorFlow program, its imports served by leantf."""
import sys
import textwrap

import pytest

import leantf
from leantf.cli.aliases import TensorFlowAliases, target_name
from leantf.cli.run import run_script
from .helpers import leantf as leantf_cmd


def write(tmp_path, name, source):
    path = tmp_path / name
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path


def test_alias_names():
    assert target_name("tensorflow") == "leantf"
    assert target_name("tensorflow.keras.layers") == "leantf.keras.layers"
    assert target_name("keras") == "leantf.keras"
    assert target_name("keras.backend") == "leantf.keras.backend"
    assert target_name("tensorflow_datasets") is None and target_name("kerasx") is None


def test_every_spelling_of_the_imports_resolves_to_leantf(tmp_path, capsys):
    script = write(tmp_path, "prog.py", """
        import sys
        import tensorflow as tf
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.layers import Dense
        import tensorflow.keras.backend as K
        import tensorflow.compat.v1 as tf1
        import keras as standalone_keras
        from keras.layers import Dense as KerasDense
        import helper_module

        assert tf.keras is keras is standalone_keras
        assert Dense is KerasDense is layers.Dense
        assert tf1.executing_eagerly()
        print(tf.__name__, K.__name__, __name__, sys.argv, helper_module.VALUE)
        print(tf.reduce_sum(tf.constant([1., 2.])))
    """)
    write(tmp_path, "helper_module.py", "VALUE = 42\n")
    saved_argv = sys.argv[:]
    assert run_script(str(script), ["--flag", "x"]) == 0
    out = capsys.readouterr().out
    assert out == (f"leantf leantf.keras.backend __main__ {[str(script), '--flag', 'x']} 42\n"
                   "tf.Tensor(3.0, shape=(), dtype=float32)\n")
    # Nothing leaks past the run.
    assert sys.argv == saved_argv
    assert not [name for name in sys.modules if name.split(".")[0] in ("tensorflow", "keras")]
    assert not any(type(f).__name__ == "_AliasFinder" for f in sys.meta_path)
    # The aliased modules are leantf's own, with leantf's own specs.
    assert leantf.__spec__.name == "leantf" and leantf.keras.__spec__.name == "leantf.keras"


def test_missing_tensorflow_module_is_a_module_not_found_error():
    with TensorFlowAliases():
        with pytest.raises(ModuleNotFoundError, match="No module named 'tensorflow.no_such_thing'"):
            import tensorflow.no_such_thing  # noqa: F401
        import tensorflow
        assert tensorflow is leantf
    assert "tensorflow" not in sys.modules


def test_uncaught_exception_prints_the_scripts_traceback_and_fails(tmp_path, capsys):
    script = write(tmp_path, "boom.py", """
        import tensorflow as tf

        def fail():
            tf.constant([1, 2]) + tf.constant([1.0, 2.0])

        fail()
    """)
    assert run_script(str(script)) == 1
    err = capsys.readouterr().err
    assert err.startswith(f'Traceback (most recent call last):\n  File "{script}", line 7, in <module>\n')
    assert "runpy" not in err and "leantf/cli" not in err
    assert err.rstrip().splitlines()[-1].startswith("leantf.framework.errors.InvalidArgumentError: cannot compute")


def test_exit_status_and_argv_through_the_command(tmp_path):
    script = write(tmp_path, "status.py", """
        import sys
        import tensorflow as tf
        if __name__ == "__main__":
            print(sys.argv[1:], tf.add(1, 2).numpy())
            sys.exit(int(sys.argv[1]))
    """)
    result = leantf_cmd("run", script, "3", "--verbose")
    assert result.returncode == 3, result.stderr
    assert result.stdout == "['3', '--verbose'] 3\n"


def test_missing_script(tmp_path):
    result = leantf_cmd("run", tmp_path / "nope.py")
    assert result.returncode == 2 and "can't open file" in result.stderr
