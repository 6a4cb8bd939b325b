// How many navigation links are shown, and the name and height of those shorter than `minimum` px.
minimum => {
  const shown = [...document.querySelectorAll('.md-nav__link, .md-footer__link')]
    .filter(link => link.getClientRects().length && getComputedStyle(link).visibility === 'visible');
  const short = shown.map(link => [link.textContent.trim().slice(0, 30), link.getBoundingClientRect().height])
    .filter(([, height]) => height < minimum);
  return [shown.length, short];
}
