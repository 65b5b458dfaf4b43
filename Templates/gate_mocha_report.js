// gate's reporter for mocha, given both as `--require` and as `--reporter`. Results go to the file named by
// $GATE_MOCHA_RESULTS, one JSON object per line, each test named `<file relative to the working directory> > <describe
// path> > <test title>`, so the file part can be handed back to mocha to run it again. The readable log is mocha's own
// `spec` reporter, on stdout as usual.
//
// status: `skipped` for pending tests; a failure whose error is an AssertionError (node's assert, chai, should) is
// `failed`; any other thrown error, a timeout, a failing hook, or a file that fails to load is `errored`.
//
// As `--require` (loaded before the test files) it wraps Mocha#loadFilesAsync:
// - with $GATE_MOCHA_FILES (a JSON list of paths), only those test files load, plus the `file:` setup files; mocha
//   itself would add the files given on its command line to the configuration's `spec`, not run them instead;
// - a test file that throws while loading is reported as an errored case named by the file, and the remaining files
//   still load and run (mocha alone would stop the whole run at the first such file).
'use strict';
const fs = require('fs');
const path = require('path');

const resultsPath = process.env.GATE_MOCHA_RESULTS;
const selectedFiles = process.env.GATE_MOCHA_FILES ? new Set(JSON.parse(process.env.GATE_MOCHA_FILES).map((file) => path.resolve(file))) : null;

// The mocha that is running: whichever copy loaded this file (the project's node_modules or a system one).
function runningMocha() {
  const key = Object.keys(require.cache).find((name) => name.split(path.sep).slice(-3).join('/') === 'mocha/lib/mocha.js');
  return key ? require.cache[key].exports : null;
}

function write(record) {
  if (resultsPath) fs.appendFileSync(resultsPath, JSON.stringify(record) + '\n');
}

function relative(file) {
  return file ? path.relative(process.cwd(), file).split(path.sep).join('/') : null;
}

function isAssertion(error) {
  return Boolean(error) && (error.code === 'ERR_ASSERTION' || error.name === 'AssertionError'
    || (error.constructor && error.constructor.name === 'AssertionError'));
}

function isTimeout(error) {
  return Boolean(error) && (error.code === 'ERR_MOCHA_TIMEOUT' || /^Timeout of \d+ms exceeded/.test(String(error.message)));
}

function describeError(error) {
  const message = String((error && error.message) || error || 'failed');
  const trace = error && typeof error.stack === 'string' ? error.stack : message;
  return { message, trace };
}

function caseID(runnable) {
  const file = relative(runnable.file);
  return [file, ...runnable.titlePath()].filter((part) => part).join(' > ');
}

const Mocha = runningMocha();
if (Mocha && !Mocha.prototype.gateWrappedLoading) {
  Mocha.prototype.gateWrappedLoading = true;
  const loadFilesAsync = Mocha.prototype.loadFilesAsync;
  Mocha.prototype.loadFilesAsync = async function gateLoadFilesAsync() {
    if (selectedFiles) {
      const setup = new Set([].concat(this.options.file || []).map((file) => path.resolve(file)));
      const seen = new Set();
      this.files = this.files.filter((file) => {
        const resolved = path.resolve(file);
        if (seen.has(resolved) || !(selectedFiles.has(resolved) || setup.has(resolved))) return false;
        seen.add(resolved);
        return true;
      });
    }
    let current = null;
    const track = (_context, file) => { current = file; };
    this.suite.on('pre-require', track);
    try {
      for (;;) {
        current = null;
        try {
          return await loadFilesAsync.call(this);
        } catch (error) {
          if (!current) throw error;
          const failed = path.resolve(current);
          const position = this.files.findIndex((file) => path.resolve(file) === failed);
          const { message, trace } = describeError(error);
          process.stderr.write(`\n  gate: ${relative(failed)} failed to load: ${trace}\n\n`);
          write({ id: relative(failed), status: 'errored', message: `failed to load: ${message}`, trace, file: relative(failed) });
          if (position < 0) throw error;
          this.files = this.files.slice(position + 1);
        }
      }
    } finally {
      this.suite.removeListener('pre-require', track);
    }
  };
}

function GateMochaReport(runner, options) {
  if (Mocha && Mocha.reporters && Mocha.reporters.Spec) new Mocha.reporters.Spec(runner, options);
  runner.on('pass', (test) => write({ id: caseID(test), status: 'passed', file: relative(test.file) }));
  runner.on('pending', (test) => write({ id: caseID(test), status: 'skipped', file: relative(test.file) }));
  runner.on('fail', (runnable, error) => {
    const hook = runnable.type === 'hook';
    const status = !hook && !isTimeout(error) && isAssertion(error) ? 'failed' : 'errored';
    const { message, trace } = describeError(error);
    write({ id: caseID(runnable), status, message: hook ? `hook failed: ${message}` : message, trace, file: relative(runnable.file) });
  });
}

module.exports = GateMochaReport;
