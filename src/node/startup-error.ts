// Why a node refused to start, with a stable code for scripts and tests; the message is for people
// and names the file, setting or process at fault.

export type StartupErrorCode =
  /** The genesis file cannot be read or is not JSON. */
  | 'GENESIS_UNREADABLE'
  /** The genesis time lies further ahead than GENESIS_WAIT_MS_MAX. */
  | 'GENESIS_TOO_FAR_AHEAD'
  /** Another live process holds the data directory. */
  | 'DATA_DIR_LOCKED'
  /** The data directory is not a directory, or cannot be written. */
  | 'DATA_DIR_UNUSABLE';

export class StartupError extends Error {
  override name = 'StartupError';
  readonly code: StartupErrorCode;

  constructor(code: StartupErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}
