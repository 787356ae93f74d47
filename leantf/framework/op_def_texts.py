"""TF's "allowed values" error text per op, recorded from TensorFlow 2.21 by
tools/golden_op_defs.py (do not edit by hand). ``{dtype}`` marks the refused type."""

OP_DEF_TEXTS = {
    'Abs': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, i"
        'nt8, int16, int32, int64\n\t; NodeDef: {{node Abs}}; Op<name=Abs; signature=x:T -> y:T; attr=T:type,al'
        'lowed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_INT8, DT_INT16, DT_INT32, DT_INT64]>'
    ),
    'Acos': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, c"
        'omplex64, complex128\n\t; NodeDef: {{node Acos}}; Op<name=Acos; signature=x:T -> y:T; attr=T:type,allo'
        'wed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_COMPLEX64, DT_COMPLEX128]>'
    ),
    'Add': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, u"
        'int8, int8, int16, int32, int64, complex64, complex128, string\n\t; NodeDef: {{node Add}}; Op<name=Add'
        '; signature=x:T, y:T -> z:T; attr=T:type,allowed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_UINT'
        '8, DT_INT8, DT_INT16, DT_INT32, DT_INT64, DT_COMPLEX64, DT_COMPLEX128, DT_STRING]>'
    ),
    'AddV2': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, u"
        'int8, uint16, uint32, uint64, int8, int16, int32, int64, complex64, complex128\n\t; NodeDef: {{node Ad'
        'dV2}}; Op<name=AddV2; signature=x:T, y:T -> z:T; attr=T:type,allowed=[DT_BFLOAT16, DT_HALF, DT_FLOAT'
        ', DT_DOUBLE, DT_UINT8, DT_UINT16, DT_UINT32, DT_UINT64, DT_INT8, DT_INT16, DT_INT32, DT_INT64, DT_CO'
        'MPLEX64, DT_COMPLEX128]; is_commutative=true; is_aggregate=true>'
    ),
    'All': (
        'cannot compute All as input #0(zero-based) was expected to be a bool tensor but is a {dtype} tensor'
    ),
    'Angle': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: complex64, complex128\n\t; NodeDef"
        ': {{node Angle}}; Op<name=Angle; signature=input:T -> output:Tout; attr=T:type,default=DT_COMPLEX64,'
        'allowed=[DT_COMPLEX64, DT_COMPLEX128]; attr=Tout:type,default=DT_FLOAT,allowed=[DT_FLOAT, DT_DOUBLE]'
        '>'
    ),
    'Any': (
        'cannot compute Any as input #0(zero-based) was expected to be a bool tensor but is a {dtype} tensor'
    ),
    'ArgMax': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: float, double, int32, uint8, int"
        '16, int8, int64, bfloat16, uint16, half, uint32, uint64, qint8, quint8, qint32, qint16, quint16, boo'
        'l\n\t; NodeDef: {{node ArgMax}}; Op<name=ArgMax; signature=input:T, dimension:Tidx -> output:output_ty'
        'pe; attr=T:type,allowed=[DT_FLOAT, DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT16, DT_INT8, DT_INT64, DT_BF'
        'LOAT16, DT_UINT16, DT_HALF, DT_UINT32, DT_UINT64, DT_QINT8, DT_QUINT8, DT_QINT32, DT_QINT16, DT_QUIN'
        'T16, DT_BOOL]; attr=Tidx:type,default=DT_INT32,allowed=[DT_INT16, DT_INT32, DT_INT64]; attr=output_t'
        'ype:type,default=DT_INT64,allowed=[DT_INT16, DT_UINT16, DT_INT32, DT_INT64]>'
    ),
    'ArgMin': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: float, double, int32, uint8, int"
        '16, int8, int64, bfloat16, uint16, half, uint32, uint64, qint8, quint8, qint32, qint16, quint16, boo'
        'l\n\t; NodeDef: {{node ArgMin}}; Op<name=ArgMin; signature=input:T, dimension:Tidx -> output:output_ty'
        'pe; attr=T:type,allowed=[DT_FLOAT, DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT16, DT_INT8, DT_INT64, DT_BF'
        'LOAT16, DT_UINT16, DT_HALF, DT_UINT32, DT_UINT64, DT_QINT8, DT_QUINT8, DT_QINT32, DT_QINT16, DT_QUIN'
        'T16, DT_BOOL]; attr=Tidx:type,default=DT_INT32,allowed=[DT_INT32, DT_INT64]; attr=output_type:type,d'
        'efault=DT_INT64,allowed=[DT_INT32, DT_INT64]>'
    ),
    'Asin': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, c"
        'omplex64, complex128\n\t; NodeDef: {{node Asin}}; Op<name=Asin; signature=x:T -> y:T; attr=T:type,allo'
        'wed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_COMPLEX64, DT_COMPLEX128]>'
    ),
    'Atan': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, c"
        'omplex64, complex128\n\t; NodeDef: {{node Atan}}; Op<name=Atan; signature=x:T -> y:T; attr=T:type,allo'
        'wed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_COMPLEX64, DT_COMPLEX128]>'
    ),
    'Atan2': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double\n\t;"
        ' NodeDef: {{node Atan2}}; Op<name=Atan2; signature=y:T, x:T -> z:T; attr=T:type,allowed=[DT_BFLOAT16'
        ', DT_HALF, DT_FLOAT, DT_DOUBLE]>'
    ),
    'AvgPool': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: half, bfloat16, float, double\n\t;"
        ' NodeDef: {{node AvgPool}}; Op<name=AvgPool; signature=value:T -> output:T; attr=ksize:list(int),min'
        '=4; attr=strides:list(int),min=4; attr=padding:string,allowed=["SAME", "VALID"]; attr=data_format:st'
        'ring,default="NHWC",allowed=["NHWC", "NCHW"]; attr=T:type,allowed=[DT_HALF, DT_BFLOAT16, DT_FLOAT, D'
        'T_DOUBLE]>'
    ),
    'BitwiseAnd': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: int8, int16, int32, int64, uint8"
        ', uint16, uint32, uint64\n\t; NodeDef: {{node BitwiseAnd}}; Op<name=BitwiseAnd; signature=x:T, y:T -> '
        'z:T; attr=T:type,allowed=[DT_INT8, DT_INT16, DT_INT32, DT_INT64, DT_UINT8, DT_UINT16, DT_UINT32, DT_'
        'UINT64]; is_commutative=true>'
    ),
    'BitwiseOr': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: int8, int16, int32, int64, uint8"
        ', uint16, uint32, uint64\n\t; NodeDef: {{node BitwiseOr}}; Op<name=BitwiseOr; signature=x:T, y:T -> z:'
        'T; attr=T:type,allowed=[DT_INT8, DT_INT16, DT_INT32, DT_INT64, DT_UINT8, DT_UINT16, DT_UINT32, DT_UI'
        'NT64]; is_commutative=true>'
    ),
    'BitwiseXor': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: int8, int16, int32, int64, uint8"
        ', uint16, uint32, uint64\n\t; NodeDef: {{node BitwiseXor}}; Op<name=BitwiseXor; signature=x:T, y:T -> '
        'z:T; attr=T:type,allowed=[DT_INT8, DT_INT16, DT_INT32, DT_INT64, DT_UINT8, DT_UINT16, DT_UINT32, DT_'
        'UINT64]; is_commutative=true>'
    ),
    'Ceil': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double\n\t;"
        ' NodeDef: {{node Ceil}}; Op<name=Ceil; signature=x:T -> y:T; attr=T:type,allowed=[DT_BFLOAT16, DT_HA'
        'LF, DT_FLOAT, DT_DOUBLE]>'
    ),
    'Cholesky': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: double, float, half, complex64, "
        'complex128\n\t; NodeDef: {{node Cholesky}}; Op<name=Cholesky; signature=input:T -> output:T; attr=T:ty'
        'pe,allowed=[DT_DOUBLE, DT_FLOAT, DT_HALF, DT_COMPLEX64, DT_COMPLEX128]>'
    ),
    'Complex': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: float, double\n\t; NodeDef: {{node"
        ' Complex}}; Op<name=Complex; signature=real:T, imag:T -> out:Tout; attr=T:type,default=DT_FLOAT,allo'
        'wed=[DT_FLOAT, DT_DOUBLE]; attr=Tout:type,default=DT_COMPLEX64,allowed=[DT_COMPLEX64, DT_COMPLEX128]'
        '>'
    ),
    'Conj': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: complex64, complex128, variant\n\t"
        '; NodeDef: {{node Conj}}; Op<name=Conj; signature=input:T -> output:T; attr=T:type,default=DT_COMPLE'
        'X64,allowed=[DT_COMPLEX64, DT_COMPLEX128, DT_VARIANT]>'
    ),
    'Conv2D': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: half, bfloat16, float, double, i"
        'nt32\n\t; NodeDef: {{node Conv2D}}; Op<name=Conv2D; signature=input:T, filter:T -> output:T; attr=T:ty'
        'pe,allowed=[DT_HALF, DT_BFLOAT16, DT_FLOAT, DT_DOUBLE, DT_INT32]; attr=strides:list(int); attr=use_c'
        'udnn_on_gpu:bool,default=true; attr=padding:string,allowed=["SAME", "VALID", "EXPLICIT"]; attr=expli'
        'cit_paddings:list(int),default=[]; attr=data_format:string,default="NHWC",allowed=["NHWC", "NCHW"]; '
        'attr=dilations:list(int),default=[1, 1, 1, 1]>'
    ),
    'Conv2DBackpropFilter': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: half, bfloat16, float, double\n\t;"
        ' NodeDef: {{node Conv2DBackpropFilter}}; Op<name=Conv2DBackpropFilter; signature=input:T, filter_siz'
        'es:int32, out_backprop:T -> output:T; attr=T:type,allowed=[DT_HALF, DT_BFLOAT16, DT_FLOAT, DT_DOUBLE'
        ']; attr=strides:list(int); attr=use_cudnn_on_gpu:bool,default=true; attr=padding:string,allowed=["SA'
        'ME", "VALID", "EXPLICIT"]; attr=explicit_paddings:list(int),default=[]; attr=data_format:string,defa'
        'ult="NHWC",allowed=["NHWC", "NCHW"]; attr=dilations:list(int),default=[1, 1, 1, 1]>'
    ),
    'Conv3D': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: half, bfloat16, float, double\n\t;"
        ' NodeDef: {{node Conv3D}}; Op<name=Conv3D; signature=input:T, filter:T -> output:T; attr=T:type,allo'
        'wed=[DT_HALF, DT_BFLOAT16, DT_FLOAT, DT_DOUBLE]; attr=strides:list(int),min=5; attr=padding:string,a'
        'llowed=["SAME", "VALID"]; attr=data_format:string,default="NDHWC",allowed=["NDHWC", "NCDHW"]; attr=d'
        'ilations:list(int),default=[1, 1, 1, 1, 1]>'
    ),
    'Conv3DBackpropFilterV2': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: half, bfloat16, float, double\n\t;"
        ' NodeDef: {{node Conv3DBackpropFilterV2}}; Op<name=Conv3DBackpropFilterV2; signature=input:T, filter'
        '_sizes:int32, out_backprop:T -> output:T; attr=T:type,allowed=[DT_HALF, DT_BFLOAT16, DT_FLOAT, DT_DO'
        'UBLE]; attr=strides:list(int),min=5; attr=padding:string,allowed=["SAME", "VALID"]; attr=data_format'
        ':string,default="NDHWC",allowed=["NDHWC", "NCDHW"]; attr=dilations:list(int),default=[1, 1, 1, 1, 1]'
        '>'
    ),
    'Cos': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, c"
        'omplex64, complex128\n\t; NodeDef: {{node Cos}}; Op<name=Cos; signature=x:T -> y:T; attr=T:type,allowe'
        'd=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_COMPLEX64, DT_COMPLEX128]>'
    ),
    'Cosh': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, c"
        'omplex64, complex128\n\t; NodeDef: {{node Cosh}}; Op<name=Cosh; signature=x:T -> y:T; attr=T:type,allo'
        'wed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_COMPLEX64, DT_COMPLEX128]>'
    ),
    'Cumprod': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: float, double, int32, uint8, int"
        '16, int8, complex64, int64, qint8, quint8, qint32, bfloat16, qint16, quint16, uint16, complex128, ha'
        'lf, uint32, uint64\n\t; NodeDef: {{node Cumprod}}; Op<name=Cumprod; signature=x:T, axis:Tidx -> out:T;'
        ' attr=exclusive:bool,default=false; attr=reverse:bool,default=false; attr=T:type,allowed=[DT_FLOAT, '
        'DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT16, DT_INT8, DT_COMPLEX64, DT_INT64, DT_QINT8, DT_QUINT8, DT_QI'
        'NT32, DT_BFLOAT16, DT_QINT16, DT_QUINT16, DT_UINT16, DT_COMPLEX128, DT_HALF, DT_UINT32, DT_UINT64]; '
        'attr=Tidx:type,default=DT_INT32,allowed=[DT_INT32, DT_INT64]>'
    ),
    'Cumsum': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: float, double, int32, uint8, int"
        '16, int8, complex64, int64, qint8, quint8, qint32, bfloat16, qint16, quint16, uint16, complex128, ha'
        'lf, uint32, uint64\n\t; NodeDef: {{node Cumsum}}; Op<name=Cumsum; signature=x:T, axis:Tidx -> out:T; a'
        'ttr=exclusive:bool,default=false; attr=reverse:bool,default=false; attr=T:type,allowed=[DT_FLOAT, DT'
        '_DOUBLE, DT_INT32, DT_UINT8, DT_INT16, DT_INT8, DT_COMPLEX64, DT_INT64, DT_QINT8, DT_QUINT8, DT_QINT'
        '32, DT_BFLOAT16, DT_QINT16, DT_QUINT16, DT_UINT16, DT_COMPLEX128, DT_HALF, DT_UINT32, DT_UINT64]; at'
        'tr=Tidx:type,default=DT_INT32,allowed=[DT_INT32, DT_INT64]>'
    ),
    'CumulativeLogsumexp': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double\n\t;"
        ' NodeDef: {{node CumulativeLogsumexp}}; Op<name=CumulativeLogsumexp; signature=x:T, axis:Tidx -> out'
        ':T; attr=exclusive:bool,default=false; attr=reverse:bool,default=false; attr=T:type,allowed=[DT_BFLO'
        'AT16, DT_HALF, DT_FLOAT, DT_DOUBLE]; attr=Tidx:type,default=DT_INT32,allowed=[DT_INT32, DT_INT64]>'
    ),
    'DepthwiseConv2dNative': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: half, bfloat16, float, double\n\t;"
        ' NodeDef: {{node DepthwiseConv2dNative}}; Op<name=DepthwiseConv2dNative; signature=input:T, filter:T'
        ' -> output:T; attr=T:type,allowed=[DT_HALF, DT_BFLOAT16, DT_FLOAT, DT_DOUBLE]; attr=strides:list(int'
        '); attr=padding:string,allowed=["SAME", "VALID", "EXPLICIT"]; attr=explicit_paddings:list(int),defau'
        'lt=[]; attr=data_format:string,default="NHWC",allowed=["NHWC", "NCHW"]; attr=dilations:list(int),def'
        'ault=[1, 1, 1, 1]>'
    ),
    'DepthwiseConv2dNativeBackpropFilter': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: half, bfloat16, float, double\n\t;"
        ' NodeDef: {{node DepthwiseConv2dNativeBackpropFilter}}; Op<name=DepthwiseConv2dNativeBackpropFilter;'
        ' signature=input:T, filter_sizes:int32, out_backprop:T -> output:T; attr=T:type,allowed=[DT_HALF, DT'
        '_BFLOAT16, DT_FLOAT, DT_DOUBLE]; attr=strides:list(int); attr=padding:string,allowed=["SAME", "VALID'
        '", "EXPLICIT"]; attr=explicit_paddings:list(int),default=[]; attr=data_format:string,default="NHWC",'
        'allowed=["NHWC", "NCHW"]; attr=dilations:list(int),default=[1, 1, 1, 1]>'
    ),
    'DivNoNan': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: half, float, bfloat16, double, c"
        'omplex64, complex128\n\t; NodeDef: {{node DivNoNan}}; Op<name=DivNoNan; signature=x:T, y:T -> z:T; att'
        'r=T:type,allowed=[DT_HALF, DT_FLOAT, DT_BFLOAT16, DT_DOUBLE, DT_COMPLEX64, DT_COMPLEX128]>'
    ),
    'Erf': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double\n\t;"
        ' NodeDef: {{node Erf}}; Op<name=Erf; signature=x:T -> y:T; attr=T:type,allowed=[DT_BFLOAT16, DT_HALF'
        ', DT_FLOAT, DT_DOUBLE]>'
    ),
    'Exp': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, c"
        'omplex64, complex128\n\t; NodeDef: {{node Exp}}; Op<name=Exp; signature=x:T -> y:T; attr=T:type,allowe'
        'd=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_COMPLEX64, DT_COMPLEX128]>'
    ),
    'Expm1': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, c"
        'omplex64, complex128\n\t; NodeDef: {{node Expm1}}; Op<name=Expm1; signature=x:T -> y:T; attr=T:type,al'
        'lowed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_COMPLEX64, DT_COMPLEX128]>'
    ),
    'Floor': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double\n\t;"
        ' NodeDef: {{node Floor}}; Op<name=Floor; signature=x:T -> y:T; attr=T:type,allowed=[DT_BFLOAT16, DT_'
        'HALF, DT_FLOAT, DT_DOUBLE]>'
    ),
    'FloorDiv': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, u"
        'int8, int8, uint16, int16, int32, uint32, uint64, int64, complex64, complex128\n\t; NodeDef: {{node Fl'
        'oorDiv}}; Op<name=FloorDiv; signature=x:T, y:T -> z:T; attr=T:type,allowed=[DT_BFLOAT16, DT_HALF, DT'
        '_FLOAT, DT_DOUBLE, DT_UINT8, DT_INT8, DT_UINT16, DT_INT16, DT_INT32, DT_UINT32, DT_UINT64, DT_INT64,'
        ' DT_COMPLEX64, DT_COMPLEX128]>'
    ),
    'FloorMod': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: int8, int16, int32, int64, uint8"
        ', uint16, uint32, uint64, bfloat16, half, float, double\n\t; NodeDef: {{node FloorMod}}; Op<name=Floor'
        'Mod; signature=x:T, y:T -> z:T; attr=T:type,allowed=[DT_INT8, DT_INT16, DT_INT32, DT_INT64, DT_UINT8'
        ', DT_UINT16, DT_UINT32, DT_UINT64, DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE]>'
    ),
    'Greater': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: float, double, int32, uint8, int"
        '16, int8, int64, bfloat16, uint16, half, uint32, uint64\n\t; NodeDef: {{node Greater}}; Op<name=Greate'
        'r; signature=x:T, y:T -> z:bool; attr=T:type,allowed=[DT_FLOAT, DT_DOUBLE, DT_INT32, DT_UINT8, DT_IN'
        'T16, DT_INT8, DT_INT64, DT_BFLOAT16, DT_UINT16, DT_HALF, DT_UINT32, DT_UINT64]>'
    ),
    'GreaterEqual': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: float, double, int32, uint8, int"
        '16, int8, int64, bfloat16, uint16, half, uint32, uint64\n\t; NodeDef: {{node GreaterEqual}}; Op<name=G'
        'reaterEqual; signature=x:T, y:T -> z:bool; attr=T:type,allowed=[DT_FLOAT, DT_DOUBLE, DT_INT32, DT_UI'
        'NT8, DT_INT16, DT_INT8, DT_INT64, DT_BFLOAT16, DT_UINT16, DT_HALF, DT_UINT32, DT_UINT64]>'
    ),
    'Imag': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: complex64, complex128\n\t; NodeDef"
        ': {{node Imag}}; Op<name=Imag; signature=input:T -> output:Tout; attr=T:type,default=DT_COMPLEX64,al'
        'lowed=[DT_COMPLEX64, DT_COMPLEX128]; attr=Tout:type,default=DT_FLOAT,allowed=[DT_FLOAT, DT_DOUBLE]>'
    ),
    'Invert': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: int8, int16, int32, int64, uint8"
        ', uint16, uint32, uint64\n\t; NodeDef: {{node Invert}}; Op<name=Invert; signature=x:T -> y:T; attr=T:t'
        'ype,allowed=[DT_INT8, DT_INT16, DT_INT32, DT_INT64, DT_UINT8, DT_UINT16, DT_UINT32, DT_UINT64]>'
    ),
    'IsFinite': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double\n\t;"
        ' NodeDef: {{node IsFinite}}; Op<name=IsFinite; signature=x:T -> y:bool; attr=T:type,allowed=[DT_BFLO'
        'AT16, DT_HALF, DT_FLOAT, DT_DOUBLE]>'
    ),
    'IsInf': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double\n\t;"
        ' NodeDef: {{node IsInf}}; Op<name=IsInf; signature=x:T -> y:bool; attr=T:type,allowed=[DT_BFLOAT16, '
        'DT_HALF, DT_FLOAT, DT_DOUBLE]>'
    ),
    'IsNan': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double\n\t;"
        ' NodeDef: {{node IsNan}}; Op<name=IsNan; signature=x:T -> y:bool; attr=T:type,allowed=[DT_BFLOAT16, '
        'DT_HALF, DT_FLOAT, DT_DOUBLE]>'
    ),
    'Less': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: float, double, int32, uint8, int"
        '16, int8, int64, bfloat16, uint16, half, uint32, uint64\n\t; NodeDef: {{node Less}}; Op<name=Less; sig'
        'nature=x:T, y:T -> z:bool; attr=T:type,allowed=[DT_FLOAT, DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT16, D'
        'T_INT8, DT_INT64, DT_BFLOAT16, DT_UINT16, DT_HALF, DT_UINT32, DT_UINT64]>'
    ),
    'LessEqual': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: float, double, int32, uint8, int"
        '16, int8, int64, bfloat16, uint16, half, uint32, uint64\n\t; NodeDef: {{node LessEqual}}; Op<name=Less'
        'Equal; signature=x:T, y:T -> z:bool; attr=T:type,allowed=[DT_FLOAT, DT_DOUBLE, DT_INT32, DT_UINT8, D'
        'T_INT16, DT_INT8, DT_INT64, DT_BFLOAT16, DT_UINT16, DT_HALF, DT_UINT32, DT_UINT64]>'
    ),
    'Log': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, c"
        'omplex64, complex128\n\t; NodeDef: {{node Log}}; Op<name=Log; signature=x:T -> y:T; attr=T:type,allowe'
        'd=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_COMPLEX64, DT_COMPLEX128]>'
    ),
    'Log1p': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, c"
        'omplex64, complex128\n\t; NodeDef: {{node Log1p}}; Op<name=Log1p; signature=x:T -> y:T; attr=T:type,al'
        'lowed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_COMPLEX64, DT_COMPLEX128]>'
    ),
    'LogMatrixDeterminant': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: half, float, double, complex64, "
        'complex128\n\t; NodeDef: {{node LogMatrixDeterminant}}; Op<name=LogMatrixDeterminant; signature=input:'
        'T -> sign:T, log_abs_determinant:T; attr=T:type,allowed=[DT_HALF, DT_FLOAT, DT_DOUBLE, DT_COMPLEX64,'
        ' DT_COMPLEX128]>'
    ),
    'LogicalAnd': (
        'cannot compute LogicalAnd as input #0(zero-based) was expected to be a bool tensor but is a {dtype} '
        'tensor'
    ),
    'LogicalNot': (
        'cannot compute LogicalNot as input #0(zero-based) was expected to be a bool tensor but is a {dtype} '
        'tensor'
    ),
    'LogicalOr': (
        'cannot compute LogicalOr as input #0(zero-based) was expected to be a bool tensor but is a {dtype} t'
        'ensor'
    ),
    'MatMul': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, i"
        'nt32, int64, uint8, uint16, uint32, uint64, complex64, complex128\n\t; NodeDef: {{node MatMul}}; Op<na'
        'me=MatMul; signature=a:T, b:T -> product:T; attr=transpose_a:bool,default=false; attr=transpose_b:bo'
        'ol,default=false; attr=T:type,allowed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_INT32, DT_INT64'
        ', DT_UINT8, DT_UINT16, DT_UINT32, DT_UINT64, DT_COMPLEX64, DT_COMPLEX128]; attr=grad_a:bool,default='
        'false; attr=grad_b:bool,default=false>'
    ),
    'MatrixDeterminant': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: half, float, double, complex64, "
        'complex128\n\t; NodeDef: {{node MatrixDeterminant}}; Op<name=MatrixDeterminant; signature=input:T -> o'
        'utput:T; attr=T:type,allowed=[DT_HALF, DT_FLOAT, DT_DOUBLE, DT_COMPLEX64, DT_COMPLEX128]>'
    ),
    'MatrixInverse': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: double, float, half, complex64, "
        'complex128\n\t; NodeDef: {{node MatrixInverse}}; Op<name=MatrixInverse; signature=input:T -> output:T;'
        ' attr=adjoint:bool,default=false; attr=T:type,allowed=[DT_DOUBLE, DT_FLOAT, DT_HALF, DT_COMPLEX64, D'
        'T_COMPLEX128]>'
    ),
    'MatrixSolve': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: double, float, half, complex64, "
        'complex128\n\t; NodeDef: {{node MatrixSolve}}; Op<name=MatrixSolve; signature=matrix:T, rhs:T -> outpu'
        't:T; attr=adjoint:bool,default=false; attr=T:type,allowed=[DT_DOUBLE, DT_FLOAT, DT_HALF, DT_COMPLEX6'
        '4, DT_COMPLEX128]>'
    ),
    'MatrixTriangularSolve': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, double, float, half, c"
        'omplex64, complex128\n\t; NodeDef: {{node MatrixTriangularSolve}}; Op<name=MatrixTriangularSolve; sign'
        'ature=matrix:T, rhs:T -> output:T; attr=lower:bool,default=true; attr=adjoint:bool,default=false; at'
        'tr=T:type,allowed=[DT_BFLOAT16, DT_DOUBLE, DT_FLOAT, DT_HALF, DT_COMPLEX64, DT_COMPLEX128]>'
    ),
    'Max': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: float, double, int32, uint8, int"
        '16, int8, int64, bfloat16, uint16, half, uint32, uint64, qint8, quint8, qint32, qint16, quint16\n\t; N'
        'odeDef: {{node Max}}; Op<name=Max; signature=input:T, reduction_indices:Tidx -> output:T; attr=keep_'
        'dims:bool,default=false; attr=T:type,allowed=[DT_FLOAT, DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT16, DT_'
        'INT8, DT_INT64, DT_BFLOAT16, DT_UINT16, DT_HALF, DT_UINT32, DT_UINT64, DT_QINT8, DT_QUINT8, DT_QINT3'
        '2, DT_QINT16, DT_QUINT16]; attr=Tidx:type,default=DT_INT32,allowed=[DT_INT32, DT_INT64]>'
    ),
    'MaxPool': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: half, bfloat16, float, double, i"
        'nt32, int64, uint8, int16, int8, uint16, qint8\n\t; NodeDef: {{node MaxPool}}; Op<name=MaxPool; signat'
        'ure=input:T -> output:T; attr=T:type,default=DT_FLOAT,allowed=[DT_HALF, DT_BFLOAT16, DT_FLOAT, DT_DO'
        'UBLE, DT_INT32, DT_INT64, DT_UINT8, DT_INT16, DT_INT8, DT_UINT16, DT_QINT8]; attr=ksize:list(int),mi'
        'n=4; attr=strides:list(int),min=4; attr=padding:string,allowed=["SAME", "VALID", "EXPLICIT"]; attr=e'
        'xplicit_paddings:list(int),default=[]; attr=data_format:string,default="NHWC",allowed=["NHWC", "NCHW'
        '", "NCHW_VECT_C"]>'
    ),
    'MaxPoolGrad': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: float, double, int32, uint8, int"
        '16, int8, int64, bfloat16, uint16, half, uint32, uint64\n\t; NodeDef: {{node MaxPoolGrad}}; Op<name=Ma'
        'xPoolGrad; signature=orig_input:T, orig_output:T, grad:T -> output:T; attr=ksize:list(int),min=4; at'
        'tr=strides:list(int),min=4; attr=padding:string,allowed=["SAME", "VALID", "EXPLICIT"]; attr=explicit'
        '_paddings:list(int),default=[]; attr=data_format:string,default="NHWC",allowed=["NHWC", "NCHW"]; att'
        'r=T:type,default=DT_FLOAT,allowed=[DT_FLOAT, DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT16, DT_INT8, DT_IN'
        'T64, DT_BFLOAT16, DT_UINT16, DT_HALF, DT_UINT32, DT_UINT64]>'
    ),
    'MaxPoolGradGrad': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: float, double, int32, uint8, int"
        '16, int8, int64, bfloat16, uint16, half, uint32, uint64\n\t; NodeDef: {{node MaxPoolGradGrad}}; Op<nam'
        'e=MaxPoolGradGrad; signature=orig_input:T, orig_output:T, grad:T -> output:T; attr=ksize:list(int),m'
        'in=4; attr=strides:list(int),min=4; attr=padding:string,allowed=["SAME", "VALID"]; attr=data_format:'
        'string,default="NHWC",allowed=["NHWC", "NCHW"]; attr=T:type,allowed=[DT_FLOAT, DT_DOUBLE, DT_INT32, '
        'DT_UINT8, DT_INT16, DT_INT8, DT_INT64, DT_BFLOAT16, DT_UINT16, DT_HALF, DT_UINT32, DT_UINT64]>'
    ),
    'Maximum': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, i"
        'nt8, uint8, int16, uint16, int32, uint32, int64, uint64\n\t; NodeDef: {{node Maximum}}; Op<name=Maximu'
        'm; signature=x:T, y:T -> z:T; attr=T:type,allowed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_INT'
        '8, DT_UINT8, DT_INT16, DT_UINT16, DT_INT32, DT_UINT32, DT_INT64, DT_UINT64]>'
    ),
    'Mean': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: float, double, int32, uint8, int"
        '16, int8, complex64, int64, qint8, quint8, qint32, bfloat16, qint16, quint16, uint16, complex128, ha'
        'lf, uint32, uint64\n\t; NodeDef: {{node Mean}}; Op<name=Mean; signature=input:T, reduction_indices:Tid'
        'x -> output:T; attr=keep_dims:bool,default=false; attr=T:type,allowed=[DT_FLOAT, DT_DOUBLE, DT_INT32'
        ', DT_UINT8, DT_INT16, DT_INT8, DT_COMPLEX64, DT_INT64, DT_QINT8, DT_QUINT8, DT_QINT32, DT_BFLOAT16, '
        'DT_QINT16, DT_QUINT16, DT_UINT16, DT_COMPLEX128, DT_HALF, DT_UINT32, DT_UINT64]; attr=Tidx:type,defa'
        'ult=DT_INT32,allowed=[DT_INT32, DT_INT64]>'
    ),
    'Min': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: float, double, int32, uint8, int"
        '16, int8, int64, bfloat16, uint16, half, uint32, uint64, qint8, quint8, qint32, qint16, quint16\n\t; N'
        'odeDef: {{node Min}}; Op<name=Min; signature=input:T, reduction_indices:Tidx -> output:T; attr=keep_'
        'dims:bool,default=false; attr=T:type,allowed=[DT_FLOAT, DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT16, DT_'
        'INT8, DT_INT64, DT_BFLOAT16, DT_UINT16, DT_HALF, DT_UINT32, DT_UINT64, DT_QINT8, DT_QUINT8, DT_QINT3'
        '2, DT_QINT16, DT_QUINT16]; attr=Tidx:type,default=DT_INT32,allowed=[DT_INT32, DT_INT64]>'
    ),
    'Minimum': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, i"
        'nt8, uint8, int16, uint16, int32, uint32, int64, uint64\n\t; NodeDef: {{node Minimum}}; Op<name=Minimu'
        'm; signature=x:T, y:T -> z:T; attr=T:type,allowed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_INT'
        '8, DT_UINT8, DT_INT16, DT_UINT16, DT_INT32, DT_UINT32, DT_INT64, DT_UINT64]>'
    ),
    'Mul': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, u"
        'int8, int8, uint16, int16, int32, uint32, uint64, int64, complex64, complex128\n\t; NodeDef: {{node Mu'
        'l}}; Op<name=Mul; signature=x:T, y:T -> z:T; attr=T:type,allowed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT'
        '_DOUBLE, DT_UINT8, DT_INT8, DT_UINT16, DT_INT16, DT_INT32, DT_UINT32, DT_UINT64, DT_INT64, DT_COMPLE'
        'X64, DT_COMPLEX128]; is_commutative=true>'
    ),
    'Neg': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, i"
        'nt8, int16, int32, int64, complex64, complex128\n\t; NodeDef: {{node Neg}}; Op<name=Neg; signature=x:T'
        ' -> y:T; attr=T:type,allowed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_INT8, DT_INT16, DT_INT32'
        ', DT_INT64, DT_COMPLEX64, DT_COMPLEX128]>'
    ),
    'Pow': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, float, half, double, i"
        'nt8, int16, int32, int64, complex64, complex128\n\t; NodeDef: {{node Pow}}; Op<name=Pow; signature=x:T'
        ', y:T -> z:T; attr=T:type,allowed=[DT_BFLOAT16, DT_FLOAT, DT_HALF, DT_DOUBLE, DT_INT8, DT_INT16, DT_'
        'INT32, DT_INT64, DT_COMPLEX64, DT_COMPLEX128]>'
    ),
    'Prod': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: float, double, int32, uint8, int"
        '16, int8, complex64, int64, qint8, quint8, qint32, bfloat16, qint16, quint16, uint16, complex128, ha'
        'lf, uint32, uint64\n\t; NodeDef: {{node Prod}}; Op<name=Prod; signature=input:T, reduction_indices:Tid'
        'x -> output:T; attr=keep_dims:bool,default=false; attr=T:type,allowed=[DT_FLOAT, DT_DOUBLE, DT_INT32'
        ', DT_UINT8, DT_INT16, DT_INT8, DT_COMPLEX64, DT_INT64, DT_QINT8, DT_QUINT8, DT_QINT32, DT_BFLOAT16, '
        'DT_QINT16, DT_QUINT16, DT_UINT16, DT_COMPLEX128, DT_HALF, DT_UINT32, DT_UINT64]; attr=Tidx:type,defa'
        'ult=DT_INT32,allowed=[DT_INT32, DT_INT64]>'
    ),
    'Real': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: complex64, complex128\n\t; NodeDef"
        ': {{node Real}}; Op<name=Real; signature=input:T -> output:Tout; attr=T:type,default=DT_COMPLEX64,al'
        'lowed=[DT_COMPLEX64, DT_COMPLEX128]; attr=Tout:type,default=DT_FLOAT,allowed=[DT_FLOAT, DT_DOUBLE]>'
    ),
    'RealDiv': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, u"
        'int8, int8, uint16, int16, int32, uint32, uint64, int64, complex64, complex128\n\t; NodeDef: {{node Re'
        'alDiv}}; Op<name=RealDiv; signature=x:T, y:T -> z:T; attr=T:type,allowed=[DT_BFLOAT16, DT_HALF, DT_F'
        'LOAT, DT_DOUBLE, DT_UINT8, DT_INT8, DT_UINT16, DT_INT16, DT_INT32, DT_UINT32, DT_UINT64, DT_INT64, D'
        'T_COMPLEX64, DT_COMPLEX128]>'
    ),
    'Reciprocal': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, i"
        'nt8, int16, int32, int64, complex64, complex128\n\t; NodeDef: {{node Reciprocal}}; Op<name=Reciprocal;'
        ' signature=x:T -> y:T; attr=T:type,allowed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_INT8, DT_I'
        'NT16, DT_INT32, DT_INT64, DT_COMPLEX64, DT_COMPLEX128]>'
    ),
    'Round': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, i"
        'nt8, int16, int32, int64, complex64, complex128\n\t; NodeDef: {{node Round}}; Op<name=Round; signature'
        '=x:T -> y:T; attr=T:type,allowed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_INT8, DT_INT16, DT_I'
        'NT32, DT_INT64, DT_COMPLEX64, DT_COMPLEX128]>'
    ),
    'Rsqrt': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, c"
        'omplex64, complex128\n\t; NodeDef: {{node Rsqrt}}; Op<name=Rsqrt; signature=x:T -> y:T; attr=T:type,al'
        'lowed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_COMPLEX64, DT_COMPLEX128]>'
    ),
    'Sigmoid': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, c"
        'omplex64, complex128\n\t; NodeDef: {{node Sigmoid}}; Op<name=Sigmoid; signature=x:T -> y:T; attr=T:typ'
        'e,allowed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_COMPLEX64, DT_COMPLEX128]>'
    ),
    'Sign': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, i"
        'nt8, int16, int32, int64, complex64, complex128\n\t; NodeDef: {{node Sign}}; Op<name=Sign; signature=x'
        ':T -> y:T; attr=T:type,allowed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_INT8, DT_INT16, DT_INT'
        '32, DT_INT64, DT_COMPLEX64, DT_COMPLEX128]>'
    ),
    'Sin': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, c"
        'omplex64, complex128\n\t; NodeDef: {{node Sin}}; Op<name=Sin; signature=x:T -> y:T; attr=T:type,allowe'
        'd=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_COMPLEX64, DT_COMPLEX128]>'
    ),
    'Sinh': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, c"
        'omplex64, complex128\n\t; NodeDef: {{node Sinh}}; Op<name=Sinh; signature=x:T -> y:T; attr=T:type,allo'
        'wed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_COMPLEX64, DT_COMPLEX128]>'
    ),
    'Sqrt': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, c"
        'omplex64, complex128\n\t; NodeDef: {{node Sqrt}}; Op<name=Sqrt; signature=x:T -> y:T; attr=T:type,allo'
        'wed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_COMPLEX64, DT_COMPLEX128]>'
    ),
    'Square': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, i"
        'nt8, int16, int32, int64, uint8, uint16, uint32, uint64, complex64, complex128\n\t; NodeDef: {{node Sq'
        'uare}}; Op<name=Square; signature=x:T -> y:T; attr=T:type,allowed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, D'
        'T_DOUBLE, DT_INT8, DT_INT16, DT_INT32, DT_INT64, DT_UINT8, DT_UINT16, DT_UINT32, DT_UINT64, DT_COMPL'
        'EX64, DT_COMPLEX128]>'
    ),
    'SquaredDifference': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, i"
        'nt32, int64, complex64, complex128\n\t; NodeDef: {{node SquaredDifference}}; Op<name=SquaredDifference'
        '; signature=x:T, y:T -> z:T; attr=T:type,allowed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_INT3'
        '2, DT_INT64, DT_COMPLEX64, DT_COMPLEX128]; is_commutative=true>'
    ),
    'Sub': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, u"
        'int8, int8, uint16, int16, int32, int64, complex64, complex128, uint32, uint64\n\t; NodeDef: {{node Su'
        'b}}; Op<name=Sub; signature=x:T, y:T -> z:T; attr=T:type,allowed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT'
        '_DOUBLE, DT_UINT8, DT_INT8, DT_UINT16, DT_INT16, DT_INT32, DT_INT64, DT_COMPLEX64, DT_COMPLEX128, DT'
        '_UINT32, DT_UINT64]>'
    ),
    'Sum': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: float, double, int32, uint8, int"
        '16, int8, complex64, int64, qint8, quint8, qint32, bfloat16, qint16, quint16, uint16, complex128, ha'
        'lf, uint32, uint64\n\t; NodeDef: {{node Sum}}; Op<name=Sum; signature=input:T, reduction_indices:Tidx '
        '-> output:T; attr=keep_dims:bool,default=false; attr=T:type,allowed=[DT_FLOAT, DT_DOUBLE, DT_INT32, '
        'DT_UINT8, DT_INT16, DT_INT8, DT_COMPLEX64, DT_INT64, DT_QINT8, DT_QUINT8, DT_QINT32, DT_BFLOAT16, DT'
        '_QINT16, DT_QUINT16, DT_UINT16, DT_COMPLEX128, DT_HALF, DT_UINT32, DT_UINT64]; attr=Tidx:type,defaul'
        't=DT_INT32,allowed=[DT_INT32, DT_INT64]>'
    ),
    'Tan': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, c"
        'omplex64, complex128\n\t; NodeDef: {{node Tan}}; Op<name=Tan; signature=x:T -> y:T; attr=T:type,allowe'
        'd=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_COMPLEX64, DT_COMPLEX128]>'
    ),
    'Tanh': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: bfloat16, half, float, double, c"
        'omplex64, complex128\n\t; NodeDef: {{node Tanh}}; Op<name=Tanh; signature=x:T -> y:T; attr=T:type,allo'
        'wed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_COMPLEX64, DT_COMPLEX128]>'
    ),
    'TopKV2': (
        "Value for attr 'T' of {dtype} is not in the list of allowed values: float, double, int32, uint8, int"
        '16, int8, int64, bfloat16, uint16, half, uint32, uint64\n\t; NodeDef: {{node TopKV2}}; Op<name=TopKV2;'
        ' signature=input:T, k:Tk -> values:T, indices:index_type; attr=sorted:bool,default=true; attr=T:type'
        ',allowed=[DT_FLOAT, DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT16, DT_INT8, DT_INT64, DT_BFLOAT16, DT_UINT'
        '16, DT_HALF, DT_UINT32, DT_UINT64]; attr=Tk:type,default=DT_INT32,allowed=[DT_INT16, DT_INT32, DT_IN'
        'T64]; attr=index_type:type,default=DT_INT32,allowed=[DT_INT16, DT_INT32, DT_INT64]>'
    ),
}
