import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterAll, afterEach } from 'vitest';

afterEach(() => cleanup());
// a toast closed in the last test removes itself 200 ms later (sonner's TIME_BEFORE_UNMOUNT): let that
// timer run while the page still exists, not after jsdom is gone ("window is not defined", an
// unhandled error that fails the run)
afterAll(() => new Promise((resolve) => setTimeout(resolve, 250)));

// sonner's toasts capture the pointer on press; jsdom has no pointer capture
if (typeof Element !== 'undefined') {
  Element.prototype.setPointerCapture ??= () => {};
  Element.prototype.releasePointerCapture ??= () => {};
  Element.prototype.hasPointerCapture ??= () => false;
}
