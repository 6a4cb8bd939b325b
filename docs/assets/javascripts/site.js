// Small page behaviours the theme does not provide.

// A table wider than its column scrolls sideways: let keyboard users reach and scroll it too.
// Below 600 px tables are cards and do not scroll, so this follows the width of the window.
// The theme wraps tables when it mounts the page, so run after it (document$ is its hook).
document$.subscribe(() => {
  const regions = [...document.querySelectorAll(".md-typeset__scrollwrap")];
  const update = () =>
    regions.forEach((region, index) => {
      if (region.scrollWidth > region.clientWidth) {
        region.tabIndex = 0;
        region.setAttribute("role", "region");
        region.setAttribute("aria-label", `Table ${index + 1}, scrolls sideways`);
      } else {
        region.removeAttribute("tabindex");
        region.removeAttribute("role");
        region.removeAttribute("aria-label");
      }
    });
  update();
  window.addEventListener("resize", update);
});

// A page's sources are collapsed (acp/extensions/citations.py), and so are the sections of a
// condition page under their headings (acp/extensions/condition_layout.py). A citation, a back
// link or an address that leads to something inside a closed section, or to the heading of one,
// opens it first, so the browser can scroll to it and the reader sees what they asked for: on a
// click (before the browser follows the link), on a change of #fragment, and for the fragment
// the page was opened with.
const SOURCE_LIST = "details.source-list";
const SECTION = "details.section-details"; // the collapsed body that follows a section heading
const PRINT_WITH_SOURCES = "[data-print-with-sources]";
const PRINTING_SOURCES = "print-sources";
const reveal = (hash, scroll) => {
  if (!hash || hash.length < 2) return;
  const target = document.getElementById(decodeURIComponent(hash.slice(1)));
  const section = target?.nextElementSibling?.matches(SECTION) ? target.nextElementSibling : null;
  if (!target?.closest("details") && !section) return;
  if (section) section.open = true;
  for (let node = target.parentElement; node; node = node.parentElement) {
    if (node.tagName === "DETAILS") node.open = true;
  }
  // The theme may open the section first on a change of #fragment, without scrolling to it:
  // scroll in the next frame, after its handler.
  if (scroll) requestAnimationFrame(() => target.scrollIntoView());
};
document.addEventListener(
  "click",
  (event) => {
    const link = event.target.closest?.('a[href^="#"]');
    if (link) reveal(link.hash, false);
  },
  true,
);
window.addEventListener("hashchange", () => reveal(location.hash, true));
document$.subscribe(() => reveal(location.hash, true));

// "Print the whole page with its sources": a plain Print gives a condition page's short
// summary (extra.css); this button prints everything, the source list included.
document.addEventListener("click", (event) => {
  if (!event.target.closest?.(PRINT_WITH_SOURCES)) return;
  document.documentElement.classList.add(PRINTING_SOURCES);
  window.print();
});
window.addEventListener("afterprint", () => document.documentElement.classList.remove(PRINTING_SOURCES));

