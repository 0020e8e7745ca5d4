// The parser and mutation tests read and rewrite the whole module many times; under a
// full parallel test run on two cores they need more than Jest's 5 s default. The
// package's own "testTimeout" only applies when the package runs alone.
jest.setTimeout(60_000);
