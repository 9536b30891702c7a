import type { Lang } from "../messages/lang.js";
import { reportLabels, type ReportLabels } from "./labels.js";
import { townTable, trainingGrid, villageRegisterTable } from "./ledgers.js";
import type { LedgerModel, TownRow, VillageRow } from "./model.js";
import { peopleOfVillage } from "./model-index.js";
import { tableSheet, type TableSheetOptions } from "./sheet-table.js";
import type { WorkbookSpec } from "./workbook.js";

/**
 * The ledgers as workbooks an office keeps and prints: 一镇一库 (every reserve of the town, every
 * field, the same table as the town's CSV) and 一村一册 (the village register, the year's
 * training sign-in sheet and its sessions). ID numbers and phones as in the Markdown ledgers:
 * masked unless the report was run with --reveal, which the page footer then says.
 */

function printed(model: LedgerModel, L: ReportLabels, name: string, title: string): TableSheetOptions {
  return {
    name,
    printHeader: `${title}（${L.reportDate}${L.colon}${model.date}）`,
    printFooter: L.sheet.footer,
    printNote: model.reveal ? L.revealed : L.masked,
  };
}

export function townWorkbook(model: LedgerModel, town: TownRow, lang: Lang): WorkbookSpec {
  const L = reportLabels(lang);
  const title = L.ledger.townTitle(town.name, model.year);
  return {
    title,
    date: model.date,
    sheets: [tableSheet(townTable(model, town, lang), printed(model, L, L.print.sheetTown, title))],
  };
}

export function villageWorkbook(model: LedgerModel, village: VillageRow, lang: Lang): WorkbookSpec {
  const L = reportLabels(lang);
  const title = L.ledger.villageTitle(village.townName, village.name, model.year);
  const people = peopleOfVillage(model, village.code);
  const training = trainingGrid(model, village, people, L);
  return {
    title,
    date: model.date,
    sheets: [
      tableSheet(villageRegisterTable(model, people, L), printed(model, L, L.print.sheetRegister, title)),
      tableSheet(training.grid, printed(model, L, L.print.sheetTraining, title)),
      tableSheet(training.list, printed(model, L, L.print.sheetSessions, title)),
    ],
  };
}
