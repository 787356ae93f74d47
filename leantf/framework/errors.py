"""tf.errors: OpError and its subclasses, with TensorFlow's error codes."""

OK = 0
CANCELLED = 1
UNKNOWN = 2
INVALID_ARGUMENT = 3
DEADLINE_EXCEEDED = 4
NOT_FOUND = 5
ALREADY_EXISTS = 6
PERMISSION_DENIED = 7
RESOURCE_EXHAUSTED = 8
FAILED_PRECONDITION = 9
ABORTED = 10
OUT_OF_RANGE = 11
UNIMPLEMENTED = 12
INTERNAL = 13
UNAVAILABLE = 14
DATA_LOSS = 15
UNAUTHENTICATED = 16


class OpError(Exception):
    """The error an op raises when it fails at run time."""

    def __init__(self, node_def, op, message, error_code=UNKNOWN, *args):
        super().__init__()  # TF keeps ``args`` empty; str() gives the message
        self._node_def = node_def
        self._op = op
        self._message = message
        self._error_code = error_code
        self._experimental_payloads = args[0] if args else {}

    @property
    def message(self):
        return self._message

    @property
    def op(self):
        return self._op

    @property
    def node_def(self):
        return self._node_def

    @property
    def error_code(self):
        return self._error_code

    @property
    def experimental_payloads(self):
        return self._experimental_payloads

    def __str__(self):
        return self._message

    def __reduce__(self):
        return type(self), (self._node_def, self._op, self._message, self._error_code)


def _error_class(name, code):
    def __init__(self, node_def=None, op=None, message=None, *args):
        OpError.__init__(self, node_def, op, message if message is not None else name, code, *args)

    def __reduce__(self):
        return type(self), (self._node_def, self._op, self._message)
    return type(name, (OpError,), {"__init__": __init__, "__reduce__": __reduce__, "__module__": __name__})


CancelledError = _error_class("CancelledError", CANCELLED)
UnknownError = _error_class("UnknownError", UNKNOWN)
InvalidArgumentError = _error_class("InvalidArgumentError", INVALID_ARGUMENT)
DeadlineExceededError = _error_class("DeadlineExceededError", DEADLINE_EXCEEDED)
NotFoundError = _error_class("NotFoundError", NOT_FOUND)
AlreadyExistsError = _error_class("AlreadyExistsError", ALREADY_EXISTS)
PermissionDeniedError = _error_class("PermissionDeniedError", PERMISSION_DENIED)
UnauthenticatedError = _error_class("UnauthenticatedError", UNAUTHENTICATED)
ResourceExhaustedError = _error_class("ResourceExhaustedError", RESOURCE_EXHAUSTED)
FailedPreconditionError = _error_class("FailedPreconditionError", FAILED_PRECONDITION)
AbortedError = _error_class("AbortedError", ABORTED)
OutOfRangeError = _error_class("OutOfRangeError", OUT_OF_RANGE)
UnimplementedError = _error_class("UnimplementedError", UNIMPLEMENTED)
InternalError = _error_class("InternalError", INTERNAL)
UnavailableError = _error_class("UnavailableError", UNAVAILABLE)
DataLossError = _error_class("DataLossError", DATA_LOSS)

_CPU_DEVICE = "/job:localhost/replica:0/task:0/device:CPU:0"


def eager_message(op_type, detail, kernel=None, name=""):
    """TF's text for a kernel failure in eager mode.

    ``kernel`` names the wrapped kernel where it differs from the op type (TF's
    oneDNN build reports MatMul failures from ``_MklMatMul``); ``name`` is the op
    name TF appends (None for ops whose Python wrapper passes none).
    """
    wrapped = kernel or op_type
    tail = "" if name is None else f" name: {name}"
    return f"{{{{function_node __wrapped__{wrapped}_device_{_CPU_DEVICE}}}}} {detail} [Op:{op_type}]{tail}"


def op_message(op_type, detail):
    """TF's text for an error raised while an eager op validates its inputs."""
    return f"{detail} [Op:{op_type}] name: "
