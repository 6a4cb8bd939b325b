// Resolves once every finite animation and transition running now has ended.
() => Promise.all(document.getAnimations()
  .filter(animation => animation.effect && animation.effect.getTiming().iterations !== Infinity)
  .map(animation => animation.finished.catch(() => null)))
