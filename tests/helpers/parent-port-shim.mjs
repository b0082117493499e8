// Loaded (--import) into a plain Node child that stands in for Electron's utilityProcess in tests:
// gives it process.parentPort over the child_process IPC channel, as Electron gives a utility process.
process.parentPort = {
  on(event, listener) {
    if (event === 'message') process.on('message', (data) => listener({ data }));
  },
  postMessage(message) {
    process.send?.(message);
  },
};
// the parent went away (the test ended): so does this stand-in
process.on('disconnect', () => process.exit(0));
