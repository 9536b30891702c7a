export type Lang = "zh" | "en";

/** What the user asked for and where, when it is not a language the program speaks. */
export interface BadLang {
  readonly source: "--lang" | "RESERVE_LANG";
  readonly value: string;
}

/** zh or en, with a region or encoding after them as locales write them (zh-CN, en_US.UTF-8). */
function langOf(value: string): Lang | undefined {
  const m = /^(zh|en)(?:[-_.].*)?$/i.exec(value.trim());
  return m ? (m[1]!.toLowerCase() as Lang) : undefined;
}

/**
 * The language asked for (`--lang`, else RESERVE_LANG), Chinese when neither is given. A value that
 * is neither zh nor en is `bad`: the command refuses it (exit 2), said in the language the rest of
 * the choice gives.
 */
export function langChoice(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): {
  lang: Lang;
  bad?: BadLang;
} {
  const fromEnv = env.RESERVE_LANG === undefined || env.RESERVE_LANG.trim() === "" ? undefined : env.RESERVE_LANG;
  const envLang = fromEnv === undefined ? undefined : langOf(fromEnv);
  if (flag !== undefined) {
    const lang = langOf(flag);
    if (lang) return { lang };
    return { lang: envLang ?? "zh", bad: { source: "--lang", value: flag } };
  }
  if (fromEnv === undefined) return { lang: "zh" };
  if (envLang) return { lang: envLang };
  return { lang: "zh", bad: { source: "RESERVE_LANG", value: fromEnv } };
}

/** Chinese unless English is asked for (`--lang en`, or RESERVE_LANG=en); a bad value gives Chinese. */
export function pickLang(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  return langChoice(flag, env).lang;
}
