"""tf.compat.v1: eager-mode switches. leantf always runs eagerly, as TF 2 does by default."""

__all__ = ["enable_eager_execution", "executing_eagerly"]


def enable_eager_execution(config=None, device_policy=None, execution_mode=None):
    """Already the case in TF 2 (and in leantf): nothing to do."""
    return None


def executing_eagerly():
    return True
