// The workspace configuration's file name: the core loads it, the client creates and opens it.
export const CONFIG_FILE_NAME = '.designnotes.json';
