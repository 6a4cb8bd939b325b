// The label of the tab chosen in the page's first set of content tabs.
() => {
  const set = document.querySelector('.tabbed-set');
  const input = set.querySelector('input:checked');
  return set.querySelector(`label[for='${input.id}']`).textContent.trim();
}