// Before printing, date the printout and open every collapsed section, so nothing is missing on
// paper (a short summary's print rules hide what it leaves out; the source list stays
// collapsed unless the reader printed with sources).
window.addEventListener("beforeprint", () => {
  const printed = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  document.querySelectorAll("[data-print-date]").forEach((slot) => (slot.textContent = ` · Printed on ${printed}`));
  const withSources = document.documentElement.classList.contains(PRINTING_SOURCES);
  document.querySelectorAll("details:not([open])").forEach((details) => {
    if (!withSources && details.matches(SOURCE_LIST)) return;
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

// Keyboard on a phone (and at high zoom), where the theme's menu and search are panels that
// slide in. The theme opens them with <label>s, which Tab skips, while Tab walks through the
// closed, off-screen panels; and a label may carry no role (ARIA in HTML), so it cannot be made
// a button. Here each of the two header labels is replaced by a real <button> with the same
// classes, `for` (which the theme's stylesheet selects on) and icon, which toggles the panel's
// checkbox; a closed panel is `inert`: nothing in it takes focus until it opens. Before the
// scripts run, and without JavaScript, the labels work by pointer as the theme made them.
// Breakpoints are the theme's own: the menu slides in below 76.25em, search below 60em.
const panels = [
  { toggle: "__drawer", panel: ".md-sidebar--primary", narrow: "(max-width: 76.234375em)", name: "Menu" },
  { toggle: "__search", panel: ".md-search", narrow: "(max-width: 59.984375em)", name: "Search" },
];
const asButton = (label) => {
  if (label.tagName !== "LABEL") return label; // already replaced
  const button = document.createElement("button");
  button.type = "button";
  for (const { name, value } of label.attributes) button.setAttribute(name, value);
  button.append(...label.childNodes);
  label.replaceWith(button);
  return button;
};
document$.subscribe(() => {
  panels.forEach(({ toggle, panel, narrow, name }) => {
    const checkbox = document.getElementById(toggle);
    const label = document.querySelector(`.md-header__button[for="${toggle}"]`);
    const region = document.querySelector(panel);
    if (!checkbox || !label || !region) return;
    const button = asButton(label);
    const media = matchMedia(narrow);
    const update = () => {
      const closed = media.matches && !checkbox.checked;
      region.inert = closed;
      button.tabIndex = media.matches ? 0 : -1;
      button.setAttribute("aria-expanded", String(checkbox.checked));
    };
    button.setAttribute("aria-label", name);
    button.addEventListener("click", (event) => {
      checkbox.click();
      // Opened from the keyboard (a click with no pointer), the panel takes focus: the search box, or the menu's first link.
      if (checkbox.checked && event.detail === 0) region.querySelector("input.md-search__input, a")?.focus();
    });
    checkbox.addEventListener("change", update);
    media.addEventListener("change", update);
    update();
  });
});

// Escape closes an open menu and puts focus back on its button.
document.addEventListener("keydown", (event) => {
  const drawer = document.getElementById("__drawer");
  if (event.key !== "Escape" || !drawer?.checked) return;
  drawer.click();
  document.querySelector('.md-header__button[for="__drawer"]')?.focus();
});

// The colour-scheme switch answers Space as well as Enter (the theme handles Enter only).
document.addEventListener("keydown", (event) => {
  const option = event.target.closest?.('input[name="__palette"]');
  if (!option || event.key !== " ") return;
  event.preventDefault();
  option.nextElementSibling?.click(); // the label shown after the current scheme switches to the next
});

// Close spellings. The theme's search finds words that begin with what was typed, so a word
// misspelt in full ("migrane", "fibromialgia") finds nothing. When a search comes back empty,
// ask again once with lunr's edit-distance syntax (word~1) for each word of 5 letters or more.
// This talks to the theme's search worker in its own message numbers (2: query, 3: result),
// so it is in the README's list of theme assumptions, guarded by the search test.
(() => {
  const QUERY = 2;
  const RESULT = 3;
  const send = Worker.prototype.postMessage;
  const searches = new WeakMap();
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.type === QUERY && !message.closeSpelling) {
      if (!searches.has(this)) {
        const search = { sent: 0, answered: 0, last: "", retry: 0 };
        searches.set(this, search);
        this.addEventListener("message", ({ data }) => {
          if (!data || data.type !== RESULT) return;
          search.answered += 1;
          if (search.answered === search.retry) return; // the answer to our own retry
          if (search.answered !== search.sent || data.data.items.length > 0) return; // not the latest, or found
          const close = search.last.trim().split(/\s+/).map((word) => (/^\p{L}{5,}$/u.test(word) ? `${word}~1` : word)).join(" ");
          if (close === search.last.trim()) return;
          search.sent += 1;
          search.retry = search.sent;
          send.call(this, { type: QUERY, data: close, closeSpelling: true });
        });
      }
      const search = searches.get(this);
      search.sent += 1;
      search.last = String(message.data);
    }
    return send.call(this, message, ...rest);
  };
})();
