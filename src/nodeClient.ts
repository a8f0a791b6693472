// The desktop language client: vscode-languageclient/node and the server process it starts. extension.ts reaches
// this module only through `import()` after activation (clientFeatures.ts, createClientAfterActivation), so the
// 400 KB library is not evaluated while VS Code waits for activate().
import * as vscode from 'vscode';
import {
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { SERVER_NODE_FLAGS } from '../common/serverProcess';

export function createNodeClient(
  context: vscode.ExtensionContext,
  options: Omit<LanguageClientOptions, 'revealOutputChannelOn'>,
): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6011'] },
    },
  };
  return new LanguageClient('designNotes', 'Design Notes', serverOptions, {
    ...options,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  });
}
