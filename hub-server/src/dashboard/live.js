// Live refresh: an EventSource on the store's SSE stream; each stored window of the kinds a page
// shows schedules one refresh (coalesced, so a burst of windows is one refetch).
export function liveRefresh({ storeId, kinds, refresh, onState, delayMs = 1000 }) {
  const source = new EventSource(`/api/v1/stores/${encodeURIComponent(storeId)}/live`);
  let timer;
  source.addEventListener('ready', () => onState?.(true));
  source.addEventListener('error', () => onState?.(false));
  source.addEventListener('window', (e) => {
    const event = JSON.parse(e.data);
    if (!kinds.includes(event.kind)) return;
    clearTimeout(timer);
    timer = setTimeout(refresh, delayMs);
  });
  return () => {
    clearTimeout(timer);
    source.close();
  };
}
