() => {
  const element = document.activeElement;
  document.getAnimations().forEach(animation => animation.finish());
  const style = getComputedStyle(element);
  const layers = [];  // backgrounds from the parent outwards, up to the first opaque one
  for (let behind = element.parentElement; behind; behind = behind.parentElement) {
    const colour = getComputedStyle(behind).backgroundColor;
    layers.push(colour);
    if (colour.startsWith('rgb(')) break;
  }
  return {html: element.outerHTML.slice(0, 100), parents: layers.length, name: (element.getAttribute('aria-label') || element.textContent).trim().slice(0, 40), tag: element.tagName,
          header: element.classList.contains('headerlink'), width: parseFloat(style.outlineWidth),
          outline: style.outlineStyle, colour: style.outlineColor, behind: layers};
}
