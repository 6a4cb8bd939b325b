// Every table, row and cell of the article: its box, its display, and (for a cell) whether it
// carries its column's heading as a label.
() => [...document.querySelectorAll('article table')].flatMap((table, index) =>
  [table, ...table.querySelectorAll('tr, td')].map(node => {
    const box = node.getBoundingClientRect();
    return {table: index + 1, tag: node.tagName, right: box.right, left: box.left, display: getComputedStyle(node).display,
            label: node.tagName !== 'TD' || !!node.dataset.label};
  }))
