// gate's reporter for `node --test` (`--test-reporter=<this file>`): one JSON object per line for every test that
// finished, named `<file relative to the working directory> > <describe path> > <test name>`, so that two files with a
// test of the same name never share an id, and the file part can be handed back to `node --test` to run it again.
//
// status: `skipped` for skip/todo; a failure whose cause is an AssertionError inside the test body is `failed`; any
// other exception, a hook failure, a timeout or a file that fails to load is `errored`. Suites (`describe`) are not
// tests: a suite is reported only when it failed by itself (e.g. a `before` hook), not because a test in it failed.
import path from 'node:path';

const isAssertion = (error) => {
  const cause = error?.cause ?? error;
  return cause?.code === 'ERR_ASSERTION' || cause?.name === 'AssertionError' || cause instanceof Error && cause.constructor?.name === 'AssertionError';
};

const describe = (error) => {
  const cause = error?.cause ?? error;
  const message = String(cause?.message ?? cause ?? 'failed');
  const stack = typeof cause?.stack === 'string' ? cause.stack : String(cause ?? '');
  return { message, trace: stack };
};

export default async function* gateReport(source) {
  const stacks = new Map();
  for await (const event of source) {
    const data = event.data ?? {};
    const file = data.file ? path.relative(process.cwd(), data.file).split(path.sep).join('/') : '';
    const names = stacks.get(file) ?? [];
    if (event.type === 'test:start') {
      names.length = data.nesting ?? 0;
      names.push(data.name);
      stacks.set(file, names);
      continue;
    }
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const details = data.details ?? {};
    const failure = details.error;
    if (details.type === 'suite' && (event.type === 'test:pass' || failure?.failureType === 'subtestsFailed')) continue;
    const parents = names.slice(0, data.nesting ?? 0);
    // A file that fails to load is reported as a test named by its absolute path.
    const own = data.file && data.name === data.file ? [] : [data.name];
    const id = [file, ...parents, ...own].filter((part) => part !== '').join(' > ');
    let status = 'passed';
    let message = null;
    let trace = null;
    if (data.skip !== undefined || data.todo !== undefined) {
      status = 'skipped';
      message = typeof data.skip === 'string' ? data.skip : (typeof data.todo === 'string' ? data.todo : null);
    } else if (event.type === 'test:fail') {
      status = failure?.failureType === 'testCodeFailure' && isAssertion(failure) ? 'failed' : 'errored';
      ({ message, trace } = describe(failure));
    }
    const duration = typeof data.details?.duration_ms === 'number' ? data.details.duration_ms / 1000 : null;
    yield JSON.stringify({ id, status, message, trace, file: file || null, line: data.line ?? null, duration }) + '\n';
  }
}
