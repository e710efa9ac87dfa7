// Preloaded into a report run by the bench (`node -r`): prints the process's peak RSS at exit.
process.on('exit', () => process.stderr.write(`maxrss ${process.resourceUsage().maxRSS}\n`));
