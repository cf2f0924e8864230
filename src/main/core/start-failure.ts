/** The data folder cannot be made or written: said with the folder and the reason, never as a stack trace. */
export class DataDirError extends Error {
  constructor(
    readonly dir: string,
    cause: unknown,
  ) {
    const code = (cause as NodeJS.ErrnoException | null)?.code;
    const why =
      code === 'EROFS'
        ? 'it is on a read-only file system'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'ENOSPC'
            ? 'the disk is full'
            : code === 'ENOTDIR' || code === 'EEXIST'
              ? 'a file is in the way'
              : cause instanceof Error
                ? cause.message
                : String(cause);
    super(
      `the data folder ${dir} cannot be written (${why}${code ? `, ${code}` : ''}); ` +
        'choose a writable folder with --data-dir or SHELFCAST_DATA_DIR',
      { cause },
    );
    this.name = 'DataDirError';
  }
}

/** The one line both entry points (headless console, desktop app) print when the studio cannot start. */
export function startFailureMessage(err: unknown): string {
  const reason = err instanceof Error ? err.message : String(err);
  return `ShelfCast could not start: ${reason}`;
}
