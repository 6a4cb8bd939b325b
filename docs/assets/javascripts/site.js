// Small page behaviours the theme does not provide.

// Wide tables scroll sideways on a phone: let keyboard users reach and scroll them too.
// The theme wraps tables when it mounts the page, so run after it (document$ is its hook).
document$.subscribe(() => {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach((region, index) => {
    region.tabIndex = 0;
    region.setAttribute("role", "region");
    region.setAttribute("aria-label", `Table ${index + 1}, scrolls sideways`);
  });
});

// Open every collapsed section before printing, so nothing is missing on paper.
window.addEventListener("beforeprint", () => {
  document.querySelectorAll("details:not([open])").forEach((details) => {
    details.setAttribute("open", "");
    details.dataset.printOpened = "";
  });
});
window.addEventListener("afterprint", () => {
  document.querySelectorAll("details[data-print-opened]").forEach((details) => {
    details.removeAttribute("open");
    delete details.dataset.printOpened;
  });
});
