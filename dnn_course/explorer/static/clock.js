// Play's clock, which shows the iteration line. The kernel ticks on its own, at most 10
// times a second, but never more than `ahead` frames past the last one a page said it has
// drawn. This page says so (one small message) every ahead / 2 frames it draws, and when it
// opens. A closed page says nothing and a hidden one draws nothing (requestAnimationFrame
// does not run in a hidden tab), so Play's work stops within `ahead` frames.
export default {
  render({ model, el }) {
    const show = () => { el.innerHTML = model.get("value"); };  // the iteration line
    let told = -Infinity, pending = false;
    const tell = () => {
      told = model.get("frame");
      model.send({ drawn: told });
    };
    const drawn = () => {  // runs once the frame is on the screen
      pending = false;
      show();
      if (model.get("frame") - told >= model.get("ahead") / 2) tell();
    };
    const changed = () => {
      if (!pending) {
        pending = true;
        requestAnimationFrame(drawn);
      }
    };
    model.on("change:value", changed);
    model.on("change:frame", changed);
    show();
    tell();  // a page opened (or reloaded) while Play is on: the kernel may be waiting
    return () => {
      model.off("change:value", changed);
      model.off("change:frame", changed);
    };
  },
};
