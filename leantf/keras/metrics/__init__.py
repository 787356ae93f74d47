"""keras.metrics: metric classes, metric functions, and get/serialize/deserialize.

As in Keras (and TF's tf.keras), the per-sample loss functions are metric functions too
(``keras.metrics.mean_squared_error``, ``tf.keras.metrics.mse`` ...).
"""
from ..losses import (MAE, MAPE, MSE, MSLE, KLD, binary_crossentropy, binary_focal_crossentropy,  # noqa: F401
                      categorical_crossentropy, categorical_focal_crossentropy, categorical_hinge, hinge, huber,
                      kl_divergence, kld, kullback_leibler_divergence, log_cosh, logcosh, mae, mape,
                      mean_absolute_error, mean_absolute_percentage_error, mean_squared_error,
                      mean_squared_logarithmic_error, mse, msle, poisson, sparse_categorical_crossentropy,
                      squared_hinge)
from ..naming import to_snake_case
from ..saving import serialization as _ser
from .accuracy_metrics import (Accuracy, BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy,  # noqa
                               SparseTopKCategoricalAccuracy, TopKCategoricalAccuracy, binary_accuracy,
                               categorical_accuracy, sparse_categorical_accuracy, sparse_top_k_categorical_accuracy,
                               top_k_categorical_accuracy)
from .confusion_metrics import (AUC, FalseNegatives, FalsePositives, Precision, Recall, TrueNegatives,  # noqa
                                TruePositives)
from .metric import Metric  # noqa: F401
from .reduction_metrics import Mean, MeanMetricWrapper, Sum  # noqa: F401
from .regression_metrics import (BinaryCrossentropy, CategoricalCrossentropy, CategoricalHinge,  # noqa: F401
                                 CosineSimilarity, Hinge, KLDivergence, LogCoshError, MeanAbsoluteError,
                                 MeanAbsolutePercentageError, MeanSquaredError, MeanSquaredLogarithmicError, Poisson,
                                 RootMeanSquaredError, SparseCategoricalCrossentropy, SquaredHinge)

ALL_OBJECTS = {Metric, Mean, Sum, MeanMetricWrapper, MeanSquaredError, RootMeanSquaredError, MeanAbsoluteError,
               MeanAbsolutePercentageError, MeanSquaredLogarithmicError, CosineSimilarity, LogCoshError, AUC,
               FalseNegatives, FalsePositives, Precision, Recall, TrueNegatives, TruePositives, Hinge, SquaredHinge,
               CategoricalHinge, KLDivergence, Poisson, BinaryCrossentropy, CategoricalCrossentropy,
               SparseCategoricalCrossentropy, Accuracy, BinaryAccuracy, CategoricalAccuracy,
               SparseCategoricalAccuracy, TopKCategoricalAccuracy, SparseTopKCategoricalAccuracy}
ALL_OBJECTS_DICT = {cls.__name__: cls for cls in ALL_OBJECTS}
ALL_OBJECTS_DICT.update({to_snake_case(cls.__name__): cls for cls in ALL_OBJECTS})
ALL_OBJECTS_DICT.update({"bce": BinaryCrossentropy, "BCE": BinaryCrossentropy, "mse": MeanSquaredError,
                         "MSE": MeanSquaredError, "mae": MeanAbsoluteError, "MAE": MeanAbsoluteError,
                         "mape": MeanAbsolutePercentageError, "MAPE": MeanAbsolutePercentageError,
                         "msle": MeanSquaredLogarithmicError, "MSLE": MeanSquaredLogarithmicError})

_ser.register_builtin("keras", Metric)  # Keras's first export name for the base class is keras.Metric
for _cls in sorted(ALL_OBJECTS, key=lambda c: c.__name__):
    _ser.register_builtin("keras.metrics", _cls)

_serialize, _deserialize, get = _ser.namespace_functions(__name__, "metric", ALL_OBJECTS_DICT)


def serialize(metric):
    return _serialize(metric)


def deserialize(config, custom_objects=None):
    return _deserialize(config, custom_objects)
