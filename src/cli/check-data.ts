// `npm run data:check`: validates data/ without touching any database; exit 1 with every problem listed.
import { loadConfig } from '../config.js';
import { loadData } from '../build/load.js';
import { DataError } from '../build/problems.js';

const { DATA_DIR } = loadConfig();
try {
  const { data, version } = loadData(DATA_DIR);
  console.log(
    `data/ is valid (version ${version}): ${data.communes.length} communes, ${data.intercommunalities.length} intercommunalities, ` +
      `${data.conventions.length} conventions, ${data.measures.length} measures, ${data.fundingLinks.length} funding links, ${data.contours.length} contours, ` +
      `${data.dataset.sources.length} sources.`,
  );
} catch (error) {
  if (!(error instanceof DataError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
