// Runs an external tool (npm, tar) for the bundle builder: output passed through to our stderr so a
// long npm install shows progress, a failure reported with the command and its exit status.
import { spawn } from 'node:child_process';

export interface ToolRun {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Collect stdout instead of passing it through. */
  captureStdout?: boolean;
}

export class ToolError extends Error {}

export function runTool(command: string, args: readonly string[], o: ToolRun = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: o.cwd,
      env: o.env ?? process.env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    // npm's own progress goes to stderr; stdout would mix into the command's JSON line.
    if (!o.captureStdout) child.stdout?.pipe(process.stderr);
    const chunks: Buffer[] = [];
    if (o.captureStdout) child.stdout?.on('data', (c: Buffer) => chunks.push(c));
    child.once('error', (err) => reject(new ToolError(`${command}: ${err.message}`)));
    child.once('close', (code, signal) => {
      if (code === 0) resolve(Buffer.concat(chunks).toString('utf8'));
      else
        reject(
          new ToolError(
            `${command} ${args.join(' ')} failed (${signal ? `signal ${signal}` : `exit ${code}`})${o.cwd ? ` in ${o.cwd}` : ''}`,
          ),
        );
    });
  });
}
