"""Performance comparisons for dnn_course (benchmarks, not tests): ``python -m benchmarks``.

step    training-step time of ``L_layer_model`` against PyTorch CPU autograd
gemm    the step's matrix-product FLOPs and the time the same BLAS needs for them
waits   what a student waits for: import, notebooks, an explorer tick
calls   the calls one training step makes (guards, Python, C), which no load disturbs
classroom  what pressing Play costs the server, with a real browser
pageload   what opening the explorer costs, one page and a class at once
memory  the kernel's memory after hours of Play
grading what nbgrader costs per student, and its feedback page (python -m benchmarks.grading)
student what one student's notebooks cost a kernel (python -m benchmarks.student)
hub     what a class costs on JupyterHub (python -m benchmarks.hub)
report  the markdown report, the plots and the printed summary
"""
