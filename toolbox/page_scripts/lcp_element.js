// The largest contentful paint's element, as tag#id.class: start of its text.
() => new Promise(resolve => new PerformanceObserver(list => {
  const node = list.getEntries().at(-1)?.element;
  resolve(node ? `${node.tagName.toLowerCase()}${node.id ? '#' + node.id : ''}${node.className ? '.' + String(node.className).split(' ')[0] : ''}: `
    + node.textContent.trim().replace(/\s+/g, ' ').slice(0, 50) : null);
}).observe({type: 'largest-contentful-paint', buffered: true}))
