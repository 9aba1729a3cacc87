"""Performance comparisons for dnn_course (benchmarks, not tests): ``python -m benchmarks``.

step    training-step time of ``L_layer_model`` against PyTorch CPU autograd
gemm    the step's matrix-product FLOPs and the time the same BLAS needs for them
waits   what a student waits for: import, notebooks, an explorer tick
report  the markdown report, the plots and the printed summary
"""
