// The desk's little JavaScript: keyboard shortcuts and highlight toggles. Pages work without it.
// Served from /static under a CSP that forbids inline script; it never inserts markup (textContent only).
(() => {
  const typing = (el) => el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

  // Keyboard: "/" focuses search; "g" then a letter goes to a section; j/k move between items.
  let pendingG = false;
  let current = -1;
  const items = () => Array.from(document.querySelectorAll("main .item"));
  const focusItem = (i) => {
    const list = items();
    if (list.length === 0) return;
    current = Math.max(0, Math.min(list.length - 1, i));
    const el = list[current];
    for (const x of list) x.classList.remove("kbd-current");
    el.classList.add("kbd-current");
    const link = el.querySelector("a[href]");
    (link ?? el).focus({ preventScroll: true });
    el.scrollIntoView({ block: "nearest" });
  };
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(document.activeElement)) return;
    if (event.key === "/") {
      const box = document.getElementById("search-q") ?? document.getElementById("quick-q");
      if (box) {
        event.preventDefault();
        box.focus();
        box.select?.();
      }
      return;
    }
    if (pendingG) {
      pendingG = false;
      const link = document.querySelector(`nav a[data-key="${CSS.escape(event.key)}"]`);
      if (link) {
        event.preventDefault();
        link.click();
      }
      return;
    }
    if (event.key === "g") {
      pendingG = true;
      setTimeout(() => {
        pendingG = false;
      }, 1500);
      return;
    }
    if (event.key === "j") focusItem(current + 1);
    if (event.key === "k") focusItem(current - 1);
  });

  // Highlight layers on the article page.
  const body = document.getElementById("article-body");
  for (const box of document.querySelectorAll("input[data-layer]")) {
    box.addEventListener("change", () => {
      body?.classList.toggle(`hide-${box.dataset.layer}`, !box.checked);
    });
  }

  // Bring a linked highlight into view (the #target anchor) even after late layout.
  const target = document.getElementById("target");
  if (target && location.hash === "#target") target.scrollIntoView({ block: "center" });
})();
