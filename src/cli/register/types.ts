import type { Command } from "commander";
import type { ExitCode } from "../../diagnostics/fatal.js";
import type { CliContext } from "../context.js";

/**
 * Adds one command to the program. Registration is cheap: the command's implementation is imported
 * inside its action, so only the command being run is loaded.
 */
export type RegisterCommand = (program: Command, ctx: CliContext, setExit: (code: ExitCode) => void) => void;
