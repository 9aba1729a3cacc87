"""What the explorer accepts from the page: an upload's size.

A browser can send anything; this limit keeps one message from making the kernel read
gigabytes, and stays under the 10 MiB a Jupyter server carries in one websocket message
(a larger message closes the connection). ``UploadLimit`` refuses a larger file in the
page, before it is read; ``check_upload`` refuses it again in the kernel.
"""

import datetime

import anywidget
import traitlets

from .browser import STATIC
from .readouts import message

UPLOAD_MB = 8


def _too_large(name, size):
    return (f"{name} is {size / 2**20:.1f} MB; the explorer takes files up to {UPLOAD_MB} MB "
            "(a CSV of the most points, m = 100000, is about 4 MB)")


def check_upload(name, content):
    """``content``, the bytes of the uploaded file ``name``, if they fit the upload limit."""
    if len(content) > UPLOAD_MB * 2**20:
        raise ValueError(_too_large(name, len(content)))
    return content


class UploadLimit(anywidget.AnyWidget):
    """Invisible; opens the file dialog for the ``uploads`` ({css class: FileUpload}) of
    its explorer and refuses a file over the limit in the page, with a ``message``."""

    _esm = (STATIC / "upload_limit.js").read_text()
    limit = traitlets.Int(UPLOAD_MB * 2**20).tag(sync=True)
    accept = traitlets.Dict().tag(sync=True)  # {css class: the file types it takes}

    def __init__(self, uploads, message_line):
        super().__init__(accept={css: upload.accept for css, upload in uploads.items()})
        self.uploads, self.message_line = uploads, message_line
        self.on_msg(self._received)

    def _received(self, _, content, buffers):
        upload = self.uploads.get(content.get("upload"))
        if upload is None:
            return
        if "refused" in content or not buffers:
            name, size = content.get("refused", "the file"), content.get("size", 0)
            self.message_line.value = message("Error", _too_large(name, size))
            return
        upload.value = ({"name": content.get("name", ""), "type": content.get("type", ""),
                         "size": len(buffers[0]), "content": memoryview(buffers[0]),
                         "last_modified": datetime.datetime.now()},)
