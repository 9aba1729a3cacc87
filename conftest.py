"""Keep Jupyter, IPython and matplotlib state out of $HOME during tests.

Kernels started by nbval (and servers started by the browser tests) inherit the sandbox;
see scripts/jupyter_sandbox.py.
"""

from scripts.jupyter_sandbox import isolate

isolate()
