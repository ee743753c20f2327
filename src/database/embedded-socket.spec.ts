import { embeddedUrl } from './embedded-credentials.js';
import { socketDirFor } from './embedded-postgres.js';

describe('the embedded server’s Unix socket', () => {
  it('is kept in the data directory when the socket’s path fits the kernel’s 107 bytes', () => {
    expect(socketDirFor('/var/lib/complaint-desk/pg', 54329)).toBe('/var/lib/complaint-desk/pg');
    const longest = `/${'d'.repeat(107 - '/.s.PGSQL.54329'.length - 1)}`;
    expect(socketDirFor(longest, 54329)).toBe(longest);
    expect(socketDirFor(`${longest}x`, 54329)).toBeUndefined();
  });

  it('counts bytes, not characters, for a folder named in Chinese', () => {
    const chinese = `/${'数'.repeat(31)}`; // 93 bytes in UTF-8 (109 with the socket's name), 31 characters
    expect(socketDirFor(chinese, 54329)).toBeUndefined();
  });

  it('is not used for a folder whose name the setting would read as a list (comma, quote, white space): TCP only', () => {
    for (const dir of ['/srv/a,b/pg', '/srv/"desk"/pg', '/srv/my desk/pg']) expect(socketDirFor(dir, 54329)).toBeUndefined();
  });

  it('is named in the URL as libpq and the driver read it, the folder escaped', () => {
    expect(embeddedUrl(54329, 'desk_app', 'p@ss', 'complaint_desk', '/var/lib/complaint-desk/pg')).toBe(
      'postgres://desk_app:p%40ss@127.0.0.1:54329/complaint_desk?host=%2Fvar%2Flib%2Fcomplaint-desk%2Fpg',
    );
    expect(embeddedUrl(54329, 'desk_app', 'pw', 'complaint_desk')).toBe('postgres://desk_app:pw@127.0.0.1:54329/complaint_desk');
  });
});
