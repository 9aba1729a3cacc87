// The live chain view: the lecture's picture (forward row, loss, backward row, cache arrows)
// with the active step's tensors as heatmaps, its equation and entry [0,0] worked out.
// data: {L, boxes: {forward, backward}, cmap}   frame: chain.chain_payload(...)

function escapeHTML(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// "dW[2] = (1/m) dZ[2] A[1]^T" in the lecture's typesetting: dW<sup>[2]</sup> ... A<sup>[1]T</sup>
function equationHTML(text) {
  return escapeHTML(text).replace(/\[([^\][]*)\]\^T/g, "<sup>[$1]T</sup>")
    .replace(/\[([^\][]*)\]/g, "<sup>[$1]</sup>").replace(/\*/g, "∗").replace(/ {2,}/g, "&emsp;&emsp;");
}

// One tensor as a heatmap: symmetric colour limits, so 0 is the map's middle (white).
function heatmap(tensor, lut) {
  const figure = element("figure", "dnn-heatmap");
  const caption = element("figcaption");
  caption.innerHTML = `<b>${equationHTML(tensor.name)}</b> ` +
    (tensor.shape ? `(${tensor.shape.join(", ")})` : "");
  if (!tensor.data) {  // dA[0]: not computed
    figure.classList.add("dnn-not-needed");
    figure.append(caption, element("div", "dnn-heatmap-note", tensor.note));
    return figure;
  }
  const values = unpack(tensor.data);
  const [rows, cols] = values.shape;
  const canvas = document.createElement("canvas");
  canvas.width = cols;
  canvas.height = rows;
  const image = canvas.getContext("2d").createImageData(cols, rows);
  const limit = tensor.limit || 1;
  let low = Infinity, high = -Infinity;
  values.forEach((v, k) => {
    low = Math.min(low, v);
    high = Math.max(high, v);
    const c = Math.max(0, Math.min(255, Math.round((v / limit + 1) * 127.5)));
    image.data.set([lut[3 * c], lut[3 * c + 1], lut[3 * c + 2], 255], 4 * k);
  });
  canvas.getContext("2d").putImageData(image, 0, 0);
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", `${tensor.name}, shape (${tensor.shape.join(", ")}), ` +
    `values from ${low.toPrecision(3)} to ${high.toPrecision(3)}`);
  canvas.addEventListener("mousemove", (event) => {  // the value under the pointer
    const box = canvas.getBoundingClientRect();
    const i = Math.min(rows - 1, Math.floor((event.clientY - box.top) / (box.height / rows)));
    const j = Math.min(cols - 1, Math.floor((event.clientX - box.left) / (box.width / cols)));
    canvas.title = `${tensor.name}[${i},${j}] = ${values[i * cols + j].toPrecision(4)}\n` +
      tensor.formula.replace(/\bi\b/g, String(i)).replace(/\bj\b/g, String(j));
  });
  // The canvas, and the outlined row; the CSS sizes a cell from --rows and --cols (at most
  // 14 px, smaller in the presenter layout on a small projector).
  const frame = element("div", "dnn-heatmap-frame");
  figure.style.setProperty("--rows", String(rows));
  figure.style.setProperty("--cols", String(cols));
  frame.append(canvas);
  if (tensor.outline !== null && tensor.outline !== undefined && tensor.outline < rows) {
    const row = element("div", "dnn-heatmap-row");
    row.style.setProperty("--row", String(tensor.outline));
    frame.append(row);
    canvas.setAttribute("aria-label", `${canvas.getAttribute("aria-label")}; row ` +
      `${tensor.outline} (the selected unit) outlined`);
  }
  figure.append(caption, frame);  // its note (the columns shown) is said once, under all
  return figure;
}

