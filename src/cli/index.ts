// The command line: argv in, exit code out.
export { main, type Io } from './main.js';
