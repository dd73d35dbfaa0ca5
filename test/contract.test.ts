// test/contract/ in one process (test/folder.ts).
import { runFolder } from './folder.js';

await runFolder('contract');
