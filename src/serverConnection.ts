// What the client's features need of the language client, by method name only.
//
// The desktop client is two files (scripts/build.mjs): dist/extension.js, with the features and common/protocol's
// message types, and dist/nodeClient.js, with vscode-languageclient and its own copy of vscode-jsonrpc, loaded after
// activation. vscode-jsonrpc tells a message type's parameter structure apart by object identity, so a type object
// built by one copy and sent through the other fails ("Unknown parameter structure auto"). Names cross the boundary
// safely; the types stay in the signatures of the helpers that send them (caseStudies/serverRequests.ts).
import type * as vscode from 'vscode';
import type { RequestHandlerHost } from './files/serveFileSystem';

export interface ServerConnection extends RequestHandlerHost {
  sendRequest(method: string, params?: unknown): Promise<unknown>;
  sendNotification(method: string, params?: unknown): Promise<void>;
  onNotification(method: string, handler: (params: unknown) => void): vscode.Disposable;
  onDidChangeState(listener: () => void): vscode.Disposable;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The Node client's (it also waits for a debug port); the browser client has none: stop, then start. */
  restart?(): Promise<void>;
}

/** The language client once it exists (it is created just after activation); undefined when it could not be. */
export type ClientGetter = () => Promise<ServerConnection | undefined>;
