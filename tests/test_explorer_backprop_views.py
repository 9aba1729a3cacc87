"""The chain and network widgets send the package's numbers, and follow the page's controls."""

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from dnn_course import L_model_backward, L_model_forward
from dnn_course.explorer import Session, Settings
from dnn_course.explorer.browser import unpack
from dnn_course.explorer.chain import COLUMNS, session_steps
from dnn_course.explorer.chain_view import ChainView, colour_table, draw_chain
from dnn_course.explorer.network import plane_activations, plane_grid
from dnn_course.explorer.network_view import NetworkView, draw_network


@pytest.fixture(scope="module")
def session():
    session = Session(Settings(m=50, neurons=(4, 3), hidden_activation=("relu", "tanh")))
    session.step(10)
    return session


def test_the_chain_widget_sends_each_steps_tensors_as_binary_buffers(session):
    view = ChainView()
    view.show(session_steps(session), session.activations)
    AL, caches = L_model_forward(session.X_train, session.parameters, session.activations)
    (A0, W1, b1), Z1 = caches[0]
    sent = {t["name"]: t for t in view.frame["tensors"]}
    assert isinstance(sent["W[1]"]["data"]["data"], bytes)
    np.testing.assert_allclose(unpack(sent["W[1]"]["data"]), W1, rtol=1e-6)
    np.testing.assert_allclose(unpack(sent["Z[1]"]["data"]), Z1[:, :COLUMNS], rtol=1e-6)
    assert sent["Z[1]"]["shape"] == [4, 35]
    assert view.frame["label"].startswith(
        "Chain of boxes, step 1 of 7: layer 1 of 3, forward. Z[1] =")
    grads = L_model_backward(AL, session.Y_train, caches, session.activations, False)
    view.step = 6  # what the page's Next button does
    sent = {t["name"]: t for t in view.frame["tensors"]}
    np.testing.assert_allclose(unpack(sent["dW[1]"]["data"]), grads["dW1"], rtol=1e-6)
    assert sent["dA[0]"]["data"] is None and "not needed" in sent["dA[0]"]["note"]
    assert view.frame["row"] == "backward" and view.frame["layer"] == 1
    np.testing.assert_array_equal(unpack(view.data["cmap"])[[0, 255]], colour_table()[[0, 255]])


def test_a_shallower_network_restarts_the_walk_a_new_pass_keeps_the_step(session):
    view = ChainView()
    view.show(session_steps(session), session.activations)
    view.step = 5
    session.step(1)
    before = view.frame
    view.show(session_steps(session), session.activations)
    assert view.step == 5 and view.frame["title"] == before["title"]
    assert view.frame["worked"] != before["worked"]  # the numbers follow training
    small = Session(Settings(m=20, hidden_layers=0))
    view.show(session_steps(small), small.activations)
    assert view.step == 0 and view.steps == 3


def test_the_network_widget_sends_W_or_dW_and_the_selected_unit(session):
    planes = plane_activations(session.parameters, session.activations,
                               plane_grid(session.X_train, 8), 8)
    view = NetworkView()
    view.show(session_steps(session), session.activations, planes)
    for l in (1, 2, 3):
        np.testing.assert_allclose(unpack(view.frame["edges"][l - 1]),
                                   session.parameters[f"W{l}"], rtol=1e-6)
    np.testing.assert_allclose(unpack(view.frame["planes"][2]), planes[2], rtol=1e-6)
    AL, caches = L_model_forward(session.X_train, session.parameters, session.activations)
    grads = L_model_backward(AL, session.Y_train, caches, session.activations, False)
    view.edges = "dW"  # the page's "edges: dW[l]" button
    np.testing.assert_allclose(unpack(view.frame["edges"][1]), grads["dW2"], rtol=1e-6)
    view.selected = [2, 2]
    assert view.frame["selected"]["b"] == session.parameters["b2"][2, 0]
    np.testing.assert_allclose(unpack(view.frame["selected"]["W"]), session.parameters["W2"][2],
                               rtol=1e-6)
    assert view.frame["label"].startswith(
        "Network 2 -> 4 -> 3 -> 1 (relu, tanh, sigmoid); edges show dW")
    small = Session(Settings(m=20, hidden_layers=0))
    view.show(session_steps(small), small.activations)
    assert view.selected == [1, 0]  # layer 2 no longer exists


def test_inline_renderers_draw_the_same_payloads(session):
    chain = ChainView()
    chain.show(session_steps(session), session.activations)
    figure = draw_chain(chain.payload())
    FigureCanvasAgg(figure).draw()
    titles = [ax.get_title() for ax in figure.axes]
    assert titles[1:] == ["A[0] (2, 35)", "W[1] (4, 2)", "b[1] (4, 1)", "Z[1] (4, 35)",
                          "A[1] (4, 35)"]
    assert "> layer 1:\nLINEAR->RELU" in [t.get_text() for t in figure.axes[0].texts]
    network = NetworkView()
    network.show(session_steps(session), session.activations)
    figure = draw_network(network.payload())
    FigureCanvasAgg(figure).draw()
    lines = figure.axes[0].collections[0]
    assert len(lines.get_segments()) == 2 * 4 + 4 * 3 + 3 * 1  # one edge per W[l][i, j]


