// How often the theme's bundle loaded, and the article's tables, the theme's scroll wrappers
// around them, and wrappers inside wrappers (a theme started twice wraps its tables twice).
() => [
  performance.getEntriesByType("resource").filter(entry => /bundle\.[0-9a-f]+\.min\.js$/.test(entry.name)).length,
  document.querySelectorAll("article table").length,
  document.querySelectorAll(".md-typeset__scrollwrap").length,
  document.querySelectorAll(".md-typeset__scrollwrap .md-typeset__scrollwrap").length]
