// Play's clock, which shows the iteration line: ask the kernel for the next tick once the last one has been drawn, at most
// once per interval_ms, and only while playing and while the page is open and visible
// (requestAnimationFrame does not run in a hidden tab).
export default {
  render({ model, el }) {
    const show = () => { el.innerHTML = model.get("value"); };  // the iteration line
    model.on("change:value", show);
    show();
    let asked = -1;   // the frame number we last asked to move past
    let sent = 0;     // when we asked (ms)
    let running = false;
    let closed = false;
    const loop = (now) => {
      if (closed || !model.get("playing")) {
        running = false;
        return;
      }
      const frame = model.get("frame");
      const lost = asked === frame && now - sent > 5000;  // a reply that never came
      if ((asked !== frame || lost) && now - sent >= model.get("interval_ms")) {
        asked = frame;
        sent = now;
        model.send({ request: frame });
      }
      requestAnimationFrame(loop);
    };
    const start = () => {
      if (!running && model.get("playing")) {
        running = true;
        asked = -1;
        requestAnimationFrame(loop);
      }
    };
    model.on("change:playing", start);
    start();
    return () => {
      closed = true;
      model.off("change:playing", start);
      model.off("change:value", show);
    };
  },
};
