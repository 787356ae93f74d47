"""keras.layers."""
from .input_layer import Input, InputLayer  # noqa: F401
from .input_spec import InputSpec  # noqa: F401
from .layer import Layer  # noqa: F401
from .core.dense import Dense  # noqa: F401
from .core.simple import Activation, Dropout, Flatten, Reshape, Softmax  # noqa: F401
from .core.embedding import Embedding  # noqa: F401
from .core.lambda_layer import Lambda  # noqa: F401
from .activations import ELU, LeakyReLU, PReLU, ReLU  # noqa: F401
from .convolutional import (Conv1D, Conv1DTranspose, Conv2D, Conv2DTranspose, Conv3D,  # noqa: F401
                            Conv3DTranspose, DepthwiseConv1D, DepthwiseConv2D, SeparableConv1D, SeparableConv2D)
from .pooling import (AveragePooling1D, AveragePooling2D, AveragePooling3D, GlobalAveragePooling1D,  # noqa: F401
                      GlobalAveragePooling2D, GlobalAveragePooling3D, GlobalMaxPooling1D, GlobalMaxPooling2D,
                      GlobalMaxPooling3D, MaxPooling1D, MaxPooling2D, MaxPooling3D)
from .reshaping import (Cropping1D, Cropping2D, Permute, RepeatVector, UpSampling1D, UpSampling2D,  # noqa: F401
                        ZeroPadding1D, ZeroPadding2D)
from .normalization import BatchNormalization, LayerNormalization  # noqa: F401
from .merging import (Add, Average, Concatenate, Dot, Maximum, Minimum, Multiply, Subtract, add,  # noqa: F401
                      average, concatenate, dot, maximum, minimum, multiply, subtract)
from .regularization import GaussianNoise, SpatialDropout1D, SpatialDropout2D, SpatialDropout3D  # noqa: F401
from .preprocessing import Normalization, Rescaling  # noqa: F401
from .core.einsum_dense import EinsumDense  # noqa: F401
from .core.misc import ActivityRegularization, AlphaDropout, Identity, Masking  # noqa: F401
from .normalization.group_unit_normalization import GroupNormalization, UnitNormalization  # noqa: F401
from .attention import AdditiveAttention, Attention, MultiHeadAttention  # noqa: F401
from .rnn import (GRU, LSTM, RNN, Bidirectional, GRUCell, LSTMCell, SimpleRNN, SimpleRNNCell,  # noqa: F401
                  TimeDistributed)
from ..saving.serialization import register_builtin as _register

# Keras's other public names for the same classes (instances keep the class's name:
# MaxPool2D() is named "max_pooling2d").
MaxPool1D, MaxPool2D, MaxPool3D = MaxPooling1D, MaxPooling2D, MaxPooling3D
AvgPool1D, AvgPool2D, AvgPool3D = AveragePooling1D, AveragePooling2D, AveragePooling3D
GlobalAvgPool1D, GlobalAvgPool2D, GlobalAvgPool3D = GlobalAveragePooling1D, GlobalAveragePooling2D, \
    GlobalAveragePooling3D
GlobalMaxPool1D, GlobalMaxPool2D, GlobalMaxPool3D = GlobalMaxPooling1D, GlobalMaxPooling2D, GlobalMaxPooling3D
Convolution1D, Convolution2D, Convolution3D = Conv1D, Conv2D, Conv3D
Convolution1DTranspose, Convolution2DTranspose, Convolution3DTranspose = Conv1DTranspose, Conv2DTranspose, \
    Conv3DTranspose
SeparableConvolution1D, SeparableConvolution2D = SeparableConv1D, SeparableConv2D

# Serialization allowlist: "keras.layers.<Name>" resolves to these classes. The first name
# registered for a class is the one written into configs (Keras's first export name).
for _cls in (InputLayer, Dense, Activation, Dropout, Flatten, Reshape, Softmax, Embedding, Lambda, ELU, LeakyReLU,
             PReLU, ReLU, Conv1D, Conv2D, Conv3D, Conv1DTranspose, Conv2DTranspose, Conv3DTranspose,
             DepthwiseConv1D, DepthwiseConv2D, SeparableConv1D, SeparableConv2D, MaxPooling1D, MaxPooling2D,
             MaxPooling3D, AveragePooling1D, AveragePooling2D, AveragePooling3D, GlobalAveragePooling1D,
             GlobalAveragePooling2D, GlobalAveragePooling3D, GlobalMaxPooling1D, GlobalMaxPooling2D,
             GlobalMaxPooling3D, Cropping1D, Cropping2D, Permute, RepeatVector, UpSampling1D, UpSampling2D,
             ZeroPadding1D, ZeroPadding2D, BatchNormalization, LayerNormalization, Add, Average, Concatenate, Dot,
             Maximum, Minimum, Multiply, Subtract, GaussianNoise, SpatialDropout1D, SpatialDropout2D,
             SpatialDropout3D, Normalization, Rescaling, EinsumDense, Masking, Identity, ActivityRegularization,
             AlphaDropout, GroupNormalization, UnitNormalization, MultiHeadAttention, Attention, AdditiveAttention,
             RNN, SimpleRNN, LSTM, GRU, SimpleRNNCell, LSTMCell, GRUCell, Bidirectional, TimeDistributed):
    _register("keras.layers", _cls)
for _alias in ("MaxPool1D", "MaxPool2D", "MaxPool3D", "AvgPool1D", "AvgPool2D", "AvgPool3D", "GlobalAvgPool1D",
               "GlobalAvgPool2D", "GlobalAvgPool3D", "GlobalMaxPool1D", "GlobalMaxPool2D", "GlobalMaxPool3D",
               "Convolution1D", "Convolution2D", "Convolution3D", "Convolution1DTranspose", "Convolution2DTranspose",
               "Convolution3DTranspose", "SeparableConvolution1D", "SeparableConvolution2D"):
    _register("keras.layers", globals()[_alias], _alias)
_register("keras", Layer)  # the base class's first export name is keras.Layer
_register("keras.layers", Layer)
del _cls, _alias, _register