// The picture: X, layers 1..L, loss on top; dA[0], layers 1..L back, dA[L] below.
function picture(data, frame) {
  const L = data.L;
  const grid = element("div", "dnn-chain-picture");
  grid.style.gridTemplateColumns = `repeat(${L + 2}, minmax(0, 1fr))`;
  const active = (row, l) => (frame.row === row && frame.layer === l) ||
    (frame.row === "loss" && row === "loss");
  const box = (text, kind, on, column, gridRow) => {
    const node = element("div", `dnn-box dnn-box-${kind}`, text);
    node.style.gridColumn = String(column);
    node.style.gridRow = String(gridRow);
    if (on) {
      node.classList.add("dnn-active");
      node.setAttribute("aria-current", "step");
      node.prepend(element("span", "dnn-active-mark", "▶ "));
    }
    grid.append(node);
    return node;
  };
  box("A[0] = X →", "input", false, 1, 1);
  for (let l = 1; l <= L; l++) {
    box(`${data.boxes.forward[l - 1]} →`, "forward", active("forward", l), l + 1, 1);
    box(`↓ cache ${l}`, "cache", false, l + 1, 2);
    box(`← ${data.boxes.backward[L - l]}`, "backward", active("backward", l), l + 1, 3);
  }
  box(data.boxes.forward[L], "loss", active("loss", L), L + 2, 1);
  box(`↓ dA[${L}]`, "cache", false, L + 2, 2);
  box(`← dA[${L}] from the loss`, "loss", active("loss", L), L + 2, 3);
  box("dA[0]: not needed", "not-needed", false, 1, 3);
  return grid;
}

