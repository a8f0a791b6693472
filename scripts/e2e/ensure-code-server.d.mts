// Types for ensure-code-server.mjs, so the TypeScript e2e harness can import it under strict checking.
export declare const CODE_SERVER_VERSION: string;
export declare const CHROMIUM: string;
export declare function cacheRoot(): string;
export declare function node24(): string;
export declare function ensureCodeServer(options?: { log?: (message: string) => void }): {
  dir: string;
  entry: string;
  node: string;
  chromium: string;
};
