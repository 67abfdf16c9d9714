// The loader: reading content from disk (or memory) with positions and clear errors.
export type { Loader } from './types.js';
export { FsLoader } from './fs-loader.js';
export { MemoryLoader } from './memory-loader.js';
export { candidates, findFile, fileNotFoundMessage, isSearched } from './paths.js';
export { loadVarsFile } from './vars-file.js';
export { decodeUtf8 } from './decode.js';
