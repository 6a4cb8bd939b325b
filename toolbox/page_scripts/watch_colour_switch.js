// Sets window.linkTransitionWhileSwitching: a promise of the links' transition duration at the
// moment the theme marks the page as switching colours (or a note, after 10 s, that it never did).
() => {
  window.linkTransitionWhileSwitching = new Promise(resolve => {
    new MutationObserver((records, observer) => {
      if (!document.body.hasAttribute("data-md-color-switching")) return;
      observer.disconnect();
      resolve(getComputedStyle(document.querySelector('.md-typeset a')).transitionDuration);
    }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-switching"] });
    setTimeout(() => resolve("never marked as switching"), 10000);  // fail, not hang
  });
}
