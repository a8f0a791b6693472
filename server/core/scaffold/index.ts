// Case-study scaffolding, shared by "New Case Study", "Add Missing Files", the missing-file/section quick fixes
// and `design-notes new`. Pure planning (names, render, templates, plan) + careful writing (write) + loading
// through the core's FileSystem (templateLoader, templateLibraries). The Node-only parts (the disk writer, git's
// author, the shipped templates folder) are in server/core/node/.
export * from './names';
export * from './render';
export * from './templates';
export * from './plan';
export * from './write';
export * from './templateLoader';
export * from './templateLibraries';
export * from './caseStudyRoot';
export * from './templatesSetting';
export * from './writingPosition';
