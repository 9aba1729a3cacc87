"""Predict, then reveal: each question's answer and reason come from the current pass's
numbers (the package's caches and grads), so they change with the settings."""

import numpy as np
import pytest

from dnn_course import L_model_backward, L_model_forward
from dnn_course.explorer import Session, Settings
from dnn_course.explorer.chain import session_steps
from dnn_course.explorer.chain_view import ChainView
from dnn_course.explorer.predict import question


def package_pass(session):
    AL, caches = L_model_forward(session.X_train, session.parameters, session.activations)
    return caches, L_model_backward(AL, session.Y_train, caches, session.activations, False)


@pytest.mark.parametrize("neurons", [(5, 3), (7, 2)])
def test_shape_questions_answer_the_real_shapes(neurons):
    session = Session(Settings(m=40, neurons=neurons, hidden_activation="tanh"))
    steps, (caches, grads) = session_steps(session), package_pass(session)
    L = len(caches)
    for index in range(2 * L + 1):
        q = question(steps, index, session.activations)
        assert q["answer"] in q["choices"] and len(set(q["choices"])) == len(q["choices"])
        if q["kind"] == "shape" and index < L:  # forward l = index + 1: Z[l]
            Z = caches[index].activation_cache
            assert q["text"] == f"What is the shape of Z[{index + 1}]?"
            assert q["answer"] == f"({Z.shape[0]}, {Z.shape[1]})"
        if q["kind"] == "shape" and index > L:  # backward: dW[l] has W[l]'s shape
            l = 2 * L - index + 1
            assert q["answer"] == str(grads[f"dW{l}"].shape)
            assert "a gradient has its parameter's shape" in q["reason"]


def test_the_sign_question_is_the_sign_of_the_selected_units_dW():
    session = Session(Settings(m=40, neurons=(4, 3), hidden_activation="tanh"))
    session.step(3)
    steps, (caches, grads) = session_steps(session), package_pass(session)
    L = len(caches)
    for i in range(3):
        q = question(steps, 2 * L - 2 + 1, session.activations, unit=(2, i))  # layer 2 back
        assert q["kind"] == "sign"
        value = grads["dW2"][i, 0]
        assert q["answer"] == {1: "positive", -1: "negative", 0: "zero"}[int(np.sign(value))]
        assert q["text"] == f"Is dW[2][{i},0] positive, negative or zero?"
        assert f"= {value:.3g}" in q["reason"]


def test_the_dead_unit_question_follows_Z():
    session = Session(Settings(m=60, neurons=(8, 8), learning_rate=8.0))  # kills ReLU units
    session.step(30)
    steps, (caches, _) = session_steps(session), package_pass(session)
    Z2 = caches[1].activation_cache
    answers = [question(steps, 1, session.activations, unit=(2, i)) for i in range(8)]
    assert {q["kind"] for q in answers} == {"dead"}
    assert [q["answer"] == "yes" for q in answers] == list(np.all(Z2 <= 0, axis=1))
    assert any(q["answer"] == "yes" for q in answers), "this setting was meant to kill a unit"


def test_the_loss_step_asks_for_the_layer_with_the_smallest_gradient():
    session = Session(Settings(m=40, hidden_layers=4, neurons=4, hidden_activation="sigmoid"))
    steps, (caches, grads) = session_steps(session), package_pass(session)
    L = len(caches)
    q = question(steps, L, session.activations)
    norms = [np.linalg.norm(grads[f"dW{l}"]) for l in range(1, L + 1)]
    assert q["kind"] == "smallest" and q["answer"] == str(1 + int(np.argmin(norms)))
    assert q["choices"] == [str(l) for l in range(1, L + 1)]


def test_the_chain_view_sends_the_question_only_in_predict_mode():
    session = Session(Settings(m=30, neurons=(3, 2)))
    view = ChainView()
    view.show(session_steps(session), session.activations)
    assert "question" not in view.frame
    view.predict = True  # the page's "Predict, then reveal" button
    assert view.frame["question"] == question(session_steps(session), 0, session.activations)
    view.step = 3
    assert view.frame["question"]["kind"] == "smallest"


def test_while_a_question_is_open_no_text_or_readout_gives_its_answer():
    """The chain's text alternative, the step-through text, the gradient table and the
    network's label and marks keep the answer until the page says it was given."""
    from dnn_course.explorer import Explorer

    ex = Explorer(Settings(m=60, neurons=(6, 4)), figures="browser")
    ex.step(5)
    chain, network, c = ex.chain_view, ex.network_view, ex.controls
    chain.predict = True
    steps = session_steps(ex.session)
    L = (len(steps) - 1) // 2

    def told(answer):
        """Every text a reader (or a screen reader) gets, but the question's choices."""
        q = chain.frame.get("question")
        label = chain.frame["label"].replace(", ".join(q["choices"]) if q else "\0", "")
        texts = [label, network.frame["label"], c["text"].value, c["norms"].value]
        return [text for text in texts if answer in text]

    shape = question(steps, 0, ex.session.activations)  # layer 1 forward: the shape of Z[1]
    assert told(shape["answer"]) == [] and told("caches[0]") == []
    assert chain.asking and shape["text"] in chain.frame["label"]
    chain.asking = False  # what the page sends once the question is answered
    assert shape["answer"].replace(" ", "") in "".join(told("Z[1]")).replace(" ", "")
    assert "Z[1][0,0] = W[1][0,:]" in chain.frame["label"]

    chain.step = 1  # layer 2 forward, ReLU: is the selected unit (unit 0 there) dead?
    dead = question(steps, 1, ex.session.activations)
    assert dead["kind"] == "dead" and chain.asking
    assert not any(np.any(mask) for mask in network.frame["dead"])
    assert "dead ReLU units: shown once the question is answered" in network.frame["label"]
    assert "Z[2][0,0]" not in chain.frame["label"] and "dead ReLU" not in c["norms"].value

    chain.step = L + 2  # layer L - 1 backward: the sign of dW[l][0,0]
    sign = question(steps, L + 2, ex.session.activations)
    l = L - 1
    assert sign["kind"] == "sign" and chain.asking
    assert network.frame["edge_kind"] == "W"  # dW[l]'s colours would show the sign
    value = steps[L + 2].values[f"dW[{l}]"][0, 0]
    assert told(f"{value:.4g}") == [] and told(f"dW[{l}][0,0] =") == []
    chain.asking = False
    assert network.frame["edge_kind"] == "dW"
    assert f"dW[{l}][0,0] = (1/" in chain.frame["label"]
    assert "||dW[l]||" in c["norms"].value and "shape (6, 2)" in c["text"].value  # W[1]
