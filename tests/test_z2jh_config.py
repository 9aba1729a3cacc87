"""jupyterhub/z2jh-config.yaml, the Zero to JupyterHub values, read against the chart's
documentation. The chart (and its JSON schema) cannot be fetched here, so what is checked is:

1. every key path in the file is one of the chart keys written down below, each with the
   page of the Zero to JupyterHub documentation (chart 4.x) that defines it, and its value
   has the type that page gives (a typo such as ``cull.timout`` fails here as it would fail
   the chart's schema, which forbids unknown keys);
2. ``hub.config`` (passed to JupyterHub as traitlets configuration) names only configurable
   traits of the installed JupyterHub's classes;
3. the resource guarantees and limits are the ones jupyterhub/jupyterhub_config.py derives
   from the measured per-student costs;
4. the postStart hook is the package's copy command, and it puts 00_start_here.ipynb where
   ``singleuser.defaultUrl`` opens it (the command is run here, in a stand-in home).

Not checked: that a given chart version accepts the values, that the image builds, that a
cluster schedules the pods.
"""

import shlex
import subprocess
import sys
from pathlib import Path

import yaml
from jupyterhub.app import JupyterHub
from jupyterhub.auth import Authenticator
from traitlets.config.loader import PyFileConfigLoader

REPO = Path(__file__).resolve().parents[1]
VALUES = REPO / "jupyterhub" / "z2jh-config.yaml"
REFERENCE = "https://z2jh.jupyter.org/en/stable/resources/reference.html"
GUIDE = "https://z2jh.jupyter.org/en/stable/"

# key path -> (type of the value, where the chart documents it)
CHART_KEYS = {
    "hub.config": (dict, f"{REFERENCE}#hub-config; {GUIDE}administrator/authentication.html"),
    "singleuser.image.name": (str, f"{REFERENCE}#singleuser-image-name; "
                              f"{GUIDE}jupyterhub/customizing/user-environment.html"),
    "singleuser.image.tag": (str, f"{REFERENCE}#singleuser-image-tag"),
    "singleuser.memory.guarantee": (str, f"{REFERENCE}#singleuser-memory-guarantee; "
                                    f"{GUIDE}jupyterhub/customizing/user-resources.html"),
    "singleuser.memory.limit": (str, f"{REFERENCE}#singleuser-memory-limit"),
    "singleuser.cpu.guarantee": ((int, float), f"{REFERENCE}#singleuser-cpu-guarantee"),
    "singleuser.cpu.limit": ((int, float), f"{REFERENCE}#singleuser-cpu-limit"),
    "singleuser.storage.capacity": (str, f"{REFERENCE}#singleuser-storage-capacity; "
                                    f"{GUIDE}jupyterhub/customizing/user-storage.html"),
    "singleuser.lifecycleHooks": (dict, f"{REFERENCE}#singleuser-lifecyclehooks; "
                                  f"{GUIDE}jupyterhub/customizing/user-environment.html"),
    "singleuser.defaultUrl": (str, f"{REFERENCE}#singleuser-defaulturl"),
    "cull.enabled": (bool, f"{REFERENCE}#cull-enabled; "
                     f"{GUIDE}jupyterhub/customizing/user-management.html"),
    "cull.timeout": (int, f"{REFERENCE}#cull-timeout"),
    "cull.every": (int, f"{REFERENCE}#cull-every"),
    "prePuller.hook.enabled": (bool, f"{REFERENCE}#prepuller-hook-enabled; "
                               f"{GUIDE}administrator/optimization.html"),
    "prePuller.continuous.enabled": (bool, f"{REFERENCE}#prepuller-continuous-enabled"),
    "scheduling.userScheduler.enabled": (bool, f"{REFERENCE}#scheduling-userscheduler-enabled"),
}
# Below these keys the chart passes the value on as it is (traitlets config, a Kubernetes
# Lifecycle object), so its own keys are checked by other means (2 and 4 above).
OPAQUE = {key for key, (kind, _) in CHART_KEYS.items() if kind is dict}
HUB_CLASSES = {"JupyterHub": JupyterHub, "Authenticator": Authenticator}


def values():
    return yaml.safe_load(VALUES.read_text())


def key_paths(tree, prefix=""):
    for key, value in tree.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and path not in OPAQUE:
            yield from key_paths(value, path + ".")
        else:
            yield path, value


def one_node_config():
    return PyFileConfigLoader("jupyterhub_config.py", str(REPO / "jupyterhub")).load_config()


def test_every_key_is_a_documented_chart_key_with_a_value_of_its_type():
    found = dict(key_paths(values()))
    unknown = sorted(set(found) - set(CHART_KEYS))
    assert not unknown, f"keys the list of documented chart keys does not have: {unknown}"
    for path, value in found.items():
        kind, page = CHART_KEYS[path]
        assert isinstance(value, kind) and not (kind is int and isinstance(value, bool)), (
            f"{path} = {value!r} is not a {kind} ({page})")


def test_hub_config_names_configurable_traits_of_jupyterhub():
    for class_name, settings in values()["hub"]["config"].items():
        traits = HUB_CLASSES[class_name].class_traits(config=True)
        assert set(settings) <= set(traits), f"{class_name}: {set(settings) - set(traits)}"


def test_resources_are_the_ones_derived_for_one_node():
    spawner = one_node_config().Spawner
    singleuser = values()["singleuser"]
    assert singleuser["memory"] == {"guarantee": spawner.mem_guarantee,
                                    "limit": spawner.mem_limit}
    assert singleuser["cpu"] == {"guarantee": spawner.cpu_guarantee, "limit": spawner.cpu_limit}


def test_the_post_start_hook_puts_the_first_notebook_where_default_url_opens(tmp_path):
    singleuser = values()["singleuser"]
    command = singleuser["lifecycleHooks"]["postStart"]["exec"]["command"]
    assert command[:4] == ["python", "-m", "dnn_course.handout", "copy-notebooks"]
    home = "/home/jovyan"  # the home folder of repo2docker's images, Z2JH's notebook root
    dest = command[4]
    assert dest.startswith(home + "/"), dest
    stand_in = tmp_path / dest.removeprefix("/")
    done = subprocess.run([sys.executable, *command[1:4], str(stand_in)], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    opened = singleuser["defaultUrl"].removeprefix("/lab/tree/")
    assert (tmp_path / home.removeprefix("/") / opened).is_file(), shlex.join(command)


def test_culling_checks_more_often_than_it_culls():
    cull = values()["cull"]
    assert cull["enabled"] and 0 < cull["every"] < cull["timeout"]
