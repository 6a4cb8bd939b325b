// Record the state of each Tab stop in window.__tabStops when Tab is pressed again, before the
// key moves focus on: its name, tag, key, and problems (invisible, off screen, covered). A visually
// hidden radio (the theme's colour switch) shows its focus on the label that follows it.
() => {
  const state = () => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    document.getAnimations().forEach(animation => animation.finish());  // the theme fades focus rings in
    const name = (element.getAttribute('aria-label') || element.textContent || element.tagName).trim().slice(0, 40);
    // Hidden radios show their focus elsewhere: the colour switch on the label after it,
    // a tab on its own label.
    const label = element.id && element.matches('input') ? document.querySelector(`label[for="${element.id}"]`) : null;
    const proxy = element.matches('input.md-option') ? element.nextElementSibling : (label || element);
    const box = proxy.getBoundingClientRect();
    const style = getComputedStyle(proxy);
    const problems = [];
    if (box.width < 1 || box.height < 1 || style.visibility === 'hidden' || Number(style.opacity) === 0) problems.push('invisible');
    if (box.bottom <= 0 || box.top >= innerHeight || box.right <= 0 || box.left >= innerWidth) problems.push(`off screen at (${Math.round(box.left)}, ${Math.round(box.top)})`);
    else {
      const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
      const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
      const hit = document.elementFromPoint(x, y);
      if (hit && !(proxy.contains(hit) || hit.contains(proxy) || element.contains(hit))) problems.push(`covered by ${hit.tagName.toLowerCase()}.${hit.className}`);
    }
    const key = element.id || element.outerHTML.slice(0, 120) + [...element.parentNode.children].indexOf(element);
    return {name, tag: element.tagName, problems, key};
  };
  let started = false;  // the first press starts from the top of the page: no stop yet
  window.__tabStops = [];
  addEventListener("keydown", event => {
    if (event.key !== "Tab") return;
    if (started) window.__tabStops.push(state());
    started = true;
  }, true);
}
