import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// CI runs every workspace's tests in parallel on two cores: give asynchronous
// queries room instead of failing on a slow render.
configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(30_000);

// jsdom has no layout: recharts' ResponsiveContainer only needs the observer to exist.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};
