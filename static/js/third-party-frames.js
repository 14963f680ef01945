// Third-party frames (presentations, recordings, embeds) load only when the visitor asks: no
// request to the provider (nor its cookies) before that. Without JavaScript the button stays
// hidden and the page keeps its links to the provider and its text alternative.
document.querySelectorAll("[data-consent-frame]").forEach((frame) => {
  const button = frame.querySelector("[data-consent-load]");
  const template = frame.querySelector("template");
  if (!button || !template) return;
  button.hidden = false;
  button.addEventListener("click", () => {
    const content = template.content.cloneNode(true);
    const focusable = content.querySelector("iframe") || content.firstElementChild;
    frame.replaceChildren(content);
    if (focusable) focusable.focus();
  });
});
