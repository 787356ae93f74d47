"""keras.callbacks.RemoteMonitor posts each epoch's logs, as Keras does."""
import http.server
import json
import threading
import urllib.parse

import numpy as np
import pytest

import leantf as tf


@pytest.fixture
def server():
    received = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.path, self.headers["Content-Type"], body))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", received
    httpd.shutdown()


def _fit(callback, epochs=2):
    model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.ones((4, 3), "float32"), np.ones((4, 1), "float32"), epochs=epochs, verbose=0,
              callbacks=[callback])


def test_posts_each_epoch_as_a_form_field(server):
    root, received = server
    _fit(tf.keras.callbacks.RemoteMonitor(root=root, path="/epoch/", field="payload"))
    assert [r[0] for r in received] == ["/epoch/", "/epoch/"]
    assert received[0][1] == "application/x-www-form-urlencoded"
    sent = [json.loads(urllib.parse.parse_qs(r[2].decode())["payload"][0]) for r in received]
    assert [s["epoch"] for s in sent] == [0, 1]
    assert isinstance(sent[1]["loss"], float)


def test_posts_json_when_asked(server):
    root, received = server
    _fit(tf.keras.callbacks.RemoteMonitor(root=root, send_as_json=True, headers={"X-Run": "7"}), epochs=1)
    path, content_type, body = received[0]
    assert path == "/publish/epoch/end/" and content_type == "application/json"
    assert set(json.loads(body)) == {"epoch", "loss"}


def test_an_unreachable_server_is_a_warning_not_an_error():
    with pytest.warns(UserWarning, match="Could not reach RemoteMonitor root server at http://127.0.0.1:9"):
        _fit(tf.keras.callbacks.RemoteMonitor(root="http://127.0.0.1:9"), epochs=1)
