// The main menu folds behind a "Menu" button on narrow screens. Without JavaScript the button
// stays hidden and the menu stays open: every link remains reachable.
(() => {
  const nav = document.getElementById("main-menu");
  const button = nav && nav.querySelector("[data-menu-toggle]");
  const list = nav && nav.querySelector("ul");
  if (!button || !list) return;
  const narrow = window.matchMedia("(max-width: 40rem)");
  const setOpen = (open) => {
    button.setAttribute("aria-expanded", String(open));
    list.hidden = !open;
  };
  const fit = () => {
    button.hidden = !narrow.matches;
    setOpen(!narrow.matches);
  };
  button.addEventListener("click", () => setOpen(button.getAttribute("aria-expanded") !== "true"));
  // The "skip to menu" link lands on a folded menu: open it.
  nav.addEventListener("focus", () => narrow.matches && setOpen(true));
  narrow.addEventListener("change", fit);
  fit();
})();
