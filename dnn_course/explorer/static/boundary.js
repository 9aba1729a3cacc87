// The decision boundary: AL = P(y = 1 | x) over the plane as a heatmap (colour map and
// transparency sent by the kernel, blended over white), the train points (white edge) and
// test points (black edge) coloured by label, and a key under the axes.
const W = 302, H = 288;  // the inline figure's size: 4.2 x 4 inches at 72 dpi
const PLOT = { left: 18, right: 296, top: 20, bottom: 248 };

function drawBoundary(ctx, data, frame, heat) {
  ctx.fillStyle = "white";
  ctx.fillRect(0, 0, W, H);
  const [x0, x1, y0, y1] = data.extent;
  const pw = PLOT.right - PLOT.left, ph = PLOT.bottom - PLOT.top;
  if (frame.level) {  // round(255 AL): the colour map's level
    const level = unpack(frame.level), [rows, cols] = level.shape, cmap = unpack(data.cmap);
    const image = heat.ctx.createImageData(cols, rows), a = data.alpha;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const k = 4 * level[r * cols + c];
        const p = 4 * ((rows - 1 - r) * cols + c);  // row 0 is the bottom
        for (let ch = 0; ch < 3; ch++) image.data[p + ch] = a * cmap[k + ch] + (1 - a) * 255;
        image.data[p + 3] = 255;
      }
    }
    heat.canvas.width = cols;
    heat.canvas.height = rows;
    heat.ctx.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(heat.canvas, PLOT.left, PLOT.top, pw, ph);
  }
  const X = unpack(data.X), Y = unpack(data.Y), m = Y.length;
  ctx.lineWidth = 0.6;
  for (let j = 0; j < m; j++) {
    const px = PLOT.left + ((X[j] - x0) / (x1 - x0)) * pw;
    const py = PLOT.bottom - ((X[m + j] - y0) / (y1 - y0)) * ph;
    ctx.beginPath();
    ctx.arc(px, py, 2, 0, 2 * Math.PI);
    ctx.fillStyle = data.colors[Y[j]];
    ctx.fill();
    ctx.strokeStyle = data.edges[j < data.m_train ? 0 : 1];
    ctx.stroke();
  }
  ctx.strokeStyle = "black";
  ctx.lineWidth = 0.8;
  ctx.strokeRect(PLOT.left, PLOT.top, pw, ph);
  ctx.fillStyle = "black";
  ctx.font = FONT;
  ctx.textAlign = "center";
  ctx.fillText("AL = P(y = 1 | x)", (PLOT.left + PLOT.right) / 2, PLOT.top - 5);
  ctx.fillText("x1", (PLOT.left + PLOT.right) / 2, PLOT.bottom + 13);
  ctx.save();
  ctx.translate(PLOT.left - 5, (PLOT.top + PLOT.bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText("x2", 0, 0);
  ctx.restore();
  drawKey(ctx, data);
}

function drawKey(ctx, data) {
  const items = [["y = 0", data.colors[0], data.colors[0]], ["y = 1", data.colors[1], data.colors[1]],
    ["train", "#999999", data.edges[0]], ["test", "#999999", data.edges[1]]];
  ctx.font = FONT;
  ctx.textAlign = "left";
  const widths = items.map(([text]) => 14 + ctx.measureText(text).width);
  const total = widths.reduce((s, w) => s + w, 0) + 12 * (items.length - 1) + 12;
  let x = (W - total) / 2;
  const y = H - 14;
  ctx.fillStyle = "#cccccc";
  ctx.fillRect(x, y - 10, total, 20);
  x += 6;
  items.forEach(([text, fill, edge], i) => {
    ctx.beginPath();
    ctx.arc(x + 4, y, 3.5, 0, 2 * Math.PI);
    ctx.fillStyle = fill;
    ctx.fill();
    ctx.lineWidth = 1.2;
    ctx.strokeStyle = edge;
    ctx.stroke();
    ctx.fillStyle = "black";
    ctx.fillText(text, x + 11, y + 4);
    x += widths[i] + 12;
  });
}

export default {
  render({ model, el }) {
    const { ctx } = makeCanvas(el, W, H);
    const heat = document.createElement("canvas");
    const offscreen = { canvas: heat, ctx: heat.getContext("2d") };
    return whenChanged(model, el, (frame) => drawBoundary(ctx, model.get("data"), frame, offscreen));
  },
};
