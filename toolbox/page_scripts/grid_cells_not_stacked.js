// The option grid's cells that stand beside another or reach past the window: column label and text.
() => [...document.querySelectorAll('.option-grid td')]
  .filter(cell => cell.getBoundingClientRect().right > window.innerWidth || getComputedStyle(cell).display !== 'block')
  .map(cell => (cell.getAttribute('data-label') || '') + ': ' + cell.textContent.trim().slice(0, 30))
