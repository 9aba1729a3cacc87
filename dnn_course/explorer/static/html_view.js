// HTML the kernel sends with the other views' frames (the gradient table).
export default {
  render({ model, el }) {
    return whenChanged(model, el, (frame) => { el.innerHTML = frame.html; }, { figure: false });
  },
};
