"""dnn_course: forward and backward propagation in an L-layer network, as in the lecture.

    Z[l] = W[l] A[l-1] + b[l]        A[l] = g[l](Z[l])          A[0] = X
    dZ[l] = dA[l] * g[l]'(Z[l])      dW[l] = (1/m) dZ[l] A[l-1]^T
    db[l] = (1/m) sum(dZ[l], axis=1) dA[l-1] = W[l]^T dZ[l]
    dA[L] = -(Y / A[L]) + (1 - Y) / (1 - A[L])
"""

from . import check
from .activations import (
    ACTIVATIONS,
    leaky_relu,
    leaky_relu_backward,
    relu,
    relu_backward,
    sigmoid,
    sigmoid_backward,
    tanh,
    tanh_backward,
)
from .cost import compute_cost, dAL
from .data import load_digits_binary, make_dataset, train_test_split
from .gradcheck import gradient_check, numerical_gradient, relative_error
from .initialization import initialize_parameters, initialize_parameters_deep
from .io import load_parameters, save_parameters
from .linear import LinearCache, linear_backward, linear_forward
from .model import (
    L_model_backward,
    L_model_forward,
    LayerCache,
    linear_activation_backward,
    linear_activation_forward,
)
from .training import L_layer_model, accuracy, predict, two_layer_model
from .update import update_parameters

__version__ = "0.1.0"

__all__ = [
    "ACTIVATIONS",
    "L_layer_model",
    "L_model_backward",
    "L_model_forward",
    "LayerCache",
    "LinearCache",
    "accuracy",
    "check",
    "compute_cost",
    "dAL",
    "gradient_check",
    "initialize_parameters",
    "initialize_parameters_deep",
    "leaky_relu",
    "leaky_relu_backward",
    "linear_activation_backward",
    "linear_activation_forward",
    "linear_backward",
    "linear_forward",
    "load_digits_binary",
    "load_parameters",
    "make_dataset",
    "numerical_gradient",
    "predict",
    "relative_error",
    "relu",
    "relu_backward",
    "save_parameters",
    "sigmoid",
    "sigmoid_backward",
    "tanh",
    "tanh_backward",
    "train_test_split",
    "two_layer_model",
    "update_parameters",
]
