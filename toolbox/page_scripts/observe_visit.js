// Run before a page's own scripts: record LCP, FCP and long tasks in window.__visit.
(() => {
  const seen = window.__visit = {lcp: [], fcp: null, longtasks: [], lastTask: 0};
  try {
    new PerformanceObserver(list => { for (const e of list.getEntries()) seen.lcp.push(e.startTime); })
      .observe({type: 'largest-contentful-paint', buffered: true});
    new PerformanceObserver(list => { for (const e of list.getEntries())
        if (e.name === 'first-contentful-paint') seen.fcp = e.startTime; })
      .observe({type: 'paint', buffered: true});
    new PerformanceObserver(list => { for (const e of list.getEntries()) {
        seen.longtasks.push([e.startTime, e.duration]); seen.lastTask = e.startTime + e.duration; } })
      .observe({type: 'longtask', buffered: true});
  } catch (error) { seen.error = String(error); }
})()
