// For each search result: its first link and its best-scored link.
items => items.map(item => {
  const links = [...item.querySelectorAll('a.md-search-result__link')];
  const score = link => parseFloat(link.firstElementChild.getAttribute('data-md-score'));
  const best = links.reduce((top, link) => score(link) > score(top) ? link : top);
  return [links[0].getAttribute('href'), best.getAttribute('href')];
})
