// Registers and sends the `designNotes/*` messages of common/protocol on the server's connection, typed by the
// protocol's objects. By method name, not by the objects themselves: `vscode-languageserver` bundles its own older
// `vscode-jsonrpc`, whose classes are not the protocol's (TypeScript rejects them, and jsonrpc compares parameter
// structures by identity, so a foreign object would send no params).
import type { NotificationType, NotificationType0, RequestType, RequestType0 } from 'vscode-jsonrpc';
import type { Connection } from 'vscode-languageserver/node';

/** Params arrive from any LSP client: handlers validate them (a request names paths, a client can name any). */
export function onRequest<P, R>(
  connection: Connection,
  type: RequestType<P, R, void>,
  handler: (params: P) => R | Promise<R>,
): void {
  connection.onRequest(type.method, async (params: P): Promise<unknown> => handler(params));
}

export function onRequest0<R>(
  connection: Connection,
  type: RequestType0<R, void>,
  handler: () => R | Promise<R>,
): void {
  connection.onRequest(type.method, async (): Promise<unknown> => handler());
}

export function onNotification0(connection: Connection, type: NotificationType0, handler: () => void): void {
  connection.onNotification(type.method, () => handler());
}

export function sendNotification<P>(connection: Connection, type: NotificationType<P>, params: P): Promise<void> {
  return connection.sendNotification(type.method, params);
}
