/** What a CLI command may touch, injected so commands run the same in tests and in a terminal. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  /** Whether to colour the output (a TTY without NO_COLOR). */
  color: boolean;
}