export default {
  render({ model, el }) {
    const controls = controlBar(el, "chain");  // named by the step in words
    const buttons = {};
    for (const [name, text, label] of [["start", "Start", "first step: layer 1 forward"],
      ["prev", "◀ Previous", "previous step"], ["next", "Next ▶", "next step"]]) {
      buttons[name] = element("button", `dnn-chain-${name}`, text);
      buttons[name].setAttribute("aria-label", label);
      controls.append(buttons[name]);
    }
    // Play the pass: one step every `pace` seconds; after layer 1 backward the kernel
    // takes the update (passes + 1) and the walk starts again at layer 1 forward.
    const play = element("button", "dnn-chain-play", "▶ Play the pass");
    play.setAttribute("aria-pressed", "false");
    play.setAttribute("aria-keyshortcuts", "P");
    const paceLabel = element("label", "", "s / step ");
    const pace = element("select", "dnn-chain-pace");
    for (const seconds of [1, 2, 3, 5]) pace.append(new Option(String(seconds), String(seconds)));
    pace.value = "2";
    paceLabel.append(pace);
    controls.append(play, paceLabel);
    // Predict, then reveal: the step's question first, its numbers once it is answered.
    const predict = element("button", "dnn-chain-predict", "Predict, then reveal");
    predict.setAttribute("aria-pressed", "false");
    predict.onclick = () => { model.set("predict", !model.get("predict")); model.save_changes(); };
    const score = element("span", "dnn-chain-score");
    controls.append(predict, score);
    const answers = new Map();  // question key -> the choice made
    let right = 0, asked = 0, waiting = false, last = null;
    const where = element("span", "dnn-chain-position");
    where.setAttribute("aria-live", "polite");
    controls.append(where);
    const go = (step) => {
      model.set("step", (step + model.get("steps")) % model.get("steps"));
      model.save_changes();
    };
    const advance = () => {
      if (waiting) return;  // a question is open: Play the pass waits for the answer
      if (model.get("step") === model.get("steps") - 1) {  // the pass is done: update
        model.set("passes", model.get("passes") + 1);  // (the explorer takes a step)
        model.set("step", 0);
        model.save_changes();
      } else {
        go(model.get("step") + 1);
      }
    };
    let timer = null;
    const playing = (on) => {
      clearInterval(timer);
      timer = on ? setInterval(advance, 1000 * Number(pace.value)) : null;
      play.textContent = on ? "❚❚ Pause the pass" : "▶ Play the pass";
      play.setAttribute("aria-pressed", String(on));
    };
    play.onclick = () => playing(timer === null);
    pace.onchange = () => timer !== null && playing(true);
    buttons.start.onclick = () => go(0);
    buttons.prev.onclick = () => go(model.get("step") - 1);
    buttons.next.onclick = () => go(model.get("step") + 1);
    el.addEventListener("keydown", (event) => {  // the keyboard steps the pass
      if (event.target.tagName === "SELECT") return;
      const keys = { ArrowRight: () => go(model.get("step") + 1),
        ArrowLeft: () => go(model.get("step") - 1), p: () => playing(timer === null),
        P: () => playing(timer === null) };
      if (keys[event.key]) {
        keys[event.key]();
        event.preventDefault();
      }
    });
    const body = element("div", "dnn-chain-body");  // the picture and words | the heatmaps
    el.replaceChildren(controls, body);
    const draw = (frame) => {
      const data = model.get("data");
      if (!frame.tensors) return;
      const lut = unpack(data.cmap);
      where.textContent = `step ${frame.index + 1} of ${2 * data.L + 1}: ${frame.title}`;
      const detail = element("div", "dnn-chain-detail");
      const equation = element("div", "dnn-chain-equation");
      equation.innerHTML = frame.equation.map(equationHTML).join("<br>");
      const worked = element("pre", "dnn-chain-worked", frame.worked.join("\n"));
      const maps = element("div", "dnn-chain-heatmaps");
      maps.append(...frame.tensors.map((tensor) => heatmap(tensor, lut)));
      const columns = frame.tensors.find((t) => t.data && t.note);  // the same for each
      if (columns) maps.append(element("p", "dnn-chain-columns", columns.note));
      const note = frame.note ? [element("div", "dnn-chain-note", frame.note)] : [];
      detail.append(picture(data, frame), equation, worked, ...note);
      last = frame;
      predict.setAttribute("aria-pressed", String(Boolean(frame.question)));
      score.textContent = frame.question ? `score ${right} / ${asked}` : "";
      waiting = false;
      if (frame.question) {
        const q = frame.question, key = `${frame.index}|${frame.worked.join("|")}|${q.text}`;
        const box = element("div", "dnn-question");
        box.setAttribute("role", "group");
        box.setAttribute("aria-label", "Predict, then reveal");
        box.append(element("p", "dnn-question-text", q.text));
        const feedback = element("p", "dnn-question-feedback");
        feedback.setAttribute("aria-live", "polite");
        const answer = answers.get(key);
        for (const choice of q.choices) {
          const button = element("button", "dnn-question-choice", choice);
          button.disabled = answer !== undefined;
          if (answer === choice) button.setAttribute("aria-pressed", "true");
          button.onclick = () => {
            answers.set(key, choice);
            asked += 1;
            right += choice === q.answer ? 1 : 0;
            draw(last);
            body.querySelector(".dnn-question-feedback")?.focus();
          };
          box.append(button);
        }
        box.append(feedback);
        if (answer === undefined) {  // the step's numbers stay hidden until the answer
          waiting = true;
          worked.hidden = true;
          note.forEach((node) => { node.hidden = true; });  // the cache's shapes too
          maps.replaceChildren(element("p", "dnn-question-hidden",
            "Answer the question to reveal this step's numbers."));
        } else {
          feedback.tabIndex = -1;
          feedback.textContent = (answer === q.answer ? "✓ Right. " :
            `✗ Not quite: the answer is ${q.answer}. `) + q.reason;
        }
        detail.append(box);
      }
      body.replaceChildren(detail, maps);
      if (model.get("asking") !== waiting) {  // the kernel hides the answer while asking
        model.set("asking", waiting);
        model.save_changes();
      }
    };
    const stop = whenChanged(model, el, draw);
    return async () => {
      playing(false);
      (await stop)();
    };
  },
};
