// The browser language client (vscode-languageclient/browser) over a web worker. browserExtension.ts reaches this
// module only through `import()` after activation (clientFeatures.ts, createClientAfterActivation).
import {
  BrowserMessageReader,
  BrowserMessageWriter,
  LanguageClient,
  RevealOutputChannelOn,
  type LanguageClientOptions,
  type MessageTransports,
} from 'vscode-languageclient/browser';

export type ServerWorker = ConstructorParameters<typeof BrowserMessageReader>[0] & { terminate(): void };

/**
 * `startWorker` is called on every (re)start and returns a new worker. The client is given the transports, not the
 * Worker: its own `instanceof Worker` test fails on the extension host's Worker.
 */
export function createBrowserClient(
  startWorker: () => Promise<ServerWorker>,
  options: Omit<LanguageClientOptions, 'revealOutputChannelOn'>,
): LanguageClient {
  const transports = async (): Promise<MessageTransports> => {
    const worker = await startWorker();
    return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
  };
  return new LanguageClient('designNotes', 'Design Notes', transports, {
    ...options,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  });
}
