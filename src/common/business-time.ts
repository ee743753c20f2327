/** The due time as the notices show it, e.g. 2026/11/29 10:51:21, in the business time zone; one formatter per zone. */
export function dueTimeFormatter(zone: string): (d: Date) => string {
  const format = new Intl.DateTimeFormat('zh-CN', {
    timeZone: zone,
    hour12: false,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return (d) => format.format(d);
}
