import type { CommanderError } from "commander";
import type { Lang } from "../messages/lang.js";

/** The token commander quotes in its message, e.g. the unknown option. */
function quoted(message: string): string {
  return /'([^']*)'/.exec(message)?.[1] ?? "";
}

/** Commander's usage errors, in the user's language. */
export function usageMessage(err: CommanderError, lang: Lang): { message: string; hint: string } {
  const q = quoted(err.message);
  const suggestion = /\(Did you mean ([^)?]+)\?\)/.exec(err.message)?.[1];
  const zh = lang === "zh";
  const hint = suggestion
    ? zh
      ? `是否应为 ${suggestion}？`
      : `did you mean ${suggestion}?`
    : zh
      ? "运行 reserve --help 或 reserve help <命令> 查看用法"
      : "run reserve --help or reserve help <command> for usage";
  switch (err.code) {
    case "commander.unknownOption":
      return { message: zh ? `未知选项 ${q}` : `unknown option ${q}`, hint };
    case "commander.unknownCommand":
      return { message: zh ? `未知命令 ${q}` : `unknown command ${q}`, hint };
    case "commander.missingArgument":
      return { message: zh ? `缺少参数 ${q}` : `missing argument ${q}`, hint };
    case "commander.optionMissingArgument":
      return { message: zh ? `选项 ${q} 需要一个值` : `option ${q} needs a value`, hint };
    case "commander.missingMandatoryOptionValue":
      return { message: zh ? `必须给出选项 ${q}` : `option ${q} is required`, hint };
    case "commander.excessArguments":
      return { message: zh ? "参数过多" : "too many arguments", hint };
    default:
      return { message: err.message.replace(/^error: /, ""), hint };
  }
}
