// Train and test cost J (top) and ||dW[l]|| per layer on a log scale (bottom), against the
// iteration; the axis limits come from the kernel and change rarely.
const W = 403, H = 288;  // the inline figure's size: 5.6 x 4 inches at 72 dpi
const LEFT = 56, RIGHT = 391, TOP = 9, BOTTOM = 259, GAP = 12;
const AXES_H = (BOTTOM - TOP - GAP) / 2;

function drawAxes(ctx, top, ylabel, yTicks, yOf, xTicks, xOf, showX) {
  ctx.strokeStyle = "black";
  ctx.lineWidth = 0.8;
  ctx.strokeRect(LEFT, top, RIGHT - LEFT, AXES_H);
  ctx.fillStyle = "black";
  ctx.font = FONT;
  ctx.textAlign = "right";
  for (const [value, text] of yTicks) {
    const y = yOf(value);
    ctx.beginPath();
    ctx.moveTo(LEFT - 3, y);
    ctx.lineTo(LEFT, y);
    ctx.stroke();
    ctx.fillText(text, LEFT - 5, y + 4);
  }
  ctx.textAlign = "center";
  for (const value of xTicks) {
    const x = xOf(value);
    ctx.beginPath();
    ctx.moveTo(x, top + AXES_H);
    ctx.lineTo(x, top + AXES_H + 3);
    ctx.stroke();
    if (showX) ctx.fillText(String(value), x, top + AXES_H + 15);
  }
  ctx.save();
  ctx.translate(12, top + AXES_H / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText(ylabel, 0, 0);
  ctx.restore();
}

// Lines of one axes differ by dash pattern as well as colour (nothing told by colour alone).
const DASHES = [[], [6, 3], [2, 2], [8, 3, 2, 3], [1, 3], [10, 4], [4, 2, 1, 2]];

function drawLegend(ctx, top, names, colors) {
  ctx.font = FONT;
  ctx.textAlign = "left";
  const widths = names.map((n) => 24 + ctx.measureText(n).width);
  const columns = Math.min(4, names.length);
  const colWidth = Math.max(...widths) + 6;
  const rows = Math.ceil(names.length / columns);
  const boxW = colWidth * columns + 4, boxH = 14 * rows + 4;
  const x0 = RIGHT - boxW - 4, y0 = top + 4;
  ctx.fillStyle = "rgba(255,255,255,0.8)";
  ctx.fillRect(x0, y0, boxW, boxH);
  ctx.strokeStyle = "#cccccc";
  ctx.strokeRect(x0, y0, boxW, boxH);
  names.forEach((name, i) => {
    const x = x0 + 4 + (i % columns) * colWidth, y = y0 + 11 + 14 * Math.floor(i / columns);
    ctx.strokeStyle = colors[i];
    ctx.lineWidth = 1.5;
    ctx.setLineDash(DASHES[i % DASHES.length]);
    ctx.beginPath();
    ctx.moveTo(x, y - 3);
    ctx.lineTo(x + 18, y - 3);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = "black";
    ctx.fillText(name, x + 22, y);
  });
}

function drawCurves(ctx, data, frame) {
  ctx.fillStyle = "white";
  ctx.fillRect(0, 0, W, H);
  if (!frame.limits) return;
  const [xMax, costTop, normLo, normHi] = frame.limits;
  const steps = unpack(frame.steps), series = unpack(frame.series), k = steps.length;
  const xOf = (x) => LEFT + (x / xMax) * (RIGHT - LEFT);
  const costTop0 = TOP, normTop = TOP + AXES_H + GAP;
  const costY = (v) => costTop0 + AXES_H * (1 - v / costTop);
  const logLo = Math.log10(normLo), logHi = Math.log10(normHi);
  const normY = (v) => normTop + AXES_H * (1 - (Math.log10(v) - logLo) / (logHi - logLo));
  const xTicks = niceTicks(0, xMax);
  const costTicks = niceTicks(0, costTop, 4).map((v) => [v, String(v)]);
  const every = Math.ceil((logHi - logLo) / 5);
  const normTicks = [];
  for (let p = Math.ceil(logLo); p <= logHi; p += every) normTicks.push([10 ** p, powerOfTen(p)]);
  drawAxes(ctx, costTop0, "cost J", costTicks, costY, xTicks, xOf, false);
  drawAxes(ctx, normTop, "gradient norm", normTicks, normY, xTicks, xOf, true);
  ctx.fillText("iteration", (LEFT + RIGHT) / 2, H - 3);
  data.names.forEach((name, i) => {
    const yOf = i < 2 ? costY : normY, top = i < 2 ? costTop0 : normTop;
    ctx.save();
    ctx.beginPath();
    ctx.rect(LEFT, top, RIGHT - LEFT, AXES_H);
    ctx.clip();
    ctx.strokeStyle = data.colors[i];
    ctx.lineWidth = 1.5;
    ctx.setLineDash(DASHES[(i < 2 ? i : i - 2) % DASHES.length]);
    ctx.beginPath();
    for (let j = 0; j < k; j++) {
      const x = xOf(steps[j]), y = yOf(series[i * k + j]);
      if (j === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.stroke();
    ctx.restore();
  });
  drawLegend(ctx, costTop0, data.names.slice(0, 2), data.colors.slice(0, 2));
  drawLegend(ctx, normTop, data.names.slice(2), data.colors.slice(2));
}

export default {
  render({ model, el }) {
    const { ctx } = makeCanvas(el, W, H);
    return whenChanged(model, el, (frame) => drawCurves(ctx, model.get("data"), frame));
  },
};
