// Modules the browser build generates (scripts/browserBuild.mjs).
declare module 'design-notes:templates' {
  /** The shipped templates/ folder: path relative to it ("standard/template.json") → text. */
  const files: Record<string, string>;
  export default files;
}
