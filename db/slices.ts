// How long one slice of the back end's background work (the search index and the health table
// catching up, an import's preview and commit, thumbnails) may hold its thread before it yields.
// A call that arrives meanwhile waits for the slice, plus whatever else is running: one call (the
// dashboard, ~10 ms on large), a garbage collection, and on two cores the time to get a core back.
// At 20 ms, an export, an import and the dashboard at once kept a trivial call waiting 52–117 ms
// (stall bench, large; budget 50), the slice's ~20 ms of CPU being the largest part. One value for
// every kind of slice: two jobs at different lengths made the longer one the stall.
export const SLICE_MS = 10;
