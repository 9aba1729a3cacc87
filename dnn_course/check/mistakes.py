"""Known mistakes that more than one exercise can make, in words.

The mistakes of one exercise's functions sit beside their checkers (ex01_forward.py,
ex02_layer.py, ...); only what several of them share is here: the transposes of a matrix
product, and the activation chosen for the wrong layer.
"""

TRANSPOSE = "a missing or extra transpose in {0}: the lecture writes {1}."
HIDDEN_SIGMOID = "sigmoid used in the hidden layers: they are ReLU; only the output is sigmoid."
OUTPUT_RELU = "relu used at the output layer: layer L is sigmoid (AL is a probability)."
SWAPPED = "the activations are swapped: ReLU in the hidden layers, sigmoid at the output."


def products(X, Y):
    """Every product of X or X^T with Y or Y^T, either order, and its transpose."""
    out = []
    for P in (X, X.T):
        for Q in (Y, Y.T):
            for left, right in ((P, Q), (Q, P)):
                if left.shape[1] == right.shape[0]:
                    out += [left @ right, (left @ right).T]
    return out
