// The core's Node adapters, the only part of server/core that imports Node built-ins: the server and the CLI pass
// them into the core. Importing any of them also gives the core Node's paths (./platform).
import './platform';
export * from './fileSystem';
export * from './scaffoldFileSystem';
export * from './gitAuthor';
export * from './templatesFolder';
