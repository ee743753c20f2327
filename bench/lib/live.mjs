// The bench listens on the live fan-out's channel like any app instance does, to know when the events
// of a sweep have reached the dashboards (and so when the app is quiet again), without polling /metrics.
import pg from 'pg';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function listenLive(url, channel = 'live_events') {
  const listener = new pg.Client({ connectionString: url, application_name: 'bench-listener' });
  listener.on('error', (error) => process.stderr.write(`bench listener: ${error.message}\n`));
  await listener.connect();
  let count = 0;
  let lastAt = performance.now();
  listener.on('notification', (message) => {
    if (message.channel !== channel) return;
    count++;
    lastAt = performance.now();
  });
  await listener.query(`LISTEN ${channel}`);
  return {
    count: () => count,
    /**
     * Waits until `target` notifications have arrived in all; gives up (returns null) when none has come
     * for `idleMs`. Returns when the last one arrived.
     */
    async waitFor(target, idleMs = 5000) {
      for (;;) {
        if (count >= target) return lastAt;
        if (performance.now() - lastAt > idleMs) return null;
        await sleep(10);
      }
    },
    /** Waits until nothing has been fanned out for `ms`. */
    async quiet(ms = 500) {
      while (performance.now() - lastAt < ms) await sleep(50);
    },
    close: () => listener.end(),
  };
}