def test_the_network_selection_drives_the_chain_and_the_chain_step_the_network():
    from dnn_course.explorer import Explorer

    ex = Explorer(Settings(m=40, neurons=(4, 3)), figures="inline")
    ex.network_view.selected = [1, 2]  # a click on unit 2 of layer 1
    assert ex.chain_view.frame["worked"][0].startswith("Z[1][2,0] = W[1][2,:]")
    assert {t["name"]: t["outline"] for t in ex.chain_view.frame["tensors"]}["Z[1]"] == 2
    assert ex.network_view.frame["focus"] == {"row": "forward", "layer": 1}
    assert ex.network_view.frame["edge_kind"] == "W"
    ex.chain_view.step = 5  # L = 3: layer 2 backward
    assert ex.network_view.frame["focus"] == {"row": "backward", "layer": 2}
    assert ex.network_view.frame["edge_kind"] == "dW"
    assert "Highlighted: layer 2, the chain's backward step" in ex.network_view.frame["label"]
    ex.chain_view.step = 0
    assert ex.network_view.frame["edge_kind"] == "W"


def test_after_a_played_pass_the_network_takes_its_update_and_the_walk_restarts():
    from dnn_course.explorer import Explorer

    ex = Explorer(Settings(m=40, neurons=(4, 3)), figures="inline")
    ex.chain_view.step = ex.chain_view.steps - 1  # layer 1 backward: the pass's last step
    W1 = ex.session.parameters["W1"].copy()
    dW1 = {t["name"]: t for t in ex.chain_view.frame["tensors"]}["dW[1]"]["data"]
    ex.chain_view.passes += 1  # what the page does when the played pass ends
    assert ex.session.iteration == 1 and ex.chain_view.step == 0
    alpha = ex.settings.learning_rate
    np.testing.assert_allclose(ex.session.parameters["W1"], W1 - alpha * unpack(dW1),
                               rtol=1e-5, atol=1e-7)  # the update uses the dW[1] shown
    assert ex.chain_view.frame["index"] == 0


RESIDUAL_JS = """export default {
  render({ model, el }) {
    return whenChanged(model, el, (frame) => { el.textContent = frame.label; });
  },
};"""


def residual_view(folder):
    """CONTRIBUTING's recipe, followed by a tiny view: the last layer's dZ[L] = A[L] - Y."""
    from dnn_course.explorer.browser import BrowserView, esm, pack

    def residual_payload(steps):  # 1. the payload, from the package's numbers
        L = (len(steps) - 1) // 2
        dZ = steps[L + 1].values[f"dZ[{L}]"]
        return {"dZ": pack(dZ), "label": f"dZ[{L}] = A[{L}] - Y, mean {dZ.mean():.6f}"}

    (folder / "residual.js").write_text(RESIDUAL_JS)  # 3. its JavaScript

    class ResidualView(BrowserView):  # 2. the view class
        _esm = esm(folder / "residual.js")

        def update(self, session, steps):
            self.frame = residual_payload(steps)

    return ResidualView


def test_a_new_view_is_a_payload_function_a_view_class_and_its_javascript(monkeypatch,
                                                                            tmp_path):
    from dnn_course.explorer import Explorer

    ex = Explorer(Settings(m=30, neurons=(3, 2)), figures="inline")
    view = ex.add_view(residual_view(tmp_path)(ex.clock, "residual"))
    assert view in ex.controls["added"].children  # laid out under the screen
    assert ex.views["residual"] is view and "dnn-residual" in view._dom_classes
    assert "whenChanged(model, el" in view._esm and "function unpack" in view._esm
    AL, caches = L_model_forward(ex.session.X_train, ex.session.parameters,
                                 ex.session.activations)
    np.testing.assert_allclose(unpack(view.frame["dZ"]), AL - ex.session.Y_train, rtol=1e-5)
    sent = []
    for widget in (ex.clock, view):
        monkeypatch.setattr(widget, "send_state", lambda key=None, w=widget: sent.append(
            (type(w).__name__, sorted([key] if isinstance(key, str) else key or []))))
    ex.play()
    sent.clear()
    ex.clock.run_tick()  # a detail tick: the added view's frame rides in the clock's message
    assert len(sent) == 1 and sent[0][0] == "Clock" and "residual" in sent[0][1]
    AL, _ = L_model_forward(ex.session.X_train, ex.session.parameters, ex.session.activations)
    np.testing.assert_allclose(unpack(view.frame["dZ"]), AL - ex.session.Y_train, rtol=1e-5)
    with pytest.raises(ValueError, match="has a view 'residual' already"):
        ex.add_view(residual_view(tmp_path)(ex.clock, "residual"))


def test_the_boundary_and_the_curves_are_views_like_the_others():
    """One registry: every view the screen shows is registered in ``ex.views``, the page's
    views and, with figures="inline", the boundary's and the curves' matplotlib images."""
    from dnn_course.explorer import Explorer
    from dnn_course.explorer.browser import BrowserView

    for figures in ("browser", "inline"):
        ex = Explorer(Settings(m=30, neurons=(3, 2)), figures=figures)
        assert list(ex.views.views) == ["boundary", "network", "curves", "chain"]
        assert all(isinstance(view, BrowserView) for view in ex.views.views.values())
        assert [w._dom_classes[-1] for w in ex.views.at("screen")] == [
            "dnn-boundary", "dnn-network", "dnn-curves"]
        inline = {key for key, widget in ex.views.shown.items()
                  if type(widget).__name__ == "Image"}
        assert inline == (set() if figures == "browser" else {"boundary", "curves"})
        ex.step(2)
        for view in ex.views.views.values():
            assert view.frame, f"{view.key} has no frame after a step"
