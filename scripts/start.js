// `npm start`: the built server (dist/server.js), run in this process. dist/ is built first (npm run build) when it is
// missing or when any file it was built from (listed with its hash in dist/inputs.json) is no longer the same, so an
// edit of src/ is always served, and an unchanged tree starts without compiling anything.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';

const root = new URL('..', import.meta.url);

/** Whether dist/ was built from the files as they are now. */
function current() {
  let inputs;
  try {
    ({ inputs } = JSON.parse(readFileSync(new URL('dist/inputs.json', root), 'utf8')));
  } catch {
    return false;
  }
  return Object.entries(inputs).every(([path, hash]) => {
    try {
      return (
        createHash('sha256')
          .update(readFileSync(new URL(path, root)))
          .digest('hex') === hash
      );
    } catch {
      return false;
    }
  });
}

if (!current()) {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    process.stderr.write('npm start: the build failed (above); nothing was started.\n');
    process.exit(build.status ?? 1);
  }
}
await import('../dist/server.js');
