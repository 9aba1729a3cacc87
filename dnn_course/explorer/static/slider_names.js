// ipywidgets' sliders draw their handle as a div with role="slider" but no accessible name
// (axe: aria-input-field-name, WCAG 4.1.2). Name every handle on the page after its
// slider's description, now and whenever widgets are (re)drawn.
export default {
  render({ el }) {
    el.style.display = "none";
    let pending = false;
    const name = () => {
      pending = false;
      for (const handle of document.querySelectorAll(".widget-slider .noUi-handle:not([aria-label])")) {
        const label = handle.closest(".widget-slider").querySelector(".widget-label");
        handle.setAttribute("aria-label", (label && label.textContent.trim()) || "slider");
      }
    };
    const observer = new MutationObserver(() => {
      if (!pending) {
        pending = true;
        requestAnimationFrame(name);
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
    name();
    return () => observer.disconnect();
  },
};
