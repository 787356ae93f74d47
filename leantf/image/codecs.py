"""tf.image decode/encode ops: format sniffing, TF's error texts, and the primitives.

Every decode op accepts every supported format, as TF's do (``decode_png`` of a JPEG
file decodes it); the op name only changes the error texts and the dtypes allowed.
Nothing read from a file is ever executed: the codecs only parse bytes into arrays.
"""
import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError, eager_message
from ..framework.primitive import primitive
from ..framework.tensor import convert_to_tensor
from .color import convert_image_dtype
from .jpeg import JpegError, JpegUnsupported, decode_jpeg_bytes, jpeg_shape
from .png import PNG_SIGNATURE, PngError, decode_png_bytes, encode_png_bytes

__all__ = ["decode_png", "decode_jpeg", "decode_image", "decode_and_crop_jpeg", "encode_png", "is_jpeg",
           "extract_jpeg_shape"]

_UNKNOWN = "Unknown image file format. One of JPEG, JPEG XL, PNG, GIF, BMP, WebP required."
_OP_DEFS = {
    "DecodePng": ("dtype", "contents:string -> image:dtype; attr=channels:int,default=0; "
                  "attr=dtype:type,default=DT_UINT8,allowed=[DT_UINT8, DT_UINT16]", "uint8, uint16"),
    "EncodePng": ("T", "image:T -> contents:string; attr=compression:int,default=-1; "
                  "attr=T:type,default=DT_UINT8,allowed=[DT_UINT8, DT_UINT16]", "uint8, uint16"),
    "DecodeImage": ("dtype", "contents:string -> image:dtype; attr=channels:int,default=0; "
                    "attr=dtype:type,default=DT_UINT8,allowed=[DT_UINT8, DT_UINT16, DT_FLOAT]; "
                    "attr=expand_animations:bool,default=true", "uint8, uint16, float"),
}


def _fail(op, detail, tail=True):
    """TF's kernel error; ``tail=False`` for the texts TF ends at ``[Op:X]``."""
    return InvalidArgumentError(None, None, eager_message(op, detail, name="" if tail else None))


def _dtype_error(op, dtype):
    attr, signature, allowed = _OP_DEFS[op]
    name = {"float32": "float", "float64": "double", "float16": "half"}.get(dtype.name, dtype.name)
    return InvalidArgumentError(None, None, (
        f"Value for attr '{attr}' of {name} is not in the list of allowed values: {allowed}\n"
        f"\t; NodeDef: {{{{node {op}}}}}; Op<name={op}; signature={signature}> [Op:{op}] name: "))


def _format(data):
    if data[:8] == PNG_SIGNATURE:
        return "png"
    if data[:3] == b"\xff\xd8\xff":
        return "jpeg"
    if data[:4] == b"GIF8":
        return "gif"
    if data[:2] == b"BM":
        return "bmp"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def _decode(op, contents, channels, np_dtype, **jpeg_options):
    """The shared kernel: bytes -> (H, W, C) array, raising TF's InvalidArgumentError texts."""
    if contents.ndim != 0:
        shape = ",".join(str(d) for d in contents.shape)
        raise _fail(op, f"`contents` must be scalar but got shape[{shape}]")
    if channels not in (0, 1, 3, 4):
        raise _fail(op, f"`channels` must be 0, 1, 3 or 4 but got {channels}")
    data = contents.item()
    if not data:
        raise _fail(op, "Input is empty.", tail=False)
    kind = _format(data)
    if kind is None:
        raise _fail(op, _UNKNOWN, tail=False)
    if kind == "png":
        try:
            return decode_png_bytes(data, channels, np.uint16 if np_dtype == np.uint16 else np.uint8)
        except PngError as e:
            detail = "Invalid PNG. Failed to initialize decoder." if e.header else f"Invalid PNG data, size {len(data)}"
            raise _fail(op, detail, tail=False) from None
    if kind == "jpeg":
        if channels == 4:
            raise _fail(op, "JPEG does not support 4 channels", tail=False)
        try:
            pixels = decode_jpeg_bytes(data, channels, **jpeg_options)
        except JpegUnsupported as e:
            raise _fail(op, f"leantf decodes baseline JPEG only; this file is {e} (unsupported)", tail=False) from None
        except (JpegError, IndexError, ValueError):
            raise _fail(op, "jpeg::Uncompress failed. Invalid JPEG data or crop window.", tail=False) from None
        return pixels.astype(np.uint16) * np.uint16(257) if np_dtype == np.uint16 else pixels
    raise _fail(op, f"leantf does not decode {kind.upper()} images (PNG and baseline JPEG only)", tail=False)


def _spec(contents, channels=0, **attrs):
    out = attrs.get("out_dtype", dtypes.uint8)
    return [None, None, channels or None], out


@primitive("DecodePng", differentiable=False)
def _decode_png_prim(contents, channels=0, out_dtype=dtypes.uint8):
    return _decode("DecodePng", contents, channels, out_dtype.as_numpy_dtype)


@primitive("DecodeJpeg", differentiable=False)
def _decode_jpeg_prim(contents, channels=0, fancy_upsampling=True, dct_method="", crop=None):
    image = _decode("DecodeJpeg" if crop is None else "DecodeAndCropJpeg", contents, channels, np.uint8,
                    fancy_upsampling=fancy_upsampling, dct_method=dct_method)
    if crop is None:
        return image
    y, x, h, w = crop
    if y < 0 or x < 0 or h <= 0 or w <= 0 or y + h > image.shape[0] or x + w > image.shape[1]:
        raise _fail("DecodeAndCropJpeg", "jpeg::Uncompress failed. Invalid JPEG data or crop window.", tail=False)
    return image[y:y + h, x:x + w]


