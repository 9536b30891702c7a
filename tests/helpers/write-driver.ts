/**
 * A test driver that changes every village file of a library in one transaction, through the same
 * library layer the commands use. The crash tests kill it at each step of the write protocol.
 * Usage: node write-driver.js <library> <tag>
 */
import { villageFile } from "../../src/io/layout.js";
import { changeLibrary } from "../../src/io/library-session.js";
import { villageText } from "../../src/io/serialize.js";
import { indexRegister } from "../../src/domain/library.js";
import { ReserveError } from "../../src/diagnostics/fatal.js";

const [root, tag] = process.argv.slice(2);
try {
  const waitMs = Number(process.env.DRIVER_WAIT_MS ?? 30_000);
  const changed = changeLibrary(root!, { today: "2021-12-31", command: "test-write", waitMs }, (loaded) => {
    const library = loaded.library!;
    const register = indexRegister(library.district);
    const writes = library.books.map((book) => ({
      target: villageFile(book.village),
      content: villageText(
        { village: book.village, reserves: book.reserves.map((r) => ({ ...r, note: `${tag}` })) },
        register,
      ),
    }));
    return {
      writes,
      history: {
        at: "2021-12-31T00:00:00Z",
        by: "tester",
        command: `test-${tag}`,
        changes: [{ action: "update", reason: tag }],
      },
      result: writes.length,
    };
  });
  process.stdout.write(`${changed}\n`);
} catch (err) {
  if (err instanceof ReserveError) {
    process.stderr.write(`${err.code}\n`);
    process.exitCode = err.exitCode;
  } else throw err;
}
