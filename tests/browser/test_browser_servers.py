"""The servers the browser tests (and the README's commands) start refuse strangers:
a request without the token gets no notebook, no kernel and no file listing."""

import pytest
from jupyter_servers import DASHBOARD, http_status

pytestmark = pytest.mark.browser


def test_jupyterlab_refuses_requests_without_the_token(lab):
    assert http_status(f"{lab.base}/api/sessions") == 403
    assert http_status(f"{lab.base}/api/contents") == 403
    assert lab.api("GET", "/api/sessions") == []


def test_jupyterlab_serves_the_voila_page_that_the_binder_badge_opens(lab):
    # Binder's Voila badge opens voila/render/notebooks/explorer.ipynb on a Jupyter
    # server; here the server's root is notebooks/ itself.
    assert http_status(f"{lab.base}/voila/render/{DASHBOARD}") in (302, 403)
    assert http_status(lab.url(f"/voila/render/{DASHBOARD}")) == 200


def test_voila_refuses_requests_without_the_token(voila):
    status = http_status(f"{voila.base}/")
    assert status in (302, 403), f"Voila answered {status} to a request without the token"
    assert http_status(voila.url("/")) == 200