@primitive("DecodeImage", differentiable=False)
def _decode_image_prim(contents, channels=0, out_dtype=dtypes.uint8):
    np_dtype = out_dtype.as_numpy_dtype
    image = _decode("DecodeImage", contents, channels, np.uint16 if np_dtype == np.uint16 else np.uint8)
    if out_dtype is dtypes.float32:
        # TF scales to [0, 1] by the integer type's maximum, computed in float32.
        return image.astype(np.float32) * np.float32(1.0 / 255.0)
    return image


@primitive("EncodePng", differentiable=False)
def _encode_png_prim(image, compression=-1):
    if image.ndim < 3:
        raise _fail("EncodePng", f"images must be at least rank 3[{','.join(map(str, image.shape))}]")
    if image.shape[-1] not in (1, 2, 3, 4):
        raise _fail("EncodePng", f"image must have 1, 2, 3, or 4 channels, got {image.shape[-1]}")
    if image.ndim != 3:
        raise _fail("EncodePng", f"image must be 3-dimensional[{','.join(map(str, image.shape))}]")
    return np.array(encode_png_bytes(image, compression), dtype=object)


for _p in (_decode_png_prim, _decode_image_prim):
    _p.spec(_spec)
_decode_jpeg_prim.spec(lambda contents, channels=0, **_: ([None, None, channels or None], dtypes.uint8))
_encode_png_prim.spec(lambda image, compression=-1: ([], dtypes.string))


def _contents(contents):
    t = convert_to_tensor(contents)
    if t.dtype is not dtypes.string:
        t = convert_to_tensor(contents, dtypes.string)
    return t


def decode_png(contents, channels=0, dtype=dtypes.uint8, name=None):
    """Decode a PNG (or any supported format) into a uint8/uint16 (H, W, C) tensor."""
    dtype = dtypes.as_dtype(dtype)
    if dtype not in (dtypes.uint8, dtypes.uint16):
        raise _dtype_error("DecodePng", dtype)
    return _decode_png_prim(_contents(contents), channels=int(channels), out_dtype=dtype)


def decode_jpeg(contents, channels=0, ratio=1, fancy_upscaling=True, try_recover_truncated=False,
                acceptable_fraction=1, dct_method="", name=None):
    """Decode a JPEG (or any supported format) into a uint8 (H, W, C) tensor, pixel-exact with TF."""
    if ratio != 1:
        raise NotImplementedError("leantf: decode_jpeg supports ratio=1 only")
    return _decode_jpeg_prim(_contents(contents), channels=int(channels), fancy_upsampling=bool(fancy_upscaling),
                             dct_method=dct_method)


def decode_and_crop_jpeg(contents, crop_window, channels=0, ratio=1, fancy_upscaling=True,
                         try_recover_truncated=False, acceptable_fraction=1, dct_method="", name=None):
    """Decode a JPEG and return the window [y, x, height, width] of it."""
    window = tuple(int(v) for v in np.asarray(convert_to_tensor(crop_window, dtypes.int32).numpy()).reshape(-1))
    if ratio != 1:
        raise NotImplementedError("leantf: decode_and_crop_jpeg supports ratio=1 only")
    return _decode_jpeg_prim(_contents(contents), channels=int(channels), fancy_upsampling=bool(fancy_upscaling),
                             dct_method=dct_method, crop=window)


def decode_image(contents, channels=None, dtype=dtypes.uint8, name=None, expand_animations=True):
    """Decode PNG or JPEG by sniffing the format; float32 output is scaled to [0, 1]."""
    dtype = dtypes.as_dtype(dtype)
    if dtype not in (dtypes.uint8, dtypes.uint16, dtypes.float32):
        raise _dtype_error("DecodeImage", dtype)
    image = _decode_image_prim(_contents(contents), channels=int(channels or 0),
                               out_dtype=dtypes.uint16 if dtype is dtypes.uint16 else dtypes.uint8)
    if dtype is dtypes.float32:
        return convert_image_dtype(image, dtypes.float32)
    return image


def encode_png(image, compression=-1, name=None):
    """Encode a uint8/uint16 (H, W, C) tensor as PNG bytes (a scalar string tensor)."""
    image = convert_to_tensor(image)
    if image.dtype not in (dtypes.uint8, dtypes.uint16):
        raise _dtype_error("EncodePng", image.dtype)
    return _encode_png_prim(image, compression=int(compression))


def is_jpeg(contents, name=None):
    """True when the bytes start with the JPEG SOI marker and another marker."""
    return convert_to_tensor(_format(_contents(contents).numpy()) == "jpeg")


def extract_jpeg_shape(contents, output_type=dtypes.int32, name=None):
    """[height, width, components] read from the JPEG frame header without decoding."""
    try:
        shape = jpeg_shape(_contents(contents).numpy())
    except (JpegError, IndexError):
        raise _fail("ExtractJpegShape", "Invalid JPEG data, size " + str(len(_contents(contents).numpy())),
                    tail=False) from None
    return convert_to_tensor(np.array(shape), output_type)
