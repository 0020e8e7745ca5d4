module.exports = require('../../scripts/eslintConfig')(__dirname, {
  overrides: [
    {
      // One tamperer (the table owner on PostgreSQL) can also try TRUNCATE, which
      // SQLite does not have: the condition is the parameter row, not the outcome.
      files: ['src/services/remediation/historyChain.test.ts'],
      rules: { 'jest/no-conditional-expect': 'off' },
    },
  ],
});
