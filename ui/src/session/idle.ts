// The idle lock's timer: calls `onIdle` once after `ms` without mouse, keyboard, wheel or touch activity on
// `target`. Activity only records a time (no timer churn on every mouse move); the timer re-checks at the
// deadline. Returns a function that stops watching.
const ACTIVITY_EVENTS = ["mousemove", "mousedown", "keydown", "wheel", "touchstart"] as const;

export function watchIdle(ms: number, onIdle: () => void, target: EventTarget = window): () => void {
  let last = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const bump = () => {
    last = Date.now();
  };
  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    for (const event of ACTIVITY_EVENTS) target.removeEventListener(event, bump, { capture: true });
  };
  const check = () => {
    const idle = Date.now() - last;
    if (idle >= ms) {
      stop();
      onIdle();
    } else {
      timer = setTimeout(check, ms - idle);
    }
  };
  for (const event of ACTIVITY_EVENTS) target.addEventListener(event, bump, { capture: true, passive: true });
  timer = setTimeout(check, ms);
  return stop;
}
