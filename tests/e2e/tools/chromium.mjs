// How every e2e test and measure launches Chromium: Debian's binary (never a browser Playwright downloads),
// headless, quiet (no calls home, no first-run UI). Playwright adds --no-sandbox itself (needed as root) and
// gives each browser a fresh temporary profile.
export const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

export const args = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export const launchOptions = { executablePath, args, chromiumSandbox: false };

/** The built site's URL (ends with "/"); scripts/test.sh and scripts/report.sh set E2E_BASE_URL. */
export const baseURL = withSlash(process.env.E2E_BASE_URL || 'http://127.0.0.1:8080/');

/** The same site under a sub-path (scripts/test.sh mounts it at /sub/dir/), or undefined. */
export const subpathURL = process.env.E2E_SUBPATH_URL ? withSlash(process.env.E2E_SUBPATH_URL) : undefined;

function withSlash(u) {
  return u.endsWith('/') ? u : `${u}/`;
}
