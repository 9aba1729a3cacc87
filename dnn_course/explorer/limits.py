"""What the explorer accepts from the page: an upload's size.

A browser can send anything; this limit keeps one message from making the kernel read
gigabytes, and stays under the 10 MiB a Jupyter server carries in one websocket message.
"""

UPLOAD_MB = 8


def check_upload(name, content):
    """``content``, the bytes of the uploaded file ``name``, if they fit the upload limit."""
    if len(content) > UPLOAD_MB * 2**20:
        raise ValueError(f"{name} is {len(content) / 2**20:.1f} MB; the explorer takes "
                         f"files up to {UPLOAD_MB} MB (a CSV of the most points, "
                         "m = 100000, is about 4 MB)")
    return content
