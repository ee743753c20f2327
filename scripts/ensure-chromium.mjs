// The browser tests drive Debian's Chromium with playwright-core (no browser download: only the package
// registries are reachable). On a fresh machine, as root, install it and a CJK font for the screenshots.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
const PACKAGES = ['chromium', 'fonts-wqy-microhei'];

if (existsSync(CHROMIUM)) process.exit(0);
if (process.platform !== 'linux' || typeof process.getuid !== 'function' || process.getuid() !== 0) {
  console.warn(`ensure-chromium: ${CHROMIUM} is missing and this is not root; the browser tests will fail. Install it with: sudo apt-get install -y ${PACKAGES.join(' ')}`);
  process.exit(0);
}
console.log(`ensure-chromium: installing ${PACKAGES.join(', ')} with apt-get`);
execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${PACKAGES.join(' ')}`, { stdio: 'inherit' });
