import { loadConfig } from '../config.js';
import { runCli } from './commands.js';

/** `xietong <command> …` — see `xietong help`. */
const [command = 'help', ...rest] = process.argv.slice(2);
runCli(command, rest, loadConfig())
  .then((code) => {
    if (code !== null) process.exitCode = code;
  })
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  });
