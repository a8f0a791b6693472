// Bytes ↔ base64 with the platform's atob/btoa (browsers, web workers and Node ≥ 16 all have them), so neither the
// browser client nor the web worker server needs Node's Buffer. Pure: no vscode, no LSP, no node:*.

/** Chunked so String.fromCharCode never receives more arguments than an engine's stack allows. */
const CHUNK = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** Throws on text that is not base64 (atob's own error). */
export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
