// Font sizes of the page's text, boxes, citations and chart labels, and the title's size, weight and colour.
() => {
  const px = selector => [...document.querySelectorAll(selector)].map(e => parseFloat(getComputedStyle(e).fontSize));
  const h1 = getComputedStyle(document.querySelector('article h1'));
  return {
    body: px('article > p')[0],
    boxes: px('.admonition p, .admonition li'),
    citations: px('sup.cite a'),
    chart: px('.evidence-chart__label, .evidence-chart__value'),
    h1: [parseFloat(h1.fontSize), Number(h1.fontWeight), h1.color],
  };
}
