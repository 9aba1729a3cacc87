// The network view: neurons as nodes (each showing its activation over the input plane for
// 2-D data), edges W[l][i,j] (or dW[l][i,j]): purple solid for > 0, orange dashed for < 0,
// width by |value|; dead ReLU units crossed out; the chain's step highlighted (its layer,
// with dW[l] and arrows back on a backward step); a click selects the chain's worked unit.
// data: {cmap, planes_shape}   frame: network.network_payload(...)

const POSITIVE = "#5e3c99", NEGATIVE = "#e66101";

function numbers(values) {
  return Array.from(values, (v) => v.toPrecision(3)).join("  ");
}

export default {
  render({ model, el }) {
    const bar = controlBar(el, "network");  // named by the network in words
    const edges = {};
    for (const kind of ["W", "dW"]) {
      edges[kind] = element("button", `dnn-network-${kind}`, `edges: ${kind}[l]`);
      edges[kind].onclick = () => { model.set("edges", kind); model.save_changes(); };
      bar.append(edges[kind]);
    }
    const pick = {};
    for (const name of ["layer", "unit"]) {
      const label = element("label", "", `${name} `);
      pick[name] = element("select", `dnn-network-${name}`);
      pick[name].onchange = () => {
        const l = Number(pick.layer.value), i = Number(pick.unit.value);
        model.set("selected", [l, name === "layer" ? 0 : i]);
        model.save_changes();
      };
      label.append(pick[name]);
      bar.append(label);
    }
    const key = element("span", "dnn-network-key");
    const sample = (colour, dash) => `<svg width="24" height="8" aria-hidden="true">` +
      `<line x1="0" y1="4" x2="24" y2="4" stroke="${colour}" stroke-width="2" ` +
      `stroke-dasharray="${dash}"/></svg>`;
    key.innerHTML = `${sample(POSITIVE, "")} &gt; 0 &nbsp;${sample(NEGATIVE, "4 3")} &lt; 0 ` +
      "&nbsp;✕ dead ReLU";
    bar.append(key);
    const width = 520, height = 236;
    const { canvas, ctx } = makeCanvas(el, width, height);
    canvas.classList.add("dnn-network-canvas");
    canvas.setAttribute("role", "img");
    const detail = element("pre", "dnn-network-selected");
    el.replaceChildren(bar, canvas, detail);
    let centres = [];  // [l][i] -> [x, y] for clicks
    canvas.addEventListener("click", (event) => {
      const box = canvas.getBoundingClientRect();
      const x = event.clientX - box.left, y = event.clientY - box.top;
      centres.forEach((layer, l) => layer.forEach(([cx, cy, r], i) => {
        if (l > 0 && Math.abs(x - cx) <= r && Math.abs(y - cy) <= r) {
          model.set("selected", [l, i]);
          model.save_changes();
        }
      }));
    });
    const draw = (frame) => {
      const data = model.get("data");
      if (!frame.layer_dims) return;
      const dims = frame.layer_dims, L = dims.length - 1;
      const lut = unpack(data.cmap);
      canvas.setAttribute("aria-label", frame.label);
      for (const kind of ["W", "dW"]) edges[kind].setAttribute("aria-pressed", String(frame.edge_kind === kind));
      const size = Math.max(8, Math.min(32, Math.floor((height - 20) / Math.max(...dims)) - 3));
      centres = dims.map((n, l) => Array.from({ length: n }, (_, i) => [
        30 + (l * (width - 60)) / L, height / 2 + (i - (n - 1) / 2) * (size + 3), size / 2]));
      ctx.clearRect(0, 0, width, height);
      const focus = frame.focus;  // the chain's step: its layer stands out, the rest fades
      if (focus) {
        const x = centres[focus.layer][0][0], half = (width - 60) / L / 2;
        ctx.fillStyle = focus.row === "backward" ? "#e8e0f4" : "#fff3c4";
        ctx.fillRect(x - half, 16, half + size, height - 16);
      }
      const limit = frame.edge_limit || 1;
      for (let l = 1; l <= L; l++) {
        ctx.globalAlpha = focus && focus.row !== "loss" && focus.layer !== l ? 0.25 : 1;
        const W = unpack(frame.edges[l - 1]), cols = dims[l - 1];
        for (let i = 0; i < dims[l]; i++) {
          for (let j = 0; j < cols; j++) {
            const w = W[i * cols + j];
            const [x0, y0, r0] = centres[l - 1][j], [x1, y1, r1] = centres[l][i];
            ctx.strokeStyle = ctx.fillStyle = w >= 0 ? POSITIVE : NEGATIVE;
            ctx.setLineDash(w >= 0 ? [] : [4, 3]);
            ctx.lineWidth = 0.3 + 3.5 * Math.abs(w) / limit;
            ctx.beginPath();
            ctx.moveTo(x0 + r0, y0);
            ctx.lineTo(x1 - r1, y1);
            ctx.stroke();
            if (focus && focus.row === "backward" && focus.layer === l) {  // dZ flows back
              const mx = (x0 + x1) / 2, my = (y0 + y1) / 2, a = Math.atan2(y0 - y1, x0 - x1);
              ctx.setLineDash([]);
              ctx.beginPath();
              ctx.moveTo(mx + 5 * Math.cos(a), my + 5 * Math.sin(a));
              ctx.lineTo(mx + 5 * Math.cos(a + 2.5), my + 5 * Math.sin(a + 2.5));
              ctx.lineTo(mx + 5 * Math.cos(a - 2.5), my + 5 * Math.sin(a - 2.5));
              ctx.fill();
            }
          }
        }
      }
      ctx.globalAlpha = 1;
      ctx.setLineDash([]);
      const planes = frame.planes ? frame.planes.map(unpack) : null;
      const [selL, selI] = frame.selected ? [frame.selected.layer, frame.selected.unit] : [-1, -1];
      centres.forEach((layer, l) => layer.forEach(([x, y, r], i) => {
        if (planes) {  // the unit's activation over the input plane, 0 in the map's middle
          const plane = planes[l], g = plane.shape[1], k0 = i * g * g;
          let limitA = 1e-12;
          for (let k = 0; k < g * g; k++) limitA = Math.max(limitA, Math.abs(plane[k0 + k]));
          const image = ctx.createImageData(g, g);
          for (let k = 0; k < g * g; k++) {
            const c = Math.round((plane[k0 + k] / limitA + 1) * 127.5);
            const row = g - 1 - Math.floor(k / g);  // x2 grows upwards
            image.data.set([lut[3 * c], lut[3 * c + 1], lut[3 * c + 2], 255], 4 * (row * g + (k % g)));
          }
          const tile = document.createElement("canvas");
          tile.width = tile.height = g;
          tile.getContext("2d").putImageData(image, 0, 0);
          ctx.imageSmoothingEnabled = false;
          ctx.drawImage(tile, x - r, y - r, 2 * r, 2 * r);
        } else {
          ctx.fillStyle = "#ffffff";
          ctx.fillRect(x - r, y - r, 2 * r, 2 * r);
        }
        const dead = l > 0 && frame.dead[l - 1][i];
        ctx.strokeStyle = "#222";
        ctx.lineWidth = l === selL && i === selI ? 3 : 1;
        ctx.setLineDash(dead ? [2, 2] : []);
        ctx.strokeRect(x - r, y - r, 2 * r, 2 * r);
        ctx.setLineDash([]);
        if (dead) {  // a cross, not a colour
          ctx.beginPath();
          ctx.moveTo(x - r, y - r); ctx.lineTo(x + r, y + r);
          ctx.moveTo(x + r, y - r); ctx.lineTo(x - r, y + r);
          ctx.stroke();
        }
      }));
      ctx.fillStyle = "#222";
      ctx.font = FONT;
      ctx.textAlign = "center";
      dims.forEach((n, l) => ctx.fillText(l === 0 ? "x" : `layer ${l}`, centres[l][0][0], 12));
      if (focus) {  // in words too, not by colour alone
        const words = { forward: `▶ forward: Z[${focus.layer}], A[${focus.layer}] from W[${focus.layer}]`,
          loss: `loss: dA[${focus.layer}] from A[${focus.layer}] and Y`,
          backward: `◀ backward: dZ[${focus.layer}] flows back, dW[${focus.layer}] on the edges` };
        ctx.textAlign = "left";
        ctx.fillText(words[focus.row], 4, height - 4);
      }
      if (pick.layer.options.length !== L) {
        pick.layer.replaceChildren(...dims.slice(1).map((_, l) => new Option(String(l + 1), String(l + 1))));
      }
      if (frame.selected) {
        const s = frame.selected;
        pick.layer.value = String(s.layer);
        if (pick.unit.options.length !== dims[s.layer]) {
          pick.unit.replaceChildren(...Array.from({ length: dims[s.layer] }, (_, i) => new Option(String(i), String(i))));
        }
        pick.unit.value = String(s.unit);
        const dead = frame.dead[s.layer - 1][s.unit] ? ", dead ReLU (Z <= 0 on every example)" : "";
        detail.textContent = `selected: layer ${s.layer}, unit ${s.unit} ` +
          `(${frame.activations[s.layer - 1]}), b = ${s.b.toPrecision(3)}${dead}; ` +
          "its row is the chain's worked entry";
      }
    };
    return whenChanged(model, el, draw);
  },
};
