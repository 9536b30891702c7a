import type { CommanderError } from "commander";
import type { Lang } from "../messages/lang.js";
import { ui } from "../messages/ui.js";

/** The token commander quotes in its message, e.g. the unknown option. */
function quoted(message: string): string {
  return /'([^']*)'/.exec(message)?.[1] ?? "";
}

/**
 * Commander's usage errors, in the user's language, with a hint that names what to look up: the
 * command's own help (`command`, when the command line names one) rather than the whole program's.
 */
export function usageMessage(err: CommanderError, lang: Lang, command?: string): { message: string; hint: string } {
  const t = ui(lang).usage.parser;
  const q = quoted(err.message);
  const suggestion = /\(Did you mean ([^)?]+)\?\)/.exec(err.message)?.[1];
  const cmd = command ?? "";
  const help = (specific: string) => (suggestion ? t.suggestion(suggestion) : command ? specific : t.commands);
  switch (err.code) {
    case "commander.unknownOption":
      return { message: t.unknownOption(q), hint: help(t.optionsOf(cmd)) };
    case "commander.unknownCommand":
      return { message: t.unknownCommand(q), hint: suggestion ? t.suggestion(suggestion) : t.commands };
    case "commander.missingArgument":
      return { message: t.missingArgument(q), hint: help(t.argumentsOf(cmd)) };
    case "commander.optionMissingArgument":
      return { message: t.optionMissingArgument(q), hint: help(t.valueOf(q.split(" ")[0]!, cmd)) };
    case "commander.missingMandatoryOptionValue":
      return { message: t.missingMandatoryOptionValue(q), hint: help(t.optionsOf(cmd)) };
    case "commander.excessArguments":
      return { message: t.excessArguments, hint: help(t.argumentsOf(cmd)) };
    default:
      return { message: err.message.replace(/^error: /, ""), hint: help(t.optionsOf(cmd)) };
  }
}
