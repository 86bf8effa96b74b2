import {execFile} from "node:child_process";
import {fileURLToPath} from "node:url";

/** What descent.py printed. */
export interface PythonRun {
  points: number;
  iterations_per_s: number;
  /** w and b after `iterations` steps from (1, 0). */
  check: {iterations: number; w: number; b: number};
}

const script = fileURLToPath(new URL("descent.py", import.meta.url));

/** Runs the Python reference loop; rejects with what went wrong (no python3, a traceback). */
export function runPython(o: {points?: number; seed?: number; learningRate: number; seconds: number; check: number}): Promise<PythonRun> {
  const args = [script, "--learning-rate", String(o.learningRate), "--seconds", String(o.seconds), "--check", String(o.check)];
  if (o.points) args.push("--points", String(o.points), "--seed", String(o.seed ?? 1));
  return new Promise((resolve, reject) => {
    execFile("python3", args, {timeout: 600_000}, (error, stdout, stderr) => {
      if (error) return reject(new Error(`python3 descent.py: ${stderr.trim().split("\n").pop() || error.message}`));
      try {
        resolve(JSON.parse(stdout) as PythonRun);
      } catch {
        reject(new Error(`python3 descent.py printed no JSON: ${stdout.slice(0, 200)}`));
      }
    });
  });
}
