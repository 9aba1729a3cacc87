"""Keep Jupyter, IPython and matplotlib state out of $HOME during tests.

Kernels started by nbval (and servers started by the browser tests) inherit these
variables; the kernel's own log is quieted so pytest's summary stays the last line.
"""

import os
import tempfile
from pathlib import Path

_HOME = Path(tempfile.mkdtemp(prefix="dnn_course_test_"))
for variable, sub in {
    "JUPYTER_CONFIG_DIR": "jupyter_config",
    "JUPYTER_DATA_DIR": "jupyter_data",
    "JUPYTER_RUNTIME_DIR": "jupyter_runtime",
    "JUPYTERLAB_SETTINGS_DIR": "lab_settings",
    "JUPYTERLAB_WORKSPACES_DIR": "lab_workspaces",
    "IPYTHONDIR": "ipython",
    "MPLCONFIGDIR": "matplotlib",
}.items():
    os.environ[variable] = str(_HOME / sub)
    (_HOME / sub).mkdir()
os.environ["MPLBACKEND"] = "Agg"
(_HOME / "ipython" / "profile_default").mkdir(parents=True)
(_HOME / "ipython" / "profile_default" / "ipython_kernel_config.py").write_text(
    "c.IPKernelApp.log_level = 'CRITICAL'\n"
)
