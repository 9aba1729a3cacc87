"""A Sphinx extension for the course website: its pages load nothing from the internet.

Sphinx loads MathJax from a CDN unless ``mathjax_path`` names a local copy. The copy here
is the one Jupyter itself serves offline, from the ``jupyter-server-mathjax`` package
(MathJax 2.7, which reads the same ``\\(...\\)`` and ``\\[...\\]`` that Sphinx writes); it is
copied into the site's ``_static/mathjax`` after the build.
"""

import shutil
from pathlib import Path

import jupyter_server_mathjax

MATHJAX = Path(jupyter_server_mathjax.__file__).parent / "static"


def use_local_mathjax(app, config):
    # relative to _static; the package's one full configuration (TeX input, HTML output)
    config.mathjax_path = "mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full"
    config.mathjax3_config = None
    # the package keeps only the STIX web fonts: use them, as the Jupyter Notebook did
    config.mathjax2_config = {"HTML-CSS": {"availableFonts": [], "imageFont": None,
                                           "preferredFont": None, "webFont": "STIX-Web"}}


def copy_mathjax(app, exception):
    if exception is None and app.builder.format == "html":
        shutil.copytree(MATHJAX, Path(app.outdir) / "_static" / "mathjax", dirs_exist_ok=True)


def setup(app):
    app.connect("config-inited", use_local_mathjax)
    app.connect("build-finished", copy_mathjax)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
