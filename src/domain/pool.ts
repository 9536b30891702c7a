import type { IsoDate } from "./dates.js";
import type { Reserve } from "./model.js";
import { statusCountsInPool } from "./terms.js";

/**
 * Only people who passed the district review (县级审核) count as in the pool (DESIGN §1 "Select"),
 * and only while their status is 在库 or 列为考察对象.
 */
export function inPool(r: Reserve, on: IsoDate): boolean {
  return statusCountsInPool(r.status) && r.selection.county !== undefined && r.selection.county <= on;
}

/** Selected by the village or town but not yet through the district review. */
export function pendingReview(r: Reserve, on: IsoDate): boolean {
  return statusCountsInPool(r.status) && !(r.selection.county !== undefined && r.selection.county <= on);
}
