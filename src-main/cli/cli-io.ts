/** What a command needs of its process, so that tests can run commands in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Raw stdout for streaming exports (backpressure-aware). */
  stdoutStream: NodeJS.WritableStream;
  onSignal: (signal: NodeJS.Signals, handler: (signal: NodeJS.Signals) => void) => void;
}

export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  stdoutStream: process.stdout,
  onSignal: (signal, handler) => void process.on(signal, handler),
};
