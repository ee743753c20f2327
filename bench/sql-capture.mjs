// Preloaded into the app under test (`node --import ./bench/sql-capture.mjs dist/src/main.js`).
// While switched on (SIGUSR2 toggles), every statement the app sends through the pg driver is appended to
// BENCH_SQL_CAPTURE as one JSON line: the text, the parameters as the driver serialises them, and the
// time until the result came back. The intake baseline replays exactly these statements in pgbench, and
// the sweep profile is built from their timings. Off, it costs one boolean test per query.
import { appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const file = process.env.BENCH_SQL_CAPTURE;
if (file) {
  const require = createRequire(path.join(process.cwd(), 'package.json'));
  const pg = require('pg');
  const { prepareValue } = require('pg/lib/utils.js');
  let on = false;
  let seq = 0;
  process.on('SIGUSR2', () => {
    on = !on;
    appendFileSync(file, JSON.stringify({ mark: on ? 'on' : 'off' }) + '\n');
  });
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function capturedQuery(config, values, callback) {
    if (!on) return query.call(this, config, values, callback);
    const text = typeof config === 'string' ? config : config?.text;
    const params = Array.isArray(values) ? values : config?.values;
    const entry = {
      seq: ++seq,
      conn: this.processID,
      text,
      values: params ? params.map((v) => (v === null || v === undefined ? null : prepareValue(v))) : undefined,
    };
    const started = performance.now();
    const done = (error) => {
      entry.ms = +(performance.now() - started).toFixed(3);
      if (error) entry.error = String(error.message ?? error);
      appendFileSync(file, JSON.stringify(entry) + '\n');
    };
    if (typeof values === 'function') {
      callback = values;
      values = undefined;
    }
    if (typeof callback === 'function') {
      return query.call(this, config, values, (error, result) => {
        done(error);
        callback(error, result);
      });
    }
    const result = query.call(this, config, values);
    if (result && typeof result.then === 'function')
      result.then(
        () => done(),
        (error) => done(error),
      );
    return result;
  };
}
