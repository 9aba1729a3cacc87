// Shared helpers, prepended to every view's module by browser.esm().

const ARRAYS = { float32: Float32Array, float64: Float64Array, uint8: Uint8Array, int32: Int32Array };

// A packed array ({shape, dtype, data}) as a typed array; data arrives as a DataView.
function unpack(packed) {
  const data = packed.data;
  const array = new ARRAYS[packed.dtype](data.buffer, data.byteOffset,
    data.byteLength / ARRAYS[packed.dtype].BYTES_PER_ELEMENT);
  array.shape = packed.shape;
  return array;
}

// The widget holding this view's frame (a Frames widget: in the explorer, Play's clock,
// which carries every view's frame of a tick in one message).
function frameSource(model) {
  return model.widget_manager.get_model(model.get("frames").replace(/^IPY_MODEL_/, ""));
}

// Call draw(frame) at most once per animation frame after `data` or the view's frame
// changed, once a frame has come; count the draws in el.dataset.frames and say what the
// last one cost the page in el.dataset.drawMs. The element is a
// figure (role img) named by frame.label or data.label, unless `figure` is false.
// Resolves to the function that stops listening.
async function whenChanged(model, el, draw, { figure = true } = {}) {
  const frames = await frameSource(model), key = model.get("key");
  let pending = false;
  el.dataset.frames = "0";
  const schedule = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      const frame = frames.get(key) || {};
      if (figure) el.setAttribute("aria-label", frame.label || model.get("data").label || "");
      if (!Object.keys(frame).length) return;  // nothing to draw yet
      const start = performance.now();
      draw(frame);
      el.dataset.drawMs = (performance.now() - start).toFixed(1);
      el.dataset.frames = String(Number(el.dataset.frames) + 1);
    });
  };
  if (figure && !el.hasAttribute("role")) el.setAttribute("role", "img");
  model.on("change:data", schedule);
  frames.on(`change:${key}`, schedule);
  schedule();
  return () => {
    model.off("change:data", schedule);
    frames.off(`change:${key}`, schedule);
  };
}

// A canvas of CSS size width x height, sharp on high-density screens.
function makeCanvas(el, width, height) {
  const canvas = document.createElement("canvas");
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  el.appendChild(canvas);
  const ctx = canvas.getContext("2d");
  ctx.scale(ratio, ratio);
  return { canvas, ctx, width, height };
}

// About `count` round tick values from lo to hi (steps of 1, 2 or 5 times a power of ten).
function niceTicks(lo, hi, count = 5) {
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((k) => k * power).find((s) => s >= raw);
  const ticks = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
    ticks.push(Number(t.toPrecision(12)));
  }
  return ticks;
}

// 10 to the power k, written as the axis of a log plot writes it: 10⁻³.
function powerOfTen(k) {
  const sup = { "-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };
  return "10" + String(k).split("").map((c) => sup[c]).join("");
}

const FONT = "12px DejaVu Sans, Arial, sans-serif";

// A new element with a class name and text (either may be left out).
function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// A view with a bar of controls above what it draws: the element gets the class dnn-<name>
// and the role group (whenChanged names it after each frame's label). Returns the bar.
function controlBar(el, name) {
  el.classList.add(`dnn-${name}`);
  el.setAttribute("role", "group");
  return element("div", `dnn-${name}-controls`);
}
