// A draft experiment handed from one page to the Experiments page's form (the recommendations'
// "Plan as an experiment"): kept here for the next render of that page, taken once.
let pending;

/** draft: { storeId, id?, description?, date?, movedSkus?, pairs? }; then opens the Experiments page. */
export function planExperiment(draft) {
  pending = draft;
  location.hash = '#/experiments';
}

/** The draft for this store, if one is waiting; it is not given twice. */
export function takeDraft(storeId) {
  const draft = pending;
  pending = undefined;
  return draft?.storeId === storeId ? draft : undefined;
}
