// Note when typing starts and when the search results last changed (window.__typed).
() => {
  const root = document.querySelector('[data-md-component="search-result"]');
  const input = document.querySelector('input.md-search__input');
  window.__typed?.observer.disconnect();
  const state = window.__typed = {start: null, last: null, observer: new MutationObserver(() => {
    if (state.start !== null) state.last = performance.now();
  })};
  input.addEventListener('keydown', () => { state.start ??= performance.now(); }, {once: true});
  state.observer.observe(root, {childList: true, subtree: true, characterData: true});
}
