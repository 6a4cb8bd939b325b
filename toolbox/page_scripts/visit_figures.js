// The step's figures from window.__visit: LCP, TBT (long tasks over `blocking` ms after FCP), FCP.
(blocking) => {
  const v = window.__visit, start = v.click ?? 0;
  const fcp = v.fcp ?? (v.click !== undefined ? v.click : null);
  const tbt = v.longtasks.filter(([at]) => fcp !== null && at >= fcp)
    .reduce((sum, [, duration]) => sum + Math.max(0, duration - blocking), 0);
  const lcp = v.lcp.length ? v.lcp.at(-1) - start : null;
  return {lcp, tbt, fcp: fcp === null ? null : fcp - start, longtasks: v.longtasks.length,
          soft: v.click !== undefined, path: location.pathname, error: v.error ?? null};
}
