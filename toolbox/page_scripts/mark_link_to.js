// Marks the page's first link to `path` (without a #fragment) with data-visit-next; false if it has none.
path => {
  const link = [...document.querySelectorAll('a[href]')].find(a => new URL(a.href).pathname === path && !a.hash);
  if (!link) return false;
  link.dataset.visitNext = '';
  return true;
}
