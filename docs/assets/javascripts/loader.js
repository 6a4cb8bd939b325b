// Loads the theme after the first paint, and holds back what a reader may never use.
// It is its own file, cached from page to page, rather than inline in every page
// (about 1.1 KB gzip of every page otherwise). overrides/main.html names it in the head with
// `defer`: it downloads at once and runs when the page is parsed.
//
// 1. The theme's scripts (search, menu, tooltips) load once the page has been drawn, so
//    150 KB of script never holds up the first words on a slow phone. overrides/main.html
//    turns their tags into inert placeholders (data-after-paint); this runs them in order,
//    removing each as it runs, then announces DOMContentLoaded again, the event the theme
//    starts from.
// 2. The theme's "no transitions while colours switch" rule is held back (hooks/inline_css.py)
//    and turned on just before the first switch: by the reader, or by the system's setting.
// 3. The search index (the largest file on the site) and the search worker's script load
//    when a reader first turns to search, not on every first page: the theme asks for the
//    index with XMLHttpRequest and starts its worker with `new Worker(url)` as it starts.
//    Both are held until the reader opens search, focuses or points at the search box, or
//    presses a key that opens it (s, f, /).
(function () {
  function load() {
    var placeholder = document.querySelector("script[data-after-paint]");
    if (!placeholder) return document.dispatchEvent(new Event("DOMContentLoaded"));
    var script = document.createElement("script");
    script.src = placeholder.getAttribute("data-after-paint");
    if (placeholder.dataset.type) script.type = placeholder.dataset.type;
    script.onload = script.onerror = function () { placeholder.remove(); load(); };
    document.body.appendChild(script);
  }
  function afterPaint() { requestAnimationFrame(function () { setTimeout(load, 0); }); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", afterPaint, { once: true });
  else afterPaint();

  function beforeColoursSwitch() {
    var rules = document.querySelector("style[data-palette-switching]");
    if (rules) rules.media = "all";
  }
  document.addEventListener("change", function (event) {
    if (event.target.name === "__palette") beforeColoursSwitch();
  }, true);
  matchMedia("(prefers-color-scheme: light)").addEventListener("change", beforeColoursSwitch);

  var searchWanted = false, held = [];
  function path(url) { return new URL(url, location.href).pathname; }

  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.isSearchIndex = /\/search\/search_index\.json$/.test(path(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request.isSearchIndex || searchWanted) return send.apply(request, args);
    held.push(function () { send.apply(request, args); });
  };

  // The worker: the theme gets a stand-in that keeps its messages and passes on the real
  // worker's answers; the real one starts with the index. The theme only posts messages
  // and listens for "message" events; site.js patches Worker.prototype.postMessage, so the
  // prototype stays the real one.
  var RealWorker = window.Worker;
  if (RealWorker) {
    window.Worker = function Worker(url, options) {
      if (searchWanted || !/\/workers\/search\.\w+\.min\.js$/.test(path(url))) return new RealWorker(url, options);
      var standIn = new EventTarget(), waiting = [], real = null;
      standIn.postMessage = function (message) {
        if (real) real.postMessage(message);
        else waiting.push(message);
      };
      standIn.terminate = function () { if (real) real.terminate(); waiting = []; };
      held.push(function () {
        real = new RealWorker(url, options);
        real.addEventListener("message", function (event) {
          standIn.dispatchEvent(new MessageEvent("message", { data: event.data }));
        });
        waiting.splice(0).forEach(function (message) { real.postMessage(message); });
      });
      return standIn;
    };
    window.Worker.prototype = RealWorker.prototype;
  }

  function wantSearch() {
    if (searchWanted) return;
    searchWanted = true;
    held.splice(0).forEach(function (start) { start(); });
  }
  function onSearch(event) {
    var target = event.target;
    if (target.closest && target.closest(".md-search, [for=__search]")) wantSearch();
    else if (target.id === "__search") wantSearch();
  }
  ["focusin", "pointerdown", "pointerover", "change"].forEach(function (type) {
    document.addEventListener(type, onSearch, true);
  });
  document.addEventListener("keydown", function (event) {
    if (/^[sf\/]$/i.test(event.key)) wantSearch();
  }, true);
})();
