// Where the node's log lines go: stdout, through pino's SonicBoom. By default a failed write (a full
// disk under the log file, a closed pipe) makes SonicBoom emit 'error' with nobody listening, and the
// process dies: a node that could go on committing and answering would stop because of its log.
// Here a failed write is counted and the line kept in a bounded buffer; writes are retried with the
// next line, and once one succeeds a single line says how many failed and how many were dropped.
// The ledger never depends on the log, so losing log lines is the lesser harm.
import { pino } from 'pino';

/** Log bytes held while stdout refuses writes; beyond it, new lines are dropped (and counted). */
export const LOG_BUFFER_BYTES_MAX = 4 * 1024 * 1024;

export interface LogDestinationStats {
  /** Writes that failed (each failed attempt). */
  failedWrites: number;
  /** Lines dropped because the buffer was full. */
  droppedLines: number;
  /** The code of the last failure, e.g. ENOSPC or EPIPE. */
  lastErrorCode: string | undefined;
}

export interface LogDestination {
  readonly stream: ReturnType<typeof pino.destination>;
  readonly stats: LogDestinationStats;
}

export function createLogDestination(fd = 1, bufferBytesMax = LOG_BUFFER_BYTES_MAX): LogDestination {
  const stats: LogDestinationStats = { failedWrites: 0, droppedLines: 0, lastErrorCode: undefined };
  const stream = pino.destination({ dest: fd, sync: true, maxLength: bufferBytesMax });
  let failing = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    stats.failedWrites++;
    stats.lastErrorCode = error.code ?? error.message;
    failing = true;
  });
  stream.on('drop', () => {
    stats.droppedLines++;
  });
  stream.on('write', () => {
    if (!failing) return;
    failing = false;
    // Written through the same stream, after the lines it held: the gap in the log is explained.
    const line = JSON.stringify({ level: 40, time: Date.now(), event: 'log.recovered', failedWrites: stats.failedWrites,
      droppedLines: stats.droppedLines, lastErrorCode: stats.lastErrorCode, msg: 'log writes failed for a while; lines were held or dropped' });
    stream.write(`${line}\n`);
  });
  return { stream, stats };
}
