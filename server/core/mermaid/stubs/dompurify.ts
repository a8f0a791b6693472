// Stand-in for DOMPurify in the parse-only worker bundle. DOMPurify needs a `window` at import time, which Node
// lacks; parsing never sanitises anything that reaches a DOM, so identity sanitising keeps verdicts unchanged.
const purify = {
  isSupported: true,
  sanitize: (input: unknown): unknown => input,
  addHook: (): void => undefined,
  removeHook: (): void => undefined,
  removeHooks: (): void => undefined,
  removeAllHooks: (): void => undefined,
  setConfig: (): void => undefined,
  clearConfig: (): void => undefined,
  isValidAttribute: (): boolean => true,
};
export default purify;
