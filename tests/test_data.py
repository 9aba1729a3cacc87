import numpy as np
import pytest
from numpy.testing import assert_array_equal
from sklearn.datasets import load_digits

import dnn_course as dc
from dnn_course.data import DATASETS


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_toy_datasets_are_shaped_the_course_way(name):
    X, Y = dc.make_dataset(name, m=200, noise=0.1, rng=1)
    assert X.shape == (2, 200) and Y.shape == (1, 200)
    assert set(np.unique(Y)) == {0.0, 1.0}
    assert 0.2 < Y.mean() < 0.8  # both classes are well represented
    assert np.abs(X).max() < 3


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_same_seed_same_data_other_seed_other_data(name):
    X1, Y1 = dc.make_dataset(name, m=50, rng=4)
    X2, Y2 = dc.make_dataset(name, m=50, rng=4)
    X3, _ = dc.make_dataset(name, m=50, rng=5)
    assert_array_equal(X1, X2)
    assert_array_equal(Y1, Y2)
    assert not np.array_equal(X1, X3)


def test_noise_moves_points_but_not_labels():
    X0, Y0 = dc.make_dataset("circle", m=100, noise=0.0, rng=2)
    X1, Y1 = dc.make_dataset("circle", m=100, noise=0.3, rng=2)
    assert_array_equal(Y0, Y1)
    assert not np.allclose(X0, X1)
    radius = np.hypot(*X0)
    assert_array_equal(Y0[0], (radius < 0.6).astype(float))  # without noise, labels are exact


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"name": "swiss roll"}, "unknown dataset"),
        ({"name": "xor", "m": 1}, "m must be"),
        ({"name": "xor", "noise": -1}, "noise must be"),
    ],
)
def test_bad_dataset_arguments(kwargs, pattern):
    with pytest.raises(ValueError, match=pattern):
        dc.make_dataset(**kwargs)


def test_train_test_split_partitions_the_columns():
    X = np.arange(20.0).reshape(2, 10)
    Y = (np.arange(10) % 2).reshape(1, 10)
    X_train, Y_train, X_test, Y_test = dc.train_test_split(X, Y, test_fraction=0.3, rng=0)
    assert X_train.shape == (2, 7) and X_test.shape == (2, 3)
    columns = sorted(X_train[0].tolist() + X_test[0].tolist())
    assert columns == X[0].tolist()  # every example exactly once
    assert_array_equal(Y_train[0], X_train[0] % 2)  # labels travel with their examples


def test_digits_are_real_images_shaped_like_the_course():
    train_x_orig, train_y, test_x_orig, test_y, classes = dc.load_digits_binary(3, 8, rng=0)
    digits = load_digits()
    n = np.isin(digits.target, (3, 8)).sum()
    assert train_x_orig.shape[1:] == (8, 8) and train_x_orig.shape[0] + test_x_orig.shape[0] == n
    assert train_y.shape == (1, train_x_orig.shape[0]) and classes == ["8", "3"]
    assert train_x_orig.min() >= 0 and train_x_orig.max() <= 16
    # every training image is one of the real 3s or 8s, with the right label
    index = {img.tobytes(): t for img, t in zip(digits.images, digits.target, strict=True)}
    for image, label in zip(train_x_orig[:40], train_y[0, :40], strict=True):
        assert index[image.tobytes()] == (3 if label == 1 else 8)


def test_one_digit_against_the_rest():
    train_x_orig, train_y, test_x_orig, test_y, classes = dc.load_digits_binary(7, None)
    assert train_x_orig.shape[0] + test_x_orig.shape[0] == 1797
    assert classes == ["not 7", "7"]
    assert 0.05 < train_y.mean() < 0.15


def test_bad_digit_choice():
    with pytest.raises(ValueError, match="two different digits"):
        dc.load_digits_binary(3, 3)


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"name": "xor", "noise": None}, "noise must be a number >= 0"),
        ({"name": ["xor"]}, r"unknown dataset \['xor'\]"),
    ],
)
def test_bad_dataset_argument_types(kwargs, pattern):
    with pytest.raises(ValueError, match=pattern):
        dc.make_dataset(**kwargs)


@pytest.mark.parametrize(("m", "m_Y"), [(1, 1), (4, 3)])
def test_train_test_split_needs_the_same_m_of_at_least_2(m, m_Y):
    with pytest.raises(ValueError, match=f"X has m = {m} columns and Y has {m_Y}.*m >= 2"):
        dc.train_test_split(np.ones((2, m)), np.ones((1, m_Y)))


def test_digit_given_as_a_float_is_refused():
    with pytest.raises(ValueError, match=r"two different digits 0-9 \(ints\), got 3\.0"):
        dc.load_digits_binary(3.0)
