import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { SystemClock } from '../clock/clock.js';
import { loadAppConfig } from '../config/app-config.js';
import { loadPolicy } from '../config/policy.loader.js';
import { appDataSourceOptions } from '../app.entities.js';
import { buildComplaintSummary } from '../reports/complaint-summary.query.js';
import { performanceCsv, performanceXlsx } from '../reports/performance-export.js';
import { asCurrentReport, buildPerformanceReport } from '../reports/performance-report.query.js';
import type { PerformanceReport } from '../reports/performance-report.types.js';
import { MONTH_PATTERN } from '../config/statistical-month.js';
import { openCliDatabase } from './cli-database.js';

const USAGE =
  'usage: npm run report -- performance --month YYYY-MM [--format json|csv|xlsx] [--out FILE]\n       npm run report -- summary --month YYYY-MM [--out FILE]';

class UsageError extends Error {}

/** npm run report -- performance --month 2026-11 --format xlsx --out file.xlsx: the same report HR downloads. */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { month: { type: 'string' }, format: { type: 'string', default: 'json' }, out: { type: 'string' } },
  });
  const [command] = positionals;
  if (command !== 'performance' && command !== 'summary') throw new UsageError(`unknown report ${command ?? '(none)'}`);
  if (!values.month || !MONTH_PATTERN.test(values.month)) throw new UsageError('--month must be YYYY-MM');
  if (!['json', 'csv', 'xlsx'].includes(values.format!) || (command === 'summary' && values.format !== 'json'))
    throw new UsageError(`--format ${values.format} is not available for ${command}`);
  const config = loadAppConfig();
  const policy = loadPolicy(config.policyFile);
  const rule = { timeZone: policy.company.timeZone, startDay: policy.company.statisticalMonthStartDay };
  const db = await openCliDatabase(config);
  try {
    const ds = await new DataSource(appDataSourceOptions(db.url, 2)).initialize();
    try {
      const now = new SystemClock().now();
      let body: Buffer;
      if (command === 'summary') {
        body = Buffer.from(JSON.stringify(await buildComplaintSummary(ds.manager, values.month, rule, now), null, 2) + '\n');
      } else {
        // A closed month is read as it was frozen, exactly as GET /reports/performance answers.
        const [frozen] = await ds.query('SELECT report FROM report_performance_snapshot WHERE month = $1', [values.month]);
        const report: PerformanceReport = frozen ? asCurrentReport(frozen.report) : await buildPerformanceReport(ds.manager, values.month, rule, now);
        body =
          values.format === 'csv'
            ? performanceCsv(report)
            : values.format === 'xlsx'
              ? await performanceXlsx(report)
              : Buffer.from(JSON.stringify(report, null, 2) + '\n');
      }
      if (values.out) {
        writeFileSync(values.out, body);
        console.log(`wrote ${command} ${values.month} (${values.format}) to ${values.out}`);
      } else {
        process.stdout.write(body);
      }
    } finally {
      await ds.destroy();
    }
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
