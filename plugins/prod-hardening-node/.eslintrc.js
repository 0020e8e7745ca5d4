module.exports = require('../../scripts/eslintConfig')(__dirname);
