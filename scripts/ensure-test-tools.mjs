// Tools the tests drive that npm cannot provide (only the package registries are reachable): Debian's Chromium
// for the browser tests (playwright-core, no browser download; a CJK font for the screenshots; its zh-CN locale,
// so that the browser's own date and time fields read 年/月/日 as on a resident's or manager's phone) and promtool
// (Debian's prometheus package) for the /metrics exposition check. On a fresh machine, as root, apt-get
// installs whichever is missing; otherwise this says what to install and the tests that need it fail.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const TOOLS = [
  { binary: '/usr/bin/chromium', packages: ['chromium', 'fonts-wqy-microhei'] },
  { binary: '/usr/lib/chromium/locales/zh-CN.pak', packages: ['chromium-l10n'] },
  { binary: '/usr/bin/promtool', packages: ['prometheus'] },
];

const missing = TOOLS.filter((tool) => !existsSync(tool.binary));
if (!missing.length) process.exit(0);
const packages = missing.flatMap((tool) => tool.packages);
const names = missing.map((tool) => tool.binary).join(', ');
if (process.platform !== 'linux' || typeof process.getuid !== 'function' || process.getuid() !== 0) {
  console.warn(
    `ensure-test-tools: ${names} missing and this is not root; the tests that use them will fail. Install them with: sudo apt-get install -y ${packages.join(' ')}`,
  );
  process.exit(0);
}
console.log(`ensure-test-tools: installing ${packages.join(', ')} with apt-get for ${names}`);
// The prometheus package would start its server where an init system runs; only promtool is wanted here.
execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${packages.join(' ')}`, { stdio: 'inherit' });
