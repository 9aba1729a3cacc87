"""The shipped one-machine hub configuration (jupyterhub/jupyterhub_config.py) without
starting a hub: who may log in. The hub itself, with two students in a browser, is tested in
tests/browser/test_hub.py (with a test-only authenticator, as the students there have no
Unix accounts); here the shipped PAM authenticator checks real Unix passwords."""

import asyncio
import os
import secrets
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from jupyterhub.auth import PAMAuthenticator
from traitlets.config.loader import PyFileConfigLoader

CONFIG = Path(__file__).resolve().parents[1] / "jupyterhub" / "jupyterhub_config.py"


def load(folder):
    return PyFileConfigLoader(CONFIG.name, str(folder)).load_config()


def test_the_allow_list_is_read_from_students_txt_with_comments_and_blank_lines(tmp_path):
    shutil.copy(CONFIG, tmp_path)
    (tmp_path / "students.txt").write_text("# the class\nada  # row 1\n\ngrace\n")
    (tmp_path / "instructors.txt").write_text("alan\n")
    config = load(tmp_path)
    assert config.Authenticator.allowed_users == {"ada", "grace"}
    assert config.Authenticator.admin_users == {"alan"}
    (tmp_path / "students.txt").unlink()
    assert load(tmp_path).Authenticator.allowed_users == set()


@pytest.fixture
def unix_users():
    """Two throw-away Unix accounts with passwords (no home, no login shell), removed after."""
    if os.geteuid() != 0 or not shutil.which("useradd"):
        pytest.skip("creating Unix accounts for the PAM test needs root and useradd")
    users = {f"dnnc_{secrets.token_hex(3)}": secrets.token_urlsafe(12) for _ in range(2)}
    try:
        for name, password in users.items():
            subprocess.run(["useradd", "-M", "-N", "-s", "/usr/sbin/nologin", name], check=True)
            subprocess.run(["chpasswd"], input=f"{name}:{password}", text=True, check=True)
        yield users
    finally:
        for name in users:
            subprocess.run(["userdel", name], capture_output=True)


def test_pam_lets_in_a_listed_student_with_the_right_password_only(unix_users):
    config = load(CONFIG.parent)
    assert config.JupyterHub.authenticator_class == "pam"
    (listed, password), (unlisted, other_password) = unix_users.items()
    config.Authenticator.allowed_users = {listed}  # as if students.txt named only them
    authenticator = PAMAuthenticator(config=config)

    def log_in(name, password):
        data = {"username": name, "password": password}
        # In a thread of its own: after the browser tests, Playwright's event loop still
        # runs in this one, and asyncio.run refuses to start a second.
        with ThreadPoolExecutor(1) as thread:
            return thread.submit(asyncio.run,
                                 authenticator.get_authenticated_user(None, data)).result()

    assert log_in(listed, password)["name"] == listed
    assert log_in(listed, password + "x") is None
    assert log_in(unlisted, other_password) is None
