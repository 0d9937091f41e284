/** Command-line options shared by the benchmarks' scripts: `--name value` and bare `--flag`. */

export function option(name: string, fallback: number): number {
  const args = process.argv.slice(2);
  const at = args.indexOf(`--${name}`);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} expects a positive whole number`);
  return value;
}

export function flag(name: string): boolean {
  return process.argv.slice(2).includes(`--${name}`);
}
