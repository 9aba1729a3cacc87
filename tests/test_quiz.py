"""The recap quiz: every right answer is what the package computes, and the feedback
names the right choice and the reason, in the widget and in text."""

import numpy as np
import pytest

import dnn_course as dc
from dnn_course import quiz
from dnn_course.quiz import LAYER_DIMS, QUESTIONS, M


def right(number):
    question = QUESTIONS[number - 1]
    return question.choices[question.answer]


@pytest.fixture
def network():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((LAYER_DIMS[0], M))
    Y = (rng.random((1, M)) > 0.5).astype(float)
    parameters = dc.initialize_parameters_deep(LAYER_DIMS, rng=1, scale="he")
    parameters = {k: v + 0.1 if k.startswith("b") else v for k, v in parameters.items()}
    AL, caches = dc.L_model_forward(X, parameters)
    return X, Y, parameters, AL, caches, dc.L_model_backward(AL, Y, caches)


def test_shape_answers_are_the_package_shapes(network):
    _, _, parameters, _, caches, grads = network
    assert right(1) == str(parameters["W2"].shape)
    assert right(2) == str(caches[1].activation_cache.shape)
    assert right(3) == str(grads["db1"].shape)


def test_sign_answers_are_the_package_derivatives(network):
    _, Y, _, AL, caches, _ = network
    assert right(4) == "-(Y / AL) + (1 - Y) / (1 - AL)"
    measured = M * dc.numerical_gradient(lambda A: dc.compute_cost(A, Y), AL.copy())
    np.testing.assert_allclose(dc.dAL(AL, Y), measured, rtol=1e-6)
    assert right(5) == "AL - Y"
    np.testing.assert_allclose(dc.sigmoid_backward(dc.dAL(AL, Y), caches[-1].activation_cache),
                               AL - Y, rtol=1e-10, atol=1e-12)


def test_cache_answers_name_what_backward_reads(network):
    _, _, parameters, _, caches, grads = network
    (A_prev, W, b), Z = caches[1]
    assert right(6).startswith("layer l's cache") and Z is caches[1].activation_cache
    assert right(7) == "A[l-1]"
    dZ = dc.relu_backward(grads["dA2"], Z)
    np.testing.assert_allclose(grads["dW2"], dZ @ A_prev.T / M, rtol=1e-12)


def test_update_answer_lowers_the_cost(network):
    X, Y, parameters, AL, _, grads = network
    assert right(8) == "W[l] := W[l] - alpha dW[l]"
    after = dc.update_parameters(parameters, grads, 0.01)
    assert dc.compute_cost(dc.L_model_forward(X, after)[0], Y) < dc.compute_cost(AL, Y)


def test_six_to_ten_questions_each_with_one_right_choice():
    assert 6 <= len(QUESTIONS) <= 10
    for question in QUESTIONS:
        assert len(set(question.choices)) == len(question.choices) == 4
        assert 0 <= question.answer < 4 and question.reason


def test_feedback_says_right_or_names_the_answer_and_gives_the_reason():
    question = QUESTIONS[0]
    assert quiz.feedback(question, question.answer) == "Right. " + question.reason
    wrong = quiz.feedback(question, 0)
    assert wrong.startswith("Not quite: you chose (4, 3); the answer is (3, 4).")
    assert question.reason in wrong
    assert quiz.feedback(question, None) == "Not answered yet."


def test_mark_reads_letters_and_counts():
    letters = "".join(quiz.LETTERS[q.answer] for q in QUESTIONS)
    assert quiz.mark(letters).endswith(f"{len(QUESTIONS)} of {len(QUESTIONS)} right")
    assert quiz.mark("").endswith(f"0 of {len(QUESTIONS)} right")
    one = quiz.mark(letters[0] + ".")
    assert "1. Right." in one and "2. Not answered yet." in one and one.endswith("1 of 8 right")
    with pytest.raises(ValueError, match="one letter a-d"):
        quiz.mark("z")


def test_the_widget_gives_feedback_on_a_choice_and_counts():
    box = quiz.quiz_widget()
    rows, total = box.children[:-1], box.children[-1]
    assert len(rows) == len(QUESTIONS) and total.value == f"0 of {len(QUESTIONS)} right"
    _, radio, said = rows[0].children
    assert radio.description == "Question 1"  # the control's accessible name
    radio.value = 0
    assert said.value.startswith("Not quite") and total.value.startswith("0 of")
    radio.value = QUESTIONS[0].answer
    assert said.value.startswith("Right.") and total.value.startswith("1 of")
