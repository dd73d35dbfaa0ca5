// A fault found in data/, located precisely enough for a curator to fix it.
export interface DataProblem {
  /** File name inside data/. */
  file: string;
  /** Id of the record (or `#index` when it has none), absent for file-level problems. */
  record?: string;
  /** JSON Pointer inside the record (or the file). */
  path: string;
  message: string;
}

export class DataError extends Error {
  constructor(readonly problems: DataProblem[]) {
    super(`data/ is not valid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'DataError';
  }
}

export function formatProblem(problem: DataProblem): string {
  const record = problem.record === undefined ? '' : ` record "${problem.record}"`;
  return `  data/${problem.file}${record} at ${problem.path || '/'}: ${problem.message}`;
}
