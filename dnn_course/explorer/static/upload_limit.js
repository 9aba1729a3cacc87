// ipywidgets' FileUpload sends the whole file in one websocket message, and a Jupyter server
// drops the connection on a message over 10 MiB: the dashboard would stop answering without
// a word. This invisible widget takes the clicks on its explorer's upload buttons: it opens
// the file dialog itself, refuses a file over the limit before reading it, and sends one
// that fits to the kernel, which gives it to the FileUpload as if that had read it.
export default {
  render({ model, el }) {
    el.style.display = "none";
    const onClick = (event) => {
      const root = el.closest(".dnn-explorer");
      const button = event.target.closest && event.target.closest("button");
      const upload = button && Object.keys(model.get("accept")).find((c) => button.classList.contains(c));
      if (!upload || !root || !root.contains(button)) return;
      event.stopImmediatePropagation();
      event.preventDefault();
      const input = document.createElement("input");
      input.type = "file";
      input.accept = model.get("accept")[upload];
      input.addEventListener("change", async () => {
        const file = input.files[0];
        if (!file) return;
        if (file.size > model.get("limit")) {
          model.send({ upload, refused: file.name, size: file.size });
          return;
        }
        const content = await file.arrayBuffer();
        model.send({ upload, name: file.name, type: file.type, size: file.size }, undefined, [content]);
      });
      input.click();
    };
    document.addEventListener("click", onClick, true);
    return () => document.removeEventListener("click", onClick, true);
  },
};
