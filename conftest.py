"""Keep Jupyter, IPython and matplotlib state out of $HOME during tests.

Kernels started by nbval (and servers started by the browser tests) inherit the sandbox;
see tests/support/jupyter_sandbox.py.
"""

from tests.support.jupyter_sandbox import isolate

isolate()
