export type Lang = "zh" | "en";

/** Chinese unless English is asked for (`--lang en`, or RESERVE_LANG=en). */
export function pickLang(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  const v = (flag ?? env.RESERVE_LANG ?? "zh").toLowerCase();
  return v.startsWith("en") ? "en" : "zh";
}
