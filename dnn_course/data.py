"""Small datasets shaped the course way: X is (n_x, m), Y is (1, m), examples are columns.

The 2-D toy sets are made from an explicit seed; the image set is scikit-learn's
bundled 8x8 handwritten digits (1797 real images that ship inside the package).
"""

import numpy as np

from .compat import make_rng
from .guards import as_matrix, check_choice, check_integer, is_integer, is_real


def _circle(rng, m):
    radius = np.sqrt(rng.uniform(0, 1, m)) * 1.2
    angle = rng.uniform(0, 2 * np.pi, m)
    points = np.stack([radius * np.cos(angle), radius * np.sin(angle)])
    return points, (radius < 0.6).astype(float)


def _xor(rng, m):
    points = rng.uniform(-1, 1, (2, m))
    points += 0.1 * np.sign(points)  # a small gap around the axes
    return points, (points[0] * points[1] > 0).astype(float)


def _gaussians(rng, m):
    labels = (np.arange(m) % 2).astype(float)
    centres = np.where(labels == 1, 0.6, -0.6)
    return centres + 0.35 * rng.standard_normal((2, m)), labels


def _spiral(rng, m):
    labels = (np.arange(m) % 2).astype(float)
    t = np.sqrt(rng.uniform(0, 1, m)) * 3 * np.pi
    angle = t + np.pi * labels
    radius = t / (3 * np.pi) * 1.2
    return np.stack([radius * np.cos(angle), radius * np.sin(angle)]), labels


def _moons(rng, m):
    labels = (np.arange(m) % 2).astype(float)
    angle = rng.uniform(0, np.pi, m)
    x = np.where(labels == 1, 1 - np.cos(angle), np.cos(angle)) - 0.5
    y = np.where(labels == 1, 0.5 - np.sin(angle), np.sin(angle)) - 0.25
    return np.stack([x, y]) * 0.9, labels


DATASETS = {
    "circle": _circle,
    "xor": _xor,
    "gaussians": _gaussians,
    "spiral": _spiral,
    "moons": _moons,
}


def make_dataset(name, m=400, noise=0.1, rng=0):
    """A 2-D binary dataset: X (2, m) with coordinates near [-1.2, 1.2], Y (1, m) of 0/1.

    Parameters
    ----------
    name : "circle", "xor", "gaussians", "spiral" or "moons"
    m : int, number of examples
    noise : float >= 0, the standard deviation of Gaussian noise added to X
    rng : Generator, RandomState or int seed (the same seed gives the same data)
    """
    check_choice("dataset", name, DATASETS)
    check_integer("m", m, 2, " (the number of examples)")
    if not is_real(noise) or not 0 <= noise < np.inf:
        raise ValueError(f"noise must be a number >= 0 (a standard deviation), got {noise!r}")
    rng = make_rng(rng)
    X, labels = DATASETS[name](rng, m)
    X = X + noise * rng.standard_normal(X.shape)
    return X, labels.reshape(1, m)


def train_test_split(X, Y, test_fraction=0.5, rng=0):
    """Shuffle the m columns and split them: returns X_train, Y_train, X_test, Y_test.

    X is (n_x, m) and Y (1, m), one column per example; m >= 2, so that both parts get one.
    """
    if not is_real(test_fraction) or not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be between 0 and 1, got {test_fraction!r}")
    X, Y = as_matrix("X", X), as_matrix("Y", Y)
    m = X.shape[1]
    if Y.shape[1] != m or m < 2:
        raise ValueError(
            f"X has m = {m} columns and Y has {Y.shape[1]}: both need the same m >= 2 "
            "examples, one column each, so that training and test sets get at least one"
        )
    order = make_rng(rng).permutation(m)
    m_test = max(1, min(m - 1, round(m * test_fraction)))
    test, train = order[:m_test], order[m_test:]
    return X[:, train], Y[:, train], X[:, test], Y[:, test]


def _is_digit(d):
    """An int 0-9; not 3.0, which would name its class "3.0", and not True."""
    return is_integer(d) and 0 <= d <= 9


def load_digits_binary(positive=3, negative=8, test_fraction=0.3, rng=0):
    """Real 8x8 digit images as a binary task, shaped like the course's cat data set.

    Parameters
    ----------
    positive : int, the digit labelled 1
    negative : int or None, the digit labelled 0 (None: every other digit)
    test_fraction, rng : how to split, with a fixed seed

    Returns
    -------
    train_x_orig : (m_train, 8, 8) pixel values 0..16
    train_y : (1, m_train) of 0/1
    test_x_orig : (m_test, 8, 8)
    test_y : (1, m_test)
    classes : list of str, classes[y] names label y
    """
    if not _is_digit(positive) or negative is not None and (
        not _is_digit(negative) or negative == positive
    ):
        raise ValueError(
            "positive and negative must be two different digits 0-9 (ints), got "
            f"{positive!r}, {negative!r}"
        )
    from sklearn.datasets import load_digits  # here, not at the top: it takes most of a second

    bunch = load_digits()
    keep = (
        np.ones(len(bunch.target), bool)
        if negative is None
        else np.isin(bunch.target, (positive, negative))
    )
    images = bunch.images[keep]
    labels = (bunch.target[keep] == positive).astype(float).reshape(1, -1)
    flat = images.reshape(len(images), -1).T
    X_train, Y_train, X_test, Y_test = train_test_split(flat, labels, test_fraction, rng)
    classes = [f"not {positive}" if negative is None else str(negative), str(positive)]
    return X_train.T.reshape(-1, 8, 8), Y_train, X_test.T.reshape(-1, 8, 8), Y_test, classes
