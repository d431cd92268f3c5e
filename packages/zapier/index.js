// Zapier's CommonJS entry: its zapierwrapper.js requires <app>/index.js. The app is built to dist/.
module.exports = require('./dist/index.js').default;
