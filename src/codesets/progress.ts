import cliProgress from 'cli-progress';

export interface Progress {
  /** Sets how far along the current file is (bytes read so far). */
  update(value: number): void;
  /** Finishes the bar (or does nothing when there is none). */
  stop(): void;
}

const silent: Progress = { update() {}, stop() {} };

/**
 * A progress bar on stderr when it is a terminal, nothing otherwise (CI logs and tests stay
 * clean). `total` is in bytes for file parsing.
 */
export function createProgress(
  label: string,
  total: number,
  enabled = Boolean(process.stderr.isTTY),
): Progress {
  if (!enabled || total <= 0) return silent;
  const bar = new cliProgress.SingleBar(
    {
      format: `${label.padEnd(28)} [{bar}] {percentage}% | {value_mb}/{total_mb} MB`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const mb = (n: number) => (n / 1_048_576).toFixed(1);
  bar.start(total, 0, { value_mb: mb(0), total_mb: mb(total) });
  return {
    update(value) {
      bar.update(value, { value_mb: mb(value) });
    },
    stop() {
      bar.update(total, { value_mb: mb(total) });
      bar.stop();
    },
  };
}
