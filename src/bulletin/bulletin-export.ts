import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { csvField, displayWidth, guard } from '../reports/performance-export.js';
import { cellValue, type Bulletin } from './bulletin.query.js';
import { TARGET_KEYS, TARGET_NAMES } from './bulletin.sections.js';

/** The file's names: Chinese for people, ASCII for clients that cannot read RFC 5987 `filename*`. */
export const bulletinFileName = (month: string, format: 'csv' | 'xlsx') => ({ name: `月度通报-${month}.${format}`, ascii: `bulletin-${month}.${format}` });

/** A cell as the files hold it: text guarded against formula injection, a rate nobody was judged on left empty. */
function fileValue(bulletin: Bulletin, row: Bulletin['rows'][number], key: string): string | number | null {
  const kind = bulletin.columns.find((c) => c.key === key)!.kind;
  const v = cellValue(row, key);
  if (v === null) return null;
  return kind === 'text' ? (String(v) ? guard(String(v)) : null) : Number(v);
}

/** UTF-8 with a BOM and CRLF lines, so Excel opens the Chinese headings; the same columns as the console page. */
export function bulletinCsv(bulletin: Bulletin): Buffer {
  const lines = [bulletin.columns.map((c) => csvField(c.header)).join(',')];
  for (const row of bulletin.rows) lines.push(bulletin.columns.map((c) => csvField(String(fileValue(bulletin, row, c.key) ?? ''))).join(','));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

export async function bulletinXlsx(bulletin: Bulletin): Promise<Buffer> {
  const zone = bulletin.timeZone;
  const local = (iso: string) => DateTime.fromISO(iso).setZone(zone).toFormat('yyyy-MM-dd HH:mm:ss');
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(bulletin.generatedAt);
  const sheet = workbook.addWorksheet(`月度通报 ${bulletin.month}`);
  sheet.addRow(bulletin.columns.map((c) => c.header)).font = { bold: true };
  const widths = bulletin.columns.map((c) => displayWidth(c.header));
  for (const row of bulletin.rows) {
    const values = bulletin.columns.map((c) => fileValue(bulletin, row, c.key));
    const line = sheet.addRow(values);
    values.forEach((v, i) => (widths[i] = Math.max(widths[i], displayWidth(v === null ? '' : String(v)))));
    if (row.failedTargets.length) line.font = { color: { argb: 'FFB91C1C' } };
  }
  bulletin.columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.min(40, Math.max(8, widths[i] + 2));
    if (c.kind === 'percent') column.numFmt = '0.0';
  });
  sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 1 }];

  const about = workbook.addWorksheet('说明');
  about.addRow(['月份', bulletin.month]);
  about.addRow(['时区', zone]);
  about.addRow(['统计区间', `${local(bulletin.range.start)} 至 ${local(bulletin.range.end)}（不含）`]);
  about.addRow(['生成时间', local(bulletin.generatedAt)]);
  for (const t of TARGET_KEYS) about.addRow([`目标：${TARGET_NAMES[t]}`, `${Math.round(bulletin.targets[t] * 1000) / 10}%`]);
  about.addRow(['排序', '未达标的部门列在前面，未达标项列在最后一列；比率按已到期并已判定的件数计算，无可判定件时留空']);
  about.addRow(['延期', '按时响应与按时办结均以原定时限判定，延期不掩盖超时']);
  about.getColumn(1).width = 20;
  about.getColumn(2).width = 60;
  about.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
