/**
 * The page tests' environment: jsdom for the page (miniprogram-simulate renders into it), while
 * the emulator and the real cloud functions run in the same test file. Those need Node as it is:
 * packages resolved with Node's export conditions (the 'browser' default picks bson's ESM build)
 * Node's own binary types (Buffer is Node's, so jsdom's Uint8Array would make
 * `Buffer.from('') instanceof Uint8Array` false and esbuild/bson refuse to run; jest's node
 * environment makes the same swap), Node's timers (the emulator calls `.unref()` on them) and
 * Node's fetch (wx.downloadFile in the harness fetches an export's link from cloud storage).
 */
const { TestEnvironment } = require('jest-environment-jsdom');

class PageEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.customExportConditions = ['node', 'node-addons'];
    Object.assign(this.global, { Uint8Array, ArrayBuffer, TextEncoder, TextDecoder });
    Object.assign(this.global, { setTimeout, clearTimeout, setInterval, clearInterval, setImmediate, clearImmediate });
    Object.assign(this.global, { fetch, Response, Headers, Request });
  }
}

module.exports = PageEnvironment;
