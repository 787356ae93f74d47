"""keras.callbacks.RemoteMonitor: POST each epoch's logs to a server.

Keras sends the request with the `requests` package; leantf uses the standard library's
urllib, so the callback needs nothing installed. The request is the same: a JSON body when
``send_as_json``, else a form whose ``field`` holds the JSON text.
"""
import json
import warnings

import numpy as np

from .callback import Callback

__all__ = ["RemoteMonitor"]


class RemoteMonitor(Callback):
    def __init__(self, root="http://localhost:9000", path="/publish/epoch/end/", field="data", headers=None,
                 send_as_json=False):
        super().__init__()
        self.root = root
        self.path = path
        self.field = field
        self.headers = headers
        self.send_as_json = send_as_json

    def on_epoch_end(self, epoch, logs=None):
        # Imported here: urllib.request brings http.client and email, ~25 ms that every
        # `import leantf.keras` would otherwise pay.
        import urllib.error
        import urllib.parse
        import urllib.request
        send = {"epoch": epoch}
        for k, v in (logs or {}).items():
            send[k] = v.item() if isinstance(v, (np.ndarray, np.generic)) else v
        headers = dict(self.headers or {})
        if self.send_as_json:
            body = json.dumps(send).encode("utf-8")
            headers.setdefault("Content-Type", "application/json")
        else:
            body = urllib.parse.urlencode({self.field: json.dumps(send)}).encode("ascii")
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        request = urllib.request.Request(self.root + self.path, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                response.read()
        except (urllib.error.URLError, OSError, ValueError):
            warnings.warn(f"Could not reach RemoteMonitor root server at {self.root}", stacklevel=2)
