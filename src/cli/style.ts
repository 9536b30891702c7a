/**
 * Colour only on a terminal, never when NO_COLOR is set (https://no-color.org) or TERM=dumb.
 * chalk is loaded only when colour is really used, so piped output starts faster.
 */
export interface Style {
  readonly error: (s: string) => string;
  readonly warning: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
  readonly location: (s: string) => string;
}

const plain: Style = { error: (s) => s, warning: (s) => s, dim: (s) => s, bold: (s) => s, location: (s) => s };

export function wantsColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  return stream.isTTY === true && env.TERM !== "dumb";
}

export async function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): Promise<Style> {
  return colourStyle(wantsColour(stream, env));
}

/** The style for output with colour or without (a worker is told which, it has no terminal). */
export async function colourStyle(colour: boolean): Promise<Style> {
  if (!colour) return plain;
  const { Chalk } = await import("chalk");
  const c = new Chalk({ level: 1 });
  return { error: c.red.bold, warning: c.yellow.bold, dim: c.dim, bold: c.bold, location: c.cyan };
}

export const PLAIN_STYLE = plain;
