// Run once a page's scripts have started, given a function that resolves when running transitions
// have ended. From then on it notes the time of each change to the document (search results
// arrive keystroke by keystroke), and it sets window.__styleComparison:
// - computedStyles(detail): one number per element and pseudo-element, a hash of every computed
//   property (custom properties aside, as unused ones are meant to go); with `detail`, a list of
//   indexes, the name and properties of each of those instead.
// - startReading(atLeast, relayout, quietMs): sets window.__styles to a promise of
//   computedStyles(null), read once the document has not changed for quietMs (nor for atLeast ms
//   from now) and every transition has ended; with `relayout`, after laying the page out afresh.
transitionsEnded => {
  window.__lastChange = performance.now();
  new MutationObserver(() => { window.__lastChange = performance.now(); })
    .observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});

  const computedStyles = detail => {
    const hash = text => { let h = 0; for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0; return h; };
    const out = [];
    // Every computed style lists the same properties (custom ones aside): list them once.
    const longhands = Array.from(getComputedStyle(document.documentElement)).filter(name => !name.startsWith("--"));
    const elements = [document.documentElement, document.body, ...document.body.querySelectorAll("*")];
    for (const element of elements) {
      for (const pseudo of ["", "::before", "::after"]) {
        if (detail && !detail.includes(out.length)) { out.push(null); continue; }
        const style = getComputedStyle(element, pseudo || null);
        // A pseudo-element without content is not drawn: only its content matters.
        const drawn = !pseudo || !["none", "normal"].includes(style.content);
        const names = drawn ? longhands : ["content"];
        const values = names.map(name => name + ": " + style.getPropertyValue(name));
        const classes = typeof element.className === "string" ? element.className.trim().split(/\s+/).filter(Boolean) : [];
        const name = [element.tagName.toLowerCase(), ...classes].join(".") + pseudo;
        out.push(detail ? [name, values] : hash(values.join(";")));
      }
    }
    return out;
  };

  const settled = async (atLeast, quietMs) => {
    const start = performance.now();
    const quietFor = () => performance.now() - Math.max(window.__lastChange, start - quietMs + atLeast);
    while (quietFor() < quietMs) await new Promise(resolve => setTimeout(resolve, 50));
    await transitionsEnded();
  };

  // Lays the whole page out afresh, where it stood. On a new page under load, Chromium's
  // computed style sometimes kept a stale auto margin until the next full layout.
  const relayout = () => {
    const root = document.documentElement, x = scrollX, y = scrollY, style = root.getAttribute("style");
    root.style.display = "none";
    root.getBoundingClientRect();
    if (style === null) root.removeAttribute("style"); else root.setAttribute("style", style);
    scrollTo(x, y);
    root.getBoundingClientRect();
  };

  window.__styleComparison = {
    computedStyles,
    startReading: (atLeast, layOutAfresh, quietMs) => {
      window.__styles = settled(atLeast, quietMs).then(() => {
        if (layOutAfresh) relayout();
        return computedStyles(null);
      });
    },
  };
}
