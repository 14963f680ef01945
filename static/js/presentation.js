// Third-party presentations load only when the visitor asks: no request to the provider
// (nor its cookies) before that, and the page stays usable without JavaScript (links below).
document.querySelectorAll("[data-presentation-frame]").forEach((frame) => {
  const button = frame.querySelector("[data-presentation-load]");
  const template = frame.querySelector("template");
  if (!button || !template) return;
  button.hidden = false;
  button.addEventListener("click", () => {
    const iframe = template.content.firstElementChild.cloneNode(true);
    frame.replaceChildren(iframe);
    iframe.focus();
  });
});
